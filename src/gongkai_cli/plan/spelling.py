"""Names in traditional characters, read as simplified ones (長寧區 -> 长宁区).

OpenCC's t2s conversion, loaded on first use only (it loads dictionaries): a name
found as typed costs nothing more.
"""

from __future__ import annotations

from typing import Any

__all__ = ["to_simplified"]


def to_simplified(text: str) -> str:
    """`text` with traditional characters as simplified ones (長寧區 -> 长宁区)."""
    if text.isascii():
        return text
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    converted: str = _converter.convert(text)
    return converted


_converter: Any = None  # OpenCC's converter, built on first use (it loads dictionaries)
