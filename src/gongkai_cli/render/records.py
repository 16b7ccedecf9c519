"""Plain records of the plan's objects, for JSON, CSV and tables.

Units appear by their canonical name (an assignment written 市农委 is
市农业农村委); the cell itself stays verbatim in `responsible`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from gongkai_cli.model.obligation import Obligation, PreIssue
from gongkai_cli.model.plan import Deadline, Document, Layout, Unit

# The progress and report records import what they need when they are built: `due`, the
# headline, builds obligation records only, and must not pay for the rest at start-up.

if TYPE_CHECKING:
    from gongkai_cli.model.draft import ReviewPoint  # import's records: not the headline's
    from gongkai_cli.model.progress import Outcome, TargetCheck
    from gongkai_cli.queries.calendar import MonthTask, PlanMonth
    from gongkai_cli.queries.due import DueItem, StatutoryItem
    from gongkai_cli.queries.entries import EntryItem
    from gongkai_cli.queries.overdue import GateResult
    from gongkai_cli.queries.plan import InstalledItem, TaskItem
    from gongkai_cli.queries.report import Counts, Report, TaskRow
    from gongkai_cli.workdays.days import CountedDay
    from gongkai_cli.workdays.replies.groups import GroupTally
    from gongkai_cli.workdays.replies.verdict import Verdict
    from gongkai_cli.workdays.rules import Rule, RuleBook

TASK_CSV_COLUMNS = (
    "seq",
    "name",
    "name_source",
    "content",
    "responsible",
    "assignments",
    "time_node",
    "due",
    "window_start",
    "all_year",
    "section",
    "page",
    "due_as_written",
    "due_convention",
)
UNIT_CSV_COLUMNS = ("name", "full_name", "kind", "aliases", "members", "resolved", "note")


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


DRAFT_MARK = "【草稿】"
"""Before the title of every table read from a draft plan (`draft: true` in tasks.yaml)."""


def draft_mark(draft: bool) -> str:
    """The mark a title of a draft plan's answer starts with; empty for a confirmed plan."""
    return DRAFT_MARK if draft else ""


def document_heading(document: Document) -> str:
    """The plan as a heading names it: 标题 (文号), without the brackets when the source
    gives no 文号 (a table, a sheet), and 本要点 when it gives no title either."""
    title = document.title or "本要点"
    return f"{title}（{document.number}）" if document.number else title


def document_record(document: Document) -> dict[str, Any]:
    """The document as JSON-ready data."""
    record = asdict(document)
    record["issued"] = _iso(document.issued)
    if not document.draft:
        del record["draft"]  # shown only for a draft: the 2021 record stays as it was
    # The 2021 record stays as it was: layout shows only when it is not the default.
    if document.layout is Layout.ANNEX_TABLE:
        del record["layout"]
    else:
        record["layout"] = str(document.layout)
    # So do place and level: only a plan that writes them (every import since issue 17).
    if not document.place:
        del record["place"]
    if document.level is None:
        del record["level"]
    else:
        record["level"] = str(document.level)
    return record


def task_record(item: TaskItem) -> dict[str, Any]:
    """A task as JSON-ready data, units by canonical name."""
    task = item.task
    return {
        "seq": task.seq,
        "name": task.name,
        "name_source": str(task.name_source) if task.name_source else None,
        "content": task.content,
        "responsible": task.responsible,
        "assignments": [
            {"unit": unit, "role": str(a.role)}
            for unit, a in zip(item.units, task.assignments, strict=True)
        ],
        "time_node": task.time_node,
        "due": _iso(task.deadline.due),
        "window_start": _iso(task.deadline.window_start),
        "all_year": task.deadline.all_year,
        "section": task.section,
        "page": task.page,
        "deadline": deadline_record(task.deadline, task.time_node),
        "decisions": [asdict(decision) for decision in task.decisions],
        "targets": [
            {**asdict(target), "comparison": str(target.comparison)} for target in task.targets
        ],
        # A department's own sheet of a city plan: the city's units for the task, verbatim.
        **({"responsible_above": task.responsible_above} if task.responsible_above else {}),
    }


