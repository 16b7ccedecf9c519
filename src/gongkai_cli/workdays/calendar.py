"""The calendar engine: working days in China, official holidays, 调休 make-up
working days, and deadlines.

The years come from the chinese-calendar package (`library`: the State Council's
yearly notices, 国务院办公厅关于某年部分节假日安排的通知), optionally corrected or
extended by a holidays file (`holidays`). They are precomputed once into arrays, so
adding or counting working days is O(1) however far apart the dates are.

Counting convention (see docs/workdays.md, How days are counted):

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
from pathlib import Path

from gongkai_cli.errors import CalendarCoverageError, UsageError
from gongkai_cli.i18n import N_, _
from gongkai_cli.io import settings
from gongkai_cli.io.settings import HOLIDAYS_ENV
from gongkai_cli.workdays.days import (
    CalendarDay,
    CountedDay,
    DayKind,
    DayType,
    HolidayRun,
    Pause,
    Period,
    Receipt,
    YearArrangement,
    YearData,
)
from gongkai_cli.workdays.holidays import holidays_path, provisional_years, read_holidays_file
from gongkai_cli.workdays.library import library_years

HOW_TO_SUPPLY = N_(
    "supply its holidays and make-up working days in a holidays file (--holidays FILE or {env})"
)


def _outside(year: int, covered: str, context: str = "") -> CalendarCoverageError:
    lead = _("{context}: ").format(context=context) if context else ""
    return CalendarCoverageError(
        _(
            "{lead}{year} is outside the holiday calendar, which covers {covered}; {how_to_supply}"
        ).format(
            lead=lead,
            year=year,
            covered=covered,
            how_to_supply=_(HOW_TO_SUPPLY).format(env=HOLIDAYS_ENV),
        )
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
            raise UsageError(_("a holiday calendar needs at least one year"))
        self._years = dict(sorted(years.items()))
        self.provisional_years: frozenset[int] = frozenset()
        """The years counted from the provisional calendar (--provisional): 暂定."""
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

    def _year_at(self, index: int) -> int:
        """The year of day `index`, even past 9999 where no date exists: the Gregorian
        calendar repeats every 400 years (146,097 days), so count the cycles."""
        cycles, day = divmod(self._base + index - 1, 146_097)
        return 400 * cycles + dt.date.fromordinal(day + 1).year

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

    def working_day_before(self, date: dt.date, count: int) -> dt.date:
        """The `count`th working day before `date` (the 1st is the nearest; `date` not counted)."""
        day = date
        while count > 0:
            day -= dt.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

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

    # The two below are counted first without the context an error names (building it
    # costs more than the count: reply-check counts once per distinct row), and again
    # with it only when the first count fails: the same count fails the same way.

    def effective_receipt(self, received: dt.date, receipt: Receipt) -> dt.date:
        """The day the count starts after: `received`, or the next working day when deemed."""
        try:
            return self._effective_receipt(received, receipt, "")
        except CalendarCoverageError:
            context = _("received {date}").format(date=received)
            return self._effective_receipt(received, receipt, context)

    def _effective_receipt(self, received: dt.date, receipt: Receipt, context: str) -> dt.date:
        index = self._index(received, context)
        if receipt is Receipt.NEXT_WORKING_DAY:
            index = self._next_working_index(index, context)
        return self._date(index)

    def deadline(self, received: dt.date, period: Period, pauses: Sequence[Pause] = ()) -> dt.date:
        """The last day of `period` after `received`, with `pauses` left out of the count."""
        if period.count < 1:
            raise UsageError(
                _("a period is at least 1 day, not {count}").format(count=period.count)
            )
        try:
            return self._deadline(received, period, pauses, "")
        except CalendarCoverageError:
            context = _("{period} after {received}").format(
                period=period.describe(), received=received
            )
            return self._deadline(received, period, pauses, context)

    def _deadline(
        self, received: dt.date, period: Period, pauses: Sequence[Pause], context: str
    ) -> dt.date:
        start = self._index(self.effective_receipt(received, period.receipt), context)
        if period.day_type is DayType.CALENDAR:
            # A paused day is not counted, whatever its kind (信访工作条例 第三十六条:
            # 听证所需时间不计算在前款规定的期限内).
            end = start + period.count
            for first, last in self._merged(pauses, start):
                if end < first:
                    break
                end += last - first + 1
            if end >= self._total:
                raise _outside(self._year_at(end), self.coverage, context)
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
                raise UsageError(
                    _("pause {start}..{end} ends before it starts").format(
                        start=pause.start, end=pause.end
                    )
                )
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

    def year_data(self, year: int) -> YearData:
        """The arrangement of a covered year, as given."""
        return self._years[year]

    def provisional(self, *dates: dt.date | None) -> int | None:
        """The first provisional year (暂定, `load_calendar(provisional=True)`) any of
        `dates` falls in or after, else None: a result reaching it is 暂定."""
        if not self.provisional_years:
            return None
        first = min(self.provisional_years)
        return first if any(d is not None and d.year >= first for d in dates) else None

    # -- for the batch checker: ordinals instead of dates ------------------------------

    def index_of(self, date: dt.date) -> int:
        """`date`'s position in the calendar, or CalendarCoverageError."""
        return self._index(date)


def load_calendar(holidays_file: Path | None = None, provisional: bool = False) -> WorkCalendar:
    """chinese-calendar's years, with those of the holidays file (if any) replacing them;
    with `provisional`, the shipped provisional years (暂定: fixed holidays and weekends)
    for any year after them that neither covers."""
    years = library_years()
    path = holidays_path(holidays_file)
    if path is not None:
        years.update(read_holidays_file(path))
    added: set[int] = set()
    if provisional or settings.provisional():
        for year, data in provisional_years().items():
            if year not in years and year == max(years) + 1:
                years[year] = data
                added.add(year)
    calendar = WorkCalendar(years)
    calendar.provisional_years = frozenset(added)
    return calendar
