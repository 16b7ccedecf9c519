"""Finding units by the names people type, and the collectives they belong to.

A unit is found by its canonical name, an alias, its full name, or a short form
that is part of exactly one of those (教委 -> 市教委). A name typed in traditional
characters (長寧區政府) is converted to simplified ones (OpenCC's t2s) when it is
not found as typed; the conversion is loaded only then, so a name found as typed
costs nothing more. Collectives (各区政府,
市政府各部门) list their members; a unit owes what its collectives owe.

A collective may also take every unit of some kinds as members (`member_kinds`: a
district plan's 各部门 takes every district department). A name the plan never lists
is then admitted (`admit`) when the kind grammar (plan/kinds.py) reads it as one of
those kinds: 区财政局 in a district plan is a member of 各部门, 长征镇 of 各街镇. Such a
unit is marked 待核对 (kind_source: grammar, not listed) wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from gongkai_cli.errors import ECHO_LIMIT, UnknownUnitError, shown
from gongkai_cli.i18n import _
from gongkai_cli.model.plan import KindSource, Unit, UnitKind


class UnitDirectory:
    """Every unit of a plan, indexed by every name it goes by."""

    def __init__(
        self, units: Sequence[Unit], elsewhere: Callable[[str], str | None] | None = None
    ) -> None:
        """`elsewhere`, given a name the plan lacks, says where else it is named (another
        installed plan: `plan.install.elsewhere`), or None: the line `resolve` refuses
        the name with then, instead of the closest names here."""
        self.units = tuple(units)
        self._elsewhere = elsewhere
        self._by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in self.names_of(unit):
                self._by_name.setdefault(name, unit)
        self._collectives: dict[str, list[Unit]] = {}
        self._by_kind: dict[UnitKind, list[Unit]] = {}
        for unit in self.units:
            for member in unit.members:
                self._collectives.setdefault(member, []).append(unit)
            for kind in unit.member_kinds:
                self._by_kind.setdefault(kind, []).append(unit)

    @staticmethod
    def names_of(unit: Unit) -> Iterable[str]:
        """The canonical name, the full name and the aliases of `unit`."""
        yield unit.name
        if unit.full_name:
            yield unit.full_name
        yield from unit.aliases

    def get(self, name: str) -> Unit | None:
        """The unit that `name` spells exactly, if any."""
        return self._by_name.get(name)

    def canonical(self, name: str) -> str:
        """The canonical name for an exact spelling (the name itself when unknown)."""
        unit = self._by_name.get(name)
        return unit.name if unit else name

    def resolve(self, query: str, *, elsewhere: bool = True) -> Unit:
        """The unit a user means by `query`, or UnknownUnitError: with the other installed
        plans that name it (`elsewhere`, unless told not to look), else the closest names."""
        text = query.strip()
        unit = self._find(text, query)
        if unit is None and text:
            from gongkai_cli.plan.spelling import to_simplified

            simplified = to_simplified(text)
            if simplified != text:
                unit = self._find(simplified, query)
        if unit is None and text:
            unit = self.admit(text)
        if unit is None:
            said = self._elsewhere(text) if elsewhere and self._elsewhere and text else None
            raise UnknownUnitError(said or self._unknown_message(query))
        return unit

    def admit(self, name: str) -> Unit | None:
        """A unit the plan does not list, taken as a member of the collectives that take
        its kind (`member_kinds`), or None when none does or the name is not a unit's."""
        if not self._by_kind or len(name) > 40:
            return None
        from gongkai_cli.plan.kinds import kind_words, read_admitted, rule_words

        found = read_admitted(name, self._level_hint())
        if found is None or found[0] not in self._by_kind:
            return None
        kind, rule = found
        collectives = "、".join(c.name for c in self._by_kind[kind])
        note = _(
            "to check: {name} is not in the plan's units; read as {kind} by its name ({rule}), "
            "a member of {collectives}"
        ).format(name=name, kind=kind_words(kind), rule=rule_words(rule), collectives=collectives)
        return Unit(
            name,
            None,
            kind,
            named_in_document=False,
            kind_source=KindSource.GRAMMAR,
            note=note,
        )

    def admitted_note(self, name: str) -> str | None:
        """The 待核对 note of `name` when `admit` takes it in (the plan does not list it)."""
        text = name.strip()
        if not text or self.get(text) is not None:
            return None
        try:
            unit = self.resolve(text, elsewhere=False)
        except UnknownUnitError:
            return None
        return None if self.listed(unit) else unit.note

    def listed(self, unit: Unit) -> bool:
        """Whether `unit` is one of the plan's units (not one `admit` took in)."""
        return self._by_name.get(unit.name) is unit

    def _level_hint(self) -> Any:
        """The plan's level, as its collectives of a kind say it (a district plan's 各部门
        takes district departments); None when they do not say."""
        from gongkai_cli.model.plan import Level

        levels = {
            UnitKind.PROVINCIAL_DEPARTMENT: Level.PROVINCE,
            UnitKind.MUNICIPAL_DEPARTMENT: Level.CITY,
            UnitKind.DISTRICT_DEPARTMENT: Level.DISTRICT,
            UnitKind.SUBDISTRICT_OFFICE: Level.DISTRICT,
            UnitKind.TOWN_GOVERNMENT: Level.DISTRICT,
            UnitKind.INTERNAL_OFFICE: Level.DEPARTMENT,
        }
        return next((levels[k] for k in self._by_kind if k in levels), None)

    def _find(self, text: str, query: str) -> Unit | None:
        """The unit `text` names exactly or is a part of; UnknownUnitError if several."""
        if unit := self._by_name.get(text):
            return unit
        if text:
            found = {unit.name: unit for name, unit in self._by_name.items() if text in name}
            if len(found) == 1:
                return next(iter(found.values()))
            if len(found) > 1:
                names = "、".join(sorted(found)[:8])
                raise UnknownUnitError(
                    _("unit {query} is ambiguous: it could be {names}").format(
                        query=shown(query), names=names
                    )
                )
        return None

    def _unknown_message(self, query: str) -> str:
        hint = ""
        if suggestions := self.suggest(query):
            hint = _("; did you mean {suggestions}?").format(
                suggestions=_(" or ").join(suggestions)
            )
        return unknown_unit_message(query, hint)

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Canonical names closest to `query`: longest shared run of characters, then similarity.

        Chinese names differ by one character in meaning (市教育局 is not 市体育局),
        so a long shared run (市教育 in 上海市教育委员会) counts before overall similarity.
        A name with a level prefix (市, 区, 省, 县) is offered only units of that level.
        """
        import difflib

        text = query.strip()
        if len(text) > ECHO_LIMIT:  # no unit's name is that long: nothing is close
            return []
        from gongkai_cli.model.plan import Level
        from gongkai_cli.plan.spelling import to_simplified

        text = to_simplified(text)
        from gongkai_cli.plan.kinds import prefix_level, unit_level

        # Never across levels: 区民政局 is not offered 市民政局 or a 区政府.
        mine = prefix_level(text)
        plan_level = self._level_hint() or mine or Level.CITY
        best: dict[str, tuple[int, float]] = {}
        for spelling, unit in self._by_name.items():
            if mine is not None and unit_level(unit, plan_level, self.members(unit)) != mine:
                continue
            matcher = difflib.SequenceMatcher(None, text, spelling, autojunk=False)
            run = matcher.find_longest_match(0, len(text), 0, len(spelling)).size
            score = (run, matcher.ratio())
            if run >= 2 and score > best.get(unit.name, (0, 0.0)):
                best[unit.name] = score
        ranked = sorted(best, key=lambda name: best[name], reverse=True)
        return ranked[:limit]

    def collectives_of(self, unit: Unit) -> list[Unit]:
        """The collectives that list `unit` as a member, or take every unit of its kind
        (unless they judge it out)."""
        found = list(self._collectives.get(unit.name, ()))
        for collective in self._by_kind.get(unit.kind, ()):
            judged_out = any(j.unit == unit.name and not j.member for j in collective.judgements)
            if collective not in found and not judged_out:
                found.append(collective)
        return found

    def members(self, collective: Unit) -> list[Unit]:
        """The member units of a collective, in the order it lists them."""
        return [self._by_name[name] for name in collective.members if name in self._by_name]

    def collective(self, query: str) -> Unit:
        """Like `resolve`, but the unit must be a collective."""
        unit = self.resolve(query)
        if unit.kind is not UnitKind.COLLECTIVE:
            raise UnknownUnitError(
                _("{name} is not a collective (see 'gongkai units')").format(name=unit.name)
            )
        return unit


def unknown_unit_message(query: str, hint: str = "") -> str:
    """The one line that refuses a unit: what was typed, the closest names, and how to add it."""
    return _(
        "unknown unit {query}{hint} ('gongkai units' lists them; to add one, write its name "
        "and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)"
    ).format(query=shown(query), hint=hint)
