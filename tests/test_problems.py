"""Every problem of a data file is a `Problem`: its parts kept, never parsed back
from its line (issue 21 item 4).

`gongkai import` places each problem of its draft at its file, line and field, and
the progress file drops a schema complaint about a word it already reported: both
read the parts. So each reader below, given a broken file, must raise
InvalidDataError whose problems are Problems whose parts make their line.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai_cli.errors import InvalidDataError, Problem
from gongkai_cli.io.files import decode_utf8, read_bytes
from gongkai_cli.io.plans import default_data_dir
from gongkai_cli.plan.load import load_plan
from gongkai_cli.progress.file import parse_progress
from gongkai_cli.workdays.holidays import read_holidays_file
from gongkai_cli.workdays.rules import validate_rules


def _plan_with(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "plan"
    shutil.copytree(default_data_dir(), data)
    tasks = data / "tasks.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace(old, new, 1), "utf-8")
    return data


def _plan_problem(tmp_path: Path) -> None:  # a validation problem: a repeated 序号
    load_plan(_plan_with(tmp_path, "  - seq: 2\n", "  - seq: 3\n"))


def _plan_schema(tmp_path: Path) -> None:  # a schema problem: an unknown key
    load_plan(_plan_with(tmp_path, "  - seq: 2\n", "  - seq: 2\n    colour: red\n"))


def _plan_yaml(tmp_path: Path) -> None:  # YAML that does not parse
    load_plan(_plan_with(tmp_path, "  - seq: 2\n", "  - seq: [2\n"))


def _not_utf8(tmp_path: Path) -> None:
    decode_utf8(tmp_path / "tasks.yaml", "测试".encode("gbk"))


def _too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 2048)
    read_bytes(path, limit=1024)


def _rules(tmp_path: Path) -> None:
    validate_rules(tmp_path / "rules.yaml", b"rules: 3\n")


def _holidays(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("years:\n  2030:\n    holidays: nope\n", encoding="utf-8")
    read_holidays_file(path)


def _progress(tmp_path: Path) -> None:  # a status word it cannot read, and a bad date
    plan = load_plan()
    text = (
        "entries:\n  - seq: 12\n    unit: 市教委\n    status: 差不多\n    completed: 2021-13-01\n"
    )
    parse_progress(tmp_path / "progress.yaml", text, plan)


READERS: dict[str, Callable[[Path], None]] = {
    "plan validation": _plan_problem,
    "plan schema": _plan_schema,
    "plan yaml": _plan_yaml,
    "not utf-8": _not_utf8,
    "too large": _too_large,
    "rules": _rules,
    "holidays": _holidays,
    "progress": _progress,
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_every_problem_keeps_its_parts(tmp_path: Path, reader: Callable[[Path], None]) -> None:
    with pytest.raises(InvalidDataError) as raised:
        reader(tmp_path)
    problems = raised.value.problems
    assert problems
    for problem in problems:
        assert isinstance(problem, Problem), problem
        where = f"{problem.file}:{problem.line}"
        said = f"{problem.field}: {problem.message}" if problem.field else problem.message
        assert problem == f"{where}: {said}"
        assert problem.line >= 1 and problem.message
