"""The one reader of spreadsheets: .xlsx, .xls and .ods, by python-calamine.

`open_workbook(path)` gives a `Workbook`: its sheets' names and visibility, and
`Workbook.sheet(name)` the named sheet (hidden or not), else the first visible
worksheet. A `Sheet` gives its rows as `SheetRow`s: the row number, the values from
column A (`Value`: text, a number, a date or date-time, a time, a bool; an empty
cell is ""), and the cells of the row that could not be read. `SheetRow.cells()`
gives them as `Cell`s with their A1 positions.

- **Every cell, whatever the sheet declares.** A sheet's `<dimension>` is not read;
  rows and columns run to the last cell that holds a value.
- **Merged cells** are listed (`Sheet.merged`), and `rows(fill_merged=True)` gives
  each covered cell the value of its range's first cell, within the table's extent.
- **A formula with no saved value** (a file written by a program that cannot
  compute, never opened in Excel) is not an empty cell: it is a problem of its row.
- **Dates** come as date cells (`datetime.date`, or `datetime.datetime` with a
  time), as text, or as serial numbers: `serial_day` turns a number into its day,
  in the workbook's date system (`Workbook.date1904`).
- **Bounds** (`containers`, `sheet_scan`): the file, each part unpacked, the
  inflation ratio, a sheet's extent, a run of text. A file past one is refused
  with one line (`UnreadableFileError`, exit 2) before calamine reads it, and so
  are corrupt and hostile files (truncated XML, bad deflate data, DTDs and
  entities: quick-xml, calamine's parser, expands none, and the scans refuse them).

openpyxl stays for writing .xlsx. python-calamine is imported only when a
spreadsheet is opened.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from gongkai_cli.errors import UnreadableFileError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io.containers import (
    OLE_MAGIC,
    library_reason,
    member_chunks,
    open_zip,
    read_office_file,
)
from gongkai_cli.io.sheet_scan import (
    MAX_ROWS,
    PartScan,
    check_extent,
    column_letters,
    scan_ods_content,
    scan_xls_stream,
    scan_xlsx_part,
    scan_xlsx_part_slowly,
)

if TYPE_CHECKING:
    from python_calamine import CalamineSheet, CalamineWorkbook

SHEET_KINDS = (".xlsx", ".xls", ".ods")
"""The file kinds this module reads."""

Value = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta
"""A cell's value as calamine gives it; an empty cell is ""."""


class Visibility(StrEnum):
    """Whether a sheet shows in Excel's tabs."""

    VISIBLE = "visible"
    HIDDEN = "hidden"
    VERY_HIDDEN = "very_hidden"  # hidden where only a macro can show it again


@dataclass(frozen=True, slots=True)
class SheetInfo:
    """A sheet's name, visibility and whether it is a worksheet (not a chart)."""

    name: str
    visibility: Visibility
    worksheet: bool = True

    @property
    def visible(self) -> bool:
        return self.visibility is Visibility.VISIBLE


@dataclass(frozen=True, slots=True)
class CellRange:
    """A block of cells, 1-based and inclusive (a merged range)."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def a1(self) -> str:
        return f"{a1(self.first_row, self.first_column)}:{a1(self.last_row, self.last_column)}"

    def __contains__(self, position: object) -> bool:
        if not isinstance(position, tuple) or len(position) != 2:
            return False
        row, column = position
        return bool(
            self.first_row <= row <= self.last_row
            and self.first_column <= column <= self.last_column
        )


def a1(row: int, column: int) -> str:
    """(7, 2) -> `B7`."""
    return f"{column_letters(column)}{row}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: where it is, its value, and why it could not be read, if so."""

    row: int
    column: int
    value: Value
    problem: str | None = None

    @property
    def a1(self) -> str:
        return a1(self.row, self.column)


