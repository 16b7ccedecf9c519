"""The draft's units: each unit a task names, read at the plan's own place and level.

A unit is found in the registries that serve the plan's place (plan/registries.py):
Shanghai's city units for a Shanghai plan (its 市X units only, for a district's or a
department's plan), and a Shanghai district's 街道 and 镇. A found unit is copied with
its entry, and a collective brings its members.

A unit no registry has gets an entry of its own: its kind read from its name by the
grammar of plan/kinds.py at the plan's level (kind_source: grammar), a full name only
where the plan itself gives it (区府办 is the issuer, 上海市普陀区人民政府办公室), the
name qualified by the place as an alias (区民政局 -> 普陀区民政局), and a 待核对 point
that never blocks loading. A collective of a kind (各部门, 各街镇) lists the units of
that kind the plan names, or the registry has, and accepts any other unit of the kind.
Suggestions for a new name come only from units of the same level and place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongkai_cli.model.plan import KindSource, Level, Unit, UnitKind
from gongkai_cli.plan.kinds import KindReading, read_kind, unit_level
from gongkai_cli.plan.place import Place, read_place
from gongkai_cli.plan.registries import District, divisions
from gongkai_cli.plan.spelling import to_simplified
from gongkai_cli.plan.units import UnitDirectory

_DIVISION_SUFFIX = re.compile(r"(?<=[镇乡])(人民政府|政府)$|(?<=街道)办事处$")
_LEVEL_PREFIX = {Level.PROVINCE: "省", Level.CITY: "市", Level.DISTRICT: "区"}


def guess_kind(name: str, level: Level = Level.CITY) -> UnitKind:
    """The kind a unit's name suggests in a plan at `level` (plan/kinds.py); only a guess,
    always marked for review."""
    return read_kind(name, level).kind


@dataclass(slots=True)
class NewUnit:
    """A unit no registry has, as the plan writes it, with the grammar's reading."""

    name: str
    reading: KindReading
    suggestions: list[str]
    rows: list[int] = field(default_factory=list)

    @property
    def kind(self) -> UnitKind:
        """The kind the grammar reads."""
        return self.reading.kind


