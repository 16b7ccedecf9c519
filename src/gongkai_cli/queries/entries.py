"""The entries of the progress file (`progress show`), each with its task and due day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.model.obligation import PreIssue
from gongkai_cli.model.plan import Task
from gongkai_cli.model.progress import Entry
from gongkai_cli.queries.scope import PlanScope


class EntryItem(NamedTuple):
    """One entry, its task, and the day it is due by."""

    entry: Entry
    task: Task
    due: dt.date | None
    """The occurrence's or the task's day under the pre-issue policy (印发前已到期: the
    issue date plus grace, as everywhere); for a task counted from an event, the day
    counted from the entry's `event`."""
    from_event: bool
    """The due day is counted from the event the entry records."""
    pre_issue: PreIssue | None = None
    """Set when the issue-day grace gives the due day (印发前已到期): the policy."""
    written: dt.date | None = None
    """The day the time node reads (the occurrence's, or the task's)."""


class EntriesAnswer(NamedTuple):
    """The entries of the units asked about, in (序号, unit) order."""

    path: Path
    items: list[EntryItem]
    term: str = "时间节点"
    """What the plan calls a time node (时间节点, 完成时限), for the grace's footnote."""


def entries(scope: PlanScope, unit: str | None) -> EntriesAnswer:
    """The progress file's entries for every unit, one unit, or a collective's members."""
    from gongkai_cli.plan.timenodes import due_after_event
    from gongkai_cli.progress.assessment import scope_units
    from gongkai_cli.progress.file import entries_for

    recorded = scope.progress
    assert recorded is not None and recorded.path is not None, "progress show reads a file"
    who = scope_units(scope.units, unit, recorded)
    items = []
    for entry in entries_for(recorded, (u.name for u in who)):
        task = scope.plan.task(entry.seq)
        written = entry.occurrence or task.deadline.due
        due = scope.policy.due(written)
        graced = scope.policy if due != written else None
        from_event = entry.event is not None and task.deadline.awaits_event
        if from_event:
            assert entry.event is not None
            due, graced = due_after_event(task.deadline, entry.event), None
        items.append(EntryItem(entry, task, due, from_event, graced, written))
    return EntriesAnswer(recorded.path, items, scope.plan.document.layout.terms.time_node)
