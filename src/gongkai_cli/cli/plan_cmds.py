"""Commands over the plan itself: validate, tasks, show, units, schema."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import (
    DataDir,
    Grep,
    ListFormatOption,
    NoGrace,
    PlanId,
    Raw,
    plan_dir,
    raw_for,
)
from gongkai_cli.i18n import _
from gongkai_cli.plan.load import validate_plan

app = GongkaiTyper()


AgainstSource = Annotated[
    bool,
    typer.Option(
        "--against-source",
        help="Also check that every task's content, name, 责任单位 and 时间节点 appears "
        "verbatim (whitespace aside) in the plan's source document.",
    ),
]


@app.command()
def validate(
    data: DataDir = None, plan_id: PlanId = None, against_source: AgainstSource = False
) -> None:
    """Check the data files: schema, cross-references and time nodes; exit 3 listing every problem.

    Example: gongkai validate --data ./my-district-plan --against-source
    """
    from gongkai_cli.render import note

    plan = validate_plan(plan_dir(data, plan_id))
    note(
        _("ok: {tasks} tasks and {units} units in {data_dir}").format(
            tasks=len(plan.tasks), units=len(plan.units), data_dir=plan.data_dir
        )
    )
    if against_source:
        from gongkai_cli.errors import InvalidDataError
        from gongkai_cli.plan.importing import check_against_source

        problems = check_against_source(plan)
        if problems:
            raise InvalidDataError(problems)
        note(
            _("ok: every task cell appears verbatim in {source}").format(
                source=plan.document.source
            )
        )


@app.command()
def tasks(
    grep: Grep = None,
    long: Annotated[
        bool, typer.Option("--long", "-l", help="Show each task's content (任务内容) too.")
    ] = False,
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> None:
    """List every task of the plan with its units and time node.

    Example: gongkai tasks --grep 12345 --long
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.queries.plan import tasks as listed
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.plan_views import tasks_view

    word = None
    if grep is not None:
        from gongkai_cli.plan.search import search_word

        word = search_word(grep)
    scope = open_scope(plan_dir(data, plan_id), grace=not no_grace)
    write(tasks_view(listed(scope, word), long=long), output, raw=raw)


@app.command()
def show(
    seq: Annotated[int, typer.Argument(help="The task's 序号 (1-99 in the 2021 plan).")],
    no_grace: NoGrace = False,
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> None:
    """Show one task in full: its cells, units and roles, deadline, body paragraph and decisions.

    Example: gongkai show 6
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.queries.plan import show as shown
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.plan_views import show_view

    scope = open_scope(plan_dir(data, plan_id), grace=not no_grace)
    write(show_view(shown(scope, seq)), output, raw=raw)


@app.command()
def units(
    data: DataDir = None,
    plan_id: PlanId = None,
    output: ListFormatOption = "table",
    raw: Raw = False,
) -> None:
    """List every unit: short name, full name, kind, aliases and collective members.

    Example: gongkai units --format json
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.queries.plan import units as listed
    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.render.plan_views import units_view

    write(units_view(listed(open_scope(plan_dir(data, plan_id)))), output, raw=raw)


class SchemaFile(StrEnum):
    """The files `gongkai schema` describes."""

    tasks = "tasks"
    units = "units"
    rules = "rules"
    holidays = "holidays"
    progress = "progress"


@app.command()
def schema(
    file: Annotated[
        SchemaFile | None,
        typer.Argument(
            help="One file's schema alone (default: all, keyed by file name).", show_default=False
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files (tasks, units, rules, holidays, progress).

    Example: gongkai schema tasks > tasks.schema.json
    """
    from gongkai_cli.cli.output import write
    from gongkai_cli.render import View
    from gongkai_cli.schemas import json_schemas

    schemas = json_schemas()
    write(View(data=schemas[f"{file.value}.yaml"] if file else schemas), "json")
