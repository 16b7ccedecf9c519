"""条例 第四十九条: the yearly 政府信息公开工作年度报告 as dated obligations in `due`.

A department (县级以上人民政府部门) owes last year's report by 1月31日; the
government's 主管部门 (市政府办公厅, a 区政府办公室, or a 区政府 the plan lists
without its office) publishes the government's by 3月31日. For the 2021 plan the
reports on 2021 fall due on 2022-01-31 and 2022-03-31, so they show only when the
window reaches 2022; every answer about 2021 itself stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.workdays.rules import STATUTORY_RULES

ITEMS = Path(__file__).resolve().parent / "plans" / "items-2025"

DEPARTMENT = "向本级政府信息公开工作主管部门提交上一年度政府信息公开工作年度报告并向社会公布"
GOVERNMENT = "向社会公布本级政府上一年度政府信息公开工作年度报告"
DEPARTMENT_QUOTE = (
    "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门"
    "提交本行政机关上一年度政府信息公开工作年度报告并向社会公布"
)
GOVERNMENT_QUOTE = (
    "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前"
    "向社会公布本级政府上一年度政府信息公开工作年度报告"
)
# The decisions as the rules book records them, wrapped at 80 columns as shown.
DEPARTMENT_DECISION = """\
认定：第一款的“县级以上人民政府部门”是省政府部门、市政府部门和区政府部门（区为县
级）。办公厅（室）也是本级政府的工作部门，提交本机关的年度报告；它同时是本级政府
的政府信息公开工作主管部门，部门的报告向它提交，它还按第二款公布本级政府的报告。
街道办事处、镇人民政府不是县级以上人民政府的部门，其年度报告本条未定日期（见第五
十条）；园区管委会、事业单位、企业和其他机构，本条不要求它们提交
"""
GOVERNMENT_DECISION = """\
认定：第二款的义务在县级以上地方人民政府的政府信息公开工作主管部门，即本级政府的
办公厅（室）：市级为市政府办公厅，区级为区政府办公室；计划只列下级政府、不列其办
公室的（2021年计划的各区政府，省级计划的各市、县政府），记在该政府名下。镇人民政
府不是县级以上地方人民政府，不在此列
"""
NOT_COUNTED = "年度报告不记入进展文件，不计入 overdue 与 report\n"
TITLE = "法定义务：《政府信息公开条例》规定的年度事项\n"
EMPTY_TASKS = """\
序号   任务名称 / 任务内容   角色   截止   状态
───────────────────────────────────────────────
共 0 项：牵头 0，负责 0，配合 0 · 逾期 0 · 可能适用 0
"""


def due_json(gongkai: Gongkai, *args: str) -> dict[str, Any]:
    code, out, err = gongkai("due", *args, "--format", "json")
    assert (code, err) == (0, "")
    return dict(json.loads(out))


# -- the table, exactly ------------------------------------------------------------------------


def test_a_department_owes_its_report_by_january_31(gongkai: Gongkai) -> None:
    # As of 2021-06-15 (the tests' today), the month the report on 2021 is due; the tasks
    # overdue before the window stay in view, as for any lower bound.
    assert gongkai("due", "--unit", "市教委", "--month", "2022-01") == (
        0,
        "市教委 应办任务（截止日期 2022-01-01 起 2022-01-31 前；状态截至 2021-06-15）\n"
        + EMPTY_TASKS
        + "所属集合：市政府各部门\n"
        "此前到期、至今逾期未完成（截止日期在 2022-01-01 之前）\n"
        "序号   任务名称 / 任务内容          角色              截止            状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "  27   【实行重大行政决策事项目录   负责              2021-03-31      逾期 76 天\n"
        "       管理】确定并发布本单位重大   经 市政府各部门   3月底前\n"
        "       行政决策事项目录,后续根据\n"
        "       决策事项的推进情况,以目录\n"
        "       归集的方式对各项信息进行超\n"
        "       链接展示。\n"
        "  99   【制订年度政务公开工作要     负责              2021-03-31      逾期 76 天\n"
        "       点】结合实际,制订本单位年    经 市政府各部门   3月底前\n"
        "       度政务公开工作要点,并在本\n"
        "       工作要点印发后30日内在本单\n"
        "       位门户网站公开,落实情况也\n"
        "       要向社会公开。\n"
        "  12   【加强信息处理费收费管理】   负责              2021-04-16      逾期 60 天\n"
        "       在本单位政府信息公开指南中   经 市政府各部门   2月底前\n"
        "       载明收费要求和标准,加强收                      原定\n"
        "       费管理。                                       2021-02-28\n"
        "                                                      gongkai 约定†\n"
        "共 3 项逾期未完成\n"
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截\n"
        "止日按印发后30日计；--no-grace 则按原定日期计\n"
        + TITLE
        + "事项                            依据                    截止         状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "向本级政府信息公开工作主管部    条例 第四十九条第一款   2022-01-31   还有 230 天\n"
        "门提交上一年度政府信息公开工\n"
        "作年度报告并向社会公布（2021\n"
        "年度报告）\n"
        "经 市政府各部门\n" + DEPARTMENT_DECISION + NOT_COUNTED,
        "",
    )


def test_a_district_government_owes_the_governments_report_by_march_31(
    gongkai: Gongkai,
) -> None:
    args = ["due", "--unit", "长宁区政府", "--month", "2022-03", "--as-of", "2021-03-01"]
    assert gongkai(*args) == (
        0,
        "长宁区政府 应办任务（截止日期 2022-03-01 起 2022-03-31 前；状态截至 2021-03-01）\n"
        + EMPTY_TASKS
        + "所属集合：各区政府\n"
        + TITLE
        + "事项                            依据                    截止         状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "向社会公布本级政府上一年度政    条例 第四十九条第二款   2022-03-31   还有 395 天\n"
        "府信息公开工作年度报告（2021\n"
        "年度报告）\n"
        "经 各区政府\n" + GOVERNMENT_DECISION + NOT_COUNTED,
        "",
    )


def test_the_municipal_office_publishes_the_governments_report(gongkai: Gongkai) -> None:
    # 市政府办公厅 is the 主管部门 itself (no collective); its own report as a 部门 is due
    # in January, outside this window. Overdue the day after.
    args = ["due", "--unit", "市政府办公厅", "--month", "2022-03", "--as-of", "2021-03-01"]
    assert gongkai(*args) == (
        0,
        "市政府办公厅 应办任务（截止日期 2022-03-01 起 2022-03-31 前；状态截至\n"
        "2021-03-01）\n"
        + EMPTY_TASKS
        + TITLE
        + "事项                            依据                    截止         状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "向社会公布本级政府上一年度政    条例 第四十九条第二款   2022-03-31   还有 395 天\n"
        "府信息公开工作年度报告（2021\n"
        "年度报告）\n" + GOVERNMENT_DECISION + NOT_COUNTED,
        "",
    )
    answer = due_json(
        gongkai, "-u", "市政府办公厅", "--after", "2022-01-01", "--as-of", "2022-04-01"
    )
    assert [(s["id"], s["status"], s["days_left"]) for s in answer["statutory"]] == [
        ("annual-report-department", "overdue", -60),
        ("annual-report-government", "overdue", -1),
    ]


# -- json and csv --------------------------------------------------------------------------------


def test_json_has_a_statutory_key_with_the_quote_and_the_decision(gongkai: Gongkai) -> None:
    answer = due_json(
        gongkai, "--unit", "市教委", "--before", "2022-04-01", "--as-of", "2022-01-10"
    )
    (report,) = answer["statutory"]
    assert list(report) == [
        "id",
        "name",
        "report_year",
        "basis",
        "quote",
        "decision",
        "due",
        "via",
        "status",
        "days_left",
    ]
    assert report == {
        "id": "annual-report-department",
        "name": DEPARTMENT + "（2021年度报告）",
        "report_year": 2021,
        "basis": "《政府信息公开条例》第四十九条第一款",
        "quote": DEPARTMENT_QUOTE,
        "decision": report["decision"],
        "due": "2022-01-31",
        "via": "市政府各部门",
        "status": "due",
        "days_left": 21,
    }
    assert report["decision"].startswith("第一款的“县级以上人民政府部门”是省政府部门、市政府部门")
    assert list(answer)[-1] == "statutory"


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("市教委", [("annual-report-department", "2022-01-31", "市政府各部门", 21)]),
        ("长宁区政府", [("annual-report-government", "2022-03-31", "各区政府", 80)]),
        # Both (issue 19 item 4): its own report as a 部门, the government's as 主管部门.
        (
            "市政府办公厅",
            [
                ("annual-report-department", "2022-01-31", None, 21),
                ("annual-report-government", "2022-03-31", None, 80),
            ],
        ),
        ("市税务局", [("annual-report-department", "2022-01-31", "市政府各部门", 21)]),
    ],
)
def test_who_owes_which_report(
    gongkai: Gongkai, unit: str, expected: list[tuple[str, str, str | None, int]]
) -> None:
    answer = due_json(gongkai, "--unit", unit, "--after", "2022-01-01", "--as-of", "2022-01-10")
    got = [(s["id"], s["due"], s["via"], s["days_left"]) for s in answer["statutory"]]
    assert got == expected


def test_csv_rows_carry_applies_statutory(gongkai: Gongkai) -> None:
    args = ["due", "--unit", "市政府办公厅", "--after", "2022-01-01", "--as-of", "2022-04-01"]
    code, out, _ = gongkai(*args, "--format", "csv")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == (
        "seq,name,content,time_node,due,window_start,all_year,role,via,status,days_left,applies,"
        "due_as_written,due_convention"
    )
    assert lines[-1] == (
        f",{GOVERNMENT}（2021年度报告）,{GOVERNMENT_QUOTE},,2022-03-31,,false,,,overdue,-1,statutory,,"
    )
    assert lines[-2] == (
        f",{DEPARTMENT}（2021年度报告）,{DEPARTMENT_QUOTE},,2022-01-31,,false,,,overdue,-60,statutory,,"
    )
    assert sum(line.endswith(",statutory,,") for line in lines) == 2


def test_plan_all_lists_each_plans_report_with_its_plan(gongkai: Gongkai) -> None:
    code, out, err = gongkai("plans", "add", str(ITEMS), "--id", "items")  # a district plan of 2025
    assert code == 0, err
    answer = due_json(gongkai, "--unit", "区数据局", "--plan", "all", "--after", "2026-01-01")
    assert [(s["plan"], s["id"], s["due"], s["via"]) for s in answer["statutory"]] == [
        ("items", "annual-report-department", "2026-01-31", "区政府各委办局")
    ]
    code, out, _ = gongkai("due", "--unit", "区数据局", "--plan", "all", "--after", "2026-01-01")
    assert "\n" + TITLE + "计划    事项" in out
    code, out, _ = gongkai(
        "due", "-u", "区数据局", "--plan", "all", "--after", "2026-01-01", "-f", "csv"
    )
    assert out.splitlines()[-1].startswith(f"items,,{DEPARTMENT}（2025年度报告）,")
    assert out.splitlines()[-1].endswith(",2026-01-31,,false,,区政府各委办局,due,1691,statutory,,")


def test_markdown_and_xlsx_have_the_group(gongkai: Gongkai, tmp_path: Path) -> None:
    args = ["due", "--unit", "长宁区政府", "--month", "2022-03", "--as-of", "2021-03-01"]
    code, out, _ = gongkai(*args, "--format", "md")
    assert code == 0
    assert out.endswith(
        "\n\n### " + TITLE + "\n| 事项 | 依据 | 截止 | 状态 |\n|---|---|---|---|\n"
        f"| {GOVERNMENT}（2021年度报告） 经 各区政府 | 条例 第四十九条第二款 | 2022-03-31 "
        "| 还有 395 天 |\n\n认定：第二款的义务在"
        + GOVERNMENT_DECISION.replace("\n", "")[len("认定：第二款的义务在") :]
        + "  \n"
        + NOT_COUNTED
    )
    from openpyxl import load_workbook

    target = tmp_path / "due.xlsx"
    assert gongkai(*args, "--format", "xlsx", "--output", str(target))[0] == 0
    sheet = load_workbook(target).worksheets[-1]
    assert [cell.value for cell in sheet[1]] == ["事项", "依据", "截止", "状态"]
    assert [cell.value for cell in sheet[2]][1:] == [
        "条例 第四十九条第二款",
        dt.datetime(2022, 3, 31),  # a date cell, as every 截止 in a workbook
        "还有 395 天",
    ]


# -- windows -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "ids"),
    [
        (["--before", "2021-12-31"], None),  # the plan's year: nothing, nothing loaded
        (["--before", "2022-01-30"], None),
        (["--before", "2022-01-31"], ["annual-report-department"]),
        (["--month", "2022-01"], ["annual-report-department"]),
        (["--month", "2022-02"], None),  # due before it, but not yet overdue on the as-of day
        (["--within", "30d"], ["annual-report-department"]),  # 2022-01-10 .. 2022-02-09
        (["--within", "3m"], ["annual-report-department"]),
        (["--after", "2022-02-01", "--as-of", "2022-02-10"], ["annual-report-department"]),
        (["--after", "2022-02-01", "--as-of", "2022-01-31"], None),  # due that day: not late
        (["--month", "2023-01"], None),  # the report on 2022 belongs to the 2022 plan
        ([], ["annual-report-department"]),  # 全部任务: everything the plan's year brings
    ],
)
def test_the_window_decides(gongkai: Gongkai, window: list[str], ids: list[str] | None) -> None:
    args = ["--unit", "市教委", *window]
    if "--as-of" not in window:
        args += ["--as-of", "2022-01-10"]
    answer = due_json(gongkai, *args)
    assert [s["id"] for s in answer["statutory"]] if ids else "statutory" not in answer
    if ids:
        assert [s["id"] for s in answer["statutory"]] == ids


def test_the_overdue_report_stays_in_view_after_the_lower_bound(gongkai: Gongkai) -> None:
    answer = due_json(gongkai, "-u", "长宁区政府", "--after", "2022-04-01", "--as-of", "2022-04-10")
    assert [(s["due"], s["status"], s["days_left"]) for s in answer["statutory"]] == [
        ("2022-03-31", "overdue", -10)
    ]


@pytest.mark.parametrize(
    "args",
    [
        # The headline, and every window inside 2021: the answer as it was.
        ["--unit", "市教委", "--before", "2021-06-30"],
        ["--unit", "市教委", "--month", "2021-12"],
        ["--unit", "长宁区政府", "--after", "2021-12-01", "--before", "2021-12-31"],
        # The 条例 gives no 牵头/负责/配合: a role leaves them out.
        ["--unit", "市教委", "--after", "2022-01-01", "--role", "responsible"],
        # Owed as one of 市政府各部门, not named by the plan.
        ["--unit", "市教委", "--after", "2022-01-01", "--direct-only"],
        # Not 县级以上人民政府部门: an enterprise, a public institution.
        ["--unit", "申通集团", "--after", "2022-01-01"],
        ["--unit", "市大数据中心", "--after", "2022-01-01"],
        # Search: a word not in the report's name or the article.
        ["--unit", "市教委", "--after", "2022-01-01", "--grep", "网站"],
    ],
)
def test_due_without_annual_reports(gongkai: Gongkai, args: list[str]) -> None:
    assert "statutory" not in due_json(gongkai, *args)


def test_grep_finds_the_report(gongkai: Gongkai) -> None:
    answer = due_json(gongkai, "-u", "市教委", "--after", "2022-01-01", "--grep", "年度 报告")
    assert answer["tasks"] == [] and [s["id"] for s in answer["statutory"]] == [
        "annual-report-department"
    ]


def test_the_headline_loads_no_rules(gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch) -> None:
    # A window that ends in the plan's year cannot reach a report: the rules book is not
    # read, so a broken one does not matter (and the headline does no more work).
    monkeypatch.setenv("GONGKAI_RULES", "/nonexistent/rules.yaml")
    assert gongkai("due", "--unit", "市教委", "--before", "2021-06-30")[0] == 0
    code, _, err = gongkai("due", "--unit", "市教委", "--before", "2022-06-30")
    assert code != 0 and "/nonexistent/rules.yaml" in err


# -- items plans: district units -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("区数据局", [("annual-report-department", "2026-01-31", "区政府各委办局")]),
        (
            "区政府办公室",
            [
                ("annual-report-department", "2026-01-31", None),
                ("annual-report-government", "2026-03-31", None),
            ],
        ),
        # No day in the 条例 (第五十条 presupposes the report): 按本地通知.
        ("东湖街道办事处", [("annual-report-local", None, "各街道镇")]),
        ("示例镇人民政府", [("annual-report-local", None, "各街道镇")]),
        ("示例园区管委会", []),
        ("区城投集团", []),
    ],
)
def test_an_items_plans_units_by_kind(
    gongkai: Gongkai, unit: str, expected: list[tuple[str, str, str | None]]
) -> None:
    answer = due_json(gongkai, "-u", unit, "--data", str(ITEMS), "--as-of", "2026-01-05")
    assert [(s["id"], s["due"], s["via"]) for s in answer.get("statutory", [])] == expected


def test_an_unlisted_department_owes_the_report_too(gongkai: Gongkai) -> None:
    answer = due_json(
        gongkai, "-u", "市某某局", "--member-of", "市政府各部门", "--after", "2022-01-01"
    )
    assert [(s["id"], s["via"]) for s in answer["statutory"]] == [
        ("annual-report-department", "市政府各部门")
    ]


# -- progress ------------------------------------------------------------------------------------


def test_a_progress_file_does_not_hide_the_report(gongkai: Gongkai, tmp_path: Path) -> None:
    progress = tmp_path / "progress.yaml"
    code, _, err = gongkai("progress", "set", "--create", "99", "-u", "市教委", "--on", "2021-04-10",
                       "-p", str(progress))  # fmt: skip
    assert code == 0, err
    args = ["-u", "市教委", "--after", "2022-01-01", "--as-of", "2022-02-10", "-p", str(progress)]
    answer = due_json(gongkai, *args, "--open")
    assert [(s["id"], s["status"]) for s in answer["statutory"]] == [
        ("annual-report-department", "overdue")
    ]
    code, out, _ = gongkai("due", *args, "--format", "csv")
    assert out.splitlines()[-1].endswith(
        ",2022-01-31,,false,,市政府各部门,overdue,-10,,,statutory,,"
    )


def test_overdue_does_not_count_the_reports(gongkai: Gongkai) -> None:
    _, out, _ = gongkai("overdue", "--unit", "市教委", "--as-of", "2022-02-10", "-f", "json")
    assert "第四十九条" not in out and "annual-report" not in out


# -- bad input -----------------------------------------------------------------------------------


def test_bad_window_exits_2(gongkai: Gongkai) -> None:
    code, out, err = gongkai("due", "--unit", "市教委", "--month", "2022-13")
    assert (code, out) == (2, "")
    assert err == "Error: invalid month '2022-13' for --month: there is no month 13\n"


def _broken_rules(tmp_path: Path, old: str, new: str) -> Path:
    """The shipped rules book with the lines starting `old` (each whole) replaced by `new`."""
    lines = STATUTORY_RULES.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(old) for line in lines)
    path = tmp_path / "rules.yaml"
    text = "\n".join(new if line.startswith(old) else line for line in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    kinds: [provincial_department",
            "    kinds: [provincial_department, subdistrict]",
            "annual.0.kinds.1: ",
        ),
        ("    kinds: [government_office", "    kinds: []", "annual.1.kinds: name at least one"),
        ("    decision: 第二款的", "    decision: ' '", "annual.1.decision: say why"),
        ("    day: 31", "    day: 32", "annual.0.day: not a day of the year"),
    ],
)
def test_a_broken_rules_book_exits_3(
    gongkai: Gongkai,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    old: str,
    new: str,
    message: str,
) -> None:
    monkeypatch.setenv("GONGKAI_RULES", str(_broken_rules(tmp_path, old, new)))
    code, out, err = gongkai("due", "--unit", "市教委", "--after", "2022-01-01")
    assert (code, out) == (3, "")
    assert message in err and "Traceback" not in err


def test_a_street_or_town_is_told_the_report_has_no_day_in_the_条例(gongkai: Gongkai) -> None:
    # Issue 19 item 4: not nothing, and not a day the 条例 does not set.
    code, out, _ = gongkai(
        "due", "-u", "示例镇人民政府", "--data", str(ITEMS), "--as-of", "2026-01-05"
    )
    assert code == 0
    assert "条例 第五十条          条例未定日期（第五十条）；按本地通知\n" in out
    answer = due_json(
        gongkai, "-u", "东湖街道办事处", "--data", str(ITEMS), "--as-of", "2026-01-05"
    )
    (report,) = answer["statutory"]
    assert (report["due"], report["status"], report["days_left"]) == (None, "undated", None)
    assert report["quote"] in STATUTORY_RULES.read_text(encoding="utf-8")
    # Only when the window reaches the year the reports are made in.
    answer = due_json(
        gongkai, "-u", "东湖街道办事处", "--data", str(ITEMS), "--before", "2025-12-31"
    )
    assert "statutory" not in answer


# -- a province's plan and a department's plan (issue 17: the kinds they name) -------------------

RECEIVED = Path(__file__).resolve().parent / "plans" / "received"
TABLES = Path(__file__).resolve().parent / "plans" / "tables"


def _admitted(gongkai: Gongkai, *args: str) -> dict[str, Any]:
    """due's json for a unit the plan may not list (stderr then says how it was read)."""
    code, out, err = gongkai("due", *args, "--format", "json")
    assert code == 0 and all(line.startswith("to check: ") for line in err.splitlines()), err
    return dict(json.loads(out))


