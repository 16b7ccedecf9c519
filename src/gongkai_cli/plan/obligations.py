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
完成时限, or counted from an event not yet recorded) is owed but never overdue:
it is *undated*. No date window can hold an undated obligation, and none may
drop it either: `select` lists it apart, whatever the window (无明确时限).

A deadline that fell before the plan was issued (印发前已到期: 2021's tasks 11
and 12 are due 2月底前, the plan was issued on 2021-03-17) could not be met by
anyone. One policy covers every command: such an obligation is due on the issue
date plus the grace period the plan's data records as a decision (document
decision `pre_issue_grace`, e.g. 印发后30日), or on the issue date itself when
none is recorded. The time node stays verbatim, and `lint` keeps flagging it.
Neither the plan nor any rule grants that grace: it is gongkai's convention, shown as
such (gongkai 约定，文件未规定) beside the day as written, and `--no-grace` turns it
off, leaving such tasks due on their written day (overdue from the start).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from gongkai_cli.errors import UnknownUnitError
from gongkai_cli.model.obligation import (
    Asker,
    DeadlineStatus,
    Obligation,
    PreIssue,
    Route,
)
from gongkai_cli.model.plan import Document, Role, Task, UnitKind
from gongkai_cli.plan.units import UnitDirectory

_ROLE_RANK = {Role.LEAD: 0, Role.RESPONSIBLE: 1, Role.SUPPORT: 2}


PRE_ISSUE_GRACE = "pre_issue_grace"
"""The document decision that names the grace period of 印发前已到期 deadlines."""
_GRACE = re.compile(r"印发后(\d{1,3})日")


def pre_issue_policy(document: Document, grace: bool = True) -> PreIssue:
    """The plan's policy for deadlines before its issue date, from its decision (if any);
    with `grace` False (--no-grace), none is granted: such deadlines are due as written."""
    issued = document.issued or dt.date.min
    decision = next((d for d in document.decisions if d.field == PRE_ISSUE_GRACE), None)
    if decision is None:
        return PreIssue(issued, 0, "", grace)
    days = grace_days(decision.value)
    if days is None:  # plan validation refuses this; a hand-built plan gets no grace
        return PreIssue(issued, 0, "", grace)
    return PreIssue(issued, days, decision.value.strip(), grace)


def grace_days(value: str) -> int | None:
    """The days of a grace period written 印发后N日, or None when it is not written so."""
    match = _GRACE.fullmatch(value.strip())
    return int(match[1]) if match else None


def asker(units: UnitDirectory, name: str, member_of: Sequence[str] = ()) -> Asker:
    """Who is asking: `name` resolved, or, with `member_of`, a department the data lacks.

    A unit the data does not list can still ask as a member of a collective
    (`--member-of 市政府各部门`); its kind is then the kind of that collective's
    members.
    """
    extra = [units.collective(collective) for collective in member_of]
    try:
        # With --member-of, a unit the plan lacks asks as a member: no other plan is looked at.
        unit = units.resolve(name, elsewhere=not extra)
    except UnknownUnitError:
        if not extra:
            raise
        kinds = {member.kind for c in extra for member in units.members(c)}
        kind = kinds.pop() if len(kinds) == 1 else None
        return Asker(name.strip(), kind, tuple(extra), listed=False)
    collectives = units.collectives_of(unit)
    collectives += [c for c in extra if c not in collectives]
    # A unit `units.admit` took in by its kind is not one the data lists.
    return Asker(unit.name, unit.kind, tuple(collectives), listed=units.listed(unit))


