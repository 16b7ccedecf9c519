"""CSV input: a header naming the columns, then one row a physical line.

A record never spans lines: a quote left open at the end of its line makes that line
invalid, and the next line is a row of its own (so a stray quote swallows nothing).

The fast path: in a block of lines with no double quote, no blank line and no line
starting with a comma or a space, each line is split on commas directly, which is
what the csv module would do with it, and the text after the id is the cache key of
the row's output. Other blocks go a line at a time, through the csv module when a
line has a quote. In csv output an id goes through the output sanitiser (the
encoder's `cell`), except in a fast block whose lines are all printable and none
starts with a formula's first character, which the sanitiser would leave as they are.

Columns are found by name in the header (`columns.ColumnMap`). The columns the
check does not read pass through: a file without any keeps the fast path above; one
with some is split on commas and keyed on the checked fields only, so that a
column of remarks does not defeat the cache.

A sheet's rows come typed (`sheet_input.RowBlock`): a row's output suffix is looked up
by the values of its checked cells, which give the same text whatever row holds them,
except numbers equal to 0 or 1 (1 == 1.0 == True, read "1" and "TRUE"), never kept. The
look-up takes a row whose id is written as it is on a CSV line (printable, no comma or
quote, not blank, at most `ID_ROOM` characters) and whose cells beyond the header are
empty; any other row, and any row whose checked cells were not seen, is made its CSV
line (`SheetReader.line`) and read as a line is. So every row's output is its line's.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar, cast

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.output import FORMULA_STARTS
from gongkai_cli.workdays.replies.columns import ColumnMap
from gongkai_cli.workdays.replies.encoders import CsvEncoder, Encoder
from gongkai_cli.workdays.replies.fields import CACHE_LIMIT, RowChecker, RowResult, invalid_result
from gongkai_cli.workdays.replies.sheet_input import RowBlock, SheetReader, cell_text
from gongkai_cli.workdays.replies.source import MAX_LINE, Block, LineReader
from gongkai_cli.workdays.replies.verdict import ReplyStatus

S = TypeVar("S", bound=Hashable)
P = TypeVar("P")


class Rows:
    """A file's rows, read a block of lines at a time; `lines` counts the lines read."""

    passed_names: tuple[str, ...] = ()
    """The headers of the columns handed to the encoder with each row."""
    group_role: str | None = None
    """With --group-by: `rule` or `channel` when the group column is the one the rows
    are checked by, so its spellings of one rule or channel can be put together."""

    def __init__(self, checker: RowChecker, reader: LineReader | SheetReader) -> None:
        self.checker = checker
        self.reader = reader
        self.echo: tuple[str, ...] = ()
        """The optional input columns the output repeats (ECHOED_COLUMNS it has)."""
        self.unknown_intake: Counter[str] = Counter()
        """With --rule auto: the rows of each channel value not in the intake map."""
        self._unknown_of: dict[Hashable, str] = {}

    @property
    def lines(self) -> int:
        """Lines read so far."""
        return self.reader.lines

    def position(self) -> int | None:
        """Bytes read so far, when the source is a file."""
        return self.reader.position()


