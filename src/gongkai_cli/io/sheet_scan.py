"""What a workbook holds before calamine reads it: each sheet's extent, and the
formula cells that have no saved value.

calamine lays a sheet out as a dense grid from its first cell to its last, whatever
the sheet declares (so a 6 KB file with cells at A1 and XFD1048576 asks for 17
billion cells, and Rust aborts the process); and it gives a formula cell with no
saved value as an empty cell, exactly like a blank one, so a replied case would
read as unanswered. Neither can be asked of calamine, so the XML is read here:

- **.xlsx**: every XML part is scanned as it is decompressed (`containers`). The
  fast path reads the cell references of a part written the usual way (every cell
  `<c r="A1" ...>`, no namespace prefix) with byte searches. Anything else (cells
  without `r`, a prefix, UTF-16) goes to `_SlowXlsx`, which follows calamine's own
  rules with expat (DTDs refused): a cell without `r` is where calamine would put
  it. Every part counts, not only the sheets, so the bound holds whatever part a
  sheet's relationship names.
- **.ods**: content.xml with defusedxml, repeated rows and columns counted.
- **.xls**: the BIFF cell records of the Workbook stream (olefile). The format
  stores every formula's last result; a program that cannot compute (xlwt)
  stores an empty string there, which no reader can tell from a formula that
  gives "" (=IF(C2="","",C2)), so it reads as an empty cell, as Excel shows it
  until it recalculates.

A formula cell has a saved value when its `<v>` holds text, or when it is typed
`t="str"` and has a `<v>` at all (a formula that gives ""). openpyxl and other
writers that cannot compute leave `<v></v>` or none.
"""

from __future__ import annotations

import re
import struct
import xml.parsers.expat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai_cli.errors import UnreadableFileError, clipped
from gongkai_cli.i18n import _

MAX_ROWS = 1_048_576
"""Excel's last row."""
MAX_COLUMNS = 16_384
"""Excel's last column, XFD."""
MAX_SHEET_CELLS = 2**24
"""The largest extent of a sheet read: from A1 to its last cell, 16,777,216 cells (the
whole of an .xls sheet, 65,536 x 256; or 1,048,576 rows x 16 columns)."""
MAX_RUN_BYTES = 16 * 2**20
"""The longest text or tag in a part without a `<` in it (16 MiB)."""


