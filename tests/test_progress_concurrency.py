"""`progress set` from several processes at once: every update survives, nothing is left over."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.plan.load import Plan, load_plan
from gongkai_cli.progress.edit import Change, set_entry
from gongkai_cli.progress.file import ProgressStatus

# Twenty tasks 市教委 owes (gongkai due --unit 市教委): one entry each.
SEQS = (1, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25, 27)


def _entries(path: Path) -> list[tuple[int, str]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return sorted((entry["seq"], entry["unit"]) for entry in data["entries"])


def _set_one(path: Path, plan: Plan, seq: int, start: Any) -> None:
    start.wait()  # every writer is ready before the first one reads the file
    change = Change(seq=seq, unit="市教委", status=ProgressStatus.IN_PROGRESS)
    set_entry(path, plan, change, dt.date(2021, 6, 15))


def test_twenty_processes_setting_entries_of_one_file_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    plan = load_plan()
    context = multiprocessing.get_context("fork")  # the children share the loaded plan
    start = context.Event()
    writers = [context.Process(target=_set_one, args=(path, plan, seq, start)) for seq in SEQS]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join(timeout=120)
    assert [writer.exitcode for writer in writers] == [0] * len(SEQS)
    assert _entries(path) == [(seq, "市教委") for seq in SEQS]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".p.yaml.lock", "p.yaml"]


def test_three_gongkai_commands_at_once_all_land(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    env = {**os.environ, "GONGKAI_TODAY": "2021-06-15"}
    commands = [
        [sys.executable, "-m", "gongkai_cli", "progress", "set", "--create", str(seq), "-u", "市教委",
         "--status", "in_progress", "-p", str(path)]
        for seq in SEQS[:3]
    ]  # fmt: skip
    runs = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for command in commands
    ]
    outcomes = [(run.wait(timeout=120), run.communicate()) for run in runs]
    assert [(code, out, err.split(":")[0]) for code, (out, err) in outcomes] == [
        (0, "", "added")
    ] * 3
    assert _entries(path) == [(seq, "市教委") for seq in SEQS[:3]]


def test_a_set_removes_temporary_files_a_killed_writer_left(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "p.yaml"
    for name in (".p.yaml.k1l_ed.tmp", ".p.yaml.x7y8z9q0.tmp"):  # as tempfile names them
        (tmp_path / name).write_text("half a file", encoding="utf-8")
    (tmp_path / ".other.yaml.abc.tmp").write_text("not ours", encoding="utf-8")
    result = gongkai(
        "progress",
        "set",
        "--create",
        "27",
        "-u",
        "市教委",
        "--status",
        "in_progress",
        "-p",
        str(path),
    )
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.yaml.abc.tmp",
        ".p.yaml.lock",
        "p.yaml",
    ]


def test_a_writer_that_holds_the_lock_too_long_is_one_line_and_exit_2(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from gongkai_cli.io import files

    path = tmp_path / "p.yaml"
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.2)
    with FileLock(str(tmp_path / ".p.yaml.lock")):  # another writer, stuck
        result = gongkai(
            "progress",
            "set",
            "--create",
            "27",
            "-u",
            "市教委",
            "--status",
            "in_progress",
            "-p",
            str(path),
        )
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"Error: {path}: another gongkai has been writing it for 0.2 s "
        f"(lock file {tmp_path / '.p.yaml.lock'}); try again\n",
    )
    assert not path.exists()


def test_a_progress_file_in_a_missing_directory_is_refused_not_created(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "no-such-dir" / "p.yaml"
    result = gongkai(
        "progress",
        "set",
        "--create",
        "27",
        "-u",
        "市教委",
        "--status",
        "in_progress",
        "-p",
        str(path),
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {path}: cannot write: there is no directory {path.parent}\n",
    )
    assert not path.parent.exists()


def test_a_directory_where_no_lock_can_be_made_is_refused_at_once(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = Path("/proc/p.yaml")  # no file can be created in /proc, even by root
    result = gongkai(
        "progress",
        "set",
        "--create",
        "27",
        "-u",
        "市教委",
        "--status",
        "in_progress",
        "-p",
        str(path),
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {path}: cannot write: No such file or directory\n",
    )


def test_a_lock_file_planted_as_a_symlink_is_refused(gongkai: Gongkai, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (tmp_path / ".p.yaml.lock").symlink_to(precious)
    path = tmp_path / "p.yaml"
    result = gongkai(
        "progress",
        "set",
        "--create",
        "27",
        "-u",
        "市教委",
        "--status",
        "in_progress",
        "-p",
        str(path),
    )
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {path}: cannot write: Too many levels of symbolic links\n",
    )
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not path.exists()


def _import_one(path: Path, plan: Plan, sheet: Path, start: Any) -> None:
    from gongkai_cli.progress.merge import merge_returns
    from gongkai_cli.progress.returns import read_returned

    returned = read_returned(sheet, dt.date(2021, 6, 15))  # read before the start, as a
    start.wait()  # real import reads its files before it takes the ledger's lock
    result = merge_returns(path, plan, [returned])
    assert not result.failed and len(result.changes) == 2


def test_twenty_imports_at_once_with_progress_set_lose_nothing(tmp_path: Path) -> None:
    """The issue's must-hold: 20 `progress import`s run in parallel with `progress set`s on
    one ledger, and every row and every entry lands."""
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.queries.template import templates_for
    from gongkai_cli.render.template_xlsx import template_bytes
    from roundtrip_sheets import fill_in_excel, template_rows

    path = tmp_path / "p.yaml"
    plan = load_plan()
    scope = open_scope(None)
    districts = templates_for(scope, "各区政府", dt.date(2021, 6, 15))
    departments = [
        t for t in templates_for(scope, "市政府各部门", dt.date(2021, 6, 15))
        if t.head.unit in ("市财政局", "市民政局", "市司法局", "市商务委")
    ]  # fmt: skip
    expected = []
    sheets = []
    for made in [*districts, *departments]:
        unit = made.head.unit
        blank = tmp_path / f"t-{unit}.xlsx"
        blank.write_bytes(template_bytes(made))
        seq = template_rows(blank)[1][0][1]  # the first task on the sheet
        edits = {(seq, None): {"状态": "已完成", "完成日期": dt.date(2021, 6, 1)}}
        sheets.append(fill_in_excel(blank, tmp_path / f"{unit}.xlsx", edits))
        expected.append((seq, unit))
    assert len(sheets) == 20
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=_import_one, args=(path, plan, sheet, start)) for sheet in sheets
    ] + [context.Process(target=_set_one, args=(path, plan, seq, start)) for seq in SEQS[:10]]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0] * len(workers)
    landed = sorted(expected + [(seq, "市教委") for seq in SEQS[:10]])
    assert _entries(path) == landed
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [".p.yaml.lock"]
