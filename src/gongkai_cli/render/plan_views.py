"""Views of the plan itself: `tasks`, `show`, `units` and `lint`."""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.obligation import PreIssue
from gongkai_cli.model.plan import DeadlineKind, Layout, NameSource, Task, UnitKind
from gongkai_cli.queries.plan import LintAnswer, ShowAnswer, TaskItem, TasksAnswer, UnitsAnswer
from gongkai_cli.render.columns import TASKS, TASKS_LONG, columns
from gongkai_cli.render.emit import Fields, Records, Table, View
from gongkai_cli.render.records import (
    TASK_CSV_COLUMNS,
    UNIT_CSV_COLUMNS,
    document_heading,
    document_record,
    draft_mark,
    grace_footnote,
    grace_inline,
    pre_issue_fields,
    task_csv_row,
    task_record,
    unit_record,
)
from gongkai_cli.render.table import Column

NAME_SOURCE_ZH: dict[NameSource | None, str] = {
    NameSource.CELL: "",
    NameSource.MERGED_ABOVE: "（合并单元格，沿用上行）",
    NameSource.MERGED_BELOW: "（合并单元格，沿用下行）",
}


def tasks_view(answer: TasksAnswer, *, long: bool = False) -> View:
    """Every task of the plan with its units and time node, or those a word finds; `long`
    shows the content (an items plan always does)."""
    grep, policy = answer.grep, answer.policy
    records = [_dated(task_record(item), item, policy) for item in answer.tasks]
    rows = []
    marked = False
    for record, item in zip(records, answer.tasks, strict=True):
        task = item.task
        decided = task.decision_for("time_node")
        time = task.time_node or (f"（{decided.value}）" if decided else "")
        task_text = f"【{task.display_name}】{task.content}" if task.name else task.content
        row = {**record, "time": time, "due_text": task.deadline.due_text, "task": task_text}
        row["name"] = task.display_name if task.name else ""
        if item.pre_issue:  # the day `due` and the calendar give it, gongkai's grace
            # with the day as written; the mark stays on the time node, as narrow as it was
            day = f"{policy.effective.isoformat()}\n原定\n{task.deadline.due}"
            row["due_text"] = row["due"] = day
            row["time"] += "†"
            marked = True
        rows.append(row)
    document = answer.document
    annex = document.layout is Layout.ANNEX_TABLE
    title = f"{document_heading(document)} {document.layout.terms.tasks}"
    title = draft_mark(document.draft) + title
    caption = f"{len(records)} 项任务" if annex else f"{len(records)} 项"
    data = {"document": document_record(document), "tasks": records}
    if grep is not None:
        title += f" · 含“{grep}”"
        caption += f"含“{grep}”（共 {answer.total} 项；查找时忽略空白）"
        data["grep"] = grep
    if marked:
        caption += "\n" + grace_footnote(policy, document.layout.terms.time_node)
    # an item seldom has a name: its text says what it is, and the table always shows it
    shown = columns(TASKS_LONG if long and annex else TASKS, document.layout)
    table = Table(shown, rows, title=title, caption=caption, highlight=answer.highlight)
    return View(
        [table],
        data=data,
        records=Records(TASK_CSV_COLUMNS, [task_csv_row(r) for r in records]),
    )


