"""Traditional characters read as simplified ones, through OpenCC's t2s: the one converter.

Names (長寧區 -> 长宁区) are looked up by `to_simplified`; the importers read a page in
繁体 (責任單位, 關於印發) through `simplified`, one character for each of the text's, so
a match at some place in the copy is the same place in the text and what a reader
keeps is cut from the text itself, verbatim. Where a reading depends on the
conversion (a 责任单位 or a 完成时限 written in traditional characters), the draft
records the simplified text it read as a decision (plan/importing/draft.py).

OpenCC is loaded on first use only (it loads dictionaries): a name found as typed, or
a text in plain ASCII, costs nothing more.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONVERTER", "is_traditional", "simplified", "to_simplified"]

CONVERTER = "t2s"
"""OpenCC's configuration: Traditional Chinese to Simplified Chinese (characters and phrases)."""

_converter: Any = None  # OpenCC's converter, built on first use (it loads dictionaries)


def _convert(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC(CONVERTER)
    converted: str = _converter.convert(text)
    return converted


def to_simplified(text: str) -> str:
    """`text` with traditional characters as simplified ones (長寧區 -> 长宁区)."""
    if text.isascii():
        return text
    return _convert(text)


def simplified(text: str) -> str:
    """`text` in simplified characters, one character for each of `text`'s.

    OpenCC converts phrases too; where a phrase would change the length, each
    character is converted alone, so positions in the result are positions in `text`.
    """
    if text.isascii():
        return text
    converted = _convert(text)
    if len(converted) == len(text):
        return converted
    out = []
    for char in text:
        one = _convert(char)
        out.append(one if len(one) == 1 else char)
    return "".join(out)


def is_traditional(text: str) -> bool:
    """Whether `text` has a character that t2s converts (責 -> 责)."""
    return simplified(text) != text
