"""The working-day calendar: 2021 by hand, the arithmetic by property, the holidays file.

The 2021 arrangement is the State Council's notice 国办发明电〔2020〕27号:
元旦 1月1日至3日; 春节 2月11日至17日, 2月7日(星期日)、2月20日(星期六)上班;
清明节 4月3日至5日; 劳动节 5月1日至5日, 4月25日(星期日)、5月8日(星期六)上班;
端午节 6月12日至14日; 中秋节 9月19日至21日, 9月18日(星期六)上班;
国庆节 10月1日至7日, 9月26日(星期日)、10月9日(星期六)上班.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_cli.errors import CalendarCoverageError, InvalidDataError, UsageError
from gongkai_cli.workdays.calendar import WorkCalendar, load_calendar
from gongkai_cli.workdays.days import DayKind, DayType, Pause, Period, Receipt

D = dt.date
AS_RECEIVED = Receipt.AS_RECEIVED
NEXT = Receipt.NEXT_WORKING_DAY
CALENDAR = load_calendar()

MAKEUP_2021 = {
    D(2021, 2, 7): "春节",
    D(2021, 2, 20): "春节",
    D(2021, 4, 25): "劳动节",
    D(2021, 5, 8): "劳动节",
    D(2021, 9, 18): "中秋节",
    D(2021, 9, 26): "国庆节",
    D(2021, 10, 9): "国庆节",
}
HOLIDAYS_2021 = [
    ("元旦", D(2021, 1, 1), D(2021, 1, 3)),
    ("春节", D(2021, 2, 11), D(2021, 2, 17)),
    ("清明节", D(2021, 4, 3), D(2021, 4, 5)),
    ("劳动节", D(2021, 5, 1), D(2021, 5, 5)),
    ("端午节", D(2021, 6, 12), D(2021, 6, 14)),
    ("中秋节", D(2021, 9, 19), D(2021, 9, 21)),
    ("国庆节", D(2021, 10, 1), D(2021, 10, 7)),
]


def wd(received: dt.date, count: int, receipt: Receipt = AS_RECEIVED) -> dt.date:
    return CALENDAR.deadline(received, Period(count, DayType.WORKING, receipt))


def cd(received: dt.date, count: int, receipt: Receipt = AS_RECEIVED) -> dt.date:
    return CALENDAR.deadline(received, Period(count, DayType.CALENDAR, receipt))


# -- 2021 as the State Council notice sets it ------------------------------------------------


def test_2021_holidays_and_makeup_days_are_the_notices() -> None:
    year = CALENDAR.year(2021)
    assert [(run.name, run.first, run.last) for run in year.holidays] == HOLIDAYS_2021
    assert {day.date: day.name for day in year.makeup_workdays} == MAKEUP_2021


@pytest.mark.parametrize(("date", "name"), sorted(MAKEUP_2021.items()))
def test_every_2021_makeup_weekend_day_is_a_working_day(date: dt.date, name: str) -> None:
    assert date.weekday() >= 5  # a Saturday or a Sunday
    day = CALENDAR.day(date)
    assert (day.kind, day.name, day.label) == (DayKind.MAKEUP_WORKDAY, name, f"调休上班（{name}）")
    assert CALENDAR.is_working_day(date)


@pytest.mark.parametrize(
    ("received", "count", "deadline"),
    [
        # Each make-up day is the 1st working day after the day before it.
        (D(2021, 2, 5), 1, D(2021, 2, 7)),  # Fri -> Sun 2-7 worked for 春节
        (D(2021, 2, 19), 1, D(2021, 2, 20)),  # Fri -> Sat 2-20
        (D(2021, 4, 23), 1, D(2021, 4, 25)),  # Fri -> (Sat off) Sun 4-25
        (D(2021, 5, 7), 1, D(2021, 5, 8)),  # Fri -> Sat 5-8
        (D(2021, 9, 17), 1, D(2021, 9, 18)),  # Fri -> Sat 9-18
        (D(2021, 9, 24), 1, D(2021, 9, 26)),  # Fri -> (Sat off) Sun 9-26
        (D(2021, 10, 8), 1, D(2021, 10, 9)),  # Fri -> Sat 10-9
        # National Day: 10-8 (1), Sat 10-9 (2), 10-11 (3), 10-12 (4), 10-13 (5).
        (D(2021, 9, 30), 5, D(2021, 10, 13)),
        (D(2021, 9, 30), 1, D(2021, 10, 8)),
        (D(2021, 9, 30), 2, D(2021, 10, 9)),
        # 20 working days from 9-30: 10-8, 10-9, three weeks of five, 11-1, 11-2, 11-3.
        (D(2021, 9, 30), 20, D(2021, 11, 3)),
        (D(2021, 10, 3), 5, D(2021, 10, 13)),  # received inside the holiday
        # Spring Festival: Sun 2-7 (1), 2-8 (2), 2-9 (3), 2-10 (4), holiday, 2-18 (5).
        (D(2021, 2, 5), 5, D(2021, 2, 18)),
        (D(2021, 2, 10), 1, D(2021, 2, 18)),
        # 2-18 (1), 2-19 (2), Sat 2-20 (3), 2-22..26 (4-8), 3-1..5, 3-8..12, 3-15, 3-16 (20).
        (D(2021, 2, 10), 20, D(2021, 3, 16)),
        # Labour Day: 4-30 (1), holiday 5-1..5, 5-6 (2), 5-7 (3), Sat 5-8 (4), 5-10 (5).
        (D(2021, 4, 29), 5, D(2021, 5, 10)),
        # An ordinary week.
        (D(2021, 7, 12), 5, D(2021, 7, 19)),
    ],
)
def test_working_days_by_hand(received: dt.date, count: int, deadline: dt.date) -> None:
    assert wd(received, count) == deadline
    assert CALENDAR.working_days_between(received, deadline) == count


def test_receipt_on_a_saturday_changes_nothing_by_default() -> None:
    assert wd(D(2021, 7, 10), 5) == D(2021, 7, 16)  # Sat: Mon 12 .. Fri 16
    assert wd(D(2021, 7, 10), 5, NEXT) == D(2021, 7, 19)  # deemed Mon 12: Tue 13 .. Mon 19
    assert wd(D(2021, 7, 12), 5, NEXT) == wd(D(2021, 7, 12), 5)  # a working day: no change


def test_next_working_day_receipt_inside_a_holiday() -> None:
    # Received 10-3, deemed received Fri 10-8: Sat 10-9 (1), 10-11..10-14 (2-5).
    assert wd(D(2021, 10, 3), 5, NEXT) == D(2021, 10, 14)
    assert CALENDAR.effective_receipt(D(2021, 10, 3), NEXT) == D(2021, 10, 8)


@pytest.mark.parametrize(
    ("received", "count", "deadline"),
    [
        (D(2021, 3, 17), 30, D(2021, 4, 16)),  # the plan's issue + 30 days: a Friday
        (D(2021, 1, 1), 30, D(2021, 2, 1)),  # ends Sun 1-31: moves to Mon 2-1
        (D(2021, 9, 1), 30, D(2021, 10, 8)),  # ends 10-1, inside 国庆节: day after the holiday
        (D(2021, 9, 9), 30, D(2021, 10, 9)),  # ends on the make-up Saturday: a working day
        (D(2021, 9, 8), 30, D(2021, 10, 8)),  # ends 10-8, a working Friday
        (D(2021, 1, 15), 30, D(2021, 2, 18)),  # ends 2-14, inside 春节: 2-18
    ],
)
def test_calendar_days_end_on_the_next_working_day(
    received: dt.date, count: int, deadline: dt.date
) -> None:
    assert cd(received, count) == deadline


def test_calendar_days_with_next_working_day_receipt() -> None:
    # Received Sat 2021-07-10, deemed Mon 7-12; + 30 days = Wed 8-11.
    assert cd(D(2021, 7, 10), 30, NEXT) == D(2021, 8, 11)
    assert cd(D(2021, 7, 10), 30) == D(2021, 8, 9)  # Mon 8-9


def test_pauses_take_working_days_out_of_the_count() -> None:
    # 20 working days from 2021-07-01 end on 7-29; a pause over 7-12..7-16 (5 working
    # days) pushes the end 5 working days on, to 8-5.
    received = D(2021, 7, 1)
    period = Period(20)
    assert CALENDAR.deadline(received, period) == D(2021, 7, 29)
    pause = Pause(D(2021, 7, 12), D(2021, 7, 16))
    assert CALENDAR.deadline(received, period, [pause]) == D(2021, 8, 5)
    # Overlapping and weekend-only pauses count each working day once.
    pauses = [pause, Pause(D(2021, 7, 14), D(2021, 7, 19)), Pause(D(2021, 7, 24), D(2021, 7, 25))]
    assert CALENDAR.deadline(received, period, pauses) == D(2021, 8, 6)
    # A pause before receipt or after the deadline changes nothing.
    later = [Pause(D(2021, 6, 1), D(2021, 6, 30)), Pause(D(2021, 9, 1), D(2021, 9, 3))]
    assert CALENDAR.deadline(received, period, later) == D(2021, 7, 29)
    assert CALENDAR.paused_working_days(received, D(2021, 8, 5), [pause]) == 5


def test_explain_lists_every_day_with_its_number() -> None:
    days = CALENDAR.explain(D(2021, 9, 30), Period(5))
    assert [(d.day.date.day, d.day.label, d.counted, d.note) for d in days] == [
        (30, "工作日", None, "received"),
        (1, "国庆节", None, ""),
        (2, "国庆节", None, ""),
        (3, "国庆节", None, ""),
        (4, "国庆节", None, ""),
        (5, "国庆节", None, ""),
        (6, "国庆节", None, ""),
        (7, "国庆节", None, ""),
        (8, "工作日", 1, ""),
        (9, "调休上班（国庆节）", 2, ""),
        (10, "周末", None, ""),
        (11, "工作日", 3, ""),
        (12, "工作日", 4, ""),
        (13, "工作日", 5, "deadline"),
    ]


def test_explain_marks_deemed_receipt_and_pauses() -> None:
    days = CALENDAR.explain(
        D(2021, 7, 10), Period(2, receipt=NEXT), [Pause(D(2021, 7, 13), D(2021, 7, 13))]
    )
    assert [(d.day.date.day, d.counted, d.note) for d in days] == [
        (10, None, "received"),
        (11, None, ""),
        (12, None, "deemed received"),
        (13, None, "paused"),
        (14, 1, ""),
        (15, 2, "deadline"),
    ]


# -- coverage ------------------------------------------------------------------------------


def test_the_library_covers_2004_to_2026() -> None:
    assert (CALENDAR.first_year, CALENDAR.last_year) == (2004, 2026)
    assert CALENDAR.coverage == "2004-2026"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: CALENDAR.day(D(2003, 12, 31)),
            "2003 is outside the holiday calendar, which covers 2004-2026; supply its "
            "holidays and make-up working days in a holidays file "
            "(--holidays FILE or GONGKAI_HOLIDAYS)",
        ),
        (
            lambda: wd(D(2026, 12, 20), 20),
            "20 working days after 2026-12-20: 2027 is outside the holiday calendar, which "
            "covers 2004-2026; supply its holidays and make-up working days in a holidays "
            "file (--holidays FILE or GONGKAI_HOLIDAYS)",
        ),
        (
            lambda: cd(D(2026, 12, 20), 30),
            "30 calendar days after 2026-12-20: 2027 is outside the holiday calendar, which "
            "covers 2004-2026; supply its holidays and make-up working days in a holidays "
            "file (--holidays FILE or GONGKAI_HOLIDAYS)",
        ),
        (
            lambda: wd(D(2030, 1, 2), 1),
            "received 2030-01-02: 2030 is outside the holiday calendar, which covers "
            "2004-2026; supply its holidays and make-up working days in a holidays file "
            "(--holidays FILE or GONGKAI_HOLIDAYS)",
        ),
    ],
)
def test_dates_outside_the_calendar_are_refused(call: object, message: str) -> None:
    with pytest.raises(CalendarCoverageError) as caught:
        call()  # type: ignore[operator]
    assert str(caught.value) == message
    assert caught.value.exit_code == 4


def test_a_period_is_at_least_one_day() -> None:
    with pytest.raises(UsageError, match="at least 1 day"):
        wd(D(2021, 7, 1), 0)


# -- properties ----------------------------------------------------------------------------

received_days = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 6, 30))
counts = st.integers(min_value=1, max_value=60)
receipts = st.sampled_from(list(Receipt))
day_types = st.sampled_from(list(DayType))


@given(received_days, counts, receipts, day_types)
def test_the_deadline_is_a_working_day(
    received: dt.date, count: int, receipt: Receipt, day_type: DayType
) -> None:
    assert CALENDAR.is_working_day(CALENDAR.deadline(received, Period(count, day_type, receipt)))


@given(received_days, counts, receipts)
def test_counting_back_gives_n(received: dt.date, count: int, receipt: Receipt) -> None:
    deadline = wd(received, count, receipt)
    start = CALENDAR.effective_receipt(received, receipt)
    assert CALENDAR.working_days_between(start, deadline) == count
    # ... and it is the first day that does: the day before has one fewer.
    assert CALENDAR.working_days_between(start, deadline - dt.timedelta(days=1)) == count - 1


@given(received_days, received_days, counts, receipts, day_types)
def test_later_receipt_never_gives_an_earlier_deadline(
    first: dt.date, second: dt.date, count: int, receipt: Receipt, day_type: DayType
) -> None:
    early, late = sorted((first, second))
    period = Period(count, day_type, receipt)
    assert CALENDAR.deadline(early, period) <= CALENDAR.deadline(late, period)


@given(received_days, counts)
def test_agrees_with_a_day_by_day_count(received: dt.date, count: int) -> None:
    date, seen = received, 0
    while seen < count:
        date += dt.timedelta(days=1)
        seen += chinese_calendar.is_workday(date)
    assert wd(received, count) == date


@given(received_days, counts)
def test_next_working_day_receipt_is_what_find_workday_does(received: dt.date, count: int) -> None:
    assert wd(received, count, NEXT) == chinese_calendar.find_workday(count, received)


@given(st.dates(min_value=D(2004, 1, 1), max_value=D(2025, 12, 31)), st.integers(1, 300))
def test_calendar_days_land_on_or_after_the_plain_sum(received: dt.date, count: int) -> None:
    deadline = cd(received, count)
    plain = received + dt.timedelta(days=count)
    assert deadline >= plain
    # Every day skipped is a rest day.
    for offset in range((deadline - plain).days):
        assert not CALENDAR.is_working_day(plain + dt.timedelta(days=offset))


@settings(max_examples=50)
@given(
    received_days,
    counts,
    st.lists(st.tuples(st.integers(0, 90), st.integers(0, 20)), max_size=3),
)
def test_pauses_never_shorten_and_are_not_counted(
    received: dt.date, count: int, spans: list[tuple[int, int]]
) -> None:
    pauses = [
        Pause(received + dt.timedelta(days=a), received + dt.timedelta(days=a + b))
        for a, b in spans
    ]
    plain = wd(received, count)
    paused = CALENDAR.deadline(received, Period(count), pauses)
    assert paused >= plain
    assert CALENDAR.is_working_day(paused)
    worked = CALENDAR.working_days_between(received, paused)
    assert worked - CALENDAR.paused_working_days(received, paused, pauses) == count


# -- the holidays file ---------------------------------------------------------------------

HOLIDAYS_2027 = """\
years:
  2027:
    source: 国务院办公厅关于2027年部分节假日安排的通知 (a test stand-in)
    holidays:
      - {name: 元旦, first: 2027-01-01, last: 2027-01-03}
      - {name: 春节, first: 2027-02-06, last: 2027-02-13}
      - {name: 清明节, first: 2027-04-05}
    makeup_workdays:
      - {date: 2027-02-14, name: 春节}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_holidays_file_adds_a_year(tmp_path: Path) -> None:
    calendar = load_calendar(write(tmp_path, HOLIDAYS_2027))
    assert calendar.coverage == "2004-2027"
    assert calendar.deadline(D(2026, 12, 31), Period(1)) == D(2027, 1, 4)
    # 2-5 Fri received: 2-6..2-13 off, Sun 2-14 worked.
    assert calendar.deadline(D(2027, 2, 5), Period(1)) == D(2027, 2, 14)
    assert calendar.day(D(2027, 4, 5)).label == "清明节"
    year = calendar.year(2027)
    assert year.source.startswith("国务院办公厅关于2027年")
    assert [(r.name, r.days) for r in year.holidays] == [("元旦", 3), ("春节", 8), ("清明节", 1)]


