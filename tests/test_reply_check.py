"""Checking replies: one case, whole files, and the commands `rules`, `deadline`, `holidays`.

"Today" is 2021-06-15 (tests/conftest.py), so open cases are judged as of then.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Gongkai
from gongkai_cli.errors import UsageError
from gongkai_cli.model.output import Format
from gongkai_cli.workdays.calendar import load_calendar
from gongkai_cli.workdays.days import Pause, Period
from gongkai_cli.workdays.limits import LimitRequest, LimitResolver
from gongkai_cli.workdays.replies.batch import BatchChecker, Summary
from gongkai_cli.workdays.replies.fields import RowChecker
from gongkai_cli.workdays.replies.verdict import ReplyStatus, check_case, parse_pause
from gongkai_cli.workdays.rules import load_rules

D = dt.date
CALENDAR = load_calendar()
HOW = (
    "supply its holidays and make-up working days in a holidays file "
    "(--holidays FILE or GONGKAI_HOLIDAYS)"
)


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


# -- one case, in the library ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "replied", "status", "used"),
    [
        (D(2021, 7, 10), D(2021, 7, 16), ReplyStatus.MET, 5),  # on the deadline day: in time
        (D(2021, 7, 10), D(2021, 7, 17), ReplyStatus.MISSED, 5),  # the Saturday after: late
        (D(2021, 7, 10), D(2021, 7, 19), ReplyStatus.MISSED, 6),
        (D(2021, 7, 10), D(2021, 7, 10), ReplyStatus.MET, 0),  # the same day
        (D(2021, 6, 1), None, ReplyStatus.OVERDUE, 9),  # deadline 6-8 passed by 6-15
        (D(2021, 6, 10), None, ReplyStatus.OPEN, 2),  # deadline 6-18
        (D(2021, 6, 8), None, ReplyStatus.OPEN, 4),  # deadline 6-15 is today: still open
    ],
)
def test_check_case(
    received: dt.date, replied: dt.date | None, status: ReplyStatus, used: int
) -> None:
    verdict = check_case(CALENDAR, Period(5), received, replied, D(2021, 6, 15))
    assert (verdict.status, verdict.working_days_used) == (status, used)


def test_a_reply_before_receipt_is_refused() -> None:
    with pytest.raises(UsageError) as caught:
        check_case(CALENDAR, Period(5), D(2021, 7, 10), D(2021, 7, 9), D(2021, 7, 20))
    assert str(caught.value) == "the reply (2021-07-09) is before the receipt (2021-07-10)"


def test_pauses_extend_the_deadline_and_are_not_used() -> None:
    pause = parse_pause("2021-07-12..2021-07-16")
    verdict = check_case(
        CALENDAR, Period(20), D(2021, 7, 1), D(2021, 8, 4), D(2021, 9, 1), pauses=[pause]
    )
    assert (verdict.deadline, verdict.working_days_used, verdict.status) == (
        D(2021, 8, 5),
        19,
        ReplyStatus.MET,
    )


def test_a_count_past_the_calendar_is_unknown_but_the_verdict_stands() -> None:
    verdict = check_case(CALENDAR, Period(5), D(2026, 12, 1), None, D(2027, 3, 1))
    assert (verdict.status, verdict.working_days_used) == (ReplyStatus.OVERDUE, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2021-07-12",
            "invalid pause '2021-07-12': expected START..END, e.g. 2021-07-12..2021-07-16",
        ),
        (
            "2021-07-16..2021-07-12",
            "invalid pause '2021-07-16..2021-07-12': it ends before it starts",
        ),
        (
            "2021-07-12..x",
            "invalid date 'x' for --pause end: expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日",
        ),
    ],
)
def test_parse_pause_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_pause(text)
    assert str(caught.value) == message


def test_parse_pause() -> None:
    assert parse_pause("2021/7/12..20210716") == Pause(D(2021, 7, 12), D(2021, 7, 16))


# -- whole files, in the library -------------------------------------------------------------


TODAY = D(2021, 6, 15)  # as tests/conftest.py fixes it


def check_text(
    text: str,
    fmt: Format = Format.CSV,
    jsonl: bool = False,
    as_of: dt.date = TODAY,
    **options: Any,
) -> tuple[str, Summary]:
    checker = BatchChecker(
        RowChecker(CALENDAR, LimitResolver(load_rules(), LimitRequest(**options)), as_of)
    )
    out: list[str] = []
    summary = checker.run(io.BytesIO(text.encode()), out.extend, fmt, jsonl=jsonl)
    return "".join(out), summary


HEAD = (
    "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason\n"
)

CASES = """\
id,received,replied,rule
A1,2021-07-10,2021-07-16,
A2,2021-09-30,2021-10-14,
A3,2021-06-01,,
A4,2021-06-10,,
"B,5",2021/7/12,20210719,simple
B6,2021-07-12,2021-07-01,
,2021-07-12,2021-07-13,
B8,2021-02-30,2021-03-01,
B9,2021-07-12,2021-07-13,nope
C10,2021-07-12
C11,2021-07-10T23:30:00+00:00,2021-07-16,

