"""Views of the plan itself: `tasks`, `show`, `units` and `lint`."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai_cli.model.plan import NameSource, Task, UnitKind
from gongkai_cli.plan.lint.findings import Finding, Kind
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.render.emit import Fields, Records, Table, View
from gongkai_cli.render.records import (
    TASK_CSV_COLUMNS,
    UNIT_CSV_COLUMNS,
    document_record,
    task_csv_row,
    task_record,
    unit_record,
)
from gongkai_cli.render.table import Column

NAME_SOURCE_ZH: dict[NameSource | None, str] = {
    NameSource.CELL: "",
    NameSource.MERGED_ABOVE: "(合并单元格,沿用上行)",
    NameSource.MERGED_BELOW: "(合并单元格,沿用下行)",
}

TASK_COLUMNS = (
    Column("序号", "seq", justify="right"),
    Column("任务名称", "name", ratio=2),
    Column("责任单位", "responsible", ratio=3),
    Column("时间节点", "time"),
    Column("截止", "due"),
)


def tasks_view(plan: Plan) -> View:
    """Every task of the plan with its units and time node."""
    units = UnitDirectory(plan.units)
    records = [task_record(task, units) for task in plan.tasks]
    rows = []
    for record, task in zip(records, plan.tasks, strict=True):
        decided = task.decision_for("time_node")
        time = task.time_node or (f"({decided.value})" if decided else "")
        rows.append({**record, "time": time})
    document = plan.document
    return View(
        [
            Table(
                TASK_COLUMNS,
                rows,
                title=f"{document.title} ({document.number}) 任务分解表",
                caption=f"{len(records)} 项任务",
            )
        ],
        data={"document": document_record(document), "tasks": records},
        records=Records(TASK_CSV_COLUMNS, [task_csv_row(r) for r in records]),
    )


def show_view(plan: Plan, task: Task) -> View:
    """One task in full: cells, units and roles, deadline, body paragraph and decisions."""
    units = UnitDirectory(plan.units)
    record = task_record(task, units)
    paragraph = next((p for p in plan.document.paragraphs if p.id == task.section), None)
    csv = Records(TASK_CSV_COLUMNS, [task_csv_row(record)])
    data = {**record, "section_text": paragraph.text if paragraph else None}
    deadline = task.deadline
    due = deadline.due_text
    if deadline.window_start:
        due = f"{deadline.window_start.isoformat()} 至 {due} (窗口期)"
    if deadline.all_year:
        due += " (全年任务,年底为限)"
    roles = "\n".join(
        f"{a['unit']} {w.role.zh}" + (f" (写作 {w.unit})" if w.unit != a["unit"] else "")
        for a, w in zip(record["assignments"], task.assignments, strict=True)
    )
    fields = [
        ("序号", f"{task.seq} (附件第 {task.page} 页)"),
        ("任务名称", task.name + NAME_SOURCE_ZH.get(task.name_source, "")),
        ("任务内容", task.content),
        ("责任单位", task.responsible),
        ("分工", roles),
        ("时间节点", task.time_node or _decided_time_node(task)),
        ("截止日期", due),
    ]
    fields += [
        ("量化目标", f"{t.metric} {t.comparison} {t.threshold:g}{t.unit} [{t.id}]: {t.quote}")
        for t in task.targets
    ]
    if paragraph:
        fields.append((f"正文 {paragraph.id}", paragraph.text))
    fields += [(f"决定 ({d.field})", f"{d.value}\n理由: {d.reason}") for d in task.decisions]
    return View([Fields(fields, title=f"任务 {task.seq}: {task.name}")], data=data, records=csv)


def _decided_time_node(task: Task) -> str:
    decided = task.decision_for("time_node")
    return f"(空白单元格,按决定取 {decided.value})" if decided else "(空白单元格)"


UNIT_COLUMNS = (
    Column("名称", "name", ratio=2),
    Column("全称", "full_name", ratio=3),
    Column("类型", "kind_zh"),
    Column("别名", "aliases_zh", ratio=2),
)


def units_view(plan: Plan) -> View:
    """Every unit: short name, full name, kind, aliases and collective members."""
    records = [unit_record(unit) for unit in plan.units]
    rows = []
    for record in records:
        row = {**record, "kind_zh": UnitKind(record["kind"]).zh}
        row["aliases_zh"] = "\n".join(record["aliases"])
        if record["kind"] == "collective":
            resolved = record["resolved"]
            row["full_name"] = f"{len(record['members'])} 个成员" if resolved else "成员未列明"
        rows.append(row)
    return View(
        [Table(UNIT_COLUMNS, rows, caption=f"{len(records)} 个单位")],
        data={"units": records},
        records=Records(UNIT_CSV_COLUMNS, records),
    )


LINT_COLUMNS = (
    Column("序号", "seq", justify="right"),
    Column("类别", "kind"),
    Column("说明", "message", ratio=1),
)


def lint_view(plan: Plan, findings: Sequence[Finding]) -> View:
    """What a careful reader of the plan would flag, by kind."""
    from dataclasses import asdict

    counts = {kind: sum(f.kind is kind for f in findings) for kind in Kind}
    rows = [
        {"seq": "—" if f.seq is None else f.seq, "kind": f.kind.zh, "message": f.message}
        for f in findings
    ]
    csv_rows = [
        {**asdict(f), "evidence": "\n".join(f"{q.where}: {q.text}" for q in f.evidence)}
        for f in findings
    ]
    document = plan.document
    return View(
        [
            Table(
                LINT_COLUMNS,
                rows,
                title=f"{document.title} ({document.number}) 审读发现",
                caption=f"{len(findings)} 条: "
                + "、".join(f"{kind.zh} {n}" for kind, n in counts.items() if n),
            )
        ],
        data={"findings": [asdict(finding) for finding in findings]},
        records=Records(("seq", "kind", "message", "evidence"), csv_rows),
    )
