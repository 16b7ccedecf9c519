"""One case: was a reply in time? `check_case` gives a `Verdict` (deadline, working
days used, status)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from gongkai_cli.errors import CalendarCoverageError, UncertainVerdictError, UsageError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import parse_day
from gongkai_cli.model.workdays import ReplyStatus as ReplyStatus  # re-exported for callers
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import Pause, Period
from gongkai_cli.workdays.rules import count_start
from gongkai_cli.workdays.yearend import YearBounds, bounds_for


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of checking one case."""

    received: dt.date
    replied: dt.date | None
    rule: str | None
    period: Period
    pauses: tuple[Pause, ...]
    deadline: dt.date | None
    """The last day of the period; None when only its earliest day is known (a count
    into a year whose 调休 is not yet published, the verdict certain all the same)."""
    working_days_used: int | None
    """Working days from receipt to reply (or to the as-of date), pauses left out;
    None when that day is outside the holiday calendar."""
    status: ReplyStatus
    restart: dt.date | None = None
    """The day a corrected application (补正) was received: the count starts from it."""
    channel: str | None = None
    """The channel of application whose receipt convention was applied (条例 第三十一条)."""
    rule_asked: str | None = None
    """The rule named, when the text in force on the day of receipt is `rule` instead."""
    earliest: dt.date | None = None
    """With `certain_without`: the earliest the deadline can be, whatever that year holds."""
    certain_without: int | None = None
    """The year whose arrangement is not published, and which no arrangement of could
    change this verdict (yearend.py)."""
    provisional: int | None = None
    """The provisional year (暂定 calendar, --provisional) the count reached, if any."""

    @property
    def start(self) -> dt.date:
        """The day the count starts after: the restart, else the receipt."""
        return self.restart or self.received


def parse_pause(text: str) -> Pause:
    """START..END (both days included), as `--pause` takes it."""
    start, sep, end = text.partition("..")
    if not sep:
        raise UsageError(
            _("invalid pause {text!r}: expected START..END, e.g. 2021-07-12..2021-07-16").format(
                text=clipped(text)
            )
        )
    pause = Pause(parse_day(start, "--pause start"), parse_day(end, "--pause end"))
    if pause.end < pause.start:
        raise UsageError(
            _("invalid pause {text!r}: it ends before it starts").format(text=clipped(text))
        )
    return pause


def check_case(
    calendar: WorkCalendar,
    period: Period,
    received: dt.date,
    replied: dt.date | None,
    as_of: dt.date,
    *,
    rule: str | None = None,
    pauses: Sequence[Pause] = (),
    restart: dt.date | None = None,
    channel: str | None = None,
    rule_asked: str | None = None,
    year_end: bool = True,
    counts: dict[tuple[Any, ...], tuple[dt.date, dt.date]] | None = None,
) -> Verdict:
    """Check one case: met or missed when replied, else open or overdue as of `as_of`.

    With `restart` (条例 第三十条: 答复期限自行政机关收到补正的申请之日起计算) the
    period counts from the corrected application instead of the first receipt. A count
    into the year after the calendar still gets its verdict when no arrangement of that
    year could change it (`certain_without`, yearend.py; not with `year_end=False`);
    otherwise CalendarCoverageError.

    `counts`, kept by a caller checking many cases with one calendar: each (start,
    period, pauses)'s deadline and effective receipt, counted once (a file's thousands
    of distinct rows have a few hundred days of receipt).
    """
    if replied is not None and replied < received:
        raise UsageError(
            _("the reply ({replied}) is before the receipt ({received})").format(
                replied=replied, received=received
            )
        )
    case = (period, received, replied, as_of, rule, tuple(pauses), restart, channel, rule_asked)
    try:
        verdict = _check(calendar, *case, counts=counts)
    except CalendarCoverageError as exc:
        bounds = bounds_for(calendar) if year_end else None
        if bounds is None:
            raise
        return _bounded(bounds, exc, case)
    if year := calendar.provisional(received, verdict.deadline, replied or as_of):
        return replace(verdict, provisional=year)
    return verdict


def _check(
    calendar: WorkCalendar,
    period: Period,
    received: dt.date,
    replied: dt.date | None,
    as_of: dt.date,
    rule: str | None,
    pauses: tuple[Pause, ...],
    restart: dt.date | None,
    channel: str | None,
    rule_asked: str | None,
    counts: dict[tuple[Any, ...], tuple[dt.date, dt.date]] | None = None,
) -> Verdict:
    start = count_start(received, restart)
    counted = counts.get((start, period, pauses)) if counts is not None else None
    if counted is None:
        counted = (
            calendar.deadline(start, period, pauses),
            calendar.effective_receipt(start, period.receipt),
        )
        if counts is not None:
            if len(counts) >= _COUNTS_KEPT:
                counts.clear()
            counts[start, period, pauses] = counted
    deadline, effective = counted
    if replied is not None:
        status = ReplyStatus.MET if replied <= deadline else ReplyStatus.MISSED
        used = _used(calendar, effective, replied, pauses)
    else:
        status = ReplyStatus.OVERDUE if as_of > deadline else ReplyStatus.OPEN
        used = _used(calendar, effective, as_of, pauses)
    return Verdict(
        received,
        replied,
        rule,
        period,
        pauses,
        deadline,
        used,
        status,
        restart,
        channel,
        rule_asked,
    )


_COUNTS_KEPT = 100_000


def _bounded(bounds: YearBounds, exc: CalendarCoverageError, case: tuple[Any, ...]) -> Verdict:
    """The verdict under the two extreme arrangements of `bounds.year`, when they agree."""
    try:
        early = _check(bounds.most, *case)  # the most working days: the earliest deadline
    except CalendarCoverageError:
        raise exc from None
    try:
        late: Verdict | None = _check(bounds.fewest, *case)  # none: the latest
    except CalendarCoverageError:
        late = None  # no deadline within the year: later than any day of it
    replied = case[2]
    late_status = (
        late.status
        if late is not None
        else (ReplyStatus.MET if replied is not None else ReplyStatus.OPEN)
    )
    if late_status is not early.status:
        raise UncertainVerdictError(
            _("{message}; the verdict depends on {year}'s 调休, not yet published").format(
                message=exc, year=bounds.year
            )
        ) from None
    known = late is not None and late.deadline == early.deadline
    until = replied if replied is not None else case[3]
    return replace(
        early,
        deadline=early.deadline if known else None,
        working_days_used=early.working_days_used if until.year < bounds.year else None,
        earliest=early.deadline,
        certain_without=bounds.year,
    )


def future_remark(received: dt.date, replied: dt.date | None, as_of: dt.date) -> str:
    """A remark when the receipt or the reply is dated after `as_of` (today), else ""."""
    after_receipt = received > as_of
    after_reply = replied is not None and replied > as_of
    if after_receipt and after_reply:
        said = _(
            "the receipt ({received}) and the reply ({replied}) are dated after today ({as_of})"
        )
    elif after_receipt:
        said = _("the receipt ({received}) is dated after today ({as_of})")
    elif after_reply:
        said = _("the reply ({replied}) is dated after today ({as_of})")
    else:
        return ""
    return said.format(received=received, replied=replied, as_of=as_of)


def _used(
    calendar: WorkCalendar, effective: dt.date, until: dt.date, pauses: Sequence[Pause]
) -> int | None:
    if until <= effective:
        return 0
    try:
        worked = calendar.working_days_between(effective, until)
        return worked - calendar.paused_working_days(effective, until, pauses)
    except CalendarCoverageError:
        return None  # the verdict stands on the dates; only the count is unknowable
