"""The closed sets of working-day arithmetic, each with its Chinese label:
day types, receipt conventions, kinds of day, and the verdict on a reply."""

from __future__ import annotations

from enum import StrEnum


class DayType(StrEnum):
    """What a period counts: working days (工作日) or calendar days (日)."""

    WORKING = "working"
    CALENDAR = "calendar"

    @property
    def zh(self) -> str:
        """工作日 / 日, the unit a time limit is written in."""
        return "工作日" if self is DayType.WORKING else "日"


class Receipt(StrEnum):
    """When something that arrives on a non-working day counts as received."""

    AS_RECEIVED = "as-received"  # the day it arrived, whatever day that is
    NEXT_WORKING_DAY = "next-working-day"  # deemed received on the next working day

    @property
    def zh(self) -> str:
        """The convention in a sentence."""
        return _RECEIPT_ZH[self]


_RECEIPT_ZH = {
    Receipt.AS_RECEIVED: "收到当日不计入，自次日起算",
    Receipt.NEXT_WORKING_DAY: (
        "非工作日收到的，视为下一工作日收到（gongkai 约定，条例未规定："
        "第三十一条以双方确认之日为收到之日，有确认日期的按确认日期）"
    ),
}


class DayKind(StrEnum):
    """What sort of day a date is in the official calendar."""

    WORKDAY = "workday"  # 工作日: Monday to Friday, no holiday
    WEEKEND = "weekend"  # 周末: Saturday or Sunday, no holiday or 调休
    HOLIDAY = "holiday"  # 节假日: a day off of an official holiday (weekends in it too)
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a Saturday or Sunday worked for a holiday

    @property
    def zh(self) -> str:
        """The kind in Chinese, as tables show it."""
        return _KIND_ZH[self]

    @property
    def working(self) -> bool:
        """Whether the day is a working day."""
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


_KIND_ZH = {
    DayKind.WORKDAY: "工作日",
    DayKind.WEEKEND: "周末",
    DayKind.HOLIDAY: "节假日",
    DayKind.MAKEUP_WORKDAY: "调休上班",
}


class ReplyStatus(StrEnum):
    """The verdict on one case."""

    MET = "met"  # replied on or before the deadline
    MISSED = "missed"  # replied after the deadline
    OPEN = "open"  # no reply yet, deadline not passed
    OVERDUE = "overdue"  # no reply, and the deadline has passed
    INVALID = "invalid"  # the row could not be checked (batch only)
    OUTSIDE = "outside"  # no rule covers the row's channel (12345 电话 for task 24; batch only)
    UNCERTAIN = "uncertain"  # the next year's unpublished 调休 could change it (batch only)

    @property
    def zh(self) -> str:
        """The verdict in Chinese."""
        return _STATUS_ZH[self]


_STATUS_ZH = {
    ReplyStatus.MET: "按时",
    ReplyStatus.MISSED: "逾期答复",
    ReplyStatus.OPEN: "办理中",
    ReplyStatus.OVERDUE: "超期未答复",
    ReplyStatus.INVALID: "无效",
    ReplyStatus.OUTSIDE: "不适用",
    ReplyStatus.UNCERTAIN: "待定",
}
