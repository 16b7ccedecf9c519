"""What a unit owes and by when (`due`), and the same question over every plan (`--plan all`).

`owed_by` is the one "what does unit U owe" of every question: `owes` counts it,
`calendar --unit` places it in a month, `due` selects and assesses it, and
`--plan all` asks `due` of each installed plan in turn (due_all.py).

The window rules live here, once: `--before`/`--after`, or a month, or the next N
days (`--within 30d`) from the as-of day; a month or a span replaces the two bounds.
"""

# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef when the class is made, about 50 us a field, on every
# run of the headline; real annotations cost nothing. Names known only to the type
# checker are quoted one by one.

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import N_, _
from gongkai_cli.model.obligation import Asker, Obligation, PreIssue
from gongkai_cli.model.plan import Document, Role
from gongkai_cli.queries.scope import PlanScope

if TYPE_CHECKING:
    from gongkai_cli.plan.statutory import StatutoryDue
    from gongkai_cli.progress.file import Progress


class Owed(NamedTuple):
    """What one unit owes under a plan: its obligations and those that may apply."""

    who: Asker
    tasks: list[Obligation]
    maybe: list[Obligation]
    """Owed through a collective that lists no members (各相关单位): it may apply."""


def owed_by(
    scope: PlanScope, unit: str, member_of: Sequence[str] = (), direct_only: bool = False
) -> Owed:
    """What `unit` (asking as a member of `member_of` too) owes under the scope's plan."""
    who = scope.asker(unit, member_of)
    return Owed(who, *scope.owed(who, direct_only))


class DueRequest(NamedTuple):
    """`due`'s question: who asks, which due days, on which day, and what to leave out.

    Build it with `due_request`, which checks the window and the search word.
    """

    unit: str
    as_of: dt.date
    as_of_given: bool
    """The as-of day was asked for (--as-of), not today's."""
    member_of: tuple[str, ...] = ()
    direct_only: bool = False
    before: dt.date | None = None
    after: dt.date | None = None
    role: Role | None = None
    grep: str | None = None
    """The search word, squeezed (see plan/search.py)."""
    open_only: bool = False
    """Leave out what the progress file records as done (--open)."""
    calendar_file: bool = False
    """For a calendar file (ics): one event per dated obligation, no 条例 reports (they
    have no place in the plan's calendar), and what it cannot hold said in a note."""
    remind: int = 0
    """In a calendar file: a reminder on the Nth working day before each due day (0: none)."""


def due_request(
    unit: str,
    as_of: dt.date,
    *,
    as_of_given: bool = True,
    member_of: Sequence[str] = (),
    direct_only: bool = False,
    before: dt.date | None = None,
    after: dt.date | None = None,
    month: str | None = None,
    within: str | None = None,
    role: Role | None = None,
    grep: str | None = None,
    open_only: bool = False,
    calendar_file: bool = False,
    remind: int = 0,
) -> DueRequest:
    """The request `due` asks: a month (2021-06) or a span from the as-of day (30d, 2w,
    3m) as the window's two bounds, and the search word squeezed; UsageError when the
    window is given two ways or a word is empty. `as_of_given`: the day was asked for,
    not today's."""
    if month is not None or within is not None:
        after, before = _window(as_of, before, after, month, within)
    word = None
    if grep is not None:
        from gongkai_cli.plan.search import search_word

        word = search_word(grep)
    return DueRequest(
        unit,
        as_of,
        as_of_given,
        tuple(member_of),
        direct_only,
        before,
        after,
        role,
        word,
        open_only,
        calendar_file,
        remind,
    )


_WITHIN = r"(\d{1,4})\s*(d|w|m|天|日|周|个月|月)"
ACCEPTED_WITHIN = N_("30d, 2w, 3m, 30天, 2周 or 3个月")


