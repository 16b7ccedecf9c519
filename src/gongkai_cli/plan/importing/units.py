"""The draft's units: each unit a task names, found in the shipped registry or new.

A unit the registry knows (by name, alias or full name) is copied with its
entry, and a collective brings its members. A unit it does not know gets an
entry of its own with a kind guessed from its name, no full name, and a review
point naming the closest registered units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai_cli.model.plan import Unit, UnitKind
from gongkai_cli.plan.units import UnitDirectory

_COLLECTIVE_WORDS = (
    "各部门",
    "各单位",
    "相关单位",
    "相关部门",
    "各委",
    "牵头部门",
    "各街道",
    "各镇",
)


def guess_kind(name: str) -> UnitKind:
    """The kind a unit's name suggests; only a guess, always marked for review."""
    if name.startswith("各") or any(word in name for word in _COLLECTIVE_WORDS):
        return UnitKind.COLLECTIVE
    if name.endswith(("区政府", "区人民政府")):
        return UnitKind.DISTRICT_GOVERNMENT
    if name.endswith(("办公厅", "办公室")):
        return UnitKind.GOVERNMENT_OFFICE
    if name.endswith(("街道办事处", "街道")):
        return UnitKind.SUBDISTRICT_OFFICE
    if name.endswith(("镇人民政府", "镇政府", "镇")):
        return UnitKind.TOWN_GOVERNMENT
    if name.endswith(("管委会", "管理委员会")) or "园区" in name:
        return UnitKind.PARK_COMMITTEE
    if name.endswith(("集团", "公司")):
        return UnitKind.ENTERPRISE  # ownership is not in the name
    if name.endswith(("中心", "研究院", "医院", "学校", "大学", "馆")):
        return UnitKind.PUBLIC_INSTITUTION
    if name.endswith(("协会", "学会", "联合会", "居委会", "村委会")):
        return UnitKind.INSTITUTION
    if name.startswith("区"):
        return UnitKind.DISTRICT_DEPARTMENT  # 区数据局, 区教育局
    return UnitKind.MUNICIPAL_DEPARTMENT


@dataclass(slots=True)
class NewUnit:
    """A unit the registry does not know, as the plan writes it."""

    name: str
    kind: UnitKind
    suggestions: list[str]
    rows: list[int] = field(default_factory=list)


@dataclass(slots=True)
class DraftUnits:
    """The units of a draft, in the order they are first named, with members after."""

    registry: UnitDirectory
    named: dict[str, Unit] = field(default_factory=dict)
    new: dict[str, NewUnit] = field(default_factory=dict)

    def add(self, spelling: str, seq: int) -> None:
        """Record that task `seq` names `spelling`."""
        unit = self.registry.get(spelling)
        if unit is not None:
            self.named.setdefault(unit.name, unit)
            return
        if spelling not in self.new:
            self.new[spelling] = NewUnit(
                spelling, guess_kind(spelling), self.registry.suggest(spelling)
            )
        self.new[spelling].rows.append(seq)

    def entries(self) -> list[dict[str, Any]]:
        """units.yaml entries: registered units in the registry's order, then the new ones.

        A registered unit is listed when a task names it or a listed collective has it
        as a member; `named_in_document` says which.
        """
        wanted = set(self.named)
        for unit in self.named.values():
            wanted.update(member for member in unit.members if self.registry.get(member))
        out = [
            _entry(unit, named=unit.name in self.named)
            for unit in self.registry.units
            if unit.name in wanted
        ]
        out += [_new_entry(new) for new in self.new.values()]
        listed = {entry["name"] for entry in out}
        # A judgement may only name a unit of this file.
        for entry in out:
            if entry.get("judgements"):
                entry["judgements"] = [j for j in entry["judgements"] if j["unit"] in listed]
                if not entry["judgements"]:
                    del entry["judgements"]
        return out


def _entry(unit: Unit, named: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": unit.name, "full_name": unit.full_name, "kind": unit.kind}
    if unit.aliases:
        entry["aliases"] = list(unit.aliases)
    if not named:
        entry["named_in_document"] = False
    if unit.members:
        entry["members"] = list(unit.members)
    if not unit.resolved:
        entry["resolved"] = False
    if unit.judgements:
        entry["judgements"] = [
            {"unit": j.unit, "member": j.member, "reason": j.reason} for j in unit.judgements
        ]
    if unit.may_include:
        entry["may_include"] = list(unit.may_include)
    if unit.note:
        entry["note"] = unit.note
    return entry


def _new_entry(new: NewUnit) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": new.name, "full_name": None, "kind": new.kind}
    if new.kind is UnitKind.COLLECTIVE:
        entry["resolved"] = False
        entry["may_include"] = [UnitKind.MUNICIPAL_DEPARTMENT, UnitKind.DISTRICT_GOVERNMENT]
        entry["note"] = "待核实:导入时新增的集合,成员未列明。"
    else:
        entry["note"] = "待核实:导入时新增的单位,类型按名称推测,全称待填。"
    return entry