def deadline_record(deadline: Deadline, text: str) -> dict[str, Any]:
    """A deadline as JSON-ready data: its kind and days, with the time node verbatim as text."""
    record: dict[str, Any] = {
        "kind": str(deadline.kind) if deadline.kind else None,
        "due": _iso(deadline.due),
        "window_start": _iso(deadline.window_start),
        "occurrences": [day.isoformat() for day in deadline.occurrences],
        "milestones": [{"text": m.text, "due": m.due.isoformat()} for m in deadline.milestones],
        "event": deadline.event,
        "offset": deadline.offset,
        "working_days": deadline.working_days,
        "text": text,
    }
    if deadline.months:
        # Only where the offset counts months (1个月内), so every other record keeps its keys.
        record["months"] = True
    return record


def task_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A task record flattened for CSV: assignments as unit:role;unit:role."""
    flat = dict(record)
    flat["assignments"] = ";".join(f"{a['unit']}:{a['role']}" for a in record["assignments"])
    flat.pop("deadline", None)
    flat.update(grace_cells(record))
    return flat


def unit_record(unit: Unit) -> dict[str, Any]:
    """A unit as JSON-ready data."""
    return {
        "name": unit.name,
        "full_name": unit.full_name,
        "kind": str(unit.kind),
        "aliases": list(unit.aliases),
        "members": list(unit.members),
        "resolved": unit.resolved,
        "named_in_document": unit.named_in_document,
        "may_include": [str(kind) for kind in unit.may_include],
        "judgements": [asdict(judgement) for judgement in unit.judgements],
        "note": unit.note,
    }


OBLIGATION_COLUMNS = (
    "seq",
    "name",
    "content",
    "time_node",
    "due",
    "window_start",
    "all_year",
    "role",
    "via",
    "status",
    "days_left",
)


# The issue-day grace as people see it. A deadline that fell before its plan was issued
# (印发前已到期: the 2021 plan's tasks 11 and 12, 2月底前, issued 2021-03-17) is due at
# the issue date plus a grace (plan/obligations.py: 2021-04-16). Neither the plan nor
# any rule grants that grace, so every view that shows such a day marks it †, shows
# the day as written beside it (原定 2021-02-28) and says whose rule it is; json and
# csv carry the label as `convention`. The wording lives here, once (the headline
# shows it, and imports no module for it).

GRACE_LABEL = "gongkai 约定，文件未规定"
"""Whose rule the issue-day grace is: gongkai's, not the plan's or any regulation's."""


def grace_lines(written: object) -> str:
    """The lines under a graced day in a table cell: the day as written, and whose rule
    the day is, marked for the footnote that says it in full. No line is wider than the
    mark's old one (印发前已到期†), so no table is laid out anew for it."""
    return f"原定\n{written}\ngongkai 约定†"


def grace_cell(due: object, written: object) -> str:
    """A graced day in a table cell, with the lines under it (`grace_lines`)."""
    return f"{due}\n{grace_lines(written)}"


def grace_inline(due: object, written: object) -> str:
    """A graced day on one line (Markdown, html, a sheet): 2021-04-16†（原定 2021-02-28）."""
    return f"{due}†（原定 {written}）"


def grace_reason(policy: PreIssue, term: str) -> str:
    """Why the day is what it is: the time node before the issue date, the grace taken."""
    return (
        f"{term}早于印发日期 {policy.issued}（印发前已到期），"
        f"截止日按{policy.grace or '印发日'}计；--no-grace 则按原定日期计"
    )


def grace_footnote(policy: PreIssue, term: str, plan: str | None = None) -> str:
    """The footnote of the mark: the label, then the reason; with `plan`, which plan's."""
    which = f"（计划 {plan}）" if plan else ""
    return f"† {GRACE_LABEL}{which}：{grace_reason(policy, term)}"


def pre_issue_record(obligation: Obligation) -> dict[str, Any] | None:
    """For a deadline before the plan's issue date (印发前已到期): the day the time node reads,
    the issue date and the grace period that give the due day; None otherwise."""
    policy = obligation.pre_issue
    if policy is None:
        return None
    return pre_issue_fields(policy, obligation.written_due)


def pre_issue_fields(policy: PreIssue, written: dt.date | None) -> dict[str, Any]:
    """Why a 印发前已到期 day is due when it is: the day as written, the issue date, the
    grace, and whose rule the grace is (`convention`: gongkai's, GRACE_LABEL)."""
    return {
        "due_as_written": written.isoformat() if written else None,
        "issued": policy.issued.isoformat(),
        "grace": policy.grace,
        "grace_days": policy.grace_days,
        "convention": GRACE_LABEL,
    }


GRACE_COLUMNS = ("due_as_written", "due_convention")
"""The csv columns of a day the issue-day grace gives: the day as written, and the
label that the grace is gongkai's convention; empty for every other row."""


