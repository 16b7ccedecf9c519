"""Every command's errors in Chinese mode are Chinese (issue 22 item 3).

Each command the walker finds (cli/app.command_tree) is run with the mistakes users
make: a missing file, a directory given as a file (and a file as a directory), a
path through a file, a name too long for the file system, bytes that do not decode
(a GBK export, a YAML file saved in ANSI), a file that is not what its name says,
broken YAML and data that does not validate, and values that are not what an option
takes. Every line it writes on stderr, and the reason of every invalid row
reply-check reports, must hold no English word: a word left in English is what a
system or library said (strerror, json, zipfile, click) and nobody translated.

What may stay ASCII: what is typed as it is written (options, paths, file names,
quoted values, codes such as rule ids, formats and channel ids, the command names)
and the words of JSON and YAML themselves. A new command fails
`test_every_command_has_its_mistakes` until it has an entry in `MISTAKES`.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.cli.app import command_tree

LONG = "长" * 100 + ".yaml"  # 300 bytes in UTF-8: more than a file name may hold (255)
GBK = "测试".encode("gbk")

# -- what may be ASCII in a Chinese line -------------------------------------------------

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|“[^”]*”|‘[^’]*’|`[^`]*`")
_TYPED = re.compile(r"[-$./_=@\\\d]|^[A-Z]+$")  # options, paths, variables, codes, FILE
_WORD = re.compile(r"[A-Za-z]{3,}")
FORMATS = {"table", "json", "jsonl", "csv", "xlsx", "html", "ics", "yaml", "txt", "tsv", "ods"}
LITERALS = {"gongkai", "zip", "true", "false", "null", "auto", "docx"}


@pytest.fixture(scope="module")
def codes() -> set[str]:
    """The codes a message may list: command names, formats, rule and channel ids,
    reply-check's column names."""
    from gongkai_cli.workdays.replies.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
    from gongkai_cli.workdays.rules import load_rules

    book = load_rules()
    words = {word for path in command_tree() for word in path.split()}
    words |= {rule.id for rule in book} | {channel.id for channel in book.channels}
    return words | set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS) | FORMATS | LITERALS


def english_words(line: str, codes: set[str]) -> list[str]:
    """The English words of `line`: ASCII words that are not typed as written."""
    found = []
    for token in re.split(r"[\s,，、；：（）()\[\]{}<>|]+", _QUOTED.sub(" ", line)):
        if not token or _TYPED.search(token):
            continue
        found += [word for word in _WORD.findall(token) if word not in codes]
    return found


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("错误：x.csv：无法读取：Permission denied", ["Permission", "denied"]),
        ("错误：x.xlsx：不是可读的 .xlsx 文件（File is not a zip file）", ["File", "not", "file"]),
        ("错误：'--unit' / '-u' 的值无效：'x' 不是 consult 之一", []),
        ("错误：未知规则 'x'（规则：consult, application-reply）；用 --rule ID", []),
        ("错误：请指定进度文件：--progress FILE 或 $GONGKAI_PROGRESS", []),
        ("第 2 行：cannot be decoded as utf-8", ["cannot", "decoded"]),
    ],
)
def test_the_check_finds_english_words(line: str, words: list[str], codes: set[str]) -> None:
    assert english_words(line, codes) == words


