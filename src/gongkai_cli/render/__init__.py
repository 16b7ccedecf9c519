"""Rendering results: a command builds a `View` and `emit(view, fmt, out)` writes it to `out`.

Data goes to stdout; everything else (summaries, warnings, progress) to stderr.
`emit.py` is the one output layer (table, md, json, csv, xlsx, and ics and html as
whole files); `table.py` lays out text tables; `records.py` builds every JSON and csv
record; the views of each family of commands are built in `*_views.py`, `report_md.py`
and `report_html.py` (the report), `month.py` (the calendar) and `ics.py`.

Holds every output format: text tables, md, csv, json, html, ics and the month grid.
It formats the answers of `queries` and computes nothing: no status, no policy, no
assessment (tests/test_architecture.py holds it to that).

May import: `i18n`, `errors`, `model`, `io`, `workdays` and `queries` (the answers it
lays out); never plan or progress logic, never cli, never typer or click.
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
