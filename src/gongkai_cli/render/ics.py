"""A unit's obligations as an RFC 5545 calendar, for Outlook and phone calendars.

One all-day event per task on its due date (a window such as 8月份 spans the
month; a recurring task has one per occurrence; a task with no due day has
none). UIDs are stable across runs (a hash of the document number, the task,
the unit and, for a recurring task, the occurrence), so a subscribed calendar
updates events instead of duplicating them. An items plan is worded in its own
terms (第N项, 条目), an annex table in its (任务N, 任务分解表).

Each event may carry a reminder (VALARM, ACTION:DISPLAY with the TRIGGER and
DESCRIPTION that RFC 5545 3.6.6 requires) at 09:00 on the Nth working day
before the due day, counted on the State Council calendar (so a reminder before
2021-10-08 skips 国庆). The trigger is a duration relative to the event's start
rather than an absolute time: more calendar programs honour relative alarms,
and for an all-day event it lands at 09:00 wherever the calendar is shown
(X-WR-TIMEZONE says Asia/Shanghai).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable

from gongkai_cli import __version__
from gongkai_cli.io.dates import SHANGHAI
from gongkai_cli.model.plan import Document, Layout
from gongkai_cli.plan.obligations import Obligation


def uid(document: Document, obligation: Obligation) -> str:
    """A stable UID for the event of `obligation`."""
    key = f"{document.number}|{obligation.task.seq}|{obligation.unit}"
    if obligation.occurrence is not None:
        key += f"|{obligation.occurrence.isoformat()}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@gongkai"


def summary(obligation: Obligation, layout: Layout = Layout.ANNEX_TABLE) -> str:
    """The event's title: role, task number and name (an item: its number and opening words)."""
    task = obligation.task
    if layout is Layout.ANNEX_TABLE:
        return f"[{obligation.role.zh}] 任务{task.seq} {task.name}"
    return f"[{obligation.role.zh}] 第{task.seq}项 {task.name or _opening(task.content)}"


def _opening(content: str, size: int = 20) -> str:
    return content if len(content) <= size else content[:size] + "…"


def _pre_issue_line(document: Document, obligation: Obligation) -> list[str]:
    policy = obligation.pre_issue
    if policy is None:
        return []
    return [
        f"印发前已到期: {document.layout.terms.time_node}所指 {obligation.written_due} "
        f"早于印发日期 {policy.issued},"
        f"截止日按{policy.grace or '印发日'}计,即 {obligation.due}"
    ]


def description(document: Document, obligation: Obligation) -> str:
    """The event's text: the task in the plan's words, and how the unit owes it."""
    task = obligation.task
    via = f"(经 {obligation.via})" if obligation.via else ""
    if document.layout is Layout.ITEMS:
        lines = [task.content, ""]
        if task.name:
            lines.append(f"名称: {task.name}")
        lines += [
            f"责任单位: {task.responsible}",
            f"本单位角色: {obligation.role.zh}{via}",
            f"完成时限: {task.time_node or '(未写)'}",
        ]
        if obligation.occurrence is not None:
            lines.append(f"本次: {obligation.occurrence.isoformat()}")
        lines += _pre_issue_line(document, obligation)
        lines.append(f"来源: {document.number}《{document.title}》第{task.seq}项")
        lines += [f"决定({d.field}): {d.value}。{d.reason}" for d in task.decisions]
        return "\n".join(lines)
    lines = [
        task.content,
        "",
        f"任务名称: {task.name}",
        f"责任单位: {task.responsible}",
        f"本单位角色: {obligation.role.zh}{via}",
        f"时间节点: {task.time_node or '(空白,见决定)'}",
        f"来源: {document.number}《{document.title}》任务分解表第{task.seq}项",
    ]
    if obligation.occurrence is not None:
        lines.insert(-1, f"本次: {obligation.occurrence.isoformat()}")
    lines[-1:-1] = _pre_issue_line(document, obligation)
    lines += [f"决定({d.field}): {d.value}。{d.reason}" for d in task.decisions]
    return "\n".join(lines)


REMIND_AT = dt.time(9)
"""The time of day a reminder shows."""


def reminder_text(obligation: Obligation, layout: Layout, working_days: int) -> str:
    """What a reminder says: which task falls due, when, and how many working days are left."""
    return f"{summary(obligation, layout)} 将于 {obligation.due} 到期(还有 {working_days} 个工作日)"


def calendar(
    document: Document,
    unit: str,
    obligations: Iterable[Obligation],
    stamp: dt.date,
    remind: tuple[int, Callable[[dt.date, int], dt.date]] | None = None,
) -> bytes:
    """The iCalendar text of `obligations`; `stamp` (the as-of date) is every DTSTAMP.

    With `remind` = (N, before), each event has a reminder at 09:00 on the day
    `before(due, N)`, the Nth working day before its due day.
    """
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//gongkai//gongkai {__version__}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{unit} · {document.title}")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    dtstamp = dt.datetime.combine(stamp, dt.time(), SHANGHAI).astimezone(dt.UTC)
    for obligation in obligations:
        deadline = obligation.task.deadline
        due = obligation.due
        if due is None:
            continue  # ongoing or not yet dated: no day to put it on
        event = Event()
        event.add("uid", uid(document, obligation))
        event.add("dtstamp", dtstamp)
        start = deadline.window_start or due
        event.add("dtstart", start)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", summary(obligation, document.layout))
        event.add("description", description(document, obligation))
        event.add("categories", ["政务公开", obligation.role.zh])
        event.add("transp", "TRANSPARENT")
        if remind is not None:
            count, before = remind
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", reminder_text(obligation, document.layout, count))
            at = dt.datetime.combine(before(due, count), REMIND_AT)
            alarm.add("trigger", at - dt.datetime.combine(start, dt.time()))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
