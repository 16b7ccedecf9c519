"""Was a reply in time? One case, or a whole file of them as a stream.

One case: `check_case` gives a `Verdict` (deadline, working days used, status).

A file: `BatchChecker.run` reads CSV (a header with id, received, replied and
optionally rule or days) or JSON Lines, and writes one result per input row, in
input order, as it goes: memory stays constant whatever the file's size. A row
that cannot be checked (bad date, reply before receipt, unknown rule, missing
id, wrong number of fields) becomes an `invalid` result carrying its line number
and the reason; it is never dropped and never counted as met. Entirely empty
lines carry no row and are skipped.

Speed: most files repeat the same few thousand (received, replied, rule)
combinations, so each distinct combination is checked once and its formatted
output cached; a row then costs one dictionary lookup and one string join. A
line without a double quote is split on commas directly, which is what the csv
module would do with it; lines with quotes go through the csv module. Output
fields other than the id are dates, numbers and fixed words, so CSV is written
by joining them, and the id is quoted by the csv module whenever it needs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain
from typing import IO, Any

from gongkai_cli.errors import CalendarCoverageError, GongkaiError, UsageError
from gongkai_cli.io.dates import parse_day
from gongkai_cli.workdays.calendar import DayType, Pause, Period, Receipt, WorkCalendar
from gongkai_cli.workdays.rules import RuleBook

REQUIRED_COLUMNS = ("id", "received", "replied")
OPTIONAL_COLUMNS = ("rule", "days")
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
# Caches are cleared when they grow past this, which bounds memory for files
# whose rows are all different (date-times to the second, say).
CACHE_LIMIT = 100_000
MAX_DAYS = 3660  # a period longer than ten years is a typo, not a time limit


class Status(StrEnum):
    """The verdict on one case."""

    MET = "met"  # replied on or before the deadline
    MISSED = "missed"  # replied after the deadline
    OPEN = "open"  # no reply yet, deadline not passed
    OVERDUE = "overdue"  # no reply, and the deadline has passed
    INVALID = "invalid"  # the row could not be checked (batch only)


@dataclass(frozen=True, slots=True)
class Verdict:
    """The result of checking one case."""

    received: dt.date
    replied: dt.date | None
    rule: str | None
    period: Period
    pauses: tuple[Pause, ...]
    deadline: dt.date
    working_days_used: int | None
    """Working days from receipt to reply (or to the as-of date), pauses left out;
    None when that day is outside the holiday calendar."""
    status: Status

    def as_json(self) -> dict[str, Any]:
        """The JSON shape of one case."""
        return {
            "received": self.received.isoformat(),
            "replied": self.replied.isoformat() if self.replied else None,
            "rule": self.rule,
            "days": self.period.count,
            "deadline": self.deadline.isoformat(),
            "working_days_used": self.working_days_used,
            "status": self.status.value,
            "day_type": self.period.day_type.value,
            "receipt": self.period.receipt.value,
            "pauses": [
                {"start": p.start.isoformat(), "end": p.end.isoformat()} for p in self.pauses
            ],
        }


def parse_pause(text: str) -> Pause:
    """START..END (both days included), as `--pause` takes it."""
    start, sep, end = text.partition("..")
    if not sep:
        raise UsageError(
            f"invalid pause {text!r}: expected START..END, e.g. 2021-07-12..2021-07-16"
        )
    pause = Pause(parse_day(start, "--pause start"), parse_day(end, "--pause end"))
    if pause.end < pause.start:
        raise UsageError(f"invalid pause {text!r}: it ends before it starts")
    return pause


def check_case(
    calendar: WorkCalendar,
    period: Period,
    received: dt.date,
    replied: dt.date | None,
    as_of: dt.date,
    *,
    rule: str | None = None,
    pauses: Sequence[Pause] = (),
) -> Verdict:
    """Check one case: met or missed when replied, else open or overdue as of `as_of`."""
    if replied is not None and replied < received:
        raise UsageError(f"the reply ({replied}) is before the receipt ({received})")
    deadline = calendar.deadline(received, period, pauses)
    effective = calendar.effective_receipt(received, period.receipt)
    if replied is not None:
        status = Status.MET if replied <= deadline else Status.MISSED
        used = _used(calendar, effective, replied, pauses)
    else:
        status = Status.OVERDUE if as_of > deadline else Status.OPEN
        used = _used(calendar, effective, as_of, pauses)
    return Verdict(received, replied, rule, period, tuple(pauses), deadline, used, status)


def _used(
    calendar: WorkCalendar, effective: dt.date, until: dt.date, pauses: Sequence[Pause]
) -> int | None:
    if until <= effective:
        return 0
    try:
        worked = calendar.working_days_between(effective, until)
        return worked - calendar.paused_working_days(effective, until, pauses)
    except CalendarCoverageError:
        return None  # the verdict stands on the dates; only the count is unknowable


# -- batches -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowResult:
    """One output row without its line and id, as cached per distinct input."""

    received: str
    replied: str
    rule: str
    days: int | None
    day_type: str
    receipt: str
    deadline: str
    working_days_used: int | None
    status: Status
    reason: str = ""


@dataclass(slots=True)
class Summary:
    """How many rows got each status."""

    met: int = 0
    missed: int = 0
    open: int = 0
    overdue: int = 0
    invalid: int = 0

    @property
    def rows(self) -> int:
        """All rows checked."""
        return self.met + self.missed + self.open + self.overdue + self.invalid

    def add(self, status: Status, count: int = 1) -> None:
        """Count `count` more rows with `status`."""
        setattr(self, status.value, getattr(self, status.value) + count)

    def exit_code(self) -> int:
        """2 if any row is invalid, else 1 if any is missed or overdue, else 0."""
        if self.invalid:
            return 2
        return 1 if self.missed or self.overdue else 0

    def describe(self) -> str:
        """`met 5, missed 1, open 0, overdue 2, invalid 0 (8 rows)`."""
        counts = ", ".join(f"{status.value} {getattr(self, status.value)}" for status in Status)
        return f"{counts} ({self.rows} rows)"


class BatchFormat(StrEnum):
    """Output formats of a batch check."""

    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    table = "table"


def invalid_result(received: str, replied: str, rule: str, reason: str) -> RowResult:
    """An invalid row: its fields as written, and why it could not be checked."""
    return RowResult(received, replied, rule, None, "", "", "", None, Status.INVALID, reason)


def _csv_field(value: str) -> str:
    if any(char in value for char in ',"\r\n'):  # as the csv module's QUOTE_MINIMAL
        return '"' + value.replace('"', '""') + '"'
    return value


def _cell(value: int | str | None) -> str:
    return "" if value is None else str(value)


class _CsvOut:
    """`line,id,...` rows; the cached suffix is everything after the id."""

    head = ",".join(OUTPUT_COLUMNS) + "\n"
    tail = ""
    separator = ""

    @staticmethod
    def suffix(result: RowResult) -> str:
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
        )
        return "," + ",".join(_csv_field(field) for field in fields) + "\n"

    @staticmethod
    def row(line: int, row_id: str, suffix: str) -> str:
        return f"{line},{_csv_field(row_id)}{suffix}"

    @staticmethod
    def plain_row(line: int, row_id: str, suffix: str) -> str:
        # The id came from a line without quotes, split on commas: it needs no quoting.
        return f"{line},{row_id}{suffix}"


class _JsonlOut:
    """One JSON object a line; the cached suffix is the object after its id."""

    head = ""
    tail = ""
    separator = ""
    end = "\n"

    @classmethod
    def suffix(cls, result: RowResult) -> str:
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
        return ", " + json.dumps(data, ensure_ascii=False)[1:] + cls.end

    @staticmethod
    def row(line: int, row_id: str, suffix: str) -> str:
        return f'{{"line": {line}, "id": {json.dumps(row_id, ensure_ascii=False)}{suffix}'

    plain_row = row


class _JsonOut(_JsonlOut):
    """A JSON array, one object a line, written as it goes."""

    head = "[\n"
    tail = "\n]\n"
    separator = ",\n"
    end = ""


class _TableOut:
    """Rows kept for a table: only for files small enough to read on a screen."""

    head = tail = separator = ""

    @staticmethod
    def suffix(result: RowResult) -> RowResult:
        return result

    @staticmethod
    def row(line: int, row_id: str, suffix: RowResult) -> tuple[int, str, RowResult]:
        return (line, row_id, suffix)

    plain_row = row


_OUTPUTS: dict[BatchFormat, Any] = {
    BatchFormat.csv: _CsvOut,
    BatchFormat.jsonl: _JsonlOut,
    BatchFormat.json: _JsonOut,
    BatchFormat.table: _TableOut,
}

Progress = Callable[[int, int | None], None]
"""Called after each chunk with the lines read so far and, for a file, the bytes read."""


class BatchChecker:
    """Checks rows against one calendar, rule book, default period and as-of date."""

    def __init__(
        self,
        calendar: WorkCalendar,
        rules: RuleBook,
        as_of: dt.date,
        *,
        default_rule: str | None = None,
        default_days: int | None = None,
        day_type: DayType = DayType.WORKING,
        receipt: Receipt | None = None,
    ) -> None:
        if default_rule is not None and default_days is not None:
            raise UsageError("give --rule or --days, not both")
        self.calendar = calendar
        self.rules = rules
        self.as_of = as_of
        self.day_type = day_type
        self.receipt = receipt
        self._default: tuple[str, Period] | None = None
        if default_rule is not None:
            self._default = (default_rule, self._rule_period(default_rule))
        elif default_days is not None:
            self._default = ("", self._days_period(str(default_days)))
        self._dates: dict[str, dt.date | str] = {}
        self._periods: dict[tuple[str, str], tuple[str, Period] | str] = {}

    @property
    def has_default(self) -> bool:
        """Whether rows without a rule or days use --rule or --days."""
        return self._default is not None

    # -- one row, from its text fields --------------------------------------------------

    def _rule_period(self, rule_id: str) -> Period:
        period = self.rules.period(rule_id)
        if self.receipt is not None:
            period = Period(period.count, period.day_type, self.receipt)
        return period

    def _days_period(self, text: str) -> Period:
        try:
            count = int(text)
        except ValueError:
            raise UsageError(f"days {text!r} is not a whole number") from None
        if not 1 <= count <= MAX_DAYS:
            raise UsageError(f"days {count} is not between 1 and {MAX_DAYS}")
        return Period(count, self.day_type, self.receipt or Receipt.AS_RECEIVED)

    def _period(self, rule_text: str, days_text: str) -> tuple[str, Period]:
        key = (rule_text, days_text)
        found = self._periods.get(key)
        if found is None:
            try:
                found = self._resolve_period(rule_text.strip(), days_text.strip())
            except UsageError as exc:
                found = str(exc)
            self._periods[key] = found
        if isinstance(found, str):
            raise UsageError(found)
        return found

    def _resolve_period(self, rule_text: str, days_text: str) -> tuple[str, Period]:
        if rule_text and days_text:
            raise UsageError("a row gives a rule or days, not both")
        if rule_text:
            return rule_text, self._rule_period(rule_text)
        if days_text:
            return "", self._days_period(days_text)
        if self._default is None:
            raise UsageError("no rule or days for this row, and no --rule or --days")
        return self._default

    def _date(self, text: str, what: str) -> dt.date:
        found = self._dates.get(text)
        if found is None:
            try:
                found = parse_day(text) if text.strip() else "empty"
            except UsageError as exc:
                found = str(exc)
            if len(self._dates) >= CACHE_LIMIT:
                self._dates.clear()
            self._dates[text] = found
        if isinstance(found, str):
            raise UsageError(f"{what}: {found}")
        return found

    def check_fields(self, received: str, replied: str, rule: str, days: str) -> RowResult:
        """The result for one row's fields (not its id)."""
        try:
            rule_id, period = self._period(rule, days)
            received_day = self._date(received, "received")
            replied_day = self._date(replied, "replied") if replied.strip() else None
            verdict = check_case(
                self.calendar, period, received_day, replied_day, self.as_of, rule=rule_id
            )
        except GongkaiError as exc:
            return invalid_result(received, replied, rule, str(exc))
        return RowResult(
            verdict.received.isoformat(),
            verdict.replied.isoformat() if verdict.replied else "",
            rule_id,
            period.count,
            period.day_type.value,
            period.receipt.value,
            verdict.deadline.isoformat(),
            verdict.working_days_used,
            verdict.status,
        )

    # -- whole files ---------------------------------------------------------------------

    def run(
        self,
        source: IO[str],
        emit: Callable[[list[Any]], None],
        fmt: BatchFormat,
        *,
        jsonl: bool = False,
        progress: Progress | None = None,
    ) -> Summary:
        """Check every row of `source`, passing output pieces to `emit` a chunk at a time.

        For the text formats the pieces are strings (the head and tail included) to be
        written in order; for `table` they are (line, id, RowResult) tuples.
        """
        out = _OUTPUTS[fmt]
        rows = _JsonlRows(self, source) if jsonl else _CsvRows(self, source)
        summary = Summary()
        if out.head:
            emit([out.head])
        first = True
        for pieces, statuses in rows.chunks(out):
            for status, count in statuses.items():
                summary.add(status, count)
            if out.separator and pieces:
                text = out.separator.join(pieces)
                emit([text if first else out.separator + text])
            else:
                emit(pieces)
            first = first and not pieces
            if progress is not None:
                progress(rows.lines, rows.position())
        if out.tail:
            emit([out.tail if not first else out.tail.lstrip("\n")])
        return summary


