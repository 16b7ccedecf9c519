"""`progress.edit.edit_entries`: several changes to the progress file under one lock and
one atomic write, decided against what the file holds at that moment (`progress import`)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from gongkai_cli.plan.load import load_plan
from gongkai_cli.progress.edit import Change, edit_entries
from gongkai_cli.progress.file import Progress, ProgressStatus

LEDGER = textwrap.dedent(
    """\
    # kept by hand
    plan: 沪府办〔2021〕21号
    entries:
      - seq: 16
        unit: 市教委
        status: 进行中   # 六月底前定稿
        note: "材料收集中"
        values:
          rate: 40
      - seq: 99
        unit: 市教委
        status: done
        completed: 2021/4/2
    """
)


def test_the_changes_are_decided_on_the_file_as_it_is_and_written_once(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    seen: list[Progress] = []

    def decide(current: Progress) -> list[Change]:
        seen.append(current)
        return [
            Change(16, "市教委", ProgressStatus.DONE, chinese=None, completed=dt.date(2021, 6, 10),
                   note="", values=(("rate", None),)),
            Change(27, "市教委", ProgressStatus.IN_PROGRESS, chinese=None, evidence="沪教委〔2021〕9号"),
        ]  # fmt: skip

    before, after = edit_entries(path, load_plan(), decide)
    assert before is seen[0]
    assert sorted(before.entries) == [(16, "市教委", None), (99, "市教委", None)]
    # The status word keeps the entry's language (None), an unchanged field its spelling,
    # a removed value its map, and a new entry goes in 序号 order.
    assert path.read_text(encoding="utf-8") == textwrap.dedent(
        """\
        # kept by hand
        plan: 沪府办〔2021〕21号
        entries:
          - seq: 16
            unit: 市教委
            status: 已完成   # 六月底前定稿
            completed: 2021-06-10
          - seq: 27
            unit: 市教委
            status: in_progress
            evidence: 沪教委〔2021〕9号
          - seq: 99
            unit: 市教委
            status: done
            completed: 2021/4/2
        """
    )
    assert after.entry(16, "市教委") is not None
    assert after.entry(16, "市教委").values == {}  # type: ignore[union-attr]


def test_nothing_to_change_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    same = Change(16, "市教委", ProgressStatus.IN_PROGRESS, chinese=None, note="材料收集中",
                  values=(("rate", 40.0),))  # fmt: skip
    before, after = edit_entries(path, load_plan(), lambda current: [same])
    assert before.entries == after.entries
    assert path.read_text(encoding="utf-8") == LEDGER
    assert path.stat().st_mtime_ns == stamp


def test_a_dry_run_writes_nothing_and_says_what_would_be(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    change = Change(27, "市教委", ProgressStatus.IN_PROGRESS)
    _before, after = edit_entries(path, load_plan(), lambda current: [change], write=False)
    assert (27, "市教委", None) in after.entries
    assert path.read_text(encoding="utf-8") == LEDGER


def test_a_missing_file_is_made_even_with_nothing_to_record(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    before, after = edit_entries(path, load_plan(), lambda current: [])
    assert before.entries == after.entries == {}
    assert path.read_text(encoding="utf-8").endswith("plan: 沪府办〔2021〕21号\nentries: []\n")


def test_a_change_the_file_would_not_load_with_writes_nothing(tmp_path: Path) -> None:
    from gongkai_cli.errors import InvalidDataError

    path = tmp_path / "p.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    wrong = Change(16, "市教委", ProgressStatus.IN_PROGRESS, values=(("nope", 1.0),))
    with pytest.raises(InvalidDataError):
        edit_entries(path, load_plan(), lambda current: [wrong])
    assert path.read_text(encoding="utf-8") == LEDGER
