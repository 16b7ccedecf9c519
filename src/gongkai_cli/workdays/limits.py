"""One time limit from what a case says: a rule or a number of days, and how receipt counts.

`deadline`, `reply-check` for one case and every row of a `reply-check --file` resolve
their time limit here, so that one case and one row can never disagree about it:

- `LimitRequest` is what the options say (`--rule` or `--days`, `--calendar-days`,
  `--receipt`, `--channel`); for a file it is each row's default.
- `LimitResolver.request_limit()` is the limit of one case; `row_limit(rule, days,
  channel)` that of a row, whose own rule, days or channel (as written) win over the
  request's. A row's answers are cached: files repeat the same few.
- `days_period` is the one range check on a number of days: 1 to `MAX_DAYS`. A
  `--days 5000` and a row's `days` of 5000 are both refused, exit 2 (bad input): no
  time limit is longer than ten years, so such a number is a typo (500 → 5000, a date
  typed in the days column), and counting it would only end in a "2040 is outside the
  holiday calendar" (exit 4) that asks for a calendar nobody needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from gongkai_cli.errors import OutsideRulesError, UnknownIntakeError, UsageError, shown
from gongkai_cli.i18n import _
from gongkai_cli.model.workdays import DayType, Receipt
from gongkai_cli.workdays.days import Period

if TYPE_CHECKING:  # the rules book is read only for a rule or a channel
    from gongkai_cli.workdays.rules import RuleBook

AUTO = "auto"
"""--rule auto: each row's rule from its channel column, by the plan's intake map."""
MAX_DAYS = 3660
"""The longest time limit a number of days may give: ten years (and two leap days)."""
CACHE_LIMIT = 100_000
"""Rows' limits are cached; past this many distinct (rule, days, channel) the cache is
cleared, which bounds memory for a file whose every row differs."""


@dataclass(frozen=True, slots=True)
class LimitRequest:
    """What the options say about the time limit (for a file: each row's default)."""

    rule: str | None = None
    """--rule: an id or a Chinese name."""
    days: int | None = None
    """--days: a number of working days (calendar days with `calendar_days`)."""
    calendar_days: bool = False
    """--calendar-days: `days` counts calendar days."""
    receipt: Receipt | None = None
    """--receipt: the receipt convention, instead of the rule's own."""
    channel: str | None = None
    """--channel: how the application came (条例 第三十一条); sets the convention."""
    letters: str | None = None
    """--letters: the channel a file's 信函申请 / 信件 rows came by (post or ordinary-letter)."""

    @property
    def needs_rules(self) -> bool:
        """Whether the rules book must be read: for a rule or a channel."""
        return self.rule is not None or self.channel is not None


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """A resolved time limit: the rule (or none, for a number of days), the channel
    whose receipt convention applies (or none), and the period to count."""

    rule: str
    """The rule's id; "" for a number of days."""
    channel: str
    """The channel's id; "" when no channel applies."""
    period: Period
    asked: str = ""
    """The rule asked for, when the text in force on the day of receipt is another
    rule's (`RuleBook.in_force_on`): 信访受理 for a case of 2023 is petition-notice."""


def days_period(
    count: int, day_type: DayType, receipt: Receipt | None, name: str = "--days"
) -> Period:
    """`count` days as a period, or UsageError when it is not 1 to `MAX_DAYS`.

    `name` says where the number came from in the message: --days, or a row's days.
    """
    if not 1 <= count <= MAX_DAYS:
        raise UsageError(
            _("{name} {count} is not between 1 and {max_days}").format(
                name=name, count=count, max_days=MAX_DAYS
            )
        )
    return Period(count, day_type, receipt or Receipt.AS_RECEIVED)


class LimitResolver:
    """Resolves the time limit of one case, or of each row of a file, against one book."""

    def __init__(self, book: RuleBook | None, request: LimitRequest) -> None:
        """`book` may be None only when the request needs no rules (`needs_rules`).

        Refuses at once what no row could fix: --rule with --days, --channel with
        --receipt, --calendar-days with a rule, an unknown rule or channel, and days
        outside the range.
        """
        if request.channel is not None and request.receipt is not None:
            raise UsageError(_("give --channel or --receipt, not both"))
        if request.rule is not None and request.days is not None:
            raise UsageError(_("give --rule or --days, not both"))
        if request.rule is not None and request.calendar_days:
            raise UsageError(_("--calendar-days goes with --days; a rule fixes its own day type"))
        self.book = book
        self.request = request
        self.auto = request.rule is not None and request.rule.strip() == AUTO
        if self.auto and request.channel is not None:
            raise UsageError(
                _("--rule auto takes each row's rule from its channel column; give no --channel")
            )
        self.day_type = DayType.CALENDAR if request.calendar_days else DayType.WORKING
        self._cache: dict[tuple[str, str, str], TimeLimit | UsageError] = {}
        self._by_day: dict[tuple[TimeLimit, dt.date], TimeLimit | UsageError] = {}
        self._default: TimeLimit | None = None
        if request.letters is not None:
            self._check_letters(request.letters)
        if request.rule is not None and not self.auto:
            limit = self._rule_limit(request.rule)
            if request.channel is not None:
                self._check_channel_scope(limit.rule)
            self._default = self._apply_channel(limit, request.channel or "")
        elif request.days is not None:
            period = days_period(request.days, self.day_type, request.receipt)
            self._default = self._apply_channel(TimeLimit("", "", period), request.channel or "")
        elif request.channel is not None:
            self._channel(request.channel)  # an unknown channel is refused before any row

    @property
    def has_default(self) -> bool:
        """Whether a case or row without a rule or days of its own has one (with --rule
        auto, its channel's)."""
        return self._default is not None or self.auto

    def request_limit(self) -> TimeLimit:
        """The limit of one case: the options' rule or days, with their channel."""
        if self.auto:
            raise UsageError(
                _("--rule auto is for a file: each row's rule comes from its channel column")
            )
        if self._default is None:
            raise UsageError(_("give --rule ID (see 'gongkai rules') or --days N"))
        return self._default

    def row_limit(self, rule: str, days: str, channel: str) -> TimeLimit:
        """The limit of a row from its rule, days and channel as written ("" for none):
        the row's own where it gives them, else the request's; UsageError says why not."""
        key = (rule, days, channel)
        found = self._cache.get(key)
        if found is None:
            try:
                found = self._row_limit(rule.strip(), days.strip(), channel.strip())
            except UsageError as exc:
                found = exc.with_traceback(None)
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        if isinstance(found, UsageError):
            raise _again(found)
        return found

    def on_day(self, limit: TimeLimit, received: dt.date) -> TimeLimit:
        """`limit` for a case received on `received`: a rule whose text was not in force
        that day gives way to the rule of its line that was (`RuleBook.in_force_on`),
        with `asked` saying which was named; UsageError when no text was in force."""
        if not limit.rule or self.book is None:
            return limit
        key = (limit, received)
        found = self._by_day.get(key)
        if found is None:
            try:
                found = self._on_day(limit, received)
            except UsageError as exc:
                found = exc.with_traceback(None)
            if len(self._by_day) >= CACHE_LIMIT:
                self._by_day.clear()
            self._by_day[key] = found
        if isinstance(found, UsageError):
            raise _again(found)
        return found

    def _on_day(self, limit: TimeLimit, received: dt.date) -> TimeLimit:
        assert self.book is not None
        rule = self.book.in_force_on(limit.rule, received)
        if rule.id == limit.rule:
            return limit
        switched = self._apply_channel(self._rule_limit(rule.id), limit.channel)
        return replace(switched, asked=limit.asked or limit.rule)

    def switch_remark(self, limit: TimeLimit) -> str:
        """Why a case is judged by another rule than the one named, or ""."""
        if not limit.asked or self.book is None:
            return ""
        return switch_remark(self.book, limit.rule, limit.asked)

    def _row_limit(self, rule: str, days: str, channel: str) -> TimeLimit:
        if rule and days:
            raise UsageError(_("a row gives a rule or days, not both"))
        if rule:
            limit = self._rule_limit(rule)
        elif days:
            limit = TimeLimit("", "", self._row_days(days))
        elif self.auto:
            return self._intake_limit(channel)  # the channel chose the rule, passes through
        elif self._default is not None:
            limit = self._default
            if not channel:
                return limit
        else:
            raise UsageError(_("no rule or days for this row, and no --rule or --days"))
        if not self._by_channel(limit):
            return limit  # a channel means nothing to this rule: it passes through untouched
        if channel:
            if self.request.receipt is not None:
                raise UsageError(_("a row gives a channel, and --receipt sets the convention"))
            return self._apply_channel(limit, channel)
        return self._apply_channel(limit, self.request.channel or "")

    def by_channel(self, limit: TimeLimit) -> bool:
        """Whether `limit` is one whose day of receipt 第三十一条 fixes (an application
        rule; not a number of days of one's own)."""
        return bool(limit.rule) and self._by_channel(limit)

    def _by_channel(self, limit: TimeLimit) -> bool:
        """Whether a channel sets the receipt day of this limit: a number of days (the
        user's own limit), or a rule of 条例 第三十一条 (`receipt_by_channel`)."""
        if not limit.rule:
            return True
        assert self.book is not None
        return self.book.get(limit.rule).receipt_by_channel

    def _check_channel_scope(self, rule_id: str) -> None:
        """An explicit --channel on a rule whose receipt day no channel fixes is refused."""
        assert self.book is not None
        rule = self.book.get(rule_id)
        if not rule.receipt_by_channel:
            by_channel = ", ".join(r.id for r in self.book if r.receipt_by_channel)
            raise UsageError(
                _(
                    "--channel is for the rules of an information-disclosure application "
                    "({rules}): 条例 第三十一条 fixes their day of receipt by how the "
                    "application came; {rule} is not one of them"
                ).format(rules=by_channel, rule=rule.label)
            )

    def _intake_limit(self, channel: str) -> TimeLimit:
        """--rule auto: the rule of the row's channel in the plan's intake map."""
        assert self.book is not None
        if not channel:
            raise UsageError(_("--rule auto: the row has no channel to choose its rule by"))
        entry = self.book.intake_of(channel)
        if entry is None:
            raise UnknownIntakeError(
                _("channel {value} is not in the intake map: give the row a rule").format(
                    value=shown(channel)
                ),
                channel,
            )
        if entry.rule is None:
            raise OutsideRulesError(
                _("{value}: outside the rules ({reason})").format(
                    value=channel, reason=entry.reason
                )
            )
        return self._rule_limit(entry.rule)

    def _check_letters(self, letters: str) -> None:
        assert self.book is not None, "--letters needs the rules book"
        chosen = self.book.channel(letters).id
        choices = {choice for a in self.book.ambiguous_channels for choice in a.choices}
        if chosen not in choices:
            raise UsageError(
                _("--letters is {choices}, not {letters}").format(
                    choices=_(" or ").join(sorted(choices)), letters=shown(letters)
                )
            )

    def _rule_limit(self, text: str) -> TimeLimit:
        assert self.book is not None, "a rule needs the rules book"
        rule = self.book.get(text)
        period = self.book.periods[rule.id]
        if self.request.receipt is not None:
            period = Period(period.count, period.day_type, self.request.receipt)
        return TimeLimit(rule.id, "", period)

    def _row_days(self, text: str) -> Period:
        try:
            count = int(text)
        except ValueError:
            raise UsageError(_("days {text!r} is not a whole number").format(text=text)) from None
        return days_period(count, self.day_type, self.request.receipt, _("days"))

    def _channel(self, text: str) -> tuple[str, Receipt]:
        assert self.book is not None, "a channel needs the rules book"
        ambiguous = self.book.ambiguous(text)
        if ambiguous is not None:
            if self.request.letters is None:
                raise UsageError(
                    _(
                        "{name} could be {choices} ({reason}): say which, for a file once "
                        "with --letters, for one case with --channel"
                    ).format(
                        name=shown(text),
                        choices=_(" or ").join(ambiguous.choices),
                        reason=ambiguous.reason,
                    )
                )
            text = self.request.letters
        channel = self.book.channel(text)
        return channel.id, channel.receipt

    def _apply_channel(self, limit: TimeLimit, channel: str) -> TimeLimit:
        """The limit with the channel's receipt convention (条例 第三十一条)."""
        if not channel:
            return limit
        channel_id, receipt = self._channel(channel)
        period = limit.period
        return TimeLimit(limit.rule, channel_id, Period(period.count, period.day_type, receipt))


def _again(exc: UsageError) -> UsageError:
    """A fresh copy of a cached refusal, so that raising it again grows no traceback."""
    return type(exc)(*exc.args)


def switch_remark(book: RuleBook, rule_id: str, asked_id: str) -> str:
    """Why a case named by `asked_id` is judged by `rule_id`, the text in force then."""
    from gongkai_cli.workdays.rules import in_force_span

    rule, asked = book.get(rule_id), book.get(asked_id)
    return _(
        "judged by the text in force on the day of receipt: {rule} ({basis}), "
        "not {asked} ({asked_basis}, {span})"
    ).format(
        rule=rule.id,
        basis=rule.basis,
        asked=asked.id,
        asked_basis=asked.basis,
        span=in_force_span(asked.in_force),
    )
