"""`reply-check`: whether a reply met its deadline, for one case or every row of a file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    HolidaysFile,
    OutputFile,
    PlanId,
    Provisional,
    plan_dir,
)
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
from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

    from gongkai_cli.workdays.calendar import WorkCalendar
    from gongkai_cli.workdays.limits import LimitRequest
    from gongkai_cli.workdays.replies.batch import BatchChecker
    from gongkai_cli.workdays.replies.verdict import Verdict
    from gongkai_cli.workdays.rules import RuleBook


CheckFormat = Literal["table", "json", "csv", "jsonl", "xlsx"]
"""Output formats of `reply-check`: table or json for one case, any for a file."""

app = GongkaiTyper()


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
    channel: ChannelOption = None,
    restart: RestartOption = None,
    letters: Annotated[
        str | None,
        typer.Option(
            "--letters",
            help="A file: how its 信函申请 / 信件 rows came, once for the file: post (邮寄, "
            "签收之日) or ordinary-letter (平常信函, 确认之日) (条例 第三十一条第二项).",
            show_default=False,
        ),
    ] = None,
    pause: PauseOption = None,
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
            help="CSV with a header id,received,replied (+ rule or days, channel, restart), "
            ".xlsx, or .jsonl; - for standard input. --rule/--days/--channel give the default.",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The sheet of an .xlsx --file to check (default: the first).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The file's encoding, e.g. gbk (default: detected: UTF-8 with or without "
            "BOM, GB18030/GBK, UTF-16 with BOM).",
            show_default=False,
        ),
    ] = None,
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--columns",
            help="Which header holds what, for headers not recognised: ROLE=HEADER,... "
            "e.g. received=来电日期,replied=答复日期; roles id, received, replied, rule, "
            "days, channel, restart, unit; ROLE= for none. Chinese headers (受理日期, 答复日期, "
            "工单编号, 承办单位, ...) are found without it.",
            show_default=False,
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            help="A file: instead of the rows, a summary per group of this column: unit "
            "(承办单位), channel, rule or any header. Counts of each verdict, the on-time "
            "rate, the median and worst days late; table (default), json or csv.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="One case: table (default), json or xlsx. A file: csv (default), jsonl, json, "
            "table or xlsx.",
            show_default=False,
        ),
    ] = None,
    output_file: OutputFile = None,
    holidays_file: HolidaysFile = None,
    provisional: Provisional = False,
    rules_file: RulesFile = None,
    data: DataDir = None,
    plan_id: PlanId = None,
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
    book = load_rules(rules_file, plan_dir(data, plan_id))
    limit = limit_request(rule, days, calendar_days, receipt, channel, letters)
    if file is not None:
        given = (
            ("--received", received),
            ("--replied", replied),
            ("--restart", restart),
            ("--pause", pause),
        )
        for name, value in given:
            if value:
                raise UsageError(
                    _("{name} is for one case; a file gives it in each row").format(name=name)
                )
        from gongkai_cli.workdays.replies.columns import parse_columns

        named = parse_columns(columns or [])
        calendar = load_calendar(holidays_file, provisional)
        if group_by is not None:
            fmt: CheckFormat = output or "table"
            if fmt == "jsonl":
                raise UsageError(_("--group-by writes a table, json or csv"))
            return _group_file(
                (file, sheet),
                fmt,
                book,
                calendar,
                day,
                limit,
                encoding,
                named,
                group_by,
                output_file,
            )
        fmt = output or "csv"
        if output_file is not None and fmt not in ("table", "xlsx"):
            raise UsageError(
                _("--output is for table or xlsx; redirect {value} (> FILE)").format(value=fmt)
            )
        return _check_file(
            (file, sheet), fmt, book, calendar, day, limit, encoding, named, output_file
        )
    for name, value in (
        ("--encoding", encoding),
        ("--sheet", sheet),
        ("--columns", columns),
        ("--group-by", group_by),
    ):
        if value:
            raise UsageError(_("{name} is for --file").format(name=name))
    if received is None:
        raise UsageError(_("give --received DATE for one case, or --file FILE for many"))
    if output in ("csv", "jsonl"):
        raise UsageError(
            _("--format {value} is for --file; one case is table or json").format(value=output)
        )
    calendar = load_calendar(holidays_file, provisional)
    verdict = _check_one(book, calendar, day, received, replied, restart, limit, pause or [])
    from gongkai_cli import render
    from gongkai_cli.cli.output import write
    from gongkai_cli.render.workday_views import verdict_view
    from gongkai_cli.workdays.replies.verdict import ReplyStatus, future_remark

    write(verdict_view(calendar, verdict, day, book), output or "table", output_file)
    if remark := future_remark(verdict.received, verdict.replied, day):
        render.note(_("note: {remark}").format(remark=remark))
    return 1 if verdict.status in (ReplyStatus.MISSED, ReplyStatus.OVERDUE) else 0


def _check_one(
    book: RuleBook,
    calendar: WorkCalendar,
    as_of: Any,
    received: str,
    replied: str | None,
    restart: str | None,
    limit: LimitRequest,
    pauses: list[str],
) -> Verdict:
    from gongkai_cli.io.dates import parse_day
    from gongkai_cli.workdays.limits import LimitResolver
    from gongkai_cli.workdays.replies.verdict import check_case, parse_pause

    resolver = LimitResolver(book, limit)
    named = resolver.request_limit()
    received_day = parse_day(received, "--received")
    replied_day = parse_day(replied, "--replied") if replied is not None else None
    paused = [parse_pause(text) for text in pauses]
    restart_day = parse_day(restart, "--restart") if restart is not None else None
    resolved = resolver.on_day(named, received_day)  # the text in force on that day
    return check_case(
        calendar,
        resolved.period,
        received_day,
        replied_day,
        as_of,
        rule=resolved.rule or None,
        pauses=paused,
        restart=restart_day,
        channel=resolved.channel or None,
        rule_asked=resolved.asked or None,
    )


def _check_file(
    where: tuple[str, str | None],
    fmt: CheckFormat,
    book: RuleBook,
    calendar: WorkCalendar,
    as_of: Any,
    limit: LimitRequest,
    encoding: str | None,
    named: dict[str, str],
    output_file: Path | None = None,
) -> int:
    from gongkai_cli import render
    from gongkai_cli.cli.output import write as write_view
    from gongkai_cli.model.output import Format
    from gongkai_cli.render.progress_line import ProgressLine
    from gongkai_cli.workdays.replies.encoders import TableRow
    from gongkai_cli.workdays.replies.sheet_input import open_input

    checker = _checker(book, calendar, as_of, limit)
    table_rows: list[TableRow] = []
    file, sheet = where
    jsonl = file.endswith(".jsonl")

    def write(pieces: list[str]) -> None:
        sys.stdout.write("".join(pieces))

    kept = fmt in ("table", "xlsx")  # rows kept, then laid out at once
    if fmt == "xlsx" and output_file is None:
        render.refuse_xlsx_on_terminal(sys.stdout)  # before any row is read
    with open_input(file, sheet, named) as source, ProgressLine("reply-check", file) as progress:
        if kept:
            summary = checker.run(
                source,
                table_rows.extend,
                Format.TABLE,
                jsonl=jsonl,
                encoding=encoding,
                progress=progress,
                columns=named,
            )
        else:
            summary = checker.run(
                source,
                write,
                Format(fmt),
                jsonl=jsonl,
                encoding=encoding,
                progress=progress,
                columns=named,
            )
    if fmt == "table":
        from gongkai_cli.render.workday_views import batch_view

        write_view(batch_view(table_rows, calendar, as_of, book), fmt, output_file)
    elif fmt == "xlsx":
        from gongkai_cli.render.workday_views import batch_sheet_view

        write_view(batch_sheet_view(table_rows, summary.passed), fmt, output_file)
    render.note(summary.describe())
    for line in summary.notes():
        render.note(line)
    return summary.exit_code()


def _checker(
    book: RuleBook, calendar: WorkCalendar, as_of: Any, limit: LimitRequest
) -> BatchChecker:
    from gongkai_cli.workdays.limits import LimitResolver
    from gongkai_cli.workdays.replies.batch import BatchChecker
    from gongkai_cli.workdays.replies.fields import RowChecker

    return BatchChecker(RowChecker(calendar, LimitResolver(book, limit), as_of))


def _group_file(
    where: tuple[str, str | None],
    fmt: CheckFormat,
    book: RuleBook,
    calendar: WorkCalendar,
    as_of: Any,
    limit: LimitRequest,
    encoding: str | None,
    named: dict[str, str],
    group_by: str,
    output_file: Path | None = None,
) -> int:
    from gongkai_cli import render
    from gongkai_cli.cli.output import write
    from gongkai_cli.model.output import Format
    from gongkai_cli.render.group_views import groups_view
    from gongkai_cli.render.progress_line import ProgressLine
    from gongkai_cli.workdays.replies.encoders import TableRow
    from gongkai_cli.workdays.replies.groups import GroupTally, merged, tally_rows
    from gongkai_cli.workdays.replies.sheet_input import open_input

    checker = _checker(book, calendar, as_of, limit)
    groups: dict[str, GroupTally] = {}

    def tally(rows: list[TableRow]) -> None:
        tally_rows(((row.extra[0], row.result) for row in rows), calendar, as_of, groups)

    file, sheet = where
    with open_input(file, sheet, named) as source, ProgressLine("reply-check", file) as progress:
        summary = checker.run(
            source,
            tally,
            Format.TABLE,
            encoding=encoding,
            progress=progress,
            columns=named,
            group_by=group_by,
        )
    names: dict[str, str] = {}
    if summary.group_role is not None:  # every spelling of one rule or channel together
        same, names = book.spellings(summary.group_role)
        groups = merged(groups, same)
    write(groups_view(group_by, summary.passed[0], groups, names), fmt, output_file)
    render.note(summary.describe())
    for line in summary.notes():
        render.note(line)
    return summary.exit_code()
