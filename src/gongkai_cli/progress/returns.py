"""Reading a returned 报送 sheet: each row's key and what the unit filled in.

A template (`progress.template`) comes back edited in Excel, WPS or LibreOffice,
as .xlsx, .xls or .ods, and is read through the one sheet reader (`io.sheets`):

- The sheet is found by the template's head (the key column's header cell), on
  whichever sheet and row it now is; the columns by their headers, wherever they
  have moved. A column the unit deleted is read as the template had it.
- Rows are found by their keys, in any order; a deleted row is simply absent. A
  row with no key is skipped when it is empty, and reported when something is
  filled in on it (a row added by hand has no task to land on).
- Dates come as date cells, as text in any spelling `gongkai` accepts, or as
  serial numbers (a date cell whose format was lost).
- What a row says is read against what the template showed (`RowKey.was`): a
  completion date filled in on a row whose status was left alone means 已完成; a
  status set back from 已完成 takes the old date away.

Every problem of a row is reported with its file and row (`file:row: message`)
and the row is left out; the other rows stand.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.errors import UnreadableFileError, UsageError, clipped, shown
from gongkai_cli.i18n import _
from gongkai_cli.io.sheets import SheetRow, Value, Workbook, cell_value_text, serial_day
from gongkai_cli.model.progress import STATUS_WORDS, ProgressStatus
from gongkai_cli.model.roundtrip import (
    COMPLETED_HEADER,
    EVIDENCE_HEADER,
    NOTE_HEADER,
    STATUS_HEADER,
    Filled,
    RowKey,
    RowProblem,
    TemplateHead,
    target_headers,
)

HEAD_ROWS = 20
"""How far down a sheet the template's header row is looked for."""


class ReturnedRow(NamedTuple):
    """A row of a returned sheet: its key, and what it says now."""

    file: str
    row: int
    key: RowKey
    filled: Filled


class Returned(NamedTuple):
    """A returned sheet, read: its head, its rows and the problems of its rows."""

    path: Path
    name: str
    """The file as messages name it (as given on the command line)."""
    head: TemplateHead
    rows: list[ReturnedRow]
    problems: list[RowProblem]
    notes: list[str]
    """What was assumed: a column the unit deleted."""


class _Columns(NamedTuple):
    """Where the key and the filled-in columns are (0-based), None when deleted."""

    key: int
    status: int | None
    completed: int | None
    evidence: int | None
    note: int | None
    values: dict[int, int]
    """By target position (0-based): the column of its value."""


def read_returned(path: Path, today: dt.date) -> Returned:
    """The returned sheet at `path`: UnreadableFileError (exit 2) when it cannot be read or
    is not a template; each bad row a `RowProblem`."""
    from gongkai_cli.io.sheets import SHEET_KINDS, open_workbook

    name = str(path)
    kind = path.suffix.lower()
    if kind not in SHEET_KINDS:  # a CSV save or the wrong attachment: said by its name
        said = (
            _(
                "{name}: a returned 报送 sheet is an .xlsx, .xls or .ods file (the one "
                "'gongkai progress template' wrote, saved as one of these); this is {kind}"
            )
            if kind
            else _(
                "{name}: a returned 报送 sheet is an .xlsx, .xls or .ods file (the one "
                "'gongkai progress template' wrote, saved as one of these); this one has "
                "no extension"
            )
        )
        raise UnreadableFileError(said.format(name=clipped(name), kind=kind))
    with open_workbook(path) as book:
        found = _find_head(book)
        if found is None:
            raise UnreadableFileError(
                _(
                    "{name}: not a 报送 sheet of gongkai (no key column): send the units "
                    "the files 'gongkai progress template' writes"
                ).format(name=clipped(name))
            )
        head, rows, header = found
        columns, notes = _columns(name, header)
        returned = []
        problems = []
        seen: dict[tuple[int, str, dt.date | None], int] = {}
        for row in rows:
            read = _read_row(name, row, columns, today, book.date1904)
            if read is None:
                continue
            if isinstance(read, RowProblem):
                problems.append(read)
                continue
            identity = (read.key.seq, read.key.unit, read.key.occurrence)
            if identity in seen:
                problems.append(
                    RowProblem(
                        name,
                        row.number,
                        _("the same task as row {row} (a copied row): keep one").format(
                            row=seen[identity]
                        ),
                    )
                )
                continue
            seen[identity] = row.number
            returned.append(read)
    return Returned(path, name, head, returned, problems, notes)