def grace_cells(record: Mapping[str, Any]) -> dict[str, Any]:
    """A csv row's GRACE_COLUMNS, from its record's `pre_issue` (None or absent: empty)."""
    pre_issue = record.get("pre_issue")
    if not pre_issue:
        return {"due_as_written": None, "due_convention": None}
    return {"due_as_written": pre_issue["due_as_written"], "due_convention": GRACE_LABEL}


def obligation_record(obligation: Obligation, status: str, days_left: int | None) -> dict[str, Any]:
    """An obligation as JSON-ready data, with its status and days left on the as-of day."""
    task = obligation.task
    record = {
        "seq": task.seq,
        "name": task.name,
        "content": task.content,
        "time_node": task.time_node,
        "due": _iso(obligation.due),
        "window_start": _iso(task.deadline.window_start),
        "all_year": task.deadline.all_year,
        "role": str(obligation.role),
        "via": obligation.via,
        "also": [{"role": str(r.role), "via": r.via} for r in obligation.also],
        "status": status,
        "days_left": days_left,
        "pre_issue": pre_issue_record(obligation),
    }
    if obligation.occurrence is not None:  # the day `progress set --occurrence` names
        record["occurrence"] = obligation.occurrence.isoformat()
    if task.deadline.awaits_event:  # only then, so that every other answer stays as it was
        record["event"] = {"name": task.deadline.event, "on": _iso(obligation.event_day)}
    return record


def due_record(item: DueItem) -> dict[str, Any]:
    """An obligation as `due` lists it: its record, and with a progress file its progress,
    completion day, standing and days late."""
    record = obligation_record(item.obligation, item.status, item.days_left)
    if item.assessed:
        record["progress"] = item.progress
        record["completed"] = item.completed.isoformat() if item.completed else None
        record["standing"] = item.standing
        record["days_late"] = item.days_late
    return record


def statutory_record(item: StatutoryItem) -> dict[str, Any]:
    """A yearly obligation of the 条例 as JSON-ready data, with its status on the as-of day."""
    owed = item.owed
    obligation = owed.obligation
    return {
        "id": obligation.id,
        "name": owed.title,
        "report_year": owed.report_year,
        "basis": obligation.basis,
        "quote": obligation.quote,
        "decision": obligation.decision,
        "due": owed.due.isoformat() if owed.due else None,
        "via": owed.via,
        "status": item.status,
        "days_left": item.days_left,
    }


def statutory_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """A statutory record in the columns of the tasks' csv: the quote as content."""
    return {
        "seq": None,
        "name": record["name"],
        "content": record["quote"],
        "time_node": None,
        "due": record["due"],
        "window_start": None,
        "all_year": False,
        "role": None,
        "via": record["via"],
        "status": record["status"],
        "days_left": record["days_left"],
        "applies": "statutory",
    }


def month_task_record(item: MonthTask) -> dict[str, Any]:
    """A task of the month as JSON-ready data, with the unit's role and route when there is
    a unit. A 印发前已到期 task also has `pre_issue` (the day as written, the issue date and
    the grace period), as in `due`; other tasks keep the keys they always had."""
    deadline = item.task.deadline
    data = {
        "seq": item.seq,
        "name": item.task.name,
        "time_node": item.task.time_node,
        "due": item.due.isoformat(),
        "window_start": _iso(deadline.window_start),
        "all_year": deadline.all_year,
        "last_working_day": _iso(item.last_working_day),
        "role": str(item.role) if item.role else None,
        "via": item.via,
        "responsible": item.task.responsible,
    }
    if item.pre_issue is not None:
        data["pre_issue"] = pre_issue_fields(item.pre_issue, item.written_due)
    return data


def month_record(month: PlanMonth) -> dict[str, Any]:
    """The month as JSON-ready data: each day, and the tasks its `due` lists refer to."""
    return {
        "month": str(month.month),
        "unit": month.unit,
        "today": month.today.isoformat(),
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
            for day in month.days
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
            for holiday in month.holidays
        ],
        "tasks": [month_task_record(item) for item in month.tasks],
        "may_apply": [month_task_record(item) for item in month.may_apply],
        # only when there are any, so a plan whose every task has a day answers as it did
        **({"undated": list(month.undated)} if month.undated else {}),
    }


