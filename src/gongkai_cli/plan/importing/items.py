"""Numbered items with an inline 责任单位, the layout of plans without an annex table.

Every form plans write, each item's bracket after its measure:

    1.持续优化政策文件库。……（责任单位：市政府办公厅、各区政府）
    3.做好……公开。（责任单位：区政务服务办，完成时限：6月底前）
    3.做好……公开。[責任單位：區府辦]                       (square brackets, 繁体)
    (一)……数据共享。（市政府办公厅、各有关单位、各区政府）围绕……。（市政府外办、各区政府）
    (一)……规划信息。（市规划国土委负责落实）推进……。（市教委、市卫生健康委分别负责落实）
    4.……（区发改委负责落实，完成时限：2023年10月）
    5.……（各部门按职责分工负责）

A bracket is a task's when it is labelled (责任单位：, 牵头单位：, 责任部门： …) or,
bare, when it stands between sentences and every name in it reads as a unit
(ends in 局, 委, 办, 政府, 单位, 部门 …, after a role word such as 负责落实). Several
brackets in one paragraph make one task per measure: the text from the previous
bracket (or the paragraph's number) to this one. Text after the last bracket is a
measure of its own, with no units (the draft asks who owes it).

The bracket's fields are split here: a 完成时限 (or 时间节点, 时限要求, 完成时间) label,
or a last clause that is itself a time node (2023年底前完成), is the time node; the
rest is the 责任单位, handed verbatim to the 责任单位 reader (plan/assignments.py),
which reads role words and labelled lists (牵头单位：…，配合单位：…). A lone
责任单位： label is the bracket's syntax and is left out of the 责任单位.

A plan whose body has no such bracket at all lists its tasks as numbered items
(1. …), or, with none, as numbered paragraphs ((一)…): those are its tasks, with
no units (the draft decides who owes them: see draft.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from gongkai_cli.plan.importing.notice import ITEM_MARKER, PARAGRAPH_MARKER, Block
from gongkai_cli.plan.spelling import simplified
from gongkai_cli.plan.timenodes import readable

_OPENERS = "（(【[［〔"
_ALL_OPEN = "（(【[［〔"
_ALL_CLOSE = "）)】]］〕"
_UNIT_LABELS = (
    "责任单位",
    "责任部门",
    "责任科室",
    "责任处室",
    "落实单位",
    "承办单位",
    "牵头单位",
    "牵头部门",
    "配合单位",
    "配合部门",
    "协办单位",
)
# A label that only says "the units are": the bracket's syntax, not a role.
_PLAIN_LABEL = re.compile(
    r"^\s*(?:责任单位|责任部门|责任科室|责任处室|落实单位|承办单位)\s*[:：]\s*"
)
_LABEL = re.compile(r"(?:" + "|".join(_UNIT_LABELS) + r")\s*[:：]")
_TIME_LABEL = re.compile(
    r"[,，;；。]?\s*(?:完成时限|时间节点|时限要求|完成时间|办结时限|时限)\s*[:：]\s*"
)
_CLAUSE = re.compile(r"[,，;；]")
_SENTENCE_END = "。；;！？!?"
# A role phrase at the end of a unit list (the reader gives it its meaning).
_ROLE_TAIL = re.compile(
    r"(?:分别|共同|按职责分工|按职责|按职能分工|按职能|根据职责|各自)?"
    r"(?:牵头负责|负责落实|牵头落实|组织落实|抓好落实|牵头|负责|落实|配合|参与|协助|会同)$"
)
_UNIT_END = re.compile(
    r"(?:政府|办公厅|办公室|府办|局|委|办|厅|署|中心|单位|部门|机构|街镇|街道|镇|乡|园区|管委会"
    r"|委员会|公司|集团|院|所|站|队|处|科|室|会|社|馆|校|台|团|部|各区|试点区|各县|事处)$"
)
# 由 before a bare bracket's units: （由市发展和改革局负责，市属各部门配合）
_BY = re.compile(r"^\s*由")
# A closing sentence that names the units: 此项工作由省府办公厅负责，省监察厅配合。
_UNITS_SENTENCE = re.compile(r"(?:此项|该项|本项)(?:工作|任务)由(?P<units>[^。]+?)。?$")
_GROUPS = re.compile(r"[（(〔\[［【][^（(〔\[［【）)〕\]］】]*[）)〕\]］】]")


class Form(StrEnum):
    """How an item writes its units."""

    LABELLED = "labelled"  # （责任单位：…）, [牵头单位：…]
    BARE = "bare"  # （市政府办公厅、各区政府）, （市教委负责落实）, （由市法制局负责）
    SENTENCE = "sentence"  # 此项工作由省府办公厅负责，省监察厅配合。
    NONE = "none"  # no bracket: a plan without units, or a measure left without one


@dataclass(frozen=True, slots=True)
class Item:
    """One task of the body, its parts verbatim."""

    line: str
    """The whole paragraph, as in the source."""
    number: str | None
    """The item's own number as written (3), if it has one."""
    content: str
    responsible: str
    time_node: str
    form: Form = Form.LABELLED
    section: str = ""
    """The id of the numbered paragraph the item is, or sits under; "" if none."""
    cut: str | None = None
    """When the source ends inside the item's bracket (a page's opening): the cut-off end
    of the units ("" when the source ends right after the label), left out of `responsible`."""
    block: int = -1
    """The index of the body block it comes from."""


