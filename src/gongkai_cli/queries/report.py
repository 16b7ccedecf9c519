"""The assessors' view (考核评估): outcomes counted per unit, per task and per month.

Per unit: how many tasks it owes, how many are done on time, done late,
overdue or open, the target findings, and two completion rates: over the duties
due so far (done, plus overdue: what should be done by now) and over the year
(every duty owed). Per task: which units have delivered and which are overdue,
the recorded values against the plan's targets, and each unit's evidence and
notes. Units and tasks come worst first: most overdue, then most target
findings, then the lowest rate over the duties due so far.
Per month of due dates: the year's timeline. The renderers (render/report_md.py,
report_html.py) and the JSON record (render/records.py) all read one `Report`.

A task with no due day (持续推进, 长期, an item with no 完成时限) is never overdue
and in no month, but it is owed: each unit's duty counts as 持续推进 (`ongoing`)
until an entry records it done, and the report lists those tasks apart with each
unit's progress (`Report.undated`). Such a duty counts in the year's rate (owed),
not in the rate of what is due so far. The `ongoing` counts appear only in a
report that has such tasks, so every other report reads as it did.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai_cli.model.obligation import PreIssue
from gongkai_cli.model.plan import Document, Task, Unit
from gongkai_cli.model.progress import (
    Outcome,
    ProgressStatus,
    Standing,
    TargetCheck,
    TargetState,
)
from gongkai_cli.queries.overdue import ProgressRequest, no_progress_note
from gongkai_cli.queries.scope import PlanScope


@dataclass(frozen=True, slots=True)
class Counts:
    """Outcomes counted by standing, with the target findings among them."""

    owed: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open: int = 0
    ongoing: int = 0
    """Not done, with no due day (持续推进): never overdue."""
    below_target: int = 0
    target_unrecorded: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def completion_rate(self) -> float | None:
        """Over the year: done (on time or late) over owed; None when nothing is owed."""
        return self.done / self.owed if self.owed else None

    @property
    def due_so_far(self) -> int:
        """The duties that should be done by now: past their due day, or already done."""
        return self.done + self.overdue

    @property
    def due_rate(self) -> float | None:
        """Over the duties due so far: done over `due_so_far`; None when none is due yet."""
        return self.done / self.due_so_far if self.due_so_far else None

    @property
    def findings(self) -> int:
        return self.below_target + self.target_unrecorded

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Counts:
        by: dict[str, int] = {}
        owed = 0
        for outcome in outcomes:
            owed += 1
            by[outcome.standing] = by.get(outcome.standing, 0) + 1
            for check in outcome.findings:
                key = "below_target" if check.state is TargetState.BELOW else "target_unrecorded"
                by[key] = by.get(key, 0) + 1
        return cls(
            owed=owed,
            done_on_time=by.get(Standing.DONE_ON_TIME, 0),
            done_late=by.get(Standing.DONE_LATE, 0),
            overdue=by.get(Standing.OVERDUE, 0),
            open=by.get(Standing.OPEN, 0),
            ongoing=by.get(Standing.ONGOING, 0),
            below_target=by.get("below_target", 0),
            target_unrecorded=by.get("target_unrecorded", 0),
        )


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One unit's counts."""

    unit: Unit
    counts: Counts


@dataclass(frozen=True, slots=True)
class TaskRow:
    """One task: its outcomes for every unit in scope that owes it, in unit order."""

    task: Task
    outcomes: tuple[Outcome, ...]

    @property
    def counts(self) -> Counts:
        return Counts.of(self.outcomes)

    def units(self, *standings: Standing) -> list[str]:
        return [o.obligation.unit for o in self.outcomes if o.standing in standings]


def once_each(names: Iterable[str]) -> list[str]:
    """Each name once, in first-seen order; a recurring task's unit with its count: X(5次).

    A unit owes a 每月 task once per occurrence, so it may stand for several duties.
    """
    return [name if n == 1 else f"{name}（{n}次）" for name, n in Counter(names).items()]


@dataclass(frozen=True, slots=True)
class MonthRow:
    """The tasks due in one month of the plan's year, and their outcomes' counts."""

    month: int
    seqs: tuple[int, ...]
    counts: Counts


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows, computed once."""

    document: Document
    policy: PreIssue
    """The plan's policy for deadlines before its issue date (印发前已到期)."""
    as_of: dt.date
    scope: str | None  # the --unit asked for; None for every unit
    progress: Path | None
    totals: Counts
    units: tuple[UnitRow, ...]
    tasks: tuple[TaskRow, ...]
    months: tuple[MonthRow, ...]
    undated: tuple[TaskRow, ...] = ()
    """The tasks with no due day (持续推进, no 完成时限), by 序号: each unit's progress."""
    notes: tuple[str, ...] | list[str] = ()
    """For people, on stderr: what was assumed."""


PROGRESS_GROUPS = ("done", "in_progress", "not_started", "no_record")
"""How far the units of a task with no due day have got, in the order a report lists it."""


