"""From a source's table to a draft plan: tasks, units, decisions and review points.

Nothing is invented. A cell goes into the draft verbatim. Where the source is
silent the draft says so:
- an empty cell of a merged group takes its value from the row above (or, for a
  name, from the row below when the body says the row belongs there), and a
  decision records it, as the 2021 data records rows 6 and 39;
- a time node gongkai cannot read stays verbatim, with a decision left to fill;
- a unit the registry does not know gets an entry marked for review.
Each such point is a `ReviewPoint`; `decide` ones must be settled before the
plan validates, the others are guesses worth a look.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from gongkai_cli.io.dates import today
from gongkai_cli.model.deadline import DeadlineKind
from gongkai_cli.model.plan import Layout, UnitKind
from gongkai_cli.plan.assignments import parse_responsible
from gongkai_cli.plan.importing.source import SourceDocument
from gongkai_cli.plan.importing.units import DraftUnits
from gongkai_cli.plan.timenodes import TimeNodeError, parse_time_node
from gongkai_cli.plan.units import UnitDirectory

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class ReviewPoint:
    """A point of the draft a person should look at, at a field of one of its files."""

    file: str
    loc: Loc
    message: str
    decide: bool = True
    """True: the plan does not validate until a person decides; False: a guess to check."""


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the command line says about the document, overriding the notice."""

    year: int | None = None
    number: str | None = None
    issued: dt.date | None = None
    title: str | None = None
    time_node: str | None = None
    """--time-node: the time node of every task of a table that has no time column."""


@dataclass(frozen=True, slots=True)
class ReadingDocument:
    """What a time node is read against."""

    year: int
    issued: dt.date | None


@dataclass(slots=True)
class Draft:
    """A plan as imported: the contents of tasks.yaml and units.yaml, and what to review."""

    source_name: str
    layout: str
    document: dict[str, Any]
    tasks: list[dict[str, Any]]
    units: list[dict[str, Any]]
    review: list[ReviewPoint] = field(default_factory=list)
    comments: dict[tuple[str, Loc], str] = field(default_factory=dict)

    def reading_document(self) -> ReadingDocument:
        """The year and issue date time nodes are read against."""
        issued = self.document.get("issued")
        # With no year known (a point asks for it), nodes are read for the current year.
        year = self.document.get("year") or today().year
        return ReadingDocument(year, issued)

    def point(self, file: str, loc: Loc, message: str, decide: bool = True) -> None:
        """Add a review point, and a comment at the field in the written file."""
        self.review.append(ReviewPoint(file, loc, message, decide))
        key = (file, loc)
        mark = "待决定" if decide else "待核对"
        previous = self.comments.get(key)
        self.comments[key] = f"{previous}; {mark}: {message}" if previous else f"{mark}: {message}"


def _year_of(facts: DocumentFacts, source: SourceDocument, title: str | None) -> int | None:
    if facts.year:
        return facts.year
    if title and (match := re.match(r"(\d{4})\s*年", title)):
        return int(match[1])
    issued = facts.issued or source.notice.issued
    return issued.year if issued else None


def _document(source: SourceDocument, facts: DocumentFacts, draft: Draft) -> None:
    notice = source.notice
    title = facts.title or notice.title
    year = _year_of(facts, source, title)
    draft.document = {
        "number": facts.number or notice.number or "",
        "title": title or "",
        "issuer": notice.issuer or "",
        "issued": facts.issued or notice.issued,
        "year": year,
        "addressees": notice.addressees or "",
        "source": f"source/{source.path.name}",
        "chapters": [{"id": cid, "heading": heading} for cid, heading in source.body.chapters],
        "paragraphs": [{"id": pid, "text": text} for pid, text in source.body.paragraphs],
        "decisions": [],
    }
    missing = {
        "number": ("文号", "--number"),
        "title": ("标题", "--title"),
        "issued": ("成文日期", "--issued"),
        "year": ("年度", "--year"),
    }
    # Only the year changes answers (every date is read in it); a missing 文号, title,
    # issuer or addressee changes none, and a missing issue date only a node counted
    # from issue (asked then, in `_issue_needed`).
    for key, (what, option) in missing.items():
        if not draft.document[key]:
            draft.point(
                "tasks.yaml",
                ("document", key),
                f"通知中未找到{what},请填写(或导入时用 {option})",
                decide=key == "year",
            )
    for key, what in (("issuer", "发文机关"), ("addressees", "主送单位")):
        if not draft.document[key]:
            draft.point("tasks.yaml", ("document", key), f"通知中未找到{what},请填写", False)