def test_a_year_in_the_file_replaces_the_librarys(tmp_path: Path) -> None:
    text = "years:\n  2021:\n    holidays:\n      - {name: 元旦, first: 2021-01-01}\n"
    calendar = load_calendar(write(tmp_path, text))
    assert calendar.is_working_day(D(2021, 10, 1))  # no 国庆节 in this 2021
    assert not calendar.is_working_day(D(2021, 10, 9))  # nor its make-up Saturday
    assert calendar.is_working_day(D(2020, 10, 9))  # other years untouched


def test_the_environment_names_the_holidays_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_HOLIDAYS", str(write(tmp_path, HOLIDAYS_2027)))
    assert load_calendar().last_year == 2027


def test_a_gap_between_covered_years_is_refused(tmp_path: Path) -> None:
    text = "years:\n  2028:\n    holidays:\n      - {name: 元旦, first: 2028-01-01}\n"
    calendar = load_calendar(write(tmp_path, text))
    assert calendar.coverage == "2004-2026, 2028"
    assert calendar.deadline(D(2028, 1, 1), Period(1)) == D(2028, 1, 3)
    with pytest.raises(CalendarCoverageError, match=r"^2027 is outside"):
        calendar.day(D(2027, 6, 1))
    with pytest.raises(CalendarCoverageError, match="2027 is outside"):
        calendar.deadline(D(2026, 12, 1), Period(60))


