"""The turn of the year: verdicts that no arrangement of the next year could change.

chinese-calendar (and a holidays file) cover the years whose State Council notice is
out. For the year after, Y, only part is known: the holidays of 《全国年节及纪念日放假办法》
第二条 are rest days (provisional.yaml lists Y's); whether any other day of Y is worked
or rested waits for the notice (调休 turns weekend days into working days and weekdays
into rest days, 第七条; 补假, 第六条, adds weekdays of rest).

So a count that reaches into Y has two bounds. With every day of Y but the fixed
holidays a working day (`most`), the deadline is as early as it can be; with every
day of Y a rest day (`fewest`), as late (or never, within Y). The deadline moves only
later as working days are taken away, so the true one lies between. When the verdict
is the same under both, no arrangement can change it: it is given, marked
`certain_without: Y`. When they differ, 2027's 调休 could change it: exit 4, as for
any date outside the calendar.

`--provisional` (or GONGKAI_PROVISIONAL=1) instead counts Y as its fixed holidays and
weekends, every result so computed marked 暂定.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import YearData
from gongkai_cli.workdays.holidays import provisional_years

UNPUBLISHED = "调休安排未公布"


@dataclass(frozen=True, slots=True)
class YearBounds:
    """The two extreme calendars of the first year a calendar lacks."""

    year: int
    most: WorkCalendar
    """Every day of `year` but its fixed holidays a working day: the earliest deadlines."""
    fewest: WorkCalendar
    """Every day of `year` a rest day: the latest deadlines (none within the year)."""


def bounds_for(calendar: WorkCalendar) -> YearBounds | None:
    """The bounds of the year after `calendar`'s last, if its fixed holidays are known
    (built once per calendar, when first needed)."""
    found: YearBounds | bool | None = getattr(calendar, "_year_bounds", False)
    if found is False:
        found = _build(calendar)
        calendar._year_bounds = found  # type: ignore[attr-defined]
    assert found is not True
    return found


def _build(calendar: WorkCalendar) -> YearBounds | None:
    year = calendar.last_year + 1
    fixed = provisional_years().get(year)
    if fixed is None:
        return None
    known = {y: calendar.year_data(y) for y in calendar.years}
    days = [dt.date(year, 1, 1) + dt.timedelta(days=n) for n in range(_length(year))]
    weekends = {d: fixed.holidays.get(d, UNPUBLISHED) for d in days if d.weekday() >= 5}
    most = YearData(
        year,
        dict(fixed.holidays),
        {d: name for d, name in weekends.items() if d not in fixed.holidays},
        fixed.source,
    )
    fewest = YearData(year, {d: fixed.holidays.get(d, UNPUBLISHED) for d in days}, {}, fixed.source)
    return YearBounds(
        year, WorkCalendar({**known, year: most}), WorkCalendar({**known, year: fewest})
    )


def _length(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days
