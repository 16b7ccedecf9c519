"""The README and the manual in docs/ cannot drift from the code.

- The console examples of each file (README.md and every docs/*.md) run, in order,
  as one shell session in a fresh copy of examples/, and each command's output must
  be the output shown under it: stdout and stderr as a terminal shows them, with
  "today" 2021-06-15 and 80 columns (conftest.py), as docs/index.md says. A line
  `...` stands for one or more lines left out; every other line is compared
  exactly. Trailing blank lines only separate one command from the next.
- The command reference (docs/cli-reference.md) is what cog writes from every
  command's --help: `cog --check` passes on every file.
- Every relative link resolves to a file, and every `#anchor` to a heading of its
  file (as GitHub makes heading anchors).

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
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
FILES = [README, *DOCS]  # each one shell session of its own
EXAMPLES = ROOT / "examples"  # the files the examples read, copied into the session


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@dataclass(frozen=True)
class Example:
    line: int  # of the `$ ` line in its file
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
    assert block is None, "a ```console block is not closed"
    return examples


def _session(block: list[tuple[int, str]]) -> list[Example]:
    assert block and block[0][1].startswith("$ "), (
        f"line {block[0][0] if block else '?'}: a console block starts with a `$ ` command"
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
    """Just enough of a shell for the examples of the README and docs/."""

    def __init__(self, gongkai: Gongkai, cwd: Path) -> None:
        self.gongkai, self.cwd, self.status = gongkai, cwd, 0

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
            result = self.gongkai(*args, env={"GONGKAI_LANG": language})
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
        raise AssertionError(f"the examples run gongkai, echo and cat, not: {words}")


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


def test_there_are_examples_and_a_manual() -> None:
    names = {_name(path) for path in DOCS}
    assert {"docs/index.md", "docs/tutorial.md", "docs/cli-reference.md"} <= names
    total = sum(len(console_examples(path.read_text(encoding="utf-8"))) for path in FILES)
    assert total > 30
    assert console_examples(README.read_text(encoding="utf-8"))  # the headline, with its output


def test_the_readme_is_short() -> None:
    """What it is, the set-up, the headline with its output, the commands, links: the
    manual is in docs/ (issue 21 item 5)."""
    text = README.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) <= 15 * 1024
    assert "gongkai due --unit 市教委 --before 2021-06-30" in text
    assert "pytest" in text


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_the_examples_give_the_output_shown(
    path: Path, gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tmp_path / "session"
    shutil.copytree(EXAMPLES, session)
    monkeypatch.chdir(session)
    shell = Shell(gongkai, session)
    examples = console_examples(path.read_text(encoding="utf-8"))
    failures = []
    for example in examples:
        output = shell.run(example.command)
        if not matches(example.expected, output):
            diff = difflib.unified_diff(
                list(example.expected),
                output.rstrip("\n").split("\n"),
                _name(path),
                "gongkai",
                n=1,
                lineterm="",
            )
            failures.append(
                f"{_name(path)}:{example.line}: $ {example.command}\n" + "\n".join(list(diff)[:40])
            )
    assert not failures, "\n\n".join(failures)


def test_the_command_reference_is_what_cog_writes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", *map(str, FILES)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, (
        f"{done.stdout}{done.stderr}\nthe command reference is stale: "
        "run `cog -r docs/cli-reference.md` and commit the result"
    )


# Links: [text](target) outside code, where target is not a URL.
LINK = re.compile(r"\[(?:[^\]`]|`[^`]*`)*\]\(([^)\s]+)\)")


def _prose(text: str) -> list[tuple[int, str]]:
    """(line number, line) outside fenced code blocks, inline code spans blanked."""
    lines, fenced = [], False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append((number, re.sub(r"`[^`]*`", lambda m: f"`{' ' * (len(m[0]) - 2)}`", line)))
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lower case, without punctuation or
    symbols (letters, marks, digits, `_` and `-` stay), spaces made hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").lower()
    kept = (c for c in text if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


def anchors(text: str) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _, line in _prose_headings(text):
        base = slug(line.lstrip("#").strip())
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def _prose_headings(text: str) -> list[tuple[int, str]]:
    lines, fenced = [], False
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            lines.append((number, line))
    return lines


def test_slugs_are_githubs() -> None:
    assert slug("Several plans: `gongkai plans`, `--plan`") == "several-plans-gongkai-plans---plan"
    assert slug("Guarantees (保证): nothing lost, nothing run") == (
        "guarantees-保证-nothing-lost-nothing-run"
    )
    assert slug("`gongkai progress set`") == "gongkai-progress-set"
    assert anchors("# A\n```\n# B\n```\n## A\n") == {"a", "a-1"}


@pytest.mark.parametrize("path", FILES, ids=_name)
def test_every_relative_link_and_anchor_resolves(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    broken = []
    for number, line in _prose(text):
        for target in LINK.findall(line):
            if re.match(r"[a-z]+:", target):
                continue  # https:, mailto:
            file, _, anchor = target.partition("#")
            resolved = (path.parent / file).resolve() if file else path
            if not resolved.exists():
                broken.append(f"{_name(path)}:{number}: {target}: no such file")
            elif anchor and (
                resolved.suffix != ".md"
                or anchor not in anchors(resolved.read_text(encoding="utf-8"))
            ):
                broken.append(f"{_name(path)}:{number}: {target}: no such heading")
    assert not broken, "\n".join(broken)


def test_every_page_is_in_the_index_and_the_readme() -> None:
    """No page of the manual is an orphan: docs/index.md and the README list them all."""

    def linked(path: Path) -> set[str]:
        targets = {
            t for _, line in _prose(path.read_text(encoding="utf-8")) for t in LINK.findall(line)
        }
        return {(path.parent / t.partition("#")[0]).resolve().name for t in targets}

    pages = {page.name for page in DOCS} - {"index.md"}
    assert pages - linked(ROOT / "docs" / "index.md") == set()
    assert pages | {"index.md"} <= linked(README)