def test_a_bad_holidays_file_lists_every_problem(tmp_path: Path) -> None:
    text = """\
years:
  2027:
    holidays:
      - {name: 春节, first: 2027-02-06, last: 2027-02-01}
      - {name: 元旦, first: 2026-12-31}
      - {name: " ", first: 2027-05-01}
      - {name: 劳动节, first: 2027-05-01}
    makeup_workdays:
      - {date: 2027-02-08, name: 春节}
      - {date: 2027-05-01, name: 劳动节}
"""
    path = write(tmp_path, text)
    with pytest.raises(InvalidDataError) as caught:
        load_calendar(path)
    assert caught.value.problems == [
        f"{path}:4: years.2027.holidays.0.last: 2027-02-01 is before 2027-02-06",
        f"{path}:5: years.2027.holidays.1: 2026-12-31 is not in 2027",
        f"{path}:6: years.2027.holidays.2.name: a holiday needs a name",
        f"{path}:7: years.2027.holidays.3: 2027-05-01 is already listed as a holiday",
        f"{path}:9: years.2027.makeup_workdays.0.date: 2027-02-08 is a Monday, already a "
        "working day; a make-up working day (调休上班) is a Saturday or Sunday",
        f"{path}:10: years.2027.makeup_workdays.1: 2027-05-01 is already listed as a holiday",
    ]
    assert caught.value.exit_code == 3


