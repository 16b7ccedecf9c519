"""What a unit owes under the plan, and through which collective duty.

A unit owes every task that names it (direct) and every task that names a
collective it belongs to (via 市政府各部门, via 各区政府). When a task reaches a
unit by several routes it is owed once: a direct naming wins over a collective
one (the plan singled the unit out), then the stronger role (lead > responsible
> support); the other routes are kept in `also`. Tasks given to a collective
with no member list (各相关单位, 16项民心工程的市政府牵头部门) are not owed and not
dropped: they "may apply" and are listed apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gongkai_cli.errors import UnknownUnitError
from gongkai_cli.model.plan import Role, Task, Unit, UnitKind
from gongkai_cli.plan.units import UnitDirectory

_ROLE_RANK = {Role.LEAD: 0, Role.RESPONSIBLE: 1, Role.SUPPORT: 2}


class Status(StrEnum):
    """Where a deadline stands on the as-of date."""

    DUE = "due"  # due in N days (N >= 0)
    WINDOW_OPEN = "window_open"  # inside a window such as 8月份
    OVERDUE = "overdue"  # the due date has passed


@dataclass(frozen=True, slots=True)
class Route:
    """One way a task reaches a unit: its role, and the collective it comes through."""

    role: Role
    via: str | None  # None: the task names the unit itself


@dataclass(frozen=True, slots=True)
class Obligation:
    """A task a unit owes, with its role and the collective it is owed through."""

    task: Task
    unit: str
    role: Role
    via: str | None
    also: tuple[Route, ...] = ()

    @property
    def due(self) -> dt.date:
        return self.task.deadline.due

    def status(self, as_of: dt.date) -> Status:
        """The deadline's status on `as_of`."""
        deadline = self.task.deadline
        if as_of > deadline.due:
            return Status.OVERDUE
        if deadline.window_start is not None and as_of >= deadline.window_start:
            return Status.WINDOW_OPEN
        return Status.DUE

    def days_left(self, as_of: dt.date) -> int:
        """Days from `as_of` to the due date; negative once it has passed."""
        return (self.task.deadline.due - as_of).days


@dataclass(frozen=True, slots=True)
class Asker:
    """The unit asking: a unit of the data, or one the data does not list."""

    name: str
    kind: UnitKind | None
    collectives: tuple[Unit, ...]
    listed: bool


def asker(units: UnitDirectory, name: str, member_of: Sequence[str] = ()) -> Asker:
    """Who is asking: `name` resolved, or, with `member_of`, a department the data lacks.

    A unit the data does not list can still ask as a member of a collective
    (`--member-of 市政府各部门`); its kind is then the kind of that collective's
    members.
    """
    extra = [units.collective(collective) for collective in member_of]
    try:
        unit = units.resolve(name)
    except UnknownUnitError:
        if not extra:
            raise
        kinds = {member.kind for c in extra for member in units.members(c)}
        kind = kinds.pop() if len(kinds) == 1 else None
        return Asker(name.strip(), kind, tuple(extra), listed=False)
    collectives = units.collectives_of(unit)
    collectives += [c for c in extra if c not in collectives]
    return Asker(unit.name, unit.kind, tuple(collectives), listed=True)


def owed(
    tasks: Iterable[Task], units: UnitDirectory, who: Asker, direct_only: bool = False
) -> tuple[list[Obligation], list[Obligation]]:
    """The tasks `who` owes, and those that may apply, sorted by due date then seq."""
    collectives = {c.name for c in who.collectives}
    unresolved = {
        u.name
        for u in units.units
        if u.kind is UnitKind.COLLECTIVE
        and not u.resolved
        and (who.kind is None or who.kind in u.may_include)
    }
    result: list[Obligation] = []
    maybe: list[Obligation] = []
    for task in tasks:
        routes: list[Route] = []
        possible: list[Route] = []
        for assignment in task.assignments:
            name = units.canonical(assignment.unit)
            if name == who.name:
                routes.append(Route(assignment.role, None))
            elif name in collectives and not direct_only:
                routes.append(Route(assignment.role, name))
            elif name in unresolved and not direct_only:
                possible.append(Route(assignment.role, name))
        if routes:
            routes.sort(key=lambda r: (r.via is not None, _ROLE_RANK[r.role]))
            best, *rest = routes
            result.append(Obligation(task, who.name, best.role, best.via, tuple(rest)))
        elif possible:
            possible.sort(key=lambda r: _ROLE_RANK[r.role])
            best, *rest = possible
            maybe.append(Obligation(task, who.name, best.role, best.via, tuple(rest)))
    key = _sort_key
    return sorted(result, key=key), sorted(maybe, key=key)


def _sort_key(obligation: Obligation) -> tuple[dt.date, int]:
    return (obligation.due, obligation.task.seq)


def within(
    obligations: Iterable[Obligation],
    before: dt.date | None = None,
    after: dt.date | None = None,
    role: Role | None = None,
) -> list[Obligation]:
    """The obligations due on or after `after` and on or before `before`, in `role`."""
    return [
        o
        for o in obligations
        if (before is None or o.due <= before)
        and (after is None or o.due >= after)
        and (role is None or o.role is role)
    ]


def by_month(obligations: Iterable[Obligation]) -> dict[int, dict[Role, int]]:
    """How many obligations fall due in each month, by role (months with none are absent)."""
    counts: dict[int, dict[Role, int]] = {}
    for obligation in obligations:
        month = counts.setdefault(obligation.due.month, dict.fromkeys(Role, 0))
        month[obligation.role] += 1
    return dict(sorted(counts.items()))
