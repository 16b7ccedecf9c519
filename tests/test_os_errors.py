"""Why a file cannot be read, written or decoded, in Chinese in Chinese mode (issue 22
item 3).

The system's reason (its strerror: "Permission denied", "Is a directory" ...) is said
in the catalog's words, keyed on the errno (errors.os_reason); English mode keeps the
system's own text, and an errno the table does not list falls back to it. Exact
output for the mistakes a user makes: a missing file, a directory given as a file, a
path through a file, a name too long, a full disk, a file without read permission.

Bytes that do not decode say the encoding tried, the byte and where, and, when they
read as the other usual encoding (a 12345 export saved by Excel in ANSI is GB18030),
what to type: --encoding gb18030 for reply-check and import, or to save gongkai's own
UTF-8 files again as UTF-8.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli import i18n
from gongkai_cli.errors import _OS_REASONS, os_reason

LONG = "a" * 300
SHOWN_LONG = "a" * 200 + "…"  # errors.clipped: a path is echoed up to 200 characters


@pytest.mark.parametrize(
    ("code", "chinese_words"),
    [
        (errno.ENOENT, "没有这个文件或目录"),
        (errno.EACCES, "权限不足"),
        (errno.EISDIR, "这是一个目录"),
        (errno.ENOTDIR, "路径中有一级不是目录"),
        (errno.ENOSPC, "磁盘已满"),
        (errno.EEXIST, "文件已存在"),
        (errno.EROFS, "文件系统只读"),
        (errno.ENAMETOOLONG, "文件名太长"),
    ],
)
def test_a_reason_in_chinese_and_the_system_s_own_in_english(
    code: int, chinese_words: str, chinese: None
) -> None:
    exc = OSError(code, os.strerror(code), "x.csv")
    assert os_reason(exc) == chinese_words
    i18n.use("en")
    assert os_reason(exc) == os.strerror(code)


def test_every_listed_reason_has_chinese_words(chinese: None) -> None:
    for code, message in _OS_REASONS.items():
        said = os_reason(OSError(code, message))
        assert said != message and not said.isascii(), (code, message)


def test_an_errno_not_listed_falls_back_to_the_system_s_text(chinese: None) -> None:
    assert errno.ECONNRESET not in _OS_REASONS
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == (
        "Connection reset by peer"
    )
    assert os_reason(OSError("no errno at all")) == "no errno at all"


def test_a_directory_given_as_a_file(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "回复").mkdir()
    assert gongkai("reply-check", "--file", "回复") == (
        2,
        "",
        "错误：回复：无法读取：这是一个目录\n",
    )
    # click checks -p before gongkai reads it: its message, in the catalog's words
    assert gongkai("progress", "show", "-p", "回复") == (
        2,
        "",
        "错误：'--progress' / '-p'（或环境变量 GONGKAI_PROGRESS）的值无效：'回复' 是目录，"
        "应为文件。（参见 'gongkai progress show --help'）\n",
    )
    (tmp_path / "要点.csv").write_text("x", encoding="utf-8")
    assert gongkai("due", "-u", "市教委", "--data", "要点.csv") == (
        2,
        "",
        "错误：'--data'（或环境变量 GONGKAI_DATA）的值无效：'要点.csv' 是文件，应为目录。"
        "（参见 'gongkai due --help'）\n",
    )


def test_a_missing_file(gongkai: Gongkai, chinese: None) -> None:
    assert gongkai("reply-check", "--file", "无此文件.csv") == (
        2,
        "",
        "错误：无此文件.csv：文件不存在\n",
    )


def test_a_path_through_a_file(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x", encoding="utf-8")
    assert gongkai("reply-check", "--file", "a.csv/b.csv") == (
        2,
        "",
        "错误：a.csv/b.csv：无法读取：路径中有一级不是目录\n",
    )
    assert gongkai("due", "-u", "市教委", "-o", "a.csv/due.csv") == (
        2,
        "",
        "错误：a.csv/due.csv：无法写入：路径中有一级不是目录\n",
    )


def test_a_name_too_long_is_one_line_not_a_traceback(gongkai: Gongkai, chinese: None) -> None:
    # Path.exists() raises for a name too long: the rules and the ledger asked it first.
    assert gongkai("rules", "--data", LONG) == (
        2,
        "",
        f"错误：{SHOWN_LONG}：无法读取：文件名太长\n",
    )
    assert gongkai("progress", "set", "1", "-u", "市教委", "--status", "done", "-p", LONG) == (
        2,
        "",
        f"错误：{SHOWN_LONG}：无法读取：文件名太长\n",
    )
    assert gongkai("due", "-u", "市教委", "-o", LONG + ".csv") == (
        2,
        "",
        f"错误：{SHOWN_LONG}：无法写入：文件名太长\n",
    )


def test_the_same_mistakes_in_english_keep_the_system_s_text(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    (tmp_path / "replies").mkdir()
    assert gongkai("reply-check", "--file", "replies") == (
        2,
        "",
        f"Error: replies: cannot read: {os.strerror(errno.EISDIR)}\n",
    )
    assert gongkai("rules", "--data", LONG) == (
        2,
        "",
        f"Error: {SHOWN_LONG}: cannot read: {os.strerror(errno.ENAMETOOLONG)}\n",
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk(gongkai: Gongkai, chinese: None) -> None:
    assert gongkai("due", "-u", "市教委", "-o", "/dev/full", "--format", "csv") == (
        2,
        "",
        "错误：/dev/full：无法写入：磁盘已满\n",
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads a file whatever its mode",
)
def test_a_file_without_read_permission(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    locked = tmp_path / "回复.csv"
    locked.write_text("id,received,replied\n", encoding="utf-8")
    locked.chmod(0)
    try:
        assert gongkai("reply-check", "--file", "回复.csv") == (
            2,
            "",
            "错误：回复.csv：无法读取：权限不足\n",
        )
        assert gongkai("progress", "show", "-p", "回复.csv") == (
            2,
            "",
            "错误：回复.csv：无法读取：权限不足\n",
        )
    finally:
        locked.chmod(0o600)


def test_no_permission_as_the_system_says_it(
    gongkai: Gongkai, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same refusal where the test runs as root (who reads any file): the system
    # call itself says EACCES.
    real_open = os.open

    def refusing(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path).endswith("回复.csv"):  # type: ignore[call-overload]
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    (tmp_path / "回复.csv").write_text("entries: []\n", encoding="utf-8")
    monkeypatch.setattr(os, "open", refusing)
    assert gongkai("progress", "show", "-p", "回复.csv") == (
        2,
        "",
        "错误：回复.csv：无法读取：权限不足\n",
    )


# -- bytes that do not decode ---------------------------------------------------------------

HEADER = b"id,received,replied,rule\n"
MET = b"1,2021-05-10,2021-05-14,consult\n"
GBK = "测试".encode("gbk")  # b"\xb2\xe2\xca\xd4"
COLUMNS = "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used"
MET_ROW = "2,1,2021-05-10,2021-05-14,consult,5,working,as-received,2021-05-17,4,met,"


def test_a_gbk_line_in_a_file_read_as_utf8_says_to_try_gb18030(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    (tmp_path / "导出.csv").write_bytes(HEADER + MET + b"2,2021-05-10,2021-05-14," + GBK + b"\n")
    assert gongkai("reply-check", "--file", "导出.csv", "--encoding", "utf-8") == (
        2,
        f"{COLUMNS},status,reason\n{MET_ROW}\n"
        "3,,,,,,,,,,invalid,无法按 utf-8 解码（第 25 列的字节 0xB2）；此行按 gb18030 可以读出："
        "试试 --encoding gb18030\n",
        "按时 1，逾期答复 0，办理中 0，超期未答复 0，无效 1（共 2 行）\n",
    )


def test_a_line_in_neither_encoding_says_to_name_another(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    (tmp_path / "导出.csv").write_bytes(HEADER + MET + b"2,2021-05-10,2021-05-14,\xff\n")
    assert gongkai("reply-check", "--file", "导出.csv").stdout.splitlines()[2] == (
        "3,,,,,,,,,,invalid,无法按 gb18030 解码（第 25 列的字节 0xFF）；"
        "可用 --encoding 指定其他编码"
    )


def test_a_file_mixing_two_encodings_is_told_so(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    # UTF-8 found in the file (two lines of three), one line typed in GBK.
    utf8 = "测试".encode()
    rows = (f"{n},2021-05-10,2021-05-14,consult," for n in (1, 2, 3))
    texts = (utf8, GBK, utf8)
    body = b"".join(row.encode() + text + b"\n" for row, text in zip(rows, texts, strict=True))
    (tmp_path / "导出.csv").write_bytes("id,received,replied,rule,备注\n".encode() + body)
    lines = gongkai("reply-check", "--file", "导出.csv").stdout.splitlines()
    assert lines[2] == (
        "3,,,,,,,,,,invalid,无法按文件所用的 utf-8 编码解码（第 33 列的字节 0xB2）；"
        "此行按 gb18030 可以读出：文件混用了两种编码，请统一另存为一种（或用 --encoding 指定）,"
    )


def test_an_undecodable_header_is_one_line(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "导出.csv").write_bytes(GBK + b",received,replied\n" + MET)
    assert gongkai("reply-check", "--file", "导出.csv", "--encoding", "utf-8") == (
        2,
        "",
        "错误：第 1 行（表头）：无法按 utf-8 解码（第 1 列的字节 0xB2）；此行按 gb18030 可以读出："
        "试试 --encoding gb18030\n",
    )


def test_a_line_too_long(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "导出.csv").write_bytes(HEADER + MET + b"2," + b"x" * 140_000 + b"\n")
    assert gongkai("reply-check", "--file", "导出.csv").stdout.splitlines()[2] == (
        '3,,,,,,,,,,invalid,"行长超过 131,072 个字符"'
    )


def test_a_source_that_is_not_in_the_encoding_named(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    table = "序号,工作任务,具体要求,责任单位,完成时限\n1,任务,要求,市教委,6月底前\n"
    (tmp_path / "要点.csv").write_bytes(table.encode("gbk"))
    assert gongkai("import", "要点.csv", "--out", "草稿", "--encoding", "utf-8") == (
        2,
        "",
        "错误：要点.csv 不是 utf-8 编码（第 1 行的字节 0xD0）；按 gb18030 可以读出："
        "改用 --encoding gb18030，或不加 --encoding\n",
    )


def test_gongkai_s_own_file_saved_in_ansi(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "进展.yaml").write_bytes(b"entries: []\n# " + GBK + b"\n")
    assert gongkai("overdue", "-p", "进展.yaml") == (
        3,
        "",
        "错误：数据无效（1 处问题）：\n"
        "进展.yaml:2: 文件不是 UTF-8 编码（第 3 列的字节 0xB2）；按 GB18030（GBK）可以读出："
        "请另存为 UTF-8 编码\n",
    )


def test_a_missing_directory_on_the_way_is_named(gongkai: Gongkai, chinese: None) -> None:
    # ENOENT on a write means a directory is missing, not the file to be made.
    assert gongkai("due", "-u", "市教委", "-o", "无此目录/下一级/due.csv") == (
        2,
        "",
        "错误：无此目录/下一级/due.csv：无法写入：没有目录 无此目录\n",
    )
    assert gongkai(
        "progress", "set", "1", "-u", "市教委", "--status", "in_progress", "-p", "台账/a.yaml"
    ) == (2, "", "错误：台账/a.yaml：文件不存在；如要在此新建进展台账，请加 --create\n")
    assert gongkai(
        "progress", "set", "1", "-u", "市教委", "--status", "in_progress", "-p", "台账/a.yaml",
        "--create",
    ) == (2, "", "错误：台账/a.yaml：无法写入：没有目录 台账\n")  # fmt: skip


def test_a_spreadsheet_that_is_no_zip_archive(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    (tmp_path / "导出.xlsx").write_text("id,received,replied\n", encoding="utf-8")
    assert gongkai("reply-check", "--file", "导出.xlsx") == (
        2,
        "",
        "错误：导出.xlsx：不是可读的 .xlsx 文件（文件内容不是完整的 zip 压缩包，"
        "而 .xlsx、.ods、.docx 都是：文件已损坏，或并非此格式）\n",
    )
    assert gongkai("reply-check", "--file", "导出.xlsx", env={"GONGKAI_LANG": "en"}) == (
        2,
        "",
        "Error: 导出.xlsx: not a readable .xlsx file (File is not a zip file)\n",
    )


def test_a_json_line_that_is_not_json(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "导出.jsonl").write_text(
        '{"id": "1", "received": "2021-05-10" "replied": "2021-05-14"}\n{"id": "2",}\n',
        encoding="utf-8",
    )
    stdout = gongkai("reply-check", "--file", "导出.jsonl").stdout
    reasons = [row["reason"] for row in csv.DictReader(io.StringIO(stdout))]
    assert reasons == [
        "不是 JSON：第 38 列：两项之间缺少逗号（,）",
        "不是 JSON：第 12 列：此处应有双引号中的键（最后一项后不能有逗号）",
    ]


def test_a_row_that_is_not_csv(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    (tmp_path / "导出.csv").write_bytes(HEADER + b'1,"2021-05-10"x,2021-05-14,consult\n')
    assert gongkai("reply-check", "--file", "导出.csv").stdout.splitlines()[1] == (
        '2,,,,,,,,,,invalid,"CSV 格式有误：引号字段的结束引号 "" 之后还有文字：'
        '引号括起的字段应在分隔符“,”处结束（字段中的引号要写成两个）"'
    )
    english = gongkai("reply-check", "--file", "导出.csv", env={"GONGKAI_LANG": "en"})
    assert english.stdout.splitlines()[1] == (
        "2,,,,,,,,,,invalid,\"malformed CSV: ',' expected after '\"\"'\""
    )


def test_a_spreadsheet_a_library_cannot_read(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    # The library's words are technical English: Chinese says where, or what they mean.
    with zipfile.ZipFile(tmp_path / "导出.xlsx", "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='a' r:id='rId1'/>")
    (tmp_path / "导出.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 600)
    assert gongkai("reply-check", "--file", "导出.xlsx") == (
        2,
        "",
        "错误：导出.xlsx：其工作簿部件不是可读的 XML（第 1 行第 19 列处）\n",
    )
    assert gongkai("reply-check", "--file", "导出.xls") == (
        2,
        "",
        "错误：导出.xls：不是可读的 .xls 文件（文件已损坏，或并非此格式）\n",
    )
    assert gongkai("reply-check", "--file", "导出.xlsx", env={"GONGKAI_LANG": "en"}) == (
        2,
        "",
        "Error: 导出.xlsx: its workbook part is not readable XML (unbound prefix: line 1, "
        "column 18)\n",
    )


# -- Python's own reasons, repeated in a message ---------------------------------------------


def test_a_time_node_with_no_such_day_in_chinese(chinese: None) -> None:
    from gongkai_cli.plan.timenodes import TimeNodeError, parse_time_node

    with pytest.raises(TimeNodeError) as caught:
        parse_time_node("2月30日前", 2021)
    assert str(caught.value) == "'2月30日前': 该月没有这一天"
    i18n.use("en")
    with pytest.raises(TimeNodeError) as caught:
        parse_time_node("2月30日前", 2021)
    assert str(caught.value) == "'2月30日前': day is out of range for month"


def test_a_source_name_with_a_nul_in_chinese(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    tasks = data / "tasks.yaml"
    written = "source: source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace(written, 'source: "source/a\\0b.txt"', 1),
        encoding="utf-8",
    )
    result = gongkai("validate", "--data", "data")
    assert result.exit_code == 3
    assert result.stderr.endswith(
        ": document.source: 'source/a\\x00b.txt' 不是文件名：含有 NUL 字符\n"
    )
