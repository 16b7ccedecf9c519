"""The time-node grammar: every spelling seen in real plans, with its expected reading.

The readings are written out by hand here (not computed by the grammar's own
helpers), for a 2021 plan issued on 2021-03-17 unless a case says otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai_cli.model.deadline import month_end
from gongkai_cli.model.plan import Deadline, DeadlineKind, Decision, Document, Milestone
from gongkai_cli.plan.timenodes import (
    TimeNodeError,
    deadlines_in,
    due_after_event,
    parse_time_node,
    read_deadline,
)

D = dt.date
ISSUED = D(2021, 3, 17)
MONTH_ENDS_2021 = tuple(
    D(2021, m, d)
    for m, d in zip(range(1, 13), (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=True)
)


def reading(kind: DeadlineKind, due: dt.date | None, **extra: Any) -> Deadline:
    return Deadline(due=due, kind=kind, **extra)


DATE, WINDOW = DeadlineKind.DATE, DeadlineKind.WINDOW

CASES: list[tuple[str, Deadline]] = [
    # the 2021 plan's own spellings
    ("全年", Deadline(due=D(2021, 12, 31), all_year=True, kind=DeadlineKind.ALL_YEAR)),
    ("6月底前", reading(DATE, D(2021, 6, 30))),
    ("2月底前", reading(DATE, D(2021, 2, 28))),
    ("11月底前", reading(DATE, D(2021, 11, 30))),
    ("8月份", reading(WINDOW, D(2021, 8, 31), window_start=D(2021, 8, 1))),
    ("3月31日前", reading(DATE, D(2021, 3, 31))),
    ("上半年", reading(DATE, D(2021, 6, 30))),
    ("下半年", reading(DATE, D(2021, 12, 31))),
    ("年底前", reading(DATE, D(2021, 12, 31))),
    ("第一季度", reading(DATE, D(2021, 3, 31))),
    ("三季度", reading(DATE, D(2021, 9, 30))),
    # later plans' spellings
    ("6月底", reading(DATE, D(2021, 6, 30))),
    ("年内", reading(DATE, D(2021, 12, 31))),
    ("2022年6月底前", reading(DATE, D(2022, 6, 30))),  # next year, in a 2021 plan
    ("2025年底前", reading(DATE, D(2025, 12, 31))),
    ("2025年12月31日前", reading(DATE, D(2025, 12, 31))),
    ("到2023年底", reading(DATE, D(2023, 12, 31))),
    ("下一年第一季度", reading(DATE, D(2022, 3, 31))),
    ("12月底前完成", reading(DATE, D(2021, 12, 31))),
    ("持续推进", Deadline(kind=DeadlineKind.ONGOING)),
    ("长期坚持", Deadline(kind=DeadlineKind.ONGOING)),
    ("常态化", Deadline(kind=DeadlineKind.ONGOING)),
    ("长期", Deadline(kind=DeadlineKind.ONGOING)),
    (
        "每月",
        reading(DeadlineKind.RECURRING, D(2021, 12, 31), occurrences=MONTH_ENDS_2021),
    ),
    (
        "每月25日前",
        reading(
            DeadlineKind.RECURRING,
            D(2021, 12, 25),
            occurrences=tuple(D(2021, m, 25) for m in range(1, 13)),
        ),
    ),
    (
        "每季度",
        reading(
            DeadlineKind.RECURRING,
            D(2021, 12, 31),
            occurrences=(D(2021, 3, 31), D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)),
        ),
    ),
    (
        "每半年",
        reading(
            DeadlineKind.RECURRING, D(2021, 12, 31), occurrences=(D(2021, 6, 30), D(2021, 12, 31))
        ),
    ),
    (
        "每年4月1日前",
        reading(DeadlineKind.RECURRING, D(2021, 4, 1), occurrences=(D(2021, 4, 1),)),
    ),
    (
        "9月底前启动,12月底前完成",
        reading(
            DeadlineKind.MILESTONES,
            D(2021, 12, 31),
            milestones=(
                Milestone("9月底前启动", D(2021, 9, 30)),
                Milestone("12月底前完成", D(2021, 12, 31)),
            ),
        ),
    ),
    (
        "9月底前启动，2022年6月底前完成",
        reading(
            DeadlineKind.MILESTONES,
            D(2022, 6, 30),
            milestones=(
                Milestone("9月底前启动", D(2021, 9, 30)),
                Milestone("2022年6月底前完成", D(2022, 6, 30)),
            ),
        ),
    ),
    (
        "9月底前启动、12月底前完成",  # stages separated by 、 (issue 18 item 10)
        reading(
            DeadlineKind.MILESTONES,
            D(2021, 12, 31),
            milestones=(
                Milestone("9月底前启动", D(2021, 9, 30)),
                Milestone("12月底前完成", D(2021, 12, 31)),
            ),
        ),
    ),
    ("今年内", reading(DATE, D(2021, 12, 31))),
    ("今年底前", reading(DATE, D(2021, 12, 31))),
    (
        "印发后30日内",
        reading(DeadlineKind.RELATIVE, D(2021, 4, 16), event="印发", offset=30),
    ),
    (
        # no event written: counted from the issue date, a month on (2021-03-17 + 1 month)
        "1个月内",
        reading(DeadlineKind.RELATIVE, D(2021, 4, 17), event="印发", offset=1, months=True),
    ),
    (
        "一个月内",
        reading(DeadlineKind.RELATIVE, D(2021, 4, 17), event="印发", offset=1, months=True),
    ),
    (
        # counted from an event each unit records: undated until then
        "征求活动结束后1个月内",
        reading(DeadlineKind.RELATIVE, None, event="征求活动结束", offset=1, months=True),
    ),
    (
        # counted from an event recorded in progress: not dated by the plan alone
        "决策文件出台后10个工作日",
        reading(DeadlineKind.RELATIVE, None, event="决策文件出台", offset=10, working_days=True),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_reading(text: str, expected: Deadline) -> None:
    assert parse_time_node(text, 2021, ISSUED) == expected


def test_every_spelling_of_the_issue_has_a_case() -> None:
    spellings = {text for text, _ in CASES}
    issue = [
        "持续推进", "长期坚持", "常态化", "2022年6月底前", "2025年底前", "2025年12月31日前",
        "到2023年底", "年内", "6月底", "每月25日前", "每季度", "每半年", "每年4月1日前",
        "下一年第一季度", "9月底前启动,12月底前完成", "印发后30日内", "全年", "6月底前", "8月份",
        "每月",
        # issue 18 item 10
        "今年内", "1个月内", "征求活动结束后1个月内", "9月底前启动、12月底前完成",
    ]  # fmt: skip
    assert set(issue) <= spellings


def test_recurring_occurrences_follow_the_plan_year() -> None:
    # February has 28 days in 2021 and 29 in 2024; 每月31日前 takes a short month's last day.
    every = parse_time_node("每月", 2024)
    assert every.occurrences[1] == D(2024, 2, 29)
    assert parse_time_node("每月31日前", 2021).occurrences[:4] == (
        D(2021, 1, 31),
        D(2021, 2, 28),
        D(2021, 3, 31),
        D(2021, 4, 30),
    )
    assert parse_time_node("每年4月1日前", 2025).occurrences == (D(2025, 4, 1),)


def test_relative_working_days_from_issue_use_the_holiday_calendar() -> None:
    # 2021-03-17 (Wed) + 10 working days = 2021-03-31 (no holiday in between)
    document = _document()
    assert read_deadline("印发后10个工作日内", (), document).due == D(2021, 3, 31)


def _document(year: int = 2021) -> Document:
    return Document(
        number="沪府办〔2021〕21号",
        title="t",
        issuer="i",
        issued=ISSUED,
        year=year,
        addressees="a",
        source="s",
        chapters=(),
        paragraphs=(),
    )


@pytest.mark.parametrize("text", ["六月底前", "秋季", "13月底前", "2月30日前", "尽快", ""])
def test_unreadable(text: str) -> None:
    with pytest.raises(TimeNodeError):
        parse_time_node(text, 2021, ISSUED)


def test_a_decision_reads_an_unreadable_node_and_an_empty_one() -> None:
    decided = (Decision("time_node", "12月底前", "正文写明年底前完成"),)
    document = _document()
    assert read_deadline("尽快", decided, document) == reading(DATE, D(2021, 12, 31))
    assert read_deadline("", decided, document) == reading(DATE, D(2021, 12, 31))
    # a readable node keeps its own reading
    assert read_deadline("6月底前", decided, document) == reading(DATE, D(2021, 6, 30))
    # no node and no decision: unstated (an item without 完成时限)
    assert read_deadline("", (), document) == Deadline(kind=DeadlineKind.UNSTATED)
    with pytest.raises(TimeNodeError):
        read_deadline("尽快", (), document)


def test_the_docs_table_is_what_the_grammar_reads() -> None:
    page = Path(__file__).resolve().parent.parent / "docs" / "data.md"
    section = page.read_text(encoding="utf-8").split("**Time nodes.**", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in section.split("\n") if line.startswith("| ")][1:]
    checked = 0
    for row in rows:
        spellings, kind, due = (cell.strip() for cell in row.strip("|").split("|")[:3])
        if spellings.startswith("("):
            continue  # an items plan's missing 完成时限: no spelling to read
        for text in re.sub(r"\s*\(.*?\)", "", spellings).split(", "):
            read = parse_time_node(text, 2021, ISSUED)
            assert (f"`{read.kind}`", read.due.isoformat() if read.due else "—") == (kind, due)
            checked += 1
    assert checked >= 27


def test_a_month_counted_from_an_event_ends_on_the_same_day_or_the_month_s_last() -> None:
    node = parse_time_node("征求活动结束后1个月内", 2021, ISSUED)
    assert due_after_event(node, D(2021, 1, 31)) == D(2021, 2, 28)
    assert due_after_event(node, D(2021, 5, 20)) == D(2021, 6, 20)
    assert due_after_event(parse_time_node("征求活动结束后2个月内", 2021), D(2021, 12, 31)) == D(
        2022, 2, 28
    )


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.integers(min_value=1, max_value=12),
)
def test_n_months_after_a_day_is_in_the_nth_month_and_never_past_its_end(
    day: dt.date, months: int
) -> None:
    due = due_after_event(parse_time_node(f"活动结束后{months}个月内", 2021), day)
    assert (due.year * 12 + due.month) - (day.year * 12 + day.month) == months
    assert due.day == min(day.day, month_end(due.year, due.month).day)


# Deadlines written inside the sentences of real items (tests/data/item_forms.yaml and
# ../shared/plans), each with what an importer may propose.
IN_SENTENCES = [
    ("开展情况6月底报区政府办公室。", ["6月底"]),
    (
        "属性为主动公开的政府公文应在形成之日起20个工作日内公开，新增非密公文每月25日全量备案"
        "一次。开展情况6月底报区政府办公室。",
        ["形成之日起20个工作日内", "每月25日", "6月底"],
    ),
    ("市、县（市、区）二级政府及其部门必须在今年内全面公开财政预决算信息。", ["今年内"]),
    ("依据国家和省行政许可事项清单，2022年10月底前编制并公布市、县两级行政许可事项清单", ["2022年10月底前"]),
    ("年底前完成全部整改。", ["年底前完成"]),
    ("8月1日前报送工作总结。", ["8月1日前"]),
    ("9月底前启动、12月底前完成评估。", ["9月底前启动、12月底前完成"]),
    ("在征求活动结束后1个月内公开意见采纳情况。", ["征求活动结束后1个月内"]),
    # not deadlines
    ("2024年是新中国成立75周年。", []),
    ("制定公开《金山区与嘉兴市联动发展三年行动计划（2024-2026年）》。", []),
    ("制定发布年度优化营商环境工作方案7.0版。", []),
    ("做好第七届进博会活动资讯。", []),
    ("按月及时公开财政收支执行总体情况。", []),
    ("每月更新村务公开栏。", []),
    ("及时公开数字经济发展、交通建设三年大会战等相关信息。", []),
    ("《条例》2023年10月起施行。", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "found"), IN_SENTENCES, ids=[t[:16] for t, _ in IN_SENTENCES])
def test_deadlines_inside_a_sentence(text: str, found: list[str]) -> None:
    spans = deadlines_in(text)
    assert [text[start:end] for start, end in spans] == found
    for start, end in spans:
        parse_time_node(text[start:end], 2021, ISSUED)  # each reads as a node on its own


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_month_end_is_the_day_before_the_next_month(day: dt.date) -> None:
    """The one month-end helper that 月底, quarter ends, 每月N日 and the month view share."""
    last = month_end(day.year, day.month)
    assert (last.year, last.month) == (day.year, day.month)
    assert (last + dt.timedelta(days=1)).day == 1
