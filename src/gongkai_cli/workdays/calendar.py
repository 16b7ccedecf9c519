"""Working days in China: official holidays, 调休 make-up working days, and deadlines.

The calendar comes from the chinese-calendar package (the State Council's yearly
notices, 国务院办公厅关于某年部分节假日安排的通知), optionally corrected or
extended by a holidays file. It is precomputed once into arrays, so adding or
counting working days is O(1) however far apart the dates are.

Counting convention (see the README):

- The day of receipt is not counted (民法典 第二百零一条: 按照年、月、日计算期间的，
  开始的当日不计入，自下一日开始计算). N working days end on the Nth working day
  after the day of receipt, and a reply on that day, until 24:00 Asia/Shanghai, is
  in time.
- Receipt on a non-working day changes nothing by default (`Receipt.AS_RECEIVED`):
  received Saturday 2021-07-10, 5 working days end on Friday 2021-07-16. A channel
  may deem what arrives on a non-working day received on the next working day
  (`Receipt.NEXT_WORKING_DAY`; 国办公开办函〔2015〕207号 lets an agency fix the
  receipt time of its own channels): the same case then ends on Monday 2021-07-19.
  chinese-calendar's `find_workday` silently follows the second convention, which
  is one reason it is not used here.
- A calendar-day period whose last day is a rest day ends on the next working day
  (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为
  期间的最后一日). Weekends count as 法定休假日 here: 《国务院关于职工工作时间的规定》
  makes Saturday and Sunday the weekly rest days (周休息日) of state organs, and
  the courts have long read 法定休假日 in period rules to include them, counting
  the days actually rested after 调休. So a make-up working Saturday is not a
  rest day and a period may end on it, while a weekend inside or next to a holiday
  moves the end past it.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongkai_cli.errors import CalendarCoverageError, InvalidDataError, UsageError
from gongkai_cli.io import settings
from gongkai_cli.io.settings import HOLIDAYS_ENV
from gongkai_cli.model.plan import STRICT

HOW_TO_SUPPLY = (
    "supply its holidays and make-up working days in a holidays file "
    f"(--holidays FILE or {HOLIDAYS_ENV})"
)

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

# chinese-calendar's Holiday values (English) -> the names the State Council notices use.
_LIBRARY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class DayType(StrEnum):
    """What a period counts: working days (工作日) or calendar days (日)."""

    WORKING = "working"
    CALENDAR = "calendar"


class Receipt(StrEnum):
    """When something that arrives on a non-working day counts as received."""

    AS_RECEIVED = "as-received"  # the day it arrived, whatever day that is
    NEXT_WORKING_DAY = "next-working-day"  # deemed received on the next working day


class DayKind(StrEnum):
    """What sort of day a date is in the official calendar."""

    WORKDAY = "workday"  # 工作日: Monday to Friday, no holiday
    WEEKEND = "weekend"  # 周末: Saturday or Sunday, no holiday or 调休
    HOLIDAY = "holiday"  # 节假日: a day off of an official holiday (weekends in it too)
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a Saturday or Sunday worked for a holiday

    @property
    def zh(self) -> str:
        """The kind in Chinese, as tables show it."""
        return _KIND_ZH[self]

    @property
    def working(self) -> bool:
        """Whether the day is a working day."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


_KIND_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末",
    DayKind.HOLIDAY: "节假日",
    DayKind.MAKEUP_WORKDAY: "调休上班",
}


@dataclass(frozen=True, slots=True)
class Period:
    """A time limit: `count` working or calendar days after receipt."""

    count: int
    day_type: DayType = DayType.WORKING
    receipt: Receipt = Receipt.AS_RECEIVED

    def describe(self) -> str:
        """`5 working days` / `30 calendar days`."""
        noun = "day" if self.count == 1 else "days"
        return f"{self.count} {self.day_type.value} {noun}"


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


def _outside(year: int, covered: str, context: str = "") -> CalendarCoverageError:
    lead = f"{context}: " if context else ""
    return CalendarCoverageError(
        f"{lead}{year} is outside the holiday calendar, which covers {covered}; {HOW_TO_SUPPLY}"
    )


