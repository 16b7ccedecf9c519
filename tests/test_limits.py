"""One time-limit resolver (workdays/limits.py) for one case and for every row of a file.

`--days 5000` used to exit 4 on one case (2037 outside the holiday calendar) but give
an invalid row ("not between 1 and 3660") in a file. Now both refuse it as bad input,
with the same range check: no time limit is ten years long, so the number is a typo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Gongkai
from gongkai_cli.errors import UsageError
from gongkai_cli.model.workdays import DayType, Receipt
from gongkai_cli.workdays.days import Period
from gongkai_cli.workdays.limits import (
    MAX_DAYS,
    LimitRequest,
    LimitResolver,
    TimeLimit,
    days_period,
)
from gongkai_cli.workdays.rules import load_rules

W, C = DayType.WORKING, DayType.CALENDAR


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


@pytest.mark.parametrize("days", ["0", "-3", "3661", "5000"])
@pytest.mark.parametrize(
    "command",
    [["deadline", "--from", "2021-06-01"], ["reply-check", "--received", "2021-06-01"]],
    ids=["deadline", "reply-check"],
)
def test_one_case_refuses_days_out_of_range(
    gongkai: Gongkai, command: list[str], days: str
) -> None:
    assert gongkai(*command, "--days", days) == (
        2,
        "",
        f"Error: --days {days} is not between 1 and 3660\n",
    )


def test_a_row_refuses_days_out_of_range_with_the_same_check(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,received,replied,days\na,2021-06-01,,5000\nb,2021-06-01,,0\n", "utf-8")
    code, out, err = gongkai("reply-check", "--file", str(path))
    assert (code, err) == (2, "met 0, missed 0, open 0, overdue 0, invalid 2 (2 rows)\n")
    assert out.splitlines()[1:] == [
        "2,a,2021-06-01,,,,,,,,invalid,days 5000 is not between 1 and 3660",
        "3,b,2021-06-01,,,,,,,,invalid,days 0 is not between 1 and 3660",
    ]


def test_a_file_refuses_a_default_out_of_range_before_any_row(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,received,replied\na,2021-06-01,\n", "utf-8")
    assert gongkai("reply-check", "--file", str(path), "--days", "5000") == (
        2,
        "",
        "Error: --days 5000 is not between 1 and 3660\n",
    )


def test_the_longest_limit_is_counted_where_the_calendar_reaches(gongkai: Gongkai) -> None:
    # 3660 calendar days from 2004-01-01 end in 2014: inside the calendar, exit 0.
    code, out, _ = gongkai("deadline", "--from", "2004-01-01", "--days", "3660", "--calendar-days")
    assert code == 0
    assert "2014-01-08" in out


def test_the_chinese_messages(gongkai: Gongkai, tmp_path: Path, chinese: None) -> None:
    assert gongkai("deadline", "--from", "2021-06-01", "--days", "5000")[2] == (
        "错误：--days 5000 不在 1 到 3660 之间\n"
    )
    path = tmp_path / "cases.csv"
    path.write_text("id,received,replied,days\na,2021-06-01,,5000\n", "utf-8")
    out = gongkai("reply-check", "--file", str(path))[1]
    assert out.splitlines()[1] == "2,a,2021-06-01,,,,,,,,invalid,天数 5000 不在 1 到 3660 之间"


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_days_period_is_the_one_range_check(count: int) -> None:
    if 1 <= count <= MAX_DAYS:
        assert days_period(count, W, None) == Period(count, W, Receipt.AS_RECEIVED)
    else:
        with pytest.raises(UsageError):
            days_period(count, W, None)


def test_a_row_and_a_case_resolve_alike() -> None:
    book = load_rules()
    for request in (
        LimitRequest(rule="依申请公开"),
        LimitRequest(rule="consult", receipt=Receipt.NEXT_WORKING_DAY),
        LimitRequest(days=15, calendar_days=True),
        LimitRequest(rule="application-reply", channel="互联网"),
    ):
        resolver = LimitResolver(book, request)
        assert resolver.row_limit("", "", "") == resolver.request_limit()
    resolver = LimitResolver(book, LimitRequest())
    assert resolver.row_limit("依申请公开", "", "fax") == TimeLimit(
        "application-reply", "fax", Period(20, W, Receipt.NEXT_WORKING_DAY)
    )
    assert resolver.row_limit("", "15", "") == TimeLimit("", "", Period(15, W))
    assert LimitResolver(book, LimitRequest(calendar_days=True)).row_limit("", "15", "") == (
        TimeLimit("", "", Period(15, C))
    )


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (LimitRequest(rule="consult", days=5), "give --rule or --days, not both"),
        (
            LimitRequest(rule="consult", channel="fax", receipt=Receipt.AS_RECEIVED),
            "give --channel or --receipt, not both",
        ),
        (
            LimitRequest(rule="consult", calendar_days=True),
            "--calendar-days goes with --days; a rule fixes its own day type",
        ),
        (LimitRequest(days=0), "--days 0 is not between 1 and 3660"),
    ],
)
def test_what_no_row_could_fix_is_refused_at_once(request_: LimitRequest, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        LimitResolver(load_rules(), request_)
    assert str(caught.value) == message


def test_one_case_without_a_limit() -> None:
    with pytest.raises(UsageError) as caught:
        LimitResolver(None, LimitRequest()).request_limit()
    assert str(caught.value) == "give --rule ID (see 'gongkai rules') or --days N"
