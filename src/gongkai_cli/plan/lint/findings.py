"""What `gongkai lint` reports: a finding, its kind, and the words that show it.

The checks live in `lint.py` (deadlines and cells) and `wording.py` (annex
wording against the body); both build these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai_cli.model.plan import Task


class Kind(StrEnum):
    """What a finding is about."""

    BEFORE_ISSUE = "before_issue"  # 时间节点 before the issue date
    TEXT_DEADLINE = "text_deadline"  # the row's words set another deadline
    WORDING = "wording"  # annex wording differs from the body
    DOUBLED_CHAR = "doubled_char"  # the body repeats a character the annex has once
    REPEATED_NAME = "repeated_name"  # 任务名称 printed again after a page break
    EMPTY_CELL = "empty_cell"  # an empty cell and the decision taken for it
    DECIDED_TIME_NODE = "decided_time_node"  # a time node read by a recorded decision

    @property
    def zh(self) -> str:
        """A short Chinese label for tables."""
        return _KIND_ZH[self]


_KIND_ZH = {
    Kind.BEFORE_ISSUE: "早于印发",
    Kind.TEXT_DEADLINE: "期限不一",
    Kind.WORDING: "用语不同",
    Kind.DOUBLED_CHAR: "正文重字",
    Kind.REPEATED_NAME: "跨页重名",
    Kind.EMPTY_CELL: "空白单元格",
    Kind.DECIDED_TIME_NODE: "按决定读取",
}


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of the plan (or of the data's decisions) that show a finding."""

    where: str
    """Where the words are: 附件第77行 任务内容, 正文 五、(六), 决定 (time_node) ..."""
    text: str
    """The words, verbatim."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a careful reader of the plan would flag."""

    seq: int | None
    """The task's 序号; None for a finding about several rows or the document."""
    kind: Kind
    message: str
    """One line in Chinese for the people who read the plan, quoting the words that show it."""
    evidence: tuple[Quote, ...] = ()


def annex_cell(task: Task, cell: str) -> str:
    """Where a cell of the annex table stands, as a Quote gives it: 附件第77行 任务内容."""
    return f"附件第{task.seq}行 {cell}"
