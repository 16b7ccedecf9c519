"""What people act on: how late a case is, and a summary per group (`--group-by`).

- `lateness`: a missed or overdue case's days late; an open case's working days left.
- `GroupTally`: one group's counts, on-time rate and days late; `tally_rows` fills them.

Days late are calendar days after the deadline: to the reply for a missed case, to
the as-of day (today) for an overdue one, so a late case is always at least 1 day
late whatever the rule counts. Working days left are those after the as-of day up
to the deadline: 0 on the deadline day itself, and with the working days used, the
period (pauses aside).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai_cli.errors import CalendarCoverageError
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.replies.fields import RowResult
from gongkai_cli.workdays.replies.verdict import ReplyStatus


@dataclass(frozen=True, slots=True)
class Lateness:
    """How a case stands against its deadline, in numbers."""

    days_late: int | None = None
    """Missed or overdue: calendar days after the deadline."""
    working_days_left: int | None = None
    """Open: working days after the as-of day up to the deadline (None outside the
    calendar)."""


def lateness(result: RowResult, calendar: WorkCalendar, as_of: dt.date) -> Lateness:
    """The days late of a missed or overdue case, the working days left of an open one."""
    if result.status not in (ReplyStatus.MISSED, ReplyStatus.OVERDUE, ReplyStatus.OPEN):
        return Lateness()
    if not result.deadline:  # only its earliest day is known (certain_without)
        return Lateness()
    replied = dt.date.fromisoformat(result.replied) if result.replied else None
    deadline = dt.date.fromisoformat(result.deadline)
    return standing(result.status, deadline, replied, calendar, as_of)


def standing(
    status: ReplyStatus,
    deadline: dt.date | None,
    replied: dt.date | None,
    calendar: WorkCalendar,
    as_of: dt.date,
) -> Lateness:
    """`lateness` of one case from its dates (the one-case verdict has them as dates)."""
    if deadline is None:
        return Lateness()
    if status is ReplyStatus.MISSED and replied is not None:
        return Lateness(days_late=(replied - deadline).days)
    if status is ReplyStatus.OVERDUE:
        return Lateness(days_late=(as_of - deadline).days)
    if status is ReplyStatus.OPEN:
        if deadline <= as_of:
            return Lateness(working_days_left=0)
        try:
            return Lateness(working_days_left=calendar.working_days_between(as_of, deadline))
        except CalendarCoverageError:
            return Lateness()
    return Lateness()


@dataclass(slots=True)
class GroupTally:
    """One group's cases: how many got each status, and the days late of the late ones."""

    met: int = 0
    missed: int = 0
    overdue: int = 0
    open: int = 0
    invalid: int = 0
    outside: int = 0
    uncertain: int = 0
    late: list[int] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """All the group's rows."""
        return (
            self.met
            + self.missed
            + self.overdue
            + self.open
            + self.invalid
            + self.outside
            + self.uncertain
        )

    @property
    def on_time_rate(self) -> float | None:
        """met / (met + missed + overdue): of the cases whose outcome is known, the share
        answered in time (open and invalid ones left out); None when there is none."""
        decided = self.met + self.missed + self.overdue
        return self.met / decided if decided else None

    @property
    def median_days_late(self) -> float | None:
        """The median days late of the missed and overdue cases."""
        return statistics.median(self.late) if self.late else None

    @property
    def worst_days_late(self) -> int | None:
        """The most days late of the missed and overdue cases."""
        return max(self.late) if self.late else None

    def add(self, status: ReplyStatus, days_late: int | None) -> None:
        """Count one case."""
        setattr(self, status.value, getattr(self, status.value) + 1)
        if days_late is not None:
            self.late.append(days_late)


def tally_rows(
    rows: Iterable[tuple[str, RowResult]],
    calendar: WorkCalendar,
    as_of: dt.date,
    groups: dict[str, GroupTally],
) -> None:
    """Count (group, result) pairs into `groups`, the group's text stripped of spaces."""
    for group, result in rows:
        tally = groups.get(group.strip())
        if tally is None:
            tally = groups[group.strip()] = GroupTally()
        tally.add(result.status, lateness(result, calendar, as_of).days_late)


def merged(groups: Mapping[str, GroupTally], same: Mapping[str, str]) -> dict[str, GroupTally]:
    """The groups with every spelling of one thing together under the name `same` gives
    it (网上咨询 and consult: consult); a text `same` does not know stays as written."""
    together: dict[str, list[GroupTally]] = {}
    for text, tally in groups.items():
        together.setdefault(same.get(text, text), []).append(tally)
    return {name: total(tallies) for name, tallies in together.items()}


def total(groups: Iterable[GroupTally]) -> GroupTally:
    """All groups together."""
    whole = GroupTally()
    for tally in groups:
        for status in ReplyStatus:
            setattr(
                whole, status.value, getattr(whole, status.value) + getattr(tally, status.value)
            )
        whole.late += tally.late
    return whole
