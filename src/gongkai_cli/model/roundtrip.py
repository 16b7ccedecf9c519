"""The 报送 round trip's records: the template a unit fills in, the key each of its rows
carries, and what an import of returned sheets did (`progress.template`,
`progress.returns`, `progress.merge` build them; `render` lays them out).

Each row of a template carries a key, in a hidden column, that the import reads back
instead of the columns people see:

- the task (`seq`), the occurrence of a recurring task, and the unit;
- a fingerprint of the task's text, so a row never lands on another task of the
  same number (a corrected or another plan);
- a fingerprint of the ledger entry the row was filled in from, so the import
  knows whether the ledger has changed since;
- what the row showed (`was`), so the import applies only what the unit changed
  and tells a change of the unit's from a change made in the ledger meanwhile;
- the targets whose values the row's value columns hold, in order.

The key column's header cell holds the template's own key (`TemplateHead`): the
plan's 文号, the unit and the as-of date. Keys are JSON text: they survive any
office program's save, which keeps a cell's text and nothing else for certain.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Target
from gongkai_cli.model.progress import ProgressStatus, Standing, number

TEMPLATE_MARK = "gongkai-progress-template"
"""The header key's `kind`: what tells a returned sheet from any other."""
TEMPLATE_VERSION = 1

NO_ENTRY = "none"
"""The fingerprint of a row the ledger held no entry for."""


class Filled(NamedTuple):
    """What a unit fills in on one row: as the template showed it, or as a sheet returns it."""

    status: ProgressStatus | None
    """None: no status (the ledger has no entry for the row)."""
    completed: dt.date | None
    evidence: str
    note: str
    values: dict[str, float | None]
    """By target id: the targets the row's value columns hold (None: left empty)."""

    def record(self) -> dict[str, Any]:
        """As JSON-ready data (a key's `was`)."""
        return {
            "status": str(self.status) if self.status else None,
            "completed": self.completed.isoformat() if self.completed else None,
            "evidence": self.evidence,
            "note": self.note,
            "values": {k: None if v is None else number(v) for k, v in self.values.items()},
        }

    @classmethod
    def from_record(cls, data: Any) -> Filled:
        """The `was` of a key; ValueError when it is not one."""
        if not isinstance(data, dict) or set(data) != {
            "status",
            "completed",
            "evidence",
            "note",
            "values",
        }:
            raise ValueError("was")
        status = ProgressStatus(data["status"]) if data["status"] is not None else None
        completed = dt.date.fromisoformat(data["completed"]) if data["completed"] else None
        if not isinstance(data["evidence"], str) or not isinstance(data["note"], str):
            raise ValueError("was")
        values = data["values"]
        if not isinstance(values, dict) or not all(
            v is None or (isinstance(v, int | float) and not isinstance(v, bool))
            for v in values.values()
        ):
            raise ValueError("was")
        return cls(
            status,
            completed,
            data["evidence"],
            data["note"],
            {str(k): None if v is None else float(v) for k, v in values.items()},
        )


