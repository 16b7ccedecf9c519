"""Every command documents itself and is documented in the README (like sqlite-utils'
tests/test_docs.py): a summary line and an example in its --help, and its name in
the README under a heading or in a code block.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from gongkai_cli.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(group: Any, ctx: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """(command path, command) for every command under `group`, sub-groups walked."""
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        path = f"{prefix}{name}"
        if hasattr(command, "list_commands"):
            found += _commands(command, type(ctx)(command, parent=ctx, info_name=name), f"{path} ")
        else:
            found.append((path, command))
    return found


def all_commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    return _commands(root, root.context_class(root, info_name="gongkai"))


COMMANDS = all_commands()
PATHS = [path for path, _ in COMMANDS]


def test_the_plan_commands_are_registered() -> None:
    assert {"validate", "tasks", "show", "units", "schema"} <= set(PATHS)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=PATHS)
def test_command_has_a_summary_and_an_example(path: str, command: Any) -> None:
    help_text = (command.help or "").strip()
    summary = help_text.split("\n\n")[0]
    assert summary and "\n" not in summary and summary.endswith("."), summary
    examples = [line for line in help_text.split("\n") if line.startswith("Example: ")]
    assert examples and all(e.startswith(f"Example: gongkai {path}") for e in examples)


@pytest.mark.parametrize("path", PATHS)
def test_help_shows_the_example(runner: CliRunner, path: str) -> None:
    result = runner.invoke(app, [*path.split(), "--help"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert re.search(rf"^\s*Example: gongkai {re.escape(path)}\b", result.stdout, re.M)


def _readme_headings_and_code(text: str) -> tuple[list[str], str]:
    headings, code, in_code = [], [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif in_code:
            code.append(line)
        elif line.startswith("#"):
            headings.append(line)
    return headings, "\n".join(code)


@pytest.mark.parametrize("path", PATHS)
def test_readme_documents_the_command(path: str) -> None:
    headings, code = _readme_headings_and_code(README.read_text(encoding="utf-8"))
    command = re.escape(f"gongkai {path}")
    in_code = re.search(rf"(^|[\s$]){command}(\s|$)", code, re.M)
    in_heading = any(
        re.search(rf"{command}(\s|`|$)|`{re.escape(path)}`", heading) for heading in headings
    )
    assert in_code or in_heading, f"README.md shows no `gongkai {path}`"
