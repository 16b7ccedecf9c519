"""Numbered items with an inline 责任单位, the layout of plans without an annex table.

    1.持续优化政策文件库。……（责任单位：市政府办公厅、各区政府）
    3.做好……公开。（责任单位：区政务服务办，完成时限：6月底前）

An item is a paragraph that ends with such a bracket. Its content is the text
before the bracket (without the item's number); the units and the time limit
are the bracket's own words. Nothing is invented: an item without 完成时限 has
no time node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai_cli.plan.importing.notice import ITEM_MARKER

_OPEN = re.compile(r"[（(]\s*(?:责任单位|责任部门|牵头单位)\s*[:：]")
_TIME = re.compile(r"[,，;；]\s*(?:完成时限|时间节点|时限要求|完成时间)\s*[:：]\s*")
_CLOSE = ("）", ")")


@dataclass(frozen=True, slots=True)
class Item:
    """One item of the body, its parts verbatim."""

    line: str
    """The whole paragraph, as in the source."""
    number: str | None
    """The item's own number as written (3), if it has one."""
    content: str
    responsible: str
    time_node: str


def parse_item(line: str) -> Item | None:
    """The item `line` holds, or None if it does not end with an inline 责任单位."""
    text = line.strip()
    opens = list(_OPEN.finditer(text))
    if not opens:
        return None
    start = opens[-1]
    tail = text[start.end() :].rstrip("。. ")
    if not tail.endswith(_CLOSE):
        return None
    inner = _balanced(tail[:-1])
    if inner is None:
        return None
    responsible, time_node = inner, ""
    if split := _TIME.search(inner):
        responsible, time_node = inner[: split.start()], inner[split.end() :]
    head = text[: start.start()]
    number = None
    if marker := ITEM_MARKER.match(head):
        number = marker[1] or marker[2]
        head = head[marker.end() :]
    return Item(text, number, head.strip(), responsible.strip(), time_node.strip())


def _balanced(inner: str) -> str | None:
    """`inner` if its brackets pair up (市政府办公厅(牵头)), else None."""
    depth = 0
    for char in inner:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                return None
    return inner if depth == 0 else None


def find_items(lines: list[str]) -> list[Item]:
    """Every item among the body's lines, in order."""
    return [item for line in lines if (item := parse_item(line)) is not None]
