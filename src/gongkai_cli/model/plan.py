"""The data model of a plan: tasks, units, documents, decisions and their enums.

These are standard-library dataclasses that pydantic validates (through
`__pydantic_config__`), not pydantic models: the commands people type many
times a day then load a validated plan without importing pydantic at all,
which costs more start-up time than the whole answer. `plan.py` validates with
pydantic; everything else only reads these frozen objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from gongkai_cli.model.deadline import Deadline, DeadlineKind, Milestone
from gongkai_cli.model.record import Record

__all__ = ["Deadline", "DeadlineKind", "Milestone"]  # re-exported: the plan's model in one place

# A task that leaves its deadline out of tasks.yaml; the loaded plan carries the reading.
NOT_WRITTEN = Deadline()

# extra="forbid": a typo'd key is an error, never silently ignored.
# use_attribute_docstrings: the docstrings below become the JSON Schema's descriptions.
# allow_inf_nan=False: .inf would meet every ">=" target, and .nan is not JSON.
STRICT: Any = {"extra": "forbid", "use_attribute_docstrings": True, "allow_inf_nan": False}


class Role(StrEnum):
    """A unit's role in a task: 牵头 lead, 负责 responsible, 配合 support."""

    LEAD = "lead"
    RESPONSIBLE = "responsible"
    SUPPORT = "support"

    @property
    def zh(self) -> str:
        """The role word as the plan writes it."""
        return _ROLE_ZH[self]


_ROLE_ZH = {Role.LEAD: "牵头", Role.RESPONSIBLE: "负责", Role.SUPPORT: "配合"}
ROLE_BY_WORD = {word: role for role, word in _ROLE_ZH.items()}


class UnitKind(StrEnum):
    """What sort of body a unit is."""

    MUNICIPAL_DEPARTMENT = "municipal_department"  # 市政府部门 (市教委)
    DISTRICT_GOVERNMENT = "district_government"  # 区政府
    GOVERNMENT_OFFICE = "government_office"  # 办公厅 / 办公室
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位 (市大数据中心)
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise"  # 国有企业
    COLLECTIVE = "collective"  # 各区政府, 市政府各部门, 各街道镇, 各相关单位
    DISTRICT_DEPARTMENT = "district_department"  # 区政府部门 (区数据局, 区教育局)
    SUBDISTRICT_OFFICE = "subdistrict_office"  # 街道办事处
    TOWN_GOVERNMENT = "town_government"  # 镇人民政府
    PARK_COMMITTEE = "park_committee"  # 园区 / 管委会
    ENTERPRISE = "enterprise"  # 企业 that is not state-owned, or of unstated ownership
    INSTITUTION = "institution"  # 其他机构: 协会, 群团组织, 评估机构, 村(居)委会
    PROVINCIAL_DEPARTMENT = "provincial_department"  # 省政府部门 (省发展改革委)
    CITY_GOVERNMENT = "city_government"  # 市政府 in a province's plan (各设区市政府)
    INTERNAL_OFFICE = "internal_office"  # 内设机构: a department's 科/处/室 (法规科, 办公室)

    @property
    def zh(self) -> str:
        """The kind as people call it."""
        return _KIND_ZH[self]


_KIND_ZH = {
    UnitKind.MUNICIPAL_DEPARTMENT: "市政府部门",
    UnitKind.DISTRICT_GOVERNMENT: "区政府",
    UnitKind.GOVERNMENT_OFFICE: "办公厅",
    UnitKind.PUBLIC_INSTITUTION: "事业单位",
    UnitKind.STATE_OWNED_ENTERPRISE: "国有企业",
    UnitKind.COLLECTIVE: "集合",
    UnitKind.DISTRICT_DEPARTMENT: "区政府部门",
    UnitKind.SUBDISTRICT_OFFICE: "街道办事处",
    UnitKind.TOWN_GOVERNMENT: "镇人民政府",
    UnitKind.PARK_COMMITTEE: "园区管委会",
    UnitKind.ENTERPRISE: "企业",
    UnitKind.INSTITUTION: "其他机构",
    UnitKind.PROVINCIAL_DEPARTMENT: "省政府部门",
    UnitKind.CITY_GOVERNMENT: "市政府",
    UnitKind.INTERNAL_OFFICE: "内设科室",
}


