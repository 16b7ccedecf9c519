"""Options shared by several commands, and the output formats each family offers.

The formats are those of `model.output.Format`; each family offers some of them, as
a Literal of their names, which typer shows and checks as a closed choice.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal, TypeVar, cast

import typer

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.io.settings import (
    DATA_ENV,
    HOLIDAYS_ENV,
    PLAN_ENV,
    PROGRESS_ENV,
    PROVISIONAL_ENV,
)

ListFormat = Literal["table", "json", "csv"]
"""Output formats of list commands."""
SheetFormat = Literal["table", "json", "csv", "xlsx"]
"""Output formats of list commands a supervisor takes into a spreadsheet."""
DueFormat = Literal["table", "json", "csv", "md", "ics", "xlsx"]
"""Output formats of `due`."""


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

PlanId = Annotated[
    str | None,
    typer.Option(
        "--plan",
        envvar=PLAN_ENV,
        help="An installed plan's id, as 'gongkai plans' lists them (default: 2021, "
        "the shipped plan).",
        show_default=False,
    ),
]


def _on_command_line(name: str) -> bool:
    # typer's own click (app.py raises its exceptions too): its context knows where a
    # value came from, the command line or the environment.
    from typer._click.core import ParameterSource
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return source is ParameterSource.COMMANDLINE


F = TypeVar("F", bound=str | None)

# The format each extension of `-o FILE` names. A .txt file is text of any kind: it
# names the table only when --format does not say which text.
EXTENSIONS: dict[str, str] = {
    ".txt": "table",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".ics": "ics",
    ".xlsx": "xlsx",
}


def output_format(fmt: F, output_file: Path | None) -> F:
    """The format to write: --format when the command line gives it; with `-o FILE`
    and no --format, the format FILE's extension names (`report -o out.xlsx` writes
    a workbook, not Markdown). An extension the command cannot write is a usage
    error, and so is one that names another format than --format. A device, a FIFO
    or /dev/stdout (not a regular file, and no extension) takes the default."""
    if output_file is None:
        return fmt
    suffix = output_file.suffix.lower()
    named = EXTENSIONS.get(suffix)
    if _on_command_line("output"):
        if named is not None and named != fmt and suffix != ".txt":
            raise UsageError(
                _(
                    "--format {format}, but -o {path} is named for {named}: give one or the other"
                ).format(format=fmt, path=output_file, named=named)
            )
        return fmt
    if named is None and output_file.exists() and not output_file.is_file():
        return fmt
    offered = _offered_formats()
    if named is None or named not in offered:
        from gongkai_cli.i18n import alternatives

        names = [next(s for s, f in EXTENSIONS.items() if f == each) for each in offered]
        message = (
            _(
                "-o {path}: {command} does not write {suffix} files; name it {suffixes}, or "
                "give --format"
            )
            if suffix
            else _(
                "-o {path}: {command} does not write files without an extension; name it "
                "{suffixes}, or give --format"
            )
        )
        raise UsageError(
            message.format(
                path=output_file,
                command=_command_name(),
                suffix=suffix,
                suffixes=alternatives(names),
            )
        )
    return cast(F, named)


def _offered_formats() -> list[str]:
    """The formats --format of the running command offers, in its order."""
    from typer._click.globals import get_current_context

    ctx = get_current_context()
    option = next(param for param in ctx.command.params if param.name == "output")
    return [str(choice) for choice in getattr(option.type, "choices", ())]


def _command_name() -> str:
    from typer._click.globals import get_current_context

    return str(get_current_context().info_name)


def plan_choice(data: Path | None, plan_id: str | None) -> tuple[Path | None, str | None]:
    """`--data` or `--plan`, whichever names the plan: at most one is not None.

    An option wins over an environment variable; two on the command line, or the
    two variables, are a usage error rather than a silent choice.
    """
    if data is not None and plan_id is not None:
        data_given, plan_given = _on_command_line("data"), _on_command_line("plan_id")
        if data_given and plan_given:
            raise UsageError(_("--data and --plan both name a plan: give one"))
        if not data_given and not plan_given:
            raise UsageError(
                _("{data_env} and {plan_env} both name a plan: unset one").format(
                    data_env=DATA_ENV, plan_env=PLAN_ENV
                )
            )
        return (data, None) if data_given else (None, plan_id)
    return data, plan_id


def plan_dir(data: Path | None, plan_id: str | None) -> Path:
    """The plan directory `--data` or `--plan` names, else the default one
    (`io.plans.plan_directory`: the variables, then the shipped plan)."""
    from gongkai_cli.io.plans import plan_directory

    return plan_directory(*plan_choice(data, plan_id))


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

Provisional = Annotated[
    bool,
    typer.Option(
        "--provisional",
        envvar=PROVISIONAL_ENV,
        help="Count the year after the holiday calendar's last with a provisional calendar "
        "(暂定: the holidays of the 放假办法 第二条 and weekends, no 调休); every result "
        "computed with it is marked 暂定.",
    ),
]

NoGrace = Annotated[
    bool,
    typer.Option(
        "--no-grace",
        help="No grace for tasks whose time node fell before the plan's issue date "
        "(印发前已到期): they are due on the day as written, so overdue from the start. "
        "By default they are due at issue plus the grace the plan's data records "
        "(gongkai's convention, not the plan's).",
    ),
]

ListFormatOption = Annotated[
    ListFormat,
    typer.Option("--format", "-f", help="table for people; json or csv for scripts."),
]

SheetFormatOption = Annotated[
    SheetFormat,
    typer.Option("--format", "-f", help="table for people; json or csv for scripts; xlsx."),
]

OutputFile = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the output to FILE instead of stdout; without --format, FILE's extension "
        "(.xlsx, .csv, .json…) names the format.",
        show_default=False,
        dir_okay=False,
    ),
]


Raw = Annotated[
    bool,
    typer.Option(
        "--raw",
        help="csv, xlsx: cells that begin with = + - @ as they are, without the "
        "leading ' that keeps them from running as formulas.",
    ),
]


def raw_for(fmt: str, raw: bool) -> bool:
    """`raw` (--raw) for output format `fmt`: a usage error (exit 2) with a format other
    than csv and xlsx, where it would be accepted and ignored. Checked before the
    command does anything (import writes its draft before it prints)."""
    if raw:
        from gongkai_cli.render.emit import refuse_raw

        refuse_raw(fmt)
    return raw


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

Grep = Annotated[
    str | None,
    typer.Option(
        "--grep",
        help="Only tasks whose name or content contains WORD, whitespace ignored "
        "(highlighted on a terminal).",
        metavar="WORD",
        show_default=False,
    ),
]

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
