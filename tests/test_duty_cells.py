"""The 责任单位 reader against real cells read by hand (tests/data/duty_cells.yaml).

Issue 17 must-hold: at least 98% of unit-role pairs right, and no junk unit (a unit
the hand reading does not have). The figure is computed here from the hand
readings, which nothing in gongkai produced; `python tests/test_duty_cells.py`
prints it with every cell the reader gets wrong.

A cell read from a table column whose header carries the role (牵头单位, 牵头落实科室)
is read with that header (the cell's `column`), as the table importer reads it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from gongkai_cli.plan.assignments import read_responsible

CELLS = Path(__file__).resolve().parent / "data" / "duty_cells.yaml"
# The hand readings write the five full-width marks the pages print; a cell copied from a
# page may have their ASCII forms. Both are the same name.
_SAME = str.maketrans("()：:,;", "（）：：，；")


def _key(name: str) -> str:
    return re.sub(r"\s", "", name).translate(_SAME)


def _column(cell: dict[str, Any]) -> str | None:
    """The header of the cell's unit column, where the cell is from a table's column."""
    column = cell.get("column")
    return str(column) if column else None


class Score(NamedTuple):
    right: int
    total: int
    junk: list[tuple[str, str]]
    wrong: list[str]


def score() -> Score:
    data = yaml.safe_load(CELLS.read_text(encoding="utf-8"))
    right = total = 0
    junk: list[tuple[str, str]] = []
    wrong: list[str] = []
    for cell in data["cells"]:
        reading = read_responsible(cell["cell"], _column(cell))
        got = [(_key(unit), str(role)) for unit, role in reading.pairs]
        expected = [(_key(r["unit"]), r["role"]) for r in cell["reading"]]
        names = {unit for unit, _ in expected}
        hits = sum(1 for pair in expected if pair in got)
        right += hits
        total += len(expected)
        extra = [(cell["cell"], unit) for unit, _ in got if unit not in names]
        junk += extra
        if hits < len(expected) or extra:
            wrong.append(
                f"{cell['source']} {cell['where']}: {cell['cell']}\n  hand: {expected}\n  read: {got}"
            )
    return Score(right, total, junk, wrong)


@pytest.fixture(scope="module")
def result() -> Score:
    if not CELLS.is_file():
        pytest.skip("tests/data/duty_cells.yaml is not in this checkout")
    return score()


def test_the_table_is_big_enough(result: Score) -> None:
    assert result.total >= 100


def test_at_least_98_percent_of_pairs_are_right(result: Score) -> None:
    assert result.right / result.total >= 0.98, "\n".join(result.wrong)


def test_no_junk_unit(result: Score) -> None:
    assert result.junk == []


if __name__ == "__main__":
    found = score()
    print("\n".join(found.wrong))
    share = 100 * found.right / found.total
    print(
        f"{found.right}/{found.total} unit-role pairs right ({share:.1f}%), "
        f"{len(found.junk)} junk units",
        file=sys.stderr if found.wrong else sys.stdout,
    )
