"""`deadline`: the last day of a time limit counted from a day of receipt."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from gongkai_cli.cli.options import HolidaysFile
from gongkai_cli.cli.time_limit import (
    CalendarDays,
    CaseFormat,
    ChannelOption,
    DaysOption,
    ReceiptOption,
    RestartOption,
    RuleOption,
    RulesFile,
    TimeLimit,
    channel_zh,
    day_zh,
    period_zh,
)

if TYPE_CHECKING:
    from gongkai_cli.workdays.days import CountedDay

app = typer.Typer()


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
    explain: Annotated[
        bool, typer.Option("--explain", help="List every day from receipt to deadline.")
    ] = False,
    output: Annotated[
        CaseFormat, typer.Option("--format", "-f", help="table for people; json for scripts.")
    ] = CaseFormat.table,
    holidays: HolidaysFile = None,
    rules_file: RulesFile = None,
) -> None:
    """Print the deadline of a time limit counted from a day of receipt.

    Example: gongkai deadline --from 2021-09-30 --rule consult --explain
    """
    from gongkai_cli import render
    from gongkai_cli.io.dates import parse_day
    from gongkai_cli.workdays.calendar import load_calendar
    from gongkai_cli.workdays.rules import count_start, load_rules

    received = parse_day(from_, "--from")
    restarted = parse_day(restart, "--restart") if restart is not None else None
    start = count_start(received, restarted)
    limit = TimeLimit(rule, days, calendar_days, receipt, channel)
    book = load_rules(rules_file) if limit.needs_rules else None
    period = limit.period(book)
    the_rule = book.get(rule) if book is not None and rule is not None else None
    the_channel = book.channel(channel) if book is not None and channel is not None else None
    calendar = load_calendar(holidays)
    due = calendar.deadline(start, period)
    counted = calendar.explain(start, period) if explain else []
    if output is CaseFormat.json:
        record: dict[str, Any] = {
            "from": received.isoformat(),
            "rule": the_rule.id if the_rule else None,
            "days": period.count,
            "day_type": period.day_type.value,
            "receipt": period.receipt.value,
            "deadline": due.isoformat(),
        }
        # Only when given, so the answers without them stay as they were.
        if the_channel is not None:
            record["channel"] = the_channel.id
        if restarted is not None:
            record["restart"] = restarted.isoformat()
        if explain:
            record["explain"] = [_counted_record(day) for day in counted]
        render.emit_json(record)
        return
    fields = [("收到", day_zh(calendar, received))]
    if the_channel is not None:
        fields.append(("渠道", channel_zh(the_channel)))
    if restarted is not None:
        fields.append(
            ("补正后收到", day_zh(calendar, restarted) + "，期限重新计算 (条例 第三十条)")
        )
    fields += [
        ("期限", period_zh(period) + (f" ({the_rule.label})" if the_rule else "")),
        ("起算", f"{period.receipt.value}: {period.receipt.zh}"),
        ("截止", day_zh(calendar, due)),
    ]
    render.emit_fields(fields)
    if explain:
        _explain_table(counted)


def _counted_record(counted: CountedDay) -> dict[str, Any]:
    day = counted.day
    return {
        "date": day.date.isoformat(),
        "weekday": day.weekday_zh,
        "kind": day.kind.value,
        "name": day.name,
        "counted": counted.counted,
        "note": counted.note or None,
    }


NOTE_ZH = {
    "received": "收到",
    "deemed received": "视为收到",
    "paused": "暂停计算",
    "extended": "顺延",
    "deadline": "截止",
}


def _explain_table(days: list[CountedDay]) -> None:
    from gongkai_cli import render

    rows = [
        {
            "date": counted.day.date.isoformat(),
            "weekday": counted.day.weekday_zh,
            "label": counted.day.label,
            "counted": counted.counted,
            "note": "、".join(NOTE_ZH[note] for note in counted.note.split(", ") if note),
        }
        for counted in days
    ]
    render.emit_table(
        [
            render.Column("日期", "date"),
            render.Column("星期", "weekday"),
            render.Column("类型", "label"),
            render.Column("计数", "counted", justify="right"),
            render.Column("说明", "note"),
        ],
        rows,
    )
