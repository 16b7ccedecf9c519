"""Whether replies met their deadlines (`reply-check`): one case, or every row of a file.

The time limit (a rule, or a number of days) is resolved in workdays/limits.py, for a
case and for each row alike; a file is read and checked a chunk at a time by
workdays/replies (the batch checker), its text output handed to the sink the caller
gives, so a million rows never sit in memory; only a table, a workbook or a summary by
group keeps what it lays out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.output import Format

if TYPE_CHECKING:
    from gongkai_cli.workdays.calendar import WorkCalendar
    from gongkai_cli.workdays.limits import LimitRequest
    from gongkai_cli.workdays.replies.batch import BatchChecker, Summary
    from gongkai_cli.workdays.replies.encoders import TableRow
    from gongkai_cli.workdays.replies.groups import GroupTally
    from gongkai_cli.workdays.replies.verdict import Verdict
    from gongkai_cli.workdays.rules import RuleBook

Progress = Callable[[int, int | None], None]
"""Told the lines read so far and the position in the file, while a file is read."""


class ReplyCheck(NamedTuple):
    """What every reply-check needs: the day open cases are judged on, the time limit
    asked for, and the rules and calendar to count with."""

    as_of: dt.date
    limit: LimitRequest
    plan: Path
    """The plan whose own rules (rules.yaml) come before the statutory ones."""
    rules_file: Path | None = None
    """A rules file used alone instead (--rules)."""
    holidays: Path | None = None
    provisional: bool = False
    """Count a year the State Council has not yet arranged as its weekends (暂定)."""


class CaseAnswer(NamedTuple):
    """One case judged: the verdict, what it was counted with, and notes for stderr."""

    verdict: Verdict
    calendar: WorkCalendar
    book: RuleBook
    as_of: dt.date
    notes: list[str]

    @property
    def missed(self) -> bool:
        """Replied late, or still open past the deadline: exit 1."""
        from gongkai_cli.workdays.replies.verdict import ReplyStatus

        return self.verdict.status in (ReplyStatus.MISSED, ReplyStatus.OVERDUE)


def check_case(
    ask: ReplyCheck,
    received: str | None,
    replied: str | None = None,
    restart: str | None = None,
    pauses: Sequence[str] = (),
    *,
    file_options: Sequence[tuple[str, object]] = (),
    fmt: str | None = None,
) -> CaseAnswer:
    """One case: received (and replied, restarted after 补正, paused) as typed.

    `file_options` are the file's options given with it (each a usage error), and a
    file's format (csv, jsonl) is refused for one case.
    """
    from gongkai_cli.io.dates import parse_day
    from gongkai_cli.workdays.calendar import load_calendar
    from gongkai_cli.workdays.limits import LimitResolver
    from gongkai_cli.workdays.replies.verdict import check_case as judge
    from gongkai_cli.workdays.replies.verdict import future_remark, parse_pause

    book = _book(ask)
    for name, value in file_options:
        if value:
            raise UsageError(_("{name} is for --file").format(name=name))
    if received is None:
        raise UsageError(_("give --received DATE for one case, or --file FILE for many"))
    if fmt in ("csv", "jsonl"):
        raise UsageError(
            _("--format {value} is for --file; one case is table or json").format(value=fmt)
        )
    calendar = load_calendar(ask.holidays, ask.provisional)
    resolver = LimitResolver(book, ask.limit)
    named = resolver.request_limit()
    received_day = parse_day(received, "--received")
    replied_day = parse_day(replied, "--replied") if replied is not None else None
    paused = [parse_pause(text) for text in pauses]
    restart_day = parse_day(restart, "--restart") if restart is not None else None
    resolved = resolver.on_day(named, received_day)  # the text in force on that day
    verdict = judge(
        calendar,
        resolved.period,
        received_day,
        replied_day,
        ask.as_of,
        rule=resolved.rule or None,
        pauses=paused,
        restart=restart_day,
        channel=resolved.channel or None,
        rule_asked=resolved.asked or None,
    )
    notes = []
    if remark := future_remark(verdict.received, verdict.replied, ask.as_of):
        notes.append(_("note: {remark}").format(remark=remark))
    return CaseAnswer(verdict, calendar, book, ask.as_of, notes)


class FileAnswer(NamedTuple):
    """A file checked: the rows kept for a table or a workbook (none when they went to the
    sink), or their tally by group, and the summary for stderr."""

    summary: Summary
    calendar: WorkCalendar
    book: RuleBook
    as_of: dt.date
    rows: list[TableRow]
    groups: dict[str, GroupTally] | None
    """With --group-by: each group's counts (every spelling of one rule or channel
    together), by the group's value."""
    group_names: dict[str, str]
    """The name each merged group is shown by."""
    group_by: str | None = None
    """The column asked to group by (unit, channel, rule or a header)."""

    @property
    def lines(self) -> list[str]:
        """What to say on stderr: the counts, then any notes."""
        return [self.summary.describe(), *self.summary.notes()]


