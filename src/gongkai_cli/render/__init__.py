"""Rendering results: one function per output format.

Data goes to stdout; everything else (summaries, warnings, progress) to stderr.
Tables are plain text laid out here rather than by rich: rich folds Chinese text
at any character (a line may start with "。"), and importing it costs more than
the rest of `gongkai due` together. Headers are bold on a terminal (unless
NO_COLOR is set); piped output has no escape codes and wraps to $COLUMNS or 80.

Holds every output format: text tables, md, csv, json, html, ics and the month grid.
May import: every package but `cli`; never typer or click.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai_cli.render.text import pad, width, wrap

GAP = "   "


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its header, the record key it shows, and its layout.

    A column with a `ratio` shares the width the others leave and has its text
    wrapped (with Chinese line-breaking rules); the others take their natural
    width.
    """

    header: str
    key: str
    ratio: int | None = None
    justify: str = "left"


def styled() -> bool:
    """Whether to use bold and colour: stdout is a terminal and NO_COLOR is not set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _bold(text: str) -> str:
    return f"\x1b[1m{text}\x1b[0m" if text and styled() else text


def terminal_width() -> int:
    """The width to lay out for: the terminal's, or $COLUMNS, or 80."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    try:
        return max(int(os.environ.get("COLUMNS", "80")), 20)
    except ValueError:
        return 80


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(_cell(item) for item in value)
    return str(value)


def emit_json(data: Any) -> None:
    """JSON on stdout: UTF-8 as is, two-space indent."""
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """CSV on stdout with a header row; lists are joined with ';'."""
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


def _md(value: Any) -> str:
    return _cell(value).replace("|", "\\|").replace("\n", "<br>")


def emit_markdown(
    columns: Sequence[Column], rows: Iterable[Mapping[str, Any]], title: str | None = None
) -> None:
    """A Markdown (GFM) table on stdout, to paste into a report."""
    out = sys.stdout
    if title:
        out.write(f"### {title}\n\n")
    out.write("| " + " | ".join(column.header for column in columns) + " |\n")
    out.write("|" + "|".join("---:" if c.justify == "right" else "---" for c in columns) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md(row.get(column.key)) for column in columns) + " |\n")


def _layout(columns: Sequence[Column], cells: list[list[str]], total: int, gap: str) -> list[int]:
    """Column widths: natural for fixed columns; flexible ones share what is left."""
    natural = []
    for index, column in enumerate(columns):
        lines = [column.header, *(line for row in cells for line in row[index].split("\n"))]
        natural.append(max(width(line) for line in lines))
    flex = [i for i, column in enumerate(columns) if column.ratio]
    fixed = sum(natural[i] for i in range(len(columns)) if i not in flex)
    room = total - fixed - len(gap) * (len(columns) - 1)
    ratios = sum(columns[i].ratio or 0 for i in flex)
    widths = list(natural)
    for i in flex:
        share = room * (columns[i].ratio or 0) // ratios
        widths[i] = max(min(natural[i], share), width(columns[i].header), 6)
    return widths


def _table_lines(
    columns: Sequence[Column], cells: list[list[str]], header: bool, total: int, gap: str = GAP
) -> list[str]:
    widths = _layout(columns, cells, total, gap)
    lines = []
    if header:
        head = gap.join(
            pad(c.header, w, c.justify == "right") for c, w in zip(columns, widths, strict=True)
        )
        lines.append(_bold(head.rstrip()))
        lines.append("─" * (sum(widths) + len(gap) * (len(columns) - 1)))
    for row in cells:
        parts = [
            wrap(value, w) if column.ratio else value.split("\n")
            for column, w, value in zip(columns, widths, row, strict=True)
        ]
        for line_no in range(max(len(part) for part in parts)):
            line = gap.join(
                pad(part[line_no] if line_no < len(part) else "", w, c.justify == "right")
                for part, w, c in zip(parts, widths, columns, strict=True)
            )
            lines.append(line.rstrip())
    return lines


def emit_table(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str | None = None,
    caption: str | None = None,
    compact: bool = False,
) -> None:
    """A table on stdout: title, header, rule, rows; the caption (counts, notes) under it.

    `compact` puts one space between columns instead of three, for wide matrices.
    """
    cells = [[_cell(row.get(column.key)) for column in columns] for row in rows]
    total = terminal_width()
    out = [_bold(line) for line in wrap(title, total)] if title else []
    out += _table_lines(columns, cells, True, total, " " if compact else GAP)
    if caption:
        out += wrap(caption, total)
    sys.stdout.write("".join(line + "\n" for line in out))


def emit_fields(fields: Sequence[tuple[str, str]], title: str | None = None) -> None:
    """A label/value block on stdout, values wrapped to the terminal."""
    total = terminal_width()
    out = [_bold(line) for line in wrap(title, total)] if title else []
    columns = [Column("", "label"), Column("", "value", ratio=1)]
    out += _table_lines(columns, [[label, value] for label, value in fields], False, total)
    sys.stdout.write("".join(line + "\n" for line in out))


def note(message: str) -> None:
    """A line for people on stderr (never mixed into data on stdout)."""
    sys.stderr.write(message + "\n")
