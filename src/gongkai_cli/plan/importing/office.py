"""Reading spreadsheet (.xlsx, .xls, .ods: the one sheet reader, io/sheets.py) and
.docx (python-docx) sources, merged cells included.

Both readers are imported only when such a file is read, and both read within the
bounds of io/containers.py (a regular file of at most 100 MiB, parts unpacked
within limits, no DTD). A file that cannot be read (corrupt, hostile, over a
bound, or encrypted with a password, which makes it an OLE container rather than
a zip) is UnreadableSourceError with one line.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from gongkai_cli.errors import UnreadableFileError, UnreadableSourceError
from gongkai_cli.i18n import _
from gongkai_cli.io.containers import (
    OLE_MAGIC,
    check_parts,
    library_reason,
    open_zip,
    read_office_file,
)
from gongkai_cli.plan.importing.notice import above_header
from gongkai_cli.plan.importing.table import Cell, HeaderProblem, SourceTable, scan_table

MAX_ROWS = 10_000
"""The most rows of a sheet an import reads: a plan's table, not an export."""
MAX_CELL_CHARS = 32_767
"""The longest cell or paragraph an import reads (Excel's own limit for a cell)."""
MAX_DOCX_PART = 64 * 2**20
"""The largest part of a .docx unpacked (64 MiB; a long plan's document.xml is a few)."""


def _check_container(path: Path, kind: str) -> bytes:
    head = read_office_file(path)
    if head.startswith(OLE_MAGIC):
        raise UnreadableSourceError(
            _(
                "{name}: password-protected (or an old binary {kind} file); save it without a "
                "password as .{kind2}x and import that"
            ).format(name=path.name, kind=kind, kind2=kind)
        )
    if not zipfile.is_zipfile(BytesIO(head)):
        raise UnreadableSourceError(
            _("{name}: not a readable .{kind}x file (corrupt?)").format(name=path.name, kind=kind)
        )
    return head


def _too_long(name: str, where: str) -> UnreadableSourceError:
    return UnreadableSourceError(
        _("{name}: {where} is longer than {limit:,} characters; not imported").format(
            name=name, where=where, limit=MAX_CELL_CHARS
        )
    )


def read_xlsx(
    path: Path, sheet: str | None
) -> tuple[SourceTable | None, HeaderProblem | None, list[str], str]:
    """The task table of a sheet (the named one, else the first visible one with a
    header), the lines that name it, and all its text. A hidden sheet is read only when
    named. The lines are the table's sheet name, then the cells above its header (a title
    row such as 荆州市2022年政务公开任务分解责任清单): where the notice reader looks."""
    from gongkai_cli.io.sheets import cell_value_text, open_workbook

    if path.suffix.lower() == ".xlsx":
        _check_container(path, "xls")
    try:
        book = open_workbook(path, max_rows=MAX_ROWS)
    except UnreadableFileError as exc:
        raise UnreadableSourceError(str(exc)) from None
    texts: list[str] = []
    problem: HeaderProblem | None = None
    found: SourceTable | None = None
    heading: list[str] = []
    with book:
        names = [sheet] if sheet is not None else [info.name for info in book.readable()]
        for name in names:
            try:
                ws = book.sheet(name)
                rows = list(ws.rows())
            except UnreadableFileError as exc:
                raise UnreadableSourceError(str(exc)) from None
            grid: list[list[str]] = []
            for row in rows:
                if row.problems:
                    raise UnreadableSourceError(f"{path.name}: {ws.name}!{row.problem_text()}")
                while len(grid) < row.number - 1:
                    grid.append([])
                cells = [cell_value_text(value) for value in row.values]
                for column, text in enumerate(cells):
                    if len(text) > MAX_CELL_CHARS:
                        raise _too_long(path.name, f"{ws.name}!{_a1(row.number - 1, column)}")
                grid.append(cells)
            texts += [cell for cells in grid for cell in cells if cell]
            # Cells covered by a merged range (not its top-left) and the row they start in.
            covered: set[tuple[int, int]] = set()
            for merged in ws.merged:
                last_row = min(merged.last_row, len(grid))
                for r in range(merged.first_row + 1, last_row + 1):
                    for c in range(merged.first_column, merged.last_column + 1):
                        covered.add((r - 1, c - 1))
            table, seen = grid_table(grid, covered, functools.partial(_xlsx_where, ws.name))
            problem = problem or seen
            if table is not None and found is None:
                found = table
                heading = [ws.name, *above_header(grid, [text for text, _ in table.header])]
    return found, None if found else problem, heading, "\n".join(texts)


