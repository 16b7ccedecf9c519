"""Finding units by the names people type, and the collectives they belong to.

A unit is found by its canonical name, an alias, its full name, or a short form
that is part of exactly one of those (教委 -> 市教委). A name typed in traditional
characters (長寧區政府) is converted to simplified ones (OpenCC's t2s) when it is
not found as typed; the conversion is loaded only then, so a name found as typed
costs nothing more. Collectives (各区政府,
市政府各部门) list their members; a unit owes what its collectives owe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from gongkai_cli.errors import ECHO_LIMIT, UnknownUnitError, shown
from gongkai_cli.i18n import _
from gongkai_cli.model.plan import Unit, UnitKind


class UnitDirectory:
    """Every unit of a plan, indexed by every name it goes by."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = tuple(units)
        self._by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in self.names_of(unit):
                self._by_name.setdefault(name, unit)
        self._collectives: dict[str, list[Unit]] = {}
        for unit in self.units:
            for member in unit.members:
                self._collectives.setdefault(member, []).append(unit)

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

    def resolve(self, query: str) -> Unit:
        """The unit a user means by `query`, or UnknownUnitError with the closest names."""
        text = query.strip()
        unit = self._find(text, query)
        if unit is None and text:
            simplified = to_simplified(text)
            if simplified != text:
                unit = self._find(simplified, query)
        if unit is None:
            raise UnknownUnitError(self._unknown_message(query))
        return unit

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
        return _("unknown unit {query}{hint} ('gongkai units' lists them)").format(
            query=shown(query), hint=hint
        )

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Canonical names closest to `query`: longest shared run of characters, then similarity.

        Chinese names differ by one character in meaning (市教育局 is not 市体育局),
        so a long shared run (市教育 in 上海市教育委员会) counts before overall similarity.
        """
        import difflib

        text = query.strip()
        if len(text) > ECHO_LIMIT:  # no unit's name is that long: nothing is close
            return []
        text = to_simplified(text)
        best: dict[str, tuple[int, float]] = {}
        for spelling, unit in self._by_name.items():
            matcher = difflib.SequenceMatcher(None, text, spelling, autojunk=False)
            run = matcher.find_longest_match(0, len(text), 0, len(spelling)).size
            score = (run, matcher.ratio())
            if run >= 2 and score > best.get(unit.name, (0, 0.0)):
                best[unit.name] = score
        ranked = sorted(best, key=lambda name: best[name], reverse=True)
        return ranked[:limit]

    def collectives_of(self, unit: Unit) -> list[Unit]:
        """The collectives that list `unit` as a member."""
        return list(self._collectives.get(unit.name, ()))

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


def to_simplified(text: str) -> str:
    """`text` with traditional characters as simplified ones (長寧區 -> 长宁区)."""
    if text.isascii():
        return text
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    converted: str = _converter.convert(text)
    return converted


_converter: Any = None  # OpenCC's converter, built on first use (it loads dictionaries)
