"""`GONGKAI_LANG=en` speaks English in import's review too (issue 20 item 15): each point
on stderr, and its comment in the draft, is the catalog's message; only the source's own
text (a unit's name, a cell, a place) stays Chinese, quoted. Chinese, the default, is
unchanged (tests/test_corpus.py records it)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT, Gongkai


def test_an_annex_imported_in_english_is_reviewed_in_english(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    (tmp_path / "annex.csv").write_bytes((ROOT / "examples" / "annex.csv").read_bytes())
    result = gongkai(
        "import",
        "annex.csv",
        "--out",
        "draft",
        "--number",
        "沪府办〔2021〕21号",
        "--issued",
        "2021-03-17",
        "--title",
        "2021年上海市政务公开工作要点",
    )
    assert result == (
        0,
        "",
        "draft/tasks.yaml:12: to check: document.issuer: the notice names no issuer; "
        "fill it in\n"
        "draft/tasks.yaml:16: to check: document.addressees: the notice names no "
        "addressees; fill them in\n"
        "draft/tasks.yaml:25: to check: document.place: the plan's place is read as "
        "“上海市” (city level, from the title); its units are read at that level\n"
        "draft/tasks.yaml:97: to check: tasks.5.time_node: the time node cell is empty, "
        "a merged cell of the source table; the row above's (row 5) “9月底前” is taken.\n"
        "written draft: tasks 9 (annex-table), units 58; to decide (待决定) 0, "
        "to check (待核对) 4. The draft validates\n",
    )
    review = result.stderr.splitlines()[:-1]
    assert not [
        line for line in review if re.search(r"[\u4e00-\u9fff]", re.sub("“[^”]*”", "", line))
    ]
    # The draft's comments speak the language the import ran in.
    lines = (tmp_path / "draft" / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[10] == "  # 待核对: the notice names no issuer; fill it in"
