"""Traditional characters: a plan copied from a mirror in 繁体 (責任單位, 關於印發) is read
as the simplified plan it is, while every word stays as the source writes it.

The readers match their words (责任单位, 关于印发, 负责落实, 持续推进) against a
simplified copy of each line made by OpenCC's t2s, character for character, so a
match at some place in the copy is the same place in the line: what the reader
keeps is cut from the line itself, verbatim. Where a reading depends on the
conversion (a 责任单位 or a 完成时限 written in traditional characters), the draft
records the simplified text it read as a decision (see draft.py).
"""

from __future__ import annotations

from typing import Any

CONVERTER = "t2s"
"""OpenCC's configuration: Traditional Chinese to Simplified Chinese (characters and phrases)."""

_converter: Any = None  # built on first use: it loads OpenCC's dictionaries


def _convert(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC(CONVERTER)
    converted: str = _converter.convert(text)
    return converted


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