def show_view(answer: ShowAnswer) -> View:
    """One task in full: cells, units and roles, deadline, body paragraph and decisions."""
    item, document, policy = answer.item, answer.document, answer.policy
    paragraph = answer.paragraph
    task = item.task
    record = _dated(task_record(item), item, policy)
    csv = Records(TASK_CSV_COLUMNS, [task_csv_row(record)])
    data = {**record, "section_text": paragraph.text if paragraph else None}
    roles = "\n".join(
        f"{a['unit']} {w.role.zh}" + (f"（写作 {w.unit}）" if w.unit != a["unit"] else "")
        for a, w in zip(record["assignments"], task.assignments, strict=True)
    )
    layout = document.layout
    terms = layout.terms
    if layout is Layout.ANNEX_TABLE:
        fields = [
            ("序号", f"{task.seq}（附件第 {task.page} 页）"),
            ("任务名称", task.display_name + NAME_SOURCE_ZH.get(task.name_source, "")),
        ]
        title = f"{draft_mark(document.draft)}任务 {task.seq}：{task.display_name}"
    else:
        fields = [("序号", terms.where(task.seq))]
        fields += [(terms.name, task.display_name)] if task.name else []
        title = f"{terms.where(task.seq)}：{task.display_name}"
        title = draft_mark(document.draft) + title
    fields += [
        (terms.content, task.content),
        ("责任单位", task.responsible),
        *([("上级落实单位", task.responsible_above)] if task.responsible_above else []),
        ("分工", roles),
        (terms.time_node, _time_node_text(item, layout)),
        ("截止日期", _due_text(task)),
    ]
    if item.pre_issue:
        due = grace_inline(policy.effective.isoformat(), task.deadline.due_text)
        fields[-1] = ("截止日期", f"{due}\n{grace_footnote(policy, terms.time_node)}")
    fields += [
        ("量化目标", f"{t.metric} {t.comparison} {t.threshold:g}{t.unit} [{t.id}]: {t.quote}")
        for t in task.targets
    ]
    if paragraph:
        fields.append((f"正文 {paragraph.id}", paragraph.text))
    fields += [(f"决定（{d.field}）", f"{d.value}\n理由：{d.reason}") for d in task.decisions]
    return View([Fields(fields, title=title)], data=data, records=csv)


def _dated(record: dict[str, Any], item: TaskItem, policy: PreIssue) -> dict[str, Any]:
    """The task's record with `due` as every command dates it: for 印发前已到期, the
    policy's day, and `pre_issue` saying why (as in `due`); `deadline` stays the reading
    of the time node. Other tasks keep their keys."""
    if not item.pre_issue:
        return record
    dated: dict[str, Any] = {}
    for key, value in record.items():
        dated[key] = value
        if key == "due":
            dated["due"] = policy.effective.isoformat()
            dated["pre_issue"] = pre_issue_fields(policy, item.task.deadline.due)
    return dated


def _time_node_text(item: TaskItem, layout: Layout) -> str:
    """The time node verbatim, and how a decision reads it where the grammar cannot."""
    task = item.task
    decided = task.decision_for("time_node")
    if not task.time_node:
        if layout is Layout.ITEMS:
            return f"（未写，按决定取 {decided.value}）" if decided else "（未写）"
        return f"（空白单元格，按决定取 {decided.value}）" if decided else "（空白单元格）"
    if decided is not None and not item.readable:
        return f"{task.time_node}\n（不是可读的时间写法，按决定取 {decided.value}）"
    return task.time_node


def _due_text(task: Task) -> str:
    """The due day and, for other kinds than a plain date, what the deadline is."""
    deadline = task.deadline
    due = deadline.due_text
    if deadline.window_start:
        due = f"{deadline.window_start.isoformat()} 至 {due}（窗口期）"
    if deadline.all_year:
        due += "（全年任务，年底为限）"
    kind = deadline.kind
    if kind is DeadlineKind.ONGOING:
        due += "（持续性任务，不计逾期）"
    elif kind is DeadlineKind.UNSTATED:
        due += "（不计逾期）"
    elif kind is DeadlineKind.RECURRING:
        days = "、".join(day.isoformat() for day in deadline.occurrences)
        due = f"每次：{days}（共 {len(deadline.occurrences)} 次）"
    elif kind is DeadlineKind.MILESTONES:
        due = "\n".join(f"{m.text}：{m.due.isoformat()}" for m in deadline.milestones)
        due += f"\n（最后一个阶段为截止日期 {deadline.due_text}）"
    elif kind is DeadlineKind.RELATIVE:
        count = deadline.offset_text
        if deadline.due is None:
            due = f"{deadline.event}后{count}，{deadline.event}日期未记录，暂无截止日期"
        else:
            due += f"（{deadline.event}后{count}）"
    return due


