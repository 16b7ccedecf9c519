"""Every command documents itself and is documented in the manual (like sqlite-utils'
tests/test_docs.py): a summary line and an example in its --help, and its name on a
page of docs/ under a heading or in a code block. The command reference
(docs/cli-reference.md) does not count: cog writes it from every command, so it
would show a command nobody has written about.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import Gongkai
from gongkai_cli.cli.app import command_tree

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDES = sorted(page for page in DOCS.glob("*.md") if page.name != "cli-reference.md")


# Every command (a group's commands, not the group itself), by its path.
COMMANDS = [(path, c) for path, c in command_tree().items() if not hasattr(c, "list_commands")]
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
def test_help_shows_the_example(gongkai: Gongkai, path: str) -> None:
    result = gongkai(*path.split(), "--help")
    assert (result.exit_code, result.stderr) == (0, "")
    assert re.search(rf"^\s*Example: gongkai {re.escape(path)}\b", result.stdout, re.M)


def _headings_and_code(text: str) -> tuple[list[str], str]:
    headings, code, in_code = [], [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif in_code:
            code.append(line)
        elif line.startswith("#"):
            headings.append(line)
    return headings, "\n".join(code)


def _documents(text: str, path: str) -> bool:
    headings, code = _headings_and_code(text)
    command = re.escape(f"gongkai {path}")
    in_code = re.search(rf"(^|[\s$]){command}(\s|$)", code, re.M)
    in_heading = any(
        re.search(rf"{command}(\s|`|$)|`{re.escape(path)}`", heading) for heading in headings
    )
    return bool(in_code or in_heading)


def test_there_are_guides() -> None:
    assert len(GUIDES) >= 8, [page.name for page in GUIDES]


@pytest.mark.parametrize("path", PATHS)
def test_the_docs_document_the_command(path: str) -> None:
    pages = [page.name for page in GUIDES if _documents(page.read_text(encoding="utf-8"), path)]
    assert pages, f"no page of docs/ shows `gongkai {path}`"


def test_a_command_missing_from_the_docs_is_found() -> None:
    assert _documents("## `gongkai due`\n", "due")
    assert _documents("```console\n$ gongkai plans add DIR\n```\n", "plans add")
    assert not _documents("`gongkai plans add DIR` in prose\n", "plans add")
    assert not _documents("```console\n$ gongkai plans\n```\n", "plans add")
