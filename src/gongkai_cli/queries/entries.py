"""The entries of the progress file (`progress show`), each with its task and due day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

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


class EntriesAnswer(NamedTuple):
    """The entries of the units asked about, in (序号, unit) order."""

    path: Path
    items: list[EntryItem]


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
        due = scope.policy.due(entry.occurrence or task.deadline.due)
        from_event = entry.event is not None and task.deadline.awaits_event
        if from_event:
            assert entry.event is not None
            due = due_after_event(task.deadline, entry.event)
        items.append(EntryItem(entry, task, due, from_event))
    return EntriesAnswer(recorded.path, items)
