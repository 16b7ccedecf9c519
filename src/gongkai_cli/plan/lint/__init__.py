"""Lint of the plan itself: what a careful reader of the document would flag.

The checks read the plan as data and report, each with the task's 序号 and the
words that show it:

- a 时间节点 that falls before the plan's own issue date;
- a deadline written in a row's text (印发后30日内, 下一年第一季度, 用两年时间)
  that the row's 时间节点 does not match;
- annex wording that near-copies the body paragraph it summarises but with
  other characters (a substitution, not a summary's omission);
- a character doubled in the body where the annex has it once;
- a 任务名称 printed again after a page break;
- empty cells, and the decisions the data records for them;
- a time node the grammar cannot read, and the decision that reads it.

The checks speak the plan's own terms (`Layout.terms`): an items plan has no
annex, page breaks or merged cells, so it gets none of the cell checks and no
comparison of annex wording with the body.

Findings are information: `lint` never raises for them. Their messages are in
Chinese, for the staff who read the plan. This module holds the entry point and
the deadline and cell checks; the wording comparison is in `wording.py`, and
`Finding`, `Quote` and `Kind` are in `findings.py` (importable from here too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from gongkai_cli.model.deadline import month_end
from gongkai_cli.model.plan import Layout, NameSource, Task, Terms
from gongkai_cli.plan.lint.findings import Finding, Kind, Quote
from gongkai_cli.plan.lint.wording import wording_findings
from gongkai_cli.plan.timenodes import TimeNodeError, parse_time_node

if TYPE_CHECKING:
    from gongkai_cli.plan.load import Plan


__all__ = ["Finding", "Kind", "Quote", "lint"]

_KIND_ORDER = {kind: order for order, kind in enumerate(Kind)}


def lint(plan: Plan) -> list[Finding]:
    """Every finding about `plan`, by task number (findings about no one task last)."""
    paragraphs = {p.id: p.text for p in plan.document.paragraphs}
    terms = plan.document.layout.terms
    findings = [
        *_before_issue(plan, terms),
        *_text_deadlines(plan, paragraphs, terms),
        *_decided_time_nodes(plan, terms),
    ]
    if plan.document.layout is Layout.ANNEX_TABLE:
        findings += [
            *wording_findings(plan.tasks, paragraphs, plan.document.decisions),
            *_repeated_names(plan.tasks),
            *_empty_cells(plan.tasks),
        ]
    return sorted(findings, key=lambda f: (f.seq is None, f.seq or 0, _KIND_ORDER[f.kind]))


# -- deadlines -------------------------------------------------------------------


def _before_issue(plan: Plan, terms: Terms) -> Iterator[Finding]:
    issued = plan.document.issued
    if issued is None:
        return  # no issue date stated: nothing is known to be due before it
    for task in plan.tasks:
        due = task.deadline.due
        if due is not None and due < issued:
            days = (issued - due).days
            yield Finding(
                task.seq,
                Kind.BEFORE_ISSUE,
                f"{terms.time_node}「{task.time_node}」即{due.isoformat()}，"
                f"早于本要点印发日期{issued.isoformat()}共{days}天",
                (Quote(terms.where(task.seq, terms.time_node), task.time_node),),
            )


_CLAUSE = re.compile(r"[^，,；;。]+")
_NUMBER = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_AFTER_ISSUE = re.compile(r"印发后(\d+)日内")
_BY_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日前")
_NEXT_YEAR_QUARTER = re.compile(r"下一年第([一二三四])季度")
_YEARS = re.compile(r"用([两二三四五])年时间")


def _clause_at(text: str, position: int) -> str:
    """The clause of `text` (between commas and stops) that holds `position`."""
    for match in _CLAUSE.finditer(text):
        if match.start() <= position < match.end():
            return match.group()
    return text


def _dates_in(
    text: str, issued: dt.date, year: int
) -> Iterator[tuple[re.Match[str], dt.date | None, str]]:
    """Each deadline `text` writes in words: its date (None for a span) and what it means.

    The meaning completes a sentence whose subject is the words: “下一年第一季度”截至次年2022-03-31.
    """
    for match in _AFTER_ISSUE.finditer(text):
        said = issued + dt.timedelta(days=int(match[1]))
        yield match, said, f"截至{said}（印发日期{issued}后第{match[1]}日）"
    for match in _BY_DAY.finditer(text):
        try:
            said = dt.date(year, int(match[1]), int(match[2]))
        except ValueError:  # no such day: not a deadline this check can read
            continue
        yield match, said, f"即{said}"
    for match in _NEXT_YEAR_QUARTER.finditer(text):
        said = month_end(year + 1, 3 * _NUMBER[match[1]])
        yield match, said, f"截至次年{said}"
    for match in _YEARS.finditer(text):
        yield match, None, f"为期{_NUMBER[match[1]]}年"


def _text_deadlines(plan: Plan, paragraphs: dict[str, str], terms: Terms) -> Iterator[Finding]:
    """Deadlines a row's 任务内容 writes in words that its 时间节点 does not match."""
    issued, year = plan.document.issued, plan.document.year
    if issued is None:
        return  # words counted from the issue date (印发后N日) have no day to compare
    for task in plan.tasks:
        due = task.deadline.due
        if due is None:
            continue  # ongoing or undated: no day for the words to disagree with
        for match, said, meaning in _dates_in(task.content, issued, year):
            if said == due:
                continue
            ours = Quote(
                terms.where(task.seq, terms.content), _clause_at(task.content, match.start())
            )
            body = paragraphs.get(task.section, "")
            words = match.group()
            evidence = [ours]
            content = terms.content
            if words not in body:
                quoted = f"{content}作「{ours.text}」"
            elif (theirs := _clause_at(body, body.index(words))) == ours.text:
                quoted = f"{content}与正文{task.section}均作「{ours.text}」"
                evidence.append(Quote(f"正文 {task.section}", theirs))
            else:
                quoted = f"{content}作「{ours.text}」，正文{task.section}作「{theirs}」"
                evidence.append(Quote(f"正文 {task.section}", theirs))
            evidence.append(Quote(terms.where(task.seq, terms.time_node), task.time_node))
            yield Finding(
                task.seq,
                Kind.TEXT_DEADLINE,
                f"{quoted}，“{words}”{meaning}，而{terms.time_node}「{task.time_node}」为{due}",
                tuple(evidence),
            )


