"""The time-limit options shared by `deadline` and `reply-check`: a rule, or a number of days.

What they mean is resolved in one place, workdays/limits.py, for one case and for
every row of a file alike."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gongkai_cli.io.settings import RULES_ENV
from gongkai_cli.model.workdays import Receipt
from gongkai_cli.workdays.limits import LimitRequest

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
        help="A rule id or Chinese name from 'gongkai rules' (application-reply, 依申请公开); "
        "for a file, auto: each row's rule from its channel (受理渠道), by the plan's intake map.",
        show_default=False,
    ),
]
ChannelOption = Annotated[
    str | None,
    typer.Option(
        "--channel",
        help="How the application came (条例 第三十一条): in-person 当面, post 邮寄, "
        "ordinary-letter 平常信函, online 互联网, fax 传真. Sets the receipt convention of "
        "the application rules (application-reply, extension, correction-notice) only: "
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
PauseOption = Annotated[
    list[str] | None,
    typer.Option(
        "--pause",
        help="START..END: days not counted, e.g. while a third party or another agency is "
        "consulted (条例 第三十三条第三款, 第三十二条, 第三十四条) or a hearing is held "
        "(信访工作条例 第三十六条). Repeatable.",
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


def limit_request(
    rule: str | None,
    days: int | None,
    calendar_days: bool,
    receipt: Receipt | None,
    channel: str | None,
    letters: str | None = None,
) -> LimitRequest:
    """The time-limit options as the resolver takes them (workdays/limits.py)."""
    return LimitRequest(rule, days, calendar_days, receipt, channel, letters)
