"""The draft of an items plan: one task per measure the body gives (see items.py).

An item has no 任务名称, page or merged cell, and a time node only where it writes
one: the draft leaves those out rather than invent them. Its 序号 is the number the
source writes when every item has one and none repeats (a plan numbered once across
its chapters); otherwise items are numbered 1..N in order, a point giving the
source's. Where the source is silent, the draft decides and says why:
- a plan whose items name no units at all is owed by the notice's addressees
  (主送): the notice hands the plan to them to carry out, and no item says
  otherwise. The decision is recorded on each task and shown once;
- an item without a bracket in a plan whose other items have one, and a
  bracket the source cuts off, are left for a person (待决定);
- a 完成时限 in traditional characters (持續推進) is read in simplified ones, recorded
  as a decision (the text stays as written; the 责任单位 reader folds traditional role
  words itself and keeps the names as written);
- a deadline written inside the item's sentence (年底前完成, 6月底报区政府办公室),
  when the item has no 完成时限, is proposed in a 待核对 point that says what to
  record to take it, and never applied: the due day is a person's decision;
- an item that writes no 完成时限 and whose sentence gives none either has no due day
  (无明确时限: `due` lists it apart, never overdue), unless the import is told
  `--default-time-node` (全年): then a decision on the item gives it that node, so
  an annual plan's undated items are due at the year's end. A node the item writes,
  持续推进 included, is the source's and is never replaced.
"""

from __future__ import annotations

from typing import Any

from gongkai_cli.i18n import _
from gongkai_cli.plan.importing.draft import (
    DocumentFacts,
    Draft,
    Loc,
    _document,
    _units,
    assign,
    draft_units,
    find_standing,
    issue_needed,
    propose_deadlines,
    read_node,
)
from gongkai_cli.plan.importing.items import Form, Item
from gongkai_cli.plan.importing.notice import SENTENCE_END
from gongkai_cli.plan.importing.source import SourceDocument
from gongkai_cli.plan.spelling import is_traditional, simplified
from gongkai_cli.plan.timenodes import readable
from gongkai_cli.plan.units import UnitDirectory

Decisions = list[dict[str, str]]


def build_items_draft(
    source: SourceDocument, registry: UnitDirectory | None, facts: DocumentFacts
) -> Draft:
    """The draft of an items plan: one task per item (or measure) of the body; its units
    found in the registries of its place (`registry`, when given, instead)."""
    draft = Draft(source.path.name, "items", {}, [], [])
    _document(source, facts, draft)
    find_standing(draft, source.text)
    draft.document["layout"] = "items"
    units = draft_units(draft, registry)
    unitless = all(item.form is Form.NONE for item in source.items)
    if unitless:
        _owed_by_addressees(draft)
    seqs, why = _numbers(source.items)
    for index, item in enumerate(source.items):
        seq = seqs[index]
        loc: Loc = ("tasks", index)
        task: dict[str, Any] = {"seq": seq, "content": item.content}
        decisions: Decisions = []
        if item.number is not None and item.number != str(seq):
            draft.point(
                "tasks.yaml",
                (*loc, "seq"),
                (
                    _(
                        "the source numbers this item “{written}”; the draft numbers it {seq} "
                        "in order"
                    )
                    + why
                ).format(written=item.number, seq=seq),
                decide=False,
            )
        # The last item of a page's opening, cut in the middle of its text.
        last = index == len(source.items) - 1 and not item.line.endswith(SENTENCE_END)
        if last and unitless:
            draft.point(
                "tasks.yaml",
                (*loc, "content"),
                _("the source ends inside this item; its text may be incomplete"),
                False,
            )
        responsible = _responsible(draft, item, loc, decisions, unitless, last)
        task["responsible"] = responsible
        assign(draft, units, task, loc, decisions)
        _time_node(draft, item, task, loc, decisions, facts.default_time_node)
        if item.section:
            task["section"] = item.section
        if decisions:
            task["decisions"] = decisions
        draft.tasks.append(task)
    issue_needed(draft)
    _units(draft, units)
    return draft