class SheetRow(NamedTuple):
    """A row: its number (1-based), its values from column A, and its problems
    (column -> reason) when a cell could not be read."""

    number: int
    values: list[Value]
    problems: dict[int, str] | None = None

    def cells(self) -> list[Cell]:
        """The row's cells, empty ones included, with their positions."""
        problems = self.problems or {}
        return [
            Cell(self.number, column, value, problems.get(column))
            for column, value in enumerate(self.values, 1)
        ]

    def problem_text(self) -> str | None:
        """The row's problems in one line (`B5: ...; C5: ...`), or None."""
        if not self.problems:
            return None
        return "; ".join(
            f"{a1(self.number, column)}: {reason}"
            for column, reason in sorted(self.problems.items())
        )


def uncomputed_reason() -> str:
    return _(
        "a formula with no saved value (open the file in Excel, WPS or LibreOffice "
        "and save it, so its values are computed)"
    )


class Sheet:
    """One sheet of a workbook: see the module docstring."""

    def __init__(
        self,
        info: SheetInfo,
        book: CalamineWorkbook,
        scan: PartScan | None,
        date1904: bool,
        file_name: str,
    ) -> None:
        self.info = info
        self.name = info.name
        self.date1904 = date1904
        self._file_name = file_name
        try:
            self._sheet: CalamineSheet = book.get_sheet_by_name(info.name)
        except BaseException as exc:
            raise _unreadable(file_name, exc) from None
        merged: list[tuple[int, int, int, int]] = []
        if scan is not None and scan.merged:
            merged = scan.merged
        else:
            found = self._sheet.merged_cell_ranges or []
            merged = [(r0 + 1, c0 + 1, r1 + 1, c1 + 1) for (r0, c0), (r1, c1) in found]
        self.merged = tuple(CellRange(*block) for block in merged)
        self.problems: dict[tuple[int, int], str] = {}
        if scan is not None and scan.uncomputed:
            reason = uncomputed_reason()
            self.problems = {position: reason for position in scan.uncomputed}

    @property
    def last_row(self) -> int:
        """The number of the last row holding a value (0 for an empty sheet)."""
        end = self._sheet.end
        return end[0] + 1 if end is not None else 0

    def rows(self, *, fill_merged: bool = False) -> Iterator[SheetRow]:
        """Every row from row 1 to the last holding a value, empty rows included."""
        start = self._sheet.start
        if start is None and not self.problems:
            return
        pad: list[Value] = [""] * start[1] if start is not None and start[1] else []
        by_row: dict[int, dict[int, str]] = {}
        for (row, column), reason in self.problems.items():
            by_row.setdefault(row, {})[column] = reason
        fills = self._fills() if fill_merged and self.merged else None
        number = 0
        try:
            for number, values in enumerate(self._sheet.iter_rows(), 1):
                if pad:
                    values = pad + values
                if fills is not None and number in fills:
                    _fill(values, fills[number])
                yield SheetRow(number, values, by_row.get(number))
        except BaseException as exc:
            raise _unreadable(self._file_name, exc) from None
        # A formula with no value below the last value: its row still counts.
        for row in sorted(r for r in by_row if r > number):
            yield SheetRow(row, [""] * max(by_row[row]), by_row[row])

    def value_blocks(self, size: int) -> Iterator[list[list[Value]]]:
        """Every row's values from row 1, as `rows(fill_merged=True)` gives them but
        without a `SheetRow` around each, `size` rows at a time: for a sheet without
        `problems` (a reader of many rows checks that first; one with problems is refused
        here)."""
        if self.problems:
            raise ValueError("value_blocks() of a sheet with problems: use rows()")
        start = self._sheet.start
        if start is None:
            return
        rows: Iterator[list[Value]] = self._sheet.iter_rows()
        if start[1] or self.merged:
            rows = self._padded(rows, [""] * start[1], self._fills() if self.merged else None)
        while True:
            try:
                block = list(islice(rows, size))
            except BaseException as exc:
                raise _unreadable(self._file_name, exc) from None
            if not block:
                return
            yield block

    @staticmethod
    def _padded(
        rows: Iterator[list[Value]],
        pad: list[Value],
        fills: dict[int, list[tuple[CellRange, list[Value]]]] | None,
    ) -> Iterator[list[Value]]:
        for number, values in enumerate(rows, 1):
            if pad:
                values = pad + values
            if fills and number in fills:
                _fill(values, fills[number])
            yield values

    def _fills(self) -> dict[int, list[tuple[CellRange, list[Value]]]]:
        """Row -> the merged ranges covering it, each with a holder for its first
        value, clipped to the rows and columns the sheet has."""
        end = self._sheet.end
        if end is None:
            return {}
        last_row, last_column = end[0] + 1, end[1] + 1
        fills: dict[int, list[tuple[CellRange, list[Value]]]] = {}
        for block in self.merged:
            holder: list[Value] = []
            clipped_block = CellRange(
                block.first_row,
                block.first_column,
                min(block.last_row, last_row),
                min(block.last_column, last_column),
            )
            if clipped_block.first_column > clipped_block.last_column:
                continue  # wholly beyond the table: nothing to fill
            for row in range(clipped_block.first_row, clipped_block.last_row + 1):
                fills.setdefault(row, []).append((clipped_block, holder))
        return fills