def _describe_years(years: Iterable[int]) -> str:
    """2004-2026, or 2004-2026, 2028 when there are gaps."""
    spans: list[tuple[int, int]] = []
    for year in sorted(years):
        if spans and spans[-1][1] == year - 1:
            spans[-1] = (spans[-1][0], year)
        else:
            spans.append((year, year))
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in spans) or "no years"


class WorkCalendar:
    """The official calendar over the years it covers, precomputed for O(1) arithmetic."""

    def __init__(self, years: Mapping[int, YearData]) -> None:
        if not years:
            raise UsageError("a holiday calendar needs at least one year")
        self._years = dict(sorted(years.items()))
        self.first_year = min(self._years)
        self.last_year = max(self._years)
        self.coverage = _describe_years(self._years)
        self._base = dt.date(self.first_year, 1, 1).toordinal()
        total = dt.date(self.last_year, 12, 31).toordinal() - self._base + 1
        # kinds[i]: the DayKind of day i (its index from 1 January of the first year);
        # names[i]: the holiday that day i is off for or worked for.
        self._names: dict[int, str] = {}
        holidays: set[int] = set()
        makeup: set[int] = set()
        covered = bytearray(total)
        for year, data in self._years.items():
            first = dt.date(year, 1, 1).toordinal() - self._base
            length = dt.date(year, 12, 31).toordinal() - self._base + 1 - first
            covered[first : first + length] = b"\x01" * length
            for date, name in data.holidays.items():
                holidays.add(date.toordinal() - self._base)
                self._names[date.toordinal() - self._base] = name
            for date, name in data.makeup_workdays.items():
                makeup.add(date.toordinal() - self._base)
                self._names[date.toordinal() - self._base] = name
        kinds: list[DayKind] = []
        # cum[i]: working days before day i, so (a, b] holds cum[b + 1] - cum[a + 1].
        cum = array("l", [0])
        workdays = array("l")
        gaps = array("l", [0])  # the same prefix count for days in an uncovered year
        weekday = (self._base - 1) % 7  # date.fromordinal(1) is a Monday
        for i in range(total):
            if not covered[i]:
                kind = DayKind.WEEKEND  # never counted: any date here raises
                gaps.append(gaps[-1] + 1)
            else:
                gaps.append(gaps[-1])
                if i in makeup:
                    kind = DayKind.MAKEUP_WORKDAY
                elif i in holidays:
                    kind = DayKind.HOLIDAY
                else:
                    kind = DayKind.WEEKEND if weekday >= 5 else DayKind.WORKDAY
            kinds.append(kind)
            if kind is DayKind.WORKDAY or kind is DayKind.MAKEUP_WORKDAY:
                workdays.append(i)
            cum.append(len(workdays))
            weekday = 0 if weekday == 6 else weekday + 1
        self._kinds = kinds
        self._cum = cum
        self._workdays = workdays
        self._gaps = gaps if gaps[-1] else None
        self._total = total

    # -- positions -------------------------------------------------------------------

    def _index(self, date: dt.date, context: str = "") -> int:
        index = date.toordinal() - self._base
        if not 0 <= index < self._total or (
            self._gaps is not None and self._gaps[index + 1] != self._gaps[index]
        ):
            raise _outside(date.year, self.coverage, context)
        return index

    def _date(self, index: int) -> dt.date:
        return dt.date.fromordinal(self._base + index)

    def _check_span(self, first: int, last: int, context: str) -> None:
        """Refuse a span that crosses a year missing between covered ones."""
        if self._gaps is not None and self._gaps[last + 1] != self._gaps[first]:
            for year in range(self._date(first).year, self._date(last).year + 1):
                if year not in self._years:
                    raise _outside(year, self.coverage, context)

    def _nth_working_day(self, position: int, context: str) -> int:
        """Index of the working day at 0-based `position` among all working days."""
        if position >= len(self._workdays):
            raise _outside(self.last_year + 1, self.coverage, context)
        return self._workdays[position]

    def _next_working_index(self, index: int, context: str) -> int:
        """`index` if it is a working day, else the next working day's index."""
        return self._nth_working_day(self._cum[index], context)

    # -- single days -----------------------------------------------------------------

    def covers(self, date: dt.date) -> bool:
        """Whether `date` is in a year the calendar covers."""
        return date.year in self._years

    def day(self, date: dt.date) -> CalendarDay:
        """`date` with its kind and holiday name."""
        index = self._index(date)
        return CalendarDay(date, self._kinds[index], self._names.get(index))

    def is_working_day(self, date: dt.date) -> bool:
        """Whether `date` is a working day (a weekday without holiday, or a 调休 day)."""
        return self._kinds[self._index(date)].working

    def next_working_day(self, date: dt.date) -> dt.date:
        """`date` if it is a working day, else the first working day after it."""
        return self._date(self._next_working_index(self._index(date), ""))

    # -- arithmetic ------------------------------------------------------------------

    def working_days_between(self, after: dt.date, through: dt.date) -> int:
        """Working days in (after, through]: the day `after` itself is not counted."""
        first, last = self._index(after), self._index(through)
        if last <= first:
            return 0
        self._check_span(first, last, "")
        return self._cum[last + 1] - self._cum[first + 1]

    def add_working_days(
        self, received: dt.date, count: int, receipt: Receipt = Receipt.AS_RECEIVED
    ) -> dt.date:
        """The `count`th working day after the day of receipt."""
        return self.deadline(received, Period(count, DayType.WORKING, receipt))

    def effective_receipt(self, received: dt.date, receipt: Receipt) -> dt.date:
        """The day the count starts after: `received`, or the next working day when deemed."""
        index = self._index(received, f"received {received}")
        if receipt is Receipt.NEXT_WORKING_DAY:
            index = self._next_working_index(index, f"received {received}")
        return self._date(index)

    def deadline(self, received: dt.date, period: Period, pauses: Sequence[Pause] = ()) -> dt.date:
        """The last day of `period` after `received`, with `pauses` left out of the count."""
        if period.count < 1:
            raise UsageError(f"a period is at least 1 day, not {period.count}")
        context = f"{period.describe()} after {received}"
        start = self._index(self.effective_receipt(received, period.receipt), context)
        if period.day_type is DayType.CALENDAR:
            if pauses:
                raise UsageError("pauses apply to working-day periods only")
            end = start + period.count
            if end >= self._total:
                raise _outside(self._date(end).year, self.coverage, context)
            end = self._next_working_index(end, context)  # 民法典 第二百零三条
        else:
            position = self._cum[start + 1] + period.count - 1
            end = self._nth_working_day(position, context)
            for first, last in self._merged(pauses, start):
                if end < first:
                    break
                paused = self._cum[last + 1] - self._cum[first]
                position += paused
                end = self._nth_working_day(position, context)
        self._check_span(start, end, context)
        return self._date(end)

    def _merged(self, pauses: Sequence[Pause], start: int) -> list[tuple[int, int]]:
        """Pauses as sorted, disjoint index spans after the day `start`."""
        spans: list[tuple[int, int]] = []
        for pause in sorted(pauses, key=lambda p: p.start):
            if pause.end < pause.start:
                raise UsageError(f"pause {pause.start}..{pause.end} ends before it starts")
            first = max(self._index(pause.start, "pause"), start + 1)
            last = self._index(pause.end, "pause")
            if last < first:
                continue
            if spans and first <= spans[-1][1] + 1:
                spans[-1] = (spans[-1][0], max(spans[-1][1], last))
            else:
                spans.append((first, last))
        return spans

    def paused_working_days(
        self, received: dt.date, through: dt.date, pauses: Sequence[Pause]
    ) -> int:
        """Working days in (received, through] that fall inside a pause."""
        start, last = self._index(received), self._index(through)
        total = 0
        for first, end in self._merged(pauses, start):
            end = min(end, last)
            if end >= first:
                total += self._cum[end + 1] - self._cum[first]
        return total

    def explain(
        self, received: dt.date, period: Period, pauses: Sequence[Pause] = ()
    ) -> list[CountedDay]:
        """Every day from receipt to deadline, numbered as the count numbers them."""
        deadline = self.deadline(received, period, pauses)
        effective = self.effective_receipt(received, period.receipt)
        start, end = self._index(received), self._index(deadline)
        paused = {
            index
            for first, last in self._merged(pauses, self._index(effective))
            for index in range(first, min(last, end) + 1)
        }
        days: list[CountedDay] = []
        counted = 0
        effective_index = self._index(effective)
        for index in range(start, end + 1):
            day = CalendarDay(self._date(index), self._kinds[index], self._names.get(index))
            notes = []
            number: int | None = None
            if index == start:
                notes.append("received")
            if index == effective_index and effective != received:
                notes.append("deemed received")
            if index > effective_index:
                if index in paused:
                    notes.append("paused")
                elif counted == period.count:
                    notes.append("extended")  # 民法典 第二百零三条: past a rest day
                elif period.day_type is DayType.CALENDAR or day.kind.working:
                    counted += 1
                    number = counted
            if index == end:
                notes.append("deadline")
            days.append(CountedDay(day, number, ", ".join(notes)))
        return days

    # -- years -----------------------------------------------------------------------

    def year(self, year: int) -> YearArrangement:
        """The year's holidays (grouped into runs) and make-up working days."""
        data = self._years.get(year)
        if data is None:
            raise _outside(year, self.coverage)
        runs: list[HolidayRun] = []
        for date, name in sorted(data.holidays.items()):
            last = runs[-1] if runs else None
            if last and last.name == name and (date - last.last).days == 1:
                runs[-1] = HolidayRun(name, last.first, date)
            else:
                runs.append(HolidayRun(name, date, date))
        makeup = tuple(
            CalendarDay(date, DayKind.MAKEUP_WORKDAY, name)
            for date, name in sorted(data.makeup_workdays.items())
        )
        return YearArrangement(year, tuple(runs), makeup, data.source)

    @property
    def years(self) -> tuple[int, ...]:
        """The years covered, in order."""
        return tuple(self._years)

    # -- for the batch checker: ordinals instead of dates ------------------------------

    def index_of(self, date: dt.date) -> int:
        """`date`'s position in the calendar, or CalendarCoverageError."""
        return self._index(date)