# -- the mistakes ----------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path) -> Path:
    """The files the mistakes name, in the test's directory (its working directory)."""
    (tmp_path / "目录").mkdir()
    (tmp_path / "文件.txt").write_text("x", encoding="utf-8")
    (tmp_path / "导出.csv").write_bytes(
        b"id,received,replied,rule\n1,2021-05-10,2021-05-14,consult\n"
        + b"2,2021-05-10,2021-05-14,"
        + GBK
        + b'\n3,2021-13-10,,consult\n4,2021-05-10,2021-05-14,\xff\n5,"2021-05-10"x,2021-05-14,consult\n6,"x\n'
    )
    (tmp_path / "导出.jsonl").write_text(
        '{"id": "1"}\nnot json\n{"id": 1,}\n["x"]\n{"id": "2", "received": "x"}\n',
        encoding="utf-8",
    )
    (tmp_path / "表头.csv").write_bytes(GBK + b",received,replied\n")
    (tmp_path / "ansi.yaml").write_bytes(b"entries: []\n# " + GBK + b"\n")
    (tmp_path / "语法.yaml").write_text("entries: [\n  - {seq: 1\n", encoding="utf-8")
    (tmp_path / "结构.yaml").write_text(
        "entries:\n  - {seq: x, unit: 市教委, status: finished, bogus: 1}\n", encoding="utf-8"
    )
    (tmp_path / "假的.xlsx").write_text("不是表格", encoding="utf-8")
    (tmp_path / "坏的.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with zipfile.ZipFile(tmp_path / "断的.xlsx", "w") as book:  # its XML cut short
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='a' r:id='rId1'/>")
    with zipfile.ZipFile(tmp_path / "坏的.docx", "w") as document:  # no content types
        document.writestr("word/document.xml", "<w:document/>")
    (tmp_path / "坏的.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600)
    (tmp_path / "要点.csv").write_bytes(
        "序号,工作任务,具体要求,责任单位,完成时限\n1,任务,要求,市教委,6月底前\n".encode("gbk")
    )
    return tmp_path


OUT = "-o"
U = ["-u", "市教委"]
MISTAKES: dict[str, list[list[str]]] = {
    "due": [
        [*U, "--data", "文件.txt"],
        [*U, "--data", "文件.txt/x"],
        [*U, "--data", LONG],
        [*U, "-p", "无此文件.yaml"],
        [*U, "-p", "目录"],
        [*U, "-p", "ansi.yaml"],
        [*U, "-p", "语法.yaml"],
        [*U, "-p", "结构.yaml"],
        [*U, OUT, "目录/"],
        [*U, OUT, "文件.txt/due.txt"],
        [*U, OUT, LONG + ".csv"],
        [*U, OUT, "无此目录/due.csv"],
        [*U, "--before", "2021-02-30"],
        ["-u", "无此单位"],
        [*U, "--unti", "x"],
    ],
    "owes": [[*U, "--data", "目录"], [*U, OUT, "文件.txt/x.csv"], ["-u", "x", "-f", "pdf"]],
    "tasks": [["--data", "目录"], ["--data", LONG], ["-f", "xml"]],
    "show": [["0"], ["x"], ["1", "--data", "文件.txt/x"]],
    "units": [["--data", "ansi.yaml"], ["--data", "无此目录"]],
    "validate": [["--data", "目录"], ["--data", LONG], ["--against-source", "目录"]],
    "schema": [["tasks.yml"]],
    "import": [
        ["无此文件.csv", "--out", "草稿"],
        ["目录", "--out", "草稿"],
        ["文件.txt/x.csv", "--out", "草稿"],
        [LONG + ".csv", "--out", "草稿"],
        ["假的.xlsx", "--out", "草稿", "--year", "2021"],
        ["坏的.xlsx", "--out", "草稿", "--year", "2021"],
        ["断的.xlsx", "--out", "草稿", "--year", "2021"],
        ["坏的.docx", "--out", "草稿", "--year", "2021"],
        ["坏的.xls", "--out", "草稿", "--year", "2021"],
        ["要点.csv", "--out", "草稿", "--year", "2021", "--encoding", "utf-8"],
        ["要点.csv", "--out", "文件.txt/草稿", "--year", "2021"],
        ["要点.csv", "--out", LONG, "--year", "2021"],
        ["要点.csv", "--out", "目录", "--year", "2021"],
    ],
    "plans": [["-f", "pdf"]],
    "plans add": [["无此目录"], ["文件.txt"], ["目录"], ["目录", "--id", LONG]],
    "plans use": [["无此计划"]],
    "plans remove": [["无此计划"]],
    "progress set": [
        ["1", *U, "--status", "done", "-p", "无此文件.yaml"],
        ["1", *U, "--status", "done", "-p", LONG],
        ["1", *U, "--status", "done", "-p", "文件.txt/x.yaml", "--create"],
        ["1", *U, "--status", "done", "-p", "ansi.yaml"],
        ["1", *U, "--status", "finished", "-p", "新.yaml", "--create"],
    ],
    "progress show": [["-p", "目录"], ["-p", "结构.yaml"], ["-p", "语法.yaml"], []],
    "progress template": [
        [*U, OUT, "文件.txt/x.xlsx"],
        [*U, OUT, LONG + ".xlsx"],
        [*U, OUT, "x.csv"],
        [*U, "-p", "ansi.yaml", OUT, "x.xlsx"],
    ],
    "progress import": [
        ["无此文件.xlsx", "-p", "台账.yaml"],
        ["假的.xlsx", "-p", "台账.yaml"],
        ["坏的.xlsx", "-p", "台账.yaml"],
        ["导出.csv", "-p", "台账.yaml"],
        ["目录", "-p", "台账.yaml"],
    ],
    "progress rekey": [["-p", "无此文件.yaml"], ["-p", "ansi.yaml"]],
    "overdue": [["-p", "语法.yaml"], ["-p", LONG], ["-p", "结构.yaml", OUT, "目录/"]],
    "report": [["-p", "ansi.yaml"], [OUT, "x.pdf"], [OUT, "文件.txt/r.md"]],
    "lint": [["--data", "文件.txt/x"], ["--data", LONG]],
    "rules": [["--rules", "语法.yaml"], ["--rules", "ansi.yaml"], ["--data", LONG]],
    "deadline": [
        ["--from", "2021-06-01", "--rule", "nosuch"],
        ["--from", "x", "--days", "5"],
        ["--from", "2021-06-01", "--days", "5", "--holidays", "目录"],
        ["--from", "2021-06-01", "--days", "5", "--holidays", "语法.yaml"],
        ["--from", "2021-06-01", "--rule", "consult", "--data", LONG],
    ],
    "holidays": [["--year", "1999"], ["--holidays", "ansi.yaml"], ["--holidays", LONG]],
    "reply-check": [
        ["--file", "无此文件.csv"],
        ["--file", "目录"],
        ["--file", "文件.txt/x.csv"],
        ["--file", LONG + ".csv"],
        ["--file", "导出.csv"],
        ["--file", "导出.csv", "--encoding", "utf-8"],
        ["--file", "表头.csv", "--encoding", "utf-8"],
        ["--file", "导出.jsonl", "-f", "jsonl"],
        ["--file", "假的.xlsx"],
        ["--file", "坏的.xlsx"],
        ["--file", "断的.xlsx"],
        ["--file", "坏的.xls"],
        ["--file", "导出.csv", OUT, "文件.txt/x.csv"],
        ["--file", "导出.csv", "--encoding", "klingon"],
        ["--received", "2021-06-01", "--rule", "consult", "--letters", "x"],
    ],
    "calendar": [[*U, "--month", "x"], [*U, "--holidays", "ansi.yaml"]],
}


def test_every_command_has_its_mistakes() -> None:
    groups = {path for path, command in command_tree().items() if hasattr(command, "commands")}
    assert sorted(set(command_tree()) - groups - set(MISTAKES)) == []


def _invalid_reasons(stdout: str) -> list[str]:
    """The reasons of reply-check's invalid rows (csv, or JSON Lines)."""
    if stdout.startswith("{"):
        import json

        return [row["reason"] for row in map(json.loads, stdout.splitlines()) if row["reason"]]
    rows = list(csv.DictReader(io.StringIO(stdout)))
    return [row["reason"] for row in rows if row.get("status") == "invalid"]


@pytest.mark.parametrize(
    "args",
    [[*path.split(), *mistake] for path, mistakes in MISTAKES.items() for mistake in mistakes],
    ids=lambda args: " ".join(args)[:60],
)
def test_a_mistake_is_told_in_chinese(
    gongkai: Gongkai, chinese: None, world: Path, codes: set[str], args: list[str]
) -> None:
    result = gongkai(*args)
    assert result.exit_code in (2, 3, 4), result.output
    lines = result.stderr.splitlines()
    if args[0] == "reply-check" and result.stdout:
        lines += _invalid_reasons(result.stdout)
    assert lines
    assert [(line, words) for line in lines if (words := english_words(line, codes))] == []
