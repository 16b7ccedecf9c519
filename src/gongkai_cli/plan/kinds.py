"""What sort of body a unit is, read from its name at the plan's level: the kind grammar.

A registry knows a unit's kind; a name no registry has is read by this grammar, and
the reading is always marked 待核对 (kind_source: grammar) without blocking anything.
The rules, in the order they are tried (the name is read in simplified characters):

 1. Open collectives: a name with 有关, 相关 or 其他 ending in 单位/部门/机构/科室/处室
    (各有关单位, 相关部门, 市有关单位), an 各试点X, and the collective after X等…: their
    members are not listed, so their tasks "may apply" to the units of the kinds they may
    include (the departments, offices and institutions of the level they name).
 2. Collectives of departments: 各部门, X各部门, X各委办局, X各委、办、局, X直各单位,
    X直各部门, 各委办局, 各直属机构: every department of the level (区 -> the district's,
    市 -> the city's, 省 -> the province's; no prefix -> the plan's own level).
 3. Collectives of streets and towns: 各街镇, 各街道镇, 各街道、镇, 各镇（街）, 各乡镇, 各街道,
    各镇, and 街道 or 镇 after 各乡镇、 (a shared 各): the district's 街道 and 镇.
 4. Collectives of governments: 各区政府, 各区人民政府, 各县（市、区）人民政府, 各县市区政府,
    各县（区）政府, 五城区政府: district and county governments; 各市、县…政府, 各设区市政府:
    city governments (and counties).
 5. Collectives of 科室: 各科室, 各处室, 各职能科（室）, 各业务科室, 相关科（室）: the
    department's own 科室; 局属各单位: its institutions; 各园区, 园区, 各管委会 (shared 各:
    各县（区）政府、管委会): parks.
    Any other 各X is an open collective.
 6. Government offices: …办公厅, …办公室, …府办, …政府办 (区府办, 市政府办公厅); in a
    department's plan an 办公室 that names no level or government (办公室, 局办公室,
    综合办公室) is that department's own office (a 科室).
 7. Governments: …区政府, …县政府 (人民政府) -> district government; …市政府 in a
    province's plan -> city government; …街道(办事处) -> street office; …镇(人民政府),
    …乡 -> town government.
 8. 园区, 开发区, 功能区, …管委会, …管理委员会 -> park committee.
 9. …科, …处, …室, …股 -> a department's 科室 (法规科, 财务室).
10. 集团, 公司 -> enterprise; 银行, 支行 -> institution; 中心, 研究院, 医院, 学校, 大学, 馆,
    站, 所 -> public institution; 协会, 学会, 联合会, 商会, 居委会, 村委会 -> institution;
    区委X, 市委X (Party bodies) -> institution.
11. Anything else (…局, …委, …办, …厅): a department of the level its prefix gives
    (区/县 -> district department, 市 -> municipal department, 省 -> provincial department),
    or of the plan's level when it has none (沿沪宁专项机制办 in a district plan).

A unit's level follows from its kind and prefix (`unit_level`): 区民政局 is district,
长征镇 street, 法规科 department; an office or institution without a prefix is at the
plan's level.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from gongkai_cli.i18n import N_, _
from gongkai_cli.model.plan import Level, Unit, UnitKind
from gongkai_cli.plan.spelling import to_simplified

K = UnitKind


class KindReading(NamedTuple):
    """What the grammar reads from a name: the kind and, for a collective, its members."""

    kind: UnitKind
    rule: str
    """The rule that gave it, in Chinese, for the 待核对 note."""
    member_kinds: tuple[UnitKind, ...] = ()
    """For a collective whose members are every unit of these kinds."""
    may_include: tuple[UnitKind, ...] = ()
    """For an open collective: the kinds its members may be."""

    @property
    def open(self) -> bool:
        """An open collective: its members are not known."""
        return self.kind is K.COLLECTIVE and not self.member_kinds


_DEPARTMENT_OF = {
    Level.PROVINCE: K.PROVINCIAL_DEPARTMENT,
    Level.CITY: K.MUNICIPAL_DEPARTMENT,
    Level.DISTRICT: K.DISTRICT_DEPARTMENT,
    Level.STREET: K.INTERNAL_OFFICE,
    Level.DEPARTMENT: K.INTERNAL_OFFICE,
}
_PREFIX_LEVEL = {"省": Level.PROVINCE, "市": Level.CITY, "区": Level.DISTRICT, "县": Level.DISTRICT}

_OPEN = re.compile(r"(有关|相关|其他|其它).*(单位|部门|机构|科室|处室|科（室）|科\(室\)|主管部门)$")
_PILOT = re.compile(r"^各试点")
_DEPARTMENTS = re.compile(
    r"(各部门$|各(委|办|厅|局|、)+$|直各单位$|直各部门$|各直属(机构|单位)$"
    r"|^各职能部门$|各有关部门$)"
)
_STREETS = re.compile(
    r"^各(街镇|街道镇|街道、镇|镇（街）|镇\(街\)|乡镇|镇（街道）|乡镇（街道）|镇、街道)$"
)
_STREETS_ONLY = re.compile(r"^各街道(办事处)?$")
_TOWNS_ONLY = re.compile(r"^各(镇|乡|镇人民政府|镇政府)$")
_DISTRICT_GOVERNMENTS = re.compile(
    r"^(各区|各县|各县（市、区）|各县\(市、区\)|各县市区|各县区|各区县|各县[（(]区[)）]|各区[（(]县[)）]"
    r"|[一二三四五六七八九十两\d]+城?区)"
    r"(人民)?政府(（管委会）|\(管委会\))?$"
)
_CITY_GOVERNMENTS = re.compile(r"^各(设区)?市.*政府")
_OFFICES_INTERNAL = re.compile(r"^各.*(科室|处室|科（室）|科\(室\)|科|处|室)$")
_INSTITUTIONS_OF = re.compile(r"^(局属|委属|直属)?各(单位|直属单位|事业单位)$|^局属各单位$")
_PARKS = re.compile(r"^(各)?(园区|开发区|功能区|园区管委会|功能区管委会)$|^各管委会$")

_SECOND_NAME = re.compile(r"[（(〔\[][^（(〔\[]*[）)〕\]]$")
_OFFICE = re.compile(r"(办公厅|办公室|府办|政府办)$")
# In a department's plan, an 办公室 that names no government (办公室, 局办公室, 综合办公室)
# is the department's own office.
_OWN_OFFICE = re.compile(r"(?![省市区县])(?!.*(政府|府办)).{0,6}办公室")
_DISTRICT_GOVERNMENT = re.compile(r"(区|县|旗)(人民)?政府$")
_CITY_GOVERNMENT = re.compile(r"市(人民)?政府$")
_STREET = re.compile(r"(街道办事处|街道)$")
_TOWN = re.compile(r"(镇|乡)(人民政府|政府)?$")
_PARK = re.compile(r"(管委会|管理委员会)$|园区|开发区|功能区")
_SECTION = re.compile(r"(科|处|室|股)$")
_ENTERPRISE = re.compile(r"(集团|公司)$")
_BANK = re.compile(r"(银行|支行|分行)")
_PUBLIC = re.compile(r"(中心|研究院|医院|学校|大学|馆|站|所)$")
_ASSOCIATION = re.compile(r"(协会|学会|联合会|商会|居委会|村委会)$")
_PARTY = re.compile(r"^(省|市|区|县)委")


def prefix_level(name: str) -> Level | None:
    """The level a name's prefix says (市教委: city; 区民政局: district), or None."""
    return _prefix_level(name)


