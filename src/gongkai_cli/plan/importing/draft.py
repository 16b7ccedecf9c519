"""From a source's table to a draft plan: tasks, units, decisions and review points.

Nothing is invented. A cell goes into the draft verbatim. Where the source is
silent the draft says so:
- an empty cell of a merged group takes its value from the row above (or, for a
  name, from the row below when the body says the row belongs there), and a
  decision records it, as the 2021 data records rows 6 and 39;
- a time node gongkai cannot read stays verbatim, with a decision left to fill;
- a unit the registry does not know gets an entry marked for review.
Each such point is a `DraftPoint` (once the file is written, placed at its line: a
`ReviewPoint`); `decide` ones must be settled before the plan validates, the others
are guesses worth a look.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai_cli.i18n import N_, _
from gongkai_cli.model.deadline import DeadlineKind
from gongkai_cli.model.plan import Layout, Level, UnitKind
from gongkai_cli.plan.assignments import STANDING_FIELD, read_responsible
from gongkai_cli.plan.importing.notice import Notice
from gongkai_cli.plan.importing.source import SourceDocument
from gongkai_cli.plan.importing.units import DraftUnits, NewUnit
from gongkai_cli.plan.kinds import kind_words, rule_words
from gongkai_cli.plan.place import Place, place_of, read_place
from gongkai_cli.plan.registries import shanghai_district, shipped_units
from gongkai_cli.plan.timenodes import TimeNodeError, parse_time_node
from gongkai_cli.plan.units import UnitDirectory

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class DraftPoint:
    """A point of the draft a person should look at, at a field of one of its files
    (by its path: the line is known once the file is written)."""

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
    default_time_node: str | None = None
    """--default-time-node: the time node of every item that writes no 完成时限 (an annual
    plan's undated items read as due at the year's end with 全年)."""
    place: str | None = None
    """The plan's place (--place 上海市普陀区), overriding what the notice gives."""
    level: Level | None = None
    """The plan's level (--level district), overriding what the place's name gives."""


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
    review: list[DraftPoint] = field(default_factory=list)
    comments: dict[tuple[str, Loc], str] = field(default_factory=dict)
    place: Place | None = None
    """The plan's place and level (plan/place.py), read by `_document`."""

    def reading_document(self) -> ReadingDocument | None:
        """The year and issue date time nodes are read against; None when the year is
        unknown (a point asks for it: no node is read for a year the plan does not name)."""
        year = self.document.get("year")
        return ReadingDocument(year, self.document.get("issued")) if year else None

    def point(self, file: str, loc: Loc, message: str, decide: bool = True) -> None:
        """Add a review point, and a comment at the field in the written file.

        `message` is in the language of the run (made with `_()`): the person who reads
        the review on the terminal reads the draft's comments too. The mark before it is
        the file's own keyword, 待决定 or 待核对 whatever the language, as the file's
        header explains (and the import's summary line names)."""
        self.review.append(DraftPoint(file, loc, message, decide))
        key = (file, loc)
        mark = "待决定" if decide else "待核对"
        previous = self.comments.get(key)
        said = f"{mark}: {message}"
        self.comments[key] = _("; ").join((previous, said)) if previous else said


# A year in a title, not one end of a span (五年行动计划(2021—2025年)).
_TITLE_YEAR = re.compile(r"(?<![\d—–\-~～至到])(\d{4})\s*年(?!\s*[—–\-~～至到]\s*\d)")
_NUMBER_YEAR = re.compile(r"[〔\[［（(](\d{4})[〕\]］）)]")


def title_year(title: str) -> int | None:
    """The one year a title names (2025年奉贤区政务公开工作要点), or None."""
    years = {int(match[1]) for match in _TITLE_YEAR.finditer(title)}
    return years.pop() if len(years) == 1 else None


def _year_of(
    facts: DocumentFacts, title: str | None, number: str | None, issued: dt.date | None
) -> tuple[int | None, str | None]:
    """The year the time nodes are read for, and why when the title does not say it.

    The title names the plan's year; failing that the 文号's year, then the issue
    date's; never the current year (a plan read for the wrong year gives wrong days).
    """
    if facts.year:
        return facts.year, None
    if title and (year := title_year(title)):
        return year, None
    if number and (match := _NUMBER_YEAR.search(number)):
        return int(match[1]), f"标题未写年度，按文号“{number}”的年份读取时间节点。"
    if issued:
        day = issued.isoformat()
        return issued.year, f"标题和文号均未写年度，按成文日期 {day} 的年份读取时间节点。"
    return None, None


