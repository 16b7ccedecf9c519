"""The ICS export of recurring and staged tasks: one series per recurring task, one event per stage.

The plan is tests/plans/recurring-2025: one item for each recurring spelling, a staged
item and a plain date, all owed by 区数据局. Expansions are checked with dateutil's
rrule and with recurring_ical_events (which also applies the RECURRENCE-ID overrides),
not with gongkai's own expander; working days with chinese_calendar itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
import recurring_ical_events
from dateutil.rrule import rrulestr
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from conftest import Gongkai
from gongkai_cli.render.recurrence import recurrence

PLANS = Path(__file__).resolve().parent / "plans"
RECURRING = PLANS / "recurring-2025"
ITEMS = PLANS / "items-2025"
SPELLINGS = {
    1: ("每月", "FREQ=MONTHLY;UNTIL=20251231;BYMONTHDAY=-1"),
    2: ("每月25日前", "FREQ=MONTHLY;UNTIL=20251225;BYMONTHDAY=25"),
    3: ("每季度", "FREQ=MONTHLY;UNTIL=20251231;INTERVAL=3;BYMONTHDAY=-1"),
    4: ("每半年", "FREQ=MONTHLY;UNTIL=20251231;INTERVAL=6;BYMONTHDAY=-1"),
    5: ("每年4月1日前", "FREQ=YEARLY;UNTIL=20250401"),
    6: ("每月10日前", "FREQ=MONTHLY;UNTIL=20251210;BYMONTHDAY=10"),
}


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-07-01")


def ics(gongkai: Gongkai, *args: str, plan: Path = RECURRING) -> bytes:
    unit = "区数据局" if plan == RECURRING else "东湖街道办事处"
    result = gongkai("due", "--unit", unit, "-f", "ics", "--data", str(plan), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def parsed(gongkai: Gongkai, *args: str, plan: Path = RECURRING) -> Calendar:
    return Calendar.from_ical(ics(gongkai, *args, plan=plan))


def occurrences(gongkai: Gongkai, plan: Path = RECURRING) -> dict[int, list[dt.date]]:
    """Each recurring task's deadline.occurrences, from `tasks --format json`."""
    result = gongkai("tasks", "--format", "json", "--data", str(plan))
    return {
        task["seq"]: [dt.date.fromisoformat(day) for day in task["deadline"]["occurrences"]]
        for task in json.loads(result.stdout)["tasks"]
        if task["deadline"]["kind"] == "recurring"
    }


def of_item(calendar: Calendar, seq: int) -> list[Any]:
    return [e for e in calendar.walk("VEVENT") if f"第{seq}项 " in str(e["SUMMARY"])]


def master(calendar: Calendar, seq: int) -> Any:
    (found,) = [e for e in of_item(calendar, seq) if "RECURRENCE-ID" not in e]
    return found


def rrule_text(event: Any) -> str:
    return event["RRULE"].to_ical().decode()


def expand(event: Any) -> list[dt.date]:
    """The recurrence set of `event` by dateutil: RRULE from DTSTART, plus RDATE, less EXDATE."""
    start = dt.datetime.combine(event.decoded("DTSTART"), dt.time())
    days = {d.date() for d in rrulestr(rrule_text(event), dtstart=start)}
    days |= {d.dt for prop in _listed(event, "RDATE") for d in prop.dts}
    days -= {d.dt for prop in _listed(event, "EXDATE") for d in prop.dts}
    return sorted(days)


def _listed(event: Any, name: str) -> list[Any]:
    value = event.get(name, [])
    return value if isinstance(value, list) else [value]


