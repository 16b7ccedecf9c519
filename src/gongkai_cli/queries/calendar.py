"""A month of the plan (`gongkai calendar`): which day is what, and which tasks fall due.

Each day carries its kind in the official calendar (工作日, 周末, a holiday by name,
or a 调休 working day) and the tasks due on it; a window such as 8月份 is open on
every day from its first day to its due day. Without a unit the month shows every
task of the plan; with one, the tasks the unit owes (directly or through its
collectives, `due.owed_by`), and those that may apply kept apart, as `gongkai due`
keeps them.

Every deadline in the 2021 plan is a month end (N月底前), and several fall on a
rest day (2月底前 is Sunday 28 February): the month notes the last working day
before such a deadline, since that is the day the work must in practice be done.
It does not move the deadline: the plan says 前, before, and 民法典 第二百零三条
(which would carry a period ending on a rest day to the next working day) governs
periods counted from an event, not a date the plan fixes.

A task with no due day (持续推进, no 完成时限, an event not yet recorded) is on no
day of any month; the month names it apart (`PlanMonth.undated`), so a unit looking
at its month knows it still owes it.

A deadline before the plan's issue date (印发前已到期) falls on the day the one
policy of `plan.obligations` gives it, with a unit or without: 2021's tasks 11 and
12 (2月底前) fall on 2021-04-16, not on 02-28, as in `due`, `overdue` and `report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import Obligation, PreIssue
from gongkai_cli.model.plan import Role, Task
from gongkai_cli.model.workdays import DayKind
from gongkai_cli.plan.month import Month
from gongkai_cli.queries.due import owed_by
from gongkai_cli.queries.scope import PlanScope
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import CalendarDay


@dataclass(frozen=True, slots=True)
class MonthTask:
    """A task shown in the month: due in it, or with a window open in it."""

    task: Task
    role: Role | None
    """The asking unit's role; None when the month shows the whole plan."""
    via: str | None
    """The collective the unit owes the task through; None when named directly."""
    last_working_day: dt.date | None
    """When the due day is a rest day: the last working day before it."""
    due: dt.date
    """The due day (for a recurring task, this occurrence; for 印发前已到期, the policy's)."""
    pre_issue: PreIssue | None = None
    """For 印发前已到期: the policy that dates it (the issue date and the grace period)."""
    written_due: dt.date | None = None
    """For 印发前已到期: the day its time node reads."""

    @property
    def seq(self) -> int:
        return self.task.seq

    @property
    def window_start(self) -> dt.date | None:
        return self.task.deadline.window_start


@dataclass(frozen=True, slots=True)
class MonthDay:
    """One day of the month: its kind, and the tasks due on it or open on it."""

    day: CalendarDay
    due: tuple[int, ...]
    """序号 of the tasks due on this day."""
    window: tuple[int, ...]
    """序号 of the tasks whose window is open on this day and ends later."""
    today: bool

    @property
    def date(self) -> dt.date:
        return self.day.date


@dataclass(frozen=True, slots=True)
class HolidayInMonth:
    """A holiday as it touches the month: its days off and its 调休 working days here."""

    name: str
    days_off: tuple[tuple[dt.date, dt.date], ...]
    """Runs of days off (first, last) with a day in the month, whole: 春节 from 1月31日
    runs to 2月6日."""
    makeup_workdays: tuple[dt.date, ...]
    """The month's Saturdays and Sundays worked for the holiday."""


@dataclass(frozen=True, slots=True)
class PlanMonth:
    """A month of the plan for one unit, or for the whole plan when `unit` is None."""

    month: Month
    unit: str | None
    days: tuple[MonthDay, ...]
    tasks: tuple[MonthTask, ...]
    """Due in the month or open in it, by due date then 序号."""
    may_apply: tuple[MonthTask, ...]
    """For a unit: tasks of collectives without a member list; not counted on the days."""
    today: dt.date
    holidays: tuple[HolidayInMonth, ...]
    """The holidays the month's days are off or worked for, in order of first day."""
    undated: tuple[int, ...] = ()
    """序号 of the tasks with no due day (持续推进, no 完成时限): on no day of any month. For
    a unit, those it owes (not those that may apply); for the whole plan, every such task."""


def _last_working_day(calendar: WorkCalendar, due: dt.date) -> dt.date | None:
    """The last working day before `due` when `due` is a rest day, else None."""
    if not calendar.covers(due) or calendar.is_working_day(due):
        return None
    day = due - dt.timedelta(days=1)
    while calendar.covers(day):
        if calendar.is_working_day(day):
            return day
        day -= dt.timedelta(days=1)
    return None


def _holidays(calendar: WorkCalendar, days: Sequence[CalendarDay]) -> tuple[HolidayInMonth, ...]:
    off: dict[str, list[tuple[dt.date, dt.date]]] = {}
    worked: dict[str, list[dt.date]] = {}
    for day in days:
        if day.name is None:
            continue
        if day.kind is DayKind.MAKEUP_WORKDAY:
            worked.setdefault(day.name, []).append(day.date)
            off.setdefault(day.name, [])
        elif day.kind is DayKind.HOLIDAY:
            runs = off.setdefault(day.name, [])
            worked.setdefault(day.name, [])
            if runs and runs[-1][1] >= day.date:
                continue
            runs.append((_run_end(calendar, day, -1), _run_end(calendar, day, 1)))
    return tuple(HolidayInMonth(name, tuple(off[name]), tuple(worked[name])) for name in off)


