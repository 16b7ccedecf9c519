"""Issue 19 item 5, first half: the issue-day grace is gongkai's convention, labelled so.

The 2021 plan was issued on 2021-03-17; its tasks 11 and 12 read 2月底前 (2021-02-28).
gongkai dates them 2021-04-16 (issue date + 印发后30日, the 30 days of task 99), a
grace neither the plan nor any rule grants. Every view that shows such a day labels it
"gongkai 约定，文件未规定" with 2021-02-28 beside it, and `--no-grace` turns the grace
off: the tasks are then due on their written day, overdue from the start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import Gongkai

PROGRESS = "entries:\n  - {seq: 12, unit: 市教委, status: done, completed: 2021-03-18}\n"


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


# --- --no-grace: due on the day as written, overdue from the start -----------------------


def test_no_grace_dates_tasks_11_and_12_as_written_in_due(gongkai: Gongkai) -> None:
    out = gongkai("due", "-u", "市政府办公厅", "--before", "2021-05-01", "--no-grace").expect()
    assert out == (
        "市政府办公厅 应办任务 (截止日期 2021-05-01 前;状态截至 2021-06-15)\n"
        "序号   任务名称 / 任务内容                       角色   截止         状态\n"
        + "─"
        * 80
        + "\n"
        "  11   【加强信息处理费收费管理】研究制定本市    负责   2021-02-28   逾期 107 天\n"
        "       收取政府信息公开信息处理费的具体措施。           2月底前\n"
        "  27   【实行重大行政决策事项目录管理】确定并    牵头   2021-03-31   逾期 76 天\n"
        "       发布本单位重大行政决策事项目录,后续根据          3月底前\n"
        "       决策事项的推进情况,以目录归集的方式对各\n"
        "       项信息进行超链接展示。\n"
        "共 2 项: 牵头 1, 负责 1, 配合 0 · 逾期 2 · 可能适用 0\n"
    )
    data = gongkai(
        "due", "-u", "市政府办公厅", "--before", "2021-05-01", "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in data["tasks"] if t["seq"] == 11)
    assert (task["due"], task["status"], task["days_left"], task["pre_issue"]) == (
        "2021-02-28",
        "overdue",
        -107,
        None,
    )


def test_no_grace_makes_them_overdue_on_the_day_of_issue(gongkai: Gongkai) -> None:
    # With the grace nothing is overdue on 2021-03-17 (test_due_loop); without it the 57
    # obligations of tasks 11 and 12 are, by 17 days, and the gate fails.
    data = gongkai("overdue", "--as-of", "2021-03-17", "--no-grace", "--format", "json").json(1)
    seqs = [o["seq"] for o in data["overdue"]]
    assert (seqs.count(11), seqs.count(12), len(seqs)) == (3, 54, 57)
    assert {(o["due"], o["days_late"], o["pre_issue"]) for o in data["overdue"]} == {
        ("2021-02-28", 17, None)
    }


def test_no_grace_in_tasks_show_calendar_and_owes(gongkai: Gongkai) -> None:
    tasks = {
        t["seq"]: t for t in gongkai("tasks", "--no-grace", "--format", "json").json()["tasks"]
    }
    assert (tasks[11]["due"], tasks[12]["due"]) == ("2021-02-28", "2021-02-28")
    assert "pre_issue" not in tasks[11]
    shown = gongkai("show", "12", "--no-grace", "--format", "json").json()
    assert (shown["due"], "pre_issue" in shown) == ("2021-02-28", False)
    february = gongkai("calendar", "--month", "2021-02", "--no-grace", "--format", "json").json()
    day = next(d for d in february["days"] if d["date"] == "2021-02-28")
    assert day["due"] == [11, 12]
    april = gongkai("calendar", "--month", "2021-04", "--no-grace", "--format", "json").json()
    assert all(d["due"] == [] for d in april["days"] if d["date"] == "2021-04-16")
    owes = gongkai("owes", "-u", "市教委", "--no-grace", "--format", "json").json()
    months = {m["month"]: m["total"] for m in owes["months"]}
    assert (months.get(2), months.get(4)) == (1, None)


def test_no_grace_in_report_and_progress_show(gongkai: Gongkai, progress: Path) -> None:
    # Done the day after issue: on time under the grace, 18 days late without it.
    granted = gongkai("report", "-u", "市教委", "-p", str(progress), "--format", "json").json()
    task = next(t for t in granted["tasks"] if t["seq"] == 12)
    assert (task["due"], task["delivered"][0]["late"]) == ("2021-04-16", False)
    strict = gongkai(
        "report", "-u", "市教委", "-p", str(progress), "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in strict["tasks"] if t["seq"] == 12)
    assert (task["due"], task["delivered"][0]["late"]) == ("2021-02-28", True)
    entries = gongkai(
        "progress", "show", "-p", str(progress), "--no-grace", "--format", "json"
    ).json()
    assert [e["due"] for e in entries["entries"]] == ["2021-02-28"]


def test_no_grace_in_ics_and_plan_all(gongkai: Gongkai) -> None:
    from icalendar import Calendar

    result = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-f", "ics", "--no-grace")
    assert result.exit_code == 0, result.stderr
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    event = events["[负责] 任务12 加强信息处理费收费管理"]
    assert event.decoded("DTSTART") == dt.date(2021, 2, 28)
    assert "印发前已到期" not in str(event["DESCRIPTION"])
    across = gongkai(
        "due", "-u", "市教委", "--plan", "all", "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in across["tasks"] if (t["plan"], t["seq"]) == ("2021", 12))
    assert (task["due"], task["pre_issue"]) == ("2021-02-28", None)