class Level(StrEnum):
    """The level of government a plan, or a unit, belongs to (a department's own plan is
    level department: its units are its 科室)."""

    PROVINCE = "province"  # 省级: 江西省, 江苏省
    CITY = "city"  # 市级: 上海市, 北京市, 荆州市
    DISTRICT = "district"  # 区县级: 上海市普陀区, 广州市花都区, a 县 or 县级市
    STREET = "street"  # 街镇级: 街道, 镇, 乡
    DEPARTMENT = "department"  # 部门: a department's own plan (江门市自然资源局)

    @property
    def zh(self) -> str:
        """The level as people call it."""
        return _LEVEL_ZH[self]


_LEVEL_ZH = {
    Level.PROVINCE: "省级",
    Level.CITY: "市级",
    Level.DISTRICT: "区县级",
    Level.STREET: "街镇级",
    Level.DEPARTMENT: "部门",
}


class KindSource(StrEnum):
    """Where a unit's kind comes from."""

    REGISTRY = "registry"  # a registry's entry: the shipped units, or the plan's units.yaml
    GRAMMAR = "grammar"  # read from the name by plan/kinds.py: 待核对
    DECISION = "decision"  # a person decided it (set when a guessed kind is checked)

    @property
    def zh(self) -> str:
        """Where the kind comes from, as a person says it."""
        return _KIND_SOURCE_ZH[self]


_KIND_SOURCE_ZH = {
    KindSource.REGISTRY: "登记表",
    KindSource.GRAMMAR: "按名称（待核对）",
    KindSource.DECISION: "人工决定",
}


class Layout(StrEnum):
    """How a plan sets out its tasks."""

    ANNEX_TABLE = "annex-table"  # an annex 任务分解表: 序号/任务名称/任务内容/责任单位/时间节点
    ITEMS = "items"  # numbered body items, each ending (责任单位:…[,完成时限:…])

    @property
    def terms(self) -> Terms:
        """The words this layout uses for its tasks and their parts."""
        return _TERMS[self]

    @property
    def tasks_word(self) -> str:
        """The layout in one word, as `gongkai plans` lists it: 任务分解表 or 条目."""
        return "任务分解表" if self is Layout.ANNEX_TABLE else "条目"


class Terms(NamedTuple):
    """The words a layout uses, so no output speaks of cells a plan does not have.

    A NamedTuple, not a dataclass like the model's records: nothing validates or
    caches it, and every command imports this module (a dataclass costs ~0.8 ms).
    """

    tasks: str
    """What the tasks are together: 任务分解表, or 工作条目."""
    name: str
    """The task's name: 任务名称 (an item has one only when the body gives it: 名称)."""
    content: str
    """The task's text: 任务内容, or 条目内容."""
    time_node: str
    """The time node: 时间节点, or 完成时限."""
    row: str
    """Task N as the plan's reader finds it, with {seq}: 附件第{seq}行, or 第{seq}项."""
    task: str
    """Task N in a title, with {seq}: 任务{seq}, or 第{seq}项."""

    def where(self, seq: int, part: str = "") -> str:
        """Where a part of task `seq` stands: 附件第77行 任务内容, 第3项 完成时限."""
        place = self.row.format(seq=seq)
        return f"{place} {part}" if part else place


_TERMS = {
    Layout.ANNEX_TABLE: Terms(
        "任务分解表", "任务名称", "任务内容", "时间节点", "附件第{seq}行", "任务{seq}"
    ),
    Layout.ITEMS: Terms("工作条目", "名称", "条目内容", "完成时限", "第{seq}项", "第{seq}项"),
}


class NameSource(StrEnum):
    """Where a task's name comes from."""

    CELL = "cell"  # written in the row's own 任务名称 cell
    MERGED_ABOVE = "merged_above"  # empty cell: the row continues the task named above
    MERGED_BELOW = "merged_below"  # empty cell read with the name below (a recorded decision)
    PLAN = "plan"  # empty cell of a unit's own sheet: the same-numbered task of the plan above


