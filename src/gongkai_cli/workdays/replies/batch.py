"""The batch engine: every row of a file checked, one result per input line, in order.

`BatchChecker.run` reads CSV (a header with id, received, replied and optionally
rule or days, channel and restart) or JSON Lines, and writes one result per input
line, in input order, as it goes: memory stays constant whatever the file's size.
A line that cannot be read (bytes that do not decode, a stray quote, a line too
long, JSON that is not a record) or a row that cannot be checked (bad date, reply
or restart before receipt, unknown rule or channel, missing id, wrong number of
fields) becomes an `invalid` result carrying its line number and the reason; it is
never dropped and never counted as met. Lines holding nothing but spaces carry no
row and are skipped. A receipt or reply dated after the as-of day (today) is
checked, with a remark in `reason`.

Speed: most files repeat the same few thousand (received, replied, rule)
combinations, so each distinct combination is checked once and its formatted
output cached; a row then costs one dictionary lookup and one string join
(`csv_input` has the fast path).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any, Literal, TypeVar, overload

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import _, ngettext
from gongkai_cli.model.output import Format
from gongkai_cli.workdays.replies.collector import paced_collector
from gongkai_cli.workdays.replies.csv_input import CsvRows
from gongkai_cli.workdays.replies.encoders import (
    TABLE_ENCODER,
    TEXT_ENCODERS,
    CsvEncoder,
    Encoder,
    TableRow,
)
from gongkai_cli.workdays.replies.fields import RowChecker
from gongkai_cli.workdays.replies.jsonl_input import JsonlRows
from gongkai_cli.workdays.replies.sheet_input import SheetReader
from gongkai_cli.workdays.replies.source import LineReader
from gongkai_cli.workdays.replies.verdict import ReplyStatus

S = TypeVar("S", bound=Hashable)
P = TypeVar("P")

Progress = Callable[[int, int | None], None]
"""Called after each chunk with the lines read so far and, for a file, the bytes read."""


@dataclass(slots=True)
class Summary:
    """How many rows got each status."""

    met: int = 0
    missed: int = 0
    open: int = 0
    overdue: int = 0
    invalid: int = 0
    outside: int = 0
    """Rows whose channel no rule covers (--rule auto): reported, not failed."""
    uncertain: int = 0
    """Rows whose verdict the next year's unpublished 调休 could change: exit 4."""
    passed: tuple[str, ...] = ()
    """The input's columns that passed through to the output (with --group-by, the
    group's column)."""
    group_role: str | None = None
    """With --group-by: `rule` or `channel` when the group column is that checked column."""
    unknown_intake: dict[str, int] = field(default_factory=dict)
    """With --rule auto: each channel value not in the intake map, with its rows."""

    @property
    def rows(self) -> int:
        """All rows checked."""
        return (
            self.met
            + self.missed
            + self.open
            + self.overdue
            + self.invalid
            + self.outside
            + self.uncertain
        )

    def add(self, status: ReplyStatus, count: int = 1) -> None:
        """Count `count` more rows with `status`."""
        setattr(self, status.value, getattr(self, status.value) + count)

    def exit_code(self) -> int:
        """2 if any row is invalid, else 4 if the next year's 调休 could change a row's
        verdict, else 1 if any is missed or overdue, else 0."""
        if self.invalid:
            return 2
        if self.uncertain:
            return 4
        return 1 if self.missed or self.overdue else 0

    def describe(self) -> str:
        """`met 5, missed 1, open 0, overdue 2, invalid 0 (8 rows)`."""
        counts = {status.value: getattr(self, status.value) for status in ReplyStatus}
        return ngettext(
            "met {met}, missed {missed}, open {open}, overdue {overdue}, invalid {invalid} "
            "({rows} row)",
            "met {met}, missed {missed}, open {open}, overdue {overdue}, invalid {invalid} "
            "({rows} rows)",
            self.rows,
        ).format(**counts, rows=self.rows)

    def notes(self) -> list[str]:
        """The lines after `describe`: each channel value not in the intake map once,
        with its count, and the rows outside the rules."""
        lines = [
            ngettext(
                "channel {value}: not in the intake map, {count} row (invalid)",
                "channel {value}: not in the intake map, {count} rows (invalid)",
                count,
            ).format(value=shown(value), count=count)
            for value, count in sorted(self.unknown_intake.items(), key=lambda v: (-v[1], v[0]))
        ]
        if self.uncertain:
            lines.append(
                ngettext(
                    "{count} row uncertain (待定): the next year's 调休, not yet published, "
                    "could change its verdict (--provisional gives a 暂定 one)",
                    "{count} rows uncertain (待定): the next year's 调休, not yet published, "
                    "could change their verdict (--provisional gives a 暂定 one)",
                    self.uncertain,
                ).format(count=self.uncertain)
            )
        if self.outside:
            lines.append(
                ngettext(
                    "{count} row outside the rules (不适用): its channel is one no rule covers",
                    "{count} rows outside the rules (不适用): their channel is one no rule covers",
                    self.outside,
                ).format(count=self.outside)
            )
        return lines