def _prefix_level(name: str) -> Level | None:
    return _PREFIX_LEVEL.get(name[:1]) if not _PARTY.match(name) else None


def _departments_at(level: Level) -> K:
    return _DEPARTMENT_OF[level]


def may_include_at(level: Level) -> tuple[UnitKind, ...]:
    """The kinds an open collective (各有关单位) of a plan at `level` may include."""
    if level is Level.DEPARTMENT:
        return (K.INTERNAL_OFFICE, K.PUBLIC_INSTITUTION)
    if level is Level.STREET:
        return (K.INTERNAL_OFFICE, K.INSTITUTION)
    own = (_departments_at(level), K.GOVERNMENT_OFFICE, K.PUBLIC_INSTITUTION)
    below = {
        Level.PROVINCE: (K.CITY_GOVERNMENT,),
        Level.CITY: (K.DISTRICT_GOVERNMENT,),
        Level.DISTRICT: (K.SUBDISTRICT_OFFICE, K.TOWN_GOVERNMENT, K.PARK_COMMITTEE),
    }[level]
    return own + below


def read_kind(
    name: str, plan_level: Level, *, open_hint: bool = False, shared_each: bool = False
) -> KindReading:
    """The kind `name` has by the grammar of this module's docstring, in a plan at
    `plan_level`. `open_hint`: the cell made it an open collective (X等相关部门);
    `shared_each`: it shares a preceding 各 (各乡镇、街道)."""
    text = to_simplified(name.strip())
    level = _prefix_level(text) or plan_level
    if open_hint or _OPEN.search(text) or _PILOT.match(text):
        scope = _prefix_level(text) or plan_level
        return KindReading(
            K.COLLECTIVE,
            "有关/相关/X等…：开放的集合",
            may_include=_open_scope(text, scope),
        )
    collective = _collective(text if not shared_each else "各" + text, level, plan_level)
    if collective is not None:
        return collective
    # 市府办〔市大数据局〕, 区建设管理委（区交通委）: the name before its bracketed second name
    base = _SECOND_NAME.sub("", text) or text
    return _single(base, _prefix_level(base) or plan_level, plan_level)