@dataclass(slots=True)
class DraftUnits:
    """The units of a draft, in the order they are first named, with members after."""

    registry: UnitDirectory
    place: Place | None = None
    issuer: str = ""
    district: District | None = None
    named: dict[str, Unit] = field(default_factory=dict)
    new: dict[str, NewUnit] = field(default_factory=dict)
    division_units: dict[str, Unit] = field(default_factory=dict)
    spellings: dict[str, list[str]] = field(default_factory=dict)
    """Registered units the plan writes otherwise (in traditional characters), by name."""

    def __post_init__(self) -> None:
        if self.district is not None:
            for name in self.district.streets:
                self.division_units[name] = self._division(name, UnitKind.SUBDISTRICT_OFFICE)
            for name in self.district.towns:
                self.division_units[name] = self._division(name, UnitKind.TOWN_GOVERNMENT)

    @property
    def level(self) -> Level:
        """The plan's level (a city's, when the place is not known)."""
        return self.place.level if self.place else Level.CITY

    def _division(self, name: str, kind: UnitKind) -> Unit:
        district = self.district
        assert district is not None
        what = "街道" if kind is UnitKind.SUBDISTRICT_OFFICE else "镇（乡）"
        note = (
            f"{district.name}的{what}，见行政区划：{divisions().source}，区划代码 {district.code}。"
        )
        return Unit(name, None, kind, named_in_document=False, note=note)

    def add(
        self, spelling: str, seq: int, *, open_hint: bool = False, shared: bool = False
    ) -> None:
        """Record that task `seq` names `spelling` (`open_hint`: the cell made it an open
        collective, X等相关部门; `shared`: it shares a preceding 各)."""
        unit = self.registry.get(spelling) or self.division_units.get(spelling)
        if unit is None and (simplified := to_simplified(spelling)) != spelling:
            # 市政府辦公廳 is 市政府办公厅: found, and the plan's spelling kept as an alias
            unit = self.registry.get(simplified) or self.division_units.get(simplified)
            if unit is not None:
                self.spellings.setdefault(unit.name, []).append(spelling)
        if unit is None and (short := _DIVISION_SUFFIX.sub("", spelling)) != spelling:
            # 彭浦镇政府 is the division list's 彭浦镇: found, its spelling kept as an alias
            unit = self.division_units.get(short)
            if unit is not None:
                self.spellings.setdefault(unit.name, []).append(spelling)
        if unit is not None:
            self.named.setdefault(unit.name, unit)
            return
        if spelling not in self.new:
            reading = read_kind(spelling, self.level, open_hint=open_hint, shared_each=shared)
            self.new[spelling] = NewUnit(spelling, reading, self._suggest(spelling, reading))
        self.new[spelling].rows.append(seq)

    def _suggest(self, name: str, reading: KindReading) -> list[str]:
        """Registered units of the same level as `name` that it may mean."""
        level = self.level
        mine = unit_level(Unit(name, None, reading.kind, member_kinds=reading.member_kinds), level)
        same = [u for u in self.registry.units if unit_level(u, level) == mine]
        return UnitDirectory(same).suggest(name) if same else []

    def entries(self) -> list[dict[str, Any]]:
        """units.yaml entries: registered units in the registry's order, the new ones, then
        the division list's 街道 and 镇 that a collective of the plan takes as members.

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
        for entry in out:
            if extra := self.spellings.get(entry["name"]):
                known = entry.get("aliases", [])
                entry["aliases"] = known + [s for s in dict.fromkeys(extra) if s not in known]
        out += [self._new_entry(new) for new in self.new.values()]
        kinds = {k for new in self.new.values() for k in new.reading.member_kinds}
        divisions_out = [
            _entry(unit, named=unit.name in self.named)
            for unit in self.division_units.values()
            if unit.name in self.named or unit.kind in kinds
        ]
        for entry in divisions_out:
            if extra := self.spellings.get(entry["name"]):
                entry["aliases"] = list(dict.fromkeys(extra))
        out += divisions_out
        self._members(out)
        listed = {entry["name"] for entry in out}
        # A judgement may only name a unit of this file.
        for entry in out:
            if entry.get("judgements"):
                entry["judgements"] = [j for j in entry["judgements"] if j["unit"] in listed]
                if not entry["judgements"]:
                    del entry["judgements"]
        return out

    def _members(self, out: list[dict[str, Any]]) -> None:
        """Each new collective of a kind lists the units of that kind in the file."""
        for entry in out:
            kinds = entry.get("member_kinds")
            if not kinds or entry["name"] not in self.new:
                continue
            entry["members"] = [
                other["name"]
                for other in out
                if other["kind"] in kinds and other["kind"] is not UnitKind.COLLECTIVE
            ]

    def _new_entry(self, new: NewUnit) -> dict[str, Any]:
        reading = new.reading
        entry: dict[str, Any] = {"name": new.name, "full_name": None, "kind": reading.kind}
        entry["kind_source"] = KindSource.GRAMMAR
        if reading.kind is UnitKind.COLLECTIVE:
            if reading.member_kinds:
                entry["member_kinds"] = list(reading.member_kinds)
                entry["members"] = []
                entry["note"] = f"待核对：导入时按名称读作集合（{reading.rule}）。"
            else:
                entry["resolved"] = False
                entry["may_include"] = list(reading.may_include)
                entry["note"] = (
                    f"待核对：导入时新增的开放集合（{reading.rule}），要点未列出成员，"
                    "其任务对可能包括的单位显示为“可能适用”。"
                )
            return entry
        full_name = self._full_name(new.name, reading.kind)
        if full_name:
            entry["full_name"] = full_name
        alias = None if full_name else self._qualified(new.name)
        if alias:
            entry["aliases"] = [alias]
        entry["note"] = f"待核对：导入时新增的单位，类型按名称推测（{reading.rule}）。"
        return entry

    def _full_name(self, name: str, kind: UnitKind) -> str | None:
        """The issuer's name for the plan government's own office (区府办 in a district's
        plan issued by that district's office); None otherwise."""
        if kind is not UnitKind.GOVERNMENT_OFFICE or self.place is None or not self.issuer:
            return None
        prefix = _LEVEL_PREFIX.get(self.place.level)
        if prefix is None or not name.startswith(prefix):
            return None
        issuer = read_place(self.issuer)
        if issuer is None or issuer.name != self.place.name:
            return None
        return self.issuer if self.issuer.endswith(("办公室", "办公厅")) else None

    def _qualified(self, name: str) -> str | None:
        """区民政局 in 上海市普陀区's plan is 普陀区民政局: the place for the name's prefix."""
        if self.place is None or not self.place.name:
            return None  # no place to qualify it with
        prefix = _LEVEL_PREFIX.get(self.place.level)
        if prefix is None or not name.startswith(prefix) or len(name) < 3:
            return None
        qualified = self.place.tail + name[1:]
        taken = self.registry.get(qualified) or qualified in self.new
        return None if taken else qualified


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
    if unit.member_kinds:
        entry["member_kinds"] = list(unit.member_kinds)
    if unit.note:
        entry["note"] = unit.note
    return entry
