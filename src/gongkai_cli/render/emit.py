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
  calendar, the html report), that file, made when it is written;
- `workbook`: for xlsx, what a workbook says about itself (`Workbook`: a title row
  above every sheet's table, the file's properties, its own tables), when it has more
  to say than the tables (the report: its plan, scope and as-of date).

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
from gongkai_cli.render import sanitise
from gongkai_cli.render.table import (
    Column,
    Percent,
    Quantity,
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


class Workbook(NamedTuple):
    """What an xlsx workbook says about itself: `head`, lines written above every
    sheet's table (the first as its title), and the file's properties (title, subject,
    description), so a sheet printed or mailed alone still says what it is. `blocks`,
    when given, are the sheets' tables instead of the view's Markdown (where a
    spreadsheet takes numbers that Markdown writes together, as 1/55). Long cells wrap."""

    title: str
    subject: str
    description: str
    head: Sequence[str] = ()
    blocks: Sequence[Block] | None = None


class View(NamedTuple):
    """What a command shows: blocks for people, data for programs, a summary for stderr."""

    shown: Sequence[Block] = ()
    data: Any = None
    records: Records | None = None
    markdown: Sequence[Block] | None = None
    summary: Sequence[str] = ()
    document: Callable[[], str | bytes] | None = None
    notes: Sequence[str] = ()
    workbook: Workbook | None = None

    def csv_records(self) -> Records:
        """`records`, or the first table's rows under its columns' keys."""
        if self.records is not None:
            return self.records
        table = next(block for block in self.shown if isinstance(block, Table))
        return Records([column.key for column in table.columns], table.rows)


def _cells(columns: Sequence[Column], rows: Iterable[Row]) -> list[list[str]]:
    line_text = sanitise.line_text
    return [[line_text(cell(row.get(column.key))) for column in columns] for row in rows]


def _title(title: str | None) -> str | None:
    return sanitise.line_text(title) if title else title


def _text_lines(block: Block, term: Terminal) -> list[str]:
    # Every text is sanitised before it is laid out (sanitise.line_text: a control
    # character shown as \x1b, with the width it is shown at), and before the layout
    # adds its own bold: no escape code from the data reaches the terminal.
    total, bright = term
    line_text = sanitise.line_text
    if isinstance(block, Table):
        lines = title_lines(_title(block.title), total, bright)
        gap = " " if block.compact else "   "
        columns = [column._replace(header=line_text(column.header)) for column in block.columns]
        cells = _cells(columns, block.rows)
        rows = table_lines(columns, cells, total=total, gap=gap, styled=bright)
        if block.highlight:  # the rows only: the header and its rule stay as they are
            rows[2:] = [highlighted(line, block.highlight, bright) for line in rows[2:]]
        lines += rows
        return lines + (wrap(line_text(block.caption), total) if block.caption else [])
    if isinstance(block, Fields):
        columns = [Column("", "label"), Column("", "value", ratio=1)]
        cells = [[line_text(label), line_text(value)] for label, value in block.fields]
        return title_lines(_title(block.title), total, bright) + table_lines(
            columns, cells, total=total, header=False, styled=bright
        )
    if isinstance(block, Drawing):
        return [sanitise.drawn_line(line, bright) for line in block.draw(term)]
    # Wrapped like everything else on the terminal; a line that fits is left as it is.
    return [line for text in line_text(block.text).split("\n") for line in wrap(text, total)]


def write_table(view: View, out: TextIO) -> None:
    """Text for people: the blocks one after another, laid out to `out`."""
    term = Terminal.of(out)
    lines = [line for block in view.shown for line in _text_lines(block, term)]
    out.write("".join(line + "\n" for line in lines))


def _md(value: Any) -> str:
    # Escaped as HTML first (sanitise.md_text), so the <br> that joins its lines stays one.
    return sanitise.md_text(cell(value)).replace("|", "\\|").replace("\n", "<br>")


def _md_lines(block: Block) -> list[str]:
    if isinstance(block, Table):
        columns = block.columns
        lines = [f"### {sanitise.md_text(block.title)}", ""] if block.title else []
        lines.append("| " + " | ".join(_md(column.header) for column in columns) + " |")
        lines.append(
            "|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|"
        )
        lines += [
            "| " + " | ".join(_md(row.get(c.key)) for c in columns) + " |" for row in block.rows
        ]
        if block.caption:  # its counts and footnotes, a paragraph under it as on screen
            lines += ["", "  \n".join(sanitise.md_text(line) for line in block.caption.split("\n"))]
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
        return [sanitise.md_text(line) for line in block.draw(PLAIN)]
    return [sanitise.md_text(block.text)]


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


def _csv_cell(value: Any, raw: bool) -> str:
    return cell(value) if sanitise.is_number(value) else sanitise.csv_text(cell(value), raw)


def write_csv(view: View, out: TextIO, raw: bool = False) -> None:
    """CSV with a header row of English keys; lists are joined with ';'. Text that a
    spreadsheet would run as a formula gets a leading ' unless `raw` (see `sanitise`)."""
    import csv
    from itertools import chain

    records = view.csv_records()
    writer = csv.writer(out, lineterminator="\n")
    # With "\n" ending its lines the csv module leaves a lone CR unquoted, which splits
    # the row for every reader: a row holding one is written with every field quoted.
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    header = [sanitise.csv_text(key, raw) for key in records.keys]
    rows = ([_csv_cell(row.get(key), raw) for key in records.keys] for row in records.rows)
    for cells in chain([header], rows):
        (quoted if any("\r" in text for text in cells) else writer).writerow(cells)


def _sheet_title(wanted: str, taken: set[str]) -> str:
    # Excel forbids []:*?/\ in a sheet name and cuts it at 31 characters.
    wanted = sanitise.cell_text(wanted)
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
    so a workbook is made from them, unless its `workbook` has blocks of its own."""
    own = view.workbook.blocks if view.workbook is not None else None
    blocks = own if own is not None else (view.markdown or view.shown or ())
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
    if isinstance(value, Quantity):
        return value.value, value.number_format
    if isinstance(value, bool | list | tuple):
        return sanitise.cell_text(cell(value)), None
    if isinstance(value, dt.date):
        return value, "yyyy-mm-dd"
    if isinstance(value, int | float):
        return value, None
    text = sanitise.cell_text(str(value))
    rest = text[10:]
    if column.day and text[4:5] == "-" and text[7:8] == "-" and (not rest or "†" in rest):
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            return text, None  # not a day after all: kept as written
        # What follows the day, with a footnote's mark (the grace's "†（原定 2021-02-28）"),
        # stays in sight as a literal of the format: the cell is still the day, and sorts.
        literal = rest.replace('"', "").replace("\n", " ")
        return day, "yyyy-mm-dd" + (f'"{literal}"' if literal else "")
    return text, None


WRAPPED = 60
"""The widest a workbook's column is made (characters); a `Workbook`'s longer cells wrap."""


def _put(sheet: Any, value: Any, raw: bool, number_format: str | None = None) -> Any:
    """A write-only cell of `sheet` holding `value` (text already sanitised): a string,
    never a formula, marked quotePrefix where a spreadsheet would see one unless `raw`
    (`sanitise.guard_xlsx`); a number or day in `number_format` when it has one."""
    from openpyxl.cell import WriteOnlyCell

    written = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        sanitise.guard_xlsx(written, raw)
    elif number_format is not None:
        written.number_format = number_format
    return written


def _head_rows(sheet: Any, book: Workbook, raw: bool) -> list[list[Any]]:
    """`book.head` above the table, a blank row under it: the rows before the header."""
    from openpyxl.styles import Font

    rows: list[list[Any]] = []
    for number, line in enumerate(book.head, start=1):
        head_cell = _put(sheet, sanitise.cell_text(line), raw)
        if number == 1:
            head_cell.font = Font(bold=True, size=13)
        rows.append([head_cell])
    return [*rows, []] if rows else rows


def _properties(workbook: Any, book: Workbook) -> None:
    properties = workbook.properties
    properties.title = sanitise.cell_text(book.title)
    properties.subject = sanitise.cell_text(book.subject)
    properties.description = sanitise.cell_text(book.description)
    properties.creator = "gongkai"


def xlsx_bytes(view: View, raw: bool = False) -> bytes:
    """The view as an xlsx workbook: one sheet per table, Chinese headers in a frozen,
    filtered row; numbers and dates as themselves, the days of a `day` column as
    date cells, a `Percent` as a number formatted 0.0%, a `Quantity` as a number in
    its own format, every other value as text. With a `Workbook`, its head lines stand
    above each table, the file carries its properties, and long cells wrap.

    No cell is a formula: text is sanitised (`sanitise.cell_text`), and text a
    spreadsheet would read as a formula, a header from the input too, is marked
    quotePrefix unless `raw` (`sanitise.guard_xlsx`).

    Written with openpyxl's write-only workbook, each row streamed out as it is made:
    a cell object per cell of a whole sheet held in memory came to 600 MB for a
    100,000-row reply-check (docs/performance.md)."""
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from gongkai_cli.render.text import width

    cell_text, is_formula = sanitise.cell_text, sanitise.is_formula
    book = view.workbook
    workbook = openpyxl.Workbook(write_only=True)
    if book is not None:
        _properties(workbook, book)
    taken: set[str] = set()
    for index, (wanted, table) in enumerate(_sheets(view), start=1):
        sheet = workbook.create_sheet(_sheet_title(wanted or f"表{index}", taken))
        head = _head_rows(sheet, book, raw) if book is not None else []
        top = len(head) + 1
        last_row = top + len(table.rows)
        columns = len(table.columns)
        # A write-only sheet takes its widths, panes and filter before its first row.
        aligned: list[Any] = []
        for number, column in enumerate(table.columns, start=1):
            texts = [column.header, *(cell(row.get(column.key)) for row in table.rows)]
            texts = [cell_text(text) for text in texts]
            widest = max(width(line) for text in texts for line in text.split("\n"))
            sheet.column_dimensions[get_column_letter(number)].width = min(widest + 2, WRAPPED)
            # With a `Workbook`, a long cell wraps; its row's other cells align at the top.
            aligned.append(
                Alignment(wrap_text=widest + 2 > WRAPPED, vertical="top")
                if book is not None
                else None
            )
        sheet.freeze_panes = f"A{top + 1}"
        sheet.auto_filter.ref = f"A{top}:{get_column_letter(columns)}{last_row}"
        if book is not None:
            sheet.print_title_rows = f"{top}:{top}"
        for row_cells in head:
            sheet.append(row_cells)
        header_cells = []
        for column in table.columns:
            header_cell = _put(sheet, cell_text(column.header or column.key), raw)
            header_cell.font = Font(bold=True)
            header_cells.append(header_cell)
        sheet.append(header_cells)
        for row in table.rows:
            cells = []
            for column, alignment in zip(table.columns, aligned, strict=True):
                value, number_format = _xlsx_value(row.get(column.key), column)
                plain = not (isinstance(value, str) and is_formula(value))
                if alignment is None and number_format is None and plain:
                    cells.append(value)  # a plain value: no cell object of its own
                    continue
                data_cell = _put(sheet, value, raw, number_format)
                if alignment is not None:
                    data_cell.alignment = alignment
                cells.append(data_cell)
            sheet.append(cells)
        if table.caption:
            sheet.append([])
            for line in table.caption.split("\n"):
                sheet.append([_put(sheet, cell_text(line), raw)])
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


def write_xlsx(view: View, out: TextIO, raw: bool = False) -> None:
    """An xlsx workbook (bytes): the view's own `document` when it has one (a workbook laid
    out by its own renderer, the 报送 template), else its tables (`raw`: see `xlsx_bytes`);
    refused on a terminal."""
    refuse_xlsx_on_terminal(out)
    document = view.document() if view.document is not None else None
    _write_bytes(out, document if isinstance(document, bytes) else xlsx_bytes(view, raw))


def write_document(view: View, out: TextIO) -> None:
    """The file a format's own renderer makes (an ics calendar, an html page), as it is."""
    assert view.document is not None, "a view written as a document has one"
    document = view.document()
    if isinstance(document, bytes):
        _write_bytes(out, document)
    else:  # an html page, escaped as it was made; a control character its data held, shown
        out.write(sanitise.document_text(document))


