"""The span of due days `due` lists: --before/--after, a month, or the next N days.

`--month 2021-06` is 2021-06-01..2021-06-30. `--within 30d` runs from the as-of
day to 30 days later, both included (also 2w for weeks, 3m for calendar months,
and 30天, 2周, 3个月). A month or a --within span replaces --before and --after,
so they cannot be combined.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import N_, _

_WITHIN = re.compile(r"(\d{1,4})\s*(d|w|m|天|日|周|个月|月)", re.IGNORECASE)
ACCEPTED_WITHIN = N_("30d, 2w, 3m, 30天, 2周 or 3个月")


def within_span(text: str, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The days from `as_of` to the end of the span `text` (30d, 2w, 3m), both included."""
    match = _WITHIN.fullmatch(text.strip())
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


def due_window(
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
