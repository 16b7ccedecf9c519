"""The plan commands through the command line: exact output and exit codes.

validate, tasks, show, units, schema, --version, --data and GONGKAI_DATA, and
the plan cache behind them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.errors import UsageError
from gongkai_cli.plan import load as plan_module
from gongkai_cli.plan.load import load_plan
from gongkai_cli.render.text import width

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The body paragraph 一、(一), as the source prints it on two pages, joined.
PARAGRAPH_1_1 = (
    "(一)规范政务信息管理。政府网站引用或登载行政法规的,要对照中国政府法制信息网行政法规库的国家正式版本,及时更新完善。推进政府规章和行政规范性文件统一公开,系统清理本行政机关现行有效的规章和行政规范性文件,通过政府网站的政府信息公开专栏集中公开。严格落实公文公开属性源头审查和公开前发布审查工作机制,市政府各部门报请市政府或市政府办公"
    "厅发文的，须填写《公文公开发布意见单》，明确相关公开要求，并同步报送政策解读稿件，对缺项的原则上予以退文。依托“中国上海”门户网站，建立全市统一的政府公文库，实现主动公开的政府公文“一站通查”。各区政府、市政府各部门要对2010年以来本单位未开展过公文公开属性源头认定的政府公文开展全面梳理和属性认定工作，整理形成涵盖本级政府和本系统政府公文的重点制度文件汇编，并在本单位网站的政府信息公开专栏的“政策文件”栏目集中公开。围绕企业群众创业办事需求，强化“一类事”政策文件主题分类，提高分类的精准性和查阅的便捷性。"
)
ROW_6_CONTENT = "对2010年以来本单位未开展过公文公开属性源头认定的政府公文开展全面梳理和属性认定工作,整理形成涵盖本级政府和本系统政府公文的重点制度文件汇编并在统一政府信息公开平台中的“政策文件”栏目集中公开,强化“一类事”政策文件主题分类。"
ROW_6_REASON = "时间节点单元格为空，是原表格的合并单元格。第6行续接第5项任务（规范政府公文管理，其任务名称单元格同样为空），故适用第5行合并单元格中的“9月底前”。正文一、(一)未对此项工作另定时间。"
ROW_19_CONTENT = "探索人才政策的精准测算和推送工作。在有条件的区试点人才政策“计算器”,探索将市、区人才政策分解为创新创业支持、人才认定评价等项目,并转化为机器算法,实现人才政策叠加组合产业和科创政策的“一键试算”、“一屏展示”,通过“一网通办”企业专属网页实现人才政策的精准测算和推送。"
ROW_33_CONTENT = "将8月确定为全市政府开放月,各区政府、市政府各部门要加强统筹协调,集中在本月组织以公共管理机构、公共服务场所为主的线下系列主题开放活动,形成规模效应。"

TASK_6 = {
    "seq": 6,
    "name": "规范政府 公文管理",
    "name_source": "merged_above",
    "content": ROW_6_CONTENT,
    "responsible": "市政府各部门、各区政府",
    "assignments": [
        {"unit": "市政府各部门", "role": "responsible"},
        {"unit": "各区政府", "role": "responsible"},
    ],
    "time_node": "",
    "due": "2021-09-30",
    "window_start": None,
    "all_year": False,
    "section": "一、(一)",
    "page": 1,
    "deadline": {
        "kind": "date",
        "due": "2021-09-30",
        "window_start": None,
        "occurrences": [],
        "milestones": [],
        "event": None,
        "offset": None,
        "working_days": False,
        "text": "",
    },
    "decisions": [{"field": "time_node", "value": "9月底前", "reason": ROW_6_REASON}],
    "targets": [],
}
TASK_19 = {
    "seq": 19,
    "name": "试行人才政策及解读材料精准推送",
    "name_source": "cell",
    "content": ROW_19_CONTENT,
    "responsible": "市人力资源社会保障局负责,长宁区政府、市大数据中心配合",
    "assignments": [
        {"unit": "市人力资源社会保障局", "role": "responsible"},
        {"unit": "长宁区政府", "role": "support"},
        {"unit": "市大数据中心", "role": "support"},
    ],
    "time_node": "6月底前",
    "due": "2021-06-30",
    "window_start": None,
    "all_year": False,
    "section": "二、(一)",
    "page": 2,
    "deadline": {
        "kind": "date",
        "due": "2021-06-30",
        "window_start": None,
        "occurrences": [],
        "milestones": [],
        "event": None,
        "offset": None,
        "working_days": False,
        "text": "6月底前",
    },
    "decisions": [],
    "targets": [],
}
TASK_33 = {
    "seq": 33,
    "name": "办好政府开放活动",
    "name_source": "merged_above",
    "content": ROW_33_CONTENT,
    "responsible": "市政府办公厅牵头,市政府各部门、各区政府负责",
    "assignments": [
        {"unit": "市政府办公厅", "role": "lead"},
        {"unit": "市政府各部门", "role": "responsible"},
        {"unit": "各区政府", "role": "responsible"},
    ],
    "time_node": "8月份",
    "due": "2021-08-31",
    "window_start": "2021-08-01",
    "all_year": False,
    "section": "三、(三)",
    "page": 4,
    "deadline": {
        "kind": "window",
        "due": "2021-08-31",
        "window_start": "2021-08-01",
        "occurrences": [],
        "milestones": [],
        "event": None,
        "offset": None,
        "working_days": False,
        "text": "8月份",
    },
    "decisions": [],
    "targets": [],
}
DISTRICTS = [
    "黄浦区政府", "徐汇区政府", "长宁区政府", "静安区政府", "普陀区政府", "虹口区政府",
    "杨浦区政府", "闵行区政府", "宝山区政府", "嘉定区政府", "浦东新区政府", "金山区政府",
    "松江区政府", "青浦区政府", "奉贤区政府", "崇明区政府",
]  # fmt: skip


def ok(result: Any) -> str:
    """stdout of a run that must succeed without a word on stderr."""
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return str(result.stdout)


def fails(result: Any, code: int) -> str:
    """The one line on stderr of a run that must fail with `code` and print no data."""
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    return str(result.stderr)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "plan"))


# validate


def test_validate_the_shipped_plan(gongkai: Gongkai) -> None:
    result = gongkai("validate")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("ok: 99 tasks and 61 units in ")
    assert Path(result.stderr.removeprefix("ok: 99 tasks and 61 units in ").strip()).is_dir()


def test_validate_a_copy_names_its_directory(gongkai: Gongkai, data_copy: Path) -> None:
    result = gongkai("validate", "--data", str(data_copy))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"ok: 99 tasks and 61 units in {data_copy}\n",
    )


# tasks


def tasks_json(gongkai: Gongkai, *args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(gongkai("tasks", "--format", "json", *args)))
    return data


def test_tasks_json_top_level(gongkai: Gongkai) -> None:
    data = tasks_json(gongkai)
    assert list(data) == ["document", "tasks"]
    document = data["document"]
    assert list(document) == [
        "number", "title", "issuer", "issued", "year", "addressees", "source",
        "chapters", "paragraphs", "decisions",
    ]  # fmt: skip
    assert (document["number"], document["title"], document["issuer"]) == (
        "沪府办〔2021〕21号",
        "2021年上海市政务公开工作要点",
        "上海市人民政府办公厅",
    )
    assert (document["issued"], document["year"]) == ("2021-03-17", 2021)
    assert [task["seq"] for task in data["tasks"]] == list(range(1, 100))


@pytest.mark.parametrize("expected", [TASK_6, TASK_19, TASK_33], ids=lambda t: f"task {t['seq']}")
def test_tasks_json_task(gongkai: Gongkai, expected: dict[str, Any]) -> None:
    assert tasks_json(gongkai)["tasks"][expected["seq"] - 1] == expected


def test_tasks_json_names_units_canonically(gongkai: Gongkai) -> None:
    tasks = tasks_json(gongkai)["tasks"]
    # row 23 writes 区政府, row 69 市农委: the cell stays verbatim, the unit is canonical
    assert tasks[22]["responsible"] == "市政府各部门、区政府"
    assert tasks[22]["assignments"][1] == {"unit": "各区政府", "role": "responsible"}
    assert tasks[68]["responsible"] == "市财政局、市农委、各区政府"
    assert tasks[68]["assignments"][1] == {"unit": "市农业农村委", "role": "responsible"}


def test_tasks_csv(gongkai: Gongkai) -> None:
    lines = ok(gongkai("tasks", "--format", "csv")).split("\n")
    assert (
        lines[0]
        == "seq,name,name_source,content,responsible,assignments,time_node,due,window_start,all_year,section,page,due_as_written,due_convention"
    )
    assert len(lines) == 101 and lines[-1] == ""
    assert (
        lines[6]
        == f'6,规范政府 公文管理,merged_above,"{ROW_6_CONTENT}",市政府各部门、各区政府,市政府各部门:responsible;各区政府:responsible,,2021-09-30,,false,一、(一),1,,'
    )
    assert (
        lines[19]
        == f'19,试行人才政策及解读材料精准推送,cell,"{ROW_19_CONTENT}","市人力资源社会保障局负责,长宁区政府、市大数据中心配合",市人力资源社会保障局:responsible;长宁区政府:support;市大数据中心:support,6月底前,2021-06-30,,false,二、(一),2,,'
    )
    assert (
        lines[33]
        == f'33,办好政府开放活动,merged_above,"{ROW_33_CONTENT}","市政府办公厅牵头,市政府各部门、各区政府负责",市政府办公厅:lead;市政府各部门:responsible;各区政府:responsible,8月份,2021-08-31,2021-08-01,false,三、(三),4,,'
    )
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert [row["seq"] for row in rows] == [str(seq) for seq in range(1, 100)]


def test_tasks_table_at_80_columns(gongkai: Gongkai) -> None:
    out = ok(gongkai("tasks")).split("\n")
    # 责任单位 is a list of names, never broken inside one (16项民心工程的市政府牵头部门 is
    # 28 cells): the table is narrowed to one-space gaps, 序号 wrapped over its values.
    assert out[:17] == [
        "2021年上海市政务公开工作要点（沪府办〔2021〕21号） 任务分解表",
        "序 任务名称                  责任单位                     时间节点    截止",
        "号",
        "─" * 80,
        " 1 规范行政法规权威文本使用  各区政府、市政府各部门       全年        2021-12-31",
        " 2 推进政府规章统一公开      市司法局                     上半年      2021-06-30",
        " 3 推进行政规范性统一公开    各区政府、市政府各部门       10月底前    2021-10-31",
        " 4 落实公文公开属性源头审查  市政府各部门                 全年        2021-12-31",
        "   和公开前发布审查工作机制",
        " 5 规范政府公文管理          市政府办公厅、市大数据中心   9月底前     2021-09-30",
        " 6 规范政府公文管理          市政府各部门、各区政府       （9月底前） 2021-09-30",
        " 7 做好法定公开内容的日常维  市政府各部门、各区政府       全年        2021-12-31",
        "   护",
        " 8 做好法定公开内容的日常维  市政府各部门、各区政府       上半年      2021-06-30",
        "   护",
        " 9 做好法定公开内容的日常维  市政府办公厅牵头,            全年        2021-12-31",
        "   护                        市政府各部门、各区政府负责",
    ]
    # 11 and 12 (2月底前) are 印发前已到期：due as `due` and the calendar date them, marked,
    # with the day as written beside it (the grace is gongkai's, the footnote says)
    assert out[19:25] == [
        "11 加强信息处理费收费管理    市政府办公厅、市财政局、     2月底前†    2021-04-16",
        "                             市发展改革委                             原定",
        "                                                                      2021-02-28",
        "12 加强信息处理费收费管理    市政府各部门、各区政府       2月底前†    2021-04-16",
        "                                                                      原定",
        "                                                                      2021-02-28",
    ]
    assert out[-5:] == [
        "99 制订年度政务公开工作要点  市政府各部门、各区政府       3月底前     2021-03-31",
        "99 项任务",
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截",
        "止日按印发后30日计；--no-grace 则按原定日期计",
        "",
    ]
    assert all(width(line) <= 80 for line in out)


def test_show_dates_a_pre_issue_task_as_due_does(gongkai: Gongkai) -> None:
    out = ok(gongkai("show", "12")).split("\n")
    assert out[7:11] == [
        "时间节点        2月底前",
        "截止日期        2021-04-16†（原定 2021-02-28）",
        "                † gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印",
        "                发前已到期），截止日按印发后30日计；--no-grace 则按原定日期计",
    ]


# show

SHOW_6 = f"""\
任务 6：规范政府公文管理
序号                6（附件第 1 页）
任务名称            规范政府公文管理（合并单元格，沿用上行）
任务内容            {ROW_6_CONTENT}
责任单位            市政府各部门、各区政府
分工                市政府各部门 负责
                    各区政府 负责
