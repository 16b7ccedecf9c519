"""Day types: what a period counts, when receipt counts, what sort of day a date is,
and the shapes the calendar engine takes and returns (a year's arrangement, a counted day).

Plain frozen dataclasses and enums, so every layer can hold them without the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

# The enums live in the model (with their Chinese labels); re-exported for callers here.
from gongkai_cli.i18n import ngettext
from gongkai_cli.model.workdays import DayKind as DayKind
from gongkai_cli.model.workdays import DayType as DayType
from gongkai_cli.model.workdays import Receipt as Receipt

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True, slots=True)
class Period:
    """A time limit: `count` working or calendar days after receipt."""

    count: int
    day_type: DayType = DayType.WORKING
    receipt: Receipt = Receipt.AS_RECEIVED

    def describe(self) -> str:
        """`5 working days` / `30 calendar days`."""
        if self.day_type.value == "working":
            said = ngettext("{count} working day", "{count} working days", self.count)
        else:
            said = ngettext("{count} calendar day", "{count} calendar days", self.count)
        return said.format(count=self.count)


@dataclass(frozen=True, slots=True)
class Pause:
    """Days taken out of a working-day count, e.g. 征求第三方意见 (条例 第三十三条)."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One date as the official calendar sees it."""

    date: dt.date
    kind: DayKind
    name: str | None = None
    """The holiday's name for a holiday or a 调休 working day (春节, 国庆节 ...)."""

    @property
    def weekday_zh(self) -> str:
        """周一 .. 周日."""
        return WEEKDAYS_ZH[self.date.weekday()]

    @property
    def label(self) -> str:
        """工作日 / 周末 / 国庆节 / 调休上班（国庆节）."""
        if self.kind is DayKind.HOLIDAY and self.name:
            return self.name
        if self.kind is DayKind.MAKEUP_WORKDAY and self.name:
            return f"调休上班（{self.name}）"
        return self.kind.zh


@dataclass(frozen=True, slots=True)
class CountedDay:
    """A day between receipt and deadline, and how the count treats it."""

    day: CalendarDay
    counted: int | None
    """This day's number in the count (1..N), or None when it does not count."""
    note: str = ""
    """received / deemed received / paused / deadline, as applicable."""


@dataclass(frozen=True, slots=True)
class YearData:
    """A year's official arrangement: days off by holiday, and make-up working days."""

    year: int
    holidays: Mapping[dt.date, str]
    makeup_workdays: Mapping[dt.date, str]
    source: str


@dataclass(frozen=True, slots=True)
class HolidayRun:
    """Consecutive days off for one holiday, as `gongkai holidays` lists them."""

    name: str
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        """How many days off."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True, slots=True)
class YearArrangement:
    """What `gongkai holidays --year Y` shows."""

    year: int
    holidays: tuple[HolidayRun, ...]
    makeup_workdays: tuple[CalendarDay, ...]
    source: str
