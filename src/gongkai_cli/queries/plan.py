"""Questions about the plan itself: its tasks (`tasks`, `show`), its units (`units`), what a
careful reader would flag (`lint`), and the plans installed (`plans`).

Each answer holds the plan's values as the views show them: a task's assignments by
their units' canonical names, whether its one due day falls before the issue date
(印发前已到期) under the plan's policy, a unit's level in the plan's place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from gongkai_cli.model.obligation import PreIssue
from gongkai_cli.model.plan import Document, Paragraph, Task, Unit
from gongkai_cli.queries.scope import PlanScope

if TYPE_CHECKING:
    from gongkai_cli.io.plans import InstalledPlan
    from gongkai_cli.model.plan import Level
    from gongkai_cli.plan.lint.findings import Finding
    from gongkai_cli.plan.place import Place


class TaskItem(NamedTuple):
    """A task as the views show it."""

    task: Task
    units: tuple[str, ...]
    """Each assignment's unit by its canonical name (市农委 is 市农业农村委)."""
    pre_issue: bool
    """Its one due day falls before the issue date: due as the policy says (印发前已到期)."""
    readable: bool
    """Its time node is one gongkai reads (else a decision reads it)."""


class TasksAnswer(NamedTuple):
    """The plan's tasks, or those a word finds."""

    document: Document
    policy: PreIssue
    tasks: list[TaskItem]
    total: int
    """How many tasks the plan has."""
    grep: str | None
    """The word searched for, squeezed."""
    highlight: re.Pattern[str] | None
    """Finds the word in verbatim text, wrap spaces and all (规 章 for 规章)."""


def tasks(scope: PlanScope, grep: str | None = None) -> TasksAnswer:
    """Every task of the plan; with `grep` (squeezed, see plan/search.py) those whose name or
    content contains it."""
    chosen = list(scope.plan.tasks)
    highlight = None
    if grep is not None:
        from gongkai_cli.plan.search import pattern, task_matches

        chosen = [task for task in chosen if task_matches(task, grep)]
        highlight = pattern(grep)
    return TasksAnswer(
        scope.plan.document,
        scope.policy,
        [task_item(scope, task) for task in chosen],
        len(scope.plan.tasks),
        grep,
        highlight,
    )


def task_item(scope: PlanScope, task: Task) -> TaskItem:
    """`task` with what the views show of it."""
    from gongkai_cli.plan.timenodes import readable

    deadline = task.deadline
    # each occurrence of a recurring task is dated where it is owed (`due`, the calendar)
    single = not deadline.occurrences and deadline.due is not None
    return TaskItem(
        task,
        tuple(scope.units.canonical(a.unit) for a in task.assignments),
        single and scope.policy.due(deadline.due) != deadline.due,
        not task.time_node or readable(task.time_node),
    )


class ShowAnswer(NamedTuple):
    """One task in full, with the body paragraph it belongs to."""

    document: Document
    policy: PreIssue
    item: TaskItem
    paragraph: Paragraph | None


def show(scope: PlanScope, seq: int) -> ShowAnswer:
    """The task numbered `seq` (UsageError when the plan has none)."""
    task = scope.plan.task(seq)
    paragraph = next((p for p in scope.plan.document.paragraphs if p.id == task.section), None)
    return ShowAnswer(scope.plan.document, scope.policy, task_item(scope, task), paragraph)


class UnitItem(NamedTuple):
    """A unit, with its level in the plan's place (None for a plan that names no place)."""

    unit: Unit
    level: Level | None


class UnitsAnswer(NamedTuple):
    """Every unit of the plan, and the place the plan is of."""

    document: Document
    place: Place | None
    units: list[UnitItem]


def units(scope: PlanScope) -> UnitsAnswer:
    """Every unit, in the data's order."""
    from gongkai_cli.plan.kinds import unit_level
    from gongkai_cli.plan.place import document_place

    document = scope.plan.document
    place = document_place(document)
    plan_level = place.level if place else None
    return UnitsAnswer(
        document,
        place,
        [
            UnitItem(
                unit,
                unit_level(unit, plan_level, scope.units.members(unit)) if plan_level else None,
            )
            for unit in scope.plan.units
        ],
    )


class LintAnswer(NamedTuple):
    """What a careful reader of the plan would flag, and how many of each kind."""

    document: Document
    findings: Sequence[Finding]
    counts: list[tuple[str, int]]
    """Each kind's Chinese name and its count, in the kinds' order, those found only."""


def lint(scope: PlanScope) -> LintAnswer:
    """The plan read as a careful reader would (plan/lint)."""
    from gongkai_cli.plan.lint import lint as read
    from gongkai_cli.plan.lint.findings import Kind

    findings = read(scope.plan)
    counts = [(kind.zh, sum(f.kind is kind for f in findings)) for kind in Kind]
    return LintAnswer(scope.plan.document, findings, [(k, n) for k, n in counts if n])


class InstalledItem(NamedTuple):
    """An installed plan: where it is, its document and how many tasks it has."""

    entry: InstalledPlan
    document: Document
    tasks: int
    default: bool = False
    """Whether commands read it when no option names a plan (`io.plans.default_id`)."""


def installed_plans() -> list[InstalledItem]:
    """Every installed plan, the shipped one first (each validated, from the plan cache),
    the default one marked."""
    from gongkai_cli.io.plans import default_id
    from gongkai_cli.plan.install import catalogue

    chosen = default_id()
    return [
        InstalledItem(entry, plan.document, len(plan.tasks), entry.id == chosen)
        for entry, plan in catalogue()
    ]