class CsvRows(Rows):
    """CSV rows, with the fast path for plain blocks of lines."""

    def __init__(
        self,
        checker: RowChecker,
        reader: LineReader | SheetReader,
        named: Mapping[str, str] | None = None,
        group_by: str | None = None,
    ) -> None:
        """`named`: role -> header, from --columns. With `group_by` (a role or a header),
        the one column passed to the encoder with each row is that column."""
        super().__init__(checker, reader)
        self.blocks = iter(reader)
        first = next(self.blocks, None)
        if first is None:
            raise UsageError(_("the file is empty: expected a header line id,received,replied"))
        assert isinstance(first, Block)  # a sheet's header comes as a line too
        if 0 in first.bad:
            raise UsageError(_("line 1, the header: {value}").format(value=first.bad[0]))
        try:
            header = next(csv.reader((first.lines[0],), strict=True))
        except csv.Error as exc:
            raise UsageError(_("line 1, the header: {exc}").format(exc=_malformed(exc))) from None
        self.pending = first.after_first()
        self.columns = ColumnMap.from_header([name.strip() for name in header], named)
        if self.columns.rule is None and self.columns.days is None and not checker.has_default:
            raise UsageError(_("the file has no rule or days column: give --rule or --days"))
        if checker.limits.auto and self.columns.channel is None:
            raise UsageError(
                _("--rule auto needs a channel column (受理渠道, 来源, 渠道): its header has none")
            )
        self.width = self.columns.width
        found = self.columns
        roles = [found.received, found.replied, found.rule, found.days, found.channel]
        roles += [found.restart, found.confirmed]
        self.checked = sorted({index for index in roles if index is not None})
        """The columns a row is checked on."""
        self.id_first = self.columns.id == 0
        self.echo = self.columns.echo
        if group_by is not None:
            self.passed: tuple[int, ...] = (self.columns.group_column(group_by),)
            self.passed_names: tuple[str, ...] = (self.columns.header[self.passed[0]],)
            self.group_role = next(
                (
                    role
                    for role in ("rule", "channel")
                    if getattr(self.columns, role) == self.passed[0]
                ),
                None,
            )
        else:
            self.passed = self.columns.passed
            self.passed_names = self.columns.passed_names

    def _extra(self, fields: list[str]) -> list[str]:
        """The row's passed-through fields ("" where the row is short)."""
        if len(fields) == self.width:
            return [fields[index] for index in self.passed]
        return [fields[index] if index < len(fields) else "" for index in self.passed]

    def _invalid(self, fields: list[str], reason: str) -> RowResult:
        received, replied, rule, _, channel, restart, confirmed = self.columns.fields(fields)
        return invalid_result(received, replied, rule, reason, channel, restart, confirmed)

    def _result(self, fields: list[str]) -> RowResult:
        if len(fields) != self.width:
            return self._invalid(
                fields,
                _("expected {width} fields, found {fields}").format(
                    width=self.width, fields=len(fields)
                ),
            )
        return self.checker.check_fields(*self.columns.fields(fields))

    def chunks(self, out: Encoder[S, P]) -> Iterator[tuple[list[P], Counter[ReplyStatus]]]:
        """Output pieces a block of lines at a time, with how many rows got each status."""
        suffix_of = out.suffix
        plain_row = out.plain_row
        csv_out = isinstance(out, CsvEncoder)
        cell = out.cell if isinstance(out, CsvEncoder) else None  # the output sanitiser
        # Input (the text after the id, or the fields but the id) -> output suffix; and
        # each suffix's status (a suffix spells its status, so this is a function).
        cache: dict[Hashable, S] = {}
        status_of: dict[S, ReplyStatus] = {}
        get = cache.get
        typed: dict[Hashable, S] = {}  # a sheet's checked cells' values -> output suffix
        by_day: dict[Hashable, S] = {}  # the same with date-times as their days
        for block in chain((self.pending,), self.blocks):
            pieces: list[P] = []
            suffixes: list[S] = []
            add, count = pieces.append, suffixes.append
            # For csv the pieces are text, and the row is written inline: no call a row.
            add_text = cast(list[str], pieces).append
            if isinstance(block, RowBlock):
                self._typed(block, out, (typed, by_day), cache, status_of, pieces, suffixes)
            elif (
                not self.passed
                and block.text is not None
                and self.id_first
                and _plain(lines := block.lines, block.text)
            ):
                # No quotes, no blank lines, every line starting with an id: split at the
                # first comma, and the rest of the line is the cache key. This loop is
                # where a big file spends its time. The sanitiser is asked about the ids
                # only in a block where it would change one.
                sanitise = cell if cell is not None and not _kept(lines, block.text) else None
                for line, text in enumerate(lines, block.first):
                    row_id, _, tail = text.partition(",")
                    suffix = get(tail)
                    if suffix is None:
                        # "" is never cached: it is both "A," and "A", which differ.
                        key = tail or None
                        suffix = self._cache(cache, status_of, key, suffix_of, text.split(","))
                    if csv_out:
                        if sanitise is not None:
                            row_id = sanitise(row_id)
                        add_text(f"{line},{row_id}{suffix}")
                    else:
                        add(plain_row(line, row_id, suffix))
                    count(suffix)
            else:
                self._careful(block, out, cache, status_of, add, count)
            unknown_of = self._unknown_of
            if unknown_of:
                statuses: Counter[ReplyStatus] = Counter()
                for suffix, times in Counter(suffixes).items():
                    statuses[status_of[suffix]] += times
                    if suffix in unknown_of:
                        self.unknown_intake[unknown_of[suffix]] += times
            else:  # each row's status counted in C: no loop over a block's distinct rows
                statuses = Counter(map(status_of.__getitem__, suffixes))
            if len(status_of) >= CACHE_LIMIT:
                status_of = {
                    suffix: status_of[suffix]
                    for suffix in chain(cache.values(), typed.values(), by_day.values())
                }
                self._unknown_of = {
                    suffix: value for suffix, value in unknown_of.items() if suffix in status_of
                }
            yield pieces, statuses

    def _typed(
        self,
        block: RowBlock,
        out: Encoder[S, P],
        looked_up: tuple[dict[Hashable, S], dict[Hashable, S]],
        cache: dict[Hashable, S],
        status_of: dict[S, ReplyStatus],
        pieces: list[P],
        suffixes: list[S],
    ) -> None:
        """A sheet's rows by their cells' values (see the module docstring): a row whose
        checked cells were seen before takes their output suffix with one look-up; any
        other row is made the CSV line a CSV export would hold and checked as such."""
        rows = block.rows
        first = block.first
        add, count = pieces.append, suffixes.append
        reader = cast(SheetReader, self.reader)
        if not set(self.passed).isdisjoint(reader.day_columns):
            # --group-by a date column: its serial numbers are days, as the line has them
            for number, values in enumerate(rows, first):
                self._as_line(number, values, out, cache, status_of, add, count)
            return
        width = self.width
        ids: list[Any] = list(map(itemgetter(self.columns.id), rows))
        if {*map(type, ids)} != {str}:
            ids = [value if value.__class__ is str else cell_text(value) for value in ids]
        # Rows the look-ups cannot take (their ids, or their width): a line each.
        slow: set[int] = set()
        if not _plain_ids(ids):
            slow.update(at for at, row_id in enumerate(ids) if not _plain_ids([row_id]))
        widths = {*map(len, rows)}
        if widths != {width}:
            slow.update(
                at
                for at, values in enumerate(rows)
                if len(values) < width or any(value != "" for value in values[width:])
            )
        csv_out = isinstance(out, CsvEncoder)
        cell = out.cell if isinstance(out, CsvEncoder) else None
        passed = self.passed
        shown = ids
        if csv_out and cell is not None and not passed and not _ids_kept(ids):
            shown = list(map(cell, ids))
        key_of = self._key_of()
        typed = looked_up[0]
        get = typed.get
        if csv_out and not passed and not slow:
            # The loop a big sheet spends its time in: a look-up and a line a row.
            add_text = cast(Callable[[str], None], add)
            for number, row_id, values in zip(itertools.count(first), shown, rows):
                key = key_of(values)
                suffix = get(key)
                if suffix is None:
                    suffix = self._typed_miss(number, values, key, out, looked_up, cache, status_of)
                    if suffix is None:
                        self._as_line(number, values, out, cache, status_of, add, count)
                        continue
                add_text(f"{number},{row_id}{suffix}")
                count(suffix)
        else:
            pick = itemgetter(*passed) if len(passed) > 1 else None
            room = MAX_LINE - ID_ROOM - CHECKED_ROOM
            plain_row, row = out.plain_row, out.row
            for at, (row_id, values) in enumerate(zip(ids, rows, strict=True)):
                number = first + at
                if slow and at in slow:
                    self._as_line(number, values, out, cache, status_of, add, count)
                    continue
                key = key_of(values)
                suffix = get(key)
                if suffix is None:
                    suffix = self._typed_miss(number, values, key, out, looked_up, cache, status_of)
                    if suffix is None:
                        self._as_line(number, values, out, cache, status_of, add, count)
                        continue
                if passed:
                    picked = pick(values) if pick is not None else (values[passed[0]],)
                    extra = [v if v.__class__ is str else cell_text(v) for v in picked]
                    joined = ",".join(extra)
                    if "\x00" in joined or len(joined) + joined.count('"') + 2 * width > room:
                        self._as_line(number, values, out, cache, status_of, add, count)
                        continue
                    add(row(number, row_id, suffix, extra))
                else:
                    add(plain_row(number, row_id, suffix))
                count(suffix)
        if len(typed) >= CACHE_LIMIT:
            typed.clear()

    def _key_of(self) -> Callable[[list[Any]], tuple[Any, ...]]:
        """A row's checked cells' values, the key of its output suffix."""
        checked = self.checked
        if len(checked) == 1:
            only = checked[0]
            return lambda values: (values[only],)
        return cast(Callable[[list[Any]], tuple[Any, ...]], itemgetter(*checked))

    def _typed_miss(
        self,
        number: int,
        values: list[Any],
        key: tuple[Any, ...],
        out: Encoder[S, P],
        looked_up: tuple[dict[Hashable, S], dict[Hashable, S]],
        cache: dict[Hashable, S],
        status_of: dict[S, ReplyStatus],
    ) -> S | None:
        """The suffix of a row whose checked cells were not seen, from its cells as text,
        kept for the next row with the same values where they always give the same text
        and line; None when the row must go as a line (a NUL, too long).

        A row with date-times (an export's 受理时间, to the minute) is looked up, and kept,
        by its days instead, where its result is its days' (`RowChecker.check` says so: a
        checked row, not one that repeats its fields as written; and no confirmed column,
        whose text a result may repeat)."""
        typed, by_day = looked_up
        day: tuple[Any, ...] | None = None
        if dt.datetime in {*map(type, key)}:
            day = tuple(v.date() if v.__class__ is dt.datetime else v for v in key)
            suffix = by_day.get(day)
            if suffix is not None:
                return suffix
        width = self.width
        reader = cast(SheetReader, self.reader)
        cells = [""] * width
        for column in self.checked:
            cells[column] = reader.text(values, column)
        # Split from the row's line, these would be the fields: the csv module reads
        # back what csv_line quotes, a NUL aside, and within `CHECKED_ROOM` (with the id
        # within `ID_ROOM`, what passes through within the rest) the line is not too long.
        # So the row is checked as `_result` would check the line's fields.
        fields = self.columns.fields(cells)
        joined = "".join(fields)
        if "\x00" in joined or len(joined) + joined.count('"') + 3 * len(fields) > CHECKED_ROOM:
            return None
        if day is not None:
            day_key, result = self.checker.check(*fields)
            suffix = self._noted(result, out.suffix, status_of)
            if day_key is not None and self.columns.confirmed is None and _keyable(day):
                if len(by_day) >= CACHE_LIMIT:
                    by_day.clear()
                by_day[day] = suffix
            return suffix
        text_key = (width, *fields)
        suffix = cache.get(text_key)
        if suffix is None:
            suffix = self._noted(self.checker.check_fields(*fields), out.suffix, status_of)
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[text_key] = suffix
        if _keyable(key):
            typed[key] = suffix
        return suffix

    def _as_line(
        self,
        number: int,
        values: list[Any],
        out: Encoder[S, P],
        cache: dict[Hashable, S],
        status_of: dict[S, ReplyStatus],
        add: Callable[[P], None],
        count: Callable[[S], None],
    ) -> None:
        """One sheet row as the CSV line an export of it holds, read as a CSV file's."""
        line, reason = cast(SheetReader, self.reader).line(number, values)
        bad = {0: reason} if reason is not None else {}
        self._careful(Block(number, [line], bad), out, cache, status_of, add, count)

    def _careful(
        self,
        block: Block,
        out: Encoder[S, P],
        cache: dict[Hashable, S],
        status_of: dict[S, ReplyStatus],
        add: Callable[[P], None],
        count: Callable[[S], None],
    ) -> None:
        """Lines that may hold quotes, blank lines, a missing id or be unreadable, one at
        a time."""
        id_column = self.columns.id
        bad = block.bad
        nothing = [""] * len(self.passed)
        for number, text in enumerate(block.lines, block.first):
            reason = bad.get(number - block.first) if bad else None
            if reason is None:
                if not text.strip():
                    continue  # an empty line holds no row
                if '"' in text:
                    try:
                        fields = next(csv.reader((text,), strict=True))
                    except csv.Error as exc:
                        reason = _malformed(exc)
                else:
                    fields = text.split(",")
            if reason is not None:
                suffix = out.suffix(invalid_result("", "", "", reason))
                status_of[suffix] = ReplyStatus.INVALID
                add(out.row(number, "", suffix, nothing))
                count(suffix)
                continue
            row_id = fields[id_column] if id_column < len(fields) else ""
            if not row_id.strip():
                suffix = out.suffix(self._invalid(fields, _("missing id")))
                status_of[suffix] = ReplyStatus.INVALID
            else:
                # The checked fields and how many there are: a row of another width
                # is invalid, and the columns that pass through change nothing.
                key = (len(fields), *self.columns.fields(fields))
                found = cache.get(key)
                if found is None:
                    found = self._cache(cache, status_of, key, out.suffix, fields)
                suffix = found
            add(out.row(number, row_id, suffix, self._extra(fields) if self.passed else ()))
            count(suffix)

    def _cache(
        self,
        cache: dict[Hashable, S],
        status_of: dict[S, ReplyStatus],
        key: Hashable,
        suffix_of: Callable[[RowResult], S],
        fields: list[str],
    ) -> S:
        suffix = self._noted(self._result(fields), suffix_of, status_of)
        if key is not None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = suffix
        return suffix

    def _noted(
        self,
        result: RowResult,
        suffix_of: Callable[[RowResult], S],
        status_of: dict[S, ReplyStatus],
    ) -> S:
        """A result's output suffix, its status (and unmapped intake channel) noted for
        the block's counts."""
        suffix = suffix_of(result)
        status_of[suffix] = result.status
        if result.unknown_intake:
            self._unknown_of[suffix] = result.unknown_intake
        return suffix


