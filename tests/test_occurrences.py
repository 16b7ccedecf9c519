"""Progress per occurrence of a recurring task (每月, 每季度): each occurrence is a duty of its
own, done or open, with its own due day (issue 9, missing piece 2).

tests/plans/items-2025: item 11 (每季度) is 区政府办公室's, due 03-31, 06-30, 09-30 and 12-31;
item 4 (每月25日前) is owed by 各街道镇, and its January and February occurrences fall before
the plan's issue date (2025-03-10), so they are due on it (印发前已到期).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai

ITEMS = Path(__file__).resolve().parent / "plans" / "items-2025"
OFFICE = "区政府办公室"


@pytest.fixture(autouse=True)
def _in_2025(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-07-20")


def progress(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text("plan: 示区府办〔2025〕3号\nentries:\n" + textwrap.dedent(entries), "utf-8")
    return path


def quarterly(gongkai: Gongkai, path: Path) -> list[tuple[Any, ...]]:
    result = gongkai("due", "-u", OFFICE, "-f", "json", "-p", str(path), "--data", ITEMS)
    assert result.exit_code == 0, result.stderr
    return [
        (t["occurrence"], t["due"], t["status"], t["progress"], t["completed"])
        for t in json.loads(result.stdout)["tasks"]
        if t["seq"] == 11
    ]


def test_set_occurrence_records_one_occurrence(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", "11", "-u", OFFICE, "--occurrence", "2025年3月31日", "--on", "2025-03-28", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"added: task 11 (occurrence 2025-03-31), {OFFICE}: done on 2025-03-28 ({path})\n"
    )
    result = gongkai("progress", "set", "--create", "11", "-u", OFFICE, "--occurrence", "2025-06-30", "--status", "进行中", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    result = gongkai("progress", "set", "--create", "11", "-u", OFFICE, "--occurrence", "20250331", "--evidence", "https://example.gov.cn/q1", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.stderr == (
        f"updated: task 11 (occurrence 2025-03-31), {OFFICE}: done on 2025-03-28 ({path})\n"
    )
    assert path.read_text("utf-8").endswith(
        "entries:\n"
        "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 2025-03-31\n    status: done\n"
        "    completed: 2025-03-28\n    evidence: https://example.gov.cn/q1\n"
        # 进行中 typed, in_progress written: the file's statuses are codes (issue 22 item 3)
        "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 2025-06-30\n    status: in_progress\n"
    )
    assert quarterly(gongkai, path) == [
        ("2025-03-31", "2025-03-31", "done", "done", "2025-03-28"),
        ("2025-06-30", "2025-06-30", "overdue", "in_progress", None),
        ("2025-09-30", "2025-09-30", "due", None, None),
        ("2025-12-31", "2025-12-31", "due", None, None),
    ]
    table = gongkai("due", "-u", OFFICE, "-p", str(path), "--data", ITEMS).stdout
    assert (
        "共 5 项：牵头 0，负责 5，配合 0 · 逾期 1 · 可能适用 0 · 无明确时限 2（另列） ·\n已完成 1\n"
    ) in table


def test_each_occurrence_is_a_duty_of_its_own_in_overdue_and_report(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = progress(
        tmp_path,
        """\
        - seq: 11
          unit: 区政府办公室
          occurrence: 2025-03-31
          status: 已完成
          completed: 2025-04-02
        """,
    )
    gate = gongkai("overdue", "-u", OFFICE, "-f", "json", "-p", str(path), "--data", ITEMS)
    assert gate.exit_code == 1
    found = json.loads(gate.stdout)
    assert [(o["seq"], o["occurrence"], o["due"]) for o in found["overdue"]] == [
        (11, "2025-06-30", "2025-06-30")
    ]
    assert [(o["seq"], o["occurrence"], o["days_late"]) for o in found["done_late"]] == [
        (11, "2025-03-31", 2)
    ]
    report = json.loads(
        gongkai("report", "-u", OFFICE, "-f", "json", "-p", str(path), "--data", ITEMS).stdout
    )
    [row] = [t for t in report["tasks"] if t["seq"] == 11]
    counts = {k: row[k] for k in ("owed", "done_on_time", "done_late", "overdue", "open")}
    assert counts == {"owed": 4, "done_on_time": 0, "done_late": 1, "overdue": 1, "open": 2}


def test_an_entry_without_occurrence_stands_for_those_begun_by_its_completion(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # Done on 2025-05-10 with no occurrence named: the second quarter's (due 06-30) and
    # every earlier one are done that day; the first quarter's was then 40 days late.
    path = progress(
        tmp_path,
        """\
        - seq: 11
          unit: 区政府办公室
          status: done
          completed: 2025-05-10
        """,
    )
    assert quarterly(gongkai, path) == [
        ("2025-03-31", "2025-03-31", "done", "done", "2025-05-10"),
        ("2025-06-30", "2025-06-30", "done", "done", "2025-05-10"),
        ("2025-09-30", "2025-09-30", "due", None, None),
        ("2025-12-31", "2025-12-31", "due", None, None),
    ]
    gate = json.loads(
        gongkai("overdue", "-u", OFFICE, "-f", "json", "-p", str(path), "--data", ITEMS).stdout
    )
    assert [(o["occurrence"], o["days_late"]) for o in gate["done_late"]] == [("2025-03-31", 40)]
    # An occurrence's own entry wins over the task's.
    path = progress(
        tmp_path,
        """\
        - seq: 11
          unit: 区政府办公室
          status: done
          completed: 2025-05-10
        - seq: 11
          unit: 区政府办公室
          occurrence: 2025-03-31
          status: done
          completed: 2025-03-30
        """,
    )
    assert quarterly(gongkai, path)[0] == ("2025-03-31", "2025-03-31", "done", "done", "2025-03-30")
    # Not done: its status is every occurrence's.
    path = progress(
        tmp_path,
        """\
        - seq: 11
          unit: 区政府办公室
          status: 进行中
        """,
    )
    assert [row[3] for row in quarterly(gongkai, path)] == ["in_progress"] * 4


def test_an_occurrence_before_the_issue_date_is_named_by_its_own_day(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    path = progress(
        tmp_path,
        """\
        - seq: 4
          unit: 东湖街道
          occurrence: 2025-01-25
          status: done
          completed: 2025-03-05
        """,
    )
    result = gongkai("due", "-u", "东湖街道办事处", "-f", "json", "-p", str(path), "--data", ITEMS)
    four = [t for t in json.loads(result.stdout)["tasks"] if t["seq"] == 4]
    assert [(t["occurrence"], t["due"], t["status"]) for t in four[:3]] == [
        ("2025-01-25", "2025-03-10", "done"),
        ("2025-02-25", "2025-03-10", "overdue"),
        ("2025-03-25", "2025-03-25", "overdue"),
    ]
    table = gongkai("due", "-u", "东湖街道办事处", "-p", str(path), "--data", ITEMS).stdout
    assert "gongkai 约定†" in table and "本次 2025-01-25" in table and "本次 2025-02-25" in table
    shown = json.loads(
        gongkai("progress", "show", "-f", "json", "-p", str(path), "--data", ITEMS).stdout
    )
    [entry] = shown["entries"]
    assert (entry["occurrence"], entry["due"]) == ("2025-01-25", "2025-03-10")


@pytest.mark.parametrize(
    ("entries", "problems"),
    [
        (
            "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 2025-06-15\n    status: 未开始\n",
            ["5: entries.0.occurrence: task 11 (每季度) has no occurrence on 2025-06-15: "
             "its occurrences are 2025-03-31, 2025-06-30, 2025-09-30, 2025-12-31"],
        ),
        (
            "  - seq: 9\n    unit: 区政府办公室\n    occurrence: 2026-03-31\n    status: 未开始\n",
            ["5: entries.0.occurrence: task 9 (下一年第一季度) is not recurring: "
             "it has no occurrences to name"],
        ),
        (
            "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 第二季度\n    status: 未开始\n",
            ["5: entries.0.occurrence: invalid date '第二季度': "
             "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日"],
        ),
        (
            "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 2025-06-30\n    status: 未开始\n"
            "  - seq: 11\n    unit: 区政府办公室\n    occurrence: 2025年6月30日\n    status: 进行中\n",
            ["7: entries.1: a second entry for task 11 and 区政府办公室 (occurrence 2025-06-30) "
             "(the first is on line 3): keep one"],
        ),
    ],
    ids=["not-an-occurrence", "not-recurring", "bad-date", "twice"],
)  # fmt: skip
def test_a_bad_occurrence_in_the_file_exits_3(
    gongkai: Gongkai, tmp_path: Path, entries: str, problems: list[str]
) -> None:
    path = progress(tmp_path, entries)
    result = gongkai("due", "-u", OFFICE, "-p", str(path), "--data", ITEMS)
    assert result.exit_code == 3
    noun = "problem" if len(problems) == 1 else "problems"
    assert result.stderr == (
        f"Error: invalid data ({len(problems)} {noun}):\n"
        + "".join(f"{path}:{line}\n" for line in problems)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["11", "-u", OFFICE, "--occurrence", "2025-06-15"],
            "--occurrence: task 11 (每季度) has no occurrence on 2025-06-15: "
            "its occurrences are 2025-03-31, 2025-06-30, 2025-09-30, 2025-12-31",
        ),
        (
            ["9", "-u", OFFICE, "--occurrence", "2026-03-31", "--status", "in_progress"],
            "--occurrence: task 9 (下一年第一季度) is not recurring: it has no occurrences to name",
        ),
        (
            ["11", "-u", OFFICE, "--occurrence", "Q2"],
            "invalid date 'Q2' for --occurrence: "
            "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
        ),
    ],
    ids=["not-an-occurrence", "not-recurring", "bad-date"],
)
def test_set_refuses_a_bad_occurrence_with_exit_2(
    gongkai: Gongkai, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", *args, "-p", str(path), "--data", ITEMS)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert not path.exists()


def test_progress_show_says_which_occurrence_each_entry_is(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Item 4's January and February occurrences are both due on the issue date (印发前已到期):
    # without its day an entry of one could not be told from the other's.
    monkeypatch.chdir(tmp_path)  # a short path: the title line does not wrap at 80 columns
    path = progress(
        tmp_path,
        """\
        - seq: 4
          unit: 东湖街道办事处
          occurrence: 2025-01-25
          status: 已完成
          completed: 2025-03-05
        - seq: 4
          unit: 东湖街道办事处
          occurrence: 2025-02-25
          status: 进行中
        """,
    )
    result = gongkai("progress", "show", "-p", path.name, "--data", ITEMS)
    assert (result.exit_code, result.stdout) == (
        0,
        "进展记录（p.yaml）\n"
        "序号   单位             状态         截止            依据 / 备注 / 指标值\n"
        "─────────────────────────────────────────────────────────────────────────\n"
        "   4   东湖街道办事处   已完成       2025-03-10      本次 2025-01-25\n"
        "                        2025-03-05   原定\n"
        "                                     2025-01-25\n"
        "                                     gongkai 约定†\n"
        "   4   东湖街道办事处   进行中       2025-03-10      本次 2025-02-25\n"
        "                                     原定\n"
        "                                     2025-02-25\n"
        "                                     gongkai 约定†\n"
        "共 2 条\n"
        "† gongkai 约定，文件未规定：完成时限早于印发日期 2025-03-10（印发前已到期），截\n"
        "止日按印发日计；--no-grace 则按原定日期计\n",
    )


def test_set_says_what_it_recorded_in_chinese(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_LANG", "zh")
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", "11", "-u", OFFICE, "--occurrence", "2025-06-30", "--on", "2025-06-27", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"已添加：任务 11（2025-06-30 这一次），区政府办公室：已完成，2025-06-27（{path}）\n"
    )
    result = gongkai("progress", "set", "--create", "5", "-u", "区司法局", "--event", "2025-07-04", "-p", str(path), "--data", ITEMS)  # fmt: skip
    assert result.stderr == (
        f"已添加：任务 5，区司法局：未开始；决策文件出台 2025-07-04，截止 2025-07-18（{path}）\n"
    )
    table = gongkai("progress", "show", "-p", str(path), "--data", ITEMS).stdout
    assert "  11   区政府办公室   已完成       2025-06-30   本次 2025-06-30\n" in table


def test_csv_rows_of_occurrences_say_which_occurrence_they_are(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # Item 4's January and February occurrences are both due on the issue date: without an
    # occurrence column their csv rows would be the same line twice.
    path = progress(
        tmp_path,
        """\
        - seq: 4
          unit: 东湖街道办事处
          occurrence: 2025-02-25
          status: 进行中
        """,
    )
    for args in (["due", "-u", "东湖街道办事处"], ["overdue", "-u", "东湖街道办事处"]):
        result = gongkai(*args, "-f", "csv", "-p", str(path), "--data", ITEMS)
        header, *rows = result.stdout.splitlines()
        assert header.split(",")[-1] == "occurrence"
        fours = [row for row in rows if ",4," in f",{row}"]
        assert [row.split(",")[-1] for row in fours[:2]] == ["2025-01-25", "2025-02-25"]
    result = gongkai("progress", "show", "-f", "csv", "-p", str(path), "--data", ITEMS)
    assert result.stdout.splitlines()[0].endswith(",occurrence")
    assert result.stdout.splitlines()[1].endswith(",2025-02-25")


def test_markdown_rows_of_occurrences_say_which_occurrence_they_are(gongkai: Gongkai) -> None:
    # As the table on screen says 本次 under 截止; the 截止 cell stays a date (xlsx).
    out = gongkai("due", "-u", "东湖街道办事处", "-f", "md", "--data", ITEMS).stdout
    assert (
        "| 4 | 每月更新村（居）务公开栏。 | 负责 经 各街道镇 | 每月25日前（本次 2025-01-25） | 2025-03-10†（原定 2025-01-25） | 逾期 132 天 |\n"
        "| 4 | 每月更新村（居）务公开栏。 | 负责 经 各街道镇 | 每月25日前（本次 2025-02-25） | 2025-03-10†（原定 2025-02-25） | 逾期 132 天 |\n"
    ) in out


def test_the_gate_s_rows_of_occurrences_say_which_occurrence_they_are(gongkai: Gongkai) -> None:
    out = gongkai("overdue", "-u", "东湖街道办事处", "--data", ITEMS).stdout
    assert out.splitlines()[3:11] == [
        "逾期未完成      4   东湖街道办事处   2025-03-10      每月更新村（居）务公开栏。",
        "                                     原定            逾期 132 天（无记录）",
        "                                     2025-01-25      本次 2025-01-25",
        "                                     gongkai 约定†",
        "逾期未完成      4   东湖街道办事处   2025-03-10      每月更新村（居）务公开栏。",
        "                                     原定            逾期 132 天（无记录）",
        "                                     2025-02-25      本次 2025-02-25",
        "                                     gongkai 约定†",
    ]
