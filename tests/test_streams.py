"""Standard streams that fail: a reader that leaves, a full disk, closed stdout or stdin.

These run the real command in a shell, because the failures live in file
descriptors that CliRunner replaces.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` in bash with `gongkai` meaning this checkout's command."""
    env = {**os.environ, "GONGKAI_TODAY": "2021-06-15", "PY": sys.executable}
    prelude = 'gongkai() { "$PY" -m gongkai_cli "$@"; }\n'
    return subprocess.run(
        ["bash", "-c", prelude + script],
        cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def batch(path: Path, replied: str) -> Path:
    """5,000 cases received 2021-06-01 and replied on `replied`: far more than a pipe holds."""
    rows = "".join(f"c{i},2021-06-01,{replied}\n" for i in range(5000))
    path.write_text("id,received,replied\n" + rows, encoding="utf-8")
    return path


HEADER = (
    "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason\n"
)


@pytest.mark.parametrize("replied", ["2021-06-02", "2021-07-30"], ids=["all-met", "all-missed"])
def test_a_reader_that_leaves_gives_141_never_a_verdict(tmp_path: Path, replied: str) -> None:
    batch(tmp_path / "cases.csv", replied)
    done = shell(
        "set -o pipefail; gongkai reply-check --file cases.csv --rule consult | head -1\n"
        'echo "pipeline: $?"',
        tmp_path,
    )
    assert done.stdout == HEADER + "pipeline: 141\n"
    assert done.stderr == ""  # the shell's convention for SIGPIPE: quiet


def test_without_a_pipe_the_same_batch_gives_its_verdict(tmp_path: Path) -> None:
    batch(tmp_path / "cases.csv", "2021-06-02")
    done = shell("gongkai reply-check --file cases.csv --rule consult > out.csv", tmp_path)
    assert done.returncode == 0
    assert done.stderr == "met 5000, missed 0, open 0, overdue 0, invalid 0 (5000 rows)\n"


@pytest.mark.parametrize(
    "command",
    [
        "gongkai tasks",
        "gongkai tasks --format json",
        "gongkai due --unit 市教委 --before 2021-06-30",
        "gongkai deadline --from 2021-06-01 --rule consult",
    ],
)
def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    done = shell(f"{command} > /dev/full", tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "Error: cannot write the output: No space left on device\n",
    )


@pytest.mark.parametrize(
    "command", ["gongkai tasks", "gongkai due --unit 市教委 --before 2021-06-30"]
)
def test_a_closed_stdout_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    done = shell(f"{command} >&-", tmp_path)
    assert (done.returncode, done.stderr) == (
        2,
        "Error: cannot write the output: standard output is closed\n",
    )


def test_a_command_that_writes_nothing_to_stdout_runs_with_it_closed(tmp_path: Path) -> None:
    done = shell(
        "gongkai progress set 27 -u 市教委 --status in_progress -p p.yaml --create >&-", tmp_path
    )
    assert (done.returncode, done.stderr) == (0, "added: task 27, 市教委: in_progress (p.yaml)\n")


def test_a_closed_stdin_for_file_dash_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = shell("gongkai reply-check --file - --rule consult <&-", tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "Error: standard input is closed: nothing to read\n",
    )
