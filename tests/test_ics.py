"""`due --format ics --remind N`: a reminder N working days before each due day.

The working days are checked against chinese_calendar itself, not gongkai's
calendar, so a wrong count in either shows here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import chinese_calendar
import pytest
from icalendar import Calendar

from conftest import Gongkai
from gongkai_cli.workdays.calendar import load_calendar


def events(gongkai: Gongkai, *args: str) -> list[Any]:
    result = gongkai("due", "--unit", "长宁区政府", "--format", "ics", *args)
    assert result.exit_code == 0, result.output
    return list(Calendar.from_ical(result.stdout_bytes).walk("VEVENT"))


def reminder(event: Any) -> tuple[dt.datetime, Any]:
    """When the event's one alarm shows (local time), and the alarm."""
    (alarm,) = event.walk("VALARM")
    start = dt.datetime.combine(event.decoded("DTSTART"), dt.time())
    return start + alarm.decoded("TRIGGER"), alarm


def working_days_from(first: dt.date, before: dt.date) -> int:
    """chinese_calendar's working days in [first, before)."""
    days = (first + dt.timedelta(days=n) for n in range((before - first).days))
    return sum(chinese_calendar.is_workday(day) for day in days)


@pytest.mark.parametrize("count", [3, 1, 10])
def test_every_event_has_a_display_alarm_n_working_days_before(
    gongkai: Gongkai, count: int
) -> None:
    args = () if count == 3 else ("--remind", str(count))  # 3 is the default
    shown = events(gongkai, *args)
    assert len(shown) == 48
    for event in shown:
        at, alarm = reminder(event)
        due = event.decoded("DTEND") - dt.timedelta(days=1)
        # RFC 5545 3.6.6: ACTION:DISPLAY needs TRIGGER and DESCRIPTION.
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert f"将于 {due} 到期（还有 {count} 个工作日）" in str(alarm["DESCRIPTION"])
        assert str(event["SUMMARY"]) in str(alarm["DESCRIPTION"])
        assert at.time() == dt.time(9)
        assert chinese_calendar.is_workday(at.date())
        assert working_days_from(at.date(), due) == count


def test_a_reminder_counts_across_national_day(gongkai: Gongkai) -> None:
    # Task 3 is due 10月底前 (2021-10-31, a Sunday). Its 17th working day before is
    # 2021-10-08, the first after 国庆 (10月1日-7日); the 18th is 2021-09-30.
    def task3(count: str) -> dt.datetime:
        (event,) = [e for e in events(gongkai, "--remind", count) if "任务3 " in str(e["SUMMARY"])]
        return reminder(event)[0]

    assert task3("17") == dt.datetime(2021, 10, 8, 9)
    assert task3("18") == dt.datetime(2021, 9, 30, 9)
    assert task3("3") == dt.datetime(2021, 10, 27, 9)


def test_remind_0_sets_no_alarm(gongkai: Gongkai) -> None:
    shown = events(gongkai, "--remind", "0")
    assert len(shown) == 48
    assert all(not event.walk("VALARM") for event in shown)
    args = ["due", "--unit", "长宁区政府", "-f", "ics", "--remind", "0"]
    assert b"VALARM" not in gongkai(*args).stdout_bytes


def test_a_negative_remind_is_a_usage_error(gongkai: Gongkai) -> None:
    result = gongkai("due", "--unit", "长宁区政府", "-f", "ics", "--remind", "-1")
    assert result.exit_code == 2


def test_working_day_before_skips_holidays_and_counts_makeup_days() -> None:
    calendar = load_calendar()
    # 2021-10-08 follows 国庆 (10月1日-7日): the working days before it are 9-30, 9-29, 9-28.
    assert calendar.working_day_before(dt.date(2021, 10, 8), 1) == dt.date(2021, 9, 30)
    assert calendar.working_day_before(dt.date(2021, 10, 8), 3) == dt.date(2021, 9, 28)
    # 2021-09-27 (Monday): the Sunday before, 9-26, is a 调休 working day.
    assert calendar.working_day_before(dt.date(2021, 9, 27), 1) == dt.date(2021, 9, 26)
    assert calendar.working_day_before(dt.date(2021, 10, 8), 0) == dt.date(2021, 10, 8)


def test_open_leaves_done_tasks_out_of_the_calendar_too(gongkai: Gongkai, tmp_path: Any) -> None:
    progress = tmp_path / "p.yaml"
    progress.write_text(
        "entries:\n"
        "  - {seq: 22, unit: 长宁区政府, status: done, completed: 2021-06-10}\n"
        "  - {seq: 8, unit: 长宁区政府, status: in_progress}\n",
        encoding="utf-8",
    )
    window = ["--after", "2021-06-15", "--before", "2021-06-30", "-p", str(progress)]
    every = [str(e["SUMMARY"]) for e in events(gongkai, *window)]
    assert every == [
        "[负责] 任务8 做好法定公开内容的日常维护",
        "[配合] 任务19 试行人才政策及解读材料精准推送",
        "[负责] 任务22 优化网上政民互动渠道",
    ]
    # As `due --open` shows it: 22 is done, so it is left out; the others stay.
    assert [str(e["SUMMARY"]) for e in events(gongkai, *window, "--open")] == every[:2]
