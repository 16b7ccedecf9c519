"""The output sanitiser (render/sanitise.py; issue 20 items 5, 10 and 11).

The audit's repros, each with its expected outcome: csv cells that a spreadsheet
would run as formulas get a leading ' (numbers gongkai computed do not), `--raw` writes
them as they are, a control character in a note or a name is shown as \\x1b in a table,
Markdown, html, ics and xlsx (where it used to crash every writer), Markdown escapes HTML
and keeps a CR from splitting its row, and an error quoting the data sends no escape
code to the terminal. tests/test_injection.py walks every command and format.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from conftest import Gongkai
from gongkai_cli.render import Column, Table, View
from gongkai_cli.render.emit import xlsx_bytes
from gongkai_cli.render.sanitise import (
    cell_text,
    csv_text,
    drawn_line,
    is_formula,
    is_number,
    line_text,
    md_text,
    put_xlsx,
)
from gongkai_cli.render.table import Percent

PLANS = Path(__file__).resolve().parent / "plans"
ESC = "\x1b]0;pwned\x07\x1b[2J"  # retitle the terminal, then clear it
SHOWN = "\\x1b]0;pwned\\x07\\x1b[2J"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("+市教委", "'+市教委"),
        ("-3", "'-3"),  # text, though it reads as a number: numbers are not text (below)
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("市教委", "市教委"),
        ("", ""),
        ("'=1+1", "'=1+1"),  # already text to a spreadsheet
        (" =1+1", " =1+1"),
        ("a=1", "a=1"),
        ("\x1b=1", "\\x1b=1"),  # shown, so it starts with a backslash
        ("备注\x07\x0b", "备注\\x07\\x0b"),
        ("第一行\n第二行\r\n第三行\t", "第一行\n第二行\r\n第三行\t"),  # a cell's own breaks kept
    ],
)
def test_csv_text(text: str, expected: str) -> None:
    assert csv_text(text) == expected


def test_raw_keeps_formulas_and_still_shows_control_characters() -> None:
    assert csv_text("=1+1", raw=True) == "=1+1"
    assert csv_text("-3", raw=True) == "-3"
    assert csv_text("\x1b[2J", raw=True) == "\\x1b[2J"


@pytest.mark.parametrize(
    ("value", "number"),
    [(-3, True), (2.5, True), (Percent(0.5, "50.0%"), True), (True, False), ("-3", False)],
)
def test_numbers_are_what_gongkai_computed(value: Any, number: bool) -> None:
    assert is_number(value) is number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ESC, SHOWN),
        ("一\r二", "一\n二"),  # a CR is a line break, never a return to the line's start
        ("一\r\n二", "一\n二"),
        ("一\n二", "一\n二"),
        ("a\tb", "a\\x09b"),
        ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),  # NUL, DEL, NEL and the C1 CSI too
        ("沪府办〔2021〕21号 · 全年", "沪府办〔2021〕21号 · 全年"),
        ("\u2028\u3000", "\u2028\u3000"),  # not control characters: left alone
    ],
)
def test_line_text(text: str, expected: str) -> None:
    assert line_text(text) == expected


def test_md_text_escapes_html_after_the_control_characters() -> None:
    assert md_text("<script>alert('x')</script> & 1 > 0\r\x1b") == (
        "&lt;script&gt;alert('x')&lt;/script&gt; &amp; 1 &gt; 0\n\\x1b"
    )


def test_cell_text_keeps_tabs_and_line_breaks() -> None:
    assert cell_text("a\tb\nc\rd\x0be") == "a\tb\nc\rd\\x0be"


def test_a_drawing_keeps_its_own_colour_codes_only_on_a_terminal() -> None:
    line = f"\x1b[1m10月 · 单位{ESC}\x1b[0m"
    assert drawn_line(line, styled=True) == f"\x1b[1m10月 · 单位{SHOWN}\x1b[0m"
    assert drawn_line(line, styled=False) == f"\\x1b[1m10月 · 单位{SHOWN}\\x1b[0m"


def test_is_formula() -> None:
    assert [is_formula(t) for t in ("=", "+", "-", "@", "\t", "\r", "'=", "x=")] == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_put_xlsx_marks_a_formula_quote_prefixed_and_keeps_the_value() -> None:
    sheet = Workbook().active
    assert sheet is not None
    put_xlsx(sheet["A1"], '=HYPERLINK("http://evil")')
    put_xlsx(sheet["A2"], "=1+1", raw=True)
    put_xlsx(sheet["A3"], "备注\x0b\x07")
    put_xlsx(sheet["A4"], -3)
    put_xlsx(sheet["A5"], "市教委")
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    read = load_workbook(buffer).active
    assert read is not None
    cells = [read[f"A{row}"] for row in range(1, 6)]
    assert [c.value for c in cells] == [
        '=HYPERLINK("http://evil")',
        "=1+1",
        "备注\\x0b\\x07",
        -3,
        "市教委",
    ]
    assert [c.data_type for c in cells] == ["s", "s", "s", "n", "s"]
    assert [c.quotePrefix for c in cells] == [True, False, False, False, False]


# The CLI, on the audit's cases.


def _plan(tmp_path: Path, names: dict[str, str]) -> Path:
    """tests/plans/mini-2025 with its task names replaced (YAML double-quoted escapes)."""
    plan = tmp_path / "plan"
    shutil.copytree(PLANS / "mini-2025", plan)
    tasks = plan / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    for old, new in names.items():
        text = text.replace(f'name: "{old}"', f'name: "{new}"')
    tasks.write_text(text, encoding="utf-8")
    return plan


HOSTILE_NAMES = {
    "公开年度计划": '=HYPERLINK(\\"http://evil.example\\",\\"公开年度计划\\")',
    "办理咨询": "@SUM(1+1)\\e]0;pwned\\a\\e[2J办理咨询\\v",
}


def test_csv_neutralises_text_and_keeps_the_numbers_it_computed(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    plan = _plan(tmp_path, HOSTILE_NAMES)
    args = ["due", "--unit", "市教委", "--data", str(plan), "--as-of", "2025-07-15", "-f", "csv"]
    result = gongkai(*args)
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    assert lines[1:3] == [
        '1,"\'=HYPERLINK(""http://evil.example"",""公开年度计划"")",公开本单位年度工作计划。,'
        "6月底前,2025-06-30,,false,responsible,,overdue,-15,owed,,",
        "2,'@SUM(1+1)\\x1b]0;pwned\\x07\\x1b[2J办理咨询\\x0b,网上咨询答复期限不得超过3个工作日。,"
        "全年,2025-12-31,,true,responsible,,due,169,owed,,",
    ]
    raw = gongkai(*args, "--raw")
    assert raw.exit_code == 0, raw.output
    assert raw.stdout.split("\n")[1:3] == [
        '1,"=HYPERLINK(""http://evil.example"",""公开年度计划"")",公开本单位年度工作计划。,'
        "6月底前,2025-06-30,,false,responsible,,overdue,-15,owed,,",
        "2,@SUM(1+1)\\x1b]0;pwned\\x07\\x1b[2J办理咨询\\x0b,网上咨询答复期限不得超过3个工作日。,"
        "全年,2025-12-31,,true,responsible,,due,169,owed,,",
    ]


def test_the_shipped_plan_has_no_formula_cell_and_keeps_its_negative_days(
    gongkai: Gongkai,
) -> None:
    result = gongkai("due", "--unit", "市教委", "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["days_left"] for row in rows if row["days_left"].startswith("-")] == [
        "-76",
        "-76",
        "-60",
    ]
    assert "'" not in {cell[:1] for row in rows for cell in row.values()}


PROGRESS = """\
plan: 沪府办〔2021〕21号
entries:
  - seq: 12
    unit: 市教委
    status: done
    completed: 2021-02-20
    evidence: "=HYPERLINK(\\"http://evil.example/?x\\",\\"沪教委办〔2021〕1号\\")"
  - seq: 99
    unit: 市教委
    status: in_progress
    note: "\\e]0;pwned\\a\\e[2J待党组会审定\\r<script>alert(1)</script>\\v"