def _numbers(items: list[Item]) -> tuple[list[int], str]:
    """Each item's 序号: the number the source writes, when every item has one and no two
    share it (an office finds 第12项 as `show 12`); else 1..N in order, and why."""
    numbers = [item.number for item in items]
    if all(n is not None and n.isdigit() for n in numbers):
        seqs = [int(n) for n in numbers if n is not None]
        if len(set(seqs)) == len(seqs):
            return seqs, ""
        return list(range(1, len(items) + 1)), _(
            " (the source's numbers repeat, so they cannot be the numbers)"
        )
    return list(range(1, len(items) + 1)), ""


def _owed_by_addressees(draft: Draft) -> None:
    addressees = draft.document["addressees"]
    if not addressees:
        return  # the document's point asks for the addressees; each task for its units
    reason = _addressees_reason(addressees)
    decisions = draft.document["decisions"]
    decisions.append({"field": "responsible", "value": addressees, "reason": reason})
    # The reason is the plan's data (Chinese); the point says it in the run's language.
    said = _(
        "no item of the source names its responsible units. The notice sends the plan to "
        "its addressees “{addressees}” to carry out, so each item is theirs; where an item "
        "has units of its own, rewrite its responsible."
    ).format(addressees=addressees)
    draft.point("tasks.yaml", ("document", "decisions", len(decisions) - 1), said, False)


def _addressees_reason(addressees: str) -> str:
    return (
        f"原文各项均未写责任单位。通知把本要点印发给主送单位“{addressees}”执行，"
        "故各项由主送单位负责落实；如某项另有明确的责任单位，请改写该项的 responsible。"
    )


def _responsible(
    draft: Draft, item: Item, loc: Loc, decisions: Decisions, unitless: bool, last: bool
) -> str:
    """The item's 责任单位 as written (or the addressees, decided), with its decisions."""
    text = item.responsible
    if item.form is Form.NONE:
        addressees: str = draft.document["addressees"]
        if unitless and addressees:
            reason = (
                "原文本项未写责任单位，按文件的决定（document.decisions）由通知的主送单位负责落实。"
            )
            decisions.append({"field": "responsible", "value": addressees, "reason": reason})
            text = addressees
        elif unitless:
            draft.point(
                "tasks.yaml",
                (*loc, "responsible"),
                _(
                    "the source names no responsible unit and the notice no addressees: fill "
                    "in this item's responsible units"
                ),
            )
            return ""
        else:
            message = (
                _(
                    "the source ends inside this item: its text is incomplete and has no "
                    "bracket of responsible units; complete it from the source"
                )
                if last
                else _(
                    "this item names no responsible unit (in brackets), as every other item "
                    "does: fill it in from the source"
                )
            )
            draft.point("tasks.yaml", (*loc, "responsible"), message)
            return ""
    if item.cut is not None:
        said = (
            _(
                "the source ends inside this item's bracket of responsible units (not "
                "closed, and the unfinished “{cut}” is left out); the units listed may be "
                "incomplete: complete them from the source"
            )
            if item.cut
            else _(
                "the source ends inside this item's bracket of responsible units (not "
                "closed); the units listed may be incomplete: complete them from the source"
            )
        )
        draft.point("tasks.yaml", (*loc, "responsible"), said.format(cut=item.cut))
    return text


def _time_node(
    draft: Draft,
    item: Item,
    task: dict[str, Any],
    loc: Loc,
    decisions: Decisions,
    default: str | None = None,
) -> None:
    """The item's 完成时限, or a deadline its sentence writes, proposed for review; with
    neither, `default` (--default-time-node) when given."""
    node = item.time_node
    if node:
        task["time_node"] = node
        reading = node
        if is_traditional(node) and readable(plain := simplified(node)):
            reading = plain
            reason = f"原文为繁体字“{node}”，按 OpenCC t2s 转为简体“{plain}”读取。"
            decisions.append({"field": "time_node", "value": plain, "reason": reason})
        deadline = read_node(draft, loc, reading, decisions)
        if deadline is not None:
            task["deadline"] = deadline
        return
    decided = None
    if default:
        decisions.append(
            {"field": "time_node", "value": default, "reason": default_reason(default)}
        )
        deadline = read_node(draft, loc, default, decisions)
        if deadline is not None:
            task["deadline"] = deadline
        decided = (default, "--default-time-node")
    propose_deadlines(draft, loc, item.content, decided)


def default_reason(node: str) -> str:
    """The reason recorded on an item that takes `--default-time-node`."""
    return (
        f"原文本项未写完成时限；导入时以 --default-time-node {node} 为未写完成时限各项的完成时限。"
    )
