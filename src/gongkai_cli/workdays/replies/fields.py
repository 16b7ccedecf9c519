"""One batch row from its fields: the rule or days, the dates, then the verdict.

A row's fields come as text (CSV, JSON Lines), or, from a spreadsheet, a date cell's
value (`datetime.date`, or `datetime.datetime`: its day), as `Written`.

Rows repeat the same few days and rules, so three caches stand between a row and its
verdict: parsed dates by their text (here; a date-time's by its date part, see
`_day_of_text`), resolved time limits by (rule, days, channel) (`limits.LimitResolver`),
and, for rows whose dates carry a time of day (`_timed`), results by what they depend
on, the `DayKey`: (rule, days, channel) as written and the days read from the date
fields. An export whose date-times differ to the minute still repeats its days, so its
rows are checked once per distinct day key, not once per row. A result that repeats the
fields as written (an invalid row) is a function of the text, not of the days, and is
not kept by day key (`RowChecker.check` says which).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any, NamedTuple

from gongkai_cli.errors import (
    GongkaiError,
    OutsideRulesError,
    UncertainVerdictError,
    UnknownIntakeError,
    UsageError,
)
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import CLOCK, parse_date, parse_day
from gongkai_cli.model.workdays import Receipt
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.limits import LimitResolver, TimeLimit
from gongkai_cli.workdays.replies.verdict import ReplyStatus, Verdict, check_case, future_remark

# Caches are cleared when they grow past this, which bounds memory for files
# whose rows are all different (date-times to the second, say).
CACHE_LIMIT = 100_000

Written = str | dt.date
"""A date field as a row gives it: text, or a spreadsheet's date cell (a `datetime` too)."""

DayKey = tuple[str, str, str, dt.date, dt.date | None, dt.date | None, dt.date | None]
"""What a checked row's result depends on: rule, days and channel as written, and the
days received, replied, restarted and confirmed (None where not given or not read)."""


def written(value: Written) -> str:
    """A date field as the row wrote it, for a result that repeats it: text as it is, a
    date cell as a CSV export of it holds it (2021-07-03; 2021-07-03 09:15:00)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    return value.isoformat()


def _timed(value: Written) -> bool:
    """Whether a date field may carry a time of day: a date cell, or text longer than
    any spelling of a date alone (2021年12月31日, 11 characters). Only such rows are
    kept by their days: rows whose dates are text alone repeat their text, which the
    callers' caches key on already, and keeping their results too would only give the
    garbage collector more to walk (15 ms in the 200,000-row benchmark)."""
    return not isinstance(value, str) or len(value) > 11


def _given(value: Written) -> bool:
    """Whether a date field holds anything: a date cell always, text when not blank."""
    return not isinstance(value, str) or bool(value.strip())


class _Failure(NamedTuple):
    """A row whose days were read but that could not be checked (a reply before its
    receipt, a day outside the calendar): its result repeats the fields as written."""

    status: ReplyStatus
    reason: str


@dataclass(frozen=True, slots=True)
class RowResult:
    """One output row without its line and id, as cached per distinct input."""

    received: str
    replied: str
    rule: str
    days: int | None
    day_type: str
    receipt: str
    deadline: str
    working_days_used: int | None
    status: ReplyStatus
    reason: str = ""
    """Why an invalid row could not be checked, or a remark on a checked one."""
    channel: str = ""
    """The channel's id (条例 第三十一条), or the text as written in an invalid row."""
    restart: str = ""
    """The day the count restarted (补正, 条例 第三十条), or the text as written."""
    unknown_intake: str = ""
    """With --rule auto: the channel value not in the intake map (the row is invalid)."""
    confirmed: str = ""
    """The confirmation day (确认日期) the count ran from, or the field as written where
    it decides nothing (a rule 第三十一条 does not govern, an invalid row)."""


def invalid_result(
    received: str,
    replied: str,
    rule: str,
    reason: str,
    channel: str = "",
    restart: str = "",
    confirmed: str = "",
) -> RowResult:
    """An invalid row: its fields as written, and why it could not be checked."""
    return RowResult(
        received,
        replied,
        rule,
        None,
        "",
        "",
        "",
        None,
        ReplyStatus.INVALID,
        reason,
        channel,
        restart,
        confirmed=confirmed,
    )


