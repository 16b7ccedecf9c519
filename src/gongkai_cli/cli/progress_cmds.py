"""What has been delivered: `progress set|show`, the `overdue` gate and the `report`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gongkai_cli.cli.options import DataDir, Format, ListFormat
from gongkai_cli.errors import ExitCode
from gongkai_cli.io.settings import PROGRESS_ENV
from gongkai_cli.model.progress import ProgressStatus, Standing, TargetState
from gongkai_cli.plan.load import load_plan

app = typer.Typer()
progress_app = typer.Typer(
    help="Record and list what each unit has done (the progress file).", no_args_is_help=True
)
app.add_typer(progress_app, name="progress")


class StatusChoice(StrEnum):
    """A progress status."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"


class ReportFormat(StrEnum):
    """Output formats of `report`."""

    md = "md"
    html = "html"
    json = "json"


ProgressOption = Annotated[
    Path | None,
    typer.Option(
        "--progress",
        "-p",
        envvar=PROGRESS_ENV,
        help=f"The progress file (YAML; also ${PROGRESS_ENV}).",
        show_default=False,
        dir_okay=False,
    ),
]
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
            help="Default: the entry's current status, or done for a new entry.", show_default=False
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
    progress: ProgressOption = None,
    data: DataDir = None,
) -> None:
    """Record a unit's progress on a task, keeping the file's comments; creates the file.

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
        status=ProgressStatus(status.value) if status else None,
        completed=dates.parse_date(on, "--on") if on else None,
        evidence=evidence,
        note=note,
        value=value,
        target=target,
    )
    entry, created = set_entry(path, load_plan(data), change, dates.today())
    done = f" on {entry.completed}" if entry.completed else ""
    action = "added" if created else "updated"
    tell(f"{action}: task {entry.seq}, {entry.unit}: {entry.status}{done} ({path})")


@progress_app.command("show")
def show_entries(
    unit: ScopeOption = None,
    progress: ProgressOption = None,
    data: DataDir = None,
    output: Format = ListFormat.table,
) -> None:
    """List the entries of the progress file, with each task's due date.

    Example: gongkai progress show --unit 市教委 -p progress.yaml
    """
    from gongkai_cli import render
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.progress.assessment import scope
    from gongkai_cli.progress.file import (
        ENTRY_COLUMNS,
        entries_for,
        entry_csv_row,
        entry_record,
        load_progress,
        require_progress_path,
    )

    path = require_progress_path(progress)
    plan = load_plan(data)
    recorded = load_progress(path, plan)
    who = scope(UnitDirectory(plan.units), unit)
    records = [
        entry_record(entry, plan.task(entry.seq))
        for entry in entries_for(recorded, (u.name for u in who))
    ]
    if output is ListFormat.json:
        render.emit_json({"progress": str(path), "entries": records})
        return
    if output is ListFormat.csv:
        render.emit_csv(ENTRY_COLUMNS, (entry_csv_row(r) for r in records))
        return
    for record in records:
        record["status_zh"] = ProgressStatus(record["status"]).zh + (
            f"\n{record['completed']}" if record["completed"] else ""
        )
        details = [str(record["evidence"]), str(record["note"])]
        details += [f"{k} = {v}" for k, v in record["values"].items()]
        record["details"] = "\n".join(d for d in details if d)
    render.emit_table(
        [
            render.Column("序号", "seq", justify="right"),
            render.Column("单位", "unit"),
            render.Column("状态", "status_zh"),
            render.Column("截止", "due"),
            render.Column("依据 / 备注 / 指标值", "details", ratio=1),
        ],
        records,
        title=f"进展记录 ({path})",
        caption=f"共 {len(records)} 条",
    )


@app.command()
def overdue(
    unit: ScopeOption = None,
    as_of: AsOf = None,
    progress: ProgressOption = None,
    data: DataDir = None,
    output: Format = ListFormat.table,
) -> int:
    """The CI gate: exit 1 if any duty is overdue or a done task misses its target, else 0.

    Example: gongkai overdue --unit 市教委 --as-of 2021-07-01 -p progress.yaml
    """
    from gongkai_cli import render
    from gongkai_cli.io import dates
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.progress.assessment import (
        FINDING_COLUMNS,
        FINDING_KINDS,
        assess,
        finding_csv_row,
        finding_rows,
        gate,
        gate_record,
        scope,
    )
    from gongkai_cli.progress.file import load_progress, resolve_progress_path

    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    plan = load_plan(data)
    path = resolve_progress_path(progress)
    recorded = load_progress(path, plan)
    units = UnitDirectory(plan.units)
    who = scope(units, unit)
    found = gate(assess(plan, recorded, as_of_date, who), as_of_date)
    record = gate_record(found)
    record["unit"] = units.resolve(unit).name if unit else None
    record["progress"] = str(path) if path else None
    summary = (
        f"{len(found.overdue)} overdue, {len(found.below_target)} below target, "
        f"{len(found.target_unrecorded)} target unrecorded, {len(found.done_late)} done late"
    )
    if path is None:
        render.note(f"no progress file (--progress / ${PROGRESS_ENV}): nothing counts as done")
    rows = finding_rows(record)
    if output is ListFormat.json:
        render.emit_json(
            {key: record[key] for key in ("as_of", "unit", "progress", "failed", *FINDING_KINDS)}
        )
    elif output is ListFormat.csv:
        render.emit_csv(FINDING_COLUMNS, (finding_csv_row(row) for row in rows))
    else:
        counts = {kind: len(record[kind]) for kind in FINDING_KINDS}
        _overdue_table(rows, as_of_date.isoformat(), counts)
    if found.failed:
        render.note(f"gongkai overdue: {summary}: exit 1")
        return int(ExitCode.MISSED)
    render.note(f"gongkai overdue: {summary}: exit 0")
    return int(ExitCode.OK)


# The gate's kinds of finding, labelled as the standings and target states they are.
KIND_ZH = {
    "overdue": Standing.OVERDUE.zh,
    "below_target": TargetState.BELOW.zh,
    "target_unrecorded": TargetState.UNRECORDED.zh,
    "done_late": Standing.DONE_LATE.zh,
}


def _overdue_table(rows: list[dict[str, object]], as_of: str, counts: dict[str, int]) -> None:
    import sys

    from gongkai_cli import render

    for row in rows:
        kind = str(row["kind"])
        row["kind_zh"] = KIND_ZH[kind]
        target = row.get("target")
        if isinstance(target, dict):
            unit = target["unit"]
            value = "未填报" if target["value"] is None else f"{target['value']}{unit}"
            detail = (
                f"{target['metric']} {value},应 {target['comparison']} {target['threshold']}{unit}"
            )
        elif kind == "overdue":
            status = row["progress"]
            recorded = ProgressStatus(str(status)).zh if status else "无记录"
            detail = f"逾期 {row['days_late']} 天 ({recorded})"
        else:
            detail = f"{row['completed']} 完成,晚 {row['days_late']} 天"
        row["detail"] = f"{row['name']}\n{detail}"
    title = f"逾期与指标检查 (截至 {as_of})"
    caption = " · ".join(f"{KIND_ZH[kind]} {count}" for kind, count in counts.items())
    caption += "\n逾期完成的事项只列出,不使检查失败。"
    if not rows:
        sys.stdout.write(f"{title}\n无逾期、未达标或逾期完成的事项。\n")
        return
    render.emit_table(
        [
            render.Column("类别", "kind_zh"),
            render.Column("序号", "seq", justify="right"),
            render.Column("单位", "unit"),
            render.Column("截止", "due"),
            render.Column("任务名称 / 情况", "detail", ratio=1),
        ],
        rows,
        title=title,
        caption=caption,
    )


@app.command()
def report(
    unit: ScopeOption = None,
    as_of: AsOf = None,
    progress: ProgressOption = None,
    data: DataDir = None,
    output: Annotated[
        ReportFormat,
        typer.Option(
            "--format", "-f", help="md to read or paste; html (one file, prints on A4); json."
        ),
    ] = ReportFormat.md,
) -> None:
    """Per unit: owed, done on time or late, overdue, open, completion rate; per task: who did it.

    Example: gongkai report --format html -p progress.yaml > report.html
    """
    from gongkai_cli import render
    from gongkai_cli.io import dates
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.progress.assessment import scope
    from gongkai_cli.progress.file import load_progress, resolve_progress_path
    from gongkai_cli.progress.report import build_report, report_record

    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    plan = load_plan(data)
    path = resolve_progress_path(progress)
    recorded = load_progress(path, plan)
    units = UnitDirectory(plan.units)
    who = scope(units, unit)
    name = units.resolve(unit).name if unit else None
    built = build_report(plan, recorded, as_of_date, who, name)
    if path is None:
        render.note(f"no progress file (--progress / ${PROGRESS_ENV}): nothing counts as done")
    if output is ReportFormat.json:
        render.emit_json(report_record(built))
    elif output is ReportFormat.html:
        import sys

        from gongkai_cli.render.report_html import html_report

        sys.stdout.write(html_report(built))
    else:
        import sys

        from gongkai_cli.render.report_md import markdown

        sys.stdout.write(markdown(built))