@dataclass(slots=True)
class PartScan:
    """One sheet's extent and its formula cells without a saved value (1-based)."""

    last_row: int = 0
    last_column: int = 0
    uncomputed: list[tuple[int, int]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    """Merged ranges (first row, first column, last row, last column), .ods only."""

    def add(self, row: int, column: int) -> None:
        if row > self.last_row:
            self.last_row = row
        if column > self.last_column:
            self.last_column = column

    @property
    def cells(self) -> int:
        """The extent from A1 to the last cell."""
        return self.last_row * self.last_column


def column_number(letters: bytes | str) -> int:
    """`AB` -> 28 (either case, as calamine reads it)."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """28 -> `AB`."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_extent(scan: PartScan, name: str, where: str) -> None:
    """UnreadableFileError when the scanned part reaches past the grid or the cell bound."""
    if scan.last_row > MAX_ROWS or scan.last_column > MAX_COLUMNS:
        raise UnreadableFileError(
            _("{name}: {where} has a cell beyond XFD1048576, the end of a sheet").format(
                name=name, where=where
            )
        )
    if scan.cells > MAX_SHEET_CELLS:
        raise UnreadableFileError(
            _(
                "{name}: {where} reaches {cell} ({rows:,} rows x {columns:,} columns), more "
                "than the {limit:,} cells gongkai reads; delete what lies beyond the table, "
                "or save the table as CSV"
            ).format(
                name=name,
                where=where,
                cell=f"{column_letters(scan.last_column)}{scan.last_row}",
                rows=scan.last_row,
                columns=scan.last_column,
                limit=MAX_SHEET_CELLS,
            )
        )


def _run_too_long(name: str, part: str) -> UnreadableFileError:
    return UnreadableFileError(
        _("{name}: part {part} holds a text or tag longer than {limit} MiB; not read").format(
            name=name, part=clipped(part), limit=MAX_RUN_BYTES // 2**20
        )
    )


# -- .xlsx ---------------------------------------------------------------------------------

_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_REF_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_REF_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
# Patterns starting with one literal character run at about twice the speed of those
# starting with two (`<c`): a tag's `<` is then checked behind the character.
_ANY_C = re.compile(rb"c(?<=<c)[\s/>]")
_PREFIXED = re.compile(rb":(?:c|f|v|row)[\s/>]")
_FORMULA = re.compile(rb"<f[\s/>]")
_ANY_FORMULA = re.compile(rb"f(?<=<f)[\s/>]")
_CELL_HEAD = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"([^>]*)>')
_TYPE = re.compile(rb'\st="([^"]*)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?(/?)>([^<]*)")
_LAST_CELL_ROOM = 2**20  # bytes after a part's last </c> carried to the next chunk


def _not_greater(written: str, low: str, high: str, first: str) -> str:
    """A regular expression for the strings of `low`..`high` characters, not starting
    with a character below `first`, that are not after `written` in number order:
    shorter ones, or as long and not greater."""
    size = len(written)
    options = [f"[{first}-{high}][{low}-{high}]{{0,{size - 2}}}"] if size > 1 else []
    for at, char in enumerate(written):
        start = first if at == 0 else low
        if char > start:
            rest = f"[{low}-{high}]{{{size - at - 1}}}" if at < size - 1 else ""
            options.append(f"{written[:at]}[{start}-{chr(ord(char) - 1)}]{rest}")
    options.append(written)
    return "|".join(options)


@lru_cache(maxsize=64)
def _beyond(column: str, row: str) -> re.Pattern[bytes]:
    """The cells written other than `<c r="A1"`, and the references whose column comes
    after `column` or whose row after `row` (a number without leading zeros).

    Written as what a cell tag is not followed by: ` r="`, a column up to `column`, a
    row up to `row` without leading zeros, `"`. A cell within the extent then costs
    one look-ahead, where the list of what lies beyond cost a try of each (3 times the
    time on a sheet of 100,000 rows)."""
    columns = _not_greater(column, "A", "Z", "A")
    rows = _not_greater(row, "0", "9", "1") if row != "0" else "0"
    within = f' r="(?:{columns})(?:{rows})"'.encode()
    return re.compile(rb"c(?<=<c)(?=[\s/>])(?!" + within + rb")")


_REGROWN = 64


def _every_reference(piece: bytes, scan: PartScan) -> bool:
    """Add every reference of the piece to `scan`; False when one is not read here."""
    tagged = piece.count(b'<c r="')
    if len(_ANY_C.findall(piece)) != tagged:
        return False  # a cell without r, or r not first
    rows = _REF_ROW.findall(piece)
    if len(rows) != tagged:
        return False
    columns = set(_REF_COLUMN.findall(piece))
    scan.add(max(map(int, set(rows))), max(map(column_number, columns)))
    return True


def has_value(type_: bytes | str | None, value_seen: bool, value_text: bool) -> bool:
    """Whether a formula cell has a saved value (see the module docstring)."""
    if value_text:
        return True
    return value_seen and type_ in (b"str", "str")


def scan_xlsx_part(chunks: Iterable[bytes], name: str, part: str) -> PartScan | None:
    """The part's cells, by the fast path; None when it is not written the usual way."""
    scan = PartScan()
    carry = b""
    first = True
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        if first:
            first = False
            if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
                return None  # UTF-16 or UTF-32: not for byte searches
        cut = data.rfind(b"</c>", max(len(data) - _LAST_CELL_ROOM, 0))
        if cut >= 0:
            cut += 4
        else:
            cut = max(data.rfind(b"<"), 0)
        carry = data[cut:]
        if len(carry) > MAX_RUN_BYTES:
            raise _run_too_long(name, part)
        if not _scan_piece(data, scan, cut):  # bounded, not sliced: no copy of the chunk
            return None
    if carry and not _scan_piece(carry, scan):
        return None
    return scan


def _scan_piece(piece: bytes, scan: PartScan, end: int | None = None) -> bool:
    """Add the piece's cells (up to `end`) to `scan`; False when it is not written the
    usual way.

    The extent is the largest row and column of any cell. Rather than read every
    reference (a sheet of 100,000 rows has 300,000), the last one is read, then a
    search finds the next cell written other than `<c r="A1"` (the slow path's) or
    beyond the extent so far, which grows to it, and so on: when rows come in order
    that is a handful of searches. A piece that makes the extent grow more often than
    `_REGROWN` times has every reference read instead."""
    if end is None:
        end = len(piece)
    if _PREFIXED.search(piece, 0, end):
        return False
    if _ANY_C.search(piece, 0, end) is None:
        return True  # no cell (a part that is not a sheet: one search, not two)
    last = piece.rfind(b'<c r="', 0, end)
    if last < 0:
        return False  # cells, none written `<c r="A1"`
    ref = _REF.match(piece, last, end)
    if ref is None:
        return False  # a reference the fast path does not read (lower case, too long)
    scan.add(int(ref[2]), column_number(ref[1]))
    position = 0
    for _grown in range(_REGROWN):
        beyond = _beyond(column_letters(scan.last_column), str(scan.last_row))
        found = beyond.search(piece, position, end)
        if found is None:
            break
        ref = _REF.match(piece, found.start() - 1, end)
        if ref is None:
            return False  # a cell without r, r not first, or r not read here
        scan.add(int(ref[2]), column_number(ref[1]))
        position = ref.end()
    else:
        if not _every_reference(piece[:end], scan):
            return False
    if _ANY_FORMULA.search(piece, 0, end):
        for match in _FORMULA.finditer(piece, 0, end):
            start = piece.rfind(b"<c ", 0, match.start())
            close = piece.find(b"</c>", match.start(), end)
            head = _CELL_HEAD.match(piece, start, end) if start >= 0 else None
            if head is None or close < 0:
                return False
            kind = _TYPE.search(head[3])
            body = piece[head.end() : close]
            value = _VALUE.search(body)
            text = b"<is>" in body or (value is not None and bool(value[2]))
            if not has_value(kind[1] if kind else None, value is not None, text):
                scan.uncomputed.append((int(head[2]), column_number(head[1])))
    return True


@dataclass(slots=True)
class _SlowCell:
    position: tuple[int, int]
    kind: str | None
    formula: bool = False
    value_seen: bool = False
    value_text: bool = False


class _SlowXlsx:
    """A part's cells with expat, placed as calamine places them (see
    `calamine::xlsx::XlsxCellReader::next_cell`): a `<row r>` sets the row and its end
    moves to the next; a `<c r>` sets the column, a `<c>` without one takes the next.
    An empty-element tag (`<c/>`, `<row/>`) counts like any other, as the calamine
    python-calamine 0.9 bundles counts it (and, where a calamine skips it, counting
    it only moves the bound up)."""

    def __init__(self, name: str, part: str) -> None:
        self.name, self.part = name, part
        self.scan = PartScan()
        self.row = self.column = 0  # calamine's 0-based counters
        self.cell: _SlowCell | None = None
        self.in_value = False
        parser = xml.parsers.expat.ParserCreate()
        parser.StartDoctypeDeclHandler = self._refuse
        parser.EntityDeclHandler = self._refuse
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        self.parser = parser

    def _refuse(self, *_args: object) -> None:
        raise UnreadableFileError(
            _("{name}: part {part} declares a DTD or entities; not read").format(
                name=self.name, part=clipped(self.part)
            )
        )

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rpartition(":")[2]
        if local == "row":
            if (r := attrs.get("r")) is not None:
                self.row = _reference(r, self)[0] - 1
        elif local == "c":
            if (r := attrs.get("r")) is not None:
                row, column = _reference(r, self)
                if column == 0:
                    raise self._bad_reference(r)
                self.column = column - 1
                position = (row, column)
            else:
                position = (self.row + 1, self.column + 1)
            self.cell = _SlowCell(position, attrs.get("t"))
        elif self.cell is not None:
            if local == "f":
                self.cell.formula = True
            elif local == "v":
                self.cell.value_seen = True
                self.in_value = True
            elif local == "is":
                self.cell.value_text = True

    def _end(self, tag: str) -> None:
        local = tag.rpartition(":")[2]
        if local == "v":
            self.in_value = False
        elif local == "row":
            self.row += 1
            self.column = 0
        elif local == "c" and self.cell is not None:
            cell = self.cell
            self.scan.add(*cell.position)
            if cell.formula and not has_value(cell.kind, cell.value_seen, cell.value_text):
                self.scan.uncomputed.append(cell.position)
            self.column += 1
            self.cell = None

    def _text(self, text: str) -> None:
        if self.in_value and self.cell is not None and text:
            self.cell.value_text = True

    def _bad_reference(self, ref: str) -> UnreadableFileError:
        return UnreadableFileError(
            _("{name}: part {part} has a bad cell reference {ref!r}").format(
                name=self.name, part=clipped(self.part), ref=clipped(ref, 20)
            )
        )

    def feed(self, chunks: Iterable[bytes]) -> PartScan:
        try:
            for chunk in chunks:
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except (xml.parsers.expat.ExpatError, LookupError, ValueError) as exc:
            # LookupError: an encoding expat does not know (encoding="UTF-9")
            from gongkai_cli.io.containers import library_reason

            raise UnreadableFileError(
                _("{name}: part {part} is not well-formed XML ({reason})").format(
                    name=self.name, part=clipped(self.part), reason=library_reason(exc)
                )
            ) from None
        return self.scan


_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]+)")


