"""reply-check on files as offices export them: Chinese headers, --columns, columns that
pass through, spreadsheet dates, xlsx, and a summary per group (--group-by).

"Today" is 2021-06-15 (conftest.py). The 200-row export is made by `make_export`
below, with each row's outcome decided by the generator and its dates worked out by an
oracle of its own (chinese_calendar.is_workday, a day at a time), not by gongkai.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar
import pytest

from conftest import Gongkai
from gongkai_cli.errors import UsageError
from gongkai_cli.io.dates import parse_day
from gongkai_cli.workdays.replies.columns import ColumnMap, parse_columns

D = dt.date
TODAY = D(2021, 6, 15)


# -- headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # (id, received, replied, rule, unit, channel, passed)
        (["id", "received", "replied"], (0, 1, 2, None, None, None, ())),
        (
            ["序号", "工单编号", "受理渠道", "受理日期", "答复日期", "承办单位", "备注"],
            (1, 3, 4, None, 5, 2, (0, 5, 6)),  # 受理渠道 is checked (channel)
        ),
        # Several candidates: the case's own number over a row counter, 收到 over 受理,
        # 答复 over 办结; the others pass through.
        (
            [
                "序号",
                "编号",
                "办结日期",
                "受理日期",
                "收到日期",
                "答复日期",
                "责任单位",
                "承办单位",
            ],
            (1, 4, 5, None, 7, None, (0, 2, 3, 6, 7)),
        ),
        (["申请编号", "登记日期", "回复日期", "类型"], (0, 1, 2, 3, None, None, ())),
        (["编号", "申请日期", "办结日期", "规则", "办理单位"], (0, 1, 2, 3, 4, None, (4,))),
    ],
)
def test_chinese_headers_are_recognised(header: list[str], expected: tuple[object, ...]) -> None:
    columns = ColumnMap.from_header(header)
    found = (
        columns.id,
        columns.received,
        columns.replied,
        columns.rule,
        columns.unit,
        columns.channel,
        columns.passed,
    )
    assert found == expected


def test_columns_map_other_headers_and_take_them_from_the_aliases() -> None:
    header = ["工单编号", "来电日期", "受理日期", "答复日期", "类型"]
    columns = ColumnMap.from_header(header, parse_columns(["received=来电日期", "rule="]))
    # 受理日期 is no longer the receipt, and 类型 is not a rule: both pass through.
    assert (columns.received, columns.rule, columns.passed) == (1, None, (2, 4))


@pytest.mark.parametrize(
    ("texts", "message"),
    [
        (
            ["received"],
            "--columns 'received': expected ROLE=HEADER, as in "
            + "--columns received=HEADER,replied=HEADER,...",
        ),
        (
            ["date=受理日期"],
            "--columns 'date=受理日期': 'date' is not one of id, received, replied, rule, days, channel, restart, confirmed, unit",
        ),
        (["id=编号", "id=序号"], "--columns names id twice"),
        (["replied="], "--columns 'replied=': a file must have a replied column"),
    ],
)
def test_bad_columns_are_usage_errors(texts: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_columns(texts)
    assert str(caught.value) == message


def test_an_unmapped_required_column_names_the_headers_and_the_syntax(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "序号,工单编号,来电日期,办理结果,承办单位\n1,A,2021/7/3,,市教委\n", encoding="utf-8"
    )
    assert gongkai("reply-check", "--file", str(path), "-r", "consult") == (
        2,
        "",
        "Error: the header has no received or replied column; its columns are 序号, 工单编号, "
        "来电日期, 办理结果, 承办单位; name them with --columns received=HEADER,replied=HEADER\n",
    )
    code, out, err = gongkai(
        "reply-check",
        "--file",
        str(path),
        "-r",
        "consult",
        "--columns",
        "received=来电日期",
    )
    assert (code, out) == (2, "")
    assert err.startswith("Error: the header has no replied column;")
    code, out, err = gongkai(
        "reply-check",
        "--file",
        str(path),
        "-r",
        "consult",
        "--columns",
        "received=来电日期,replied=答复时间",
    )
    assert (code, out, err) == (
        2,
        "",
        "Error: --columns replied=答复时间: the header has no column '答复时间'; its columns "
        "are 序号, 工单编号, 来电日期, 办理结果, 承办单位\n",
    )


def test_columns_and_group_by_are_for_a_file(gongkai: Gongkai) -> None:
    assert gongkai(
        "reply-check", "--received", "2021-06-01", "-r", "consult", "--group-by", "unit"
    ) == (
        2,
        "",
        "Error: --group-by is for --file\n",
    )


# -- dates as spreadsheets write them ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2021/7/3 9:15", D(2021, 7, 3)),
        ("2021/7/3 23:59:59", D(2021, 7, 3)),
        ("2021-07-03 09:15:00", D(2021, 7, 3)),
        ("2021-07-03 9:15", D(2021, 7, 3)),
        ("2021-7-3 09:15:00", D(2021, 7, 3)),
        ("2021.7.3", D(2021, 7, 3)),
        ("2021.07.03 0:00", D(2021, 7, 3)),
        ("2021年7月3日 9:15", D(2021, 7, 3)),
        ("2021-07-03T23:30:00+00:00", D(2021, 7, 4)),  # a zone still converts to Shanghai
    ],
)
def test_spreadsheet_dates(text: str, day: dt.date) -> None:
    assert parse_day(text) == day


@pytest.mark.parametrize("text", ["2021/7/3 24:00", "2021/7/3 9:60", "2021.13.3", "2021/7/3 9"])
def test_spreadsheet_dates_still_refuse_nonsense(text: str) -> None:
    with pytest.raises(UsageError):
        parse_day(text)


# -- columns that pass through -------------------------------------------------------------

SMALL = (
    "序号,工单编号,受理日期,答复日期,承办单位,备注\n"
    '1,GD1,2021/6/1 9:15,2021-06-04 17:00:00,市教委,"已回访, 满意"\n'
    "2,GD2,2021.6.10,,市卫健委,\n"
    "3,GD3,2021/6/1 10:00,,市教委,\n"
    "4,GD4,2021/2/30 9:00,,市教委,录入错误\n"
    "5,GD5,2021/6/2\n"
)


def test_extra_columns_pass_through_to_csv(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    assert gongkai("reply-check", "--file", str(path), "-r", "consult") == (
        2,
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason,序号,承办单位,备注\n"
        '2,GD1,2021-06-01,2021-06-04,consult,5,working,as-received,2021-06-08,3,met,,1,市教委,"已回访, 满意"\n'
        "3,GD2,2021-06-10,,consult,5,working,as-received,2021-06-18,2,open,,2,市卫健委,\n"
        "4,GD3,2021-06-01,,consult,5,working,as-received,2021-06-08,9,overdue,,3,市教委,\n"
        "5,GD4,2021/2/30 9:00,,,,,,,,invalid,received: invalid date '2021/2/30': day is out of range for month,4,市教委,录入错误\n"
        '6,GD5,2021/6/2,,,,,,,,invalid,"expected 6 fields, found 3",5,,\n',
        "met 1, missed 0, open 1, overdue 1, invalid 2 (5 rows)\n",
    )


def test_extra_columns_pass_through_to_jsonl_under_extra(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    code, out, _ = gongkai("reply-check", "--file", str(path), "-r", "consult", "-f", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 2
    assert [row["extra"] for row in rows] == [
        {"序号": "1", "承办单位": "市教委", "备注": "已回访, 满意"},
        {"序号": "2", "承办单位": "市卫健委", "备注": ""},
        {"序号": "3", "承办单位": "市教委", "备注": ""},
        {"序号": "4", "承办单位": "市教委", "备注": "录入错误"},
        {"序号": "5", "承办单位": "", "备注": ""},
    ]
    assert list(rows[0]) == [
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
        "extra",
    ]
    code, out, _ = gongkai("reply-check", "--file", str(path), "-r", "consult", "-f", "json")
    assert [row["extra"]["备注"] for row in json.loads(out)] == [
        "已回访, 满意",
        "",
        "",
        "录入错误",
        "",
    ]


def test_the_table_speaks_chinese_and_shows_days_left_or_over(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    code, out, _ = gongkai("reply-check", "--file", str(path), "-r", "consult", "-f", "table")
    assert code == 2
    assert out == (
        "行 编  收到         答复       期限       截止       已 结论       剩余/逾期\n"
        "   号                                                用\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        " 2 GD1 2021-06-01   2021-06-04 网上咨询 5 2021-06-08  3 按时\n"
        " 3 GD2 2021-06-10              网上咨询 5 2021-06-18  2 办理中     剩余3个工作日\n"
        " 4 GD3 2021-06-01              网上咨询 5 2021-06-08  9 超期未答复 超期7天\n"
        " 5 GD4 2021/2/30 9:                                     无效\n"
        "       00\n"
        " 6 GD5 2021/6/2                                         无效\n"
        "第5行：received: invalid date '2021/2/30': day is out of range for month\n"
        "第6行：expected 6 fields, found 3\n"
    )


def test_the_table_names_each_rule_in_chinese(gongkai: Gongkai, tmp_path: Path) -> None:
    """Issue 12: Chinese rule names are shown in tables, the file's table too (with the
    days, as before); an invalid row keeps its rule as written."""
    path = tmp_path / "rules.csv"
    path.write_text(
        "id,received,replied,rule,days\n"
        "A,2021-06-01,2021-06-04,consult,\n"
        "B,2021-06-01,2021-06-04,依申请公开,\n"
        "C,2021-06-01,2021-06-04,petition-acceptance,\n"
        "D,2021-06-01,2021-06-04,,3\n"
        "E,2021-06-01,2021-06-04,no-such-rule,\n",
        encoding="utf-8",
    )
    code, out, _ = gongkai("reply-check", "--file", str(path), "-f", "table")
    assert code == 2
    assert out == (
        "行 编号 收到       答复       期限          截止       已用 结论 剩余/逾期\n"
        "──────────────────────────────────────────────────────────────────────────\n"
        " 2 A    2021-06-01 2021-06-04 网上咨询 5    2021-06-08    3 按时\n"
        " 3 B    2021-06-01 2021-06-04 依申请公开 20 2021-06-30    3 按时\n"
        " 4 C    2021-06-01 2021-06-04 信访受理 15   2021-06-16    3 按时\n"
        " 5 D    2021-06-01 2021-06-04 3             2021-06-04    3 按时\n"
        " 6 E    2021-06-01 2021-06-04 no-such-rule                  无效\n"
        "第6行：unknown rule 'no-such-rule' (rules: consult, simple, decision-feedback,\n"
        "workplan, proactive-disclosure, application-reply, extension, correction-notice,\n"
        "third-party-opinion, agency-opinion, petition-office, petition-notice,\n"
        "petition-referral-notice, petition-objection, petition-handling,\n"
        "petition-handling-extension, petition-review-request, petition-review,\n"
        "petition-recheck-request, petition-recheck)\n"
    )


def test_group_by_unit(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    code, out, err = gongkai(
        "reply-check",
        "--file",
        str(path),
        "-r",
        "consult",
        "--group-by",
        "unit",
        "-f",
        "json",
    )
    assert (code, err) == (2, "met 1, missed 0, open 1, overdue 1, invalid 2 (5 rows)\n")
    data = json.loads(out)
    assert (data["group_by"], data["column"]) == ("unit", "承办单位")
    assert data["groups"] == [
        {
            "group": "",
            "met": 0,
            "missed": 0,
            "overdue": 0,
            "open": 0,
            "invalid": 1,
            "rows": 1,
            "on_time_rate": None,
            "median_days_late": None,
            "worst_days_late": None,
        },
        {
            "group": "市卫健委",
            "met": 0,
            "missed": 0,
            "overdue": 0,
            "open": 1,
            "invalid": 0,
            "rows": 1,
            "on_time_rate": None,
            "median_days_late": None,
            "worst_days_late": None,
        },
        {
            "group": "市教委",
            "met": 1,
            "missed": 0,
            "overdue": 1,
            "open": 0,
            "invalid": 1,
            "rows": 3,
            "on_time_rate": 0.5,
            "median_days_late": 7,
            "worst_days_late": 7,
        },
    ]
    assert data["total"]["rows"] == 5


def test_group_by_any_header_and_a_missing_one(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    code, out, _ = gongkai(
        "reply-check",
        "--file",
        str(path),
        "-r",
        "consult",
        "--group-by",
        "备注",
        "-f",
        "csv",
    )
    assert (code, out) == (
        2,
        "group,met,missed,overdue,open,invalid,rows,on_time_rate,median_days_late,worst_days_late\n"
        ",0,0,1,1,1,3,0.0,7,7\n"
        '"已回访, 满意",1,0,0,0,0,1,1.0,,\n'
        "录入错误,0,0,0,0,1,1,,,\n",
    )
    assert gongkai(
        "reply-check", "--file", str(path), "-r", "consult", "--group-by", "channel"
    ) == (
        2,
        "",
        "Error: --group-by channel: no channel column in the header (序号, 工单编号, 受理日期, "
        "答复日期, 承办单位, 备注); name it with --columns channel=HEADER\n",
    )


def test_group_by_rule_or_channel_puts_every_spelling_of_one_together(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    """A rule or channel written as its id or any Chinese name is one group, named by its
    id in json and csv and by its Chinese name in the table; an invalid row stays with
    its text as written."""
    path = tmp_path / "mixed.csv"
    path.write_text(
        "id,received,replied,rule,channel\n"
        "1,2021-06-01,2021-06-04,consult,互联网\n"
        "2,2021-06-01,2021-06-15,网上咨询,online\n"
        "3,2021-06-01,2021-06-04,依申请公开,网上申请\n"
        "4,2021-06-01,2021-06-04,application-reply,当面\n"
        "5,2021-06-01,2021-06-04,nope,当面\n",
        encoding="utf-8",
    )
    by_rule = ("reply-check", "--file", str(path), "--group-by", "rule")
    code, out, _ = gongkai(*by_rule, "-f", "csv")
    assert (code, out) == (
        2,
        "group,met,missed,overdue,open,invalid,rows,on_time_rate,median_days_late,worst_days_late\n"
        "application-reply,2,0,0,0,0,2,1.0,,\n"
        "consult,1,1,0,0,0,2,0.5,7,7\n"
        "nope,0,0,0,0,1,1,,,\n",
    )
    code, out, _ = gongkai(*by_rule)
    assert out.splitlines()[:6] == [
        "rule       按时 逾期答复 超期未答复 办理中 无效 合计 按时率 逾期中位 最长逾期",
        "─────────────────────────────────────────────────────────────────────────────",
        "依申请公开    2        0          0      0    0    2 100.0%        —        —",
        "网上咨询      1        1          0      0    0    2  50.0%        7        7",
        "nope          0        0          0      0    1    1      —        —        —",
        "合计          3        1          0      0    1    5  75.0%        7        7",
    ]
    code, out, _ = gongkai("reply-check", "--file", str(path), "--group-by", "channel")
    assert out.splitlines()[:5] == [
        "channel 按时 逾期答复 超期未答复 办理中 无效 合计 按时率 逾期中位 最长逾期",
        "──────────────────────────────────────────────────────────────────────────",
        "当面       1        0          0      0    1    2 100.0%        —        —",
        "互联网     2        1          0      0    0    3  66.7%        7        7",
        "合计       3        1          0      0    1    5  75.0%        7        7",
    ]


# -- a realistic export: 200 rows, GBK ----------------------------------------------------

HEADER = [
    "序号",
    "工单编号",
    "受理渠道",
    "诉求类型",
    "来电人",
    "受理日期",
    "答复日期",
    "承办单位",
    "联系电话",
    "备注",
]
UNITS = ["市教委", "市卫健委", "市民政局", "市交通委", "市生态环境局"]
CHANNELS = ["网上申请", "当面", "邮寄", "信函", "传真"]
PERIOD = 20  # application-reply: 20 working days (条例 第三十三条)
# Working days from receipt to reply, by row; None: no reply yet.
REPLY_AFTER = [5, 12, 20, 21, None, 3, 26, 15]


def workdays_after(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day`, a day at a time (the oracle)."""
    while count:
        day += dt.timedelta(days=1)
        count -= chinese_calendar.is_workday(day)
    return day


