"""The one 责任单位 reader (plan/assignments.py): every form of issue 17 item 6.

The cells of issue 17's Why read right, labelled lists, brackets inside names, notes,
standing rules, elided prefixes and 等 endings; bad input gives a problem, never a
unit made of punctuation or role words.
"""

from __future__ import annotations

import pytest

from gongkai_cli.model.plan import Role
from gongkai_cli.plan.assignments import column_role, read_responsible

LEAD, RESP, SUPPORT = Role.LEAD, Role.RESPONSIBLE, Role.SUPPORT

CASES = [
    # issue 17, Why: role words that became part of names
    ("市教委分别负责落实", [("市教委", RESP)]),
    ("市发改委牵头落实", [("市发改委", LEAD)]),
    ("法规科统筹，各职能科（室）配合。", [("法规科", LEAD), ("各职能科（室）", SUPPORT)]),
    ("法规科统筹，各职能科（室）落实。", [("法规科", LEAD), ("各职能科（室）", RESP)]),
    ("市税务局、财政局按职能分工落实", [("市税务局", RESP), ("市财政局", RESP)]),
    (
        "（牵头单位：市执法局，责任单位：五城区政府、市政府相关部门）",
        [("市执法局", LEAD), ("五城区政府", RESP), ("市政府相关部门", RESP)],
    ),
    ("各县（市、区）人民政府（管委会）", [("各县（市、区）人民政府（管委会）", RESP)]),
    ("市有关单位（见附件1，下同）", [("市有关单位", RESP)]),
    (
        "市发展改革委、工业和信息化局、商务局",
        [("市发展改革委", RESP), ("市工业和信息化局", RESP), ("市商务局", RESP)],
    ),
    # labelled lists, separated by ；，。
    (
        "牵头单位：市执法局；责任单位：五城区政府；配合单位：市财政局、市审计局。",
        [("市执法局", LEAD), ("五城区政府", RESP), ("市财政局", SUPPORT), ("市审计局", SUPPORT)],
    ),
    ("牵头单位:区府办,配合单位:各部门", [("区府办", LEAD), ("各部门", SUPPORT)]),
    # the other role words
    ("区府办统筹,各部门落实", [("区府办", LEAD), ("各部门", RESP)]),
    ("市发展改革委会同市财政局负责", [("市发展改革委", LEAD), ("市财政局", RESP)]),
    ("区教育局按职责分工负责", [("区教育局", RESP)]),
    ("区司法局协助", [("区司法局", SUPPORT)]),
    ("区民政局参与", [("区民政局", SUPPORT)]),
    # brackets inside names; a role in brackets is the unit's own
    (
        "区建设管理委（区交通委）、区水务局",
        [("区建设管理委（区交通委）", RESP), ("区水务局", RESP)],
    ),
    ("各镇（街）", [("各镇（街）", RESP)]),
    ("市政府办公厅（牵头）、市发展改革委", [("市政府办公厅", LEAD), ("市发展改革委", RESP)]),
    # 各 and a bare level share the rest of the name; so do the offices after 各委
    ("各市、县（市、区）人民政府", [("各市、县（市、区）人民政府", RESP)]),
    ("区政府各委、办、局,各街道办事处", [("区政府各委、办、局", RESP), ("各街道办事处", RESP)]),
    # a short …办 takes its neighbour's prefix too
    (
        "省府办公厅负责，省监察厅、法制办配合",
        [("省府办公厅", RESP), ("省监察厅", SUPPORT), ("省法制办", SUPPORT)],
    ),
    ("各镇（街）参照落实", [("各镇（街）", RESP)]),
    # 及 (以及) joins two units as 、 does; it is no unit's part
    (
        "市級各有關部門及各縣市區政府按職責分工負責",
        [("市級各有關部門", RESP), ("各縣市區政府", RESP)],
    ),
    (
        "市政府办公室及市政务服务数据管理局牵头",
        [("市政府办公室", LEAD), ("市政务服务数据管理局", LEAD)],
    ),
    ("市发改委以及各区政府", [("市发改委", RESP), ("各区政府", RESP)]),
    # 等 endings: the named units, and an open collective
    ("区数据局等相关部门", [("区数据局", RESP), ("相关部门", RESP)]),
    ("市教委、市民政局等部门配合", [("市教委", SUPPORT), ("市民政局", SUPPORT), ("部门", SUPPORT)]),
    # traditional characters: the words are read, the names kept as written
    ("區府辦牽頭，各街鎮配合", [("區府辦", LEAD), ("各街鎮", SUPPORT)]),
    # a unit that is named with the place of a vertical system is not given a prefix
    (
        "市金融办、潍坊银监分局分别牵头落实",
        [("市金融办", LEAD), ("潍坊银监分局", LEAD)],
    ),
    # a name that only starts with a role-like word stays whole
    ("市高等教育学会", [("市高等教育学会", RESP)]),
    ("16项民心工程的市政府牵头部门", [("16项民心工程的市政府牵头部门", RESP)]),
]


