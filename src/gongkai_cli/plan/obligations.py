"""What a unit owes under the plan, and through which collective duty.

A unit owes every task that names it (direct) and every task that names a
collective it belongs to (via 市政府各部门, via 各区政府). When a task reaches a
unit by several routes it is owed once: a direct naming wins over a collective
one (the plan singled the unit out), then the stronger role (lead > responsible
> support); the other routes are kept in `also`. Tasks given to a collective
with no member list (各相关单位, 16项民心工程的市政府牵头部门) are not owed and not
dropped: they "may apply" and are listed apart.

A recurring task (每月, 每季度) is owed once per occurrence in the plan's year, each
with its own due day. A task with no due day (ongoing 持续推进, an item with no
完成时限, or counted from an event not yet recorded) is owed but never overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from gongkai_cli.errors import UnknownUnitError
from gongkai_cli.model.plan import DeadlineKind, Role, Task, Unit, UnitKind
from gongkai_cli.plan.units import UnitDirectory

_ROLE_RANK = {Role.LEAD: 0, Role.RESPONSIBLE: 1, Role.SUPPORT: 2}


class Status(StrEnum):
    """Where a deadline stands on the as-of date."""

    DUE = "due"  # due in N days (N >= 0)
    WINDOW_OPEN = "window_open"  # inside a window such as 8月份
    OVERDUE = "overdue"  # the due date has passed
    ONGOING = "ongoing"  # 持续推进, 常态化 ...: no due day, never overdue
    UNDATED = "undated"  # no due day yet: no 时间节点, or an event not yet recorded


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
    occurrence: dt.date | None = None
    """For a recurring task: the occurrence this obligation is (its due day)."""

    @property
    def due(self) -> dt.date | None:
        """The due day: the occurrence of a recurring task, else the task's; None for none."""
        return self.occurrence or self.task.deadline.due

    def status(self, as_of: dt.date) -> Status:
        """The deadline's status on `as_of`."""
        deadline = self.task.deadline
        due = self.due
        if due is None:
            return Status.ONGOING if deadline.kind is DeadlineKind.ONGOING else Status.UNDATED
        if as_of > due:
            return Status.OVERDUE
        if deadline.window_start is not None and as_of >= deadline.window_start:
            return Status.WINDOW_OPEN
        return Status.DUE

    def days_left(self, as_of: dt.date) -> int | None:
        """Days from `as_of` to the due date; negative once it has passed; None with no due."""
        due = self.due
        return None if due is None else (due - as_of).days


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
            result += _each_occurrence(Obligation(task, who.name, best.role, best.via, tuple(rest)))
        elif possible:
            possible.sort(key=lambda r: _ROLE_RANK[r.role])
            best, *rest = possible
            maybe += _each_occurrence(Obligation(task, who.name, best.role, best.via, tuple(rest)))
    key = _sort_key
    return sorted(result, key=key), sorted(maybe, key=key)


def _each_occurrence(obligation: Obligation) -> list[Obligation]:
    occurrences = obligation.task.deadline.occurrences
    if not occurrences:
        return [obligation]
    return [replace(obligation, occurrence=day) for day in occurrences]


def _sort_key(obligation: Obligation) -> tuple[bool, dt.date, int]:
    """By due day (those with none last), then task number."""
    due = obligation.due
    return (due is None, due or dt.date.min, obligation.task.seq)


def within(
    obligations: Iterable[Obligation],
    before: dt.date | None = None,
    after: dt.date | None = None,
    role: Role | None = None,
) -> list[Obligation]:
    """The obligations due on or after `after` and on or before `before`, in `role`.

    One with no due day is kept only when no date bound is given.
    """
    return [
        o
        for o in obligations
        if _between(o.due, before, after) and (role is None or o.role is role)
    ]


def _between(due: dt.date | None, before: dt.date | None, after: dt.date | None) -> bool:
    if due is None:
        return before is None and after is None
    return (before is None or due <= before) and (after is None or due >= after)


def by_month(obligations: Iterable[Obligation]) -> dict[int, dict[Role, int]]:
    """How many obligations fall due in each month, by role (months with none are absent)."""
    counts: dict[int, dict[Role, int]] = {}
    for obligation in obligations:
        due = obligation.due
        if due is None:
            continue
        month = counts.setdefault(due.month, dict.fromkeys(Role, 0))
        month[obligation.role] += 1
    return dict(sorted(counts.items()))
