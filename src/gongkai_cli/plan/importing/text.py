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
    CHAPTER_HEADING,
    Column,
    HeaderProblem,
    Kind,
    SourceTable,
    header_fields,
    header_word,
    kind_of,
    scan_table,
)

_NUMBERED_TASK = re.compile(r"^\d{1,3}[.．、]\s*\S")
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
            raise UnreadableSourceError(_not_in(blob, name, encoding, exc)) from None
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


def _not_in(blob: bytes, name: str, encoding: str, exc: UnicodeDecodeError) -> str:
    """Why `blob` is not text in the `encoding` named: where, and the usual encoding
    it reads in instead, if one."""
    where = {
        "name": name,
        "encoding": encoding,
        "byte": blob[exc.start],
        "line": blob.count(b"\n", 0, exc.start) + 1,
    }
    for other in ("utf-8", "gb18030"):
        try:
            blob.decode(other)
        except UnicodeDecodeError:
            continue
        said = _(
            "{name} is not {encoding} (byte 0x{byte:02X} on line {line}); it reads as "
            "{other}: --encoding {other}, or leave --encoding out"
        )
        return said.format(other=other, **where)
    return _("{name} is not {encoding} (byte 0x{byte:02X} on line {line})").format(**where)


def split_lines(text: str) -> list[str]:
    """Lines without their endings (\\r\\n, \\n or \\r)."""
    return text.splitlines()


def _pipe_cells(line: str) -> list[str] | None:
    """The cells of a Markdown pipe row (| a | b |) or a page copy's `a | b | c |` row."""
    stripped = line.strip()
    if stripped.startswith("|"):
        inner = stripped[1:-1] if stripped.endswith("|") and len(stripped) > 1 else stripped[1:]
        return [cell.strip() for cell in inner.split("|")]
    if " | " in stripped or (stripped.endswith(" |") and len(stripped) > 2):
        return [cell.strip() for cell in stripped.split("|")]
    return None


def table_in_lines(lines: list[str]) -> tuple[SourceTable | None, HeaderProblem | None, int]:
    """The task table in lines of text, and the index of the line its header is on.

    Rows are tab-separated lines, Markdown pipe rows or a page copy's `a | b |` rows;
    failing those, a table copied one cell per line (a page or a PDF viewer gives it so)
    is rebuilt from its header. Returns the table (None if no header was recognised),
    the row most like a header otherwise, and the header's line index (len(lines) if none).
    """
    rows = list(_cells_of_lines(lines))
    table, problem = scan_table(((cells, f"line {n}") for cells, n in rows))
    if table is not None:
        first = next(n for cells, n in rows if header_fields(cells) is not None)
        return table, problem, first - 1
    stream = one_cell_per_line(lines)
    if stream is not None:
        start, rebuilt = stream
        table, _ = scan_table(rebuilt)
        if table is not None:
            return table, None, start
    return None, problem, len(lines)


def _cells_of_lines(lines: list[str]) -> Iterator[tuple[list[str], int]]:
    """The cells of each tab-separated or pipe-table line, with its line number. Blank
    lines, titles between the pages of the table and a pipe table's rule are skipped.

    A line of one cell is a row too when it is a heading across the table (一、…), or,
    under the header, a numbered task (11.…) whose other cells a browser's copy left
    out as merged: it is read, not lost.
    """
    under_header = False
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if "\t" in line:
            cells = line.split("\t")
        elif (pipe := _pipe_cells(line)) is not None and not _PIPE_RULE.match(stripped):
            cells = pipe
        elif CHAPTER_HEADING.match(stripped) or (
            under_header and _NUMBERED_TASK.match(stripped) and kind_of(stripped) is Kind.TEXT
        ):
            cells = [stripped]
        else:
            continue
        under_header = under_header or header_fields(cells) is not None
        yield cells, number


def one_cell_per_line(lines: list[str]) -> tuple[int, list[tuple[list[str], str]]] | None:
    """A table copied one cell per line, rebuilt into rows from its header's width.

    The header is a run of header words, one a line (blank lines and lone `|` between
    cells are the copy's, not the table's). Each row holds one 序号; the cells after a
    row's last time node (or, with no time column, its last units) start the next row,
    so a row whose merged cells the copy left out is simply shorter. Returns the header's
    line index and the rows, or None when there is no such header.
    """
    cells = [
        (number, line.strip())
        for number, line in enumerate(lines, 1)
        if line.strip() and line.strip() != "|"
    ]
    start = None
    for i in range(len(cells)):
        run = 0
        while i + run < len(cells) and header_word(cells[i + run][1]) is not None:
            run += 1
        if run >= 3 and header_fields([text for _, text in cells[i : i + run]]) is not None:
            start = i
            break
    if start is None:
        return None
    header = []
    i = start
    while i < len(cells) and header_word(cells[i][1]) is not None:
        header.append(cells[i])
        i += 1
    body = cells[i:]
    ends_row = (
        Kind.TIME if any(header_word(t) is Column.TIME_NODE for _, t in header) else Kind.UNIT
    )
    # Anchors: the 序号 cells, counting up by one from the first.
    anchors: list[int] = []
    for j, (_line, text) in enumerate(body):
        if kind_of(text) is Kind.SEQ:
            value = int(text.rstrip(".、．"))
            if not anchors or value == int(body[anchors[-1]][1].rstrip(".、．")) + 1:
                anchors.append(j)
    rows: list[tuple[list[str], str]] = [([t for _, t in header], f"line {header[0][0]}")]
    if not anchors:
        width = len(header)
        for j in range(0, len(body), width):
            chunk = body[j : j + width]
            rows.append(([t for _, t in chunk], f"line {chunk[0][0]}"))
        return header[0][0] - 1, rows
    prefix = body[: anchors[0]]
    for k, anchor in enumerate(anchors):
        end = anchors[k + 1] if k + 1 < len(anchors) else len(body)
        segment = body[anchor + 1 : end]
        last = max(
            (j for j, (_, text) in enumerate(segment) if kind_of(text) is ends_row), default=None
        )
        post, carry = (segment, []) if last is None else (segment[: last + 1], segment[last + 1 :])
        if k + 1 == len(anchors):
            post, carry = segment, []
        row = [*prefix, body[anchor], *post]
        rows.append(([t for _, t in row], f"line {row[0][0]}"))
        prefix = carry
    return header[0][0] - 1, rows


def table_in_delimited(
    text: str, delimiter: str
) -> tuple[SourceTable | None, HeaderProblem | None]:
    """The task table of a .csv or .tsv file: the first row that is a header, and the rows after."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = (
        (cells, f"line {reader.line_num}")
        for cells in reader
        if any(cell.strip() for cell in cells)
    )
    try:
        return scan_table(rows)
    except csv.Error as exc:
        from gongkai_cli.io.csv_errors import csv_reason

        raise UnreadableSourceError(
            _("line {line_num}: {exc}").format(line_num=reader.line_num, exc=csv_reason(exc))
        ) from None