def target_record(check: TargetCheck) -> dict[str, Any]:
    """A target check as JSON-ready data."""
    from gongkai_cli.model.progress import number

    target = check.target
    return {
        "id": target.id,
        "metric": target.metric,
        "comparison": str(target.comparison),
        "threshold": number(target.threshold),
        "unit": target.unit,
        "value": None if check.value is None else number(check.value),
        "state": str(check.state),
    }


def outcome_record(outcome: Outcome) -> dict[str, Any]:
    """An outcome as JSON-ready data."""
    obligation = outcome.obligation
    task = obligation.task
    entry = outcome.entry
    return {
        "seq": task.seq,
        "name": task.name,
        "unit": obligation.unit,
        "role": str(obligation.role),
        "via": obligation.via,
        "time_node": task.time_node,
        "due": obligation.due.isoformat() if obligation.due else None,
        **({"occurrence": obligation.occurrence.isoformat()} if obligation.occurrence else {}),
        "standing": str(outcome.standing),
        "progress": str(entry.status) if entry else None,
        "completed": entry.completed.isoformat() if entry and entry.completed else None,
        "days_late": outcome.days_late,
        "pre_issue": pre_issue_record(obligation),
        "evidence": entry.evidence if entry else "",
        "note": entry.note if entry else "",
        "targets": [target_record(check) for check in outcome.targets],
    }


def gate_record(found: GateResult) -> dict[str, Any]:
    """The gate's findings as JSON-ready data: one list per kind, each item an outcome.

    A target finding carries the target checked (`target`) besides the outcome's
    own fields. `ongoing` (tasks with no due day, not done) is there only when there
    are any, so a plan whose every task has a day answers as it did.
    """
    record = {
        "as_of": found.as_of.isoformat(),
        "failed": found.failed,
        "overdue": [outcome_record(o) for o in found.overdue],
        "below_target": [
            {**outcome_record(o), "target": target_record(c)} for o, c in found.below_target
        ],
        "target_unrecorded": [
            {**outcome_record(o), "target": target_record(c)} for o, c in found.target_unrecorded
        ],
        "done_late": [outcome_record(o) for o in found.done_late],
    }
    if found.ongoing:
        record["ongoing"] = [outcome_record(o) for o in found.ongoing]
    return record


FINDING_KINDS = ("overdue", "below_target", "target_unrecorded", "done_late")
"""The kinds of finding, each a list in the gate's record; `ongoing` follows them when
the record has it (`finding_rows`)."""
FINDING_COLUMNS = (
    "kind",
    "seq",
    "name",
    "unit",
    "role",
    "via",
    "due",
    "progress",
    "completed",
    "days_late",
    "target",
    "threshold",
    "value",
    "evidence",
    "note",
    *GRACE_COLUMNS,
)


def finding_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The items of a findings record in one list, each with its `kind`; the ongoing ones
    (no due day: listed, never failing) last."""
    kinds = (*FINDING_KINDS, "ongoing")
    return [{"kind": kind, **item} for kind in kinds for item in record.get(kind, ())]


def finding_csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A finding flattened for CSV: the target as its id, threshold and recorded value."""
    target = row.get("target") or {}
    return {
        **row,
        "target": target.get("id"),
        "threshold": f"{target['comparison']} {target['threshold']}" if target else None,
        "value": target.get("value"),
        **grace_cells(row),
    }


ENTRY_COLUMNS = (
    "seq",
    "name",
    "unit",
    "status",
    "completed",
    "due",
    "evidence",
    "note",
    "values",
    *GRACE_COLUMNS,
)


def entry_record(item: EntryItem) -> dict[str, Any]:
    """An entry as JSON-ready data, with its task's name and due date (a 印发前已到期 task's
    day is the issue date plus grace, as everywhere; a task counted from an event is due
    counted from the entry's `event`, and the record then says so)."""
    from gongkai_cli.model.progress import number

    entry, task, due = item.entry, item.task, item.due
    extra: dict[str, Any] = {}  # keys only entries of recurring and event tasks have
    if entry.occurrence is not None:
        extra["occurrence"] = entry.occurrence.isoformat()
    if item.from_event and entry.event is not None:
        extra["event"] = {"name": task.deadline.event, "on": entry.event.isoformat()}
    if item.pre_issue is not None:  # the grace gives the day: why, as in `due`
        extra["pre_issue"] = pre_issue_fields(item.pre_issue, item.written)
    return {
        "seq": entry.seq,
        "name": task.name,
        "unit": entry.unit,
        "status": str(entry.status),
        "completed": entry.completed.isoformat() if entry.completed else None,
        "due": due.isoformat() if due else None,
        "evidence": entry.evidence,
        "note": entry.note,
        "values": {key: number(value) for key, value in entry.values.items()},
        **extra,
    }


