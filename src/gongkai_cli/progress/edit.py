"""Recording progress: one entry of the progress file changed in place (`progress set`).

The file is someone's working document, so an edit keeps its comments, its key
order and its entries' order (ruamel.yaml's round trip); a new entry goes in
`seq` order. The edited text is validated against the plan before anything is
written, and it is written atomically: a temporary file in the same directory,
flushed to disk, then renamed over the old one, so a crash at any point leaves
either the old file or the new one, whole. From the read to the rename the
writer holds the file's lock (`io.files.locked`), so two `progress set` runs at
once both land.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import _
from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Role, Task
from gongkai_cli.model.progress import number
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
from gongkai_cli.plan.units import UnitDirectory
from gongkai_cli.progress.file import (
    Entry,
    Progress,
    ProgressStatus,
    collective_message,
    event_problem,
    not_owed_reason,
    occurrence_problem,
    parse_progress,
)

# The order of an entry's keys when gongkai adds one (keys already there stay put).
KEY_ORDER = (
    "seq",
    "unit",
    "occurrence",
    "event",
    "status",
    "completed",
    "evidence",
    "note",
    "values",
)


@dataclass(frozen=True, slots=True)
class Change:
    """What `progress set` was asked to record; None leaves a field as it is."""

    seq: int
    unit: str
    status: ProgressStatus | None = None
    chinese: bool | None = None
    """The language the status was typed in (True: 未开始/进行中/已完成, False: a code),
    None when it was not typed (or came from a returned sheet, whose words are Chinese
    whatever the ledger's). A status is written in the ledger's language (`_status_word`);
    the typed one decides only a ledger that has no status written yet."""
    completed: dt.date | None = None
    evidence: str | None = None  # "" removes it
    note: str | None = None  # "" removes it
    value: float | None = None
    target: str | None = None
    event: dt.date | None = None  # the day of the event the task's time node counts from
    occurrence: dt.date | None = None  # for a recurring task: the occurrence (its day)
    values: tuple[tuple[str, float | None], ...] = ()
    """Target values to record, by target id (already checked); None removes one."""


def header(plan: Plan, chinese: bool = False) -> str:
    """The opening of a new progress file: what it is and how to edit it, in Chinese for a
    Chinese ledger. The plan's title and 文号 are written as one printable comment line
    (import's `comment_text`): a line break or a control character in them would end the
    comment or make the file unreadable."""
    from gongkai_cli.plan.importing.write import comment_text

    document = plan.document
    title, number = comment_text(document.title), comment_text(document.number)
    if chinese:
        opening = (
            f"# gongkai 进展台账：{title}{f'（{number}）' if number else ''}\n"
            "# 每项任务（seq）每个单位一条；集合承担的任务由每个成员各记一条。\n"
            "# status：未开始、进行中或已完成；"
            "已完成的条目须有完成日期（completed: 2021-06-30）。\n"
            "# evidence：网址或文号。values：任务的量化指标，按指标 id 填写。\n"
            "# 可直接编辑，或用 `gongkai progress set` 记录；任务的指标见 `gongkai show 序号`。\n"
        )
    else:
        opening = (
            f"# gongkai progress file (进展台账): {title}{f' ({number})' if number else ''}\n"
            "# One entry per task (seq) and unit; a collective's task is recorded by each "
            "member.\n"
            "# status: not_started | in_progress | done (a done entry has completed: "
            "YYYY-MM-DD).\n"
            "# evidence: a URL or a document number. values: the task's targets by id.\n"
            "# Edit by hand or with `gongkai progress set`; see `gongkai show SEQ` for "
            "targets.\n"
        )
    return (
        opening
        + _event_line(plan, chinese)
        + _occurrence_line(plan, chinese)
        + _plan_line(document.number)
        + "entries:\n"
    )


def _plan_line(number: str) -> str:
    """`plan: 文号`, the 文号 written by the YAML emitter: quoted and escaped where it must
    be (a leading @, a control character), as it is otherwise."""
    import io

    out = io.StringIO()
    _yaml().dump({"plan": number}, out)
    return out.getvalue()


def _event_line(plan: Plan, chinese: bool) -> str:
    """The header's line on `event:`, for a plan with a task counted from an event."""
    if not any(task.deadline.awaits_event for task in plan.tasks):
        return ""
    if chinese:
        return "# event：自某一事件起算的任务（决策文件出台后10个工作日），填该事件发生之日。\n"
    return (
        "# event: for a task counted from an event (决策文件出台后10个工作日), "
        "the day it happened.\n"
    )


def _occurrence_line(plan: Plan, chinese: bool) -> str:
    """The header's line on `occurrence:`, for a plan with a recurring task."""
    if not any(task.deadline.occurrences for task in plan.tasks):
        return ""
    if chinese:
        return "# occurrence：周期性任务（每季度）的某一次，填该次的日期。\n"
    return "# occurrence: for a recurring task (每季度), which occurrence, by its day.\n"


def new_entry_status(completed: dt.date | None, event: dt.date | None = None) -> ProgressStatus:
    """The status of a new entry none is given for: done when it has a completion date;
    not started when only the day of its event is recorded (the work may not have begun);
    else in progress (a note or evidence is recorded while the work goes on)."""
    if completed is not None:
        return ProgressStatus.DONE
    if event is not None:
        return ProgressStatus.NOT_STARTED
    return ProgressStatus.IN_PROGRESS


def ledger_language(document: Any, typed: bool | None) -> bool:
    """Whether the ledger is Chinese: as most of its statuses are written (未开始/进行中/
    已完成 or the codes); a ledger with none yet, as the status was typed, else as the
    messages are (Chinese unless GONGKAI_LANG=en)."""
    from gongkai_cli import i18n

    words = [
        str(item.get("status")).strip()
        for item in (document.get("entries") or [])
        if hasattr(item, "get") and item.get("status")
    ]
    chinese = sum(1 for word in words if not word.isascii())
    if chinese * 2 != len(words):
        return chinese * 2 > len(words)
    if typed is not None:
        return typed
    return i18n.language() != i18n.ENGLISH


def obligation_for(plan: Plan, seq: int, unit_name: str) -> Obligation:
    """The obligation of the unit `unit_name` (as typed) for task `seq`, or UsageError why not."""
    from gongkai_cli.model.plan import UnitKind
    from gongkai_cli.plan.install import elsewhere

    units = UnitDirectory(plan.units, elsewhere(plan.data_dir))
    task = plan.task(seq)
    unit = units.resolve(unit_name)
    if unit.kind is UnitKind.COLLECTIVE:
        raise UsageError(collective_message(units, unit))
    obligations, _ = owed(
        plan.tasks, units, asker(units, unit.name), policy=pre_issue_policy(plan.document)
    )
    for obligation in obligations:
        if obligation.task.seq == seq:
            return obligation
    raise UsageError(not_owed_reason(units, unit, task))


def _target_id(obligation: Obligation, change: Change) -> str | None:
    task: Task = obligation.task
    ids = [target.id for target in task.targets]
    if change.value is not None and not math.isfinite(change.value):
        # inf would meet every ">=" target and nan would reach JSON output as a bare NaN.
        raise UsageError(
            _("--value must be a finite number, not {value}").format(value=change.value)
        )
    if change.value is None:
        if change.target is not None:
            raise UsageError(_("--target names the target that --value is for: give --value too"))
        return None
    if not ids:
        raise UsageError(
            _("task {seq} sets no quantitative target, so --value has none to record").format(
                seq=task.seq
            )
        )
    if obligation.role is Role.SUPPORT:
        raise UsageError(
            _(
                "{unit} supports (配合) task {seq}: its targets are recorded by the lead or "
                "responsible units"
            ).format(unit=obligation.unit, seq=task.seq)
        )
    if change.target is None:
        if len(ids) > 1:
            raise UsageError(
                _("task {seq} has targets {ids}: say which with --target").format(
                    seq=task.seq, ids=", ".join(ids)
                )
            )
        return ids[0]
    if change.target not in ids:
        raise UsageError(
            _("task {seq} has no target {target} (its targets: {ids})").format(
                seq=task.seq, target=shown(change.target), ids=", ".join(ids)
            )
        )
    return change.target


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: comments, key order and quoting survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a long note across lines
    yaml.preserve_quotes = True
    return yaml


def set_entry(
    path: Path, plan: Plan, change: Change, today: dt.date, *, create: bool = True
) -> tuple[Entry, bool]:
    """Record `change` in the progress file at `path`; return the entry and whether it is new.

    Creates the file when it does not exist, if `create` (else a UsageError: a mistyped
    name must not start a new ledger). Refuses (UsageError) an entry the plan does not
    call for; refuses (InvalidDataError) to edit a file that does not validate, so
    nothing in it is lost or rewritten unseen.
    """
    from gongkai_cli.io.files import exists, locked

    obligation = obligation_for(plan, change.seq, change.unit)
    unit = obligation.unit
    target_id = _target_id(obligation, change)
    if change.completed is not None and change.completed > today:
        raise UsageError(
            _("--on {completed} is after today ({today}): record it when done").format(
                completed=change.completed, today=today
            )
        )
    day = change.occurrence
    if day is not None and (problem := occurrence_problem(obligation.task, day)):
        raise UsageError(_("--occurrence: {problem}").format(problem=problem))
    if change.event is not None:
        if problem := event_problem(plan, obligation.task, change.event):
            raise UsageError(_("--event: {problem}").format(problem=problem))
        if change.event > today:
            raise UsageError(
                _("--event {event} is after today ({today}): record it when it happens").format(
                    event=change.event, today=today
                )
            )

    if not create and not exists(path):
        raise UsageError(
            _("{path}: no such file; to start a new progress file there, add --create").format(
                path=path
            )
        )
    # Import the YAML and validation code and build the schema before taking the lock:
    # they cost more than the edit itself, and every other writer waits on the lock.
    parse_progress(path, "entries: []\n", plan)
    _yaml().load(header(plan))
    with locked(path):  # from the read to the rename: no other writer's update is lost
        return _edit(path, plan, change, unit, target_id)


def _edit(
    path: Path, plan: Plan, change: Change, unit: str, target_id: str | None
) -> tuple[Entry, bool]:
    created: list[bool] = []

    def apply(document: Any, units: UnitDirectory, chinese: bool) -> None:
        created.append(_apply(document, units, change, unit, target_id, chinese))

    progress = _rewrite(path, plan, apply, typed=change.chinese)
    entry = progress.entry(change.seq, unit, change.occurrence)
    assert entry is not None  # just written and validated
    return entry, created[0]


def edit_entries(
    path: Path,
    plan: Plan,
    decide: Callable[[Progress], Sequence[Change]],
    *,
    write: bool = True,
    refused: Callable[[Change, str], None] | None = None,
) -> tuple[Progress, Progress]:
    """Record several changes in the progress file at once, under its lock: `decide` is
    given the progress the file holds now and returns the changes to make (each already
    checked: an owed task, a canonical unit name, known target ids). The file is written
    once, atomically, and only when something changed (or it did not exist: it is then
    made); with `write` False nothing is written. Returns the progress before and after.

    A change `progress set` would refuse (a done entry with no date) raises UsageError,
    or, with `refused`, is passed to it with the reason and left out.
    """
    from gongkai_cli.io.files import locked

    parse_progress(path, "entries: []\n", plan)  # imports and schema before the lock
    _yaml().load(header(plan))
    with locked(path):
        before: list[Progress] = []

        def apply(document: Any, units: UnitDirectory, chinese: bool) -> None:
            from gongkai_cli.progress.file import NO_PROGRESS

            current = _current(path, plan) if path.exists() else NO_PROGRESS
            before.append(current)
            for change in decide(current):
                try:
                    _apply(document, units, change, change.unit, None, chinese)
                except UsageError as exc:
                    if refused is None:
                        raise
                    refused(change, str(exc))

        after = _rewrite(path, plan, apply, write=write)
        return before[0], after


def create_ledger(path: Path, plan: Plan) -> None:
    """Make the progress file `path` with its header and no entries (`progress template`),
    in the language of the messages."""
    edit_entries(path, plan, lambda current: [])


def _current(path: Path, plan: Plan) -> Progress:
    from gongkai_cli.io.yamlio import read_text
    from gongkai_cli.progress.file import Progress

    text = read_text(path)
    return parse_progress(path, text, plan) if text.strip() else Progress(path, {})


def _rewrite(
    path: Path,
    plan: Plan,
    apply: Callable[[Any, UnitDirectory, bool], None],
    *,
    write: bool = True,
    typed: bool | None = None,
) -> Progress:
    """Read the file (held locked by the caller), `apply` edits to its YAML document (told
    whether the ledger is Chinese: `ledger_language`, `typed` deciding a ledger with no
    status yet), validate the new text and write it atomically; return the progress it
    now holds. A new or empty file starts with the header in the ledger's language."""
    from ruamel.yaml.comments import CommentedSeq

    from gongkai_cli.io.files import write_atomically
    from gongkai_cli.io.yamlio import read_text

    existed = path.exists()
    text = read_text(path) if existed else ""
    yaml = _yaml()
    document = None
    if text.strip():
        parse_progress(path, text, plan)  # a broken file is fixed by hand first
        document = yaml.load(text)
    chinese = ledger_language(document or {}, typed)
    if document is None:
        text = header(plan, chinese)
        document = yaml.load(text)
    entries = document.get("entries")
    if not entries:  # missing, null or an empty flow list: start a block list
        entries = CommentedSeq()
        document["entries"] = entries
    apply(document, UnitDirectory(plan.units), chinese)
    out = io.StringIO()
    yaml.dump(document, out)
    new_text = out.getvalue()
    progress = parse_progress(path, new_text, plan)  # never write a file that would not load
    if write and (new_text != text or not existed):
        write_atomically(path, new_text)
    return progress


def _apply(
    document: Any,
    units: UnitDirectory,
    change: Change,
    unit: str,
    target_id: str | None,
    chinese: bool,
) -> bool:
    """Make `change` in the YAML document (a ledger in Chinese if `chinese`); return
    whether it added an entry."""
    from ruamel.yaml.comments import CommentedMap

    from gongkai_cli.io.roundtrip import drop, insert_item, put

    entries = document["entries"]
    index = next(
        (
            i
            for i, item in enumerate(entries)
            if _seq_of(item) == change.seq
            and units.canonical(str(item.get("unit"))) == unit
            and _occurrence_of(item) == change.occurrence
        ),
        None,
    )
    existing = entries[index] if index is not None else CommentedMap()
    current = existing.get("status")
    status = _status(change, current)
    if status is ProgressStatus.DONE and not (change.completed or existing.get("completed")):
        # Refused before anything is touched: the document stays as it was.
        raise UsageError(_("a done entry needs its completion date: add --on DATE"))
    created = index is None
    if index is None:
        item = CommentedMap([("seq", change.seq), ("unit", unit)])
        if change.occurrence is not None:
            item["occurrence"] = change.occurrence
        index = next((i for i, e in enumerate(entries) if _seq_of(e) > change.seq), len(entries))
        insert_item(document, "entries", index, item)
    item = entries[index]

    if change.event is not None:
        put(item, "event", change.event, KEY_ORDER)
    word = _status_word(status, current, chinese)
    if word != current:  # an unchanged word keeps its quoting too
        put(item, "status", word, KEY_ORDER)
    if status is ProgressStatus.DONE:
        completed = change.completed or item.get("completed")
        if completed != item.get("completed"):  # an unchanged date keeps its spelling
            put(item, "completed", completed, KEY_ORDER)
    else:
        drop(item, "completed")
    for key, new in (("evidence", change.evidence), ("note", change.note)):
        if new == "":
            drop(item, key)
        elif new is not None and new != item.get(key):
            put(item, key, new, KEY_ORDER)
    values: list[tuple[str, float | None]] = list(change.values)
    if target_id is not None and change.value is not None:
        values.append((target_id, change.value))
    for key, value in values:
        _put_value(item, key, value)
    return created


def _put_value(item: Any, target_id: str, value: float | None) -> None:
    """Record (or, with None, remove) the value of one target in an entry."""
    from ruamel.yaml.comments import CommentedMap

    from gongkai_cli.io.roundtrip import drop, put

    values = item.get("values")
    if value is None:
        if values is not None and target_id in values:
            if len(values) == 1:
                drop(item, "values")
            else:
                drop(values, target_id)
        return
    if values is None:
        put(item, "values", CommentedMap([(target_id, number(value))]), KEY_ORDER)
    elif values.get(target_id) != number(value):
        put(values, target_id, number(value), [*values, target_id])


def _status(change: Change, current: object) -> ProgressStatus:
    """The status to record: as given; done when a date is; else as it was; else a new
    entry's (`new_entry_status`)."""
    if change.status is not None:
        if change.completed is not None and change.status is not ProgressStatus.DONE:
            raise UsageError(_("--on is the completion date: give it with --status done"))
        return change.status
    if change.completed is not None:
        return ProgressStatus.DONE
    if not current:
        return new_entry_status(None, change.event)
    read = ProgressStatus.read(str(current))
    assert read is not None  # the file validated before the edit
    return read


def _status_word(status: ProgressStatus, current: object, chinese: bool) -> str:
    """How to write `status`: an unchanged status as it is written; else in the language
    the entry's status was in, or, for a new entry, the ledger's."""
    was = str(current).strip() if current else ""
    if ProgressStatus.read(was) is status:
        return str(current)
    if was:
        chinese = not was.isascii()
    return status.zh if chinese else status.value


def _occurrence_of(item: Any) -> dt.date | None:
    # As the file writes it: a date, or a string or number in another spelling (validated).
    from gongkai_cli.io.dates import parse_date

    value: Any = item.get("occurrence") if hasattr(item, "get") else None
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return parse_date(str(value))
    except UsageError:
        return None


def _seq_of(item: Any) -> int:
    # A hand-written file may quote a seq ("16"); the schema accepts it, so match it too.
    seq: Any = item.get("seq") if hasattr(item, "get") else None
    try:
        return int(seq)
    except (TypeError, ValueError):
        return 0
