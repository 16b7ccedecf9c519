"""The closed sets of progress and assessment, each with its Chinese label:
a unit's progress on a task, where an obligation stands, and where a target stands."""

from __future__ import annotations

from enum import StrEnum


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
