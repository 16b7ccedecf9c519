"""Issue 19 item 5, first half: the issue-day grace is gongkai's convention, labelled so.

The 2021 plan was issued on 2021-03-17; its tasks 11 and 12 read 2月底前 (2021-02-28).
gongkai dates them 2021-04-16 (issue date + 印发后30日, the 30 days of task 99), a
grace neither the plan nor any rule grants. Every view that shows such a day labels it
"gongkai 约定，文件未规定" with 2021-02-28 beside it, and `--no-grace` turns the grace
off: the tasks are then due on their written day, overdue from the start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import Gongkai

PROGRESS = "entries:\n  - {seq: 12, unit: 市教委, status: done, completed: 2021-03-18}\n"


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


# --- --no-grace: due on the day as written, overdue from the start -----------------------


def test_no_grace_dates_tasks_11_and_12_as_written_in_due(gongkai: Gongkai) -> None:
    out = gongkai("due", "-u", "市政府办公厅", "--before", "2021-05-01", "--no-grace").expect()
    assert out == (
        "市政府办公厅 应办任务（截止日期 2021-05-01 前；状态截至 2021-06-15）\n"
        "序号   任务名称 / 任务内容                       角色   截止         状态\n"
        + "─"
        * 80
        + "\n"
        "  11   【加强信息处理费收费管理】研究制定本市    负责   2021-02-28   逾期 107 天\n"
        "       收取政府信息公开信息处理费的具体措施。           2月底前\n"
        "  27   【实行重大行政决策事项目录管理】确定并    牵头   2021-03-31   逾期 76 天\n"
        "       发布本单位重大行政决策事项目录,后续根据          3月底前\n"
        "       决策事项的推进情况,以目录归集的方式对各\n"
        "       项信息进行超链接展示。\n"
        "共 2 项：牵头 1，负责 1，配合 0 · 逾期 2 · 可能适用 0\n"
    )
    data = gongkai(
        "due", "-u", "市政府办公厅", "--before", "2021-05-01", "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in data["tasks"] if t["seq"] == 11)
    assert (task["due"], task["status"], task["days_left"], task["pre_issue"]) == (
        "2021-02-28",
        "overdue",
        -107,
        None,
    )


def test_no_grace_makes_them_overdue_on_the_day_of_issue(gongkai: Gongkai) -> None:
    # With the grace nothing is overdue on 2021-03-17 (test_due_loop); without it the 57
    # obligations of tasks 11 and 12 are, by 17 days, and the gate fails.
    data = gongkai("overdue", "--as-of", "2021-03-17", "--no-grace", "--format", "json").json(1)
    seqs = [o["seq"] for o in data["overdue"]]
    assert (seqs.count(11), seqs.count(12), len(seqs)) == (3, 54, 57)
    assert {(o["due"], o["days_late"], o["pre_issue"]) for o in data["overdue"]} == {
        ("2021-02-28", 17, None)
    }


def test_no_grace_in_tasks_show_calendar_and_owes(gongkai: Gongkai) -> None:
    tasks = {
        t["seq"]: t for t in gongkai("tasks", "--no-grace", "--format", "json").json()["tasks"]
    }
    assert (tasks[11]["due"], tasks[12]["due"]) == ("2021-02-28", "2021-02-28")
    assert "pre_issue" not in tasks[11]
    shown = gongkai("show", "12", "--no-grace", "--format", "json").json()
    assert (shown["due"], "pre_issue" in shown) == ("2021-02-28", False)
    february = gongkai("calendar", "--month", "2021-02", "--no-grace", "--format", "json").json()
    day = next(d for d in february["days"] if d["date"] == "2021-02-28")
    assert day["due"] == [11, 12]
    april = gongkai("calendar", "--month", "2021-04", "--no-grace", "--format", "json").json()
    assert all(d["due"] == [] for d in april["days"] if d["date"] == "2021-04-16")
    owes = gongkai("owes", "-u", "市教委", "--no-grace", "--format", "json").json()
    months = {m["month"]: m["total"] for m in owes["months"]}
    assert (months.get(2), months.get(4)) == (1, None)


def test_no_grace_in_report_and_progress_show(gongkai: Gongkai, progress: Path) -> None:
    # Done the day after issue: on time under the grace, 18 days late without it.
    granted = gongkai("report", "-u", "市教委", "-p", str(progress), "--format", "json").json()
    task = next(t for t in granted["tasks"] if t["seq"] == 12)
    assert (task["due"], task["delivered"][0]["late"]) == ("2021-04-16", False)
    strict = gongkai(
        "report", "-u", "市教委", "-p", str(progress), "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in strict["tasks"] if t["seq"] == 12)
    assert (task["due"], task["delivered"][0]["late"]) == ("2021-02-28", True)
    entries = gongkai(
        "progress", "show", "-p", str(progress), "--no-grace", "--format", "json"
    ).json()
    assert [e["due"] for e in entries["entries"]] == ["2021-02-28"]


def test_no_grace_in_ics_and_plan_all(gongkai: Gongkai) -> None:
    from icalendar import Calendar

    result = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-f", "ics", "--no-grace")
    assert result.exit_code == 0, result.stderr
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    event = events["[负责] 任务12 加强信息处理费收费管理"]
    assert event.decoded("DTSTART") == dt.date(2021, 2, 28)
    assert "印发前已到期" not in str(event["DESCRIPTION"])
    across = gongkai(
        "due", "-u", "市教委", "--plan", "all", "--no-grace", "--format", "json"
    ).json()
    task = next(t for t in across["tasks"] if (t["plan"], t["seq"]) == ("2021", 12))
    assert (task["due"], task["pre_issue"]) == ("2021-02-28", None)


# --- the label: gongkai 约定，文件未规定, with the day as written beside it -----------------

LABEL = "gongkai 约定，文件未规定"
FOOTNOTE = (
    "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
    "截止日按印发后30日计；--no-grace 则按原定日期计"
)
PRE_ISSUE = {
    "due_as_written": "2021-02-28",
    "issued": "2021-03-17",
    "grace": "印发后30日",
    "grace_days": 30,
    "convention": LABEL,
}


def unwrapped(text: str) -> str:
    """The text without its line breaks and spaces: a footnote wrapped at 80 columns (the
    space at a break dropped), read whole. Compare it with a text squeezed alike."""
    return "".join(text.split())


def test_due_table_marks_the_day_and_shows_the_written_one_beside_it(gongkai: Gongkai) -> None:
    out = gongkai("due", "-u", "市教委", "--before", "2021-06-30").expect()
    lines = out.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("  12 "))
    cells = ["2021-04-16      逾期 60 天", "2月底前", "原定", "2021-02-28", "gongkai 约定†"]
    for line, cell in zip(lines[at : at + 5], cells, strict=True):
        assert line.endswith(f"   {cell}"), (line, cell)
    assert unwrapped(FOOTNOTE) in unwrapped(out)


def test_due_json_csv_md_xlsx_and_ics_carry_the_label(gongkai: Gongkai, tmp_path: Path) -> None:
    from icalendar import Calendar
    from openpyxl import load_workbook

    args = ("due", "-u", "市教委", "--before", "2021-06-30")
    task = next(t for t in gongkai(*args, "--format", "json").json()["tasks"] if t["seq"] == 12)
    assert (task["due"], task["pre_issue"]) == ("2021-04-16", PRE_ISSUE)
    csv = gongkai(*args, "-f", "csv").expect().split("\n")
    assert csv[0].endswith(",applies,due_as_written,due_convention")
    row = next(line for line in csv if line.startswith("12,"))
    assert row.endswith(
        ",2021-04-16,,false,responsible,市政府各部门,overdue,-60,owed,2021-02-28,"
        "gongkai 约定，文件未规定"
    )
    assert next(line for line in csv if line.startswith("27,")).endswith(",owed,,")
    md = gongkai(*args, "-f", "md").expect()
    assert "| 2月底前 | 2021-04-16†（原定 2021-02-28） | 逾期 60 天 |" in md
    assert f"\n{FOOTNOTE}  \n" in md
    path = tmp_path / "due.xlsx"
    gongkai(*args, "-f", "xlsx", "-o", str(path)).expect()
    sheet = load_workbook(path).active
    assert sheet is not None
    cells = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value == 12}
    due = cells[12][5]
    assert (due.value, due.number_format) == (
        dt.datetime(2021, 4, 16),
        'yyyy-mm-dd"†（原定 2021-02-28）"',
    )
    assert FOOTNOTE in [row[0].value for row in sheet.iter_rows()]
    result = gongkai(*args, "-f", "ics").checked()
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    assert (
        "印发前已到期：时间节点所指 2021-02-28 早于印发日期 2021-03-17，截止日按印发后30日计，即 2021-04-16（gongkai 约定，文件未规定；--no-grace 则按原定日期计）\n"
    ) in str(events["[负责] 任务12 加强信息处理费收费管理"]["DESCRIPTION"])


def test_due_plan_all_labels_it_in_every_format(gongkai: Gongkai) -> None:
    args = ("due", "-u", "市教委", "--plan", "all", "--before", "2021-06-30")
    out = gongkai(*args).expect()
    assert "原定" in out and "2021-02-28" in out and "gongkai 约定†" in out
    assert unwrapped(FOOTNOTE.replace(LABEL, LABEL + "（计划 2021）")) in unwrapped(out)
    md = gongkai(*args, "-f", "md").expect()
    assert "| 2021-04-16<br>2月底前<br>原定<br>2021-02-28<br>gongkai 约定† |" in md
    assert FOOTNOTE.replace(LABEL, LABEL + "（计划 2021）") in md  # the caption, under the table
    task = next(t for t in gongkai(*args, "--format", "json").json()["tasks"] if t["seq"] == 12)
    assert task["pre_issue"] == PRE_ISSUE
    csv = gongkai(*args, "-f", "csv").expect()
    assert ",owed,2021-02-28,gongkai 约定，文件未规定\n" in csv


def test_tasks_and_show_label_the_day(gongkai: Gongkai) -> None:
    out = gongkai("tasks").expect()
    lines = out.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("12 "))
    # the mark on the time node, the day as written under the day given: no column wider
    # (the table narrowed so that no unit name breaks: one-space gaps, issue 22 item 3)
    assert [line.rstrip() for line in lines[at : at + 3]] == [
        "12 加强信息处理费收费管理    市政府各部门、各区政府       2月底前†    2021-04-16",
        "                                                                      原定",
        "                                                                      2021-02-28",
    ]
    assert unwrapped(FOOTNOTE) in unwrapped(out)
    csv = gongkai("tasks", "-f", "csv").expect().split("\n")
    assert csv[0].endswith(",section,page,due_as_written,due_convention")
    assert csv[12].endswith(",一、(三),2,2021-02-28,gongkai 约定，文件未规定")
    task = next(t for t in gongkai("tasks", "--format", "json").json()["tasks"] if t["seq"] == 12)
    assert task["pre_issue"] == PRE_ISSUE
    shown = gongkai("show", "12").expect()
    assert "截止日期        2021-04-16†（原定 2021-02-28）\n" in shown
    assert gongkai("show", "12", "--format", "json").json()["pre_issue"] == PRE_ISSUE


def test_calendar_and_owes_label_it(gongkai: Gongkai) -> None:
    out = gongkai("calendar", "--month", "2021-04", "-u", "市教委").expect()
    assert (
        "  12   04-16 周五      加强信息处理费收费管理   负责\n"
        "       2月底前                                  经 市政府各部门\n"
        "       原定\n"
        "       2021-02-28\n"
        "       gongkai 约定†\n"
    ) in out
    assert unwrapped(FOOTNOTE) in unwrapped(out)
    month = gongkai("calendar", "--month", "2021-04", "-u", "市教委", "--format", "json").json()
    assert month["tasks"][0]["pre_issue"] == PRE_ISSUE
    owes = gongkai("owes", "-u", "市教委").expect()
    assert "\n4月†      0      1      0      1          0\n" in owes
    assert unwrapped(
        "† 4月含序号 12（原定 2021-02-28）：gongkai 约定，文件未规定：时间节点早于印发日期 "
        "2021-03-17（印发前已到期），截止日按印发后30日计；--no-grace 则按原定日期计"
    ) in unwrapped(owes)
    data = gongkai("owes", "-u", "市教委", "--format", "json").json()
    assert data["pre_issue"] == [{"seq": 12, "due": "2021-04-16", **PRE_ISSUE}]
    matrix = gongkai("owes").expect()
    assert " 3月 4月† 5月 " in matrix.split("\n")[1]
    assert unwrapped(
        "† 4月含序号 11、12（原定 2021-02-28）：gongkai 约定，文件未规定"
    ) in unwrapped(matrix)
    assert (
        "pre_issue" not in gongkai("owes", "-u", "市教委", "--no-grace", "--format", "json").json()
    )


def test_overdue_and_progress_show_label_it(gongkai: Gongkai, progress: Path) -> None:
    out = gongkai("overdue", "-u", "市教委").expect(1)
    assert (
        "逾期未完成     12   市教委   2021-04-16      加强信息处理费收费管理\n"
        "                             原定            逾期 60 天（无记录）\n"
        "                             2021-02-28\n"
        "                             gongkai 约定†\n"
    ) in out
    assert unwrapped(FOOTNOTE) in unwrapped(out)
    item = next(
        o
        for o in gongkai("overdue", "-u", "市教委", "--format", "json").json(1)["overdue"]
        if o["seq"] == 12
    )
    assert item["pre_issue"] == PRE_ISSUE
    csv = gongkai("overdue", "-u", "市教委", "-f", "csv").expect(1).split("\n")
    assert csv[0].endswith(",evidence,note,due_as_written,due_convention")
    assert next(r for r in csv if r.startswith("overdue,12,")).endswith(
        ",2021-04-16,,,60,,,,,,2021-02-28,gongkai 约定，文件未规定"
    )
    shown = gongkai("progress", "show", "-p", str(progress)).expect()
    assert (
        "  12   市教委   已完成       2021-04-16\n"
        "                2021-03-18   原定\n"
        "                             2021-02-28\n"
        "                             gongkai 约定†\n"
    ) in shown
    assert unwrapped(FOOTNOTE) in unwrapped(shown)
    entry = gongkai("progress", "show", "-p", str(progress), "--format", "json").json()["entries"][
        0
    ]
    assert entry["pre_issue"] == PRE_ISSUE
    csv = gongkai("progress", "show", "-p", str(progress), "-f", "csv").expect()
    assert csv.endswith(",2021-04-16,,,,2021-02-28,gongkai 约定，文件未规定\n")


def test_report_labels_it_in_md_html_xlsx_and_json(
    gongkai: Gongkai, progress: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    args = ("report", "-u", "市教委", "-p", str(progress))
    md = gongkai(*args).expect()
    assert "| 12 | 加强信息处理费收费管理 | 2021-04-16†（原定 2021-02-28） | 市教委 |" in md
    assert f"\n{FOOTNOTE}\n" in md
    html = gongkai(*args, "-f", "html").expect()
    assert '<td class="n" data-label="截止">2021-04-16†（原定 2021-02-28）</td>' in html
    assert f'<p class="note">{FOOTNOTE}</p>' in html
    task = next(t for t in gongkai(*args, "--format", "json").json()["tasks"] if t["seq"] == 12)
    assert task["pre_issue"] == PRE_ISSUE
    path = tmp_path / "report.xlsx"
    gongkai(*args, "-f", "xlsx", "-o", str(path)).expect()
    sheet = load_workbook(path)["各任务"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == 12)
    assert (row[2].value, row[2].number_format) == (
        dt.datetime(2021, 4, 16),
        'yyyy-mm-dd"†（原定 2021-02-28）"',
    )
    assert FOOTNOTE in [r[0].value for r in sheet.iter_rows()]


def test_no_grace_leaves_no_label(gongkai: Gongkai) -> None:
    for args in (
        ("due", "-u", "市教委", "--before", "2021-06-30"),
        ("tasks",),
        ("calendar", "--month", "2021-02"),
        ("owes", "-u", "市教委"),
    ):
        out = gongkai(*args, "--no-grace").expect()
        assert "†" not in out and "gongkai 约定" not in out, args


def test_progress_template_labels_the_day_in_the_sheet(gongkai: Gongkai, tmp_path: Path) -> None:
    """The 报送 sheet a unit receives shows task 12's 截止日期 as due does: the day the grace
    gives, still a date, with the day as written beside it, and a note saying whose rule
    it is; wide enough to read. Task 27's day is plain."""
    from openpyxl import load_workbook

    path = tmp_path / "t.xlsx"
    gongkai("progress", "template", "-u", "市教委", "-o", str(path)).expect()
    sheet = load_workbook(path).active
    assert sheet is not None
    header = [cell.value for cell in sheet[3]]
    column = header.index("截止日期")
    rows = {row[1].value: row[column] for row in sheet.iter_rows(min_row=4)}
    graced, plain = rows[12], rows[27]
    assert (graced.value, graced.number_format) == (
        dt.datetime(2021, 4, 16),
        'yyyy-mm-dd"†（原定 2021-02-28）"',
    )
    assert graced.comment is not None and graced.comment.text == FOOTNOTE
    assert (plain.value, plain.number_format, plain.comment) == (
        dt.datetime(2021, 3, 31),
        "yyyy-mm-dd",
        None,
    )
    assert sheet.column_dimensions[graced.column_letter].width >= 28
    gongkai("progress", "template", "-u", "市教委", "-o", str(path), "--no-grace").expect()
    sheet = load_workbook(path).active
    assert sheet is not None
    cell = next(row[column] for row in sheet.iter_rows(min_row=4) if row[1].value == 12)
    assert (cell.value, cell.number_format, cell.comment) == (
        dt.datetime(2021, 2, 28),
        "yyyy-mm-dd",
        None,
    )