def _open_scope(text: str, level: Level) -> tuple[UnitKind, ...]:
    if re.search(r"部门$", text) and level is not Level.DEPARTMENT:
        return (_departments_at(level),)
    if re.search(r"(科室|处室|科（室）|科\(室\))$", text):
        return (K.INTERNAL_OFFICE,)
    return may_include_at(level)


def _collective(text: str, level: Level, plan_level: Level) -> KindReading | None:
    if _DEPARTMENTS.search(text):
        kind = _departments_at(level)
        return KindReading(K.COLLECTIVE, "各部门：本级的全部政府部门", (kind,))
    if _STREETS.match(text):
        return KindReading(
            K.COLLECTIVE, "各街镇：本区的街道和镇", (K.SUBDISTRICT_OFFICE, K.TOWN_GOVERNMENT)
        )
    if _STREETS_ONLY.match(text):
        return KindReading(K.COLLECTIVE, "各街道：本区的街道", (K.SUBDISTRICT_OFFICE,))
    if _TOWNS_ONLY.match(text):
        return KindReading(K.COLLECTIVE, "各镇：本区的镇（乡）", (K.TOWN_GOVERNMENT,))
    if _DISTRICT_GOVERNMENTS.match(text):
        return KindReading(K.COLLECTIVE, "各区（县）政府：区县人民政府", (K.DISTRICT_GOVERNMENT,))
    if _CITY_GOVERNMENTS.match(text):
        kinds = (K.CITY_GOVERNMENT, K.DISTRICT_GOVERNMENT) if "县" in text else (K.CITY_GOVERNMENT,)
        return KindReading(K.COLLECTIVE, "各市（县）政府：市、县人民政府", kinds)
    if _INSTITUTIONS_OF.match(text):
        return KindReading(K.COLLECTIVE, "局属各单位：所属事业单位", (K.PUBLIC_INSTITUTION,))
    if _OFFICES_INTERNAL.match(text):
        return KindReading(K.COLLECTIVE, "各科室/各处室：本部门的内设科室", (K.INTERNAL_OFFICE,))
    if _PARKS.match(text):
        return KindReading(K.COLLECTIVE, "园区：本区的园区", (K.PARK_COMMITTEE,))
    if text.startswith("各"):
        return KindReading(
            K.COLLECTIVE, "各X：集合，成员未列明", may_include=may_include_at(plan_level)
        )
    return None


