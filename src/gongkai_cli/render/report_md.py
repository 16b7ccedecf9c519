"""The report as a view: Markdown (GFM) to paste into a briefing or an issue, and JSON.

The tables are written by the one Markdown writer in `emit`; this module only
says what the report holds.
"""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.plan import Layout
from gongkai_cli.model.progress import Standing, TargetState
from gongkai_cli.progress.report import Counts, Report, display_name, rate_text, report_record
from gongkai_cli.render.emit import Block, Table, Text, View
from gongkai_cli.render.table import Column

# Column headings for the counts, in the order every table shows them.
COUNT_HEADINGS = (
    ("应办", "owed"),
    *((standing.zh, str(standing)) for standing in Standing),
    (TargetState.BELOW.zh, "below_target"),
    (TargetState.UNRECORDED.zh, "target_unrecorded"),
)
COUNT_COLUMNS = (
    *(Column(heading, key, justify="right") for heading, key in COUNT_HEADINGS),
    Column("完成率", "rate", justify="right"),
)
UNIT_COLUMNS = (Column("单位", "unit"), *COUNT_COLUMNS)
TASK_COLUMNS = (
    Column("序号", "seq"),
    Column("任务名称", "name"),
    Column("截止", "due"),
    Column("已完成单位", "delivered"),
    Column("已完成", "done", justify="right"),
    Column(Standing.OVERDUE.zh, "overdue", justify="right"),
)
ITEM_TASK_COLUMNS = (Column("序号", "seq"), Column("条目内容", "name"), *TASK_COLUMNS[2:])


def _counts(counts: Counts) -> dict[str, Any]:
    row = {key: getattr(counts, key) for _, key in COUNT_HEADINGS}
    return {**row, "rate": rate_text(counts.completion_rate)}


def title(report: Report) -> str:
    """The report's heading line."""
    return f"{report.document.title}落实情况 (截至 {report.as_of.isoformat()})"


def report_view(report: Report) -> View:
    """The whole report: totals, one row per unit, one row per task."""
    document = report.document
    scope = report.scope or "全部单位"
    source = str(report.progress) if report.progress else "无 (未记录任何进展)"
    annex = document.layout is Layout.ANNEX_TABLE
    task_rows = []
    for row in report.tasks:
        delivered = [
            o.obligation.unit + ("※" if o.standing is Standing.DONE_LATE else "")
            for o in row.outcomes
            if o.done
        ]
        counts = row.counts
        task_rows.append(
            {
                "seq": row.task.seq,
                "name": display_name(row.task),
                "due": row.task.deadline.due_text,
                "delivered": "、".join(delivered) or "—",
                "done": f"{counts.done}/{counts.owed}",
                "overdue": counts.overdue,
            }
        )
    blocks: list[Block] = [
        Text(f"# {title(report)}"),
        Text(f"{document.title} ({document.number}) · 范围: {scope} · 进展文件: {source}"),
        Text("完成率 = 已完成 (按时或逾期) ÷ 应办。集合 (一组单位) 的任务由其每个成员分别计算。"),
        Text("## 总体"),
        Table(COUNT_COLUMNS, [_counts(report.totals)]),
        Text("## 各单位"),
        Table(UNIT_COLUMNS, [{"unit": u.unit.name, **_counts(u.counts)} for u in report.units]),
        Text("## 各任务" if annex else "## 各条目"),
        Text("※ 逾期完成"),
        Table(TASK_COLUMNS if annex else ITEM_TASK_COLUMNS, task_rows),
    ]
    return View(markdown=blocks, data=report_record(report))
