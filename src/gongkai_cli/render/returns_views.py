"""Views of the 报送 round trip: what `progress import` recorded (the diff) and its conflicts."""

from __future__ import annotations

from typing import Any

from gongkai_cli.i18n import _, ngettext
from gongkai_cli.model.progress import ProgressStatus
from gongkai_cli.model.roundtrip import Conflict, FieldChange, ImportResult, Prefer
from gongkai_cli.render.emit import Records, Table, Text, View
from gongkai_cli.render.table import Column

FIELD_ZH = {
    "status": "状态",
    "completed": "完成日期",
    "evidence": "佐证",
    "note": "备注",
}
KEPT_ZH = {Prefer.SHEET: "采用报送表", Prefer.LEDGER: "保留台账", None: "未处理"}

CHANGE_TABLE = (
    Column("行", "row", justify="right"),
    Column("序号", "seq", justify="right"),
    Column("项目", "field_zh"),
    Column("原值", "before_zh", ratio=1),
    Column("新值", "after_zh", ratio=1),
)
CONFLICT_TABLE = (
    Column("行", "row", justify="right"),
    Column("序号", "seq", justify="right"),
    Column("项目", "field_zh"),
    Column("模板", "template_zh", ratio=1),
    Column("台账现值", "ledger_zh", ratio=1),
    Column("报送表", "sheet_zh", ratio=1),
    Column("处理", "kept_zh"),
)
RECORD_KEYS = (
    "kind",
    "file",
    "row",
    "seq",
    "occurrence",
    "unit",
    "field",
    "before",
    "after",
    "template",
    "kept",
)


def _field_zh(field: str) -> str:
    if field.startswith("values."):
        return f"指标值 {field.removeprefix('values.')}"
    return FIELD_ZH[field]


def _shown(field: str, value: Any) -> str:
    if value is None or value == "":
        return "（空）"
    if field == "status":
        return ProgressStatus(value).zh
    return str(value)


def _place(item: FieldChange | Conflict) -> dict[str, Any]:
    return {
        "file": item.file,
        "row": item.row,
        "seq": item.seq,
        "occurrence": item.occurrence.isoformat() if item.occurrence else None,
        "unit": item.unit,
        "field": item.field,
    }


def change_record(change: FieldChange) -> dict[str, Any]:
    """A recorded field as JSON-ready data."""
    return {**_place(change), "before": change.before, "after": change.after}


def conflict_record(conflict: Conflict) -> dict[str, Any]:
    """A conflict as JSON-ready data: the template's, the ledger's and the sheet's value."""
    return {
        **_place(conflict),
        "template": conflict.template,
        "ledger": conflict.ledger,
        "sheet": conflict.sheet,
        "kept": str(conflict.kept) if conflict.kept else None,
    }


OCCURRENCE = Column("本次", "occurrence", day=True)
"""The occurrence of a recurring task, in tables that list one."""


def _with_occurrence(
    columns: tuple[Column, ...], items: list[FieldChange] | list[Conflict]
) -> tuple[Column, ...]:
    """The columns, with 本次 after 序号 when an item is an occurrence of a recurring task."""
    if not any(item.occurrence for item in items):
        return columns
    at = next(i for i, column in enumerate(columns) if column.key == "seq") + 1
    return (*columns[:at], OCCURRENCE, *columns[at:])


