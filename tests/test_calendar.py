"""`gongkai calendar`: the month grid, its JSON, and the facts under it.

Holidays and 调休 days are checked against the State Council's 2021 notice
(国办发明电〔2020〕27号), written out here by hand; the days tasks fall due are
checked against the 时间节点 column of the source table itself.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.errors import UsageError
from gongkai_cli.plan.load import load_plan
from gongkai_cli.plan.month import Month, parse_month
from gongkai_cli.queries.calendar import plan_month
from gongkai_cli.render.month import grid_lines
from gongkai_cli.render.text import width
from gongkai_cli.workdays.calendar import load_calendar

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
D = dt.date

JIAOWEI_2021_06 = """\
2021年6月 · 市教委

 一         二         三         四         五         六         日
             1          2          3          4          5          6
  7          8          9         10         11         12 休      13 休
 14 休     [15]        16         17         18         19         20
 21         22         23         24         25         26         27
 28         29         30   ●4

休 放假   [15] 今天   ●N 当天截止 N 项
端午节：6月12日至14日放假

2021年6月的任务
序号   截止         任务名称                         角色
────────────────────────────────────────────────────────────────────
   8   06-30 周三   做好法定公开内容的日常维护       负责
       上半年                                        经 市政府各部门
  21   06-30 周三   试行教育政策及解读材料精准推送   负责
       6月底前
  22   06-30 周三   优化网上政民互动渠道             负责
       6月底前                                       经 市政府各部门
  48   06-30 周三   细化深化教育领域信息公开         负责
       6月底前
共 4 项：牵头 0，负责 4，配合 0（经集合 2）
"""

JIAOWEI_2021_10 = """\
2021年10月 · 市教委

 一         二         三         四         五         六         日
                                              1 休       2 休       3 休
  4 休       5 休       6 休       7 休       8          9 班      10
 11         12         13         14         15         16         17
 18         19         20         21         22         23         24
 25         26         27         28         29         30         31   ●1

休 放假   班 调休上班   ●N 当天截止 N 项
国庆节：10月1日至7日放假，10月9日（周六）调休上班

2021年10月的任务
序号   截止               任务名称                 角色
──────────────────────────────────────────────────────────────────
   3   10-31 周日         推进行政规范性统一公开   负责
       10月底前                                    经 市政府各部门
       最后工作日 10-29
共 1 项：牵头 0，负责 1，配合 0（经集合 1）

可能适用（未计入日历）：责任单位是未列明成员的集合，是否适用请自行确认
序号   截止               任务名称                  集合
────────────────────────────────────────────────────────────────────────────────
  26   10-31 周日         开展“云调研、云走访、云   16项民心工程的市政府牵头部门
       10月底前           反馈”
       最后工作日 10-29
"""

# 国办发明电〔2020〕27号: the 2021 arrangement, by hand.
HOLIDAYS_2021 = {
    "元旦": (D(2021, 1, 1), D(2021, 1, 3)),
    "春节": (D(2021, 2, 11), D(2021, 2, 17)),
    "清明节": (D(2021, 4, 3), D(2021, 4, 5)),
    "劳动节": (D(2021, 5, 1), D(2021, 5, 5)),
    "端午节": (D(2021, 6, 12), D(2021, 6, 14)),
    "中秋节": (D(2021, 9, 19), D(2021, 9, 21)),
    "国庆节": (D(2021, 10, 1), D(2021, 10, 7)),
}
MAKEUP_2021 = {
    D(2021, 2, 7): "春节",
    D(2021, 2, 20): "春节",
    D(2021, 4, 25): "劳动节",
    D(2021, 5, 8): "劳动节",
    D(2021, 9, 18): "中秋节",
    D(2021, 9, 26): "国庆节",
    D(2021, 10, 9): "国庆节",
}

HOLIDAYS_2027 = """\
years:
  2027:
    source: a test stand-in
    holidays:
      - {name: 元旦, first: 2027-01-01, last: 2027-01-03}
      - {name: 春节, first: 2027-02-06, last: 2027-02-13}
    makeup_workdays:
      - {date: 2027-02-14, name: 春节}