# -- where the years come from ------------------------------------------------------------


def library_years() -> dict[int, YearData]:
    """Every year chinese-calendar has data for, with Chinese holiday names."""
    # Imported only here: most commands never need it. It ships no type information.
    import chinese_calendar  # type: ignore[import-untyped]

    source = f"chinese-calendar {chinese_calendar.__version__}"
    holidays: dict[int, dict[dt.date, str]] = {}
    makeup: dict[int, dict[dt.date, str]] = {}
    for date, name in chinese_calendar.holidays.items():
        holidays.setdefault(date.year, {})[date] = _LIBRARY_NAMES.get(name, name)
    for date, name in chinese_calendar.workdays.items():
        makeup.setdefault(date.year, {})[date] = _LIBRARY_NAMES.get(name, name)
    first, last = min(holidays), max(holidays)
    return {
        year: YearData(year, holidays.get(year, {}), makeup.get(year, {}), source)
        for year in range(first, last + 1)
    }


@dataclass(frozen=True, slots=True)
class HolidayEntry:
    __pydantic_config__ = STRICT

    name: str
    """The holiday as the State Council notice names it: 元旦, 春节, 清明节 ..."""
    first: dt.date
    """The first day off."""
    last: dt.date | None = None
    """The last day off, inclusive; omit for a single day."""


