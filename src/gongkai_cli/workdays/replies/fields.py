"""One batch row from its text fields: the rule or days, the dates, then the verdict.

Rows repeat the same few dates and rules, so parsed dates are cached here and
resolved time limits in `limits.LimitResolver` (and so are their errors, as strings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from gongkai_cli.errors import (
    GongkaiError,
    OutsideRulesError,
    UncertainVerdictError,
    UnknownIntakeError,
    UsageError,
)
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import parse_day
from gongkai_cli.model.workdays import Receipt
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.limits import LimitResolver
from gongkai_cli.workdays.replies.verdict import ReplyStatus, Verdict, check_case, future_remark

# Caches are cleared when they grow past this, which bounds memory for files
# whose rows are all different (date-times to the second, say).
CACHE_LIMIT = 100_000


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


def invalid_result(
    received: str, replied: str, rule: str, reason: str, channel: str = "", restart: str = ""
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
    )


class RowChecker:
    """Checks rows against one calendar, time-limit resolver and as-of date."""

    def __init__(self, calendar: WorkCalendar, limits: LimitResolver, as_of: dt.date) -> None:
        self.calendar = calendar
        self.limits = limits
        self.as_of = as_of
        self._dates: dict[str, dt.date | str] = {}

    @property
    def has_default(self) -> bool:
        """Whether rows without a rule or days use --rule or --days."""
        return self.limits.has_default

    def _date(self, text: str, what: str) -> dt.date:
        found = self._dates.get(text)
        if found is None:
            try:
                found = parse_day(text) if text.strip() else "empty"
            except UsageError as exc:
                found = str(exc)
            if len(self._dates) >= CACHE_LIMIT:
                self._dates.clear()
            self._dates[text] = found
        if isinstance(found, str):
            raise UsageError(f"{what}: {found}")
        return found

    def check_fields(
        self,
        received: str,
        replied: str,
        rule: str,
        days: str,
        channel: str = "",
        restart: str = "",
        confirmed: str = "",
    ) -> RowResult:
        """The result for one row's fields (not its id). A confirmation day (确认日期), for
        an application rule, is the day of receipt (条例 第三十一条第三项: 以双方确认之日为
        收到之日): the count runs from it as received, whatever the channel's convention."""
        try:
            named = self.limits.row_limit(rule, days, channel)
            received_day = self._date(received, "received")
            replied_day = self._date(replied, "replied") if replied.strip() else None
            restart_day = self._date(restart, "restart") if restart.strip() else None
            limit = self.limits.on_day(named, received_day)
            period = limit.period
            counted_from, confirmed_day = received_day, None
            if confirmed.strip() and self.limits.by_channel(limit):
                confirmed_day = self._date(confirmed, "confirmed")
                counted_from = confirmed_day
                period = replace(period, receipt=Receipt.AS_RECEIVED)
            verdict = check_case(
                self.calendar,
                period,
                counted_from,
                replied_day,
                self.as_of,
                rule=limit.rule,
                restart=restart_day,
            )
        except OutsideRulesError as exc:
            return RowResult(
                received,
                replied,
                rule,
                None,
                "",
                "",
                "",
                None,
                ReplyStatus.OUTSIDE,
                str(exc),
                channel,
            )
        except UncertainVerdictError as exc:
            return replace(
                invalid_result(received, replied, rule, str(exc), channel, restart),
                status=ReplyStatus.UNCERTAIN,
            )
        except UnknownIntakeError as exc:
            return replace(
                invalid_result(received, replied, rule, str(exc), channel, restart),
                unknown_intake=exc.value,
            )
        except GongkaiError as exc:
            return invalid_result(received, replied, rule, str(exc), channel, restart)
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
        )


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
