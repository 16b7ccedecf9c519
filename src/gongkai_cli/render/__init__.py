"""Rendering results: a command builds a `View` and `emit(view, fmt, out)` writes it to `out`.

Data goes to stdout; everything else (summaries, warnings, progress) to stderr.
`emit.py` is the one output layer (table, md, json, csv, xlsx); `table.py` lays out
text tables; the views of each family of commands are built in `*_views.py`,
`report_md.py` (the report) and `month.py` (the calendar).

Holds every output format: text tables, md, csv, json, html, ics and the month grid.
May import: every package but `cli`; never typer or click.
"""

from __future__ import annotations

from gongkai_cli.render.emit import (
    Drawing,
    Fields,
    Records,
    Table,
    Terminal,
    Text,
    View,
    emit,
    note,
    refuse_xlsx_on_terminal,
)
from gongkai_cli.render.table import Column

__all__ = [
    "Column",
    "Drawing",
    "Fields",
    "Records",
    "Table",
    "Terminal",
    "Text",
    "View",
    "emit",
    "note",
    "refuse_xlsx_on_terminal",
]
