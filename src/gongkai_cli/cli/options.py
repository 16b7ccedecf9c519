"""Options shared by several commands, and the output formats each family offers."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gongkai_cli.io.settings import DATA_ENV, HOLIDAYS_ENV


class ListFormat(StrEnum):
    """Output formats of list commands."""

    table = "table"
    json = "json"
    csv = "csv"


class DueFormat(StrEnum):
    """Output formats of `due`."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    ics = "ics"


DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar=DATA_ENV,
        help="Directory with tasks.yaml and units.yaml (default: the shipped 2021 plan).",
        show_default=False,
        file_okay=False,
    ),
]

HolidaysFile = Annotated[
    Path | None,
    typer.Option(
        "--holidays",
        envvar=HOLIDAYS_ENV,
        help="YAML file of holidays and make-up working days; each year in it replaces "
        "chinese-calendar's data for that year (see the README).",
        show_default=False,
        dir_okay=False,
    ),
]

Format = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="table for people; json or csv for scripts."),
]


class RoleChoice(StrEnum):
    """A role in a task."""

    lead = "lead"
    responsible = "responsible"
    support = "support"


UnitOption = Annotated[
    str,
    typer.Option(
        "--unit",
        "-u",
        help="The unit asking: short name, alias, full name or a unique part (教委).",
        show_default=False,
    ),
]
MemberOf = Annotated[
    list[str] | None,
    typer.Option(
        "--member-of",
        help="Ask as a member of this collective (repeatable), e.g. for a department "
        "the data does not list: --member-of 市政府各部门.",
        show_default=False,
    ),
]
DirectOnly = Annotated[
    bool,
    typer.Option(
        "--direct-only", help="Only tasks that name the unit itself, not its collectives."
    ),
]