def _single(text: str, level: Level, plan_level: Level) -> KindReading:
    if _OFFICE.search(text):
        if plan_level is Level.DEPARTMENT and _OWN_OFFICE.fullmatch(text):
            return KindReading(K.INTERNAL_OFFICE, "部门要点中的办公室：本部门的内设科室")
        return KindReading(K.GOVERNMENT_OFFICE, "办公厅/办公室/府办：政府办公厅（室）")
    if _DISTRICT_GOVERNMENT.search(text):
        return KindReading(K.DISTRICT_GOVERNMENT, "…区（县）政府：区县人民政府")
    if _CITY_GOVERNMENT.search(text) and plan_level is Level.PROVINCE:
        return KindReading(K.CITY_GOVERNMENT, "省级要点中的…市政府：市人民政府")
    if _STREET.search(text):
        return KindReading(K.SUBDISTRICT_OFFICE, "…街道：街道办事处")
    if _TOWN.search(text) and not _DEPARTMENT_WORD.search(text):
        return KindReading(K.TOWN_GOVERNMENT, "…镇/乡：镇（乡）人民政府")
    if _PARK.search(text):
        return KindReading(K.PARK_COMMITTEE, "园区/管委会：园区管理委员会")
    if _SECTION.search(text):
        return KindReading(K.INTERNAL_OFFICE, "…科/处/室：部门的内设科室")
    if _ENTERPRISE.search(text):
        return KindReading(K.ENTERPRISE, "集团/公司：企业（所有制未写明）")
    if _BANK.search(text) or _PARTY.match(text) or _ASSOCIATION.search(text):
        return KindReading(K.INSTITUTION, "银行/党委机构/协会：其他机构")
    if _PUBLIC.search(text):
        return KindReading(K.PUBLIC_INSTITUTION, "中心/院/站/所：事业单位")
    if _prefix_level(text):
        return KindReading(_departments_at(level), "前缀+局/委/办/厅：该级政府部门")
    return KindReading(_departments_at(plan_level), "无层级前缀：本要点这一级的政府部门")


# Each rule's words in the language of the run: the rule itself (Chinese) is what
# units.yaml's notes record; a review point shows it with rule_words().
_RULE_WORDS = {
    "有关/相关/X等…：开放的集合": N_("“有关/相关/X等…”: an open collective"),
    "各部门：本级的全部政府部门": N_("“各部门”: every government department of the level"),
    "各街镇：本区的街道和镇": N_("“各街镇”: the district's subdistricts and towns"),
    "各街道：本区的街道": N_("“各街道”: the district's subdistricts"),
    "各镇：本区的镇（乡）": N_("“各镇”: the district's towns (and townships)"),
    "各区（县）政府：区县人民政府": N_("“各区(县)政府”: the district and county governments"),
    "各市（县）政府：市、县人民政府": N_("“各市(县)政府”: the city and county governments"),
    "局属各单位：所属事业单位": N_("“局属各单位”: the bureau's public institutions"),
    "各科室/各处室：本部门的内设科室": N_("“各科室/各处室”: the department's internal offices"),
    "园区：本区的园区": N_("“园区”: the district's parks"),
    "各X：集合，成员未列明": N_("“各X”: a collective whose members are not listed"),
    "部门要点中的办公室：本部门的内设科室": N_(
        "“办公室” in a department's plan: the department's internal office"
    ),
    "办公厅/办公室/府办：政府办公厅（室）": N_(
        "“办公厅/办公室/府办”: a government's general office"
    ),
    "…区（县）政府：区县人民政府": N_("“…区(县)政府”: a district or county government"),
    "省级要点中的…市政府：市人民政府": N_("“…市政府” in a province's plan: a city government"),
    "…街道：街道办事处": N_("“…街道”: a subdistrict office"),
    "…镇/乡：镇（乡）人民政府": N_("“…镇/乡”: a town (township) government"),
    "园区/管委会：园区管理委员会": N_("“园区/管委会”: a park management committee"),
    "…科/处/室：部门的内设科室": N_("“…科/处/室”: a department's internal office"),
    "集团/公司：企业（所有制未写明）": N_("“集团/公司”: an enterprise (ownership not stated)"),
    "银行/党委机构/协会：其他机构": N_("“银行/党委机构/协会”: another body"),
    "中心/院/站/所：事业单位": N_("“中心/院/站/所”: a public institution"),
    "前缀+局/委/办/厅：该级政府部门": N_(
        "prefix + “局/委/办/厅”: a government department of that level"
    ),
    "无层级前缀：本要点这一级的政府部门": N_(
        "no level prefix: a government department of the plan's level"
    ),
}
_KIND_WORDS = {
    UnitKind.MUNICIPAL_DEPARTMENT: N_("a municipal government department"),
    UnitKind.DISTRICT_GOVERNMENT: N_("a district government"),
    UnitKind.GOVERNMENT_OFFICE: N_("a government general office"),
    UnitKind.PUBLIC_INSTITUTION: N_("a public institution"),
    UnitKind.STATE_OWNED_ENTERPRISE: N_("a state-owned enterprise"),
    UnitKind.COLLECTIVE: N_("a collective"),
    UnitKind.DISTRICT_DEPARTMENT: N_("a district government department"),
    UnitKind.SUBDISTRICT_OFFICE: N_("a subdistrict office"),
    UnitKind.TOWN_GOVERNMENT: N_("a town government"),
    UnitKind.PARK_COMMITTEE: N_("a park management committee"),
    UnitKind.ENTERPRISE: N_("an enterprise"),
    UnitKind.INSTITUTION: N_("another body"),
    UnitKind.PROVINCIAL_DEPARTMENT: N_("a provincial government department"),
    UnitKind.CITY_GOVERNMENT: N_("a city government"),
    UnitKind.INTERNAL_OFFICE: N_("an internal office"),
}


