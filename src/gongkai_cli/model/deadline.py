"""The reading of a 时间节点: a deadline with a kind, its due day, occurrences and stages.

The grammar that produces these is `plan/timenodes.py`; docs/data.md has a table
of every spelling and its reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongkai_cli.model.record import Record

STRICT: Any = {"extra": "forbid", "use_attribute_docstrings": True}


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month: 6月底 of 2021 is 2021-06-30."""
    import calendar  # here, not at the top: the headline command never needs it

    return dt.date(year, month, calendar.monthrange(year, month)[1])


class DeadlineKind(StrEnum):
    """What sort of deadline a 时间节点 sets."""

    DATE = "date"  # one due day: 6月底前, 2025年12月31日前, 年内
    WINDOW = "window"  # a span, due at its end: 8月份
    ALL_YEAR = "all-year"  # 全年: a duty through the year, due at year end
    ONGOING = "ongoing"  # 持续推进, 长期坚持, 常态化, 长期: no due day, never overdue
    RECURRING = "recurring"  # 每月, 每季度, 每年4月1日前: every occurrence is a due day
    MILESTONES = "milestones"  # 9月底前启动,12月底前完成: each stage has a day, the last is due
    RELATIVE = "relative"  # 印发后30日内, 1个月内, 决策文件出台后10个工作日: counted from an event
    UNSTATED = "unstated"  # no 时间节点 at all (an item with no 完成时限): no due day

    @property
    def zh(self) -> str:
        """How people call the kind."""
        return _KIND_ZH[self]


_KIND_ZH = {
    DeadlineKind.DATE: "截止日",
    DeadlineKind.WINDOW: "时段",
    DeadlineKind.ALL_YEAR: "全年",
    DeadlineKind.ONGOING: "持续性",
    DeadlineKind.RECURRING: "周期性",
    DeadlineKind.MILESTONES: "分阶段",
    DeadlineKind.RELATIVE: "相对期限",
    DeadlineKind.UNSTATED: "未写时限",
}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Milestone(Record):
    """One stage of a staged time node (9月底前启动) and its day."""

    __pydantic_config__ = STRICT

    text: str
    """The stage as the time node writes it, verbatim (9月底前启动)."""
    due: dt.date
    """The stage's day."""


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Deadline(Record):
    """A 时间节点 read for the plan's year.

    In tasks.yaml a task may write its deadline (then it is checked against the
    time node) or leave it out (then it is read from the time node); the plan
    that gongkai loads always carries the full reading, with `kind` set.
    """

    __pydantic_config__ = STRICT

    due: dt.date | None = None
    """The last day to deliver (a window's end; the last stage or occurrence); null when there
    is none: ongoing, unstated, or counted from an event not yet recorded."""
    window_start: dt.date | None = None
    """First day of a window such as 8月份; null otherwise."""
    all_year: bool = False
    """True for 全年: an ongoing duty through the year, due at year end."""
    kind: DeadlineKind | None = None
    """date, window, all-year, ongoing, recurring, milestones, relative or unstated; may be left
    out in tasks.yaml (it is read from the time node)."""
    occurrences: tuple[dt.date, ...] = ()
    """For a recurring node: every due day it sets in the plan's year, in order."""
    milestones: tuple[Milestone, ...] = ()
    """For a staged node: each stage with its day, in order."""
    event: str | None = None
    """For a relative node: the event it counts from (印发, 决策文件出台)."""
    offset: int | None = None
    """For a relative node: how many days after the event."""
    working_days: bool = False
    """For a relative node: whether the offset counts working days (工作日)."""
    months: bool = False
    """For a relative node: whether the offset counts calendar months (1个月内)."""

    @property
    def dated(self) -> bool:
        """Whether the deadline has a due day (ongoing, unstated and undated relative do not)."""
        return self.due is not None

    @property
    def awaits_event(self) -> bool:
        """Whether the due day counts from an event a progress file records
        (决策文件出台后10个工作日), rather than from the plan's issue date."""
        return self.kind is DeadlineKind.RELATIVE and self.due is None and self.event is not None

    @property
    def offset_text(self) -> str:
        """A relative node's count as people write it: 30日, 10个工作日, 1个月."""
        unit = "个月" if self.months else "个工作日" if self.working_days else "日"
        return f"{self.offset}{unit}"

    @property
    def due_text(self) -> str:
        """The due day as people read it: 2021-06-30, or why there is none."""
        if self.due is not None:
            return self.due.isoformat()
        if self.kind is DeadlineKind.RELATIVE:
            return f"{self.event}后待定"
        return "无截止日期" if self.kind is DeadlineKind.ONGOING else "未写时限"

    @property
    def due_days(self) -> tuple[dt.date, ...]:
        """Every day the deadline makes something due: each occurrence, else the due day."""
        if self.occurrences:
            return self.occurrences
        return (self.due,) if self.due is not None else ()
