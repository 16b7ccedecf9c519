"""`due --plan all`: the due question asked of every installed plan at once.

Each plan answers `queries.due.due` itself, with its own units, policy and rules;
nothing here repeats how a unit's obligations are found or windowed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.plans import InstalledPlan
from gongkai_cli.queries.due import DueAnswer, DueRequest, due

if TYPE_CHECKING:
    from gongkai_cli.plan.load import Plan
    from gongkai_cli.queries.scope import PlanScope


class PlanDue(NamedTuple):
    """One installed plan's answer in `due --plan all`."""

    entry: InstalledPlan
    answer: DueAnswer


class Skipped(NamedTuple):
    """An installed plan that does not name the unit, and why."""

    entry: InstalledPlan
    reason: str


class AcrossAnswer(NamedTuple):
    """`due --plan all`: each installed plan's answer (the shipped plan first), the plans
    that do not name the unit, and the request asked of them all."""

    request: DueRequest
    plans: list[PlanDue]
    skipped: list[Skipped]
    notes: list[str]


def ended_on(plan: Plan) -> dt.date:
    """The last day of a plan: the end of its year (全年, and the year its undated and
    event-counted tasks belong to), or its latest due day when a task is due later
    (次年1月底前). The plan has ended when this day is before the as-of day: nothing in
    it can fall due any more, and whatever is open in it is simply overdue."""
    last = dt.date(plan.document.year, 12, 31)
    for task in plan.tasks:
        due = task.deadline.due
        if due is not None and due > last:
            last = due
    return last


def due_across(
    request: DueRequest,
    progress: Path | None = None,
    *,
    grace: bool = True,
    include_ended: bool = False,
) -> AcrossAnswer:
    """The request asked of every installed plan. A plan that does not name the unit is
    skipped, with the reason; a unit no plan names is the first plan's error, as if that
    plan alone were asked. No progress file is read (it records one plan's progress): a
    `progress` given is said to be left unread, and `--grep`/`--open` are refused.
    `grace` False (--no-grace): every plan's deadlines before its issue date are due as
    written (`open_scope`).

    A plan that has ended by the as-of day (`ended_on`) is left out, and a note says
    how many, unless `include_ended`: last year's plan would otherwise list every task
    of its year first, hundreds of days overdue."""
    from gongkai_cli.io.plans import installed
    from gongkai_cli.queries.scope import open_scope

    if request.grep is not None or request.open_only:
        raise UsageError(_("--grep and --open take one plan, not --plan all"))
    if request.calendar_file:
        raise UsageError(_("--format ics is one plan's calendar: give --plan ID, not all"))
    notes = []
    if progress is not None:  # given, perhaps by $GONGKAI_PROGRESS: say it is not read
        notes.append(
            _(
                "note: --plan all reads no progress file ({path} is one plan's): "
                "nothing counts as done; give --plan ID to read it"
            ).format(path=progress)
        )
    scopes = [
        (entry, open_scope(entry.directory, grace=grace, elsewhere=False)) for entry in installed()
    ]
    ended = [
        (entry, scope)
        for entry, scope in scopes
        if not include_ended and ended_on(scope.plan) < request.as_of
    ]
    if ended:
        notes.append(_left_out(ended))
        scopes = [pair for pair in scopes if pair not in ended]
    plans: list[PlanDue] = []
    skipped: list[Skipped] = []
    first_error: UsageError | None = None
    for entry, scope in scopes:
        try:
            scope.asker(request.unit, request.member_of)
        except UsageError as exc:
            skipped.append(Skipped(entry, str(exc)))
            first_error = first_error or exc
            continue
        answer = due(scope, request._replace(as_of_given=True))
        # --plan all lists no earlier group: the reports due before the window are left out
        after = request.after
        statutory = [
            s
            for s in answer.statutory
            if after is None or s.owed.due is None or s.owed.due >= after
        ]
        plans.append(PlanDue(entry, answer._replace(statutory=statutory)))
    if not plans:
        naming = [(entry, scope) for entry, scope in ended if _names(scope, request)]
        if naming:
            raise UsageError(
                _("only ended plans name {unit}: {plans}; --include-ended lists them").format(
                    unit=naming[0][1].asker(request.unit, request.member_of).name,
                    plans=_ended_list(naming),
                )
            )
        if first_error is not None:
            raise first_error
        ended[0][1].asker(request.unit, request.member_of)  # no plan names it: its error
    return AcrossAnswer(request, plans, skipped, notes)


def _left_out(ended: list[tuple[InstalledPlan, PlanScope]]) -> str:
    """The note on the ended plans left out: how many, which, and how to see them."""
    from gongkai_cli.i18n import ngettext

    return ngettext(
        "note: {count} ended plan left out: {plans}; --include-ended lists it",
        "note: {count} ended plans left out: {plans}; --include-ended lists them",
        len(ended),
    ).format(count=len(ended), plans=_ended_list(ended))


def _ended_list(ended: list[tuple[InstalledPlan, PlanScope]]) -> str:
    """Ended plans, each with its last day: 2021 (ended 2021-12-31), …"""
    return ", ".join(
        _("{plan_id} (ended {day})").format(plan_id=entry.id, day=ended_on(scope.plan))
        for entry, scope in ended
    )


def _names(scope: PlanScope, request: DueRequest) -> bool:
    """Whether the plan names the unit asked about."""
    try:
        scope.asker(request.unit, request.member_of)
    except UsageError:
        return False
    return True