C12,2030-01-01,,
"C13
multi",2021-03-17,2021-04-16,workplan
C14,2021-07-12,2021-07-13,consult
"""
RULE_IDS = (
    "consult, simple, decision-feedback, workplan, proactive-disclosure, application-reply, "
    "extension, correction-notice, third-party-opinion, agency-opinion, petition-office, "
    "petition-notice, petition-referral-notice, petition-objection, petition-handling, "
    "petition-handling-extension, petition-review-request, petition-review, "
    "petition-recheck-request, petition-recheck"
)


def after_today(received: str, replied: str) -> str:
    return f"the receipt ({received}) and the reply ({replied}) are dated after today (2021-06-15)"


CASES_CSV = HEAD + (
    "2,A1,2021-07-10,2021-07-16,consult,5,working,as-received,2021-07-16,5,met,"
    f"{after_today('2021-07-10', '2021-07-16')}\n"
    "3,A2,2021-09-30,2021-10-14,consult,5,working,as-received,2021-10-13,6,missed,"
    f"{after_today('2021-09-30', '2021-10-14')}\n"
    "4,A3,2021-06-01,,consult,5,working,as-received,2021-06-08,9,overdue,\n"
    "5,A4,2021-06-10,,consult,5,working,as-received,2021-06-18,2,open,\n"
    '6,"B,5",2021-07-12,2021-07-19,simple,1,working,as-received,2021-07-13,5,missed,'
    f"{after_today('2021-07-12', '2021-07-19')}\n"
    "7,B6,2021-07-12,2021-07-01,,,,,,,invalid,"
    "the reply (2021-07-01) is before the receipt (2021-07-12)\n"
    "8,,2021-07-12,2021-07-13,,,,,,,invalid,missing id\n"
    "9,B8,2021-02-30,2021-03-01,,,,,,,invalid,"
    "received: invalid date '2021-02-30': day is out of range for month\n"
    f"10,B9,2021-07-12,2021-07-13,nope,,,,,,invalid,\"unknown rule 'nope' (rules: {RULE_IDS})\"\n"
    '11,C10,2021-07-12,,,,,,,,invalid,"expected 4 fields, found 2"\n'
    "12,C11,2021-07-11,2021-07-16,consult,5,working,as-received,2021-07-16,5,met,"
    f"{after_today('2021-07-11', '2021-07-16')}\n"
    "14,C12,2030-01-01,,,,,,,,invalid,"
    f'"received 2030-01-01: 2030 is outside the holiday calendar, which covers 2004-2026; {HOW}"\n'
    # A record never spans lines: the open quote makes line 15 invalid, and line 16
    # is a row of its own (an id with a quote in it is what that line says).
    "15,,,,,,,,,,invalid,malformed CSV: a quoted field does not close on its line"
    " (a field cannot span lines)\n"
    '16,"multi""",2021-03-17,2021-04-16,workplan,30,calendar,as-received,2021-04-16,21,met,\n'
    "17,C14,2021-07-12,2021-07-13,consult,5,working,as-received,2021-07-19,1,met,"
    f"{after_today('2021-07-12', '2021-07-13')}\n"
)


def test_every_row_gets_one_result_in_order() -> None:
    output, summary = check_text(CASES, rule="consult")
    assert output == CASES_CSV
    assert (summary.met, summary.missed, summary.open, summary.overdue, summary.invalid) == (
        4,
        2,
        1,
        1,
        7,
    )
    assert summary.exit_code() == 2


RECEIVED_AFTER_TODAY = "the receipt (2021-07-10) is dated after today (2021-06-15)"


