"""A plan's place and level, read from what the notice says: its issuer, title or 文号.

    上海市普陀区人民政府办公室  -> 上海市普陀区, district
    上海市人民政府办公厅        -> 上海市, city
    江门市自然资源局            -> 江门市自然资源局, department (its units are its 科室)
    2025年普陀区政务公开工作要点 -> 普陀区, district
    沪府办〔2021〕21号          -> 上海市, city (only the four municipalities' 沪 京 津 渝:
                                   a province's one-character 文号 is shared by its capital)

A name is read from its end: a government's office (人民政府办公厅, 办公室, 府办 …) is
taken off, then a department's suffix (局, 委, 委员会, 厅, 中心, 办, 署) makes the
place a department; otherwise the last division word gives the level: 省 or 自治区
province, 市 (and 州, 盟, 地区) city, 区 or 县 or 旗 district, 街道 or 镇 or 乡 street.
A county-level city (寿光市) reads as a city: `import --level district` says otherwise.

Pure functions: the notice is read by plan/importing/notice.py; this module only
derives the place from its fields.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from gongkai_cli.model.plan import Document, Level

_OFFICE = re.compile(
    r"(人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府办|府办|办公厅|办公室|政府)$"
)
_DEPARTMENT = re.compile(r"(局|委员会|委|厅|中心|办|署|院)$")
_LEVELS = (
    (re.compile(r"(街道办事处|街道|镇|乡)$"), Level.STREET),
    (re.compile(r"(自治区|省)$"), Level.PROVINCE),
    (re.compile(r"(区|县|旗)$"), Level.DISTRICT),
    (re.compile(r"(市|州|盟|地区)$"), Level.CITY),
)
_TITLE = re.compile(r"^(?:\d{4}\s*年度?)?(?P<place>.+?)(?:\d{4}\s*年度?)?(?:政务公开|政府信息公开)")
_MUNICIPALITIES = {"沪": "上海市", "京": "北京市", "津": "天津市", "渝": "重庆市"}
_NUMBER = re.compile(r"^(?P<abbr>[沪京津渝])(?:府|政)")
_NAME = re.compile(r"[\u4e00-\u9fff]{2,30}")
SHANGHAI = "上海市"


class Place(NamedTuple):
    """Where a plan belongs: 上海市普陀区 at district level, and what said so."""

    name: str
    level: Level
    source: str
    """What the place was read from: 发文机关, 标题, 文号 or --place."""

    @property
    def tail(self) -> str:
        """The place's own division, as a unit's name is qualified with it: 上海市普陀区 ->
        普陀区; 北京市 -> 北京市; a department -> its name."""
        if self.level is Level.DEPARTMENT:
            return self.name
        parts = re.findall(r".{2,}?(?:自治区|省|市|区|县|旗|盟|街道|镇|乡)", self.name)
        return parts[-1] if parts else self.name

    @property
    def shanghai(self) -> bool:
        """Whether the place is 上海市 or in it (its registry serves the place's 市X units)."""
        return self.name.startswith(SHANGHAI)


def read_place(name: str, source: str = "--place") -> Place | None:
    """The place a name gives (an issuer, a place, a department), or None when it gives
    none (a name with no division or department word)."""
    from gongkai_cli.plan.spelling import to_simplified

    text = to_simplified(re.sub(r"\s+", "", name))  # 上海市人民政府辦公廳 is 办公厅
    if not text:
        return None
    office = _OFFICE.search(text)
    body = text[: office.start()] if office else text
    if not _NAME.fullmatch(body):
        return None  # not a name: 根据《国务院办公厅, a page's breadcrumb
    if not office and _DEPARTMENT.search(body) and not _level(body):
        return Place(body, Level.DEPARTMENT, source)
    if office and _DEPARTMENT.search(body) and not _level(body):
        # 江门市自然资源局办公室: the department's own office issues the department's plan
        return Place(body, Level.DEPARTMENT, source)
    level = _level(body)
    return Place(body, level, source) if level else None


def _level(body: str) -> Level | None:
    for pattern, level in _LEVELS:
        if pattern.search(body):
            return level
    return None


def place_of(issuer: str | None, title: str | None, number: str | None) -> Place | None:
    """The plan's place: from the issuer, else the title, else the 文号; None if none says.

    A title's place without its city (2025年普陀区…) takes the city the issuer or the
    文号 gives when that city holds it by name (上海市 + 普陀区)."""
    if issuer and (found := read_place(issuer, "发文机关")):
        return found
    city = _from_number(number)
    if title and (match := _TITLE.match(_simplified(title))):
        found = read_place(match["place"], "标题")
        if found:
            if city and not found.name.startswith(city.name) and found.level is Level.DISTRICT:
                return Place(city.name + found.name, found.level, "标题与文号")
            return found
    return city


def _simplified(text: str) -> str:
    from gongkai_cli.plan.spelling import to_simplified

    return to_simplified(re.sub(r"\s+", "", text))


def _from_number(number: str | None) -> Place | None:
    if not number or not (match := _NUMBER.match(_simplified(number))):
        return None
    return Place(_MUNICIPALITIES[match["abbr"]], Level.CITY, "文号")


def document_place(document: Document) -> Place | None:
    """A loaded plan's place: as its tasks.yaml writes it, else read from its notice (the
    2021 plan, which writes none, is 上海市 at city level by its issuer), else its level
    alone with an empty name (an import that could read no place)."""
    if document.place:
        found = read_place(document.place, "tasks.yaml")
        level = document.level or (found.level if found else None)
        return Place(document.place, level, "tasks.yaml") if level else None
    found = place_of(document.issuer, document.title, document.number)
    if found is None and document.level is not None:
        return Place("", document.level, "tasks.yaml")  # a level without a place (no name said)
    if found is not None and document.level is not None:
        return found._replace(level=document.level)
    return found