def _reference(ref: str, slow: _SlowXlsx) -> tuple[int, int]:
    """`B7` -> (7, 2); a row reference `7` -> (7, 0)."""
    match = _REFERENCE.fullmatch(ref)
    if match is None or len(match[1]) > 3 or len(match[2]) > 7 or int(match[2]) == 0:
        raise slow._bad_reference(ref)
    return int(match[2]), column_number(match[1]) if match[1] else 0


def scan_xlsx_part_slowly(chunks: Iterable[bytes], name: str, part: str) -> PartScan:
    """The part's cells by expat, for a part the fast path cannot read."""
    return _SlowXlsx(name, part).feed(chunks)


# -- .ods ----------------------------------------------------------------------------------

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def scan_ods_content(chunks: Iterator[bytes], name: str) -> dict[str, PartScan]:
    """Each table of an .ods content.xml by name: extent (repeats counted), formulas
    without a saved value, merged ranges."""
    import defusedxml.ElementTree as safe_tree
    from defusedxml import DefusedXmlException

    stream = _ChunkStream(chunks)
    tables: dict[str, PartScan] = {}
    scan: PartScan | None = None
    row = column = 0
    row_used = False
    try:
        events = safe_tree.iterparse(stream, events=("start", "end"), forbid_dtd=True)
        for event, element in events:
            tag = element.tag
            if event == "start":
                if tag == _TABLE + "table":
                    scan = tables.setdefault(element.get(_TABLE + "name", ""), PartScan())
                    row = 0
                elif tag == _TABLE + "table-row":
                    column, row_used = 0, False
                continue
            if scan is None:
                continue
            if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = _count(element.get(_TABLE + "number-columns-repeated"), name)
                valued = element.get(_OFFICE + "value-type") is not None or any(
                    text.strip() for text in element.itertext()
                )
                if valued:
                    scan.add(row + 1, column + repeat)
                    row_used = True
                    if scan.cells > MAX_SHEET_CELLS:
                        break  # said by check_extent
                if element.get(_TABLE + "formula") is not None and not valued:
                    scan.uncomputed.append((row + 1, column + 1))
                rows = _count(element.get(_TABLE + "number-rows-spanned"), name)
                columns = _count(element.get(_TABLE + "number-columns-spanned"), name)
                if rows > 1 or columns > 1:
                    scan.merged.append((row + 1, column + 1, row + rows, column + columns))
                column += repeat
                element.clear()
            elif tag == _TABLE + "table-row":
                repeat = _count(element.get(_TABLE + "number-rows-repeated"), name)
                if row_used:
                    scan.add(row + repeat, scan.last_column)
                row += repeat
                element.clear()
            elif tag == _TABLE + "table":
                scan = None
                element.clear()
    except (safe_tree.ParseError, DefusedXmlException, LookupError, ValueError) as exc:
        from gongkai_cli.io.containers import library_reason

        raise UnreadableFileError(
            _("{name}: content.xml is not readable XML ({reason})").format(
                name=name, reason=library_reason(exc)
            )
        ) from None
    return tables