class RowChecker:
    """Checks rows against one calendar, time-limit resolver and as-of date."""

    def __init__(self, calendar: WorkCalendar, limits: LimitResolver, as_of: dt.date) -> None:
        self.calendar = calendar
        self.limits = limits
        self.as_of = as_of
        self._dates: dict[str, dt.date | str] = {}
        self._date_parts: dict[str, dt.date | str] = {}
        self._results: dict[DayKey, _Kept] = {}
        self._counts: dict[tuple[Any, ...], tuple[dt.date, dt.date]] = {}

    @property
    def has_default(self) -> bool:
        """Whether rows without a rule or days use --rule or --days."""
        return self.limits.has_default

    def _date(self, value: Written, what: str) -> dt.date:
        """The day a date field gives, or UsageError naming the field (`what`)."""
        found = self._dates.get(value) if isinstance(value, str) else None
        if found is None:
            if not isinstance(value, str):
                return value.date() if isinstance(value, dt.datetime) else value
            found = self._day_of_text(value)
            if len(self._dates) >= CACHE_LIMIT:
                self._dates.clear()
            self._dates[value] = found
        if isinstance(found, str):
            raise UsageError(f"{what}: {found}")
        return found

    def _day_of_text(self, text: str) -> dt.date | str:
        """`parse_day(text)`, or the reason it fails. A date and a time of day as exports
        write them (2021/7/3 9:15, 2021-07-03 09:15:00: a date without spaces that does
        not end in T, one space, a time) is the day of its date part, as `parse_day`
        reads it too; so the date part is parsed once for all the times of its day."""
        try:
            if not text.strip():
                return "empty"
            head, space, clock = text.partition(" ")
            if not (space and head and head[-1] != "T" and _CLOCK.fullmatch(clock)):
                return parse_day(text)
            found = self._date_parts.get(head)
            if found is None:
                if _SPACE.search(head):
                    return parse_day(text)
                found = parse_date(head)
                if len(self._date_parts) >= CACHE_LIMIT:
                    self._date_parts.clear()
                self._date_parts[head] = found
            return found
        except UsageError as exc:
            return str(exc)

    def check_fields(
        self,
        received: Written,
        replied: Written,
        rule: str,
        days: str,
        channel: str = "",
        restart: Written = "",
        confirmed: Written = "",
    ) -> RowResult:
        """The result for one row's fields (not its id). A confirmation day (确认日期), for
        an application rule, is the day of receipt (条例 第三十一条第三项: 以双方确认之日为
        收到之日): the count runs from it as received, whatever the channel's convention."""
        return self.check(received, replied, rule, days, channel, restart, confirmed)[1]

    def check(
        self,
        received: Written,
        replied: Written,
        rule: str,
        days: str,
        channel: str = "",
        restart: Written = "",
        confirmed: Written = "",
    ) -> tuple[DayKey | None, RowResult]:
        """`check_fields`, with what the result depends on: its `DayKey`, the same for
        every row that gives the same days (whatever the times or spellings of its dates),
        or None when the result repeats the fields as written (an invalid row)."""
        try:
            named = self.limits.row_limit(rule, days, channel)
            received_day = self._date(received, "received")
            replied_day = None
            if not isinstance(replied, str) or replied.strip():
                replied_day = self._date(replied, "replied")
            restart_day = None
            if restart and (not isinstance(restart, str) or restart.strip()):
                restart_day = self._date(restart, "restart")
            limit = self.limits.on_day(named, received_day)
            confirmed_day = None
            if confirmed and _given(confirmed) and self.limits.by_channel(limit):
                confirmed_day = self._date(confirmed, "confirmed")
        except OutsideRulesError as exc:
            outside = RowResult(
                written(received),
                written(replied),
                rule,
                None,
                "",
                "",
                "",
                None,
                ReplyStatus.OUTSIDE,
                str(exc),
                channel,
                confirmed=written(confirmed),
            )
            return None, outside
        except UnknownIntakeError as exc:
            failure = _Failure(ReplyStatus.INVALID, str(exc))
            unknown = self._failed(failure, received, replied, rule, channel, restart, confirmed)
            return None, replace(unknown, unknown_intake=exc.value)
        except GongkaiError as exc:
            failure = _Failure(ReplyStatus.INVALID, str(exc))
            return None, self._failed(failure, received, replied, rule, channel, restart, confirmed)
        key = (rule, days, channel, received_day, replied_day, restart_day, confirmed_day)
        by_day = (
            _timed(received)
            or _timed(replied)
            or (restart and _timed(restart))
            or (confirmed and _timed(confirmed))
        )
        kept = self._results.get(key) if by_day else None
        if kept is None:
            found = self._verdict(
                limit, received_day, replied_day, restart_day, confirmed_day, channel
            )
            if by_day:
                if len(self._results) >= CACHE_LIMIT:
                    self._results.clear()
                self._results[key] = _kept(found)
        else:
            found = _restored(kept)
        if isinstance(found, RowResult):
            if confirmed_day is None and confirmed and _given(confirmed):
                # a 确认日期 no rule here reads: echoed as written, after the cache, whose
                # key holds only the day it read
                found = replace(found, confirmed=written(confirmed))
            return key, found
        return None, self._failed(found, received, replied, rule, channel, restart, confirmed)

    @staticmethod
    def _failed(
        failure: _Failure,
        received: Written,
        replied: Written,
        rule: str,
        channel: str,
        restart: Written,
        confirmed: Written = "",
    ) -> RowResult:
        """The result of a row that could not be checked: its fields as written, and why."""
        result = invalid_result(
            written(received),
            written(replied),
            rule,
            failure.reason,
            channel,
            written(restart),
            written(confirmed),
        )
        if failure.status is ReplyStatus.INVALID:
            return result
        return replace(result, status=failure.status)

    def _verdict(
        self,
        limit: TimeLimit,
        received_day: dt.date,
        replied_day: dt.date | None,
        restart_day: dt.date | None,
        confirmed_day: dt.date | None,
        channel: str,
    ) -> RowResult | _Failure:
        """The result of a row from its days, or why it could not be checked."""
        period = limit.period
        counted_from = received_day
        if confirmed_day is not None:
            counted_from = confirmed_day
            period = replace(period, receipt=Receipt.AS_RECEIVED)
        try:
            verdict = check_case(
                self.calendar,
                period,
                counted_from,
                replied_day,
                self.as_of,
                rule=limit.rule,
                restart=restart_day,
                counts=self._counts,
            )
        except UncertainVerdictError as exc:
            return _Failure(ReplyStatus.UNCERTAIN, str(exc))
        except GongkaiError as exc:
            return _Failure(ReplyStatus.INVALID, str(exc))
        return RowResult(
            received_day.isoformat(),
            verdict.replied.isoformat() if verdict.replied else "",
            limit.rule,
            period.count,
            period.day_type.value,
            period.receipt.value,
            verdict.deadline.isoformat() if verdict.deadline else "",
            verdict.working_days_used,
            verdict.status,
            _joined(
                self.limits.switch_remark(limit),
                _confirmed_remark(confirmed_day),
                _year_end_remark(verdict),
                future_remark(received_day, replied_day, self.as_of),
            ),
            limit.channel or channel,  # a channel no rule reads passes through as written
            restart_day.isoformat() if restart_day else "",
            confirmed=confirmed_day.isoformat() if confirmed_day else "",
        )