class Comparison(StrEnum):
    """How a recorded value meets a quantitative target."""

    AT_LEAST = ">="
    AT_MOST = "<="


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Decision(Record):
    """A decision taken where the source is silent or ambiguous, with its reason."""

    __pydantic_config__ = STRICT

    field: str
    """The field this decision settles, e.g. `time_node`, `name`, `section`, `text`."""
    value: str
    """The value taken where the source is silent or ambiguous."""
    reason: str
    """Why: what in the source supports the value."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Assignment(Record):
    """One unit named in a 责任单位 cell, with its role."""

    __pydantic_config__ = STRICT

    unit: str
    """The unit as the 责任单位 cell writes it (a canonical name or an alias)."""
    role: Role
    """lead (牵头), responsible (负责, or no role word) or support (配合)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Target(Record):
    """A quantitative target a task sets, checked against a recorded value."""

    __pydantic_config__ = STRICT

    id: str
    """A short name for the target, unique within its task (used by `progress set --target`)."""
    metric: str
    """What is measured, in the plan's words (多元化解读率)."""
    comparison: Comparison
    """>= for 不得低于/至少/不少于, <= for an upper bound."""
    threshold: float
    """The number a recorded value is checked against."""
    unit: str
    """The unit of the number as the plan writes it (%, 次, 项, 个, 分)."""
    quote: str
    """The words of the task content (or its body paragraph) that set the target, verbatim."""


# kw_only: fields a layout lacks (page, name, section) take defaults, yet keep their place.
@dataclass(frozen=True, slots=True, kw_only=True, eq=False, repr=False)
class Task(Record):
    """One task: a row of the annex 任务分解表, or a numbered item of the body."""

    __pydantic_config__ = STRICT

    seq: int
    """序号: the row number in the annex 任务分解表, or the item's number."""
    page: int | None = None
    """Page of the annex table the row is on (a page break repeats the header); an items plan
    has none."""
    name: str = ""
    """任务名称: the cell verbatim, or the name it inherits from a merged cell; an item has
    none unless the body gives one."""
    name_source: NameSource | None = None
    """Whether the name was written in the row's cell or inherited from a merged cell (an
    annex table); null where the layout has no 任务名称 cell."""
    content: str
    """任务内容: the cell verbatim; for an item, its text verbatim."""
    responsible: str
    """责任单位: the cell (or the item's inline 责任单位) verbatim."""
    responsible_above: str = ""
    """市里落实单位: in a department's own sheet of a plan above, the units that plan names
    for the task (its cell verbatim); they are read at that plan's level, not as this
    plan's units, and `responsible` holds the department's own (局内负责处室)."""
    assignments: tuple[Assignment, ...] = ()
    """One entry per unit named in the 责任单位 cell, in the cell's order; read from the cell
    when left out."""
    time_node: str = ""
    """时间节点 (or 完成时限): verbatim; empty for an empty (merged) cell or an item with none."""
    deadline: Deadline = NOT_WRITTEN
    """The time node read for the plan's year (see timenodes.py); read from the time node when
    left out, checked against it when written."""
    section: str = ""
    """Id of the body paragraph the row implements, e.g. 二、(二); empty where there is none."""
    decisions: tuple[Decision, ...] = ()
    """Where the source is silent or ambiguous: what was decided and why."""
    targets: tuple[Target, ...] = ()
    """Quantitative targets set by the task, checked against recorded values."""

    def decision_for(self, field: str) -> Decision | None:
        """The recorded decision that settles `field` (e.g. `time_node`), if any."""
        return next((d for d in self.decisions if d.field == field), None)

    @property
    def display_name(self) -> str:
        """The name as people read it (tables, `show`, the calendar, an event's title):
        without the spaces the source's narrow 任务名称 column left between two Chinese
        characters (做好法定公 开内容的日 常维护). An item with no name is read by its
        opening words. `name` keeps the cell verbatim, for the data (json, csv)."""
        if not self.name:
            return _opening(self.content)
        return without_wrap_spaces(self.name)


OPENING = 24
"""How many characters of an unnamed item's content name it where a name is shown."""


def _opening(content: str) -> str:
    return content if len(content) <= OPENING else content[:OPENING] + "…"


