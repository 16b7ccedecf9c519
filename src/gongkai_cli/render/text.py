"""Laying out Chinese text for the terminal, the way Chinese typesetting does.

`width` counts display cells (a Chinese character takes two). `wrap` fills
lines greedily and then applies the usual line-breaking rules (禁则): closing
punctuation never starts a line and opening punctuation never ends one. Runs of
ASCII letters and digits (2021, 12345, VR) stay whole.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Never at the start of a line.
NO_START = frozenset("，。、；：？！）》」』”’〕】〉…—％%,.;:?!)]}·")
# Never at the end of a line.
NO_END = frozenset("（《「『“‘〔【〈([{")
_TOKENS = re.compile(r"[A-Za-z0-9_.%/+-]+|\s+|.", re.DOTALL)
# A list of names (市政府各部门、各区政府): each name, with the separator after it, is one
# token, so a line breaks between names and never inside one.
SEPARATORS = "、，,;；"


@cache
def _atoms() -> re.Pattern[str]:
    # Compiled on first use, not at import: its Chinese class costs about 0.5 ms, and
    # the headline's table has no column of names (docs/performance.md).
    return re.compile(f"[^\\s{SEPARATORS}]+[{SEPARATORS}]*|\\s+|[{SEPARATORS}]+")


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def width(text: str) -> int:
    """Display cells of `text` (East Asian wide and full-width characters count 2)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def pad(text: str, cells: int, right: bool = False) -> str:
    """`text` padded with spaces to `cells` display cells."""
    fill = " " * max(cells - width(text), 0)
    return fill + text if right else text + fill


def _fold(token: str, cells: int) -> list[str]:
    pieces, piece = [], ""
    for char in token:
        if piece and width(piece + char) > cells:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def _lines(tokens: list[str], cells: int) -> list[list[str]]:
    """Fill lines greedily; at each break apply 禁则 by pushing characters down."""
    lines: list[list[str]] = [[]]
    used = 0
    for token in tokens:
        if token.isspace():
            if used and used + 1 <= cells:
                lines[-1].append(" ")
                used += 1
            continue
        size = width(token)
        if used + size > cells and lines[-1]:
            line = lines[-1]
            carry: list[str] = []
            # A closing mark may not start the new line: the characters before it go too,
            # back to one that may (a run of marks such as ”。 moves as a whole).
            if token[0] in NO_START:
                while len(line) > 1:
                    carry.insert(0, line.pop())
                    if carry[0][0] not in NO_START:
                        break
            while line and line[-1] == " ":
                line.pop()
            # An opening mark may not end this line.
            while len(line) > 1 and line[-1][-1] in NO_END:
                carry.insert(0, line.pop())
            if sum(width(piece) for piece in carry) + size > cells:
                line.extend(carry)  # a run of marks too long to move: break plainly
                carry = []
            lines.append(carry)
            used = sum(width(piece) for piece in carry)
        if size > cells:
            *whole, token = _fold(token, cells - used if used < cells else cells)
            for piece in whole:
                lines[-1].append(piece)
                lines.append([])
            used, size = 0, width(token)
        lines[-1].append(token)
        used += size
    return lines


def wrap(text: str, cells: int, atoms: bool = False) -> list[str]:
    """The lines of `text` wrapped to `cells` display cells, keeping its own line breaks.

    With `atoms`, the text is a list of names: lines break only at spaces and after
    、，,;；, and a name is cut only when it alone is wider than `cells`."""
    tokens = _atoms() if atoms else _TOKENS
    out: list[str] = []
    for paragraph in text.split("\n"):
        if width(paragraph) <= cells:
            out.append(paragraph)
        else:
            out.extend("".join(line).rstrip() for line in _lines(tokens.findall(paragraph), cells))
    return out


def atoms(text: str) -> list[str]:
    """The names of a list (`wrap(..., atoms=True)`'s tokens), separators attached."""
    return [token for token in _atoms().findall(text) if not token.isspace()]