"""


def calendar_json(gongkai: Gongkai, *args: str) -> dict[str, Any]:
    result = gongkai("calendar", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def source_due_months() -> Counter[int]:
    """How many annex rows fall due in each month of 2021, from the 时间节点 cells."""
    months: Counter[int] = Counter()
    previous = ""
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) != 5 or not cells[0].isdigit():
            continue
        # An empty cell is merged with the row above (row 6; see `gongkai show 6`).
        node = cells[4].strip() or previous
        previous = node
        if match := re.fullmatch(r"(\d+)月(底前|份)", node):
            months[int(match[1])] += 1
        elif node == "上半年":
            months[6] += 1
        else:
            assert node == "全年", node
            months[12] += 1
    return months


# -- exact output -------------------------------------------------------------------------


def test_june_for_the_education_commission(gongkai: Gongkai) -> None:
    result = gongkai("calendar", "--unit", "市教委", "--month", "2021-06")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == JIAOWEI_2021_06
    assert result.stderr == ""


def test_october_national_day_with_a_deadline_on_a_sunday(gongkai: Gongkai) -> None:
    result = gongkai("calendar", "--unit", "市教委", "--month", "2021-10")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == JIAOWEI_2021_10


def test_the_month_defaults_to_todays(gongkai: Gongkai) -> None:
    assert gongkai("calendar", "--unit", "教委").stdout == JIAOWEI_2021_06


def test_every_line_fits_80_columns_and_has_no_escape_codes(gongkai: Gongkai) -> None:
    for month in ("2021-02", "2021-06", "2021-08", "2021-09", "2021-10", "2021-12"):
        for args in ((), ("--unit", "长宁区政府")):
            out = gongkai("calendar", "--month", month, *args).stdout
            assert "\x1b" not in out
            assert max(width(line) for line in out.splitlines()) <= 80, (month, args)


@pytest.mark.parametrize(
    ("month", "grid", "legend"),
    [
        (
            "2021-02",
            [
                "  1          2          3          4          5          6          7 班",
                "  8          9         10         11 休      12 休      13 休      14 休",
                " 15 休      16 休      17 休      18         19         20 班      21",
                # 11 and 12 (2月底前) are 印发前已到期：due 2021-04-16, not on the 28th
                " 22         23         24         25         26         27         28",
            ],
            [
                "休 放假   班 调休上班",
                "春节：2月11日至17日放假，2月7日（周日）调休上班，2月20日（周六）调休上班",
            ],
        ),
        (
            "2021-08",
            [
                "                                                                    1   ○",
                "  2   ○      3   ○      4   ○      5   ○      6   ○      7   ○      8   ○",
                "  9   ○     10   ○     11   ○     12   ○     13   ○     14   ○     15   ○",
                " 16   ○     17   ○     18   ○     19   ○     20   ○     21   ○     22   ○",
                " 23   ○     24   ○     25   ○     26   ○     27   ○     28   ○     29   ○",
                " 30   ○     31   ●1",
            ],
            ["●N 当天截止 N 项   ○ 窗口期内"],
        ),
        (
            "2021-09",
            [
                "                        1          2          3          4          5",
                "  6          7          8          9         10         11         12",
                " 13         14         15         16         17         18 班      19 休",
                " 20 休      21 休      22         23         24         25         26 班",
                " 27         28         29         30   ●9",
            ],
            [
                "休 放假   班 调休上班   ●N 当天截止 N 项",
                "中秋节：9月19日至21日放假，9月18日（周六）调休上班",
                "国庆节：9月26日（周日）调休上班",
            ],
        ),
        (
            "2022-01",  # 春节 runs on into February
            [
                "                                                         1 休       2 休",
                "  3 休       4          5          6          7          8          9",
                " 10         11         12         13         14         15         16",
                " 17         18         19         20         21         22         23",
                " 24         25         26         27         28         29 班      30 班",
                " 31 休",
            ],
            [
                "休 放假   班 调休上班",
                "元旦：1月1日至3日放假",
                "春节：1月31日至2月6日放假，1月29日（周六）调休上班，1月30日（周日）调休上班",
            ],
        ),
    ],
)
def test_the_grid_and_legend_of_the_whole_plan(
    gongkai: Gongkai, month: str, grid: list[str], legend: list[str]
) -> None:
    result = gongkai("calendar", "--month", month)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == " 一         二         三         四         五         六         日"
    assert lines[3 : 3 + len(grid)] == grid
    assert lines[3 + len(grid)] == ""
    assert lines[4 + len(grid) : 4 + len(grid) + len(legend)] == legend


APRIL_WHOLE_PLAN = """\
2021年4月的任务
序号   截止            任务名称                 责任单位
───────────────────────────────────────────────────────────────────────────
  11   04-16 周五      加强信息处理费收费管理   市政府办公厅、市财政局、
       2月底前                                  市发展改革委
       原定
       2021-02-28
       gongkai 约定†
  12   04-16 周五      加强信息处理费收费管理   市政府各部门、各区政府
       2月底前
       原定
       2021-02-28
       gongkai 约定†
