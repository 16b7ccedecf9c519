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

Speed: after its header line, a sheet with no problem cell comes to `CsvRows` as
blocks of typed rows (`RowBlock`, calamine's values), not lines: a row whose checked
cells hold values seen before takes the output of the row that had them, with one
look-up and no text made of its cells; any other row becomes its line here
(`SheetReader.line`) and is read as a CSV file's line is. The output is the same
either way (tests/test_sheets.py compares the two, `TYPED`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any, NamedTuple

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.sheets import (
    SHEET_KINDS,
    Value,
    Workbook,
    cell_value_text,
    open_workbook,
    serial_day,
)
from gongkai_cli.workdays.replies.columns import ColumnMap
from gongkai_cli.workdays.replies.encoders import csv_field
from gongkai_cli.workdays.replies.source import MAX_LINE, Block, open_batch, too_long

ROWS_AT_A_TIME = 10_000
TYPED = True
"""Whether a sheet without problems is handed on as typed rows (`RowBlock`), which
`CsvRows` checks by their cells' values, or as CSV lines: the same output either way
(tests/test_sheets.py compares them)."""


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


class RowBlock(NamedTuple):
    """Consecutive rows of a sheet as calamine gives their values (an empty cell is ""),
    none with a problem: what `SheetReader.line` turns into a CSV line, one by one."""

    first: int
    """The row number of `rows[0]`."""
    rows: list[list[Value]]


class SheetReader:
    """One sheet of a workbook as blocks of CSV lines, like `source.LineReader`, or, after
    the header's line, as blocks of typed rows (`RowBlock`)."""

    def __init__(
        self,
        path: str,
        sheet: str | None = None,
        columns: Mapping[str, str] | None = None,
        *,
        typed: bool = False,
    ) -> None:
        """`columns`: role -> header, as --columns gives them to `CsvRows`, so the
        date columns are known when the header row is read. `typed`: rows after the
        header come as `RowBlock`s when the sheet has no problem cell (and `TYPED`)."""
        self.named = columns
        self.book: Workbook = open_workbook(Path(path))
        try:
            self.sheet = self.book.sheet(sheet)
        except BaseException:
            self.book.close()
            raise
        self.typed = typed and TYPED and not self.sheet.problems
        self.lines = 0
        """Rows read so far."""
        self.width = 0
        """The header's cells, trailing empty ones left out: a row's fields."""
        self.day_columns: tuple[int, ...] = ()
        """The received, replied and restart columns, where a number is a serial day."""
        self._days: dict[dt.date, str] = {}  # a file has few distinct days and many rows

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

    def line(
        self, number: int, values: list[Value], problems: str | None = None
    ) -> tuple[str, str | None]:
        """A row as the CSV line an export of it holds, and why it is a bad line (its
        problem cells, or too long), if so; row 1 sets the header's width and date
        columns. An empty row is ""."""
        line = csv_line(self.cells(number, values))
        if problems is not None:
            return "", problems
        if len(line) > MAX_LINE:
            return "", too_long()
        return (line if line.strip(",") else ""), None

    def cells(self, number: int, values: list[Value]) -> list[str]:
        """A row's cells as the text a CSV export holds, as many as the header's (more
        when a cell beyond the header holds something); row 1 sets the header's width and
        date columns."""
        days = self._days
        date = dt.date
        cells = [
            value
            if value.__class__ is str
            else days.get(value) or self._day(value)
            if value.__class__ is date
            else cell_text(value)
            for value in values
        ]
        for column in self.day_columns:
            if column < len(values) and values[column].__class__ in (int, float):
                serial = serial_day(values[column], self.sheet.date1904)  # type: ignore[arg-type]
                if serial is not None:
                    cells[column] = self._day(serial)
        width = self.width
        if number == 1:
            while cells and not cells[-1].strip():
                cells.pop()
            self.width = len(cells)
            self.day_columns = self._day_columns(cells)
        elif len(cells) != width:
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            elif not any(cell.strip() for cell in cells[width:]):
                del cells[width:]
        return cells

    def text(self, values: list[Value], column: int) -> str:
        """One cell of a row (after row 1) as `cells` gives it."""
        value = values[column]
        if value.__class__ is str:
            return value
        if column in self.day_columns and value.__class__ in (int, float):
            serial = serial_day(value, self.sheet.date1904)
            if serial is not None:
                return self._day(serial)
        if value.__class__ is dt.date:
            return self._day(value)
        return cell_text(value)

    def _day(self, value: dt.date) -> str:
        text = self._days.get(value)
        if text is None:
            text = self._days[value] = value.isoformat()
        return text

    def __iter__(self) -> Iterator[Block | RowBlock]:
        if self.typed:
            number = 0
            for rows in self.sheet.value_blocks(ROWS_AT_A_TIME):
                if number == 0:  # the header, as a line
                    line, reason = self.line(1, rows[0])
                    yield _block(1, [line], {0: reason} if reason is not None else {})
                    del rows[0]
                    number = self.lines = 1
                if rows:
                    yield RowBlock(number + 1, rows)
                    number += len(rows)
                    self.lines = number
            return
        lines: list[str] = []
        bad: dict[int, str] = {}
        first = 1
        number = 0
        for row in self.sheet.rows(fill_merged=True):
            number = row.number
            line, reason = self.line(number, row.values, row.problem_text())
            if reason is not None:
                bad[len(lines)] = reason
            lines.append(line)
            if len(lines) == ROWS_AT_A_TIME:
                self.lines = number
                yield _block(first, lines, bad)
                first, lines, bad = number + 1, [], {}
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


def csv_line(cells: list[str]) -> str:
    """Cells as one CSV line, quoted as the csv module quotes them (only where needed)."""
    line = ",".join(cells)
    if '"' in line or "\n" in line or "\r" in line or line.count(",") != len(cells) - 1:
        line = ",".join(map(csv_field, cells))
    return line


def _block(first: int, lines: list[str], bad: dict[int, str]) -> Block:
    # The joined text lets CsvRows take its fast path, as for a CSV file.
    return Block(first, lines, bad, None if bad else "\n".join(lines) + "\n")


def is_sheet(path: str) -> bool:
    """Whether `path` names a spreadsheet (.xlsx, .xls or .ods)."""
    return path.lower().endswith(SHEET_KINDS)


def open_input(
    path: str, sheet: str | None = None, columns: Mapping[str, str] | None = None
) -> IO[bytes] | SheetReader:
    """The file to check: a sheet of a spreadsheet (its rows typed), else its bytes (`-`
    is standard input). `columns` as --columns gives them."""
    if is_sheet(path):
        return SheetReader(path, sheet, columns, typed=True)
    if sheet is not None:
        raise UsageError(_("--sheet is for a spreadsheet (.xlsx, .xls or .ods)"))
    return open_batch(path)
