"""Obligations the 条例 fixes to a day of each year, owed by units of the kinds it names.

条例 第四十九条: 县级以上人民政府部门 submit and publish last year's 政府信息公开工作
年度报告 by 1月31日; the 主管部门 of each 县级以上地方人民政府 publish their
government's by 3月31日. The rules book (`annual` in statutory.yaml) names the kinds
of unit that owe each one and records why (`decision`), so any plan's units are
covered by their `kind`: 市教委 and 区数据局 owe the first; 市政府办公厅 and a district's
区府办 both (their own report as a 部门, and the government's as its 主管部门); each
区政府 the second; a 街道办事处 or 镇人民政府 a report the 条例 sets no day for (第五十条
presupposes reports at every level): 条例未定日期（第五十条）；按本地通知.

For a plan of year Y, `due` shows the reports on year Y, due in Y+1: the report
that closes the plan's year. The ones due in Y itself report on Y-1, before the plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai_cli.model.obligation import Asker, DeadlineStatus
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.workdays.rules import AnnualObligation, load_rules


def reaches(plan_year: int, before: dt.date | None) -> bool:
    """Whether a window ending on `before` can hold a report on `plan_year`: it is due
    the year after. (cli/due_cmds.py asks the same before importing this module, so
    that the headline answer never loads the rules book.)"""
    return before is None or before.year > plan_year


@dataclass(frozen=True, slots=True)
class StatutoryDue:
    """A yearly obligation of the 条例 that a unit owes, on its day."""

    obligation: AnnualObligation
    unit: str
    via: str | None
    """The collective of its kind it belongs to (市政府各部门, 各区政府), or None."""
    report_year: int
    """The year the report covers."""

    @property
    def due(self) -> dt.date | None:
        """The day it is due, in the year after the one reported on; None when the 条例
        sets no day (`undated` says so)."""
        return self.obligation.due(self.report_year + 1)

    @property
    def title(self) -> str:
        """What is owed, with the year reported on: ...（2021年度报告）."""
        return f"{self.obligation.name}（{self.report_year}年度报告）"

    def status(self, as_of: dt.date) -> DeadlineStatus:
        """Due, or overdue once `as_of` is past the day (a progress file cannot record it);
        undated when the 条例 sets no day."""
        if self.due is None:
            return DeadlineStatus.UNDATED
        return DeadlineStatus.OVERDUE if as_of > self.due else DeadlineStatus.DUE

    def days_left(self, as_of: dt.date) -> int | None:
        """Days from `as_of` to the due day; negative once it has passed; None undated."""
        return (self.due - as_of).days if self.due is not None else None


def statutory_owed(
    annual: Iterable[AnnualObligation],
    units: UnitDirectory,
    who: Asker,
    plan_year: int,
    as_of: dt.date,
    *,
    before: dt.date | None = None,
    after: dt.date | None = None,
    direct_only: bool = False,
    grep: str | None = None,
) -> list[StatutoryDue]:
    """The yearly obligations `who` owes for the plan's year, by due day.

    Those due within the dates, and with a lower bound, those due before it and
    overdue on `as_of` (as `due` keeps overdue tasks in view). A unit owes one when
    its kind is one the obligation names; `via` is then its collective whose members
    (listed, and of its member kinds) are all of those kinds, and `direct_only` leaves
    such ones out. `grep` (squeezed) keeps those whose name or quote contains it.
    """
    if who.kind is None:  # an unlisted unit of collectives of mixed kinds: unknown
        return []
    found: list[StatutoryDue] = []
    for obligation in annual:
        if who.kind not in obligation.kinds:
            continue
        via = next(
            (
                c.name
                for c in who.collectives
                if (c.members or c.member_kinds)
                and all(m.kind in obligation.kinds for m in units.members(c))
                and all(kind in obligation.kinds for kind in c.member_kinds)
            ),
            None,
        )
        if via is not None and direct_only:
            continue
        if grep is not None:
            from gongkai_cli.plan.search import squeezed

            if grep not in squeezed(obligation.name) and grep not in squeezed(obligation.quote):
                continue
        owed = StatutoryDue(obligation, who.name, via, plan_year)
        if owed.due is None:  # no day in the 条例: shown whenever the window reaches the
            if reaches(plan_year, before):  # year the reports are made in
                found.append(owed)
            continue
        inside = (before is None or owed.due <= before) and (after is None or owed.due >= after)
        earlier = (
            after is not None and owed.due < after and owed.status(as_of) is DeadlineStatus.OVERDUE
        )
        if inside or earlier:
            found.append(owed)
    return sorted(found, key=lambda o: (o.due is None, o.due or dt.date.max))


def statutory_in_plan(
    directory: Path | None,
    units: UnitDirectory,
    who: Asker,
    plan_year: int,
    as_of: dt.date,
    *,
    before: dt.date | None = None,
    after: dt.date | None = None,
    direct_only: bool = False,
    grep: str | None = None,
) -> list[StatutoryDue]:
    """`statutory_owed` on the yearly obligations of the rules book of the plan in
    `directory` (its own rules, then the statutory ones; None: the shipped plan)."""
    return statutory_owed(
        load_rules(None, directory).annual,
        units,
        who,
        plan_year,
        as_of,
        before=before,
        after=after,
        direct_only=direct_only,
        grep=grep,
    )
