"""Views of progress: `progress show` (the file's entries) and `overdue` (the gate)."""

from __future__ import annotations

from typing import Any

from gongkai_cli.i18n import _
from gongkai_cli.model.plan import Layout
from gongkai_cli.model.progress import ProgressStatus, Standing, TargetState
from gongkai_cli.queries.entries import EntriesAnswer
from gongkai_cli.queries.overdue import OverdueAnswer
from gongkai_cli.render.columns import FINDINGS, columns
from gongkai_cli.render.emit import Records, Table, Text, View
from gongkai_cli.render.records import (
    ENTRY_COLUMNS,
    FINDING_COLUMNS,
    FINDING_KINDS,
    draft_mark,
    entry_csv_row,
    entry_record,
    finding_csv_row,
    finding_rows,
    gate_record,
    grace_cell,
    grace_footnote,
)
from gongkai_cli.render.table import Column

ENTRY_TABLE = (
    Column("序号", "seq", justify="right"),
    Column("单位", "unit", atoms=True),
    Column("状态", "status_zh"),
    Column("截止", "due", day=True),
    Column("依据 / 备注 / 指标值", "details", ratio=1),
)


def entries_view(answer: EntriesAnswer) -> View:
    """The entries of the progress file, with each task's due date."""
    path = answer.path
    records = [entry_record(item) for item in answer.items]
    rows = []
    for item, record in zip(answer.items, records, strict=True):
        completed = f"\n{record['completed']}" if record["completed"] else ""
        details = [str(record["evidence"]), str(record["note"])]
        if "event" in record:  # a task counted from an event: the day recorded
            details.insert(0, f"{record['event']['name']} {record['event']['on']}")
        if "occurrence" in record:  # one occurrence of a recurring task: which one (as in due)
            details.insert(0, f"本次 {record['occurrence']}")
        details += [f"{k} = {v}" for k, v in record["values"].items()]
        rows.append(
            {
                **record,
                "status_zh": ProgressStatus(record["status"]).zh + completed,
                "details": "\n".join(d for d in details if d),
                # no due day: say why (未写时限, 无截止日期, 决策文件出台后待定), not a blank
                "due": record["due"] or item.task.deadline.due_text,
                **_graced(record),
            }
        )
    undated = sum(1 for record in records if record["due"] is None)
    caption = f"共 {len(records)} 条" + (f"（无明确时限 {undated}）" if undated else "")
    graced = next((item.pre_issue for item in answer.items if item.pre_issue), None)
    if graced is not None:  # the grace's days: gongkai's, say so
        caption += "\n" + grace_footnote(graced, answer.term)
    table = Table(ENTRY_TABLE, rows, title=f"进展记录（{path}）", caption=caption)
    return View(
        [table],
        data={"progress": str(path), "entries": records},
        records=Records(
            (*ENTRY_COLUMNS, *(["occurrence"] if any("occurrence" in r for r in records) else [])),
            [entry_csv_row(r) for r in records],
        ),
    )


# The gate's kinds of finding, labelled as the standings and target states they are.
FINDING_ZH = {
    "overdue": Standing.OVERDUE.zh,
    "below_target": TargetState.BELOW.zh,
    "target_unrecorded": TargetState.UNRECORDED.zh,
    "done_late": Standing.DONE_LATE.zh,
    "ongoing": Standing.ONGOING.zh,
}
ONGOING_TITLE = "无明确时限（持续性任务）：无截止日期，不计逾期，不使检查失败"


def _detail(row: dict[str, Any], task_text: str) -> str:
    kind = str(row["kind"])
    target = row.get("target")
    if isinstance(target, dict):
        unit = target["unit"]
        value = "未填报" if target["value"] is None else f"{target['value']}{unit}"
        detail = (
            f"{target['metric']} {value}，应 {target['comparison']} {target['threshold']}{unit}"
        )
    elif kind in ("overdue", "ongoing"):
        status = row["progress"]
        recorded = ProgressStatus(str(status)).zh if status else "无记录"
        detail = f"逾期 {row['days_late']} 天（{recorded}）" if kind == "overdue" else recorded
    else:
        detail = f"{row['completed']} 完成，晚 {row['days_late']} 天"
    if row.get("occurrence"):  # which occurrence of a recurring task, as due says
        detail += f"\n本次 {row['occurrence']}"
    return f"{task_text}\n{detail}"


