"""The command line as typed, under any locale (issue 20 items 12 and 15).

The audit's repros: under a GB18030 or ISO-8859-1 locale gongkai printed
tracebacks and wrote JSON in the locale's encoding; `--unit $'\\xff\\xfe'` gave a
traceback; a repeated single-value option (`--rule simple --rule
application-reply`, `--unit`, `--before`) silently took the last one; a
100,000-character GONGKAI_LANG was echoed in full; `seq: true` in a progress file
was task 1; `GONGKAI_LANG=en` left import's summary in Chinese.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TODAY
from gongkai_cli.cli import app

HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def gongkai(
    args: list[str | bytes], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"gongkai_cli", *(os.fsencode(a) for a in args)],
        capture_output=True,
        env={**os.environ, "GONGKAI_TODAY": TODAY, "GONGKAI_LANG": "zh", **env},
        cwd=cwd,
        check=False,
        timeout=120,
    )


# -- item 12: UTF-8 whatever the locale ----------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "gb18030", "ascii"])
def test_output_is_utf8_whatever_the_streams_encoding(
    runner: CliRunner, tmp_path: Path, encoding: str
) -> None:
    """PYTHONIOENCODING sets what an ISO-8859-1 or GB18030 locale sets: the encoding of
    the standard streams. A table, JSON and a Chinese error all come out in UTF-8."""
    env = {"PYTHONIOENCODING": encoding}
    table = gongkai([*HEADLINE], env, tmp_path)
    assert (table.returncode, table.stderr) == (0, b"")
    assert table.stdout.decode("utf-8") == run(runner, *HEADLINE, env={"GONGKAI_LANG": "zh"})[1]
    data = gongkai([*HEADLINE, "--format", "json"], env, tmp_path)
    assert data.returncode == 0
    assert json.loads(data.stdout.decode("utf-8"))["unit"] == "市教委"
    refused = gongkai(["due", "--unit", "火星局"], env, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode("utf-8").startswith("错误：未知单位 '火星局'")


@pytest.fixture(scope="session")
def latin1_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An en_US.ISO-8859-1 locale compiled into a directory of the test's own (LOCPATH),
    so the machine's locales are not touched; skipped where localedef cannot make one."""
    localedef = shutil.which("localedef")
    if localedef is None or not Path("/usr/share/i18n/locales/en_US").exists():
        pytest.skip("no localedef or locale sources here")
    where = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        [localedef, "-i", "en_US", "-f", "ISO-8859-1", str(where / "en_US.ISO-8859-1")],
        capture_output=True,
        check=False,
        timeout=120,
    )
    if made.returncode not in (0, 1) or not (where / "en_US.ISO-8859-1").exists():
        pytest.skip(f"localedef failed: {made.stderr.decode(errors='replace')}")
    return {"LOCPATH": str(where), "LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1"}


def test_under_a_real_iso_8859_1_locale_chinese_comes_out_in_utf8(
    runner: CliRunner, tmp_path: Path, latin1_locale: dict[str, str]
) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        env={**os.environ, **latin1_locale},
        check=True,
    )
    assert probe.stdout.strip() == b"iso8859-1"  # the locale is in force
    table = gongkai(["tasks", "--format", "csv"], latin1_locale, tmp_path)
    assert (table.returncode, table.stderr) == (0, b"")
    assert table.stdout.decode("utf-8") == run(runner, "tasks", "--format", "csv")[1]
    data = gongkai(["show", "27", "--format", "json"], latin1_locale, tmp_path)
    assert data.returncode == 0
    assert json.loads(data.stdout.decode("utf-8"))["name"] == "实行重大行政决策事项目录管理"


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", b"\xff\xfe"],
        ["due", "--unit", "市教委", "--before", b"2021-06-3\xff"],
        ["show", b"\xff"],
        ["import", b"\xb9\xab.csv", "--out", "draft"],
    ],
    ids=["unit", "before", "seq", "file"],
)
def test_an_argument_that_is_not_text_is_refused_in_one_line(
    tmp_path: Path, args: list[str | bytes]
) -> None:
    done = gongkai(args, {"GONGKAI_LANG": "en", "LC_ALL": "C.UTF-8"}, tmp_path)
    bad = next(a for a in args if isinstance(a, bytes))
    byte = next(b for b in bad if b >= 0x80)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode("utf-8") == (
        f"Error: the argument {str(bad)[2:-1]} is not text in the terminal's encoding "
        f"(utf-8): byte 0x{byte:02X}; type it again, or set the locale (LANG) to the "
        "encoding the terminal uses\n"
    )
    assert not (tmp_path / "draft").exists()