@dataclass(frozen=True, slots=True)
class _Bracket:
    open: int
    close: int  # index of the closing bracket; len(text) when the text ends inside it
    form: Form


def unit_like(text: str) -> bool:
    """Whether every name of a bare bracket's text reads as a unit (its role words aside)."""
    plain = _BY.sub("", _GROUPS.sub("", simplified(text)))
    names = [part.strip() for part in re.split(r"[、,，;；]", plain)]
    seen = False
    for name in names:
        name = _ROLE_TAIL.sub("", name).strip()
        if not name:
            continue
        if len(name) > 40 or not _UNIT_END.search(name):
            return False
        seen = True
    return seen


def _brackets(plain: str, start: int) -> list[_Bracket]:
    """The task brackets of a paragraph's simplified text, from `start` on."""
    found: list[_Bracket] = []
    i = start
    while i < len(plain):
        if plain[i] not in _OPENERS:
            i += 1
            continue
        depth, j = 0, i
        while j < len(plain):
            if plain[j] in _ALL_OPEN:
                depth += 1
            elif plain[j] in _ALL_CLOSE:
                depth -= 1
                if depth == 0:
                    break
            j += 1
        inner = plain[i + 1 : j]
        form = _form(plain, i, j, inner)
        if form is not None:
            found.append(_Bracket(i, j, form))
        i = j + 1
    return found


def _form(plain: str, i: int, j: int, inner: str) -> Form | None:
    if _LABEL.match(inner.strip()) or _TIME_LABEL.match(inner.strip()):
        return Form.LABELLED
    if plain[i] == "〔":
        return None  # 〔2022〕 of a 文号; only a labelled 〔责任单位：…〕 is a task's
    before = plain[:i].rstrip()
    after = plain[j + 1 :].lstrip()
    between = not before or before[-1] in _SENTENCE_END or not after or after[0] in _SENTENCE_END
    if not between:
        return None
    units = inner[: _split_fields(inner)[0]]
    if j >= len(plain):  # cut inside: the names before the last (cut) one must read as units
        units = re.split(r"[、,，;；](?=[^、,，;；]*$)", units)[0]
    return Form.BARE if unit_like(units) else None


def _split_fields(inner: str) -> tuple[int, int]:
    """Where a bracket's units end and its time node starts, in its simplified text
    (the time node starts at the end when there is none)."""
    if match := _TIME_LABEL.search(inner):
        return match.start(), match.end()
    clauses = list(_CLAUSE.finditer(inner))
    if clauses:
        last = clauses[-1]
        if (tail := inner[last.end() :].strip()) and readable(tail):
            return last.start(), last.end()
    return len(inner), len(inner)