def within_span(text: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The days from `as_of` to the end of the span `text` (30d, 2w, 3m), both included."""
    import calendar

    from gongkai_cli.errors import shown

    match = re.fullmatch(_WITHIN, text.strip(), re.IGNORECASE)  # compiled only when asked
    if match is None:
        raise UsageError(
            _("invalid span {text} for --within: expected {accepted_within}").format(
                text=shown(text), accepted_within=_(ACCEPTED_WITHIN)
            )
        )
    count, unit = int(match[1]), match[2].lower()
    if unit in ("d", "天", "日"):
        return as_of, as_of + dt.timedelta(days=count)
    if unit in ("w", "周"):
        return as_of, as_of + dt.timedelta(weeks=count)
    months = as_of.year * 12 + as_of.month - 1 + count
    year, month = divmod(months, 12)
    if year > dt.MAXYEAR:
        raise UsageError(
            _("invalid span {text} for --within: too far ahead").format(text=shown(text))
        )
    day = min(as_of.day, calendar.monthrange(year, month + 1)[1])
    return as_of, dt.date(year, month + 1, day)


def _window(
    as_of: dt.date,
    before: dt.date | None,
    after: dt.date | None,
    month: str | None,
    within: str | None,
) -> tuple[dt.date | None, dt.date | None]:
    """The (after, before) bounds of the due days to list; None where unbounded."""
    chosen = [
        name for name, value in (("--month", month), ("--within", within)) if value is not None
    ]
    if chosen and (before or after):
        raise UsageError(
            _("{value} cannot be combined with --before or --after").format(value=chosen[0])
        )
    if len(chosen) == 2:
        raise UsageError(_("--month and --within cannot be combined: choose one"))
    if month is not None:
        from gongkai_cli.plan.month import parse_month

        span = parse_month(month, "--month")
        return span.first, span.last
    if within is not None:
        return within_span(within, as_of)
    return after, before


class DueItem(NamedTuple):
    """One obligation as `due` shows it on the as-of day.

    `status` is the deadline's (due, window_open, overdue, ongoing, undated), or `done`
    when the progress file records it done by then. With a progress file (`assessed`),
    `progress` is its entry's status as of the day (done after it is in_progress),
    `completed` the day it was done, `standing` the assessment's word and `days_late`
    the days past the due day.
    """

    obligation: Obligation
    status: str
    days_left: int | None
    assessed: bool = False
    progress: str | None = None
    completed: dt.date | None = None
    standing: str | None = None
    days_late: int | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"


class StatutoryItem(NamedTuple):
    """A yearly obligation of the 条例 (年度报告) as `due` shows it on the as-of day."""

    owed: "StatutoryDue"
    status: str
    days_left: int | None
    """None when the 条例 sets the obligation no day (undated)."""


Remind = tuple[int, Callable[[dt.date, int], dt.date]]
"""(N, before): a reminder on `before(due, N)`, the Nth working day before the due day."""


class DueAnswer(NamedTuple):
    """Everything `due` shows: the request as answered, and the groups of obligations."""

    request: DueRequest
    who: Asker
    document: Document
    policy: PreIssue
    """The plan's policy for deadlines before its issue date (印发前已到期)."""
    tasks: list[DueItem]
    """Due in the window (those done left out with --open)."""
    undated: list[DueItem]
    """With no due day (无明确时限, or waiting for an event's day): whatever the window."""
    maybe: list[DueItem]
    """Owed through a collective that lists no members: in the window or undated."""
    earlier: list[DueItem] | None
    """With a lower bound: due before it and still overdue on the as-of day."""
    statutory: list[StatutoryItem]
    progress: "Progress | None"
    done: int
    """Of the window's obligations, how many are done (counted before --open)."""
    undated_done: int
    events: list[Obligation]
    """For a calendar file: the window's obligations, those done left out with --open."""
    reminder: Remind | None
    """For a calendar file: (N, the Nth working day before a day), or None for none."""
    notes: list[str]
    """For people, on stderr: what was assumed, and what a calendar file leaves out."""
    highlight: re.Pattern[str] | None = None
    """Finds the searched word in verbatim text, wrap spaces and all (规 章 for 规章)."""


def due(scope: PlanScope, request: DueRequest) -> DueAnswer:
    """What the unit owes under the scope's plan, in the window, as of the request's day."""
    from gongkai_cli.plan.obligations import select

    document = scope.plan.document
    notes = []
    if not request.as_of_given and request.as_of.year > document.year:
        # Today is long past the plan's year: every status is "overdue". Say why.
        notes.append(
            _(
                "note: statuses are as of today, {as_of_date}, after the plan's year {year}; "
                "use --as-of to see them as of another day"
            ).format(as_of_date=request.as_of, year=document.year)
        )
    who, tasks, maybe = owed_by(scope, request.unit, request.member_of, request.direct_only)
    if not who.listed and (said := scope.units.admitted_note(request.unit)):
        notes.append(said)  # taken in by its kind, as a member of a collective: to check
    statutory = _statutory(scope, request, who)
    recorded = scope.progress
    if recorded is not None:
        from gongkai_cli.progress.events import with_events

        tasks = with_events(tasks, recorded)  # a task counted from a recorded event gets its day
    elif request.open_only:
        from gongkai_cli.io.settings import PROGRESS_ENV

        notes.append(
            _("no progress file (--progress / ${progress_env}): nothing counts as done").format(
                progress_env=PROGRESS_ENV
            )
        )
    as_of = request.as_of
    chosen = select(tasks, maybe, as_of, request.before, request.after, request.role, request.grep)
    items = _assessed(chosen.tasks, as_of, recorded)
    undated = _assessed(chosen.undated, as_of, recorded)
    likely = _assessed(chosen.maybe, as_of, recorded)
    earlier = None
    if chosen.earlier is not None:
        earlier = [i for i in _assessed(chosen.earlier, as_of, recorded) if not i.done]
    done = sum(1 for item in items if item.done)
    undated_done = sum(1 for item in undated if item.done)
    if request.open_only:
        items = [item for item in items if not item.done]
        undated = [item for item in undated if not item.done]
        likely = [item for item in likely if not item.done]
    events: list[Obligation] = []
    reminder = None
    if request.calendar_file:
        events = [item.obligation for item in items]
        # an event needs a day: say what the calendar leaves out, and where it is
        if undated:
            from gongkai_cli.i18n import ngettext

            notes.append(
                ngettext(
                    "note: {count} task has no due day (ongoing, no time node, or waiting "
                    "for an event) and is not in the calendar; gongkai due lists it",
                    "note: {count} tasks have no due day (ongoing, no time node, or waiting "
                    "for an event) and are not in the calendar; gongkai due lists them",
                    len(undated),
                ).format(count=len(undated))
            )
        if request.remind:
            from gongkai_cli.workdays.calendar import load_calendar

            reminder = (request.remind, load_calendar().working_day_before)
    return DueAnswer(
        request,
        who,
        document,
        scope.policy,
        items,
        undated,
        likely,
        earlier,
        [StatutoryItem(o, str(o.status(as_of)), o.days_left(as_of)) for o in statutory],
        recorded,
        done,
        undated_done,
        events,
        reminder,
        notes,
        _highlight(request.grep),
    )


def _highlight(word: str | None) -> re.Pattern[str] | None:
    if word is None:
        return None
    from gongkai_cli.plan.search import pattern

    return pattern(word)


def _statutory(scope: PlanScope, request: DueRequest, who: Asker) -> "list[StatutoryDue]":
    """The 条例's yearly reports `who` owes within the dates: on the plan's year they fall
    due the year after, so a window that ends in the plan's year (the headline) cannot
    reach them and loads nothing more; the 条例 gives them no role."""
    before = request.before
    reaches = before is None or before.year > scope.year
    if not reaches or request.role is not None or request.calendar_file:
        return []
    from gongkai_cli.plan.statutory import statutory_in_plan

    return statutory_in_plan(
        scope.plan.data_dir,
        scope.units,
        who,
        scope.year,
        request.as_of,
        before=before,
        after=request.after,
        direct_only=request.direct_only,
        grep=request.grep,
    )


def _assessed(
    obligations: Sequence[Obligation], as_of: dt.date, progress: "Progress | None"
) -> list[DueItem]:
    """Each obligation's status on `as_of`; with a progress file, its progress and
    completion: one done by the as-of day is `done`, no longer overdue."""
    plain = [DueItem(o, str(o.status(as_of)), o.days_left(as_of)) for o in obligations]
    if progress is None:
        return plain
    from gongkai_cli.progress.assessment import assess_obligations

    items = []
    for item, outcome in zip(plain, assess_obligations(obligations, progress, as_of), strict=True):
        entry = outcome.entry
        said = str(entry.status) if entry else None
        status = item.status
        if outcome.done:
            status = said = "done"
        elif said == "done":  # completed after the as-of day: not yet
            said = "in_progress"
        items.append(
            item._replace(
                status=status,
                assessed=True,
                progress=said,
                completed=outcome.completed,
                standing=str(outcome.standing),
                days_late=outcome.days_late,
            )
        )
    return items