def _count(text: str | None, name: str) -> int:
    if text is None:
        return 1
    if not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise UnreadableFileError(
            _("{name}: a repeat or span count {value!r} that is not a number").format(
                name=name, value=clipped(text, 20)
            )
        )
    return int(text)


class _ChunkStream:
    """Chunks as a file for iterparse."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks

    def read(self, size: int = -1) -> bytes:
        return next(self.chunks, b"")


# -- .xls ----------------------------------------------------------------------------------

# BIFF8 cell records: each starts with row (u16) and column (u16). MULRK and MULBLANK
# end with their last column.
_CELL_RECORDS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0201, 0x00D6, 0x0406})
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})


def scan_xls_stream(stream: bytes) -> PartScan:
    """The extent over every sheet of a BIFF Workbook stream (the largest of them)."""
    scan = PartScan()
    at, end = 0, len(stream)
    unpack = struct.unpack_from
    while at + 4 <= end:
        kind, length = unpack("<HH", stream, at)
        body = at + 4
        if kind in _CELL_RECORDS and length >= 4:
            row, column = unpack("<HH", stream, body)
            scan.add(row + 1, column + 1)
        elif kind in _MULTI_RECORDS and length >= 6:
            row, _first = unpack("<HH", stream, body)
            (last,) = unpack("<H", stream, body + length - 2)
            scan.add(row + 1, last + 1)
        at = body + length
    return scan
