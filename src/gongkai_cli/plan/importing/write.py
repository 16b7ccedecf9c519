"""Writing a draft: tasks.yaml and units.yaml with comments, and the directory atomically.

The YAML is written by PyYAML's emitter, never pieced together by hand, in the
shape of the shipped data (one key a line, assignments and deadlines as flow
mappings) so a person can review it. Every string is a double-quoted scalar, so
the emitter escapes whatever YAML cannot hold as it is: a line break, a control
character, U+0085, U+FFFE. A review point becomes a `# 待决定: ...` or
`# 待核对: ...` comment above its field, made one line of printable characters
first (`comment_text`): a cell quoted in a comment can neither end it nor add a
line of YAML. `gongkai import` reads the files back and checks them before they
are put in place (run.py).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import yaml

from gongkai_cli.errors import InvalidDataError, Problem, UsageError, clipped, os_reason
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.files import replace_directory
from gongkai_cli.io.yamlio import YamlDocument
from gongkai_cli.plan.importing.draft import Draft, Loc

T = TypeVar("T")

_STR = "tag:yaml.org,2002:str"


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{unit: "市教委", role: lead}`."""


class _FlowList(list[Any]):
    """A list written on one line: `["一网通办", "随申办"]`."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe emitter, writing in the shape of the shipped data."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # A list under its key is indented (`tasks:` then `  - seq: 1`), as in data/.
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # never `&id001` / `*id001`: each value written where it is


def _string(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, data, style='"')


def _enum(dumper: yaml.SafeDumper, data: Enum) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(data.value))  # plain where YAML allows it


def _mapping(dumper: yaml.SafeDumper, data: dict[str, Any], flow: bool) -> yaml.MappingNode:
    # Keys are field names, written plain (`seq:`, not `"seq":`).
    pairs = [(yaml.ScalarNode(_STR, str(key)), dumper.represent_data(v)) for key, v in data.items()]
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=flow)


_Dumper.add_representer(str, _string)
_Dumper.add_multi_representer(Enum, _enum)
_Dumper.add_representer(dict, lambda dumper, data: _mapping(dumper, data, False))
_Dumper.add_representer(_Flow, lambda dumper, data: _mapping(dumper, data, True))
_Dumper.add_representer(
    _FlowList, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)

# PyYAML escapes every character past U+FFFF, even with allow_unicode, though YAML
# prints them (a rare 汉字 of Extension B in a place name): written as themselves. An
# escape is one after an even number of backslashes: `\\U...` is a backslash and a U.
_ASTRAL = re.compile(r"(?<!\\)((?:\\\\)*)\\U([0-9A-F]{8})")


def _astral(match: re.Match[str]) -> str:
    char = chr(int(match[2], 16))
    keep = 0x10000 <= ord(char) <= 0x10FFFF and (ord(char) & 0xFFFE) != 0xFFFE
    return match[1] + (char if keep else match[0][len(match[1]) :])


def emit(data: Any) -> str:
    """`data` as YAML text through PyYAML's emitter (see `_Dumper`)."""
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),
    )
    return _ASTRAL.sub(_astral, text)


_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def comment_text(text: str) -> str:
    """`text` as one line a YAML comment can hold: a line break, a control character, a
    surrogate or a noncharacter (U+FFFE) is shown as its escape (\\n, \\x7f, \\ufffe)."""
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if char in _BREAKS
        or char < " "
        or "\x7f" <= char <= "\x9f"
        or "\ud800" <= char <= "\udfff"
        or (ord(char) & 0xFFFE) == 0xFFFE
        or "\ufdd0" <= char <= "\ufdef"
        else char
        for char in text
    )


def _shape(mapping: dict[str, Any], flow_keys: frozenset[str]) -> dict[str, Any]:
    """`mapping` marked for the emitter, as the shipped data is laid out: a mapping under a
    key and each assignment on one line, the lists `flow_keys` name on one line."""
    shaped: dict[str, Any] = {}
    for key, value in mapping.items():
        if isinstance(value, dict):
            shaped[key] = _Flow(value)
        elif isinstance(value, list) and key in flow_keys:
            shaped[key] = _FlowList(value)
        elif isinstance(value, list) and key == "assignments":
            shaped[key] = [_Flow(item) if isinstance(item, dict) else item for item in value]
        elif isinstance(value, list):
            shaped[key] = [
                _shape(item, flow_keys) if isinstance(item, dict) else item for item in value
            ]
        else:
            shaped[key] = value
    return shaped


