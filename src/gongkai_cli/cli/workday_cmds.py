"""Working-day commands: `rules`, `deadline`, `holidays` and `reply-check`."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gongkai_cli.cli.options import Format, HolidaysFile, ListFormat
from gongkai_cli.errors import UsageError
from gongkai_cli.workdays.calendar import Receipt

if TYPE_CHECKING:
    from gongkai_cli.workdays.calendar import CountedDay, Period, WorkCalendar
    from gongkai_cli.workdays.replies import Progress, Verdict
    from gongkai_cli.workdays.rules import Rule, RuleBook


class CaseFormat(StrEnum):
    """Output formats of one deadline or one case."""

    table = "table"
    json = "json"


class CheckFormat(StrEnum):
    """Output formats of `reply-check`: table or json for one case, any for a file."""

    table = "table"
    json = "json"
    csv = "csv"
    jsonl = "jsonl"


app = typer.Typer()

RECEIPT_ZH = {
    Receipt.AS_RECEIVED: "收到当日不计入，自次日起算",
    Receipt.NEXT_WORKING_DAY: "非工作日收到的，视为下一工作日收到",
}

RulesFile = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        envvar="GONGKAI_RULES",
        help="Rules file to use instead of the shipped data/rules.yaml.",
        show_default=False,
        dir_okay=False,
    ),
]
RuleOption = Annotated[
    str | None,
    typer.Option("--rule", "-r", help="A rule id from 'gongkai rules'.", show_default=False),
]
DaysOption = Annotated[
    int | None,
    typer.Option("--days", "-d", help="A time limit in working days.", show_default=False),
]
CalendarDays = Annotated[
    bool,
    typer.Option("--calendar-days", help="Count --days as calendar days, not working days."),
]
ReceiptOption = Annotated[
    Receipt | None,
    typer.Option(
        "--receipt",
        help="as-received: count from the day of arrival (default); next-working-day: what "
        "arrives on a non-working day counts as received on the next working day. "
        "Default: the rule's own setting.",
        show_default=False,
    ),
]


def _period(
    rules: RuleBook | None,
    rule: str | None,
    days: int | None,
    calendar_days: bool,
    receipt: Receipt | None,
) -> Period:
    from gongkai_cli.workdays.calendar import DayType, Period

    if rule is not None and days is not None:
        raise UsageError("give --rule or --days, not both")
    if rule is None and days is None:
        raise UsageError("give --rule ID (see 'gongkai rules') or --days N")
    if rule is not None:
        if calendar_days:
            raise UsageError("--calendar-days goes with --days; a rule fixes its own day type")
        assert rules is not None
        period = rules.period(rule)
        return Period(period.count, period.day_type, receipt or period.receipt)
    assert days is not None
    if days < 1:
        raise UsageError(f"--days must be at least 1, not {days}")
    day_type = DayType.CALENDAR if calendar_days else DayType.WORKING
    return Period(days, day_type, receipt or Receipt.AS_RECEIVED)


def _period_zh(period: Period) -> str:
    unit = "个工作日" if period.day_type.value == "working" else "日"
    return f"{period.count}{unit}"


def _day_zh(calendar: WorkCalendar, date: Any) -> str:
    day = calendar.day(date) if calendar.covers(date) else None
    return f"{date.isoformat()} {day.weekday_zh} {day.label}" if day else date.isoformat()


def _rule_record(rule: Rule, book: RuleBook) -> dict[str, Any]:
    period = book.periods[rule.id]
    return {
        "id": rule.id,
        "name": rule.name,
        "count": rule.count,
        "day_type": rule.day_type.value,
        "total_days": period.count,
        "extends": rule.extends,
        "receipt": rule.receipt.value,
        "counts_from": rule.counts_from,
        "basis": rule.basis,
        "task": rule.task,
        "quote": rule.quote,
    }


@app.command()
def rules(output: Format = ListFormat.table, rules_file: RulesFile = None) -> None:
    """List the reply deadline rules: id, time limit, receipt convention and legal basis.

    Example: gongkai rules --format json
    """
    from gongkai_cli import render
    from gongkai_cli.workdays.rules import load_rules

    book = load_rules(rules_file)
    records = [_rule_record(rule, book) for rule in book]
    if output is ListFormat.json:
        render.emit_json(records)
        return
    if output is ListFormat.csv:
        render.emit_csv(list(records[0]) if records else [], records)
        return
    for record, rule in zip(records, book, strict=True):
        limit = _period_zh(book.periods[rule.id])
        record["limit"] = f"{limit}（含延长{rule.count}）" if rule.extends else limit
        start = "" if rule.counts_from == "收到之日" else f"（自{rule.counts_from}起算）"
        record["what"] = rule.name + start
    render.emit_table(
        [
            render.Column("规则", "id"),
            render.Column("期限", "limit"),
            render.Column("事项", "what", ratio=3),
            render.Column("依据", "basis", ratio=2),
        ],
        records,
        caption=f"{len(records)} 条规则; 收到当日不计入 (民法典 第二百零一条)",
    )


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
    from gongkai_cli.workdays.rules import load_rules

    received = parse_day(from_, "--from")
    book = load_rules(rules_file) if rule is not None else None
    period = _period(book, rule, days, calendar_days, receipt)
    calendar = load_calendar(holidays)
    due = calendar.deadline(received, period)
    counted = calendar.explain(received, period) if explain else []
    if output is CaseFormat.json:
        record: dict[str, Any] = {
            "from": received.isoformat(),
            "rule": rule,
            "days": period.count,
            "day_type": period.day_type.value,
            "receipt": period.receipt.value,
            "deadline": due.isoformat(),
        }
        if explain:
            record["explain"] = [_counted_record(day) for day in counted]
        render.emit_json(record)
        return
    limit = _period_zh(period) + (f" ({rule})" if rule else "")
    render.emit_fields(
        [
            ("收到", _day_zh(calendar, received)),
            ("期限", limit),
            ("起算", f"{period.receipt.value}: {RECEIPT_ZH[period.receipt]}"),
            ("截止", _day_zh(calendar, due)),
        ]
    )
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


@app.command()
def holidays(
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="The year (default: this year).", show_default=False),
    ] = None,
    output: Format = ListFormat.table,
    holidays_file: HolidaysFile = None,
) -> None:
    """List a year's official holidays and its 调休 make-up working days.

    Example: gongkai holidays --year 2021
    """
    from gongkai_cli import render
    from gongkai_cli.io.dates import today
    from gongkai_cli.workdays.calendar import load_calendar

    calendar = load_calendar(holidays_file)
    arrangement = calendar.year(year if year is not None else today().year)
    runs = [
        {
            "name": run.name,
            "first": run.first.isoformat(),
            "last": run.last.isoformat(),
            "days": run.days,
        }
        for run in arrangement.holidays
    ]
    makeup = [
        {"date": day.date.isoformat(), "weekday": day.weekday_zh, "name": day.name}
        for day in arrangement.makeup_workdays
    ]
    if output is ListFormat.json:
        render.emit_json(
            {
                "year": arrangement.year,
                "source": arrangement.source,
                "holidays": runs,
                "makeup_workdays": makeup,
            }
        )
        return
    if output is ListFormat.csv:
        render.emit_csv(
            ["kind", "name", "first", "last", "days"],
            [{"kind": "holiday", **run} for run in runs]
            + [
                {
                    "kind": "makeup_workday",
                    "name": day["name"],
                    "first": day["date"],
                    "last": day["date"],
                    "days": 1,
                }
                for day in makeup
            ],
        )
        return
    rows = [
        {
            "kind": "放假",
            "name": run.name,
            "dates": f"{run.first} 至 {run.last}" if run.days > 1 else f"{run.first}",
            "days": run.days,
        }
        for run in arrangement.holidays
    ] + [
        {"kind": "调休上班", "name": day.name, "dates": f"{day.date} ({day.weekday_zh})", "days": 1}
        for day in arrangement.makeup_workdays
    ]
    render.emit_table(
        [
            render.Column("类型", "kind"),
            render.Column("节日", "name"),
            render.Column("日期", "dates"),
            render.Column("天数", "days", justify="right"),
        ],
        rows,
        title=f"{arrangement.year}年 节假日安排",
        caption=f"来源: {arrangement.source}",
    )


@app.command("reply-check")
def reply_check(
    received: Annotated[
        str | None,
        typer.Option("--received", help="Day (or ISO date-time) of receipt.", show_default=False),
    ] = None,
    replied: Annotated[
        str | None,
        typer.Option(
            "--replied", help="Day of the reply; leave out for an open case.", show_default=False
        ),
    ] = None,
    rule: RuleOption = None,
    days: DaysOption = None,
    calendar_days: CalendarDays = False,
    receipt: ReceiptOption = None,
    pause: Annotated[
        list[str] | None,
        typer.Option(
            "--pause",
            help="START..END: working days not counted, e.g. while a third party is "
            "consulted (条例 第三十三条). Repeatable.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge open cases as of this day (default: today, or GONGKAI_TODAY).",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option(
            "--file",
            help="CSV with a header id,received,replied (+ rule or days), or .jsonl; "
            "- for standard input. --rule/--days give the default.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="One case: table (default) or json. A file: csv (default), jsonl, json or table.",
            show_default=False,
        ),
    ] = None,
    holidays_file: HolidaysFile = None,
    rules_file: RulesFile = None,
) -> int:
    """Check whether a reply met its deadline: one case, or every row of a file.

    Exit 0 in time (or open), 1 missed or overdue, 2 bad input (or any invalid row),
    4 a date outside the holiday calendar.

    Example: gongkai reply-check --received 2021-07-10 --replied 2021-07-16 --rule consult
    """
    from gongkai_cli.io.dates import parse_day, today
    from gongkai_cli.workdays.calendar import load_calendar
    from gongkai_cli.workdays.rules import load_rules

    day = parse_day(as_of, "--as-of") if as_of is not None else today()
    book = load_rules(rules_file)
    if file is not None:
        for name, value in (("--received", received), ("--replied", replied), ("--pause", pause)):
            if value:
                raise UsageError(f"{name} is for one case; a file gives it in each row")
        fmt = output or CheckFormat.csv
        return _check_file(
            file, fmt, book, load_calendar(holidays_file), day, rule, days, calendar_days, receipt
        )
    if received is None:
        raise UsageError("give --received DATE for one case, or --file FILE for many")
    if output in (CheckFormat.csv, CheckFormat.jsonl):
        raise UsageError(f"--format {output.value} is for --file; one case is table or json")
    return _check_one(
        book,
        load_calendar(holidays_file),
        day,
        received,
        replied,
        rule,
        days,
        calendar_days,
        receipt,
        pause or [],
        output or CheckFormat.table,
    )


STATUS_ZH = {
    "met": "按时答复",
    "missed": "逾期答复",
    "open": "尚未答复，未到期",
    "overdue": "尚未答复，已逾期",
    "invalid": "无法判断",
}


def _check_one(
    book: RuleBook,
    calendar: WorkCalendar,
    as_of: Any,
    received: str,
    replied: str | None,
    rule: str | None,
    days: int | None,
    calendar_days: bool,
    receipt: Receipt | None,
    pauses: list[str],
    output: CheckFormat,
) -> int:
    from gongkai_cli import render
    from gongkai_cli.io.dates import parse_day
    from gongkai_cli.workdays.replies import Status, check_case, parse_pause

    period = _period(book, rule, days, calendar_days, receipt)
    verdict = check_case(
        calendar,
        period,
        parse_day(received, "--received"),
        parse_day(replied, "--replied") if replied is not None else None,
        as_of,
        rule=rule,
        pauses=[parse_pause(text) for text in pauses],
    )
    if output is CheckFormat.json:
        render.emit_json(verdict.as_json())
    else:
        render.emit_fields(_verdict_fields(calendar, verdict, as_of))
    return 1 if verdict.status in (Status.MISSED, Status.OVERDUE) else 0


def _verdict_fields(calendar: WorkCalendar, verdict: Verdict, as_of: Any) -> list[tuple[str, str]]:
    period = verdict.period
    limit = _period_zh(period) + (f" ({verdict.rule})" if verdict.rule else "")
    used = "—" if verdict.working_days_used is None else str(verdict.working_days_used)
    fields = [
        ("收到", _day_zh(calendar, verdict.received)),
        (
            "答复",
            _day_zh(calendar, verdict.replied) if verdict.replied else f"尚未答复 (截至 {as_of})",
        ),
        ("期限", limit),
        ("起算", f"{period.receipt.value}: {RECEIPT_ZH[period.receipt]}"),
    ]
    fields += [("暂停", f"{p.start} 至 {p.end}") for p in verdict.pauses]
    fields += [
        ("截止", _day_zh(calendar, verdict.deadline)),
        ("已用工作日", used),
        ("结论", f"{verdict.status.value} {STATUS_ZH[verdict.status.value]}"),
    ]
    return fields


def _check_file(
    file: str,
    fmt: CheckFormat,
    book: RuleBook,
    calendar: WorkCalendar,
    as_of: Any,
    rule: str | None,
    days: int | None,
    calendar_days: bool,
    receipt: Receipt | None,
) -> int:
    from gongkai_cli import render
    from gongkai_cli.workdays.calendar import DayType
    from gongkai_cli.workdays.replies import BatchChecker, BatchFormat, open_batch

    if calendar_days and rule is not None:
        raise UsageError("--calendar-days goes with --days; a rule fixes its own day type")
    checker = BatchChecker(
        calendar,
        book,
        as_of,
        default_rule=rule,
        default_days=days,
        day_type=DayType.CALENDAR if calendar_days else DayType.WORKING,
        receipt=receipt,
    )
    table_rows: list[tuple[int, str, Any]] = []
    out = sys.stdout

    def emit(pieces: list[Any]) -> None:
        if fmt is CheckFormat.table:
            table_rows.extend(pieces)
        else:
            out.write("".join(pieces))

    with open_batch(file) as source, _progress(file) as progress:
        summary = checker.run(
            source,
            emit,
            BatchFormat(fmt.value),
            jsonl=file.endswith(".jsonl"),
            progress=progress,
        )
    if fmt is CheckFormat.table:
        _batch_table(table_rows)
    render.note(summary.describe())
    return summary.exit_code()


def _batch_table(rows: list[tuple[int, str, Any]]) -> None:
    from gongkai_cli import render

    records = [
        {
            "line": line,
            "id": row_id,
            "received": result.received,
            "replied": result.replied,
            "limit": f"{result.rule} {result.days or ''}".strip(),
            "deadline": result.deadline,
            "used": result.working_days_used,
            "status": result.status.value,
        }
        for line, row_id, result in rows
    ]
    reasons = [f"第{line}行: {result.reason}" for line, _, result in rows if result.reason]
    render.emit_table(
        [
            render.Column("行", "line", justify="right"),
            render.Column("编号", "id", ratio=1),
            render.Column("收到", "received"),
            render.Column("答复", "replied"),
            render.Column("期限", "limit"),
            render.Column("截止", "deadline"),
            render.Column("已用", "used", justify="right"),
            render.Column("结论", "status"),
        ],
        records,
        caption="\n".join(reasons) or None,
    )


class _progress:
    """A progress line on stderr while a file is checked, only when stderr is a terminal."""

    def __init__(self, file: str) -> None:
        self.total: int | None = None
        self.shown = False
        if sys.stderr.isatty() and file != "-":
            import os

            self.total = os.path.getsize(file) or None

    def __enter__(self) -> Progress | None:
        return self.update if sys.stderr.isatty() else None

    def update(self, lines: int, position: int | None) -> None:
        done = f"{lines:,} lines"
        if self.total and position is not None:
            done = f"{min(100, 100 * position // self.total):3d}%  {done}"
        sys.stderr.write(f"\rreply-check: {done}")
        sys.stderr.flush()
        self.shown = True

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")  # clear the line before the summary
            sys.stderr.flush()
