"""One punctuation style in Chinese text (issue 22 item 3): the views write Chinese
sentences with full-width （），；： as the zh_CN catalog does, never an ASCII ( ) , ; :
beside a Chinese character. ASCII stays in what is typed or machine-read (options,
paths, dates, codes, `键: 值` in YAML, json/csv), in English mode, and in verbatim text:
the source's words, an imported plan's cells and recorded decisions are shown as
written.

The rule for colons: a Chinese label before what it introduces takes a full-width ：
with no space after it, wherever it stands (a caption's 进展文件：p.yaml, a title's
任务 6：规范政府公文管理, a line's 认定：…, an ics description's 责任单位：…). A heading
that is not a label keeps no colon at all (状态截至 2021-06-15, 截至 2021-06-15), and
a label after an English word or a code keeps ASCII (received: …, `kind_source: decision`).
Brackets after a Chinese word or around Chinese words are full-width with no space
before them (应办任务（…）, 市教委.xlsx（市教委）); one after a date or number keeps its space
only where a separator (·) stands beside it.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conftest import SOURCE, Gongkai

# A Chinese character with an ASCII bracket, comma or semicolon right beside it, or an
# ASCII colon after it (a label).
MIXED = re.compile(r"[\u3400-\u9fff][(),;:]|[(),;][\u3400-\u9fff]")

PROGRESS = textwrap.dedent(
    """\
    plan: 沪府办〔2021〕21号
    entries:
      - seq: 12
        unit: 市教委
        status: done
        completed: 2021-02-20
      - seq: 16
        unit: 市教委
        status: done
        completed: 2021-06-01
        values: {rate: 55}
      - seq: 27
        unit: 市教委
        status: done
        completed: 2021-07-30
      - seq: 90
        unit: 市教委
        status: in_progress
    """
)

VIEWS = [
    ["due", "--unit", "市教委", "--before", "2021-06-30"],
    ["due", "--unit", "市教委", "--before", "2021-06-30", "--as-of", "2021-08-01"],
    ["due", "--unit", "黄浦区政府", "--after", "2021-01-01"],
    ["owes", "--unit", "市教委"],
    ["owes"],
    ["overdue", "-u", "市教委", "-p", "{progress}", "--as-of", "2021-08-01"],
    ["report", "-f", "md", "-u", "市教委", "-p", "{progress}", "--as-of", "2021-08-01"],
    ["report", "-f", "md", "-p", "{progress}"],
    ["report", "-f", "html", "-u", "市教委", "-p", "{progress}", "--as-of", "2021-08-01"],
    ["progress", "show", "-p", "{progress}"],
    ["calendar", "--unit", "市教委", "--month", "2021-06"],
    ["calendar", "--month", "2021-12"],
    ["show", "12"],
    ["show", "16"],
    ["show", "24"],
    ["tasks", "--grep", "12345"],
    ["units"],
    ["plans"],
    ["holidays", "--year", "2021"],
    ["deadline", "--from", "2021-09-30", "--rule", "consult", "--explain"],
    ["reply-check", "--received", "2021-09-28", "--restart", "2021-10-15", "--rule", "依申请公开"],
]


@pytest.mark.parametrize("args", VIEWS, ids=lambda args: " ".join(args))
def test_chinese_views_write_full_width_punctuation(
    gongkai: Gongkai, chinese: None, tmp_path: Path, args: list[str]
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS, encoding="utf-8")
    run = gongkai(*[a.replace("{progress}", str(progress)) for a in args])
    assert run.exit_code in (0, 1), run.output
    source = SOURCE.read_text(encoding="utf-8")
    mixed = [
        line
        for line in run.output.splitlines()
        for found in MIXED.finditer(line)
        if found.group() not in source  # verbatim text is shown as the source writes it
    ]
    assert mixed == []


def test_units_reads_a_kind_source_whole_at_80_columns(
    gongkai: Gongkai, chinese: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kind read from a unit's name (类型来源 按名称（待核对）) and the kind itself
    (区政府部门) stay on one line of an 80-column table: a district plan's units are
    mostly such readings, and a source split over three lines hid which they are."""
    monkeypatch.setenv("GONGKAI_TODAY", "2025-06-02")
    plan = tmp_path / "putuo"
    received = Path(__file__).resolve().parent / "plans" / "2025-putuo" / "received.txt"
    gongkai("import", str(received), "--out", str(plan)).expect(0)
    guessed = [
        unit["name"]
        for unit in gongkai("units", "--data", str(plan), "-f", "json").json(0)["units"]
        if unit["kind_source"] == "grammar"
    ]
    table = gongkai("units", "--data", str(plan)).expect(0).splitlines()
    assert table[1].split() == ["名称", "全称", "类型", "层级", "类型来源", "别名"]
    rows = [line for line in table if "按名称（待核对）" in line]
    assert guessed and len(rows) == len(guessed)
    assert all("区政府部门" in row or "集合" in row or "办公厅" in row for row in rows)
    assert not [line for line in table if "按名称" in line and "按名称（待核对）" not in line]
    assert not [line for line in table if line.rstrip().endswith(("区政府部", "（待核"))]


def test_lint_writes_its_own_words_full_width(gongkai: Gongkai, chinese: None) -> None:
    """lint's findings are gongkai's sentences around what they quote: the quotes 「…」
    and the body's section numbers 一、(一) stay as the source prints them, the rest
    is written as the views are."""
    source = SOURCE.read_text(encoding="utf-8")
    run = gongkai("lint", env={"COLUMNS": "1000"})  # a finding on one line
    assert run.exit_code == 0, run.output
    own = re.sub(r"「[^」]*」|[一二三四五六七]、\([一二三四五六七八九十]+\)", "", run.stdout)
    mixed = [m.group() for m in MIXED.finditer(own) if m.group() not in source]
    assert mixed == []
