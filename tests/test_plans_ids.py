"""Plan ids and the plans directory under stress (issue 20 items 1 and 14).

The audit's repros: `plans remove ' 2021'` (and '2021 ', $'2021\\n', $'\\t2021')
deleted the shipped plan from site-packages, because `find()` stripped the id and
`remove()` did not; 36 of 36 readers started during `plans remove` exited 3; one
empty directory in plans/ made `plans` and `due --plan all` exit 2; a leftover
`.ID.removed.tmp` blocked a later remove.

The shipped plan these tests try to remove is a copy (`shipped`): a regression
must not delete the checkout's data/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.io import plans

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = Path(__file__).resolve().parent / "plans" / "mini-2025"


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plan, standing in for the package's own."""
    copy = tmp_path / "site-packages" / "gongkai_cli" / "data"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(plans, "default_data_dir", lambda: copy)
    return copy


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """Where installed plans go (conftest points GONGKAI_DATA_HOME here)."""
    return tmp_path / "data-home" / "plans"


def files(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))


# -- item 1: one reading of an id ----------------------------------------------------------


@pytest.mark.parametrize("typed", ["2021", " 2021", "2021 ", "2021\n", "\t2021", "\u30002021"])
def test_the_shipped_plan_is_never_removed_however_its_id_is_typed(
    gongkai: Gongkai, shipped: Path, typed: str
) -> None:
    before = files(shipped)
    assert gongkai("plans", "remove", typed) == (
        2,
        "",
        "Error: the shipped plan 2021 cannot be removed\n",
    )
    assert files(shipped) == before
    assert gongkai("validate")[0] == 0  # every later command still works


@pytest.mark.parametrize("typed", [" p1", "p1\n", "\tp1 "])
def test_every_plans_verb_reads_an_id_alike(
    gongkai: Gongkai, shipped: Path, home: Path, typed: str
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", typed)[0] == 0
    assert [p.name for p in home.iterdir() if not p.name.startswith(".")] == ["p1"]
    assert gongkai("tasks", "--plan", typed)[0] == 0
    code, _, err = gongkai("plans", "remove", typed)
    assert (code, err) == (0, f"removed: p1 ({home / 'p1'})\n")
    assert not (home / "p1").exists()


def test_an_id_that_is_the_shipped_one_once_trimmed_is_taken(
    gongkai: Gongkai, shipped: Path
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", " 2021 ") == (
        2,
        "",
        "Error: the id '2021' is taken: the shipped plan 沪府办〔2021〕21号; choose another --id\n",
    )


# -- item 14: the plans directory ----------------------------------------------------------


def test_an_empty_directory_in_plans_is_not_a_plan(
    gongkai: Gongkai, shipped: Path, home: Path
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "p1")[0] == 0
    (home / "empty").mkdir()
    (home / "notes").mkdir()
    (home / "notes" / "readme.txt").write_text("mine", encoding="utf-8")
    code, out, err = gongkai("plans", "--format", "csv")
    assert (code, err) == (0, "")
    assert [line.split(",")[0] for line in out.splitlines()] == ["id", "2021", "p1"]
    code, out, err = gongkai("due", "--unit", "市教委", "--plan", "all", "--format", "csv")
    assert (code, err) == (0, "")
    assert gongkai("tasks", "--plan", "empty") == (
        2,
        "",
        "Error: no installed plan 'empty' (installed: 2021, p1)\n",
    )


@pytest.mark.parametrize("leftover", [".p1.removed.tmp", ".p1.removed.x1y2z3w4.tmp"])
def test_a_leftover_of_a_killed_remove_does_not_block_the_next_one(
    gongkai: Gongkai, shipped: Path, home: Path, leftover: str
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "p1")[0] == 0
    (home / leftover).mkdir()
    (home / leftover / "tasks.yaml").write_text("half of a plan", encoding="utf-8")
    code, _, err = gongkai("plans", "remove", "p1")
    assert (code, err) == (0, f"removed: p1 ({home / 'p1'})\n")
    assert [p.name for p in home.iterdir()] == [".p1.lock"]  # the leftover went too


def _gongkai(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "gongkai_cli", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def _environment(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GONGKAI_DATA_HOME": str(tmp_path / "data-home"),
        "GONGKAI_CACHE_DIR": str(tmp_path / "cache"),
        "GONGKAI_LANG": "en",
    }


def test_remove_waits_for_a_run_reading_the_plan(
    gongkai: Gongkai, shipped: Path, home: Path, tmp_path: Path
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "p1")[0] == 0
    reading = plans.find("p1")  # as a run reading the plan holds it
    try:
        remover = _gongkai("plans", "remove", "p1", env=_environment(tmp_path))
        time.sleep(1.0)
        assert remover.poll() is None  # waiting for the reader
        assert files(home / "p1") == files(MINI)  # the plan whole meanwhile
    finally:
        plans.release(reading.directory)
    assert remover.wait(timeout=60) == 0
    assert not (home / "p1").exists()


def test_readers_started_during_a_remove_see_the_plan_or_no_plan(
    gongkai: Gongkai, shipped: Path, home: Path, tmp_path: Path
) -> None:
    """The audit's repro: readers and a remove at once. Each reader answers from the
    whole plan (0) or finds no plan (2); none meets half a plan (3)."""
    assert gongkai("plans", "add", str(DATA), "--id", "p1")[0] == 0
    env = _environment(tmp_path)
    readers = [_gongkai("due", "--unit", "市教委", "--plan", "p1", env=env) for _ in range(6)]
    time.sleep(0.2)
    remover = _gongkai("plans", "remove", "p1", env=env)
    readers += [_gongkai("due", "--unit", "市教委", "--plan", "p1", env=env) for _ in range(4)]
    outcomes = []
    for reader in readers:
        _, err = reader.communicate(timeout=120)
        outcomes.append((reader.returncode, err.decode("utf-8")))
    assert remover.wait(timeout=120) == 0
    for code, err in outcomes:
        assert code in (0, 2), err
        if code == 2:
            assert err == "Error: no installed plan 'p1' (installed: 2021)\n"
    assert not (home / "p1").exists()
