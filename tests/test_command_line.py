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

from conftest import TODAY, Gongkai

HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]


def in_a_process(
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
    gongkai: Gongkai, tmp_path: Path, encoding: str
) -> None:
    """PYTHONIOENCODING sets what an ISO-8859-1 or GB18030 locale sets: the encoding of
    the standard streams. A table, JSON and a Chinese error all come out in UTF-8."""
    env = {"PYTHONIOENCODING": encoding}
    table = in_a_process([*HEADLINE], env, tmp_path)
    assert (table.returncode, table.stderr) == (0, b"")
    assert table.stdout.decode("utf-8") == gongkai(*HEADLINE, env={"GONGKAI_LANG": "zh"})[1]
    data = in_a_process([*HEADLINE, "--format", "json"], env, tmp_path)
    assert data.returncode == 0
    assert json.loads(data.stdout.decode("utf-8"))["unit"] == "市教委"
    refused = in_a_process(["due", "--unit", "火星局"], env, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode("utf-8").startswith("错误：未知单位 '火星局'")


LOCALES = {"en_US.ISO-8859-1": "iso8859-1", "zh_CN.GB18030": "gb18030"}


@pytest.fixture(scope="session", params=sorted(LOCALES))
def real_locale(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """An ISO-8859-1 or GB18030 locale compiled into a directory of the test's own
    (LOCPATH), so the machine's locales are not touched; skipped where localedef cannot
    make one."""
    name: str = request.param
    language, charmap = name.split(".")
    localedef = shutil.which("localedef")
    if localedef is None or not Path(f"/usr/share/i18n/locales/{language}").exists():
        pytest.skip("no localedef or locale sources here")
    where = tmp_path_factory.mktemp("locales")
    made = subprocess.run(
        [localedef, "-i", language, "-f", charmap, str(where / name)],
        capture_output=True,
        check=False,
        timeout=300,
    )
    if made.returncode not in (0, 1) or not (where / name).exists():
        pytest.skip(f"localedef failed: {made.stderr.decode(errors='replace')}")
    env = {"LOCPATH": str(where), "LC_ALL": name, "LANG": name}
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True,
        env={**os.environ, **env},
        check=True,
    )
    assert probe.stdout.strip().decode() == LOCALES[name]  # the locale is in force
    return env


def test_under_a_real_locale_chinese_comes_out_in_utf8(
    gongkai: Gongkai, tmp_path: Path, real_locale: dict[str, str]
) -> None:
    """The audit's repro: tracebacks under GB18030 and ISO-8859-1, JSON in the locale's
    encoding."""
    table = in_a_process(["tasks", "--format", "csv"], real_locale, tmp_path)
    assert (table.returncode, table.stderr) == (0, b"")
    assert table.stdout.decode("utf-8") == gongkai("tasks", "--format", "csv")[1]
    data = in_a_process(["show", "27", "--format", "json"], real_locale, tmp_path)
    assert data.returncode == 0
    assert json.loads(data.stdout.decode("utf-8"))["name"] == "实行重大行政决策事项目录管理"
    shown = in_a_process(["show", "27"], real_locale, tmp_path)
    assert (shown.returncode, shown.stderr) == (0, b"")
    assert shown.stdout.decode("utf-8") == gongkai("show", "27", env={"GONGKAI_LANG": "zh"})[1]
    refused = in_a_process(["due", "--unit", "Mars"], real_locale, tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.decode("utf-8").startswith("错误：未知单位 'Mars'")


def test_under_a_gb18030_locale_a_unit_typed_in_gb18030_is_read(
    tmp_path: Path, real_locale: dict[str, str]
) -> None:
    """Arguments are read in the locale's encoding; what gongkai writes is UTF-8."""
    if real_locale["LC_ALL"] != "zh_CN.GB18030":
        pytest.skip("a GB18030 terminal's bytes")
    typed = "市教委".encode("gb18030")
    data = in_a_process(["due", "--unit", typed, "--format", "json"], real_locale, tmp_path)
    assert (data.returncode, data.stderr) == (0, b"")
    assert json.loads(data.stdout.decode("utf-8"))["unit"] == "市教委"
    # UTF-8 bytes are not GB18030 text: one line, exit 2, nothing run.
    utf8 = in_a_process(["due", "--unit", "市教委".encode()], real_locale, tmp_path)
    assert (utf8.returncode, utf8.stdout) == (2, b"")
    assert utf8.stderr.decode("utf-8").count("\n") == 1
    assert "（gb18030）" in utf8.stderr.decode("utf-8")


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
    done = in_a_process(args, {"GONGKAI_LANG": "en", "LC_ALL": "C.UTF-8"}, tmp_path)
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
    gongkai: Gongkai, args: list[str], option: str, command: str
) -> None:
    assert gongkai(*args) == (
        2,
        "",
        f"Error: {option} is given more than once; it takes one value (see '{command} --help')\n",
    )


def test_options_that_take_many_values_still_do(gongkai: Gongkai) -> None:
    code, out, err = gongkai("owes", "--unit", "市教委", "--format", "csv")
    assert (code, err) == (0, "")
    assert out  # one option once: unchanged


def test_a_long_unknown_language_is_not_echoed_in_full(gongkai: Gongkai) -> None:
    code, out, err = gongkai("tasks", env={"GONGKAI_LANG": "x" * 100_000})
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
    gongkai: Gongkai, tmp_path: Path, written: str, said: str
) -> None:
    """`seq: true` was task 1 (YAML's true is 1 to pydantic), 27.0 and "27" task 27."""
    path = tmp_path / "progress.yaml"
    path.write_text(
        f"entries:\n  - seq: {written}\n    unit: 市教委\n    status: in_progress\n",
        encoding="utf-8",
    )
    assert gongkai("progress", "show", "-p", str(path)) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{path}:2: entries.0.seq: {said} is not a task's 序号: write a whole number such as 27\n",
    )


def test_a_progress_target_value_is_a_number_as_written(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    path.write_text(
        "entries:\n  - seq: 24\n    unit: 市教委\n    status: in_progress\n"
        '    values: {rate: true, other: "95"}\n',
        encoding="utf-8",
    )
    code, out, err = gongkai("progress", "show", "-p", str(path))
    assert (code, out) == (3, "")
    assert f"{path}:5: entries.0.values.rate: true is not a number: write one such as 95" in err
    assert "entries.0.values.other: '95' is not a number" in err


def test_import_says_what_it_wrote_in_english_on_request(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,规范公开,做好政府信息公开工作。,市教委,6月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "d"
    code, _, err = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    assert code == 0
    # How many points are to check depends on the reader, not on the language.
    assert re.fullmatch(
        re.escape(f"written {out}: tasks 1 (annex-table), units 1; to decide (待决定) 0, ")
        + r"to check \(待核对\) \d+\. The draft validates",
        err.splitlines()[-1],
    )
    assert not re.search("[已项个处]", err.splitlines()[-1])


@pytest.mark.parametrize("command", ["reply-check", "import"])
def test_a_long_sheet_name_is_not_echoed_in_full(
    gongkai: Gongkai, tmp_path: Path, command: str
) -> None:
    """The audit's repro: a 100,000-character --sheet was echoed in full."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["received", "replied"])
    book.save(tmp_path / "r.xlsx")
    args = ["--file", "r.xlsx"] if command == "reply-check" else ["r.xlsx", "--out", "d"]
    assert gongkai(command, *args, "--sheet", "s" * 100_000) == (
        2,
        "",
        f"Error: r.xlsx has no sheet '{'s' * 200}…' (sheets: Sheet)\n",
    )
