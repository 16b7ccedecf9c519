"""What a unit owes in every installed plan at once: `gongkai due --plan all`.

A unit the data of one plan does not name (a district unit asked about the city's
plan) is skipped there, with the reason; a unit no plan names is the first plan's
error, as if that plan alone were asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai_cli.errors import UsageError
from gongkai_cli.io.plans import InstalledPlan
from gongkai_cli.model.plan import Role
from gongkai_cli.plan.install import catalogue
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import (
    Asker,
    Obligation,
    asker,
    owed,
    pre_issue_policy,
    undated,
    within,
)
from gongkai_cli.plan.statutory import StatutoryDue, reaches, statutory_in_plan
from gongkai_cli.plan.units import UnitDirectory


@dataclass(frozen=True, slots=True)
class PlanAnswer:
    """One plan's answer: who asks in its terms, what they owe and what may apply."""

    entry: InstalledPlan
    plan: Plan
    who: Asker
    tasks: list[Obligation]
    maybe: list[Obligation]
    statutory: list[StatutoryDue] = field(default_factory=list)
    """The 条例's yearly reports (第四十九条) in the window; see plan/statutory.py."""
    undated: list[Obligation] = field(default_factory=list)
    """What the unit owes with no due day (持续推进, no time node): in view whatever the
    window, apart from `tasks`."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A plan that does not name the unit, and why."""

    entry: InstalledPlan
    reason: str


def owed_across(
    unit: str,
    member_of: Sequence[str],
    direct_only: bool,
    before: dt.date | None,
    after: dt.date | None,
    role: Role | None,
    as_of: dt.date | None = None,
) -> tuple[list[PlanAnswer], list[Skipped]]:
    """Each installed plan's answer for `unit` (shipped plan first), and the plans skipped.

    With `as_of` and no role, each answer holds the 条例's yearly reports its plan's
    rules book makes the unit owe within the dates (the 条例 gives them no role).
    """
    answers: list[PlanAnswer] = []
    skipped: list[Skipped] = []
    first_error: UsageError | None = None
    for entry, plan in catalogue():
        units = UnitDirectory(plan.units)
        try:
            who = asker(units, unit, member_of)
        except UsageError as exc:
            skipped.append(Skipped(entry, str(exc)))
            first_error = first_error or exc
            continue
        policy = pre_issue_policy(plan.document)
        tasks, maybe = owed(plan.tasks, units, who, direct_only, policy=policy)
        statutory: list[StatutoryDue] = []
        if as_of is not None and role is None and reaches(plan.document.year, before):
            statutory = [
                o
                for o in statutory_in_plan(
                    entry.directory,
                    units,
                    who,
                    plan.document.year,
                    as_of,
                    before=before,
                    after=after,
                    direct_only=direct_only,
                )
                if after is None or o.due >= after  # --plan all lists no earlier group
            ]
        answers.append(
            PlanAnswer(
                entry,
                plan,
                who,
                within(tasks, before, after, role),
                within(maybe, before, after, role) + undated(maybe, role),
                statutory,
                undated(tasks, role),
            )
        )
    if not answers and first_error is not None:
        raise first_error
    return answers, skipped
