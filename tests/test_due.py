"""`gongkai due` and `gongkai owes`: answers checked against the source table itself."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"

# What the test knows about the plan's collectives, written here independently of
# units.yaml and of gongkai's code: the spellings the annex uses for them, the
# judgements recorded in units.yaml, and the one alias the annex uses.
DISTRICTS = {"各区政府", "各区人民政府", "区政府"}
DEPARTMENTS = {"市政府各部门"}
NOT_DEPARTMENTS = {"市政府办公厅", "市大数据中心", "申通集团"}
ALIASES = {"市农委": "市农业农村委"}
RELEVANT_UNITS = "各相关单位"
MINXIN_LEADS = "16项民心工程的市政府牵头部门"


def source_rows() -> list[tuple[int, set[str]]]:
    """(序号, units named in the 责任单位 cell) for each annex row, read from the source."""
    rows = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 5 and cells[0].isdigit():
            names = set()
            for part in re.split(r"[,，、]", cells[3]):
                name = re.sub(r"(牵头|负责|配合)$", "", part.strip())
                names.add(ALIASES.get(name, name))
            rows.append((int(cells[0]), names))
    return rows


def expected_for(name: str, kind: str) -> tuple[set[int], set[int]]:
    """The tasks a unit owes and those that may apply, derived from the source table."""
    owed, maybe = set(), set()
    department = kind == "municipal_department" and name not in NOT_DEPARTMENTS
    for seq, names in source_rows():
        if (
            name in names
            or (kind == "district_government" and names & DISTRICTS)
            or (department and names & DEPARTMENTS)
        ):
            owed.add(seq)
        elif RELEVANT_UNITS in names or (department and MINXIN_LEADS in names):
            maybe.add(seq)
    return owed, maybe


def units_in_data() -> list[tuple[str, str]]:
    data = yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))
    return [(u["name"], u["kind"]) for u in data["units"] if u["kind"] != "collective"]


def due_json(gongkai: Gongkai, *args: str) -> dict:  # type: ignore[type-arg]
    result = gongkai("due", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_source_table_has_the_rows_the_test_expects() -> None:
    rows = source_rows()
    assert [seq for seq, _ in rows] == list(range(1, 100))
    assert sum(1 for _, names in rows if names & DEPARTMENTS) == 42
    assert sum(1 for _, names in rows if names & DISTRICTS) == 47


@pytest.mark.parametrize(("unit", "kind"), units_in_data())
def test_every_unit_owes_what_the_source_table_says(gongkai: Gongkai, unit: str, kind: str) -> None:
    owed, maybe = expected_for(unit, kind)
    answer = due_json(gongkai, "--unit", unit)
    assert {t["seq"] for t in answer["tasks"]} == owed
    assert {t["seq"] for t in answer["may_apply"]} == maybe


@pytest.mark.parametrize(
    ("unit", "owed", "maybe"),
    [("市教委", 49, 2), ("长宁区政府", 48, 1), ("市大数据中心", 11, 2), ("申通集团", 1, 2)],
)
def test_counts_checked_by_hand(gongkai: Gongkai, unit: str, owed: int, maybe: int) -> None:
    answer = due_json(gongkai, "--unit", unit)
    assert (len(answer["tasks"]), len(answer["may_apply"])) == (owed, maybe)


HEADLINE = """\
市教委 应办任务（截止日期 2021-06-30 前；状态截至 2021-06-15）
序号   任务名称 / 任务内容          角色              截止            状态
────────────────────────────────────────────────────────────────────────────────
  27   【实行重大行政决策事项目录   负责              2021-03-31      逾期 76 天
       管理】确定并发布本单位重大   经 市政府各部门   3月底前
       行政决策事项目录,后续根据
       决策事项的推进情况,以目录
       归集的方式对各项信息进行超
       链接展示。
  99   【制订年度政务公开工作要     负责              2021-03-31      逾期 76 天
       点】结合实际,制订本单位年    经 市政府各部门   3月底前
       度政务公开工作要点,并在本
       工作要点印发后30日内在本单
       位门户网站公开,落实情况也
       要向社会公开。
  12   【加强信息处理费收费管理】   负责              2021-04-16      逾期 60 天
       在本单位政府信息公开指南中   经 市政府各部门   2月底前
       载明收费要求和标准,加强收                      原定
       费管理。                                       2021-02-28
                                                      gongkai 约定†
   8   【做好法定公开内容的日常维   负责              2021-06-30      还有 15 天
       护】做好各类规划集中公开,    经 市政府各部门   上半年
       主动公开本区、本系统“十四
       五”规划和专项规划,推动历史
       规划(计划)的归集整理和主动
       公开。
  21   【试行教育政策及解读材料精   负责              2021-06-30      还有 15 天
       准推送】围绕民办培训机构管                     6月底前
       理、义务教育阶段招生入学、
       托幼机构管理、教育改革等重
       点工作,依托“一网通办”分步
       骤、按节点地开展相关政策及
       解读材料的推送。
  22   【优化网上政民互动渠道】全   负责              2021-06-30      还有 15 天
       市政府网站开放政策发布页面   经 市政府各部门   6月底前
       的网民留言功能,并在政民互
       动板块醒目位置开设网上咨询
       功能,推动网站知识库与
       “12345”政务服务总客服知识
       库的共建、共用、共享。
  48   【细化深化教育领域信息公     负责              2021-06-30      还有 15 天
       开】进一步优化细化各级各类                     6月底前
       招生考试相关信息的公开,重
       点公开义务教育阶段招生入学
       工作实施方案、实施细则、公
       办学校对口招生区域范围、民
       办学校招生计划、录取办法等
       信息。
