"""`gongkai lint`: what a careful reader of the plan itself would flag."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import DataDir, ListFormatOption, PlanId, Raw, plan_dir, raw_for

app = GongkaiTyper()

Strict = Annotated[
    bool,
    typer.Option("--strict", help="Exit 1 if there is any finding (for CI); otherwise exit 0."),
]


@app.command()
def lint(
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
    strict: Strict = False,
) -> int:
    """Flag what a careful reader of the plan would: early deadlines, changed wording, empty cells.

    Example: gongkai lint --format json
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.errors import ExitCode
    from gongkai_cli.queries.plan import lint as read
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.plan_views import lint_view

    answer = read(open_scope(plan_dir(data, plan_id)))
    write(lint_view(answer), output, raw=raw)
    return int(ExitCode.MISSED) if strict and answer.findings else int(ExitCode.OK)