时间节点            （空白单元格，按决定取 9月底前）
截止日期            2021-09-30
正文 一、(一)       {PARAGRAPH_1_1}
决定（time_node）   9月底前
                    理由：{ROW_6_REASON}
"""

SHOW_39 = """\
任务 39：推进标准化规范化工作向村居和公共企事业单位延伸
序号            39（附件第 5 页）
任务名称        推进标准化规范化工作向村居和公共企事业单位延伸（合并单元格，沿用下行）
任务内容        指导各村(居)委会公开包括集体资产管理、财务收支、乡村振兴、为老服务、社会救助等内容的基层自治信息,全面推进本区村(居)务公开标准化规范化建设。
责任单位        市民政局、各区政府牵头,各相关单位负责
分工            市民政局 牵头
                各区政府 牵头
                各相关单位 负责
时间节点        11月底前
截止日期        2021-11-30
正文 四、(三)   (三)推进标准化规范化工作向村居和公共企事业单位延伸。加强政务公开与村(居)务公开在形式、内容、标准上的有效衔接,市民政局和各区政府要强化统筹指导,通过出台指导意见、制订通用标准目录模板等方式,指导各村(居)委会公开包括集体资产管理、财务收支、乡村振兴、为老服务、社会救助等内容的基层自治信息,全面推进本区村(居)务公开标准化规范化建设。教育、卫生健康、供水、供电、供气、供热、环境保护、公共交通等行业市级主管部门和市国资委要按照“谁主管、谁负责”的原则,在国务院主管部门出台相应领域的公共企事业单位信息公开规定后,列出本系统范围内的适用主体清单,督促相关公共企事业单位研究制订具体实施细则,依法全面公开各类服务信息。
决定（name）    推进标准化规范化工作向村居和公共企事业单位延伸
                理由：任务名称单元格为空。第39行的内容是村(居)务公开，属正文四、(三)“推进标准化规范化工作向村居和公共企事业单位延伸”，即第40行写明的名称；上方第38行属于四、(二)（26个试点领域）。原表的合并单元格跨第39、40行，文字印在下面的第40行。同页第37、38行的合并单元格文字也印在下行；第37行取上行或下行名称结果相同，故仍记为沿用上行。
