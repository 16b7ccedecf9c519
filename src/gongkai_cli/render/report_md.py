"""The report as a view: Markdown (GFM) to paste into a briefing or an issue, and JSON.

The tables are written by the one Markdown writer in `emit`; this module only
says what the report holds.
"""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.plan import Comparison, Layout, Target, Task
from gongkai_cli.model.progress import Outcome, Standing, TargetCheck, TargetState, number
from gongkai_cli.queries.report import (
    Counts,
    Report,
    entry_outcomes,
    once_each,
    progress_groups,
    target_lines,
    task_due,
)
from gongkai_cli.render.columns import (
    REPORT_ENTRIES,
    REPORT_TARGETS,
    REPORT_TASKS,
    REPORT_TASKS_SHEET,
    REPORT_UNDATED,
    REPORT_UNDATED_SHEET,
    columns,
)
from gongkai_cli.render.emit import Block, Table, Text, View, Workbook
from gongkai_cli.render.records import (
    document_heading,
    draft_mark,
    grace_footnote,
    grace_inline,
    report_record,
)
from gongkai_cli.render.table import Column, Percent, Quantity


def requirement_text(target: Target) -> str:
    """What the plan requires, as people read it: ≥60%."""
    sign = "≥" if target.comparison is Comparison.AT_LEAST else "≤"
    return f"{sign}{number(target.threshold)}{target.unit}"


def value_text(check: TargetCheck) -> str:
    """The recorded value with its unit (55%), or — when none is recorded."""
    return "—" if check.value is None else f"{number(check.value)}{check.target.unit}"


def _amount(value: float, unit: str, text: str, sign: str = "") -> Quantity | str:
    """A target's number for a spreadsheet: a number cell showing `text`. A % is a
    fraction formatted as a percentage (55% is 0.55, as 到期完成率 is); another unit
    is a literal of the format (General"个"), and a sign before it ("≥"). A unit a
    format cannot quote (a double quote, a control character) leaves the text."""
    literal = f'"{sign}"' if sign else ""
    if unit == "%":
        places = "0%" if float(value).is_integer() else "0.0##%"
        return Quantity(value / 100, text, literal + places)
    if '"' in unit or "\\" in unit or not unit.isprintable():
        return text
    return Quantity(number(value), text, literal + "General" + (f'"{unit}"' if unit else ""))


def requirement_amount(target: Target) -> Quantity | str:
    """What the plan requires as a number cell showing ≥60%."""
    sign = "≥" if target.comparison is Comparison.AT_LEAST else "≤"
    return _amount(target.threshold, target.unit, requirement_text(target), sign)


def value_amount(check: TargetCheck) -> Quantity | str:
    """The recorded value as a number cell showing 55%, or — when none is recorded."""
    if check.value is None:
        return value_text(check)
    return _amount(check.value, check.target.unit, value_text(check))


RATES_NOTE = (
    "到期完成率 = 已完成 ÷ 截至当日应办（已过截止日或已完成的事项）；"
    "全年完成率 = 已完成 ÷ 全年应办。"
)
"""The two completion rates, defined where a report shows them."""


def rate_text(rate: float | None) -> str:
    """A completion rate as people read it: 12.5%, or — when nothing is owed."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


def pre_issue_note(report: Report) -> str:
    """The footnote of the † on a 印发前已到期 task's 截止: the grace is gongkai's."""
    return grace_footnote(report.policy, report.document.layout.terms.time_node)


def shown_due(task: Task, due: str, pre_issue: bool) -> str:
    """A task's 截止 as the report's table shows it: a graced day with the day as written."""
    return grace_inline(due, task.deadline.due) if pre_issue else due


# Column headings for the counts, in the order every table shows them. 持续推进 (tasks
# with no due day, not done) only in a report that has such tasks (`count_headings`).
COUNT_HEADINGS = (
    ("应办", "owed"),
    *((standing.zh, str(standing)) for standing in Standing if standing is not Standing.ONGOING),
    (TargetState.BELOW.zh, "below_target"),
    (TargetState.UNRECORDED.zh, "target_unrecorded"),
)
ONGOING_HEADING = (Standing.ONGOING.zh, str(Standing.ONGOING))
RATE_HEADINGS = (("到期完成率", "rate_due"), ("全年完成率", "rate"))


def count_headings(ongoing: bool) -> tuple[tuple[str, str], ...]:
    """The counts' headings; with `ongoing`, 持续推进 after 未到期."""
    if not ongoing:
        return COUNT_HEADINGS
    after = [key for _, key in COUNT_HEADINGS].index(str(Standing.OPEN)) + 1
    return (*COUNT_HEADINGS[:after], ONGOING_HEADING, *COUNT_HEADINGS[after:])