def _document(source: SourceDocument, facts: DocumentFacts, draft: Draft) -> None:
    """Fill the draft's document from the notice and the command line, with its points."""
    notice = source.notice
    title = facts.title or notice.title
    number = facts.number or notice.number
    issued = facts.issued or notice.issued
    year, year_reason = _year_of(facts, title, number, issued)
    draft.document = {
        "number": number or "",
        "title": title or "",
        "issuer": notice.issuer or "",
        "issued": issued,
        "year": year,
        "addressees": notice.addressees or "",
        "source": f"source/{source.path.name}",
        "chapters": [{"id": cid, "heading": heading} for cid, heading in source.body.chapters],
        "paragraphs": [{"id": pid, "text": text} for pid, text in source.body.paragraphs],
        "decisions": [],
    }
    if year_reason:
        # The reason is the plan's data (Chinese); the point says it in the run's language.
        said = (
            _(
                "the title names no year; time nodes are read in the year of the document "
                "number “{number}”."
            ).format(number=number)
            if year_reason.startswith("标题未写年度")
            else _(
                "neither the title nor the document number names the year; time nodes are "
                "read in the year of the issue date {day}."
            ).format(day=issued.isoformat() if issued else "")
        )
        _document_decision(draft, "year", str(year), year_reason, said)
    _page_decisions(draft, notice, _table_traditional(source))
    if year is None:
        draft.point(
            "tasks.yaml",
            ("document", "year"),
            _(
                "neither the title, the document number nor the issue date names the year, "
                "so no time node can be read: import again with --year (e.g. --year 2025)"
            ),
        )
    missing = {
        "number": (
            _("the notice names no document number; fill it in (or import with {option})"),
            "--number",
        ),
        "title": (_("the notice names no title; fill it in (or import with {option})"), "--title"),
        "issued": (
            _("the notice names no issue date; fill it in (or import with {option})"),
            "--issued",
        ),
    }
    # Only the year changes answers (every date is read in it); a missing 文号, title,
    # issuer or addressee changes none, and a missing issue date only a node counted
    # from issue (asked then, in `issue_needed`).
    for key, (said, option) in missing.items():
        if not draft.document[key]:
            draft.point("tasks.yaml", ("document", key), said.format(option=option), decide=False)
    for key, said in (
        ("issuer", _("the notice names no issuer; fill it in")),
        ("addressees", _("the notice names no addressees; fill them in")),
    ):
        if not draft.document[key]:
            draft.point("tasks.yaml", ("document", key), said, False)
    _place(draft, facts, source.text)


_DEPARTMENT_PLAN = re.compile(
    r"责任科室|负责处室|负责科室|牵头科室|落实科室|各科室|各处室|各職能科|各科室|局內|局内"
)


