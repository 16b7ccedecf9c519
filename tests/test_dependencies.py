"""Every declared dependency does real work, docs/development.md says what, and the typer pin
still has its reason.

- Each package in pyproject.toml's `dependencies` is imported somewhere in
  src/gongkai_cli, and every third-party package src/ imports is declared.
- docs/development.md's dependency table lists exactly the declared packages.
- The headline command imports no pydantic once the plan is cached. typer 0.29
  breaks that (it builds a pydantic TypeAdapter for every option, about 100 ms a
  run), which is why typer stays below 0.29; benchmarks/typer_upgrade.py (a .ci/run
  step) says when the newest typer no longer does.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "gongkai_cli"
DEVELOPMENT = ROOT / "docs" / "development.md"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        _normalise(re.split(r"[<>=!~;\[ ]", spec, maxsplit=1)[0])
        for spec in project["dependencies"]
    }


def imported_modules() -> dict[str, list[str]]:
    """Top-level modules imported by src/ (absolute imports), with the files importing each."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], []).append(str(path.relative_to(ROOT)))
    return found


def third_party() -> dict[str, set[str]]:
    """Each third-party module src/ imports -> the distributions (normalised) providing it."""
    distributions = metadata.packages_distributions()
    found: dict[str, set[str]] = {}
    for module, files in imported_modules().items():
        if module in sys.stdlib_module_names or module in ("gongkai_cli", "__future__"):
            continue
        assert module in distributions, (
            f"{files[0]} imports {module}, which nothing installed provides"
        )
        found[module] = {_normalise(name) for name in distributions[module]}
    return found


def test_every_declared_dependency_is_imported() -> None:
    provided = set().union(*third_party().values())
    unused = sorted(declared() - provided)
    assert unused == [], f"declared in pyproject.toml but imported nowhere in src/: {unused}"


def test_every_imported_package_is_declared() -> None:
    undeclared = sorted(
        module for module, providers in third_party().items() if not providers & declared()
    )
    assert undeclared == [], f"imported by src/ but not declared in pyproject.toml: {undeclared}"


def documented_dependencies() -> set[str]:
    text = DEVELOPMENT.read_text(encoding="utf-8")
    section = text.split("\n## Dependencies\n", 1)[1].split("\n#", 1)[0]
    return {_normalise(m) for m in re.findall(r"^\| `([^`]+)` \|", section, re.M)}


def test_the_docs_say_what_each_dependency_is_for() -> None:
    assert documented_dependencies() == declared()


def test_the_headline_command_imports_no_pydantic() -> None:
    probe = (
        "import json, sys\n"
        "sys.argv = ['gongkai', 'due', '--unit', '市教委', '--before', '2021-06-30']\n"
        "from gongkai_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "import typer\n"
        "print(json.dumps([typer.__version__, code, 'pydantic' in sys.modules]), file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run may validate and cache the plan
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    version, code, pydantic = json.loads(done.stderr.strip().splitlines()[-1])
    assert code == 0
    assert not pydantic, (
        f"with typer {version} the headline command imports pydantic: about 100 ms a run. "
        "typer 0.29 does this (a pydantic TypeAdapter for every option), which is why "
        "pyproject.toml pins typer<0.29; benchmarks/typer_upgrade.py says when a newer "
        "typer stops doing it."
    )
