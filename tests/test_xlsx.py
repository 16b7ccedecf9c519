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

from conftest import Gongkai
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


def test_due(gongkai: Gongkai) -> None:
    book = workbook(
        gongkai("due", "-u", "市教委", "--before", "2021-03-31", "-f", "xlsx")
        .checked()
        .stdout_bytes
    )
    csv_rows = (
        gongkai("due", "-u", "市教委", "--before", "2021-03-31", "-f", "csv").checked().stdout_bytes
    )
    (sheet,) = book.worksheets
    # One row per csv row, and the same tasks.
    seqs = [line.split(",")[0] for line in csv_rows.decode().splitlines()[1:]]
    # The Markdown columns: name and content apart, the time node as written, the due day
    # a date cell of its own (a supervisor sorts by it).
    header = ["序号", "任务名称", "任务内容", "角色", "时间节点", "截止", "状态"]
    assert_header(sheet, header, len(seqs))
    table = rows(sheet)
    assert [str(row[0]) for row in table[1 : len(seqs) + 1]] == seqs
    assert table[1][4:6] == ("3月底前", day("2021-03-31"))
    assert sheet.cell(2, 6).number_format == "yyyy-mm-dd"
    # the footer under the rows, without Markdown's line-break spaces
    assert table[len(seqs) + 2 :] == [
        ("共 2 项：牵头 0，负责 2，配合 0 · 逾期 2 · 可能适用 0", *(None,) * 6),
        ("所属集合：市政府各部门", *(None,) * 6),
    ]


def test_due_marks_a_pre_issue_day_in_its_number_format(gongkai: Gongkai) -> None:
    book = workbook(
        gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-f", "xlsx")
        .checked()
        .stdout_bytes
    )
    sheet = book.worksheets[0]
    (row12,) = [row for row in sheet.iter_rows(min_row=2) if row[0].value == 12]
    # the grace's day, still a date, with the day as written beside it (issue 19 item 5)
    assert (row12[5].value, row12[5].number_format) == (
        day("2021-04-16"),
        'yyyy-mm-dd"†（原定 2021-02-28）"',
    )
    assert rows(sheet)[-2][0] == (
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
        "截止日按印发后30日计；--no-grace 则按原定日期计"
    )


def test_overdue_and_owes(gongkai: Gongkai, tmp_path: Path) -> None:
    book = workbook(gongkai("overdue", "-u", "市教委", "-f", "xlsx").checked(1).stdout_bytes)
    sheet = book.worksheets[0]
    assert_header(sheet, ["类别", "序号", "单位", "截止", "任务名称 / 情况"], 3)
    # The overdue rows in the order the table shows them (the 印发前已到期 policy moves 12).
    assert sorted(row[1] for row in rows(sheet)[1:4]) == [12, 27, 99]
    book = workbook(gongkai("owes", "-u", "市教委", "-f", "xlsx").checked().stdout_bytes)
    assert book.worksheets[0].freeze_panes == "A2"


def test_report_sheets(gongkai: Gongkai, tmp_path: Path) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS, encoding="utf-8")
    out = tmp_path / "report.xlsx"
    assert (
        gongkai("report", "-u", "市教委", "-p", str(progress), "-f", "xlsx", "-o", str(out))
        .checked()
        .stdout_bytes
        == b""
    )
    book = load_workbook(out)
    assert book.sheetnames[:3] == ["总体", "各单位", "各任务"]
    units = book["各单位"]
    # Under the title row, its plan/scope/as-of line and a blank row: the header, frozen.
    assert [cell.value for cell in units[4]][:2] == ["单位", "应办"]
    assert units.freeze_panes == "A5"
    assert rows(units)[4][0] == "市教委"
    tasks = rows(book["各任务"])
    (row27,) = [row for row in tasks if row[0] == 27]
    assert row27[:2] == (27, "实行重大行政决策事项目录管理")


REPORT_TITLE = "2021年上海市政务公开工作要点落实情况（截至 2021-06-15）"


def test_report_says_its_plan_scope_and_date_on_every_sheet_and_in_its_properties(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS, encoding="utf-8")
    out = tmp_path / "report.xlsx"
    gongkai("report", "-u", "市教委", "-p", str(progress), "-f", "xlsx", "-o", str(out)).checked()
    book = load_workbook(out)
    meta = (
        f"2021年上海市政务公开工作要点（沪府办〔2021〕21号） · 范围：市教委 · 进展文件：{progress}"
        " · 截至 2021-06-15"
    )
    for sheet in book:
        assert [row[0] for row in rows(sheet)[:3]] == [REPORT_TITLE, meta, None], sheet.title
        assert sheet["A1"].font.bold
        assert (sheet.freeze_panes, sheet.print_title_rows) == ("A5", "$4:$4")
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A4:")
    properties = book.properties
    assert properties.title == REPORT_TITLE
    assert properties.subject == (
        "2021年上海市政务公开工作要点（沪府办〔2021〕21号） · 范围：市教委 · 截至 2021-06-15"
    )
    assert properties.description == meta