# -- item 15: options, the environment, numbers --------------------------------------------


@pytest.mark.parametrize(
    ("args", "option", "command"),
    [
        (
            ["deadline", "--from", "2021-06-01", "--rule", "simple", "--rule", "application-reply"],
            "--rule / -r",
            "gongkai deadline",
        ),
        (["due", "--unit", "市教委", "-u", "市卫健委"], "--unit / -u", "gongkai due"),
        (
            ["due", "-u", "市教委", "--before", "2021-06-30", "--before", "2021-12-31"],
            "--before",
            "gongkai due",
        ),
        (["plans", "--format", "json", "-f", "csv"], "--format / -f", "gongkai plans"),
        (["tasks", "-f", "csv", "-f", "csv"], "--format / -f", "gongkai tasks"),
    ],
)
def test_a_single_value_option_given_twice_is_a_usage_error(
    runner: CliRunner, args: list[str], option: str, command: str
) -> None:
    assert run(runner, *args) == (
        2,
        "",
        f"Error: {option} is given more than once; it takes one value (see '{command} --help')\n",
    )


def test_options_that_take_many_values_still_do(runner: CliRunner) -> None:
    code, out, err = run(runner, "owes", "--unit", "市教委", "--format", "csv")
    assert (code, err) == (0, "")
    assert out  # one option once: unchanged


def test_a_long_unknown_language_is_not_echoed_in_full(runner: CliRunner) -> None:
    code, out, err = run(runner, "tasks", env={"GONGKAI_LANG": "x" * 100_000})
    assert (code, out) == (2, "")
    shown = f"{'x' * 200 + '…'!r} (100000 characters)"
    assert err == (
        f"错误：GONGKAI_LANG={shown} 无法识别，可用 zh（中文，默认）或 en"
        f" / Error: unknown GONGKAI_LANG={shown}: use zh (Chinese, the default) or en\n"
    )


@pytest.mark.parametrize(
    ("written", "said"),
    [("true", "true"), ("false", "false"), ("27.0", "27.0"), ('"27"', "'27'")],
)
def test_a_progress_entry_seq_is_a_whole_number_as_written(
    runner: CliRunner, tmp_path: Path, written: str, said: str
) -> None:
    """`seq: true` was task 1 (YAML's true is 1 to pydantic), 27.0 and "27" task 27."""
    path = tmp_path / "progress.yaml"
    path.write_text(
        f"entries:\n  - seq: {written}\n    unit: 市教委\n    status: in_progress\n",
        encoding="utf-8",
    )
    assert run(runner, "progress", "show", "-p", str(path)) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{path}:2: entries.0.seq: {said} is not a task's 序号: write a whole number such as 27\n",
    )


def test_a_progress_target_value_is_a_number_as_written(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text(
        "entries:\n  - seq: 24\n    unit: 市教委\n    status: in_progress\n"
        '    values: {rate: true, other: "95"}\n',
        encoding="utf-8",
    )
    code, out, err = run(runner, "progress", "show", "-p", str(path))
    assert (code, out) == (3, "")
    assert f"{path}:5: entries.0.values.rate: true is not a number: write one such as 95" in err
    assert "entries.0.values.other: '95' is not a number" in err


def test_import_says_what_it_wrote_in_english_on_request(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,规范公开,做好政府信息公开工作。,市教委,6月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "d"
    code, _, err = run(runner, "import", str(source), "--out", str(out), "--year", "2021")
    assert code == 0
    # How many points are to check depends on the reader, not on the language.
    assert re.fullmatch(
        re.escape(f"written {out}: tasks 1 (annex-table), units 1; to decide (待决定) 0, ")
        + r"to check \(待核对\) \d+\. The draft validates",
        err.splitlines()[-1],
    )
    assert not re.search("[已项个处]", err.splitlines()[-1])
