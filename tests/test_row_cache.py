"""The row checker's caches change no verdict (issue 22 item 2: reply-check speed).

`RowChecker` keeps results by the days a row gives (its `DayKey`), not by the text of
its dates, and reads a date-time's day from its date part. Here every row is checked
twice: by one checker that has seen all the rows before it (its caches warm), and by a
fresh checker that has seen nothing. The two results must be equal, over random
date-times to the minute, spellings, rules, channels, restarts and confirmation days,
and bad dates. A spreadsheet's date cell (`datetime`) must give the result its text
gives, and `_day_of_text` must read every text as `parse_day` does.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai_cli.errors import UsageError
from gongkai_cli.io.dates import parse_day
from gongkai_cli.workdays.calendar import load_calendar
from gongkai_cli.workdays.limits import LimitRequest, LimitResolver
from gongkai_cli.workdays.replies.fields import RowChecker, RowResult, Written, written
from gongkai_cli.workdays.rules import load_rules

CALENDAR = load_calendar()
RULES = load_rules()
AS_OF = dt.date(2021, 7, 15)
# Few days, many minutes: rows share days (and so results) as an export's rows do. Days
# across a new year and near the end of the holiday calendar, and after the as-of day.
DAYS = [
    dt.datetime(2020, 12, 30),
    dt.datetime(2021, 1, 4),
    dt.datetime(2021, 6, 30),
    dt.datetime(2021, 7, 14),
    dt.datetime(2021, 9, 30),
    dt.datetime(2026, 12, 24),
]


def checker(request: LimitRequest) -> RowChecker:
    return RowChecker(CALENDAR, LimitResolver(RULES, request), AS_OF)


def spelled(moment: dt.datetime, how: int) -> str:
    """A date-time as exports write it."""
    day = moment.date()
    clock = [f"{moment:%H:%M}", f"{moment:%H:%M:%S}", f"{moment.hour}:{moment:%M}"][how % 3]
    date = [day.isoformat(), f"{day.year}/{day.month}/{day.day}", f"{day:%Y.%m.%d}"][how // 3 % 3]
    return [f"{date} {clock}", date, f"{day:%Y%m%d}", f"{day:%Y-%m-%d}T{moment:%H:%M:%S}"][
        how // 9 % 4
    ]


ODD = ["", " ", "2021-02-30 9:00", "2021/13/1 10:00", "abc", "2021-07-03 25:00", "2021-07-03  9:15"]

moments = st.builds(
    lambda day, minutes: day + dt.timedelta(minutes=minutes),
    st.sampled_from(DAYS),
    st.integers(0, 3 * 24 * 60),
)
date_field = st.one_of(
    st.tuples(moments, st.integers(0, 35)).map(lambda t: spelled(*t)),
    moments,  # a date-time cell
    moments.map(lambda m: m.date()),  # a date cell
    st.sampled_from(ODD),
)
rule_field = st.sampled_from(["", "", "consult", "application-reply", "网上咨询", "nope"])
days_field = st.sampled_from(["", "", "", "5", "0", "x"])
channel_field = st.sampled_from(["", "", "网上申请", "当面", "邮寄", "电话"])
rows = st.tuples(
    date_field,  # received
    st.one_of(date_field, st.just("")),  # replied
    rule_field,
    days_field,
    channel_field,
    st.one_of(st.just(""), st.just(""), date_field),  # restart
    st.one_of(st.just(""), st.just(""), date_field),  # confirmed
)
requests = st.sampled_from(
    [LimitRequest(rule="consult"), LimitRequest(days=3), LimitRequest(rule="application-reply")]
)


FIELDS = (date_field, date_field, rule_field, days_field, channel_field, date_field, date_field)


@st.composite
def batches(draw: st.DrawFn) -> list[tuple[Written, ...]]:
    """Rows, each followed by variants of it that change one field, so that rows sharing
    all their days but one field (a channel, a rule, a confirmation day) meet the warm
    caches: a key that left that field out would hand one row the other's result."""
    batch: list[tuple[Written, ...]] = []
    for row in draw(st.lists(rows, min_size=1, max_size=25)):
        batch.append(row)
        for index in draw(st.lists(st.integers(0, 6), max_size=4)):
            variant = list(row)
            variant[index] = draw(FIELDS[index])
            batch.append(tuple(variant))
    return batch


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=requests, batch=batches())
def test_cached_and_fresh_checks_agree(
    request: LimitRequest, batch: list[tuple[Written, Written, str, str, str, Written, Written]]
) -> None:
    warm = checker(request)
    for _ in range(2):  # the second pass hits every cache
        for row in batch:
            key, result = warm.check(*row)
            fresh = checker(request).check(*row)
            assert (key, result) == fresh, row
            if key is None:
                continue
            # A result kept by its days is the same for every row with those days.
            assert warm.check(*row)[1] == result


@settings(max_examples=150, deadline=None)
@given(request=requests, row=rows)
def test_a_date_cell_gives_what_its_text_gives(
    request: LimitRequest, row: tuple[Written, Written, str, str, str, Written, Written]
) -> None:
    received, replied, rule, days, channel, restart, confirmed = row
    as_text = (written(received), written(replied), rule, days, channel)
    as_text += (written(restart), written(confirmed))
    result: RowResult = checker(request).check_fields(*row)
    assert result == checker(request).check_fields(*as_text)


def parsed(text: str) -> dt.date | str:
    try:
        return parse_day(text)
    except UsageError as exc:
        return str(exc)


clock = st.one_of(
    st.sampled_from(["9:15", "09:15:00", "23:59:59.5", "9:15:30.123456", "24:00", "9:60"]),
    st.sampled_from(["9:15:00.1234567", "", "9:15 ", "9:15Z", "09:15+08:00", "T9:15", "9"]),
    st.from_regex(r"[0-9:.]{1,10}", fullmatch=True),
)
date_part = st.one_of(
    st.dates(dt.date(1999, 1, 1), dt.date(2031, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["2021/7/3", "2021.7.3", "20210703", "2021年7月3日", "2021-7-3T"]),
    st.sampled_from(["2021-02-30", "2021/13/1", "２０２１-０７-０３", "2021-07-03T", "x", ""]),
    st.from_regex(r"[0-9/.T\-]{1,12}", fullmatch=True),
)
separator = st.sampled_from([" ", " ", "  ", "T", " T", "\t", "\u3000", "", "\t ", "\u3000 "])


@settings(max_examples=400, deadline=None)
@given(
    head=date_part,
    space=separator,
    time=clock,
    around=st.sampled_from(["", " ", "\u3000"]),
)
def test_a_date_times_day_is_read_as_parse_day_reads_it(
    head: str, space: str, time: str, around: str
) -> None:
    text = around + head + space + time + around
    rows = checker(LimitRequest(rule="consult"))
    assert rows._day_of_text(text) == (parsed(text) if text.strip() else "empty"), text
    # and again, from the date part's cache
    assert rows._day_of_text(text) == (parsed(text) if text.strip() else "empty"), text
