"""An items plan (tests/plans/items-2025): numbered body items with inline 责任单位.

The plan is gongkai's own, in the shape of the 2025 plans. It writes no name,
page, section, assignments or deadline: the items give none, and gongkai reads
the rest from the text. Every command speaks the layout's terms (第N项, 条目,
完成时限) and none of the annex's (任务分解表, 附件第N行/页, 合并单元格).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai

ITEMS = Path(__file__).resolve().parent / "plans" / "items-2025"
SOURCE = ITEMS / "source" / "2025-shiliqu-zhengwu-gongkai-gongzuo-yaodian.txt"
ANNEX_WORDS = re.compile("任务分解表|附件|合并单元格|单元格|第\\s*\\d+\\s*页|任务名称|时间节点")


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-07-01")


def tasks_json(gongkai: Gongkai) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        gongkai("tasks", "--format", "json", "--data", ITEMS).expect()
    )
    return data


def test_validates_with_nothing_invented(gongkai: Gongkai) -> None:
    result = gongkai("validate", "--data", str(ITEMS))
    assert (result.exit_code, result.stderr) == (0, f"ok: 11 tasks and 14 units in {ITEMS}\n")
    written = (ITEMS / "tasks.yaml").read_text(encoding="utf-8")
    for field in ("page:", "name:", "name_source:", "section:", "assignments:", "deadline:"):
        assert field not in written
    source = SOURCE.read_text(encoding="utf-8")
    for task in tasks_json(gongkai)["tasks"]:
        inline = f"（责任单位：{task['responsible']}"
        if task["time_node"]:
            inline += f"，完成时限：{task['time_node']}"
        assert f"{task['seq']}. {task['content']}{inline}）" in source


def test_tasks_json_reads_each_deadline(gongkai: Gongkai) -> None:
    data = tasks_json(gongkai)
    assert data["document"]["layout"] == "items"
    by_seq = {t["seq"]: t for t in data["tasks"]}
    assert {seq: t["deadline"]["kind"] for seq, t in by_seq.items()} == {
        1: "unstated", 2: "unstated", 3: "all-year", 4: "recurring", 5: "relative",
        6: "milestones", 7: "ongoing", 8: "relative", 9: "date", 10: "date", 11: "recurring",
    }  # fmt: skip
    assert by_seq[1]["name"] == "" and by_seq[1]["page"] is None
    assert by_seq[1]["name_source"] is None and by_seq[1]["section"] == ""
    assert by_seq[4]["deadline"]["occurrences"] == [f"2025-{m:02d}-25" for m in range(1, 13)]
    assert by_seq[4]["deadline"]["due"] == "2025-12-25"
    assert by_seq[6]["deadline"]["milestones"] == [
        {"text": "9月底前启动", "due": "2025-09-30"},
        {"text": "12月底前完成", "due": "2025-12-31"},
    ]
    assert by_seq[7]["deadline"]["due"] is None
    assert (by_seq[8]["deadline"]["due"], by_seq[8]["deadline"]["event"]) == ("2025-04-09", "印发")
    assert by_seq[5]["deadline"] == {
        "kind": "relative", "due": None, "window_start": None, "occurrences": [],
        "milestones": [], "event": "决策文件出台", "offset": 10, "working_days": True,
        "text": "决策文件出台后10个工作日",
    }  # fmt: skip
    assert by_seq[9]["deadline"]["due"] == "2026-03-31"  # 下一年第一季度
    assert by_seq[10]["deadline"]["text"] == "尽快"  # verbatim; read by its decision
    assert by_seq[10]["deadline"]["due"] == "2025-12-31"


def test_roles_and_open_lists_read_from_the_inline_cells(gongkai: Gongkai) -> None:
    by_seq = {t["seq"]: t["assignments"] for t in tasks_json(gongkai)["tasks"]}
    assert by_seq[2] == [
        {"unit": "区司法局", "role": "responsible"},
        {"unit": "区政府办公室", "role": "lead"},
    ]
    assert by_seq[3] == [
        {"unit": "区数据局", "role": "responsible"},
        {"unit": "相关部门", "role": "responsible"},
    ]
    assert by_seq[7] == [
        {"unit": "各街道镇", "role": "responsible"},
        {"unit": "区政府各委办局", "role": "responsible"},
    ]


def test_show_speaks_item_terms(gongkai: Gongkai) -> None:
    assert gongkai("show", "6", "--data", ITEMS).expect() == (
        "第6项：建设园区政务公开专区，6月30日前完成选址。\n"
        "序号       第6项\n"
        "条目内容   建设园区政务公开专区，6月30日前完成选址。\n"
        "责任单位   示例园区管委会（牵头）、示例镇人民政府，东湖街道办事处配合\n"
        "分工       示例园区管委会 牵头\n"
        "           示例镇人民政府 负责\n"
        "           东湖街道办事处 配合\n"
        "完成时限   9月底前启动,12月底前完成\n"
        "截止日期   9月底前启动：2025-09-30\n"
        "           12月底前完成：2025-12-31\n"
        "           （最后一个阶段为截止日期 2025-12-31）\n"
    )


def test_show_reports_a_node_read_by_its_decision(gongkai: Gongkai) -> None:
    out = gongkai("show", "10", "--data", ITEMS).expect()
    assert (
        "完成时限            尽快\n                    （不是可读的时间写法，按决定取 年底前）\n"
        in out
    )
    assert "截止日期            2025-12-31\n" in out


def test_show_each_kind(gongkai: Gongkai) -> None:
    assert "截止日期   未写时限（不计逾期）\n" in gongkai("show", "1", "--data", ITEMS).expect()
    assert (
        "截止日期   无截止日期（持续性任务，不计逾期）\n"
        in gongkai("show", "7", "--data", ITEMS).expect()
    )
    assert "2025-04-09（印发后30日）" in gongkai("show", "8", "--data", ITEMS).expect()
    assert (
        "决策文件出台后10个工作日，决策文件出台日期未记录，暂无截止日期"
        in gongkai("show", "5", "--data", ITEMS).expect()
    )
    assert (
        "每次：2025-03-31、2025-06-30、2025-09-30、2025-12-31（共 4 次）"
        in gongkai("show", "11", "--data", ITEMS).expect()
    )


def test_lint_has_no_cell_or_page_findings(gongkai: Gongkai) -> None:
    assert gongkai("lint", "--data", ITEMS).expect() == (
        "2025年示例区政务公开工作要点（示区府办〔2025〕3号） 审读发现\n"
        "序号   类别         说明\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "   6   期限不一     条目内容作「6月30日前完成选址」，“6月30日前”即2025-06-30，而\n"
        "                    完成时限「9月底前启动,12月底前完成」为2025-12-31\n"
        "  10   按决定读取   完成时限「尽快」不是可读的时间写法，按记录的决定取「年底\n"
        "                    前」，截止日期为2025-12-31\n"
        "2 条：期限不一 1、按决定读取 1\n"
    )
    findings = json.loads(gongkai("lint", "--format", "json", "--data", ITEMS).expect())
    quotes = [q["where"] for f in findings["findings"] for q in f["evidence"]]
    assert quotes == ["第6项 条目内容", "第6项 完成时限", "第10项 完成时限", "决定（time_node）"]


def test_due_groups_tasks_with_no_due_day(gongkai: Gongkai) -> None:
    out = gongkai("due", "--unit", "区政府办公室", "--data", ITEMS).expect()
    head, undated = out.split("无明确时限（持续性任务）\n")
    assert "   9   开展年度政务公开考核评估。     负责   2026-03-31       还有 273 天" in head
    assert head.count("每季度发布政务公开工作动态。") == 4  # one line per occurrence
    assert "共 5 项：牵头 0，负责 5，配合 0 · 逾期 2 · 可能适用 0 · 无明确时限 2（另列）" in head
    assert "未写时限，不计逾期" in undated and "深化政策文件解读" in undated
    data = json.loads(
        gongkai("due", "--unit", "东湖街道办事处", "--format", "json", "--data", ITEMS).expect()
    )
    four = [t for t in data["tasks"] if t["seq"] == 4]
    # 每月25日: January's and February's occurrences fall before the plan's issue date
    # (2025-03-10), so they are 印发前已到期 and due on it (the plan records no grace).
    assert [t["due"] for t in four] == ["2025-03-10"] * 2 + [
        f"2025-{m:02d}-25" for m in range(3, 13)
    ]
    assert [t["pre_issue"]["due_as_written"] for t in four[:2]] == ["2025-01-25", "2025-02-25"]
    assert [t["pre_issue"] for t in four[2:]] == [None] * 10
    assert [t["status"] for t in four].count("overdue") == 6
    assert [t for t in data["tasks"] if t["due"] is None] == []
    statuses = {t["seq"]: (t["status"], t["days_left"]) for t in data["undated"]}
    assert statuses == {1: ("undated", None), 7: ("ongoing", None)}
    assert [(t["seq"], t["via"]) for t in data["may_apply"]] == [(10, "各试点单位")]


def test_a_date_bound_keeps_tasks_with_no_due_day_in_view(gongkai: Gongkai) -> None:
    data = json.loads(
        gongkai(
            "due",
            "--unit",
            "区政府办公室",
            "--before",
            "2025-06-30",
            "--format",
            "json",
            "--data",
            ITEMS,
        ).expect()
    )
    assert [(t["seq"], t["due"]) for t in data["tasks"]] == [
        (11, "2025-03-31"),
        (11, "2025-06-30"),
    ]
    assert [(t["seq"], t["due"], t["status"]) for t in data["undated"]] == [
        (1, None, "undated"),
        (2, None, "undated"),
    ]


def test_overdue_names_each_item_by_its_content(gongkai: Gongkai) -> None:
    # An item has no 任务名称：the gate shows its 条目内容, as due and report do.
    result = gongkai("overdue", "--unit", "区司法局", "--data", str(ITEMS))
    assert result.exit_code == 1
    assert result.stdout == (
        "逾期与指标检查（截至 2025-07-01）\n"
        "类别         序号   单位       截止         条目内容 / 情况\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "逾期未完成      8   区司法局   2025-04-09   制订本单位年度政务公开工作要点并公\n"
        "                                            开。\n"
        "                                            逾期 83 天（无记录）\n"
        "逾期完成的事项只列出，不使检查失败。\n"
        # the items with no due day, owed and not done: listed apart, never failing
        "无明确时限（持续性任务）：无截止日期，不计逾期，不使检查失败\n"
        "类别       序号   单位       截止         条目内容 / 情况\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "持续推进      1   区司法局   未写时限     深化政策文件解读，年内多元化解读率不低\n"
        "                                          于60%。\n"
        "                                          无记录\n"
        "持续推进      2   区司法局   未写时限     规范依申请公开办理，按期答复率达到\n"
        "                                          100%。\n"
        "                                          无记录\n"
        "持续推进      7   区司法局   无截止日期   常态化开展政府开放活动。\n"
        "                                          无记录\n"
        "共 3 项未完成：无记录 3\n"
        "记为已完成后不再列出。\n"
    )


def test_owes_puts_a_next_year_due_day_in_its_own_year_and_counts_the_undated(
    gongkai: Gongkai,
) -> None:
    # 区政府办公室: item 11 每季度 (4 occurrences), item 9 下一年第一季度 (2026-03-31), and
    # items 1 and 2 (牵头) with no 完成时限.
    out = gongkai("owes", "--unit", "区政府办公室", "--data", ITEMS).expect()
    assert out.splitlines()[3:] == [
        "       3月      0      1      0      1          0",
        "       6月      0      1      0      1          0",
        "       9月      0      1      0      1          0",
        "      12月      0      1      0      1          0",
        " 2026年3月      0      1      0      1          0",
        "无明确时限      2      0      0      2          0",
        "共 7 项：牵头 2，负责 5，配合 0 · 无明确时限 2 · 可能适用 0",
    ]
    data = json.loads(
        gongkai("owes", "--unit", "区政府办公室", "--format", "json", "--data", ITEMS).expect()
    )
    assert [row["month"] for row in data["months"]] == [3, 6, 9, 12, "2026-03"]
    assert data["undated"] == {
        "lead": 2, "responsible": 0, "support": 0, "total": 2, "may_apply": 0
    }  # fmt: skip
    matrix = gongkai("owes", "--data", ITEMS).expect()
    [office] = [line for line in matrix.splitlines() if line.startswith("区政府办公室")]
    # the 12 months of 2025, 无明确时限, 合计
    assert [int(n) for n in office.split()[1:]] == [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 2, 7]
    assert matrix.endswith(
        "合计另含 2025年以外到期 1 项、无明确时限 18 项（“无时限”栏），不在各月之列\n"
        # the occurrences of 每月25日前 before the issue date: due on it, gongkai's choice
        "† 3月含序号 4（原定 2025-01-25、2025-02-25）：gongkai 约定，文件未规定：完成时限\n"
        "早于印发日期 2025-03-10（印发前已到期），截止日按印发日计；--no-grace 则按原定日\n"
        "期计\n"
    )


def test_open_list_gives_may_apply(gongkai: Gongkai) -> None:
    # 区数据局等相关部门: the other district departments may owe task 3
    data = json.loads(
        gongkai("due", "--unit", "区司法局", "--format", "json", "--data", ITEMS).expect()
    )
    assert [(t["seq"], t["via"]) for t in data["may_apply"]] == [(3, "相关部门")]


def test_ics_one_series_per_recurring_item_and_none_without_a_day(gongkai: Gongkai) -> None:
    ics = gongkai("due", "--unit", "区政府办公室", "--format", "ics", "--data", ITEMS).expect()
    unfolded = re.sub(r"\r?\n ", "", ics)
    summaries = re.findall(r"SUMMARY:(.*?)\r?\n", unfolded)
    # 每季度: one series, and one override (its 09-30 reminder comes a day later in the
    # week than the others'); tests/test_ics_recurring.py checks series in full.
    assert summaries == ["[负责] 第11项 每季度发布政务公开工作动态。"] * 2 + [
        "[负责] 第9项 开展年度政务公开考核评估。"
    ]
    assert re.findall(r"RRULE:(.*?)\r?\n", unfolded) == [
        "FREQ=MONTHLY;UNTIL=20251231;INTERVAL=3;BYMONTHDAY=-1"
    ]
    assert re.findall(r"RECURRENCE-ID;VALUE=DATE:(.*?)\r?\n", unfolded) == ["20250930"]
    assert len(set(re.findall(r"UID:(.*?)\r?\n", unfolded))) == 2
    assert "来源：示区府办〔2025〕3号《2025年示例区政务公开工作要点》第9项" in unfolded
    assert "完成时限：下一年第一季度" in unfolded


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_speaks_item_terms(gongkai: Gongkai, fmt: str) -> None:
    out = gongkai("report", "--format", fmt, "--data", ITEMS).expect()
    assert "条目内容" in out and "各条目" in out
    assert "| 7 | 常态化开展政府开放活动。 | 无截止日期 | — | 0/6 | 0 |" in out or fmt == "html"


def test_the_report_timeline_puts_each_occurrence_in_its_own_month(gongkai: Gongkai) -> None:
    # 区政府办公室 owes item 11 (每季度) four times, due 03-31, 06-30, 09-30 and 12-31, and
    # item 9 (下一年第一季度) on 2026-03-31: outside the plan's year, so in no month of it.
    data = json.loads(
        gongkai("report", "-u", "区政府办公室", "--format", "json", "--data", ITEMS).expect()
    )
    months = {m["month"]: (m["tasks"], m["owed"], m["overdue"]) for m in data["months"]}
    assert months == {
        1: ([], 0, 0), 2: ([], 0, 0), 3: ([11], 1, 1), 4: ([], 0, 0), 5: ([], 0, 0),
        6: ([11], 1, 1), 7: ([], 0, 0), 8: ([], 0, 0), 9: ([11], 1, 0), 10: ([], 0, 0),
        11: ([], 0, 0), 12: ([11], 1, 0),
    }  # fmt: skip


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_entries_and_targets_speak_item_terms_and_name_the_occurrence(
    gongkai: Gongkai, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "plan: 示区府办〔2025〕3号\nentries:\n"
        "  - {seq: 11, unit: 区政府办公室, occurrence: 2025-03-31, status: 进行中, note: 一季度在办}\n"
        "  - {seq: 1, unit: 区政府办公室, status: 已完成, completed: 2025-06-20,"
        " values: {rate: 65}}\n",
        encoding="utf-8",
    )
    out = gongkai(
        "report", "-u", "区政府办公室", "-p", str(path), "--format", fmt, "--data", ITEMS
    ).expect()
    assert ANNEX_WORDS.findall(out) == []
    if fmt == "md":
        assert (
            "| 11 | 每季度发布政务公开工作动态。 | 区政府办公室 | 逾期未完成（本次 2025-03-31） | — | — | 一季度在办 |"
        ) in out
        assert "| 序号 | 条目内容 | 单位 | 指标 | 要求 | 填报值 | 结论 |" in out
    else:
        assert '<td data-label="情况">逾期未完成（本次 2025-03-31）</td>' in out
        assert "<th>条目内容</th><th>单位</th><th>指标</th>" in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_names_a_unit_once_with_its_count_of_occurrences(gongkai: Gongkai, fmt: str) -> None:
    # 每月25日前: six occurrences are overdue for each of 各街道镇's three members.
    out = gongkai("report", "--format", fmt, "--data", ITEMS).expect()
    units = "东湖街道办事处（6次）、西湖街道办事处（6次）、示例镇人民政府（6次）"
    if fmt == "md":
        assert f"| 4 | 每月更新村（居）务公开栏。 | 2025-12-25 | — | 0/36 | 18 | {units} |" in out
    else:
        assert f'<td class="units wide" data-label="逾期单位">{units}</td>' in out


@pytest.mark.parametrize(
    "args",
    [
        ["tasks"],
        ["show", "1"],
        ["show", "6"],
        ["show", "10"],
        ["lint"],
        ["overdue"],
        ["due", "--unit", "东湖街道办事处"],
        ["due", "--unit", "东湖街道办事处", "--format", "md"],
        ["due", "--unit", "区政府办公室", "--format", "ics"],
        ["report", "--format", "md"],
        ["report", "--format", "html"],
        ["calendar", "--month", "2025-09"],
        ["calendar", "--month", "2025-09", "--unit", "东湖街道办事处"],
    ],
    ids=lambda args: " ".join(args),
)
def test_no_annex_words(gongkai: Gongkai, args: list[str]) -> None:
    result = gongkai(*args, "--data", str(ITEMS))
    assert result.exit_code in (0, 1), result.stderr
    found = ANNEX_WORDS.findall(re.sub(r"\r?\n ", "", result.stdout) + result.stderr)
    assert found == []


def test_every_deadline_field_round_trips_through_the_cache() -> None:
    from gongkai_cli.plan.load import load_plan, validate_plan

    fresh = validate_plan(ITEMS)
    load_plan(ITEMS)  # writes the cache
    cached = load_plan(ITEMS)  # reads it
    assert cached.tasks == fresh.tasks and cached.document == fresh.document
    assert cached.units == fresh.units


def test_calendar_shows_each_occurrence_in_its_month(gongkai: Gongkai) -> None:
    out = gongkai("calendar", "--month", "2025-09", "--data", ITEMS).expect()
    assert "   4   09-25 周四   每月更新村（居）务公开栏。     各街道镇\n" in out
    assert "  11   09-30 周二   每季度发布政务公开工作动态。   区政府办公室\n" in out
    assert out.endswith(
        "共 2 项\n"  # and the tasks with no due day, on no day of any month, named apart
        "无明确时限（不在日历中）：序号 1、2、5、7，共 4 项；没有截止日期，不计逾期，\n"
        "gongkai due 单独列出\n"
    )
