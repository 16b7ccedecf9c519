"""The CI gate (`overdue`): what is overdue or below target, as of a day, and the exit code.

Every obligation of the units asked about is assessed against the progress file
(progress/assessment.py). The gate fails on a duty overdue, a done task below its
target, or a done task whose target value was never recorded; a task done late, and
one with no due day (持续推进) not yet done, are listed but never fail it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import PreIssue
from gongkai_cli.model.plan import Document, Task
from gongkai_cli.model.progress import Outcome, Standing, TargetCheck, TargetState
from gongkai_cli.queries.scope import PlanScope


class ProgressRequest(NamedTuple):
    """A question about the progress recorded: for every unit, one unit, or a collective's
    members (`unit`), as of a day."""

    unit: str | None
    as_of: dt.date


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


class OverdueAnswer(NamedTuple):
    """The gate's findings, and what the view says about them."""

    gate: GateResult
    unit: str | None
    """The unit asked about, by its canonical name; None for every unit."""
    progress: Path | None
    document: Document
    tasks: dict[int, Task]
    """The plan's tasks by 序号, for their names and due texts."""
    notes: list[str]
    policy: PreIssue
    """The plan's policy for deadlines before its issue date (印发前已到期), for the
    footnote of the days its grace gives."""


def no_progress_note(scope: PlanScope) -> list[str]:
    """The note that nothing counts as done, when no progress file was named."""
    if scope.progress is not None:
        return []
    from gongkai_cli.io.settings import PROGRESS_ENV

    return [
        _("no progress file (--progress / ${progress_env}): nothing counts as done").format(
            progress_env=PROGRESS_ENV
        )
    ]


def overdue(scope: PlanScope, request: ProgressRequest) -> OverdueAnswer:
    """The gate over the units asked about, as of the request's day."""
    from gongkai_cli.progress.assessment import assess, scope_units
    from gongkai_cli.progress.file import NO_PROGRESS

    recorded = scope.progress or NO_PROGRESS
    who = scope_units(scope.units, request.unit, recorded)
    found = gate(assess(scope.plan, recorded, request.as_of, who, scope.policy), request.as_of)
    name = scope.units.resolve(request.unit).name if request.unit else None
    plan = scope.plan
    return OverdueAnswer(
        found,
        name,
        recorded.path,
        plan.document,
        {task.seq: task for task in plan.tasks},
        no_progress_note(scope),
        scope.policy,
    )
