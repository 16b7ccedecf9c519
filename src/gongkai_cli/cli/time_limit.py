"""The time-limit options shared by `deadline` and `reply-check`: a rule, or a number of days."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.settings import RULES_ENV
from gongkai_cli.model.workdays import DayType, Receipt

if TYPE_CHECKING:
    from gongkai_cli.workdays.days import Period
    from gongkai_cli.workdays.rules import RuleBook


class CaseFormat(StrEnum):
    """Output formats of one deadline or one case."""

    table = "table"
    json = "json"


RulesFile = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        envvar=RULES_ENV,
        help="A rules file to use alone, instead of the plan's own rules (its rules.yaml) "
        "and the statutory ones gongkai ships.",
        show_default=False,
        dir_okay=False,
    ),
]
RuleOption = Annotated[
    str | None,
    typer.Option(
        "--rule",
        "-r",
        help="A rule id or Chinese name from 'gongkai rules' (application-reply, 依申请公开).",
        show_default=False,
    ),
]
ChannelOption = Annotated[
    str | None,
    typer.Option(
        "--channel",
        help="How the application came (条例 第三十一条): in-person 当面, post 邮寄, "
        "ordinary-letter 平常信函, online 互联网, fax 传真. Sets the receipt convention: "
        "online and fax count a rest-day submission from the next working day.",
        show_default=False,
    ),
]
RestartOption = Annotated[
    str | None,
    typer.Option(
        "--restart",
        help="Day the corrected application (补正) was received: the period starts again "
        "from it (条例 第三十条).",
        show_default=False,
    ),
]
DaysOption = Annotated[
    int | None,
    typer.Option("--days", "-d", help="A time limit in working days.", show_default=False),
]
CalendarDays = Annotated[
    bool,
    typer.Option("--calendar-days", help="Count --days as calendar days, not working days."),
]
ReceiptOption = Annotated[
    Receipt | None,
    typer.Option(
        "--receipt",
        help="as-received: count from the day of arrival (default); next-working-day: what "
        "arrives on a non-working day counts as received on the next working day. "
        "Default: the rule's own setting.",
        show_default=False,
    ),
]


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """What the options say about the time limit: --rule, or --days (maybe calendar days)."""

    rule: str | None
    days: int | None
    calendar_days: bool
    receipt: Receipt | None
    channel: str | None = None

    def period(self, rules: RuleBook | None) -> Period:
        """The period to count; `rules` is needed only when a --rule was given."""
        from gongkai_cli.workdays.days import Period

        rule, days = self.rule, self.days
        receipt = self.receipt
        if self.channel is not None:
            if receipt is not None:
                raise UsageError(_("give --channel or --receipt, not both"))
            assert rules is not None
            receipt = rules.channel(self.channel).receipt
        if rule is not None and days is not None:
            raise UsageError(_("give --rule or --days, not both"))
        if rule is None and days is None:
            raise UsageError(_("give --rule ID (see 'gongkai rules') or --days N"))
        if rule is not None:
            if self.calendar_days:
                raise UsageError(
                    _("--calendar-days goes with --days; a rule fixes its own day type")
                )
            assert rules is not None
            period = rules.period(rule)
            return Period(period.count, period.day_type, receipt or period.receipt)
        assert days is not None
        if days < 1:
            raise UsageError(_("--days must be at least 1, not {days}").format(days=days))
        day_type = DayType.CALENDAR if self.calendar_days else DayType.WORKING
        return Period(days, day_type, receipt or Receipt.AS_RECEIVED)

    @property
    def needs_rules(self) -> bool:
        """Whether the rules file must be read: for a --rule or a --channel."""
        return self.rule is not None or self.channel is not None