def _cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def without_wrap_spaces(text: str) -> str:
    """`text` without the runs of spaces between two Chinese characters: what
    `re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\\s+(?=[\u3000-\u9fff\uff00-\uffef])", "",
    text)` gives, U+3000 (a space, and inside the range) included. By hand, because that
    pattern's class costs about 1.7 ms to compile, on every headline run that shows a
    name with a space (docs/performance.md); tests/test_display_names.py holds the two
    equal."""
    if not any(char.isspace() for char in text):
        return text
    kept: list[str] = []
    at, size = 0, len(text)
    while at < size:
        if at and text[at].isspace() and _cjk(text[at - 1]):
            end = at
            while end < size and text[end].isspace():
                end += 1
            # The longest run from here that a Chinese character (U+3000 too) follows.
            while end > at and not (end < size and _cjk(text[end])):
                end -= 1
            if end > at:
                at = end
                continue
        kept.append(text[at])
        at += 1
    return "".join(kept)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Chapter(Record):
    """A chapter of the body (一、进一步夯实政务公开工作基础)."""

    __pydantic_config__ = STRICT

    id: str
    """一, 二, ... as numbered in the body."""
    heading: str
    """The chapter heading verbatim, e.g. 一、进一步夯实政务公开工作基础."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Paragraph(Record):
    """A paragraph of the body, verbatim."""

    __pydantic_config__ = STRICT

    id: str
    """一、(一) for a numbered paragraph; 五、末段 for a chapter's closing paragraph."""
    text: str
    """The paragraph verbatim (joined where a page break split it; see the document's decisions)."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Document(Record):
    """The plan document: its 文号, title, issuer, dates and body."""

    __pydantic_config__ = STRICT

    number: str
    """文号, e.g. 沪府办〔2021〕21号."""
    title: str
    """The plan's title without book-title marks."""
    issuer: str
    """发文机关."""
    issued: dt.date | None
    """成文日期: the issue date; null when the source does not state it (a table-only file):
    nothing is then due before issue, and a node counted from issue has no day."""
    year: int
    """The year the time nodes refer to."""
    addressees: str
    """主送: as the notice writes it."""
    source: str
    """Path of the source document, relative to the data directory."""
    chapters: tuple[Chapter, ...]
    """The body's chapters."""
    paragraphs: tuple[Paragraph, ...]
    """The body's paragraphs that tasks implement."""
    decisions: tuple[Decision, ...] = ()
    """Decisions about the document as a whole (how text was transcribed)."""
    layout: Layout = Layout.ANNEX_TABLE
    """annex-table (an annex 任务分解表, as in 2021) or items (numbered body items)."""
    draft: bool = False
    """True for a plan `gongkai import` wrote whose 待核对 points a person has not yet
    confirmed: it loads and answers, marked 草稿; remove the key once checked."""
    place: str = ""
    """The place whose plan this is (上海市, 上海市普陀区, 江门市自然资源局); empty: read from
    the issuer, the title or the 文号 (plan/place.py)."""
    level: Level | None = None
    """province, city, district, street or department; null: read with the place."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Judgement(Record):
    """A membership question of a collective, decided with a reason."""

    __pydantic_config__ = STRICT

    unit: str
    """A unit whose membership of this collective is a judgement."""
    member: bool
    """The judgement: is it a member?"""
    reason: str
    """Why."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Unit(Record):
    """A unit the plan names: a department, a district government, a collective ..."""

    __pydantic_config__ = STRICT

    name: str
    """The short name as the document writes it (市教委)."""
    full_name: str | None
    """The full official name (上海市教育委员会); null for a collective, or when not known
    (it is optional: names are matched by the short name and aliases)."""
    kind: UnitKind
    """municipal_department, district_government, government_office, public_institution,
    state_owned_enterprise, collective, district_department, subdistrict_office,
    town_government, park_committee, enterprise, institution, provincial_department,
    city_government or internal_office."""
    aliases: tuple[str, ...] = ()
    """Other spellings the document uses, and names people type."""
    named_in_document: bool = True
    """False for a unit added as a member of a collective without being named in the plan."""
    members: tuple[str, ...] = ()
    """For a collective: its members by canonical name."""
    resolved: bool = True
    """For a collective: False when the document gives no member list (then members is empty)."""
    judgements: tuple[Judgement, ...] = ()
    """For a collective: membership questions decided, with reasons."""
    may_include: tuple[UnitKind, ...] = ()
    """For an unresolved collective: the kinds of unit it may include (its tasks "may apply")."""
    note: str = ""
    """Anything a reader should know about the unit."""
    kind_source: KindSource = KindSource.REGISTRY
    """Where the kind comes from: registry, grammar (guessed from the name on import: 待核对)
    or decision (a person's)."""
    member_kinds: tuple[UnitKind, ...] = ()
    """For a collective: the kinds whose every unit is a member, listed or not (a district
    plan's 各部门: district_department). A unit of such a kind that the plan never names
    can still ask what it owes and record progress, as a member."""