@pytest.fixture(scope="module")
def jiangsu(gongkai: Gongkai, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("jiangsu") / "plan"
    result = gongkai("import", str(RECEIVED / "2022-jiangsu.txt"), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        # 省各委办厅局's member: a 县级以上人民政府部门 (第一款)
        ("省教育厅", [("annual-report-department", "2023-01-31", "省各委办厅局")]),
        # 各市、县（市、区）人民政府's members: the plan lists the governments, not their
        # offices, so the government's report (第二款) is theirs, as 2021's 各区政府
        (
            "南京市人民政府",
            [("annual-report-government", "2023-03-31", "各市、县(市、区)人民政府")],
        ),
        (
            "江宁区人民政府",
            [("annual-report-government", "2023-03-31", "各市、县(市、区)人民政府")],
        ),
    ],
)
def test_a_province_s_departments_and_city_governments_owe_their_reports(
    gongkai: Gongkai, jiangsu: Path, unit: str, expected: list[tuple[str, str, str]]
) -> None:
    answer = _admitted(gongkai, "-u", unit, "--data", str(jiangsu), "--as-of", "2023-01-05")
    assert [(s["id"], s["due"], s["via"]) for s in answer["statutory"]] == expected


@pytest.mark.parametrize("unit", ["办公室", "各科室", "综合科"])
def test_a_department_s_own_offices_owe_no_report_of_their_own(
    gongkai: Gongkai, tmp_path: Path, unit: str
) -> None:
    # 池州市信访局's own plan: its 办公室 is a 科室; the department reports, not its offices.
    out = tmp_path / "plan"
    source = TABLES / "unknown-chizhou-xfj" / "received.txt"
    result = gongkai(
        "import", str(source), "--out", str(out), "--year", "2025", "--place", "池州市信访局"
    )
    assert result.exit_code == 0, result.stderr
    answer = _admitted(gongkai, "-u", unit, "--data", str(out), "--as-of", "2026-01-05")
    assert "statutory" not in answer
