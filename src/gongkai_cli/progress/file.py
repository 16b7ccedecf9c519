"""The progress file: what each unit has delivered, task by task (进展台账).

A YAML file the user keeps beside the plan, edited by hand or with
`gongkai progress set`:

    plan: 沪府办〔2021〕21号        # the plan's 文号; checked when present
    entries:
      - seq: 16                    # the task's 序号
        unit: 市教委                # one unit, never a collective
        status: done               # not_started | in_progress | done, or 未开始 | 进行中 | 已完成
        completed: 2021-06-10      # done only, and required then; or 2021/6/10, 2021年6月10日
        evidence: 沪教委办〔2021〕12号  # a URL or a document number
        note: 解读材料已上网
        values: {rate: 65}         # the task's targets, by target id
      - seq: 5                     # 决策文件出台后10个工作日: counted from an event
        unit: 区司法局
        event: 2025-07-04          # the day 决策文件出台 happened: due 10 working days later
        status: in_progress

Status words and dates may be written as people write them: the Chinese
labels stand for the codes, and a date field takes every spelling the command
line accepts (`io.dates`). They are read into the codes and dates before the
schema sees them; `progress set` leaves them as written.

A recurring task (每月, 每季度, 每年4月1日前) owes each occurrence on its own, so an
entry may name one by the day the time node gives it (`occurrence: 2025-06-30`),
in any date spelling. An entry that names none is the task's as a whole: not
done, its status is every occurrence's that has no entry of its own; done, it
stands for the occurrence whose period its completion date falls in (the first
due on or after that day) and every earlier one, done on that day (late for
those due before it); the later occurrences are still to do (`covers`).

A collective's task is owed by each of its members separately, so an entry
names one unit. The file is checked against the plan: every problem is
reported at once as `file:line: field.path: message` (InvalidDataError, exit 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gongkai_cli.errors import InvalidDataError, Problem, UsageError, clipped, shown
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.settings import PROGRESS_ENV
from gongkai_cli.model.deadline import DeadlineKind
from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import Role, Task, Unit, UnitKind

# Re-exported: progress.edit and older callers import it from here.
from gongkai_cli.model.progress import STATUS_WORDS
from gongkai_cli.model.progress import Entry as Entry
from gongkai_cli.model.progress import ProgressFile as ProgressFile
from gongkai_cli.model.progress import ProgressStatus as ProgressStatus
from gongkai_cli.plan.load import Plan
from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
from gongkai_cli.plan.units import UnitDirectory

if TYPE_CHECKING:
    from gongkai_cli.io.yamlio import YamlDocument

Unplaced = tuple[tuple[str | int, ...], str]
"""A problem before it is placed in the file (a `Problem`): the field path and the message."""


@dataclass(frozen=True, slots=True)
class Progress:
    """A validated progress file: entries keyed by (seq, canonical unit name, occurrence)."""

    path: Path | None
    entries: dict[tuple[int, str, dt.date | None], Entry]

    def entry(self, seq: int, unit: str, occurrence: dt.date | None = None) -> Entry | None:
        """The entry for task `seq`, the unit with canonical name `unit` and `occurrence`
        (None: the entry that names no occurrence), if any."""
        return self.entries.get((seq, unit, occurrence))

    def entry_for(self, obligation: Obligation) -> Entry | None:
        """The entry that records `obligation`: for an occurrence of a recurring task its own
        entry, else the task's entry with no occurrence when that one stands for it."""
        seq, unit, day = obligation.task.seq, obligation.unit, obligation.occurrence
        whole = self.entries.get((seq, unit, None))
        if day is None:
            return whole
        own = self.entries.get((seq, unit, day))
        if own is not None:
            return own
        if whole is None or whole.completed is None:
            return whole  # not done: its status is the task's, every occurrence's
        return whole if covers(obligation.task.deadline.occurrences, day, whole.completed) else None


def covers(occurrences: Sequence[dt.date], day: dt.date, completed: dt.date) -> bool:
    """Whether a done entry with no occurrence, completed on `completed`, stands for the
    occurrence `day`: the occurrence whose period the completion falls in (the first due on
    or after it) and every one before it; later ones are still to do."""
    current = next((o for o in occurrences if o >= completed), None)
    return current is None or day <= current


NO_PROGRESS = Progress(None, {})


def resolve_progress_path(explicit: Path | None) -> Path | None:
    """The progress file to use: `--progress`, else $GONGKAI_PROGRESS, else none."""
    if explicit is not None:
        return explicit
    return settings.progress_file()


