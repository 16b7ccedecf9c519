"""Merging returned 报送 sheets into the progress file (`gongkai progress import`).

Each row of a returned sheet (`progress.returns`) is merged field by field — the
status with its completion date as one field, 佐证, 备注, each target's value —
three ways: what the template showed (`was`), what the sheet says now, and what
the ledger holds now.

- A field the unit left as the template had it changes nothing, whatever the
  ledger holds now.
- A field the unit changed is recorded, when the ledger still holds what the
  template showed (or already holds what the sheet says).
- A field the unit changed, which the ledger has changed too since the template
  was made (its entry's fingerprint differs), to something else, is a *conflict*:
  listed, never silently overwritten. `--prefer sheet` records the sheet's value,
  `--prefer ledger` keeps the ledger's; with neither it is left as the ledger has
  it and the import exits 2.

Rows are checked against the plan: the task the key names must be the task the
row was made for, owed by the unit (and, for a recurring task, that occurrence).
A row that fails is reported with its file and row and left out; the others are
recorded. The whole merge is decided and written under the ledger's lock, once,
through the same edit as `progress set` (`progress.edit.edit_entries`), so it is
atomic, loses no concurrent update, and importing the same sheet again changes
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gongkai_cli.errors import UsageError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Role, UnitKind
from gongkai_cli.model.progress import number
from gongkai_cli.model.roundtrip import (
    Conflict,
    FieldChange,
    Filled,
    ImportResult,
    Prefer,
    RowProblem,
)
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.progress.edit import Change, edit_entries, new_entry_status
from gongkai_cli.progress.file import (
    Progress,
    collective_message,
    not_owed_reason,
    occurrence_problem,
)
from gongkai_cli.progress.returns import Returned, ReturnedRow
from gongkai_cli.progress.template import entry_fingerprint, filled, task_fingerprint


def _value(filled_row: Filled, field: str) -> Any:
    """A field of a row, as the diff shows it."""
    if field.startswith("values."):
        value = filled_row.values.get(field.removeprefix("values."))
        return None if value is None else number(value)
    if field == "status":
        return str(filled_row.status) if filled_row.status else None
    if field == "completed":
        return filled_row.completed.isoformat() if filled_row.completed else None
    text: str = getattr(filled_row, field)
    return text


def _fields(targets: Sequence[str]) -> list[tuple[str, ...]]:
    """The fields merged as one, in the order the diff lists them: the status goes with
    its completion date."""
    return [
        ("status", "completed"),
        ("evidence",),
        ("note",),
        *((f"values.{target}",) for target in targets),
    ]


def _same(a: Filled, b: Filled, group: tuple[str, ...]) -> bool:
    return all(_value(a, field) == _value(b, field) for field in group)


def _take(into: dict[str, Any], source: Filled, group: tuple[str, ...]) -> None:
    for field in group:
        if field.startswith("values."):
            into["values"][field.removeprefix("values.")] = source.values.get(
                field.removeprefix("values.")
            )
        else:
            into[field] = getattr(source, field)


class _Merger:
    """The merge of every returned row, decided against the ledger as it is under the lock."""

    def __init__(self, plan: Plan, returned: Sequence[Returned], prefer: Prefer | None) -> None:
        self.plan = plan
        self.units = UnitDirectory(plan.units)
        self.returned = returned
        self.prefer = prefer
        self.policy = pre_issue_policy(plan.document)
        self.changes: list[FieldChange] = []
        self.conflicts: list[Conflict] = []
        self.problems: list[RowProblem] = []
        self.changed_rows: set[tuple[str, int]] = set()
        self._owed: dict[str, dict[tuple[int, dt.date | None], Obligation]] = {}
        self._rows: dict[int, ReturnedRow] = {}

    def decide(self, current: Progress) -> list[Change]:
        state: dict[tuple[int, str, dt.date | None], Filled] = {}
        changes = []
        for returned in self.returned:
            for row in returned.rows:
                change = self._merge(returned, row, current, state)
                if change is not None:
                    self._rows[id(change)] = row
                    changes.append(change)
        return changes

    def refused(self, change: Change, reason: str) -> None:
        """A change the edit refused: its row is a problem, and records nothing."""
        row = self._rows[id(change)]
        self.changes = [c for c in self.changes if (c.file, c.row) != (row.file, row.row)]
        self.changed_rows.discard((row.file, row.row))
        self.problems.append(RowProblem(row.file, row.row, reason))

    def _obligation(self, returned: Returned, row: ReturnedRow) -> Obligation | str:
        """The obligation the row's key names, or why there is none."""
        key = row.key
        unit = self.units.get(key.unit) or self.units.admit(key.unit)
        if unit is None:
            return _("unknown unit {name} in the row's key ('gongkai units' lists them)").format(
                name=clipped(key.unit)
            )
        if unit.kind is UnitKind.COLLECTIVE:
            return collective_message(self.units, unit)
        head_unit = self.units.get(returned.head.unit) or self.units.admit(returned.head.unit)
        if head_unit is not None and head_unit.name != unit.name:
            return _("the row is {row_unit}'s, copied into {unit}'s sheet: leave it out").format(
                row_unit=unit.name, unit=head_unit.name
            )
        tasks = self.plan.tasks
        if not 1 <= key.seq <= len(tasks):
            return _("no task {seq}: the plan's tasks run 1..{tasks}").format(
                seq=key.seq, tasks=len(tasks)
            )
        task = self.plan.task(key.seq)
        if task_fingerprint(task) != key.task:
            return _(
                "task {seq} of the plan is not the task the row was made for (its text has "
                "changed since): make a new template"
            ).format(seq=key.seq)
        if unit.name not in self._owed:
            obligations, _maybe = owed(
                tasks, self.units, asker(self.units, unit.name), policy=self.policy
            )
            self._owed[unit.name] = {(o.task.seq, o.occurrence): o for o in obligations}
        obligation = self._owed[unit.name].get((key.seq, key.occurrence))
        if obligation is None:
            if key.occurrence is not None and (problem := occurrence_problem(task, key.occurrence)):
                return problem
            return not_owed_reason(self.units, unit, task)
        known = [t.id for t in task.targets] if obligation.role is not Role.SUPPORT else []
        if any(target not in known for target in key.targets):
            return _(
                "the row's targets ({targets}) are not task {seq}'s: make a new template"
            ).format(targets=", ".join(key.targets), seq=key.seq)
        return obligation

    def _merge(
        self,
        returned: Returned,
        row: ReturnedRow,
        current: Progress,
        state: dict[tuple[int, str, dt.date | None], Filled],
    ) -> Change | None:
        found = self._obligation(returned, row)
        if isinstance(found, str):
            self.problems.append(RowProblem(row.file, row.row, found))
            return None
        obligation = found
        key, sheet, was = row.key, row.filled, row.key.was
        identity = (key.seq, obligation.unit, key.occurrence)
        entry = current.entry_for(obligation)
        now = state.get(identity) or filled(entry, key.targets)
        moved = identity in state or entry_fingerprint(entry) != key.entry
        target: dict[str, Any] = now._asdict()
        target["values"] = dict(now.values)
        for group in _fields(key.targets):
            if _same(sheet, was, group) or _same(sheet, now, group):
                continue  # the unit changed nothing here, or the ledger already says so
            if not moved or _same(now, was, group):
                _take(target, sheet, group)
                continue
            kept = self.prefer
            for field in group:
                if field == "completed" and _value(sheet, field) == _value(now, field):
                    continue
                self.conflicts.append(
                    Conflict(
                        row.file,
                        row.row,
                        key.seq,
                        key.occurrence,
                        obligation.unit,
                        field,
                        _value(was, field),
                        _value(now, field),
                        _value(sheet, field),
                        kept,
                    )
                )
            if kept is Prefer.SHEET:
                _take(target, sheet, group)
        result = Filled(**target)
        if result == now:
            return None
        if entry is None and result.status is None:  # a new entry: its status is recorded too
            result = result._replace(status=new_entry_status(result.completed))
        state[identity] = result
        self.changed_rows.add((row.file, row.row))
        for group in _fields(key.targets):
            for field in group:
                before, after = _value(now, field), _value(result, field)
                if before != after:
                    self.changes.append(
                        FieldChange(
                            row.file,
                            row.row,
                            key.seq,
                            key.occurrence,
                            obligation.unit,
                            field,
                            before,
                            after,
                        )
                    )
        own = current.entry(key.seq, obligation.unit, key.occurrence)
        whole = own is None  # a new entry (or an occurrence's own): every field written

        def changed(field: str) -> bool:
            return whole or _value(now, field) != _value(result, field)

        status_changed = changed("status") or changed("completed")
        return Change(
            seq=key.seq,
            unit=obligation.unit,
            status=result.status if status_changed else None,
            chinese=None,
            completed=result.completed if status_changed else None,
            evidence=result.evidence if changed("evidence") else None,
            note=result.note if changed("note") else None,
            occurrence=key.occurrence,
            values=tuple(
                (target_id, value)
                for target_id, value in result.values.items()
                if changed(f"values.{target_id}")
            ),
        )


