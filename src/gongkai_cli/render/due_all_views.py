"""The view of `gongkai due --plan all`: what a unit owes in every installed plan."""

from __future__ import annotations

from typing import Any

from gongkai_cli.queries.due_all import AcrossAnswer
from gongkai_cli.render.due_views import (
    STATUTORY_COLUMNS,
    STATUTORY_TITLE,
    UNDATED_TITLE,
    WAITING_TITLE,
    _heading,
    _pre_issue_note,
    _shown,
    statutory_caption,
    statutory_rows,
)
from gongkai_cli.render.emit import Records, Table, View
from gongkai_cli.render.records import (
    GRACE_COLUMNS,
    OBLIGATION_COLUMNS,
    due_record,
    grace_cells,
    statutory_csv_row,
    statutory_record,
)
from gongkai_cli.render.table import Column

ALL_DUE_COLUMNS = (
    Column("计划", "plan"),
    Column("序号", "seq", justify="right"),
    Column("任务 / 条目内容", "task", ratio=1),
    Column("角色", "role_zh", atoms=True),
    Column("截止", "deadline"),
    Column("状态", "status_zh"),
)
ALL_MAY_APPLY_COLUMNS = (
    Column("计划", "plan"),
    Column("序号", "seq", justify="right"),
    Column("任务 / 条目内容", "task", ratio=1),
    Column("集合", "via", atoms=True),
    Column("截止", "deadline"),
)


def due_all_view(across: AcrossAnswer) -> View:
    """What the unit owes in each plan, one table with a plan column, plans in order; what
    it owes with no due day (无明确时限) in a group of its own, whatever the dates."""
    request = across.request
    before, after, as_of = request.before, request.after, request.as_of
    answers, skipped = across.plans, across.skipped
    records: list[dict[str, Any]] = []
    undated_records: list[dict[str, Any]] = []
    undated_rows: list[dict[str, Any]] = []
    waiting_rows: list[dict[str, Any]] = []
    maybe_records: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    maybe_rows: list[dict[str, Any]] = []
    statutory_records: list[dict[str, Any]] = []
    owed_rows: list[dict[str, Any]] = []
    for planned in answers:
        plan_id, answer = planned.entry.id, planned.answer
        for item in answer.tasks:
            record = {"plan": plan_id, **due_record(item)}
            records.append(record)
            rows.append(_shown(item.obligation, record))
        for item in answer.undated:
            record = {"plan": plan_id, **due_record(item)}
            undated_records.append(record)
            shown_row = _shown(item.obligation, record)
            (waiting_rows if item.obligation.awaits_event else undated_rows).append(shown_row)
        for item in answer.maybe:
            record = {"plan": plan_id, **due_record(item)}
            maybe_records.append(record)
            maybe_rows.append(_shown(item.obligation, record))
        reports = [{"plan": plan_id, **statutory_record(o)} for o in answer.statutory]
        statutory_records += reports
        owed_rows += statutory_rows(answer.statutory, reports)
    unit = answers[0].answer.who.name
    data = {
        "unit": unit,
        "plans": [
            {
                "plan": planned.entry.id,
                "number": planned.answer.document.number,
                "unit": planned.answer.who.name,
                "listed": planned.answer.who.listed,
                "member_of": [c.name for c in planned.answer.who.collectives],
                "tasks": len(planned.answer.tasks),
                "may_apply": len(planned.answer.maybe),
                # only when a plan has any, so answers without them stay as they were
                **({"undated": len(planned.answer.undated)} if undated_records else {}),
            }
            for planned in answers
        ],
        "skipped": [{"plan": s.entry.id, "reason": s.reason} for s in skipped],
        "before": before.isoformat() if before else None,
        "after": after.isoformat() if after else None,
        "as_of": as_of.isoformat(),
        "role": str(request.role) if request.role else None,
        "direct_only": request.direct_only,
        "tasks": records,
        **({"undated": undated_records} if undated_records else {}),
        "may_apply": maybe_records,
    }
    if statutory_records:  # only then, so answers whose dates do not reach them stay as they were
        data["statutory"] = statutory_records
    csv_rows = [{**r, **grace_cells(r), "applies": "owed"} for r in records]
    csv_rows += [{**r, "applies": "undated"} for r in undated_records]
    csv_rows += [{**r, **grace_cells(r), "applies": "may_apply"} for r in maybe_records]
    csv_rows += [{"plan": r["plan"], **statutory_csv_row(r)} for r in statutory_records]
    occurs = ("occurrence",) if any("occurrence" in r for r in csv_rows) else ()
    csv = Records(("plan", *OBLIGATION_COLUMNS, "applies", *GRACE_COLUMNS, *occurs), csv_rows)

    overdue = sum(1 for r in records if r["status"] == "overdue")
    footer = f"共 {len(records)} 项 · 逾期 {overdue} · 可能适用 {len(maybe_records)}"
    if undated_records:
        footer += f" · 无明确时限 {len(undated_records)}（另列）"
    footer += "\n" + "；".join(
        f"{p.entry.id} {p.answer.document.number} {len(p.answer.tasks)} 项"
        + (f"（另 无明确时限 {len(p.answer.undated)} 项）" if p.answer.undated else "")
        for p in answers
    )
    for planned in answers:  # each plan's own issue date and grace period
        owed = [item.obligation for item in (*planned.answer.tasks, *planned.answer.maybe)]
        footer += _pre_issue_note(owed, planned.answer.document.layout, planned.entry.id)
    if skipped:
        footer += "\n未列此单位的计划：" + "、".join(s.entry.id for s in skipped)
    heading = _heading(unit, before, after, as_of).replace(" 应办任务（", " 应办任务 · 全部计划（")
    shown = [Table(ALL_DUE_COLUMNS, rows, title=heading, caption=footer)]
    if undated_rows:
        caption = f"共 {len(undated_rows)} 项\n无截止日期，不计逾期，不论日期范围均列出"
        shown.append(Table(ALL_DUE_COLUMNS, undated_rows, title=UNDATED_TITLE, caption=caption))
    if waiting_rows:  # --plan all reads no progress file: no event day is known
        caption = (
            f"共 {len(waiting_rows)} 项；事件日期记入一个计划的进展文件后，用 --plan ID 查看截止日"
        )
        shown.append(Table(ALL_DUE_COLUMNS, waiting_rows, title=WAITING_TITLE, caption=caption))
    if maybe_rows:
        title = "可能适用：责任单位是未列明成员的集合，是否适用请自行确认"
        shown.append(Table(ALL_MAY_APPLY_COLUMNS, maybe_rows, title=title))
    if owed_rows:
        caption = statutory_caption([o for p in answers for o in p.answer.statutory])
        columns = (Column("计划", "plan"), *STATUTORY_COLUMNS)
        shown.append(Table(columns, owed_rows, title=STATUTORY_TITLE, caption=caption))
    return View(shown, data=data, records=csv, notes=across.notes)