def instances(calendar: Calendar, seq: int) -> list[Any]:
    """Every instance of item `seq` in 2025 with overrides applied (recurring_ical_events)."""
    every = recurring_ical_events.of(calendar).between(dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    return sorted(
        (e for e in every if f"第{seq}项 " in str(e["SUMMARY"])),
        key=lambda e: (e.decoded("DTSTART"), e.decoded("RECURRENCE-ID", None) or dt.date.min),
    )


def alarm_at(event: Any) -> dt.datetime:
    (alarm,) = event.walk("VALARM")
    return dt.datetime.combine(event.decoded("DTSTART"), dt.time()) + alarm.decoded("TRIGGER")


def _midnight(event: Any) -> dt.datetime:
    return dt.datetime.combine(event.decoded("DTSTART"), dt.time())


def working_days_from(first: dt.date, before: dt.date) -> int:
    """chinese_calendar's working days in [first, before)."""
    days = (first + dt.timedelta(days=n) for n in range((before - first).days))
    return sum(chinese_calendar.is_workday(day) for day in days)


@pytest.mark.parametrize("remind", ["0", "3"])
@pytest.mark.parametrize("seq", sorted(SPELLINGS), ids=lambda seq: SPELLINGS[seq][0])
def test_a_recurring_task_is_one_series_expanding_to_its_occurrences(
    gongkai: Gongkai, seq: int, remind: str
) -> None:
    spelling, rule = SPELLINGS[seq]
    calendar = parsed(gongkai, "--remind", remind)
    series = master(calendar, seq)
    assert f"完成时限：{spelling}\n" in str(series["DESCRIPTION"])
    assert rrule_text(series) == rule
    # RFC 5545 3.3.10: with an all-day DTSTART, UNTIL is a DATE too.
    assert isinstance(series.decoded("DTSTART"), dt.date)
    assert not isinstance(series.decoded("DTSTART"), dt.datetime)
    assert series["RRULE"]["UNTIL"] == [occurrences(gongkai)[seq][-1]]
    assert expand(series) == occurrences(gongkai)[seq]
    # And with the overrides in place, each occurrence is one instance, on its day.
    shown = [e.decoded("DTSTART") for e in instances(calendar, seq)]
    assert shown == occurrences(gongkai)[seq]


def test_every_occurrence_has_its_alarm_n_working_days_before(gongkai: Gongkai) -> None:
    for count in (1, 3, 5):
        calendar = parsed(gongkai, "--remind", str(count))
        for seq in SPELLINGS:
            for instance in instances(calendar, seq):
                at = alarm_at(instance)
                due = instance.decoded("DTSTART")
                assert at.time() == dt.time(9)
                assert chinese_calendar.is_workday(at.date())
                assert working_days_from(at.date(), due) == count, (seq, due, count)


@pytest.mark.parametrize(
    ("count", "due", "reminded"),
    [
        # 国庆 2025: 10月1日-8日 off. 3 working days before 10-10: 10-09, 09-30, 09-29.
        (3, dt.date(2025, 10, 10), dt.datetime(2025, 9, 29, 9)),
        # 春节 2025: 1月28日-2月4日 off, 2月8日 (Saturday) a 调休 working day.
        (1, dt.date(2025, 2, 10), dt.datetime(2025, 2, 8, 9)),
        (5, dt.date(2025, 2, 10), dt.datetime(2025, 1, 27, 9)),
    ],
)
def test_an_occurrence_after_a_holiday_is_overridden_with_its_own_alarm(
    gongkai: Gongkai, count: int, due: dt.date, reminded: dt.datetime
) -> None:
    calendar = parsed(gongkai, "--remind", str(count))
    series = master(calendar, 6)
    (override,) = [
        e
        for e in of_item(calendar, 6)
        if e.get("RECURRENCE-ID") and e.decoded("RECURRENCE-ID") == due
    ]
    assert str(override["UID"]) == str(series["UID"])
    assert override.decoded("DTSTART") == due
    assert alarm_at(override) == reminded
    (alarm,) = override.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == (
        f"[负责] 第6项 每月通报依申请公开办理情况。 将于 {due} 到期（还有 {count} 个工作日）"
    )
    assert f"本次：{due}\n" in str(override["DESCRIPTION"])


def test_only_the_occurrences_whose_alarm_offset_differs_are_overridden(
    gongkai: Gongkai,
) -> None:
    calendar = parsed(gongkai)
    for seq in SPELLINGS:
        series = master(calendar, seq)
        (alarm,) = series.walk("VALARM")
        usual = alarm.decoded("TRIGGER")
        assert "本期截止日到期" in str(alarm["DESCRIPTION"])
        overrides = [e for e in of_item(calendar, seq) if "RECURRENCE-ID" in e]
        for override in overrides:
            (own,) = override.walk("VALARM")
            assert own.decoded("TRIGGER") != usual
            assert override.decoded("RECURRENCE-ID") in expand(series)
        # The series carries the offset most occurrences share, so the fewest are overridden.
        offsets = Counter(alarm_at(e) - _midnight(e) for e in instances(calendar, seq))
        assert offsets.most_common(1)[0] == (usual, offsets[usual])
        assert len(overrides) == offsets.total() - offsets[usual]
    assert rrule_text(master(calendar, 5)) == "FREQ=YEARLY;UNTIL=20250401"
    assert [e for e in of_item(calendar, 5) if "RECURRENCE-ID" in e] == []
    # No alarm, no override (nothing was moved).
    silent = parsed(gongkai, "--remind", "0")
    assert [e for e in silent.walk("VEVENT") if "RECURRENCE-ID" in e] == []


def test_a_window_starts_and_ends_the_series_with_it(gongkai: Gongkai) -> None:
    calendar = parsed(gongkai, "--after", "2025-07-01", "--before", "2025-11-30")
    series = master(calendar, 1)
    assert rrule_text(series) == "FREQ=MONTHLY;UNTIL=20251130;BYMONTHDAY=-1"
    assert expand(series) == [d for d in occurrences(gongkai)[1] if 7 <= d.month <= 11]
    quarterly = master(calendar, 3)
    assert expand(quarterly) == [dt.date(2025, 9, 30)]
    assert of_item(calendar, 5) == []  # 每年4月1日前 is outside the window


def test_a_staged_task_is_one_event_per_stage(gongkai: Gongkai) -> None:
    calendar = parsed(gongkai)
    start, finish = of_item(calendar, 7)
    assert str(start["SUMMARY"]) == "[负责] 第7项 建设政务公开专区。 · 9月底前启动"
    assert str(finish["SUMMARY"]) == "[负责] 第7项 建设政务公开专区。 · 12月底前完成"
    assert start.decoded("DTSTART") == dt.date(2025, 9, 30)
    assert finish.decoded("DTSTART") == dt.date(2025, 12, 31)
    assert "本阶段：9月底前启动（第1/2阶段）\n" in str(start["DESCRIPTION"])
    assert "本阶段：12月底前完成（第2/2阶段，即截止日）\n" in str(finish["DESCRIPTION"])
    assert "完成时限：9月底前启动,12月底前完成\n" in str(start["DESCRIPTION"])
    assert str(start["UID"]) != str(finish["UID"])
    # 3 working days before 09-30: 09-29, 09-28 (a Sunday, 调休), 09-26.
    assert alarm_at(start) == dt.datetime(2025, 9, 26, 9)
    assert alarm_at(finish) == dt.datetime(2025, 12, 26, 9)
    (alarm,) = start.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == (
        "[负责] 第7项 建设政务公开专区。 · 9月底前启动 将于 2025-09-30 到期（还有 3 个工作日）"
    )
    assert "RRULE" not in start and "RRULE" not in finish


def test_uids_and_stamps_are_stable(gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ics(gongkai)
    assert ics(gongkai) == first
    calendar = Calendar.from_ical(first)
    masters = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e]
    uids = [str(e["UID"]) for e in masters]
    assert len(set(uids)) == len(uids) == 6 + 2 + 1
    stamps = {e.decoded("DTSTAMP") for e in calendar.walk("VEVENT")}
    assert stamps == {dt.datetime(2025, 6, 30, 16, tzinfo=dt.UTC)}
    monkeypatch.setenv("GONGKAI_TODAY", "2025-08-01")
    later = Calendar.from_ical(ics(gongkai))
    assert [str(e["UID"]) for e in later.walk("VEVENT") if "RECURRENCE-ID" not in e] == uids


def test_pre_issue_occurrences_are_moved_instances_of_the_series(gongkai: Gongkai) -> None:
    # items-2025 was issued on 2025-03-10: its 每月25日前 days in January and February are
    # due on the issue date. They stay instances of the series, moved to that day.
    calendar = parsed(gongkai, plan=ITEMS)
    series = master(calendar, 4)
    assert expand(series) == occurrences(gongkai, ITEMS)[4]
    moved = {
        e.decoded("RECURRENCE-ID"): e.decoded("DTSTART")
        for e in of_item(calendar, 4)
        if "RECURRENCE-ID" in e and e.decoded("DTSTART") != e.decoded("RECURRENCE-ID")
    }
    assert moved == {
        dt.date(2025, 1, 25): dt.date(2025, 3, 10),
        dt.date(2025, 2, 25): dt.date(2025, 3, 10),
    }
    shown = [e.decoded("DTSTART") for e in instances(calendar, 4)]
    assert shown == [dt.date(2025, 3, 10)] * 2 + occurrences(gongkai, ITEMS)[4][2:]
    for instance in instances(calendar, 4):
        assert working_days_from(alarm_at(instance).date(), instance.decoded("DTSTART")) == 3
    # No alarm: the moved instances still need their overrides, the others none.
    silent = parsed(gongkai, "--remind", "0", plan=ITEMS)
    overridden = [e.decoded("RECURRENCE-ID") for e in silent.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert overridden == [dt.date(2025, 1, 25), dt.date(2025, 2, 25)]


def test_the_exact_calendar_of_one_quarterly_task(gongkai: Gongkai) -> None:
    # 每季度: 3 working days before 03-31, 06-30 and 12-31 is 5 days earlier at 09:00;
    # before 09-30 it is 09-26 (09-28 is a 调休 Sunday), 4 days earlier: one override.
    text = ics(gongkai, "--grep", "工作动态").decode().replace("\r\n ", "").replace("\r\n", "\n")
    assert text == (
        "BEGIN:VCALENDAR\n"
        "VERSION:2.0\n"
        "PRODID:-//gongkai//gongkai 0.1.0//ZH\n"
        "CALSCALE:GREGORIAN\n"
        "METHOD:PUBLISH\n"
        "X-WR-CALNAME:区数据局 · 2025年测试区周期性任务要点\n"
        "X-WR-TIMEZONE:Asia/Shanghai\n"
        "BEGIN:VEVENT\n"
        "SUMMARY:[负责] 第3项 每季度发布政务公开工作动态。\n"
        "DTSTART;VALUE=DATE:20250331\n"
        "DTEND;VALUE=DATE:20250401\n"
        "DTSTAMP:20250630T160000Z\n"
        f"UID:{_uid('测试区府办〔2025〕9号|3|区数据局')}\n"
        "RRULE:FREQ=MONTHLY;UNTIL=20251231;INTERVAL=3;BYMONTHDAY=-1\n"
        "CATEGORIES:政务公开,负责\n"
        "DESCRIPTION:每季度发布政务公开工作动态。\\n\\n责任单位：区数据局\\n本单位角色：负责"
        "\\n完成时限：每季度\\n各次：2025-03-31、2025-06-30、2025-09-30、2025-12-31"
        "\\n来源：测试区府办〔2025〕9号《2025年测试区周期性任务要点》第3项\n"
        "TRANSP:TRANSPARENT\n"
        "BEGIN:VALARM\n"
        "ACTION:DISPLAY\n"
        "DESCRIPTION:[负责] 第3项 每季度发布政务公开工作动态。 将于本期截止日到期（还有 3 个工作日）\n"
        "TRIGGER:-P4DT15H\n"
        "END:VALARM\n"
        "END:VEVENT\n"
        "BEGIN:VEVENT\n"
        "SUMMARY:[负责] 第3项 每季度发布政务公开工作动态。\n"
        "DTSTART;VALUE=DATE:20250930\n"
        "DTEND;VALUE=DATE:20251001\n"
        "DTSTAMP:20250630T160000Z\n"
        f"UID:{_uid('测试区府办〔2025〕9号|3|区数据局')}\n"
        "RECURRENCE-ID;VALUE=DATE:20250930\n"
        "CATEGORIES:政务公开,负责\n"
        "DESCRIPTION:每季度发布政务公开工作动态。\\n\\n责任单位：区数据局\\n本单位角色：负责"
        "\\n完成时限：每季度\\n本次：2025-09-30"
        "\\n来源：测试区府办〔2025〕9号《2025年测试区周期性任务要点》第3项\n"
        "TRANSP:TRANSPARENT\n"
        "BEGIN:VALARM\n"
        "ACTION:DISPLAY\n"
        "DESCRIPTION:[负责] 第3项 每季度发布政务公开工作动态。 将于 2025-09-30 到期（还有 3 个工作日）\n"
        "TRIGGER:-P3DT15H\n"
        "END:VALARM\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n"
    )


def _uid(key: str) -> str:
    import hashlib

    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@gongkai"


def test_the_2021_plan_has_neither_series_nor_stages(gongkai: Gongkai) -> None:
    # Its time nodes are all one-day, window or all-year ones, so its calendar is as before:
    # one event per obligation, no rule and no override.
    listed = gongkai("tasks", "--format", "json")
    kinds = {t["deadline"]["kind"] for t in json.loads(listed.stdout)["tasks"]}
    assert kinds == {"date", "window", "all-year"}
    result = gongkai("due", "--unit", "长宁区政府", "-f", "ics", "--as-of", "2021-06-15")
    for word in (b"RRULE", b"RDATE", b"EXDATE", b"RECURRENCE-ID"):
        assert word not in result.stdout_bytes


@pytest.mark.parametrize(
    ("pattern", "chosen", "rule", "rdates", "exdates"),
    [
        # 每月30日前 in 2025: February has no 30th, its day is the 28th: an RDATE.
        (
            [dt.date(2025, m, 28 if m == 2 else 30) for m in range(1, 13)],
            [dt.date(2025, m, 28 if m == 2 else 30) for m in range(1, 13)],
            {"FREQ": "MONTHLY", "BYMONTHDAY": 30, "UNTIL": dt.date(2025, 12, 30)},
            (dt.date(2025, 2, 28),),
            (),
        ),
        # A window that starts on that February day: DTSTART must be an instance of the
        # rule (RFC 5545 3.8.5.3), so the rest are RDATEs.
        (
            [dt.date(2025, m, 28 if m == 2 else 30) for m in range(1, 13)],
            [dt.date(2025, 2, 28), dt.date(2025, 3, 30)],
            {"FREQ": "YEARLY", "UNTIL": dt.date(2025, 2, 28)},
            (dt.date(2025, 3, 30),),
            (),
        ),
        # A day moved off the pattern: the rule's day is an EXDATE, the moved one an RDATE.
        (
            [dt.date(2025, 6, 30), dt.date(2025, 9, 30), dt.date(2025, 12, 31)],
            [dt.date(2025, 6, 30), dt.date(2025, 10, 9), dt.date(2025, 12, 31)],
            {"FREQ": "MONTHLY", "INTERVAL": 3, "BYMONTHDAY": -1, "UNTIL": dt.date(2025, 12, 31)},
            (dt.date(2025, 10, 9),),
            (dt.date(2025, 9, 30),),
        ),
    ],
)
def test_what_the_rule_cannot_say_is_an_rdate_or_exdate(
    pattern: list[dt.date],
    chosen: list[dt.date],
    rule: dict[str, Any],
    rdates: tuple[dt.date, ...],
    exdates: tuple[dt.date, ...],
) -> None:
    made = recurrence(pattern, chosen)
    assert made.rrule() == rule
    assert (made.rdates, made.exdates) == (rdates, exdates)
    assert made.dates() == chosen
    # dateutil agrees on the rule's own instances.
    parts = ";".join(
        f"{k}={v.strftime('%Y%m%d') if isinstance(v, dt.date) else v}" for k, v in rule.items()
    )
    start = dt.datetime.combine(made.start, dt.time())
    by_dateutil = {d.date() for d in rrulestr(parts, dtstart=start)}
    assert sorted((by_dateutil | set(rdates)) - set(exdates)) == chosen


@st.composite
def series_and_window(draw: st.DrawFn) -> tuple[list[dt.date], list[dt.date]]:
    """A recurring pattern as the grammar makes them (day clamped to the month), a window of
    it, and maybe one day moved."""
    year = draw(st.integers(2020, 2030))
    step = draw(st.sampled_from([1, 2, 3, 4, 6, 12]))
    day = draw(st.sampled_from([-1, *range(1, 32)]))
    first = draw(st.integers(1, step))
    pattern = []
    for month in range(first, 13, step):
        last = calendar.monthrange(year, month)[1]
        pattern.append(dt.date(year, month, last if day == -1 else min(day, last)))
    start = draw(st.integers(0, len(pattern) - 1))
    end = draw(st.integers(start + 1, len(pattern)))
    chosen = pattern[start:end]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(chosen) - 1))
        chosen[at] += dt.timedelta(days=draw(st.integers(-20, 20)))
    return pattern, sorted(set(chosen))


@given(series_and_window())
def test_any_series_expands_to_exactly_its_days(case: tuple[list[dt.date], list[dt.date]]) -> None:
    pattern, chosen = case
    made = recurrence(pattern, chosen)
    assert made.dates() == chosen
    assert made.start == chosen[0] and made.until <= chosen[-1]
    rule = made.rrule()
    parts = ";".join(
        f"{k}={v.strftime('%Y%m%d') if isinstance(v, dt.date) else v}" for k, v in rule.items()
    )
    start = dt.datetime.combine(made.start, dt.time())
    by_dateutil = {d.date() for d in rrulestr(parts, dtstart=start)}
    assert made.start in by_dateutil  # DTSTART is an instance of its own rule
    assert sorted((by_dateutil | set(made.rdates)) - set(made.exdates)) == chosen
