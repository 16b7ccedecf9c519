"""Task names as people read them: without the spaces the source PDF's narrow 任务名称
column left (做好法定公 开内容的日 常维护), in every view people read; JSON and csv keep
the cell verbatim (issue 22 item 3).
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from conftest import Gongkai
from gongkai_cli.model.plan import Task, without_wrap_spaces

WRAPPED = "做好法定公 开内容的日 常维护"
READ = "做好法定公开内容的日常维护"


def test_the_display_name_drops_only_spaces_between_chinese_characters() -> None:
    task = Task(seq=1, name="推进政府规 章统一公开", content="x", responsible="市教委")
    assert task.display_name == "推进政府规章统一公开"
    kept = Task(seq=1, name="12345 热线 与 VR 展示", content="x", responsible="市教委")
    assert kept.display_name == "12345 热线与 VR 展示"


CJK = "[\u3000-\u9fff\uff00-\uffef]"
WRAP_SPACE = re.compile(f"(?<={CJK})\\s+(?={CJK})")


@settings(max_examples=1000, deadline=None)
@given(
    st.text(
        st.sampled_from("公开 \u3000\t\n\x1c\xa0a1（）。\u2fff\ua000\uff00\uffef\ufff0"),
        max_size=14,
    )
)
def test_wrap_spaces_go_as_the_pattern_takes_them(text: str) -> None:
    """By hand, as the regular expression it replaces (U+3000 is a space, and inside
    the range its lookarounds accept)."""
    assert without_wrap_spaces(text) == WRAP_SPACE.sub("", text)


def test_an_item_with_no_name_is_read_by_its_opening_words() -> None:
    short = Task(seq=1, content="做好政务公开。", responsible="区府办")
    assert short.display_name == "做好政务公开。"
    long = Task(seq=1, content="一二三四五六七八九十" * 3, responsible="区府办")
    assert long.display_name == "一二三四五六七八九十" * 2 + "一二三四…"


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "市教委", "--before", "2021-06-30"],
        ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "md"],
        ["tasks"],
        ["tasks", "--long"],
        ["show", "8"],
        ["calendar", "--month", "2021-06"],
        ["calendar", "--month", "2021-06", "--unit", "市教委"],
    ],
)
def test_people_read_the_name_without_wrap_spaces(gongkai: Gongkai, args: list[str]) -> None:
    result = gongkai(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert READ in result.stdout
    assert "法定公 开" not in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "json"],
        ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "csv"],
        ["tasks", "--format", "csv"],
        ["show", "8", "--format", "json"],
        ["calendar", "--month", "2021-06", "--format", "json"],
    ],
)
def test_data_keeps_the_cell_verbatim(gongkai: Gongkai, args: list[str]) -> None:
    result = gongkai(*args)
    assert result.exit_code == 0, result.output
    assert WRAPPED in result.stdout
    if args[0] != "show":  # show's JSON also carries the body paragraph, which has no wraps
        assert READ not in result.stdout


def test_the_phone_calendar_title_has_no_wrap_spaces(gongkai: Gongkai) -> None:
    args = ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "ics"]
    result = gongkai(*args)
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(result.stdout_bytes)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "[负责] 任务8 做好法定公开内容的日常维护" in summaries
    assert not any("法定公 开" in summary for summary in summaries)
    descriptions = [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]
    assert any(f"任务名称：{READ}" in text for text in descriptions)


def test_json_of_due_is_the_cell(gongkai: Gongkai) -> None:
    args = ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "json"]
    data = json.loads(gongkai(*args).stdout)
    names = {item["seq"]: item["name"] for item in data["tasks"]}
    assert names[8] == WRAPPED
