"""The 报送 template as an .xlsx workbook (openpyxl): one sheet a unit fills in.

Row 1 is the title (plan, unit, as-of date), row 2 says how to fill it in, row 3
holds the headers and the rows of tasks follow. Column A, hidden, holds each
row's key (and, in its header cell, the template's): `model.roundtrip`.

The columns the unit fills in are shaded: 状态 has a drop-down (未开始, 进行中,
已完成), 完成日期 takes dates only, the target values numbers only (data
validation, which Excel and WPS enforce and LibreOffice keeps or drops: the
import checks every cell again either way). The sheet is not protected: on a
protected sheet Excel refuses to sort rows or delete them, and the import reads
only the key and the shaded columns, so an edit elsewhere changes nothing.
"""

from __future__ import annotations

import io
from typing import Any

from gongkai_cli.i18n import _, ngettext
from gongkai_cli.model.plan import Role
from gongkai_cli.model.progress import ProgressStatus, Standing
from gongkai_cli.model.roundtrip import (
    COMPLETED_HEADER,
    EVIDENCE_HEADER,
    NOTE_HEADER,
    STATUS_HEADER,
    Template,
    TemplateRow,
    target_headers,
)
from gongkai_cli.render.emit import View
from gongkai_cli.render.records import draft_mark, grace_footnote, grace_inline
from gongkai_cli.render.sanitise import cell_text, put_xlsx

SHEET_NAME = "进展报送"
EDITABLE_FILL = "FFF2CC"  # a light yellow: the cells to fill in
HEADER_FILL = "D9E1F2"
OVERDUE_FONT = "C00000"

# (header, width) of the columns people read, after the hidden key column.
_SHOWN = (
    ("序号", 6),
    ("name", 24),
    ("content", 48),
    ("角色", 16),
    ("time_node", 14),
    ("截止日期", 12),
    ("情况", 12),
)
_FILLED = (
    (STATUS_HEADER, 10),
    (COMPLETED_HEADER, 12),
    (EVIDENCE_HEADER, 28),
    (NOTE_HEADER, 24),
)


def _standing(row: TemplateRow) -> str:
    """情况 on the as-of date: 逾期 N 天, 还有 N 天, 按时完成, 逾期完成, 持续推进, 待定."""
    standing, days = row.standing, row.days
    if standing is Standing.OVERDUE:
        return f"逾期 {days} 天"
    if standing is Standing.DONE_LATE:
        return f"逾期完成（晚 {days} 天）"
    if standing is Standing.OPEN and days is not None:
        return f"还有 {days} 天"
    if standing is Standing.OPEN:
        return "待定"  # counted from an event no entry records yet
    return standing.zh


def _role(row: TemplateRow) -> str:
    obligation = row.obligation
    role = obligation.role.zh
    return f"{role}\n经 {obligation.via}" if obligation.via else role


def _due(row: TemplateRow) -> Any:
    obligation = row.obligation
    if obligation.due is not None:
        return obligation.due
    return obligation.task.deadline.due_text


def _target_text(row: TemplateRow, index: int) -> str:
    if index >= len(row.targets):
        if row.obligation.role is Role.SUPPORT and row.obligation.task.targets:
            return "由牵头、负责单位填报"
        return ""
    target = row.targets[index]
    threshold = f"{target.threshold:g}"
    return f"{target.metric} {target.comparison} {threshold}{target.unit}"


def title_text(template: Template) -> str:
    """The title row: the plan, the unit and the as-of date."""
    head = template.head
    return (
        f"{draft_mark(template.draft)}{template.title}（{head.plan}）"
        f" · {head.unit} 进展报送表 · 截至 {head.as_of.isoformat()}"
    )


INSTRUCTIONS = (
    "请填写黄色各列：状态（下拉选择 未开始/进行中/已完成）、完成日期（如 2021-06-30，"
    "已完成必填）、佐证（网址或文号）、备注{values}。其他各列及隐藏的 A 列请勿修改；"
    "行可排序或删除。"
)