def _fill(values: list[Value], blocks: list[tuple[CellRange, list[Value]]]) -> None:
    for block, holder in blocks:
        if block.last_column > len(values):
            values.extend([""] * (block.last_column - len(values)))
        first = block.first_column - 1
        if not holder:  # the range's first row: its first cell holds the value
            holder.append(values[first])
        for column in range(first, block.last_column):
            values[column] = holder[0]


class Workbook:
    """A spreadsheet file, checked and open: see the module docstring."""

    def __init__(
        self,
        path: Path,
        book: CalamineWorkbook,
        sheets: tuple[SheetInfo, ...],
        scans: dict[str, PartScan],
        date1904: bool,
    ) -> None:
        self.path = path
        self.name = clipped(path.name)
        self.sheets = sheets
        self.date1904 = date1904
        self._book = book
        self._scans = scans

    def __enter__(self) -> Workbook:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        import python_calamine

        try:
            self._book.close()
        except python_calamine.WorkbookClosed:
            return

    def names(self) -> list[str]:
        return [info.name for info in self.sheets]

    def readable(self) -> list[SheetInfo]:
        """The visible worksheets, in the workbook's order."""
        return [info for info in self.sheets if info.visible and info.worksheet]

    def sheet(self, name: str | None = None) -> Sheet:
        """The sheet `name` (hidden ones too: naming it is asking for it), else the
        first visible worksheet."""
        if name is not None:
            info = next((info for info in self.sheets if info.name == name), None)
            if info is None:
                raise UnreadableFileError(
                    _("{name} has no sheet {sheet!r} (sheets: {sheetnames})").format(
                        name=self.name, sheet=clipped(name), sheetnames=", ".join(self.names())
                    )
                )
        else:
            visible = self.readable()
            if not visible:
                raise UnreadableFileError(
                    _(
                        "{name}: every sheet is hidden; name one with --sheet "
                        "(sheets: {sheetnames})"
                    ).format(name=self.name, sheetnames=", ".join(self.names()))
                )
            info = visible[0]
        return Sheet(info, self._book, self._scans.get(info.name), self.date1904, self.name)


