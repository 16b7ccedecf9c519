"""One month of the plan: which day is what, and which tasks fall due on it.

This is what `gongkai calendar` draws. Each day carries its kind in the official
calendar (工作日, 周末, a holiday by name, or a 调休 working day) and the tasks due
on it; a window such as 8月份 is open on every day from its first day to its due
day. Without a unit the month shows every task of the plan; with one, the tasks
the unit owes (directly or through its collectives), and those that may apply
kept apart, as `gongkai due` keeps them.

Every deadline in the 2021 plan is a month end (N月底前), and several fall on a
rest day (2月底前 is Sunday 28 February): the month notes the last working day
before such a deadline, since that is the day the work must in practice be done.
It does not move the deadline: the plan says 前, before, and 民法典 第二百零三条
(which would carry a period ending on a rest day to the next working day) governs
periods counted from an event, not a date the plan fixes.

A deadline before the plan's issue date (印发前已到期) falls on the day the one
policy of `plan.obligations` gives it, with a unit or without: 2021's tasks 11 and
12 (2月底前) fall on 2021-04-16, not on 02-28, as in `due`, `overdue` and `report`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import N_, _
from gongkai_cli.model.deadline import month_end
from gongkai_cli.model.plan import Role, Task
from gongkai_cli.model.workdays import DayKind
from gongkai_cli.plan.obligations import Obligation, PreIssue, pre_issue_record
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import CalendarDay

_MONTH_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})"),
    re.compile(r"(\d{4})年(\d{1,2})月"),
)
ACCEPTED_MONTHS = N_("2021-06, 2021/6, 202106 or 2021年6月")


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @property
    def first(self) -> dt.date:
        """Its first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last(self) -> dt.date:
        """Its last day."""
        return month_end(self.year, self.month)

    @property
    def zh(self) -> str:
        """2021年6月."""
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, date: dt.date) -> Month:
        """The month `date` is in."""
        return cls(date.year, date.month)


def parse_month(text: str, what: str | None = None) -> Month:
    """Parse a month as 2021-06, 2021/6, 202106 or 2021年6月, or raise UsageError."""
    subject = _(" for {what}").format(what=what) if what else ""
    value = text.strip()
    for form in _MONTH_FORMS:
        match = form.fullmatch(value)
        if match:
            year, month = int(match[1]), int(match[2])
            if not 1 <= month <= 12:
                raise UsageError(
                    _("invalid month {text}{subject}: there is no month {month}").format(
                        text=shown(text), subject=subject, month=month
                    )
                )
            if year < 1:
                raise UsageError(
                    _("invalid month {text}{subject}: there is no year 0").format(
                        text=shown(text), subject=subject
                    )
                )
            return Month(year, month)
    raise UsageError(
        _("invalid month {text}{subject}: expected {accepted_months}").format(
            text=shown(text), subject=subject, accepted_months=_(ACCEPTED_MONTHS)
        )
    )


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
    pre_issue: dict[str, Any] | None = None
    """For 印发前已到期: the day as written, the issue date and the grace period
    (`pre_issue_record`, as `due` gives them)."""

    @property
    def seq(self) -> int:
        return self.task.seq

    @property
    def window_start(self) -> dt.date | None:
        return self.task.deadline.window_start

    def as_json(self) -> dict[str, Any]:
        """The task as JSON-ready data, with the unit's role and route when there is a unit.

        A 印发前已到期 task also has `pre_issue` (the day as written, the issue date and
        the grace period), as in `due`; other tasks keep the keys they always had."""
        deadline = self.task.deadline
        data = {
            "seq": self.seq,
            "name": self.task.name,
            "time_node": self.task.time_node,
            "due": self.due.isoformat(),
            "window_start": _iso(deadline.window_start),
            "all_year": deadline.all_year,
            "last_working_day": _iso(self.last_working_day),
            "role": str(self.role) if self.role else None,
            "via": self.via,
            "responsible": self.task.responsible,
        }
        if self.pre_issue is not None:
            data["pre_issue"] = self.pre_issue
        return data


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
class MonthView:
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

    def as_json(self) -> dict[str, Any]:
        """The month as JSON-ready data: each day, and the tasks its `due` lists refer to."""
        return {
            "month": str(self.month),
            "unit": self.unit,
            "today": self.today.isoformat(),
            "days": [
                {
                    "date": day.date.isoformat(),
                    "weekday": day.date.isoweekday(),
                    "kind": str(day.day.kind),
                    "name": day.day.name,
                    "working": day.day.kind.working,
                    "due": list(day.due),
                    "window": list(day.window),
                }
                for day in self.days
            ],
            "holidays": [
                {
                    "name": holiday.name,
                    "days_off": [
                        {"first": first.isoformat(), "last": last.isoformat()}
                        for first, last in holiday.days_off
                    ],
                    "makeup_workdays": [d.isoformat() for d in holiday.makeup_workdays],
                }
                for holiday in self.holidays
            ],
            "tasks": [item.as_json() for item in self.tasks],
            "may_apply": [item.as_json() for item in self.may_apply],
        }


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date is not None else None


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
            pre_issue_record(o),
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


def month_view(
    calendar: WorkCalendar,
    month: Month,
    today: dt.date,
    *,
    tasks: Iterable[Task] = (),
    policy: PreIssue | None = None,
    owed: Sequence[Obligation] | None = None,
    may_apply: Sequence[Obligation] = (),
    unit: str | None = None,
) -> MonthView:
    """The month for `unit` (its `owed` and `may_apply` obligations), or for all `tasks`,
    dated by `policy` (`pre_issue_policy`) as the obligations of a unit are.

    Raises CalendarCoverageError when the month is outside the holiday calendar.
    """
    days = [calendar.day(month.first + dt.timedelta(days=n)) for n in range(month.last.day)]
    if owed is not None:
        items = _items(calendar, month, owed, unit=True)
        maybe = _items(calendar, month, may_apply, unit=True)
    else:
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
    return MonthView(month, unit, tuple(month_days), items, maybe, today, _holidays(calendar, days))
