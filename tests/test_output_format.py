"""`-o FILE` takes its format from the extension when --format is not given, on every
command that writes a file; an extension it cannot write is refused; each write says
"已写入 FILE" (issue 22 item 3). `report -o out.xlsx` wrote Markdown into an .xlsx.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
CASES = str(ROOT / "examples" / "cases.csv")
DUE = ["due", "--unit", "市教委", "--before", "2021-06-30"]
REPORT = ["report", "--as-of", "2021-07-01"]


def _kind(path: Path) -> str:
    """What the file holds, read from its bytes."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        assert "xl/workbook.xml" in zipfile.ZipFile(path).namelist()
        return "xlsx"
    text = data.decode("utf-8")
    if text.startswith("BEGIN:VCALENDAR"):
        return "ics"
    if text.lstrip().lower().startswith("<!doctype html"):
        return "html"
    if text.startswith(("{", "[")):
        json.loads(text)
        return "json"
    if text.startswith("#") or text.startswith("| "):
        return "md"
    if text.startswith(("seq,", "unit,", "line,")):
        return "csv"
    return "table"


@pytest.mark.parametrize(
    ("args", "name", "kind"),
    [
        (REPORT, "out.xlsx", "xlsx"),
        (REPORT, "out.html", "html"),
        (REPORT, "out.HTM", "html"),
        (REPORT, "out.json", "json"),
        (REPORT, "out.md", "md"),
        (DUE, "due.ics", "ics"),
        (DUE, "due.csv", "csv"),
        (DUE, "due.xlsx", "xlsx"),
        (DUE, "due.markdown", "md"),
        (DUE, "due.txt", "table"),
        (["owes"], "owes.json", "json"),
        (["owes"], "owes.csv", "csv"),
        (["overdue", "--as-of", "2021-07-01"], "gate.xlsx", "xlsx"),
        (["overdue", "--as-of", "2021-07-01"], "gate.json", "json"),
        (["reply-check", "--file", CASES, "--rule", "consult"], "checked.xlsx", "xlsx"),
        (["reply-check", "--file", CASES, "--rule", "consult"], "checked.csv", "csv"),
        (["reply-check", "--file", CASES, "--rule", "consult"], "checked.json", "json"),
        (["reply-check", "--file", CASES, "--rule", "consult"], "checked.txt", "table"),
        (["reply-check", "--received", "2021-07-10", "--rule", "consult"], "one.json", "json"),
    ],
)
def test_the_extension_names_the_format(
    gongkai: Gongkai, tmp_path: Path, args: list[str], name: str, kind: str
) -> None:
    target = tmp_path / name
    result = gongkai(*args, "-o", str(target))
    assert result.exit_code in (0, 1, 2), result.output
    assert result.stdout == ""
    assert _kind(target) == kind
    assert f"wrote {target}\n" in result.stderr  # reply-check's count follows


@pytest.mark.parametrize(
    ("args", "name", "message"),
    [
        (
            REPORT,
            "out.docx",
            "Error: -o {path}: report does not write .docx files; name it .md, .html, "
            ".json or .xlsx, or give --format\n",
        ),
        (
            REPORT,
            "out",
            "Error: -o {path}: report does not write files without an extension; name it "
            ".md, .html, .json or .xlsx, or give --format\n",
        ),
        (
            REPORT,
            "out.csv",
            "Error: -o {path}: report does not write .csv files; name it .md, .html, "
            ".json or .xlsx, or give --format\n",
        ),
        (
            ["owes"],
            "owes.ics",
            "Error: -o {path}: owes does not write .ics files; name it .txt, .json, .csv "
            "or .xlsx, or give --format\n",
        ),
        (
            [*REPORT, "--format", "md"],
            "out.xlsx",
            "Error: --format md, but -o {path} is named for xlsx: give one or the other\n",
        ),
    ],
)
def test_an_extension_it_cannot_write_is_refused(
    gongkai: Gongkai, tmp_path: Path, args: list[str], name: str, message: str
) -> None:
    target = tmp_path / name
    result = gongkai(*args, "-o", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        message.format(path=target),
    )
    assert not target.exists()


def test_format_given_keeps_a_file_name_of_any_other_kind(gongkai: Gongkai, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = gongkai(*REPORT, "--format", "md", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert _kind(target) == "md"
    assert result.stderr.endswith(f"wrote {target}\n")


def test_a_device_takes_the_default_format(gongkai: Gongkai) -> None:
    result = gongkai(*DUE, "-o", "/dev/null")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == ""  # a device: nothing to say was written


def test_in_chinese(gongkai: Gongkai, tmp_path: Path, chinese: None) -> None:
    target = tmp_path / "报告.xlsx"
    result = gongkai(*REPORT, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"已写入 {target}\n")
    assert _kind(target) == "xlsx"
    wrong = tmp_path / "报告.docx"
    result = gongkai(*REPORT, "-o", str(wrong))
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误：-o {wrong}：report 不能写 .docx 文件；请用 .md、.html、.json 或 .xlsx"
        " 作扩展名，或加 --format\n",
    )


def _with_output() -> list[str]:
    """Every command with both -o and --format, walked from the command tree."""
    from test_injection import PATHS, _command

    found = []
    for path in PATHS:
        flags = {flag for param in _command(path).params for flag in param.opts}
        if "-o" in flags and "--format" in flags:
            found.append(path)
    return found


def test_the_commands_with_output_are_those_tested() -> None:
    assert _with_output() == ["due", "owes", "overdue", "report", "reply-check"]


@pytest.mark.parametrize("path", _with_output())
def test_every_command_refuses_an_extension_it_cannot_write(
    gongkai: Gongkai, tmp_path: Path, path: str
) -> None:
    from test_narrow import command_args

    # Refused before anything is read: the progress file need not exist.
    target = tmp_path / "out.docx"
    args = REPORT if path == "report" else command_args(path, tmp_path / "p.yaml", tmp_path)
    if "-f" in args:  # with --format given, the file's name is the user's to choose
        del args[args.index("-f") : args.index("-f") + 2]
    result = gongkai(*args, "-o", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: -o {target}: {path} does not write .docx files;")
    assert result.stderr.count("\n") == 1
    assert not target.exists()
