"""How many tasks fall due in each month: per role for one unit, or for every unit (`owes`)."""

from __future__ import annotations

from typing import NamedTuple

from gongkai_cli.model.obligation import Asker, Obligation, PreIssue
from gongkai_cli.model.plan import Role, UnitKind
from gongkai_cli.plan.obligations import by_month
from gongkai_cli.queries.due import owed_by
from gongkai_cli.queries.scope import PlanScope


class OwesRequest(NamedTuple):
    """One unit (asking as a member of `member_of` too), or every unit when `unit` is None."""

    unit: str | None = None
    member_of: tuple[str, ...] = ()
    direct_only: bool = False


class MonthCount(NamedTuple):
    """The obligations due in one month, by role, and those that may apply."""

    year: int
    month: int
    roles: dict[Role, int]
    may_apply: int


class UnitOwes(NamedTuple):
    """One unit's obligations counted by due month; those with no due day in no month."""

    who: Asker
    year: int
    """The plan's year: a month of another year is said with its year."""
    direct_only: bool
    months: list[MonthCount]
    roles: dict[Role, int]
    """Every obligation by role, dated or not."""
    tasks: int
    undated: int
    may_apply: int
    draft: bool
    """The plan is a draft not yet confirmed (草稿)."""
    undated_roles: dict[Role, int]
    """The obligations with no due day (持续推进, no 完成时限), by role: in no month."""
    undated_may_apply: int
    """Those that may apply and have no due day."""
    graced: tuple[Obligation, ...] = ()
    """Those whose month the issue-day grace gives (印发前已到期), counted there."""
    policy: PreIssue | None = None
    """The plan's policy for deadlines before its issue date, for what the view says."""
    term: str = "时间节点"
    """What the plan calls a time node (时间节点, 完成时限)."""


class OwesRow(NamedTuple):
    """One unit's obligations due in each month of the plan's year, and all of them."""

    unit: str
    months: dict[int, int]
    total: int
    undated: int = 0
    """Of `total`, those with no due day (持续推进, no 完成时限): in no month."""


class OwesMatrix(NamedTuple):
    """Every unit's counts by month of the plan's year; `total` counts all of a unit's
    obligations, `outside` those due in another year and `undated` those with no due day."""

    year: int
    direct_only: bool
    rows: list[OwesRow]
    outside: int
    undated: int
    draft: bool
    graced: tuple[Obligation, ...] = ()
    """One obligation per task whose month the issue-day grace gives (印发前已到期)."""
    policy: PreIssue | None = None
    """The plan's policy for deadlines before its issue date, for what the view says."""
    term: str = "时间节点"
    """What the plan calls a time node (时间节点, 完成时限)."""


def _graced(obligations: list[Obligation]) -> tuple[Obligation, ...]:
    """One obligation per task (and occurrence) whose day the issue-day grace gives."""
    seen: dict[tuple[int, object], Obligation] = {}
    for obligation in obligations:
        if obligation.pre_issue is not None:
            seen.setdefault((obligation.task.seq, obligation.occurrence), obligation)
    return tuple(seen.values())


def owes(scope: PlanScope, request: OwesRequest) -> UnitOwes | OwesMatrix:
    """The counts `owes` shows: of the unit asked about, or of every unit of the plan."""
    year = scope.year
    if request.unit is None:
        return _matrix(scope, request.direct_only)
    who, tasks, maybe = owed_by(scope, request.unit, request.member_of, request.direct_only)
    months = by_month(tasks)
    maybe_months = by_month(maybe)
    counted = [
        MonthCount(
            key[0],
            key[1],
            months.get(key, dict.fromkeys(Role, 0)),
            sum(maybe_months.get(key, {}).values()),
        )
        for key in sorted(set(months) | set(maybe_months))
    ]
    return UnitOwes(
        who,
        year,
        request.direct_only,
        counted,
        {role: sum(1 for t in tasks if t.role is role) for role in Role},
        len(tasks),
        sum(1 for t in tasks if t.undated),
        len(maybe),
        scope.plan.document.draft,
        {role: sum(1 for t in tasks if t.undated and t.role is role) for role in Role},
        sum(1 for t in maybe if t.undated),
        _graced([*tasks, *maybe]),
        scope.policy,
        scope.plan.document.layout.terms.time_node,
    )


def _matrix(scope: PlanScope, direct_only: bool) -> OwesMatrix:
    year = scope.year
    rows = []
    outside = undated = 0
    owed: list[Obligation] = []
    for unit in scope.plan.units:
        if unit.kind is UnitKind.COLLECTIVE:
            continue
        tasks = owed_by(scope, unit.name, (), direct_only).tasks
        owed += tasks
        month_counts = by_month(tasks)
        counts = {m: sum(month_counts.get((year, m), {}).values()) for m in range(1, 13)}
        its_undated = sum(1 for t in tasks if t.undated)
        rows.append(OwesRow(unit.name, counts, len(tasks), its_undated))
        undated += its_undated
        outside += sum(1 for t in tasks if t.due is not None and t.due.year != year)
    return OwesMatrix(
        year,
        direct_only,
        rows,
        outside,
        undated,
        scope.plan.document.draft,
        _graced(owed),
        scope.policy,
        scope.plan.document.layout.terms.time_node,
    )
