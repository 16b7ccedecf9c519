"""Progress and its assessment as values: the closed sets, each with its Chinese label (a
unit's progress on a task, where an obligation stands, where a target stands), an entry of
the progress file, and an obligation assessed as of a day (`Outcome`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import STRICT, Target


class ProgressStatus(StrEnum):
    """How far a unit has got with a task."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def zh(self) -> str:
        """未开始 / 进行中 / 已完成."""
        return _PROGRESS_ZH[self]

    @classmethod
    def read(cls, word: str) -> ProgressStatus | None:
        """The status written as its code (done) or its Chinese label (已完成), else None."""
        word = word.strip()
        for status in cls:
            if word in (status.value, _PROGRESS_ZH[status]):
                return status
        return None


_PROGRESS_ZH = {
    ProgressStatus.NOT_STARTED: "未开始",
    ProgressStatus.IN_PROGRESS: "进行中",
    ProgressStatus.DONE: "已完成",
}

STATUS_WORDS = ", ".join(f"{_PROGRESS_ZH[s]}/{s.value}" for s in ProgressStatus)
"""Every status word a progress file accepts, in both languages: 未开始/not_started, ..."""


class Standing(StrEnum):
    """Where an obligation stands on the as-of date."""

    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    OPEN = "open"
    ONGOING = "ongoing"  # no due day (持续推进, no 完成时限), not done: never overdue

    @property
    def zh(self) -> str:
        """按时完成 / 逾期完成 / 逾期未完成 / 未到期 / 持续推进."""
        return _STANDING_ZH[self]


_STANDING_ZH = {
    Standing.DONE_ON_TIME: "按时完成",
    Standing.DONE_LATE: "逾期完成",
    Standing.OVERDUE: "逾期未完成",
    Standing.OPEN: "未到期",
    Standing.ONGOING: "持续推进",
}


class TargetState(StrEnum):
    """Where a quantitative target stands."""

    MET = "met"
    BELOW = "below"  # done, and the recorded value misses the threshold
    UNRECORDED = "unrecorded"  # done, and no value was recorded
    PENDING = "pending"  # not done yet: a recorded value is progress

    @property
    def zh(self) -> str:
        """已达标 / 未达标 / 指标未填报 / 尚未完成."""
        return _TARGET_ZH[self]


_TARGET_ZH = {
    TargetState.MET: "已达标",
    TargetState.BELOW: "未达标",
    TargetState.UNRECORDED: "指标未填报",
    TargetState.PENDING: "尚未完成",
}


@dataclass(frozen=True, slots=True)
class Entry:
    __pydantic_config__ = STRICT

    seq: int
    """The task's 序号 in the plan."""
    unit: str
    """The unit reporting: its canonical name, an alias or its full name (not a collective)."""
    status: ProgressStatus
    """not_started, in_progress or done."""
    completed: dt.date | None = None
    """The day the task was done (YYYY-MM-DD); required for done, absent otherwise."""
    occurrence: dt.date | None = None
    """For a recurring task (每月, 每季度, 每年4月1日前): the occurrence this entry records, by
    the day the time node gives it (2025-06-30 for 每季度's second); absent, the entry is the
    task's as a whole (see the module's docstring for which occurrences it stands for)."""
    event: dt.date | None = None
    """For a task whose time node counts from an event (决策文件出台后10个工作日): the day the
    event happened for this unit; the due day is counted from it."""
    evidence: str = ""
    """Where the delivery can be seen: a URL or a document number (文号)."""
    note: str = ""
    """Anything a reader of the report should know."""
    values: dict[str, float] = field(default_factory=dict)
    """Recorded values of the task's quantitative targets, by target id (see `gongkai show`)."""


@dataclass(frozen=True, slots=True)
class ProgressFile:
    __pydantic_config__ = STRICT

    plan: str | None = None
    """The 文号 of the plan this file records progress on; checked against the loaded plan."""
    entries: tuple[Entry, ...] = ()
    """One entry per task and unit (and occurrence, for a recurring task)."""


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """One target of an obligation and the value recorded for it."""

    target: Target
    value: float | None
    state: TargetState


@dataclass(frozen=True, slots=True)
class Outcome:
    """One obligation of one unit, assessed as of a date."""

    obligation: Obligation
    entry: Entry | None
    standing: Standing
    targets: tuple[TargetCheck, ...]
    as_of: dt.date

    @property
    def done(self) -> bool:
        return self.standing in (Standing.DONE_ON_TIME, Standing.DONE_LATE)

    @property
    def completed(self) -> dt.date | None:
        """The completion date, when the task is done as of the as-of date."""
        return self.entry.completed if self.done and self.entry else None

    @property
    def days_late(self) -> int:
        """Days past the due date: at completion, or on the as-of date when not done."""
        end = self.completed or self.as_of
        due = self.obligation.due
        return 0 if due is None else max((end - due).days, 0)

    @property
    def findings(self) -> tuple[TargetCheck, ...]:
        """The targets that fail the gate: below threshold or never recorded."""
        return tuple(
            c for c in self.targets if c.state in (TargetState.BELOW, TargetState.UNRECORDED)
        )


def number(value: float) -> int | float:
    """A recorded value as people write it: 65, not 65.0."""
    return int(value) if float(value).is_integer() else value
