"""The 责任单位 grammar: roles from every phrasing, open lists, and the 2021 cells unchanged.

The 2021 expectation is data/tasks.yaml as PyYAML reads it: its assignments were
written, row by row, before the new phrasings were added.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import Gongkai
from gongkai_cli.model.plan import Role
from gongkai_cli.plan.assignments import parse_responsible

ROOT = Path(__file__).resolve().parent.parent
ITEMS = Path(__file__).resolve().parent / "plans" / "items-2025"
LEAD, RESP, SUPPORT = Role.LEAD, Role.RESPONSIBLE, Role.SUPPORT


def test_every_2021_cell_reads_as_before() -> None:
    raw = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    for task in raw["tasks"]:
        written = [(a["unit"], Role(a["role"])) for a in task["assignments"]]
        assert parse_responsible(task["responsible"]) == written, task["seq"]


CASES = [
    # 2021 shapes
    ("市司法局", [("市司法局", RESP)]),
    (
        "市人力资源社会保障局负责,长宁区政府、市大数据中心配合",
        [("市人力资源社会保障局", RESP), ("长宁区政府", SUPPORT), ("市大数据中心", SUPPORT)],
    ),
    (
        "市政府办公厅牵头,市政府各部门、各区政府负责",
        [("市政府办公厅", LEAD), ("市政府各部门", RESP), ("各区政府", RESP)],
    ),
    # later plans' phrasings
    ("各区政府、市政府各部门负责落实", [("各区政府", RESP), ("市政府各部门", RESP)]),
    ("区政府各委办局按职责分工负责", [("区政府各委办局", RESP)]),
    ("市政府办公厅(牵头)、市发展改革委", [("市政府办公厅", LEAD), ("市发展改革委", RESP)]),
    ("市政府办公厅（牵头）、市发展改革委", [("市政府办公厅", LEAD), ("市发展改革委", RESP)]),
    ("区数据局牵头负责，各街道镇参与", [("区数据局", LEAD), ("各街道镇", SUPPORT)]),
    ("区数据局等相关部门", [("区数据局", RESP), ("相关部门", RESP)]),
    (
        "区数据局、区司法局等有关单位配合",
        [("区数据局", SUPPORT), ("区司法局", SUPPORT), ("有关单位", SUPPORT)],
    ),
    ("各试点单位", [("各试点单位", RESP)]),
    ("各街道镇", [("各街道镇", RESP)]),
    # 高等 is part of a name, not an open list
    ("市高等教育学会", [("市高等教育学会", RESP)]),
]


@pytest.mark.parametrize(("cell", "expected"), CASES, ids=[cell for cell, _ in CASES])
def test_phrasings(cell: str, expected: list[tuple[str, Role]]) -> None:
    assert parse_responsible(cell) == expected


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    shutil.copytree(ITEMS, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_unit_kind_exits_3(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    _edit(plan / "units.yaml", "kind: park_committee", "kind: park")
    result = gongkai("validate", "--data", str(plan))
    assert result.exit_code == 3
    assert f"{plan}/units.yaml:55: units.11.kind: Input should be 'municipal_department'" in (
        result.stderr
    )
    assert "'enterprise', 'institution', 'provincial_department', 'city_government' or " in (
        result.stderr
    )


def test_an_unlisted_unit_in_an_inline_cell_exits_3(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    _edit(plan / "tasks.yaml", 'responsible: "区政府办公室"\n', 'responsible: "区档案局"\n')
    result = gongkai("validate", "--data", str(plan))
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: invalid data (1 problem):\n"
        f"{plan}/tasks.yaml:58: tasks.8.responsible: unknown unit '区档案局' "
        "(not a name or alias in units.yaml)\n",
    )


def test_an_unreadable_node_without_a_decision_exits_3(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    _edit(plan / "tasks.yaml", 'time_node: "全年"', 'time_node: "适时"')
    result = gongkai("validate", "--data", str(plan))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: invalid data (1 problem):"
    assert lines[1].startswith(
        f"{plan}/tasks.yaml:35: tasks.2.time_node: '适时' is not a time node gongkai can read "
        "(expected N月底前, N月底, N月D日前, N月份,"
    )
    assert lines[1].endswith(
        "); keep it verbatim and record a decision (field: time_node) with its reading"
    )


def test_an_items_plan_has_no_pages_or_merged_cells(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    _edit(
        plan / "tasks.yaml",
        "  - seq: 2\n",
        "  - seq: 2\n    page: 1\n    name_source: merged_above\n",
    )
    result = gongkai("validate", "--data", str(plan))
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: invalid data (2 problems):\n"
        f"{plan}/tasks.yaml:30: tasks.1.page: an items plan has no annex pages: leave page out\n"
        f"{plan}/tasks.yaml:31: tasks.1.name_source: an items plan has no merged cells: "
        "leave name_source out\n",
    )


def test_a_written_deadline_is_checked(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    _edit(
        plan / "tasks.yaml",
        '    time_node: "每季度"\n',
        '    time_node: "每季度"\n    deadline: {kind: recurring, due: 2025-12-30}\n',
    )
    result = gongkai("validate", "--data", str(plan))
    assert (result.exit_code, result.stderr) == (
        3,
        "Error: invalid data (1 problem):\n"
        f"{plan}/tasks.yaml:72: tasks.10.deadline: does not match 完成时限 '每季度', "
        "which gives kind recurring, due 2025-12-31\n",
    )
