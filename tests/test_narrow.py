"""Narrow terminals: no command prints a line wider than $COLUMNS (60, 80 or 120).

Every command runs with typical arguments, in its table format, and every line
of its stdout is measured in display cells (a Chinese character is two). So is
every --help. A new command fails `test_every_command_is_measured` until it is
added to `COMMANDS` here (or to `NOT_TABLES`, with the reason).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.cli.app import command_tree
from gongkai_cli.model.plan import UnitKind
from gongkai_cli.render.table import Column, column_widths, table_lines
from gongkai_cli.render.text import width

PATHS = [path for path, command in command_tree().items() if not hasattr(command, "list_commands")]
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
WIDTHS = (60, 80, 120)

# What each command is run with; {progress}, {cases} and {tmp} are filled in.
COMMANDS: dict[str, list[str]] = {
    "due": ["due", "--unit", "市教委"],
    "owes": ["owes"],
    "tasks": ["tasks"],
    "show": ["show", "6"],
    "units": ["units"],
    "validate": ["validate"],
    "import": ["import", str(SOURCE), "--out", "{tmp}/draft"],
    "plans": ["plans"],
    "plans add": ["plans", "add", "{tmp}/missing"],
    "plans remove": ["plans", "remove", "nothing-here"],
    "plans use": ["plans", "use", "nothing-here"],
    "progress set": [
        "progress",
        "set",
        "--create",
        "20",
        "--unit",
        "市教委",
        "--on",
        "2021-05-01",
        "-p",
        "{tmp}/p.yaml",
    ],
    "progress show": ["progress", "show", "-p", "{progress}"],
    "progress import": ["progress", "import", "{returned}", "-p", "{progress}", "--dry-run"],
    "progress rekey": ["progress", "rekey", "-p", "{progress}", "--dry-run"],
    "overdue": ["overdue", "-p", "{progress}"],
    "lint": ["lint"],
    "rules": ["rules"],
    "deadline": ["deadline", "--from", "2021-09-30", "--rule", "consult", "--explain"],
    "holidays": ["holidays", "--year", "2021"],
    "reply-check": ["reply-check", "--file", "{cases}", "--rule", "consult", "-f", "table"],
    "calendar": ["calendar", "--month", "2021-10"],
}
# Commands whose output is not a table for a terminal, and why.
NOT_TABLES = {
    "schema": "JSON Schema, for programs",
    "report": "Markdown (its rows must stay one line each to paste), html or json",
    "progress template": "an .xlsx workbook to fill in, written to -o (stdout stays empty)",
}
# More views of the widest commands: one unit through its collectives, the month matrix.
MORE = {
    "due 长宁区政府": ["due", "--unit", "长宁区政府", "--before", "2021-10-31"],
    "owes 长宁区政府": ["owes", "--unit", "长宁区政府"],
    "overdue 市教委": ["overdue", "--unit", "市教委", "-p", "{progress}"],
    "show 12": ["show", "12"],
    "calendar 市教委": ["calendar", "--unit", "市教委", "--month", "2021-10"],
    # The options issues 9 and 13 added: each adds a column, a group or a layout.
    "tasks --long": ["tasks", "--long"],
    "tasks --grep": ["tasks", "--grep", "12345", "--long"],
    "due -p --after": ["due", "--unit", "市教委", "-p", "{progress}", "--after", "2021-09-01"],
    "due --within --grep": ["due", "--unit", "长宁区政府", "--within", "3m", "--grep", "公开"],
    "due --plan all": ["due", "--unit", "市教委", "--plan", "all", "--month", "2021-06"],
    "due items": ["due", "--unit", "区政府办公室", "--data", "{items}"],
    "tasks items": ["tasks", "--long", "--data", "{items}"],
    "show items": ["show", "6", "--data", "{items}"],
    "lint items": ["lint", "--data", "{items}"],
    "overdue items": ["overdue", "--data", "{items}"],
    "owes items": ["owes", "--data", "{items}"],
    "calendar items": ["calendar", "--month", "2025-09", "--data", "{items}"],
    "reply-check --group-by": [
        "reply-check",
        "--file",
        "{putuo}",
        "-r",
        "consult",
        "--columns",
        "received=受理时间,replied=答复时间",
        "--group-by",
        "unit",
    ],
    "reply-check one": [
        "reply-check",
        "--received",
        "2021-09-28",
        "--replied",
        "2021-10-20",
        "-r",
        "consult",
    ],
}


@pytest.fixture(scope="module")
def progress(gongkai: Gongkai, tmp_path_factory: pytest.TempPathFactory, plan_cache: Path) -> Path:
    """A progress file with a done task, a target value and a note."""
    path = tmp_path_factory.mktemp("narrow") / "progress.yaml"
    env = {"GONGKAI_TODAY": "2021-06-15", "GONGKAI_CACHE_DIR": str(plan_cache)}
    for args in (
        ["12", "--unit", "市教委", "--on", "2021-02-20", "--evidence", "沪教委办〔2021〕1号"],
        ["16", "--unit", "市教委", "--on", "2021-06-01", "--value", "55"],
        ["99", "--unit", "市教委", "--status", "in_progress", "--note", "待党组会审定"],
    ):
        result = gongkai("progress", "set", "--create", *args, "-p", str(path), env=env)
        assert result.exit_code == 0, result.output
    return path


def test_every_command_is_measured() -> None:
    # `plans` is a group that also lists the plans itself.
    assert sorted([*PATHS, "plans"]) == sorted([*COMMANDS, *NOT_TABLES])


def widest(text: str) -> int:
    return max(width(line) for line in text.split("\n"))


def command_args(name: str, progress: Path, tmp_path: Path) -> list[str]:
    """The arguments `name` is run with, its {placeholders} filled in."""
    fill = {
        "progress": str(progress),
        "tmp": str(tmp_path),
        "cases": str(ROOT / "examples" / "cases.csv"),
        "returned": str(ROOT / "examples" / "市教委-已填.xlsx"),
        "putuo": str(ROOT / "examples" / "putuo-consult.csv"),
        "items": str(Path(__file__).resolve().parent / "plans" / "items-2025"),
    }
    return [arg.format(**fill) for arg in {**COMMANDS, **MORE}[name]]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", [*COMMANDS, *MORE])
def test_no_line_is_wider_than_the_terminal(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, progress: Path,
    name: str, columns: int,
) -> None:  # fmt: skip
    monkeypatch.setenv("COLUMNS", str(columns))
    args = command_args(name, progress, tmp_path)
    result = gongkai(*args)
    assert result.exit_code in (0, 1, 2), result.output
    lines = result.stdout.split("\n")
    too_wide = [line for line in lines if width(line) > columns]
    assert too_wide == []
    quiet = ("import", "plans add", "plans remove", "plans use", "progress set", "progress rekey")
    if name not in (*quiet, "validate"):
        assert len(lines) > 1  # it printed something to measure


def _unit_names(*plans: Path) -> set[str]:
    """Every unit name and spelling of the plans, the shipped one's too."""
    import yaml

    names: set[str] = set()
    for plan in (ROOT / "data", *plans):
        for unit in yaml.safe_load((plan / "units.yaml").read_text("utf-8"))["units"]:
            names.update([unit["name"], *unit.get("aliases", ()), *unit.get("members", ())])
    return names