@pytest.mark.parametrize(("cell", "expected"), CASES, ids=[cell for cell, _ in CASES])
def test_forms(cell: str, expected: list[tuple[str, Role]]) -> None:
    assert list(read_responsible(cell).pairs) == expected


def test_a_note_after_the_units_is_a_note() -> None:
    reading = read_responsible(
        "市政府办公室、市有关单位（见附件1，下同），各县（市、区）人民政府（管委会）负责"
    )
    assert reading.units == ["市政府办公室", "市有关单位", "各县（市、区）人民政府（管委会）"]
    assert reading.notes == ("见附件1，下同",)
    assert not any("下同" in unit for unit in reading.units)


def test_a_sentence_saying_who_leads_is_a_note_and_is_applied() -> None:
    reading = read_responsible(
        "区政府办、区委网信办，各乡镇、街道、园区管委会、区直各部门。逗号前的为牵头单位。"
    )
    assert list(reading.pairs) == [
        ("区政府办", LEAD),
        ("区委网信办", LEAD),
        ("各乡镇", RESP),
        ("街道", RESP),
        ("园区管委会", RESP),
        ("区直各部门", RESP),
    ]
    assert reading.notes == ("逗号前的为牵头单位。",)
    assert reading.shared_each == {"街道", "园区管委会"}


def test_an_elided_prefix_is_listed_for_a_decision() -> None:
    reading = read_responsible("县财政局、人社局、就业局")
    assert reading.units == ["县财政局", "县人社局", "县就业局"]
    assert reading.expanded == (("人社局", "县人社局"), ("就业局", "县就业局"))


def test_a_unit_that_is_not_a_department_keeps_its_name() -> None:
    # 沿沪宁专项机制办 is an office of its own, not 区沿沪宁专项机制办
    reading = read_responsible("区发改委、沿沪宁专项机制办、区商务委")
    assert reading.units == ["区发改委", "沿沪宁专项机制办", "区商务委"]
    assert reading.expanded == ()


def test_an_open_list_marks_its_collective() -> None:
    reading = read_responsible("区发展改革委、区房管局等公共企事业单位行业主管部门")
    assert reading.units == ["区发展改革委", "区房管局", "公共企事业单位行业主管部门"]
    assert reading.open == {"公共企事业单位行业主管部门"}


def test_a_bare_deng_names_the_units_and_notes_the_list_is_open() -> None:
    reading = read_responsible("市政府办公厅、市大数据中心等")
    assert reading.units == ["市政府办公厅", "市大数据中心"]
    assert reading.notes == ("等：名单未列全",)


def test_a_standing_rule_is_flagged_with_its_units() -> None:
    cell = "本要点各项工作均需各市、县〔市、区〕政府作为责任单位，以下不再列出"
    reading = read_responsible(cell)
    assert reading.standing
    assert list(reading.pairs) == [("各市、县〔市、区〕政府", RESP)]
    assert reading.notes == (cell,)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        (None, RESP),
        ("责任单位", RESP),
        ("牵头单位", LEAD),
        ("牵头落实科室", LEAD),
        ("配合单位", SUPPORT),
        ("局内负责处室", RESP),
    ],
)
def test_a_column_header_gives_the_role_of_a_unit_without_one(
    header: str | None, role: Role
) -> None:
    assert column_role(header) is role
    assert list(read_responsible("产业政策科、办公室", header).pairs) == [
        ("产业政策科", role),
        ("办公室", role),
    ]
    # a role word still wins over the column's
    assert read_responsible("办公室牵头，各科室配合", header).pairs[1] == ("各科室", SUPPORT)


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ("", "the responsible units cell is empty; no unit is read"),
        ("   ", "the responsible units cell is empty; no unit is read"),
        ("牵头、配合", "the responsible units are only role words or punctuation; no unit is read"),
        ("负责落实。", "the responsible units are only role words or punctuation; no unit is read"),
        ("、，；。", "the responsible units are only role words or punctuation; no unit is read"),
        (
            "区" * 10_000,
            "the responsible units are 10000 characters long, over 2000: not like responsible units, not read; check them",
        ),
    ],
    ids=["empty", "blank", "role words", "role word", "punctuation", "10000 characters"],
)
def test_bad_input_gives_a_problem_and_no_unit(cell: str, problem: str) -> None:
    reading = read_responsible(cell)
    assert reading.pairs == ()
    assert reading.problems == (problem,)


def test_punctuation_or_digits_never_make_a_unit() -> None:
    reading = read_responsible("市教委、“”、——、123、市民政局")
    assert reading.units == ["市教委", "市民政局"]
    assert reading.problems == (
        "“——” is not a unit's name (only punctuation or digits); left out",
        "“123” is not a unit's name (only punctuation or digits); left out",
    )


def test_a_long_list_under_the_limit_is_read_whole() -> None:
    cell = "、".join(f"区单位{i}局" for i in range(250))  # 1,889 characters
    assert len(read_responsible(cell).pairs) == 250
