"""The import graph of gongkai_cli: layers that only import downwards, and no cycle;
thin commands; and tests that run the command line one way.

The graph is read from the source with `ast`, so it sees imports inside functions
and under `if TYPE_CHECKING:` too: both are real dependencies, only deferred.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path
from typing import Any

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


# -- the command line and its tests ------------------------------------------------------

COMMAND_BODY_LINES = 60
"""A command parses its options, asks one question and hands the answer to a view: past
this many lines (its docstring aside), its work belongs in a query or a view (issue 21)."""


def _body_lines(function: Any) -> int:
    source = textwrap.dedent("".join(inspect.getsourcelines(function)[0]))
    body = ast.parse(source).body[0].body  # type: ignore[attr-defined]
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring: --help's text, not work
    return int(body[-1].end_lineno - body[0].lineno + 1) if body else 0


def test_every_command_body_is_short() -> None:
    from gongkai_cli.cli.app import command_tree

    long = {
        path: lines
        for path, command in command_tree().items()
        if command.callback is not None
        and (lines := _body_lines(inspect.unwrap(command.callback))) > COMMAND_BODY_LINES
    }
    assert long == {}


def test_the_body_check_can_fail() -> None:
    def long_command() -> None:
        """Its docstring does not count."""
        x = 1
        x += 1
        x += 1

    assert _body_lines(long_command) == 3


TESTS = Path(__file__).resolve().parent
RUN_HELPER_NAMES = {"run", "_run", "invoke", "_invoke", "run_json", "_run_json", "cli", "_cli"}
"""What the per-file helpers that ran the command line were called (issue 21 item 6)."""


def _own_runners(source: str) -> list[str]:
    """Where a test module runs the command line itself rather than through conftest's
    `gongkai` fixture: a CliRunner, an `.invoke(`, or a helper named to run it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in ("typer.testing", "click.testing"):
            found.append(f"{node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr == "invoke":
            found.append(f"{node.lineno}: calls .invoke")
        elif isinstance(node, ast.FunctionDef) and node.name in RUN_HELPER_NAMES:
            calls = {
                sub.func.id
                for sub in ast.walk(node)
                if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)
            }
            if calls & {"gongkai", "run_gongkai"}:
                found.append(f"{node.lineno}: its own run helper {node.name}()")
    return found


def test_tests_run_the_command_line_only_through_the_gongkai_fixture() -> None:
    """One way to run gongkai in tests (conftest's `gongkai`), not one per file: it
    catches no exception, so a crash fails the test instead of reading as exit 1."""
    found = [
        f"{path.relative_to(TESTS)}:{where}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != "conftest.py"
        for where in _own_runners(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_runner_check_can_fail() -> None:
    source = (
        "from typer.testing import CliRunner\n"
        "def run(gongkai, *args):\n"
        "    return gongkai(*args)\n"
        "def test_x(runner):\n"
        "    runner.invoke(app, [])\n"
    )
    assert _own_runners(source) == [
        "1: imports typer.testing",
        "2: its own run helper run()",
        "5: calls .invoke",
    ]


def _classes_by_name() -> dict[tuple[str, str], list[str]]:
    """(layer, class name) -> the modules defining a top-level class of that name."""
    found: dict[tuple[str, str], list[str]] = {}
    for name, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                found.setdefault((_layer(name), node.name), []).append(name)
    return found


# A name that predates the rule, module-local to two parts of plan/: lint's kinds of
# finding (plan/lint/findings.py) and the importer's kinds of cell (importing/table.py).
SHARED_NAMES = {("plan", "Kind")}


def test_no_two_classes_of_a_layer_share_a_name() -> None:
    """Distinct names where two things differ (issue 21 item 4): a reader of one layer
    never meets two different `ReviewPoint`s or `ImportResult`s."""
    shared = {
        key: modules
        for key, modules in _classes_by_name().items()
        if len(modules) > 1 and key not in SHARED_NAMES
    }
    assert shared == {}
    # The exception is still one (the check sees it), or it goes from the list.
    assert all(len(_classes_by_name()[key]) > 1 for key in SHARED_NAMES)
