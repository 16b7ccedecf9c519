"""`gongkai import` of items plans as offices receive them (issue 18 items 5-8 and 10).

The sources are real openings of plans, pasted from their pages (tests/plans/received/,
copied from ../shared/plans/): a bare （units） bracket after each of several measures, the
role words 负责落实/分别负责落实, traditional characters, items with no units at all, page
junk, cited 文号, years the title does not give, and deadlines inside sentences. Each test
reads the draft as the office that received the plan would: title, 文号, issuer, year,
numbers, units and dates. The 责任单位 reader's own readings (kinds, expansions) are
tests/test_duty_cells.py's; here only what the items reader hands it is checked.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Gongkai
from gongkai_cli.plan.assignments import read_responsible
from gongkai_cli.plan.importing.items import Form, find_items
from gongkai_cli.plan.importing.notice import read_blocks, read_notice, read_page
from gongkai_cli.plan.importing.source import read_source

RECEIVED = Path(__file__).resolve().parent / "plans" / "received"
ITEM_FORMS = Path(__file__).resolve().parent / "data" / "item_forms.yaml"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _import(gongkai: Gongkai, tmp_path: Path, name: str, *args: str) -> tuple[Any, Path, Any]:
    """Import a received plan; (result, draft dir, tasks.yaml as data)."""
    out = tmp_path / name
    result = gongkai("import", str(RECEIVED / f"{name}.txt"), "--out", str(out), *args)
    return result, out, _load(out / "tasks.yaml") if (out / "tasks.yaml").exists() else None


def _task_points(result: Any, out: Path) -> list[str]:
    """The review points import lists for tasks.yaml, without the directory (the points
    on units.yaml are the unit registry's, tested with it)."""
    prefix = f"{out}/tasks.yaml:"
    return [
        line.removeprefix(f"{out}/")
        for line in result.stderr.splitlines()
        if line.startswith(prefix)
    ]


def _parts(plan: Any) -> list[tuple[str, str, str]]:
    return [(t["content"], t["responsible"], t.get("time_node", "")) for t in plan["tasks"]]


# --- several measures in one paragraph, each with its own bare bracket ----------------


def test_each_bare_bracket_of_a_paragraph_is_a_task_of_its_own(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2024-shanghai")
    assert result.exit_code == 3
    assert _task_points(result, out) == [
        "tasks.yaml:65: to decide: tasks.3.responsible: "
        "the source ends inside this item: its text is incomplete and has no bracket of responsible units; complete it from the source",
    ]
    document = plan["document"]
    assert (document["title"], document["number"], document["issuer"]) == (
        "2024年上海市政务公开工作要点",
        "沪府办字〔2024〕5号",
        "上海市人民政府办公厅",
    )
    assert (document["issued"], document["year"]) == (dt.date(2024, 3, 28), 2024)
    assert _parts(plan) == [
        (
            "深化政策集成式发布成果。夯实现有集成主题的内容建设和效果管理,加大文件“应归尽归”"
            "工作力度。各牵头部门加强主题库的维护更新与日常巡检,确保主题库归集政策的全面性、"
            "精准性。推动与国务院办公厅有关部门间的政策信息数据共享。",
            "市政府办公厅、市发展改革委、市经济信息化委、市教委、市民政局、市市场监管局、"
            "市房屋管理局、各有关单位、各区政府",
            "",
        ),
        (
            "围绕涉外政策等领域,推出市级门户集成发布的第二批政策主题,以“一件事、一类事”为视角"
            "做好跨层级、跨部门、跨区域政策的集中归集与展示。",
            "市政府办公厅、市政府外办、各有关单位、各区政府",
            "",
        ),
        (
            "探索运用人工智能、大数据等新技术对惠企政策进行拆解与整合,打造实用性强、服务面广的"
            "“政策服务包”。鼓励聚焦社会关切、结合自身职能,创新开展政策集成工作。",
            "各有关单位、各区政府",
            "",
        ),
        (
            "开展“政策解读提升年”活动。坚持政策解读与政策文件同步起草、同步审签、同步发布的"
            "“三同步”要求,将政策解读放到与政策制",
            "",
            "",
        ),
    ]
    assert [t["section"] for t in plan["tasks"]] == ["一、(一)"] * 3 + ["一、(二)"]
    # The paragraph the three measures come from stays in the body, verbatim.
    assert [p["id"] for p in document["paragraphs"]] == ["总体要求", "一、(一)", "一、(二)"]
    assert [a["unit"] for a in plan["tasks"][1]["assignments"]] == [
        "市政府办公厅",
        "市政府外办",
        "各有关单位",
        "各区政府",
    ]


def test_role_words_in_the_bracket_go_to_the_reader_with_the_units(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2018-beijing")
    assert result.exit_code == 3
    document = plan["document"]
    assert (document["title"], document["issuer"], document["year"]) == (
        "北京市2018年政务公开工作要点",
        "北京市人民政府办公厅",
        2018,
    )
    assert [t["responsible"] for t in plan["tasks"]] == [
        "市规划国土委负责落实",
        "市发展改革委、市经济信息化委、市环保局、市教委、市卫生计生委、市人力社保局分别负责落实",
        "市交通委负责落实",
        "市重大项目办、市体育局、市教委分别负责落实",
        "",
    ]
    assert plan["tasks"][3]["assignments"] == [
        {"unit": "市重大项目办", "role": "responsible"},
        {"unit": "市体育局", "role": "responsible"},
        {"unit": "市教委", "role": "responsible"},
    ]
    assert plan["tasks"][0]["content"].startswith("围绕抓好“三件大事”")  # the paragraph's title
    assert _task_points(result, out) == [
        "tasks.yaml:10: to check: document.number: the notice names no document number; fill it in (or import with --number)",
        "tasks.yaml:65: to decide: tasks.4.responsible: "
        "the source ends inside this item: its text is incomplete and has no bracket of responsible units; complete it from the source",
    ]


# --- traditional characters -----------------------------------------------------------


def test_a_plan_in_traditional_characters_is_read_and_kept_as_written(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2025-shanghai")
    assert result.exit_code == 3
    document = plan["document"]
    assert (document["title"], document["number"], document["issuer"]) == (
        "2025年上海市政務公開工作要點",
        "滬府辦字〔2025〕5號",
        "上海市人民政府辦公廳",
    )
    assert (document["issued"], document["year"]) == (dt.date(2025, 3, 31), 2025)
    assert document["addressees"] == "各區人民政府,市政府各委、辦、局,各有關單位"
    assert document["decisions"] == [
        {
            "field": "text",
            "value": "略去网页上的非正文文字",
            "reason": "13 行行首的“??”是转存网页时全角空格的替代符号，按缩进处理。",
        },
        {
            "field": "text",
            "value": "繁体字按简体识别（OpenCC t2s）",
            "reason": "源文件用繁体字书写。导入时用 OpenCC 的 t2s 转换逐字对照简体来识别通知"
            "（标题、文号、发文机关）、条目和括注；各字段照录原文（单位名称也照录繁体，"
            "其简体写法列为别名，按简体输入也能查到），按简体读出的完成时限记在该项的 decisions 中。",
        },
    ]
    # The reasons are the plan's data (Chinese); their points are in the run's language.
    points = _task_points(result, out)
    assert [p.partition("document.decisions.")[2] for p in points if "decisions." in p] == [
        "0: the “??” at the start of 13 lines stands for a full-width space in the saved "
        "page, and is read as an indent.",
        "1: the source is written in traditional characters. The import matched them "
        "character by character as simplified ones (OpenCC t2s) to read the notice (title, "
        "document number, issuer), the items and their brackets; every field is the source's "
        "text (a unit's name too, in traditional characters, with its simplified spelling as "
        "an alias, found when typed in simplified), and a time limit read in simplified is "
        "recorded in its item's decisions.",
    ]
    assert [t["responsible"] for t in plan["tasks"]][:3] == [
        "各有關單位、各區政府",
        "市政府辦公廳、各試點單位、各試點區政府",
        "市政府辦公廳、市司法局、各有關單位、各區政府",
    ]
    assert plan["tasks"][4]["content"] == "嚴格執行公文公開屬性審查和發布審查程序。"
    assert [line.split(": ")[2] for line in _task_points(result, out)] == [
        "document.decisions.0",
        "document.decisions.1",
        "tasks.5.responsible",
    ]
    check = gongkai("validate", "--against-source", "--data", str(out))
    assert "不在源文件" not in check.stderr and "does not appear" not in check.stderr


def test_a_time_node_in_traditional_characters_is_read_by_a_decision(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "2025年某區政務公開工作要點\n"
        "一、做好政策公開\n"
        "1.做好政策解讀。（責任單位：區府辦、各試點單位，完成時限：持續推進）\n"
        "2.公開年度報告。（責任單位：區府辦，完成時限：年內）\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--issued", "2025-03-01")
    assert result.exit_code == 0
    tasks = _load(out / "tasks.yaml")["tasks"]
    assert [(t["time_node"], t.get("deadline")) for t in tasks] == [
        ("持續推進", {"kind": "ongoing", "due": None}),
        ("年內", {"due": dt.date(2025, 12, 31)}),
    ]
    assert tasks[0]["decisions"] == [
        {
            "field": "time_node",
            "value": "持续推进",
            "reason": "原文为繁体字“持續推進”，按 OpenCC t2s 转为简体“持续推进”读取。",
        }
    ]
    assert tasks[1]["responsible"] == "區府辦"
    # The names stay as written; their simplified spellings are what people type.
    units = _load(out / "units.yaml")["units"]
    assert [(u["name"], u["aliases"]) for u in units] == [
        ("區府辦", ["区府办"]),
        ("各試點單位", ["各试点单位"]),
    ]
    due = gongkai("due", "--data", str(out), "--unit", "区府办", "--format", "json")
    assert due.exit_code == 0, due.stderr
    assert "公開年度報告。" in due.stdout


# --- items with no units ---------------------------------------------------------------


def test_items_without_units_are_owed_by_the_addressees_by_a_recorded_decision(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2024-jinshan")
    assert result.exit_code == 0  # the addressees' kinds are readings to check (issue 17)
    addressees = "各镇政府、街道办事处、园区管委会,区政府各部门"
    reason = (
        f"原文各项均未写责任单位。通知把本要点印发给主送单位“{addressees}”执行，"
        "故各项由主送单位负责落实；如某项另有明确的责任单位，请改写该项的 responsible。"
    )
    assert _task_points(result, out) == [
        "tasks.yaml:10: to check: document.number: the notice names no document number; fill it in (or import with --number)",
        "tasks.yaml:29: to check: document.decisions.0: no item of the source names its "
        "responsible units. The notice sends the plan to its addressees "
        f"“{addressees}” to carry out, so each item is theirs; where an item has units of its "
        "own, rewrite its responsible.",
        "tasks.yaml:130: to check: tasks.7.content: the source ends inside this item; its text may be incomplete",
    ]
    document = plan["document"]
    assert document["decisions"] == [
        {"field": "responsible", "value": addressees, "reason": reason}
    ]
    assert (document["title"], document["issuer"], document["year"]) == (
        "2024年金山区政务公开工作要点",
        "上海市金山区人民政府办公室",
        2024,
    )
    tasks = plan["tasks"]
    assert [t["seq"] for t in tasks] == list(range(1, 9))
    assert {t["responsible"] for t in tasks} == {addressees}
    assert tasks[0]["decisions"] == [
        {
            "field": "responsible",
            "value": addressees,
            "reason": "原文本项未写责任单位，按文件的决定（document.decisions）由通知的主送单位负责落实。",
        }
    ]
    assert [t["section"] for t in tasks] == ["一、(一)"] * 5 + ["一、(二)"] * 3
    # The (一) headings are paragraphs, not tasks; no year range or 7.0版 is a deadline.
    assert [p["id"] for p in document["paragraphs"]] == ["总体要求", "一、(一)", "一、(二)"]
    assert not any("deadline" in t for t in tasks)


@pytest.mark.parametrize(
    ("name", "count", "number", "marker"),
    [("2022-jiangsu", 4, "苏政办发〔2022〕35号", "1﹒"), ("2024-jingan", 2, "", "1.")],
)
def test_numbered_items_without_units_are_the_tasks(
    gongkai: Gongkai, tmp_path: Path, name: str, count: int, number: str, marker: str
) -> None:
    result, _out, plan = _import(gongkai, tmp_path, name)
    assert result.exit_code == 0  # the addressees' kinds are readings to check (issue 17)
    assert len(plan["tasks"]) == count
    assert plan["document"]["number"] == number
    assert plan["tasks"][0]["responsible"] == plan["document"]["addressees"]
    assert marker not in plan["tasks"][0]["content"]


def test_prose_paragraphs_without_items_are_the_tasks_and_their_deadlines_are_listed(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2022-changning")
    assert result.exit_code == 0  # the addressees' kinds are readings to check (issue 17)
    dropped = (
        "“• 发文机构:上海市长宁区政府办公室”;“• 索引号:SY0024381610202200053”;"
        "“• 公开属性:主动公开”;“• 主题分类:政务公开”;“• 发文字号:长府办〔2022〕8号”;"
        "“• 发布日期:2022-03-30”"
    )
    assert _task_points(result, out)[0] == (
        "tasks.yaml:26: to check: document.decisions.0: these 6 lines are the web page's text "
        "(navigation, information bar, buttons), not the document's, and are left out of the "
        f"notice and the body: {dropped.replace('”;“', '”; “')}."
    )
    # The draft's reason is Chinese: the same lines, each as the page wrote it, joined by ；.
    assert plan["document"]["decisions"][0]["reason"] == (
        "以下 6 行是网页上的文字（导航、信息栏、按钮），不是文件的一部分，未收入通知与正文："
        + dropped.replace("”;“", "”；“")
        + "。"
    )
    assert _task_points(result, out)[3] == (
        "tasks.yaml:40: to check: tasks.0.content: the source writes no completion time limit "
        "for this task; its item text names a deadline: "
        "“属性为主动公开的政府公文应在形成之日起20个工作日内公开” (“形成之日起20个工作日内”), "
        "“新增非密公文每月25日全量备案一次” (“每月25日”), “开展情况6月底报区政府办公室” (“6月底”); "
        "the draft does not take it as this task's completion time limit. If it is, record "
        "{field: time_node, value: one of them, reason: why} in this task's decisions"
    )
    document = plan["document"]
    # The 文号 is the page's own 发文字号; the title and issuer the notice's title line.
    assert (document["number"], document["title"], document["issuer"]) == (
        "长府办〔2022〕8号",
        "2022年长宁区政务公开工作要点",
        "上海市长宁区人民政府办公室",
    )
    (task,) = plan["tasks"]
    assert task["content"].startswith("规范做好政府公文备案和公开。")
    assert "deadline" not in task and "time_node" not in task  # proposed, never applied


# --- cut sources -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "seq", "responsible", "message"),
    [
        (
            "2023-baoshan",
            2,
            "区发展改革委、区经委、区建设管理委",
            "tasks.yaml:48: to decide: tasks.1.responsible: the source ends inside this item's "
            "bracket of responsible units (not closed, and the unfinished “区” is left out); "
            "the units listed may be incomplete: complete them from the source",
        ),
        (
            "2024-yangpu",
            3,
            "",
            "tasks.yaml:56: to decide: tasks.2.responsible: the source ends inside this item's "
            "bracket of responsible units (not closed); the units listed may be incomplete: "
            "complete them from the source",
        ),
        (
            # The role of the units after 牵头， comes after the cut: they are left out.
            "2022-zhoushan",
            1,
            "市府办〔市大数据局〕牵头",
            "tasks.yaml:44: to decide: tasks.0.responsible: the source ends inside this item's "
            "bracket of responsible units (not closed, and the unfinished “市政府各部门、各县〔区〕"
            "政府、各功能区管委” is left out); the units listed may be incomplete: complete them "
            "from the source",
        ),
    ],
)
def test_a_bracket_the_source_cuts_keeps_what_is_whole_and_asks_for_the_rest(
    gongkai: Gongkai, tmp_path: Path, name: str, seq: int, responsible: str, message: str
) -> None:
    result, out, plan = _import(gongkai, tmp_path, name)
    assert result.exit_code == 3
    assert plan["tasks"][seq - 1]["responsible"] == responsible
    assert message in _task_points(result, out)


def test_two_points_on_one_field_share_its_comment_joined_by_a_full_width_semicolon(
    gongkai: Gongkai, tmp_path: Path, chinese: None
) -> None:
    _result, out, _plan = _import(gongkai, tmp_path, "2022-changning")
    lines = (out / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[38] == (
        "    # 待核对: 源文件在本项中结束，本项文字可能不完整；待核对: 原文本项未写完成时限；"
        "条目内容写有时限：“属性为主动公开的政府公文应在形成之日起20个工作日内公开”"
        "（“形成之日起20个工作日内”）、“新增非密公文每月25日全量备案一次”（“每月25日”）、"
        "“开展情况6月底报区政府办公室”（“6月底”），草稿未取作本项的完成时限。如是，"
        "请在本项 decisions 中记录{field: time_node, value: 其中之一, reason: 理由}"
    )


def test_the_review_is_said_in_full_width_punctuation_under_its_summary(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    # gongkai's own Chinese (the points, the kinds' rules, the comments in the draft) is
    # written ，；：（） as the summary line under it; the source's text stays as written
    # (issue 22 item 3).
    monkeypatch.chdir(tmp_path)
    result = gongkai("import", str(RECEIVED / "2024-shanghai.txt"), "--out", "sh")
    assert result == (
        3,
        "",
        "sh/tasks.yaml:65: 待决定: tasks.3.responsible: 源文件在本项中结束：本项文字不完整，"
        "也没有责任单位括注，请对照原文补全\n"
        "sh/units.yaml:124: 待核对: units.25.kind: “各有关单位”（第1、2、3项）读作开放的集合"
        "（有关/相关/X等…：开放的集合）：其任务对市政府部门、办公厅、事业单位、区政府显示为"
        "“可能适用”；是否指各相关单位？若是，请把它列为该单位的别名；核对后写 kind_source: decision\n"
        "已写入 sh：4 项任务（items），26 个单位；待决定 1 处，待核对 1 处\n",
    )
    tasks = (tmp_path / "sh" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert tasks[63] == (
        "    # 待决定: 源文件在本项中结束：本项文字不完整，也没有责任单位括注，请对照原文补全"
    )
    units = (tmp_path / "sh" / "units.yaml").read_text(encoding="utf-8").splitlines()
    assert units[127] == (
        '    note: "待核对：导入时新增的开放集合（有关/相关/X等…：开放的集合），要点未列出成员，'
        '其任务对可能包括的单位显示为“可能适用”。"'
    )


# --- the notice ------------------------------------------------------------------------


def test_the_notice_of_a_district_page_with_junk_and_a_title_without_book_marks(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    _result, _out, plan = _import(gongkai, tmp_path, "2025-putuo")
    document = plan["document"]
    assert (document["title"], document["issuer"], document["issued"]) == (
        "2025年普陀区政务公开工作要点",
        "上海市普陀区人民政府办公室",
        dt.date(2025, 5, 20),
    )
    assert document["addressees"] == "区政府各委、办、局,各街道办事处、镇政府"
    assert document["decisions"][0]["reason"] == (
        "以下 1 行是网页上的文字（导航、信息栏、按钮），不是文件的一部分，未收入通知与正文："
        "“正文内容区域请使用tab按钮切换浏览”。"
    )
    text = "".join(p["text"] for p in document["paragraphs"])
    assert "tab按钮" not in text and "关于印发" not in text
    assert [(t["time_node"], t["deadline"]) for t in plan["tasks"]] == [
        ("全年", {"due": dt.date(2025, 12, 31), "all_year": True})
    ] * 5


def test_a_cited_文号_is_not_the_notice_s_own(gongkai: Gongkai, tmp_path: Path) -> None:
    # 奉贤 cites 《2025年上海市政务公开工作要点》（沪府办字〔2025〕5号） in its preamble.
    result, out, plan = _import(gongkai, tmp_path, "2025-fengxian")
    document = plan["document"]
    assert (document["number"], document["issuer"]) == ("", "")
    assert document["title"] == "2025年上海市奉贤区政务公开工作要点"
    assert _task_points(result, out)[:2] == [
        "tasks.yaml:10: to check: document.number: the notice names no document number; fill it in (or import with --number)",
        "tasks.yaml:13: to check: document.issuer: the notice names no issuer; fill it in",
    ]
    # The body starts after the plan's own title line, not with the notice.
    assert document["paragraphs"][0]["text"].startswith("2025年是“十四五”规划收官之年")


def test_the_notice_of_a_table_plan_cites_a_文号_and_a_title_that_are_not_its_own() -> None:
    # 荆州: 根据《国务院办公厅关于印发2022年政务公开工作要点的通知》(国办发〔2022〕8号)…
    notice = read_source(RECEIVED / "2022-jingzhou.txt").notice
    assert notice.number is None
    assert notice.issuer is None
    assert notice.title == "荆州市2022年政务公开任务分解责任清单"
    assert notice.issued == dt.date(2022, 7, 25)
    assert notice.addressees == "各县、市、区人民政府,荆州经开区,纪南文旅区,荆州高新区,市政府各部门"


@pytest.mark.parametrize(
    ("lines", "title", "number", "issuer"),
    [
        (
            ["上海市人民政府办公厅文件", "沪府办〔2021〕21号",
             "上海市人民政府办公厅关于印发 《2021年上海市政务公开工作要点》的通知"],
            "2021年上海市政务公开工作要点", "沪府办〔2021〕21号", "上海市人民政府办公厅",
        ),
        (
            ["江苏省人民政府办公厅关于印发江苏省2022年政务公开工作要点的通知", "苏政办发〔2022〕35号"],
            "江苏省2022年政务公开工作要点", "苏政办发〔2022〕35号", "江苏省人民政府办公厅",
        ),
        (
            ["首页 > 政务公开 > 政策文件", "当前位置：首页 > 通知", "字号：大 中 小",
             "各区人民政府：", "《2025年某区政务公开工作要点》已经区政府同意，现印发给你们。",
             "某区人民政府办公室", "2025年3月1日", "2025年某区政务公开工作要点", "【打印】【关闭】"],
            "2025年某区政务公开工作要点", None, "某区人民政府办公室",
        ),
        (
            ["根据《国务院办公厅关于印发2022年政务公开工作要点的通知》（国办发〔2022〕8号）要求，现印发给你们。",
             "2022年7月25日"],
            None, None, None,
        ),
    ],
)  # fmt: skip
def test_title_文号_and_issuer_come_from_the_notice_s_own_header(
    lines: list[str], title: str | None, number: str | None, issuer: str | None
) -> None:
    notice = read_notice(read_page(lines))
    assert (notice.title, notice.number, notice.issuer) == (title, number, issuer)


def test_page_junk_is_dropped_and_listed() -> None:
    page = read_page(
        ["正文内容区域请使用tab按钮切换浏览", "首页 > 政务公开 > 政策文件", "字号：大 中 小",
         "【打印本页】【关闭窗口】", "??2025年某区政务公开工作要点", "扫一扫在手机打开当前页"]
    )  # fmt: skip
    assert page.lines == ["2025年某区政务公开工作要点"]
    assert page.dropped == [
        "正文内容区域请使用tab按钮切换浏览",
        "首页 > 政务公开 > 政策文件",
        "字号：大 中 小",
        "【打印本页】【关闭窗口】",
        "扫一扫在手机打开当前页",
    ]
    assert page.mirror_indents == 1


# --- the year ----------------------------------------------------------------------------


TABLE_ONLY = "序号,任务名称,任务内容,责任单位,时间节点\n1,规范政府公文管理,建立政府公文库。,市政府办公厅,9月底前\n"


def test_a_file_that_does_not_say_its_year_asks_for_it_and_reads_no_node(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-08")  # a 2025 plan read in 2026
    source = tmp_path / "任务分解表.csv"
    source.write_text(TABLE_ONLY, encoding="utf-8")
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out))
    assert result.exit_code == 3
    tasks_yaml = out / "tasks.yaml"
    year_points = [line for line in result.stderr.splitlines() if "document.year" in line]
    assert year_points == [
        f"{tasks_yaml}:18: to decide: document.year: neither the title, the document number nor "
        "the issue date names the year, so no time node can be read: import again with --year "
        "(e.g. --year 2025)"
    ]
    plan = _load(tasks_yaml)
    assert plan["document"]["year"] is None
    (task,) = plan["tasks"]
    assert task["time_node"] == "9月底前" and "deadline" not in task
    assert "2026" not in tasks_yaml.read_text(encoding="utf-8")
    again = gongkai("import", str(source), "--out", str(out), "--year", "2025", "--force")
    assert again.exit_code == 0  # the one question answered, the draft loads
    assert _load(tasks_yaml)["tasks"][0]["deadline"] == {"due": dt.date(2025, 9, 30)}


@pytest.mark.parametrize(
    ("args", "year", "reason"),
    [
        (["--title", "2024年某区政务公开工作要点"], 2024, None),
        (["--title", "某区五年行动计划(2021—2025年)实施方案", "--number", "某府办〔2022〕8号"], 2022,
         "标题未写年度，按文号“某府办〔2022〕8号”的年份读取时间节点。"),
        (["--title", "某区政务公开工作要点", "--issued", "2023-04-01"], 2023,
         "标题和文号均未写年度，按成文日期 2023-04-01 的年份读取时间节点。"),
    ],
)  # fmt: skip
def test_the_year_comes_from_the_title_the_文号_or_the_issue_date(
    gongkai: Gongkai, tmp_path: Path, args: list[str], year: int, reason: str | None
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(TABLE_ONLY, encoding="utf-8")
    out = tmp_path / "draft"
    gongkai("import", str(source), "--out", str(out), *args)
    document = _load(out / "tasks.yaml")["document"]
    assert document["year"] == year
    decided = [d for d in document["decisions"] if d["field"] == "year"]
    assert decided == ([{"field": "year", "value": str(year), "reason": reason}] if reason else [])


def test_a_multi_year_plan_reads_its_year_from_the_issue_date(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    result, out, plan = _import(gongkai, tmp_path, "2022-zhoushan")
    document = plan["document"]
    assert document["title"] == "舟山市贯彻〈浙江省政务公开五年行动计划(2021—2025年)〉实施方案"
    assert document["year"] == 2022
    assert (
        "tasks.yaml:33: to check: document.decisions.0: neither the title nor the document "
        "number names the year; time nodes are read in the year of the issue date 2022-07-08."
    ) in _task_points(result, out)


# --- a deadline inside a sentence --------------------------------------------------------


def _items_plan(tmp_path: Path, *items: str) -> Path:
    source = tmp_path / "plan.txt"
    lines = ["2025年某区政务公开工作要点", "一、做好政策公开", *items]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def test_a_deadline_inside_the_sentence_is_proposed_never_applied(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # Issue 18 item 10: proposed as 待核对, never applied silently. A proposal that set the
    # due day before a person confirms it would be applied: the item stays undated (or
    # takes --default-time-node), and the point says what to record to take it.
    source = _items_plan(
        tmp_path,
        "1.制定公开清单，9月底前启动、12月底前完成评估。（责任单位：区府办）",
        "2.年底前完成全部整改。（责任单位：区府办）",
        "3.开展情况6月底报区政府办公室。（责任单位：区府办，完成时限：全年）",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--issued", "2025-03-01")
    assert result.exit_code == 0, result.stderr
    tasks = _load(out / "tasks.yaml")["tasks"]
    assert [(t.get("time_node"), t.get("deadline"), t.get("decisions")) for t in tasks] == [
        (None, None, None),
        (None, None, None),
        ("全年", {"due": dt.date(2025, 12, 31), "all_year": True}, None),  # its own node
    ]
    points = _task_points(result, out)
    assert [p.partition(".content: ")[2] for p in points if ".content: " in p] == [
        "the source writes no completion time limit for this task; its item text names a "
        "deadline: “9月底前启动、12月底前完成评估” (“9月底前启动、12月底前完成”); the draft "
        "does not take it as this task's completion time limit. If it is, record "
        "{field: time_node, value: 9月底前启动、12月底前完成, reason: why} in this task's "
        "decisions",
        "the source writes no completion time limit for this task; its item text names a "
        "deadline: “年底前完成全部整改” (“年底前完成”); the draft does not take it as this "
        "task's completion time limit. If it is, record "
        "{field: time_node, value: 年底前完成, reason: why} in this task's decisions",
    ]
    assert all(":tocheck:" in p.replace(" ", "") for p in points if "tasks.0" in p)
    assert not any("tasks.2" in p for p in points)
    # listed apart by due, never overdue, until a person records the decision
    due = gongkai("due", "-u", "区府办", "--data", str(out), "-f", "json")
    assert [t["seq"] for t in json.loads(due.stdout)["undated"]] == [1, 2]
    validated = gongkai("validate", "--data", str(out))
    assert validated.exit_code == 0


def test_with_default_time_node_the_sentence_s_deadline_is_still_only_proposed(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = _items_plan(tmp_path, "1.8月1日前完成全部整改。（责任单位：区府办）")
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--default-time-node", "全年")
    (task,) = _load(out / "tasks.yaml")["tasks"]
    assert task["deadline"] == {"due": dt.date(2025, 12, 31), "all_year": True}
    assert [d["value"] for d in task["decisions"]] == ["全年"]
    (point,) = [p for p in _task_points(result, out) if "tasks.0.content" in p]
    assert point.endswith(
        "the source writes no completion time limit for this task; its item text names a "
        "deadline: “8月1日前完成全部整改” (“8月1日前完成”); the draft takes “全年” by "
        "--default-time-node. If the sentence's deadline is the one, change the value of "
        "time_node in this task's decisions to it and write why"
    )


# --- every real item form ----------------------------------------------------------------


def _same_marks(name: str) -> str:
    """A name with the store's ASCII brackets as the page's full-width ones."""
    return name.translate(str.maketrans("()", "（）"))


def _expected_measures(entry: dict[str, Any]) -> list[dict[str, Any]]:
    expect: dict[str, Any] = entry["expect"]
    return expect.get("measures") or [expect]


ITEMS = _load(ITEM_FORMS)["items"] if ITEM_FORMS.exists() else []


@pytest.mark.skipif(not ITEMS, reason="tests/data/item_forms.yaml not present")
@pytest.mark.parametrize("entry", ITEMS, ids=[f"{e['source']} {e.get('where', '')}" for e in ITEMS])
def test_every_real_item_form_gives_its_measures_units_text_and_time(
    entry: dict[str, Any],
) -> None:
    """The items reader finds each measure of a real item, hands the reader the whole
    units text (every unit the hand reading names, as written, is in it) and finds its
    time node, in the bracket or as a deadline in the sentence."""
    from gongkai_cli.plan.spelling import simplified
    from gongkai_cli.plan.timenodes import deadlines_in

    items = find_items(read_blocks([entry["text"]]))
    expected = _expected_measures(entry)
    assert len(items) == len(expected)
    for item, want in zip(items, expected, strict=True):
        for unit in want["units"]:
            if "(written" not in unit:  # an expanded prefix is the reader's reading
                assert unit.split(" ")[0] in item.responsible, (unit, item.responsible)
        # and the one 责任单位 reader reads the hand reading's units and roles from it
        pairs = read_responsible(item.responsible).pairs if item.responsible else ()
        assert [(_same_marks(unit), str(role)) for unit, role in pairs] == [
            (_same_marks(unit.split(" ")[0]), unit.split(" ")[1]) for unit in want["units"]
        ]
        if not want["units"]:
            assert item.form is Form.NONE and item.responsible == ""
        plain = simplified(item.content)
        found = [plain[start:end] for start, end in deadlines_in(plain)]
        if want["time"] is None:
            assert item.time_node == ""
        else:
            assert want["time"] in (item.time_node, *found)


# --- a table-only file names its plan in its title row, sheet or file name ---------------


def _sheet(path: Path, title: str, rows: list[list[Any]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)


HEADER_ROW = ["序号", "任务名称", "任务内容", "责任单位", "时间节点"]
ONE_ROW = [1, "规范政府公文管理", "建立政府公文库。", "市政府办公厅", "9月底前"]


@pytest.mark.parametrize(
    ("sheet", "above", "title"),
    [
        # 荆州's title row, as its .xlsx copy has it above the header (no 《》)
        ("Sheet1", [["荆州市2022年政务公开任务分解责任清单"]], "荆州市2022年政务公开任务分解责任清单"),
        ("2024年政务公开任务清单", [], "2024年政务公开任务清单"),  # the sheet's name
        ("2024年政务公开任务清单", [["附件1"], ["某区2025年政务公开工作任务分解表"]],
         "某区2025年政务公开工作任务分解表"),  # the title row wins over the name
    ],
)  # fmt: skip
def test_a_sheet_s_title_row_or_name_is_the_title_and_gives_the_year(
    gongkai: Gongkai, tmp_path: Path, sheet: str, above: list[list[str]], title: str
) -> None:
    source = tmp_path / "附件1.xlsx"
    _sheet(source, sheet, [*above, HEADER_ROW, ONE_ROW])
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out))
    plan = _load(out / "tasks.yaml")
    year = int(title.split("年")[0][-4:])
    assert (plan["document"]["title"], plan["document"]["year"]) == (title, year)
    assert plan["tasks"][0]["deadline"] == {"due": dt.date(year, 9, 30)}
    assert "document.title" not in result.stderr and "document.year" not in result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "广州市水务局2021年政务公开工作任务",
        "某县2023年政务公开任务表",
        "2022年某区政务公开分工方案",
    ],
)
def test_a_file_named_by_its_plan_s_genre_is_the_title(
    gongkai: Gongkai, tmp_path: Path, name: str
) -> None:
    rows = "\n".join(",".join(map(str, row)) for row in (HEADER_ROW, ONE_ROW)) + "\n"
    source = tmp_path / f"{name}.csv"
    source.write_text(rows, encoding="utf-8")
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out))
    document = _load(out / "tasks.yaml")["document"]
    assert (document["title"], document["year"]) == (name, int(name.split("年")[0][-4:]))
    assert "document.year" not in result.stderr


def test_a_csv_s_title_row_or_file_name_is_the_title(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = "\n".join(",".join(map(str, row)) for row in (HEADER_ROW, ONE_ROW)) + "\n"
    titled = tmp_path / "plan.csv"
    titled.write_text("某区2023年政务公开重点任务清单,,,,\n" + rows, encoding="utf-8")
    named = tmp_path / "2024年某区政务公开工作要点.csv"
    named.write_text(rows, encoding="utf-8")
    for source, title in ((titled, "某区2023年政务公开重点任务清单"), (named, named.stem)):
        out = tmp_path / source.stem
        gongkai("import", str(source), "--out", str(out))
        document = _load(out / "tasks.yaml")["document"]
        assert (document["title"], document["year"]) == (title, int(title.split("年")[0][-4:]))


def test_a_source_with_no_items_for_layout_items_is_one_line_and_writes_nothing(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "prose.txt"
    source.write_text("2025年某区政务公开工作要点\n一、总体要求\n做好公开。\n", encoding="utf-8")
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--layout", "items")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: prose.txt: no numbered items (1. …, （一）…) and no paragraph ending with a "
        "责任单位 bracket\n"
    )
    assert not out.exists()


# --- numbering: the source's where it is the plan's ------------------------------------------


def test_items_numbered_across_the_plan_keep_their_numbers(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # An office reads "第12项" in its document: `show 12` must be that item (issue 18 item 4
    # keeps a table's 序号; an items plan numbered once across the plan is the same).
    source = _items_plan(
        tmp_path,
        "12.做好政策解读。（责任单位：区府办，完成时限：全年）",
        "二、做好依申请公开",
        "13.规范依申请公开办理。（责任单位：区司法局，完成时限：6月底前）",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert [t["seq"] for t in _load(out / "tasks.yaml")["tasks"]] == [12, 13]
    assert "seq" not in result.stderr
    shown = gongkai("show", "13", "--data", str(out))
    assert shown.exit_code == 0 and "规范依申请公开办理" in shown.stdout


def test_items_numbered_again_in_each_chapter_are_numbered_in_order(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = _items_plan(
        tmp_path,
        "1.做好政策解读。（责任单位：区府办，完成时限：全年）",
        "二、做好依申请公开",
        "1.规范依申请公开办理。（责任单位：区司法局，完成时限：6月底前）",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out))
    assert [t["seq"] for t in _load(out / "tasks.yaml")["tasks"]] == [1, 2]
    assert _task_points(result, out)[-1].endswith(
        "to check: tasks.1.seq: the source numbers this item “1”; the draft numbers it 2 in order"
        " (the source's numbers repeat, so they cannot be the numbers)"
    )


# --- the signature at the end ----------------------------------------------------------------

SIGNATURE = ["上海市某某区人民政府办公室", "2025年3月5日", "（此件公开发布）"]


def test_a_signature_after_the_items_is_the_notice_s_not_the_body_s(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = _items_plan(
        tmp_path,
        "1.做好政策解读。（责任单位：区府办，完成时限：全年）",
        "2.规范依申请公开。（责任单位：区司法局，完成时限：6月底前）",
        *SIGNATURE,
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    document = _load(out / "tasks.yaml")["document"]
    assert (document["issuer"], document["issued"]) == (
        "上海市某某区人民政府办公室",
        dt.date(2025, 3, 5),
    )
    assert document["paragraphs"] == []  # not a paragraph "上海市某某区人民政府办公室2025年3月5日…"
    assert _load(out / "tasks.yaml")["tasks"][1]["content"] == "规范依申请公开。"


def test_a_docx_whose_signature_follows_its_table_reads_it_and_needs_no_sections(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("池州市信访局2025年政务公开重点任务清单")
    rows = [
        ["序号", "工作任务", "具体要求", "责任科室", "时限要求"],
        ["1", "强化规范性文件公开", "对行政规范性文件进行全面清理。", "办公室", "年底前"],
        ["2", "深化政策解读", "积极做好政策解读工作。", "各科室", "持续推进"],
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for line in ("池州市信访局办公室", "2025年3月5日"):
        document.add_paragraph(line)
    source = tmp_path / "清单.docx"
    document.save(str(source))
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.stderr  # no 待决定 section for a signature "paragraph"
    plan = _load(out / "tasks.yaml")
    assert (plan["document"]["issuer"], plan["document"]["issued"]) == (
        "池州市信访局办公室",
        dt.date(2025, 3, 5),
    )
    assert plan["document"]["paragraphs"] == []
    assert (plan["document"]["place"], plan["document"]["level"]) == ("池州市信访局", "department")


def test_a_plan_of_headings_over_paragraphs_has_the_paragraphs_as_its_tasks(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # 北京 2016: (一)进一步推进权力清单和责任清单公开 is a heading on its own line, its measures
    # the paragraph under it; no units anywhere (the notice's addressees owe them).
    result, _out, plan = _import(gongkai, tmp_path, "2016-beijing")
    assert result.exit_code == 0, result.stderr
    (task,) = plan["tasks"]
    assert task["content"].startswith("对权力清单进行动态调整,公布2016年版市政府部门权力清单。")
    assert task["section"] == "一、(一)"
    assert task["responsible"] == "各区人民政府,市政府各委、办、局,各市属机构"
    paragraphs = {p["id"]: p["text"] for p in plan["document"]["paragraphs"]}
    assert paragraphs["一、(一)"] == "(一)进一步推进权力清单和责任清单公开"
    assert (plan["document"]["place"], plan["document"]["level"]) == ("北京市", "city")


# The bracket forms issue 18 names under Why that no received opening above has, each
# as written (full-width and ASCII alike): every one gives its units, roles and time.
WHY_FORMS = [
    (
        "加强优化营商环境信息公开。（区发改委负责落实，完成时限：2023年10月）",
        "区发改委负责落实",
        [("区发改委", "responsible")],
        "2023年10月",
    ),
    (
        "做好规划信息公开。[责任单位:区规划资源局、区建管委]",
        "区规划资源局、区建管委",
        [("区规划资源局", "responsible"), ("区建管委", "responsible")],
        "",
    ),
    ("推进财政信息公开。［责任单位：区财政局］", "区财政局", [("区财政局", "responsible")], ""),
    (
        "做好重大项目信息公开。（区发改委、区财政局按职责分工负责）",
        "区发改委、区财政局按职责分工负责",
        [("区发改委", "responsible"), ("区财政局", "responsible")],
        "",
    ),
]


def test_each_bracket_form_the_issue_names_gives_units_roles_and_time(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    lines = [
        "上海市徐汇区人民政府办公室关于印发《2023年徐汇区政务公开工作要点》的通知",
        "2023年徐汇区政务公开工作要点",
        "一、深化重点领域公开",
        *(f"{n}.{text}" for n, (text, *_rest) in enumerate(WHY_FORMS, 1)),
        "上海市徐汇区人民政府办公室",
        "2023年3月1日",
    ]
    source = tmp_path / "forms.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "forms"
    gongkai("import", str(source), "--out", str(out)).checked()
    plan = _load(out / "tasks.yaml")
    got = [
        (
            t["responsible"],
            [(a["unit"], a["role"]) for a in t["assignments"]],
            t.get("time_node", ""),
        )
        for t in plan["tasks"]
    ]
    assert got == [tuple(rest) for _text, *rest in WHY_FORMS]
    assert plan["tasks"][0]["deadline"]["due"] == dt.date(2023, 10, 31)
