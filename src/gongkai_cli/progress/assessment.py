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
from dataclasses import dataclass
from typing import Any

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Comparison, Role, Target, Unit, UnitKind
from gongkai_cli.model.progress import ProgressStatus, Standing, TargetState
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy, pre_issue_record
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.progress.events import with_events
from gongkai_cli.progress.file import Entry, Progress, number


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """One target of an obligation and the value recorded for it."""

    target: Target
    value: float | None
    state: TargetState


@dataclass(frozen=True, slots=True)
class Outcome:
    """One obligation of one unit, assessed as of a date."""

    obligation: Obligation
    entry: Entry | None
    standing: Standing
    targets: tuple[TargetCheck, ...]
    as_of: dt.date

    @property
    def done(self) -> bool:
        return self.standing in (Standing.DONE_ON_TIME, Standing.DONE_LATE)

    @property
    def completed(self) -> dt.date | None:
        """The completion date, when the task is done as of the as-of date."""
        return self.entry.completed if self.done and self.entry else None

    @property
    def days_late(self) -> int:
        """Days past the due date: at completion, or on the as-of date when not done."""
        end = self.completed or self.as_of
        due = self.obligation.due
        return 0 if due is None else max((end - due).days, 0)

    @property
    def findings(self) -> tuple[TargetCheck, ...]:
        """The targets that fail the gate: below threshold or never recorded."""
        return tuple(
            c for c in self.targets if c.state in (TargetState.BELOW, TargetState.UNRECORDED)
        )


def meets(target: Target, value: float) -> bool:
    """Whether `value` satisfies `target`."""
    if target.comparison is Comparison.AT_LEAST:
        return value >= target.threshold
    return value <= target.threshold


def scope(units: UnitDirectory, query: str | None, progress: Progress | None = None) -> list[Unit]:
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


def assess(plan: Plan, progress: Progress, as_of: dt.date, who: Sequence[Unit]) -> list[Outcome]:
    """Every obligation of the units `who`, assessed as of `as_of`, unit by unit."""
    units = UnitDirectory(plan.units)
    policy = pre_issue_policy(plan.document)
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


def target_record(check: TargetCheck) -> dict[str, Any]:
    """A target check as JSON-ready data."""
    target = check.target
    return {
        "id": target.id,
        "metric": target.metric,
        "comparison": str(target.comparison),
        "threshold": number(target.threshold),
        "unit": target.unit,
        "value": None if check.value is None else number(check.value),
        "state": str(check.state),
    }


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """An outcome as JSON-ready data."""
    obligation = outcome.obligation
    task = obligation.task
    entry = outcome.entry
    return {
        "seq": task.seq,
        "name": task.name,
        "unit": obligation.unit,
        "role": str(obligation.role),
        "via": obligation.via,
        "time_node": task.time_node,
        "due": obligation.due.isoformat() if obligation.due else None,
        **({"occurrence": obligation.occurrence.isoformat()} if obligation.occurrence else {}),
        "standing": str(outcome.standing),
        "progress": str(entry.status) if entry else None,
        "completed": entry.completed.isoformat() if entry and entry.completed else None,
        "days_late": outcome.days_late,
        "pre_issue": pre_issue_record(obligation),
        "evidence": entry.evidence if entry else "",
        "note": entry.note if entry else "",
        "targets": [target_record(check) for check in outcome.targets],
    }


@dataclass(frozen=True, slots=True)
class GateResult:
    """What the `overdue` gate reports, as of a date."""

    as_of: dt.date
    overdue: tuple[Outcome, ...]
    below_target: tuple[tuple[Outcome, TargetCheck], ...]
    target_unrecorded: tuple[tuple[Outcome, TargetCheck], ...]
    done_late: tuple[Outcome, ...]
    ongoing: tuple[Outcome, ...] = ()
    """Not done, with no due day (持续推进): listed apart, never failing the gate."""

    @property
    def failed(self) -> bool:
        """True when a duty has lapsed: anything overdue, below target or unrecorded."""
        return bool(self.overdue or self.below_target or self.target_unrecorded)


def gate(outcomes: Sequence[Outcome], as_of: dt.date) -> GateResult:
    """The outcomes the gate reports; done-late and ongoing ones (no due day, not done) are
    listed but do not fail it."""
    below: list[tuple[Outcome, TargetCheck]] = []
    unrecorded: list[tuple[Outcome, TargetCheck]] = []
    for outcome in outcomes:
        for check in outcome.findings:
            (below if check.state is TargetState.BELOW else unrecorded).append((outcome, check))
    return GateResult(
        as_of=as_of,
        overdue=tuple(o for o in outcomes if o.standing is Standing.OVERDUE),
        below_target=tuple(below),
        target_unrecorded=tuple(unrecorded),
        done_late=tuple(o for o in outcomes if o.standing is Standing.DONE_LATE),
        ongoing=tuple(o for o in outcomes if o.standing is Standing.ONGOING),
    )


def gate_record(found: GateResult) -> dict[str, Any]:
    """The gate's findings as JSON-ready data: one list per kind, each item an outcome.

    A target finding carries the target checked (`target`) besides the outcome's
    own fields. `ongoing` (tasks with no due day, not done) is there only when there
    are any, so a plan whose every task has a day answers as it did.
    """
    record = {
        "as_of": found.as_of.isoformat(),
        "failed": found.failed,
        "overdue": [outcome_record(o) for o in found.overdue],
        "below_target": [
            {**outcome_record(o), "target": target_record(c)} for o, c in found.below_target
        ],
        "target_unrecorded": [
            {**outcome_record(o), "target": target_record(c)} for o, c in found.target_unrecorded
        ],
        "done_late": [outcome_record(o) for o in found.done_late],
    }
    if found.ongoing:
        record["ongoing"] = [outcome_record(o) for o in found.ongoing]
    return record


FINDING_KINDS = ("overdue", "below_target", "target_unrecorded", "done_late")
"""The kinds of finding, each a list in the gate's record; `ongoing` follows them when
the record has it (`finding_rows`)."""
FINDING_COLUMNS = (
    "kind",
    "seq",
    "name",
    "unit",
    "role",
    "via",
    "due",
    "progress",
    "completed",
    "days_late",
    "target",
    "threshold",
    "value",
    "evidence",
    "note",
)


def finding_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a findings record in one list, each with its `kind`; the ongoing ones
    (no due day: listed, never failing) last."""
    kinds = (*FINDING_KINDS, "ongoing")
    return [{"kind": kind, **item} for kind in kinds for item in record.get(kind, ())]


def finding_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A finding flattened for CSV: the target as its id, threshold and recorded value."""
    target = row.get("target") or {}
    return {
        **row,
        "target": target.get("id"),
        "threshold": f"{target['comparison']} {target['threshold']}" if target else None,
        "value": target.get("value"),
    }