def entry_csv_row(record: dict[str, Any]) -> dict[str, Any]:
    """An entry record flattened for CSV: values as id=value;id=value."""
    values = ";".join(f"{key}={value}" for key, value in record["values"].items())
    return {**record, "values": values, **grace_cells(record)}


def counts_record(counts: Counts, ongoing: bool = False) -> dict[str, Any]:
    """Counts as JSON-ready data; the rates are fractions rounded to 4 places:
    `completion_rate` over the year, `completion_rate_due` over `due_so_far`. With
    `ongoing` (the report has tasks with no due day), the 持续推进 count too."""
    rate = counts.completion_rate
    due_rate = counts.due_rate
    return {
        "owed": counts.owed,
        "done_on_time": counts.done_on_time,
        "done_late": counts.done_late,
        "overdue": counts.overdue,
        "open": counts.open,
        **({"ongoing": counts.ongoing} if ongoing else {}),
        "below_target": counts.below_target,
        "target_unrecorded": counts.target_unrecorded,
        "completion_rate": None if rate is None else round(rate, 4),
        "due_so_far": counts.due_so_far,
        "completion_rate_due": None if due_rate is None else round(due_rate, 4),
    }


def report_record(report: Report) -> dict[str, Any]:
    """The whole report as JSON-ready data; `undated` (and the `ongoing` counts) only when
    the report has tasks with no due day."""
    from gongkai_cli.queries.report import progress_groups

    ongoing = bool(report.undated)
    record = {
        "document": {"number": report.document.number, "title": report.document.title},
        "as_of": report.as_of.isoformat(),
        "unit": report.scope,
        "progress": str(report.progress) if report.progress else None,
        "totals": counts_record(report.totals, ongoing),
        "units": [
            {
                "unit": row.unit.name,
                "kind": str(row.unit.kind),
                **counts_record(row.counts, ongoing),
            }
            for row in report.units
        ],
        "tasks": [_task_record(row, ongoing) for row in report.tasks],
        "months": [
            {"month": row.month, "tasks": list(row.seqs), **counts_record(row.counts, ongoing)}
            for row in report.months
        ],
    }
    if ongoing:
        record["undated"] = [
            {
                "seq": row.task.seq,
                "name": row.task.name,
                "time_node": row.task.time_node,
                "kind": str(row.task.deadline.kind),
                **counts_record(row.counts, ongoing),
                "units": progress_groups(row),
            }
            for row in report.undated
        ]
    return record


def _task_record(row: TaskRow, ongoing: bool = False) -> dict[str, Any]:
    """A task's row; `due` is the day its outcomes are judged by, so a 印发前已到期 task's
    is the policy's (with `pre_issue`, as in `due`); other tasks keep their keys."""
    from gongkai_cli.model.progress import Standing, TargetState

    task = row.task
    events: dict[str, Any] = {}
    if task.deadline.awaits_event:  # each unit's due day counts from its own recorded event
        events["events"] = [
            {
                "unit": o.obligation.unit,
                "on": o.obligation.event_day.isoformat() if o.obligation.event_day else None,
                "due": o.obligation.due.isoformat() if o.obligation.due else None,
            }
            for o in row.outcomes
        ]
    marked = next((o.obligation for o in row.outcomes if o.obligation.pre_issue), None)
    due = task.deadline.due if marked is None else marked.due
    pre_issue = None if marked is None else pre_issue_record(marked)
    return {
        "seq": task.seq,
        "name": task.name,
        "time_node": task.time_node,
        "due": due.isoformat() if due else None,
        **({"pre_issue": pre_issue} if pre_issue else {}),
        **counts_record(row.counts, ongoing),
        "delivered": [
            {
                "unit": o.obligation.unit,
                "completed": o.completed.isoformat() if o.completed else None,
                "late": o.standing is Standing.DONE_LATE,
                "evidence": o.entry.evidence if o.entry else "",
            }
            for o in row.outcomes
            if o.done
        ],
        "overdue_units": row.units(Standing.OVERDUE),
        "open_units": row.units(Standing.OPEN),
        **({"ongoing_units": row.units(Standing.ONGOING)} if ongoing else {}),
        "targets": [
            {"unit": o.obligation.unit, "target": target_record(check)}
            for o in row.outcomes
            for check in o.targets
            if check.state is not TargetState.PENDING or check.value is not None
        ],
        "entries": [
            {
                "unit": o.obligation.unit,
                "standing": str(o.standing),
                "completed": o.completed.isoformat() if o.completed else None,
                "evidence": o.entry.evidence,
                "note": o.entry.note,
            }
            for o in row.outcomes
            if o.entry and (o.entry.evidence or o.entry.note)
        ],
        **events,
    }


