"""The verbatim check: every cell of a plan appears in its source document.

Each task's content, name, responsible and time-node text must occur in the
source's text, whitespace ignored (a PDF copy breaks lines and cells where it
likes). Inherited values are cells of other rows and pass the same way; a 责任单位
written from separate 牵头/配合 columns (a recorded decision) passes when each of
its unit lists does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai_cli.model.plan import Task
from gongkai_cli.plan.importing.table import squeeze

_CHECKED = (
    ("content", "任务内容"),
    ("name", "任务名称"),
    ("responsible", "责任单位"),
    ("time_node", "时间节点"),
)
_ROLE_WORDS = ("牵头", "配合", "负责")


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A task field whose text is not in the source."""

    index: int
    field: str
    label: str
    text: str


class SourceText:
    """A source's text, squeezed of whitespace, asked for many fragments."""

    def __init__(self, text: str) -> None:
        self.text = squeeze(text)
        self._known: dict[str, bool] = {}

    def __contains__(self, fragment: str) -> bool:
        key = squeeze(fragment)
        if key not in self._known:
            self._known[key] = key in self.text
        return self._known[key]


def mismatches(tasks: tuple[Task, ...], source: SourceText) -> Iterator[Mismatch]:
    """Every checked field of `tasks` that does not appear in `source`."""
    for index, task in enumerate(tasks):
        decided = {decision.field for decision in task.decisions}
        for field, label in _CHECKED:
            text: str = getattr(task, field)
            if not text or text in source:
                continue
            if field == "responsible" and "responsible" in decided and _clauses_in(text, source):
                continue
            yield Mismatch(index, field, label, text)


def _clauses_in(text: str, source: SourceText) -> bool:
    for clause in text.replace("，", ",").split(","):
        for word in _ROLE_WORDS:
            clause = clause.removesuffix(word)
        if clause and clause not in source:
            return False
    return True
