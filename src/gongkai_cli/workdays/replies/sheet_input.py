"""Spreadsheet input (.xlsx, .xls, .ods): a sheet's rows as the CSV lines `CsvRows`
reads, through the one sheet reader (`io.sheets`, python-calamine).

Row 1 is the header; a row's line number is its row number in the sheet, and an
empty row holds no case (as a blank line in CSV). Every row to the last cell that
holds a value is read, whatever size the sheet declares. The sheet read is the one
`--sheet` names, else the first visible one. A merged cell (承办单位 over several
rows) gives its value to every row it covers.

Cells become the text a CSV export would hold: a date cell its day (2021-07-03), a
date-time cell 2021-07-03 09:15:00, a whole number without ".0". Trailing empty
header cells (formatting beyond the table) are not columns; a row is as wide as the
header, its empty cells empty fields. A cell holding a line break stays one field
(CSV lines from a sheet are never split). A row the reader could not read whole (a
formula with no saved value) or longer than `source.MAX_LINE` is a bad line: an
invalid row, with the reason and the cell.

A number in the received, replied or restart column is an Excel serial day (44378
is 2021-07-01, in the workbook's 1900 or 1904 system), as a date column that lost
its date format shows it; a number outside Excel's days, or in any other column,
stays a number. (20210701 is no serial day: it stays the text a CSV would hold,
read as 2021-07-01 by the date spellings.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.sheets import (
    SHEET_KINDS,
    Workbook,
    cell_value_text,
    open_workbook,
    serial_day,
)
from gongkai_cli.workdays.replies.columns import ColumnMap
from gongkai_cli.workdays.replies.encoders import csv_field
from gongkai_cli.workdays.replies.source import MAX_LINE, Block, open_batch, too_long

ROWS_AT_A_TIME = 10_000
TAILS_KEPT = 50_000
"""The most row tails (a row's text after its id) kept for reuse."""


def _whole(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _moment(value: dt.datetime) -> str:
    if value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat(" ", "seconds")


# Text for the common kinds of cell by their class; anything else by cell_value_text.
_TEXT: dict[type, Callable[[Any], str]] = {
    str: str,
    float: _whole,
    int: str,
    dt.date: dt.date.isoformat,
    dt.datetime: _moment,
}


def cell_text(value: Any) -> str:
    """A cell's value as a CSV export writes it."""
    return _TEXT.get(value.__class__, cell_value_text)(value)


class SheetReader:
    """One sheet of a workbook as blocks of CSV lines, like `source.LineReader`."""

    def __init__(
        self, path: str, sheet: str | None = None, columns: Mapping[str, str] | None = None
    ) -> None:
        """`columns`: role -> header, as --columns gives them to `CsvRows`, so the
        date columns are known when the header row is read."""
        self.named = columns
        self.book: Workbook = open_workbook(Path(path))
        try:
            self.sheet = self.book.sheet(sheet)
        except BaseException:
            self.book.close()
            raise
        self.lines = 0
        """Rows read so far."""

    def position(self) -> int | None:
        """Bytes read so far: unknown for a sheet."""
        return None

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.book.close()

    def __iter__(self) -> Iterator[Block]:
        width = 0
        lines: list[str] = []
        bad: dict[int, str] = {}
        first = 1
        days: dict[dt.date, str] = {}  # a file has few distinct days and many rows

        def day(value: dt.date) -> str:
            text = days.get(value)
            if text is None:
                text = days[value] = value.isoformat()
            return text

        date = dt.date
        numbers = (int, float)
        day_columns: tuple[int, ...] = ()
        date1904 = self.sheet.date1904
        add = lines.append
        number = 0
        # A row's text after its id, by the cells after the id when all are text or
        # dates (a file has few distinct (received, replied) pairs and many rows). Only
        # text and dates: 1 == 1.0 == True, which are different texts.
        tails: dict[tuple[Any, ...], str] = {}
        tail_of = tails.get
        plain = {str, date, dt.datetime}
        # Once a row: what the loop below costs is most of what reading a sheet costs
        # beyond calamine's own work (docs/performance.md).
        for row in self.sheet.rows(fill_merged=True):
            number, values = row.number, row.values
            key: tuple[Any, ...] | None = None
            if width > 1 and values and values[0].__class__ is str and not row.problems:
                key = tuple(values[1:])
                tail = tail_of(key)
                if tail is not None:
                    first_cell: str = values[0]
                    if not (
                        "," in first_cell
                        or '"' in first_cell
                        or "\n" in first_cell
                        or "\r" in first_cell
                    ):
                        line = first_cell + tail
                        if len(line) > MAX_LINE:
                            bad[len(lines)] = too_long()
                            line = ""
                        add(line if line.strip(",") else "")
                        if len(lines) == ROWS_AT_A_TIME:
                            self.lines = number
                            yield _block(first, lines, bad)
                            first, lines, bad = number + 1, [], {}
                            add = lines.append
                        continue
                    key = None
            cells = [
                value
                if value.__class__ is str
                else days.get(value) or day(value)
                if value.__class__ is date
                else cell_text(value)
                for value in values
            ]
            for column in day_columns:
                if column < len(values) and values[column].__class__ in numbers:
                    serial = serial_day(values[column], date1904)  # type: ignore[arg-type]
                    if serial is not None:
                        cells[column] = day(serial)
            if number == 1:
                while cells and not cells[-1].strip():
                    cells.pop()
                width = len(cells)
                day_columns = self._day_columns(cells)
            elif len(cells) != width:
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                elif not any(cell.strip() for cell in cells[width:]):
                    del cells[width:]
            line = ",".join(cells)
            if '"' in line or "\n" in line or "\r" in line or line.count(",") != len(cells) - 1:
                line = ",".join(map(csv_field, cells))
            elif key is not None and len(tails) < TAILS_KEPT and plain.issuperset(map(type, key)):
                tails[key] = line[len(cells[0]) :]
            if row.problems:
                bad[len(lines)] = row.problem_text() or ""
                line = ""
            elif len(line) > MAX_LINE:
                bad[len(lines)] = too_long()
                line = ""
            add(line if line.strip(",") else "")
            if len(lines) == ROWS_AT_A_TIME:
                self.lines = number
                yield _block(first, lines, bad)
                first, lines, bad = number + 1, [], {}
                add = lines.append
        self.lines = number
        if lines:
            yield _block(first, lines, bad)

    def _day_columns(self, header: list[str]) -> tuple[int, ...]:
        """The received, replied and restart columns; none when the header names no
        checked columns (CsvRows then says what is missing)."""
        try:
            found = ColumnMap.from_header([name.strip() for name in header], self.named)
        except UsageError:
            return ()
        return tuple(
            column
            for column in (found.received, found.replied, found.restart)
            if column is not None
        )


def _block(first: int, lines: list[str], bad: dict[int, str]) -> Block:
    # The joined text lets CsvRows take its fast path, as for a CSV file.
    return Block(first, lines, bad, None if bad else "\n".join(lines) + "\n")


def is_sheet(path: str) -> bool:
    """Whether `path` names a spreadsheet (.xlsx, .xls or .ods)."""
    return path.lower().endswith(SHEET_KINDS)


def open_input(
    path: str, sheet: str | None = None, columns: Mapping[str, str] | None = None
) -> IO[bytes] | SheetReader:
    """The file to check: a sheet of a spreadsheet, else its bytes (`-` is standard
    input). `columns` as --columns gives them."""
    if is_sheet(path):
        return SheetReader(path, sheet, columns)
    if sheet is not None:
        raise UsageError(_("--sheet is for a spreadsheet (.xlsx, .xls or .ods)"))
    return open_batch(path)
