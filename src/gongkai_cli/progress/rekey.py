"""Re-keying a progress file to its plan's 文号 (`progress rekey`).

A progress file records the plan it was kept for by its 文号 (`plan: 沪府办〔2021〕21号`),
and is refused against a plan with another. When a plan's 文号 is corrected (a typo
in the draft, the number the office assigned later) and the plan reinstalled
(`plans add --replace`), its ledgers name the old 文号: re-keying writes the plan's
文号 into `plan:` and into the file's opening comment where gongkai wrote it there,
and changes nothing else (ruamel.yaml's round trip keeps the comments, the order
and the quoting).

The entries must fit the plan: the new text is validated against it before
anything is written, so a ledger is never re-keyed to a plan whose tasks and
units it does not record (InvalidDataError, exit 3, every problem listed). A
ledger that records the 文号 of another installed plan is that plan's, and is
refused (UsageError): re-keying corrects a 文号, it does not move a ledger. Like
`progress set`, the file is locked from the read to the rename and written
atomically.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, NamedTuple

from gongkai_cli.errors import InvalidDataError
from gongkai_cli.plan.load import Plan

HEADER_START = "# gongkai progress file (进展台账): "
"""How the opening comment gongkai writes begins (progress.edit.header)."""


class Rekeyed(NamedTuple):
    """What re-keying found and did: the 文号 the file recorded (None: none), the plan's,
    and whether the file was (or, with a dry run, would be) changed."""

    before: str | None
    after: str
    changed: bool


def rekey(path: Path, plan: Plan, *, write: bool = True) -> Rekeyed:
    """Record `plan`'s 文号 in the progress file `path`; with `write` False, only say
    what would change. UsageError when the file cannot be read; InvalidDataError when
    it is not YAML, or its entries do not fit `plan`."""
    from gongkai_cli.io.files import locked, write_atomically
    from gongkai_cli.io.yamlio import parse_yaml, read_text
    from gongkai_cli.progress.edit import _yaml
    from gongkai_cli.progress.file import parse_progress

    number = plan.document.number
    with locked(path):
        text = read_text(path)
        doc, problems = parse_yaml(path, text)
        if doc is None:
            raise InvalidDataError(problems)
        yaml = _yaml()
        document: Any = yaml.load(text) if text.strip() else None
        if not isinstance(document, dict):  # empty, or not a mapping: the schema says why
            parse_progress(path, text, plan)
            return Rekeyed(None, number, False)
        recorded = document.get("plan")
        before = None if recorded is None else str(recorded)
        if before == number:
            parse_progress(path, text, plan)  # a file that does not fit is said even so
            return Rekeyed(before, number, False)
        if before is not None:
            _refuse_another_plans(path, before, plan)
        if "plan" in document:
            document["plan"] = number
        else:
            keys = list(document)
            place = keys.index("entries") if "entries" in keys else 0
            mapping: Any = document  # ruamel's CommentedMap: a dict that can insert
            mapping.insert(place, "plan", number)
        out = io.StringIO()
        yaml.dump(document, out)
        new_text = _opening(out.getvalue(), before, plan)
        parse_progress(path, new_text, plan)  # never write a file that would not load
        if write:
            write_atomically(path, new_text)
    return Rekeyed(before, number, True)


def _refuse_another_plans(path: Path, before: str, plan: Plan) -> None:
    """UsageError when the 文号 the file records is another installed plan's: the file
    is that plan's ledger, not one whose plan had its 文号 corrected."""
    from gongkai_cli.errors import UsageError
    from gongkai_cli.i18n import _
    from gongkai_cli.plan.install import catalogue

    here = plan.data_dir.resolve()
    for entry, other in catalogue():
        if other.document.number == before and entry.directory.resolve() != here:
            raise UsageError(
                _(
                    "{path} records {number}, the 文号 of the installed plan {plan_id}: it "
                    "is that plan's progress file (give --plan {plan_id2} to read it)"
                ).format(path=path, number=before, plan_id=entry.id, plan_id2=entry.id)
            )


def _opening(text: str, before: str | None, plan: Plan) -> str:
    """`text` with its first line, gongkai's opening comment naming the old 文号, naming
    the plan's title and 文号 instead; any other first line is the user's and stays."""
    from gongkai_cli.plan.importing.write import comment_text
    from gongkai_cli.progress.edit import header

    first, newline, rest = text.partition("\n")
    if before is None or not first.startswith(HEADER_START):
        return text
    if not first.endswith(f"({comment_text(before)})"):
        return text
    return header(plan).partition("\n")[0] + newline + rest
