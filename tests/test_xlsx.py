"""`--format xlsx`: one sheet per table, a frozen and filtered header row in Chinese.

Each workbook is read back with openpyxl, as a supervisor's spreadsheet would read it.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from gongkai_cli.cli import app
from gongkai_cli.render import Column, Fields, Table, Text, View
from gongkai_cli.render.emit import xlsx_bytes

PROGRESS = textwrap.dedent(
    """\
    plan: 沪府办〔2021〕21号
    entries:
      - seq: 27
        unit: 市教委
        status: done
        completed: 2021-04-10
        evidence: 沪教委办〔2021〕9号
    """
)


def workbook(blob: bytes) -> Any:
    return load_workbook(io.BytesIO(blob))


def rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def invoke(runner: CliRunner, *args: str, code: int = 0) -> bytes:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.stderr
    return result.stdout_bytes


def assert_header(sheet: Worksheet, header: list[str], data_rows: int) -> None:
    """The header row is `header`, frozen, with a filter over it and `data_rows` rows."""
    assert [cell.value for cell in sheet[1]] == header
    assert sheet.freeze_panes == "A2"
    last_column = sheet.cell(1, len(header)).column_letter
    assert sheet.auto_filter.ref == f"A1:{last_column}{data_rows + 1}"


def test_one_sheet_per_table_named_by_title_or_heading() -> None:
    view = View(
        markdown=[
            Text("# 标题"),
            Text("## 各单位"),
            Table(
                [Column("单位", "unit"), Column("应办", "owed")], [{"unit": "市教委", "owed": 3}]
            ),
            Table([Column("序号", "seq")], [{"seq": 1}], title="任务: [一]/二"),
            Fields([("收到", "2021-07-10")]),
        ]
    )
    book = workbook(xlsx_bytes(view))
    assert book.sheetnames == ["各单位", "任务 一 二", "表3"]
    assert rows(book["各单位"]) == [("单位", "应办"), ("市教委", 3)]
    assert_header(book["各单位"], ["单位", "应办"], 1)
    assert rows(book["表3"]) == [("项目", "内容"), ("收到", "2021-07-10")]


def test_text_that_looks_like_a_formula_stays_text() -> None:
    view = View([Table([Column("编号", "id")], [{"id": "=1+1"}, {"id": None}, {"id": ["a", "b"]}])])
    sheet = workbook(xlsx_bytes(view)).active
    assert sheet["A2"].data_type == "s"
    assert rows(sheet) == [("编号",), ("=1+1",), (None,), ("a;b",)]


def test_a_caption_goes_under_the_filtered_rows() -> None:
    view = View([Table([Column("行", "line")], [{"line": 2}], caption="第2行: 无效\n第3行: 注")])
    sheet = workbook(xlsx_bytes(view)).active
    assert rows(sheet) == [("行",), (2,), (None,), ("第2行: 无效",), ("第3行: 注",)]
    assert sheet.auto_filter.ref == "A1:A2"


def test_due(runner: CliRunner) -> None:
    book = workbook(invoke(runner, "due", "-u", "市教委", "--before", "2021-03-31", "-f", "xlsx"))
    csv_rows = invoke(runner, "due", "-u", "市教委", "--before", "2021-03-31", "-f", "csv")
    (sheet,) = book.worksheets
    # One row per csv row, and the same tasks.
    seqs = [line.split(",")[0] for line in csv_rows.decode().splitlines()[1:]]
    assert_header(sheet, ["序号", "任务名称 / 任务内容", "角色", "截止", "状态"], len(seqs))
    assert [str(row[0]) for row in rows(sheet)[1 : len(seqs) + 1]] == seqs


def test_overdue_and_owes(runner: CliRunner, tmp_path: Path) -> None:
    book = workbook(invoke(runner, "overdue", "-u", "市教委", "-f", "xlsx", code=1))
    sheet = book.worksheets[0]
    assert_header(sheet, ["类别", "序号", "单位", "截止", "任务名称 / 情况"], 3)
    # The overdue rows in the order the table shows them (the 印发前已到期 policy moves 12).
    assert sorted(row[1] for row in rows(sheet)[1:4]) == [12, 27, 99]
    book = workbook(invoke(runner, "owes", "-u", "市教委", "-f", "xlsx"))
    assert book.worksheets[0].freeze_panes == "A2"


def test_report_sheets(runner: CliRunner, tmp_path: Path) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS, encoding="utf-8")
    out = tmp_path / "report.xlsx"
    assert (
        invoke(runner, "report", "-u", "市教委", "-p", str(progress), "-f", "xlsx", "-o", str(out))
        == b""
    )
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["总体", "各单位", "各任务"]
    units = book["各单位"]
    assert [cell.value for cell in units[1]][:2] == ["单位", "应办"]
    assert units.freeze_panes == "A2"
    assert rows(units)[1][0] == "市教委"
    tasks = rows(book["各任务"])
    (row27,) = [row for row in tasks if row[0] == 27]
    assert row27[:2] == (27, "实行重大行政决策事项目录管理")


REPLIES = "id,received,replied\nA-1,2021-06-01,2021-06-08\n=2,2021-06-01,\nB,bad,\n"


def test_reply_check_batch(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "replies.csv"
    path.write_text(REPLIES, encoding="utf-8")
    blob = invoke(
        runner, "reply-check", "--file", str(path), "--rule", "consult", "-f", "xlsx", code=2
    )
    (sheet,) = workbook(blob).worksheets
    assert sheet.title == "答复期限核对"
    table = rows(sheet)
    assert table[0][:3] == ("行", "编号", "收到")
    assert_header(sheet, list(table[0]), 3)
    assert [row[:2] for row in table[1:]] == [(2, "A-1"), (3, "=2"), (4, "B")]
    assert [row[10] for row in table[1:]] == ["按时", "超期未答复", "无效"]
    assert table[3][11]  # the reason an invalid row was not checked


def test_reply_check_streaming_formats_refuse_output(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "replies.csv"
    path.write_text(REPLIES, encoding="utf-8")
    result = runner.invoke(
        app, ["reply-check", "--file", str(path), "--rule", "consult", "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert result.stderr == "Error: --output is for table or xlsx; redirect csv (> FILE)\n"


def test_output_writes_any_format_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "owes.csv"
    assert invoke(runner, "owes", "-u", "市教委", "-f", "csv", "-o", str(out)) == b""
    assert out.read_bytes() == invoke(runner, "owes", "-u", "市教委", "-f", "csv")


def test_xlsx_is_refused_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gongkai_cli", "owes", "-u", "市教委", "-f", "xlsx"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            check=False,
        )
        os.close(secondary)
        assert done.returncode == 2
        assert done.stderr.decode() == (
            "Error: xlsx is a binary file: add --output FILE.xlsx or redirect (> FILE.xlsx)\n"
        )
    finally:
        os.close(primary)