# A unit's kind (区政府, 办公厅) is a word of the units table, not a unit's name.
UNIT_NAMES = _unit_names(Path(__file__).resolve().parent / "plans" / "items-2025") - {
    kind.zh for kind in UnitKind
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def broken_words(
    columns: Sequence[Column], cells: list[list[str]], lines: list[str], total: int, gap: str
) -> list[str]:
    """The days and unit names of `cells` that no line of their column holds whole.

    A day is looked for in every column; a unit name in every column but the running
    text of a flexible one (a sentence may break anywhere, as Chinese typesetting does).
    """
    widths, gap, _, cards = column_widths(columns, cells, total=total, gap=gap)
    if cards:  # each row a card: a header and its value a line
        return [
            f"{column.header}: {word}"
            for row in cells
            for column, value in zip(columns, row, strict=True)
            for word in [*DAY.findall(value), *(n for n in UNIT_NAMES if n in value)]
            if not any(word in line for line in lines)
        ]
    starts = [sum(widths[:i]) + len(gap) * i for i in range(len(widths))]
    body = lines[lines.index(next(line for line in lines if line.startswith("─"))) + 1 :]
    slices = [
        [_cells_of(line, start, size) for line in body]
        for start, size in zip(starts, widths, strict=True)
    ]
    broken = []
    for row in cells:
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            words = DAY.findall(value)
            if not column.ratio:
                words += [name for name in UNIT_NAMES if name in value]
            broken += [
                f"{column.header}: {word}"
                for word in words
                if not any(word in piece for piece in slices[index])
            ]
    return broken


def _cells_of(line: str, start: int, size: int) -> str:
    """The part of `line` in display cells start..start+size."""
    out, at = "", 0
    for char in line:
        if start <= at < start + size:
            out += char
        at += width(char)
    return out


@pytest.mark.parametrize("columns", (60, 66, 73))
@pytest.mark.parametrize("name", [*COMMANDS, *MORE])
def test_no_date_or_unit_name_is_broken_across_lines(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, progress: Path,
    name: str, columns: int,
) -> None:  # fmt: skip
    # Every table a command draws is checked as it is drawn: a day (2021-06-01, never
    # 2021-06 / -01) and a unit name (never 市政府各部 / 门) stay whole on one line.
    import importlib

    emit = importlib.import_module("gongkai_cli.render.emit")
    drawn: list[list[str]] = []

    def watched(columns: Sequence[Column], cells: list[list[str]], **options: Any) -> list[str]:
        lines = table_lines(columns, cells, **options)
        if options.get("header", True) and cells:
            gap = options.get("gap", "   ")
            drawn.extend(broken_words(columns, cells, lines, options["total"], gap))
        return lines

    monkeypatch.setattr(emit, "table_lines", watched)
    monkeypatch.setenv("COLUMNS", str(columns))
    result = gongkai(*command_args(name, progress, tmp_path))  # an exception is raised
    assert result.exit_code in (0, 1, 2), result.output
    assert drawn == []


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("path", ["", "plans", "progress", *PATHS])
def test_help_fits(gongkai: Gongkai, path: str, columns: int) -> None:
    result = gongkai(*path.split(), "--help", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    assert widest(result.stdout) <= columns
    assert "Usage" in result.stdout


# The layout itself, on a made-up table of the shape `due` prints.
DUE_LIKE = [Column("序号", "seq", justify="right"), Column("任务", "task", ratio=1), Column("角色", "role", atoms=True), Column("截止", "due"), Column("状态", "status")]  # fmt: skip
ROW = ["12", "【加强信息处理费收费管理】在本单位政府信息公开指南中载明收费要求和标准。", "负责\n经 市政府各部门", "2021-02-28\n2月底前", "窗口期内,剩 12 天"]  # fmt: skip


def test_a_table_that_fits_keeps_its_layout() -> None:
    # Three spaces between columns, the flexible column takes what is left, fixed ones whole.
    lines = table_lines(DUE_LIKE, [ROW], total=120)
    assert lines == [
        "序号   任务" + " " * 61 + "角色              截止         状态",
        "─" * 120,
        "  12   【加强信息处理费收费管理】在本单位政府信息公开指南中载明收费要"
        "   负责              2021-02-28   窗口期内,剩 12 天",
        "       求和标准。" + " " * 55 + "经 市政府各部门   2月底前",
    ]


def chars(lines: list[str]) -> Counter[str]:
    return Counter(char for line in lines for char in line if char not in " ─\n")


@pytest.mark.parametrize("total", range(24, 81))
def test_a_narrowed_table_fits_and_loses_no_text(total: int) -> None:
    lines = table_lines(DUE_LIKE, [ROW, ROW], total=total)
    assert max(width(line) for line in lines) <= total
    cards = column_widths(DUE_LIKE, [ROW, ROW], total=total).cards
    headers = [c.header for c in DUE_LIKE] * (2 if cards else 1)  # a card's each
    assert chars(lines) == chars(headers + ROW + ROW)
    assert cards == (total < 44)  # narrower than 44, the days and names no longer fit


def test_at_60_the_fixed_columns_wrap_first_and_dates_and_names_stay_whole() -> None:
    # Issue 22: 市政府各部门 was cut 市政府各部 / 门 here; a unit column breaks between names.
    lines = table_lines(DUE_LIKE, [ROW], total=60)
    assert lines == [
        "序 任务                     角色         截止       状态",
        "号",
        "─" * 60,
        "12 【加强信息处理费收费管   负责         2021-02-28 窗口期",
        "   理】在本单位政府信息公开 经           2月底前    内,剩 12",
        "   指南中载明收费要求和标   市政府各部门            天",
        "   准。",
    ]


def test_a_table_too_narrow_for_its_days_and_names_is_cards() -> None:
    assert table_lines(DUE_LIKE, [ROW, ROW], total=40) == [
        *CARD,
        "─" * 40,
        *CARD,
    ]


CARD = [
    "序号  12",
    "任务  【加强信息处理费收费管理】在本单位",
    "      政府信息公开指南中载明收费要求和标",
    "      准。",
    "角色  负责",
    "      经 市政府各部门",
    "截止  2021-02-28",
    "      2月底前",
    "状态  窗口期内,剩 12 天",
]


def test_a_matrix_too_wide_for_its_values_wraps_its_headers() -> None:
    columns = [Column("单位", "unit"), *(Column(f"{m}月", str(m), justify="right") for m in range(1, 13)), Column("合计", "total", justify="right")]  # fmt: skip
    cells = [["市发展改革委", *map(str, range(12)), "44"]]
    lines = table_lines(columns, cells, total=60, gap=" ")
    assert max(width(line) for line in lines) <= 60
    assert lines[-1].startswith("市发展改革委")
