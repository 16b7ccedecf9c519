"""A recurring task's due days as one RFC 5545 recurrence: DTSTART, RRULE, RDATE, EXDATE.

The rule is read off the task's occurrences in the plan's year (the dates the
time-node grammar gives), not off the wording, so any recurring reading gets
one: the step between occurrences in months (每月 1, 每季度 3, 每半年 6), and
the day of the month (every day 25: BYMONTHDAY=25; every month's last day:
BYMONTHDAY=-1). The series starts on the first chosen occurrence and ends with
UNTIL on the last (a DATE, as RFC 5545 3.3.10 requires when DTSTART is a DATE;
UNTIL is inclusive). Whatever the rule cannot say exactly (每月30日前 falls on
2月28日) is patched: a day the rule misses is an RDATE, a day it adds is an
EXDATE, so the expansion is exactly the chosen occurrences.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

MONTHLY = "MONTHLY"
YEARLY = "YEARLY"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A recurrence set of all-day instances: DTSTART, then RRULE (+ RDATE, - EXDATE)."""

    start: dt.date
    """DTSTART: the first instance."""
    until: dt.date
    """The rule's UNTIL (inclusive): the last chosen occurrence."""
    freq: str = YEARLY
    interval: int = 1
    monthday: int | None = None
    """BYMONTHDAY: 1..31, or -1 for the month's last day; None for the start's own day."""
    rdates: tuple[dt.date, ...] = ()
    exdates: tuple[dt.date, ...] = ()

    def rrule(self) -> dict[str, Any]:
        """The RRULE as icalendar's vRecur takes it (parts in RFC order, no defaults)."""
        rule: dict[str, Any] = {"FREQ": self.freq}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.monthday is not None:
            rule["BYMONTHDAY"] = self.monthday
        rule["UNTIL"] = self.until
        return rule

    def rule_dates(self) -> Iterator[dt.date]:
        """The instances the RRULE alone gives, DTSTART first, through UNTIL."""
        if self.freq == YEARLY:
            for year in range(self.start.year, self.until.year + 1, self.interval):
                day = _on(year, self.start.month, self.monthday or self.start.day)
                if day is not None and self.start <= day <= self.until:
                    yield day
            return
        index = self.start.year * 12 + self.start.month - 1
        while True:
            year, month = divmod(index, 12)
            if dt.date(year, month + 1, 1) > self.until:
                return
            day = _on(year, month + 1, self.monthday or self.start.day)
            if day is not None and self.start <= day <= self.until:
                yield day
            index += self.interval

    def dates(self) -> list[dt.date]:
        """The recurrence set: the rule's instances and the RDATEs, less the EXDATEs."""
        every = set(self.rule_dates()) | set(self.rdates)
        return sorted(every - set(self.exdates))


def _on(year: int, month: int, monthday: int) -> dt.date | None:
    """Day `monthday` of the month (-1: its last day), or None when the month has none."""
    last = calendar.monthrange(year, month)[1]
    if monthday < 0:
        return dt.date(year, month, last + 1 + monthday)
    return dt.date(year, month, monthday) if monthday <= last else None


def recurrence(pattern: Sequence[dt.date], chosen: Sequence[dt.date]) -> Recurrence:
    """The recurrence whose set is exactly `chosen`, with the rule of `pattern`.

    `pattern` is every occurrence of the task in the plan's year; `chosen` those
    that go in the calendar (a window such as --after may leave some out).
    """
    days = sorted(set(chosen))
    start, until = days[0], days[-1]
    freq, interval, monthday = _rule_of(sorted(set(pattern)) or days)
    rule = Recurrence(start, until, freq, interval, monthday)
    if monthday is not None and _on(start.year, start.month, monthday) != start:
        # DTSTART is always the first instance (RFC 5545 3.8.5.3); one off the rule's
        # pattern makes the set undefined. Then every later day is an RDATE.
        rule = Recurrence(start, start)
    made = set(rule.rule_dates())
    return Recurrence(
        rule.start,
        rule.until,
        rule.freq,
        rule.interval,
        rule.monthday,
        rdates=tuple(sorted(set(days) - made)),
        exdates=tuple(sorted(made - set(days))),
    )


def _rule_of(pattern: Sequence[dt.date]) -> tuple[str, int, int | None]:
    """FREQ, INTERVAL and BYMONTHDAY of a run of dates (months apart by a fixed step)."""
    if len(pattern) < 2:
        return YEARLY, 1, None
    months = [d.year * 12 + d.month for d in pattern]
    steps = {b - a for a, b in itertools.pairwise(months)}
    if len(steps) != 1 or (step := steps.pop()) < 1:
        return YEARLY, 1, None  # no regular step: the start and RDATEs
    if all(_on(d.year, d.month, -1) == d for d in pattern):
        monthday = -1
    else:
        monthday = Counter(d.day for d in pattern).most_common(1)[0][0]
    if step % 12 == 0:
        return YEARLY, step // 12, monthday
    return MONTHLY, step, monthday
