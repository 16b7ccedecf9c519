"""CSV input: a header naming the columns, then one row a line.

The fast path: a line without a double quote is split on commas directly, which is
what the csv module would do with it; lines with quotes go through the csv module.
Rows repeat, so the text after the id is the cache key of the row's output.
"""

from __future__ import annotations

import csv
from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import chain
from typing import IO, TypeVar, cast

from gongkai_cli.errors import UsageError
from gongkai_cli.workdays.replies.encoders import CsvEncoder, Encoder
from gongkai_cli.workdays.replies.fields import CACHE_LIMIT, RowChecker, RowResult, invalid_result
from gongkai_cli.workdays.replies.verdict import Status

REQUIRED_COLUMNS = ("id", "received", "replied")
OPTIONAL_COLUMNS = ("rule", "days")

S = TypeVar("S", bound=Hashable)
P = TypeVar("P")


class Rows:
    """Reading a file a chunk of lines at a time, remembering the line number."""

    def __init__(self, checker: RowChecker, source: IO[str]) -> None:
        self.checker = checker
        self.source = source
        self.lines = 0
        try:
            self._buffer = source.buffer if source.seekable() else None  # type: ignore[attr-defined]
        except (AttributeError, OSError, ValueError):
            self._buffer = None

    def position(self) -> int | None:
        """Bytes read so far, when the source is a file."""
        try:
            return int(self._buffer.tell()) if self._buffer is not None else None
        except (OSError, ValueError):
            return None


class CsvRows(Rows):
    """CSV rows, with the fast path for plain blocks of lines."""

    def __init__(self, checker: RowChecker, source: IO[str]) -> None:
        super().__init__(checker, source)
        header, used = _read_record(iter(source.readline, ""))
        self.lines = used
        if header is None:
            raise UsageError("the file is empty: expected a header line id,received,replied")
        self.columns = _columns([name.strip() for name in header])
        if "rule" not in self.columns and "days" not in self.columns and not checker.has_default:
            raise UsageError("the file has no rule or days column: give --rule or --days")
        self.width = len(header)
        self.id_first = self.columns["id"] == 0

    def _fields(self, fields: list[str]) -> tuple[str, str, str, str]:
        columns = self.columns
        rule = fields[columns["rule"]] if "rule" in columns else ""
        days = fields[columns["days"]] if "days" in columns else ""
        return fields[columns["received"]], fields[columns["replied"]], rule, days

    def _result(self, fields: list[str]) -> RowResult:
        if len(fields) != self.width:
            received, replied, rule, _ = self._fields((fields + [""] * self.width)[: self.width])
            reason = f"expected {self.width} fields, found {len(fields)}"
            return invalid_result(received, replied, rule, reason)
        return self.checker.check_fields(*self._fields(fields))

    def chunks(self, out: Encoder[S, P]) -> Iterator[tuple[list[P], Counter[Status]]]:
        """Output pieces a block of lines at a time, with how many rows got each status."""
        suffix_of = out.suffix
        plain_row = out.plain_row
        csv_out = isinstance(out, CsvEncoder)
        # Input (the text after the id, or the fields but the id) -> output suffix; and
        # each suffix's status (a suffix spells its status, so this is a function).
        cache: dict[Hashable, S] = {}
        status_of: dict[S, Status] = {}
        get = cache.get
        blocks = Blocks(self.source)
        for lines, plain in blocks:
            first = self.lines + 1
            pieces: list[P] = []
            suffixes: list[S] = []
            add, count = pieces.append, suffixes.append
            # For csv the pieces are text, and the row is written inline: no call a row.
            add_text = cast(list[str], pieces).append
            if plain and self.id_first:
                # No quotes, no blank lines, every line starting with an id: split at the
                # first comma, and the rest of the line is the cache key. This loop is
                # where a big file spends its time.
                for line, text in enumerate(lines, first):
                    row_id, _, tail = text.partition(",")
                    suffix = get(tail)
                    if suffix is None:
                        # "" is never cached: it is both "A," and "A", which differ.
                        key = tail or None
                        suffix = self._cache(cache, status_of, key, suffix_of, text.split(","))
                    if csv_out:
                        add_text(f"{line},{row_id}{suffix}")
                    else:
                        add(plain_row(line, row_id, suffix))
                    count(suffix)
                self.lines += len(lines)
            else:
                self._careful(lines, blocks, out, cache, status_of, add, count)
            statuses: Counter[Status] = Counter()
            for suffix, times in Counter(suffixes).items():
                statuses[status_of[suffix]] += times
            if len(status_of) >= CACHE_LIMIT:
                status_of = {suffix: status_of[suffix] for suffix in cache.values()}
            yield pieces, statuses

    def _careful(
        self,
        lines: list[str],
        blocks: Blocks,
        out: Encoder[S, P],
        cache: dict[Hashable, S],
        status_of: dict[S, Status],
        add: Callable[[P], None],
        count: Callable[[S], None],
    ) -> None:
        """Lines that may hold quotes, blank lines or a missing id, one at a time."""
        id_column = self.columns["id"]
        pending = iter(lines)
        for text in pending:
            self.lines += 1
            number = self.lines
            if not text.strip():
                continue  # an empty line holds no row
            if '"' in text:
                # A quoted field may run over several lines, into the next block too.
                more = chain((line + "\n" for line in pending), blocks.lines_after())
                record, used = _read_record(chain((text + "\n",), more))
                self.lines += used - 1
                fields = record or []
            else:
                fields = text.split(",")
            row_id = fields[id_column] if id_column < len(fields) else ""
            if not row_id.strip():
                padded = (fields + [""] * self.width)[: self.width]
                received, replied, rule, _ = self._fields(padded)
                suffix = out.suffix(invalid_result(received, replied, rule, "missing id"))
                status_of[suffix] = Status.INVALID
            else:
                key = tuple(fields[:id_column] + fields[id_column + 1 :])
                found = cache.get(key)
                if found is None:
                    found = self._cache(cache, status_of, key, out.suffix, fields)
                suffix = found
            add(out.row(number, row_id, suffix))
            count(suffix)

    def _cache(
        self,
        cache: dict[Hashable, S],
        status_of: dict[S, Status],
        key: Hashable,
        suffix_of: Callable[[RowResult], S],
        fields: list[str],
    ) -> S:
        result = self._result(fields)
        suffix = suffix_of(result)
        status_of[suffix] = result.status
        if key is not None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = suffix
        return suffix


