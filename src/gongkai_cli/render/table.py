"""Text tables for people: Chinese-aware widths and wrapping, bold headers on a terminal.

Tables are plain text laid out here rather than by rich: rich folds Chinese text
at any character (a line may start with "。"), and importing it costs more than
the rest of `gongkai due` together. Headers are bold on a terminal (unless
NO_COLOR is set); piped output has no escape codes and wraps to $COLUMNS or 80.

A table that does not fit at its natural widths is narrowed (`_narrow`), never
left wider than the terminal: the gap between columns becomes one space, headers
wider than their column's values wrap, flexible columns narrow to twice
`FLEX_FLOOR`, then the widest fixed columns wrap (not below `FLOOR` cells, or
their longest run of ASCII such as a date), then the flexible ones (not below
`FLEX_FLOOR`), then the fixed ones down to two Chinese characters. A date and a
unit name are never broken (issue 22): a column of names (`Column.atoms`) breaks
only between them and is never narrower than its longest one, except the first
column, above whose row a longer name hangs on a line of its own (`HANG`). When
even that is too wide, each row is a card of header/value lines. A table that
fits is laid out as before.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any, NamedTuple, TextIO

from gongkai_cli.render.text import atoms, pad, width, wrap

GAP = "   "


class Column(NamedTuple):
    """One column: its Chinese header for people, its English key for programs, its layout.

    `key` names the value in each row, and is the column's header in csv (and its
    key in JSON rows). A column with a `ratio` shares the width the others leave
    and has its text wrapped (with Chinese line-breaking rules); the others take
    their natural width. A `day` column holds days written 2021-06-30: a spreadsheet
    gets them as date cells (other text in it, such as —, stays text). An `atoms`
    column holds names (units): its lines break between names, never inside one.
    """

    header: str
    key: str
    ratio: int | None = None
    justify: str = "left"
    day: bool = False
    atoms: bool = False


class Percent:
    """A fraction people read as a percentage: the table shows `text` (33.3%), a
    spreadsheet gets `value` (0.3333...) as a number formatted as a percentage."""

    __slots__ = ("text", "value")

    def __init__(self, value: float, text: str) -> None:
        self.value = value
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Percent({self.value!r}, {self.text!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Percent) and (self.value, self.text) == (other.value, other.text)

    def __hash__(self) -> int:
        return hash((self.value, self.text))


class Quantity:
    """A number people read with its unit or sign (55%, ≥60%, 12个): the table shows
    `text`, a spreadsheet gets `value` as a number cell whose `number_format` shows
    the same (0%, "≥"0%, General"个"), so it sorts, sums and compares as a number."""

    __slots__ = ("number_format", "text", "value")

    def __init__(self, value: float, text: str, number_format: str) -> None:
        self.value = value
        self.text = text
        self.number_format = number_format

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Quantity({self.value!r}, {self.text!r}, {self.number_format!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quantity) and (self.value, self.text, self.number_format) == (
            other.value,
            other.text,
            other.number_format,
        )

    def __hash__(self) -> int:
        return hash((self.value, self.text, self.number_format))


def styled(out: TextIO) -> bool:
    """Whether to use bold and colour on `out`: a terminal, and NO_COLOR is not set."""
    return out.isatty() and "NO_COLOR" not in os.environ


def bold(text: str, styled: bool) -> str:
    """`text` in bold when `styled` (see `styled`)."""
    return f"\x1b[1m{text}\x1b[0m" if text and styled else text


def highlighted(line: str, found: re.Pattern[str] | None, styled: bool) -> str:
    """`line` with each match of the search's pattern in bold red when `styled`.

    The pattern allows whitespace inside a match (a name's wrap spaces: the query's
    `highlight`); a match that a table wraps across two lines is not marked.
    """
    if found is None or not styled:
        return line
    return found.sub(lambda match: f"\x1b[1;31m{match.group()}\x1b[0m", line)


def terminal_width(out: TextIO) -> int:
    """The width to lay out for on `out`: the terminal's, or $COLUMNS, or 80."""
    if out.isatty():
        import shutil

        return shutil.get_terminal_size((80, 24)).columns
    try:
        return max(int(os.environ.get("COLUMNS", "80")), 20)
    except ValueError:
        return 80


