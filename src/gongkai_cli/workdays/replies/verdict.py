"""One case: was a reply in time? `check_case` gives a `Verdict` (deadline, working
days used, status)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gongkai_cli.errors import CalendarCoverageError, UsageError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import parse_day
from gongkai_cli.model.workdays import ReplyStatus as ReplyStatus  # re-exported for callers
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import Pause, Period
from gongkai_cli.workdays.rules import count_start


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of checking one case."""

    received: dt.date
    replied: dt.date | None
    rule: str | None
    period: Period
    pauses: tuple[Pause, ...]
    deadline: dt.date
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

    @property
    def start(self) -> dt.date:
        """The day the count starts after: the restart, else the receipt."""
        return self.restart or self.received

    def as_json(self) -> dict[str, Any]:
        """The JSON shape of one case (restart and channel only when given)."""
        data: dict[str, Any] = {
            "received": self.received.isoformat(),
            "replied": self.replied.isoformat() if self.replied else None,
            "rule": self.rule,
            "days": self.period.count,
            "deadline": self.deadline.isoformat(),
            "working_days_used": self.working_days_used,
            "status": self.status.value,
            "day_type": self.period.day_type.value,
            "receipt": self.period.receipt.value,
            "pauses": [
                {"start": p.start.isoformat(), "end": p.end.isoformat()} for p in self.pauses
            ],
        }
        if self.restart is not None:
            data["restart"] = self.restart.isoformat()
        if self.channel is not None:
            data["channel"] = self.channel
        if self.rule_asked is not None:
            data["rule_asked"] = self.rule_asked
        return data


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
) -> Verdict:
    """Check one case: met or missed when replied, else open or overdue as of `as_of`.

    With `restart` (条例 第三十条: 答复期限自行政机关收到补正的申请之日起计算) the
    period counts from the corrected application instead of the first receipt.
    """
    if replied is not None and replied < received:
        raise UsageError(
            _("the reply ({replied}) is before the receipt ({received})").format(
                replied=replied, received=received
            )
        )
    start = count_start(received, restart)
    deadline = calendar.deadline(start, period, pauses)
    effective = calendar.effective_receipt(start, period.receipt)
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
        tuple(pauses),
        deadline,
        used,
        status,
        restart,
        channel,
        rule_asked,
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