def count_columns(ongoing: bool) -> tuple[Column, ...]:
    """The counts' and rates' columns of the 总体 and 各单位 tables."""
    return (
        *(Column(heading, key, justify="right") for heading, key in count_headings(ongoing)),
        *(Column(heading, key, justify="right") for heading, key in RATE_HEADINGS),
    )


UNDATED_TITLE = "无明确时限（持续性任务）"
UNDATED_NOTE = (
    "无截止日期的任务（持续推进、未写完成时限）不计逾期，也不计入到期完成率；"
    "记为已完成前按“持续推进”计，计入全年应办。"
)


def standing_text(outcome: Outcome) -> str:
    """情况: the standing, and for a recurring task's occurrence which one it is."""
    occurrence = outcome.obligation.occurrence
    return outcome.standing.zh + (f"（本次 {occurrence.isoformat()}）" if occurrence else "")


def _counts(counts: Counts) -> dict[str, Any]:
    row = {key: getattr(counts, key) for _, key in count_headings(True)}
    return {
        **row,
        "rate_due": _rate(counts.due_rate),
        "rate": _rate(counts.completion_rate),
    }


def undated_rows(report: Report) -> list[dict[str, Any]]:
    """The tasks with no due day, by 序号, with how far each unit has got."""
    rows = []
    for row in report.undated:
        units = progress_groups(row)
        rows.append(
            {
                "seq": row.task.seq,
                "name": row.task.display_name,
                "time_node": row.task.time_node or "未写",
                "done": f"{row.counts.done}/{row.counts.owed}",
                "done_count": row.counts.done,
                "owed": row.counts.owed,
                "delivered": "、".join(units["done"]) or "—",
                "in_progress": "、".join(units["in_progress"]) or "—",
                "waiting": "、".join(units["not_started"] + units["no_record"]) or "—",
                "lists": (
                    units["done"],
                    units["in_progress"],
                    units["not_started"] + units["no_record"],
                ),
            }
        )
    return rows


def _rate(rate: float | None) -> Percent | str:
    """The rate as people read it (12.5%, or —), a number in a spreadsheet."""
    return "—" if rate is None else Percent(rate, rate_text(rate))


def title(report: Report) -> str:
    """The report's heading line."""
    mark = draft_mark(report.document.draft)
    return f"{mark}{report.document.title}落实情况（截至 {report.as_of.isoformat()}）"


def markdown_view(report: Report) -> View:
    """The whole report: totals, one row per unit, one row per task; in a workbook the
    same sheets, with a title row (plan, scope, as-of date) and numbers as numbers."""
    return View(
        markdown=_blocks(report, sheet=False),
        data=report_record(report),
        notes=report.notes,
        workbook=_workbook(report),
    )


def _meta(report: Report) -> str:
    document = report.document
    scope = report.scope or "全部单位"
    source = str(report.progress) if report.progress else "无（未记录任何进展）"
    return f"{document_heading(document)} · 范围：{scope} · 进展文件：{source}"


