"""reply-check's streamed csv asks the output sanitiser only where it would change a
field (issue 20 item 5 with issue 22 item 2's throughput).

The fast paths (a block of plain lines whose ids are all printable and start with no
formula character; a row whose fields, joined, show that none needs anything) must
write exactly what asking the sanitiser of every text field writes. Rows here are
random ids, dates and pass-through values mixing plain text with formula starts,
control characters, commas and quotes, at both ends of a block and in its middle.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_cli.model.output import FORMULA_STARTS, Format
from gongkai_cli.render.sanitise import csv_cell, csv_text
from gongkai_cli.workdays.calendar import load_calendar
from gongkai_cli.workdays.limits import LimitRequest, LimitResolver
from gongkai_cli.workdays.replies.batch import BatchChecker
from gongkai_cli.workdays.replies.fields import RowChecker
from gongkai_cli.workdays.rules import load_rules

CALENDAR = load_calendar()
RULES = load_rules()
NUMBERS = (5, 9)  # days, working_days_used: numbers gongkai computed, never text


def streamed(text: str, cell: object) -> list[list[str]]:
    checker = BatchChecker(
        RowChecker(
            CALENDAR, LimitResolver(RULES, LimitRequest(rule="consult")), dt.date(2021, 7, 1)
        )
    )
    out: list[str] = []
    checker.run(io.BytesIO(text.encode()), out.extend, Format.CSV, cell=cell)  # type: ignore[arg-type]
    return list(csv.reader(io.StringIO("".join(out))))


plain = st.sampled_from(["A1", "Q00000001", "工单1", "x y", "a=1", "'=1", "2021-06-03"])
hostile = st.sampled_from(
    ["=1+1", "+86", "-3", "@SUM(1)", "\t=1", "\r", "a\x1bb", "\x07", "a\u0085b", "c\x7f"]
)
date = st.sampled_from(["2021-06-01", "2021/6/3", "", "2021-06-30", "=1+1", "-2021-06-01"])
field = st.one_of(plain, plain, hostile, date)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.one_of(plain, plain, plain, hostile), date, date, field), max_size=12
    ),
    passing=st.booleans(),
    raw=st.booleans(),
)
def test_the_fast_paths_write_what_the_sanitiser_writes(
    rows: list[tuple[str, str, str, str]], passing: bool, raw: bool
) -> None:
    header = ["id", "received", "replied", *(["备注"] if passing else [])]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row[: len(header)] for row in rows])
    text = buffer.getvalue()
    got = streamed(text, csv_cell(raw))
    as_they_are = streamed(text, None)
    assert len(got) == len(as_they_are) == len(rows) + 1
    for written, unsanitised in zip(got, as_they_are, strict=True):
        assert len(written) == len(unsanitised)
        for index, (value, before) in enumerate(zip(written, unsanitised, strict=True)):
            if index in NUMBERS or (index == 0 and written is not got[0]):
                assert value == before  # the line number and computed numbers
            else:
                assert value == csv_text(before, raw), (index, before)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=8), st.booleans())
def test_the_sanitiser_leaves_printable_text_without_a_formula_start(text: str, raw: bool) -> None:
    """The contract the fast paths rely on (model/output.FORMULA_STARTS)."""
    if text.isprintable() and not text.startswith(FORMULA_STARTS):
        assert csv_text(text, raw) == text
        assert csv_cell(raw)(text) == text
    assert csv_cell(raw)(text) == csv_text(text, raw)
