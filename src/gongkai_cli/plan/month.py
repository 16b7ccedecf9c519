"""A calendar month, and the ways people write one: 2021-06, 2021/6, 202106, 2021年6月.

`calendar --month` and `due --month` take one; what `gongkai calendar` shows of a
month is the calendar question's (queries/calendar.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import N_, _
from gongkai_cli.model.deadline import month_end

_MONTH_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月"),
)
ACCEPTED_MONTHS = N_("2021-06, 2021/6, 202106 or 2021年6月")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @property
    def first(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        """Its last day."""
        return month_end(self.year, self.month)

    @property
    def zh(self) -> str:
        """2021年6月."""
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, date: dt.date) -> Month:
        """The month `date` is in."""
        return cls(date.year, date.month)


def parse_month(text: str, what: str | None = None) -> Month:
    """Parse a month as 2021-06, 2021/6, 202106 or 2021年6月, or raise UsageError."""
    subject = _(" for {what}").format(what=what) if what else ""
    value = text.strip()
    for form in _MONTH_FORMS:
        match = form.fullmatch(value)
        if match:
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise UsageError(
                    _("invalid month {text}{subject}: there is no month {month}").format(
                        text=shown(text), subject=subject, month=month
                    )
                )
            if year < 1:
                raise UsageError(
                    _("invalid month {text}{subject}: there is no year 0").format(
                        text=shown(text), subject=subject
                    )
                )
            return Month(year, month)
    raise UsageError(
        _("invalid month {text}{subject}: expected {accepted_months}").format(
            text=shown(text), subject=subject, accepted_months=_(ACCEPTED_MONTHS)
        )
    )
