"""A hand-kept progress file in the user's own words: Chinese status values and every date
spelling the command line accepts; `progress set` keeps those spellings (issue 13, item 5)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import Gongkai

HAND_WRITTEN = textwrap.dedent(
    """\
    # 我们的台账
    plan: 沪府办〔2021〕21号
    entries:
      - seq: 2
        unit: 市司法局
        status: 已完成
        completed: 2021年3月30日   # 按发文日期
      - seq: 16
        unit: 市教委
        status: 进行中
        note: 材料收集中
      - seq: 18
        unit: 市大数据中心
        status: 未开始
      - seq: 27
        unit: 长宁区政府
        status: done
        completed: 2021/6/1
      - seq: 99
        unit: 市教委
        status: 已完成
        completed: 20210402
      - seq: 99
        unit: 长宁区政府
        status: 已完成
        completed: "2021-4-6"
    """
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_chinese_status_words_and_every_date_spelling_are_read(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "show", "-p", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    got = [
        (e["seq"], e["unit"], e["status"], e["completed"])
        for e in json.loads(result.stdout)["entries"]
    ]
    assert got == [
        (2, "市司法局", "done", "2021-03-30"),
        (16, "市教委", "in_progress", None),
        (18, "市大数据中心", "not_started", None),
        (27, "长宁区政府", "done", "2021-06-01"),
        (99, "市教委", "done", "2021-04-02"),
        (99, "长宁区政府", "done", "2021-04-06"),
    ]


def test_the_overdue_gate_reads_them_the_same(gongkai: Gongkai, tmp_path: Path) -> None:
    english = HAND_WRITTEN.replace("已完成", "done").replace("进行中", "in_progress")
    english = english.replace("未开始", "not_started").replace("2021年3月30日", "2021-03-30")
    english = english.replace("2021/6/1", "2021-06-01").replace("20210402", "2021-04-02")
    english = english.replace('"2021-4-6"', "2021-04-06")
    chinese = write(tmp_path / "zh.yaml", HAND_WRITTEN)
    plain = write(tmp_path / "en.yaml", english)
    runs = [
        gongkai("overdue", "--as-of", "2021-07-01", "-f", "json", "-p", str(p))
        for p in (chinese, plain)
    ]
    assert runs[0].exit_code == runs[1].exit_code == 1
    assert runs[0].stdout.replace(str(chinese), "P") == runs[1].stdout.replace(str(plain), "P")


@pytest.mark.parametrize(
    ("status", "line"),
    [("完成", "finished"), ("finished", "finished"), ("3", "number")],
)
def test_an_unknown_status_word_lists_the_accepted_ones_in_both_languages(
    gongkai: Gongkai, tmp_path: Path, status: str, line: str
) -> None:
    text = f"entries:\n  - seq: 16\n    unit: 市教委\n    status: {status}\n"
    path = write(tmp_path / "p.yaml", text)
    result = gongkai("progress", "show", "-p", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    shown = repr(status) if line != "number" else status
    assert result.stderr == (
        "Error: invalid data (1 problem):\n"
        f"{path}:4: entries.0.status: unknown status {shown}: "
        "write one of 未开始/not_started, 进行中/in_progress, 已完成/done\n"
    )


def test_bad_dates_are_reported_with_their_lines_alongside_other_problems(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    text = (
        "entries:\n"
        "  - seq: 99\n    unit: 市教委\n    status: 已完成\n    completed: 2021/2/30\n"
        "  - seq: 2\n    unit: 市司法局\n    status: 已完成\n    completed: 上周五\n"
        "  - seq: 16\n    unit: 市教委\n    status: 做完了\n    staus: done\n"
    )
    path = write(tmp_path / "p.yaml", text)
    result = gongkai("progress", "show", "-p", str(path))
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: invalid data (4 problems):\n"
        f"{path}:5: entries.0.completed: invalid date '2021/2/30': day is out of range for month\n"
        f"{path}:9: entries.1.completed: invalid date '上周五': "
        "expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日\n"
        f"{path}:12: entries.2.status: unknown status '做完了': "
        "write one of 未开始/not_started, 进行中/in_progress, 已完成/done\n"
        f"{path}:13: entries.2.staus: unknown field (not in the schema; see 'gongkai schema')\n"
    )


def test_set_keeps_every_other_entry_byte_for_byte(gongkai: Gongkai, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "set", "16", "-u", "市教委", "--status", "已完成", "--on", "2021-06-10", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"updated: task 16, 市教委: done on 2021-06-10 ({path})\n"
    expected = HAND_WRITTEN.replace(
        "    status: 进行中\n    note: 材料收集中\n",
        "    status: 已完成\n    completed: 2021-06-10\n    note: 材料收集中\n",
    )
    assert path.read_text("utf-8") == expected


def test_set_writes_an_implied_status_in_the_entry_s_own_language(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai(
        "progress", "set", "18", "-u", "市大数据中心", "--on", "2021/6/9", "-p", str(path)
    )
    assert result.exit_code == 0, result.stderr
    result = gongkai("progress", "set", "99", "-u", "市教委", "--evidence", "沪教委办〔2021〕3号", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"updated: task 99, 市教委: done on 2021-04-02 ({path})\n"
    expected = HAND_WRITTEN.replace(
        "    status: 未开始\n", "    status: 已完成\n    completed: 2021-06-09\n"
    ).replace(
        "    completed: 20210402\n", "    completed: 20210402\n    evidence: 沪教委办〔2021〕3号\n"
    )
    assert path.read_text("utf-8") == expected


@pytest.mark.parametrize(
    ("word", "written"),
    # A Chinese ledger keeps its words, whichever way the status is typed (issue 22 item 3).
    [("未开始", "未开始"), ("进行中", "进行中"), ("in_progress", "进行中")],
)
def test_set_status_accepts_the_chinese_words(
    gongkai: Gongkai, tmp_path: Path, word: str, written: str
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "set", "2", "-u", "市司法局", "--status", word, "-p", str(path))
    assert result.exit_code == 0, result.stderr
    text = path.read_text("utf-8")
    assert text.startswith(
        "# 我们的台账\nplan: 沪府办〔2021〕21号\nentries:\n"
        f"  - seq: 2\n    unit: 市司法局\n    status: {written}\n  - seq: 16\n"
    )


def test_set_refuses_an_unknown_status_word(gongkai: Gongkai, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "set", "2", "-u", "市司法局", "--status", "完成", "-p", str(path))
    assert result.exit_code == 2
    assert "'完成' is not one of" in result.stderr
    assert path.read_text("utf-8") == HAND_WRITTEN


def test_the_schema_says_so(gongkai: Gongkai) -> None:
    result = gongkai("schema", "progress")
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)["$defs"]
    assert schema["ProgressStatus"]["enum"] == [
        "not_started", "in_progress", "done", "未开始", "进行中", "已完成",
    ]  # fmt: skip
    assert schema["Entry"]["properties"]["completed"]["anyOf"] == [
        {"format": "date", "type": "string"},
        {
            "description": "2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
            "type": ["string", "integer"],
        },
        {"type": "null"},
    ]


def test_the_unknown_status_message_in_chinese(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_LANG", "zh")
    path = write(tmp_path / "p.yaml", "entries:\n  - seq: 16\n    unit: 市教委\n    status: 完成\n")
    result = gongkai("progress", "show", "-p", str(path))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[1] == (
        f"{path}:4: entries.0.status: 未知的状态 '完成'：请写 "
        "未开始/not_started, 进行中/in_progress, 已完成/done 之一"
    )
