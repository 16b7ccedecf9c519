"""`deadline`: the last day of a time limit counted from a day of receipt."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import DataDir, HolidaysFile, PlanId, Provisional, plan_dir
from gongkai_cli.cli.time_limit import (
    CalendarDays,
    ChannelOption,
    DaysOption,
    PauseOption,
    ReceiptOption,
    RestartOption,
    RuleOption,
    RulesFile,
    limit_request,
)

app = GongkaiTyper()


@app.command()
def deadline(
    from_: Annotated[
        str,
        typer.Option(
            "--from",
            help="Day (or ISO date-time) of receipt; naive times are Asia/Shanghai.",
            show_default=False,
        ),
    ],
    rule: RuleOption = None,
    days: DaysOption = None,
    calendar_days: CalendarDays = False,
    receipt: ReceiptOption = None,
    channel: ChannelOption = None,
    restart: RestartOption = None,
    pause: PauseOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="List every day from receipt to deadline.")
    ] = False,
    output: Annotated[
        Literal["table", "json"],
        typer.Option("--format", "-f", help="table for people; json for scripts."),
    ] = "table",
    holidays: HolidaysFile = None,
    provisional: Provisional = False,
    rules_file: RulesFile = None,
    data: DataDir = None,
    plan_id: PlanId = None,
) -> None:
    """Print the deadline of a time limit counted from a day of receipt.

    Example: gongkai deadline --from 2021-09-30 --rule consult --explain
    """
    from gongkai_cli.cli.output import write
    from gongkai_cli.io.dates import parse_day
    from gongkai_cli.render.workday_views import deadline_view
    from gongkai_cli.workdays.calendar import load_calendar
    from gongkai_cli.workdays.limits import LimitResolver
    from gongkai_cli.workdays.replies.verdict import parse_pause
    from gongkai_cli.workdays.rules import count_start, load_rules

    received = parse_day(from_, "--from")
    restarted = parse_day(restart, "--restart") if restart is not None else None
    start = count_start(received, restarted)
    request = limit_request(rule, days, calendar_days, receipt, channel)
    directory = plan_dir(data, plan_id)  # an unknown --plan is an error even with --days
    book = load_rules(rules_file, directory) if request.needs_rules else None
    resolver = LimitResolver(book, request)
    limit = resolver.on_day(resolver.request_limit(), received)  # the text in force then
    period = limit.period
    the_rule = book.get(limit.rule) if book is not None and limit.rule else None
    the_channel = book.channel(limit.channel) if book is not None and limit.channel else None
    pauses = [parse_pause(text) for text in pause or []]
    calendar = load_calendar(holidays, provisional)
    due = calendar.deadline(start, period, pauses)
    explained = calendar.explain(start, period, pauses) if explain else None
    view = deadline_view(
        calendar,
        received,
        period,
        due,
        explained,
        the_rule,
        the_channel,
        restarted,
        pauses,
        limit.asked or None,
        book,
    )
    write(view, output)
