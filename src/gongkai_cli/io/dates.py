"""Dates as users type them, and "today" in Shanghai.

Accepted spellings: 2021-06-30, 2021/6/30, 20210630 and 2021年6月30日, and
2021.6.30 as spreadsheets write it. A date-time with a zone (2021-07-10T23:30:00+00:00,
...Z) is converted to Asia/Shanghai; a naive date-time is read as Asia/Shanghai
already, so its date part is the day: 2021/7/3 9:15 and 2021-07-03 09:15:00, as
spreadsheets export them, are 2021-07-03.
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import N_, _
from gongkai_cli.io import settings
from gongkai_cli.io.settings import TODAY_ENV

# China has kept UTC+8 without daylight saving since 1991, so a fixed offset is
# exact for every date gongkai handles and needs no tz database on the machine.
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")

# Patterns rather than compiled ones: `re` compiles each on first use and keeps it,
# so a command that reads one ISO date compiles one pattern, not seven (~0.7 ms of
# every start-up).
_DATE_FORMS = (
    r"(\d{4})-(\d{1,2})-(\d{1,2})",
    r"(\d{4})/(\d{1,2})/(\d{1,2})",
    r"(\d{4})(\d{2})(\d{2})",
    r"(\d{4})年(\d{1,2})月(\d{1,2})日",
    r"(\d{4})\.(\d{1,2})\.(\d{1,2})",
)
_DATETIME_HINT = r"\d{4}-\d{2}-\d{2}[T ]\d"
# A date and a clock time as spreadsheets write them (no zone): 2021/7/3 9:15,
# 2021-7-3 09:15:00, 2021.7.3 9:15:30.5.
CLOCK = r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?"
"""A time of day as spreadsheets write it after a date (9:15, 09:15:00, 9:15:30.5)."""
_SHEET_DATETIME = r"(\S+?)[T ]+" + CLOCK

ACCEPTED = N_("2021-06-30, 2021/6/30, 20210630 or 2021年6月30日")

# The years a plan or a holidays file may name. Far wider than any calendar of
# holidays, and far inside what a date can hold, so that no year a data file
# gives can make date arithmetic fail.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def year_problem(year: int) -> str | None:
    """Why `year` cannot be a plan's or a holidays file's year, or None if it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return _("{year} is not a year gongkai reads ({first_year}..{last_year})").format(
        year=year, first_year=FIRST_YEAR, last_year=LAST_YEAR
    )


# Python's reasons for an impossible date, which a message repeats: in the catalog too.
PYTHON_REASONS = (
    N_("day is out of range for month"),
    N_("month must be in 1..12"),
    N_("year 0 is out of range"),
)


def _subject(what: str | None) -> str:
    return _(" for {what}").format(what=what) if what else ""


def parse_date(text: str, what: str | None = None) -> dt.date:
    """Parse a calendar date in one of the accepted spellings, or raise UsageError."""
    value = text.strip()
    for form in _DATE_FORMS:
        match = re.fullmatch(form, value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError as exc:
                raise UsageError(
                    _("invalid date {text}{what}: {exc}").format(
                        text=shown(text), what=_subject(what), exc=_(str(exc))
                    )
                ) from None
    raise UsageError(
        _("invalid date {text}{what}: expected {accepted}").format(
            text=shown(text), what=_subject(what), accepted=_(ACCEPTED)
        )
    )


def parse_day(text: str, what: str | None = None) -> dt.date:
    """Parse a date or an ISO date-time, giving the calendar day in Asia/Shanghai."""
    value = text.strip()
    sheet = re.fullmatch(_SHEET_DATETIME, value)
    if sheet is not None and not re.match(_DATETIME_HINT, value):
        return parse_date(sheet.group(1), what)
    if re.match(_DATETIME_HINT, value):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            if sheet is not None:  # 2021-07-03 9:15: a spreadsheet's, not ISO
                return parse_date(sheet.group(1), what)
            raise UsageError(
                _("invalid date-time {text}{what}: {exc}").format(
                    text=shown(text), what=_subject(what), exc=_(str(exc))
                )
            ) from None
        if moment.tzinfo is not None:
            try:
                moment = moment.astimezone(SHANGHAI)
            except OverflowError:  # 9999-12-31T23:00-12:00 is already year 10000 in Shanghai
                side = _("after 9999-12-31") if moment.year > 1 else _("before 0001-01-01")
                raise UsageError(
                    _("invalid date-time {text}{what}: in Asia/Shanghai that is {side}").format(
                        text=shown(text), what=_subject(what), side=side
                    )
                ) from None
        return moment.date()
    return parse_date(value, what)


def today() -> dt.date:
    """Today in Asia/Shanghai, or the date fixed by GONGKAI_TODAY."""
    fixed = settings.today_text()
    if fixed:
        return parse_date(fixed, TODAY_ENV)
    return dt.datetime.now(SHANGHAI).date()