def cell(value: Any) -> str:
    """A value as one cell's text: None empty, booleans true/false, lists joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(cell(item) for item in value)
    return str(value)


FLOOR = 8
"""Narrowest a fixed column is wrapped to (four Chinese characters), unless a word is wider."""
FLEX_FLOOR = 12
"""Narrowest a flexible (ratio) column is wrapped to before folding everything."""
_WORD = re.compile(r"[A-Za-z0-9_.%/+-]+")  # the runs text.wrap keeps whole


def _natural(columns: Sequence[Column], cells: list[list[str]]) -> list[int]:
    """Each column's widest line, header included."""
    natural = []
    for index, column in enumerate(columns):
        lines = [column.header, *(line for row in cells for line in row[index].split("\n"))]
        natural.append(max(width(line) for line in lines))
    return natural


def _layout(columns: Sequence[Column], cells: list[list[str]], total: int, gap: str) -> list[int]:
    """Column widths: natural for fixed columns; flexible ones share what is left."""
    natural = _natural(columns, cells)
    flex = [i for i, column in enumerate(columns) if column.ratio]
    fixed = sum(natural[i] for i in range(len(columns)) if i not in flex)
    room = total - fixed - len(gap) * (len(columns) - 1)
    ratios = sum(columns[i].ratio or 0 for i in flex)
    widths = list(natural)
    for i in flex:
        share = room * (columns[i].ratio or 0) // ratios
        floor = max(width(columns[i].header), 6, _unbreakable(columns[i], cells, i))
        widths[i] = max(min(natural[i], share), floor)
    return widths


def _values_width(cells: list[list[str]], index: int) -> int:
    return max((width(line) for row in cells for line in row[index].split("\n")), default=0)


def _longest_word(text: str) -> int:
    return max((len(word) for word in _WORD.findall(text)), default=0)


WHOLE = 10
"""The longest run of ASCII never cut however narrow the table: a day, 2021-06-30."""
HANG = 12
"""The narrowest a first column of names is kept: a longer name hangs above its row."""


def _hangs(columns: Sequence[Column]) -> bool:
    """Whether the table's first column holds names, which may hang above their rows."""
    return bool(columns) and columns[0].atoms


def _widest_name(text: str) -> int:
    return max((width(name) for name in atoms(text)), default=0)


def _unbreakable(column: Column, cells: list[list[str]], index: int) -> int:
    """The narrowest `column` may be: its longest name (an `atoms` column) or its
    longest run of ASCII up to a day's ten characters (a longer URL may be cut)."""
    texts = [row[index] for row in cells]
    longest = max((min(_longest_word(text), WHOLE) for text in texts), default=0)
    if column.atoms:
        longest = max([longest, *(width(name) for text in texts for name in atoms(text))])
    return max(longest, 2)