def load_progress(path: Path | None, plan: Plan) -> Progress:
    """The progress file at `path` validated against `plan`; NO_PROGRESS when `path` is None.

    A file that is missing or unreadable is a UsageError (exit 2); one that does
    not validate is an InvalidDataError (exit 3) listing every problem. Validated
    progress is cached like the plan, keyed by the file and the plan's files, so
    `overdue` in a CI job does not import pydantic and YAML on every run.
    """
    if path is None:
        return NO_PROGRESS
    from gongkai_cli.io import cache
    from gongkai_cli.io.files import decode_utf8, read_bytes
    from gongkai_cli.plan.load import TASKS_FILE, UNITS_FILE

    blob = read_bytes(path)
    plan_files = [plan.data_dir / TASKS_FILE, plan.data_dir / UNITS_FILE]
    stamp = cache.fingerprint([(path, blob), *((p, read_bytes(p)) for p in plan_files)])
    cache_path = cache.cache_file("progress", path)
    cached = cache.load(cache_path, stamp, Progress)
    if cached is not None:
        return cached
    progress = parse_progress(path, decode_utf8(path, blob), plan)
    cache.store(cache_path, stamp, progress)
    return progress


def parse_progress(path: Path, text: str, plan: Plan) -> Progress:
    """`text` (the contents of `path`) as validated progress, or InvalidDataError."""
    from gongkai_cli.io.validation import validate_schema
    from gongkai_cli.io.yamlio import parse_yaml

    doc, problems = parse_yaml(path, text)
    if doc is None:
        raise InvalidDataError(problems)
    if doc.data is None:  # an empty file records nothing yet
        return Progress(path, {})
    doc, spelled = read_spellings(doc)
    data, problems = validate_schema(doc, ProgressFile)
    if spelled:  # the schema's complaint about a word already reported is noise
        found = [doc.problem(loc, message) for loc, message in spelled]
        places = {(problem.line, problem.field) for problem in found}
        problems = [p for p in problems if (p.line, p.field) not in places]
        raise InvalidDataError(sorted([*found, *problems], key=lambda problem: problem.line))
    if data is None:
        raise InvalidDataError(problems)
    entries, problems = check_progress(doc, data, plan)
    if problems:
        raise InvalidDataError(problems)
    return Progress(path, entries)


DATE_FIELDS = ("completed", "occurrence", "event")
"""The entry fields that hold a date, in any spelling `io.dates.parse_date` reads."""


def read_spellings(doc: YamlDocument) -> tuple[YamlDocument, list[Unplaced]]:
    """`doc` with its entries' status words as codes and its dates as dates, and the
    problems of those it cannot read."""
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return doc, []
    from gongkai_cli.io.dates import parse_date

    problems: list[Unplaced] = []
    entries: list[Any] = []
    for index, raw in enumerate(data["entries"]):
        if isinstance(raw, dict):
            raw = dict(raw)
            status = raw.get("status")
            if status is not None:
                read = ProgressStatus.read(status) if isinstance(status, str) else None
                if read is None:
                    word = shown(status) if isinstance(status, str) else repr(status)
                    problems.append(
                        (
                            ("entries", index, "status"),
                            _("unknown status {word}: write one of {words}").format(
                                word=word, words=STATUS_WORDS
                            ),
                        )
                    )
                else:
                    raw["status"] = read.value
            problems += _loose_numbers(raw, index)
            for name in DATE_FIELDS:
                value = raw.get(name)
                if isinstance(value, str) or (type(value) is int):
                    try:
                        raw[name] = parse_date(str(value))
                    except UsageError as exc:
                        problems.append((("entries", index, name), str(exc)))
        entries.append(raw)
    return replace(doc, data={**data, "entries": entries}), problems


def _loose_numbers(entry: dict[Any, Any], index: int) -> list[Unplaced]:
    """An entry's numbers as written, strictly: `seq` a whole number and each of `values`
    a number. YAML's true is 1 and pydantic takes 27.0 and "27" for 27, so `seq: true`
    was task 1; here each is refused, where it is."""
    found: list[Unplaced] = []
    seq = entry.get("seq")
    if "seq" in entry and type(seq) is not int:
        found.append(
            (
                ("entries", index, "seq"),
                _("{value} is not a task's 序号: write a whole number such as 27").format(
                    value=_as_written(seq)
                ),
            )
        )
    values = entry.get("values")
    if isinstance(values, dict):
        for key, value in values.items():
            if type(value) not in (int, float):
                found.append(
                    (
                        ("entries", index, "values", key),
                        _("{value} is not a number: write one such as 95 or 95.5").format(
                            value=_as_written(value)
                        ),
                    )
                )
    return found


def _as_written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return shown(value) if isinstance(value, str) else clipped(repr(value))


