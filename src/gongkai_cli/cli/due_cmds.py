"""What a unit owes: `due`, its tasks and deadlines (`owes` counts them: owes_cmds)."""

# No `from __future__ import annotations` here: typer reads the parameters'
# annotations on every run (inspect.signature, then typing.get_type_hints), and
# as strings each is compiled and evaluated twice, about 2 ms of the headline
# command; evaluated once at import they are ready objects.

from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    DueFormat,
    Grep,
    MemberOf,
    NoGrace,
    OutputFile,
    PlanId,
    ProgressOption,
    Raw,
    RoleChoice,
    UnitOption,
    output_format,
    plan_choice,
    plan_dir,
    raw_for,
)
from gongkai_cli.io.plans import ALL
from gongkai_cli.model.plan import Role

app = GongkaiTyper()


@app.command()
def due(
    unit: UnitOption,
    before: Annotated[
        str | None, typer.Option(help="Only tasks due on or before this date.", show_default=False)
    ] = None,
    after: Annotated[
        str | None,
        typer.Option(
            help="Only tasks due on or after this date; tasks due earlier and still open "
            "are listed apart.",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            help="Only tasks due in this month (2021-06); not with --before/--after.",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        str | None,
        typer.Option(
            help="Only tasks due from the as-of date to N days, weeks or months later "
            "(30d, 2w, 3m); not with --before/--after.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date the status is computed for (default: today in Asia/Shanghai, "
            "or $GONGKAI_TODAY).",
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        RoleChoice | None, typer.Option(help="Only tasks in this role.", show_default=False)
    ] = None,
    grep: Grep = None,
    open_only: Annotated[
        bool,
        typer.Option("--open", help="Hide tasks the progress file records as done."),
    ] = False,
    direct_only: DirectOnly = False,
    member_of: MemberOf = None,
    progress: ProgressOption = None,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: Annotated[
        DueFormat,
        typer.Option("--format", "-f", help="table for people; json, csv, md, ics or xlsx."),
    ] = "table",
    remind: Annotated[
        int,
        typer.Option(
            "--remind",
            min=0,
            help="ics: a reminder at 09:00 on the Nth working day before each due day "
            "(State Council calendar); 0 for none.",
        ),
    ] = 3,
    output_file: OutputFile = None,
    raw: Raw = False,
    include_ended: Annotated[
        bool,
        typer.Option(
            "--include-ended",
            help="With --plan all: list the plans that have ended too (their year and "
            "every due day before the as-of date), left out by default.",
        ),
    ] = False,
) -> None:
    """What a unit owes and by when, directly and through its collectives.

    Example: gongkai due --unit 市教委 --before 2021-06-30
    """
    output = output_format(output, output_file)
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.io import dates
    from gongkai_cli.queries.due import due_request

    before_date = dates.parse_date(before, "--before") if before else None
    after_date = dates.parse_date(after, "--after") if after else None
    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    request = due_request(
        unit,
        as_of_date,
        as_of_given=as_of is not None,
        member_of=member_of or (),
        direct_only=direct_only,
        before=before_date,
        after=after_date,
        month=month,
        within=within,
        role=Role(role.value) if role else None,
        grep=grep,
        open_only=open_only,
        calendar_file=output == "ics",
        remind=remind,
    )
    data, plan_id = plan_choice(data, plan_id)
    if plan_id is not None and plan_id.strip() == ALL:
        from gongkai_cli.queries.due_all import due_across
        from gongkai_cli.render.due_all_views import due_all_view

        across = due_across(request, progress, grace=not no_grace, include_ended=include_ended)
        write(due_all_view(across), output, output_file, raw=raw)
        return
    if include_ended:
        from gongkai_cli.errors import UsageError
        from gongkai_cli.i18n import _

        raise UsageError(_("--include-ended goes with --plan all: one plan is read whole"))
    from gongkai_cli.queries.due import due as answer
    from gongkai_cli.queries.scope import open_scope

    owed = answer(open_scope(plan_dir(data, plan_id), progress, grace=not no_grace), request)
    if output == "ics":
        from gongkai_cli.render.ics import due_calendar

        write(due_calendar(owed), output, output_file, raw=raw)
        return
    from gongkai_cli.render.due_views import due_view

    write(due_view(owed), output, output_file, raw=raw)
