"""Reading text sources: decoding bytes, and the task table of .txt, .md, .csv and .tsv.

Bytes are decoded with a known encoding and never with replacement characters:
UTF-8 (with or without a BOM), then GBK / GB18030, the encodings Chinese office
software writes; anything else needs --encoding.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from gongkai_cli.errors import UnreadableSourceError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.plan.importing.table import (
    Cell,
    Column,
    Row,
    SourceTable,
    scan_table,
)

_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")


def decode(blob: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of `blob` and the encoding it was in; UnreadableSourceError if none fits."""
    if encoding:
        try:
            return blob.decode(encoding), encoding
        except LookupError:
            raise UnreadableSourceError(
                _("unknown encoding {encoding!r}").format(encoding=clipped(encoding))
            ) from None
        except UnicodeDecodeError as exc:
            raise UnreadableSourceError(
                _("{name} is not {encoding}: byte {start} ({reason})").format(
                    name=name, encoding=encoding, start=exc.start, reason=exc.reason
                )
            ) from None
    if blob.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gbk", "gb18030"]
    for candidate in candidates:
        try:
            return blob.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    raise UnreadableSourceError(
        _("{name} is not UTF-8, GBK or GB18030 text; name its encoding with --encoding").format(
            name=name
        )
    )


def split_lines(text: str) -> list[str]:
    """Lines without their endings (\\r\\n, \\n or \\r)."""
    return text.splitlines()


def _row(columns: dict[Column, int], cells: list[str], page: int, where: str) -> Row:
    return Row(
        {column: Cell(cells[i] if i < len(cells) else "") for column, i in columns.items()},
        page,
        where,
    )


def _pipe_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not stripped.startswith("|"):
        return None
    inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
    return [cell.strip() for cell in inner.split("|")]


def table_in_lines(lines: list[str]) -> tuple[SourceTable | None, list[list[str]]]:
    """The task table in lines of text (tab-separated or a Markdown pipe table).

    Returns the table (None if no header was recognised) and the candidate
    header rows seen, for the message when there is none.
    """
    return scan_table(_cells_of_lines(lines), _row)


def _cells_of_lines(lines: list[str]) -> Iterator[tuple[list[str], str]]:
    """The cells of each tab-separated or pipe-table line, with its line number. Blank
    lines, titles between the pages of the table and a pipe table's rule are skipped."""
    for number, line in enumerate(lines, 1):
        if "\t" in line:
            yield line.split("\t"), f"line {number}"
        elif (pipe := _pipe_cells(line)) is not None and not _PIPE_RULE.match(line.strip()):
            yield pipe, f"line {number}"


def table_in_delimited(text: str, delimiter: str) -> tuple[SourceTable | None, list[list[str]]]:
    """The task table of a .csv or .tsv file: the first row that is a header, and the rows after."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = (
        (cells, f"line {reader.line_num}")
        for cells in reader
        if any(cell.strip() for cell in cells)
    )
    try:
        return scan_table(rows, _row)
    except csv.Error as exc:
        raise UnreadableSourceError(
            _("line {line_num}: {exc}").format(line_num=reader.line_num, exc=exc)
        ) from None