def test_jsonl_in_and_out() -> None:
    text = (
        '{"id": "J1", "received": "2021-07-10", "replied": "2021-07-19", "rule": "consult"}\n'
        '{"id": "J2", "received": "2021-07-10", "replied": null, "days": 3}\n'
        "\n"
        "[1, 2]\n"
        '{"id": "J5", "received": "2021-07-10", "repiled": "2021-07-19"}\n'
        '{"id": "J6", "received": "2021-07-10", "replied": "2021-07-19", "rule": "x", "days": 3}\n'
        "{broken\n"
        '{"id": "", "received": "2021-07-10"}\n'
        '{"id": "J9", "replied": "2021-07-10"}\n'
        '{"id": 10, "received": "2021-07-10"}\n'
    )
    output, summary = check_text(text, Format.JSONL, jsonl=True, rule="simple")
    rows = [json.loads(line) for line in output.splitlines()]
    assert [(r["line"], r["id"], r["status"], r["reason"]) for r in rows] == [
        (1, "J1", "missed", after_today("2021-07-10", "2021-07-19")),
        (2, "J2", "open", RECEIVED_AFTER_TODAY),
        (4, "", "invalid", "not a JSON object"),
        (5, "J5", "invalid", "unknown field 'repiled'"),
        (6, "J6", "invalid", "a row gives a rule or days, not both"),
        (
            7,
            "",
            "invalid",
            "not JSON: Expecting property name enclosed in double quotes at column 2",
        ),
        (8, "", "invalid", "missing id"),
        (9, "J9", "invalid", "missing received"),
        (10, "10", "open", RECEIVED_AFTER_TODAY),
    ]
    assert rows[0] == {
        "line": 1,
        "id": "J1",
        "received": "2021-07-10",
        "replied": "2021-07-19",
        "rule": "consult",
        "days": 5,
        "day_type": "working",
        "receipt": "as-received",
        "deadline": "2021-07-16",
        "working_days_used": 6,
        "status": "missed",
        "reason": after_today("2021-07-10", "2021-07-19"),
    }
    assert rows[1]["rule"] is None and rows[1]["days"] == 3
    assert summary.rows == 9


def test_json_output_is_one_array() -> None:
    output, _ = check_text(
        "id,received,replied\nA,2021-07-12,2021-07-13\n",
        Format.JSON,
        as_of=D(2021, 12, 31),
        days=1,
    )
    assert json.loads(output) == [
        {
            "line": 2,
            "id": "A",
            "received": "2021-07-12",
            "replied": "2021-07-13",
            "rule": None,
            "days": 1,
            "day_type": "working",
            "receipt": "as-received",
            "deadline": "2021-07-13",
            "working_days_used": 1,
            "status": "met",
            "reason": None,
        }
    ]
    empty, _ = check_text("id,received,replied\n", Format.JSON, days=1)
    assert empty == "[\n]\n"


def test_a_days_column_and_the_receipt_option() -> None:
    text = "received,id,days,replied\n2021-07-10,X,5,2021-07-19\n2021-07-10,Y,,2021-07-19\n"
    output, _ = check_text(text, as_of=D(2021, 12, 31), rule="consult", receipt=None)
    assert output.splitlines()[1:] == [
        "2,X,2021-07-10,2021-07-19,,5,working,as-received,2021-07-16,6,missed,",
        "3,Y,2021-07-10,2021-07-19,consult,5,working,as-received,2021-07-16,6,missed,",
    ]
    output, _ = check_text(text, as_of=D(2021, 12, 31), rule="consult", receipt=next_working_day())
    assert output.splitlines()[1:] == [
        "2,X,2021-07-10,2021-07-19,,5,working,next-working-day,2021-07-19,5,met,",
        "3,Y,2021-07-10,2021-07-19,consult,5,working,next-working-day,2021-07-19,5,met,",
    ]