def build_items_draft(
    source: SourceDocument, registry: UnitDirectory, facts: DocumentFacts
) -> Draft:
    """The draft of an items plan: one task per numbered item with an inline 责任单位.

    An item has no 任务名称, page or merged cell, and a time node only where it writes
    完成时限: the draft leaves those out rather than invent them.
    """
    draft = Draft(source.path.name, "items", {}, [], [])
    _document(source, facts, draft)
    draft.document["layout"] = "items"
    units = DraftUnits(registry)
    sections = source.body.item_sections
    for index, item in enumerate(source.items):
        seq = index + 1
        loc: Loc = ("tasks", index)
        task: dict[str, Any] = {"seq": seq, "content": item.content}
        task["responsible"] = item.responsible
        pairs = parse_responsible(item.responsible)
        task["assignments"] = [{"unit": unit, "role": role} for unit, role in pairs]
        for unit, _ in pairs:
            units.add(unit, seq)
        if not pairs:
            draft.point("tasks.yaml", (*loc, "responsible"), "责任单位中未读出单位,请核对")
        decisions: list[dict[str, str]] = []
        if item.time_node:
            task["time_node"] = item.time_node
            deadline = read_node(draft, loc, item.time_node, decisions)
            if deadline is not None:
                task["deadline"] = deadline
        section = sections[index] if index < len(sections) else ""
        if section:
            task["section"] = section
        if decisions:
            task["decisions"] = decisions
        draft.tasks.append(task)
    _units(draft, units)
    return draft


# The kinds the 2021 data writes as {due, window_start, all_year}; the others add their kind.
_PLAIN_KINDS = (DeadlineKind.DATE, DeadlineKind.WINDOW, DeadlineKind.ALL_YEAR)


def read_node(
    draft: Draft, loc: Loc, node: str, decisions: list[dict[str, str]]
) -> dict[str, Any] | None:
    """The deadline record `node` reads as, or None with a decision left to fill."""
    document = draft.reading_document()
    term = Layout(draft.layout).terms.time_node  # 时间节点, or an item's 完成时限
    try:
        deadline = parse_time_node(node, document.year, document.issued)
    except TimeNodeError:
        decisions.append({"field": "time_node", "value": "", "reason": "待填写"})
        draft.point(
            "tasks.yaml",
            (*loc, "time_node"),
            f"{term}“{node}”无法读取,原文照录;请在 decisions 中填写其读法和理由",
        )
        draft.point("tasks.yaml", (*loc, "deadline"), "按 time_node 的决定填写")
        return None
    if "工作日" in node or (
        deadline.kind is DeadlineKind.RELATIVE and not draft.document["issued"]
    ):
        # Working days need the holiday calendar, and 印发后 the issue date: let validation
        # read it. A node counted from another event is dated per unit, from progress.
        counted = (
            "截止日由校验按成文日期推算"
            if deadline.event in (None, "印发")
            else f"自“{deadline.event}”之日起算,"
            "该日按单位记入进展文件(gongkai progress set --event)"
        )
        draft.point("tasks.yaml", (*loc, "deadline"), f"相对期限“{node}”:{counted},请核对", False)
        return {"kind": deadline.kind}
    record: dict[str, Any] = {} if deadline.kind in _PLAIN_KINDS else {"kind": deadline.kind}
    record["due"] = deadline.due
    if deadline.window_start:
        record["window_start"] = deadline.window_start
    if deadline.all_year:
        record["all_year"] = True
    return record


def _units(draft: Draft, units: DraftUnits) -> None:
    draft.units = units.entries()
    index_of = {entry["name"]: i for i, entry in enumerate(draft.units)}
    for new in units.new.values():
        rows = "、".join(str(seq) for seq in new.rows[:10])
        if new.kind is UnitKind.COLLECTIVE:
            what = "按名称推测为集合,成员未列明(resolved: false)"
        else:
            what = f"类型按名称推测为 {new.kind},全称待填"
        hint = (
            f";是否指{'或'.join(new.suggestions)}?若是,请把它列为该单位的别名"
            if new.suggestions
            else ""
        )
        draft.point(
            "units.yaml",
            ("units", index_of[new.name], "name"),
            f"登记表中没有“{new.name}”(第{rows}项):{what}{hint}",
        )