def _find_head(book: Workbook) -> tuple[TemplateHead, Iterator[SheetRow], list[Value]] | None:
    """The template's head, the rows after its header row, and the header row's values."""
    for info in book.sheets:
        if not info.worksheet:
            continue
        sheet = book.sheet(info.name)
        rows = sheet.rows()
        for row in rows:
            if row.number > HEAD_ROWS:
                break
            for value in row.values:
                if isinstance(value, str) and (head := TemplateHead.read(value)) is not None:
                    return head, rows, [*row.values]
    return None


def _columns(name: str, header: list[Value]) -> tuple[_Columns, list[str]]:
    texts = [cell_value_text(value).strip() for value in header]
    key = next(i for i, text in enumerate(texts) if TemplateHead.read(text) is not None)
    notes = []

    def find(header_text: str) -> int | None:
        if header_text in texts:
            return texts.index(header_text)
        notes.append(
            _("{name}: no {column} column: its values are taken as the template had them").format(
                name=clipped(name), column=header_text
            )
        )
        return None

    status = find(STATUS_HEADER)
    completed = find(COMPLETED_HEADER)
    evidence = find(EVIDENCE_HEADER)
    note = find(NOTE_HEADER)
    values: dict[int, int] = {}
    count = sum(1 for text in texts if text.startswith("指标") and text.endswith("值"))
    for index in range(count):
        _about, value_header = target_headers(index + 1, count)
        if value_header in texts:
            values[index] = texts.index(value_header)
    return _Columns(key, status, completed, evidence, note, values), notes


def _cell(values: Sequence[Value], column: int | None) -> Value:
    if column is None or column >= len(values):
        return ""
    return values[column]


def _blank(value: Value) -> bool:
    return isinstance(value, str) and not value.strip()


def _read_row(
    name: str, row: SheetRow, columns: _Columns, today: dt.date, date1904: bool
) -> ReturnedRow | RowProblem | None:
    """A row of the sheet read against its key; None for a row with nothing on it."""
    values = row.values
    key_text = _cell(values, columns.key)
    filled_columns = [columns.status, columns.completed, columns.evidence, columns.note]
    filled_columns += list(columns.values.values())
    if _blank(key_text):
        if all(_blank(_cell(values, c)) for c in filled_columns):
            return None
        return RowProblem(
            name,
            row.number,
            _(
                "a row with no key (hidden column A): a row added by hand has no task to "
                "land on; record it with 'gongkai progress set'"
            ),
        )
    try:
        key = RowKey.read(cell_value_text(key_text))
    except (ValueError, TypeError):
        return RowProblem(
            name,
            row.number,
            _("its key (hidden column A) is damaged: copy the row again from the template"),
        )
    if row.problems:
        wanted = {c + 1 for c in filled_columns if c is not None}
        reasons = [reason for column, reason in sorted(row.problems.items()) if column in wanted]
        if reasons:
            return RowProblem(name, row.number, reasons[0])
    try:
        filled = _filled(key, values, columns, today, date1904)
    except UsageError as exc:
        return RowProblem(name, row.number, str(exc))
    return ReturnedRow(name, row.number, key, filled)


def _filled(
    key: RowKey, values: Sequence[Value], columns: _Columns, today: dt.date, date1904: bool
) -> Filled:
    """What the row says, read against what the template showed (`key.was`)."""
    was = key.was
    status = _status(_cell(values, columns.status)) if columns.status is not None else was.status
    completed = (
        _date(_cell(values, columns.completed), date1904)
        if columns.completed is not None
        else was.completed
    )
    evidence = (
        _text(_cell(values, columns.evidence)) if columns.evidence is not None else was.evidence
    )
    note = _text(_cell(values, columns.note)) if columns.note is not None else was.note
    # The template showed a control character as \x1b (render/sanitise): left as it was,
    # the text is the ledger's own, byte for byte.
    evidence = was.evidence if evidence == _as_shown(was.evidence) else evidence
    note = was.note if note == _as_shown(was.note) else note
    recorded: dict[str, float | None] = {}
    for index, target in enumerate(key.targets):
        column = columns.values.get(index)
        recorded[target] = (
            _number(_cell(values, column)) if column is not None else was.values.get(target)
        )
    status, completed = _status_and_date(was, status, completed, today)
    return Filled(status, completed, evidence, note, recorded)


