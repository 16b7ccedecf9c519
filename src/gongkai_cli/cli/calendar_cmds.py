"""`gongkai calendar`: a month grid of holidays, 调休 working days and deadlines."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import DataDir, DirectOnly, HolidaysFile, MemberOf, PlanId, plan_dir
from gongkai_cli.i18n import _

app = GongkaiTyper()


@app.command()
def calendar(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help="Mark the tasks this unit owes (default: every task of the plan).",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            help="2021-06, 2021/6, 202106 or 2021年6月 (default: this month, or $GONGKAI_TODAY's).",
            show_default=False,
        ),
    ] = None,
    direct_only: DirectOnly = False,
    member_of: MemberOf = None,
    data: DataDir = None,
    plan_id: PlanId = None,
    holidays_file: HolidaysFile = None,
    output: Annotated[
        Literal["table", "json"],
        typer.Option("--format", "-f", help="table for people; json for scripts."),
    ] = "table",
) -> None:
    """Show a month: holidays, 调休 working days and the tasks that fall due.

    Example: gongkai calendar --unit 市教委 --month 2021-06
    """
    from gongkai_cli.errors import UsageError
    from gongkai_cli.io import dates
    from gongkai_cli.plan.load import load_plan
    from gongkai_cli.plan.month import Month, month_view, parse_month
    from gongkai_cli.workdays.calendar import load_calendar

    today = dates.today()
    chosen = parse_month(month, "--month") if month is not None else Month.of(today)
    if unit is None and (member_of or direct_only):
        raise UsageError(_("--member-of and --direct-only need --unit"))
    work_calendar = load_calendar(holidays_file)
    plan = load_plan(plan_dir(data, plan_id))
    from gongkai_cli.plan.obligations import pre_issue_policy

    policy = pre_issue_policy(plan.document)  # with a unit or without: the same due days
    if unit is None:
        view = month_view(work_calendar, chosen, today, tasks=plan.tasks, policy=policy)
    else:
        from gongkai_cli.plan.obligations import asker, owed
        from gongkai_cli.plan.units import UnitDirectory

        units = UnitDirectory(plan.units)
        who = asker(units, unit, member_of or ())
        tasks, maybe = owed(plan.tasks, units, who, direct_only, policy=policy)
        view = month_view(work_calendar, chosen, today, owed=tasks, may_apply=maybe, unit=who.name)
    from gongkai_cli import render

    year = plan.document.year
    if chosen.year != year:
        # The default month is today's, which is rarely in the plan's year: say so.
        render.note(
            _("note: the plan's deadlines are in {year}; try --month {year2}-{month:02d}").format(
                year=year, year2=year, month=chosen.month
            )
        )
    from gongkai_cli.cli.output import write
    from gongkai_cli.render.month import month_page

    write(month_page(view), output)
