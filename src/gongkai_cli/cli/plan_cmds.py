"""Commands over the plan itself: validate, tasks, show, units, schema."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from gongkai_cli.cli.options import DataDir, Format, ListFormat
from gongkai_cli.model.plan import Task, UnitKind
from gongkai_cli.plan.load import load_plan, validate_plan

app = typer.Typer()

NAME_SOURCE_ZH = {
    "cell": "",
    "merged_above": "(合并单元格,沿用上行)",
    "merged_below": "(合并单元格,沿用下行)",
}


@app.command()
def validate(data: DataDir = None) -> None:
    """Check the data files: schema, cross-references and time nodes; exit 3 listing every problem.

    Example: gongkai validate --data ./my-district-plan
    """
    from gongkai_cli.render import note

    plan = validate_plan(data)
    note(f"ok: {len(plan.tasks)} tasks and {len(plan.units)} units in {plan.data_dir}")


@app.command()
def tasks(data: DataDir = None, output: Format = ListFormat.table) -> None:
    """List every task of the plan with its units and time node.

    Example: gongkai tasks --format json
    """
    from gongkai_cli import render
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.render.records import (
        TASK_CSV_COLUMNS,
        document_record,
        task_csv_row,
        task_record,
    )

    plan = load_plan(data)
    units = UnitDirectory(plan.units)
    records = [task_record(task, units) for task in plan.tasks]
    if output is ListFormat.json:
        render.emit_json({"document": document_record(plan.document), "tasks": records})
    elif output is ListFormat.csv:
        render.emit_csv(TASK_CSV_COLUMNS, (task_csv_row(r) for r in records))
    else:
        for record, task in zip(records, plan.tasks, strict=True):
            decided = task.decision_for("time_node")
            record["time"] = task.time_node or (f"({decided.value})" if decided else "")
        render.emit_table(
            [
                render.Column("序号", "seq", justify="right"),
                render.Column("任务名称", "name", ratio=2),
                render.Column("责任单位", "responsible", ratio=3),
                render.Column("时间节点", "time"),
                render.Column("截止", "due"),
            ],
            records,
            title=f"{plan.document.title} ({plan.document.number}) 任务分解表",
            caption=f"{len(records)} 项任务",
        )


@app.command()
def show(
    seq: Annotated[int, typer.Argument(help="The task's 序号 (1-99 in the 2021 plan).")],
    data: DataDir = None,
    output: Format = ListFormat.table,
) -> None:
    """Show one task in full: its cells, units and roles, deadline, body paragraph and decisions.

    Example: gongkai show 6
    """
    from gongkai_cli import render
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.render.records import TASK_CSV_COLUMNS, task_csv_row, task_record

    plan = load_plan(data)
    task = plan.task(seq)
    units = UnitDirectory(plan.units)
    record = task_record(task, units)
    paragraph = next((p for p in plan.document.paragraphs if p.id == task.section), None)
    if output is ListFormat.json:
        record["section_text"] = paragraph.text if paragraph else None
        render.emit_json(record)
        return
    if output is ListFormat.csv:
        render.emit_csv(TASK_CSV_COLUMNS, [task_csv_row(record)])
        return
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
        ("任务名称", task.name + NAME_SOURCE_ZH[str(task.name_source)]),
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
    render.emit_fields(fields, title=f"任务 {task.seq}: {task.name}")


def _decided_time_node(task: Task) -> str:
    decided = task.decision_for("time_node")
    return f"(空白单元格,按决定取 {decided.value})" if decided else "(空白单元格)"


@app.command()
def units(data: DataDir = None, output: Format = ListFormat.table) -> None:
    """List every unit: short name, full name, kind, aliases and collective members.

    Example: gongkai units --format json
    """
    from gongkai_cli import render
    from gongkai_cli.render.records import UNIT_CSV_COLUMNS, unit_record

    plan = load_plan(data)
    records = [unit_record(unit) for unit in plan.units]
    if output is ListFormat.json:
        render.emit_json({"units": records})
    elif output is ListFormat.csv:
        render.emit_csv(UNIT_CSV_COLUMNS, records)
    else:
        for record in records:
            record["kind_zh"] = UnitKind(record["kind"]).zh
            record["aliases_zh"] = "\n".join(record["aliases"])
            if record["kind"] == "collective":
                record["full_name"] = (
                    f"{len(record['members'])} 个成员" if record["resolved"] else "成员未列明"
                )
        render.emit_table(
            [
                render.Column("名称", "name", ratio=2),
                render.Column("全称", "full_name", ratio=3),
                render.Column("类型", "kind_zh"),
                render.Column("别名", "aliases_zh", ratio=2),
            ],
            records,
            caption=f"{len(records)} 个单位",
        )


class SchemaFile(StrEnum):
    """The files `gongkai schema` describes."""

    tasks = "tasks"
    units = "units"
    rules = "rules"
    holidays = "holidays"
    progress = "progress"


@app.command()
def schema(
    file: Annotated[
        SchemaFile | None,
        typer.Argument(
            help="One file's schema alone (default: all, keyed by file name).", show_default=False
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files (tasks, units, rules, holidays, progress).

    Example: gongkai schema tasks > tasks.schema.json
    """
    from gongkai_cli import render
    from gongkai_cli.schemas import json_schemas

    schemas = json_schemas()
    render.emit_json(schemas[f"{file.value}.yaml"] if file else schemas)
