"""One punctuation style in import's own Chinese (issue 22 item 3): every review point
`gongkai import` prints and every comment it writes into a draft is a Chinese sentence
with full-width （），；：, over every real plan the tests hold. What it quotes from the
source (“…”), the source's own spellings and a YAML mapping to copy ({field: …}) are
written as they are; so is the review line's place (`FILE:LINE: 待核对: field: `) and
the draft comment's mark (`# 待核对: `), keywords as in English.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SOURCE, Gongkai

PLANS = Path(__file__).resolve().parent / "plans"
SOURCES = sorted(
    path
    for path in PLANS.rglob("*.txt")
    if "source" in path.parts or "received" in path.parts or path.stem.startswith("received")
)

MIXED = re.compile(r"[\u3400-\u9fff][(),;:]|[(),;][\u3400-\u9fff]")
PLACE = re.compile(r"^\S+:\d+: (?:待决定|待核对): \S+: ")
MARK = re.compile(r"^# (?:待决定|待核对): |[；;] ?(?:待决定|待核对): ")
VERBATIM = re.compile(r"“[^”]*”|\{field: [^{}]*\}")


def _own_words(line: str) -> str:
    """A review line or comment without its place, its marks and what it quotes."""
    return VERBATIM.sub("", MARK.sub("；", PLACE.sub("", line)))


def test_there_are_plans_to_read() -> None:
    assert len(SOURCES) >= 20


@pytest.mark.parametrize(
    "source", [SOURCE, *SOURCES], ids=lambda path: f"{path.parent.name}/{path.name}"
)
def test_import_says_its_own_chinese_in_full_width(
    gongkai: Gongkai, chinese: None, tmp_path: Path, source: Path
) -> None:
    out = tmp_path / "draft"
    run = gongkai("import", str(source), "--out", str(out))
    assert run.exit_code in (0, 2, 3), run.stderr  # 2: not a plan gongkai reads, said why
    comments = [
        line.strip()
        for written in sorted(out.glob("*.yaml"))
        for line in written.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith(("# 待决定", "# 待核对"))
    ]
    assert comments or run.exit_code != 3
    text = source.read_text(encoding="utf-8")
    mixed = [
        (found.group(), line)
        for line in [*run.stderr.splitlines(), *comments]
        for found in MIXED.finditer(_own_words(line))
        if found.group() not in text  # the source's own spelling, shown as written
    ]
    assert mixed == []


def test_the_check_can_fail() -> None:
    line = "o/tasks.yaml:25: 待核对: document.year: 标题未写年度,按文号“某府办〔2022〕8号”的年份"
    assert [m.group() for m in MIXED.finditer(_own_words(line))] == ["度,"]
    assert not MIXED.search(_own_words("# 待核对: 甲；待决定: 乙（“丙,丁”）"))
