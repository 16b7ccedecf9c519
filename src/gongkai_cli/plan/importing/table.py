"""The table a source holds, whatever its kind, and how its header is recognised.

Every reader (text, csv/tsv, xlsx, docx) turns its table into `SourceTable`:
rows of cells under a header whose columns are mapped to the plan's fields by
their Chinese names. A cell knows whether the source merged it with the cell
above (xlsx and docx say so; in text and csv an empty cell is all there is).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar


class Column(StrEnum):
    """A plan field that a table column can hold."""

    SEQ = "seq"  # 序号
    NAME = "name"  # 任务名称
    CONTENT = "content"  # 任务内容
    RESPONSIBLE = "responsible"  # 责任单位
    LEAD = "lead"  # 牵头单位
    SUPPORT = "support"  # 配合单位
    TIME_NODE = "time_node"  # 时间节点


# Header spellings seen in plans, after removing whitespace (a narrow cell wraps 任务\n名称).
HEADER_NAMES: dict[str, Column] = {
    "序号": Column.SEQ,
    "编号": Column.SEQ,
    "任务名称": Column.NAME,
    "重点任务": Column.NAME,
    "工作任务": Column.NAME,
    "任务内容": Column.CONTENT,
    "具体内容": Column.CONTENT,
    "工作内容": Column.CONTENT,
    "具体任务": Column.CONTENT,
    "责任单位": Column.RESPONSIBLE,
    "责任部门": Column.RESPONSIBLE,
    "牵头单位": Column.LEAD,
    "牵头部门": Column.LEAD,
    "配合单位": Column.SUPPORT,
    "配合部门": Column.SUPPORT,
    "时间节点": Column.TIME_NODE,
    "完成时限": Column.TIME_NODE,
    "时限要求": Column.TIME_NODE,
    "完成时间": Column.TIME_NODE,
}

EXPECTED_HEADERS = (
    "序号, 任务名称/重点任务, 任务内容/具体内容, "
    "责任单位/牵头单位/配合单位, 时间节点/完成时限/时限要求"
)

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """`text` without any whitespace: how cells are compared with the source."""
    return _SPACE.sub("", text)


def header_columns(cells: list[str]) -> dict[Column, int] | None:
    """The field each column holds, if `cells` is a task table's header row.

    A header names the content and the responsible units (or the lead units),
    and at least one more known column; anything less is an ordinary row.
    """
    found: dict[Column, int] = {}
    for index, cell in enumerate(cells):
        column = HEADER_NAMES.get(squeeze(cell))
        if column is not None and column not in found:
            found[column] = index
    units = Column.RESPONSIBLE in found or Column.LEAD in found
    if Column.CONTENT in found and units and len(found) >= 3:
        return found
    return None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the source gives it."""

    text: str
    merged: bool = False
    """True when the source says this cell is part of a merged cell started above."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the task table."""

    cells: dict[Column, Cell]
    page: int
    """1 for the first table; a repeated header (a page break, or a new table) starts the next."""
    where: str
    """Where the row is in the source, for messages: `line 118`, `Sheet1!A5`, `table 1 row 3`."""

    def text(self, column: Column) -> str:
        """The cell's text, stripped; empty when the table has no such column."""
        cell = self.cells.get(column)
        return cell.text.strip() if cell else ""

    def merged(self, column: Column) -> bool:
        """Whether the source marks the cell as merged with the one above."""
        cell = self.cells.get(column)
        return bool(cell and cell.merged)


@dataclass(slots=True)
class SourceTable:
    """The task table of a source: which columns it has and its rows in order."""

    columns: frozenset[Column]
    rows: list[Row] = field(default_factory=list)
    explicit_merges: bool = False
    """True when the source marks merged cells itself (xlsx, docx)."""


K = TypeVar("K")


def scan_table(
    rows: Iterable[tuple[list[str], K]],
    make_row: Callable[[dict[Column, int], list[str], int, K], Row],
    *,
    explicit_merges: bool = False,
) -> tuple[SourceTable | None, list[list[str]]]:
    """The task table among a source's rows of cells, each with where it is (`K`).

    The first row that is a header starts the table, a repeated header starts its
    next page, and every other row after it becomes `make_row(columns, cells, page,
    where)`. Also returns the first row seen before any header (its non-blank
    cells), for the message when there is none.
    """
    table: SourceTable | None = None
    columns: dict[Column, int] = {}
    seen: list[list[str]] = []
    page = 0
    for cells, where in rows:
        found = header_columns(cells)
        if found is not None:
            if table is None:
                table = SourceTable(frozenset(found), explicit_merges=explicit_merges)
                columns = found
            page += 1
            continue
        if table is None:
            if not seen:
                seen.append([cell.strip() for cell in cells if cell.strip()])
            continue
        table.rows.append(make_row(columns, cells, page, where))
    return table, seen
