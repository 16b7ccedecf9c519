"""What a unit owes, counted: `owes` (tasks by due month, per role or for every unit)."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    MemberOf,
    OutputFile,
    PlanId,
    SheetFormatOption,
    plan_dir,
)
from gongkai_cli.plan.load import load_plan

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
    data: DataDir = None,
    plan_id: PlanId = None,
    output: SheetFormatOption = "table",
    output_file: OutputFile = None,
) -> None:
    """Count tasks by due month: per role for one unit, or the matrix of every unit.

    Example: gongkai owes --unit 长宁区政府
    """
    from gongkai_cli.cli.output import write
    from gongkai_cli.model.plan import UnitKind
    from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.render.due_views import owes_matrix_view, owes_view

    plan = load_plan(plan_dir(data, plan_id))
    units = UnitDirectory(plan.units)
    policy = pre_issue_policy(plan.document)
    if unit is not None:
        who = asker(units, unit, member_of or ())
        tasks, maybe = owed(plan.tasks, units, who, direct_only, policy=policy)
        year = plan.document.year
        draft = plan.document.draft
        write(owes_view(who, tasks, maybe, direct_only, year, draft), output, output_file)
        return
    matrix = [
        (member, owed(plan.tasks, units, asker(units, member.name), direct_only, policy=policy)[0])
        for member in plan.units
        if member.kind is not UnitKind.COLLECTIVE
    ]
    view = owes_matrix_view(matrix, direct_only, plan.document.year, plan.document.draft)
    write(view, output, output_file)