def rule_words(rule: str) -> str:
    """A rule of this module (前缀+局/委/办/厅：该级政府部门) in the language of the run."""
    words = _RULE_WORDS.get(rule)
    return _(words) if words is not None else rule


def kind_words(kind: UnitKind) -> str:
    """The kind as people call it, in the language of the run (市政府部门)."""
    return _(_KIND_WORDS[kind])


_DEPARTMENT_WORD = re.compile(r"(局|委|厅|办)")
_UNIT_END = re.compile(
    r"(局|委|委员会|办|厅|署|中心|街道|街道办事处|镇|乡|人民政府|政府|科|处|室|股|管委会)$"
)


def read_admitted(name: str, plan_level: Level | None) -> tuple[UnitKind, str] | None:
    """The kind of a name a plan does not list, when it reads as one body (it ends as a
    unit's name does: …局, …街道, …镇, …科); None for a collective or anything else."""
    text = to_name(name.strip())
    if len(text) < 3 or not _UNIT_END.search(text) or text.startswith("各"):
        return None
    reading = read_kind(text, plan_level or Level.CITY)
    if reading.kind is K.COLLECTIVE:
        return None
    return reading.kind, reading.rule


def unit_level(unit: Unit, plan_level: Level, members: Sequence[Unit] = ()) -> Level | None:
    """The level of government `unit` belongs to, in a plan at `plan_level` (None for an
    open collective, whose members are not known); a collective's is its members'."""
    by_kind = {
        K.MUNICIPAL_DEPARTMENT: Level.CITY,
        K.CITY_GOVERNMENT: Level.CITY,
        K.DISTRICT_GOVERNMENT: Level.DISTRICT,
        K.DISTRICT_DEPARTMENT: Level.DISTRICT,
        K.SUBDISTRICT_OFFICE: Level.STREET,
        K.TOWN_GOVERNMENT: Level.STREET,
        K.PROVINCIAL_DEPARTMENT: Level.PROVINCE,
        K.INTERNAL_OFFICE: Level.DEPARTMENT,
    }
    if unit.kind in by_kind:
        return by_kind[unit.kind]
    if unit.kind is K.COLLECTIVE:
        levels = {by_kind.get(kind) for kind in unit.member_kinds}
        levels |= {unit_level(member, plan_level) for member in members}
        if len(levels) == 1 and None not in levels:
            return levels.pop()
        if unit.members or unit.member_kinds:
            return _prefix_level(unit.name) or plan_level
        return None
    return _prefix_level(to_name(unit.name)) or plan_level


def to_name(name: str) -> str:
    """The name in simplified characters, as the grammar reads it."""
    return to_simplified(name)
