"""One output layer: a command builds a `View`, and `emit(view, fmt, out)` writes it to `out`.

A view holds what a command shows in every format:

- `shown`: the blocks people read, laid out as text tables (`table`) or as
  Markdown (`md`): `Table` (rows under columns), `Fields` (label/value pairs
  about one thing) and `Text` (a heading or a paragraph, verbatim);
- `markdown`: other blocks for `md`, where a pasted report differs from the screen;
- `data`: the JSON document, built from the model (English keys, stable);
- `records`: the rows for csv; by default those of the first `Table` in `shown`,
  under their English keys;
- `notes`: lines for people that go to stderr before the data (what was assumed);
- `summary`: lines for people that go to stderr after the data;
- `document`: for a format that is a whole file made by its own renderer (the ics
  calendar, the html report), that file, made when it is written.

Every format is one writer in `WRITERS` (xlsx through openpyxl, imported only
when a workbook is written: one sheet per table); a new format is one more writer
there, and every command that emits a view gains it. A writer writes to the stream
it is given: the text is laid out for that stream (its width, and bold only on a
terminal), and nothing swaps sys.stdout (`-o FILE` is a stream over the file's bytes).

The view types are typed named tuples rather than dataclasses: the headline
`gongkai due` imports this module, and a named tuple costs a third of a
frozen dataclass to define at start-up.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, TextIO

from gongkai_cli.i18n import _
from gongkai_cli.model.output import Format
from gongkai_cli.render.table import (
    Column,
    Percent,
    cell,
    highlighted,
    styled,
    table_lines,
    terminal_width,
    title_lines,
)
from gongkai_cli.render.text import wrap

Row = Mapping[str, Any]


class Table(NamedTuple):
    """Rows under columns: a title above, a caption (counts, notes) below.

    `compact` puts one space between columns instead of three, for wide matrices.
    `highlight` finds a searched word, marked in the rows on a terminal.
    """

    columns: Sequence[Column]
    rows: Sequence[Row]
    title: str | None = None
    caption: str | None = None
    compact: bool = False
    highlight: re.Pattern[str] | None = None


class Fields(NamedTuple):
    """Label/value pairs about one thing (a task, a deadline, a case), values wrapped."""

    fields: Sequence[tuple[str, str]]
    title: str | None = None


class Text(NamedTuple):
    """Lines written as they are: a heading, a paragraph, a message in place of a table."""

    text: str


class Terminal(NamedTuple):
    """What text is laid out for: the width of the stream written to, and whether it
    takes bold and colour (a terminal, NO_COLOR unset)."""

    width: int
    styled: bool

    @classmethod
    def of(cls, out: TextIO) -> Terminal:
        """The terminal `out` is, or a plain 80-or-$COLUMNS one for a pipe or a file."""
        return cls(terminal_width(out), styled(out))


class Drawing(NamedTuple):
    """Lines drawn for the terminal they are written to (the month grid): `draw(terminal)`."""

    draw: Callable[[Terminal], list[str]]


Block = Table | Fields | Text | Drawing


class Records(NamedTuple):
    """Rows for programs (csv): the keys, in order, are the header."""

    keys: Sequence[str]
    rows: Iterable[Row]


class View(NamedTuple):
    """What a command shows: blocks for people, data for programs, a summary for stderr."""

    shown: Sequence[Block] = ()
    data: Any = None
    records: Records | None = None
    markdown: Sequence[Block] | None = None
    summary: Sequence[str] = ()
    document: Callable[[], str | bytes] | None = None
    notes: Sequence[str] = ()

    def csv_records(self) -> Records:
        """`records`, or the first table's rows under its columns' keys."""
        if self.records is not None:
            return self.records
        table = next(block for block in self.shown if isinstance(block, Table))
        return Records([column.key for column in table.columns], table.rows)


def _cells(columns: Sequence[Column], rows: Iterable[Row]) -> list[list[str]]:
    return [[cell(row.get(column.key)) for column in columns] for row in rows]


def _text_lines(block: Block, term: Terminal) -> list[str]:
    total, bright = term
    if isinstance(block, Table):
        lines = title_lines(block.title, total, bright)
        gap = " " if block.compact else "   "
        cells = _cells(block.columns, block.rows)
        rows = table_lines(block.columns, cells, total=total, gap=gap, styled=bright)
        if block.highlight:  # the rows only: the header and its rule stay as they are
            rows[2:] = [highlighted(line, block.highlight, bright) for line in rows[2:]]
        lines += rows
        return lines + (wrap(block.caption, total) if block.caption else [])
    if isinstance(block, Fields):
        columns = [Column("", "label"), Column("", "value", ratio=1)]
        cells = [[label, value] for label, value in block.fields]
        return title_lines(block.title, total, bright) + table_lines(
            columns, cells, total=total, header=False, styled=bright
        )
    if isinstance(block, Drawing):
        return block.draw(term)
    # Wrapped like everything else on the terminal; a line that fits is left as it is.
    return [line for text in block.text.split("\n") for line in wrap(text, total)]


def write_table(view: View, out: TextIO) -> None:
    """Text for people: the blocks one after another, laid out to `out`."""
    term = Terminal.of(out)
    lines = [line for block in view.shown for line in _text_lines(block, term)]
    out.write("".join(line + "\n" for line in lines))


def _md(value: Any) -> str:
    return cell(value).replace("|", "\\|").replace("\n", "<br>")


def _md_lines(block: Block) -> list[str]:
    if isinstance(block, Table):
        columns = block.columns
        lines = [f"### {block.title}", ""] if block.title else []
        lines.append("| " + " | ".join(column.header for column in columns) + " |")
        lines.append(
            "|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|"
        )
        lines += [
            "| " + " | ".join(_md(row.get(c.key)) for c in columns) + " |" for row in block.rows
        ]
        return lines
    if isinstance(block, Fields):
        return _md_lines(
            Table(
                [Column("项目", "label"), Column("内容", "value")],
                [{"label": label, "value": value} for label, value in block.fields],
                title=block.title,
            )
        )
    if isinstance(block, Drawing):
        return block.draw(PLAIN)
    return [block.text]


PLAIN = Terminal(80, False)
"""What a drawing is laid out for outside a terminal's text: a document, a sheet."""