def next_working_day() -> Any:
    from gongkai_cli.workdays.days import Receipt

    return Receipt.NEXT_WORKING_DAY


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty: expected a header line id,received,replied"),
        (
            "id,recieved,replied\n",
            "the header has no received column; its columns are id, recieved, replied; "
            "name it with --columns received=HEADER",
        ),
        ("id,received,replied,id\n", "column 'id' appears twice in the header"),
        (
            "id,received\n",
            "the header has no replied column; its columns are id, received; "
            "name it with --columns replied=HEADER",
        ),
    ],
)
def test_a_bad_header_is_a_usage_error(text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_text(text, rule="consult")
    assert str(caught.value) == message


def test_without_a_default_a_file_needs_a_rule_or_days_column() -> None:
    with pytest.raises(UsageError) as caught:
        check_text("id,received,replied\n")
    assert str(caught.value) == "the file has no rule or days column: give --rule or --days"
    output, _ = check_text("id,received,replied,rule\nA,2021-07-12,,\n")
    assert output.splitlines()[1] == (
        '2,A,2021-07-12,,,,,,,,invalid,"no rule or days for this row, and no --rule or --days"'
    )


cell = st.sampled_from(
    [
        "2021-07-12",
        "2021-07-13",
        "2021/7/20",
        "",
        "x",
        "2030-01-01",
        "2021-02-30",
        'a"b',
        "c,d",
        "e\u00a0f",
        "\u3000",
    ]
)
row = st.lists(cell, min_size=1, max_size=5)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text("AB ", max_size=2), row), max_size=30))
def test_nothing_is_lost(rows: list[tuple[str, list[str]]]) -> None:
    """Every non-empty input line gives one output record, in order, whatever it holds."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "received", "replied"])
    records = [[row_id, *cells] for row_id, cells in rows]
    writer.writerows(records)
    output, summary = check_text(buffer.getvalue(), rule="consult")
    results = list(csv.reader(io.StringIO(output)))[1:]
    assert [result[1] for result in results] == [record[0] for record in records]
    assert summary.rows == len(records)
    assert all(result[10] in {s.value for s in ReplyStatus} for result in results)
    lines = [int(result[0]) for result in results]
    assert lines == sorted(set(lines))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.text("AB ", max_size=2), row), max_size=20), st.integers(1, 40))
def test_block_boundaries_change_nothing(rows: list[tuple[str, list[str]]], size: int) -> None:
    """Reading in tiny blocks (lines split across them) gives the same output."""
    import csv

    from gongkai_cli.workdays.replies import source

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "received", "replied"])
    writer.writerows([row_id, *cells] for row_id, cells in rows)
    expected, _ = check_text(buffer.getvalue(), rule="consult")
    default = source.BLOCK_SIZE
    source.BLOCK_SIZE = size
    try:
        got, _ = check_text(buffer.getvalue(), rule="consult")
    finally:
        source.BLOCK_SIZE = default
    assert got == expected


def test_lines_without_enough_commas_are_told_apart() -> None:
    output, _ = check_text("id,received,replied\nA\nB,\nC,2021-07-12\nD\n", rule="consult")
    assert output.splitlines()[1:] == [
        '2,A,,,,,,,,,invalid,"expected 3 fields, found 1"',
        '3,B,,,,,,,,,invalid,"expected 3 fields, found 2"',
        '4,C,2021-07-12,,,,,,,,invalid,"expected 3 fields, found 2"',
        '5,D,,,,,,,,,invalid,"expected 3 fields, found 1"',
    ]


def test_the_last_line_needs_no_line_end() -> None:
    output, summary = check_text(
        "id,received,replied\nA,2021-07-12,2021-07-13", as_of=D(2021, 12, 31), days=1
    )
    assert output.splitlines()[1:] == [
        "2,A,2021-07-12,2021-07-13,,1,working,as-received,2021-07-13,1,met,"
    ]
    assert summary.rows == 1


# -- the commands ----------------------------------------------------------------------------


def test_reply_check_one_case_met(gongkai: Gongkai) -> None:
    assert gongkai(
        "reply-check",
        "--received",
        "2021-07-10",
        "--replied",
        "2021-07-16",
        "-r",
        "consult",
    ) == (
        0,
        "收到         2021-07-10 周六 周末\n"
        "答复         2021-07-16 周五 工作日\n"
        "期限         5个工作日（consult 网上咨询）\n"
        "起算         as-received: 收到当日不计入，自次日起算\n"
        "截止         2021-07-16 周五 工作日\n"
        "已用工作日   5\n"
        "结论         met 按时\n",
        f"note: {after_today('2021-07-10', '2021-07-16')}\n",
    )


def test_reply_check_one_case_missed_as_json(gongkai: Gongkai) -> None:
    code, out, err = gongkai(
        "reply-check", "--received", "2021-09-30", "--replied", "2021-10-14",
        "--rule", "consult", "--format", "json",
    )  # fmt: skip
    assert (code, json.loads(out), err) == (
        1,
        {
            "received": "2021-09-30",
            "replied": "2021-10-14",
            "rule": "consult",
            "days": 5,
            "deadline": "2021-10-13",
            "working_days_used": 6,
            "status": "missed",
            "day_type": "working",
            "receipt": "as-received",
            "pauses": [],
        },
        f"note: {after_today('2021-09-30', '2021-10-14')}\n",
    )


def test_reply_check_next_working_day_receipt(gongkai: Gongkai) -> None:
    code, out, _ = gongkai(
        "reply-check", "--received", "2021-07-10", "--replied", "2021-07-19",
        "--rule", "consult", "--receipt", "next-working-day", "-f", "json",
    )  # fmt: skip
    verdict = json.loads(out)
    assert (code, verdict["deadline"], verdict["receipt"], verdict["status"]) == (
        0,
        "2021-07-19",
        "next-working-day",
        "met",
    )


def test_reply_check_open_and_overdue(gongkai: Gongkai) -> None:
    code, out, _ = gongkai("reply-check", "--received", "2021-06-01", "--days", "5")
    assert code == 1
    assert "答复         尚未答复（截至 2021-06-15）\n" in out
    assert out.endswith("已用工作日   9\n结论         overdue 超期未答复\n剩余/逾期    超期7天\n")
    code, out, _ = gongkai(
        "reply-check", "--received", "2021-06-01", "-d", "5", "--as-of", "2021-06-08",
        "-f", "json",
    )  # fmt: skip
    assert (code, json.loads(out)["status"]) == (0, "open")


@pytest.mark.parametrize(
    ("args", "code", "standing"),
    [
        # Open on 06-08 with the deadline 06-08 itself: due today.
        (["--received", "2021-06-01", "--as-of", "2021-06-08"], 0, "今日到期"),
        # Open on 06-03: 06-04, 06-07, 06-08 are left (端午 is 06-14).
        (["--received", "2021-06-01", "--as-of", "2021-06-03"], 0, "剩余3个工作日"),
        # Unanswered on 06-15, due 06-08: 7 days over.
        (["--received", "2021-06-01"], 1, "超期7天"),
        # Answered 06-10, due 06-08: 2 days late.
        (["--received", "2021-06-01", "--replied", "2021-06-10"], 1, "逾期2天"),
    ],
)
def test_one_case_shows_the_days_left_or_over(
    gongkai: Gongkai, args: list[str], code: int, standing: str
) -> None:
    """Issue 12: an open case shows the working days left, a late one the days over, as
    the file's table does; a case answered in time shows neither."""
    got, out, _ = gongkai("reply-check", *args, "-r", "consult")
    assert (got, out.splitlines()[-1]) == (code, f"剩余/逾期    {standing}")


