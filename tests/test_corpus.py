"""The recorded corpus: hundreds of commands whose exact output must not change by accident.

Each entry of tests/corpus/*.json is a command line with the stdout, stderr, exit code
and written files it gave when it was recorded (tests/corpus_harness.py says how an
entry is run). Refactoring keeps every entry byte-identical. A change of output on
purpose re-records only the entries it changes (python tools/record_corpus.py ID...)
in the same commit, and the commit says why each changed.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

import corpus_harness as harness
from gongkai_cli.cli.app import command_tree

ENTRIES = [entry for family in harness.families() for entry in harness.load(family)]


def _shown(recorded: dict[str, Any]) -> list[str]:
    lines = [f"exit {recorded.get('exit')}"]
    for stream in ("stdout", "stderr"):
        lines += [f"--- {stream}", *recorded.get(stream, [])]
    for name, content in sorted(recorded.get("written", {}).items()):
        lines += [f"--- written {name}", *content]
    return lines


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["id"] for entry in ENTRIES])
def test_recorded_output_is_unchanged(
    entry: dict[str, Any], tmp_path: Path, plan_cache: Path
) -> None:
    assert "exit" in entry, f"not recorded yet: python tools/record_corpus.py {entry['id']}"
    now = harness.run_entry(entry, tmp_path, plan_cache)
    recorded = {key: entry[key] for key in harness.RECORDED if key in entry}
    if now != recorded:
        diff = difflib.unified_diff(_shown(recorded), _shown(now), "recorded", "now", lineterm="")
        pytest.fail(
            f"{entry['id']} changed (re-record it only if on purpose):\n" + "\n".join(diff),
            pytrace=False,
        )


def test_the_corpus_is_large_and_its_ids_unique() -> None:
    ids = [entry["id"] for entry in ENTRIES]
    assert len(ids) >= 300
    assert len(set(ids)) == len(ids)
    assert {entry["exit"] for entry in ENTRIES} >= {0, 1, 2, 3, 4}


def _path_of(args: list[str], commands: dict[str, Any]) -> str | None:
    two = " ".join(args[:2])
    return two if two in commands else (args[0] if args and args[0] in commands else None)


def _default_format(command: Any) -> str:
    for param in command.params:
        if "--format" in getattr(param, "opts", []):
            return str(param.default.value if hasattr(param.default, "value") else param.default)
    return "run"


def test_every_command_and_each_of_its_formats_is_in_the_corpus() -> None:
    commands = command_tree()
    seen: dict[str, set[str]] = {name: set() for name in commands}
    for entry in ENTRIES:
        args = entry["args"]
        path = _path_of(args, commands)
        if path is None:
            continue
        seen[path].add("--help" if "--help" in args else "run")
        given = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg in ("-f", "--format")]
        seen[path].update(given or [_default_format(commands[path])])
    missing = []
    for name, command in commands.items():
        wanted = {"run", "--help"}
        for param in command.params:
            if "--format" in getattr(param, "opts", []) and hasattr(param.type, "choices"):
                wanted |= {str(choice) for choice in param.type.choices}
        missing += [f"{name}: {what}" for what in sorted(wanted - seen[name])]
    assert missing == []