def _decided_time_nodes(plan: Plan, terms: Terms) -> Iterator[Finding]:
    """Time nodes written in words the grammar cannot read, and the decision that reads them."""
    document = plan.document
    for task in plan.tasks:
        decision = task.decision_for("time_node")
        if not task.time_node or decision is None:
            continue
        try:
            parse_time_node(task.time_node, document.year, document.issued)
        except TimeNodeError:
            yield Finding(
                task.seq,
                Kind.DECIDED_TIME_NODE,
                f"{terms.time_node}「{task.time_node}」不是可读的时间写法，"
                f"按记录的决定取「{decision.value}」，{_due_words(task)}",
                (
                    Quote(terms.where(task.seq, terms.time_node), task.time_node),
                    Quote(f"决定（{decision.field}）", decision.reason),
                ),
            )


def _due_words(task: Task) -> str:
    """截止日期为 2021-06-30, or why there is none (持续推进 has no due day)."""
    due = task.deadline.due
    return f"截止日期为{due.isoformat()}" if due else task.deadline.due_text


# -- cells -----------------------------------------------------------------------


def _repeated_names(tasks: Sequence[Task]) -> Iterator[Finding]:
    """A 任务名称 cell that repeats the name of the last row that wrote one."""
    previous: Task | None = None
    for task in tasks:
        if task.name_source is not NameSource.CELL:
            continue
        if previous is not None and task.name == previous.name:
            if task.page != previous.page:
                across = f"跨第{previous.page}页至第{task.page}页"
            else:
                across = f"同在第{task.page}页"
            yield Finding(
                task.seq,
                Kind.REPEATED_NAME,
                f"任务名称「{task.name}」重复第{previous.seq}行的名称（{across}），为同一任务的延续",
                (
                    Quote(Layout.ANNEX_TABLE.terms.where(previous.seq, "任务名称"), previous.name),
                    Quote(Layout.ANNEX_TABLE.terms.where(task.seq, "任务名称"), task.name),
                ),
            )
        previous = task


def _ranges(numbers: Sequence[int]) -> str:
    """6、8-9、12: consecutive numbers as ranges."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _empty_cells(tasks: Sequence[Task]) -> Iterator[Finding]:
    """Empty 时间节点 and 任务名称 cells, with what the data decided for them."""
    for task in tasks:
        if task.time_node:
            continue
        decision = task.decision_for("time_node")
        taken = f"按记录的决定取「{decision.value}」" if decision else "未记录决定"
        evidence = (Quote(f"决定（{decision.field}）", decision.reason),) if decision else ()
        yield Finding(
            task.seq,
            Kind.EMPTY_CELL,
            f"时间节点为空（合并单元格），{taken}，{_due_words(task)}",
            evidence,
        )
    # An empty 任务名称 cell is the common case of a merged cell: one finding lists
    # them all, one quote per merged block, rather than a line per row.
    blocks: list[tuple[Task, list[int]]] = []
    for task in tasks:
        if task.name_source is NameSource.CELL:
            blocks.append((task, []))
        elif task.name_source is NameSource.MERGED_ABOVE and blocks:
            blocks[-1][1].append(task.seq)
    merged = [(named, rows) for named, rows in blocks if rows]
    rows = [seq for _, block in merged for seq in block]
    if rows:
        yield Finding(
            None,
            Kind.EMPTY_CELL,
            f"任务名称有{len(rows)}行为空（合并单元格），均沿用上行的名称：第{_ranges(rows)}行",
            tuple(
                Quote(f"附件第{_ranges(block)}行 任务名称（空）", f"第{named.seq}行 {named.name}")
                for named, block in merged
            ),
        )
    for k, task in enumerate(tasks):
        if task.name_source is not NameSource.MERGED_BELOW:
            continue
        below = next((t.seq for t in tasks[k + 1 :] if t.name_source is NameSource.CELL), None)
        decision = task.decision_for("name")
        evidence = (Quote(f"决定（{decision.field}）", decision.reason),) if decision else ()
        yield Finding(
            task.seq,
            Kind.EMPTY_CELL,
            f"任务名称为空（合并单元格），沿用下行（第{below}行）而非上行的名称「{task.name}」",
            evidence,
        )