class _Rows:
    """Reading a file a chunk of lines at a time, remembering the line number."""

    def __init__(self, checker: BatchChecker, source: IO[str]) -> None:
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

    def chunks(self, out: Any) -> Iterator[tuple[list[Any], dict[Status, int]]]:
        raise NotImplementedError


class _CsvRows(_Rows):
    def __init__(self, checker: BatchChecker, source: IO[str]) -> None:
        super().__init__(checker, source)
        header, used = _read_record(source, None)
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

    def chunks(self, out: Any) -> Iterator[tuple[list[Any], dict[Status, int]]]:
        suffix_of = out.suffix
        plain_row = out.plain_row
        csv_out = out is _CsvOut
        # Input (the text after the id, or the fields but the id) -> output suffix; and
        # each suffix's status (a suffix spells its status, so this is a function).
        cache: dict[Any, Any] = {}
        status_of: dict[Any, Status] = {}
        get = cache.get
        blocks = _Blocks(self.source)
        for lines, plain in blocks:
            first = self.lines + 1
            pieces: list[Any] = []
            suffixes: list[Any] = []
            add, count = pieces.append, suffixes.append
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
                        add(f"{line},{row_id}{suffix}")
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
        blocks: _Blocks,
        out: Any,
        cache: dict[Any, Any],
        status_of: dict[Any, Status],
        add: Callable[[Any], None],
        count: Callable[[Any], None],
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
                record, used = _read_record(chain((text + "\n",), more), text)
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
                suffix = cache.get(key)
                if suffix is None:
                    suffix = self._cache(cache, status_of, key, out.suffix, fields)
            add(out.row(number, row_id, suffix))
            count(suffix)

    def _cache(
        self,
        cache: dict[Any, Any],
        status_of: dict[Any, Status],
        key: Any,
        suffix_of: Callable[[RowResult], Any],
        fields: list[str],
    ) -> Any:
        result = self._result(fields)
        suffix = suffix_of(result)
        status_of[suffix] = result.status
        if key is not None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = suffix
        return suffix