def widen_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The progress file's JSON Schema as a person may write the file: status words in
    either language, dates in any accepted spelling (`read_spellings`)."""
    defs = schema["$defs"]
    defs["ProgressStatus"]["enum"] += [status.zh for status in ProgressStatus]
    spellings = {
        "description": "2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
        "type": ["string", "integer"],
    }
    for name in DATE_FIELDS:
        field_schema = defs["Entry"]["properties"][name]
        field_schema["anyOf"] = [*field_schema["anyOf"][:-1], spellings, {"type": "null"}]
    return schema


def check_progress(
    doc: YamlDocument, data: ProgressFile, plan: Plan
) -> tuple[dict[tuple[int, str, dt.date | None], Entry], list[Problem]]:
    """The entries keyed by (seq, canonical unit, occurrence), and every problem against
    the plan."""
    units = UnitDirectory(plan.units)
    problems: list[Problem] = []
    if data.plan is not None and data.plan != plan.document.number:
        problems.append(
            doc.problem(
                ("plan",),
                _("this file records progress on {plan}, but the loaded plan is {number}").format(
                    plan=data.plan, number=plan.document.number
                ),
            )
        )
    owed_by: dict[str, dict[int, Obligation]] = {}
    entries: dict[tuple[int, str, dt.date | None], Entry] = {}
    first_index: dict[tuple[int, str, dt.date | None], int] = {}
    for index, entry in enumerate(data.entries):
        loc: tuple[str | int, ...] = ("entries", index)
        # Each entry's problems in the order of its lines, as an editor shows them.
        found = [
            doc.problem(where, message)
            for where, message in sorted(
                _check_entry(doc, loc, entry, plan, units, owed_by),
                key=lambda problem: doc.line_of(problem[0]),
            )
        ]
        problems += found
        unit = units.get(entry.unit) or units.admit(entry.unit)
        if unit is None:
            continue
        key = (entry.seq, unit.name, entry.occurrence)
        if key in first_index:
            line = doc.line_of(("entries", first_index[key]))
            which = (
                _(" (occurrence {day})").format(day=entry.occurrence) if entry.occurrence else ""
            )
            problems.append(
                doc.problem(
                    loc,
                    _(
                        "a second entry for task {seq} and {name}{which} (the first is on line "
                        "{line}): keep one"
                    ).format(seq=entry.seq, name=unit.name, which=which, line=line),
                )
            )
            continue
        first_index[key] = index
        if not found:
            entries[key] = replace(entry, unit=unit.name)
    return entries, problems


def _check_entry(
    doc: YamlDocument,
    loc: tuple[str | int, ...],
    entry: Entry,
    plan: Plan,
    units: UnitDirectory,
    owed_by: dict[str, dict[int, Obligation]],
) -> Iterator[Unplaced]:
    if entry.status is ProgressStatus.DONE and entry.completed is None:
        yield (
            (*loc, "status"),
            _("a done entry needs its completion date (completed: YYYY-MM-DD)"),
        )
    if entry.status is not ProgressStatus.DONE and entry.completed is not None:
        yield (
            (*loc, "completed"),
            _("only a done entry has a completion date (status is {status})").format(
                status=entry.status
            ),
        )
    if not 1 <= entry.seq <= len(plan.tasks):
        yield (
            (*loc, "seq"),
            _("no task {seq}: the plan's tasks run 1..{tasks}").format(
                seq=entry.seq, tasks=len(plan.tasks)
            ),
        )
        return
    task = plan.task(entry.seq)
    unit = units.get(entry.unit) or units.admit(entry.unit)
    if unit is None:
        yield ((*loc, "unit"), _unknown_unit(units, entry.unit))
        return
    if unit.kind is UnitKind.COLLECTIVE:
        yield ((*loc, "unit"), collective_message(units, unit))
        return
    if unit.name not in owed_by:
        obligations, _maybe = owed(
            plan.tasks, units, asker(units, unit.name), policy=pre_issue_policy(plan.document)
        )
        owed_by[unit.name] = {o.task.seq: o for o in obligations}
    obligation = owed_by[unit.name].get(task.seq)
    if obligation is None:
        yield ((*loc, "unit"), not_owed_reason(units, unit, task))
        return
    if entry.occurrence is not None and (problem := occurrence_problem(task, entry.occurrence)):
        yield ((*loc, "occurrence"), problem)
    if entry.event is not None and (problem := event_problem(plan, task, entry.event)):
        yield ((*loc, "event"), problem)
    yield from _check_values(doc, loc, entry, obligation)


def occurrence_problem(task: Task, day: dt.date) -> str | None:
    """Why `day` names no occurrence of `task`, or None if it names one."""
    deadline = task.deadline
    node = task.time_node or deadline.due_text
    if not deadline.occurrences:
        return _("task {seq} ({node}) is not recurring: it has no occurrences to name").format(
            seq=task.seq, node=node
        )
    if day in deadline.occurrences:
        return None
    days = ", ".join(o.isoformat() for o in deadline.occurrences)
    return _("task {seq} ({node}) has no occurrence on {day}: its occurrences are {days}").format(
        seq=task.seq, node=node, day=day, days=days
    )


def event_problem(plan: Plan, task: Task, day: dt.date) -> str | None:
    """Why `day` cannot be recorded as the event `task` counts from, or None if it can."""
    deadline = task.deadline
    node = task.time_node or deadline.event or ""
    if not deadline.awaits_event:
        if deadline.kind is DeadlineKind.RELATIVE:
            return _(
                "task {seq} ({node}) counts from the plan's issue date {issued}, not from an event"
            ).format(seq=task.seq, node=node, issued=plan.document.issued)
        return _("task {seq} ({node}) does not count from an event").format(
            seq=task.seq, node=node or deadline.due_text
        )
    issued = plan.document.issued
    if issued is not None and day < issued:
        return _(
            "{event} on {day} is before the plan was issued ({issued}): "
            "task {seq} counts from an event under this plan, on or after {issued}"
        ).format(event=deadline.event, day=day, issued=issued, seq=task.seq)
    return None


def _check_values(
    doc: YamlDocument, loc: tuple[str | int, ...], entry: Entry, obligation: Obligation
) -> Iterator[Unplaced]:
    task = obligation.task
    known = [target.id for target in task.targets]
    for target_id in entry.values:
        where = (*loc, "values", target_id)
        if not known:
            yield (where, _("task {seq} sets no quantitative target").format(seq=task.seq))
        elif target_id not in known:
            yield (
                where,
                _("task {seq} has no target {target_id!r} (its targets: {known})").format(
                    seq=task.seq, target_id=target_id, known=", ".join(known)
                ),
            )
        elif obligation.role is Role.SUPPORT:
            yield (
                where,
                _(
                    "{unit} supports (配合) task {seq}: its targets are recorded by the lead or "
                    "responsible units"
                ).format(unit=obligation.unit, seq=task.seq),
            )


def _unknown_unit(units: UnitDirectory, name: str) -> str:
    from gongkai_cli.plan.units import unknown_unit_message

    hint = ""
    if suggestions := units.suggest(name):
        hint = _("; did you mean {suggestions}?").format(suggestions=_(" or ").join(suggestions))
    return unknown_unit_message(name, hint)


def collective_message(units: UnitDirectory, collective: Unit) -> str:
    """Why an entry cannot name a collective, with an example member."""
    members = units.members(collective)
    if members:
        said = _(
            "{name} is a collective: its tasks are owed by each member separately, so record "
            "each member (e.g. {example})"
        )
    else:
        said = _(
            "{name} is a collective: its tasks are owed by each member separately, so record "
            "each member"
        )
    return said.format(name=collective.name, example=members[0].name if members else "")


def not_owed_reason(units: UnitDirectory, unit: Unit, task: Task) -> str:
    """Why `unit` does not owe `task`: whom the task names, and what the unit belongs to."""
    named = _(", ").join(
        _("{unit} ({role})").format(unit=units.canonical(a.unit), role=a.role.zh)
        for a in task.assignments
    )
    collectives = [c.name for c in units.collectives_of(unit)]
    belongs = (
        _("{name} belongs to {collectives}").format(
            name=unit.name, collectives="、".join(collectives)
        )
        if collectives
        else _("{name} belongs to no collective").format(name=unit.name)
    )
    reason = _("{name} does not owe task {seq}: the task names {named}; {belongs}").format(
        name=unit.name, seq=task.seq, named=named, belongs=belongs
    )
    unresolved = [
        name
        for name in (units.canonical(a.unit) for a in task.assignments)
        if (u := units.get(name)) is not None and u.kind is UnitKind.COLLECTIVE and not u.resolved
    ]
    if unresolved:
        reason += _(
            "; {unresolved} lists no members, so the task may apply but is not owed by anyone "
            "in particular"
        ).format(unresolved="、".join(unresolved))
    return reason


def require_progress_path(explicit: Path | None) -> Path:
    """The progress file a command must write to, or UsageError when none is named."""
    path = resolve_progress_path(explicit)
    if path is None:
        raise UsageError(
            _("name the progress file: --progress FILE or ${progress_env}").format(
                progress_env=PROGRESS_ENV
            )
        )
    return path


def entries_for(progress: Progress, units: Iterable[str]) -> list[Entry]:
    """The entries of the given canonical units, in (seq, unit order) order."""
    order = {name: index for index, name in enumerate(units)}
    chosen = [(key, e) for key, e in progress.entries.items() if key[1] in order]
    chosen.sort(key=lambda item: (item[0][0], order[item[0][1]], item[0][2] or dt.date.min))
    return [entry for _, entry in chosen]
