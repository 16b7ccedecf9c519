"""A unit's obligations as an RFC 5545 calendar, for Outlook and phone calendars.

One all-day event per task on its due date (a window such as 8月份 spans the
month; a task with no due day has none). UIDs are stable across runs (a hash of
the document number, the task and the unit), so a subscribed calendar updates
events instead of duplicating them. An items plan is worded in its own terms
(第N项, 条目), an annex table in its (任务N, 任务分解表).

A recurring task (每月, 每季度, 每年4月1日前) is one event with a recurrence
rule whose instances are exactly its occurrences in the calendar (see
`render/recurrence.py`). A staged task (9月底前启动,12月底前完成) is one event
per stage, each with the stage's words and its own UID; the last stage is the
due day and keeps the task's UID.

Each event may carry a reminder (VALARM, ACTION:DISPLAY with the TRIGGER and
DESCRIPTION that RFC 5545 3.6.6 requires) at 09:00 on the Nth working day
before the due day, counted on the State Council calendar (so a reminder before
2021-10-08 skips 国庆). The trigger is a duration relative to the event's start
rather than an absolute time: more calendar programs honour relative alarms,
and for an all-day event it lands at 09:00 wherever the calendar is shown
(X-WR-TIMEZONE says Asia/Shanghai).

A recurring event's alarm repeats with each instance at the same offset, but N
working days before the 25th is 3 days earlier in one month and 5 in another
(weekends, 国庆, 春节, 调休). The series carries the most common offset; every
instance whose offset differs is overridden by its own VEVENT (same UID,
RECURRENCE-ID = the instance's date, RFC 5545 3.8.4.4) with its own alarm. So
is an instance moved by the 印发前已到期 policy: the override keeps the
occurrence as its RECURRENCE-ID and starts on the day it is due.

Text properties are escaped as RFC 5545 3.3.11 requires (icalendar escapes \\ ; , and
line breaks as \\n); before that, the plan's text is sanitised (`sanitise.line_text`): a
CR is a line break, and a control character, which no TEXT value may hold, is shown as
\\x1b. X-WR-CALNAME, a property icalendar does not know, is added as TEXT so that it is
escaped too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from gongkai_cli import __version__
from gongkai_cli.io.dates import SHANGHAI
from gongkai_cli.model.obligation import Obligation, PreIssue
from gongkai_cli.model.plan import Document, Layout
from gongkai_cli.render.emit import View
from gongkai_cli.render.records import GRACE_LABEL
from gongkai_cli.render.sanitise import line_text

if TYPE_CHECKING:
    from icalendar import Alarm, Event

    from gongkai_cli.queries.due import DueAnswer

Remind = tuple[int, Callable[[dt.date, int], dt.date]]
"""(N, before): a reminder on `before(due, N)`, the Nth working day before the due day
(the due query's `Remind`)."""


def uid(document: Document, obligation: Obligation, part: str = "") -> str:
    """A stable UID for the event of `obligation` (`part`: one stage of a staged task)."""
    key = f"{document.number}|{obligation.task.seq}|{obligation.unit}"
    if obligation.occurrence is not None:
        key += f"|{obligation.occurrence.isoformat()}"
    if part:
        key += f"|{part}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@gongkai"


def summary(obligation: Obligation, layout: Layout = Layout.ANNEX_TABLE) -> str:
    """The event's title: role, task number and name (an item: its number and opening words)."""
    task = obligation.task
    if layout is Layout.ANNEX_TABLE:
        return f"[{obligation.role.zh}] 任务{task.seq} {task.display_name}"
    return f"[{obligation.role.zh}] 第{task.seq}项 {task.display_name}"


def _pre_issue_line(
    document: Document, policy: PreIssue | None, written: dt.date | None, due: dt.date | None
) -> list[str]:
    if policy is None:
        return []
    return [
        f"印发前已到期：{document.layout.terms.time_node}所指 {written} "
        f"早于印发日期 {policy.issued}，"
        f"截止日按{policy.grace or '印发日'}计，即 {due}"
        f"（{GRACE_LABEL}；--no-grace 则按原定日期计）"
    ]


def description(document: Document, obligation: Obligation, extra: Sequence[str] = ()) -> str:
    """The event's text: the task in the plan's words, and how the unit owes it.

    `extra` lines (a series' days, a stage) follow the occurrence line.
    """
    task = obligation.task
    via = f"（经 {obligation.via}）" if obligation.via else ""
    pre_issue = _pre_issue_line(
        document, obligation.pre_issue, obligation.written_due, obligation.due
    )
    if document.layout is Layout.ITEMS:
        lines = [task.content, ""]
        if task.name:
            lines.append(f"名称：{task.display_name}")
        lines += [
            f"责任单位：{task.responsible}",
            f"本单位角色：{obligation.role.zh}{via}",
            f"完成时限：{task.time_node or '（未写）'}",
        ]
        if obligation.occurrence is not None:
            lines.append(f"本次：{obligation.occurrence.isoformat()}")
        lines += extra
        lines += pre_issue
        lines.append(f"来源：{document.number}《{document.title}》第{task.seq}项")
        lines += [f"决定（{d.field}）：{d.value}。{d.reason}" for d in task.decisions]
        return "\n".join(lines)
    lines = [
        task.content,
        "",
        f"任务名称：{task.display_name}",
        f"责任单位：{task.responsible}",
        f"本单位角色：{obligation.role.zh}{via}",
        f"时间节点：{task.time_node or '（空白，见决定）'}",
    ]
    if obligation.occurrence is not None:
        lines.append(f"本次：{obligation.occurrence.isoformat()}")
    lines += extra
    lines += pre_issue
    lines.append(f"来源：{document.number}《{document.title}》任务分解表第{task.seq}项")
    lines += [f"决定（{d.field}）：{d.value}。{d.reason}" for d in task.decisions]
    return "\n".join(lines)


REMIND_AT = dt.time(9)
"""The time of day a reminder shows."""


def reminder_text(title: str, due: dt.date | None, working_days: int) -> str:
    """What a reminder says: which task falls due, when, and how many working days are left.

    A series' own alarm (`due` None) repeats with every instance: it names no day.
    """
    when = "本期截止日" if due is None else f" {due} "
    return f"{title} 将于{when}到期（还有 {working_days} 个工作日）"


def due_calendar(answer: DueAnswer) -> View:
    """`due --format ics`: the calendar of what the unit owes in the window, for emit."""
    ics = calendar(
        answer.document,
        answer.policy,
        answer.who.name,
        answer.events,
        answer.request.as_of,
        answer.reminder,
    )
    return View(document=lambda: ics, notes=answer.notes)


def calendar(
    document: Document,
    policy: PreIssue,
    unit: str,
    obligations: Iterable[Obligation],
    stamp: dt.date,
    remind: Remind | None = None,
) -> bytes:
    """The iCalendar text of `obligations`; `stamp` (the as-of date) is every DTSTAMP.
    `policy` dates a stage before the issue date as the plan's obligations are dated.

    With `remind` = (N, before), each event has a reminder at 09:00 on the day
    `before(due, N)`, the Nth working day before its due day. The occurrences of a
    recurring task (one obligation each) become one series, at the place of the first.
    """
    from icalendar import Calendar, vText

    cal = Calendar()
    cal.add("prodid", f"-//gongkai//gongkai {__version__}//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(line_text(f"{unit} · {document.title}")))
    cal.add("x-wr-timezone", "Asia/Shanghai")
    dtstamp = dt.datetime.combine(stamp, dt.time(), SHANGHAI).astimezone(dt.UTC)
    events = _Events(document, policy, dtstamp, remind)
    dated = [o for o in obligations if o.due is not None]  # ongoing, undated: no day for them
    series: dict[int, list[Obligation]] = {}
    for obligation in dated:
        if obligation.occurrence is not None:
            series.setdefault(obligation.task.seq, []).append(obligation)
    for obligation in dated:
        if obligation.occurrence is not None:
            instances = series.pop(obligation.task.seq, None)
            made = events.series(instances) if instances else []
        elif obligation.task.deadline.milestones:
            made = events.stages(obligation)
        else:
            made = [events.single(obligation)]
        for event in made:
            cal.add_component(event)
    return bytes(cal.to_ical())


class _Events:
    """Builds the VEVENTs of one calendar: the plan, the DTSTAMP and the reminder."""

    def __init__(
        self, document: Document, policy: PreIssue, dtstamp: dt.datetime, remind: Remind | None
    ) -> None:
        self.document = document
        self.policy = policy
        self.layout = document.layout
        self.dtstamp = dtstamp
        self.remind = remind

    def _event(
        self,
        obligation: Obligation,
        uid_: str,
        start: dt.date,
        due: dt.date,
        title: str,
        text: str,
    ) -> Event:
        from icalendar import Event

        event = Event()
        event.add("uid", uid_)
        event.add("dtstamp", self.dtstamp)
        event.add("dtstart", start)
        event.add("dtend", due + dt.timedelta(days=1))
        event.add("summary", line_text(title))
        event.add("description", line_text(text))
        event.add("categories", ["政务公开", obligation.role.zh])
        event.add("transp", "TRANSPARENT")
        return event

    def _offset(self, start: dt.date, due: dt.date) -> dt.timedelta:
        """The trigger of a reminder for an event from `start` due on `due`."""
        assert self.remind is not None
        count, before = self.remind
        at = dt.datetime.combine(before(due, count), REMIND_AT)
        return at - dt.datetime.combine(start, dt.time())

    def _alarm(self, text: str, trigger: dt.timedelta) -> Alarm:
        from icalendar import Alarm

        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", line_text(text))
        alarm.add("trigger", trigger)
        return alarm

    def _remind(self, event: Event, title: str, start: dt.date, due: dt.date) -> None:
        if self.remind is not None:
            text = reminder_text(title, due, self.remind[0])
            event.add_component(self._alarm(text, self._offset(start, due)))

    def single(self, obligation: Obligation) -> Event:
        """The one event of a task due on one day (or in one window)."""
        due = obligation.due
        assert due is not None
        start = obligation.task.deadline.window_start or due
        title = summary(obligation, self.layout)
        text = description(self.document, obligation)
        event = self._event(obligation, uid(self.document, obligation), start, due, title, text)
        self._remind(event, title, start, due)
        return event

    def stages(self, obligation: Obligation) -> list[Event]:
        """One event per stage of a staged task; the last stage is the due day."""
        stages = obligation.task.deadline.milestones
        policy = self.policy
        events = []
        for number, stage in enumerate(stages, 1):
            last = number == len(stages)
            due = obligation.due if last else policy.due(stage.due)
            assert due is not None
            title = f"{summary(obligation, self.layout)} · {stage.text}"
            which = f"第{number}/{len(stages)}阶段{'，即截止日' if last else ''}"
            extra = [f"本阶段：{stage.text}（{which}）"]
            if not last and due != stage.due:
                extra += _pre_issue_line(self.document, policy, stage.due, due)
            text = description(self.document, obligation, extra)
            event_uid = uid(self.document, obligation, "" if last else f"{number}|{stage.text}")
            event = self._event(obligation, event_uid, due, due, title, text)
            self._remind(event, title, due, due)
            events.append(event)
        return events

    def series(self, instances: Sequence[Obligation]) -> list[Event]:
        """A recurring task's occurrences: one event with a rule, and the overrides."""
        from gongkai_cli.render.recurrence import recurrence

        first = instances[0]
        deadline = first.task.deadline
        days = [o.occurrence for o in instances if o.occurrence is not None]
        rule = recurrence(deadline.occurrences, days)
        whole = first._replace(occurrence=None, pre_issue=None)
        title = summary(first, self.layout)
        listed = "、".join(day.isoformat() for day in rule.dates())
        text = description(self.document, whole, [f"各次：{listed}"])
        master = self._event(whole, uid(self.document, whole), rule.start, rule.start, title, text)
        master.add("rrule", rule.rrule())
        if rule.rdates:
            master.add("rdate", list(rule.rdates))
        if rule.exdates:
            master.add("exdate", list(rule.exdates))
        offsets: dict[dt.date, dt.timedelta] = {}
        usual = None
        if self.remind is not None:
            for o in instances:
                assert o.occurrence is not None and o.due is not None
                offsets[o.occurrence] = self._offset(o.due, o.due)
            # The offset most instances share, so that the fewest need an override.
            kept = [
                offsets[o.occurrence] for o in instances if o.pre_issue is None and o.occurrence
            ]
            usual = Counter(kept or offsets.values()).most_common(1)[0][0]
            master.add_component(self._alarm(reminder_text(title, None, self.remind[0]), usual))
        events = [master]
        for o in instances:
            assert o.occurrence is not None and o.due is not None
            if o.due == o.occurrence and offsets.get(o.occurrence) == usual:
                continue
            event = self._event(
                o, uid(self.document, whole), o.due, o.due, title, description(self.document, o)
            )
            event.add("recurrence-id", o.occurrence)
            self._remind(event, title, o.due, o.due)
            events.append(event)
        return events