WRITERS: dict[str, Callable[[View, TextIO], None]] = {
    Format.TABLE: write_table,
    Format.MD: write_markdown,
    Format.JSON: write_json,
    Format.CSV: write_csv,
    Format.XLSX: write_xlsx,
    Format.ICS: write_document,
    Format.HTML: write_document,
}


RAW_WRITERS: dict[str, Callable[[View, TextIO, bool], None]] = {
    Format.CSV: write_csv,
    Format.XLSX: write_xlsx,
}
"""The formats a spreadsheet opens, whose writers neutralise formulas unless told `raw`."""


def refuse_raw(fmt: Format | str) -> None:
    """Raise a usage error for `--raw` with a format that has no formulas to neutralise,
    rather than accept it and ignore it."""
    if fmt not in RAW_WRITERS:
        from gongkai_cli.errors import UsageError

        raise UsageError(_("--raw is for csv and xlsx, not {format}").format(format=fmt))


def emit(view: View, fmt: Format | str, out: TextIO, *, raw: bool = False) -> None:
    """Write `view`'s notes on stderr, then the view in format `fmt` to `out`, then its
    summary on stderr. With `raw`, csv and xlsx cells that begin with a formula
    character are written as they are (`sanitise`); any other format refuses it."""
    if raw:
        refuse_raw(fmt)
    for line in view.notes:
        note(line)
    if raw:
        RAW_WRITERS[fmt](view, out, True)
    else:
        WRITERS[fmt](view, out)
    for line in view.summary:
        note(line)


def note(message: str) -> None:
    """A line for people on stderr (never mixed into data on stdout); a control character
    the data brought into it is shown (``\\x1b``), never sent to the terminal."""
    sys.stderr.write(sanitise.line_text(message) + "\n")
