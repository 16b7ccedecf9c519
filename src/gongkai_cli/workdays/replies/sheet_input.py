"""xlsx input: a sheet's rows as the CSV lines `CsvRows` reads (openpyxl, imported here
only when an .xlsx is checked).

Row 1 is the header; a row's line number is its row number in the sheet, and an
empty row holds no case (as a blank line in CSV). Cells become the text a CSV export
would hold: a date cell its day (2021-07-03), a date-time cell 2021-07-03 09:15:00, a
whole number without ".0". Trailing empty header cells (formatting beyond the table)
are not columns; a row is as wide as the header, its empty cells empty fields. A cell
holding a line break stays one field (CSV lines from a sheet are never split).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.workdays.replies.encoders import csv_field
from gongkai_cli.workdays.replies.source import Block, open_batch

ROWS_AT_A_TIME = 10_000


def cell_text(value: Any) -> str:
    """A cell's value as a CSV export writes it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class SheetReader:
    """One sheet of an .xlsx as blocks of CSV lines, like `source.LineReader`."""

    def __init__(self, path: str, sheet: str | None = None) -> None:
        import openpyxl

        name = Path(path).name
        try:
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise UsageError(_("{path}: no such file").format(path=path)) from None
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UsageError(
                _("{name}: not a readable .xlsx file ({exc})").format(name=name, exc=exc)
            ) from None
        if sheet is not None and sheet not in self.book.sheetnames:
            self.book.close()
            raise UsageError(
                _("{name} has no sheet {sheet!r} (sheets: {sheetnames})").format(
                    name=name, sheet=sheet, sheetnames=", ".join(self.book.sheetnames)
                )
            )
        self.sheet = self.book[sheet] if sheet is not None else self.book.worksheets[0]
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
        first = 1
        for number, row in enumerate(self.sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in row]
            if number == 1:
                while cells and not cells[-1].strip():
                    cells.pop()
                width = len(cells)
            elif len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                del cells[width:]
            elif len(cells) < width:
                cells += [""] * (width - len(cells))
            lines.append(",".join(map(csv_field, cells)) if any(cells) else "")
            self.lines = number
            if len(lines) == ROWS_AT_A_TIME:
                yield Block(first, lines)
                first, lines = number + 1, []
        if lines:
            yield Block(first, lines)


def is_sheet(path: str) -> bool:
    """Whether `path` names an .xlsx file."""
    return path.lower().endswith(".xlsx")


def open_input(path: str, sheet: str | None = None) -> IO[bytes] | SheetReader:
    """The file to check: a sheet of an .xlsx, else its bytes (`-` is standard input)."""
    if is_sheet(path):
        return SheetReader(path, sheet)
    if sheet is not None:
        raise UsageError(_("--sheet is for an .xlsx file"))
    return open_batch(path)
