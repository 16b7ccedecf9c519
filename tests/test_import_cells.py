"""What import does with what the 责任单位 reader finds (issue 17 item 6, Must hold: bad input).

An empty cell, a cell of role words only and a 10,000-character cell each give a clear
review point and no unit; an elided prefix and a note are recorded as decisions; a
standing rule is a document decision that every task, and the loaded plan, applies.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import Gongkai

HEADER = "序号,任务名称,任务内容,责任单位,时间节点\n"


def _import(gongkai: Gongkai, tmp_path: Path, rows: str, *extra: str) -> tuple[int, dict, Path]:
    source = tmp_path / "plan.csv"
    source.write_text(HEADER + rows, encoding="utf-8")
    out = tmp_path / "plan"
    result = gongkai(
        "import",
        str(source),
        "--out",
        str(out),
        "--year",
        "2024",
        "--place",
        "上海市",
        "-f",
        "json",
        *extra,
    )
    return result.exit_code, json.loads(result.stdout), out


def _points(report: dict, field: str) -> list[tuple[str, str]]:
    return [(p["kind"], p["message"]) for p in report["review"] if p["field"] == field]


def _tasks(out: Path) -> list[dict]:
    return yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]


def test_bad_cells_give_a_point_and_no_unit(gongkai: Gongkai, tmp_path: Path) -> None:
    long_cell = "区" * 10_000
    rows = (
        "1,甲,做好甲。,市教委,9月底前\n"
        "2,乙,做好乙。,牵头、配合,9月底前\n"
        f"3,丙,做好丙。,{long_cell},9月底前\n"
        '4,丁,做好丁。,"市教委、“”、——、市民政局",9月底前\n'
    )
    code, report, out = _import(gongkai, tmp_path, rows)
    assert code == 3
    assert (
        "decide",
        "the responsible units are only role words or punctuation; no unit is read",
    ) in _points(report, "tasks.1.responsible")
    assert (
        "decide",
        "the responsible units are 10000 characters long, over 2000: not like responsible units, not read; check them",
    ) in _points(report, "tasks.2.responsible")
    assert _points(report, "tasks.3.responsible") == [
        ("check", "“——” is not a unit's name (only punctuation or digits); left out")
    ]
    tasks = _tasks(out)
    assert [len(t["assignments"]) for t in tasks] == [1, 0, 0, 2]
    names = [u["name"] for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]]
    assert names == ["市教委", "市民政局"]


def test_an_empty_cell_of_the_first_row_asks_for_the_units(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    code, report, _out = _import(gongkai, tmp_path, "1,甲,做好甲。,,9月底前\n")
    assert code == 3
    assert _points(report, "tasks.0.responsible") == [
        ("decide", "the responsible units cell is empty (line 2); fill it in")
    ]


def test_an_elided_prefix_and_a_note_are_decisions(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = '1,甲,做好甲。,"市税务局、财政局按职能分工落实",9月底前\n2,乙,做好乙。,市教委（见附件1，下同）,9月底前\n'
    _code, report, out = _import(gongkai, tmp_path, rows)
    first, second = _tasks(out)
    assert first["assignments"] == [
        {"unit": "市税务局", "role": "responsible"},
        {"unit": "市财政局", "role": "responsible"},
    ]
    assert first["decisions"] == [
        {
            "field": "assignments",
            "value": "财政局→市财政局",
            "reason": "责任单位中的单位省略了与前一单位相同的层级前缀，按前缀补全。",
        }
    ]
    assert second["assignments"] == [{"unit": "市教委", "role": "responsible"}]
    assert second["decisions"] == [
        {
            "field": "responsible",
            "value": "见附件1，下同",
            "reason": "责任单位中的说明文字，不是单位。",
        }
    ]
    decide = [
        p for p in report["review"] if p["field"].startswith("tasks.") and p["kind"] == "decide"
    ]
    assert decide == []


STANDING = "本要点各项工作均需各区政府作为责任单位，以下不再列出。\n"


def test_a_standing_rule_applies_to_every_task(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "上海市人民政府办公厅关于印发2024年上海市政务公开工作要点的通知\n"
        "各区人民政府,市政府各委、办、局:\n"
        "现将《2024年上海市政务公开工作要点》印发给你们,请认真贯彻落实。\n"
        "上海市人民政府办公厅\n2024年3月20日\n"
        "2024年上海市政务公开工作要点\n" + STANDING + "一、加强信息公开\n"
        "1.推进教育信息公开。(责任单位:市教委,完成时限:全年)\n"
        "2.推进民政信息公开。(责任单位:市民政局,完成时限:全年)\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    result = gongkai(
        "import",
        str(source),
        "--out",
        str(out),
        "--number",
        "沪府办〔2024〕1号",
        "--title",
        "2024年上海市政务公开工作要点",
    )
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert document["decisions"] == [
        {
            "field": "standing_responsible",
            "value": "各区政府",
            "reason": "要点写明“本要点各项工作均需各区政府作为责任单位，以下不再列出”："
            "这些单位是每一项任务的责任单位，各项不再列出。",
        }
    ]
    assert [t["assignments"] for t in _tasks(out)] == [
        [{"unit": "市教委", "role": "responsible"}, {"unit": "各区政府", "role": "responsible"}],
        [{"unit": "市民政局", "role": "responsible"}, {"unit": "各区政府", "role": "responsible"}],
    ]
    assert result.exit_code == 0, result.stderr
    # The loaded plan applies it: a district owes both tasks through 各区政府.
    due = gongkai(
        "due", "--data", str(out), "--unit", "长宁区政府", "--as-of", "2024-06-01", "-f", "json"
    )
    assert [(t["seq"], t["via"]) for t in json.loads(due.stdout)["tasks"]] == [
        (1, "各区政府"),
        (2, "各区政府"),
    ]
