"""Where each unit stands on each task it owes, on a given day (考核评估).

For every obligation of every unit, as of a date:

- done on time: done (completion date on or before the as-of date) by the due date;
- done late: done, after the due date;
- overdue: past the due date and not done;
- open: not done, and the due date has not passed (or, counted from an event no
  entry records yet, is not known);
- ongoing (持续推进): not done, and there is no due day at all (持续推进, 长期,
  常态化, an item with no 完成时限). Never overdue, and never nothing: it is counted
  apart, with the unit's progress on it, and done once an entry says so.

A completion date after the as-of date does not count yet, so a report as of
an earlier day shows the plan as it stood then.

Quantitative targets are checked once the task is done: a recorded value that
misses its threshold is *below target*; a done task with no value for a target
is *target unrecorded*. Both are findings that fail the `overdue` gate like an
overdue duty: the plan's number is part of the duty, and "done" with no number
cannot be assessed, so it must not pass silently. Before the task is done a
recorded value is progress, not a finding. Targets are owed by the lead and
responsible units; a supporting (配合) unit has none to record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import Obligation, PreIssue
from gongkai_cli.model.plan import Comparison, Role, Target, Unit, UnitKind
from gongkai_cli.model.progress import (
    Outcome,
    ProgressStatus,
    Standing,
    TargetCheck,
    TargetState,
)
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import asker, owed
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.progress.events import with_events
from gongkai_cli.progress.file import Entry, Progress


def meets(target: Target, value: float) -> bool:
    """Whether `value` satisfies `target`."""
    if target.comparison is Comparison.AT_LEAST:
        return value >= target.threshold
    return value <= target.threshold


def scope_units(
    units: UnitDirectory, query: str | None, progress: Progress | None = None
) -> list[Unit]:
    """The units a query covers: all non-collective units, one unit, or a collective's members;
    with the units `progress` records that the plan takes in by their kind without listing
    them (UnitDirectory.admit: 区财政局 of a district plan's 各部门)."""
    recorded = dict.fromkeys(unit for _seq, unit, _day in progress.entries) if progress else {}
    extra = [u for name in recorded if units.get(name) is None and (u := units.admit(name))]
    if query is None:
        return [u for u in units.units if u.kind is not UnitKind.COLLECTIVE] + extra
    unit = units.resolve(query)
    if unit.kind is not UnitKind.COLLECTIVE:
        return [unit]
    members = units.members(unit)
    members += [u for u in extra if unit in units.collectives_of(u)]
    if not members:
        raise UsageError(
            _("{name} lists no members: name one of its units instead").format(name=unit.name)
        )
    return members


def assess(
    plan: Plan, progress: Progress, as_of: dt.date, who: Sequence[Unit], policy: PreIssue
) -> list[Outcome]:
    """Every obligation of the units `who`, assessed as of `as_of`, unit by unit, their
    deadlines before the issue date dated by `policy` (`pre_issue_policy`)."""
    units = UnitDirectory(plan.units)
    outcomes = []
    for unit in who:
        obligations, _ = owed(plan.tasks, units, asker(units, unit.name), policy=policy)
        for obligation in with_events(obligations, progress):
            entry = progress.entry_for(obligation)
            outcomes.append(_assess_one(obligation, entry, as_of))
    return outcomes


def assess_obligations(
    obligations: Sequence[Obligation], progress: Progress, as_of: dt.date
) -> list[Outcome]:
    """Each obligation assessed against its unit's entry in `progress`, in the same order."""
    return [_assess_one(o, progress.entry_for(o), as_of) for o in obligations]


def open_obligations(
    obligations: Sequence[Obligation], progress: Progress, as_of: dt.date
) -> list[Obligation]:
    """The obligations `progress` does not record as done by `as_of` (`due --open`)."""
    outcomes = assess_obligations(obligations, progress, as_of)
    return [outcome.obligation for outcome in outcomes if not outcome.done]


def _assess_one(obligation: Obligation, entry: Entry | None, as_of: dt.date) -> Outcome:
    completed = entry.completed if entry and entry.status is ProgressStatus.DONE else None
    due = obligation.due
    if completed is not None and completed <= as_of:
        late = due is not None and completed > due
        standing = Standing.DONE_LATE if late else Standing.DONE_ON_TIME
    elif due is not None and as_of > due:
        standing = Standing.OVERDUE
    elif obligation.undated and not obligation.awaits_event:
        standing = Standing.ONGOING
    else:
        standing = Standing.OPEN
    done = standing in (Standing.DONE_ON_TIME, Standing.DONE_LATE)
    checks = []
    if obligation.role is not Role.SUPPORT:
        for target in obligation.task.targets:
            value = entry.values.get(target.id) if entry else None
            if not done:
                state = TargetState.PENDING
            elif value is None:
                state = TargetState.UNRECORDED
            else:
                state = TargetState.MET if meets(target, value) else TargetState.BELOW
            checks.append(TargetCheck(target, value, state))
    return Outcome(obligation, entry, standing, tuple(checks), as_of)