class BatchChecker:
    """Checks every row of a file with one row checker, reading and writing as it goes."""

    def __init__(self, rows: RowChecker) -> None:
        """`rows`: the checker of one row (calendar, time limits, as-of day)."""
        self.rows = rows

    @overload
    def run(
        self,
        source: IO[bytes] | SheetReader,
        emit: Callable[[list[TableRow]], None],
        fmt: Literal[Format.TABLE],
        *,
        jsonl: bool = False,
        encoding: str | None = None,
        progress: Progress | None = None,
        columns: Mapping[str, str] | None = None,
        group_by: str | None = None,
        cell: Callable[[str], str] | None = None,
    ) -> Summary: ...

    @overload
    def run(
        self,
        source: IO[bytes] | SheetReader,
        emit: Callable[[list[str]], None],
        fmt: Format,
        *,
        jsonl: bool = False,
        encoding: str | None = None,
        progress: Progress | None = None,
        columns: Mapping[str, str] | None = None,
        group_by: str | None = None,
        cell: Callable[[str], str] | None = None,
    ) -> Summary: ...

    def run(
        self,
        source: IO[bytes] | SheetReader,
        emit: Callable[[list[Any]], None],
        fmt: Format,
        *,
        jsonl: bool = False,
        encoding: str | None = None,
        progress: Progress | None = None,
        columns: Mapping[str, str] | None = None,
        group_by: str | None = None,
        cell: Callable[[str], str] | None = None,
    ) -> Summary:
        """Check every row of `source`, passing output pieces to `emit` a chunk at a time.

        For the text formats the pieces are strings (the head and tail included) to be
        written in order; for `table` they are `TableRow`s. `source` is decoded as
        `encoding`, or as detected (see `source.LineReader`), unless it is a sheet.
        `columns` maps roles to other headers (--columns); with `group_by` a
        `TableRow`'s `extra` is that column. `cell` is how csv writes each text field
        (the command's output sanitiser); json and jsonl are data, written as they are.
        """
        if isinstance(source, SheetReader):
            if encoding is not None:
                raise UsageError(_("--encoding is for text files; an .xlsx says its own"))
            reader: LineReader | SheetReader = source
        else:
            reader = LineReader(source, encoding)
        if fmt is Format.TABLE:
            return self.check(
                reader, TABLE_ENCODER, emit, jsonl, progress, columns=columns, group_by=group_by
            )
        encoder = TEXT_ENCODERS[fmt]
        if cell is not None and isinstance(encoder, CsvEncoder):
            encoder = encoder.sanitising(cell)
        return self.check(
            reader, encoder, emit, jsonl, progress, columns=columns, group_by=group_by
        )

    def check(
        self,
        source: LineReader | SheetReader,
        out: Encoder[S, P],
        emit: Callable[[list[P]], None],
        jsonl: bool = False,
        progress: Progress | None = None,
        *,
        columns: Mapping[str, str] | None = None,
        group_by: str | None = None,
    ) -> Summary:
        """`run` with an encoder of one's own."""
        with paced_collector():
            return self._check(source, out, emit, jsonl, progress, columns, group_by)

    def _check(
        self,
        source: LineReader | SheetReader,
        out: Encoder[S, P],
        emit: Callable[[list[P]], None],
        jsonl: bool,
        progress: Progress | None,
        columns: Mapping[str, str] | None,
        group_by: str | None,
    ) -> Summary:
        rows: JsonlRows | CsvRows
        if jsonl:
            if columns or group_by:
                raise UsageError(
                    _("--columns and --group-by are for CSV and xlsx; JSON Lines keys are fixed")
                )
            rows = JsonlRows(self.rows, source)
        else:
            rows = CsvRows(self.rows, source, columns, group_by)
            out = out.passing(rows.passed_names)
        out = out.echoing(rows.echo)
        summary = Summary(passed=rows.passed_names, group_role=rows.group_role)
        if head := out.head():
            emit(head)
        first = True
        for pieces, statuses in rows.chunks(out):
            for status, count in statuses.items():
                summary.add(status, count)
            emit(out.chunk(pieces, first))
            first = first and not pieces
            if progress is not None:
                progress(rows.lines, rows.position())
        if tail := out.tail(first):
            emit(tail)
        summary.unknown_intake = dict(rows.unknown_intake)
        return summary