def test_a_holidays_file_is_schema_checked(tmp_path: Path) -> None:
    text = """\
years:
  2027:
    holidays:
      - {name: 元旦, first: 2027-01-01, lsat: 2027-01-03}
    makeup_workdays:
      - {date: not-a-date, name: 春节}
"""
    path = write(tmp_path, text)
    with pytest.raises(InvalidDataError) as caught:
        load_calendar(path)
    assert [problem.split(": ", 2)[:2] for problem in caught.value.problems] == [
        [f"{path}:4", "years.2027.holidays.0.lsat"],
        [f"{path}:6", "years.2027.makeup_workdays.0.date"],
    ]


def test_a_holidays_file_with_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    text = "years:\n  2027:\n    holidays: []\n  2027:\n    holidays: []\n"
    path = write(tmp_path, text)
    with pytest.raises(InvalidDataError) as caught:
        load_calendar(path)
    # The wording is yamlio's, as for the plan's data files.
    [problem] = caught.value.problems
    assert problem.startswith(f"{path}:4: years.2027: duplicate key (first on line 2)")


def test_a_missing_holidays_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        load_calendar(tmp_path / "nope.yaml")


def test_an_empty_calendar_is_refused() -> None:
    with pytest.raises(UsageError):
        WorkCalendar({})


def test_explain_calendar_days_shows_the_extension_past_a_holiday() -> None:
    days = CALENDAR.explain(D(2021, 9, 1), Period(30, DayType.CALENDAR))
    assert [(d.day.date, d.counted, d.note) for d in days[-9:]] == [
        (D(2021, 9, 30), 29, ""),
        (D(2021, 10, 1), 30, ""),  # the 30th day is 国庆节: 民法典 第二百零三条
        *[(D(2021, 10, day), None, "extended") for day in range(2, 8)],
        (D(2021, 10, 8), None, "extended, deadline"),
    ]