ID_ROOM = 1024
"""The longest id a sheet row's look-up takes (longer ones go as lines): with
`CHECKED_ROOM`, what keeps a looked-up row's line within `MAX_LINE`."""
CHECKED_ROOM = 8192
"""The most text (quoted) of a row's checked cells whose suffix is kept for look-ups."""
_PRINTABLE_FORMULAS = tuple(start for start in FORMULA_STARTS if start.isprintable())


def _plain_ids(ids: list[str]) -> bool:
    """Whether each id is written as it is on a CSV line and read back from it by
    splitting at commas: printable, no comma or quote, neither empty nor starting with a
    space (a blank id is a missing one), at most `ID_ROOM` characters."""
    text = "".join(ids)
    return (
        text.isprintable()
        and "," not in text
        and '"' not in text
        and min(ids, default=" ")[:1] > " "
        and max(map(len, ids), default=0) <= ID_ROOM
    )


def _ids_kept(ids: list[str]) -> bool:
    """Whether the output sanitiser leaves every (printable) id as it is: none starts
    with a formula's first character."""
    text = "\n" + "\n".join(ids)
    return not any("\n" + start in text for start in _PRINTABLE_FORMULAS)


def _keyable(key: tuple[Any, ...]) -> bool:
    """Whether rows with cells equal to `key` always have the same text: not when one is
    a number equal to 0 or 1 (1 == 1.0 == True, which read "1" and "TRUE")."""
    if _NUMBERS.isdisjoint(map(type, key)):
        return True
    return not any(value.__class__ in _NUMBERS and value in (0, 1) for value in key)