def _place(draft: Draft, facts: DocumentFacts, text: str = "") -> None:
    """The plan's place and level: --place/--level, else the issuer, title or 文号; with
    none of them, a department's own plan when its units are 科室 (责任科室, 各科室), else
    no place, at the level its units' prefixes give; each with a point saying so."""
    document = draft.document
    if facts.place:
        place = read_place(facts.place)
        if place is None and facts.level is not None:
            place = Place(facts.place.strip(), facts.level, "--place")
        if place is None:
            from gongkai_cli.errors import UsageError, shown

            raise UsageError(
                _(
                    "--place {place}: its level cannot be read from the name; give --level "
                    "too (province, city, district, street or department)"
                ).format(place=shown(facts.place))
            )
    else:
        place = place_of(document["issuer"], document["title"], document["number"])
    if place is not None and facts.level is not None:
        place = place._replace(level=facts.level, source=f"{place.source}、--level")
    draft.place = place
    loc = ("document", "place")
    if place is None and facts.level in (None, Level.DEPARTMENT) and _DEPARTMENT_PLAN.search(text):
        # A table of 科室 is a department's own plan, whichever department it is.
        place = Place("", Level.DEPARTMENT, "")
        draft.place = place
        document["place"], document["level"] = "", place.level
        draft.point(
            "tasks.yaml",
            loc,
            _(
                "the plan's place cannot be read; its units are offices of a department "
                "(责任科室, 各科室), so it is read as a department's own plan (level: "
                "department): write which department (place, or import with --place)"
            ),
            decide=False,
        )
        return
    if place is None:
        # Whose plan this is nobody says: no place's registry serves it (Shanghai's units
        # are not Beijing's), and its units are read at the level their names give.
        level, why = _level_of_names(text)
        place = Place("", facts.level or level, "")
        draft.place = place
        document["place"], document["level"] = "", place.level
        how = _("as --level says") if facts.level else why
        draft.point(
            "tasks.yaml",
            loc,
            _(
                "the plan's place cannot be read from the issuer, the title or the document "
                "number, so no place's registry of units is used; units are read by their "
                "names and the plan at {level} ({how}). Import again with --place naming "
                "the place (e.g. --place 上海市普陀区)"
            ).format(level=level_words(place.level), how=how),
            decide=False,
        )
        return
    document["place"], document["level"] = place.name, place.level
    if place.source not in ("--place", "发文机关"):  # the issuer says it plainly
        draft.point(
            "tasks.yaml",
            loc,
            _(
                "the plan's place is read as “{place}” ({level}, from {source}); its units "
                "are read at that level"
            ).format(
                place=place.name, level=level_words(place.level), source=source_words(place.source)
            ),
            decide=False,
        )


_LEVEL_WORDS = {
    Level.PROVINCE: N_("province level"),
    Level.CITY: N_("city level"),
    Level.DISTRICT: N_("district or county level"),
    Level.STREET: N_("street or town level"),
    Level.DEPARTMENT: N_("a department"),
}
_SOURCE_WORDS = {
    "发文机关": N_("the issuer"),
    "标题": N_("the title"),
    "文号": N_("the document number"),
}


def fill_as_decided() -> str:
    """The point at a deadline that waits for its time node's decision."""
    return _("fill in as the time_node decision says")


def listed(words: Sequence[object]) -> str:
    """Item numbers or words in a list: 3、5 (in English 3, 5)."""
    said = str(words[0])
    for word in words[1:]:
        said = _("{said}, {word}").format(said=said, word=word)
    return said


def level_words(level: Level) -> str:
    """The level as people call it, in the language of the run (市级, city level)."""
    return _(_LEVEL_WORDS[level])


def source_words(source: str) -> str:
    """Where a place was read (标题、--level), in the language of the run."""
    words = [_(_SOURCE_WORDS.get(part, part)) for part in source.split("、")]
    said = words[0]
    for word in words[1:]:
        said = _("{said}, {word}").format(said=said, word=word)
    return said


# A unit's name as a cell or a bracket starts it, with its level prefix: 区民政局, 市教委.
_PREFIXED = re.compile(
    r"(?:^|(?<=[、，,；;：:（(\s\t|]))(?P<prefix>[省市区县])(?!级|委书记)"
    r"[\u4e00-\u9fff]{0,12}?(?:局|委|办|厅|政府|办公室)(?=[、，,；;。）)\s|]|牵头|负责|配合|落实|$)",
    re.M,
)
_PREFIX_LEVEL = {"省": Level.PROVINCE, "市": Level.CITY, "区": Level.DISTRICT, "县": Level.DISTRICT}


def _level_of_names(text: str) -> tuple[Level, str]:
    """The level most of the units a source names say by their prefix (区民政局, 区府办:
    a district's plan), and why; city when none says."""
    counts: dict[str, int] = {}
    for match in _PREFIXED.finditer(text):
        counts[match["prefix"]] = counts.get(match["prefix"], 0) + 1
    if not counts:
        return Level.CITY, _("no unit named has a level prefix: city level")
    prefix = max(counts, key=lambda p: (counts[p], p in "区县"))
    return _PREFIX_LEVEL[prefix], _("most units named start with “{prefix}”").format(prefix=prefix)


