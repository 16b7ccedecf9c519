"""Writing a draft: tasks.yaml and units.yaml with comments, and the directory atomically.

The YAML is written by hand in the shape of the shipped data (one key a line,
assignments and deadlines as flow mappings), so a person can review it; every
string is a double-quoted scalar (JSON's escaping is valid YAML). A review
point becomes a `# 待决定: ...` or `# 待核对: ...` comment above its field.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from gongkai_cli.errors import UsageError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.files import replace_directory
from gongkai_cli.io.yamlio import YamlDocument
from gongkai_cli.plan.importing.draft import Draft, Loc


def scalar(value: Any) -> str:
    """One YAML scalar: null, true/false, a number, an ISO date or a quoted string."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in mapping.items()) + "}"


def _flow_list(values: list[Any]) -> str:
    return "[" + ", ".join(scalar(value) for value in values) + "]"


@dataclass(frozen=True, slots=True)
class WrittenDocument(YamlDocument):
    """A file gongkai has just written: its data, and the line of each field as written.

    Validation asks it for lines like any parsed document, without parsing the
    text again (on a 1,000-row table that parse costs more than the import).
    """

    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int:
        """The line of the deepest field on the path `loc` that was written."""
        path = tuple(loc)
        for end in range(len(path), 0, -1):
            if (line := self.lines.get(path[:end])) is not None:
                return line
        return 1


class _Writer:
    def __init__(self, comments: dict[Loc, str]) -> None:
        self.lines: list[str] = []
        self.comments = comments
        self.where: dict[Loc, int] = {}

    def mark(self, loc: Loc) -> None:
        """`loc` is written on the next line."""
        self.where[loc] = len(self.lines) + 1

    def comment(self, loc: Loc, indent: str) -> None:
        if text := self.comments.get(loc):
            self.lines.append(f"{indent}# {text}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _comments(draft: Draft, file: str) -> dict[Loc, str]:
    return {loc: text for (name, loc), text in draft.comments.items() if name == file}


def _mapping_items(
    out: _Writer, mapping: dict[str, Any], loc: Loc, indent: str, first: str, flow: set[str]
) -> None:
    """Write `mapping`'s keys, the first prefixed by `first` (e.g. '- ')."""
    prefix = first
    for key, value in mapping.items():
        out.comment((*loc, key), indent)
        out.mark((*loc, key))
        head = f"{prefix}{key}:"
        prefix = indent
        if isinstance(value, dict):
            out.lines.append(f"{head} {_flow(value)}")
        elif isinstance(value, list):
            if not value:
                out.lines.append(f"{head} []")
            elif key in flow:
                out.lines.append(f"{head} {_flow_list(value)}")
            elif key == "assignments":
                out.lines.append(head)
                for index, item in enumerate(value):
                    out.mark((*loc, key, index))
                    out.lines.append(f"{indent}  - {_flow(item)}")
            else:
                out.lines.append(head)
                for index, item in enumerate(value):
                    _item(out, item, (*loc, key, index), indent + "  ", flow)
        else:
            out.lines.append(f"{head} {scalar(value)}")


def _item(out: _Writer, item: Any, loc: Loc, indent: str, flow: set[str]) -> None:
    out.comment(loc, indent)
    out.mark(loc)
    if isinstance(item, dict):
        _mapping_items(out, item, loc, indent + "  ", f"{indent}- ", flow)
    else:
        out.lines.append(f"{indent}- {scalar(item)}")


def _plain(value: Any) -> Any:
    """`value` as YAML reads it back: enums as their strings."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def written(
    path: Path, data: dict[str, Any], text_and_lines: tuple[str, dict[Loc, int]]
) -> WrittenDocument:
    """The document `path` holds once `text_and_lines` is written there."""
    return WrittenDocument(path, _plain(data), None, text_and_lines[1])


def tasks_yaml(draft: Draft) -> tuple[str, dict[Loc, int]]:
    """The text of the draft's tasks.yaml, and the line of each field."""
    out = _Writer(_comments(draft, "tasks.yaml"))
    document = draft.document
    out.lines += [
        f"# {document['title'] or '(标题待填)'} ({document['number'] or '文号待填'}): "
        f"imported by `gongkai import` from {document['source']}.",
        "#",
        "# Every text field is the source's cell verbatim (`gongkai validate --against-source`",
        "# checks it). Where the source is silent, `decisions` records what was taken and why.",
        "# Lines marked 待决定 need a person's decision before the plan validates;",
        "# lines marked 待核对 are readings gongkai made that a person should confirm.",
        "# `draft: true`: commands answer from this plan, marked 草稿; delete it once confirmed.",
    ]
    out.mark(("document",))
    out.lines.append("document:")
    _mapping_items(out, document, ("document",), "  ", "  ", set())
    out.mark(("tasks",))
    out.lines.append("tasks:")
    for index, task in enumerate(draft.tasks):
        _item(out, task, ("tasks", index), "  ", set())
    return out.text(), out.where


def units_yaml(draft: Draft) -> tuple[str, dict[Loc, int]]:
    """The text of the draft's units.yaml, and the line of each field."""
    out = _Writer(_comments(draft, "units.yaml"))
    out.lines += [
        "# Every unit the plan's tasks name, one canonical entry each, and the members of",
        "# its collectives. Units a registry of the plan's place knows are copied from it (their",
        "# notes may cite the 2021 plan); the kind of a new unit is read from its name",
        "# (kind_source: grammar, marked 待核对): once checked, write kind_source: decision.",
        "# full_name is optional.",
    ]
    out.mark(("units",))
    out.lines.append("units:")
    flow = {"aliases", "members", "may_include", "member_kinds"}
    for index, unit in enumerate(draft.units):
        _item(out, unit, ("units", index), "  ", flow)
    return out.text(), out.where


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
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return _("cannot write {out_dir}: {value}").format(out_dir=out_dir, value=reason)


def write_draft(out_dir: Path, files: dict[str, str], source: Path, force: bool) -> None:
    """Write `files` and source/<name> into `out_dir` at once: a temporary directory, put in
    place (io/files.replace_directory).

    `out_dir` must pass `check_out`; a failed write leaves nothing.
    """
    check_out(out_dir, force)
    target = out_dir.resolve()

    def fill(staging: Path) -> None:
        # Again under the lock of the name: a killed run's old directory is back by now.
        check_out(out_dir, force)
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / "source").mkdir()
        shutil.copyfile(source, staging / "source" / source.name)

    try:
        replace_directory(target, fill, replace=True)
    except OSError as exc:
        raise UsageError(_cannot_write(clipped(str(out_dir)), exc)) from None