共 2 项
† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截
止日按印发后30日计；--no-grace 则按原定日期计
"""


def test_pre_issue_deadlines_fall_on_the_policys_day_with_or_without_a_unit(
    gongkai: Gongkai,
) -> None:
    # The one policy of `due`, `overdue` and `report`: 2月底前 read in a plan issued on
    # 2021-03-17 is due 30 days after issue (the decision in tasks.yaml), 2021-04-16.
    assert gongkai("calendar", "--month", "2021-04").stdout.endswith(APRIL_WHOLE_PLAN)
    unit = gongkai("calendar", "--unit", "长宁区政府", "--month", "2021-04").stdout
    assert unit.endswith(
        "  12   04-16 周五      加强信息处理费收费管理   负责\n"
        "       2月底前                                  经 各区政府\n"
        "       原定\n"
        "       2021-02-28\n"
        "       gongkai 约定†\n"
        "共 1 项：牵头 0，负责 1，配合 0（经集合 1）\n"
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截\n"
        "止日按印发后30日计；--no-grace 则按原定日期计\n"
    )
    for args in ((), ("--unit", "长宁区政府")):
        february = calendar_json(gongkai, *args, "--month", "2021-02")
        assert february["tasks"] == [], args
        april = calendar_json(gongkai, *args, "--month", "2021-04")
        (task12,) = [t for t in april["tasks"] if t["seq"] == 12]
        assert (task12["due"], task12["pre_issue"]) == (
            "2021-04-16",
            {
                "due_as_written": "2021-02-28",
                "issued": "2021-03-17",
                "grace": "印发后30日",
                "grace_days": 30,
                "convention": "gongkai 约定，文件未规定",
            },
        ), args
    # Other tasks keep the JSON keys they always had.
    june = calendar_json(gongkai, "--month", "2021-06")
    assert all("pre_issue" not in task for task in june["tasks"])


def test_the_august_window_is_listed_with_its_first_day(gongkai: Gongkai) -> None:
    out = gongkai("calendar", "--unit", "市教委", "--month", "2021年8月").stdout
    assert out.endswith(
        "2021年8月的任务\n"
        "序号   截止          任务名称           角色\n" + "─" * 55 + "\n"
        "  33   08-31 周二    办好政府开放活动   负责\n"
        "       8月份                            经 市政府各部门\n"
        "       自 08-01 起\n"
        "共 1 项：牵头 0，负责 1，配合 0（经集合 1）\n"
    )


def test_a_month_with_no_tasks_says_so(gongkai: Gongkai) -> None:
    result = gongkai("calendar", "--month", "2021-07")
    assert result.exit_code == 0
    assert result.stdout.endswith("\n\n2021年7月没有到期或在窗口期内的任务\n")
    assert result.stderr == ""


def test_a_month_outside_the_plans_year_is_noted_on_stderr(gongkai: Gongkai) -> None:
    result = gongkai("calendar", "--month", "2022-01")
    assert result.exit_code == 0
    assert result.stdout.endswith("2022年1月没有到期或在窗口期内的任务\n")
    assert result.stderr == "note: the plan's deadlines are in 2021; try --month 2021-01\n"


def test_the_grid_on_a_terminal_is_the_same_text_with_colour() -> None:
    view = _view(Month(2021, 10), unit="市教委")
    plain = grid_lines(view)
    styled = grid_lines(view, styled=True)
    assert styled != plain
    assert [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in styled] == plain
    assert "\x1b[31m休\x1b[0m" in styled[3]  # 10月1日
    assert "\x1b[34m班\x1b[0m" in styled[4]  # 10月9日


def test_today_is_reversed_on_a_terminal() -> None:
    styled = grid_lines(_view(Month(2021, 6)), styled=True)
    assert "\x1b[7m[15]\x1b[0m" in styled[5]


def test_a_narrow_terminal_closes_the_gaps_first() -> None:
    view = _view(Month(2021, 6))
    week = {
        80: " 21         22         23         24         25         26         27",
        69: " 21        22        23        24        25        26        27",
        63: " 21       22       23       24       25       26       27",
        40: " 21       22       23       24       25       26       27",
    }
    for total, line in week.items():
        assert grid_lines(view, total=total)[6] == line


# -- JSON ---------------------------------------------------------------------------------


def test_json_shape(gongkai: Gongkai) -> None:
    data = calendar_json(gongkai, "--unit", "市教委", "--month", "2021-10")
    assert list(data) == ["month", "unit", "today", "days", "holidays", "tasks", "may_apply"]
    assert (data["month"], data["unit"], data["today"]) == ("2021-10", "市教委", "2021-06-15")
    assert len(data["days"]) == 31
    assert data["days"][0] == {
        "date": "2021-10-01",
        "weekday": 5,
        "kind": "holiday",
        "name": "国庆节",
        "working": False,
        "due": [],
        "window": [],
    }
    assert data["days"][8] == {
        "date": "2021-10-09",
        "weekday": 6,
        "kind": "makeup_workday",
        "name": "国庆节",
        "working": True,
        "due": [],
        "window": [],
    }
    assert data["days"][30]["kind"] == "weekend"
    assert data["days"][30]["due"] == [3]
    assert data["holidays"] == [
        {
            "name": "国庆节",
            "days_off": [{"first": "2021-10-01", "last": "2021-10-07"}],
            "makeup_workdays": ["2021-10-09"],
        }
    ]
    assert data["tasks"] == [
        {
            "seq": 3,
            "name": "推进行政规 范性统一 公开",
            "time_node": "10月底前",
            "due": "2021-10-31",
            "window_start": None,
            "all_year": False,
            "last_working_day": "2021-10-29",
            "role": "responsible",
            "via": "市政府各部门",
            "responsible": "各区政府、市政府各部门",
        }
    ]
    assert [t["seq"] for t in data["may_apply"]] == [26]
    assert data["may_apply"][0]["via"] == "16项民心工程的市政府牵头部门"


def test_json_without_a_unit_lists_every_task_without_roles(gongkai: Gongkai) -> None:
    data = calendar_json(gongkai, "--month", "2021-08")
    assert data["unit"] is None
    assert [(t["seq"], t["role"], t["via"]) for t in data["tasks"]] == [(33, None, None)]
    assert data["tasks"][0]["responsible"] == "市政府办公厅牵头,市政府各部门、各区政府负责"
    window = next(t for t in data["tasks"] if t["window_start"])
    assert (window["seq"], window["window_start"], window["due"]) == (
        33,
        "2021-08-01",
        "2021-08-31",
    )
    assert [day["window"] for day in data["days"][:30]] == [[33]] * 30
    assert data["days"][30]["window"] == []
    assert 33 in data["days"][30]["due"]


# -- the facts ----------------------------------------------------------------------------


@pytest.mark.parametrize("month", range(1, 13))
def test_2021_holidays_and_makeup_days_are_the_notices(gongkai: Gongkai, month: int) -> None:
    for day in calendar_json(gongkai, "--month", f"2021-{month:02d}")["days"]:
        date = D.fromisoformat(day["date"])
        holiday = next((name for name, (a, b) in HOLIDAYS_2021.items() if a <= date <= b), None)
        if holiday:
            assert (day["kind"], day["name"]) == ("holiday", holiday), date
        elif date in MAKEUP_2021:
            assert (day["kind"], day["name"]) == ("makeup_workday", MAKEUP_2021[date]), date
        else:
            expected = "weekend" if date.weekday() >= 5 else "workday"
            assert (day["kind"], day["name"]) == (expected, None), date


def test_each_months_deadlines_match_the_source_table(gongkai: Gongkai) -> None:
    expected = source_due_months()
    assert sum(expected.values()) == 99
    # The plan was issued on 2021-03-17: a month end before it is 印发前已到期, due on the
    # issue date plus the grace period the data records (印发后30日): 2021-04-16.
    pre_issue = expected.pop(1, 0) + expected.pop(2, 0)
    assert pre_issue == 2
    for month in range(1, 13):
        days = calendar_json(gongkai, "--month", f"2021-{month:02d}")["days"]
        due = [seq for day in days for seq in day["due"]]
        early = pre_issue if month == 4 else 0
        assert len(due) == expected[month] + early, month
        # N月底前 and the like: everything else falls due on the month's last day.
        assert all(not day["due"] for day in days[:-1] if day["date"] != "2021-04-16"), month
        if early:
            assert next(d["due"] for d in days if d["date"] == "2021-04-16") == [11, 12]


def test_member_of_and_direct_only(gongkai: Gongkai) -> None:
    direct = calendar_json(gongkai, "--unit", "市教委", "--month", "2021-06", "--direct-only")
    assert [t["seq"] for t in direct["tasks"]] == [21, 48]
    assert direct["days"][29]["due"] == [21, 48]
    unlisted = calendar_json(
        gongkai, "--unit", "市某某局", "--member-of", "市政府各部门", "--month", "2021-03"
    )
    assert unlisted["unit"] == "市某某局"
    assert [(t["seq"], t["via"]) for t in unlisted["tasks"]] == [
        (27, "市政府各部门"),
        (99, "市政府各部门"),
    ]


# -- months as people type them -----------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2021-06", "2021-6", "2021/6", "2021/06", "202106", "2021年6月", " 2021年06月 "]
)
def test_month_spellings(text: str) -> None:
    assert parse_month(text) == Month(2021, 6)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-13", "invalid month '2021-13' for --month: there is no month 13"),
        ("2021年0月", "invalid month '2021年0月' for --month: there is no month 0"),
        ("0000-01", "invalid month '0000-01' for --month: there is no year 0"),
        ("june", "invalid month 'june' for --month: expected 2021-06, 2021/6, 202106 or 2021年6月"),
        (
            "2021-06-15",
            "invalid month '2021-06-15' for --month: expected 2021-06, 2021/6, 202106 or 2021年6月",
        ),
        ("", "invalid month '' for --month: expected 2021-06, 2021/6, 202106 or 2021年6月"),
    ],
)
def test_a_bad_month_exits_2_with_one_line(gongkai: Gongkai, text: str, message: str) -> None:
    result = gongkai("calendar", "--month", text)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"
    with pytest.raises(UsageError):
        parse_month(text)


# -- errors and the holidays file ---------------------------------------------------------


@pytest.mark.parametrize("month", ["2027-01", "2003-12"])
def test_a_month_outside_the_holiday_calendar_exits_4(gongkai: Gongkai, month: str) -> None:
    result = gongkai("calendar", "--month", month)
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {month[:4]} is outside the holiday calendar, which covers 2004-2026; "
        "supply its holidays and make-up working days in a holidays file "
        "(--holidays FILE or GONGKAI_HOLIDAYS)\n"
    )


def test_a_holidays_file_covers_another_year(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(HOLIDAYS_2027, encoding="utf-8")
    for args in (("--holidays", str(path)), ()):
        if not args:
            monkeypatch.setenv("GONGKAI_HOLIDAYS", str(path))
        result = gongkai("calendar", "--month", "2027-02", *args)
        assert result.exit_code == 0, result.stderr
        assert "春节：2月6日至13日放假，2月14日（周日）调休上班\n" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--member-of", "市政府各部门"), "--member-of and --direct-only need --unit"),
        (("--direct-only",), "--member-of and --direct-only need --unit"),
        (
            ("--unit", "火星局"),
            "unknown unit '火星局' ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)",
        ),
        (
            ("--format", "csv"),
            "Invalid value for '--format' / '-f': 'csv' is not one of 'table', 'json'. "
            "(see 'gongkai calendar --help')",
        ),
    ],
)
def test_usage_errors_exit_2(gongkai: Gongkai, args: tuple[str, ...], message: str) -> None:
    result = gongkai("calendar", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_help_has_a_summary_and_an_example(gongkai: Gongkai) -> None:
    result = gongkai("calendar", "--help")
    assert result.exit_code == 0
    assert "Show a month: holidays, 调休 working days and the tasks that fall due." in result.stdout
    assert "Example: gongkai calendar --unit 市教委 --month 2021-06" in result.stdout


def _view(month: Month, unit: str | None = None) -> Any:
    from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
    from gongkai_cli.plan.units import UnitDirectory

    plan = load_plan()
    calendar = load_calendar()
    today = D(2021, 6, 15)
    policy = pre_issue_policy(plan.document)
    if unit is None:
        return plan_month(calendar, month, today, tasks=plan.tasks, policy=policy)
    units = UnitDirectory(plan.units)
    tasks, maybe = owed(plan.tasks, units, asker(units, unit), policy=policy)
    return plan_month(calendar, month, today, owed=tasks, may_apply=maybe, unit=unit)
