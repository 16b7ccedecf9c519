"""Typed output encoders for a batch: csv, jsonl, json (written as they go) and table rows.

An encoder splits a row in two: the part that depends only on the checked fields (the
`suffix`, cached per distinct input) and the line number and id, joined to it per row.
Output fields other than the id are dates, numbers and fixed words, so CSV is written by
joining them, and the id is quoted whenever the csv module would quote it.

The input's columns that the check does not read (`extra`) follow, as written: in CSV
after `reason` under their own headers, in JSON under `"extra"` (header -> text), so
that the English keys stay the same whatever a file holds.

The csv encoder writes every text field, the input's ids, values and headers included,
through the `cell` function the command gives it (`sanitising`): the output sanitiser
(render/sanitise.py), which a domain module cannot import. Numbers it computed (days,
working days used) are written as they are. The sanitiser changes only text that is not
printable or starts with one of `FORMULA_STARTS` (tests/test_streamed_csv.py holds it to
that), and the csv module quotes only a field with a comma, a quote or a line break, so
a row whose fields, joined by commas, are printable, hold no quote, no comma but the
joining ones and no formula start is written as that join (`plain_fields`): one test of
the joined text instead of a call per field.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Hashable, Sequence
from typing import NamedTuple, Protocol, Self, TypeVar

from gongkai_cli.model.output import FORMULA_STARTS, Format
from gongkai_cli.workdays.replies.columns import ECHOED_COLUMNS
from gongkai_cli.workdays.replies.fields import RowResult

OUTPUT_COLUMNS = (
    "line",
    "id",
    "received",
    "replied",
    "rule",
    "days",
    "day_type",
    "receipt",
    "deadline",
    "working_days_used",
    "status",
    "reason",
)


S = TypeVar("S", bound=Hashable)
"""What an encoder caches per distinct input: the row's output after its id."""
P = TypeVar("P")
"""One output piece: a line of text, or a row for a table."""


class Encoder(Protocol[S, P]):
    """How checked rows become output pieces, in order, a chunk at a time."""

    def head(self) -> list[P]:
        """What comes before the first row."""
        ...

    def suffix(self, result: RowResult) -> S:
        """The row's output after its line and id."""
        ...

    def row(self, line: int, row_id: str, suffix: S, extra: Sequence[str] = ()) -> P:
        """The whole row; `extra`, the input's fields that pass through."""
        ...

    def plain_row(self, line: int, row_id: str, suffix: S) -> P:
        """The whole row, for an id known to need no quoting (split from a plain line
        without fields that pass through)."""
        ...

    def passing(self, names: Sequence[str]) -> Encoder[S, P]:
        """This encoder, for rows whose `extra` fields come from the columns `names`."""
        ...

    def chunk(self, rows: list[P], first: bool) -> list[P]:
        """A chunk of rows as written; `first` when no row came before."""
        ...

    def tail(self, empty: bool) -> list[P]:
        """What comes after the last row; `empty` when there was none."""
        ...

    def echoing(self, columns: tuple[str, ...]) -> Encoder[S, P]:
        """This encoder, repeating the input's channel/restart/confirmed columns after `reason`."""
        ...