共 7 项：牵头 0，负责 7，配合 0 · 逾期 3 · 可能适用 0
† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截
止日按印发后30日计；--no-grace 则按原定日期计
所属集合：市政府各部门
"""


def test_headline_table_at_80_columns(gongkai: Gongkai) -> None:
    result = gongkai("due", "--unit", "市教委", "--before", "2021-06-30")
    assert result.exit_code == 0
    assert result.stdout == HEADLINE
    assert result.stderr == ""


@pytest.mark.parametrize("spelling", ["2021/6/30", "20210630", "2021年6月30日", "2021-6-30"])
def test_date_spellings_are_equivalent(gongkai: Gongkai, spelling: str) -> None:
    result = gongkai("due", "--unit", "市教委", "--before", spelling)
    assert result.exit_code == 0
    assert result.stdout == HEADLINE


@pytest.mark.parametrize("spelling", ["教委", "上海市教育委员会", "市教委", " 市教委 "])
def test_unit_spellings_resolve(gongkai: Gongkai, spelling: str) -> None:
    assert due_json(gongkai, "--unit", spelling, "--before", "2021-06-30")["unit"] == "市教委"


def test_aliases_resolve_to_the_canonical_name(gongkai: Gongkai) -> None:
    assert due_json(gongkai, "--unit", "市农委", "--direct-only")["unit"] == "市农业农村委"
    answer = due_json(gongkai, "--unit", "市农委", "--direct-only")
    assert [t["seq"] for t in answer["tasks"]] == [38, 69]


def test_district_owes_its_own_support_role_in_task_19(gongkai: Gongkai) -> None:
    answer = due_json(
        gongkai, "--unit", "长宁区政府", "--before", "2021-06-30", "--role", "support"
    )
    assert answer == {
        "unit": "长宁区政府",
        "listed": True,
        "member_of": ["各区政府"],
        "before": "2021-06-30",
        "after": None,
        "as_of": "2021-06-15",
        "role": "support",
        "direct_only": False,
        "tasks": [
            {
                "seq": 19,
                "name": "试行人才政策及解读材料精准推送",
                "content": "探索人才政策的精准测算和推送工作。在有条件的区试点人才政策“计算器”,"
                "探索将市、区人才政策分解为创新创业支持、人才认定评价等项目,并转化为机器算法,"
                "实现人才政策叠加组合产业和科创政策的“一键试算”、“一屏展示”,通过“一网通办”"
                "企业专属网页实现人才政策的精准测算和推送。",
                "time_node": "6月底前",
                "due": "2021-06-30",
                "window_start": None,
                "all_year": False,
                "role": "support",
                "via": None,
                "also": [],
                "status": "due",
                "days_left": 15,
                "pre_issue": None,
            }
        ],
        "may_apply": [],
    }


def test_every_district_owes_tasks_of_each_spelling_of_the_collective(gongkai: Gongkai) -> None:
    seqs = {t["seq"]: t for t in due_json(gongkai, "--unit", "崇明区政府")["tasks"]}
    assert seqs[3]["via"] == "各区政府"  # 各区政府
    assert seqs[70]["via"] == "各区政府"  # 各区人民政府
    assert seqs[23]["via"] == "各区政府"  # 区政府
    assert 19 not in seqs  # only 长宁区政府 is named


def test_direct_naming_wins_and_the_collective_route_is_kept(gongkai: Gongkai) -> None:
    tasks = due_json(gongkai, "--unit", "市信访办")["tasks"]
    task_24 = next(t for t in tasks if t["seq"] == 24)
    assert (task_24["role"], task_24["via"]) == ("lead", None)
    assert task_24["also"] == [{"role": "responsible", "via": "市政府各部门"}]


def test_direct_only_keeps_tasks_naming_the_unit(gongkai: Gongkai) -> None:
    answer = due_json(gongkai, "--unit", "市教委", "--direct-only")
    assert [t["seq"] for t in answer["tasks"]] == [21, 48, 38, 40, 51, 49, 50]
    assert answer["may_apply"] == []


def test_after_and_before_are_inclusive(gongkai: Gongkai) -> None:
    answer = due_json(
        gongkai, "--unit", "市教委", "--after", "2021-06-30", "--before", "2021-08-31"
    )
    assert [(t["seq"], t["due"]) for t in answer["tasks"]] == [
        (8, "2021-06-30"),
        (21, "2021-06-30"),
        (22, "2021-06-30"),
        (48, "2021-06-30"),
        (33, "2021-08-31"),
    ]


def test_window_status_and_all_year(gongkai: Gongkai) -> None:
    answer = due_json(
        gongkai, "--unit", "长宁区政府", "--as-of", "2021-08-10", "--after", "2021-08-01"
    )
    by_seq = {t["seq"]: t for t in answer["tasks"]}
    assert by_seq[33]["window_start"] == "2021-08-01"
    assert (by_seq[33]["status"], by_seq[33]["days_left"]) == ("window_open", 21)
    assert (by_seq[1]["due"], by_seq[1]["all_year"], by_seq[1]["status"]) == (
        "2021-12-31",
        True,
        "due",
    )
    before_window = due_json(gongkai, "--unit", "长宁区政府", "--as-of", "2021-07-31")
    task_33 = next(t for t in before_window["tasks"] if t["seq"] == 33)
    assert (task_33["status"], task_33["days_left"]) == ("due", 31)


def test_as_of_defaults_to_gongkai_today(gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2021年9月1日")
    answer = due_json(gongkai, "--unit", "市教委", "--before", "2021-06-30")
    assert answer["as_of"] == "2021-09-01"
    assert {t["status"] for t in answer["tasks"]} == {"overdue"}


def test_window_row_in_the_table(gongkai: Gongkai) -> None:
    result = gongkai(
        *["due", "--unit", "长宁区政府", "--after", "2021-08-01", "--before", "2021-08-31"]
        + ["--as-of", "2021-08-10"]
    )
    assert result.exit_code == 0
    # With --after, the open tasks due before it follow in a group of their own
    # (test_overdue_before_the_window_is_its_own_group); here the window's table.
    assert result.stdout.split("此前到期")[0] == (
        "长宁区政府 应办任务（截止日期 2021-08-01 起 2021-08-31 前；状态截至 2021-08-10）\n"
        "序号   任务名称 / 任务内容        角色          截止          状态\n" + "─" * 80 + "\n"
        "  33   【办好政府开放活动】将8    负责          2021-08-31    窗口期内，剩 21 天\n"
        "       月确定为全市政府开放月,    经 各区政府   8月份\n"
        "       各区政府、市政府各部门要                 自 08-01 起\n"
        "       加强统筹协调,集中在本月\n"
        "       组织以公共管理机构、公共\n"
        "       服务场所为主的线下系列主\n"
        "       题开放活动,形成规模效\n"
        "       应。\n"
        "共 1 项：牵头 0，负责 1，配合 0 · 逾期 0 · 可能适用 0\n"
        "所属集合：各区政府\n"
    )


def test_may_apply_is_listed_apart(gongkai: Gongkai) -> None:
    answer = due_json(gongkai, "--unit", "市教委")
    assert [(t["seq"], t["via"], t["role"]) for t in answer["may_apply"]] == [
        (26, MINXIN_LEADS, "responsible"),
        (39, RELEVANT_UNITS, "responsible"),
    ]
    result = gongkai("due", "--unit", "市教委", "--after", "2021-10-31")
    assert "可能适用：责任单位是未列明成员的集合，是否适用请自行确认\n" in result.stdout
    districts = due_json(gongkai, "--unit", "徐汇区政府")
    assert [t["seq"] for t in districts["may_apply"]] == [40]


def test_empty_time_node_shows_its_decision(gongkai: Gongkai) -> None:
    result = gongkai("due", "--unit", "市教委", "--after", "2021-09-30", "--before", "2021-09-30")
    assert "       年以来本单位未开展过公文公   经 市政府各部门   （9月底前）*\n" in result.stdout
    assert (
        "* 时间节点为空白单元格，按记录的决定取值（gongkai show 序号 查看理由）\n"
        "所属集合：市政府各部门\n"
        "此前到期、至今逾期未完成（截止日期在 2021-09-30 之前）\n"
    ) in result.stdout


def test_member_of_for_a_department_the_data_does_not_list(gongkai: Gongkai) -> None:
    answer = due_json(gongkai, "--unit", "市档案局", "--member-of", "市政府各部门")
    assert (answer["unit"], answer["listed"], answer["member_of"]) == (
        "市档案局",
        False,
        ["市政府各部门"],
    )
    owed, maybe = expected_for("市档案局", "municipal_department")
    assert {t["seq"] for t in answer["tasks"]} == owed
    assert {t["seq"] for t in answer["may_apply"]} == maybe


def test_csv_has_the_json_columns_and_marks_may_apply(gongkai: Gongkai) -> None:
    result = gongkai("due", "--unit", "申通集团", "--format", "csv", "--as-of", "2021-10-01")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        [
            "seq",
            "name",
            "content",
            "time_node",
            "due",
            "window_start",
            "all_year",
            "role",
            "via",
            "status",
            "days_left",
            "applies",
            "due_as_written",
            "due_convention",
        ],
        ["70", "细化深化交通管理和执法领域信息公开"]
        + ["进一步加强轨道交通站点服务公开工作,完善和优化轨交站点周边引导标识。", "9月底前"]
        + ["2021-09-30", "", "false", "responsible", "", "overdue", "-1", "owed", "", ""],
        ["39", "推进标准化规范化工作向村居和公共企事业单位延伸"]
        + [
            "指导各村(居)委会公开包括集体资产管理、财务收支、乡村振兴、为老服务、社会救助等"
            "内容的基层自治信息,全面推进本区村(居)务公开标准化规范化建设。",
            "11月底前",
        ]
        + ["2021-11-30", "", "false", "responsible", "各相关单位", "due", "60", "may_apply"]
        + ["", ""],
        ["40", "推进标准化规范化工作向村居和公共企事业单位延伸"]
        + [
            "教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等行业市级主管部门和市国资委"
            "在国务院主管部门出台相应领域的公共企事业单位信息公开规定后,列出本系统范围内的适用主体"
            "清单,督促相关公共企事业单位研究制订具体实施细则。",
            "11月底前",
        ]
        + ["2021-11-30", "", "false", "responsible", "各相关单位", "due", "60", "may_apply"]
        + ["", ""],
    ]


def test_markdown_table(gongkai: Gongkai) -> None:
    result = gongkai("due", "--unit", "长宁区政府", "--before", "2021-03-31", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout == (
        "### 长宁区政府 应办任务（截止日期 2021-03-31 前；状态截至 2021-06-15）\n"
        "\n"
        "| 序号 | 任务名称 | 任务内容 | 角色 | 时间节点 | 截止 | 状态 |\n"
        "|---:|---|---|---|---|---|---|\n"
        "| 27 | 实行重大行政决策事项目录管理 | 确定并发布本单位重大行政决策事项目录,后续根据决策"
        "事项的推进情况,以目录归集的方式对各项信息进行超链接展示。 | 负责 经 各区政府 | 3月底前"
        " | 2021-03-31 | 逾期 76 天 |\n"
        "| 99 | 制订年度政务公开工作要点 | 结合实际,制订本单位年度政务公开工作要点,并在本工作要点"
        "印发后30日内在本单位门户网站公开,落实情况也要向社会公开。 | 负责 经 各区政府 | 3月底前"
        " | 2021-03-31 | 逾期 76 天 |\n"
        "\n"
        "共 2 项：牵头 0，负责 2，配合 0 · 逾期 2 · 可能适用 0  \n"
        "所属集合：各区政府\n"
    )


def test_ics_parses_back_with_one_event_per_task(gongkai: Gongkai) -> None:
    import datetime as dt

    from icalendar import Calendar

    args = ["due", "--unit", "长宁区政府", "--before", "2021-08-31", "--format", "ics"]
    first = gongkai(*args)
    assert first.exit_code == 0
    calendar = Calendar.from_ical(first.stdout_bytes)
    events = calendar.walk("VEVENT")
    answer = due_json(gongkai, "--unit", "长宁区政府", "--before", "2021-08-31")
    assert len(events) == len(answer["tasks"]) == 7
    by_summary = {str(e["SUMMARY"]): e for e in events}
    window = by_summary["[负责] 任务33 办好政府开放活动"]
    assert window.decoded("DTSTART") == dt.date(2021, 8, 1)
    assert window.decoded("DTEND") == dt.date(2021, 9, 1)
    support = by_summary["[配合] 任务19 试行人才政策及解读材料精准推送"]
    assert support.decoded("DTSTART") == dt.date(2021, 6, 30)
    assert "本单位角色：配合\n" in str(support["DESCRIPTION"])
    # UIDs are stable from one run to the next, and unique.
    again = Calendar.from_ical(gongkai(*args).stdout_bytes)
    uids = [str(e["UID"]) for e in events]
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    # RFC 5545 3.1: lines end in CRLF and are folded at 75 octets.
    lines = first.stdout_bytes.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b""
    assert max(len(line) for line in lines) <= 75


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--unit", "市教育局"],
            "Error: unknown unit '市教育局'; did you mean 市教委 or 市体育局? "
            "('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n",
        ),
        (
            ["--unit", "xyz"],
            "Error: unknown unit 'xyz' ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n",
        ),
        (
            ["--unit", "区"],
            "Error: unit '区' is ambiguous: it could be 各区政府、嘉定区政府、奉贤区政府、"
            "宝山区政府、崇明区政府、徐汇区政府、普陀区政府、杨浦区政府\n",
        ),
        (
            ["--unit", "市教委", "--before", "2021-02-30"],
            "Error: invalid date '2021-02-30' for --before: day is out of range for month\n",
        ),
        (
            ["--unit", "市教委", "--after", "June 30"],
            "Error: invalid date 'June 30' for --after: "
            "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日\n",
        ),
        (
            ["--unit", "市档案局", "--member-of", "市教委"],
            "Error: 市教委 is not a collective (see 'gongkai units')\n",
        ),
        (
            ["--unit", "市教委", "--role", "boss"],
            "Error: Invalid value for '--role': 'boss' is not one of 'lead', 'responsible', "
            "'support'. (see 'gongkai due --help')\n",
        ),
        (
            ["--before", "2021-06-30"],
            "Error: Missing option '--unit' / '-u'. (see 'gongkai due --help')\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(gongkai: Gongkai, args: list[str], message: str) -> None:
    result = gongkai("due", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_bad_gongkai_today_is_bad_input(gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "tomorrow")
    result = gongkai("due", "--unit", "市教委")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: invalid date 'tomorrow' for GONGKAI_TODAY: "
        "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日\n"
    )


def test_owes_for_one_unit(gongkai: Gongkai) -> None:
    result = gongkai("owes", "--unit", "长宁区政府")
    assert result.exit_code == 0
    assert result.stdout == (
        "长宁区政府 各月到期任务数（按截止日期所在月份）\n"
        "月份   牵头   负责   配合   合计   可能适用\n"
        "───────────────────────────────────────────\n"
        " 3月      0      2      0      2          0\n"
        "4月†      0      1      0      1          0\n"
        " 6月      0      2      1      3          0\n"
        " 8月      0      1      0      1          0\n"
        " 9月      0      5      0      5          0\n"
        "10月      0      1      0      1          0\n"
        "11月      1      8      0      9          1\n"
        "12月      0     26      0     26          0\n"
        "共 48 项：牵头 1，负责 46，配合 1 · 可能适用 1\n"
        "† 4月含序号 12（原定 2021-02-28）：gongkai 约定，文件未规定：时间节点早于印发日\n"
        "期 2021-03-17（印发前已到期），截止日按印发后30日计；--no-grace 则按原定日期计\n"
    )


def test_owes_matrix_agrees_with_due_for_every_unit(gongkai: Gongkai) -> None:
    result = gongkai("owes", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["units"]
    assert len(rows) == len(units_in_data())
    for row in rows:
        kind = dict(units_in_data())[row["unit"]]
        owed, _ = expected_for(row["unit"], kind)
        assert row["total"] == len(owed) == sum(row[str(m)] for m in range(1, 13))


def test_owes_matrix_fits_80_columns(gongkai: Gongkai) -> None:
    from gongkai_cli.render.text import width

    result = gongkai("owes")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "各单位各月到期任务数",
        "单位                 1月 2月 3月 4月† 5月 6月 7月 8月 9月 10月 11月 12月 合计",
        "─" * 77,
        "市政府办公厅           0   0   1    1   0   1   0   1   4    0    1    7   16",
    ]
    assert max(width(line) for line in lines) <= 80


def test_a_today_after_the_plans_year_is_noted_on_stderr(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2026-11-26")
    result = gongkai("due", "--unit", "市教委", "--before", "2021-03-31")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: statuses are as of today, 2026-11-26, after the plan's year 2021; "
        "use --as-of to see them as of another day\n"
    )
    assert "逾期 2066 天" in result.stdout
    explicit = gongkai("due", "--unit", "市教委", "--as-of", "2026-11-26")
    assert explicit.stderr == ""
