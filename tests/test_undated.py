"""Undated tasks stay in view (issue 18 item 9).

A task with no due day (持续推进, 长期, 常态化, an item with no 完成时限, a node
counted from an event not yet recorded) is owed but never overdue. No date window
can hold it, and none may drop it: `due` lists it in a group of its own,
无明确时限（持续性任务）, in every format, whatever the dates asked for.

tests/plans/fengxian-2025 is the opening of the real 2025 奉贤区 plan: four items,
none with a 完成时限. Before this, `due --before` printed "共 0 项" for it.
tests/plans/items-2025 adds 持续推进 (item 7) and a node counted from an event (item 5).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai

PLANS = Path(__file__).resolve().parent / "plans"
FENGXIAN = PLANS / "fengxian-2025"
ITEMS = PLANS / "items-2025"


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-06-01")


def test_due_before_a_date_lists_the_undated_items_apart(gongkai: Gongkai) -> None:
    result = gongkai(
        "due", "-u", "区政府办", "--before", "2025-06-30", "--data", FENGXIAN
    ).checked()
    assert result.stdout == (
        "区政府办 应办任务（截止日期 2025-06-30 前；状态截至 2025-06-01）\n"
        "序号   条目内容   角色   截止   状态\n"
        "────────────────────────────────────\n"
        "共 0 项：牵头 0，负责 0，配合 0 · 逾期 0 · 可能适用 2 · 无明确时限 2（另列）\n"
        "无明确时限（持续性任务）\n"
        "序号   条目内容                             角色   截止       状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "   2   启动法定主动公开事项目录编制工作,    负责   未写时限   未写时限，不计逾期\n"
        "       针对经济建设、民生保障、城市管理等\n"
        "       领域由试点单位组织开展目录编制工\n"
        "       作。\n"
        "   3   加强政府信息公开制度协同,开展政府    负责   未写时限   未写时限，不计逾期\n"
        "       信息公开规定的协调性审核。\n"
        "共 2 项：未写时限 2\n"
        "无截止日期，不计逾期，不论日期范围均列出；进展用 gongkai progress set 记录\n"
        "可能适用：责任单位是未列明成员的集合，是否适用请自行确认\n"
        "序号   条目内容                                            集合         截止\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "   1   围绕本区经济社会发展主要任务深化信息公开,聚焦“五    各有关单位   未写时限\n"
        "       个中心”建设、提振消费、长三角一体化、发展新质生产\n"
        "       力、提升城市发展能级、打造宜居宜业和美乡村、激发\n"
        "       文化创新创造活力、建设美丽奉贤生态名片、织密城市\n"
        "       运行安全网络、推进民生福祉等经济社会发展主要任务,\n"
        "       依法、规范、及时发布信息并做好解读。\n"
        "   4   严格执行公文公开属性审查和发布审查程序。            各有关单位   未写时限\n"
    )
    assert result.stderr == ""


@pytest.mark.parametrize(
    "window",
    [
        ["--before", "2025-06-30"],
        ["--after", "2025-07-01"],
        ["--month", "2025-09"],
        ["--within", "30d"],
        [],
    ],
)
def test_every_window_keeps_them_in_json(gongkai: Gongkai, window: list[str]) -> None:
    data = json.loads(
        gongkai("due", "-u", "区政府办", *window, "-f", "json", "--data", FENGXIAN).checked().stdout
    )
    assert data["tasks"] == []
    assert [(t["seq"], t["due"], t["status"], t["days_left"]) for t in data["undated"]] == [
        (2, None, "undated", None),
        (3, None, "undated", None),
    ]
    assert [(t["seq"], t["via"]) for t in data["may_apply"]] == [
        (1, "各有关单位"),
        (4, "各有关单位"),
    ]


def test_csv_marks_them_undated(gongkai: Gongkai) -> None:
    out = (
        gongkai("due", "-u", "区政府办", "--before", "2025-06-30", "-f", "csv", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["seq"], r["due"], r["status"], r["applies"]) for r in rows] == [
        ("2", "", "undated", "undated"),
        ("3", "", "undated", "undated"),
        ("1", "", "undated", "may_apply"),
        ("4", "", "undated", "may_apply"),
    ]


def test_markdown_and_xlsx_have_the_group(gongkai: Gongkai, tmp_path: Path) -> None:
    md = (
        gongkai("due", "-u", "区政府办", "--before", "2025-06-30", "-f", "md", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert (
        "### 无明确时限（持续性任务）\n\n"
        "| 序号 | 条目内容 | 角色 | 完成时限 | 截止 | 状态 |\n"
        "|---:|---|---|---|---|---|\n"
        "| 2 | 启动法定主动公开事项目录编制工作,针对经济建设、民生保障、城市管理等领域由试点"
        "单位组织开展目录编制工作。 | 负责 |  | — | 未写时限，不计逾期 |\n"
        "| 3 | 加强政府信息公开制度协同,开展政府信息公开规定的协调性审核。 | 负责 |  | — "
        "| 未写时限，不计逾期 |\n\n"
        "共 2 项：未写时限 2  \n"
        "无截止日期，不计逾期，不论日期范围均列出；进展用 gongkai progress set 记录\n"
    ) in md
    from openpyxl import load_workbook

    path = tmp_path / "due.xlsx"
    gongkai(
        "due",
        "-u",
        "区政府办",
        "--before",
        "2025-06-30",
        "-f",
        "xlsx",
        "-o",
        str(path),
        "--data",
        FENGXIAN,
    ).checked()
    book = load_workbook(BytesIO(path.read_bytes()))
    assert book.sheetnames[1] == "无明确时限（持续性任务）"
    sheet = book.worksheets[1]
    assert [row[0] for row in sheet.iter_rows(min_row=2, max_row=3, values_only=True)] == [2, 3]


def test_ics_leaves_them_out_and_says_so(gongkai: Gongkai) -> None:
    result = gongkai(
        "due", "-u", "区政府办", "--before", "2025-06-30", "-f", "ics", "--data", FENGXIAN
    ).checked()
    assert "BEGIN:VEVENT" not in result.stdout
    assert result.stderr == (
        "note: 2 tasks have no due day (ongoing, no time node, or waiting for an event) "
        "and are not in the calendar; gongkai due lists them\n"
    )


def test_ics_says_it_in_chinese_by_default(gongkai: Gongkai, chinese: None) -> None:
    result = gongkai("due", "-u", "区政府办", "-f", "ics", "--data", FENGXIAN).checked()
    assert result.stderr == (
        "提示：2 项任务没有截止日期（持续推进、未写完成时限或待事件日期），不在日历中；"
        "gongkai due 列出了它们\n"
    )


def test_ongoing_and_event_tasks_are_two_groups(gongkai: Gongkai, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "130")
    out = (
        gongkai("due", "-u", "区司法局", "--before", "2025-03-31", "--data", ITEMS).checked().stdout
    )
    head, rest = out.split("无明确时限（持续性任务）\n")
    ongoing, waiting = rest.split("待事件日期：自事件之日起算的任务，日期记录前无截止日期\n")
    assert "共 0 项：牵头 0，负责 0，配合 0 · 逾期 0 · 可能适用 0 · 无明确时限 4（另列）" in head
    seqs = [line[:6].strip() for line in ongoing.splitlines()[2:-2]]
    assert [seq for seq in seqs if seq] == ["1", "2", "7"]
    assert "共 3 项：持续推进 1 · 未写时限 2\n" in ongoing
    assert "   5   公开重大行政决策意见采纳情况。" in waiting
    assert "gongkai progress set 5 -u 区司法局 --event 日期 -p 进展文件" in waiting


def test_open_hides_a_done_undated_task(gongkai: Gongkai, tmp_path: Path) -> None:
    progress = tmp_path / "p.yaml"
    progress.write_text(
        "plan: ''\nentries:\n  - {seq: 2, unit: 区政府办, status: done, completed: 2025-05-20}\n",
        encoding="utf-8",
    )
    args = ["due", "-u", "区政府办", "--before", "2025-06-30", "-p", str(progress)]
    data = json.loads(gongkai(*args, "-f", "json", "--data", FENGXIAN).checked().stdout)
    assert [(t["seq"], t["status"], t["progress"]) for t in data["undated"]] == [
        (2, "done", "done"),
        (3, "undated", None),
    ]
    data = json.loads(gongkai(*args, "--open", "-f", "json", "--data", FENGXIAN).checked().stdout)
    assert [t["seq"] for t in data["undated"]] == [3]
    out = gongkai(*args, "--data", FENGXIAN).checked().stdout
    assert "· 可能适用 2 · 无明确时限 2（另列） ·\n已完成 0\n" in out
    assert "共 2 项：未写时限 2 · 已完成 1\n" in out
    assert "   2   启动法定主动公开事项目录编制工作,    负责   未写时限   已完成\n" in out
    out = gongkai(*args, "--open", "--data", FENGXIAN).checked().stdout
    assert "· 无明确时限 1（另列） ·\n已完成 0（已隐藏）\n" in out
    assert "共 1 项：未写时限 1 · 已完成 1（已隐藏）\n" in out


def test_a_plan_where_every_task_has_a_day_has_no_undated_key(gongkai: Gongkai) -> None:
    data = json.loads(gongkai("due", "-u", "市教委", "--before", "2021-06-30", "-f", "json").stdout)
    assert "undated" not in data


def test_plan_all_lists_each_plans_undated_tasks(gongkai: Gongkai, monkeypatch: Any) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    for plan in ("fengxian-2025", "items-2025"):
        added = gongkai("plans", "add", str(PLANS / plan), "--id", plan)
        assert added.exit_code == 0, added.output
    args = ["due", "--plan", "all", "-u", "区司法局", "--before", "2025-03-31"]
    out = gongkai(*args).stdout
    head, rest = out.split("无明确时限（持续性任务）\n")
    ongoing, waiting = rest.split("待事件日期：自事件之日起算的任务，日期记录前无截止日期\n")
    assert "共 0 项 · 逾期 0 · 可能适用 0 · 无明确时限 4（另列）\n" in head
    assert "items-2025 示区府办〔2025〕3号 0 项（另 无明确时限 4 项）\n" in head
    assert "共 3 项\n无截止日期，不计逾期，不论日期范围均列出\n" in ongoing
    assert "items-2025      5   公开重大行政决策意" in waiting
    data = json.loads(gongkai(*args, "-f", "json").stdout)
    assert [(p["plan"], p["tasks"], p["undated"]) for p in data["plans"]] == [("items-2025", 0, 4)]
    assert [(t["plan"], t["seq"], t["status"]) for t in data["undated"]] == [
        ("items-2025", 1, "undated"),
        ("items-2025", 2, "undated"),
        ("items-2025", 5, "undated"),
        ("items-2025", 7, "ongoing"),
    ]
    rows = list(csv.DictReader(io.StringIO(gongkai(*args, "-f", "csv").stdout)))
    assert [(r["plan"], r["seq"], r["applies"]) for r in rows] == [
        ("items-2025", "1", "undated"),
        ("items-2025", "2", "undated"),
        ("items-2025", "5", "undated"),
        ("items-2025", "7", "undated"),
    ]


PROGRESS = (
    "plan: ''\nentries:\n  - {seq: 2, unit: 区政府办, status: in_progress, note: 已启动目录编制}\n"
)


def progress_file(tmp_path: Path, text: str = PROGRESS) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_overdue_counts_them_apart_and_passes(gongkai: Gongkai, tmp_path: Path) -> None:
    path = str(progress_file(tmp_path))
    result = gongkai(
        "overdue", "-u", "区政府办", "-p", path, "--as-of", "2025-12-31", "--data", FENGXIAN
    ).checked()
    assert result.stdout == (
        "逾期与指标检查（截至 2025-12-31）\n"
        "无逾期、未达标或逾期完成的事项。\n"
        "无明确时限（持续性任务）：无截止日期，不计逾期，不使检查失败\n"
        "类别       序号   单位       截止       条目内容 / 情况\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "持续推进      2   区政府办   未写时限   启动法定主动公开事项目录编制工作,针对经\n"
        "                                        济建设、民生保障、城市管理等领域由试点单\n"
        "                                        位组织开展目录编制工作。\n"
        "                                        进行中\n"
        "持续推进      3   区政府办   未写时限   加强政府信息公开制度协同,开展政府信息公\n"
        "                                        开规定的协调性审核。\n"
        "                                        无记录\n"
        "共 2 项未完成：进行中 1 · 无记录 1\n"
        "记为已完成后不再列出。\n"
    )
    assert result.stderr == (
        "gongkai overdue: 0 overdue, 0 below target, 0 target unrecorded, 0 done late, "
        "2 ongoing (no due day: never overdue)\n"
    )
    data = json.loads(
        gongkai("overdue", "-u", "区政府办", "-p", path, "-f", "json", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert data["failed"] is False
    assert [(o["seq"], o["standing"], o["progress"]) for o in data["ongoing"]] == [
        (2, "ongoing", "in_progress"),
        (3, "ongoing", None),
    ]
    out = (
        gongkai("overdue", "-u", "区政府办", "-p", path, "-f", "csv", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["kind"], r["seq"], r["progress"], r["note"]) for r in rows] == [
        ("ongoing", "2", "in_progress", "已启动目录编制"),
        ("ongoing", "3", "", ""),
    ]


def test_overdue_says_it_in_chinese(gongkai: Gongkai, tmp_path: Path, chinese: None) -> None:
    path = str(progress_file(tmp_path))
    result = gongkai("overdue", "-u", "区政府办", "-p", path, "--data", FENGXIAN).checked()
    assert result.stderr == (
        "gongkai overdue：逾期未完成 0，未达标 0，指标未填报 0，逾期完成 0，"
        "持续推进 2（无截止日期，不计逾期）\n"
    )


def test_a_done_ongoing_task_leaves_the_gate_and_counts_done(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = progress_file(
        tmp_path,
        "plan: ''\nentries:\n  - {seq: 2, unit: 区政府办, status: done, completed: 2025-05-20}\n",
    )
    data = json.loads(
        gongkai("overdue", "-p", str(path), "-f", "json", "--data", FENGXIAN).checked().stdout
    )
    assert [o["seq"] for o in data["ongoing"]] == [3]
    report = json.loads(
        gongkai("report", "-p", str(path), "-f", "json", "--data", FENGXIAN).checked().stdout
    )
    totals = report["totals"]
    assert {k: totals[k] for k in ("owed", "done_on_time", "open", "ongoing", "overdue")} == {
        "owed": 2,
        "done_on_time": 1,
        "open": 0,
        "ongoing": 1,
        "overdue": 0,
    }
    # done, over the year; nothing is due so far
    assert (totals["completion_rate"], totals["completion_rate_due"]) == (0.5, 1.0)


def test_report_lists_them_with_each_units_progress(gongkai: Gongkai, tmp_path: Path) -> None:
    path = str(progress_file(tmp_path))
    md = gongkai("report", "-u", "区政府办", "-p", path, "--data", FENGXIAN).checked().stdout
    assert (
        "| 应办 | 按时完成 | 逾期完成 | 逾期未完成 | 未到期 | 持续推进 | 未达标 | 指标未填报 "
        "| 到期完成率 | 全年完成率 |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        "| 2 | 0 | 0 | 0 | 0 | 2 | 0 | 0 | — | 0.0% |\n"
    ) in md
    assert (
        "## 无明确时限（持续性任务）\n\n"
        "无截止日期的任务（持续推进、未写完成时限）不计逾期，也不计入到期完成率；"
        "记为已完成前按“持续推进”计，计入全年应办。\n\n"
        "| 序号 | 条目内容 | 完成时限 | 已完成 | 已完成单位 | 进行中 | 未开始或无记录 |\n"
        "|---|---|---|---:|---|---|---|\n"
        "| 2 | 启动法定主动公开事项目录编制工作,针对经济建设、… | 未写 | 0/1 | — | 区政府办 | — |\n"
        "| 3 | 加强政府信息公开制度协同,开展政府信息公开规定的… | 未写 | 0/1 | — | — | 区政府办 |\n"
    ) in md
    data = json.loads(
        gongkai("report", "-u", "区政府办", "-p", path, "-f", "json", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert [(t["seq"], t["kind"], t["ongoing"], t["units"]) for t in data["undated"]] == [
        (2, "unstated", 1, {"done": [], "in_progress": ["区政府办"], "not_started": [], "no_record": []}),
        (3, "unstated", 1, {"done": [], "in_progress": [], "not_started": [], "no_record": ["区政府办"]}),
    ]  # fmt: skip
    assert [(t["seq"], t["open_units"], t["ongoing_units"]) for t in data["tasks"]] == [
        (2, [], ["区政府办"]),
        (3, [], ["区政府办"]),
    ]
    html = (
        gongkai("report", "-u", "区政府办", "-p", path, "-f", "html", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert '<table id="undated">' in html and 'data-ongoing="2"' in html
    assert '<i style="background:#6c8ebf"></i>持续推进' in html


def test_report_of_a_plan_with_every_task_dated_has_no_ongoing(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    data = json.loads(gongkai("report", "-u", "市教委", "-f", "json").stdout)
    assert "undated" not in data and "ongoing" not in data["totals"]
    html = gongkai("report", "-u", "市教委", "-f", "html").stdout
    assert "持续推进" not in html


def test_an_ongoing_task_is_ongoing_in_report_and_waiting_for_an_event_is_open(
    gongkai: Gongkai,
) -> None:
    data = json.loads(
        gongkai("report", "-u", "区司法局", "-f", "json", "--data", ITEMS).checked().stdout
    )
    standing = {t["seq"]: (t["open_units"], t["ongoing_units"]) for t in data["tasks"]}
    assert standing[7] == ([], ["区司法局"])  # 持续推进
    assert standing[1] == ([], ["区司法局"])  # no 完成时限
    assert standing[5] == (["区司法局"], [])  # 决策文件出台后10个工作日: its day is not known yet
    assert [t["seq"] for t in data["undated"]] == [1, 2, 7]


# ---- import --default-time-node -----------------------------------------------------

ITEMS_SOURCE = ITEMS / "source" / "2025-shiliqu-zhengwu-gongkai-gongzuo-yaodian.txt"
DEFAULT_REASON = (
    "原文本项未写完成时限；导入时以 --default-time-node 全年 为未写完成时限各项的完成时限。"
)


def test_default_time_node_dates_the_items_that_write_none(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    import yaml

    out = tmp_path / "plan"
    args = ["import", str(ITEMS_SOURCE), "--out", str(out), "--default-time-node", "全年"]
    result = gongkai(*args)
    assert result.exit_code == 3, result.output  # the draft's new units need decisions
    assert (
        "--default-time-node 全年: 2 items write no 完成时限 and take it, each recorded as a "
        "decision (gongkai show SEQ says why)\n"
    ) in result.stderr
    tasks = {t["seq"]: t for t in yaml.safe_load((out / "tasks.yaml").read_text())["tasks"]}
    for seq in (1, 2):  # no 完成时限：the default, recorded on each
        assert "time_node" not in tasks[seq]  # the source writes none: nothing invented
        assert tasks[seq]["decisions"] == [
            {"field": "time_node", "value": "全年", "reason": DEFAULT_REASON}
        ]
        assert tasks[seq]["deadline"] == {"due": dt.date(2025, 12, 31), "all_year": True}
    # a node the item writes is the source's, 持续推进 included
    assert tasks[7]["time_node"] == "持续推进" and "decisions" not in tasks[7]
    assert tasks[4]["time_node"] == "每月25日前" and "decisions" not in tasks[4]

    # Settled as a person would (the units, and item 10's 尽快), the plan answers with them.
    text = (out / "tasks.yaml").read_text(encoding="utf-8")
    text = text.replace(
        'value: ""\n        reason: "待填写"', 'value: "年底前"\n        reason: "尽快"'
    )
    (out / "tasks.yaml").write_text(text, encoding="utf-8")
    (out / "units.yaml").write_bytes((ITEMS / "units.yaml").read_bytes())
    assert gongkai("validate", "--data", str(out)).exit_code == 0
    shown = gongkai("show", "1", "--data", str(out)).stdout
    assert (
        "完成时限            （未写，按决定取 全年）\n"
        "截止日期            2025-12-31（全年任务，年底为限）\n"
        "决定（time_node）   全年\n"
        "                    理由：原文本项未写完成时限；导入时以 --default-time-node 全\n"
        "                    年 为未写完成时限各项的完成时限。\n"
    ) in shown
    due = ["due", "-u", "区政府办公室", "--before", "2025-12-31", "-f", "json", "--data", str(out)]
    data = json.loads(gongkai(*due).stdout)
    assert [(t["seq"], t["due"], t["all_year"]) for t in data["tasks"] if t["seq"] < 3] == [
        (1, "2025-12-31", True),
        (2, "2025-12-31", True),
    ]
    assert "undated" not in data
    gate = ["overdue", "-u", "区政府办公室", "--as-of", "2026-01-05", "--data", str(out)]
    found = gongkai(*gate, "-f", "json")
    assert found.exit_code == 1  # dated now, so they can be late
    assert {o["seq"] for o in json.loads(found.stdout)["overdue"]} >= {1, 2}


def test_default_time_node_in_json_lists_the_items(gongkai: Gongkai, tmp_path: Path) -> None:
    args = ["import", str(ITEMS_SOURCE), "--out", str(tmp_path / "p"), "-f", "json"]
    data = json.loads(gongkai(*args, "--default-time-node", "12月底前").stdout)
    assert data["default_time_node"] == {"node": "12月底前", "tasks": [1, 2]}
    data = json.loads(gongkai(*args, "--force").stdout)
    assert "default_time_node" not in data


@pytest.mark.parametrize(
    ("source", "node", "message"),
    [
        (
            ITEMS_SOURCE,
            "尽快",
            "Error: --default-time-node 尽快 is not a time node gongkai can read "
            "(e.g. 全年, 12月底前)\n",
        ),
        (
            Path(__file__).resolve().parent.parent / "examples" / "annex.csv",
            "全年",
            "Error: --default-time-node is for an items plan whose items write no 完成时限; "
            "this file is a table (for a table with no time column, use --time-node)\n",
        ),
    ],
)
def test_default_time_node_refused_where_it_would_do_nothing(
    gongkai: Gongkai, tmp_path: Path, source: Path, node: str, message: str
) -> None:
    out = tmp_path / "plan"
    args = ["import", str(source), "--out", str(out), "--default-time-node", node]
    result = gongkai(*args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert not out.exists()


def test_default_time_node_says_it_in_chinese(
    gongkai: Gongkai, tmp_path: Path, chinese: None
) -> None:
    args = ["import", str(ITEMS_SOURCE), "--out", str(tmp_path / "p")]
    result = gongkai(*args, "--default-time-node", "全年")
    assert (
        "--default-time-node 全年：2 项条目未写完成时限，按此取值，各记为一项决定"
        "（gongkai show 序号 查看理由）\n"
    ) in result.stderr


# ---- owes, calendar, progress show: named, never silently nothing --------------------


def test_owes_gives_them_a_row_of_their_own(gongkai: Gongkai) -> None:
    out = gongkai("owes", "-u", "区政府办", "--data", FENGXIAN).checked().stdout
    assert out == (
        "区政府办 各月到期任务数（按截止日期所在月份）\n"
        "      月份   牵头   负责   配合   合计   可能适用\n"
        "─────────────────────────────────────────────────\n"
        "无明确时限      0      2      0      2          2\n"
        "共 2 项：牵头 0，负责 2，配合 0 · 无明确时限 2 · 可能适用 2\n"
    )
    data = json.loads(
        gongkai("owes", "-u", "区政府办", "-f", "json", "--data", FENGXIAN).checked().stdout
    )
    assert (data["months"], data["undated"]) == (
        [],
        {"lead": 0, "responsible": 2, "support": 0, "total": 2, "may_apply": 2},
    )
    assert gongkai(
        "owes", "-u", "区政府办", "-f", "csv", "--data", FENGXIAN
    ).checked().stdout.splitlines() == [
        "month,lead,responsible,support,total,may_apply",
        "undated,0,2,0,2,2",
    ]


def test_the_owes_matrix_has_a_column_for_them(gongkai: Gongkai) -> None:
    out = gongkai("owes", "--data", FENGXIAN).checked().stdout
    assert "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月 无时限 合计\n" in out
    assert out.endswith(
        "区政府办   0   0   0   0   0   0   0   0   0    0    0    0      2    2\n"
        "合计另含 无明确时限 2 项（“无时限”栏），不在各月之列\n"
    )
    data = json.loads(gongkai("owes", "-f", "json", "--data", FENGXIAN).checked().stdout)
    assert [(u["unit"], u["undated"], u["total"]) for u in data["units"]] == [("区政府办", 2, 2)]
    header = gongkai("owes", "-f", "csv", "--data", FENGXIAN).checked().stdout.splitlines()[0]
    assert header == "unit,1,2,3,4,5,6,7,8,9,10,11,12,undated,total"


def test_the_2021_owes_has_no_undated_row_or_column(gongkai: Gongkai) -> None:
    data = json.loads(gongkai("owes", "-u", "市教委", "-f", "json").stdout)
    assert "undated" not in data
    matrix = json.loads(gongkai("owes", "-f", "json").stdout)
    assert all("undated" not in row for row in matrix["units"])


def test_calendar_names_them_under_the_month(gongkai: Gongkai) -> None:
    out = (
        gongkai("calendar", "-u", "区政府办", "-m", "2025-06", "--data", FENGXIAN).checked().stdout
    )
    assert out.endswith(
        "2025年6月没有到期或在窗口期内的任务\n"
        "无明确时限（不在日历中）：序号 2、3，共 2 项；没有截止日期，不计逾期，gongkai\n"
        "due 单独列出\n"
    )
    data = json.loads(
        gongkai("calendar", "-u", "区政府办", "-m", "2025-06", "-f", "json", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert data["undated"] == [2, 3]
    whole = json.loads(
        gongkai("calendar", "-m", "2025-06", "-f", "json", "--data", ITEMS).checked().stdout
    )
    assert whole["undated"] == [1, 2, 5, 7]  # 5: counted from an event not yet recorded
    shipped = json.loads(gongkai("calendar", "-m", "2021-06", "-f", "json").stdout)
    assert "undated" not in shipped


def test_progress_show_says_why_there_is_no_due_day(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a short path: the title line does not wrap at 80 columns
    path = progress_file(
        tmp_path,
        PROGRESS + "  - {seq: 3, unit: 区政府办, status: done, completed: 2025-05-20}\n",
    )
    out = gongkai("progress", "show", "-p", path.name, "--data", FENGXIAN).checked().stdout
    assert out == (
        f"进展记录（{path.name}）\n"
        "序号   单位       状态         截止       依据 / 备注 / 指标值\n"
        "──────────────────────────────────────────────────────────────\n"
        "   2   区政府办   进行中       未写时限   已启动目录编制\n"
        "   3   区政府办   已完成       未写时限\n"
        "                  2025-05-20\n"
        "共 2 条（无明确时限 2）\n"
    )
    data = json.loads(
        gongkai("progress", "show", "-p", str(path), "-f", "json", "--data", FENGXIAN)
        .checked()
        .stdout
    )
    assert [(e["seq"], e["due"]) for e in data["entries"]] == [(2, None), (3, None)]


# ---- the real plans that print "共 0 项" with a date bound ---------------------------

RECEIVED = PLANS / "received"
CHIZHOU = PLANS / "tables" / "unknown-chizhou-xfj" / "received-tsv.txt"


def imported(gongkai: Gongkai, tmp_path: Path, source: Path, *args: str) -> Path:
    """The draft `import` makes of a real plan as received; it must load as it stands."""
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def units_of(gongkai: Gongkai, plan: Path) -> list[str]:
    data = json.loads(gongkai("units", "--data", str(plan), "-f", "json").stdout)
    return [u["name"] for u in data["units"] if u["kind"] != "collective"]


@pytest.mark.parametrize(
    ("name", "undated", "unlisted"),
    [
        ("2024-jinshan.txt", 8, ()),  # no units, no 完成时限：owed by the addressees
        ("2024-jingan.txt", 2, ()),
        # owed by 省各委办厅局 and others, which list no members: a department asks
        ("2022-jiangsu.txt", 4, ("省教育厅",)),
        ("2025-putuo.txt", 0, ()),  # every item 全年: nothing undated, no key
    ],
)
def test_a_date_bound_loses_none_of_a_real_plans_undated_items(
    gongkai: Gongkai, tmp_path: Path, name: str, undated: int, unlisted: tuple[str, ...]
) -> None:
    plan = imported(gongkai, tmp_path, RECEIVED / name)
    tasks = json.loads(gongkai("tasks", "--data", str(plan), "-f", "json").stdout)
    year = tasks["document"]["year"]
    assert sum(1 for t in tasks["tasks"] if t["due"] is None) == undated
    seen = set()
    listed = units_of(gongkai, plan)
    for unit in (*listed, *unlisted):
        base = ["due", "-u", unit, "--data", str(plan), "-f", "json"]
        everything = json.loads(gongkai(*base).stdout)
        bounded = json.loads(gongkai(*base, "--before", f"{year}-01-31").stdout)
        # Whatever the window, the undated ones are all there, and only there.
        assert bounded.get("undated") == everything.get("undated")
        assert all(t["due"] is not None for t in bounded["tasks"] + everything["tasks"])
        seen |= {t["seq"] for t in everything.get("undated", [])}
        if unit in listed:  # the gate counts them, and does not fail for them
            gate = ["overdue", "-u", unit, "--as-of", f"{year}-12-31", "--data", str(plan)]
            found = json.loads(gongkai(*gate, "-f", "json").stdout)
            assert len(found.get("ongoing", [])) == len(everything.get("undated", []))
    assert len(seen) == undated  # every undated item is owed by some unit and seen


def test_a_real_table_of_ongoing_tasks(gongkai: Gongkai, tmp_path: Path) -> None:
    # 池州市信访局's list: 年底前 (row 1) and 持续推进 (rows 2-8), 办公室 and 各科室.
    plan = imported(gongkai, tmp_path, CHIZHOU, "--year", "2024")
    args = ["--data", str(plan)]
    due = gongkai("due", "-u", "办公室", "--before", "2024-06-30", *args).stdout
    assert "共 0 项：牵头 0，负责 0，配合 0 · 逾期 0 · 可能适用 0 · 无明确时限 7（另列）\n" in due
    assert (
        "   2   【深化政策解读形式】积极做    负责        无截止日期   持续推进，不计逾期\n" in due
    )
    assert "共 7 项：持续推进 7\n" in due
    gate = gongkai("overdue", "-u", "办公室", "--as-of", "2025-01-05", *args)
    assert gate.exit_code == 1  # row 1, 年底前, is late; the seven 持续推进 are not
    assert gate.stderr.endswith(
        "gongkai overdue: 1 overdue, 0 below target, 0 target unrecorded, 0 done late, "
        "7 ongoing (no due day: never overdue)\n"
    )
    report = json.loads(gongkai("report", "--as-of", "2025-01-05", "-f", "json", *args).stdout)
    assert {k: report["totals"][k] for k in ("owed", "overdue", "open", "ongoing")} == {
        "owed": 8,
        "overdue": 1,
        "open": 0,
        "ongoing": 7,
    }
    assert [t["seq"] for t in report["undated"]] == [2, 3, 4, 5, 6, 7, 8]


def test_default_time_node_on_a_real_plan_dates_every_item(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    plan = imported(gongkai, tmp_path, RECEIVED / "2024-jinshan.txt", "--default-time-node", "全年")
    tasks = json.loads(gongkai("tasks", "--data", str(plan), "-f", "json").stdout)
    assert {t["due"] for t in tasks["tasks"]} == {"2024-12-31"}
    assert all(
        t["decisions"][-1] == {"field": "time_node", "value": "全年", "reason": DEFAULT_REASON}
        for t in tasks["tasks"]
    )
    data = json.loads(gongkai("due", "-u", "朱泾镇", "-f", "json", "--data", str(plan)).stdout)
    assert "undated" not in data and len(data["tasks"]) == 8
