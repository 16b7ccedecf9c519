"""What a unit owes: `due`, its tasks and deadlines (`owes` counts them: owes_cmds)."""

# No `from __future__ import annotations` here: typer reads the parameters'
# annotations on every run (inspect.signature, then typing.get_type_hints), and
# as strings each is compiled and evaluated twice, about 2 ms of the headline
# command; evaluated once at import they are ready objects.

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    DueFormat,
    Grep,
    MemberOf,
    OutputFile,
    PlanId,
    ProgressOption,
    RoleChoice,
    UnitOption,
    plan_choice,
    plan_dir,
)
from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.plans import ALL
from gongkai_cli.io.settings import PROGRESS_ENV
from gongkai_cli.model.plan import Role
from gongkai_cli.plan.load import load_plan

if TYPE_CHECKING:  # named in quotes below, so never imported at run time
    from pathlib import Path

    from gongkai_cli.plan.statutory import StatutoryDue

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
) -> None:
    """What a unit owes and by when, directly and through its collectives.

    Example: gongkai due --unit 市教委 --before 2021-06-30
    """
    from gongkai_cli.io import dates
    from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy, select
    from gongkai_cli.plan.units import UnitDirectory

    before_date = dates.parse_date(before, "--before") if before else None
    after_date = dates.parse_date(after, "--after") if after else None
    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    if month is not None or within is not None:
        from gongkai_cli.plan.window import due_window

        after_date, before_date = due_window(as_of_date, before_date, after_date, month, within)
    word = None
    if grep is not None:
        from gongkai_cli.plan.search import search_word

        word = search_word(grep)
    data, plan_id = plan_choice(data, plan_id)
    if plan_id is not None and plan_id.strip() == ALL:
        if word is not None or open_only:  # a progress file belongs to one plan: not read here
            raise UsageError(_("--grep and --open take one plan, not --plan all"))
        if progress is not None:  # given, perhaps by $GONGKAI_PROGRESS: say it is not read
            from gongkai_cli.render import note

            note(
                _(
                    "note: --plan all reads no progress file ({path} is one plan's): "
                    "nothing counts as done; give --plan ID to read it"
                ).format(path=progress)
            )
        all_role = Role(role.value) if role else None
        _due_all(
            unit,
            member_of or (),
            direct_only,
            before_date,
            after_date,
            as_of_date,
            all_role,
            output,
            output_file,
        )
        return
    plan = load_plan(plan_dir(data, plan_id))
    if as_of is None and as_of_date.year > plan.document.year:
        # Today is long past the plan's year: every status is "overdue". Say why.
        from gongkai_cli.render import note

        note(
            _(
                "note: statuses are as of today, {as_of_date}, after the plan's year {year}; "
                "use --as-of to see them as of another day"
            ).format(as_of_date=as_of_date, year=plan.document.year)
        )
    units = UnitDirectory(plan.units)
    who = asker(units, unit, member_of or ())
    if not who.listed and (said := units.admitted_note(unit)):
        from gongkai_cli.render import note

        note(said)
    policy = pre_issue_policy(plan.document)
    tasks, maybe = owed(plan.tasks, units, who, direct_only, policy=policy)

    statutory: list[StatutoryDue] = []
    # The 条例's yearly reports on the plan's year fall due the year after: a window that
    # ends in the plan's year (the headline) cannot reach them, and loads nothing more.
    reaches = before_date is None or before_date.year > plan.document.year
    if reaches and role is None and output != "ics":  # the 条例 gives no role
        from gongkai_cli.plan.statutory import statutory_in_plan

        statutory = statutory_in_plan(
            plan_dir(data, plan_id),
            units,
            who,
            plan.document.year,
            as_of_date,
            before=before_date,
            after=after_date,
            direct_only=direct_only,
            grep=word,
        )

    recorded = None
    if progress is not None:  # only then: the headline answer never reads YAML
        from gongkai_cli.progress.events import with_events
        from gongkai_cli.progress.file import load_progress

        recorded = load_progress(progress, plan)
        tasks = with_events(tasks, recorded)  # a task counted from a recorded event gets its day
    elif open_only:
        from gongkai_cli.render import note

        note(
            _("no progress file (--progress / ${progress_env}): nothing counts as done").format(
                progress_env=PROGRESS_ENV
            )
        )
    chosen_role = Role(role.value) if role else None
    chosen = select(tasks, maybe, as_of_date, before_date, after_date, chosen_role, word)

    from gongkai_cli.cli.output import write

    if output == "ics":
        from gongkai_cli.render import View
        from gongkai_cli.render.ics import calendar

        reminder = None
        if remind:
            from gongkai_cli.workdays.calendar import load_calendar

            reminder = (remind, load_calendar().working_day_before)
        events, undated = chosen.tasks, chosen.undated
        if open_only and recorded is not None:  # as in the table: done tasks left out
            from gongkai_cli.progress.assessment import open_obligations

            events = open_obligations(events, recorded, as_of_date)
            undated = open_obligations(undated, recorded, as_of_date)
        if undated:  # an event needs a day: say what the calendar leaves out, and where it is
            from gongkai_cli.i18n import ngettext
            from gongkai_cli.render import note

            note(
                ngettext(
                    "note: {count} task has no due day (ongoing, no time node, or waiting "
                    "for an event) and is not in the calendar; gongkai due lists it",
                    "note: {count} tasks have no due day (ongoing, no time node, or waiting "
                    "for an event) and are not in the calendar; gongkai due lists them",
                    len(undated),
                ).format(count=len(undated))
            )
        ics = calendar(plan.document, who.name, events, as_of_date, reminder)
        write(View(document=lambda: ics), output, output_file)
        return

    from gongkai_cli.render.due_views import due_view

    view = due_view(
        who,
        chosen,
        as_of_date,
        before=before_date,
        after=after_date,
        role=chosen_role,
        direct_only=direct_only,
        layout=plan.document.layout,
        progress=recorded,
        open_only=open_only,
        statutory=statutory,
        draft=plan.document.draft,
    )
    write(view, output, output_file)


def _due_all(
    unit: str,
    member_of: Sequence[str],
    direct_only: bool,
    before: dt.date | None,
    after: dt.date | None,
    as_of: dt.date,
    role: Role | None,
    output: DueFormat,
    output_file: "Path | None",
) -> None:
    """`due --plan all`: the answer of every installed plan, with a plan column."""
    from gongkai_cli.cli.output import write
    from gongkai_cli.plan.across import owed_across
    from gongkai_cli.render.due_all_views import due_all_view

    if output == "ics":
        raise UsageError(_("--format ics is one plan's calendar: give --plan ID, not all"))
    answers, skipped = owed_across(unit, member_of, direct_only, before, after, role, as_of)
    view = due_all_view(
        answers, skipped, as_of, before=before, after=after, role=role, direct_only=direct_only
    )
    write(view, output, output_file)