def _document_decision(
    draft: Draft, field: str, value: str, reason: str, said: str | None = None
) -> None:
    """A decision about the whole document, shown for review where it is written: its
    reason (the plan's data, Chinese) in the YAML, and `said`, the point in the run's
    language, on the review (the reason itself where no message says it yet)."""
    decisions = draft.document["decisions"]
    decisions.append({"field": field, "value": value, "reason": reason})
    where = ("document", "decisions", len(decisions) - 1)
    draft.point("tasks.yaml", where, said or reason, decide=False)


def _table_traditional(source: SourceDocument) -> bool:
    """Whether the source's task table is written in traditional characters (a table
    with no notice above it, 工作任務 | 具體要求: the notice cannot say so)."""
    from gongkai_cli.plan.spelling import is_traditional

    table = source.table
    if table is None:
        return False
    cells = [words for words, _ in table.header]
    cells += [cell.text for row in table.rows for cell in row.cells.values()]
    return is_traditional("\n".join(cells))  # one conversion for the whole table


def _page_decisions(draft: Draft, notice: Notice, table_traditional: bool = False) -> None:
    """The decisions on how the page was read: the lines of the web page left out, and
    traditional characters matched as simplified ones (in the notice or in the table)."""
    # Each reason is the plan's data (Chinese); its point says it in the run's language.
    if notice.dropped or notice.mirror_indents:
        quoted = [f"“{line}”" for line in notice.dropped]
        reason = (
            f"以下 {len(notice.dropped)} 行是网页上的文字（导航、信息栏、按钮），不是文件的一部分，"
            f"未收入通知与正文：{'；'.join(quoted)}。"
            if notice.dropped
            else ""
        )
        said = (
            _(
                "these {count} lines are the web page's text (navigation, information bar, "
                "buttons), not the document's, and are left out of the notice and the body: "
                "{lines}."
            ).format(count=len(notice.dropped), lines=_("; ").join(quoted))
            if notice.dropped
            else ""
        )
        if notice.mirror_indents:
            reason += (
                f"{'另有 ' if reason else ''}{notice.mirror_indents} 行行首的“??”"
                "是转存网页时全角空格的替代符号，按缩进处理。"
            )
            said += (
                _(
                    " Also, the “??” at the start of {count} lines stands for a full-width "
                    "space in the saved page, and is read as an indent."
                )
                if said
                else _(
                    "the “??” at the start of {count} lines stands for a full-width space in "
                    "the saved page, and is read as an indent."
                )
            ).format(count=notice.mirror_indents)
        _document_decision(draft, "text", "略去网页上的非正文文字", reason, said)
    if notice.traditional:
        _document_decision(
            draft,
            "text",
            "繁体字按简体识别（OpenCC t2s）",
            "源文件用繁体字书写。导入时用 OpenCC 的 t2s 转换逐字对照简体来识别通知（标题、文号、"
            "发文机关）、条目和括注；各字段照录原文（单位名称也照录繁体，其简体写法列为别名，"
            "按简体输入也能查到），按简体读出的完成时限记在该项的 decisions 中。",
            _(
                "the source is written in traditional characters. The import matched them "
                "character by character as simplified ones (OpenCC t2s) to read the notice "
                "(title, document number, issuer), the items and their brackets; every field "
                "is the source's text (a unit's name too, in traditional characters, with its "
                "simplified spelling as an alias, found when typed in simplified), and a time "
                "limit read in simplified is recorded in its item's decisions."
            ),
        )
    elif table_traditional:
        _document_decision(
            draft,
            "text",
            "繁体字按简体识别（OpenCC t2s）",
            "源文件的任务表用繁体字书写。导入时用 OpenCC 的 t2s 转换逐字对照简体来识别表头、"
            "责任单位和时限；各单元格照录原文（单位名称也照录繁体，其简体写法列为别名，"
            "按简体输入也能查到）。",
            _(
                "the source's task table is written in traditional characters. The import "
                "matched them character by character as simplified ones (OpenCC t2s) to read "
                "the header, the responsible units and the time limits; every cell is the "
                "source's text (a unit's name too, in traditional characters, with its "
                "simplified spelling as an alias, found when typed in simplified)."
            ),
        )


