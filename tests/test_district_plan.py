"""A district plan end to end, read at its own level (issue 17, Why and Must hold).

The 普陀区 2025 items (tests/plans/2025-putuo/received.txt, a copy of
../shared/plans/2025-putuo) are imported as they are, with no edits. Then 区民政局 owes
tasks 1 (by name), 2, 3 and 5 (via 各部门); 长征镇, a 普陀 town the plan never names,
records progress via 各街镇; 区府办 is the district's government office (第四十九条
第二款) and 区民政局 a district department (第一款). No suggestion crosses a level.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import Gongkai

PUTUO = Path(__file__).resolve().parent / "plans" / "2025-putuo" / "received.txt"


@pytest.fixture
def putuo(gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-06-02")
    out = tmp_path / "putuo"
    code, _out, err = gongkai("import", str(PUTUO), "--out", str(out))
    # Nothing to decide before the plan loads: every unit's kind is a reading to check.
    assert code == 0, err
    assert [line for line in err.splitlines() if ": to decide: " in line] == []
    return out


def _units(plan: Path) -> dict[str, dict[str, object]]:
    raw = yaml.safe_load((plan / "units.yaml").read_text(encoding="utf-8"))
    return {unit["name"]: unit for unit in raw["units"]}


def test_the_plan_knows_its_place_and_level(putuo: Path) -> None:
    document = yaml.safe_load((putuo / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("上海市普陀区", "district")


def test_district_units_are_the_district_s(putuo: Path) -> None:
    units = _units(putuo)
    office = units["区府办"]
    assert (office["kind"], office["full_name"]) == (
        "government_office",
        "上海市普陀区人民政府办公室",
    )
    bureau = units["区民政局"]
    assert (bureau["kind"], bureau["kind_source"], bureau["full_name"]) == (
        "district_department",
        "grammar",
        None,
    )
    assert bureau["aliases"] == ["普陀区民政局"]
    departments = units["各部门"]
    assert departments["member_kinds"] == ["district_department"]
    assert "区民政局" in departments["members"] and "区府办" not in departments["members"]
    streets = units["各街镇"]
    assert streets["member_kinds"] == ["subdistrict_office", "town_government"]
    assert streets["members"] == [
        "曹杨新村街道",
        "长风新村街道",
        "长寿路街道",
        "甘泉路街道",
        "石泉路街道",
        "宜川路街道",
        "万里街道",
        "真如镇街道",
        "长征镇",
        "桃浦镇",
    ]
    assert units["相关部门"]["resolved"] is False
    # Nothing of Shanghai's city registry: the plan names no 市X unit.
    assert not any(name.startswith("市") or name == "各区政府" for name in units)


def test_no_suggestion_crosses_a_level(gongkai: Gongkai, tmp_path: Path) -> None:
    _code, _out, err = gongkai("import", str(PUTUO), "--out", str(tmp_path / "p"))
    for city in ("市民政局", "市政府办公厅", "各区政府", "黄浦区政府", "市大数据中心"):
        assert city not in err


def test_due_for_a_district_department(gongkai: Gongkai, putuo: Path) -> None:
    code, out, err = gongkai("due", "--data", str(putuo), "--unit", "区民政局", "-f", "json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert [(t["seq"], t["role"], t["via"]) for t in answer["tasks"]] == [
        (1, "responsible", None),
        (2, "responsible", "各部门"),
        (3, "responsible", "各部门"),
        (5, "responsible", "各部门"),
    ]
    # 第一款: a department of a 县级以上 government; never 第二款
    assert [s["basis"] for s in answer["statutory"]] == ["《政府信息公开条例》第四十九条第一款"]
    # typed with its place
    code, out, _err = gongkai("due", "--data", str(putuo), "--unit", "普陀区民政局", "-f", "json")
    assert json.loads(out)["unit"] == "区民政局"


def test_the_district_office_owes_the_government_s_report(gongkai: Gongkai, putuo: Path) -> None:
    code, out, err = gongkai("due", "--data", str(putuo), "--unit", "区府办", "-f", "json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert [t["seq"] for t in answer["tasks"]] == [2, 3, 4]
    assert "《政府信息公开条例》第四十九条第二款" in [s["basis"] for s in answer["statutory"]]


def test_a_town_the_plan_never_names_records_progress(
    gongkai: Gongkai, putuo: Path, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    code, out, err = gongkai(
        "progress",
        "set",
        "--create",
        "--data",
        str(putuo),
        "-p",
        str(progress),
        "--unit",
        "长征镇",
        "3",
        "--status",
        "in_progress",
    )
    assert (code, out) == (0, "")
    assert err == f"added: task 3, 长征镇: in_progress ({progress})\n"
    # The plan has no 文号: its heading names the title alone, without an empty ()
    first = progress.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# gongkai progress file (进展台账): 2025年普陀区政务公开工作要点"
    code, out, _err = gongkai("due", "--data", str(putuo), "--unit", "长征镇", "-f", "json")
    answer = json.loads(out)
    assert [(t["seq"], t["via"]) for t in answer["tasks"]] == [(3, "各街镇"), (5, "各街镇")]


def test_an_unnamed_department_is_a_member_of_its_collective(
    gongkai: Gongkai, putuo: Path, tmp_path: Path
) -> None:
    code, out, err = gongkai("due", "--data", str(putuo), "--unit", "区财政局", "-f", "json")
    assert code == 0
    assert err == (
        "to check: 区财政局 is not in the plan's units; read as a district government department "
        "by its name (prefix + “局/委/办/厅”: a government department of that level), a member "
        "of 各部门\n"
    )
    answer = json.loads(out)
    assert (answer["listed"], answer["member_of"]) == (False, ["各部门"])
    assert [t["seq"] for t in answer["tasks"]] == [2, 3, 5]
    assert [t["seq"] for t in answer["may_apply"]] == [1]  # 相关部门: it may apply
    progress = tmp_path / "progress.yaml"
    code, _out, err = gongkai(
        "progress",
        "set",
        "--create",
        "--data",
        str(putuo),
        "-p",
        str(progress),
        "--unit",
        "区财政局",
        "5",
        "--status",
        "done",
        "--on",
        "2025-05-30",
    )
    assert code == 0, err
    code, out, _err = gongkai(
        "progress", "show", "--data", str(putuo), "-p", str(progress), "-f", "json"
    )
    assert [(e["seq"], e["unit"], e["status"]) for e in json.loads(out)["entries"]] == [
        (5, "区财政局", "done")
    ]


def test_a_name_that_is_no_unit_s_is_refused_saying_how_to_add_it(
    gongkai: Gongkai, putuo: Path
) -> None:
    code, out, err = gongkai("due", "--data", str(putuo), "--unit", "火星")
    assert (code, out) == (2, "")
    assert err == (
        "Error: unknown unit '火星' ('gongkai units' lists them; to add one, write its name "
        "and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n"
    )


def test_units_shows_levels_and_where_kinds_come_from(gongkai: Gongkai, putuo: Path) -> None:
    _code, out, _err = gongkai("units", "--data", str(putuo), "-f", "json")
    records = {u["name"]: u for u in json.loads(out)["units"]}
    assert (records["区民政局"]["level"], records["区民政局"]["kind_source"]) == (
        "district",
        "grammar",
    )
    assert (records["长征镇"]["level"], records["长征镇"]["kind_source"]) == ("street", "registry")
    assert records["各街镇"]["level"] == "street"
    assert records["相关部门"]["level"] is None
    assert json.loads(out)["place"] == {"name": "上海市普陀区", "level": "district"}
    _code, out, _err = gongkai("units", "--data", str(putuo))
    assert out.splitlines()[-1] == "上海市普陀区（区县级） · 26 个单位"
    # csv carries them too, for the spreadsheet an office keeps its units in
    _code, out, _err = gongkai("units", "--data", str(putuo), "-f", "csv")
    lines = out.splitlines()
    assert lines[0] == "name,full_name,kind,aliases,members,resolved,note,level,kind_source"
    (town,) = [line for line in lines if line.startswith("长征镇,")]
    assert town.startswith("长征镇,,town_government,,,true,")
    assert town.endswith(",street,registry")
