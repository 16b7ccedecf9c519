"""What a unit owes, as values: an obligation, its route, its deadline's status, who asks.

The logic that finds them (which tasks a unit owes, through which collective, and
when the pre-issue policy moves a due day) is plan/obligations.py; the values live
here so that every layer above can hold and show them without that logic.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef when the class is made, about 50 us a field, on every
# run of the headline; real annotations cost nothing. Names known only to the type
# checker are quoted one by one.

import datetime as dt
from enum import StrEnum
from typing import NamedTuple

from gongkai_cli.model.plan import DeadlineKind, Role, Task, Unit, UnitKind


class DeadlineStatus(StrEnum):
    """Where a deadline stands on the as-of date."""

    DUE = "due"  # due in N days (N >= 0)
    WINDOW_OPEN = "window_open"  # inside a window such as 8月份
    OVERDUE = "overdue"  # the due date has passed
    ONGOING = "ongoing"  # 持续推进, 常态化 ...: no due day, never overdue
    UNDATED = "undated"  # no due day yet: no 时间节点, or an event not yet recorded


# The records here are NamedTuples rather than dataclasses: `due` imports this
# module on every run, and defining a frozen dataclass costs about 0.8 ms (Python
# 3.11 compiles each of its generated methods), a NamedTuple about 0.1 ms.


class PreIssue(NamedTuple):
    """The policy for deadlines before the issue date (印发前已到期): due at issue plus grace."""

    issued: dt.date
    """The issue date; date.min when the plan does not state one (nothing is then before it)."""
    grace_days: int
    grace: str
    """The grace period as the data's decision writes it (印发后30日); empty when none."""
    granted: bool = True
    """False under --no-grace: such deadlines are due on their written day (overdue from
    the start), since the grace is gongkai's convention, not the plan's or any rule's."""

    @property
    def effective(self) -> dt.date:
        """The day a 印发前已到期 obligation is due: the issue date plus the grace period."""
        return self.issued + dt.timedelta(days=self.grace_days)

    def due(self, written: dt.date | None) -> dt.date | None:
        """The day an obligation whose time node reads `written` is due under this policy."""
        if self.granted and written is not None and written < self.issued:
            return self.effective
        return written


class Route(NamedTuple):
    """One way a task reaches a unit: its role, and the collective it comes through."""

    role: Role
    via: str | None  # None: the task names the unit itself


class Obligation(NamedTuple):
    """A task a unit owes, with its role and the collective it is owed through."""

    task: Task
    unit: str
    role: Role
    via: str | None
    also: tuple[Route, ...] = ()
    occurrence: dt.date | None = None
    """For a recurring task: the occurrence this obligation is (its due day)."""
    pre_issue: PreIssue | None = None
    """Set when the time node's day falls before the plan's issue date (印发前已到期)."""
    event_day: dt.date | None = None
    """For a node counted from an event (决策文件出台后10个工作日): the day the unit's
    progress entry records for it; None while it is not recorded (then undated)."""
    event_due: dt.date | None = None
    """The due day counted from `event_day` (`timenodes.due_after_event`)."""

    @property
    def written_due(self) -> dt.date | None:
        """The day the time node reads: the occurrence of a recurring task, the day counted
        from a recorded event, else the task's."""
        return self.occurrence or self.event_due or self.task.deadline.due

    @property
    def due(self) -> dt.date | None:
        """The due day: the written one, or for 印发前已到期 the issue date plus grace."""
        if self.pre_issue is not None:
            return self.pre_issue.effective
        return self.written_due

    @property
    def undated(self) -> bool:
        """Whether there is no due day: ongoing (持续推进), no time node at all, or counted
        from an event not yet recorded. Never overdue; listed apart from any date window."""
        return self.due is None

    @property
    def awaits_event(self) -> bool:
        """Whether the due day counts from an event no progress entry records yet."""
        return self.task.deadline.awaits_event and self.event_day is None

    def status(self, as_of: dt.date) -> DeadlineStatus:
        """The deadline's status on `as_of`."""
        deadline = self.task.deadline
        due = self.due
        if due is None:
            return (
                DeadlineStatus.ONGOING
                if deadline.kind is DeadlineKind.ONGOING
                else DeadlineStatus.UNDATED
            )
        if as_of > due:
            return DeadlineStatus.OVERDUE
        if deadline.window_start is not None and as_of >= deadline.window_start:
            return DeadlineStatus.WINDOW_OPEN
        return DeadlineStatus.DUE

    def days_left(self, as_of: dt.date) -> int | None:
        """Days from `as_of` to the due date; negative once it has passed; None with no due."""
        due = self.due
        return None if due is None else (due - as_of).days


class Asker(NamedTuple):
    """The unit asking: a unit of the data, or one the data does not list."""

    name: str
    kind: UnitKind | None
    collectives: tuple[Unit, ...]
    listed: bool