class RowKey(NamedTuple):
    """The hidden key of a template's row: see the module docstring."""

    seq: int
    occurrence: dt.date | None
    unit: str
    task: str
    entry: str
    targets: tuple[str, ...]
    was: Filled

    def text(self) -> str:
        """The key as the cell holds it."""
        return json.dumps(
            {
                "seq": self.seq,
                "occurrence": self.occurrence.isoformat() if self.occurrence else None,
                "unit": self.unit,
                "task": self.task,
                "entry": self.entry,
                "targets": list(self.targets),
                "was": self.was.record(),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def read(cls, text: str) -> RowKey:
        """The key a cell holds; ValueError when it holds none."""
        data = json.loads(text)
        fields = {"seq", "occurrence", "unit", "task", "entry", "targets", "was"}
        if not isinstance(data, dict) or set(data) != fields:
            raise ValueError("key")
        seq, occurrence, unit = data["seq"], data["occurrence"], data["unit"]
        if type(seq) is not int or not isinstance(unit, str):
            raise ValueError("key")
        if not isinstance(data["task"], str) or not isinstance(data["entry"], str):
            raise ValueError("key")
        targets = data["targets"]
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise ValueError("key")
        was = Filled.from_record(data["was"])
        if set(was.values) != set(targets):
            raise ValueError("key")
        return cls(
            seq,
            dt.date.fromisoformat(occurrence) if occurrence else None,
            unit,
            data["task"],
            data["entry"],
            tuple(targets),
            was,
        )


class TemplateHead(NamedTuple):
    """The template's own key (the key column's header cell): whose and of which plan."""

    plan: str
    """The plan's 文号."""
    unit: str
    as_of: dt.date

    def text(self) -> str:
        return json.dumps(
            {
                "kind": TEMPLATE_MARK,
                "version": TEMPLATE_VERSION,
                "plan": self.plan,
                "unit": self.unit,
                "as_of": self.as_of.isoformat(),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def read(cls, text: str) -> TemplateHead | None:
        """The head a cell holds, or None when it holds none (any other cell)."""
        if TEMPLATE_MARK not in text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("kind") != TEMPLATE_MARK:
            return None
        try:
            return cls(str(data["plan"]), str(data["unit"]), dt.date.fromisoformat(data["as_of"]))
        except (KeyError, TypeError, ValueError):
            return None


class TemplateRow(NamedTuple):
    """One obligation of the unit, as the template shows it."""

    obligation: Obligation
    key: RowKey
    targets: tuple[Target, ...]
    """The targets the unit records on this row: none for a supporting (配合) unit."""
    standing: Standing
    days: int | None
    """With the standing: days overdue (or late), or days left; None without a due day."""

    @property
    def shown(self) -> Filled:
        return self.key.was


class Template(NamedTuple):
    """What one unit owes, to be filled in: the rows, and what the title row says."""

    head: TemplateHead
    title: str
    """The plan's title."""
    draft: bool
    name_header: str
    """The plan's word for a task's name and content: 任务名称/任务内容, or 名称/条目内容."""
    content_header: str
    time_node_header: str
    rows: list[TemplateRow]
    may_apply: int
    """Tasks that may apply to the unit (各相关单位): not in the sheet, since none is owed."""

    @property
    def target_columns(self) -> int:
        """How many target columns the sheet needs: the most targets of any row."""
        return max((len(row.key.targets) for row in self.rows), default=0)


# Column headers: the import finds the columns by them, wherever they have moved.
STATUS_HEADER = "状态"
COMPLETED_HEADER = "完成日期"
EVIDENCE_HEADER = "佐证"
NOTE_HEADER = "备注"


def target_headers(index: int, count: int) -> tuple[str, str]:
    """The headers of the `index`-th (1-based) target's description and value columns."""
    if count == 1:
        return "指标", "指标值"
    return f"指标{index}", f"指标{index}值"


# -- reading returned sheets and merging them --------------------------------------------


class RowProblem(NamedTuple):
    """A row that cannot be imported, and why."""

    file: str
    row: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.message}"


class Prefer(StrEnum):
    """Which side wins a conflict."""

    SHEET = "sheet"
    LEDGER = "ledger"


class FieldChange(NamedTuple):
    """One field of one entry recorded from a returned row."""

    file: str
    row: int
    seq: int
    occurrence: dt.date | None
    unit: str
    field: str
    """status, completed, evidence, note, or values.<target id>."""
    before: Any
    after: Any


class Conflict(NamedTuple):
    """A field the unit and the ledger both changed since the template, differently."""

    file: str
    row: int
    seq: int
    occurrence: dt.date | None
    unit: str
    field: str
    template: Any
    ledger: Any
    sheet: Any
    kept: Prefer | None
    """The side recorded: by --prefer; None when neither was given (the ledger's stays)."""


class ImportResult(NamedTuple):
    """What an import did, or with `dry_run` would do."""

    ledger: Path
    files: list[str]
    rows: int
    """The rows of tasks read, across the files (those reported as problems too)."""
    changed_rows: int
    changes: list[FieldChange]
    conflicts: list[Conflict]
    problems: list[RowProblem]
    notes: list[str]
    created: bool
    """The ledger did not exist and was made."""
    dry_run: bool

    @property
    def unresolved(self) -> list[Conflict]:
        return [conflict for conflict in self.conflicts if conflict.kept is None]

    @property
    def failed(self) -> bool:
        """Whether a row could not be imported or a conflict awaits --prefer (exit 2)."""
        return bool(self.problems or self.unresolved)