def _shrink(widths: list[int], floors: list[int], excess: int, among: Sequence[int]) -> int:
    """Take `excess` cells from the columns `among`, widest first, none below its floor."""
    while excess > 0:
        candidates = [i for i in among if widths[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def _narrow(columns: Sequence[Column], cells: list[list[str]], total: int) -> list[int] | None:
    """Widths that fit `total` with one-space gaps (see the module docstring), or None
    when even the narrowest readable widths do not fit."""
    count = len(columns)
    room = total - (count - 1)
    natural = _natural(columns, cells)
    values = [_values_width(cells, i) for i in range(count)]
    flex = [i for i, column in enumerate(columns) if column.ratio]
    fixed = [i for i in range(count) if i not in flex]
    whole = [_unbreakable(column, cells, i) for i, column in enumerate(columns)]
    if _hangs(columns):  # a name wider than the first column hangs on a line of its own
        whole[0] = min(whole[0], HANG)
    words = [
        max(_longest_word(columns[i].header), *(_longest_word(row[i]) for row in cells), whole[i])
        for i in range(count)
    ]
    # A flexible column starts at what it would like, up to three times its floor.
    widths = [min(natural[i], 3 * FLEX_FLOOR) if i in flex else natural[i] for i in range(count)]
    excess = sum(widths) - room
    # Headers wider than their values wrap first: 可能适用 over a count becomes 可能/适用.
    header_floors = [max(values[i], words[i]) for i in range(count)]
    excess = _shrink(widths, header_floors, excess, range(count))
    # The task text gives up its comfort first, down to twice its floor (twelve characters).
    comfort = [min(widths[i], max(2 * FLEX_FLOOR, words[i])) for i in range(count)]
    excess = _shrink(widths, comfort, excess, flex)
    floors = [min(widths[i], max(FLOOR, words[i])) for i in range(count)]
    excess = _shrink(widths, floors, excess, fixed)
    floors = [
        min(widths[i], max(FLEX_FLOOR, words[i])) if i in flex else floors[i] for i in range(count)
    ]
    excess = _shrink(widths, floors, excess, flex)
    # Too many columns for even that: fold the fixed columns down to two Chinese
    # characters, or what must stay whole; failing that, cards rather than columns a
    # character wide.
    excess = _shrink(widths, [max(w, 4) for w in whole], excess, fixed)
    if excess > 0:
        return None
    if excess < 0 and flex:  # room to spare goes back to the flexible columns
        for i in flex:
            extra = min(-excess, natural[i] - widths[i])
            widths[i] += extra
            excess += extra
    return widths


class Widths(NamedTuple):
    """How a table is laid out: each column's width, the gap between columns, and
    whether it was narrowed to fit (then every column wraps, not only flexible ones).

    `cards`: not even its days and names fit side by side, so each row is a card of
    header/value lines; `widths` are then the headers' and the values' widths."""

    widths: list[int]
    gap: str
    narrowed: bool
    cards: bool = False


def column_widths(
    columns: Sequence[Column], cells: list[list[str]], *, total: int, gap: str = GAP
) -> Widths:
    """The widths of the columns of a table laid out to `total` display cells."""
    widths = _layout(columns, cells, total, gap)
    if sum(widths) + len(gap) * (len(columns) - 1) <= total:
        return Widths(widths, gap, False)
    narrowed = _narrow(columns, cells, total)
    if narrowed is not None:
        return Widths(narrowed, " ", True)
    # The headers' column takes at most a third of the width: a long header wraps.
    most = max(total // 3, 8)
    label = max(width(line) for c in columns for line in wrap(c.header, most, atoms=True))
    return Widths([label, max(total - label - 2, 2)], "  ", True, cards=True)


def _card_lines(
    columns: Sequence[Column], cells: list[list[str]], layout: Widths, styled: bool
) -> list[str]:
    """Each row as a card: a header and its value a line (the value wrapped, a long
    header too), a rule between cards. For a table whose days and names cannot stand
    side by side."""
    label, room = layout.widths
    lines: list[str] = []
    for number, row in enumerate(cells):
        if number:
            lines.append("─" * (label + len(layout.gap) + room))
        for column, value in zip(columns, row, strict=True):
            heads = wrap(column.header, label, atoms=True)
            values = wrap(value, room, column.atoms) or [""]
            for line_no in range(max(len(heads), len(values))):
                head = pad(heads[line_no] if line_no < len(heads) else "", label)
                part = values[line_no] if line_no < len(values) else ""
                lines.append(f"{bold(head, styled)}{layout.gap}{part}".rstrip())
    return lines


def table_lines(
    columns: Sequence[Column],
    cells: list[list[str]],
    *,
    total: int,
    header: bool = True,
    gap: str = GAP,
    styled: bool = False,
) -> list[str]:
    """A table laid out to `total` columns: header (bold when `styled`), rule, rows."""
    layout = column_widths(columns, cells, total=total, gap=gap)
    if layout.cards:
        return _card_lines(columns, cells, layout, styled)
    widths, gap, narrowed, _ = layout
    lines = []
    if header:
        heads = [wrap(c.header, w) for c, w in zip(columns, widths, strict=True)]
        for line_no in range(max(len(head) for head in heads)):
            head = gap.join(
                pad(part[line_no] if line_no < len(part) else "", w, c.justify == "right")
                for part, w, c in zip(heads, widths, columns, strict=True)
            )
            lines.append(bold(head.rstrip(), styled))
        lines.append("─" * (sum(widths) + len(gap) * (len(columns) - 1)))
    for row in cells:
        if narrowed and _hangs(columns) and _widest_name(row[0]) > widths[0]:
            # 16项民心工程的市政府牵头部门 in a matrix at 60 columns: whole, on its own line.
            lines += wrap(row[0], total, atoms=True)
            row = ["", *row[1:]]
        parts = [
            wrap(value, w, column.atoms) if column.ratio or narrowed else value.split("\n")
            for column, w, value in zip(columns, widths, row, strict=True)
        ]
        for line_no in range(max(len(part) for part in parts)):
            line = gap.join(
                pad(part[line_no] if line_no < len(part) else "", w, c.justify == "right")
                for part, w, c in zip(parts, widths, columns, strict=True)
            )
            lines.append(line.rstrip())
    return lines


def title_lines(title: str | None, total: int, styled: bool = False) -> list[str]:
    """A title wrapped to `total` columns, in bold when `styled`."""
    return [bold(line, styled) for line in wrap(title, total)] if title else []
