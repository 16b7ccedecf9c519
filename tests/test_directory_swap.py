"""A directory replaced by `import --force` or installed by `plans add` survives `kill -9`
at any moment (issue 20 item 9).

The audit's repro: `kill -9` between import's two renames left no directory at
all, and the staging directories of killed runs were never cleaned up. Each test
runs `replace_directory` in a child process that kills itself (SIGKILL: no
cleanup of any kind runs) at one moment, then checks what a reader finds and
what the next writer of the same name finds and leaves.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SOURCE, Gongkai
from gongkai_cli.io import files

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from gongkai_cli.io import files

    target, moment = Path(sys.argv[1]), sys.argv[2]

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    def fill(staging):
        (staging / "tasks.yaml").write_text("new", encoding="utf-8")
        if moment == "filling":
            die()

    if moment == "between-renames":  # where the system cannot swap in one step
        files.exchange = lambda first, second: False
        rename = Path.rename

        def renamed(self, other):
            result = rename(self, other)
            if Path(other).name == f".{target.name}.old.tmp":
                die()
            return result

        Path.rename = renamed
    if moment == "after-swap":
        exchange = files.exchange

        def exchanged(first, second):
            done = exchange(first, second)
            die()
            return done

        files.exchange = exchanged
    files.replace_directory(target, fill, replace=True)
    """
)


def killed_at(target: Path, moment: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(target), moment], capture_output=True, timeout=60
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def contents(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in directory.iterdir()}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    target.mkdir()
    (target / "tasks.yaml").write_text("old", encoding="utf-8")
    return target


def test_killed_between_the_two_renames_the_next_writer_puts_the_old_one_back(
    tmp_path: Path, target: Path
) -> None:
    killed_at(target, "between-renames")
    # No `plan`: the old one waits at its fixed name, beside the killed run's staging.
    assert set(names(tmp_path)) == {".plan.lock", ".plan.old.tmp", staging_of(tmp_path)}
    with files.locked(target):  # what every writer of `plan` does first
        assert contents(target) == {"tasks.yaml": "old"}
    assert names(tmp_path) == [".plan.lock", "plan"]


def staging_of(directory: Path) -> str:
    (staging,) = [
        p.name
        for p in directory.iterdir()
        if p.name.startswith(".plan.") and p.name not in (".plan.lock", ".plan.old.tmp")
    ]
    return staging


@pytest.mark.parametrize(("moment", "left"), [("filling", "old"), ("after-swap", "new")])
def test_killed_at_any_other_moment_the_directory_is_whole(
    tmp_path: Path, target: Path, moment: str, left: str
) -> None:
    killed_at(target, moment)
    assert contents(target) == {"tasks.yaml": left}  # old or new, whole: never missing
    assert len(names(tmp_path)) == 3  # the lock, `plan` and the killed run's staging
    files.replace_directory(target, lambda d: (d / "units.yaml").write_text("next"), replace=True)
    assert contents(target) == {"units.yaml": "next"}
    assert names(tmp_path) == [".plan.lock", "plan"]  # the staging of the killed run is gone


def test_the_swap_is_one_step_where_the_system_can(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for directory, text in ((first, "a"), (second, "b")):
        directory.mkdir()
        (directory / "f").write_text(text, encoding="utf-8")
    if not files.exchange(first, second):
        pytest.skip("no renameat2 RENAME_EXCHANGE here: the two-rename path is tested above")
    assert (first / "f").read_text(encoding="utf-8") == "b"
    assert (second / "f").read_text(encoding="utf-8") == "a"


def test_import_cleans_what_a_killed_import_left(gongkai: Gongkai, tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    assert gongkai("import", str(SOURCE), "--out", str(draft)).exit_code == 0
    for leftover in (".draft.k1ll3d00.tmp", ".draft.old.tmp"):
        (tmp_path / leftover).mkdir()
        (tmp_path / leftover / "tasks.yaml").write_text("half", encoding="utf-8")
    (tmp_path / ".draft.old.tmp.keep").mkdir()  # not a name gongkai gives: left alone
    (tmp_path / ".draft2.abcdefgh.tmp").mkdir()  # another name's: left alone
    result = gongkai("import", str(SOURCE), "--out", str(draft), "--force")
    assert result.exit_code == 0, result.stderr
    assert names(tmp_path) == [
        ".draft.lock",
        ".draft.old.tmp.keep",
        ".draft2.abcdefgh.tmp",
        "draft",
    ]


def test_a_draft_a_killed_import_took_away_is_put_back_not_replaced_without_force(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    draft = tmp_path / "draft"
    assert gongkai("import", str(SOURCE), "--out", str(draft)).exit_code == 0
    (draft / "tasks.yaml").write_text("edited by hand", encoding="utf-8")
    draft.rename(tmp_path / ".draft.old.tmp")  # as a run killed between its two renames
    result = gongkai("import", str(SOURCE), "--out", str(draft))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {draft} already exists; add --force to replace it\n",
    )
    assert (draft / "tasks.yaml").read_text(encoding="utf-8") == "edited by hand"
    assert names(tmp_path) == [".draft.lock", "draft"]