def template_bytes(template: Template, raw: bool = False) -> bytes:
    """The template as an .xlsx file. Text goes through the sanitiser (`put_xlsx`): a
    note that begins with = stays text, a control character is shown (``\\x1b``)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_NAME
    head = template.head
    # The document properties hold the plan's text too: sanitised like the cells, or a
    # control character in a title makes the workbook unwritable.
    workbook.properties.title = cell_text(title_text(template))
    workbook.properties.subject = cell_text(f"{head.plan} {head.unit} {head.as_of.isoformat()}")
    workbook.properties.creator = "gongkai"

    targets = template.target_columns
    names = {"name": template.name_header, "content": template.content_header}
    names["time_node"] = template.time_node_header
    named = any(row.obligation.task.name for row in template.rows)  # an items plan may not be
    shown = [
        (names.get(header, header), width) for header, width in _SHOWN if header != "name" or named
    ]
    filled = list(_FILLED)
    target_pairs = [target_headers(i, targets) for i in range(1, targets + 1)]
    columns = [("gongkai", 4), *shown, *filled]
    for about, value in target_pairs:
        columns += [(about, 22), (value, 10)]
    last = get_column_letter(len(columns))

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor=EDITABLE_FILL)
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)

    put_xlsx(sheet["B1"], title_text(template), raw)
    sheet["B1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"B1:{last}1")
    values_said = "、指标值（填数字）" if targets else ""
    sheet["B2"] = INSTRUCTIONS.format(values=values_said)
    sheet["B2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(f"B2:{last}2")
    sheet.row_dimensions[2].height = 32

    sheet.append([head.text(), *(header for header, _ in columns[1:])])
    status_column = 1 + len(shown) + 1
    editable_columns = {status_column + i for i in range(len(filled))}
    value_columns = [status_column + len(filled) + 2 * i + 1 for i in range(targets)]
    editable_columns |= set(value_columns)
    for number, header_cell in enumerate(sheet[3], start=1):
        header_cell.font = bold
        header_cell.fill = editable if number in editable_columns else header_fill
        header_cell.alignment = Alignment(wrap_text=True, vertical="center")

    graced = False  # a 截止日期 the issue-day grace gives: its column widened to show it
    for row in template.rows:
        obligation = row.obligation
        task = obligation.task
        was = row.shown
        cells: list[Any] = [
            row.key.text(),
            task.seq,
            *([task.display_name] if named else []),
            task.content,
            _role(row),
            task.time_node or task.deadline.due_text,
            _due(row),
            _standing(row),
            was.status.zh if was.status else None,
            was.completed,
            was.evidence or None,
            was.note or None,
        ]
        for index in range(targets):
            cells.append(_target_text(row, index))
            target_id = row.key.targets[index] if index < len(row.key.targets) else None
            cells.append(was.values.get(target_id) if target_id else None)
        sheet.append([None] * len(cells))
        number = sheet.max_row
        for column, (data_cell, value) in enumerate(zip(sheet[number], cells, strict=True), 1):
            assert isinstance(data_cell, Cell)  # a row just appended: nothing merged in it
            put_xlsx(data_cell, value, raw)
            data_cell.alignment = wrap
            if column in editable_columns:
                data_cell.fill = editable
        due_cell = sheet.cell(number, status_column - 2)  # 截止日期
        due_cell.number_format = "yyyy-mm-dd"
        if obligation.pre_issue is not None:  # gongkai's grace: said so, as in due
            # the cell stays the date (it sorts, and reads back); the day as written
            # shows beside it as a literal of the format, the reason in a note
            beside = grace_inline("", obligation.written_due).replace('"', "")
            due_cell.number_format = f'yyyy-mm-dd"{beside}"'
            footnote = grace_footnote(obligation.pre_issue, template.time_node_header)
            due_cell.comment = Comment(cell_text(footnote), "gongkai", width=320, height=90)
            graced = True
        sheet.cell(number, status_column + 1).number_format = "yyyy-mm-dd"
        if row.standing is Standing.OVERDUE:
            sheet.cell(number, status_column - 1).font = Font(color=OVERDUE_FONT)  # 情况

    first, end = 4, max(sheet.max_row, 4)
    status = get_column_letter(status_column)
    completed = get_column_letter(status_column + 1)
    choices = ",".join(s.zh for s in ProgressStatus)
    status_rule = DataValidation(
        type="list",
        formula1=f'"{choices}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="状态",
        error=f"请从下拉列表中选择：{choices.replace(',', '、')}",
    )
    year = head.as_of.year
    date_rule = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({year - 2},1,1)",
        formula2=f"DATE({year + 2},12,31)",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="完成日期",
        error="请填写日期，如 2021-06-30",
    )
    sheet.add_data_validation(status_rule)
    sheet.add_data_validation(date_rule)
    status_rule.add(f"{status}{first}:{status}{end}")
    date_rule.add(f"{completed}{first}:{completed}{end}")
    if targets:
        value_rule = DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000",
            formula2="1000000000",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="指标值",
            error="请填写数字，如 65",
        )
        sheet.add_data_validation(value_rule)
        for column in value_columns:
            letter = get_column_letter(column)
            value_rule.add(f"{letter}{first}:{letter}{end}")

    for number, (_header, width) in enumerate(columns, start=1):
        if graced and number == status_column - 2:  # 2021-04-16†（原定 2021-02-28）
            width = 30
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = "D4"
    sheet.auto_filter.ref = f"A3:{last}{end}"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_view(template: Template, raw: bool = False) -> View:
    """The template as a view: its workbook (xlsx only), and a line on stderr saying whose
    and how many rows."""
    head = template.head
    summary = ngettext(
        "{unit}: {rows} row (a task owed, as of {as_of})",
        "{unit}: {rows} rows (tasks owed, as of {as_of})",
        len(template.rows),
    ).format(unit=head.unit, rows=len(template.rows), as_of=head.as_of.isoformat())
    if template.may_apply:
        summary += _("; {count} more may apply (各相关单位), not in the sheet").format(
            count=template.may_apply
        )
    return View(document=lambda: template_bytes(template, raw), summary=[summary])