def _places(root: yaml.Node) -> dict[Loc, tuple[int, int]]:
    """Where each field starts in emitted text: (line, column), 0-based; a mapping's
    field at its key, a list's item at its dash."""
    places: dict[Loc, tuple[int, int]] = {}
    pending: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while pending:
        node, loc = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*loc, str(key.value))
                places[here] = (key.start_mark.line, key.start_mark.column)
                pending.append((value, here))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                here = (*loc, index)
                column = item.start_mark.column - (0 if node.flow_style else 2)
                places[here] = (item.start_mark.line, column)
                pending.append((item, here))
    return places


def _with_comments(text: str, header: list[str], comments: dict[Loc, str]) -> str:
    """`text` with `header` comment lines on top and each of `comments` on its own line
    above the field it is about, indented as that field is."""
    from gongkai_cli.io.yamlio import compose

    out = [f"# {comment_text(line)}".rstrip() + "\n" for line in header]
    root = compose(text) if comments else None
    if root is None:
        return "".join(out) + text
    places = _places(root)
    above: dict[int, list[tuple[int, Loc]]] = {}
    for loc in comments:
        if loc in places:  # a point about a field not written has no line to go above
            number, column = places[loc]
            above.setdefault(number, []).append((column, loc))
    for number, line in enumerate(text.splitlines(keepends=True)):
        # A list item's point before the point of its first field, as they read.
        for column, loc in sorted(above.get(number, ()), key=lambda entry: len(entry[1])):
            out.append(f"{' ' * column}# {comment_text(comments[loc])}\n")
        out.append(line)
    return "".join(out)


def _comments(draft: Draft, file: str) -> dict[Loc, str]:
    return {loc: text for (name, loc), text in draft.comments.items() if name == file}


def tasks_data(draft: Draft) -> dict[str, Any]:
    """What the draft's tasks.yaml holds."""
    return {"document": draft.document, "tasks": draft.tasks}


def units_data(draft: Draft) -> dict[str, Any]:
    """What the draft's units.yaml holds."""
    return {"units": draft.units}


_UNIT_LISTS = frozenset({"aliases", "members", "may_include", "member_kinds"})


def tasks_yaml(draft: Draft) -> str:
    """The text of the draft's tasks.yaml."""
    document = draft.document
    header = [
        f"{document['title'] or '(标题待填)'} ({document['number'] or '文号待填'}): "
        f"imported by `gongkai import` from {document['source']}.",
        "",
        "Every text field is the source's cell verbatim (`gongkai validate --against-source`",
        "checks it). Where the source is silent, `decisions` records what was taken and why.",
        "Lines marked 待决定 need a person's decision before the plan validates;",
        "lines marked 待核对 are readings gongkai made that a person should confirm.",
        "`draft: true`: commands answer from this plan, marked 草稿; delete it once confirmed.",
    ]
    shaped = {
        "document": _shape(document, frozenset()),
        "tasks": [_shape(task, frozenset()) for task in draft.tasks],
    }
    return _with_comments(emit(shaped), header, _comments(draft, "tasks.yaml"))


def units_yaml(draft: Draft) -> str:
    """The text of the draft's units.yaml."""
    header = [
        "Every unit the plan's tasks name, one canonical entry each, and the members of",
        "its collectives. Units a registry of the plan's place knows are copied from it (their",
        "notes may cite the 2021 plan); the kind of a new unit is read from its name",
        "(kind_source: grammar, marked 待核对): once checked, write kind_source: decision.",
        "full_name is optional.",
    ]
    shaped = {"units": [_shape(unit, _UNIT_LISTS) for unit in draft.units]}
    return _with_comments(emit(shaped), header, _comments(draft, "units.yaml"))