"""

SHOW_33 = f"""\
任务 33：办好政府开放活动
序号            33（附件第 4 页）
任务名称        办好政府开放活动（合并单元格，沿用上行）
任务内容        {ROW_33_CONTENT}
责任单位        市政府办公厅牵头,市政府各部门、各区政府负责
分工            市政府办公厅 牵头
                市政府各部门 负责
                各区政府 负责
时间节点        8月份
截止日期        2021-08-01 至 2021-08-31（窗口期）
"""


@pytest.mark.parametrize(
    ("seq", "expected"), [(6, SHOW_6), (39, SHOW_39)], ids=["show 6", "show 39"]
)
def test_show_in_full_on_a_wide_terminal(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, seq: int, expected: str
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # no wrapping: every field on its own lines
    assert ok(gongkai("show", str(seq))) == expected


def test_show_33_window(gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    out = ok(gongkai("show", "33"))
    assert out.startswith(SHOW_33)
    assert out[len(SHOW_33) :].startswith("正文 三、(三)   (三)办好政府开放活动。")


def test_show_all_year_task(gongkai: Gongkai) -> None:
    out = ok(gongkai("show", "9"))
    assert "截止日期        2021-12-31（全年任务，年底为限）\n" in out
    assert "分工            市政府办公厅 牵头\n                市政府各部门 负责\n" in out


def test_show_names_the_spelling_the_cell_uses(gongkai: Gongkai) -> None:
    out = ok(gongkai("show", "69"))
    assert (
        "分工            市财政局 负责\n                市农业农村委 负责（写作 市农委）\n" in out
    )


def test_show_6_at_80_columns_wraps_every_field_without_losing_a_character(
    gongkai: Gongkai,
) -> None:
    out = ok(gongkai("show", "6")).split("\n")
    assert out[:11] == [
        "任务 6：规范政府公文管理",
        "序号                6（附件第 1 页）",
        "任务名称            规范政府公文管理（合并单元格，沿用上行）",
        "任务内容            对2010年以来本单位未开展过公文公开属性源头认定的政府公文开展",
        "                    全面梳理和属性认定工作,整理形成涵盖本级政府和本系统政府公文",
        "                    的重点制度文件汇编并在统一政府信息公开平台中的“政策文件”栏目",
        "                    集中公开,强化“一类事”政策文件主题分类。",
        "责任单位            市政府各部门、各区政府",
        "分工                市政府各部门 负责",
        "                    各区政府 负责",
        "时间节点            （空白单元格，按决定取 9月底前）",
    ]
    # Joined again, the wrapped lines of a field are its text, not a character lost.
    fields = show_fields(out[1:], value_column=20)
    assert fields["任务内容"] == ROW_6_CONTENT
    assert fields["正文 一、(一)"] == PARAGRAPH_1_1


def show_fields(lines: list[str], value_column: int) -> dict[str, str]:
    """label -> value of `show` output, a value's wrapped lines joined with nothing."""
    fields: dict[str, str] = {}
    label = ""
    for line in lines:
        if line.startswith(" " * value_column):
            fields[label] += line[value_column:]
        elif line:
            labelled = re.fullmatch(r"(\S.*?) {3,}(\S.*)", line)
            assert labelled, line
            label, fields[label] = labelled.groups()
    return fields