def issue_needed(draft: Draft) -> None:
    """A node counted from issue (印发后30日内, 1个月内) needs the issue date the source lacks."""
    if draft.document["issued"]:
        return
    counted = [
        task["seq"]
        for task in draft.tasks
        if isinstance(task.get("deadline"), dict)
        and task["deadline"].get("kind") is DeadlineKind.RELATIVE
        and _from_issue(task.get("time_node") or "")
    ]
    if counted:
        draft.point(
            "tasks.yaml",
            ("document", "issued"),
            _(
                "items {items} count from the day of issue and need the issue date (import "
                "with --issued)"
            ).format(items=listed(counted)),
        )


# The words of a layout's terms (model/plan.py Terms) in the language of the run.
_TERM_WORDS = {
    "时间节点": N_("time node"),
    "完成时限": N_("completion time limit"),
    "任务内容": N_("task content"),
    "条目内容": N_("item text"),
}
# How a row with no time node of its own took one (annex.py _taken).
_TAKEN_HOW = {"上一行（合并单元格）": N_("the row above (a merged cell)")}


def propose_deadlines(
    draft: Draft, loc: Loc, content: str, taken: tuple[str, str] | None = None
) -> None:
    """Deadlines written inside a task's sentence (年底前完成, 8月1日前), when the task has no
    time node of its own: each proposed in one 待核对 point, none applied (issue 18 item
    10: a proposal that set the due day before a person confirms it would be applied).
    `taken`: (the node the draft took instead, and from what: --time-node, 上一行 …)."""
    from gongkai_cli.plan.spelling import simplified
    from gongkai_cli.plan.timenodes import deadlines_in

    plain = simplified(content)
    found = [(content[start:end], plain[start:end]) for start, end in deadlines_in(plain)]
    if not found:
        return
    terms = Layout(draft.layout).terms
    time_node, content_word = _(_TERM_WORDS[terms.time_node]), _(_TERM_WORDS[terms.content])
    quotes = _(", ").join(
        _("“{clause}” (“{value}”)").format(clause=clause_of(content, quote), value=value)
        for quote, value in found
    )
    said = _(
        "the source writes no {time_node} for this task; its {content} names a deadline: {quotes}; "
    ).format(time_node=time_node, content=content_word, quotes=quotes)
    if taken is not None:
        node, how = taken
        said += _(
            "the draft takes “{node}” by {how}. If the sentence's deadline is the one, change "
            "the value of time_node in this task's decisions to it and write why"
        ).format(node=node, how=_(_TAKEN_HOW.get(how, how)))
    else:
        value = found[0][1] if len(found) == 1 else _("one of them")
        said += _(
            "the draft does not take it as this task's {time_node}. If it is, record "
            "{{field: time_node, value: {value}, reason: why}} in this task's decisions"
        ).format(time_node=time_node, value=value)
    draft.point("tasks.yaml", (*loc, "content"), said, decide=False)


def clause_of(text: str, quote: str) -> str:
    """The clause of `text` that holds `quote`: from the punctuation before it to the next."""
    at = text.find(quote)
    start = max(text.rfind(mark, 0, at) for mark in "。；;，,：:") + 1
    ends = [i for mark in "。；;，," if (i := text.find(mark, at + len(quote))) >= 0]
    return text[start : min(ends, default=len(text))]


def _from_issue(node: str) -> bool:
    try:
        return parse_time_node(node, 2000).event == "印发"
    except TimeNodeError:
        return False


def draft_units(draft: Draft, registry: UnitDirectory | None = None) -> DraftUnits:
    """The units of `draft`, found in the registries of its place (plan/registries.py), or
    in `registry` when one is given; call after the document (and its place) is read."""
    if registry is None:
        registry = UnitDirectory(shipped_units(draft.place))
    district = shanghai_district(draft.place)
    return DraftUnits(registry, draft.place, draft.document.get("issuer") or "", district)


