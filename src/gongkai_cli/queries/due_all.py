"""`due --plan all`: the due question asked of every installed plan at once.

Each plan answers `queries.due.due` itself, with its own units, policy and rules;
nothing here repeats how a unit's obligations are found or windowed.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.plans import InstalledPlan
from gongkai_cli.queries.due import DueAnswer, DueRequest, due


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


def due_across(
    request: DueRequest, progress: Path | None = None, *, grace: bool = True
) -> AcrossAnswer:
    """The request asked of every installed plan. A plan that does not name the unit is
    skipped, with the reason; a unit no plan names is the first plan's error, as if that
    plan alone were asked. No progress file is read (it records one plan's progress): a
    `progress` given is said to be left unread, and `--grep`/`--open` are refused.
    `grace` False (--no-grace): every plan's deadlines before its issue date are due as
    written (`open_scope`)."""
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
    if not plans and first_error is not None:
        raise first_error
    return AcrossAnswer(request, plans, skipped, notes)