def write_markdown(view: View, out: TextIO) -> None:
    """Markdown (GFM) to paste into a report: the blocks with a blank line between."""
    blocks = view.shown if view.markdown is None else view.markdown
    out.write("\n\n".join("\n".join(_md_lines(block)) for block in blocks) + "\n")


def write_json(view: View, out: TextIO) -> None:
    """JSON: UTF-8 as is, two-space indent."""
    import json

    out.write(json.dumps(view.data, ensure_ascii=False, indent=2) + "\n")


def write_csv(view: View, out: TextIO) -> None:
    """CSV with a header row of English keys; lists are joined with ';'."""
    import csv

    records = view.csv_records()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(records.keys)
    for row in records.rows:
        writer.writerow([cell(row.get(key)) for key in records.keys])


def _sheet_title(wanted: str, taken: set[str]) -> str:
    # Excel forbids []:*?/\ in a sheet name and cuts it at 31 characters.
    base = " ".join("".join(" " if c in "[]:*?/\\" else c for c in wanted).split())[:31] or "表"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _sheets(view: View) -> list[tuple[str | None, Table]]:
    """Each table of the view with the heading it stands under; label/value pairs as tables.

    A view's Markdown blocks, when it has them, are what it hands to other documents
    (name and content apart, the time node as written, the due day alone in its cell),
    so a workbook is made from them."""
    blocks = view.markdown or view.shown or ()
    heading: str | None = None
    sheets: list[tuple[str | None, Table]] = []
    follows_table = False
    for block in blocks:
        if isinstance(block, Drawing):  # drawn for a terminal: not a sheet's rows
            continue
        if isinstance(block, Text):
            if block.text.startswith("#"):
                heading = block.text.lstrip("#").strip()
                follows_table = False
            elif follows_table:  # a footnote of the table above: under its rows
                title, table = sheets[-1]
                text = "\n".join(line.rstrip() for line in block.text.split("\n"))
                caption = "\n".join(filter(None, (table.caption, text)))
                sheets[-1] = (title, table._replace(caption=caption))
            continue
        if isinstance(block, Fields):
            block = Table(
                [Column("项目", "label"), Column("内容", "value")],
                [{"label": label, "value": value} for label, value in block.fields],
                title=block.title,
            )
        sheets.append((block.title or heading, block))
        heading = None
        follows_table = True
    if not sheets:
        lines = [line for block in blocks for line in _text_lines(block, PLAIN)]
        sheets.append((None, Table([Column("内容", "text")], [{"text": line} for line in lines])))
    return sheets