def test_report_numbers_are_number_cells_and_long_cells_wrap(gongkai: Gongkai) -> None:
    # Every unit: 27 is overdue for 54 of its 55 units, a cell of 54 names.
    book = workbook(gongkai("report", "-f", "xlsx").checked().stdout_bytes)
    tasks = book["各任务"]
    header = [cell.value for cell in tasks[4]]
    assert header == [
        "序号",
        "任务名称",
        "截止",
        "已完成单位",
        "已完成",
        "应办",
        "逾期未完成",
        "逾期单位",
    ]
    (row27,) = [row for row in tasks.iter_rows(min_row=5) if row[0].value == 27]
    # 已完成 and 应办 are two numbers (Markdown writes 0/55), the overdue count a number.
    assert [(c.value, c.data_type) for c in row27[4:7]] == [(0, "n"), (55, "n"), (55, "n")]
    names = row27[7]
    assert names.value.count("、") == 54 and names.alignment.wrap_text
    assert tasks.column_dimensions["H"].width == 60
    assert row27[1].alignment.vertical == "top" and not row27[1].alignment.wrap_text


def test_report_target_values_are_numbers_shown_with_their_unit(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(
        "entries:\n"
        "  - {seq: 16, unit: 市教委, status: done, completed: 2021-06-01, values: {rate: 55.5}}\n"
        "  - {seq: 38, unit: 市教委, status: done, completed: 2021-06-01,"
        " values: {products: 2}}\n",
        encoding="utf-8",
    )
    book = workbook(
        gongkai("report", "-u", "市教委", "-p", str(progress), "-f", "xlsx").checked().stdout_bytes
    )
    sheet = book["指标"]
    assert [cell.value for cell in sheet[4]] == [
        "序号",
        "任务名称",
        "单位",
        "指标",
        "要求",
        "填报值",
        "结论",
    ]
    found = {row[0].value: row for row in sheet.iter_rows(min_row=5)}
    # 多元化解读率 ≥60%: 0.6 shown ≥60%; 55.5% is 0.555 shown 55.5%, as 到期完成率 is a fraction
    assert [(c.value, c.number_format) for c in found[16][4:6]] == [
        (0.6, '"≥"0%'),
        (0.555, "0.0##%"),
    ]
    # 标准化应用产品 at least 1 个: numbers, the unit a literal of the format
    assert [(c.value, c.number_format) for c in found[38][4:6]] == [
        (1, '"≥"General"个"'),
        (2, 'General"个"'),
    ]


REPLIES = "id,received,replied\nA-1,2021-06-01,2021-06-08\n=2,2021-06-01,\nB,bad,\n"


def test_reply_check_batch(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "replies.csv"
    path.write_text(REPLIES, encoding="utf-8")
    blob = (
        gongkai("reply-check", "--file", str(path), "--rule", "consult", "-f", "xlsx")
        .checked(2)
        .stdout_bytes
    )
    (sheet,) = workbook(blob).worksheets
    assert sheet.title == "答复期限核对"
    table = rows(sheet)
    assert table[0][:3] == ("行", "编号", "收到")
    assert_header(sheet, list(table[0]), 3)
    assert [row[:2] for row in table[1:]] == [(2, "A-1"), (3, "=2"), (4, "B")]
    assert [row[10] for row in table[1:]] == ["按时", "超期未答复", "无效"]
    assert table[3][11]  # the reason an invalid row was not checked


def test_reply_check_streamed_formats_go_to_a_file_whole(gongkai: Gongkai, tmp_path: Path) -> None:
    # csv streams to stdout row by row; to -o FILE the same bytes are written at the end.
    path = tmp_path / "replies.csv"
    path.write_text(REPLIES, encoding="utf-8")
    args = ["reply-check", "--file", str(path), "--rule", "consult"]
    streamed = gongkai(*args, "-f", "csv")
    out = tmp_path / "checked.csv"
    result = gongkai(*args, "-o", str(out))
    assert (result.exit_code, result.stdout) == (streamed.exit_code, "")
    assert out.read_bytes() == streamed.stdout_bytes
    assert result.stderr == f"wrote {out}\n" + streamed.stderr


def test_output_writes_any_format_to_a_file(gongkai: Gongkai, tmp_path: Path) -> None:
    out = tmp_path / "owes.csv"
    assert (
        gongkai("owes", "-u", "市教委", "-f", "csv", "-o", str(out)).checked().stdout_bytes == b""
    )
    assert out.read_bytes() == gongkai("owes", "-u", "市教委", "-f", "csv").checked().stdout_bytes


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


# -- typed cells: rates are numbers, days are dates --------------------------------------


def cells(sheet: Worksheet, row: int) -> list[tuple[Any, str]]:
    """Row `row`'s values with their number formats, as a spreadsheet would see them."""
    return [(cell.value, cell.number_format) for cell in sheet[row]]


def day(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text)  # openpyxl reads a date cell back as a datetime


def test_report_rates_are_percent_numbers_and_days_are_dates(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS, encoding="utf-8")
    out = tmp_path / "report.xlsx"
    gongkai("report", "-u", "市教委", "-p", str(progress), "-f", "xlsx", "-o", str(out)).checked()
    book = load_workbook(out)
    # Rows 1-3: the title, the plan/scope/as-of line, a blank row; the header is row 4.
    totals = book["总体"]
    assert [c.value for c in totals[4]][-2:] == ["到期完成率", "全年完成率"]
    # 1 done of the 3 due by 2021-06-15, 1 of the 49 of the year: numbers, shown as 33.3%, 2.0%
    assert cells(totals, 5)[-2:] == [(1 / 3, "0.0%"), (1 / 49, "0.0%")]
    assert cells(book["各单位"], 5)[-2:] == [(1 / 3, "0.0%"), (1 / 49, "0.0%")]
    tasks = book["各任务"]
    by_seq = {row[0].value: row for row in tasks.iter_rows(min_row=5) if row[0].value}
    # 12 is 印发前已到期：its due day (the policy's, as the counts use) is a date, marked †
    assert (by_seq[12][2].value, by_seq[12][2].number_format) == (
        day("2021-04-16"),
        'yyyy-mm-dd"†（原定 2021-02-28）"',
    )
    assert (by_seq[99][2].value, by_seq[99][2].number_format) == (day("2021-03-31"), "yyyy-mm-dd")
    # the † explained under the rows, as under the table in Markdown
    assert rows(tasks)[-1][0] == (
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
        "截止日按印发后30日计；--no-grace 则按原定日期计"
    )
    entries = book["佐证与备注"]
    assert [c.value for c in entries[4]][4] == "完成日期"
    assert cells(entries, 5)[4] == (day("2021-04-10"), "yyyy-mm-dd")


def test_overdue_due_days_are_dates(gongkai: Gongkai) -> None:
    sheet = workbook(
        gongkai("overdue", "-u", "市教委", "-f", "xlsx").checked(1).stdout_bytes
    ).worksheets[0]
    assert {row[3] for row in rows(sheet)[1:4]} == {day("2021-03-31"), day("2021-04-16")}


GROUPED = (
    "编号,收到日期,答复日期,承办单位\n"
    "A-1,2021-06-01,2021-06-08,区民政局\n"
    "A-2,2021-06-01,2021-06-07,区民政局\n"
    "A-3,2021-06-01,2021-06-10,区民政局\n"
    "B-1,2021-06-02,2021-06-03,区教育局\n"
    "C-1,2021/6/3,,区教育局\n"
    "C-2,昨天,,区教育局\n"
)


def test_reply_check_days_and_on_time_rates(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "replies.csv"
    path.write_text(GROUPED, encoding="utf-8")
    args = ["reply-check", "--file", str(path), "--rule", "consult", "-f", "xlsx"]
    (sheet,) = workbook(gongkai(*args).checked(2).stdout_bytes).worksheets
    table = rows(sheet)
    assert table[0][1:4] == ("编号", "收到", "答复")
    assert table[1][1:4] == ("A-1", day("2021-06-01"), day("2021-06-08"))
    assert table[1][8] == day("2021-06-08")  # 截止
    assert table[5][1:4] == ("C-1", day("2021-06-03"), None)  # written 2021/6/3: a day
    assert table[6][1:3] == ("C-2", "昨天")  # an invalid row keeps its text as written
    (sheet,) = workbook(gongkai(*args, "--group-by", "unit").checked(2).stdout_bytes).worksheets
    assert [c.value for c in sheet[1]][7] == "按时率"
    rates = {sheet.cell(r, 1).value: sheet.cell(r, 8) for r in range(2, sheet.max_row + 1)}
    # 区民政局: 2 of 3 on time (A-3 two days late); 区教育局: B-1 on time, C-1 unanswered
    # past its 2021-06-10 (today is 06-15), C-2 invalid and not counted
    assert (rates["区民政局"].value, rates["区民政局"].number_format) == (0.6667, "0.0%")
    assert (rates["区教育局"].value, rates["区教育局"].number_format) == (0.5, "0.0%")
    assert (rates["合计"].value, rates["合计"].number_format) == (0.6, "0.0%")


def test_report_undated_tasks_count_done_and_owed_as_numbers(
    gongkai: Gongkai, monkeypatch: Any
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-06-01")
    plan = Path(__file__).resolve().parent / "plans" / "fengxian-2025"
    blob = (
        gongkai("report", "-u", "区政府办", "--data", str(plan), "-f", "xlsx")
        .checked()
        .stdout_bytes
    )
    sheet = workbook(blob)["无明确时限（持续性任务）"]
    assert [cell.value for cell in sheet[4]][:5] == [
        "序号",
        "条目内容",
        "完成时限",
        "已完成",
        "应办",
    ]
    assert [(row[0], row[3], row[4]) for row in rows(sheet)[4:]] == [(2, 0, 1), (3, 0, 1)]