def _workbook(report: Report) -> Workbook:
    """The report's workbook: every sheet under its title and the line saying which plan,
    which units, as of when; the file's properties say the same."""
    document = report.document
    scope = report.scope or "全部单位"
    as_of = report.as_of.isoformat()
    return Workbook(
        title=title(report),
        subject=f"{document_heading(document)} · 范围：{scope} · 截至 {as_of}",
        description=f"{_meta(report)} · 截至 {as_of}",
        head=(title(report), f"{_meta(report)} · 截至 {as_of}"),
        blocks=_blocks(report, sheet=True),
    )


def _blocks(report: Report, *, sheet: bool) -> list[Block]:
    """The report's blocks; for a `sheet`, values that are numbers as numbers (已完成 and
    应办 apart, where Markdown writes 1/55; a target's 要求 and 填报值 as number cells)."""
    layout = report.document.layout
    annex = layout is Layout.ANNEX_TABLE
    task_rows = []
    policy = report.policy
    marked = False
    for row in report.tasks:
        delivered = [
            o.obligation.unit + ("※" if o.standing is Standing.DONE_LATE else "")
            for o in row.outcomes
            if o.done
        ]
        counts = row.counts
        due, pre_issue = task_due(row.task, policy)
        marked = marked or pre_issue
        task_rows.append(
            {
                "seq": row.task.seq,
                "name": row.task.display_name,
                "due": shown_due(row.task, due, pre_issue),
                "delivered": "、".join(once_each(delivered)) or "—",
                "done": f"{counts.done}/{counts.owed}",
                "done_count": counts.done,
                "owed": counts.owed,
                "overdue": counts.overdue,
                "overdue_units": "、".join(once_each(row.units(Standing.OVERDUE))) or "—",
            }
        )
    targets = [
        {
            "seq": line.task.seq,
            "name": line.task.display_name,
            "unit": line.unit,
            "metric": line.check.target.metric,
            "required": (requirement_amount if sheet else requirement_text)(line.check.target),
            "value": (value_amount if sheet else value_text)(line.check),
            "state": line.check.state.zh,
        }
        for line in target_lines(report)
    ]
    entries = [
        {
            "seq": o.obligation.task.seq,
            "name": o.obligation.task.display_name,
            "unit": o.obligation.unit,
            "standing": standing_text(o),
            "completed": o.completed.isoformat() if o.completed else "—",
            "evidence": (o.entry.evidence if o.entry else "") or "—",
            "note": (o.entry.note if o.entry else "") or "—",
        }
        for o in entry_outcomes(report)
    ]
    ongoing = bool(report.undated)
    counted = count_columns(ongoing)
    blocks: list[Block] = [
        Text(f"# {title(report)}"),
        Text(_meta(report)),
        Text(
            f"{RATES_NOTE}已完成含按时与逾期完成。集合（一组单位）的任务由其每个成员分别计算。"
            "单位与任务按最差在前排列：逾期未完成多者在前，其次指标问题多者，其次到期完成率低者。"
        ),
        Text("## 总体"),
        Table(counted, [_counts(report.totals)]),
        Text("## 各单位"),
        Table(
            (Column("单位", "unit"), *counted),
            [{"unit": u.unit.name, **_counts(u.counts)} for u in report.units],
        ),
        Text("## 各任务" if annex else "## 各条目"),
        Text("※ 逾期完成"),
        Table(columns(REPORT_TASKS_SHEET if sheet else REPORT_TASKS, layout), task_rows),
    ]
    if marked:
        blocks.append(Text(pre_issue_note(report)))
    if ongoing:
        blocks += [
            Text(f"## {UNDATED_TITLE}"),
            Text(UNDATED_NOTE),
            Table(
                columns(REPORT_UNDATED_SHEET if sheet else REPORT_UNDATED, layout),
                undated_rows(report),
            ),
        ]
    if targets:
        blocks += [
            Text("## 指标"),
            Text("已完成任务的填报值与工作要点的要求（未完成的任务只列已填报的进度值）。"),
            Table(columns(REPORT_TARGETS, layout), targets),
        ]
    if entries:
        blocks += [
            Text("## 佐证与备注"),
            Table(columns(REPORT_ENTRIES, layout), entries),
        ]
    return blocks
