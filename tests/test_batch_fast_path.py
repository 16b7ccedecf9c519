"""reply-check's batch fast path against a plain loop (issue 8 item 6).

The batch engine splits plain blocks of lines on commas, caches each distinct row's
output and writes CSV by joining strings. The reference here does none of that: it
reads the file with the csv module a line at a time, checks each row with the
single-case function `check_case` and writes with `csv.writer`. Over a generated file
of mixed rows (quotes, blank lines, odd spaces, bad dates, stray quotes, wrong field
counts) the two outputs must be identical, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pytest

from gongkai_cli.errors import GongkaiError, UsageError
from gongkai_cli.io.dates import parse_day
from gongkai_cli.model.output import Format
from gongkai_cli.workdays.calendar import WorkCalendar, load_calendar
from gongkai_cli.workdays.days import Period
from gongkai_cli.workdays.limits import LimitRequest, LimitResolver
from gongkai_cli.workdays.replies import csv_input, source
from gongkai_cli.workdays.replies.batch import BatchChecker
from gongkai_cli.workdays.replies.encoders import OUTPUT_COLUMNS
from gongkai_cli.workdays.replies.fields import RowChecker
from gongkai_cli.workdays.replies.verdict import check_case, future_remark
from gongkai_cli.workdays.rules import RuleBook, load_rules

AS_OF = dt.date(2021, 6, 15)
DEFAULT_DAYS = 5
CALENDAR = load_calendar()
RULES = load_rules()


def generate(path: Path, header: list[str], rows: int, seed: int = 8) -> None:
    """`rows` lines: runs of ordinary rows, and every kind of odd line between them."""
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1).toordinal()

    def day() -> str:
        date = dt.date.fromordinal(start + rng.randrange(300))
        return rng.choice([date.isoformat(), f"{date.year}/{date.month}/{date.day}"])

    odd_dates = ["2021-02-30", "abc", "2030-01-01", "", " ", "\u3000", "2021-13-01", "20210631"]
    spaces = ["\u00a0", "\u3000", " ", "\t"]

    def ordinary(number: int) -> list[str]:
        received = day()
        replied = "" if rng.random() < 0.1 else day()
        return [f"Q{number}", received, replied, rng.choice(["", "", "consult", "simple"])]

    def odd(number: int) -> str | list[str]:
        kind = rng.randrange(14)
        row = ordinary(number)
        if kind == 0:
            return ""  # a blank line
        if kind == 1:
            return rng.choice(spaces) * rng.randrange(1, 3)  # a line of spaces
        if kind == 2:
            row[0] = rng.choice([f'Q{number}, "quoted"', f"Q{number}\u3000x", f"Q,{number}"])
        elif kind == 3:
            row[0] = rng.choice(spaces) * rng.randrange(1, 3)  # an id of spaces only
        elif kind == 4:
            row[1] = rng.choice(odd_dates)
        elif kind == 5:
            row[2] = rng.choice(odd_dates)
        elif kind == 6:
            row[1] = rng.choice(spaces) + row[1] + rng.choice(spaces)
        elif kind == 7:
            row[3] = rng.choice(["nope", " consult ", "simple\u00a0"])
        elif kind == 8:
            return ",".join(row[: rng.randrange(1, 4)])  # too few fields
        elif kind == 9:
            return ",".join([*row, "extra"])  # too many
        elif kind == 10:
            return f'Q{number},"{row[1]},{row[2]},'  # a stray quote
        elif kind == 11:
            return f'"Q{number}"x,{row[1]},{row[2]},'  # text after a closing quote
        elif kind == 12:
            row[1], row[2] = row[2] or row[1], row[1]  # a reply before receipt, maybe
        else:
            row[0] = ""  # no id at all
        return row

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    number = 0
    while number < rows:
        for _ in range(rng.choice([1, 5, 50, 300])):  # a run of ordinary rows
            number += 1
            writer.writerow(
                [
                    dict(zip(["id", "received", "replied", "rule"], ordinary(number), strict=True))[
                        name
                    ]
                    for name in header
                ]
            )
        for _ in range(rng.randrange(1, 6)):  # then a few odd lines
            number += 1
            line = odd(number)
            if isinstance(line, str):
                buffer.write(line + rng.choice(["\n", "\n", "\r\n"]))
            else:
                fields = dict(zip(["id", "received", "replied", "rule"], line, strict=True))
                writer.writerow([fields[name] for name in header])
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


# -- the reference: csv module, check_case, csv.writer ---------------------------------------


def _period(rules: RuleBook, rule: str) -> tuple[str, Period]:
    rule = rule.strip()
    if rule:
        return rule, rules.period(rule)
    return "", Period(DEFAULT_DAYS)


def _day(text: str, what: str) -> dt.date:
    if not text.strip():
        raise UsageError(f"{what}: empty")
    try:
        return parse_day(text)
    except UsageError as exc:
        raise UsageError(f"{what}: {exc}") from None


def _reference_row(
    calendar: WorkCalendar, rules: RuleBook, fields: list[str], columns: dict[str, int]
) -> list[object]:
    """The output after the line number, for one row's fields."""
    width = len(columns)
    padded = (fields + [""] * width)[:width]
    row_id = fields[columns["id"]] if columns["id"] < len(fields) else ""
    received, replied, rule = (padded[columns[name]] for name in ("received", "replied", "rule"))

    def invalid(reason: str) -> list[object]:
        return [row_id, received, replied, rule, "", "", "", "", "", "invalid", reason]

    if not row_id.strip():
        return invalid("missing id")
    if len(fields) != width:
        return invalid(f"expected {width} fields, found {len(fields)}")
    try:
        rule_id, period = _period(rules, rule)
        received_day = _day(received, "received")
        replied_day = _day(replied, "replied") if replied.strip() else None
        verdict = check_case(calendar, period, received_day, replied_day, AS_OF, rule=rule_id)
    except GongkaiError as exc:
        return invalid(str(exc))
    return [
        row_id,
        verdict.received.isoformat(),
        verdict.replied.isoformat() if verdict.replied else "",
        rule_id,
        period.count,
        period.day_type.value,
        period.receipt.value,
        verdict.deadline.isoformat(),
        verdict.working_days_used,
        verdict.status.value,
        future_remark(verdict.received, verdict.replied, AS_OF),
    ]


