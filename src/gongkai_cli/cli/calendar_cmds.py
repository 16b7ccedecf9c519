"""`gongkai calendar`: a month grid of holidays, 调休 working days and deadlines."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    HolidaysFile,
    MemberOf,
    NoGrace,
    PlanId,
    plan_dir,
)

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
    no_grace: NoGrace = False,
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
    from gongkai_cli.cli.output import write
    from gongkai_cli.io import dates
    from gongkai_cli.plan.month import parse_month
    from gongkai_cli.queries.calendar import CalendarRequest, calendar
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.month import month_page

    chosen = parse_month(month, "--month") if month is not None else None
    today = dates.today()
    request = CalendarRequest(chosen, unit, tuple(member_of or ()), direct_only, holidays_file)
    answer = calendar(open_scope(plan_dir(data, plan_id), grace=not no_grace), request, today)
    write(month_page(answer), output)