_Kept = tuple[str | int | None, ...]
"""A result or a failure as `RowChecker` keeps it: a tuple of text, numbers and None,
which the garbage collector stops tracking (a cache of objects it walks at every
collection cost more than the checks it saved: 30 ms in 200,000 rows)."""

_STATUSES = {status.value: status for status in ReplyStatus}


def _kept(found: RowResult | _Failure) -> _Kept:
    if isinstance(found, _Failure):
        return (found.status.value, found.reason)
    return (
        found.received,
        found.replied,
        found.rule,
        found.days,
        found.day_type,
        found.receipt,
        found.deadline,
        found.working_days_used,
        found.status.value,
        found.reason,
        found.channel,
        found.restart,
        found.unknown_intake,
        found.confirmed,
    )


def _restored(kept: _Kept) -> RowResult | _Failure:
    if len(kept) == 2:
        return _Failure(_STATUSES[str(kept[0])], str(kept[1]))
    return RowResult(*kept[:8], _STATUSES[str(kept[8])], *kept[9:])  # type: ignore[arg-type,call-arg]


_CLOCK = re.compile(CLOCK)
_SPACE = re.compile(r"\s")


def _confirmed_remark(confirmed: dt.date | None) -> str:
    if confirmed is None:
        return ""
    return _(
        "counted from the confirmation day {day} (条例 第三十一条第三项: 以双方确认之日为收到之日)"
    ).format(day=confirmed)


def _year_end_remark(verdict: Verdict) -> str:
    """Said of a verdict given before the next year's arrangement is out, or counted with
    the provisional calendar."""
    if verdict.certain_without is not None:
        if verdict.deadline is None:
            return _(
                "certain whatever {year}'s 调休 (certain_without: {year}); the deadline is "
                "{earliest} or later"
            ).format(year=verdict.certain_without, earliest=verdict.earliest)
        return _("certain whatever {year}'s 调休 (certain_without: {year})").format(
            year=verdict.certain_without
        )
    if verdict.provisional is not None:
        return _("暂定: counted with the provisional {year} calendar (no 调休 yet)").format(
            year=verdict.provisional
        )
    return ""


def _joined(*remarks: str) -> str:
    """The remarks on a checked row, in one `reason`."""
    return "; ".join(remark for remark in remarks if remark)
