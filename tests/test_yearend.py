"""The turn of the year (issue 19 item 3): verdicts no 2027 arrangement could change are
given, marked certain_without: 2027; exit 4 only where 2027's 调休 could change them.

chinese-calendar 1.11.0 covers 2004-2026. For 2027 only the holidays of
《全国年节及纪念日放假办法》(2024) 第二条 are certain rest days; any other day may be made
a working day (调休上班) or a rest day (调休, 补假). The property test below draws such
arrangements at random and checks that every certain verdict is the verdict under each.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunardate import LunarDate  # type: ignore[import-untyped]

from conftest import Gongkai
from gongkai_cli.errors import CalendarCoverageError
from gongkai_cli.model.workdays import DayType, ReplyStatus
from gongkai_cli.workdays.calendar import WorkCalendar, load_calendar
from gongkai_cli.workdays.days import Period, YearData
from gongkai_cli.workdays.holidays import provisional_years
from gongkai_cli.workdays.library import library_years
from gongkai_cli.workdays.replies.verdict import check_case

D = dt.date


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


# -- the provisional year: 第二条's days, computed here -------------------------------------


def test_the_provisional_2027_is_article_2_computed_independently() -> None:
    spring = LunarDate(2027, 1, 1).to_solar_date()
    qingming = [
        d
        for d, name in chinese_calendar.get_solar_terms(D(2027, 4, 1), D(2027, 4, 30))
        if name == "清明"
    ]
    expected = {
        D(2027, 1, 1): "元旦",
        **{spring + dt.timedelta(days=n): "春节" for n in (-1, 0, 1, 2)},  # 除夕、正月初一至初三
        qingming[0]: "清明节",
        D(2027, 5, 1): "劳动节",
        D(2027, 5, 2): "劳动节",
        LunarDate(2027, 5, 5).to_solar_date(): "端午节",
        LunarDate(2027, 8, 15).to_solar_date(): "中秋节",
        **{D(2027, 10, day): "国庆节" for day in (1, 2, 3)},
    }
    year = provisional_years()[2027]
    assert dict(year.holidays) == expected
    assert dict(year.makeup_workdays) == {}  # no 调休: not published
    assert year.source.startswith("暂定")
    # 4 + 1 + 1 + 2 + 1 + 1 + 3 = 13 days, as 第二条 counts them.
    assert len(expected) == 13


# -- any arrangement of 2027 --------------------------------------------------------------

KNOWN = library_years()
CALENDAR = WorkCalendar(KNOWN)
FIXED = provisional_years()[2027].holidays
DAYS_2027 = [D(2027, 1, 1) + dt.timedelta(days=n) for n in range(365)]
EARLY_2027 = [d for d in DAYS_2027 if d < D(2027, 3, 31) and d not in FIXED]


@st.composite
def arrangements(draw: st.DrawFn) -> WorkCalendar:
    """A 2027 the State Council could publish: 第二条's holidays off, and any other day
    of the first quarter worked or rested (the rest of the year as usual)."""
    flipped = draw(st.sets(st.sampled_from(EARLY_2027), max_size=12))
    holidays = dict(FIXED)
    makeup = {}
    for day in flipped:
        if day.weekday() >= 5:
            makeup[day] = "调休"
        else:
            holidays[day] = "调休"
    return WorkCalendar({**KNOWN, 2027: YearData(2027, holidays, makeup, "drawn")})


@settings(max_examples=150, deadline=None)
@given(
    arrangement=arrangements(),
    received=st.dates(D(2026, 12, 1), D(2026, 12, 31)),
    reply_after=st.one_of(st.none(), st.integers(0, 40)),
    rule=st.sampled_from([(5, DayType.WORKING), (20, DayType.WORKING), (15, DayType.CALENDAR)]),
)
def test_a_certain_verdict_is_the_verdict_under_any_arrangement(
    arrangement: WorkCalendar,
    received: dt.date,
    reply_after: int | None,
    rule: tuple[int, DayType],
) -> None:
    period = Period(*rule)
    replied = received + dt.timedelta(days=reply_after) if reply_after is not None else None
    as_of = D(2026, 12, 31)
    try:
        verdict = check_case(CALENDAR, period, received, replied, as_of)
    except CalendarCoverageError:
        return  # exit 4: 2027 could change it (checked below for one case)
    actual = check_case(arrangement, period, received, replied, as_of)
    assert verdict.status is actual.status
    if verdict.deadline is not None:
        assert verdict.deadline == actual.deadline
    else:
        assert verdict.certain_without == 2027
        assert verdict.earliest is not None and verdict.earliest <= actual.deadline


# -- December 2026, as users ask -----------------------------------------------------------

TODAY = {"GONGKAI_TODAY": "2026-12-07"}


@pytest.mark.parametrize(
    ("args", "code", "status", "deadline", "earliest"),
    [
        # The case: 20 working days from 12-07 reach into 2027 (18 working days
        # are left in December), but a reply on 12-15 is in time whatever 2027 holds.
        (
            ["--received", "2026-12-07", "--replied", "2026-12-15", "--rule", "依申请公开"],
            0,
            "met",
            None,
            "2027-01-03",
        ),
        # 5 working days from Mon 12-28: 4 in December, 01-01 is 元旦; 01-02 (Sat) is the
        # earliest the 5th can be: a reply on 01-02 is in time, one on 01-04 may not be.
        (
            ["--received", "2026-12-28", "--replied", "2027-01-02", "--rule", "consult"],
            0,
            "met",
            None,
            "2027-01-03",
        ),
        (
            ["--received", "2026-12-28", "--replied", "2027-01-04", "--rule", "consult"],
            4,
            None,
            None,
            None,
        ),
        # Open on 12-31 with 4 working days counted: certainly open.
        (
            ["--received", "2026-12-25", "--rule", "consult", "--as-of", "2026-12-31"],
            0,
            "open",
            None,
            "2027-01-02",
        ),
        # Within December: known, no mark.
        (
            ["--received", "2026-12-01", "--replied", "2026-12-31", "--rule", "依申请公开"],
            1,
            "missed",
            "2026-12-29",
            None,
        ),
        # 信访 15 days from 12-20 end Mon 2027-01-04, unless 2027 makes it a rest day:
        # a reply that day is in time, one the next day depends on 2027.
        (
            ["--received", "2026-12-20", "--replied", "2027-01-04", "--rule", "信访告知"],
            0,
            "met",
            None,
            "2027-01-04",
        ),
        (
            ["--received", "2026-12-20", "--replied", "2027-01-05", "--rule", "信访告知"],
            4,
            None,
            None,
            None,
        ),
    ],
)
def test_december_2026(
    gongkai: Gongkai,
    args: list[str],
    code: int,
    status: str | None,
    deadline: str | None,
    earliest: str | None,
) -> None:
    got, out, err = gongkai("reply-check", *args, "-f", "json", env=TODAY)
    assert got == code, err
    if code == 4:
        assert out == ""
        assert err.endswith("; the verdict depends on 2027's 调休, not yet published\n")
        return
    verdict = json.loads(out)
    assert (verdict["status"], verdict["deadline"]) == (status, deadline)
    assert verdict.get("deadline_earliest") == earliest
    assert verdict.get("certain_without") == (2027 if earliest else None)


def test_a_file_exits_4_only_for_rows_2027_could_change(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "december.csv"
    path.write_text(
        "id,received,replied\n"
        "a,2026-12-07,2026-12-11\n"
        "b,2026-12-28,2027-01-02\n"
        "c,2026-12-28,2027-01-04\n",
        "utf-8",
    )
    code, out, err = gongkai("reply-check", "--file", str(path), "--rule", "consult", env=TODAY)
    assert code == 4
    assert [line.split(",")[8:11] for line in out.splitlines()[1:]] == [
        ["2026-12-14", "4", "met"],
        ["", "", "met"],
        ["", "", "uncertain"],
    ]
    assert (
        "certain whatever 2027's 调休 (certain_without: 2027); the deadline is 2027-01-03 or later"
        in out
    )
    assert err.splitlines() == [
        "met 2, missed 0, open 0, overdue 0, invalid 0 (3 rows)",
        "1 row uncertain (待定): the next year's 调休, not yet published, could change its "
        "verdict (--provisional gives a 暂定 one)",
    ]
    # Without row c, every verdict is given: exit 0.
    path.write_text("\n".join(path.read_text("utf-8").splitlines()[:3]) + "\n", "utf-8")
    assert gongkai("reply-check", "--file", str(path), "--rule", "consult", env=TODAY)[0] == 0


@pytest.mark.parametrize("how", ["option", "environment"])
def test_provisional_counts_2027_and_says_so(gongkai: Gongkai, how: str) -> None:
    args = ["deadline", "--from", "2026-12-28", "--rule", "consult", "-f", "json"]
    env = dict(TODAY)
    if how == "option":
        args.append("--provisional")
    else:
        env["GONGKAI_PROVISIONAL"] = "1"
    code, out, _ = gongkai(*args, env=env)
    # 12-29, 30, 31, (01-01 元旦, 01-02/03 weekend), 01-04, 01-05: the 5th.
    assert (code, json.loads(out)["deadline"], json.loads(out)["provisional"]) == (
        0,
        "2027-01-05",
        2027,
    )
    code, out, _ = gongkai(
        "deadline", "--from", "2026-12-28", "--rule", "consult", "--provisional", env=TODAY
    )
    assert out.endswith("暂定   2027年调休安排未公布，按放假办法第二条的节日加周末计算\n")
    # Without it, a deadline in 2027 is not known: exit 4.
    assert gongkai("deadline", "--from", "2026-12-28", "--rule", "consult", env=TODAY)[0] == 4
    # A result inside 2026 is not marked.
    code, out, _ = gongkai(
        "deadline",
        "--from",
        "2026-12-01",
        "--rule",
        "consult",
        "--provisional",
        "-f",
        "json",
        env=TODAY,
    )
    assert "provisional" not in json.loads(out)


def test_a_holidays_file_replaces_the_provisional_year(gongkai: Gongkai, tmp_path: Path) -> None:
    # When the notice is out: its days, not 暂定 ones.
    path = tmp_path / "2027.yaml"
    path.write_text(
        "years:\n  2027:\n    source: 国务院办公厅关于2027年部分节假日安排的通知\n"
        "    holidays:\n      - {name: 元旦, first: 2027-01-01, last: 2027-01-03}\n"
        "    makeup_workdays:\n      - {date: 2027-01-09, name: 元旦}\n",
        "utf-8",
    )
    code, out, _ = gongkai(
        "deadline",
        "--from",
        "2026-12-28",
        "--rule",
        "consult",
        "--holidays",
        str(path),
        "--provisional",
        "-f",
        "json",
        env=TODAY,
    )
    assert (code, json.loads(out)["deadline"], "provisional" in json.loads(out)) == (
        0,
        "2027-01-05",
        False,
    )
    assert load_calendar(path, provisional=True).provisional_years == frozenset()


def test_holidays_shows_the_provisional_year_labelled(gongkai: Gongkai) -> None:
    code, out, _ = gongkai("holidays", "--year", "2027", "--provisional", "-f", "json", env=TODAY)
    data = json.loads(out)
    assert code == 0
    assert data["source"].startswith("暂定：《全国年节及纪念日放假办法》(2024)第二条")
    assert [run_["name"] for run_ in data["holidays"]] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    ]
    assert gongkai("holidays", "--year", "2027", env=TODAY)[0] == 4


def test_reply_status_has_the_new_verdicts() -> None:
    assert ReplyStatus.UNCERTAIN.zh == "待定"
    assert ReplyStatus.OUTSIDE.zh == "不适用"
