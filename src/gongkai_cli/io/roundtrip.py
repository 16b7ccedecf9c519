"""Editing a hand-kept YAML file without moving its comments (ruamel.yaml round trip).

ruamel.yaml attaches the comment lines that follow a value to that value's key:
in

    - seq: 99
      evidence: 沪教委办〔2021〕3号
    # the next entry is about June

the last line belongs to `evidence`. Adding a key after `evidence`, removing
`evidence`, or inserting an entry after this one would then leave the comment
in the wrong place or drop it. These helpers move such trailing lines (the
"tail") to wherever the end of the edited node now is; a comment on the same
line as a value stays with that value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

_AFTER_VALUE = 2  # index, in a mapping key's comment slots, of the comment after its value


def _block(value: Any) -> bool:
    return isinstance(value, CommentedMap) and bool(value) and value.fa.flow_style() is not True


def _last_key(node: Any) -> tuple[CommentedMap, Any] | None:
    """The mapping and key whose comment slot holds the lines after `node`."""
    if isinstance(node, CommentedSeq):
        return _last_key(node[-1]) if node else None
    if not isinstance(node, CommentedMap) or not node:
        return None
    key = list(node)[-1]
    if _block(node[key]):
        return _last_key(node[key])
    return node, key


def _detach(mapping: CommentedMap, key: Any, keep_same_line: bool = True) -> str:
    """Remove and return the comment lines after `key`'s line; keep its same-line comment."""
    slots = mapping.ca.items.get(key)
    token = slots[_AFTER_VALUE] if slots and len(slots) > _AFTER_VALUE else None
    if token is None:
        return ""
    text: str = token.value
    same_line, _, tail = text.partition("\n")
    if keep_same_line and same_line.strip():
        token.value = same_line + "\n"
    else:
        slots[_AFTER_VALUE] = None
        if not any(slots):
            del mapping.ca.items[key]
    return tail


def _attach(mapping: CommentedMap, key: Any, tail: str) -> None:
    if not tail:
        return
    slots = mapping.ca.items.setdefault(key, [None, None, None, None])
    token = slots[_AFTER_VALUE]
    if token is None:
        slots[_AFTER_VALUE] = CommentToken("\n" + tail, CommentMark(0), None)
    else:
        token.value = token.value + tail


def detach_tail(node: Any) -> str:
    """Remove and return the comment lines after the end of `node` (a mapping or list)."""
    last = _last_key(node)
    return _detach(*last) if last else ""


def attach_tail(node: Any, tail: str) -> None:
    """Put comment lines `tail` after the end of `node`."""
    last = _last_key(node)
    if last and tail:
        _attach(*last, tail)


def put(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`; a new key goes where `order` puts it among the keys already there."""
    if key in mapping:
        if _block(mapping[key]) and not _block(value):
            attach_tail(mapping, detach_tail(mapping[key]))  # keep what followed the old block
        mapping[key] = value
        return
    tail = detach_tail(mapping)
    rank = order.index(key)
    position = sum(1 for k in mapping if k in order and order.index(k) < rank)
    mapping.insert(position, key, value)
    attach_tail(mapping, tail)


def drop(mapping: CommentedMap, key: str) -> None:
    """Remove `key`; comment lines that followed it move to the key before it."""
    if key not in mapping:
        return
    keys = list(mapping)
    tail = detach_tail(mapping[key]) if _block(mapping[key]) else ""
    tail = _detach(mapping, key, keep_same_line=False) + tail
    del mapping[key]
    index = keys.index(key)
    if tail and index > 0:
        previous = keys[index - 1]
        value = mapping[previous]
        if _block(value):
            attach_tail(value, tail)
        else:
            _attach(mapping, previous, tail)


def insert_item(parent: CommentedMap, key: str, index: int, item: CommentedMap) -> None:
    """Insert `item` at `index` of the list `parent[key]`, comments staying with what they precede.

    The comment lines after the item before `index` (or, at index 0, those
    between `key:` and the first item) introduce the item that was at `index`,
    so they now follow the new item.
    """
    items: CommentedSeq = parent[key]
    tail = detach_tail(items[index - 1]) if index > 0 else _detach_leading(parent, key, items)
    items.insert(index, item)
    attach_tail(item, tail)


def _detach_leading(parent: CommentedMap, key: str, items: CommentedSeq) -> str:
    """Remove and return the comment lines before the first item of `items`."""
    # ruamel keeps those lines twice over: in the list's own slot and in its key's.
    leading = items.ca.comment[1] if items.ca.comment and len(items.ca.comment) > 1 else None
    if not leading:
        return ""
    items.ca.comment[1] = None
    slots = parent.ca.items.get(key)
    if slots and len(slots) > 3:
        slots[3] = None
    return "".join(" " * (token.column or 0) + token.value for token in leading)
