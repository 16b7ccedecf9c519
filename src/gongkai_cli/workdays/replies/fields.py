"""One batch row from its text fields: the rule or days, the dates, then the verdict.

Rows repeat the same few dates and rules, so parsed dates and resolved periods are
cached (and so are their errors, as strings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai_cli.errors import GongkaiError, UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import parse_day
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import DayType, Period, Receipt
from gongkai_cli.workdays.replies.verdict import Status, check_case, future_remark
from gongkai_cli.workdays.rules import RuleBook

# Caches are cleared when they grow past this, which bounds memory for files
# whose rows are all different (date-times to the second, say).
CACHE_LIMIT = 100_000
MAX_DAYS = 3660  # a period longer than ten years is a typo, not a time limit


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
    status: Status
    reason: str = ""
    """Why an invalid row could not be checked, or a remark on a checked one."""
    channel: str = ""
    """The channel's id (条例 第三十一条), or the text as written in an invalid row."""
    restart: str = ""
    """The day the count restarted (补正, 条例 第三十条), or the text as written."""


def invalid_result(
    received: str, replied: str, rule: str, reason: str, channel: str = "", restart: str = ""
) -> RowResult:
    """An invalid row: its fields as written, and why it could not be checked."""
    return RowResult(
        received, replied, rule, None, "", "", "", None, Status.INVALID, reason, channel, restart
    )


class RowChecker:
    """Checks rows against one calendar, rule book, default period and as-of date."""

    def __init__(
        self,
        calendar: WorkCalendar,
        rules: RuleBook,
        as_of: dt.date,
        *,
        default_rule: str | None = None,
        default_days: int | None = None,
        day_type: DayType = DayType.WORKING,
        receipt: Receipt | None = None,
        default_channel: str | None = None,
    ) -> None:
        if default_rule is not None and default_days is not None:
            raise UsageError(_("give --rule or --days, not both"))
        if default_channel is not None and receipt is not None:
            raise UsageError(_("give --channel or --receipt, not both"))
        self.calendar = calendar
        self.rules = rules
        self.as_of = as_of
        self.day_type = day_type
        self.receipt = receipt
        self.default_channel = (
            rules.channel(default_channel).id if default_channel is not None else ""
        )
        self._default: tuple[str, Period] | None = None
        if default_rule is not None:
            self._default = (self._rule_id(default_rule), self._rule_period(default_rule))
        elif default_days is not None:
            self._default = ("", self._days_period(str(default_days)))
        self._dates: dict[str, dt.date | str] = {}
        self._periods: dict[tuple[str, str, str], tuple[str, str, Period] | str] = {}

    @property
    def has_default(self) -> bool:
        """Whether rows without a rule or days use --rule or --days."""
        return self._default is not None

    def _rule_period(self, rule_id: str) -> Period:
        period = self.rules.period(rule_id)
        if self.receipt is not None:
            period = Period(period.count, period.day_type, self.receipt)
        return period

    def _rule_id(self, rule_text: str) -> str:
        """The rule's id, for a row that names it in Chinese (依申请公开)."""
        return self.rules.get(rule_text).id

    def _days_period(self, text: str) -> Period:
        try:
            count = int(text)
        except ValueError:
            raise UsageError(_("days {text!r} is not a whole number").format(text=text)) from None
        if not 1 <= count <= MAX_DAYS:
            raise UsageError(
                _("days {count} is not between 1 and {max_days}").format(
                    count=count, max_days=MAX_DAYS
                )
            )
        return Period(count, self.day_type, self.receipt or Receipt.AS_RECEIVED)

    def _period(self, rule_text: str, days_text: str, channel: str) -> tuple[str, str, Period]:
        """(rule id, channel id, period) for a row's rule, days and channel."""
        key = (rule_text, days_text, channel)
        found = self._periods.get(key)
        if found is None:
            try:
                rule_id, period = self._resolve_period(rule_text.strip(), days_text.strip())
                channel_id, period = self._channel(channel.strip(), period)
                found = (rule_id, channel_id, period)
            except UsageError as exc:
                found = str(exc)
            self._periods[key] = found
        if isinstance(found, str):
            raise UsageError(found)
        return found

    def _channel(self, text: str, period: Period) -> tuple[str, Period]:
        """A row's channel (or --channel) sets the receipt convention (条例 第三十一条)."""
        if not text:
            if not self.default_channel:
                return "", period
            text = self.default_channel
        elif self.receipt is not None:
            raise UsageError(_("a row gives a channel, and --receipt sets the convention"))
        channel = self.rules.channel(text)
        return channel.id, Period(period.count, period.day_type, channel.receipt)

    def _resolve_period(self, rule_text: str, days_text: str) -> tuple[str, Period]:
        if rule_text and days_text:
            raise UsageError(_("a row gives a rule or days, not both"))
        if rule_text:
            return self._rule_id(rule_text), self._rule_period(rule_text)
        if days_text:
            return "", self._days_period(days_text)
        if self._default is None:
            raise UsageError(_("no rule or days for this row, and no --rule or --days"))
        return self._default

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
    ) -> RowResult:
        """The result for one row's fields (not its id)."""
        try:
            rule_id, channel_id, period = self._period(rule, days, channel)
            received_day = self._date(received, "received")
            replied_day = self._date(replied, "replied") if replied.strip() else None
            restart_day = self._date(restart, "restart") if restart.strip() else None
            verdict = check_case(
                self.calendar,
                period,
                received_day,
                replied_day,
                self.as_of,
                rule=rule_id,
                restart=restart_day,
            )
        except GongkaiError as exc:
            return invalid_result(received, replied, rule, str(exc), channel, restart)
        return RowResult(
            verdict.received.isoformat(),
            verdict.replied.isoformat() if verdict.replied else "",
            rule_id,
            period.count,
            period.day_type.value,
            period.receipt.value,
            verdict.deadline.isoformat(),
            verdict.working_days_used,
            verdict.status,
            future_remark(received_day, replied_day, self.as_of),
            channel_id,
            restart_day.isoformat() if restart_day else "",
        )