def test_reply_check_with_a_pause(gongkai: Gongkai) -> None:
    code, out, _ = gongkai(
        "reply-check", "--received", "2021-07-01", "--replied", "2021-08-04",
        "--rule", "application-reply", "--pause", "2021-07-12..2021-07-16",
    )  # fmt: skip
    assert (code, out) == (
        0,
        "收到         2021-07-01 周四 工作日\n"
        "答复         2021-08-04 周三 工作日\n"
        "期限         20个工作日（application-reply 依申请公开）\n"
        "起算         as-received: 收到当日不计入，自次日起算\n"
        "暂停         2021-07-12 至 2021-07-16\n"
        "截止         2021-08-05 周四 工作日\n"
        "已用工作日   19\n"
        "结论         met 按时\n",
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        ([], 2, "give --received DATE for one case, or --file FILE for many"),
        (["--received", "2021-06-01"], 2, "give --rule ID (see 'gongkai rules') or --days N"),
        (
            ["--received", "2021-06-01", "-r", "consult", "-d", "3"],
            2,
            "give --rule or --days, not both",
        ),
        (
            ["--received", "2021-06-01", "-r", "consul"],
            2,
            f"unknown rule 'consul' (rules: {RULE_IDS})",
        ),
        (
            ["--received", "2021-06-31", "-r", "consult"],
            2,
            "invalid date '2021-06-31' for --received: day is out of range for month",
        ),
        (
            ["--received", "2021-07-10", "--replied", "2021-07-09", "-r", "consult"],
            2,
            "the reply (2021-07-09) is before the receipt (2021-07-10)",
        ),
        (
            # Replied 2027-01-08: in time or not depends on 2027's 调休 (an open case
            # from 12-30 is open whatever 2027 holds: tests/test_yearend.py).
            ["--received", "2026-12-30", "--replied", "2027-01-08", "-r", "consult"],
            4,
            "5 working days after 2026-12-30: 2027 is outside the holiday calendar, which "
            f"covers 2004-2026; {HOW}; the verdict depends on 2027's 调休, not yet published",
        ),
        (
            ["--received", "2021-06-01", "-r", "consult", "-f", "csv"],
            2,
            "--format csv is for --file; one case is table or json",
        ),
        (
            ["--received", "2021-06-01", "-r", "consult", "--calendar-days"],
            2,
            "--calendar-days goes with --days; a rule fixes its own day type",
        ),
        (["--received", "2021-06-01", "-d", "0"], 2, "--days 0 is not between 1 and 3660"),
        (
            ["--file", "x.csv", "--received", "2021-06-01"],
            2,
            "--received is for one case; a file gives it in each row",
        ),
        (["--file", "x.csv", "-r", "consult"], 2, "x.csv: no such file"),
    ],
)
def test_reply_check_errors(gongkai: Gongkai, args: list[str], code: int, message: str) -> None:
    assert gongkai("reply-check", *args) == (code, "", f"Error: {message}\n")


