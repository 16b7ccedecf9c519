"""Rendering results: one function per output format.

Data goes to stdout; everything else (summaries, warnings, progress) to stderr.
Tables are rich tables with Chinese headers; with stdout not a terminal they
have no colour and wrap to $COLUMNS, or 80 columns.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: its header, the record key it shows, and its layout."""

    header: str
    key: str
    wrap: bool = True
    min_width: int | None = None
    ratio: int | None = None
    justify: str = "left"


def console(stderr: bool = False) -> Console:
    """A rich console on stdout (or stderr); plain text when it is not a terminal."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, highlight=False, soft_wrap=False, emoji=False)


def show(renderable: Any) -> None:
    """Print a rich renderable on stdout.

    On a terminal rich draws it as usual. Piped, it is plain text wrapped to
    $COLUMNS (or 80) without the trailing blanks rich pads lines with, so the
    output diffs and greps cleanly.
    """
    if sys.stdout.isatty():
        console().print(renderable)
        return
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, color_system=None, highlight=False, emoji=False).print(renderable)
    lines = buffer.getvalue().splitlines()
    sys.stdout.write("".join(line.rstrip() + "\n" for line in lines))


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
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """CSV on stdout with a header row; lists are joined with ';'."""
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


def emit_table(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    """A rich table on stdout; the caption (counts, notes) goes under it."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title_justify="left",
        caption=caption,
        caption_justify="left",
        expand=False,
    )
    for column in columns:
        table.add_column(
            column.header,
            no_wrap=not column.wrap,
            overflow="fold",
            min_width=column.min_width,
            ratio=column.ratio,
            justify=column.justify,  # type: ignore[arg-type]
        )
    for row in rows:
        table.add_row(*(Text(_cell(row.get(column.key))) for column in columns))
    show(table)


def emit_fields(fields: Sequence[tuple[str, str]], title: str | None = None) -> None:
    """A two-column label/value block on stdout, values wrapped to the terminal."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = Table(
        box=box.SIMPLE,
        show_header=False,
        show_edge=False,
        pad_edge=False,
        title=title,
        title_justify="left",
    )
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in fields:
        grid.add_row(Text(label), Text(value))
    show(grid)


def note(message: str) -> None:
    """A line for people on stderr (never mixed into data on stdout)."""
    sys.stderr.write(message + "\n")