class Blocks:
    """A text stream as lists of lines (without line ends), about 1 MB at a time.

    Each list comes with `plain`: true when it holds no double quote, no blank line
    and no line starting with a comma or a space, so that every line is a record
    whose fields are its comma-separated parts, the first of them not blank.
    """

    SIZE = 1 << 20

    def __init__(self, source: IO[str]) -> None:
        self.source = source
        self.rest = ""  # a line begun at the end of the last block
        self.queue: deque[str] = deque()  # lines read ahead for a record spanning blocks

    def __iter__(self) -> Iterator[tuple[list[str], bool]]:
        while True:
            if self.queue:
                lines = list(self.queue)
                self.queue.clear()
                yield lines, False
                continue
            read = self._read()
            if read is None:
                return
            yield read

    def _read(self) -> tuple[list[str], bool] | None:
        block = self.source.read(self.SIZE)
        if not block:
            if not self.rest:
                return None
            data, self.rest = self.rest, ""
            return [data], _plain(data)
        data = self.rest + block
        lines = data.split("\n")
        self.rest = lines.pop()
        return lines, _plain(data)

    def lines_after(self) -> Iterator[str]:
        """Lines beyond the current block, each with its line end; unused ones stay queued."""
        while True:
            while not self.queue:  # a block may end inside its first line
                read = self._read()
                if read is None:
                    return
                self.queue.extend(read[0])
            yield self.queue.popleft() + "\n"


def _plain(data: str) -> bool:
    return not (
        '"' in data
        or "\n\n" in data
        or "\n," in data
        or "\n " in data
        or "\n\t" in data
        or data[:1] in (",", " ", "\t", "\n")
    )


def _read_record(lines: Iterable[str]) -> tuple[list[str] | None, int]:
    """One CSV record (which may span lines) and how many lines it took."""
    reader = csv.reader(lines)
    try:
        record = next(reader)
    except StopIteration:
        return None, 0
    except csv.Error as exc:
        raise UsageError(f"unreadable CSV: {exc}") from None
    return record, reader.line_num


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    for index, name in enumerate(header):
        if name not in allowed:
            raise UsageError(
                f"unknown column {name!r} in the header; columns are "
                f"{', '.join(REQUIRED_COLUMNS)} and optionally {' or '.join(OPTIONAL_COLUMNS)}"
            )
        if name in columns:
            raise UsageError(f"column {name!r} appears twice in the header")
        columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise UsageError(
            f"the header lacks {', '.join(missing)}: expected id,received,replied"
            " and optionally rule or days"
        )
    return columns