def _status_and_date(
    was: Filled, status: ProgressStatus | None, completed: dt.date | None, today: dt.date
) -> tuple[ProgressStatus | None, dt.date | None]:
    """The status and completion date a row asks for, as `progress set` reads its options:
    a date alone means done; a status other than done takes the date away."""
    status_changed = status != was.status
    date_changed = completed != was.completed
    if not status_changed and not date_changed:
        return status, completed
    if date_changed and completed is not None and completed > today:
        raise UsageError(
            _("完成日期 {day} is after today ({today}): record it when done").format(
                day=completed, today=today
            )
        )
    if status is None:
        if was.status is not None:
            raise UsageError(empty_status())
        return (ProgressStatus.DONE, completed) if completed else (None, None)
    if status is ProgressStatus.DONE:
        if completed is None:
            raise UsageError(_("已完成 needs its 完成日期 (the day it was done)"))
        return status, completed
    if completed is not None and date_changed:
        if status_changed:
            raise UsageError(
                _("a 完成日期 is for 已完成 only (状态 is {status})").format(status=status.zh)
            )
        return ProgressStatus.DONE, completed  # a date filled in: done that day
    return status, None


def empty_status() -> str:
    """Why a row with no 状态 cannot be recorded."""
    words = "、".join(status.zh for status in ProgressStatus)
    return _("状态 is empty: choose one of {words}").format(words=words)


def _status(value: Value) -> ProgressStatus | None:
    if _blank(value):
        return None
    text = cell_value_text(value)
    status = ProgressStatus.read(text)
    if status is None:
        raise UsageError(
            _("unknown status {word}: write one of {words}").format(
                word=shown(text.strip()), words=STATUS_WORDS
            )
        )
    return status


def _date(value: Value, date1904: bool = False) -> dt.date | None:
    from gongkai_cli.io.dates import parse_day

    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        whole = float(value)
        if whole.is_integer() and 19000101 <= whole <= 21001231:  # 20210610 typed as a number
            return parse_day(str(int(whole)), COMPLETED_HEADER)
        day = serial_day(whole, date1904)
        if day is None:
            from gongkai_cli.io.dates import ACCEPTED

            raise UsageError(
                _("invalid date {text}{what}: expected {accepted}").format(
                    text=shown(cell_value_text(value)),
                    what=_(" for {what}").format(what=COMPLETED_HEADER),
                    accepted=_(ACCEPTED),
                )
            )
        return day
    return parse_day(cell_value_text(value), COMPLETED_HEADER)


def _as_shown(text: str) -> str:
    """`text` as the template's cell showed it: stripped, and its control characters
    other than tab and line breaks written \\x1b (as render/sanitise.cell_text does)."""
    text = text.strip()
    if text.isprintable():
        return text
    return "".join(
        f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" and c not in "\t\n\r" else c
        for c in text
    )


def _text(value: Value) -> str:
    return "" if _blank(value) else cell_value_text(value).strip()


_NUMBER = r"([-+]?\d+(?:\.\d+)?)\s*(?:%|[\u4e00-\u9fff]{1,2})?"
"""A target value written as text: 65, 65.5, 65%, 16项, 3次 (full-width digits too)."""


def _number(value: Value) -> float | None:
    import re

    if _blank(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", cell_value_text(value)).strip().replace(",", "")
        match = re.fullmatch(_NUMBER, text)
        if match is None:
            raise UsageError(
                _("the target value {value} is not a number").format(
                    value=shown(cell_value_text(value).strip())
                )
            )
        number = float(match.group(1))
    if not math.isfinite(number):
        raise UsageError(
            _("the target value {value} is not a number").format(value=cell_value_text(value))
        )
    return number
