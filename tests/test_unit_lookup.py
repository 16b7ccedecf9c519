"""Unit names as people type them: traditional characters, and input far too long to echo."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.errors import UnknownUnitError, shown
from gongkai_cli.plan.load import load_plan
from gongkai_cli.plan.units import UnitDirectory


@pytest.fixture(scope="module")
def units() -> UnitDirectory:
    return UnitDirectory(load_plan().units)


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("長寧區政府", "长宁区政府"),  # the audit's case
        ("長寧區", "长宁区政府"),  # a traditional short form
        ("上海市經濟和信息化委員會", "市经济信息化委"),  # a traditional full name
        ("市教委", "市教委"),  # simplified, found without conversion
    ],
)
def test_traditional_spellings_find_the_unit(units: UnitDirectory, typed: str, unit: str) -> None:
    assert units.resolve(typed).name == unit


def test_due_answers_a_traditional_name_as_the_simplified_one(gongkai: Gongkai) -> None:
    traditional = gongkai("due", "--unit", "長寧區政府", "--before", "2021-06-30")
    simplified = gongkai("due", "--unit", "长宁区政府", "--before", "2021-06-30")
    assert traditional.exit_code == simplified.exit_code == 0
    assert traditional.stdout == simplified.stdout
    assert "长宁区政府" in simplified.stdout


def test_an_unknown_traditional_name_is_echoed_as_typed(units: UnitDirectory) -> None:
    with pytest.raises(UnknownUnitError) as caught:
        units.resolve("臺灣省政府")
    assert str(caught.value).startswith("unknown unit '臺灣省政府'")


def test_an_error_echoes_at_most_200_characters_of_the_input(gongkai: Gongkai) -> None:
    typed = "長" * 100_000
    result = gongkai("due", "--unit", typed)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: unknown unit '{'長' * 200}…' (100000 characters) ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n"
    )


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["deadline", "--from", "2" * 100_000, "-d", "3"], "Error: invalid date '"),
        (["calendar", "--month", "2" * 100_000], "Error: invalid month '"),
        (["deadline", "--from", "2021-06-01", "--rule", "x" * 100_000], "Error: unknown rule '"),
    ],
    ids=["date", "month", "rule"],
)
def test_other_echoed_input_is_cut_too(gongkai: Gongkai, args: list[str], start: str) -> None:
    result = gongkai(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(start)
    assert "…' (100000 characters)" in result.stderr
    # What is left is the message itself: for a rule, the list of the rules there are.
    known = result.stderr.partition("(rules: ")[2]
    assert len(result.stderr) - len(known) < 400


def test_shown_keeps_short_text_as_repr_and_cuts_long_text() -> None:
    assert shown("市教委") == "'市教委'"
    assert shown("a" * 200) == repr("a" * 200)
    assert shown("a" * 201) == f"'{'a' * 200}…' (201 characters)"


LONG = "長" * 100_000


@pytest.mark.parametrize(
    "args",
    [
        ["reply-check", "--received", "2021-06-01", "-r", "consult", "--pause", LONG],
        [
            "reply-check",
            "--received",
            "2021-06-01",
            "-r",
            "consult",
            "--pause",
            "2021-06-02.." + LONG,
        ],
        ["reply-check", "--file", "{csv}", "-r", "consult", "--group-by", LONG],
        ["reply-check", "--file", "{csv}", "-r", "consult", "--encoding", LONG],
        ["reply-check", "--file", "{csv}", "-r", "consult", "--columns", "id=" + LONG],
        ["reply-check", "--file", LONG, "-r", "consult"],
        ["import", "{txt}", "--out", "{out}", "--encoding", LONG],
        ["import", LONG, "--out", "{out}"],
        ["show", LONG],
        ["progress", "set", "16", "--unit", "市教委", "--status", LONG],
        ["holidays", "--year", LONG],
        ["deadline", "--from", "2021-06-01", "-r", "consult", "--receipt", LONG],
    ],
    ids=[
        "pause",
        "pause-end",
        "group-by",
        "encoding",
        "columns",
        "file",
        "import-encoding",
        "import-path",
        "click-int",
        "click-choice",
        "click-year",
        "click-receipt",
    ],
)
def test_no_error_repeats_100_kb_of_what_was_typed(
    gongkai: Gongkai, tmp_path: Path, args: list[str]
) -> None:
    """Issue 11 item 9, for every option a hostile user can fill: an error repeats at
    most about 200 characters of any value, whoever (gongkai or click) writes it."""
    csv = tmp_path / "p.csv"
    csv.write_text("id,received,replied\na,2021-06-01,2021-06-04\n", encoding="utf-8")
    txt = tmp_path / "plan.txt"
    txt.write_text("x\n", encoding="utf-8")
    paths = {"{csv}": str(csv), "{txt}": str(txt), "{out}": str(tmp_path / "out")}
    result = gongkai(*[paths.get(arg, arg) for arg in args])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "長" * 200 in result.stderr  # the start of what was typed is still shown
    assert len(result.stderr) < 1000