def assign(
    draft: Draft,
    units: DraftUnits,
    task: dict[str, Any],
    loc: Loc,
    decisions: list[dict[str, str]],
    column: str | None = None,
) -> None:
    """Read task's 责任单位 (`task["responsible"]`) into its assignments, add its units to
    `units`, and record what the reading decided (plan/assignments.py): an expanded
    prefix and a note as decisions, a problem as a review point, a standing rule as a
    document decision applied to every task. `column`: the unit column's header."""
    seq = task["seq"]
    reading = read_responsible(task["responsible"], column)
    if reading.standing:
        _standing(draft, task["responsible"], reading.units)
    pairs = list(reading.pairs)
    for standing in draft.document["decisions"]:
        if standing["field"] == STANDING_FIELD:
            named = {unit for unit, _ in pairs}
            for unit, role in read_responsible(standing["value"]).pairs:
                if unit not in named:
                    pairs.append((unit, role))
                    units.add(unit, seq)
    task["assignments"] = [{"unit": unit, "role": role} for unit, role in pairs]
    for unit, _role in reading.pairs:
        units.add(unit, seq, open_hint=unit in reading.open, shared=unit in reading.shared_each)
    if reading.expanded:
        value = "、".join(f"{written}→{expanded}" for written, expanded in reading.expanded)
        reason = "责任单位中的单位省略了与前一单位相同的层级前缀，按前缀补全。"
        decisions.append({"field": "assignments", "value": value, "reason": reason})
        # The reason is the plan's data (Chinese); the point says it in the run's language.
        said = _(
            "{value}: a unit of the responsible units leaves out the level prefix it shares "
            "with the unit before it; the prefix is written out."
        ).format(value=value)
        draft.point("tasks.yaml", (*loc, "assignments"), said, decide=False)
    for note in reading.notes if not reading.standing else ():
        reason = "责任单位中的说明文字，不是单位。"
        decisions.append({"field": "responsible", "value": note, "reason": reason})
    if ("tasks.yaml", (*loc, "responsible")) in draft.comments:
        return  # the cell already has its point (an empty cell the table reader named)
    for problem in reading.problems:
        draft.point("tasks.yaml", (*loc, "responsible"), problem, decide=not pairs)


def _standing(draft: Draft, cell: str, units: list[str]) -> None:
    """Record a standing rule once, as a document decision every task reads."""
    value = "、".join(units)
    decisions = draft.document["decisions"]
    if any(d["field"] == STANDING_FIELD and d["value"] == value for d in decisions):
        return
    reason = f"要点写明“{cell}”：这些单位是每一项任务的责任单位，各项不再列出。"
    decisions.append({"field": STANDING_FIELD, "value": value, "reason": reason})
    draft.point(
        "tasks.yaml",
        ("document", "decisions"),
        _("standing rule: {units} are responsible for every task").format(units=value),
        decide=False,
    )


def find_standing(draft: Draft, text: str) -> None:
    """A standing rule written in the source's text (not in a task's cell): a document
    decision, so every task gets its units. Call before the tasks are read."""
    for sentence in re.split(r"[。\n]", text):
        if "责任单位" not in sentence:
            continue
        reading = read_responsible(sentence)
        if reading.standing and reading.pairs:
            _standing(draft, sentence.strip(), reading.units)


# The kinds the 2021 data writes as {due, window_start, all_year}; the others add their kind.
_PLAIN_KINDS = (DeadlineKind.DATE, DeadlineKind.WINDOW, DeadlineKind.ALL_YEAR)


def read_node(
    draft: Draft, loc: Loc, node: str, decisions: list[dict[str, str]]
) -> dict[str, Any] | None:
    """The deadline record `node` reads as, or None with a decision left to fill (or
    when the plan's year is unknown: then nothing is read, and the year is asked for)."""
    document = draft.reading_document()
    if document is None:
        return None
    unreadable = (
        _(
            "the time node “{node}” cannot be read and is copied as written; fill in its "
            "reading and the reason in decisions"
        )
        if Layout(draft.layout) is Layout.ANNEX_TABLE
        else _(
            "the completion deadline “{node}” cannot be read and is copied as written; fill "
            "in its reading and the reason in decisions"
        )
    )
    try:
        deadline = parse_time_node(node, document.year, document.issued)
    except TimeNodeError:
        decisions.append({"field": "time_node", "value": "", "reason": "待填写"})
        draft.point(
            "tasks.yaml",
            (*loc, "time_node"),
            unreadable.format(node=node),
        )
        draft.point("tasks.yaml", (*loc, "deadline"), fill_as_decided())
        return None
    if "工作日" in node or (
        deadline.kind is DeadlineKind.RELATIVE and not draft.document["issued"]
    ):
        # Working days need the holiday calendar, and 印发后 the issue date: let validation
        # read it. A node counted from another event is dated per unit, from progress.
        said = (
            _(
                "relative deadline “{node}”: validation counts the due day from the issue "
                "date; check it"
            )
            if deadline.event in (None, "印发")
            else _(
                "relative deadline “{node}”: counted from the day of “{event}”, which each "
                "unit records in its progress file (gongkai progress set --event); check it"
            )
        )
        draft.point(
            "tasks.yaml",
            (*loc, "deadline"),
            said.format(node=node, event=deadline.event),
            False,
        )
        return {"kind": deadline.kind}
    record: dict[str, Any] = {} if deadline.kind in _PLAIN_KINDS else {"kind": deadline.kind}
    record["due"] = deadline.due
    if deadline.window_start:
        record["window_start"] = deadline.window_start
    if deadline.all_year:
        record["all_year"] = True
    return record


