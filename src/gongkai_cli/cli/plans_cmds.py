"""`plans`: the installed plans, side by side; `plans add DIR`, `plans use ID` and
`plans remove ID`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import ListFormatOption, Raw, raw_for
from gongkai_cli.i18n import _

app = GongkaiTyper()
plans_app = GongkaiTyper(invoke_without_command=True)  # help: the callback's docstring
app.add_typer(plans_app, name="plans")


@plans_app.callback(invoke_without_command=True)
def plans(ctx: typer.Context, output: ListFormatOption = "table", raw: Raw = False) -> None:
    """List the installed plans: id, the default, 文号, title, year, layout, tasks, place.

    The shipped plan, 沪府办〔2021〕21号, is always there with the id 2021. The default
    plan (`gongkai plans use ID`) is what commands read without --plan.

    Example: gongkai plans --format json
    """
    raw_for(output, raw)
    if ctx.invoked_subcommand is not None:
        return
    from gongkai_cli.cli.output import write
    from gongkai_cli.queries.plan import installed_plans
    from gongkai_cli.render.plans_views import plans_view

    write(plans_view(installed_plans()), output, raw=raw)


@plans_app.command("add")
def add(
    directory: Annotated[
        Path,
        typer.Argument(
            help="A plan directory: tasks.yaml, units.yaml, the source document "
            "(and rules.yaml if the plan sets time limits).",
            file_okay=False,
        ),
    ],
    plan_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The id to install it as (default: the plan's year).", show_default=False
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace the plan installed under the id (a corrected version of it), "
            "in one step.",
        ),
    ] = False,
) -> None:
    """Validate a plan directory and install a copy of it; exit 3 listing every problem.

    Example: gongkai plans add ./putuo-2025 --id putuo-2025
    """
    from gongkai_cli.plan.install import add as install
    from gongkai_cli.plan.load import validate_plan
    from gongkai_cli.render import note

    plan = validate_plan(directory)
    done = install(plan, plan_id, replace=replace)
    entry = done.entry
    message = (
        _("replaced: {id} ({number}, {tasks} tasks) in {directory}; use it with --plan {id2}")
        if done.replaced
        else _("installed: {id} ({number}, {tasks} tasks) in {directory}; use it with --plan {id2}")
    )
    note(
        message.format(
            id=entry.id,
            number=plan.document.number,
            tasks=len(plan.tasks),
            directory=entry.directory,
            id2=entry.id,
        )
    )
    if not _is_default(entry.id):  # after `plans add`, commands still read the default
        note(_("to read it without --plan: gongkai plans use {id}").format(id=entry.id))
    before, number = done.number_before, plan.document.number
    if before is not None and before != number:
        note(
            _(
                "its 文号 was {before} and is now {number}: a progress file that records "
                "{before2} is re-keyed with `gongkai progress rekey -p FILE --plan {id}`"
            ).format(before=before, number=number, before2=before, id=entry.id)
        )


def _is_default(plan_id: str) -> bool:
    """Whether commands without --plan read `plan_id` (False when that cannot be told)."""
    from gongkai_cli.errors import GongkaiError
    from gongkai_cli.io.plans import default_id

    try:
        return default_id() == plan_id
    except GongkaiError:  # a configuration file gongkai cannot read: said when it is read
        return False


@plans_app.command("use")
def use(
    plan_id: Annotated[str, typer.Argument(metavar="ID", help="The installed plan's id.")],
) -> None:
    """Make an installed plan the default: what every command reads without --plan.

    The choice is kept in gongkai's configuration file; --plan, --data,
    $GONGKAI_PLAN and $GONGKAI_DATA still win over it. `plans use 2021` goes back to
    the shipped plan.

    Example: gongkai plans use putuo-2025
    """
    from gongkai_cli.io import settings
    from gongkai_cli.plan.install import use as choose
    from gongkai_cli.render import note

    entry = choose(plan_id)
    note(
        _("default plan: {id}; commands without --plan read it (saved in {path})").format(
            id=entry.id, path=settings.config_file()
        )
    )
    overriding = settings.PLAN_ENV if settings.plan_name() else None
    overriding = overriding or (settings.DATA_ENV if settings.data_dir() else None)
    if overriding is not None:
        note(
            _("note: ${variable} is set, and wins over the default plan while it is").format(
                variable=overriding
            )
        )


@plans_app.command("remove")
def remove(
    plan_id: Annotated[str, typer.Argument(metavar="ID", help="The installed plan's id.")],
) -> None:
    """Remove an installed plan (the shipped 2021 plan stays).

    Example: gongkai plans remove putuo-2025
    """
    from gongkai_cli.io.plans import SHIPPED_ID
    from gongkai_cli.plan.install import remove as uninstall
    from gongkai_cli.render import note

    entry, was_default = uninstall(plan_id)
    note(_("removed: {id} ({directory})").format(id=entry.id, directory=entry.directory))
    if was_default:
        note(
            _(
                "{id} was the default plan: commands without --plan read the shipped plan "
                "{shipped} again (`gongkai plans use ID` chooses another)"
            ).format(id=entry.id, shipped=SHIPPED_ID)
        )