def _xlsx_where(title: str, row: int) -> str:
    return f"{title}!{_a1(row, 0)}"


def _a1(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def grid_table(
    grid: list[list[str]], covered: set[tuple[int, int]], where: Callable[[int], str]
) -> tuple[SourceTable | None, HeaderProblem | None]:
    """The task table of a grid of cells; `covered` cells continue a merged cell above."""
    rows = (
        ([Cell(text, merged=(r, c) in covered) for c, text in enumerate(cells)], where(r))
        for r, cells in enumerate(grid)
        if any(cell.strip() for cell in cells)
    )
    return scan_table(rows, explicit_merges=True)


def read_docx(
    path: Path,
) -> tuple[SourceTable | None, HeaderProblem | None, list[str], str]:
    """The task table of a .docx (its tables in order), its paragraphs, and all its text.

    Word's automatic numbering is not part of a paragraph's text; a paragraph
    numbered that way gets its number written in front ("3."), so items keep
    their numbers as the reader sees them.
    """
    blob = _check_container(path, "doc")
    try:
        check_parts(open_zip(blob, path.name, ".docx"), path.name, MAX_DOCX_PART)
    except UnreadableFileError as exc:
        raise UnreadableSourceError(str(exc)) from None
    import docx

    # python-docx's lxml parser resolves no entities and keeps libxml2's limits
    # (huge_tree off: depth 256, a text node at most 10 MB); what it refuses
    # (lxml's XMLSyntaxError, a SyntaxError) is one line.
    try:
        document = docx.Document(BytesIO(blob))
        _walk(document)
    except (
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
        SyntaxError,
        # python-docx meeting well-formed XML of the wrong shape (a <w:document> with
        # no body, a relationship without a target): a corrupt file, not a bug here
        AttributeError,
        TypeError,
        IndexError,
    ) as exc:
        raise UnreadableSourceError(
            _("{name}: not a readable .docx file ({exc})").format(
                name=path.name, exc=library_reason(exc)
            )
        ) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError
        if type(exc).__name__ == "PackageNotFoundError":
            raise UnreadableSourceError(
                _("{name}: not a readable .docx file").format(name=path.name)
            ) from None
        raise
    paragraphs = [_numbered(p) for p in document.paragraphs]
    for number, paragraph in enumerate(paragraphs, 1):
        if len(paragraph) > MAX_CELL_CHARS:
            raise _too_long(path.name, _("paragraph {number}").format(number=number))
    texts = [p for p in paragraphs if p]
    grid: list[list[str]] = []
    covered: set[tuple[int, int]] = set()
    places: list[str] = []
    for t_index, table in enumerate(document.tables, 1):
        # The layout grid, once: python-docx's public cell accessors rebuild it on every
        # call (rows x columns times), and it repeats the same cell object down a
        # vertical merge and across a horizontal span.
        layout = table._cells
        width = len(table.columns)
        base = len(grid)
        for r in range(len(layout) // width):
            row_texts = []
            for c in range(width):
                cell = layout[r * width + c]
                if r > 0 and layout[(r - 1) * width + c] is cell:
                    covered.add((base + r, c))
                    row_texts.append("")
                elif c > 0 and layout[r * width + c - 1] is cell:
                    row_texts.append("")  # a horizontal span: its text once, in its first column
                else:
                    text = cell.text
                    if len(text) > MAX_CELL_CHARS:
                        raise _too_long(path.name, f"table {t_index} row {r + 1}")
                    row_texts.append(text)
            grid.append(row_texts)
            places.append(f"table {t_index} row {r + 1}")
            texts += [text for text in row_texts if text]
    table_found, seen = grid_table(grid, covered, lambda r: places[r])
    return table_found, seen, paragraphs, "\n".join(texts)


def _walk(document: Any) -> None:
    """Everything read_docx reads, read once inside its error handling: python-docx
    builds its objects as they are asked for, so a malformed part fails here."""
    for paragraph in document.paragraphs:
        _numbered(paragraph)
    for table in document.tables:
        len(table.columns)
        for cell in table._cells:
            cell.text  # noqa: B018 (read for its failure, not its value)


def _numbered(paragraph: Any) -> str:
    text: str = paragraph.text
    return text