def _measures(block: Block, index: int) -> list[Item]:
    """The tasks of one paragraph: one per bracket, and the text after the last one."""
    text = block.text
    plain = simplified(text)
    number = None
    start = 0
    if marker := ITEM_MARKER.match(plain):
        number, start = marker[1] or marker[2], marker.end()
    elif (marker := PARAGRAPH_MARKER.match(plain)) is not None:
        start = marker.end()
    # In a paragraph with no number, a bare bracket is a task's only where it ends the
    # paragraph (…方便群众知情办事。（由市监察局负责）).
    brackets = [
        b
        for b in _brackets(plain, start)
        if b.form is Form.LABELLED
        or block.kind != "plain"
        or not plain[b.close + 1 :].strip(" 。；;")
    ]
    section = block.pid if block.kind == "paragraph" else block.section
    items: list[Item] = []
    pos = start
    for bracket in brackets:
        inner_start = bracket.open + 1
        inner = plain[inner_start : bracket.close]
        units_end, time_at = _split_fields(inner)
        units_at = 0
        if (label := _PLAIN_LABEL.match(inner)) and not _LABEL.search(inner, label.end()):
            units_at = min(label.end(), units_end)
        elif bracket.form is Form.BARE and (by := _BY.match(inner)):
            units_at = by.end()
        units_at, units_end = units_at + inner_start, units_end + inner_start
        time_at += inner_start
        cut = None
        if bracket.close >= len(plain):
            # The source ends inside the bracket. A clause's role comes at its end (…牵头，
            # X、Y配合): a clause cut before it is left out whole, unless a label gave its
            # role (责任单位：区发展改革委、区): then only its cut last name is.
            clause = max(plain.rfind(sep, units_at, units_end) for sep in "，,；;")
            labelled = _LABEL.search(plain, max(clause, units_at - 1) + 1, units_end)
            seps = "、，,；;" if labelled or units_at > inner_start else "，,；;"
            last = max(plain.rfind(sep, units_at, units_end) for sep in seps)
            keep = last if last >= 0 else units_at
            cut = text[keep:units_end].lstrip("、，,；; ")
            units_end = keep
        items.append(
            Item(
                line=text,
                number=number if not items else None,
                content=text[pos : bracket.open].strip(),
                responsible=text[units_at:units_end].strip().rstrip("，,；;。"),
                time_node=text[time_at : bracket.close].strip().rstrip("。；;"),
                form=bracket.form,
                section=section,
                cut=cut,
                block=index,
            )
        )
        pos = bracket.close + 1
        while pos < len(text) and plain[pos] in _SENTENCE_END + "，, ":
            pos += 1
    if not brackets and block.kind != "plain" and (sentence := _units_sentence(plain, start)):
        at, end = sentence
        items.append(
            Item(
                line=text,
                number=number,
                content=text[start:at].strip(),
                responsible=text[plain.index("由", at) + 1 : end],
                time_node="",
                form=Form.SENTENCE,
                section=section,
                block=index,
            )
        )
        return items
    if tail := text[pos:].strip():
        items.append(
            Item(
                line=text,
                number=number if not items else None,
                content=tail,
                responsible="",
                time_node="",
                form=Form.NONE,
                section=section,
                block=index,
            )
        )
    return items


def _units_sentence(plain: str, start: int) -> tuple[int, int] | None:
    """Where the paragraph's closing sentence naming its units starts, and where its units
    end (before the closing 。): 此项工作由省府办公厅负责，省监察厅配合。"""
    body = plain.rstrip()
    last = body.rstrip("。")
    at = max(last.rfind("。"), start - 1) + 1
    match = _UNITS_SENTENCE.fullmatch(body, at)
    if match is None or not unit_like(match["units"]):
        return None
    return at, match.end("units")


def _is_measure(block: Block) -> bool:
    """Whether a numbered block without a bracket is a task, not a heading: an item
    (1. …) always is; a numbered paragraph ((一)…) is when it holds a sentence."""
    return block.kind == "item" or (block.kind == "paragraph" and "。" in simplified(block.text))


def find_items(blocks: list[Block], *, unnumbered: bool = True) -> list[Item]:
    """Every task among the body's blocks, in order.

    With a task bracket anywhere, the tasks are the measures of the blocks that have
    one, and the numbered blocks of the same kind that have none (a measure whose
    units the source leaves out, or cuts off). Without any, and when `unnumbered`
    (the source has no task table), the numbered items are the tasks, or failing
    them the numbered paragraphs, or when those are only headings, the paragraphs
    under them: a plan that writes no units.
    """
    measured: dict[int, list[Item]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "chapter":
            continue
        items = _measures(block, index)
        if any(item.form is not Form.NONE for item in items):
            measured[index] = items
    if measured:
        kinds = {blocks[index].kind for index in measured} - {"plain"}
        out: list[Item] = []
        for index, block in enumerate(blocks):
            if index in measured:
                out += measured[index]
            elif block.kind in kinds and _is_measure(block):
                out += _measures(block, index)
        return out
    if not unnumbered:
        return []
    kind = "item" if any(block.kind == "item" for block in blocks) else "paragraph"
    found = [
        item
        for index, block in enumerate(blocks)
        if block.kind == kind and _is_measure(block)
        for item in _measures(block, index)
    ]
    if found or kind == "item":
        return found
    # Numbered headings ((一)进一步推进权力清单公开) each over its paragraphs: the paragraphs
    # under a heading are the measures.
    headings = {block.pid for block in blocks if block.kind == "paragraph"}
    return [
        item
        for index, block in enumerate(blocks)
        if block.kind == "plain" and block.section in headings
        for item in _measures(block, index)
    ]