_NUMBERS = frozenset({int, float, bool})


# Spaces beyond ASCII, which str.strip() removes too: a line starting with one may
# have an id of nothing but spaces, which only the careful path tells apart.
_OTHER_SPACES = tuple(chr(c) for c in range(128, 0x3001) if chr(c).isspace())


def _plain(lines: list[str], text: str) -> bool:
    """Whether every line (`text` is the lines joined) is a record whose fields are its
    comma-separated parts, the first of them not blank: no double quote, no blank line,
    no line starting with a comma or a space of any kind."""
    if '"' in text:
        return False
    # The smallest line starts with the smallest first character: an empty line, ASCII
    # spaces and the comma all sort at or before ",", digits and letters after it.
    if min(lines, default="")[:1] <= ",":
        return False
    if text.isascii():
        return True
    # Looking for one character is much faster than looking for two, and most of
    # these never occur at all.
    return not (
        lines[0][:1].isspace() or any(s in text and "\n" + s in text for s in _OTHER_SPACES)
    )


_LINE_FORMULAS = tuple("\n" + start for start in FORMULA_STARTS if start.isprintable())


def _kept(lines: list[str], text: str) -> bool:
    """Whether the output sanitiser leaves every line (`text` is the lines joined), and
    so every id, as it is: all printable, none starting with a formula's first character
    (the sanitiser's contract, `model.output.FORMULA_STARTS`)."""
    return (
        not text.startswith(FORMULA_STARTS)
        and not any(start in text for start in _LINE_FORMULAS)
        and "".join(lines).isprintable()
    )


def _malformed(exc: csv.Error) -> str:
    if str(exc) == "unexpected end of data":
        return _(
            "malformed CSV: a quoted field does not close on its line (a field cannot span lines)"
        )
    from gongkai_cli.io.csv_errors import csv_reason

    return _("malformed CSV: {exc}").format(exc=csv_reason(exc))
