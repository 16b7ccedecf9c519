"""`reply-check`: whether a reply met its deadline, for one case or every row of a file."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    HolidaysFile,
    OutputFile,
    PlanId,
    Provisional,
    Raw,
    output_format,
    plan_dir,
    raw_for,
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

if TYPE_CHECKING:
    from pathlib import Path

    from gongkai_cli.queries.reply_check import FileAnswer


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
    raw: Raw = False,
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
    output = output_format(output, output_file)
    # What a file's csv needs, and no more: a big file's check starts with these.
    from gongkai_cli.io.dates import parse_day, today
    from gongkai_cli.queries import reply_check as asked
    from gongkai_cli.render import note
    from gongkai_cli.render.progress_line import ProgressLine
    from gongkai_cli.render.sanitise import csv_cell

    ask = asked.ReplyCheck(
        parse_day(as_of, "--as-of") if as_of is not None else today(),
        limit_request(rule, days, calendar_days, receipt, channel, letters),
        plan_dir(data, plan_id),
        rules_file,
        holidays_file,
        provisional,
    )
    if file is None:
        file_options = (
            ("--encoding", encoding),
            ("--sheet", sheet),
            ("--columns", columns),
            ("--group-by", group_by),
        )
        raw_for(output or "table", raw)
        case = asked.check_case(
            ask, received, replied, restart, pause or [], file_options=file_options, fmt=output
        )
        from gongkai_cli.cli.output import write
        from gongkai_cli.render.workday_views import verdict_view

        write(verdict_view(case), output or "table", output_file, raw=raw)
        return 1 if case.missed else 0
    request = asked.FileRequest(file, sheet, encoding, columns or [], group_by, output)
    raw_for(asked.file_format(request), raw)
    case_options = (
        ("--received", received),
        ("--replied", replied),
        ("--restart", restart),
        ("--pause", pause),
    )
    # csv, jsonl and json rows stream to stdout as they come; to -o FILE they are
    # gathered and the file written whole at the end, as every other format is.
    streamed: list[str] = []
    answer = asked.check_file(
        ask,
        request,
        _stream if output_file is None else streamed.extend,
        case_options=case_options,
        progress=lambda path: ProgressLine("reply-check", path),
        before_reading=lambda fmt: _refuse_xlsx(fmt, group_by, output_file),
        cell=csv_cell(raw),
    )
    _write_answer(answer, asked.file_format(request), output_file, streamed, raw)
    for line in answer.lines:
        note(line)
    return answer.summary.exit_code()


def _write_answer(
    answer: FileAnswer, fmt: str, output_file: Path | None, streamed: list[str], raw: bool
) -> None:
    """A file's answer: groups, a table or a workbook through `write`; the rows streamed
    (csv, jsonl, json) written whole to -o FILE, when it names one."""
    if answer.groups is not None:
        from gongkai_cli.cli.output import write
        from gongkai_cli.render.group_views import groups_view

        write(groups_view(answer), fmt, output_file, raw=raw)
    elif fmt in ("table", "xlsx"):
        from gongkai_cli.cli.output import write
        from gongkai_cli.render.workday_views import batch_sheet_view, batch_view

        view = batch_view(answer) if fmt == "table" else batch_sheet_view(answer)
        write(view, fmt, output_file, raw=raw)
    elif output_file is not None:
        from gongkai_cli.cli.output import wrote
        from gongkai_cli.io.files import write_atomically

        write_atomically(output_file, "".join(streamed))
        wrote(output_file)


def _stream(pieces: list[str]) -> None:
    """csv, jsonl and json rows written as they come, a chunk at a time."""
    sys.stdout.write("".join(pieces))


def _refuse_xlsx(fmt: str, group_by: str | None, output_file: Path | None) -> None:
    """A workbook of the rows is refused on a terminal before any row is read."""
    if group_by is None and fmt == "xlsx" and output_file is None:
        from gongkai_cli.render import refuse_xlsx_on_terminal

        refuse_xlsx_on_terminal(sys.stdout)