class FileRequest(NamedTuple):
    """A file of cases: where it is (a path or '-'), how to read it, and what to give."""

    file: str
    sheet: str | None = None
    encoding: str | None = None
    columns: Sequence[str] = ()
    """ROLE=HEADER pairs for headers not recognised (--columns)."""
    group_by: str | None = None
    fmt: str | None = None
    """As asked (--format); None: csv, or table with --group-by."""


def file_format(request: FileRequest) -> Format:
    """The format a file's answer is written in: csv by default, a table by group."""
    if request.group_by is not None:
        fmt = Format(request.fmt or "table")
        if fmt is Format.JSONL:
            raise UsageError(_("--group-by writes a table, json or csv"))
        return fmt
    return Format(request.fmt or "csv")


def check_file(
    ask: ReplyCheck,
    request: FileRequest,
    sink: Callable[[list[str]], None],
    *,
    case_options: Sequence[tuple[str, object]] = (),
    progress: Callable[[str], AbstractContextManager[Progress | None]] | None = None,
    before_reading: Callable[[Format], None] | None = None,
    cell: Callable[[str], str] | None = None,
) -> FileAnswer:
    """Every row of the file: text formats (csv, jsonl, json) go to `sink` a chunk at a
    time; a table or a workbook keeps the rows; --group-by tallies them.

    `case_options` are one case's options given with a file (each a usage error).
    `before_reading` is told the format once the checker is ready, before a row is read
    (it refuses a workbook on a terminal). `progress(file)` gives a context manager
    yielding the callback told the lines read, or None. `cell` is how csv writes each text
    field: the command's output sanitiser (render/sanitise.py, which this layer cannot
    import).
    """

    from gongkai_cli.workdays.replies.collector import paced_collector

    with paced_collector():
        return _check_file(ask, request, sink, case_options, progress, before_reading, cell)


def _check_file(
    ask: ReplyCheck,
    request: FileRequest,
    sink: Callable[[list[str]], None],
    case_options: Sequence[tuple[str, object]],
    progress: Callable[[str], AbstractContextManager[Progress | None]] | None,
    before_reading: Callable[[Format], None] | None,
    cell: Callable[[str], str] | None,
) -> FileAnswer:
    from gongkai_cli.workdays.calendar import load_calendar
    from gongkai_cli.workdays.replies.columns import parse_columns
    from gongkai_cli.workdays.replies.sheet_input import open_input

    book = _book(ask)
    for name, value in case_options:
        if value:
            raise UsageError(
                _("{name} is for one case; a file gives it in each row").format(name=name)
            )
    named = parse_columns(list(request.columns))
    calendar = load_calendar(ask.holidays, ask.provisional)
    fmt = file_format(request)
    checker = _checker(book, calendar, ask)
    if before_reading is not None:
        before_reading(fmt)
    rows: list[TableRow] = []
    groups: dict[str, GroupTally] | None = None
    names: dict[str, str] = {}
    showing = progress(request.file) if progress is not None else nullcontext()
    with open_input(request.file, request.sheet, named) as source, showing as told:
        if request.group_by is not None:
            from gongkai_cli.workdays.replies.groups import tally_rows

            groups = {}

            def tally(kept: list[TableRow]) -> None:
                assert groups is not None
                tally_rows(((r.extra[0], r.result) for r in kept), calendar, ask.as_of, groups)

            summary = checker.run(
                source,
                tally,
                Format.TABLE,
                encoding=request.encoding,
                progress=told,
                columns=named,
                group_by=request.group_by,
            )
        elif fmt in (Format.TABLE, Format.XLSX):  # rows kept, then laid out at once
            summary = checker.run(
                source,
                rows.extend,
                Format.TABLE,
                jsonl=request.file.endswith(".jsonl"),
                encoding=request.encoding,
                progress=told,
                columns=named,
            )
        else:
            summary = checker.run(
                source,
                sink,
                fmt,
                jsonl=request.file.endswith(".jsonl"),
                encoding=request.encoding,
                progress=told,
                columns=named,
                cell=cell,
            )
    if groups is not None and summary.group_role is not None:
        from gongkai_cli.workdays.replies.groups import merged

        same, names = book.spellings(summary.group_role)  # every spelling of one together
        groups = merged(groups, same)
    return FileAnswer(summary, calendar, book, ask.as_of, rows, groups, names, request.group_by)


def _book(ask: ReplyCheck) -> RuleBook:
    from gongkai_cli.workdays.rules import load_rules

    return load_rules(ask.rules_file, ask.plan)


def _checker(book: RuleBook, calendar: WorkCalendar, ask: ReplyCheck) -> BatchChecker:
    from gongkai_cli.workdays.limits import LimitResolver
    from gongkai_cli.workdays.replies.batch import BatchChecker
    from gongkai_cli.workdays.replies.fields import RowChecker

    return BatchChecker(RowChecker(calendar, LimitResolver(book, ask.limit), ask.as_of))
