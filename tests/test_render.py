"""Plain-text layout of Chinese: display widths and line breaking (禁则)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai_cli.render.text import NO_END, NO_START, width, wrap

# Text drawn from the characters the plan is written in: Chinese, its punctuation
# (full-width and ASCII, both of which the source uses), digits and Latin letters.
PLAN_TEXT = st.text(
    alphabet=st.sampled_from(
        list("政务公开工作要点市区政府部门网站信息")
        + list("，。、；：（）《》“”,.()%")
        + list("0123456789VRAP ")
    ),
    max_size=120,
)


@pytest.mark.parametrize(
    ("text", "cells"),
    # East Asian "ambiguous" marks (“ ” ·) take one cell, as in terminals outside a CJK locale.
    [("政务", 4), ("ab", 2), ("（一）", 6), ("“12345”", 7), ("", 0), ("é", 1)],
)
def test_width_counts_chinese_as_two_cells(text: str, cells: int) -> None:
    assert width(text) == cells


def test_wrap_keeps_closing_marks_off_the_start_of_a_line() -> None:
    text = "【加强信息处理费收费管理】在本单位政府信息公开指南中载明收费要求和标准,加强收费管理。"
    assert wrap(text, 28) == [
        "【加强信息处理费收费管理】在",
        "本单位政府信息公开指南中载明",
        "收费要求和标准,加强收费管",
        "理。",
    ]


def test_wrap_keeps_numbers_whole_and_opening_quotes_with_their_text() -> None:
    assert wrap("推动网站知识库与“12345”政务服务总客服知识库的共建、共用、共享。", 20) == [
        "推动网站知识库与",
        "“12345”政务服务总客",
        "服知识库的共建、共",
        "用、共享。",
    ]


@given(text=PLAN_TEXT, cells=st.integers(min_value=6, max_value=60))
def test_wrap_loses_no_character_and_respects_the_width(text: str, cells: int) -> None:
    lines = wrap(text, cells)
    # Only the spaces where a line breaks may go; every other character stays, in order.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(width(line) <= cells for line in lines)


# At 16 cells or more, moving a mark with its neighbour always fits the next line. Narrower,
# a run such as “0000、 can be wider than the line: then the width wins over the rule.
@given(text=PLAN_TEXT, cells=st.integers(min_value=16, max_value=60))
def test_wrap_applies_the_line_breaking_rules(text: str, cells: int) -> None:
    lines = wrap(text, cells)
    for before, after in itertools.pairwise(lines):
        # A line may break the rule only when it holds one unbreakable piece (a single
        # character, or a run of ASCII letters and digits): there is nothing to push down.
        if after and not re.fullmatch(r".|[A-Za-z0-9_.%/+-]+", before.rstrip()):
            assert after[0] not in NO_START, (before, after)
            assert before.rstrip()[-1] not in NO_END, (before, after)


def test_wrap_keeps_explicit_line_breaks() -> None:
    assert wrap("负责\n经 市政府各部门", 40) == ["负责", "经 市政府各部门"]


def test_wrap_leaves_no_trailing_space_where_an_opening_mark_moves_down() -> None:
    assert wrap("kept in a holidays file (--holidays FILE)", 24) == [
        "kept in a holidays file",
        "(--holidays FILE)",
    ]
