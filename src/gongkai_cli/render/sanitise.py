"""The output sanitiser: what a user's data may not carry into a spreadsheet, a terminal or a page.

A plan, a progress file and a reply-check sheet are a user's data, and gongkai writes
them back out. Every writer passes that text through here (`emit`'s writers, the ics
calendar and reply-check's streamed csv), so no format can skip it:

- **Formulas (csv, xlsx).** A text cell that begins with ``= + - @``, a tab or a
  carriage return may be run as a formula by a spreadsheet (OWASP, "CSV Injection").
  In csv it is written with a leading ``'``. In xlsx the cell is a string cell marked
  ``quotePrefix``: that is how a workbook stores a leading ``'`` (ISO/IEC 29500-1
  §18.8.45, "the quote is not stored"; Excel does the same when one types ``'=…``), so
  the value stays as written and Excel shows and edits it as text. Numbers gongkai
  computes (``-76`` days left, a count, a rate) are numbers, not text, and stay as they
  are. ``--raw`` turns the neutralising off; an xlsx cell is never written as a live
  formula, even then.
- **Control characters (every format but json).** C0 controls, DEL and C1 controls
  (Unicode category Cc) are shown as ``\\x1b``, ``\\x07``..., so an ESC in a note cannot
  retitle a terminal or clear it, and a ``\\v`` cannot make a workbook unwritable. Line
  breaks stay where the format holds them: in csv and xlsx cells a tab, LF and CR are
  the data's own; in a text table, Markdown, html and ics a CR or CRLF is a line break
  (never a return to the start of the line, which would split a Markdown row or
  overwrite a table's columns), and a tab is shown as ``\\x09`` (html keeps its tabs).
- **HTML (md).** ``& < >`` are written ``&amp; &lt; &gt;``: a pasted report shows
  ``<script>`` and runs nothing.
- **json** is data: json.dumps writes every C0 control as ``\\u001b``, and nothing else
  is changed.

The functions here take text; which values are numbers is `is_number`'s question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gongkai_cli.model.output import FORMULA_STARTS as FORMULA_STARTS
from gongkai_cli.render.table import Percent

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell


_CONTROLS = (*range(0x20), *range(0x7F, 0xA0))


def _shown(keep: str) -> dict[int, str]:
    return {code: f"\\x{code:02x}" for code in _CONTROLS if chr(code) not in keep}


_IN_CELL = _shown("\t\n\r")
_IN_LINE = _shown("\n")
_IN_DOCUMENT = _shown("\t\n")
_HTML = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}


def is_number(value: Any) -> bool:
    """Whether `value` is a number gongkai computed (int, float, a `Percent`), written as
    it is, rather than text, which may need neutralising."""
    return isinstance(value, int | float | Percent) and not isinstance(value, bool)


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text`, as a cell, as a formula."""
    return text.startswith(FORMULA_STARTS)


def cell_text(text: str) -> str:
    """`text` for a csv or xlsx cell: control characters shown (``\\x1b``), its tabs and
    line breaks kept."""
    return text if text.isprintable() else text.translate(_IN_CELL)


def csv_text(text: str, raw: bool = False) -> str:
    """A text cell for csv: `cell_text`, with a leading ``'`` where a spreadsheet would
    see a formula (not with `raw`)."""
    return cell_text(text) if raw else _neutralised(text)


def csv_cell(raw: bool = False) -> Callable[[str], str]:
    """`csv_text` with `raw` decided once: one call a cell, for a writer that calls it a
    million times (reply-check's streamed csv)."""
    return cell_text if raw else _neutralised


def _neutralised(text: str) -> str:
    """`csv_text(text)`: control characters shown, a leading ``'`` before a formula."""
    if not text.isprintable():
        text = text.translate(_IN_CELL)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def line_text(text: str) -> str:
    """`text` for a terminal or a document: a CR or CRLF is a line break, and every other
    control character (a tab too) is shown (``\\x1b``)."""
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_IN_LINE)


_SGR = r"(\x1b\[[0-9;]*m)"  # compiled on first use (re caches it): not at start-up


def drawn_line(line: str, styled: bool) -> str:
    """A line a drawing laid out (the month grid): `line_text`, except for the bold and
    colour codes (SGR) of a `styled` terminal, which the drawing added itself."""
    if line.isprintable():
        return line
    if not styled:
        return line_text(line)
    return "".join(
        part if index % 2 else line_text(part) for index, part in enumerate(re.split(_SGR, line))
    )


def md_text(text: str) -> str:
    """`text` for Markdown: `line_text`, and ``& < >`` escaped as HTML."""
    return line_text(text).translate(_HTML)


def document_text(text: str) -> str:
    """A whole document gongkai wrote (an html page): `line_text`, but its tabs kept."""
    if text.isprintable():
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_IN_DOCUMENT)


def put_xlsx(cell: Cell, value: Any, raw: bool = False) -> None:
    """Set an openpyxl `cell` to `value` safely: text with `cell_text`, stored as a string
    (never a formula), and marked quotePrefix (a leading ``'``) where a spreadsheet would
    see a formula, unless `raw`. Other values (numbers, dates) are set as they are."""
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    guard_xlsx(cell, raw)


def guard_xlsx(cell: Cell, raw: bool = False) -> None:
    """Make an openpyxl `cell` already holding sanitised text safe: a string, never a
    formula, with quotePrefix where its text would read as one (unless `raw`)."""
    value = cell.value
    if isinstance(value, str) and is_formula(value):
        cell.data_type = "s"
        if not raw:
            cell.quotePrefix = True
