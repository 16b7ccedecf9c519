"""Rendering results: a command builds a `View` and `emit(view, fmt)` writes it.

Data goes to stdout; everything else (summaries, warnings, progress) to stderr.
`emit.py` is the one output layer (table, md, json, csv, xlsx); `table.py` lays out
text tables; the views of each family of commands are built in `*_views.py`,
`report_md.py` (the report) and `month.py` (the calendar).

Holds every output format: text tables, md, csv, json, html, ics and the month grid.
May import: every package but `cli`; never typer or click.
"""

from __future__ import annotations

from gongkai_cli.render.emit import (
    Fields,
    Records,
    Table,
    Text,
    View,
    emit,
    note,
    refuse_xlsx_on_terminal,
)
from gongkai_cli.render.table import Column, styled, terminal_width

__all__ = [
    "Column",
    "Fields",
    "Records",
    "Table",
    "Text",
    "View",
    "emit",
    "note",
    "refuse_xlsx_on_terminal",
    "styled",
    "terminal_width",
]
