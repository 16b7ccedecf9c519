"""What has been delivered: `progress set|show`, the `overdue` gate and the `report`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    ListFormatOption,
    NoGrace,
    OutputFile,
    PlanId,
    ProgressOption,
    Raw,
    SheetFormatOption,
    output_format,
    plan_dir,
    raw_for,
)
from gongkai_cli.errors import ExitCode
from gongkai_cli.i18n import _
from gongkai_cli.model.progress import ProgressStatus
from gongkai_cli.plan.load import load_plan

app = GongkaiTyper()
progress_app = GongkaiTyper(
    help="Record and list what each unit has done (the progress file).", no_args_is_help=True
)
app.add_typer(progress_app, name="progress")


class StatusChoice(StrEnum):
    """A progress status, as its code or its Chinese word (written to the file as typed)."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    未开始 = "未开始"
    进行中 = "进行中"
    已完成 = "已完成"


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Date to assess on (default: today in Asia/Shanghai, or $GONGKAI_TODAY).",
        show_default=False,
    ),
]
ScopeOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        help="One unit (or a collective's members, e.g. 各区政府); default every unit.",
        show_default=False,
    ),
]


@progress_app.command("set")
def set_entry(
    seq: Annotated[int, typer.Argument(help="The task's 序号.")],
    unit: Annotated[
        str,
        typer.Option(
            "--unit", "-u", help="The unit reporting (not a collective).", show_default=False
        ),
    ],
    status: Annotated[
        StatusChoice | None,
        typer.Option(
            help="Default: done with --on; else the entry's status as it is, or in_progress "
            "for a new entry. Written in the progress file's language.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Completion date (with --status done).", show_default=False),
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option(
            help="A URL or document number showing the delivery; '' removes it.", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option(help="A note for readers; '' removes it.", show_default=False)
    ] = None,
    value: Annotated[
        float | None,
        typer.Option(
            help="The value reached for the task's target (see gongkai show SEQ).",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            help="Which target --value is for, when the task has several.", show_default=False
        ),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option(
            "--event",
            help="The day of the event the task counts from (决策文件出台后10个工作日).",
            show_default=False,
        ),
    ] = None,
    occurrence: Annotated[
        str | None,
        typer.Option(
            "--occurrence",
            help="For a recurring task (每季度): which occurrence, by its day (2025-06-30).",
            show_default=False,
        ),
    ] = None,
    progress: ProgressOption = None,
    create: Annotated[
        bool,
        typer.Option(
            "--create",
            help="Start the progress file if it does not exist (without it, a mistyped "
            "name is refused).",
        ),
    ] = False,
    data: DataDir = None,
    plan_id: PlanId = None,
) -> None:
    """Record a unit's progress on a task, keeping the file's comments (--create starts it).

    Example: gongkai progress set 16 -u 市教委 --on 2021-06-10 --value 65 -p progress.yaml
    """
    from gongkai_cli.io import dates
    from gongkai_cli.progress.edit import Change, set_entry
    from gongkai_cli.progress.file import require_progress_path
    from gongkai_cli.render import note as tell

    path = require_progress_path(progress)
    change = Change(
        seq=seq,
        unit=unit,
        status=ProgressStatus.read(status.value) if status else None,
        chinese=None if status is None else not status.value.isascii(),
        completed=dates.parse_date(on, "--on") if on else None,
        evidence=evidence,
        note=note,
        value=value,
        target=target,
        event=dates.parse_date(event, "--event") if event else None,
        occurrence=dates.parse_date(occurrence, "--occurrence") if occurrence else None,
    )
    plan = load_plan(plan_dir(data, plan_id))
    entry, created = set_entry(path, plan, change, dates.today(), create=create)
    from gongkai_cli.plan.units import UnitDirectory

    if said := UnitDirectory(plan.units).admitted_note(unit):
        tell(said)
    from gongkai_cli import i18n

    done = _(" on {day}").format(day=entry.completed) if entry.completed else ""
    if entry.event is not None:
        from gongkai_cli.plan.timenodes import due_after_event

        deadline = plan.task(entry.seq).deadline
        due = due_after_event(deadline, entry.event)
        done += _("; {event} {day}, due {due}").format(
            event=deadline.event, day=entry.event, due=due
        )
    which = _(" (occurrence {day})").format(day=entry.occurrence) if entry.occurrence else ""
    said = str(entry.status) if i18n.language() == i18n.ENGLISH else entry.status.zh
    message = (
        _("added: task {seq}{which}, {unit}: {status}{done} ({path})")
        if created
        else _("updated: task {seq}{which}, {unit}: {status}{done} ({path})")
    )
    tell(
        message.format(
            seq=entry.seq, which=which, unit=entry.unit, status=said, done=done, path=path
        )
    )


@progress_app.command("show")
def show_entries(
    unit: ScopeOption = None,
    progress: ProgressOption = None,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> None:
    """List the entries of the progress file, with each task's due date.

    Example: gongkai progress show --unit 市教委 -p progress.yaml
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.progress.file import require_progress_path
    from gongkai_cli.queries.entries import entries
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.progress_views import entries_view

    path = require_progress_path(progress)
    scope = open_scope(plan_dir(data, plan_id), path, grace=not no_grace)
    write(entries_view(entries(scope, unit)), output, raw=raw)


@app.command()
def overdue(
    unit: ScopeOption = None,
    as_of: AsOf = None,
    progress: ProgressOption = None,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: SheetFormatOption = "table",
    output_file: OutputFile = None,
    raw: Raw = False,
) -> int:
    """The CI gate: exit 1 if any duty is overdue or a done task misses its target, else 0.

    Example: gongkai overdue --unit 市教委 --as-of 2021-07-01 -p progress.yaml
    """
    output = output_format(output, output_file)
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.io import dates
    from gongkai_cli.progress.file import resolve_progress_path
    from gongkai_cli.queries.overdue import ProgressRequest
    from gongkai_cli.queries.overdue import overdue as gate
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.progress_views import gate_view

    request = ProgressRequest(unit, dates.parse_date(as_of, "--as-of") if as_of else dates.today())
    path = resolve_progress_path(progress)
    scope = open_scope(plan_dir(data, plan_id), path, grace=not no_grace)
    answer = gate(scope, request)
    write(gate_view(answer), output, output_file, raw=raw)
    return int(ExitCode.MISSED) if answer.gate.failed else int(ExitCode.OK)


@app.command()
def report(
    unit: ScopeOption = None,
    as_of: AsOf = None,
    progress: ProgressOption = None,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: Annotated[
        Literal["md", "html", "json", "xlsx"],
        typer.Option(
            "--format",
            "-f",
            help="md to read or paste; html (one file, prints on A4); json; xlsx.",
        ),
    ] = "md",
    output_file: OutputFile = None,
    raw: Raw = False,
) -> None:
    """Per unit: owed, done on time or late, overdue, open, completion rate; per task: who did it.

    Example: gongkai report --format html -p progress.yaml > report.html
    """
    output = output_format(output, output_file)
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.io import dates
    from gongkai_cli.progress.file import resolve_progress_path
    from gongkai_cli.queries.overdue import ProgressRequest
    from gongkai_cli.queries.report import report as assessed
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.report_views import report_view

    request = ProgressRequest(unit, dates.parse_date(as_of, "--as-of") if as_of else dates.today())
    path = resolve_progress_path(progress)
    scope = open_scope(plan_dir(data, plan_id), path, grace=not no_grace)
    write(report_view(assessed(scope, request)), output, output_file, raw=raw)


class PreferChoice(StrEnum):
    """Which side wins a conflict: the returned sheet, or the ledger as it is now."""

    sheet = "sheet"
    ledger = "ledger"


@progress_app.command("template")
def template(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            help="The unit whose sheet to write (with --all-units: a collective's members).",
            show_default=False,
        ),
    ] = None,
    all_units: Annotated[
        bool,
        typer.Option(
            "--all-units", help="One file per unit (that owes anything), into the directory -o."
        ),
    ] = False,
    as_of: AsOf = None,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The .xlsx file to write (with --all-units: the directory).",
            show_default=False,
        ),
    ] = None,
    progress: ProgressOption = None,
    data: DataDir = None,
    plan_id: PlanId = None,
    no_grace: NoGrace = False,
    raw: Raw = False,
) -> None:
    """Write a 报送 sheet of what a unit owes, for it to fill in and return.

    Example: gongkai progress template --unit 市教委 -p progress.yaml -o 市教委.xlsx
    """
    from gongkai_cli.cli.output import write
    from gongkai_cli.errors import UsageError
    from gongkai_cli.io import dates
    from gongkai_cli.progress.file import resolve_progress_path
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.queries.template import template_for, templates_for
    from gongkai_cli.render.template_xlsx import template_view

    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    if not all_units and unit is None:
        raise UsageError(_("name the unit: --unit UNIT, or --all-units for one file per unit"))
    if all_units and output_file is None:
        raise UsageError(_("--all-units writes one file per unit: name the directory with -o DIR"))
    path = resolve_progress_path(progress)
    directory = plan_dir(data, plan_id)
    if path is not None and not path.exists():  # made now: the import reads the same ledger
        from gongkai_cli.progress.edit import create_ledger
        from gongkai_cli.render import note

        create_ledger(path, load_plan(directory))
        note(_("created {path}, an empty progress file").format(path=path))
    scope = open_scope(directory, path, grace=not no_grace)
    if not all_units:
        assert unit is not None
        if output_file is not None and output_file.suffix.lower() != ".xlsx":
            raise UsageError(
                _("{path}: a template is an .xlsx file: name it NAME.xlsx").format(path=output_file)
            )
        write(template_view(template_for(scope, unit, as_of_date), raw), "xlsx", output_file)
        return
    assert output_file is not None
    if output_file.exists() and not output_file.is_dir():
        raise UsageError(
            _("{path} is a file: --all-units writes into a directory").format(path=output_file)
        )
    output_file.mkdir(parents=True, exist_ok=True)
    for made in templates_for(scope, unit, as_of_date):
        write(template_view(made, raw), "xlsx", output_file / template_file_name(made.head.unit))


def template_file_name(unit: str) -> str:
    """The file of a unit's template in a directory: its name, safe on every system."""
    safe = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in unit).strip(". ")
    return f"{safe or 'unit'}.xlsx"


@progress_app.command("import")
def import_returns(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned sheets (.xlsx, .xls or .ods), as progress template wrote them.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    prefer: Annotated[
        PreferChoice | None,
        typer.Option(
            help="Who wins a conflict (the ledger changed since the template, and the sheet "
            "says otherwise): sheet or ledger. Default: list it and keep the ledger's.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    progress: ProgressOption = None,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> int:
    """Merge returned 报送 sheets into the progress file: what each unit changed.

    Example: gongkai progress import 市教委.xlsx 市财政局.xlsx -p progress.yaml
    """
    from gongkai_cli.cli.output import write
    from gongkai_cli.errors import GongkaiError, UsageError
    from gongkai_cli.io import dates
    from gongkai_cli.model.roundtrip import Prefer
    from gongkai_cli.progress.file import require_progress_path
    from gongkai_cli.progress.merge import merge_returns
    from gongkai_cli.progress.returns import read_returned
    from gongkai_cli.render.returns_views import import_view

    raw_for(output, raw)
    path = require_progress_path(progress)
    plan = load_plan(plan_dir(data, plan_id))
    today = dates.today()
    returned = []
    unreadable = []
    for file in files:
        try:
            returned.append(read_returned(file, today))
        except GongkaiError as exc:
            unreadable.append(str(exc))
    if unreadable:
        raise UsageError("\n".join(unreadable))
    result = merge_returns(
        path, plan, returned, Prefer(prefer.value) if prefer else None, dry_run=dry_run
    )
    write(import_view(result), output, raw=raw)
    return int(ExitCode.USAGE) if result.failed else int(ExitCode.OK)


@progress_app.command("rekey")
def rekey_ledger(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    progress: ProgressOption = None,
    data: DataDir = None,
    plan_id: PlanId = None,
) -> None:
    """Record the plan's 文号 in a progress file kept under its old one (a corrected 文号).

    Nothing else changes; the entries must fit the plan. Locked and atomic like
    progress set.

    Example: gongkai progress rekey -p progress.yaml --plan 2025
    """
    from gongkai_cli.progress.file import require_progress_path
    from gongkai_cli.progress.rekey import rekey
    from gongkai_cli.render import note

    path = require_progress_path(progress)
    plan = load_plan(plan_dir(data, plan_id))
    done = rekey(path, plan, write=not dry_run)
    before = done.before if done.before is not None else _("(none)")
    if not done.changed:
        note(
            _("{path} already records {number}: nothing to change").format(
                path=path, number=done.after
            )
        )
    elif dry_run:
        note(
            _("would re-key {path}: plan {before} -> {after} (--dry-run: nothing written)").format(
                path=path, before=before, after=done.after
            )
        )
    else:
        note(
            _("re-keyed {path}: plan {before} -> {after}").format(
                path=path, before=before, after=done.after
            )
        )