"""


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "progress.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


def test_progress_show_sends_no_escape_code_even_when_piped(
    gongkai: Gongkai, progress: Path
) -> None:
    result = gongkai("progress", "show", "-p", str(progress))
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    header = "序号   单位     状态         截止            依据 / 备注 / 指标值"
    assert lines[lines.index(header) :] == [
        header,
        "─" * 80,
        '  12   市教委   已完成       2021-04-16      =HYPERLINK("http://evil.example/?x',
        '                2021-02-20   原定            ","沪教委办〔2021〕1号")',
        "                             2021-02-28",
        "                             gongkai 约定†",  # the grace's label (issue 19 item 5)
        "  99   市教委   进行中       2021-03-31      \\x1b]0;pwned\\x07\\x1b[2J待党组会审定",
        "                                             <script>alert(1)</script>\\x0b",
        "共 2 条",
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截",
        "止日按印发后30日计；--no-grace 则按原定日期计",
        "",
    ]


def test_progress_show_csv(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("progress", "show", "-p", str(progress), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n") == [
        "seq,name,unit,status,completed,due,evidence,note,values,due_as_written,due_convention",
        "12,加强信息处理费收费管理,市教委,done,2021-02-20,2021-04-16,"
        '"\'=HYPERLINK(""http://evil.example/?x"",""沪教委办〔2021〕1号"")",,,'
        "2021-02-28,gongkai 约定，文件未规定",
        # A CR in a cell: the csv module leaves it unquoted with "\n" line ends, which
        # splits the row for any reader; the row is quoted whole instead.
        '"99","制订年度政务公开工作要点","市教委","in_progress","","2021-03-31","",'
        '"\\x1b]0;pwned\\x07\\x1b[2J待党组会审定\r<script>alert(1)</script>\\x0b","","",""',
        "",
    ]
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == 3
    assert rows[2][7] == "\\x1b]0;pwned\\x07\\x1b[2J待党组会审定\r<script>alert(1)</script>\\x0b"


def test_markdown_escapes_html_and_a_cr_does_not_split_its_row(
    gongkai: Gongkai, progress: Path
) -> None:
    result = gongkai("report", "-p", str(progress), "--unit", "市教委")
    assert result.exit_code == 0, result.output
    lines = result.stdout.split("\n")
    start = lines.index("## 佐证与备注")
    assert lines[start + 2 : start + 6] == [
        "| 序号 | 任务名称 | 单位 | 情况 | 完成日期 | 佐证 | 备注 |",
        "|---|---|---|---|---|---|---|",
        "| 99 | 制订年度政务公开工作要点 | 市教委 | 逾期未完成 | — | — | "
        "\\x1b]0;pwned\\x07\\x1b[2J待党组会审定<br>&lt;script&gt;alert(1)&lt;/script&gt;\\x0b |",
        '| 12 | 加强信息处理费收费管理 | 市教委 | 按时完成 | 2021-02-20 | =HYPERLINK("http://evil.'
        'example/?x","沪教委办〔2021〕1号") | — |',
    ]


def test_html_report_shows_control_characters(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("report", "-p", str(progress), "-f", "html")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "<script>alert" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J待党组会审定" in result.stdout


def test_an_xlsx_with_control_characters_is_written(gongkai: Gongkai, progress: Path) -> None:
    # One \v, BEL or ESC in a note made openpyxl refuse the whole workbook.
    result = gongkai("report", "-p", str(progress), "--unit", "市教委", "-f", "xlsx")
    assert result.exit_code == 0, result.output
    book = load_workbook(io.BytesIO(result.stdout_bytes))
    values = {
        cell.value: cell
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if cell.value
    }
    note = "\\x1b]0;pwned\\x07\\x1b[2J待党组会审定\r<script>alert(1)</script>\\x0b"
    assert note in values
    evidence = values['=HYPERLINK("http://evil.example/?x","沪教委办〔2021〕1号")']
    assert (evidence.data_type, evidence.quotePrefix) == ("s", True)


def test_xlsx_headers_from_the_input_are_never_formulas() -> None:
    view = View([Table([Column('=HYPERLINK("http://evil")', "x")], [{"x": "-2+3"}])])
    for raw, quoted in ((False, True), (True, False)):
        sheet = load_workbook(io.BytesIO(xlsx_bytes(view, raw))).active
        assert sheet is not None
        header, value = sheet["A1"], sheet["A2"]
        assert (header.value, header.data_type, header.quotePrefix) == (
            '=HYPERLINK("http://evil")',
            "s",
            quoted,
        )
        assert (value.value, value.data_type, value.quotePrefix) == ("-2+3", "s", quoted)


CASES = (
    'id,received,replied,=HYPERLINK("http://evil"),备注\n'
    "=cmd|' /C calc'!A0,2021-06-01,2021-06-03,@SUM(1),\x1b]0;pwned\x07\n"
    "-5,2021-06-01,2021-06-30,+x,<script>\n"
    "ok,=1+1,2021-06-03,a,b\n"
)


def test_reply_check_csv_neutralises_ids_values_and_headers(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES, encoding="utf-8")
    args = ["reply-check", "--file", str(cases), "--rule", "consult", "--as-of", "2021-07-01"]
    result = gongkai(*args)
    assert result.exit_code == 2, result.output  # one invalid row
    assert result.stdout.split("\n") == [
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,"
        'status,reason,"\'=HYPERLINK(""http://evil"")",备注',
        "2,'=cmd|' /C calc'!A0,2021-06-01,2021-06-03,consult,5,working,as-received,2021-06-08,"
        "2,met,,'@SUM(1),\\x1b]0;pwned\\x07",
        "3,'-5,2021-06-01,2021-06-30,consult,5,working,as-received,2021-06-08,20,missed,,'+x,"
        "<script>",
        "4,ok,'=1+1,2021-06-03,,,,,,,invalid,\"received: invalid date '=1+1': expected 2021-06-30, "
        '2021/6/30, 20210630 or 2021年6月30日",a,b',
        "",
    ]
    raw = gongkai(*args, "--raw")
    assert raw.stdout.split("\n")[1] == (
        "2,=cmd|' /C calc'!A0,2021-06-01,2021-06-03,consult,5,working,as-received,2021-06-08,"
        "2,met,,@SUM(1),\\x1b]0;pwned\\x07"
    )


def test_reply_check_xlsx_pass_through_header_is_text(gongkai: Gongkai, tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text(CASES, encoding="utf-8")
    args = ["reply-check", "--file", str(cases), "--rule", "consult", "-f", "xlsx"]
    for extra, quoted in (([], True), (["--raw"], False)):
        result = gongkai(*args, *extra)
        assert result.exit_code == 2, result.output
        sheet = load_workbook(io.BytesIO(result.stdout_bytes)).active
        assert sheet is not None
        header = next(c for c in sheet[1] if c.value == '=HYPERLINK("http://evil")')
        assert (header.data_type, header.quotePrefix) == ("s", quoted)
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        assert "\\x1b]0;pwned\\x07" in [c.value for c in sheet[2]]


def test_ics_text_with_line_breaks_and_escapes(gongkai: Gongkai, tmp_path: Path) -> None:
    from icalendar import Calendar

    plan = _plan(tmp_path, {"公开年度计划": "公开\\r\\n年度\\r计划\\e[2J"})
    tasks = plan / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8").replace(
        'title: "2025年测试区政务公开工作要点"', 'title: "2025年\\r\\n测试区, 要点\\e]0;x\\a"'
    )
    tasks.write_text(text, encoding="utf-8")
    args = ["due", "--unit", "市教委", "--data", str(plan), "--as-of", "2025-06-01", "-f", "ics"]
    result = gongkai(*args)
    assert result.exit_code == 0, result.output
    body = result.stdout_bytes.decode()
    lines = body.split("\r\n")
    assert lines[-1] == ""
    assert [line for line in lines if not line.isprintable()] == []
    # X-WR-CALNAME is TEXT, escaped as RFC 5545 3.3.11 says (icalendar leaves it as read).
    assert "X-WR-CALNAME:市教委 · 2025年\\n测试区\\, 要点\\\\x1b]0\\;x\\\\x07" in lines
    calendar = Calendar.from_ical(body)
    # The title is the name as people read it: line breaks between two Chinese
    # characters are the source's wrapping (Task.display_name), so they go.
    assert str(calendar.walk("VEVENT")[0]["summary"]) == "[负责] 任务1 公开年度计划\\x1b[2J"


def test_an_error_quoting_the_data_sends_no_escape_code(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _plan(tmp_path, {})
    with (plan / "units.yaml").open("a", encoding="utf-8") as units:
        units.write('  - name: "多余\\e]0;pwned\\a局"\n    full_name: null\n')
        units.write("    kind: district_department\n")
    result = gongkai("validate", "--data", str(plan))
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: invalid data (1 problem):\n"
        f"{plan}/units.yaml:10: units.2.named_in_document: 多余\\x1b]0;pwned\\x07局 is not "
        "named in any task's 责任单位\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "市教委", "--raw"],
        ["due", "--unit", "市教委", "-f", "md", "--raw"],
        ["tasks", "-f", "json", "--raw"],
        ["report", "--raw"],
        ["plans", "--raw"],
        ["reply-check", "--received", "2021-07-10", "--rule", "consult", "--raw"],
    ],
)
def test_raw_is_refused_where_it_would_be_ignored(gongkai: Gongkai, args: list[str]) -> None:
    result = gongkai(*args)
    assert result.exit_code == 2
    fmt = args[args.index("-f") + 1] if "-f" in args else ("md" if args[0] == "report" else "table")
    assert result.stderr == f"Error: --raw is for csv and xlsx, not {fmt}\n"
    assert result.stdout == ""


def test_import_refuses_raw_before_it_writes_the_draft(gongkai: Gongkai, tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "examples" / "annex.csv"
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--raw")
    assert result.exit_code == 2
    assert result.stderr == "Error: --raw is for csv and xlsx, not table\n"
    assert not out.exists()


def test_raw_in_chinese(gongkai: Gongkai, chinese: None) -> None:
    result = gongkai("tasks", "--raw")
    assert result.exit_code == 2
    assert result.stderr == "错误：--raw 只用于 csv 和 xlsx，不用于 table\n"


def test_a_new_progress_file_quotes_the_plan_it_is_for(gongkai: Gongkai, tmp_path: Path) -> None:
    # The title and 文号 went into the new file as they were: a control character made
    # the file unreadable (a traceback) and a leading @ was a YAML syntax error.
    plan = _plan(tmp_path, {})
    tasks = plan / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8").replace(
        'title: "2025年测试区政务公开工作要点"', 'title: "要点\\e[2J\\r\\n第二行"'
    )
    tasks.write_text(text.replace('number: "测试〔2025〕1号"', 'number: "@测试\\a1号"'))
    (plan / "rules.yaml").unlink()  # it cites the 文号 changed here
    progress = tmp_path / "progress.yaml"
    args = ["progress", "set", "--create", "2", "--unit", "市教委", "--status", "in_progress"]
    result = gongkai(*args, "--data", str(plan), "-p", str(progress))
    assert result.exit_code == 0, result.output
    lines = progress.read_text(encoding="utf-8").split("\n")
    assert (
        lines[0] == "# gongkai progress file (进展台账): 要点\\x1b[2J\\r\\n第二行 (@测试\\x071号)"
    )
    assert 'plan: "@测试\\a1号"' in lines
    shown = gongkai("progress", "show", "-p", str(progress), "--data", str(plan))
    assert shown.exit_code == 0, shown.output