def import_view(result: ImportResult) -> View:
    """The diff an import recorded (or would, with --dry-run), one table per file, its
    conflicts, and on stderr the rows it could not import and a summary."""
    title = f"报送导入（{result.ledger}）" + (" 【试运行，未写入】" if result.dry_run else "")
    shown: list[Table | Text] = [Text(title)]
    for file in result.files:
        changes = [c for c in result.changes if c.file == file]
        if not changes:
            continue
        rows = [
            {
                **change_record(change),
                "field_zh": _field_zh(change.field),
                "before_zh": _shown(change.field, change.before),
                "after_zh": _shown(change.field, change.after),
            }
            for change in changes
        ]
        columns = _with_occurrence(CHANGE_TABLE, changes)
        shown.append(Table(columns, rows, title=f"{file}（{changes[0].unit}）"))
    if result.changes:
        shown.append(Text(f"共 {len(result.changes)} 项变更（{result.changed_rows} 行）"))
    else:
        shown.append(Text("无变更。"))
    for file in result.files:
        conflicts = [c for c in result.conflicts if c.file == file]
        if not conflicts:
            continue
        rows = [
            {
                **conflict_record(conflict),
                "field_zh": _field_zh(conflict.field),
                "template_zh": _shown(conflict.field, conflict.template),
                "ledger_zh": _shown(conflict.field, conflict.ledger),
                "sheet_zh": _shown(conflict.field, conflict.sheet),
                "kept_zh": KEPT_ZH[conflict.kept],
            }
            for conflict in conflicts
        ]
        title = f"冲突：{file}（{conflicts[0].unit}），模板生成后台账已改动"
        shown.append(Table(_with_occurrence(CONFLICT_TABLE, conflicts), rows, title=title))
    if result.conflicts:
        said = f"共 {len(result.conflicts)} 处冲突"
        if result.unresolved:
            said += "：台账与报送表都改了，未覆盖台账；用 --prefer sheet 或 --prefer ledger 决定"
        shown.append(Text(said))
    records = [{"kind": "change", **change_record(c)} for c in result.changes] + [
        {
            "kind": "conflict",
            **_place(c),
            "before": c.ledger,
            "after": c.sheet,
            "template": c.template,
            "kept": str(c.kept) if c.kept else "",
        }
        for c in result.conflicts
    ]
    data = {
        "ledger": str(result.ledger),
        "files": result.files,
        "dry_run": result.dry_run,
        "rows": result.rows,
        "changes": [change_record(c) for c in result.changes],
        "conflicts": [conflict_record(c) for c in result.conflicts],
        "problems": [{"file": p.file, "row": p.row, "message": p.message} for p in result.problems],
    }
    return View(
        shown,
        data=data,
        records=Records(RECORD_KEYS, records),
        notes=result.notes,
        summary=[*(str(problem) for problem in result.problems), _summary(result)],
    )


def _summary(result: ImportResult) -> str:
    said = ngettext("{rows} row read", "{rows} rows read", result.rows).format(
        rows=result.rows
    ) + ngettext(" from {files} file", " from {files} files", len(result.files)).format(
        files=len(result.files)
    )
    parts = [
        said,
        ngettext(
            "{changes} change in {changed} rows",
            "{changes} changes in {changed} rows",
            len(result.changes),
        ).format(changes=len(result.changes), changed=result.changed_rows),
    ]
    if result.unresolved:
        parts.append(
            ngettext(
                "{conflicts} conflict ({unresolved} left for --prefer)",
                "{conflicts} conflicts ({unresolved} left for --prefer)",
                len(result.conflicts),
            ).format(conflicts=len(result.conflicts), unresolved=len(result.unresolved))
        )
    elif result.conflicts:
        parts.append(
            ngettext(
                "{conflicts} conflict, decided by --prefer {prefer}",
                "{conflicts} conflicts, decided by --prefer {prefer}",
                len(result.conflicts),
            ).format(conflicts=len(result.conflicts), prefer=result.conflicts[0].kept)
        )
    if result.problems:
        parts.append(
            ngettext(
                "{problems} row not imported", "{problems} rows not imported", len(result.problems)
            ).format(problems=len(result.problems))
        )
    if result.dry_run:
        outcome = _("dry run: {ledger} not written").format(ledger=result.ledger)
    elif result.created:
        outcome = _("created {ledger}").format(ledger=result.ledger)
    elif result.changes:
        outcome = _("written to {ledger}").format(ledger=result.ledger)
    else:
        outcome = _("{ledger} unchanged").format(ledger=result.ledger)
    return _("gongkai progress import: {parts}; {outcome}").format(
        parts=_("; ").join(parts), outcome=outcome
    )
