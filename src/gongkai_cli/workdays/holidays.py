"""The holidays file: its schema, and reading it into years that replace chinese-calendar's.

Where the years come from when the library's data is missing or wrong: a YAML file named
by --holidays or $GONGKAI_HOLIDAYS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from gongkai_cli.errors import InvalidDataError, Problem
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.dates import year_problem
from gongkai_cli.model.plan import STRICT
from gongkai_cli.workdays.days import YearData


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
        bad_year = year_problem(year)
        if bad_year is not None:  # its dates could not be built: check nothing else in it
            problems.append(doc.problem(loc, bad_year))
            continue
        holidays: dict[dt.date, str] = {}
        makeup: dict[dt.date, str] = {}
        seen: dict[dt.date, str] = {}
        for index, holiday in enumerate(entry.holidays):
            where = (*loc, "holidays", index)
            last = holiday.last or holiday.first
            problems += _name_problems(doc, where, holiday.name)
            if last < holiday.first:
                problems.append(
                    doc.problem(
                        (*where, "last"),
                        _("{last} is before {first}").format(last=last, first=holiday.first),
                    )
                )
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
                        _(
                            "{date} is a {date2:%A}, already a working day; a make-up working "
                            "day (调休上班) is a Saturday or Sunday"
                        ).format(date=workday.date, date2=workday.date),
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


def _name_problems(doc: Any, where: tuple[str | int, ...], name: str) -> list[Problem]:
    return [] if name.strip() else [doc.problem((*where, "name"), _("a holiday needs a name"))]


def _date_problems(
    doc: Any,
    where: tuple[str | int, ...],
    date: dt.date,
    year: int,
    seen: dict[dt.date, str],
    what: str,
) -> list[Problem]:
    problems = []
    if date.year != year:
        problems.append(
            doc.problem(where, _("{date} is not in {year}").format(date=date, year=year))
        )
    if date in seen:
        problems.append(
            doc.problem(
                where,
                _("{date} is already listed as a {value}").format(date=date, value=seen[date]),
            )
        )
    seen.setdefault(date, what)
    return problems


def holidays_path(explicit: Path | None = None) -> Path | None:
    """The holidays file to use: `--holidays`, else $GONGKAI_HOLIDAYS, else none."""
    if explicit is not None:
        return explicit
    return settings.holidays_file()


PROVISIONAL = Path(__file__).resolve().with_name("provisional.yaml")
"""The provisional years (暂定): 放假办法 第二条's holidays and weekends, no 调休."""


@cache
def provisional_years() -> dict[int, YearData]:
    """The provisional years shipped (workdays/yearend.py says how they are used)."""
    return read_holidays_file(PROVISIONAL)
