"""reply-check batches under hostile input (issue 11): nothing lost, nothing invented.

Every physical line that holds anything gives exactly one result, in order, with its
line number; a line that cannot be read (a stray quote, an oversized field, bytes that
do not decode, JSON nested too deep) is `invalid` with the reason, and the batch goes on.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Gongkai

HEAD = (
    "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason"
)
# Dates before "today" (2021-06-15, tests/conftest.py), so that no row gets a remark.
ROWS = [
    ("张三", "2021-05-10", "2021-05-14"),
    ("李四", "2021/6/11", ""),
    ("A3", "20210512", "2021-05-18"),
    ("王五", "2021年5月13日", "2021-05-13"),
]


def check(gongkai: Gongkai, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = gongkai("reply-check", "--days", "5", *args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def csv_text(rows: list[tuple[str, str, str]], newline: str = "\n") -> str:
    return newline.join(["id,received,replied", *(",".join(row) for row in rows)]) + newline


def written(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def expected(gongkai: Gongkai, tmp_path: Path) -> str:
    """The output for ROWS written as plain UTF-8: what every other encoding must give."""
    path = written(tmp_path, "plain.csv", csv_text(ROWS).encode())
    code, out, _ = check(gongkai, "--file", path)
    assert code == 0 and "invalid" not in out and out.count("\n") == len(ROWS) + 1
    return out


# -- item 3: a stray quote, an oversized field ---------------------------------------------


def test_a_stray_quote_in_a_big_file_loses_no_row(gongkai: Gongkai, tmp_path: Path) -> None:
    lines = [f"Q{n},2021-05-10,2021-05-14" for n in range(1, 20_001)]
    lines[10] = 'Q11,"2021-05-10,2021-05-14'  # row 11, line 12
    path = written(tmp_path, "big.csv", ("id,received,replied\n" + "\n".join(lines)).encode())
    code, out, err = check(gongkai, "--file", path)
    rows = out.splitlines()[1:]
    assert (code, len(rows)) == (2, 20_000)
    assert [int(row.split(",")[0]) for row in rows] == list(range(2, 20_002))
    assert rows[10] == (
        "12,,,,,,,,,,invalid,malformed CSV: a quoted field does not close on its line"
        " (a field cannot span lines)"
    )
    assert rows[11].startswith("13,Q12,2021-05-10,2021-05-14,,5,") and rows[11].endswith(",met,")
    assert err == "met 19999, missed 0, open 0, overdue 0, invalid 1 (20000 rows)\n"


def test_a_stray_quote_swallows_none_of_the_rows_after_it(gongkai: Gongkai, tmp_path: Path) -> None:
    text = 'id,received,replied\nA,"2021-05-10,2021-05-14\nB,2021-05-10,2021-05-14\n"C",x"y,\n'
    code, out, _ = check(gongkai, "--file", written(tmp_path, "q.csv", text.encode()))
    rows = out.splitlines()[1:]
    assert rows[:2] == [
        "2,,,,,,,,,,invalid,malformed CSV: a quoted field does not close on its line"
        " (a field cannot span lines)",
        "3,B,2021-05-10,2021-05-14,,5,working,as-received,2021-05-17,4,met,",
    ]
    assert len(rows) == 3 and rows[2].startswith('4,C,"x""y",,') and ",invalid," in rows[2]
    assert code == 2


def test_a_quote_that_ends_a_field_early_is_malformed(gongkai: Gongkai, tmp_path: Path) -> None:
    text = 'id,received,replied\n"A"x,2021-05-10,2021-05-14\n'
    _, out, _ = check(gongkai, "--file", written(tmp_path, "q.csv", text.encode()))
    assert out.splitlines()[1] == (
        "2,,,,,,,,,,invalid,\"malformed CSV: ',' expected after '\"\"'\""
    )


@pytest.mark.parametrize("quoted", [False, True])
def test_an_oversized_field_makes_its_row_invalid(
    gongkai: Gongkai, tmp_path: Path, quoted: bool
) -> None:
    big = "x" * 200_000
    big = f'"{big}"' if quoted else big
    text = f"id,received,replied\nA,2021-05-10,2021-05-14\n{big},2021-05-10,\nC,2021-05-10,\n"
    code, out, err = check(gongkai, "--file", written(tmp_path, "big.csv", text.encode()))
    rows = out.splitlines()[1:]
    assert rows[1] == '3,,,,,,,,,,invalid,"line longer than 131,072 characters"'
    assert [row.split(",")[:2] for row in rows] == [["2", "A"], ["3", ""], ["4", "C"]]
    assert (code, err) == (2, "met 1, missed 0, open 0, overdue 1, invalid 1 (3 rows)\n")


def test_a_line_without_end_longer_than_memory_allows_is_one_invalid_row(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    text = "id,received,replied\n" + "y" * 3_000_000
    _, out, _ = check(gongkai, "--file", written(tmp_path, "long.csv", text.encode()))
    assert out.splitlines()[1:] == ['2,,,,,,,,,,invalid,"line longer than 131,072 characters"']


# -- item 4: encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8", csv_text(ROWS).encode("utf-8")),
        ("utf-8 with BOM, CRLF", csv_text(ROWS, "\r\n").encode("utf-8-sig")),
        ("gbk", csv_text(ROWS).encode("gbk")),
        ("gb18030, CR only", csv_text(ROWS, "\r").encode("gb18030")),
        ("utf-16 LE with BOM", b"\xff\xfe" + csv_text(ROWS, "\r\n").encode("utf-16-le")),
        ("utf-16 BE with BOM", b"\xfe\xff" + csv_text(ROWS).encode("utf-16-be")),
    ],
)
def test_encodings_are_detected(
    gongkai: Gongkai, tmp_path: Path, expected: str, name: str, data: bytes
) -> None:
    assert check(gongkai, "--file", written(tmp_path, "in.csv", data))[:2] == (0, expected)
    assert check(gongkai, "--file", "-", stdin=data)[:2] == (0, expected)


def test_gbk_after_a_long_ascii_start_is_still_gbk(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai_cli.workdays.replies import source

    monkeypatch.setattr(source, "BLOCK_SIZE", 64)
    rows = [(f"A{n}", "2021-05-10", "2021-05-14") for n in range(40)] + ROWS
    code, out, _ = check(
        gongkai, "--file", written(tmp_path, "late.csv", csv_text(rows).encode("gbk"))
    )
    assert code == 0
    assert [line.split(",")[1] for line in out.splitlines()[-4:]] == ["张三", "李四", "A3", "王五"]


def test_encoding_forces_one(gongkai: Gongkai, tmp_path: Path, expected: str) -> None:
    gbk = written(tmp_path, "gbk.csv", csv_text(ROWS).encode("gbk"))
    assert check(gongkai, "--file", gbk, "--encoding", "gb18030")[:2] == (0, expected)
    code, out, _ = check(gongkai, "--file", gbk, "--encoding", "utf-8")
    assert code == 2 and "\ufffd" not in out
    assert out.splitlines()[1] == (
        "2,,,,,,,,,,invalid,cannot be decoded as utf-8 (byte 0xD5 at column 1);"
        " the line reads as gb18030: try --encoding gb18030"
    )
    assert out.splitlines()[3].startswith("4,A3,2021-05-12,2021-05-18,,5,")
    code, _, err = check(gongkai, "--file", gbk, "--encoding", "klingon")
    assert (code, err) == (2, "Error: unknown encoding 'klingon' for --encoding\n")


def test_a_line_that_does_not_decode_is_invalid_and_named(gongkai: Gongkai, tmp_path: Path) -> None:
    data = csv_text(ROWS).encode() + b"B\xff\xfe,2021-05-10,\nC,2021-05-10,2021-05-14\n"
    for args, stdin in (((written(tmp_path, "bad.csv", data),), None), (("-",), data)):
        code, out, _ = check(gongkai, "--file", *args, stdin=stdin)
        assert code == 2 and "\ufffd" not in out
        assert out.splitlines()[5:] == [
            "6,,,,,,,,,,invalid,cannot be decoded as utf-8 (byte 0xFF at column 2);"
            " --encoding names another",
            "7,C,2021-05-10,2021-05-14,,5,working,as-received,2021-05-17,4,met,",
        ]


def test_jsonl_in_gbk_and_with_a_bad_line(gongkai: Gongkai, tmp_path: Path) -> None:
    good = '{"id": "张三", "received": "2021-05-10", "replied": "2021-05-14"}\n'
    path = written(
        tmp_path, "in.jsonl", good.encode("gbk") + b'{"id": "\x80"}\n' + good.encode("gbk")
    )
    _, out, _ = check(gongkai, "--file", path, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["line"], r["id"], r["status"]) for r in rows] == [
        (1, "张三", "met"),
        (2, "", "invalid"),
        (3, "张三", "met"),
    ]
    assert rows[1]["reason"] == (
        "cannot be decoded as gb18030 (byte 0x80 at column 9); --encoding names another"
    )


# -- item 5: JSONL lines that are not usable records ---------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("[" * 100_000 + "]" * 100_000, "line longer than 131,072 characters"),
        ("[" * 60_000 + "]" * 60_000, "not JSON: nested too deeply"),
        ('{"id": "A", "received": "2021-05-10", "days": ' + "9" * 5001 + "}", None),
        ("9" * 5001, None),
    ],
)
def test_jsonl_lines_that_crashed_are_invalid_rows(
    gongkai: Gongkai, tmp_path: Path, line: str, reason: str | None
) -> None:
    good = '{"id": "J", "received": "2021-05-10", "replied": "2021-05-14"}\n'
    path = written(tmp_path, "in.jsonl", (good * 1000 + line + "\n" + good * 1000).encode())
    code, out, err = check(gongkai, "--file", path, "--format", "jsonl")
    rows = [json.loads(text) for text in out.splitlines()]
    assert (code, len(rows)) == (2, 2001)
    bad = rows[1000]
    assert (bad["line"], bad["status"]) == (1001, "invalid")
    assert bad["reason"] == reason or (
        reason is None and bad["reason"].startswith("not JSON: a number of more than")
    )
    assert err == "met 2000, missed 0, open 0, overdue 0, invalid 1 (2001 rows)\n"


# -- item 8: ids of odd spaces, dates after today ------------------------------------------


@pytest.mark.parametrize("space", ["\u00a0", "\u3000", "\u3000\u00a0", " ", "\t"])
def test_an_id_of_only_spaces_is_missing_on_both_paths(
    gongkai: Gongkai, tmp_path: Path, space: str
) -> None:
    rows = f"A,2021-05-10,2021-05-14\n{space},2021-05-10,2021-05-14\nB,2021-05-10,2021-05-14\n"
    plain = "id,received,replied\n" + rows
    quoted = plain + '"C",2021-05-10,2021-05-14\n'
    for text in (plain, quoted):
        _, out, _ = check(gongkai, "--file", written(tmp_path, "s.csv", text.encode()))
        # A cell that begins with a tab gets a leading ' in csv (render/sanitise.py).
        shown = "'" + space if space.startswith("\t") else space
        assert out.splitlines()[2] == f"3,{shown},2021-05-10,2021-05-14,,,,,,,invalid,missing id"


def test_dates_after_today_get_a_remark(gongkai: Gongkai, tmp_path: Path) -> None:
    text = (
        "id,received,replied\n"
        "A,2021-06-10,2021-06-15\n"
        "B,2021-06-10,2021-06-16\n"
        "C,2021-06-16,\n"
        "D,2021-06-16,2021-06-17\n"
    )
    code, out, err = check(gongkai, "--file", written(tmp_path, "f.csv", text.encode()))
    assert out.splitlines()[1:] == [
        "2,A,2021-06-10,2021-06-15,,5,working,as-received,2021-06-18,2,met,",
        "3,B,2021-06-10,2021-06-16,,5,working,as-received,2021-06-18,3,met,"
        "the reply (2021-06-16) is dated after today (2021-06-15)",
        "4,C,2021-06-16,,,5,working,as-received,2021-06-23,0,open,"
        "the receipt (2021-06-16) is dated after today (2021-06-15)",
        "5,D,2021-06-16,2021-06-17,,5,working,as-received,2021-06-23,1,met,"
        "the receipt (2021-06-16) and the reply (2021-06-17) are dated after today (2021-06-15)",
    ]
    assert (code, err) == (0, "met 3, missed 0, open 1, overdue 0, invalid 0 (4 rows)\n")


def test_one_case_dated_after_today_gets_a_note(gongkai: Gongkai) -> None:
    result = gongkai(
        "reply-check", "--received", "2021-06-10", "--replied", "2021-06-16", "-d", "5"
    )
    assert result.exit_code == 0
    assert result.stderr == "note: the reply (2021-06-16) is dated after today (2021-06-15)\n"


# -- the batch fuzz: one result per line, never a traceback ---------------------------------

PIECES = [
    "A",
    "张三",
    "2021-05-10",
    "2021/5/14",
    "2021-02-30",
    "x",
    "5",
    ",",
    '"',
    '""',
    " ",
    "\u00a0",
    "\u3000",
    "\t",
    "{",
    "}",
    "[",
    "]",
    ":",
    '"id"',
    '"received"',
    "null",
    "9" * 30,
    "\ufeff",
    "\x00",
]
line_text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
line_bytes = st.one_of(
    line_text.map(lambda text: text.encode()),
    st.binary(max_size=12),
)
line_end = st.sampled_from([b"\n", b"\r\n", b"\r"])


def physical_lines(data: bytes) -> list[bytes]:
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark is not data
    lines = re.split(rb"\r\n|\r|\n", data)
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def expected_lines(lines: list[bytes], first: int) -> list[int]:
    """Numbers of the lines that hold something: not blank once decoded as UTF-8."""
    numbers = []
    for number, line in enumerate(lines, 1):
        if number < first:
            continue
        try:
            blank = not line.decode("utf-8").strip()
        except UnicodeDecodeError:
            blank = False
        if not blank:
            numbers.append(number)
    return numbers


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(line_bytes, line_end), max_size=15), st.booleans())
def test_fuzz_one_result_per_line(
    gongkai: Gongkai, tmp_path: Path, lines: list[tuple[bytes, bytes]], jsonl: bool
) -> None:
    body = b"".join(text + end for text, end in lines)
    data = body if jsonl else b"id,received,replied,days\n" + body
    path = written(tmp_path, "fuzz.jsonl" if jsonl else "fuzz.csv", data)
    result = gongkai("reply-check", "--file", path, "-d", "5", "--encoding", "utf-8", "-f", "jsonl")
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr and "\ufffd" not in result.stdout
    got = [json.loads(text)["line"] for text in result.stdout.splitlines()]
    assert got == expected_lines(physical_lines(data), 1 if jsonl else 2)


class Trickle(io.RawIOBase):
    """A pipe that hands over at most `size` bytes a read."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.at = data, size, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        piece = self.data[self.at : self.at + min(self.size, size if size >= 0 else self.size)]
        self.at += len(piece)
        return piece


def read_lines(data: bytes, encoding: str, size: int) -> list[tuple[int, str]]:
    """Each line's number and text (or why it could not be read)."""
    from gongkai_cli.workdays.replies.source import LineReader

    reader = LineReader(Trickle(data, size), encoding)  # type: ignore[arg-type]
    return [
        (block.first + index, block.bad.get(index, text))
        for block in reader
        for index, text in enumerate(block.lines)
    ]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from([p for p in PIECES if p != "\ufeff"] + ["\r", "\n", "\r\n"])),
    st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-be"]),
    st.integers(1, 7),
    st.integers(1, 9),
)
def test_lines_do_not_depend_on_how_the_bytes_arrive(
    monkeypatch: pytest.MonkeyPatch, pieces: list[str], encoding: str, read: int, block: int
) -> None:
    from gongkai_cli.workdays.replies import source

    text = "".join(pieces)
    data = text.encode(encoding)
    expected = list(enumerate(physical_text_lines(text), 1))
    assert read_lines(data, encoding, 1 << 20) == expected
    monkeypatch.setattr(source, "BLOCK_SIZE", block)
    assert read_lines(data, encoding, read) == expected


def physical_text_lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
