"""The import graph of gongkai_cli: layers that only import downwards, and no cycle.

The graph is read from the source with `ast`, so it sees imports inside functions
and under `if TYPE_CHECKING:` too: both are real dependencies, only deferred.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import gongkai_cli

PACKAGE = Path(gongkai_cli.__file__).parent

# From the bottom up; a module may import its own layer or any layer below it.
LAYERS = (
    "i18n",
    "errors",
    "model",
    "io",
    "workdays",
    "plan",
    "progress",
    "queries",
    "schemas",
    "render",
    "cli",
)
# The root package (it holds __version__) sits with errors; `python -m` with the CLI.
LAYER_OF_ROOT = {"gongkai_cli": "errors", "gongkai_cli.__main__": "cli"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> list[tuple[str, int]]:
    """Every module `name` imports (gongkai's own, or the top-level name of another
    package), with the line, wherever the import statement sits."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # `from gongkai_cli.io import dates` imports a module; `from x import f` not.
                child = f"{base}.{alias.name}"
                found.append((child if child in MODULES else base, node.lineno))
    return found


def _own_imports(name: str) -> list[tuple[str, int]]:
    return [(target, line) for target, line in _imports(name) if target in MODULES]


def _layer(name: str) -> str:
    if name in LAYER_OF_ROOT:
        return LAYER_OF_ROOT[name]
    return name.split(".")[1]


def test_every_module_is_in_a_layer() -> None:
    assert {_layer(name) for name in MODULES} <= set(LAYERS)


def test_nothing_imports_upwards() -> None:
    upward = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line}: {_layer(name)} imports {target}"
        for name in MODULES
        for target, line in _own_imports(name)
        if LAYERS.index(_layer(target)) > LAYERS.index(_layer(name))
    ]
    assert upward == []


def _cycle() -> list[str] | None:
    graph = {name: sorted({target for target, _ in _own_imports(name)}) for name in MODULES}
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in graph[node]:
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for name in graph:
        if name not in state and (found := visit(name)):
            return found
    return None


def test_no_import_cycle() -> None:
    assert _cycle() is None


def test_the_cycle_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _imports

    def with_cycle(name: str) -> list[tuple[str, int]]:
        extra = [("gongkai_cli.cli.app", 1)] if name == "gongkai_cli.errors" else []
        return real(name) + extra

    monkeypatch.setattr(f"{__name__}._imports", with_cycle)
    assert _cycle() is not None


def _importers(package: str) -> set[str]:
    return {
        _layer(name)
        for name in MODULES
        if any(target.split(".")[0] == package for target, _ in _imports(name))
    }


def test_only_cli_imports_typer_or_click() -> None:
    assert _importers("typer") | _importers("click") == {"cli"}


def test_only_cli_and_render_import_rich() -> None:
    assert _importers("rich") <= {"cli", "render"}


def test_one_module_holds_the_traditional_character_converter() -> None:
    # Names (長寧區) and imported pages (責任單位) are read through one OpenCC converter.
    users = {name for name in MODULES if any(t == "opencc" for t, _ in _imports(name))}
    assert users == {"gongkai_cli.plan.spelling"}


def _allowed(docstring: str) -> set[str] | None:
    """The layers a package's docstring says it may import; None for any."""
    match = re.search(r"May import: (.*?)\.(?:\s|$)", docstring, re.S)
    assert match, "the docstring says what the package may import"
    said = match.group(1)
    if said.startswith(("everything", "every package")):
        return None
    if said.startswith("the standard library only"):
        return set()
    return set(re.findall(r"`(\w+)`", said))


@pytest.mark.parametrize(
    "package",
    sorted(
        name
        for name, path in MODULES.items()
        if path.name == "__init__.py" and name.count(".") == 1  # one per layer
    ),
)
def test_package_docstrings_say_what_they_import(package: str) -> None:
    docstring = ast.get_docstring(ast.parse(MODULES[package].read_text(encoding="utf-8")))
    allowed = _allowed(docstring or "")
    if allowed is None:
        return
    layer = _layer(package)
    used = {
        _layer(target)
        for name in MODULES
        if _layer(name) == layer and name.startswith(package)
        for target, _ in _own_imports(name)
    } - {layer}
    assert used <= allowed
    if not allowed:  # "the standard library only"
        import sys

        outside = {
            target.split(".")[0]
            for name in MODULES
            if name.startswith(package)
            for target, _ in _imports(name)
            if target not in MODULES
        } - set(sys.stdlib_module_names)
        assert outside == set()


def test_render_imports_no_plan_or_progress_logic() -> None:
    """render/ lays out the answers of queries/: it computes no status, policy or
    assessment, so it imports nothing from plan/ or progress/, not even for a type."""
    found = [
        f"{MODULES[name].relative_to(PACKAGE)}:{line}: imports {target}"
        for name in MODULES
        if _layer(name) == "render"
        for target, line in _own_imports(name)
        if _layer(target) in ("plan", "progress")
    ]
    assert found == []


def test_the_render_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    real = _imports

    def with_logic(name: str) -> list[tuple[str, int]]:
        extra = [("gongkai_cli.plan.obligations", 1)] if name == "gongkai_cli.render.emit" else []
        return real(name) + extra

    monkeypatch.setattr(f"{__name__}._imports", with_logic)
    with pytest.raises(AssertionError):
        test_render_imports_no_plan_or_progress_logic()


def test_every_question_has_its_query_module() -> None:
    """One module per question between progress/ and render/ (issue 21)."""
    questions = {"due", "owes", "overdue", "report", "calendar", "reply_check"}
    assert {f"gongkai_cli.queries.{q}" for q in questions} <= set(MODULES)