def _with_simplified_alias(entry: dict[str, Any]) -> dict[str, Any]:
    """A unit named in traditional characters (市政府辦公廳) with its simplified spelling
    (市政府办公厅) as an alias, right after its kind: people type it that way."""
    from gongkai_cli.plan.spelling import simplified

    name: str = entry["name"]
    plain = simplified(name)
    if plain == name or plain in entry.get("aliases", ()):
        return entry
    out: dict[str, Any] = {}
    for key, value in entry.items():
        if key != "aliases":
            out[key] = value
        if key == "kind":
            out["aliases"] = [*entry.get("aliases", ()), plain]
    return out


def _drop_taken_aliases(entries: list[dict[str, Any]]) -> None:
    """No simplified alias that is another entry's spelling (both forms named in one plan)."""
    owner: dict[str, int] = {}
    for index, entry in enumerate(entries):
        for spelling in (entry["name"], entry.get("full_name")):
            if spelling:
                owner.setdefault(spelling, index)
    for index, entry in enumerate(entries):
        aliases = [a for a in entry.get("aliases", ()) if owner.setdefault(a, index) == index]
        if "aliases" in entry:
            entry["aliases"] = aliases


def _units(draft: Draft, units: DraftUnits) -> None:
    """The draft's units.yaml entries, and a 待核对 point for each unit a registry lacks:
    its kind is the grammar's reading, which never blocks loading."""
    draft.units = [_with_simplified_alias(entry) for entry in units.entries()]
    _drop_taken_aliases(draft.units)
    index_of = {entry["name"]: i for i, entry in enumerate(draft.units)}
    level = units.level
    for new in units.new.values():
        reading = new.reading
        entry = draft.units[index_of[new.name]]
        rule = rule_words(reading.rule)
        if reading.member_kinds:
            what = _(
                "read as a collective ({rule}), {count} members listed; others of its "
                "kinds ({kinds}) can be asked about and have progress recorded as members too"
            ).format(
                rule=rule,
                count=len(entry.get("members", [])),
                kinds=listed([kind_words(kind) for kind in reading.member_kinds]),
            )
        elif reading.kind is UnitKind.COLLECTIVE:
            what = _(
                "read as an open collective ({rule}): its tasks show as “may apply” to {kinds}"
            ).format(rule=rule, kinds=listed([kind_words(k) for k in reading.may_include]))
        else:
            what = _("read by its name as {kind} ({level}; {rule})").format(
                kind=kind_words(reading.kind), level=_unit_level_words(new, level), rule=rule
            )
        hint = ""
        if new.suggestions:
            names = new.suggestions[0]
            for name in new.suggestions[1:]:
                names = _("{said} or {word}").format(said=names, word=name)
            hint = _("; is it {names}? If so, list it as that unit's alias").format(names=names)
        draft.point(
            "units.yaml",
            ("units", index_of[new.name], "kind"),
            _(
                "“{name}” (items: {rows}) {what}{hint}; once checked, write kind_source: decision"
            ).format(name=new.name, rows=listed(new.rows[:10]), what=what, hint=hint),
            decide=False,
        )


def _unit_level_words(new: NewUnit, level: Level) -> str:
    from gongkai_cli.model.plan import Unit
    from gongkai_cli.plan.kinds import unit_level

    found = unit_level(Unit(new.name, None, new.reading.kind), level)
    return level_words(found) if found else _("level unknown")
