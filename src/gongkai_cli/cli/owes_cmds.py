"""What a unit owes, counted: `owes` (tasks by due month, per role or for every unit)."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    MemberOf,
    NoGrace,
    OutputFile,
    PlanId,
    Raw,
    SheetFormatOption,
    output_format,
    plan_dir,
    raw_for,
)

app = GongkaiTyper()


@app.command()
def owes(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", "-u", help="One unit: its counts by month and role.", show_default=False
        ),
    ] = None,
    direct_only: DirectOnly = False,
    member_of: MemberOf = None,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: SheetFormatOption = "table",
    output_file: OutputFile = None,
    raw: Raw = False,
) -> None:
    """Count tasks by due month: per role for one unit, or the matrix of every unit.

    Example: gongkai owes --unit 长宁区政府
    """
    output = output_format(output, output_file)
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.queries.owes import OwesRequest, owes
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.owes_views import owes_view

    request = OwesRequest(unit, tuple(member_of or ()), direct_only)
    answer = owes(open_scope(plan_dir(data, plan_id), grace=not no_grace), request)
    write(owes_view(answer), output, output_file, raw=raw)