def _graced(row: dict[str, Any]) -> dict[str, Any]:
    """A finding's 截止 cell when the issue-day grace gives its day: marked, with the
    day as written beside it (render/records.py: grace_cell); else nothing to change."""
    pre_issue = row.get("pre_issue")
    if not pre_issue:
        return {}
    return {"due": grace_cell(row["due"], pre_issue["due_as_written"])}


def _ongoing_caption(rows: list[dict[str, Any]]) -> str:
    """How many ongoing duties, by the progress recorded on them."""
    by = {"in_progress": 0, "not_started": 0, None: 0}
    for row in rows:
        status = "in_progress" if row["progress"] == "done" else row["progress"]  # done later
        by[status] = by.get(status, 0) + 1
    said = (("进行中", by["in_progress"]), ("未开始", by["not_started"]), ("无记录", by[None]))
    parts = [f"{word} {count}" for word, count in said if count]
    return f"共 {len(rows)} 项未完成：" + " · ".join(parts) + "\n记为已完成后不再列出。"


def gate_view(answer: OverdueAnswer) -> View:
    """The gate's findings by kind; the summary line (stderr) gives their totals, once."""
    found, tasks, document = answer.gate, answer.tasks, answer.document
    items = document.layout is Layout.ITEMS
    record = gate_record(found)
    record["unit"] = answer.unit
    record["progress"] = str(answer.progress) if answer.progress else None
    rows = finding_rows(record)
    data = {key: record[key] for key in ("as_of", "unit", "progress", "failed", *FINDING_KINDS)}
    if "ongoing" in record:  # only when there are any: other answers stay as they were
        data["ongoing"] = record["ongoing"]
    title = draft_mark(document.draft) + f"逾期与指标检查（截至 {found.as_of.isoformat()}）"
    # The totals are the summary's, on stderr, once (issue 22 item 3): not repeated here.
    caption = "逾期完成的事项只列出，不使检查失败。"
    shown_rows = [
        {
            **row,
            "kind_zh": FINDING_ZH[str(row["kind"])],
            "detail": _detail(
                row, tasks[row["seq"]].content if items else tasks[row["seq"]].display_name
            ),
            **_graced(row),
        }
        for row in rows
    ]
    if any(row.get("pre_issue") for row in rows):  # the grace's days: gongkai's, say so
        caption += "\n" + grace_footnote(answer.policy, document.layout.terms.time_node)
    ongoing_rows = [
        {**row, "due": tasks[row["seq"]].deadline.due_text}  # 无截止日期, or 未写时限
        for row in shown_rows
        if row["kind"] == "ongoing"
    ]
    shown_rows = [row for row in shown_rows if row["kind"] != "ongoing"]
    # an item has no 任务名称 cell: the gate reads it by its 条目内容, as due and report do
    shown_columns = columns(FINDINGS, document.layout)
    table = Table(shown_columns, shown_rows, title=title, caption=caption)
    nothing = Text(f"{title}\n无逾期、未达标或逾期完成的事项。")
    shown: list[Table | Text] = [table if shown_rows else nothing]
    if ongoing_rows:
        shown.append(
            Table(
                shown_columns,
                ongoing_rows,
                title=ONGOING_TITLE,
                caption=_ongoing_caption(ongoing_rows),
            )
        )
    summary = _(
        "{overdue} overdue, {below_target} below target, {target_unrecorded} target unrecorded, "
        "{done_late} done late"
    ).format(
        overdue=len(found.overdue),
        below_target=len(found.below_target),
        target_unrecorded=len(found.target_unrecorded),
        done_late=len(found.done_late),
    )
    if found.ongoing:
        summary += _(", {ongoing} ongoing (no due day: never overdue)").format(
            ongoing=len(found.ongoing)
        )
    return View(
        shown,
        notes=answer.notes,
        data=data,
        records=Records(
            (*FINDING_COLUMNS, *(["occurrence"] if any("occurrence" in r for r in rows) else [])),
            [finding_csv_row(row) for row in rows],
        ),
        summary=[_("gongkai overdue: {summary}").format(summary=summary)],
    )
