"""Columns defined once per section, worded by the plan's layout.

An annex table (任务分解表) and an items plan (工作条目) show the same sections: what
differs is their words (任务名称 / 任务内容 or 条目内容, 时间节点 or 完成时限) and the
name column, which an item seldom has. So a section's columns are written once, their
headers naming the layout's terms, and `columns(section, layout)` gives the columns a
plan of that layout shows. The words a header may name:

- `{name}`, `{content}`, `{time_node}`: the layout's own (model.plan.Terms);
- `{task}`: what a task is called in a table of tasks: 任务名称 / 任务内容, or 条目内容;
- `{named}`: the column that names a task by a few words: 任务名称, or 条目内容 (an item
  is read by its opening words).

A column `only` for one layout is left out of the other's (the annex's name column).
"""

# No `from __future__ import annotations`: typing.NamedTuple would compile each string
# annotation when Spec is made, on every run of `due`.

from collections.abc import Sequence
from typing import NamedTuple

from gongkai_cli.model.plan import Layout
from gongkai_cli.render.table import Column


class Spec(NamedTuple):
    """One column of a section: its header (which may name the layout's terms), its key
    and its layout (see `table.Column`), and the one layout it is for, if only one."""

    header: str
    key: str
    ratio: int | None = None
    justify: str = "left"
    day: bool = False
    only: Layout | None = None
    atoms: bool = False  # names (units): never broken across lines


def words(layout: Layout) -> dict[str, str]:
    """The words a header may name, in `layout`'s terms."""
    terms = layout.terms
    annex = layout is Layout.ANNEX_TABLE
    return {
        "name": terms.name,
        "content": terms.content,
        "time_node": terms.time_node,
        "task": f"{terms.name} / {terms.content}" if annex else terms.content,
        "named": terms.name if annex else terms.content,
    }


def columns(section: Sequence[Spec], layout: Layout) -> tuple[Column, ...]:
    """The columns a plan of `layout` shows for `section`, headed in its words."""
    said = words(layout)
    return tuple(
        Column(spec.header.format(**said), spec.key, spec.ratio, spec.justify, spec.day, spec.atoms)
        for spec in section
        if spec.only is None or spec.only is layout
    )


RIGHT = "right"
ANNEX = Layout.ANNEX_TABLE
ITEMS = Layout.ITEMS

# due: what a unit owes (the screen, and Markdown pasted into reports, where name and
# content stand apart and the time node is as written).
DUE = (
    Spec("序号", "seq", justify=RIGHT),
    Spec("{task}", "task", ratio=1),
    Spec("角色", "role_zh", atoms=True),
    Spec("截止", "deadline"),
    Spec("状态", "status_zh"),
)
DUE_MAY_APPLY = (
    Spec("序号", "seq", justify=RIGHT),
    Spec("{task}", "task", ratio=1),
    Spec("集合", "via", atoms=True),
    Spec("截止", "deadline"),
)
DUE_MD = (
    Spec("序号", "seq", justify=RIGHT),
    Spec("{name}", "name", only=ANNEX),
    Spec("{content}", "content"),
    Spec("角色", "role_zh", atoms=True),
    Spec("{time_node}", "time_node"),
    Spec("截止", "due", day=True),
    Spec("状态", "status_zh"),
)

# tasks: the plan's tasks (an annex table by name, --long with its content; items by text).
TASKS = (
    Spec("序号", "seq", justify=RIGHT),
    Spec("{name}", "name", ratio=2, only=ANNEX),
    Spec("{content}", "content", ratio=3, only=ITEMS),
    Spec("责任单位", "responsible", ratio=3, atoms=True),
    Spec("{time_node}", "time"),
    Spec("截止", "due", only=ANNEX),
    Spec("截止", "due_text", only=ITEMS),
)
TASKS_LONG = (
    Spec("序号", "seq", justify=RIGHT),
    Spec("{task}", "task", ratio=4),
    Spec("责任单位", "responsible", ratio=2, atoms=True),
    Spec("{time_node}", "time"),
    Spec("截止", "due_text"),
)

# overdue: the gate's findings.
FINDINGS = (
    Spec("类别", "kind_zh"),
    Spec("序号", "seq", justify=RIGHT),
    Spec("单位", "unit", atoms=True),
    Spec("截止", "due", day=True),
    Spec("{named} / 情况", "detail", ratio=1),
)

# report: its tables of tasks, of tasks with no due day, of targets and of evidence.
REPORT_TASKS = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("截止", "due", day=True),
    Spec("已完成单位", "delivered"),
    Spec("已完成", "done", justify=RIGHT),
    Spec("逾期未完成", "overdue", justify=RIGHT),
    Spec("逾期单位", "overdue_units"),
)
# The report's tasks in a workbook: 已完成 and 应办 two numbers, where Markdown writes 1/55.
REPORT_TASKS_SHEET = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("截止", "due", day=True),
    Spec("已完成单位", "delivered"),
    Spec("已完成", "done_count", justify=RIGHT),
    Spec("应办", "owed", justify=RIGHT),
    Spec("逾期未完成", "overdue", justify=RIGHT),
    Spec("逾期单位", "overdue_units"),
)
REPORT_UNDATED = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("{time_node}", "time_node"),
    Spec("已完成", "done", justify=RIGHT),
    Spec("已完成单位", "delivered"),
    Spec("进行中", "in_progress"),
    Spec("未开始或无记录", "waiting"),
)
REPORT_UNDATED_SHEET = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("{time_node}", "time_node"),
    Spec("已完成", "done_count", justify=RIGHT),
    Spec("应办", "owed", justify=RIGHT),
    Spec("已完成单位", "delivered"),
    Spec("进行中", "in_progress"),
    Spec("未开始或无记录", "waiting"),
)
REPORT_TARGETS = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("单位", "unit", atoms=True),
    Spec("指标", "metric"),
    Spec("要求", "required"),
    Spec("填报值", "value"),
    Spec("结论", "state"),
)
REPORT_ENTRIES = (
    Spec("序号", "seq"),
    Spec("{named}", "name"),
    Spec("单位", "unit", atoms=True),
    Spec("情况", "standing"),
    Spec("完成日期", "completed", day=True),
    Spec("佐证", "evidence"),
    Spec("备注", "note"),
)