def progress_groups(row: TaskRow) -> dict[str, list[str]]:
    """The units owing `row`'s task, by how far they have got: done (by the as-of day),
    in progress, not started, or nothing recorded."""
    groups: dict[str, list[str]] = {group: [] for group in PROGRESS_GROUPS}
    for outcome in row.outcomes:
        entry = outcome.entry
        if outcome.done:
            group = "done"
        elif entry is None:
            group = "no_record"
        elif entry.status is ProgressStatus.NOT_STARTED:
            group = "not_started"
        else:  # in progress, or done after the as-of day: in progress then
            group = "in_progress"
        groups[group].append(outcome.obligation.unit)
    return groups


def worst_first(counts: Counts) -> tuple[int, int, float]:
    """A sort key: most overdue, then most target findings, then the lowest rate so far."""
    rate = counts.due_rate
    return (-counts.overdue, -counts.findings, 1.0 if rate is None else rate)


@dataclass(frozen=True, slots=True)
class TargetLine:
    """One unit's recorded value for one of a task's targets."""

    task: Task
    unit: str
    check: TargetCheck


_STATE_ORDER = (TargetState.BELOW, TargetState.UNRECORDED, TargetState.PENDING, TargetState.MET)


def target_lines(report: Report) -> list[TargetLine]:
    """Every target that is assessed (the task is done) or has a value recorded, below first."""
    lines = [
        TargetLine(row.task, outcome.obligation.unit, check)
        for row in report.tasks
        for outcome in row.outcomes
        for check in outcome.targets
        if check.state is not TargetState.PENDING or check.value is not None
    ]
    return sorted(lines, key=lambda line: _STATE_ORDER.index(line.check.state))


def entry_outcomes(report: Report) -> list[Outcome]:
    """The outcomes whose progress entry gives evidence or a note, in the tasks' order."""
    return [
        outcome
        for row in report.tasks
        for outcome in row.outcomes
        if outcome.entry and (outcome.entry.evidence or outcome.entry.note)
    ]


def task_due(task: Task, policy: PreIssue) -> tuple[str, bool]:
    """The task's 截止 as the report shows it, and whether it is 印发前已到期: then the
    policy's day (as `due` and the counts use it), else the reading of its time node."""
    deadline = task.deadline
    if deadline.occurrences or deadline.due is None:
        return deadline.due_text, False
    due = policy.due(deadline.due)
    if due == deadline.due or due is None:
        return deadline.due_text, False
    return due.isoformat(), True


def report(scope: PlanScope, request: ProgressRequest) -> Report:
    """Assess every obligation of the units asked about as of the request's day and count
    the outcomes."""
    from gongkai_cli.progress.assessment import assess, scope_units
    from gongkai_cli.progress.file import NO_PROGRESS

    plan, as_of = scope.plan, request.as_of
    progress = scope.progress or NO_PROGRESS
    who = scope_units(scope.units, request.unit, progress)
    name = scope.units.resolve(request.unit).name if request.unit else None
    outcomes = assess(plan, progress, as_of, who, scope.policy)
    per_unit: dict[str, list[Outcome]] = {unit.name: [] for unit in who}
    per_task: dict[int, list[Outcome]] = {}
    for outcome in outcomes:
        per_unit[outcome.obligation.unit].append(outcome)
        per_task.setdefault(outcome.obligation.task.seq, []).append(outcome)
    task_rows = tuple(
        TaskRow(task, tuple(per_task[task.seq])) for task in plan.tasks if task.seq in per_task
    )
    unit_rows = tuple(UnitRow(unit, Counts.of(per_unit[unit.name])) for unit in who)
    # Each outcome in the month of its own due day (a recurring task's occurrence, a
    # 印发前已到期 task's effective day); a day outside the plan's year, or none, is in no month.
    year = plan.document.year
    by_month: dict[int, list[Outcome]] = {month: [] for month in range(1, 13)}
    for row in task_rows:
        for outcome in row.outcomes:
            due = outcome.obligation.due
            if due is not None and due.year == year:
                by_month[due.month].append(outcome)
    months = [
        MonthRow(
            month,
            tuple(dict.fromkeys(o.obligation.task.seq for o in found)),
            Counts.of(found),
        )
        for month, found in by_month.items()
    ]
    undated = tuple(
        row
        for row in task_rows
        if any(o.obligation.undated and not o.obligation.awaits_event for o in row.outcomes)
    )
    return Report(
        document=plan.document,
        policy=scope.policy,
        as_of=as_of,
        scope=name,
        progress=progress.path,
        totals=Counts.of(outcomes),
        units=tuple(sorted(unit_rows, key=lambda row: worst_first(row.counts))),
        tasks=tuple(sorted(task_rows, key=lambda row: worst_first(row.counts))),
        months=tuple(months),
        undated=undated,
        notes=no_progress_note(scope),
    )
