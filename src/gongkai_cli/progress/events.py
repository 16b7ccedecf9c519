"""Due days that only a progress file can give: a time node counted from an event.

决策文件出台后10个工作日 counts from a day the plan cannot know: when each unit's
decision document came out. A unit's progress entry records it (`event:`); its
obligation is then due that many working days (or calendar days, as the node
says) later, and `due`, `overdue`, `report`, `progress show` and the ICS export
all use that day. Without a recorded event the obligation stays undated, in the
group of its own, never overdue.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai_cli.model.obligation import Obligation
from gongkai_cli.plan.obligations import sort_key
from gongkai_cli.progress.file import Progress


def with_events(obligations: Sequence[Obligation], progress: Progress) -> list[Obligation]:
    """`obligations` with the event days `progress` records, re-sorted by due day when one
    of them got a day; unchanged (same order) when none did."""
    from gongkai_cli.plan.timenodes import due_after_event

    dated = False
    result = []
    for obligation in obligations:
        deadline = obligation.task.deadline
        if deadline.awaits_event:
            entry = progress.entry(obligation.task.seq, obligation.unit)
            if entry is not None and entry.event is not None:
                due = due_after_event(deadline, entry.event)
                obligation = obligation._replace(event_day=entry.event, event_due=due)
                dated = True
        result.append(obligation)
    return sorted(result, key=sort_key) if dated else result
