"""The verbatim check: every cell of a plan appears in its source document.

Each task's content, name, responsible and time-node text must occur in the
source's text, whitespace ignored (a PDF copy breaks lines and cells where it
likes). Inherited values are cells of other rows and pass the same way; a 责任单位
written from separate 牵头/责任/配合 columns (牵头单位：X；配合单位：Y, a recorded
decision) passes when each column's cell does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai_cli.model.plan import Layout, Task, Terms
from gongkai_cli.plan.importing.table import squeeze

_FIELDS = ("content", "name", "responsible", "responsible_above", "time_node")


def _labels(terms: Terms) -> dict[str, str]:
    """Each checked field as the layout calls it: 任务内容 in an annex table, 条目内容 in items."""
    return {
        "content": terms.content,
        "name": terms.name,
        "responsible": "责任单位",
        "responsible_above": "上级落实单位",
        "time_node": terms.time_node,
    }


_ROLE_WORDS = ("牵头", "配合", "负责")


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A task field whose text is not in the source."""

    index: int
    field: str
    label: str
    text: str


class SourceText:
    """A source's text, squeezed of whitespace, asked for many fragments.

    `known` are fragments already known to be in it (the cells the reader took from
    it): they are answered without a search through the whole text.
    """

    def __init__(self, text: str, known: Iterable[str] = ()) -> None:
        self.text = squeeze(text)
        self._known: dict[str, bool] = dict.fromkeys((squeeze(cell) for cell in known), True)

    def __contains__(self, fragment: str) -> bool:
        key = squeeze(fragment)
        if key not in self._known:
            self._known[key] = key in self.text
        return self._known[key]


def mismatches(
    tasks: tuple[Task, ...], source: SourceText, layout: Layout = Layout.ANNEX_TABLE
) -> Iterator[Mismatch]:
    """Every checked field of `tasks` that does not appear in `source`."""
    return missing(
        (
            (index, {field: getattr(task, field) for field in _FIELDS}, _decided(task))
            for index, task in enumerate(tasks)
        ),
        source,
        layout,
    )


def _decided(task: Task) -> set[str]:
    return {decision.field for decision in task.decisions}


def missing(
    tasks: Iterable[tuple[int, Mapping[str, Any], set[str]]],
    source: SourceText,
    layout: Layout = Layout.ANNEX_TABLE,
) -> Iterator[Mismatch]:
    """For (index, fields, decided fields) of each task, the checked fields not in `source`."""
    labels = _labels(layout.terms)
    for index, values, decided in tasks:
        for field, label in labels.items():
            text = values.get(field) or ""
            if not text or text in source:
                continue
            if field == "responsible" and "responsible" in decided and _clauses_in(text, source):
                continue
            if field in ("name", "time_node") and field in decided:
                continue  # taken from elsewhere (the plan above): the decision says where
            yield Mismatch(index, field, label, text)


_LABELLED = re.compile(r"(牵头单位|责任单位|配合单位)：")


def _clauses_in(text: str, source: SourceText) -> bool:
    """Whether each column's cell of a 责任单位 written from several unit columns is in the
    source: 牵头单位：X；配合单位：Y (and the older X牵头,Y配合)."""
    if _LABELLED.match(text):
        cells = [_LABELLED.sub("", part, count=1) for part in text.split("；")]
        return all(cell in source for cell in cells if cell)
    for clause in text.replace("，", ",").split(","):
        for word in _ROLE_WORDS:
            clause = clause.removesuffix(word)
        if clause and clause not in source:
            return False
    return True