UNIT_COLUMNS = (
    Column("名称", "name", ratio=2, atoms=True),
    Column("全称", "full_name", ratio=3),
    Column("类型", "kind_zh", atoms=True),
    Column("层级", "level_zh"),
    Column("类型来源", "kind_source_zh", atoms=True),
    Column("别名", "aliases_zh", ratio=2, atoms=True),
)


def units_view(answer: UnitsAnswer) -> View:
    """Every unit: short name, full name, kind, level, where its kind comes from, aliases
    and collective members. The table says the plan's place; for a plan that writes its
    place, json says it too and json and csv carry each unit's level and kind source (the
    2021 plan's stay as they were)."""
    place = answer.place
    records = [unit_record(item.unit) for item in answer.units]
    rows = []
    extra: list[dict[str, Any]] = []
    for item, record in zip(answer.units, records, strict=True):
        unit, level = item.unit, item.level
        shown = {
            "level": str(level) if level else None,
            "kind_source": str(unit.kind_source),
        }
        extra.append(shown)
        row = {**record, "kind_zh": UnitKind(record["kind"]).zh}
        row["level_zh"] = level.zh if level else "—"
        row["kind_source_zh"] = unit.kind_source.zh
        row["aliases_zh"] = "\n".join(record["aliases"])
        if record["kind"] == "collective":
            resolved = record["resolved"]
            count = len(record["members"])
            row["full_name"] = f"{count} 个成员" if resolved else "成员未列明"
            if unit.member_kinds:
                kinds = "、".join(kind.zh for kind in unit.member_kinds)
                row["full_name"] = f"{count} 个成员；另含未列名的{kinds}"
        rows.append(row)
    data: dict[str, Any] = {"units": records}
    csv_columns: tuple[str, ...] = UNIT_CSV_COLUMNS
    if answer.document.place and place:
        # A plan that writes its place: json says it, and each record its level too.
        records = [{**r, **e} for r, e in zip(records, extra, strict=True)]
        data = {"place": {"name": place.name, "level": str(place.level)}, "units": records}
        csv_columns = (*UNIT_CSV_COLUMNS, "level", "kind_source")
    where = f"{place.name or '所属地方未写明'}（{place.level.zh}） · " if place else ""
    document = answer.document
    # A draft says so above its units, as every other view does (the 2021 plan has no title).
    title = f"{draft_mark(True)}{document.title or '本要点'} 单位" if document.draft else None
    return View(
        [Table(UNIT_COLUMNS, rows, title=title, caption=f"{where}{len(records)} 个单位")],
        data=data,
        records=Records(csv_columns, records),
    )


LINT_COLUMNS = (
    Column("序号", "seq", justify="right"),
    Column("类别", "kind"),
    Column("说明", "message", ratio=1),
)


def lint_view(answer: LintAnswer) -> View:
    """What a careful reader of the plan would flag, by kind."""
    from dataclasses import asdict

    findings = answer.findings
    rows = [
        {"seq": "—" if f.seq is None else f.seq, "kind": f.kind.zh, "message": f.message}
        for f in findings
    ]
    csv_rows = [
        {**asdict(f), "evidence": "\n".join(f"{q.where}：{q.text}" for q in f.evidence)}
        for f in findings
    ]
    document = answer.document
    return View(
        [
            Table(
                LINT_COLUMNS,
                rows,
                title=f"{draft_mark(document.draft)}{document_heading(document)} 审读发现",
                caption=f"{len(findings)} 条："
                + "、".join(f"{kind} {n}" for kind, n in answer.counts),
            )
        ],
        data={"findings": [asdict(finding) for finding in findings]},
        records=Records(("seq", "kind", "message", "evidence"), csv_rows),
    )
