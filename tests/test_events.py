"""A time node counted from an event (决策文件出台后10个工作日): the event day recorded in
the progress file gives each unit its due day (issue 9, missing piece 1).

tests/plans/items-2025 item 5 is owed by 区政府各委办局 (区司法局, 区数据局, 区发展改革委)
and counts 10 working days from 决策文件出台.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai

ITEMS = Path(__file__).resolve().parent / "plans" / "items-2025"

RECORDED = textwrap.dedent(
    """\
    plan: 示区府办〔2025〕3号
    entries:
      - seq: 5
        unit: 区司法局
        event: 2025-07-04   # 决策文件出台: 10 working days later is 2025-07-18
        status: 进行中
      - seq: 5
        unit: 区数据局
        event: 2025年7月14日
        status: 已完成
        completed: 2025/7/16
    """
)


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-07-20")


def recorded(tmp_path: Path, text: str = RECORDED) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def item5(data: dict[str, Any]) -> list[dict[str, Any]]:
    # dated, it is among the tasks; waiting for its event, among the undated
    return [t for t in data["tasks"] + data.get("undated", []) if t["seq"] == 5]


def test_without_a_recorded_event_the_task_waits_and_says_how_to_record_it(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = gongkai("due", "-u", "区司法局", "--data", ITEMS)
    assert result.exit_code == 0, result.stderr
    head, undated = result.stdout.split("待事件日期：自事件之日起算的任务，日期记录前无截止日期\n")
    assert "公开重大行政决策意见采纳情况" not in head
    assert "   5   公开重大行政决策意见采纳情况。" in undated
    assert (
        "第5项 待“决策文件出台”的日期，记录后按其后10个工作日计截止日："
        "gongkai progress set 5 -u 区司法局 --event 日期 -p 进展文件\n"
    ) in undated
    data = json.loads(gongkai("due", "-u", "区司法局", "-f", "json", "--data", ITEMS).stdout)
    [task] = item5(data)
    assert (task["due"], task["status"], task["event"]) == (
        None,
        "undated",
        {"name": "决策文件出台", "on": None},
    )


def test_set_event_records_the_day_and_says_when_it_is_due(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", "5", "-u", "区司法局", "--event", "2025年7月4日", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"added: task 5, 区司法局: not_started; 决策文件出台 2025-07-04, due 2025-07-18 ({path})\n"
    )
    assert path.read_text("utf-8").endswith(
        "# event: for a task counted from an event (决策文件出台后10个工作日), the day it happened.\n"
        "# occurrence: for a recurring task (每季度), which occurrence, by its day.\n"
        "plan: 示区府办〔2025〕3号\n"
        "entries:\n  - seq: 5\n    unit: 区司法局\n    event: 2025-07-04\n    status: not_started\n"
    )
    result = gongkai("progress", "set", "--create", "5", "-u", "区司法局", "--on", "2025-07-17", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"updated: task 5, 区司法局: done on 2025-07-17; "
        f"决策文件出台 2025-07-04, due 2025-07-18 ({path})\n"
    )
    assert path.read_text("utf-8").endswith(
        "    event: 2025-07-04\n    status: done\n    completed: 2025-07-17\n"
    )


def test_due_gives_each_unit_its_day_from_its_own_event(gongkai: Gongkai, tmp_path: Path) -> None:
    path = recorded(tmp_path)
    days = {}
    for unit in ("区司法局", "区数据局", "区发展改革委"):
        result = gongkai("due", "-u", unit, "-f", "json", "-p", str(path), "--data", ITEMS)
        assert result.exit_code == 0, result.stderr
        [task] = item5(json.loads(result.stdout))
        days[unit] = (task["due"], task["status"], task["event"]["on"])
    assert days == {
        "区司法局": ("2025-07-18", "overdue", "2025-07-04"),
        "区数据局": ("2025-07-28", "done", "2025-07-14"),
        "区发展改革委": (None, "undated", None),  # nothing recorded: it still waits
    }
    table = gongkai("due", "-u", "区司法局", "-p", str(path), "--data", ITEMS).stdout
    assert "待“决策文件出台”的日期" not in table
    assert re.search(r"   5   公开重大行政 +负责 +2025-07-18 +进行中\n", table)


def test_a_date_window_sees_the_counted_day(gongkai: Gongkai, tmp_path: Path) -> None:
    path = recorded(tmp_path)
    result = gongkai("due", "-u", "区司法局", "--month", "2025-07", "-f", "json", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [(t["seq"], t["due"]) for t in json.loads(result.stdout)["tasks"]] == [(5, "2025-07-18")]


def test_overdue_report_show_and_ics_use_the_counted_day(gongkai: Gongkai, tmp_path: Path) -> None:
    path = recorded(tmp_path)
    gate = gongkai(
        "overdue", "-u", "区政府各委办局", "-f", "json", "-p", str(path), "--data", ITEMS
    )
    assert gate.exit_code == 1
    overdue = json.loads(gate.stdout)["overdue"]
    assert [(o["seq"], o["unit"], o["due"]) for o in overdue if o["seq"] == 5] == [
        (5, "区司法局", "2025-07-18")
    ]
    report = json.loads(gongkai("report", "-f", "json", "-p", str(path), "--data", ITEMS).stdout)
    [row] = [t for t in report["tasks"] if t["seq"] == 5]
    assert (row["due"], row["overdue_units"], row["events"]) == (
        None,  # each unit counts from its own event
        ["区司法局"],
        [
            {"unit": "区司法局", "on": "2025-07-04", "due": "2025-07-18"},
            {"unit": "区数据局", "on": "2025-07-14", "due": "2025-07-28"},
            {"unit": "区发展改革委", "on": None, "due": None},
        ],
    )
    shown = json.loads(
        gongkai("progress", "show", "-f", "json", "-p", str(path), "--data", ITEMS).stdout
    )
    assert [(e["unit"], e["due"], e["event"]) for e in shown["entries"]] == [
        ("区司法局", "2025-07-18", {"name": "决策文件出台", "on": "2025-07-04"}),
        ("区数据局", "2025-07-28", {"name": "决策文件出台", "on": "2025-07-14"}),
    ]
    table = gongkai("progress", "show", "-p", str(path), "--data", ITEMS).stdout
    assert "   5   区司法局   进行中       2025-07-18   决策文件出台 2025-07-04\n" in table
    ics = gongkai("due", "-u", "区司法局", "-f", "ics", "-p", str(path), "--data", ITEMS).stdout
    unfolded = re.sub(r"\r?\n ", "", ics)
    events = unfolded.split("BEGIN:VEVENT")[1:]
    starts = [
        (re.findall(r"DTSTART;VALUE=DATE:(\d+)", e)[0], re.findall(r"SUMMARY:(.*?)\r?\n", e)[0])
        for e in events
    ]
    assert ("20250718", "[负责] 第5项 公开重大行政决策意见采纳情况。") in starts
    without = gongkai("due", "-u", "区司法局", "-f", "ics", "--data", ITEMS).stdout
    assert "公开重大行政决策意见采纳情况" not in re.sub(r"\r?\n ", "", without)


def test_a_node_in_calendar_days_counts_calendar_days(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(ITEMS, plan)
    tasks = plan / "tasks.yaml"
    tasks.write_text(
        tasks.read_text("utf-8").replace("决策文件出台后10个工作日", "决策文件出台后15日内"),
        encoding="utf-8",
    )
    path = recorded(tmp_path)
    result = gongkai("due", "-u", "区司法局", "-f", "json", "-p", str(path), "--data", plan)
    assert result.exit_code == 0, result.stderr
    [task] = item5(json.loads(result.stdout))
    assert task["due"] == "2025-07-19"  # a Saturday: calendar days, as the node says


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - seq: 5\n    unit: 区司法局\n    event: 2025-03-01\n    status: 未开始\n",
            "5: entries.0.event: 决策文件出台 on 2025-03-01 is before the plan was issued "
            "(2025-03-10): task 5 counts from an event under this plan, on or after 2025-03-10",
        ),
        (
            "  - seq: 8\n    unit: 区司法局\n    event: 2025-04-01\n    status: 未开始\n",
            "5: entries.0.event: task 8 (印发后30日内) counts from the plan's issue date "
            "2025-03-10, not from an event",
        ),
        (
            "  - seq: 11\n    unit: 区政府办公室\n    event: 2025-04-01\n    status: 未开始\n",
            "5: entries.0.event: task 11 (每季度) does not count from an event",
        ),
        (
            "  - seq: 5\n    unit: 区司法局\n    event: 7月4日\n    status: 未开始\n",
            "5: entries.0.event: invalid date '7月4日': "
            "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
        ),
    ],
    ids=["before-issue", "issue-relative", "not-relative", "bad-date"],
)
def test_a_bad_event_in_the_file_exits_3_with_its_line(
    gongkai: Gongkai, tmp_path: Path, entry: str, message: str
) -> None:
    path = recorded(tmp_path, "plan: 示区府办〔2025〕3号\nentries:\n" + entry)
    result = gongkai("due", "-u", "区司法局", "-p", str(path), "--data", ITEMS)
    assert result.exit_code == 3
    assert result.stderr == f"Error: invalid data (1 problem):\n{path}:{message}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["5", "-u", "区司法局", "--event", "2025-03-01"],
            "--event: 决策文件出台 on 2025-03-01 is before the plan was issued (2025-03-10): "
            "task 5 counts from an event under this plan, on or after 2025-03-10",
        ),
        (
            ["5", "-u", "区司法局", "--event", "2025-07-21"],
            "--event 2025-07-21 is after today (2025-07-20): record it when it happens",
        ),
        (
            ["11", "-u", "区政府办公室", "--event", "2025-04-01"],
            "--event: task 11 (每季度) does not count from an event",
        ),
        (
            ["5", "-u", "区司法局", "--event", "上周五"],
            "invalid date '上周五' for --event: "
            "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
        ),
    ],
    ids=["before-issue", "after-today", "not-relative", "bad-date"],
)
def test_set_refuses_a_bad_event_with_exit_2(
    gongkai: Gongkai, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", *args, "-p", str(path), "--data", ITEMS)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not path.exists()


def test_the_refusals_in_chinese(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_LANG", "zh")
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", "5", "-u", "区司法局", "--event", "2025-03-01", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：--event：决策文件出台日期 2025-03-01 早于计划印发日期（2025-03-10）："
        "任务 5 自本计划下的事件起算，应在 2025-03-10 当日或之后\n",
    )
    result = gongkai("progress", "set", "--create", "11", "-u", "区政府办公室", "--occurrence", "2025-06-15", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：--occurrence：任务 11（每季度）没有在 2025-06-15 到期的一次："
        "各次为 2025-03-31, 2025-06-30, 2025-09-30, 2025-12-31\n",
    )