class DraftDocument(YamlDocument):
    """A draft file as read back, placing a field at its key's line (where its comment
    goes above), not at its value's: `assignments:` rather than its first item."""

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The 1-based line of the deepest field on the path `loc` that exists."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                pair = next((pair for pair in node.value if pair[0].value == str(part)), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def _plain(value: Any) -> Any:
    """`value` as YAML reads it back: enums as their strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _first_difference(read: Any, meant: Any, loc: Loc = ()) -> Loc | None:
    """The path of the first field where `read` is not `meant`, or None."""
    if isinstance(meant, dict) and isinstance(read, dict):
        for key in meant.keys() | read.keys():
            if key not in read or key not in meant:
                return (*loc, key)
            if (found := _first_difference(read[key], meant[key], (*loc, key))) is not None:
                return found
        return None
    if isinstance(meant, list) and isinstance(read, list) and len(meant) == len(read):
        for index, (one, other) in enumerate(zip(read, meant, strict=True)):
            if (found := _first_difference(one, other, (*loc, index))) is not None:
                return found
        return None
    same = read == meant and type(read) is type(meant)
    return None if same else loc


def read_back(
    directory: Path, out: Path, intended: dict[str, dict[str, Any]]
) -> dict[str, YamlDocument]:
    """The files of `intended` as written in `directory`, read from the disk and parsed
    as `validate` parses them (named as they will be in `out`): InvalidDataError unless
    each holds exactly its data, every cell verbatim."""
    from gongkai_cli.io.yamlio import parse_yaml, read_text

    docs: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for name, data in intended.items():
        parsed, errors = parse_yaml(out / name, read_text(directory / name))
        if parsed is None:
            problems += errors
            continue
        doc = DraftDocument(parsed.path, parsed.data, parsed.root)
        if (loc := _first_difference(doc.data, _plain(data))) is not None:
            problems.append(
                doc.problem(
                    loc,
                    _("does not read back as it was written; the draft is not written"),
                )
            )
        docs[name] = doc
    if problems:
        raise InvalidDataError(problems)
    return docs


DRAFT_ENTRIES = frozenset({"tasks.yaml", "units.yaml", "source"})
"""What a draft directory holds: all `--force` may replace."""


def check_out(out_dir: Path, force: bool) -> None:
    """UsageError unless the draft may be written to `out_dir`.

    Never the current directory or one that holds it ("", ".", ".."), nor the
    home directory: replacing one would delete far more than a draft. An existing
    directory only with `force`, and only when it holds nothing but a draft's own
    files (DRAFT_ENTRIES), so that no file of a person's is deleted, even with
    `--force`.
    """
    shown_out = clipped(str(out_dir)) or "''"
    try:
        target = out_dir.resolve()
        here = Path.cwd().resolve()
        home = settings.home_dir()
        home = home.resolve() if home is not None else None
        os.lstat(target)
        exists = True
    except FileNotFoundError:
        exists = False
    except (OSError, RuntimeError) as exc:  # a name too long, a loop of symlinks
        raise UsageError(_cannot_write(shown_out, exc)) from None
    if target == here or target in here.parents:
        raise UsageError(
            _(
                "--out {out_dir} is the current directory or holds it; the draft is a new "
                "directory of its own (e.g. --out ./plan-2025)"
            ).format(out_dir=shown_out)
        )
    if home is not None and target == home:
        raise UsageError(
            _(
                "--out {out_dir} is the home directory; the draft is a new directory of its own"
            ).format(out_dir=shown_out)
        )
    if not exists:
        _check_names(target, shown_out)  # before a missing parent is made for it
        return
    if not force:
        raise UsageError(
            _("{out_dir} already exists; add --force to replace it").format(out_dir=shown_out)
        )
    if not target.is_dir() or target.is_symlink():
        raise UsageError(_("{out_dir} exists and is not a directory").format(out_dir=shown_out))
    try:
        foreign = sorted(name for name in os.listdir(target) if name not in DRAFT_ENTRIES)
    except OSError as exc:
        raise UsageError(_cannot_write(shown_out, exc)) from None
    if foreign:
        listed = ", ".join(clipped(name, 60) for name in foreign[:5])
        more = f" …(+{len(foreign) - 5})" if len(foreign) > 5 else ""
        raise UsageError(
            _(
                "{out_dir} holds files that are not a draft's ({names}); --force replaces only "
                "a draft gongkai wrote: move them, or choose another --out"
            ).format(out_dir=shown_out, names=listed + more)
        )


def _check_names(target: Path, shown_out: str) -> None:
    """UsageError if a directory still to be made has a name the file system refuses."""
    existing = next(parent for parent in target.parents if parent.exists())
    try:
        longest = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        longest = 255
    for part in target.relative_to(existing).parts:
        if len(os.fsencode(part)) > longest:
            raise UsageError(
                _cannot_write(
                    shown_out, OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG))
                )
            )


def _cannot_write(out_dir: str, exc: BaseException) -> str:
    reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
    return _("cannot write {out_dir}: {value}").format(out_dir=out_dir, value=reason)


def write_draft(
    out_dir: Path,
    files: dict[str, str],
    source: Path,
    force: bool,
    verify: Callable[[Path], T],
) -> T:
    """Write `files` and source/<name> into `out_dir` at once: a temporary directory, put in
    place (io/files.replace_directory) only once `verify` has read it back.

    `verify` is given the temporary directory and returns what it found there (or
    raises, and nothing is written); `out_dir` must pass `check_out`. A failed write
    leaves nothing.
    """
    check_out(out_dir, force)
    target = out_dir.resolve()
    found: list[T] = []

    def fill(staging: Path) -> None:
        # Again under the lock of the name: a killed run's old directory is back by now.
        check_out(out_dir, force)
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / "source").mkdir()
        shutil.copyfile(source, staging / "source" / source.name)
        found.append(verify(staging))

    try:
        replace_directory(target, fill, replace=True)
    except OSError as exc:
        raise UsageError(_cannot_write(clipped(str(out_dir)), exc)) from None
    return found[0]