def test_show_fits_80_columns_and_never_starts_a_line_with_closing_punctuation(
    gongkai: Gongkai,
) -> None:
    for seq in range(1, 100):
        lines = ok(gongkai("show", str(seq))).split("\n")
        assert max(width(line) for line in lines) <= 80, seq
        starts = [line.lstrip()[:1] for line in lines if line.startswith(" ")]
        assert not set(starts) & set("，。、；：？！）》”"), seq


def test_show_json(gongkai: Gongkai) -> None:
    data = json.loads(ok(gongkai("show", "6", "--format", "json")))
    assert data == {**TASK_6, "section_text": PARAGRAPH_1_1}


def test_show_csv(gongkai: Gongkai) -> None:
    out = ok(gongkai("show", "33", "--format", "csv"))
    assert out.split("\n")[1].startswith(f'33,办好政府开放活动,merged_above,"{ROW_33_CONTENT}",')
    assert out.count("\n") == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "0"], "Error: no task 0: the plan's tasks run 1..99\n"),
        (["show", "100"], "Error: no task 100: the plan's tasks run 1..99\n"),
        (
            ["show", "x"],
            "Error: Invalid value for 'seq': 'x' is not a valid int. (see 'gongkai show --help')\n",
        ),
        (["show"], "Error: Missing argument 'seq'. (see 'gongkai show --help')\n"),
        (
            ["show", "6", "7"],
            "Error: Got unexpected extra argument(s) (7) (see 'gongkai show --help')\n",
        ),
        (["--bogus"], "Error: No such option: --bogus (see 'gongkai --help')\n"),
        # Not --bogus: click would suggest --long, an option like it.
        (
            ["tasks", "--zzz"],
            "Error: No such option: --zzz (see 'gongkai tasks --help')\n",
        ),
        (
            ["tasks", "--format", "xml"],
            "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'csv'. (see 'gongkai tasks --help')\n",
        ),
        (["nonsense"], "Error: No such command 'nonsense'. (see 'gongkai --help')\n"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_usage_errors_exit_2_with_one_line(gongkai: Gongkai, args: list[str], message: str) -> None:
    assert fails(gongkai(*args), 2) == message


# units


def test_units_json(gongkai: Gongkai) -> None:
    data = json.loads(ok(gongkai("units", "--format", "json")))
    assert list(data) == ["units"]
    units = {unit["name"]: unit for unit in data["units"]}
    assert len(units) == len(data["units"]) == 61
    assert units["各区政府"] == {
        "name": "各区政府",
        "full_name": None,
        "kind": "collective",
        "aliases": ["各区人民政府", "区政府"],
        "members": DISTRICTS,
        "resolved": True,
        "named_in_document": True,
        "may_include": [],
        "judgements": [],
        "note": "上海市16个区。文件对同一批主送单位写作各区政府、各区人民政府（第70、74、82、84行及通知主送）和区政府（第23至25、27、28行）。",
    }
    assert all(units[name]["kind"] == "district_government" for name in DISTRICTS)
    assert units["市教委"]["full_name"] == "上海市教育委员会"
    assert units["市农业农村委"]["aliases"] == ["市农委"]
    unresolved = {name: u["members"] for name, u in units.items() if not u["resolved"]}
    assert unresolved == {"各相关单位": [], "16项民心工程的市政府牵头部门": []}
    departments = units["市政府各部门"]["members"]
    assert all(units[m]["kind"] == "municipal_department" for m in departments)
    judged = {j["unit"]: j["member"] for j in units["市政府各部门"]["judgements"]}
    assert judged["市大数据中心"] is False and "市大数据中心" not in departments
    assert judged["市税务局"] is True and "市税务局" in departments


def test_units_csv_header(gongkai: Gongkai) -> None:
    lines = ok(gongkai("units", "--format", "csv")).split("\n")
    assert lines[0] == "name,full_name,kind,aliases,members,resolved,note"
    assert lines[1].startswith("各区政府,,collective,各区人民政府;区政府,黄浦区政府;徐汇区政府;")
    assert len(lines) == 63


def test_units_table_header(gongkai: Gongkai) -> None:
    lines = ok(gongkai("units")).split("\n")
    # Narrowed so that no unit name breaks: 类型来源 wraps over its values (登记表).
    assert lines[0].split() == ["名称", "全称", "类型", "层级", "类型来", "别名"]
    assert lines[1].split() == ["源"]
    # The place comes from the issuer: the 2021 plan does not write it (issue 17 item 7).
    assert lines[-2] == "上海市（市级） · 61 个单位"


# schema


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    defs = schema["$defs"]
    return [("(top)", schema)] + [(n, d) for n, d in defs.items() if d.get("type") == "object"]


def test_schema(gongkai: Gongkai) -> None:
    schemas = json.loads(ok(gongkai("schema")))
    assert list(schemas) == [
        "tasks.yaml", "units.yaml", "rules.yaml", "holidays.yaml", "progress.yaml",
    ]  # fmt: skip
    for name in ("rules", "holidays", "progress"):
        alone = json.loads(ok(gongkai("schema", name)))
        assert alone == schemas[f"{name}.yaml"]
        for definition_name, definition in _objects(alone):
            assert definition["additionalProperties"] is False, (name, definition_name)
    tasks, units = schemas["tasks.yaml"], schemas["units.yaml"]
    assert [name for name, _ in _objects(tasks)] == [
        "(top)", "Assignment", "Chapter", "Deadline", "Decision", "Document", "Milestone",
        "Paragraph", "Target", "Task",
    ]  # fmt: skip
    assert [name for name, _ in _objects(units)] == ["(top)", "Judgement", "Unit"]
    for name, definition in _objects(tasks) + _objects(units):
        assert definition["additionalProperties"] is False, name
    assert tasks["$defs"]["Role"]["enum"] == ["lead", "responsible", "support"]
    assert units["$defs"]["UnitKind"]["enum"] == [
        "municipal_department", "district_government", "government_office",
        "public_institution", "state_owned_enterprise", "collective",
        "district_department", "subdistrict_office", "town_government", "park_committee",
        "enterprise", "institution", "provincial_department", "city_government",
        "internal_office",
    ]  # fmt: skip
    # An annex-table plan still requires page, name, name_source, assignments, time_node,
    # deadline and section (checked by layout, tests/test_validation.py); an item may omit them.
    assert tasks["$defs"]["Task"]["required"] == ["seq", "content", "responsible"]
    assert tasks["$defs"]["Layout"]["enum"] == ["annex-table", "items"]
    assert tasks["$defs"]["DeadlineKind"]["enum"] == [
        "date", "window", "all-year", "ongoing", "recurring", "milestones", "relative",
        "unstated",
    ]  # fmt: skip


# --version, python -m


def test_version(gongkai: Gongkai) -> None:
    assert ok(gongkai("--version")) == "gongkai 0.1.0\n"


def test_python_m_gongkai_cli(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai_cli", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "gongkai 0.1.0\n", "")


# --data and GONGKAI_DATA


def test_data_option_loads_a_copy(gongkai: Gongkai, data_copy: Path) -> None:
    tasks_yaml = data_copy / "tasks.yaml"
    text = tasks_yaml.read_text(encoding="utf-8")
    tasks_yaml.write_text(
        text.replace('title: "2021年上海市政务公开工作要点"', 'title: "某区要点"')
    )
    copied = tasks_json(gongkai, "--data", str(data_copy))
    assert copied["document"]["title"] == "某区要点"
    shipped = tasks_json(gongkai)
    assert shipped["document"]["title"] == "2021年上海市政务公开工作要点"
    assert copied["tasks"] == shipped["tasks"]


def test_data_option_on_an_empty_directory(gongkai: Gongkai, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    message = fails(gongkai("tasks", "--data", str(empty)), 2)
    assert message == f"Error: {empty}/tasks.yaml: no such file (is --data / GONGKAI_DATA right?)\n"


def test_data_option_on_a_file(gongkai: Gongkai) -> None:
    message = fails(gongkai("tasks", "--data", str(DATA / "tasks.yaml")), 2)
    assert (
        message
        == f"Error: Invalid value for '--data' (env var: 'GONGKAI_DATA'): Directory '{DATA / 'tasks.yaml'}' is a file. (see 'gongkai tasks --help')\n"
    )


def test_environment_variable(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path
) -> None:
    tasks_yaml = data_copy / "tasks.yaml"
    text = tasks_yaml.read_text(encoding="utf-8")
    tasks_yaml.write_text(
        text.replace('title: "2021年上海市政务公开工作要点"', 'title: "某区要点"')
    )
    monkeypatch.setenv("GONGKAI_DATA", str(data_copy))
    assert tasks_json(gongkai)["document"]["title"] == "某区要点"
    # --data wins over the environment
    monkeypatch.setenv("GONGKAI_DATA", str(tmp_path / "nowhere"))
    assert (
        tasks_json(gongkai, "--data", str(DATA))["document"]["title"]
        == "2021年上海市政务公开工作要点"
    )
    message = fails(gongkai("tasks"), 2)
    assert (
        message
        == f"Error: {tmp_path}/nowhere/tasks.yaml: no such file (is --data / GONGKAI_DATA right?)\n"
    )


# The plan cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(directory))
    return directory


def _no_validation(*args: Any) -> Any:
    raise AssertionError("validated again: the cache was not used")


def test_a_second_load_comes_from_the_cache(
    cache: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_plan(data_copy)
    assert len(list(cache.glob("*.json"))) == 1
    monkeypatch.setattr(plan_module, "_validate", _no_validation)
    second = load_plan(data_copy)
    assert second == first and second is not first


def test_an_edited_file_is_validated_again(
    cache: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_plan(data_copy)
    tasks_yaml = data_copy / "tasks.yaml"
    text = tasks_yaml.read_text(encoding="utf-8")
    tasks_yaml.write_text(text.replace("疏散能力", "疏解能力。"), encoding="utf-8")
    assert load_plan(data_copy).tasks[76].content.endswith("提高交通引导和疏解能力。。")


def test_a_warm_load_does_not_import_pydantic(cache: Path, data_copy: Path) -> None:
    load_plan(data_copy)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gongkai_cli.plan.load import load_plan\n"
        f"plan = load_plan(Path({str(data_copy)!r}))\n"
        "print(len(plan.tasks), plan.tasks[5].deadline.due, 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "GONGKAI_CACHE_DIR": str(cache)},
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "99 2021-09-30 False\n", "")


@pytest.mark.parametrize(
    "junk", [b"", b"not a pickle", b"\x80\x05K\x01."], ids=["empty", "junk", "an int"]
)
def test_a_corrupted_cache_file_is_ignored_and_rebuilt(
    cache: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, junk: bytes
) -> None:
    first = load_plan(data_copy)
    (cache_file,) = cache.glob("*.json")
    cache_file.write_bytes(junk)
    assert load_plan(data_copy) == first
    monkeypatch.setattr(plan_module, "_validate", _no_validation)
    assert load_plan(data_copy) == first  # rebuilt by the load before


def test_an_edit_hidden_by_a_restored_mtime_is_still_seen(cache: Path, data_copy: Path) -> None:
    load_plan(data_copy)
    tasks_yaml = data_copy / "tasks.yaml"
    before = tasks_yaml.stat()
    text = tasks_yaml.read_text(encoding="utf-8")
    # Same size, same modification time (as cp -p or rsync -t leave it): only the bytes differ.
    tasks_yaml.write_text(text.replace("疏散能力", "疏解能力"), encoding="utf-8")
    os.utime(tasks_yaml, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert tasks_yaml.stat().st_size == before.st_size
    assert load_plan(data_copy).tasks[76].content.endswith("提高交通引导和疏解能力。")


def test_both_files_are_reported_when_one_is_not_utf8(gongkai: Gongkai, data_copy: Path) -> None:
    (data_copy / "tasks.yaml").write_bytes(b"\xff\xfe not utf-8")
    units = data_copy / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "extra: 1\n", encoding="utf-8")
    result = gongkai("validate", "--data", str(data_copy))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "Error: invalid data (2 problems):",
        f"{data_copy}/tasks.yaml:1: the file is not UTF-8 (byte 0xFF at column 1)",
        f"{data_copy}/units.yaml:{len(units.read_text(encoding='utf-8').splitlines())}: extra: "
        "unknown field (not in the schema; see 'gongkai schema')",
    ]


def test_no_command_prints_the_help_and_exits_2(gongkai: Gongkai) -> None:
    result = gongkai()
    assert result.exit_code == 2
    assert "Usage: gongkai [OPTIONS] COMMAND [ARGS]..." in result.stdout
    assert "Error" not in result.stdout + result.stderr


@pytest.mark.parametrize(("value", "traceback"), [("0", False), ("", False), ("1", True)])
def test_gongkai_debug_shows_a_traceback_only_when_set(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, value: str, traceback: bool
) -> None:
    monkeypatch.setenv("GONGKAI_DEBUG", value)
    if traceback:  # the error itself escapes, for its traceback
        with pytest.raises(UsageError):
            gongkai("show", "100")
    else:
        assert gongkai("show", "100") == (2, "", "Error: no task 100: the plan's tasks run 1..99\n")


def test_tasks_and_show_json_date_a_pre_issue_task_as_due_does(gongkai: Gongkai) -> None:
    # `due` is the day every command judges 12 by; `deadline` stays the time node's reading.
    pre_issue = {
        "due_as_written": "2021-02-28",
        "issued": "2021-03-17",
        "grace": "印发后30日",
        "grace_days": 30,
        "convention": "gongkai 约定，文件未规定",
    }
    task12 = tasks_json(gongkai)["tasks"][11]
    assert (task12["due"], task12["pre_issue"], task12["deadline"]["due"]) == (
        "2021-04-16",
        pre_issue,
        "2021-02-28",
    )
    assert "pre_issue" not in tasks_json(gongkai)["tasks"][12]
    shown = json.loads(ok(gongkai("show", "12", "--format", "json")))
    assert (shown["due"], shown["pre_issue"]) == ("2021-04-16", pre_issue)
    lines = ok(gongkai("tasks", "--format", "csv")).split("\n")
    assert lines[12].startswith("12,") and ",2月底前,2021-04-16," in lines[12]