def owed(
    tasks: Iterable[Task],
    units: UnitDirectory,
    who: Asker,
    direct_only: bool = False,
    *,
    policy: PreIssue | None,
) -> tuple[list[Obligation], list[Obligation]]:
    """The tasks `who` owes, and those that may apply, sorted by due date then seq.

    `policy` (see `pre_issue_policy`) dates the obligations whose time node falls
    before the issue date; it is required so that no command forgets it.
    """
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
            found = Obligation(task, who.name, best.role, best.via, tuple(rest))
            result += _each_occurrence(found, policy)
        elif possible:
            possible.sort(key=lambda r: _ROLE_RANK[r.role])
            best, *rest = possible
            found = Obligation(task, who.name, best.role, best.via, tuple(rest))
            maybe += _each_occurrence(found, policy)
    key = sort_key
    return sorted(result, key=key), sorted(maybe, key=key)


def _each_occurrence(obligation: Obligation, policy: PreIssue | None) -> list[Obligation]:
    occurrences = obligation.task.deadline.occurrences
    each = [obligation._replace(occurrence=day) for day in occurrences] or [obligation]
    if policy is None:
        return each
    return [
        o._replace(pre_issue=policy) if policy.due(o.written_due) != o.written_due else o
        for o in each
    ]


def sort_key(obligation: Obligation) -> tuple[bool, dt.date, int]:
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

    An undated one (no due day) is in no window, not even an unbounded one: `undated`
    lists those.
    """
    return [
        o
        for o in obligations
        if _between(o.due, before, after) and (role is None or o.role is role)
    ]


def undated(obligations: Iterable[Obligation], role: Role | None = None) -> list[Obligation]:
    """The obligations in `role` with no due day (持续推进, no time node, an event not yet
    recorded): whatever a date window, they stay in view apart from it."""
    return [o for o in obligations if o.undated and (role is None or o.role is role)]


class Selection(NamedTuple):
    """What `due` lists: the obligations in the window, the undated ones (whatever the
    window), those that may apply (in the window or undated), and with a lower bound, the
    ones due before it and overdue on the as-of day (still open unless a progress file
    says otherwise)."""

    tasks: list[Obligation]
    """Those with a due day in the window."""
    undated: list[Obligation]
    """Those with no due day (无明确时限): in no window, and never left out by one."""
    maybe: list[Obligation]
    earlier: list[Obligation] | None
    """None without a lower bound (nothing is before the window)."""
    grep: str | None


def select(
    tasks: Sequence[Obligation],
    maybe: Sequence[Obligation],
    as_of: dt.date,
    before: dt.date | None,
    after: dt.date | None,
    role: Role | None,
    grep: str | None,
) -> Selection:
    """The obligations `due` lists, in the window and the role, matching the squeezed `grep`."""

    def kept(obligations: Iterable[Obligation]) -> list[Obligation]:
        if grep is None:
            return list(obligations)
        from gongkai_cli.plan.search import task_matches

        return [o for o in obligations if task_matches(o.task, grep)]

    earlier = None
    if after is not None:
        day_before = after - dt.timedelta(days=1)
        earlier = [
            o
            for o in kept(within(tasks, day_before, None, role))
            if o.status(as_of) is DeadlineStatus.OVERDUE
        ]
    return Selection(
        kept(within(tasks, before, after, role)),
        kept(undated(tasks, role)),
        kept(within(maybe, before, after, role) + undated(maybe, role)),
        earlier,
        grep,
    )


def _between(due: dt.date | None, before: dt.date | None, after: dt.date | None) -> bool:
    if due is None:
        return False
    return (before is None or due <= before) and (after is None or due >= after)


def by_month(obligations: Iterable[Obligation]) -> dict[tuple[int, int], dict[Role, int]]:
    """How many obligations fall due in each (year, month), by role (months with none are
    absent; so are obligations with no due day). A plan's deadline may fall in another
    year (下一年第一季度): its month is that year's, not the plan year's."""
    counts: dict[tuple[int, int], dict[Role, int]] = {}
    for obligation in obligations:
        due = obligation.due
        if due is None:
            continue
        month = counts.setdefault((due.year, due.month), dict.fromkeys(Role, 0))
        month[obligation.role] += 1
    return dict(sorted(counts.items()))