@dataclass(frozen=True, slots=True)
class MakeupEntry:
    __pydantic_config__ = STRICT

    date: dt.date
    """A Saturday or Sunday that is a working day (调休上班)."""
    name: str
    """The holiday it makes up for."""


@dataclass(frozen=True, slots=True)
class HolidayYearEntry:
    __pydantic_config__ = STRICT

    holidays: tuple[HolidayEntry, ...]
    """Every day off of the year's official holidays, weekends inside a run included."""
    makeup_workdays: tuple[MakeupEntry, ...] = ()
    """Saturdays and Sundays worked to make up for holidays."""
    source: str = ""
    """Where the arrangement comes from, e.g. 国办发明电〔2020〕27号."""


@dataclass(frozen=True, slots=True)
class HolidaysFile:
    __pydantic_config__ = STRICT

    years: dict[int, HolidayYearEntry] = field(default_factory=dict)
    """Each year listed replaces chinese-calendar's data for that year entirely."""


def read_holidays_file(path: Path) -> dict[int, YearData]:
    """The years a holidays file defines, or InvalidDataError with every problem."""
    from gongkai_cli.io.validation import validate_schema
    from gongkai_cli.io.yamlio import parse_yaml, read_text

    doc, problems = parse_yaml(path, read_text(path))
    if doc is None:
        raise InvalidDataError(problems)
    data, problems = validate_schema(doc, HolidaysFile)
    if data is None:
        raise InvalidDataError(problems)
    years: dict[int, YearData] = {}
    for year, entry in data.years.items():
        loc: tuple[str | int, ...] = ("years", year)
        holidays: dict[dt.date, str] = {}
        makeup: dict[dt.date, str] = {}
        seen: dict[dt.date, str] = {}
        for index, holiday in enumerate(entry.holidays):
            where = (*loc, "holidays", index)
            last = holiday.last or holiday.first
            problems += _name_problems(doc, where, holiday.name)
            if last < holiday.first:
                problems.append(doc.problem((*where, "last"), f"{last} is before {holiday.first}"))
                continue
            for date in _dates(holiday.first, last):
                problems += _date_problems(doc, where, date, year, seen, "holiday")
                holidays[date] = holiday.name
        for index, workday in enumerate(entry.makeup_workdays):
            where = (*loc, "makeup_workdays", index)
            problems += _name_problems(doc, where, workday.name)
            problems += _date_problems(doc, where, workday.date, year, seen, "make-up working day")
            if workday.date.weekday() < 5:
                problems.append(
                    doc.problem(
                        (*where, "date"),
                        f"{workday.date} is a {workday.date:%A}, already a working day; "
                        "a make-up working day (调休上班) is a Saturday or Sunday",
                    )
                )
            makeup[workday.date] = workday.name
        years[year] = YearData(year, holidays, makeup, entry.source or str(path))
    if problems:
        raise InvalidDataError(problems)
    return years


def _dates(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield dt.date.fromordinal(ordinal)


def _name_problems(doc: Any, where: tuple[str | int, ...], name: str) -> list[str]:
    return [] if name.strip() else [doc.problem((*where, "name"), "a holiday needs a name")]


def _date_problems(
    doc: Any,
    where: tuple[str | int, ...],
    date: dt.date,
    year: int,
    seen: dict[dt.date, str],
    what: str,
) -> list[str]:
    problems = []
    if date.year != year:
        problems.append(doc.problem(where, f"{date} is not in {year}"))
    if date in seen:
        problems.append(doc.problem(where, f"{date} is already listed as a {seen[date]}"))
    seen.setdefault(date, what)
    return problems


def holidays_path(explicit: Path | None = None) -> Path | None:
    """The holidays file to use: `--holidays`, else $GONGKAI_HOLIDAYS, else none."""
    if explicit is not None:
        return explicit
    return settings.holidays_file()


def load_calendar(holidays_file: Path | None = None) -> WorkCalendar:
    """chinese-calendar's years, with those of the holidays file (if any) replacing them."""
    years = library_years()
    path = holidays_path(holidays_file)
    if path is not None:
        years.update(read_holidays_file(path))
    return WorkCalendar(years)
