"""Reading .xlsx (openpyxl) and .docx (python-docx) sources, merged cells included.

Both libraries are imported only when such a file is read. A file neither can
open (corrupt, or encrypted with a password, which makes it an OLE container
rather than a zip) is UnreadableSourceError with one line.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gongkai_cli.errors import UnreadableSourceError
from gongkai_cli.i18n import _
from gongkai_cli.plan.importing.table import Cell, HeaderProblem, SourceTable, scan_table

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_container(path: Path, kind: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == _OLE_MAGIC:
        raise UnreadableSourceError(
            _(
                "{name}: password-protected (or an old binary {kind} file); save it without a "
                "password as .{kind2}x and import that"
            ).format(name=path.name, kind=kind, kind2=kind)
        )
    if not zipfile.is_zipfile(path):
        raise UnreadableSourceError(
            _("{name}: not a readable .{kind}x file (corrupt?)").format(name=path.name, kind=kind)
        )


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(
    path: Path, sheet: str | None
) -> tuple[SourceTable | None, HeaderProblem | None, str]:
    """The task table of a sheet (the named one, else the first with a header) and all its text."""
    _check_container(path, "xls")
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableSourceError(
            _("{name}: not a readable .xlsx file ({exc})").format(name=path.name, exc=exc)
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        raise UnreadableSourceError(
            _("{name} has no sheet {sheet!r} (sheets: {sheetnames})").format(
                name=path.name, sheet=sheet, sheetnames=", ".join(book.sheetnames)
            )
        )
    sheets = [book[sheet]] if sheet else list(book.worksheets)
    texts: list[str] = []
    problem: HeaderProblem | None = None
    found: SourceTable | None = None
    for ws in sheets:
        grid = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        texts += [cell for row in grid for cell in row if cell]
        # Cells covered by a merged range (not its top-left) and the row they start in.
        covered: set[tuple[int, int]] = set()
        for merged in ws.merged_cells.ranges:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col) and r > merged.min_row:
                        covered.add((r - 1, c - 1))
        table, seen = grid_table(grid, covered, functools.partial(_xlsx_where, ws.title))
        problem = problem or seen
        if table is not None and found is None:
            found = table
    book.close()
    return found, None if found else problem, "\n".join(texts)


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
    _check_container(path, "doc")
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableSourceError(
            _("{name}: not a readable .docx file ({exc})").format(name=path.name, exc=exc)
        ) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError
        if type(exc).__name__ == "PackageNotFoundError":
            raise UnreadableSourceError(
                _("{name}: not a readable .docx file").format(name=path.name)
            ) from None
        raise
    paragraphs = [_numbered(p) for p in document.paragraphs]
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
                    row_texts.append(cell.text)
            grid.append(row_texts)
            places.append(f"table {t_index} row {r + 1}")
            texts += [text for text in row_texts if text]
    table_found, seen = grid_table(grid, covered, lambda r: places[r])
    return table_found, seen, paragraphs, "\n".join(texts)


def _numbered(paragraph: Any) -> str:
    text: str = paragraph.text
    return text
