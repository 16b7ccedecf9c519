"""One output layer: a command builds a `View`, and `emit(view, fmt)` writes it.

A view holds what a command shows in every format:

- `shown`: the blocks people read, laid out as text tables (`table`) or as
  Markdown (`md`): `Table` (rows under columns), `Fields` (label/value pairs
  about one thing) and `Text` (a heading or a paragraph, verbatim);
- `markdown`: other blocks for `md`, where a pasted report differs from the screen;
- `data`: the JSON document, built from the model (English keys, stable);
- `records`: the rows for csv; by default those of the first `Table` in `shown`,
  under their English keys;
- `summary`: lines for people that go to stderr after the data.

Every format is one writer in `WRITERS`; a new format (xlsx through openpyxl)
is one more writer there, and every command that emits a view gains it.

The view types are typed named tuples rather than dataclasses: the headline
`gongkai due` imports this module, and a named tuple costs a third of a
frozen dataclass to define at start-up.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from gongkai_cli.render.table import (
    Column,
    cell,
    highlighted,
    table_lines,
    terminal_width,
    title_lines,
)
from gongkai_cli.render.text import wrap

Row = Mapping[str, Any]


class Table(NamedTuple):
    """Rows under columns: a title above, a caption (counts, notes) below.

    `compact` puts one space between columns instead of three, for wide matrices.
    `highlight` is a searched word, marked in the rows on a terminal.
    """

    columns: Sequence[Column]
    rows: Sequence[Row]
    title: str | None = None
    caption: str | None = None
    compact: bool = False
    highlight: str | None = None


class Fields(NamedTuple):
    """Label/value pairs about one thing (a task, a deadline, a case), values wrapped."""

    fields: Sequence[tuple[str, str]]
    title: str | None = None


class Text(NamedTuple):
    """Lines written as they are: a heading, a paragraph, a message in place of a table."""

    text: str


Block = Table | Fields | Text


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

    def csv_records(self) -> Records:
        """`records`, or the first table's rows under its columns' keys."""
        if self.records is not None:
            return self.records
        table = next(block for block in self.shown if isinstance(block, Table))
        return Records([column.key for column in table.columns], table.rows)


def _cells(columns: Sequence[Column], rows: Iterable[Row]) -> list[list[str]]:
    return [[cell(row.get(column.key)) for column in columns] for row in rows]


def _text_lines(block: Block) -> list[str]:
    if isinstance(block, Table):
        lines = title_lines(block.title)
        gap = " " if block.compact else "   "
        rows = table_lines(block.columns, _cells(block.columns, block.rows), gap=gap)
        if block.highlight:  # the rows only: the header and its rule stay as they are
            rows[2:] = [highlighted(line, block.highlight) for line in rows[2:]]
        lines += rows
        return lines + (wrap(block.caption, terminal_width()) if block.caption else [])
    if isinstance(block, Fields):
        columns = [Column("", "label"), Column("", "value", ratio=1)]
        cells = [[label, value] for label, value in block.fields]
        return title_lines(block.title) + table_lines(columns, cells, header=False)
    return block.text.split("\n")


def write_table(view: View) -> None:
    """Text for people: the blocks one after another, laid out to the terminal."""
    lines = [line for block in view.shown for line in _text_lines(block)]
    sys.stdout.write("".join(line + "\n" for line in lines))


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
    return [block.text]


def write_markdown(view: View) -> None:
    """Markdown (GFM) to paste into a report: the blocks with a blank line between."""
    blocks = view.shown if view.markdown is None else view.markdown
    sys.stdout.write("\n\n".join("\n".join(_md_lines(block)) for block in blocks) + "\n")


def write_json(view: View) -> None:
    """JSON on stdout: UTF-8 as is, two-space indent."""
    import json

    sys.stdout.write(json.dumps(view.data, ensure_ascii=False, indent=2) + "\n")


def write_csv(view: View) -> None:
    """CSV on stdout with a header row of English keys; lists are joined with ';'."""
    import csv

    records = view.csv_records()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(records.keys)
    for row in records.rows:
        writer.writerow([cell(row.get(key)) for key in records.keys])


WRITERS: dict[str, Callable[[View], None]] = {
    "table": write_table,
    "md": write_markdown,
    "json": write_json,
    "csv": write_csv,
}


def emit(view: View, fmt: str) -> None:
    """Write `view` in format `fmt` (table, md, json or csv), then its summary on stderr."""
    WRITERS[str(fmt)](view)
    for line in view.summary:
        note(line)


def note(message: str) -> None:
    """A line for people on stderr (never mixed into data on stdout)."""
    sys.stderr.write(message + "\n")
