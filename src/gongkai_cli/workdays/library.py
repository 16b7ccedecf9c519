"""chinese-calendar as a source of years: its holidays and 调休 days, with Chinese names."""

from __future__ import annotations

import datetime as dt

from gongkai_cli.workdays.days import YearData

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