def serial_day(value: float, date1904: bool = False) -> dt.date | None:
    """The day of an Excel serial number (44378 -> 2021-07-01; 44378.5, noon that day,
    -> 2021-07-01), or None outside Excel's days. The 1900 system counts Excel's
    phantom 29 February 1900, so its serials start being days at 61 (1900-03-01)."""
    if isinstance(value, bool) or value != value or value in (float("inf"), float("-inf")):
        return None
    number = int(value // 1)
    if date1904:
        base = dt.date(1904, 1, 1)
        first = 0
    else:
        base = dt.date(1899, 12, 30)
        first = 61
    if not first <= number <= 2_958_465:  # 9999-12-31
        return None
    return base + dt.timedelta(days=number)


# -- opening ----------------------------------------------------------------------------------


def open_workbook(path: Path, *, max_rows: int = MAX_ROWS) -> Workbook:
    """The spreadsheet at `path`, checked within the bounds and open: else one line.

    `max_rows`: a sheet whose last row is beyond it is refused (import reads plans,
    not exports).
    """
    name = clipped(path.name)
    blob = read_office_file(path)
    if blob.startswith(OLE_MAGIC):
        scans, date1904 = _check_ole(blob, name), False
    else:
        scans, date1904 = _check_zip(blob, name, path.suffix.lower() or ".xlsx")
    for where, scan in scans.items():
        check_extent(scan, name, where)
        if scan.last_row > max_rows:
            raise UnreadableFileError(
                _("{name}: {where} has {rows:,} rows, more than the {limit:,} read here").format(
                    name=name, where=where, rows=scan.last_row, limit=max_rows
                )
            )
    from io import BytesIO

    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(BytesIO(blob))
        metadata = book.sheets_metadata
    except BaseException as exc:
        raise _unreadable(name, exc) from None
    shown = python_calamine.SheetVisibleEnum
    sheets = tuple(
        SheetInfo(
            meta.name,
            Visibility.VISIBLE
            if meta.visible == shown.Visible
            else Visibility.HIDDEN
            if meta.visible == shown.Hidden
            else Visibility.VERY_HIDDEN,
            meta.typ == python_calamine.SheetTypeEnum.WorkSheet,
        )
        for meta in metadata
    )
    by_sheet = {info.name: scans[key] for info in sheets if (key := _key(info.name)) in scans}
    return Workbook(path, book, sheets, by_sheet, date1904)


def _key(sheet: str) -> str:
    return _("sheet {sheet!r}").format(sheet=sheet)


def _unreadable(name: str, exc: BaseException) -> BaseException:
    """calamine's own errors, and a panic in its Rust code (pyo3's PanicException, a
    BaseException), as one line; anything else is a bug and keeps its traceback."""
    import python_calamine

    if not isinstance(exc, python_calamine.CalamineError) and type(exc).__name__ != (
        "PanicException"
    ):
        return exc
    if type(exc).__name__ == "PasswordError":
        return UnreadableFileError(
            _("{name}: password-protected; save it without a password and try again").format(
                name=name
            )
        )
    return UnreadableFileError(
        _("{name}: not a readable spreadsheet ({reason})").format(
            name=name, reason=library_reason(exc)
        )
    )


def _check_ole(blob: bytes, name: str) -> dict[str, PartScan]:
    """An .xls: its BIFF cell records, before calamine lays them out."""
    from io import BytesIO

    import olefile  # type: ignore[import-untyped]

    try:
        ole = olefile.OleFileIO(BytesIO(blob))
        try:
            if ole.exists("EncryptedPackage"):
                raise UnreadableFileError(
                    _(
                        "{name}: password-protected; save it without a password and try again"
                    ).format(name=name)
                )
            stream_name = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
            if stream_name is None:
                raise UnreadableFileError(
                    _("{name}: not a spreadsheet (an OLE file without a workbook)").format(
                        name=name
                    )
                )
            stream = ole.openstream(stream_name).read()
        finally:
            ole.close()
    except (OSError, ValueError, EOFError, IndexError, TypeError) as exc:
        raise UnreadableFileError(
            _("{name}: not a readable .xls file ({reason})").format(
                name=name, reason=library_reason(exc)
            )
        ) from None
    return {_("the workbook"): scan_xls_stream(stream)}


def _check_zip(blob: bytes, name: str, kind: str) -> tuple[dict[str, PartScan], bool]:
    """An .xlsx or .ods: every XML part unpacked within the bounds and scanned."""
    archive = open_zip(blob, name, kind)
    members = {info.filename: info for info in archive.infolist() if not info.is_dir()}
    lowered = {member.lower(): member for member in members}
    if "content.xml" in lowered and "xl/workbook.xml" not in lowered:
        return _check_ods(archive, members, lowered, name), False
    if "xl/workbook.xml" not in lowered:
        raise UnreadableFileError(
            _("{name}: not a spreadsheet (no workbook inside; a .docx or another zip?)").format(
                name=name
            )
        )
    scans: dict[str, PartScan] = {}
    texts: dict[str, bytes] = {}
    for member, info in members.items():
        if not member.lower().endswith((".xml", ".rels")):
            continue
        scan = scan_xlsx_part(_keeping(archive, info, name, member, texts), name, member)
        if scan is None:
            scan = scan_xlsx_part_slowly(member_chunks(archive, info, name), name, member)
        scans[member] = scan
    workbook = texts.get(lowered["xl/workbook.xml"], b"")
    parts = _sheet_parts(workbook, texts, lowered, name)
    by_sheet: dict[str, PartScan] = {}
    for member, scan in scans.items():
        sheet = parts.get(member)
        where = _key(sheet) if sheet is not None else _("part {part}").format(part=member)
        if sheet is None and not scan.cells:
            continue
        by_sheet[where] = scan
    return by_sheet, _date1904(workbook)


_SMALL_PART = 2**20  # workbook.xml and its relationships, kept to map sheets to parts


def _keeping(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, member: str, texts: dict[str, bytes]
) -> Iterator[bytes]:
    kept: list[bytes] = []
    small = info.file_size <= _SMALL_PART and member.lower().startswith("xl/")
    for chunk in member_chunks(archive, info, name):
        if small:
            kept.append(chunk)
        yield chunk
    if small:
        texts[member] = b"".join(kept)


def _sheet_parts(
    workbook: bytes, texts: dict[str, bytes], lowered: dict[str, str], name: str
) -> dict[str, str]:
    """Part name -> sheet name, from workbook.xml and its relationships."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    rels = texts.get(lowered.get("xl/_rels/workbook.xml.rels", ""), b"")
    try:
        book_root = safe_tree.fromstring(workbook, forbid_dtd=True)
        rels_root = safe_tree.fromstring(rels, forbid_dtd=True) if rels else None
    except (safe_tree.ParseError, DefusedXmlException, LookupError, ValueError) as exc:
        raise UnreadableFileError(
            _("{name}: its workbook part is not readable XML ({reason})").format(
                name=name, reason=library_reason(exc)
            )
        ) from None
    targets: dict[str, str] = {}
    if rels_root is not None:
        for rel in rels_root:
            if rel.tag.rpartition("}")[2] == "Relationship":
                targets[rel.get("Id", "")] = rel.get("Target", "")
    parts: dict[str, str] = {}
    for element in book_root.iter():
        if element.tag.rpartition("}")[2] != "sheet":
            continue
        rid = next((v for k, v in element.attrib.items() if k.rpartition("}")[2] == "id"), "")
        target = targets.get(rid, "")
        if target.startswith("/"):
            path = PurePosixPath(target.lstrip("/"))
        else:
            path = PurePosixPath("xl", target)
        normal = _normalise(str(path)).lower()
        if normal in lowered:
            parts[lowered[normal]] = element.get("name", "")
    return parts


def _normalise(path: str) -> str:
    out: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


def _date1904(workbook: bytes) -> bool:
    import re

    match = re.search(rb'date1904\s*=\s*["\'](1|true)["\']', workbook)
    return match is not None


def _check_ods(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    lowered: dict[str, str],
    name: str,
) -> dict[str, PartScan]:
    scans: dict[str, PartScan] = {}
    for member, info in members.items():
        chunks = member_chunks(archive, info, name)
        if member == lowered["content.xml"]:
            scans = {_key(table): scan for table, scan in scan_ods_content(chunks, name).items()}
        for _chunk in chunks:  # the rest within the bounds, CRC checked
            pass
    return scans


def cell_value_text(value: Any) -> str:
    """A value as a CSV export writes it: a date 2021-07-03, a date-time
    2021-07-03 09:15:00, a whole number without ".0"."""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
