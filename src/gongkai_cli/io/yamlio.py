"""Reading YAML data files with line numbers, and refusing duplicate keys.

PyYAML keeps the last of two equal keys silently, which loses data, so every
mapping is checked before it is constructed. Errors come out as
`file:line: field.path: message`, all of them, so a broken file is fixed in one
pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gongkai_cli.errors import Problem
from gongkai_cli.i18n import N_, _

try:  # libyaml's parser is several times faster where it is installed
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML file: its data and its node tree, for line numbers."""

    path: Path
    data: Any
    root: yaml.Node | None

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The 1-based line of the deepest node on the path `loc` that exists."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        """One line naming the file, the line and the field path."""
        return format_problem(self.path, self.line_of(loc), loc, message)


def format_problem(path: Path, line: int, loc: Iterable[str | int], message: str) -> Problem:
    """`file:line: field.path: message`; integer list indices join like names."""
    return Problem(path, line, ".".join(map(str, loc)), message)


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return value  # type: ignore[no-any-return]
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        items = node.value
        return items[part] if 0 <= part < len(items) else None
    return None


def _duplicate_keys(
    path: Path, node: yaml.Node, loc: tuple[str | int, ...], visited: set[int] | None = None
) -> list[Problem]:
    # An alias is the node it names: check each node once, so that a recursive alias
    # (`a: &x [*x]`) ends and aliases of aliases do not multiply the work.
    visited = set() if visited is None else visited
    if id(node) in visited:
        return []
    visited.add(id(node))
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode) and name in seen:
                problems.append(
                    format_problem(
                        path,
                        line,
                        (*loc, name),
                        _("duplicate key (first on line {line}): YAML keeps only the last").format(
                            line=seen[name]
                        ),
                    )
                )
            else:
                seen[name] = line
            problems.extend(_duplicate_keys(path, value, (*loc, name), visited))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            problems.extend(_duplicate_keys(path, item, (*loc, index), visited))
    return problems


def _unconstructable(path: Path, loader: Any, root: yaml.Node) -> list[Problem]:
    """The scalars under `root` that PyYAML resolves to a type but cannot build."""
    problems: list[Problem] = []
    pending: list[tuple[yaml.Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()
    while pending:
        node, loc = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending += [(value, (*loc, str(key.value))) for key, value in reversed(node.value)]
        elif isinstance(node, yaml.SequenceNode):
            pending += [(item, (*loc, i)) for i, item in reversed(list(enumerate(node.value)))]
        elif isinstance(node, yaml.ScalarNode) and node.tag in loader.yaml_constructors:
            try:
                loader.yaml_constructors[node.tag](loader, node)
            except ValueError as exc:
                problems.append(
                    format_problem(
                        path,
                        node.start_mark.line + 1,
                        loc,
                        _("{value} is not valid: {reason}").format(
                            value=repr(node.value), reason=_value_reason(str(exc))
                        ),
                    )
                )
    return problems or [format_problem(path, 1, (), _("YAML error: a value cannot be read"))]


# Why PyYAML could not build a date it recognised (datetime's words), translated.
_VALUE_REASONS = {
    "month must be in 1..12": N_("month must be in 1..12"),
    "day is out of range for month": N_("day is out of range for month"),
    "year 0 is out of range": N_("year 0 is out of range"),
}


def _value_reason(reason: str) -> str:
    known = _VALUE_REASONS.get(reason)
    return _(known) if known is not None else reason


def read_text(path: Path) -> str:
    """The text of one of gongkai's own files: UsageError when it cannot be read,
    InvalidDataError when it is not UTF-8 or is over `files.MAX_FILE_BYTES`.
    """
    from gongkai_cli.io.files import decode_utf8, read_bytes

    return decode_utf8(path, read_bytes(path))


def compose(text: str) -> yaml.Node | None:
    """The node tree of YAML text gongkai itself wrote (marks give each node's place);
    None for an empty text."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def parse_yaml(path: Path, text: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `text` (read from `path`); return the document or its problems."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return YamlDocument(path, None, None), []
        problems = _duplicate_keys(path, root, ())
        if problems:
            return None, problems
        try:
            data = loader.construct_document(root)
        except ValueError:
            # PyYAML reads 2021-02-30 as a date and fails without a position: find the scalar.
            return None, _unconstructable(path, loader, root)
    except yaml.MarkedYAMLError as exc:
        from gongkai_cli.io.yaml_errors import syntax_reason

        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = syntax_reason(exc.context, exc.problem)
        return None, [
            format_problem(path, line, (), _("YAML syntax error: {reason}").format(reason=reason))
        ]
    except yaml.YAMLError as exc:
        return None, [format_problem(path, 1, (), _("YAML error: {problem}").format(problem=exc))]
    finally:
        loader.dispose()
    return YamlDocument(path, data, root), []
