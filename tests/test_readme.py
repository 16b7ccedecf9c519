"""The README cannot drift from the code.

- Its console examples run, in order, as one shell session, and each command's
  output must be the output shown under it: stdout and stderr as a terminal shows
  them, with "today" 2021-06-15 and 80 columns (conftest.py), as the README says. A
  line `...` stands for one or more lines left out; every other line is compared
  exactly. Trailing blank lines only separate one command from the next.
- Its command reference is what cog writes from every command's --help.

A ```console block is a session: every line from its first `$ ` line on is a
command (`$ `, continued by a trailing backslash) or output. Commands are `gongkai`
(run in-process through CliRunner), `echo` and `cat`, joined by `;`, with `>` to
redirect stdout; `#` starts a comment. Anything else fails here: show it in an
```sh block instead. The examples show what a user sees by default, Chinese; a
command may start with `GONGKAI_LANG=en ` to show the English.
"""

from __future__ import annotations

import difflib
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLES = ROOT / "examples"  # the files the examples read, copied into the session


@dataclass(frozen=True)
class Example:
    line: int  # of the `$ ` line in README.md
    command: str
    expected: tuple[str, ...]


def console_examples(text: str) -> list[Example]:
    examples: list[Example] = []
    block: list[tuple[int, str]] | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if block is None:
            if line.strip() == "```console":
                block = []
        elif line.strip() == "```":
            examples += _session(block)
            block = None
        else:
            block.append((number, line))
    assert block is None, "README.md: a ```console block is not closed"
    return examples


def _session(block: list[tuple[int, str]]) -> list[Example]:
    assert block and block[0][1].startswith("$ "), (
        f"README.md:{block[0][0] if block else '?'}: a console block starts with a `$ ` command"
    )
    examples: list[Example] = []
    i = 0
    while i < len(block):
        start, command = block[i][0], block[i][1][2:]
        i += 1
        while command.endswith("\\"):
            command = command[:-1] + block[i][1]
            i += 1
        output: list[str] = []
        while i < len(block) and not block[i][1].startswith("$ "):
            output.append(block[i][1])
            i += 1
        while output and output[-1] == "":
            output.pop()
        examples.append(Example(start, command, tuple(output)))
    return examples


def _words(command: str) -> list[list[str]]:
    """Simple commands of a `;` list, each a list of words."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=";>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    commands: list[list[str]] = [[]]
    for word in lexer:
        if word == ";":
            commands.append([])
        else:
            commands[-1].append(word)
    return [words for words in commands if words]


class Shell:
    """Just enough of a shell for the README's examples."""

    def __init__(self, runner: CliRunner, cwd: Path) -> None:
        self.runner, self.cwd, self.status = runner, cwd, 0

    def run(self, command: str) -> str:
        return "".join(self._simple(words) for words in _words(command))

    def _simple(self, words: list[str]) -> str:
        target: Path | None = None
        if ">" in words:
            at = words.index(">")
            assert at == len(words) - 2, f"one `> FILE` at the end: {words}"
            target = Path(words[-1]) if words[-1] == "/dev/null" else self.cwd / words[-1]
            words = words[:at]
        words = [str(self.status) if word == "$?" else word for word in words]
        language = None  # Chinese, the default, unless the command says otherwise
        while words and re.fullmatch(r"GONGKAI_LANG=\w*", words[0]):
            language = words.pop(0).partition("=")[2] or None
        program, args = words[0], words[1:]
        if program == "gongkai":
            result = self.runner.invoke(app, args, env={"GONGKAI_LANG": language})
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise result.exception
            self.status = result.exit_code
            if target is None:
                return result.output
            target.write_bytes(result.stdout_bytes)
            return result.stderr
        if program in ("echo", "cat") and target is None:
            self.status = 0
            if program == "echo":
                return " ".join(args) + "\n"
            return "".join((self.cwd / name).read_text(encoding="utf-8") for name in args)
        raise AssertionError(f"the README's examples run gongkai, echo and cat, not: {words}")


def matches(expected: tuple[str, ...], output: str) -> bool:
    lines = output.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    pattern = "".join(
        r"(?:[^\n]*\n)+?" if line.strip() == "..." else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in lines)) is not None


def test_the_parser_reads_sessions_and_elisions() -> None:
    text = "```console\n$ gongkai a \\\n  --b\nx\n...\n\n$ echo $?\n0\n```\n```sh\n$ no\n```\n"
    assert console_examples(text) == [
        Example(2, "gongkai a   --b", ("x", "...")),
        Example(7, "echo $?", ("0",)),
    ]
    assert matches(("x", "...", "z"), "x\ny1\ny2\nz\n")
    assert not matches(("x", "...", "z"), "x\nz\n")
    assert not matches(("x", "z"), "x\nz \n")
    assert matches(("x",), "x\n\n")
    assert _words("gongkai lint --strict > /dev/null; echo $?  # why") == [
        ["gongkai", "lint", "--strict", ">", "/dev/null"],
        ["echo", "$?"],
    ]


def test_the_readme_examples_give_the_output_shown(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tmp_path / "session"
    shutil.copytree(EXAMPLES, session)
    monkeypatch.chdir(session)
    shell = Shell(runner, session)
    examples = console_examples(README.read_text(encoding="utf-8"))
    assert len(examples) > 30
    failures = []
    for example in examples:
        output = shell.run(example.command)
        if not matches(example.expected, output):
            diff = difflib.unified_diff(
                list(example.expected),
                output.rstrip("\n").split("\n"),
                "README",
                "gongkai",
                n=1,
                lineterm="",
            )
            failures.append(
                f"README.md:{example.line}: $ {example.command}\n" + "\n".join(list(diff)[:40])
            )
    assert not failures, "\n\n".join(failures)


def test_the_command_reference_is_what_cog_writes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", str(README)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, (
        f"{done.stdout}{done.stderr}\nthe README's command reference is stale: "
        "run `cog -r README.md` and commit the result"
    )