@dataclass(frozen=True)
class Case:
    fields: list[str]
    status: str
    days_late: int | None = None


def make_export() -> tuple[bytes, list[Case]]:
    """A 网上咨询-style export as an office saves it from Excel: GBK, CRLF, Chinese
    headers, date-times, extra columns (one with commas and quotes), and 5 bad rows."""
    cases: list[Case] = []
    # Receipts on working days from 2021-03-01 (so the two receipt conventions agree);
    # the open ones recently, in June.
    march = [
        d
        for d in (D(2021, 3, 1) + dt.timedelta(days=i) for i in range(80))
        if chinese_calendar.is_workday(d)
    ]
    june = [
        d
        for d in (D(2021, 6, 1) + dt.timedelta(days=i) for i in range(14))
        if chinese_calendar.is_workday(d)
    ]
    for n in range(195):
        after = REPLY_AFTER[n % len(REPLY_AFTER)]
        recent = after is None and n % 16 == 4  # half the unreplied cases are recent
        received = june[n % len(june)] if recent else march[n % len(march)]
        deadline = workdays_after(received, PERIOD)
        if after is None:
            replied_text = ""
            status = "open" if deadline >= TODAY else "overdue"
            late = (TODAY - deadline).days if status == "overdue" else None
        else:
            replied = workdays_after(received, after)
            replied_text = (
                f"{replied:%Y-%m-%d} 16:{n % 60:02d}:00"
                if n % 3
                else f"{replied.year}.{replied.month}.{replied.day}"
            )
            status = "met" if after <= PERIOD else "missed"
            late = (replied - deadline).days if status == "missed" else None
        note = ["", "已电话回访, 满意", '申请人称"未收到"', "转办"][n % 4]
        fields = [
            str(n + 1),
            f"GD2021{n + 1:05d}",
            CHANNELS[n % 5],
            ["咨询", "求助", "投诉"][n % 3],
            "张先生",
            f"{received.year}/{received.month}/{received.day} {8 + n % 9}:{n % 60:02d}",
            replied_text,
            UNITS[(n // 3) % 5],
            f"138****{n:04d}",
            note,
        ]
        cases.append(Case(fields, status, late))
    bad = [
        ([*cases[0].fields[:5], "2021/2/30 9:00", "", "市教委", "", "录入错误"], "invalid"),
        (
            [*cases[1].fields[:1], "", *cases[1].fields[2:7], "市卫健委", "", "缺工单编号"],
            "invalid",
        ),
        (
            [*cases[2].fields[:5], "2021/4/2 9:00", "2021-04-01 09:00:00", "市教委", "", ""],
            "invalid",
        ),
        (["199", "GD202100199", "网上申请"], "invalid"),  # cut short
    ]
    for position, (fields, status) in zip((10, 50, 90, 130), bad, strict=True):
        cases.insert(position, Case(fields, status))
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    for case in cases:
        writer.writerow(case.fields)
    data = bytearray(text.getvalue().encode("gbk"))
    # A line with a byte that is not GBK: invalid, and the rows after it still come out.
    broken = "200,GD202100200,当面,咨询,李女士,2021/3/2 9:00,,市民政局,,".encode("gbk")
    data += broken.replace("李".encode("gbk"), b"\x80\x20") + b"\r\n"
    cases.append(Case(["200", "", "", "", "", "", "", "", "", ""], "invalid"))
    return bytes(data), cases


def test_the_export_is_what_it_claims() -> None:
    data, cases = make_export()
    assert len(cases) == 200
    assert data.startswith("序号,工单编号,受理渠道".encode("gbk"))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert Counter(case.status for case in cases) == Counter(
        {"met": 123, "missed": 48, "overdue": 12, "open": 12, "invalid": 5}
    )


def test_a_real_export_is_checked_as_it_is(gongkai: Gongkai, tmp_path: Path) -> None:
    data, cases = make_export()
    path = tmp_path / "工单导出.csv"
    path.write_bytes(data)
    code, out, err = gongkai("reply-check", "--file", str(path), "-r", "application-reply")
    assert (code, err) == (2, "met 123, missed 48, open 12, overdue 12, invalid 5 (200 rows)\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    # Every row out, in order, with its line number.
    assert [row["line"] for row in rows] == [str(n) for n in range(2, 202)]
    assert [row["status"] for row in rows] == [case.status for case in cases]
    # The extra columns, as they were.
    for name in ("序号", "诉求类型", "来电人", "承办单位", "联系电话", "备注"):
        index = HEADER.index(name)
        assert [row[name] for row in rows[:-1]] == [
            case.fields[index] if index < len(case.fields) else "" for case in cases[:-1]
        ], name
    assert sum(row["备注"] == '申请人称"未收到"' for row in rows) == 49
    # The bad rows say why.
    assert [row["reason"] for row in rows if row["status"] == "invalid"] == [
        "received: invalid date '2021/2/30': day is out of range for month",
        "missing id",
        "the reply (2021-04-01) is before the receipt (2021-04-02)",
        "expected 10 fields, found 3",
        "cannot be decoded as gb18030 (byte 0x80 at column 23); --encoding names another",
    ]
    # Spreadsheet date-times count as their day: 2021/3/1 8:00 is 2021-03-01.
    assert (rows[0]["received"], rows[0]["replied"], rows[0]["deadline"]) == (
        "2021-03-01",
        "2021-03-08",
        "2021-03-29",
    )


def expected_groups(cases: list[Case]) -> dict[str, dict[str, object]]:
    """The per-承办单位 summary worked out from what the generator decided."""
    unit_at = HEADER.index("承办单位")
    groups: dict[str, Counter[str]] = {}
    late: dict[str, list[int]] = {}
    for case in cases:
        unit = case.fields[unit_at] if unit_at < len(case.fields) else ""
        groups.setdefault(unit, Counter())[case.status] += 1
        if case.days_late is not None:
            late.setdefault(unit, []).append(case.days_late)
    summary = {}
    for unit, counts in groups.items():
        days = sorted(late.get(unit, []))
        decided = counts["met"] + counts["missed"] + counts["overdue"]
        middle = len(days) // 2
        median = (
            None
            if not days
            else days[middle]
            if len(days) % 2
            else (days[middle - 1] + days[middle]) / 2
        )
        summary[unit] = {
            "met": counts["met"],
            "missed": counts["missed"],
            "overdue": counts["overdue"],
            "open": counts["open"],
            "invalid": counts["invalid"],
            "rows": sum(counts.values()),
            "on_time_rate": round(counts["met"] / decided, 4) if decided else None,
            "median_days_late": median,
            "worst_days_late": days[-1] if days else None,
        }
    return summary


def test_a_real_export_summed_up_per_unit(gongkai: Gongkai, tmp_path: Path) -> None:
    data, cases = make_export()
    path = tmp_path / "工单导出.csv"
    path.write_bytes(data)
    args = ("reply-check", "--file", str(path), "-r", "application-reply", "--group-by", "unit")
    code, out, err = gongkai(*args, "-f", "json")
    assert (code, err) == (2, "met 123, missed 48, open 12, overdue 12, invalid 5 (200 rows)\n")
    summary = json.loads(out)
    got = {group.pop("group"): group for group in summary["groups"]}
    assert got == expected_groups(cases)
    # Two groups by hand. 市交通委 has the rows n = 15k+9, 15k+10, 15k+11 (n // 3 % 5
    # == 3) for k = 0..12, 39 of them; by n % 8 (REPLY_AFTER), n = 84, 100 and 116 have
    # no reply and, as n % 16 == 4, were received in June: open; n = 11, 54, 70, 86,
    # 99, 115, 131, 174 and 190 replied after 21 or 26 working days: missed; the other
    # 27 in time. 27 / (27 + 9) = 75%.
    assert {
        key: got["市交通委"][key] for key in ("met", "missed", "overdue", "open", "invalid")
    } == {
        "met": 27,
        "missed": 9,
        "overdue": 0,
        "open": 3,
        "invalid": 0,
    }
    assert got["市交通委"]["on_time_rate"] == 0.75
    assert got[""] == {  # the row cut short and the line that does not decode
        "met": 0,
        "missed": 0,
        "overdue": 0,
        "open": 0,
        "invalid": 2,
        "rows": 2,
        "on_time_rate": None,
        "median_days_late": None,
        "worst_days_late": None,
    }
    code, out, _ = gongkai(*args)
    assert out == (
        "承办单位     按时 逾期答复 超期未答复 办理中 无效 合计 按时率 逾期中位 最长逾期\n"
        "───────────────────────────────────────────────────────────────────────────────\n"
        "（空）          0        0          0      0    2    2      —        —        —\n"
        "市交通委       27        9          0      3    0   39  75.0%        7       12\n"
        "市卫健委       25        9          3      2    1   40  67.6%        3       61\n"
        "市教委         26        9          3      1    2   41  68.4%        8       74\n"
        "市民政局       22       11          3      3    0   39  61.1%        8       74\n"
        "市生态环境局   23       10          3      3    0   39  63.9%        7       61\n"
        "合计          123       48         12     12    5  200  67.2%        8       74\n"
        "按时率 = 按时 /（按时 + 逾期答复 + 超期未答复）。逾期中位、最长逾期：逾期答复和\n"
        "超期未答复的逾期天数（截止日之后的自然日，逾期答复算到答复日，超期未答复算到今\n"
        "天）的中位数和最大值\n"
    )


# -- xlsx ------------------------------------------------------------------------------------


def write_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "工单"
    # A trailing header cell left empty (formatting beyond the table) is not a column.
    sheet.append(["序号", "工单编号", "受理日期", "答复日期", "承办单位", "备注", None])
    sheet.append(
        [
            1,
            "GD1",
            dt.datetime(2021, 6, 1, 9, 15),
            dt.date(2021, 6, 4),
            "市教委",
            "已回访, 满意\n再次回访",
        ]
    )
    sheet.append([2, "GD2", "2021/6/10 9:00", None, "市卫健委", None])
    sheet.append([])  # an empty row: no case
    sheet.append([3, "GD3", dt.datetime(2021, 6, 1), None, "市教委", 12.0])
    sheet.append([4, "GD4", dt.datetime(2021, 6, 2), dt.datetime(2021, 6, 1, 17, 0), "市民政局"])
    other = book.create_sheet("另一张")
    other.append(["id", "received", "replied"])
    other.append(["X", dt.date(2021, 6, 1), dt.date(2021, 6, 2)])
    book.save(path)


def test_an_xlsx_is_read_with_its_date_cells(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "工单.xlsx"
    write_xlsx(path)
    assert gongkai("reply-check", "--file", str(path), "-r", "consult") == (
        2,
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason,序号,承办单位,备注\n"
        '2,GD1,2021-06-01,2021-06-04,consult,5,working,as-received,2021-06-08,3,met,,1,市教委,"已回访, 满意\n再次回访"\n'
        "3,GD2,2021-06-10,,consult,5,working,as-received,2021-06-18,2,open,,2,市卫健委,\n"
        "5,GD3,2021-06-01,,consult,5,working,as-received,2021-06-08,9,overdue,,3,市教委,12\n"
        "6,GD4,2021-06-02,2021-06-01 17:00:00,,,,,,,invalid,the reply (2021-06-01) is before the receipt (2021-06-02),4,市民政局,\n",
        "met 1, missed 0, open 1, overdue 1, invalid 1 (4 rows)\n",
    )
    assert gongkai("reply-check", "--file", str(path), "-r", "consult", "--sheet", "另一张") == (
        0,
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason\n"
        "2,X,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,\n",
        "met 1, missed 0, open 0, overdue 0, invalid 0 (1 row)\n",
    )
    code, out, _ = gongkai(
        "reply-check",
        "--file",
        str(path),
        "-r",
        "consult",
        "--group-by",
        "unit",
        "-f",
        "csv",
    )
    assert code == 2
    assert out.splitlines()[1:] == [
        "市卫健委,0,0,0,1,0,1,,,",
        "市教委,1,0,1,0,0,2,0.5,7,7",
        "市民政局,0,0,0,0,1,1,,,",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--file", "工单.xlsx", "--sheet", "无"),
            "Error: 工单.xlsx has no sheet '无' (sheets: 工单, 另一张)\n",
        ),
        (
            ("--file", "bad.xlsx"),
            "Error: bad.xlsx: not a readable .xlsx file (File is not a zip file)\n",
        ),
        (
            ("--file", "plain.csv", "--sheet", "工单"),
            "Error: --sheet is for a spreadsheet (.xlsx, .xls or .ods)\n",
        ),
        (
            ("--file", "工单.xlsx", "--encoding", "gbk"),
            "Error: --encoding is for text files; an .xlsx says its own\n",
        ),
        (("--received", "2021-06-01", "--sheet", "工单"), "Error: --sheet is for --file\n"),
    ],
)
def test_xlsx_errors(gongkai: Gongkai, tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    write_xlsx(tmp_path / "工单.xlsx")
    (tmp_path / "bad.xlsx").write_text("not a workbook", encoding="utf-8")
    (tmp_path / "plain.csv").write_text("id,received,replied\n", encoding="utf-8")
    assert gongkai("reply-check", *args, "-r", "consult") == (2, "", message)


def test_a_csv_check_does_not_load_openpyxl(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "export.csv"
    path.write_bytes(SMALL.encode("gbk"))
    code = (
        "import sys\n"
        "from gongkai_cli.cli import app\n"
        f"try:\n    app([{'reply-check'!r}, '--file', {str(path)!r}, '-r', 'consult'])\n"
        "except SystemExit:\n    pass\n"
        "print('openpyxl' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stderr.splitlines()[-1] == "False"
