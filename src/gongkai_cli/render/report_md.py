"""The report as Markdown (GFM), to paste into a briefing or an issue."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai_cli.model.progress import Standing, TargetState
from gongkai_cli.progress.report import Counts, Report, display_name, rate_text

# Column headings for the counts, in the order every table shows them.
COUNT_HEADINGS = (
    ("应办", "owed"),
    *((standing.zh, str(standing)) for standing in Standing),
    (TargetState.BELOW.zh, "below_target"),
    (TargetState.UNRECORDED.zh, "target_unrecorded"),
)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", "<br>")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: int) -> list[str]:
    """A GFM table; columns from index `right` on are numbers, aligned right."""
    lines = ["| " + " | ".join(headers) + " |"]
    lines.append("|" + "|".join("---:" if i >= right else "---" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _counts(counts: Counts) -> list[object]:
    return [getattr(counts, key) for _, key in COUNT_HEADINGS] + [rate_text(counts.completion_rate)]


def title(report: Report) -> str:
    """The report's heading line."""
    return f"{report.document.title}落实情况 (截至 {report.as_of.isoformat()})"


def markdown(report: Report) -> str:
    """The whole report: totals, one row per unit, one row per task."""
    document = report.document
    scope = report.scope or "全部单位"
    source = str(report.progress) if report.progress else "无 (未记录任何进展)"
    lines = [
        f"# {title(report)}",
        "",
        f"{document.title} ({document.number}) · 范围: {scope} · 进展文件: {source}",
        "",
        "完成率 = 已完成 (按时或逾期) ÷ 应办。集合 (一组单位) 的任务由其每个成员分别计算。",
        "",
        "## 总体",
        "",
        *_table([h for h, _ in COUNT_HEADINGS] + ["完成率"], [_counts(report.totals)], 0),
        "",
        "## 各单位",
        "",
        *_table(
            ["单位", *(h for h, _ in COUNT_HEADINGS), "完成率"],
            [[row.unit.name, *_counts(row.counts)] for row in report.units],
            1,
        ),
        "",
        "## 各任务",
        "",
        "※ 逾期完成",
        "",
    ]
    task_rows = []
    for row in report.tasks:
        delivered = [
            o.obligation.unit + ("※" if o.standing is Standing.DONE_LATE else "")
            for o in row.outcomes
            if o.done
        ]
        counts = row.counts
        task_rows.append(
            [
                row.task.seq,
                display_name(row.task),
                row.task.deadline.due_text,
                "、".join(delivered) or "—",
                f"{counts.done}/{counts.owed}",
                counts.overdue,
            ]
        )
    lines += _table(
        ["序号", "任务名称", "截止", "已完成单位", "已完成", "逾期未完成"], task_rows, 4
    )
    return "\n".join(lines) + "\n"