class _Blocks:
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


class _JsonlRows(_Rows):
    """JSON Lines input: one object a line with id, received, replied, rule?, days?."""

    _KEYS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

    def chunks(self, out: Any) -> Iterator[tuple[list[Any], dict[Status, int]]]:
        while True:
            chunk = self.source.readlines(1 << 20)
            if not chunk:
                break
            pieces: list[Any] = []
            statuses: list[Status] = []
            for text in chunk:
                self.lines += 1
                if not text.strip():
                    continue
                row_id, result = self._row(text)
                pieces.append(out.row(self.lines, row_id, out.suffix(result)))
                statuses.append(result.status)
            yield pieces, Counter(statuses)

    def _row(self, text: str) -> tuple[str, RowResult]:
        def invalid(reason: str, data: dict[str, Any] | None = None) -> RowResult:
            data = data or {}
            received, replied, rule = (_text(data.get(k)) for k in ("received", "replied", "rule"))
            return invalid_result(received, replied, rule, reason)

        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return "", invalid(f"not JSON: {exc.msg} at column {exc.colno}")
        if not isinstance(data, dict):
            return "", invalid("not a JSON object")
        row_id = _text(data.get("id"))
        unknown = sorted(set(data) - self._KEYS)
        if unknown:
            return row_id, invalid(f"unknown field {unknown[0]!r}", data)
        missing = [key for key in ("received",) if key not in data]
        if missing:
            return row_id, invalid(f"missing {missing[0]}", data)
        if not row_id.strip():
            return row_id, invalid("missing id", data)
        fields = [_text(data.get(key)) for key in ("received", "replied", "rule", "days")]
        return row_id, self.checker.check_fields(*fields)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _read_record(lines: Any, first: str | None) -> tuple[list[str] | None, int]:
    """One CSV record (which may span lines) and how many lines it took."""
    if first is None:
        lines = iter(lines.readline, "")
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


def open_batch(path: str) -> IO[str]:
    """The file to check (`-` is standard input), decoded as UTF-8 with or without BOM.

    Undecodable bytes become U+FFFD rather than stopping the stream half way.
    """
    import sys

    if path == "-":
        return io.TextIOWrapper(
            sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline=None
        )
    try:
        return open(path, encoding="utf-8-sig", errors="replace", newline=None)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
