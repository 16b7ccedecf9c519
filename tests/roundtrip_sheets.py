"""Returned 报送 sheets as units make them: edited in Excel (openpyxl, the file kept as it
is), saved by LibreOffice (a new file of values: no data validation, no hidden column,
dates as text or serial numbers, rows moved or deleted), or saved as .ods.

Test helpers for tests/test_progress_roundtrip.py and tests/test_progress_concurrency.py.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HEADER_ROW = 3

# (seq, occurrence or None) -> {header: value}
Edits = Mapping[tuple[int, dt.date | None], Mapping[str, Any]]


def _identity(key: str) -> tuple[int, dt.date | None]:
    data = json.loads(key)
    occurrence = dt.date.fromisoformat(data["occurrence"]) if data["occurrence"] else None
    return data["seq"], occurrence


def _column(header: list[Any], name: str) -> int:
    """The column of `name` in the header row; "key" is the hidden key column."""
    return 0 if name == "key" else header.index(name)


def template_rows(path: Path) -> tuple[list[list[Any]], list[list[Any]]]:
    """The rows above the tasks (title, instructions, header) and the task rows, as values."""
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet is not None
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return rows[:HEADER_ROW], rows[HEADER_ROW:]


def fill_in_excel(source: Path, target: Path, edits: Edits, delete: set[int] = frozenset()) -> Path:  # type: ignore[assignment]
    """Edit the template in place, as Excel keeps a file: styles, validation, hidden column."""
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[HEADER_ROW]]
    for number in range(sheet.max_row, HEADER_ROW, -1):
        key = sheet.cell(number, 1).value
        if not key:
            continue
        identity = _identity(key)
        if identity[0] in delete:
            sheet.delete_rows(number)
            continue
        for name, value in edits.get(identity, {}).items():
            sheet.cell(number, _column(header, name) + 1).value = value
    book.save(target)
    return target


def fill_in_libreoffice(
    source: Path,
    target: Path,
    edits: Edits,
    *,
    dates: Callable[[dt.date], Any],
    delete: set[int] = frozenset(),  # type: ignore[assignment]
    reorder: Callable[[list[list[Any]]], list[list[Any]]] = lambda rows: rows,
    extra_rows: list[list[Any]] = (),  # type: ignore[assignment]
) -> Path:
    """The template saved again as LibreOffice might: a new file of values only, with no
    data validation, no styles and column A no longer hidden; every date (the template's
    due days and completion dates, and those filled in) written by `dates` (as text, or
    a bare serial number); rows put in a new order and some deleted."""
    from openpyxl import Workbook

    top, rows = template_rows(source)
    header = top[HEADER_ROW - 1]
    kept = []
    for row in rows:
        identity = _identity(row[0])
        if identity[0] in delete:
            continue
        row = list(row)
        for name, value in edits.get(identity, {}).items():
            row[_column(header, name)] = value
        kept.append(row)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "进展报送"
    for row in [*top, *reorder(kept), *extra_rows]:
        sheet.append([_plain(value, dates) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type, cell.quotePrefix = "s", True  # text, as the template had it
    book.save(target)
    return target


def _plain(value: Any, dates: Callable[[dt.date], Any]) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return dates(value)
    return value


def serial(day: dt.date) -> float:
    """The Excel serial number of `day` (the 1900 date system), as a bare number."""
    return float((day - dt.date(1899, 12, 30)).days)


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(value: Any) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
            f"<text:p>{value.isoformat()}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


def fill_in_ods(source: Path, target: Path, edits: Edits) -> Path:
    """The template filled in and saved by LibreOffice in its own format (.ods)."""
    top, rows = template_rows(source)
    header = top[HEADER_ROW - 1]
    for row in rows:
        for name, value in edits.get(_identity(row[0]), {}).items():
            row[_column(header, name)] = value
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>"
        for row in [*top, *rows]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        f'<table:table table:name="进展报送">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return ods_package(target, content)


def ods_package(target: Path, content: str) -> Path:
    """`target` as an .ods holding `content` (its content.xml), packaged as LibreOffice
    packages one: the mimetype first and stored, a manifest, the content deflated."""
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return target


def key_of(path: Path, seq: int) -> str:
    """The key of task `seq`'s row in a template."""
    _top, rows = template_rows(path)
    return next(row[0] for row in rows if _identity(row[0])[0] == seq)