def csv_field(value: str) -> str:
    """`value` as the csv module writes it with QUOTE_MINIMAL."""
    if any(char in value for char in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


_INNER_STARTS = tuple("," + start for start in FORMULA_STARTS if start.isprintable())


def plain_fields(joined: str, count: int) -> bool:
    """Whether `count` text fields joined by commas into `joined` are each written as they
    are, by the csv module and by the output sanitiser: printable, no quote, no comma of
    their own, none starting with a formula's first character (see the module docstring)."""
    return (
        joined.isprintable()
        and '"' not in joined
        and joined.count(",") == count - 1
        and not joined.startswith(FORMULA_STARTS)
        and not any(start in joined for start in _INNER_STARTS)
    )


def _cell(value: int | None) -> str:
    return "" if value is None else str(value)


class _Text:
    """Text written as it goes: a head, rows joined by a separator, a tail."""

    HEAD = ""
    SEPARATOR = ""
    TAIL = ""
    echo: tuple[str, ...] = ()

    def echoing(self, columns: tuple[str, ...]) -> Self:
        clone = copy.copy(self)
        clone.echo = columns
        return clone

    extra: tuple[str, ...] = ()

    def passing(self, names: Sequence[str]) -> Self:
        clone = copy.copy(self)
        clone.extra = tuple(names)
        return clone

    def _keys(self) -> tuple[str, ...]:
        """The extra columns' names as JSON keys: a repeated header gets .2, .3, ..."""
        seen: dict[str, int] = {}
        keys = []
        for name in self.extra:
            seen[name] = seen.get(name, 0) + 1
            keys.append(name if seen[name] == 1 else f"{name}.{seen[name]}")
        return tuple(keys)

    def head(self) -> list[str]:
        return [self.HEAD] if self.HEAD else []

    def chunk(self, rows: list[str], first: bool) -> list[str]:
        if not self.SEPARATOR or not rows:
            return rows
        text = self.SEPARATOR.join(rows)
        return [text if first else self.SEPARATOR + text]

    def tail(self, empty: bool) -> list[str]:
        if not self.TAIL:
            return []
        return [self.TAIL.lstrip("\n") if empty else self.TAIL]


class CsvEncoder(_Text):
    """`line,id,...` rows with a header; the cached suffix is everything after the id."""

    cell: Callable[[str], str] | None = None
    """How a text field is written before it is quoted (see the module docstring)."""

    def sanitising(self, cell: Callable[[str], str]) -> Self:
        """This encoder, writing each text field as `cell(field)`."""
        clone = copy.copy(self)
        clone.cell = cell
        return clone

    def _text(self, value: str) -> str:
        return csv_field(value if self.cell is None else self.cell(value))

    def head(self) -> list[str]:
        names = (*OUTPUT_COLUMNS, *self.echo, *self.extra)
        return [",".join(map(self._text, names)) + "\n"]

    def suffix(self, result: RowResult) -> str:
        fields = (
            result.received,
            result.replied,
            result.rule,
            _cell(result.days),
            result.day_type,
            result.receipt,
            result.deadline,
            _cell(result.working_days_used),
            result.status.value,
            result.reason,
            *(getattr(result, name) for name in self.echo),
        )
        joined = ",".join(fields)
        if not plain_fields(joined, len(fields)):
            text = self._text
            numbers = (3, 7)  # computed: written as they are
            joined = ",".join(
                field if index in numbers else text(field) for index, field in enumerate(fields)
            )
        return "," + joined + "\n"

    def row(self, line: int, row_id: str, suffix: str, extra: Sequence[str] = ()) -> str:
        if extra:
            passed = ",".join(extra)
            if plain_fields(f"{row_id},{passed}", len(extra) + 1):
                return f"{line},{row_id}{suffix[:-1]},{passed}\n"
            passed = ",".join(map(self._text, extra))
            return f"{line},{self._text(row_id)}{suffix[:-1]},{passed}\n"
        return f"{line},{self._text(row_id)}{suffix}"

    def plain_row(self, line: int, row_id: str, suffix: str) -> str:
        # The id came from a line without quotes, split on commas: it needs no quoting,
        # and the sanitiser adds no comma, quote or line break to it.
        if self.cell is not None:
            row_id = self.cell(row_id)
        return f"{line},{row_id}{suffix}"


class JsonlEncoder(_Text):
    """One JSON object a line; the cached suffix is the object after its id."""

    END = "\n"

    def suffix(self, result: RowResult) -> str:
        data = {
            "received": result.received,
            "replied": result.replied or None,
            "rule": result.rule or None,
            "days": result.days,
            "day_type": result.day_type or None,
            "receipt": result.receipt or None,
            "deadline": result.deadline or None,
            "working_days_used": result.working_days_used,
            "status": result.status.value,
            "reason": result.reason or None,
        }
        for name in ECHOED_COLUMNS:
            value = getattr(result, name)
            if value or name in self.echo:  # a JSON Lines row may give either
                data[name] = value or None
        return ", " + json.dumps(data, ensure_ascii=False)[1:] + self.END

    def row(self, line: int, row_id: str, suffix: str, extra: Sequence[str] = ()) -> str:
        start = f'{{"line": {line}, "id": {json.dumps(row_id, ensure_ascii=False)}'
        if extra:
            keys = self._keys()
            passed = json.dumps(dict(zip(keys, extra, strict=True)), ensure_ascii=False)
            end = "}" + self.END
            return f'{start}{suffix[: -len(end)]}, "extra": {passed}{end}'
        return start + suffix

    def plain_row(self, line: int, row_id: str, suffix: str) -> str:
        return self.row(line, row_id, suffix)


class JsonEncoder(JsonlEncoder):
    """A JSON array, one object a line, written as it goes."""

    HEAD = "[\n"
    TAIL = "\n]\n"
    SEPARATOR = ",\n"
    END = ""


class TableRow(NamedTuple):
    """A row kept for a table."""

    line: int
    id: str
    result: RowResult
    extra: Sequence[str] = ()


class TableEncoder:
    """Rows kept for a table: only for files small enough to read on a screen."""

    def head(self) -> list[TableRow]:
        return []

    def chunk(self, rows: list[TableRow], first: bool) -> list[TableRow]:
        return rows

    def tail(self, empty: bool) -> list[TableRow]:
        return []

    def echoing(self, columns: tuple[str, ...]) -> TableEncoder:
        return self  # a table row keeps the whole result

    def passing(self, names: Sequence[str]) -> TableEncoder:
        return self  # a table shows the checked fields

    def suffix(self, result: RowResult) -> RowResult:
        return result

    def row(self, line: int, row_id: str, suffix: RowResult, extra: Sequence[str] = ()) -> TableRow:
        return TableRow(line, row_id, suffix, tuple(extra))

    def plain_row(self, line: int, row_id: str, suffix: RowResult) -> TableRow:
        return TableRow(line, row_id, suffix)


TEXT_ENCODERS: dict[Format, Encoder[str, str]] = {
    Format.CSV: CsvEncoder(),
    Format.JSONL: JsonlEncoder(),
    Format.JSON: JsonEncoder(),
}
TABLE_ENCODER: Encoder[RowResult, TableRow] = TableEncoder()