def merge_returns(
    ledger: Path,
    plan: Plan,
    returned: Sequence[Returned],
    prefer: Prefer | None = None,
    *,
    dry_run: bool = False,
) -> ImportResult:
    """Merge the returned sheets into the progress file `ledger` (made when missing), under
    its lock, in one atomic write; with `dry_run`, decide the same and write nothing.

    A sheet made for another plan is a UsageError (exit 2) before anything is read from
    the ledger; a bad row is a problem of the result, and the other rows are recorded.
    """
    number_ = plan.document.number
    wrong = [
        _("{name} was made for the plan {plan}, not {number}: name its plan with --plan").format(
            name=clipped(r.name), plan=r.head.plan, number=number_
        )
        for r in returned
        if r.head.plan != number_
    ]
    if wrong:
        raise UsageError("\n".join(wrong))
    existed = ledger.exists()
    merger = _Merger(plan, returned, prefer)
    edit_entries(ledger, plan, merger.decide, write=not dry_run, refused=merger.refused)
    problems = [p for r in returned for p in r.problems] + merger.problems
    problems.sort(key=lambda p: ([r.name for r in returned].index(p.file), p.row))
    changes = sorted(merger.changes, key=lambda c: _order(returned, c.file, c.row))
    return ImportResult(
        ledger,
        [r.name for r in returned],
        sum(len(r.rows) + len(r.problems) for r in returned),
        len(merger.changed_rows),
        changes,
        merger.conflicts,
        problems,
        [note for r in returned for note in r.notes],
        created=not existed and not dry_run,
        dry_run=dry_run,
    )


def _order(returned: Sequence[Returned], file: str, row: int) -> tuple[int, int]:
    return [r.name for r in returned].index(file), row