def _run_end(calendar: WorkCalendar, day: CalendarDay, step: int) -> dt.date:
    """The first (step -1) or last (step 1) day off of the holiday run through `day`."""
    date = day.date
    while True:
        following = date + dt.timedelta(days=step)
        if not calendar.covers(following):
            return date
        there = calendar.day(following)
        if there.kind is not DayKind.HOLIDAY or there.name != day.name:
            return date
        date = following


def _in_month(task: Task, due: dt.date, month: Month) -> bool:
    start = task.deadline.window_start or due
    return start <= month.last and due >= month.first


def _items(
    calendar: WorkCalendar, month: Month, obligations: Iterable[Obligation], unit: bool
) -> tuple[MonthTask, ...]:
    chosen = [
        MonthTask(
            o.task,
            o.role if unit else None,
            o.via,
            _last_working_day(calendar, o.due),
            o.due,
            o.pre_issue,
            o.written_due if o.pre_issue is not None else None,
        )
        for o in obligations
        if o.due is not None and _in_month(o.task, o.due, month)
    ]
    return tuple(sorted(chosen, key=lambda item: (item.due, item.seq)))


def _dated(obligation: Obligation, policy: PreIssue | None) -> Obligation:
    """The task of the whole plan dated by the 印发前已到期 policy, as `owed` dates it."""
    if policy is None or policy.due(obligation.written_due) == obligation.written_due:
        return obligation
    return obligation._replace(pre_issue=policy)


def plan_month(
    calendar: WorkCalendar,
    month: Month,
    today: dt.date,
    *,
    tasks: Sequence[Task] = (),
    policy: PreIssue | None = None,
    owed: Sequence[Obligation] | None = None,
    may_apply: Sequence[Obligation] = (),
    unit: str | None = None,
) -> PlanMonth:
    """The month for `unit` (its `owed` and `may_apply` obligations), or for all `tasks`,
    dated by `policy` (`pre_issue_policy`) as the obligations of a unit are.

    Raises CalendarCoverageError when the month is outside the holiday calendar.
    """
    days = [calendar.day(month.first + dt.timedelta(days=n)) for n in range(month.last.day)]
    if owed is not None:
        items = _items(calendar, month, owed, unit=True)
        maybe = _items(calendar, month, may_apply, unit=True)
        undated = tuple(dict.fromkeys(o.task.seq for o in owed if o.undated))
    else:
        undated = tuple(t.seq for t in tasks if not t.deadline.due_days)
        # A recurring task shows each occurrence; one with no due day shows in no month.
        every = [
            _dated(Obligation(t, "", Role.RESPONSIBLE, None, occurrence=day), policy)
            for t in tasks
            for day in t.deadline.occurrences or (None,)
        ]
        items = _items(calendar, month, every, unit=False)
        maybe = ()
    month_days = []
    for day in days:
        due = tuple(item.seq for item in items if item.due == day.date)
        window = tuple(
            item.seq
            for item in items
            if item.window_start is not None and item.window_start <= day.date < item.due
        )
        month_days.append(MonthDay(day, due, window, day.date == today))
    return PlanMonth(
        month, unit, tuple(month_days), items, maybe, today, _holidays(calendar, days), undated
    )


class CalendarRequest(NamedTuple):
    """A month (None: today's), for one unit or for the whole plan."""

    month: Month | None = None
    unit: str | None = None
    member_of: tuple[str, ...] = ()
    direct_only: bool = False
    holidays: Path | None = None
    """A holidays file whose years replace the library's (--holidays)."""


class CalendarAnswer(NamedTuple):
    """The month, and the notes for people (on stderr) about what was asked."""

    month: PlanMonth
    notes: list[str]
    draft: bool = False
    """The plan is a draft (its titles are marked 【草稿】)."""


def calendar(scope: PlanScope, request: CalendarRequest, today: dt.date) -> CalendarAnswer:
    """The month `calendar` shows, dated as `due` dates the same obligations."""
    from gongkai_cli.errors import UsageError
    from gongkai_cli.workdays.calendar import load_calendar

    chosen = request.month or Month.of(today)
    if request.unit is None and (request.member_of or request.direct_only):
        raise UsageError(_("--member-of and --direct-only need --unit"))
    work_calendar = load_calendar(request.holidays)
    if request.unit is None:
        view = plan_month(work_calendar, chosen, today, tasks=scope.plan.tasks, policy=scope.policy)
    else:
        who, tasks, maybe = owed_by(scope, request.unit, request.member_of, request.direct_only)
        view = plan_month(work_calendar, chosen, today, owed=tasks, may_apply=maybe, unit=who.name)
    notes = []
    year = scope.year
    if chosen.year != year:
        # The default month is today's, which is rarely in the plan's year: say so.
        notes.append(
            _("note: the plan's deadlines are in {year}; try --month {year2}-{month:02d}").format(
                year=year, year2=year, month=chosen.month
            )
        )
    return CalendarAnswer(view, notes, scope.plan.document.draft)
