"""`GONGKAI_LANG=en` speaks English in import's review too (issue 20 item 15): each point
on stderr, and its comment in the draft, is the catalog's message; only the source's own
text (a unit's name, a cell, a place) stays Chinese, quoted. Chinese, the default, is
unchanged (tests/test_corpus.py records it)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, Gongkai


def test_an_annex_imported_in_english_is_reviewed_in_english(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    (tmp_path / "annex.csv").write_bytes((ROOT / "examples" / "annex.csv").read_bytes())
    result = gongkai(
        "import",
        "annex.csv",
        "--out",
        "draft",
        "--number",
        "沪府办〔2021〕21号",
        "--issued",
        "2021-03-17",
        "--title",
        "2021年上海市政务公开工作要点",
    )
    assert result == (
        0,
        "",
        "draft/tasks.yaml:12: to check: document.issuer: the notice names no issuer; "
        "fill it in\n"
        "draft/tasks.yaml:16: to check: document.addressees: the notice names no "
        "addressees; fill them in\n"
        "draft/tasks.yaml:25: to check: document.place: the plan's place is read as "
        "“上海市” (city level, from the title); its units are read at that level\n"
        "draft/tasks.yaml:97: to check: tasks.5.time_node: the time node cell is empty, "
        "a merged cell of the source table; the row above's (row 5) “9月底前” is taken.\n"
        "written draft: tasks 9 (annex-table), units 58; to decide (待决定) 0, "
        "to check (待核对) 4. The draft validates\n",
    )
    review = result.stderr.splitlines()[:-1]
    assert not [
        line for line in review if re.search(r"[\u4e00-\u9fff]", re.sub("“[^”]*”", "", line))
    ]
    # The draft's comments speak the language the import ran in.
    lines = (tmp_path / "draft" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[10] == "  # 待核对: the notice names no issuer; fill it in"


ITEMS = (
    "某区政务公开工作要点\n"
    "一、做好政策公开\n"
    "1.年底前完成全部整改。（责任单位：区府办）\n"
    "2.做好政策解读。（责任单位：牵头）\n"
)


def test_an_items_plan_s_deadline_year_and_units_points_are_english(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # The in-sentence deadline, the year read from the issue date and a responsible
    # cell with no unit: the points say them in English; the year's reason in the
    # draft's decisions is the plan's data and stays Chinese.
    (tmp_path / "plan.txt").write_text(ITEMS, encoding="utf-8")
    args = ("import", "plan.txt", "--out", "o", "--issued", "2025-03-01")
    result = gongkai(*args)
    assert result == (
        3,  # a point to decide
        "",
        "o/tasks.yaml:10: to check: document.number: the notice names no document number; "
        "fill it in (or import with --number)\n"
        "o/tasks.yaml:13: to check: document.issuer: the notice names no issuer; fill it in\n"
        "o/tasks.yaml:17: to check: document.addressees: the notice names no addressees; "
        "fill them in\n"
        "o/tasks.yaml:25: to check: document.decisions.0: neither the title nor the document "
        "number names the year; time nodes are read in the year of the issue date 2025-03-01.\n"
        "o/tasks.yaml:29: to check: document.place: the plan's place is read as “某区” "
        "(district or county level, from the title); its units are read at that level\n"
        "o/tasks.yaml:36: to check: tasks.0.content: the source writes no completion time "
        "limit for this task; its item text names a deadline: “年底前完成全部整改” "
        "(“年底前完成”); the draft does not take it as this task's completion time limit. "
        "If it is, record {field: time_node, value: 年底前完成, reason: why} in this task's "
        "decisions\n"
        "o/tasks.yaml:43: to decide: tasks.1.responsible: the responsible units are only role "
        "words or punctuation; no unit is read\n"
        "o/units.yaml:10: to check: units.0.kind: “区府办” (items: 1) read by its name as a "
        "government general office (district or county level; “办公厅/办公室/府办”: a "
        "government's general office); once checked, write kind_source: decision\n"
        "written o: tasks 2 (items), units 1; to decide (待决定) 1, to check (待核对) 7\n",
    )
    plan = (tmp_path / "o" / "tasks.yaml").read_text(encoding="utf-8")
    assert 'reason: "标题和文号均未写年度，按成文日期 2025-03-01 的年份读取时间节点。"' in plan
    # Chinese, the default, says what it said before, word for word, in full-width
    # punctuation (，；：（）) as every Chinese sentence of gongkai.
    chinese = gongkai(*args, "--force", env={"GONGKAI_LANG": "zh_CN"})
    assert chinese.stderr.splitlines()[3:7] == [
        "o/tasks.yaml:25: 待核对: document.decisions.0: 标题和文号均未写年度，按成文日期 "
        "2025-03-01 的年份读取时间节点。",
        "o/tasks.yaml:29: 待核对: document.place: 本要点所属地方读作“某区”（区县级，由标题读出），"
        "单位按此层级读取",
        "o/tasks.yaml:36: 待核对: tasks.0.content: 原文本项未写完成时限；条目内容写有时限："
        "“年底前完成全部整改”（“年底前完成”），草稿未取作本项的完成时限。如是，请在本项 "
        "decisions 中记录{field: time_node, value: 年底前完成, reason: 理由}",
        "o/tasks.yaml:43: 待决定: tasks.1.responsible: 责任单位中只有角色词或标点，未读出单位",
    ]