def reference(path: Path) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    with path.open(encoding="utf-8", newline=None) as lines:  # \r\n and \r end lines too
        header = next(csv.reader([next(lines).rstrip("\n")]))
        columns = {name.strip(): index for index, name in enumerate(header)}
        for number, line in enumerate(lines, 2):
            text = line.rstrip("\n")
            if not text.strip():
                continue
            try:
                fields = next(csv.reader([text], strict=True))
            except csv.Error as exc:
                reason = f"malformed CSV: {exc}"
                if str(exc) == "unexpected end of data":
                    reason = (
                        "malformed CSV: a quoted field does not close on its line"
                        " (a field cannot span lines)"
                    )
                writer.writerow([number, "", "", "", "", "", "", "", "", "", "invalid", reason])
                continue
            writer.writerow([number, *_reference_row(CALENDAR, RULES, fields, columns)])
    return out.getvalue()


def engine(path: Path) -> str:
    limits = LimitResolver(RULES, LimitRequest(days=DEFAULT_DAYS))
    checker = BatchChecker(RowChecker(CALENDAR, limits, AS_OF))
    out: list[str] = []
    with path.open("rb") as data:
        checker.run(data, out.extend, Format.CSV)
    return "".join(out)


@pytest.mark.parametrize("block_size", [4096, source.BLOCK_SIZE])
@pytest.mark.parametrize(
    "header",
    [["id", "received", "replied", "rule"], ["received", "id", "rule", "replied"]],
    ids=["id first (fast path)", "id second (line by line)"],
)
def test_the_fast_path_matches_a_plain_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: list[str], block_size: int
) -> None:
    path = tmp_path / "mixed.csv"
    generate(path, header, rows=20_000)
    assert path.read_text(encoding="utf-8").count("\n") > 20_000
    monkeypatch.setattr(source, "BLOCK_SIZE", block_size)
    plain_blocks: list[bool] = []
    plain = csv_input._plain

    def counted(lines: list[str], text: str) -> bool:
        plain_blocks.append(plain(lines, text))
        return plain_blocks[-1]

    monkeypatch.setattr(csv_input, "_plain", counted)
    got = engine(path)
    expected = reference(path)
    assert got.count("\n") > 19_000
    assert got == expected
    if header[0] == "id" and block_size == 4096:
        # Both paths ran: plain blocks split on commas, the others line by line.
        assert plain_blocks.count(True) > 10 and plain_blocks.count(False) > 10
