"""`gongkai import`: a draft plan from the document an office receives."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import ListFormatOption, Raw, raw_for

if TYPE_CHECKING:
    from gongkai_cli.plan.importing import DocumentFacts
    from gongkai_cli.plan.load import Plan

app = GongkaiTyper()


@app.command("import")
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            help="The plan as received: .txt/.md (copied page or PDF), .csv/.tsv, .xlsx or .docx.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Directory to write the draft plan to.", show_default=False),
    ],
    plan_id: Annotated[
        str | None,
        typer.Option("--id", help="The plan's id (default: its year).", show_default=False),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=(
                "The year the time nodes refer to (default: from the title, the 文号 or the "
                "issue date)."
            ),
            show_default=False,
        ),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option("--number", help="文号, if the source does not state it.", show_default=False),
    ] = None,
    issued: Annotated[
        str | None,
        typer.Option(
            "--issued", help="成文日期, if the source does not state it.", show_default=False
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The plan's title, if the source does not state it.", show_default=False
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            "--place",
            help="The plan's place (上海市普陀区, 江门市自然资源局), if the notice does not "
            "say it.",
            show_default=False,
        ),
    ] = None,
    level: Annotated[
        # A plan's Level (model.plan).
        Literal["province", "city", "district", "street", "department"] | None,
        typer.Option(
            "--level",
            help="The plan's level, if its place's name does not say it (a county-level city "
            "is district).",
            show_default=False,
        ),
    ] = None,
    layout: Annotated[
        # A plan's Layout (model.plan), or auto: found from the source.
        Literal["auto", "annex-table", "items"],
        typer.Option("--layout", help="annex-table (任务分解表), items (numbered items), or auto."),
    ] = "auto",
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet",
            help="The .xlsx sheet to read (default: the first with a task table).",
            show_default=False,
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The text file's encoding (default: UTF-8 with or without BOM, GBK or GB18030).",
            show_default=False,
        ),
    ] = None,
    time_node: Annotated[
        str | None,
        typer.Option(
            "--time-node",
            help="The time node of every task when the table has no time column (e.g. 全年).",
            show_default=False,
        ),
    ] = None,
    default_time_node: Annotated[
        str | None,
        typer.Option(
            "--default-time-node",
            help="The time node of every item that writes no 完成时限 (e.g. 全年: due at the "
            "plan year's end), recorded as a decision on each.",
            show_default=False,
        ),
    ] = None,
    against_plan: Annotated[
        str | None,
        typer.Option(
            "--against-plan",
            help="Read the file as a unit's own sheet of this installed plan, by its 序号: "
            "names, time nodes and merged cells come from the plan's rows.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR if it exists.")] = False,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> int:
    """Import a plan document as a draft plan directory, listing what needs a decision.

    Writes DIR/tasks.yaml, DIR/units.yaml and DIR/source/<file>. Exit 0 if the
    draft validates as it stands, 3 if it was written but needs decisions, 2 if
    the source cannot be read.

    Example: gongkai import 2025-yaodian.docx --out ./plan-2025
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.errors import ExitCode
    from gongkai_cli.io.plans import valid_id
    from gongkai_cli.model.plan import Layout
    from gongkai_cli.plan.importing import import_plan
    from gongkai_cli.render.import_views import import_view, note_review, note_summary

    if plan_id is not None:
        plan_id = valid_id(plan_id)  # the id `plans add --id` will take: checked now
    facts = _facts(year, number, issued, title, time_node, default_time_node, place, level)
    result = import_plan(
        source,
        out,
        layout=None if layout == "auto" else Layout(layout),
        facts=facts,
        sheet=sheet,
        encoding=encoding,
        force=force,
        against=_against(against_plan),
    )
    # The id names the plan once installed (`gongkai plans add DIR --id ID`); the draft
    # itself has no place for it, so it is reported for that step.
    plan_id = plan_id or (str(result.year) if result.year else None)
    if output == "table":
        note_review(result.findings)  # points for people: on stderr, like the note
    else:
        write(import_view(result, plan_id, default_time_node), output, raw=raw)
    note_summary(result, default_time_node)
    return (
        int(ExitCode.INVALID_DATA) if any(f.decide for f in result.findings) else int(ExitCode.OK)
    )


def _facts(
    year: int | None,
    number: str | None,
    issued: str | None,
    title: str | None,
    time_node: str | None,
    default_time_node: str | None,
    place: str | None,
    level: str | None,
) -> DocumentFacts:
    """What the options say of the document where its notice does not."""
    from gongkai_cli.io.dates import parse_date
    from gongkai_cli.model.plan import Level
    from gongkai_cli.plan.importing import DocumentFacts

    return DocumentFacts(
        year=year,
        number=number,
        issued=parse_date(issued, "--issued") if issued else None,
        title=title,
        time_node=time_node,
        default_time_node=default_time_node,
        place=place,
        level=Level(level) if level else None,
    )


def _against(against_plan: str | None) -> tuple[str, Plan] | None:
    """--against-plan's installed plan, by its id, and the plan itself."""
    if against_plan is None:
        return None
    from gongkai_cli.io.plans import find
    from gongkai_cli.plan.load import load_plan

    installed = find(against_plan)
    return installed.id, load_plan(installed.directory)