def _xlsx_value(value: Any, column: Column) -> tuple[Any, str | None]:
    """The cell's value and, where it is not the default, its number format."""
    import datetime as dt

    if value is None:
        return None, None
    if isinstance(value, Percent):  # sorts and sums as the number it is
        return value.value, "0.0%"
    if isinstance(value, bool | list | tuple):
        return cell(value), None
    if isinstance(value, dt.date):
        return value, "yyyy-mm-dd"
    if isinstance(value, int | float):
        return value, None
    text = str(value)
    if column.day and text[4:5] == "-" and text[7:8] == "-" and text[10:] in ("", "†"):
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            return text, None  # not a day after all: kept as written
        # A footnote's mark (印发前已到期†) stays in sight as a literal of the format.
        return day, "yyyy-mm-dd" + (f'"{text[10:]}"' if text[10:] else "")
    return text, None


def xlsx_bytes(view: View) -> bytes:
    """The view as an xlsx workbook: one sheet per table, Chinese headers in a frozen,
    filtered first row; numbers and dates as themselves, the days of a `day` column as
    date cells, a `Percent` as a number formatted 0.0%, every other value as text."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from gongkai_cli.render.text import width

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    taken: set[str] = set()
    for index, (wanted, table) in enumerate(_sheets(view), start=1):
        sheet = workbook.create_sheet(_sheet_title(wanted or f"表{index}", taken))
        sheet.append([column.header or column.key for column in table.columns])
        for header_cell in sheet[1]:
            header_cell.font = Font(bold=True)
        for row in table.rows:
            cells = [_xlsx_value(row.get(column.key), column) for column in table.columns]
            sheet.append([value for value, _ in cells])
            for data_cell, (value, number_format) in zip(sheet[sheet.max_row], cells, strict=False):
                if isinstance(value, str) and value.startswith("="):
                    data_cell.data_type = "s"  # text as written, never a formula
                elif number_format is not None:
                    data_cell.number_format = number_format
        last_row = sheet.max_row
        columns = len(table.columns)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{last_row}"
        if table.caption:
            sheet.append([])
            for line in table.caption.split("\n"):
                sheet.append([line])
        for number, column in enumerate(table.columns, start=1):
            texts = [column.header, *(cell(row.get(column.key)) for row in table.rows)]
            widest = max(width(line) for text in texts for line in text.split("\n"))
            sheet.column_dimensions[get_column_letter(number)].width = min(widest + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refuse_xlsx_on_terminal(out: TextIO) -> None:
    """Raise a usage error when `out` is a terminal, where a workbook's bytes are noise."""
    if out.isatty():
        from gongkai_cli.errors import UsageError

        raise UsageError(
            _("xlsx is a binary file: add --output FILE.xlsx or redirect (> FILE.xlsx)")
        )


def _write_bytes(out: TextIO, blob: bytes) -> None:
    out.flush()
    out.buffer.write(blob)
    out.buffer.flush()


def write_xlsx(view: View, out: TextIO) -> None:
    """An xlsx workbook (bytes); refused on a terminal."""
    refuse_xlsx_on_terminal(out)
    _write_bytes(out, xlsx_bytes(view))


def write_document(view: View, out: TextIO) -> None:
    """The file a format's own renderer makes (an ics calendar, an html page), as it is."""
    assert view.document is not None, "a view written as a document has one"
    document = view.document()
    if isinstance(document, bytes):
        _write_bytes(out, document)
    else:
        out.write(document)


WRITERS: dict[str, Callable[[View, TextIO], None]] = {
    Format.TABLE: write_table,
    Format.MD: write_markdown,
    Format.JSON: write_json,
    Format.CSV: write_csv,
    Format.XLSX: write_xlsx,
    Format.ICS: write_document,
    Format.HTML: write_document,
}


def emit(view: View, fmt: Format | str, out: TextIO) -> None:
    """Write `view`'s notes on stderr, then the view in format `fmt` to `out`, then its
    summary on stderr."""
    for line in view.notes:
        note(line)
    WRITERS[fmt](view, out)
    for line in view.summary:
        note(line)


def note(message: str) -> None:
    """A line for people on stderr (never mixed into data on stdout)."""
    sys.stderr.write(message + "\n")
