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
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping
from itertools import chain
from typing import TypeVar, cast

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.output import FORMULA_STARTS
from gongkai_cli.workdays.replies.columns import ColumnMap
from gongkai_cli.workdays.replies.encoders import CsvEncoder, Encoder
from gongkai_cli.workdays.replies.fields import CACHE_LIMIT, RowChecker, RowResult, invalid_result
from gongkai_cli.workdays.replies.sheet_input import SheetReader
from gongkai_cli.workdays.replies.source import Block, LineReader
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
        for block in chain((self.pending,), self.blocks):
            lines = block.lines
            pieces: list[P] = []
            suffixes: list[S] = []
            add, count = pieces.append, suffixes.append
            # For csv the pieces are text, and the row is written inline: no call a row.
            add_text = cast(list[str], pieces).append
            if (
                not self.passed
                and block.text is not None
                and self.id_first
                and _plain(lines, block.text)
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
            statuses: Counter[ReplyStatus] = Counter()
            unknown_of = self._unknown_of
            for suffix, times in Counter(suffixes).items():
                statuses[status_of[suffix]] += times
                if unknown_of and suffix in unknown_of:
                    self.unknown_intake[unknown_of[suffix]] += times
            if len(status_of) >= CACHE_LIMIT:
                status_of = {suffix: status_of[suffix] for suffix in cache.values()}
                self._unknown_of = {
                    suffix: value for suffix, value in unknown_of.items() if suffix in status_of
                }
            yield pieces, statuses

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
        result = self._result(fields)
        suffix = suffix_of(result)
        status_of[suffix] = result.status
        if result.unknown_intake:
            self._unknown_of[suffix] = result.unknown_intake
        if key is not None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = suffix
        return suffix


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
    return _("malformed CSV: {exc}").format(exc=exc)
