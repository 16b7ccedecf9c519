"""Validating the plan's data files: each file's schema, then the checks across them.

Every problem is reported, one line each, as `file:line: field.path: message`.
Only a plan without problems is returned.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields, replace
from typing import Any

from gongkai_cli.errors import Problem
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import year_problem
from gongkai_cli.io.yamlio import YamlDocument
from gongkai_cli.model.files import TasksFile, UnitsFile
from gongkai_cli.model.plan import (
    Assignment,
    Deadline,
    Decision,
    Document,
    Layout,
    NameSource,
    Task,
    Unit,
    UnitKind,
)
from gongkai_cli.plan.assignments import plan_pairs
from gongkai_cli.plan.obligations import PRE_ISSUE_GRACE, grace_days
from gongkai_cli.plan.timenodes import TimeNodeError, read_deadline
from gongkai_cli.plan.units import UnitDirectory

_TASK_FIELDS = frozenset(field.name for field in fields(Task))
# What an annex-table row writes; an item may leave these out (its layout has no such cells).
_ANNEX_REQUIRED = (
    "page",
    "name",
    "name_source",
    "assignments",
    "time_node",
    "deadline",
    "section",
)
# The fields of a written deadline compared with the reading whatever they hold (the 2021
# data writes these); the others only when written.
_ALWAYS_COMPARED = ("due", "window_start", "all_year")


def complete_tasks(plan: TasksFile) -> tuple[Task, ...]:
    """The tasks of a validated plan with their assignments and full deadline reading filled in."""
    document = plan.document
    return tuple(
        replace(
            task,
            assignments=tuple(
                Assignment(unit, role)
                for unit, role in plan_pairs(task.responsible, document.decisions)
            ),
            deadline=read_deadline(task.time_node, task.decisions, document),
        )
        for task in plan.tasks
    )


def check_tasks(doc: YamlDocument, plan: TasksFile, units: UnitDirectory) -> Iterator[Problem]:
    """The checks of tasks.yaml against itself and against the units."""
    document = plan.document
    paragraph_ids: dict[str, int] = {}
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.id in paragraph_ids:
            yield doc.problem(("document", "paragraphs", index, "id"), _("duplicate paragraph id"))
        paragraph_ids.setdefault(paragraph.id, index)
    # A year no date can have would fail every time node: say so once, check no deadline.
    bad_year = year_problem(document.year)
    if bad_year is not None:
        yield doc.problem(("document", "year"), bad_year)
    year_ok = bad_year is None
    for index, decision in enumerate(document.decisions):
        if decision.field == PRE_ISSUE_GRACE and grace_days(decision.value) is None:
            yield doc.problem(
                ("document", "decisions", index, "value"),
                _("{value!r} is not a grace period: write 印发后N日 (e.g. 印发后30日)").format(
                    value=decision.value
                ),
            )
    seen: dict[int, int] = {}
    tasks = plan.tasks
    for index, task in enumerate(tasks):
        loc: tuple[str | int, ...] = ("tasks", index)
        # The source's 序号 is the task's number: any start and gaps, never twice.
        if task.seq in seen:
            line = doc.line_of(("tasks", seen[task.seq], "seq"))
            yield doc.problem(
                (*loc, "seq"),
                _("seq {seq} repeats the seq on line {line}").format(seq=task.seq, line=line),
            )
        seen.setdefault(task.seq, index)
        raw = _raw_task(doc, index)
        yield from _check_layout(doc, loc, task, raw, document.layout)
        yield from _check_task(doc, loc, task, index, tasks, units, document, raw, year_ok)
        # An item may have no paragraph; any task may, when the source has no body.
        if not task.section and (document.layout is Layout.ITEMS or not document.paragraphs):
            continue
        if task.section not in paragraph_ids:
            yield doc.problem(
                (*loc, "section"),
                _("no paragraph {section!r} in the document").format(section=task.section),
            )
        section_text = (
            document.paragraphs[paragraph_ids[task.section]].text
            if task.section in paragraph_ids
            else ""
        )
        target_ids: set[str] = set()
        for t_index, target in enumerate(task.targets):
            if target.id in target_ids:
                yield doc.problem((*loc, "targets", t_index, "id"), _("duplicate target id"))
            target_ids.add(target.id)
            if target.quote not in task.content and target.quote not in section_text:
                yield doc.problem(
                    (*loc, "targets", t_index, "quote"),
                    _("quote is not in the task's content or its body paragraph"),
                )


def _raw_task(doc: YamlDocument, index: int) -> Mapping[str, Any]:
    """The task as written, to tell a field left out from one written with its default."""
    raw = doc.data.get("tasks") if isinstance(doc.data, dict) else None
    entry = raw[index] if isinstance(raw, list) and index < len(raw) else None
    return entry if isinstance(entry, dict) else {}


def _check_layout(
    doc: YamlDocument,
    loc: tuple[str | int, ...],
    task: Task,
    raw: Mapping[str, Any],
    layout: Layout,
) -> Iterator[Problem]:
    if layout is Layout.ANNEX_TABLE:
        for key in _ANNEX_REQUIRED:
            if key not in raw:
                yield doc.problem((*loc, key), _("field required"))
        return
    if task.page is not None:
        yield doc.problem((*loc, "page"), _("an items plan has no annex pages: leave page out"))
    if task.name_source is not None and task.name_source is not NameSource.CELL:
        yield doc.problem(
            (*loc, "name_source"), _("an items plan has no merged cells: leave name_source out")
        )


def _check_task(
    doc: YamlDocument,
    loc: tuple[str | int, ...],
    task: Task,
    index: int,
    tasks: tuple[Task, ...],
    units: UnitDirectory,
    document: Document,
    raw: Mapping[str, Any],
    year_ok: bool,
) -> Iterator[Problem]:
    decided = {decision.field: decision for decision in task.decisions}
    for d_index, decision in enumerate(task.decisions):
        if decision.field not in _TASK_FIELDS:
            yield doc.problem(
                (*loc, "decisions", d_index, "field"),
                _("{field!r} is not a task field").format(field=decision.field),
            )
    written = [(a.unit, a.role) for a in task.assignments]
    expected = plan_pairs(task.responsible, document.decisions)
    if "assignments" not in raw:
        written = expected
    if not expected:
        yield doc.problem((*loc, "responsible"), _("names no unit"))
    if written != expected:
        cell = "; ".join(f"{unit} {role}" for unit, role in expected)
        yield doc.problem(
            (*loc, "assignments"),
            _("do not match the 责任单位 cell, which gives: {cell}").format(cell=cell),
        )
    for a_index, (unit, _role) in enumerate(written):
        if units.get(unit) is None:
            where = (
                (*loc, "assignments", a_index, "unit")
                if "assignments" in raw
                else (
                    *loc,
                    "responsible",
                )
            )
            yield doc.problem(
                where,
                _("unknown unit {unit!r} (not a name or alias in units.yaml)").format(unit=unit),
            )
    if task.name_source is NameSource.MERGED_ABOVE and (
        index == 0 or tasks[index - 1].name != task.name
    ):
        yield doc.problem((*loc, "name"), _("merged_above, but the task above has another name"))
    if task.name_source is NameSource.MERGED_BELOW:
        if index + 1 >= len(tasks) or tasks[index + 1].name != task.name:
            yield doc.problem(
                (*loc, "name"), _("merged_below, but the task below has another name")
            )
        if "name" not in decided:
            yield doc.problem(
                (*loc, "name"), _("merged_below needs a decision (field: name) and why")
            )
    if year_ok:
        yield from _check_deadline(doc, loc, task, decided, document, "deadline" in raw)


def _check_deadline(
    doc: YamlDocument,
    loc: tuple[str | int, ...],
    task: Task,
    decided: dict[str, Decision],
    document: Document,
    written: bool,
) -> Iterator[Problem]:
    node = task.time_node
    if not node and "time_node" not in decided and document.layout is Layout.ANNEX_TABLE:
        yield doc.problem(
            (*loc, "time_node"),
            _("empty 时间节点 needs a decision (field: time_node) with the value used and why"),
        )
        return
    try:
        deadline = read_deadline(node, task.decisions, document)
    except TimeNodeError as exc:
        yield doc.problem((*loc, "time_node"), str(exc))
        return
    if written and not _agrees(task.deadline, deadline):
        shown = node or decided["time_node"].value
        yield doc.problem(
            (*loc, "deadline"),
            _("does not match {time_node} {shown!r}, which gives {deadline}").format(
                time_node=document.layout.terms.time_node, shown=shown, deadline=_describe(deadline)
            ),
        )


def _agrees(written: Deadline, reading: Deadline) -> bool:
    """Whether a deadline written in tasks.yaml says what the time node says."""
    default = Deadline()
    for field in fields(Deadline):
        mine = getattr(written, field.name)
        compared = field.name in _ALWAYS_COMPARED or mine != getattr(default, field.name)
        if compared and mine != getattr(reading, field.name):
            return False
    return True


def _describe(deadline: Deadline) -> str:
    if deadline.kind is not None and deadline.kind.value not in ("date", "window", "all-year"):
        parts = [f"kind {deadline.kind}", f"due {deadline.due}"]
    else:
        parts = [f"due {deadline.due}"]
    if deadline.window_start:
        parts.append(f"window_start {deadline.window_start}")
    if deadline.all_year:
        parts.append("all_year true")
    return ", ".join(parts)


def check_units(doc: YamlDocument, data: UnitsFile) -> Iterator[Problem]:
    """The checks of units.yaml against itself."""
    # Each spelling belongs to one entry; keyed by index, so a unit listed twice is caught too.
    owner: dict[str, tuple[int, str, int]] = {}
    canonical = {unit.name for unit in data.units}
    kinds = {unit.name: unit.kind for unit in data.units}
    for index, unit in enumerate(data.units):
        loc: tuple[str | int, ...] = ("units", index)
        spellings = [("name", unit.name)]
        if unit.full_name:
            spellings.append(("full_name", unit.full_name))
        spellings += [(f"aliases.{i}", alias) for i, alias in enumerate(unit.aliases)]
        for where, spelling in spellings:
            if spelling in owner and owner[spelling][0] != index:
                _index, other, line = owner[spelling]
                yield doc.problem(
                    (*loc, *_split(where)),
                    _("{spelling!r} is already a name of {other} (line {line})").format(
                        spelling=spelling, other=other, line=line
                    ),
                )
            owner.setdefault(spelling, (index, unit.name, doc.line_of((*loc, *_split(where)))))
        yield from _check_unit(doc, loc, unit, canonical, kinds)


def _split(where: str) -> tuple[str | int, ...]:
    return tuple(int(part) if part.isdigit() else part for part in where.split("."))


def _check_unit(
    doc: YamlDocument,
    loc: tuple[str | int, ...],
    unit: Unit,
    canonical: set[str],
    kinds: dict[str, UnitKind],
) -> Iterator[Problem]:
    if unit.kind is not UnitKind.COLLECTIVE:
        if (
            unit.members
            or unit.judgements
            or unit.may_include
            or unit.member_kinds
            or not unit.resolved
        ):
            yield doc.problem(
                loc,
                _(
                    "only a collective has members, member_kinds, judgements, may_include "
                    "or resolved: false"
                ),
            )
        return
    if UnitKind.COLLECTIVE in unit.member_kinds:
        yield doc.problem((*loc, "member_kinds"), _("a collective is not a kind of member"))
    if not unit.resolved and unit.members:
        yield doc.problem((*loc, "members"), _("an unresolved collective lists no members"))
    if unit.resolved and not unit.members and not unit.member_kinds:
        yield doc.problem(
            (*loc, "members"), _("a resolved collective lists its members or member_kinds")
        )
    if not unit.resolved and unit.member_kinds:
        yield doc.problem(
            (*loc, "member_kinds"), _("an unresolved collective has may_include, not member_kinds")
        )
    if not unit.resolved and not unit.note:
        yield doc.problem((*loc, "note"), _("say why the collective is unresolved"))
    if unit.resolved and unit.may_include:
        yield doc.problem((*loc, "may_include"), _("only an unresolved collective has may_include"))
    if not unit.resolved and not unit.may_include:
        yield doc.problem((*loc, "may_include"), _("say which kinds of unit it may include"))
    for m_index, member in enumerate(unit.members):
        if member not in canonical:
            yield doc.problem(
                (*loc, "members", m_index),
                _("member {member!r} is not a unit's canonical name").format(member=member),
            )
        elif kinds[member] is UnitKind.COLLECTIVE:
            yield doc.problem(
                (*loc, "members", m_index),
                _("member {member!r} is a collective").format(member=member),
            )
    for j_index, judgement in enumerate(unit.judgements):
        if judgement.unit not in canonical:
            yield doc.problem(
                (*loc, "judgements", j_index, "unit"),
                _("{unit!r} is not a unit's canonical name").format(unit=judgement.unit),
            )
        elif judgement.member != (judgement.unit in unit.members):
            yield doc.problem(
                (*loc, "judgements", j_index, "member"),
                _("contradicts the member list"),
            )


def check_named(
    tasks_doc: YamlDocument, units_doc: YamlDocument, plan: TasksFile, data: UnitsFile
) -> Iterator[Problem]:
    """Units said to be named in the document are named by a task; the others are members."""
    directory = UnitDirectory(data.units)
    named = {
        directory.canonical(unit)
        for task in plan.tasks
        for unit, _ in plan_pairs(task.responsible, plan.document.decisions)
    }
    members = {member for unit in data.units for member in unit.members}
    for index, unit in enumerate(data.units):
        if unit.named_in_document and unit.name not in named:
            yield units_doc.problem(
                ("units", index, "named_in_document"),
                _("{name} is not named in any task's 责任单位").format(name=unit.name),
            )
        if not unit.named_in_document and unit.name not in members:
            yield units_doc.problem(
                ("units", index, "named_in_document"),
                _("{name} is neither named in the plan nor a member of a collective").format(
                    name=unit.name
                ),
            )
