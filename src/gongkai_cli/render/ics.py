"""A unit's obligations as an RFC 5545 calendar, for Outlook and phone calendars.

One all-day event per task on its due date (a window such as 8月份 spans the
month; a recurring task has one per occurrence; a task with no due day has
none). UIDs are stable across runs (a hash of the document number, the task,
the unit and, for a recurring task, the occurrence), so a subscribed calendar
updates events instead of duplicating them. An items plan is worded in its own
terms (第N项, 条目), an annex table in its (任务N, 任务分解表).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

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
    lines += [f"决定({d.field}): {d.value}。{d.reason}" for d in task.decisions]
    return "\n".join(lines)


def calendar(
    document: Document, unit: str, obligations: Iterable[Obligation], stamp: dt.date
) -> bytes:
    """The iCalendar text of `obligations`; `stamp` (the as-of date) is every DTSTAMP."""
    from icalendar import Calendar, Event

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
        event.add("dtstart", deadline.window_start or due)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", summary(obligation, document.layout))
        event.add("description", description(document, obligation))
        event.add("categories", ["政务公开", obligation.role.zh])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return bytes(cal.to_ical())