def test_reply_check_a_file(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    assert gongkai("reply-check", "--file", str(path), "--rule", "consult") == (
        2,
        CASES_CSV,
        "met 4, missed 2, open 1, overdue 1, invalid 7 (15 rows)\n",
    )


def test_reply_check_a_file_as_a_table(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    code, out, err = gongkai("reply-check", "--file", str(path), "-r", "consult", "-f", "table")
    assert (code, err) == (2, "met 4, missed 2, open 1, overdue 1, invalid 7 (15 rows)\n")
    assert out == (
        "行 编号   收到       答复       期限        截止       已 结论       剩余/逾期\n"
        "                                                       用\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        " 2 A1     2021-07-10 2021-07-16 网上咨询 5  2021-07-16  5 按时\n"
        " 3 A2     2021-09-30 2021-10-14 网上咨询 5  2021-10-13  6 逾期答复   逾期1天\n"
        " 4 A3     2021-06-01            网上咨询 5  2021-06-08  9 超期未答复 超期7天\n"
        " 5 A4     2021-06-10            网上咨询 5  2021-06-18  2 办理中     剩余3个工作\n"
        "                                                                     日\n"
        " 6 B,5    2021-07-12 2021-07-19 简单问题 1  2021-07-13  5 逾期答复   逾期6天\n"
        " 7 B6     2021-07-12 2021-07-01                           无效\n"
        " 8        2021-07-12 2021-07-13                           无效\n"
        " 9 B8     2021-02-30 2021-03-01                           无效\n"
        "10 B9     2021-07-12 2021-07-13 nope                      无效\n"
        "11 C10    2021-07-12                                      无效\n"
        "12 C11    2021-07-11 2021-07-16 网上咨询 5  2021-07-16  5 按时\n"
        "14 C12    2030-01-01                                      无效\n"
        "15                                                        无效\n"
        '16 multi" 2021-03-17 2021-04-16 工作要点公  2021-04-16 21 按时\n'
        "                                开 30\n"
        "17 C14    2021-07-12 2021-07-13 网上咨询 5  2021-07-19  1 按时\n"
        "第2行：the receipt (2021-07-10) and the reply (2021-07-16) are dated after today\n"
        "(2021-06-15)\n"
        "第3行：the receipt (2021-09-30) and the reply (2021-10-14) are dated after today\n"
        "(2021-06-15)\n"
        "第6行：the receipt (2021-07-12) and the reply (2021-07-19) are dated after today\n"
        "(2021-06-15)\n"
        "第7行：the reply (2021-07-01) is before the receipt (2021-07-12)\n"
        "第8行：missing id\n"
        "第9行：received: invalid date '2021-02-30': day is out of range for month\n"
        "第10行：unknown rule 'nope' (rules: consult, simple, decision-feedback,\n"
        "workplan, proactive-disclosure, application-reply, extension, correction-notice,\n"
        "third-party-opinion, agency-opinion, petition-office, petition-notice,\n"
        "petition-referral-notice, petition-objection, petition-handling,\n"
        "petition-handling-extension, petition-review-request, petition-review,\n"
        "petition-recheck-request, petition-recheck)\n"
        "第11行：expected 4 fields, found 2\n"
        "第12行：the receipt (2021-07-11) and the reply (2021-07-16) are dated after\n"
        "today (2021-06-15)\n"
        "第14行：received 2030-01-01: 2030 is outside the holiday calendar, which covers\n"
        "2004-2026; supply its holidays and make-up working days in a holidays file\n"
        "(--holidays FILE or GONGKAI_HOLIDAYS)\n"
        "第15行：malformed CSV: a quoted field does not close on its line (a field cannot\n"
        "span lines)\n"
        "第17行：the receipt (2021-07-12) and the reply (2021-07-13) are dated after\n"
        "today (2021-06-15)\n"
    )


def test_reply_check_exit_codes_of_a_file(gongkai: Gongkai) -> None:
    head = "id,received,replied\n"
    met = gongkai(
        "reply-check", "--file", "-", "-d", "5", "--as-of", "2021-12-31",
        input=head + "A,2021-07-12,2021-07-13\n",
    )  # fmt: skip
    assert met == (
        0,
        HEAD + "2,A,2021-07-12,2021-07-13,,5,working,as-received,2021-07-19,1,met,\n",
        "met 1, missed 0, open 0, overdue 0, invalid 0 (1 row)\n",
    )
    late = gongkai(
        "reply-check", "--file", "-", "-d", "1", input=head + "A,2021-07-12,2021-07-19\n"
    )
    assert late[0] == 1
    overdue = gongkai("reply-check", "--file", "-", "-d", "1", input=head + "A,2021-06-01,\n")
    assert overdue[0] == 1


def test_reply_check_reads_jsonl_by_suffix(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "J", "received": "2021-07-10", "replied": "2021-07-16"}\n', "utf-8")
    code, out, err = gongkai("reply-check", "--file", str(path), "-r", "consult", "-f", "jsonl")
    assert (code, json.loads(out)["status"], err) == (
        0,
        "met",
        "met 1, missed 0, open 0, overdue 0, invalid 0 (1 row)\n",
    )


def test_reply_check_a_file_with_a_bom(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffid,received,replied\r\nA,2021-07-12,2021-07-13\r\n".encode())
    code, out, _ = gongkai(
        "reply-check", "--file", str(path), "-r", "consult", "--as-of", "2021-12-31"
    )
    assert (code, out.splitlines()[1]) == (
        0,
        "2,A,2021-07-12,2021-07-13,consult,5,working,as-received,2021-07-19,1,met,",
    )


def test_deadline(gongkai: Gongkai) -> None:
    assert gongkai("deadline", "--from", "2021-09-30", "--rule", "consult", "--explain") == (
        0,
        "收到   2021-09-30 周四 工作日\n"
        "期限   5个工作日（consult 网上咨询）\n"
        "起算   as-received: 收到当日不计入，自次日起算\n"
        "截止   2021-10-13 周三 工作日\n"
        "日期         星期   类型                 计数   说明\n"
        "────────────────────────────────────────────────────\n"
        "2021-09-30   周四   工作日                      收到\n"
        "2021-10-01   周五   国庆节\n"
        "2021-10-02   周六   国庆节\n"
        "2021-10-03   周日   国庆节\n"
        "2021-10-04   周一   国庆节\n"
        "2021-10-05   周二   国庆节\n"
        "2021-10-06   周三   国庆节\n"
        "2021-10-07   周四   国庆节\n"
        "2021-10-08   周五   工作日                  1\n"
        "2021-10-09   周六   调休上班（国庆节）      2\n"
        "2021-10-10   周日   周末\n"
        "2021-10-11   周一   工作日                  3\n"
        "2021-10-12   周二   工作日                  4\n"
        "2021-10-13   周三   工作日                  5   截止\n",
        "",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--rule", "consult"],
            {"rule": "consult", "days": 5, "day_type": "working", "receipt": "as-received",
             "deadline": "2021-07-16"},
        ),
        (
            ["--rule", "consult", "--receipt", "next-working-day"],
            {"rule": "consult", "days": 5, "day_type": "working", "receipt": "next-working-day",
             "deadline": "2021-07-19"},
        ),
        (
            ["--days", "30", "--calendar-days"],
            {"rule": None, "days": 30, "day_type": "calendar", "receipt": "as-received",
             "deadline": "2021-08-09"},
        ),
        (
            ["--rule", "extension"],
            {"rule": "extension", "days": 40, "day_type": "working", "receipt": "as-received",
             "deadline": "2021-09-03"},
        ),
    ],
)  # fmt: skip
def test_deadline_as_json(gongkai: Gongkai, args: list[str], expected: dict[str, Any]) -> None:
    code, out, err = gongkai("deadline", "--from", "2021-07-10", *args, "-f", "json")
    assert (code, json.loads(out), err) == (0, {"from": "2021-07-10", **expected}, "")


def test_deadline_explain_as_json_marks_each_day(gongkai: Gongkai) -> None:
    code, out, _ = gongkai("deadline", "--from", "2021-02-19", "-d", "1", "--explain", "-f", "json")
    assert (code, json.loads(out)["explain"]) == (
        0,
        [
            {"date": "2021-02-19", "weekday": "周五", "kind": "workday", "name": None,
             "counted": None, "note": "received"},
            {"date": "2021-02-20", "weekday": "周六", "kind": "makeup_workday", "name": "春节",
             "counted": 1, "note": "deadline"},
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--from", "2021-07-10"], 2, "give --rule ID (see 'gongkai rules') or --days N"),
        (["--from", "yesterday", "-d", "1"], 2, "invalid date 'yesterday' for --from: expected "
         "2021-06-30, 2021/6/30, 20210630 or 2021年6月30日"),
        (["--from", "2003-05-01", "-d", "1"], 4, "received 2003-05-01: 2003 is outside the "
         f"holiday calendar, which covers 2004-2026; {HOW}"),
    ],
)  # fmt: skip
def test_deadline_errors(gongkai: Gongkai, args: list[str], code: int, message: str) -> None:
    assert gongkai("deadline", *args) == (code, "", f"Error: {message}\n")


def test_holidays(gongkai: Gongkai) -> None:
    code, out, err = gongkai("holidays", "--year", "2021")
    assert (code, err) == (0, "")
    assert out == (
        "2021年 节假日安排\n"
        "类型       节日     日期                       天数\n"
        "───────────────────────────────────────────────────\n"
        "放假       元旦     2021-01-01 至 2021-01-03      3\n"
        "放假       春节     2021-02-11 至 2021-02-17      7\n"
        "放假       清明节   2021-04-03 至 2021-04-05      3\n"
        "放假       劳动节   2021-05-01 至 2021-05-05      5\n"
        "放假       端午节   2021-06-12 至 2021-06-14      3\n"
        "放假       中秋节   2021-09-19 至 2021-09-21      3\n"
        "放假       国庆节   2021-10-01 至 2021-10-07      7\n"
        "调休上班   春节     2021-02-07（周日）            1\n"
        "调休上班   春节     2021-02-20（周六）            1\n"
        "调休上班   劳动节   2021-04-25（周日）            1\n"
        "调休上班   劳动节   2021-05-08（周六）            1\n"
        "调休上班   中秋节   2021-09-18（周六）            1\n"
        "调休上班   国庆节   2021-09-26（周日）            1\n"
        "调休上班   国庆节   2021-10-09（周六）            1\n"
        f"来源：{CALENDAR.year(2021).source}\n"
    )


def test_holidays_defaults_to_this_year_and_speaks_csv(gongkai: Gongkai) -> None:
    code, out, _ = gongkai("holidays", "-f", "csv")
    assert code == 0
    assert out.splitlines()[:2] == [
        "kind,name,first,last,days",
        "holiday,元旦,2021-01-01,2021-01-03,3",
    ]
    assert out.splitlines()[-1] == "makeup_workday,国庆节,2021-10-09,2021-10-09,1"


def test_holidays_from_a_file(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text(
        "years:\n  2027:\n    source: test\n    holidays:\n"
        "      - {name: 元旦, first: 2027-01-01, last: 2027-01-03}\n"
        "    makeup_workdays:\n      - {date: 2027-01-09, name: 元旦}\n",
        encoding="utf-8",
    )
    code, out, _ = gongkai("holidays", "--year", "2027", "--holidays", str(path), "-f", "json")
    assert (code, json.loads(out)) == (
        0,
        {
            "year": 2027,
            "source": "test",
            "holidays": [{"name": "元旦", "first": "2027-01-01", "last": "2027-01-03", "days": 3}],
            "makeup_workdays": [{"date": "2027-01-09", "weekday": "周六", "name": "元旦"}],
        },
    )


def test_holidays_outside_the_calendar(gongkai: Gongkai) -> None:
    assert gongkai("holidays", "--year", "2030") == (
        4,
        "",
        f"Error: 2030 is outside the holiday calendar, which covers 2004-2026; {HOW}\n",
    )


def test_a_bad_holidays_file_exits_3(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "h.yaml"
    path.write_text("years:\n  2027:\n    holidays: []\n    extra: 1\n", encoding="utf-8")
    code, out, err = gongkai("holidays", "--holidays", str(path))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: invalid data (1 problem):\n{path}:4: years.2027.extra: ")


def test_every_command_has_a_summary_and_an_example(gongkai: Gongkai) -> None:
    for command in ("rules", "deadline", "holidays", "reply-check"):
        code, out, _ = gongkai(command, "--help")
        assert code == 0
        assert "Example: gongkai " + command in " ".join(out.split()), command