def plan_record(item: InstalledItem) -> dict[str, Any]:
    """One installed plan for programs: English keys, the path as a string."""
    entry, document = item.entry, item.document
    return {
        "id": entry.id,
        "number": document.number,
        "title": document.title,
        "year": document.year,
        "layout": str(document.layout),
        "tasks": item.tasks,
        "shipped": entry.shipped,
        "default": item.default,
        "path": str(entry.directory),
    }


def rule_record(rule: Rule, book: RuleBook, today: dt.date) -> dict[str, Any]:
    """A reply time-limit rule as JSON-ready data; its days in force as of `today`."""
    period = book.periods[rule.id]
    record: dict[str, Any] = {
        "id": rule.id,
        "aliases": list(rule.aliases),
        "name": rule.name,
        "count": rule.count,
        "day_type": rule.day_type.value,
        "total_days": period.count,
        "extends": rule.extends,
        "receipt": rule.receipt.value,
        "counts_from": rule.counts_from,
        "basis": rule.basis,
        "task": rule.task,
        "quote": rule.quote,
        "checked_against": list(rule.checked_against),
        "check_note": rule.check_note,
        "note": rule.note,
    }
    if rule.in_force is not None:  # only then, so a plan's own rules keep their shape
        span = rule.in_force
        record["in_force"] = {
            "from": span.from_.isoformat() if span.from_ else None,
            "to": span.to.isoformat() if span.to else None,
            "state": span.state(today),
        }
        record["replaces"] = rule.replaces
    return record


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """The JSON shape of one case checked alone (restart and channel only when given)."""
    data: dict[str, Any] = {
        "received": verdict.received.isoformat(),
        "replied": verdict.replied.isoformat() if verdict.replied else None,
        "rule": verdict.rule,
        "days": verdict.period.count,
        "deadline": verdict.deadline.isoformat() if verdict.deadline else None,
        "working_days_used": verdict.working_days_used,
        "status": verdict.status.value,
        "day_type": verdict.period.day_type.value,
        "receipt": verdict.period.receipt.value,
        "pauses": [
            {"start": p.start.isoformat(), "end": p.end.isoformat()} for p in verdict.pauses
        ],
    }
    if verdict.restart is not None:
        data["restart"] = verdict.restart.isoformat()
    if verdict.channel is not None:
        data["channel"] = verdict.channel
    if verdict.rule_asked is not None:
        data["rule_asked"] = verdict.rule_asked
    if verdict.certain_without is not None:
        data["deadline_earliest"] = verdict.earliest.isoformat() if verdict.earliest else None
        data["certain_without"] = verdict.certain_without
    if verdict.provisional is not None:
        data["provisional"] = verdict.provisional
    return data


def review_record(point: ReviewPoint) -> dict[str, Any]:
    """One point of an imported draft: where, what, and whether it must be decided."""
    return {**asdict(point), "kind": "decide" if point.decide else "check"}


def counted_day_record(counted: CountedDay) -> dict[str, Any]:
    """One day of a deadline's count (`deadline --explain`) as JSON-ready data."""
    day = counted.day
    return {
        "date": day.date.isoformat(),
        "weekday": day.weekday_zh,
        "kind": day.kind.value,
        "name": day.name,
        "counted": counted.counted,
        "note": counted.note or None,
    }


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def group_record(group: str, tally: GroupTally) -> dict[str, Any]:
    """One group's summary under English keys (the JSON and csv shape)."""
    from gongkai_cli.model.workdays import ReplyStatus

    counted = (
        ReplyStatus.MET,
        ReplyStatus.MISSED,
        ReplyStatus.OVERDUE,
        ReplyStatus.OPEN,
        ReplyStatus.INVALID,
    )
    rate = tally.on_time_rate
    return {
        "group": group,
        **{status.value: getattr(tally, status.value) for status in counted},
        "rows": tally.rows,
        "on_time_rate": None if rate is None else round(rate, 4),
        "median_days_late": _number(tally.median_days_late),
        "worst_days_late": tally.worst_days_late,
    }
