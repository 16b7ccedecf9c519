"""The 报送 template: one sheet of what a unit owes, for it to fill in and send back.

The supervising office sends each unit a sheet of its tasks (`gongkai progress
template`); the unit fills in 状态, 完成日期, 佐证, 备注 and the targets' values, in
Excel, WPS or LibreOffice, and sends it back; `gongkai progress import` merges it
into the progress file (`progress.returns`, `progress.merge`). The records, and the
key each row carries, are `model.roundtrip`'s; here they are made from the plan's
obligations and the progress file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Role, Task
from gongkai_cli.model.progress import Standing, number
from gongkai_cli.model.roundtrip import (
    NO_ENTRY,
    Filled,
    RowKey,
    Template,
    TemplateHead,
    TemplateRow,
)
from gongkai_cli.plan.load import Plan
from gongkai_cli.progress.file import Entry, Progress


def filled(entry: Entry | None, targets: Sequence[str]) -> Filled:
    """What a row shows of `entry` (None: nothing recorded), with the values of `targets`."""
    if entry is None:
        return Filled(None, None, "", "", dict.fromkeys(targets))
    return Filled(
        entry.status,
        entry.completed,
        entry.evidence,
        entry.note,
        {target: entry.values.get(target) for target in targets},
    )


def _digest(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entry_fingerprint(entry: Entry | None) -> str:
    """A fingerprint of a ledger entry, every field of it; NO_ENTRY for none."""
    if entry is None:
        return NO_ENTRY
    return _digest(
        {
            "seq": entry.seq,
            "unit": entry.unit,
            "occurrence": entry.occurrence.isoformat() if entry.occurrence else None,
            "event": entry.event.isoformat() if entry.event else None,
            "status": str(entry.status),
            "completed": entry.completed.isoformat() if entry.completed else None,
            "evidence": entry.evidence,
            "note": entry.note,
            "values": {k: number(v) for k, v in sorted(entry.values.items())},
        }
    )


def task_fingerprint(task: Task) -> str:
    """A fingerprint of a task's text (name and content): the task a row was made for."""
    return _digest({"name": task.name, "content": task.content})[:12]


def build_template(
    plan: Plan,
    unit: str,
    obligations: Sequence[Obligation],
    may_apply: int,
    progress: Progress,
    as_of: dt.date,
) -> Template:
    """The template of `unit` (canonical), whose obligations (`queries.due.owed_by`) are
    `obligations`, filled in from `progress` and assessed as of `as_of`."""
    from gongkai_cli.progress.assessment import assess_obligations
    from gongkai_cli.progress.events import with_events

    dated = with_events(obligations, progress)
    rows = []
    for outcome in assess_obligations(dated, progress, as_of):
        obligation = outcome.obligation
        task = obligation.task
        targets = task.targets if obligation.role is not Role.SUPPORT else ()
        entry = outcome.entry
        key = RowKey(
            task.seq,
            obligation.occurrence,
            unit,
            task_fingerprint(task),
            entry_fingerprint(entry),
            tuple(t.id for t in targets),
            filled(entry, [t.id for t in targets]),
        )
        days: int | None
        if obligation.due is None:
            days = None
        elif outcome.standing in (Standing.OVERDUE, Standing.DONE_LATE):
            days = outcome.days_late
        else:
            days = (obligation.due - as_of).days
        rows.append(TemplateRow(obligation, key, tuple(targets), outcome.standing, days))
    document = plan.document
    terms = document.layout.terms
    return Template(
        TemplateHead(document.number, unit, as_of),
        document.title,
        document.draft,
        terms.name,
        terms.content,
        terms.time_node,
        rows,
        may_apply,
    )
