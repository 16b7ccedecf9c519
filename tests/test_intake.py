"""Channels where they belong, and exports as they come (issue 19 item 2).

A channel (条例 第三十一条) fixes the day of receipt of an information-disclosure
application only. A 12345 / 网上咨询 export's 受理渠道 column says something else: which
of the plan's rules a row falls under (task 24), read with `--rule auto` through the
intake map of data/rules.yaml. The verdicts below are computed in the test itself,
from chinese-calendar's `is_workday` and plain date arithmetic, not by gongkai.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import chinese_calendar  # type: ignore[import-untyped]
import pytest

from conftest import Gongkai

INTAKE_CONSULT = {"网站", "微信", "网上咨询", "网站留言", "12345网上受理平台"}
INTAKE_PETITION = {"来信", "来访", "信件", "网上信访"}


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


def working_days_later(received: dt.date, count: int) -> dt.date:
    """The `count`th working day after `received` (the day itself not counted)."""
    day = received
    while count:
        day += dt.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            count -= 1
    return day


def calendar_days_later(received: dt.date, count: int) -> dt.date:
    """`count` days after `received`; a rest day moves to the next working day (民法典 203)."""
    day = received + dt.timedelta(days=count)
    while not chinese_calendar.is_workday(day):
        day += dt.timedelta(days=1)
    return day


def excel_day(text: str) -> dt.date:
    """The day of an Excel date-time as a CSV export writes it: 2026/12/1 9:15."""
    year, month, day = text.split()[0].split("/")
    return dt.date(int(year), int(month), int(day))


# A 网上咨询 export as an office saves it from Excel: GBK, CRLF, Excel date-times,
# 承办单位 and columns gongkai does not read. 受理渠道 holds 网站, 12345, 微信, 电话, 来信.
EXPORT = [
    ["工单编号", "受理渠道", "诉求类型", "承办单位", "受理时间", "答复时间", "满意度", "备注"],
    ["W001", "网站", "咨询", "市教委", "2026/11/30 9:15", "2026/12/4 16:30", "满意", ""],
    ["W002", "12345", "咨询", "市卫健委", "2026/12/1 10:00", "2026/12/9 11:00", "", ""],
    ["W003", "微信", "建议", "市教委", "2026/11/27 20:45", "2026/12/7 9:00", "基本满意", "周五晚"],
    ["W004", "电话", "咨询", "市民政局", "2026/12/2 8:30", "2026/12/3 8:30", "", ""],
    ["W005", "来信", "投诉", "市教委", "2026/11/20 14:00", "2026/12/4 10:00", "", "信访"],
    ["W006", "网站", "咨询", "市卫健委", "2026/12/3 9:00", "", "", ""],
    ["W007", "来信", "投诉", "市民政局", "2026/11/6 9:00", "", "", ""],
    ["W008", "微信", "咨询", "市教委", "2026/11/28 11:00", "2026/12/5 10:00", "", "周六"],
    ["W009", "电话", "咨询", "市卫健委", "2026/12/4 9:30", "", "", ""],
]
AS_OF = dt.date(2026, 12, 7)


def expected_row(line: int, row: list[str]) -> str:
    """The csv row gongkai must write, worked out here."""
    row_id, channel, kind, unit, received, replied, satisfied, remark = row
    extra = f"{kind},{unit},{satisfied},{remark}"
    if channel in INTAKE_CONSULT:
        rule, days, day_type = "consult", 5, "working"
        due = working_days_later(excel_day(received), 5)
    elif channel in INTAKE_PETITION:  # 信访工作条例 第二十三条第二款, in force in 2026
        rule, days, day_type = "petition-notice", 15, "calendar"
        due = calendar_days_later(excel_day(received), 15)
    else:
        reason = f"channel '{channel}' is not in the intake map: give the row a rule"
        return f"{line},{row_id},{received},{replied},,,,,,,invalid,{reason},{channel},{extra}"
    start = excel_day(received)
    end = excel_day(replied) if replied else AS_OF
    used = sum(
        chinese_calendar.is_workday(start + dt.timedelta(days=n))
        for n in range(1, (end - start).days + 1)
    )
    if replied:
        status = "met" if excel_day(replied) <= due else "missed"
    else:
        status = "overdue" if due < AS_OF else "open"
    replied_day = excel_day(replied).isoformat() if replied else ""
    return (
        f"{line},{row_id},{start},{replied_day},{rule},{days},{day_type},as-received,{due},"
        f"{used},{status},,{channel},{extra}"
    )


def test_a_gbk_export_is_checked_as_it_comes(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "网上咨询导出.csv"
    path.write_bytes("".join(",".join(row) + "\r\n" for row in EXPORT).encode("gbk"))
    code, out, err = gongkai(
        "reply-check", "--file", str(path), "--rule", "auto", "--as-of", "2026-12-07"
    )
    expected = [expected_row(line, row) for line, row in enumerate(EXPORT[1:], start=2)]
    assert out.splitlines() == [
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,"
        "status,reason,channel,诉求类型,承办单位,满意度,备注",
        *expected,
    ]
    # Each unknown value once, with its count: no row is lost, none is guessed.
    statuses = Counter(line.split(",")[10] for line in expected)
    assert statuses == {"met": 2, "missed": 2, "open": 1, "overdue": 1, "invalid": 3}
    assert err.splitlines() == [
        "met 2, missed 2, open 1, overdue 1, invalid 3 (9 rows)",
        "channel '电话': not in the intake map, 2 rows (invalid)",
        "channel '12345': not in the intake map, 1 row (invalid)",
    ]
    assert code == 2


def test_the_hotline_is_outside_task_24_and_reported(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "工单编号,受理渠道,受理时间,答复时间\n"
        "A,12345电话,2026/12/1 9:00,2026/12/2 9:00\n"
        "B,12345 热线,2026/12/1 9:00,\n"
        "C,网站留言,2026/12/1 9:00,2026/12/2 9:00\n",
        "utf-8",
    )
    code, out, err = gongkai(
        "reply-check", "--file", str(path), "--rule", "auto", "--as-of", "2026-12-07"
    )
    reason = "任务24只涉及“12345”网上受理平台，热线电话不在其中，不按本要点的期限核对"
    assert out.splitlines()[1:] == [
        f"2,A,2026/12/1 9:00,2026/12/2 9:00,,,,,,,outside,12345电话: outside the rules ({reason}),12345电话",
        f"3,B,2026/12/1 9:00,,,,,,,,outside,12345 热线: outside the rules ({reason}),12345 热线",
        "4,C,2026-12-01,2026-12-02,consult,5,working,as-received,2026-12-08,1,met,,网站留言",
    ]
    # Outside rows are counted in the rows and said, not failed: exit 0.
    assert (code, err.splitlines()) == (
        0,
        [
            "met 1, missed 0, open 0, overdue 0, invalid 0 (3 rows)",
            "2 rows outside the rules (不适用): their channel is one no rule covers",
        ],
    )


def test_auto_needs_a_channel_column_and_a_file(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,received,replied\nA,2026-12-01,\n", "utf-8")
    assert gongkai("reply-check", "--file", str(path), "--rule", "auto") == (
        2,
        "",
        "Error: --rule auto needs a channel column (受理渠道, 来源, 渠道): its header has none\n",
    )
    assert gongkai("reply-check", "--received", "2026-12-01", "--rule", "auto") == (
        2,
        "",
        "Error: --rule auto is for a file: each row's rule comes from its channel column\n",
    )


CHANNEL_REFUSED = (
    "Error: --channel is for the rules of an information-disclosure application "
    "(application-reply, extension, correction-notice): 条例 第三十一条 fixes their day of "
    "receipt by how the application came; {rule} is not one of them\n"
)


@pytest.mark.parametrize(
    ("rule", "label"),
    [
        ("信访受理", "petition-acceptance 信访受理"),
        ("petition-notice", "petition-notice 信访告知"),
        ("consult", "consult 网上咨询"),
    ],
)
def test_an_explicit_channel_on_another_rule_exits_2(
    gongkai: Gongkai, rule: str, label: str
) -> None:
    message = CHANNEL_REFUSED.format(rule=label)
    for command in (
        ["deadline", "--from", "2026-12-01"],
        ["reply-check", "--received", "2026-12-01"],
    ):
        assert gongkai(*command, "--rule", rule, "--channel", "互联网") == (2, "", message)


def test_a_channel_column_passes_through_a_rule_it_means_nothing_to(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # consult and 信访 rows keep their channel as written and count from arrival; the
    # application row (Sat 2026-11-28, online) counts from the next working day.
    path = tmp_path / "cases.csv"
    path.write_text(
        "id,received,replied,rule,channel\n"
        "A,2026-11-28,,consult,传真\n"
        "B,2026-11-28,,信访受理,不知道什么渠道\n"
        "C,2026-11-28,,依申请公开,一网通办\n",
        "utf-8",
    )
    code, out, _ = gongkai("reply-check", "--file", str(path), "--as-of", "2026-11-30")
    assert code == 0
    rows = [(r[4], r[8], r[7], r[12]) for r in list(csv.reader(out.splitlines()))[1:]]
    assert rows == [
        ("consult", "2026-12-04", "as-received", "传真"),
        ("petition-notice", "2026-12-14", "as-received", "不知道什么渠道"),
        ("application-reply", "2026-12-28", "next-working-day", "online"),
    ]


@pytest.mark.parametrize(
    ("name", "channel"),
    [("当面申请", "in-person"), ("电子邮件", "online"), ("一网通办", "online")],
)
def test_shanghais_own_names_of_channels(gongkai: Gongkai, name: str, channel: str) -> None:
    import json

    code, out, _ = gongkai(
        "deadline",
        "--from",
        "2025-10-04",
        "--rule",
        "依申请公开",
        "--channel",
        name,
        "-f",
        "json",
    )
    assert (code, json.loads(out)["channel"]) == (0, channel)


def test_a_letter_is_asked_once_for_the_file(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "id,received,replied,rule,channel\nA,2025-10-04,,依申请公开,信函申请\n"
        "B,2025-10-04,,依申请公开,信件\n",
        "utf-8",
    )
    code, out, _ = gongkai("reply-check", "--file", str(path), "--as-of", "2025-10-10")
    assert code == 2
    assert all("could be post or ordinary-letter" in line for line in out.splitlines()[1:])
    for letters, channel in (("post", "post"), ("平常信函", "ordinary-letter")):
        code, out, _ = gongkai(
            "reply-check",
            "--file",
            str(path),
            "--letters",
            letters,
            "--as-of",
            "2025-10-10",
        )
        assert code == 0
        assert [line.rsplit(",", 1)[1] for line in out.splitlines()[1:]] == [channel, channel]
    assert gongkai("reply-check", "--file", str(path), "--letters", "fax") == (
        2,
        "",
        "Error: --letters is ordinary-letter or post, not 'fax'\n",
    )
    code, _, err = gongkai(
        "deadline", "--from", "2025-10-04", "--rule", "依申请公开", "--channel", "信函申请"
    )
    assert code == 2
    assert err.startswith("Error: '信函申请' could be post or ordinary-letter (第三十一条第二项")


def test_a_confirmation_day_wins_over_the_convention(gongkai: Gongkai, tmp_path: Path) -> None:
    # 条例 第三十一条第三项: 以双方确认之日为收到之日. Submitted online Sat 2026-11-28: by the
    # next-working-day convention (gongkai's, labelled so) counted from Mon 11-30; with a
    # 确认日期 of Tue 12-01, from that day, as received: 20 working days end 12-29.
    path = tmp_path / "applications.csv"
    path.write_text(
        "id,received,replied,rule,channel,确认日期\n"
        "a,2026-11-28,,依申请公开,一网通办,2026-12-01\n"
        "b,2026-11-28,,依申请公开,一网通办,\n",
        "utf-8",
    )
    code, out, _ = gongkai("reply-check", "--file", str(path), "--as-of", "2026-12-07")
    rows = [(r[1], r[1 + 1], r[7], r[8], r[11]) for r in list(csv.reader(out.splitlines()))[1:]]
    assert (code, rows) == (
        0,
        [
            (
                "a",
                "2026-11-28",
                "as-received",
                "2026-12-29",
                "counted from the confirmation day 2026-12-01 "
                "(条例 第三十一条第三项: 以双方确认之日为收到之日)",
            ),
            ("b", "2026-11-28", "next-working-day", "2026-12-28", ""),
        ],
    )


CONFIRMED = (
    "id,received,replied,rule,channel,确认日期,备注\n"
    "a,2026-11-28,,依申请公开,一网通办,2026年12月1日,甲\n"
    "b,2026-11-28,,依申请公开,一网通办,,乙\n"
    "c,2026-11-28,,petition-acceptance,网上信访,2026/12/1,丙\n"
)


def test_the_confirmation_day_is_echoed_in_every_format(gongkai: Gongkai, tmp_path: Path) -> None:
    # 确认日期 decides a row's count: each output repeats it after reason (as channel),
    # as the day it read for an application rule, untouched on any other rule (c: a
    # 信访 rule reads no confirmation day, and the column passes through as written).
    from openpyxl import load_workbook

    path = tmp_path / "applications.csv"
    path.write_text(CONFIRMED, "utf-8")
    args = ("reply-check", "--file", str(path), "--as-of", "2026-12-07")
    rows = list(csv.reader(gongkai(*args, "-f", "csv").expect().splitlines()))
    assert rows[0][11:] == ["reason", "channel", "confirmed", "备注"]
    assert [(r[1], r[8], r[13], r[14]) for r in rows[1:]] == [
        ("a", "2026-12-29", "2026-12-01", "甲"),
        ("b", "2026-12-28", "", "乙"),
        ("c", rows[3][8], "2026/12/1", "丙"),
    ]
    data = gongkai(*args, "-f", "json").json()
    assert [(r["id"], r["confirmed"], r["extra"]) for r in data] == [
        ("a", "2026-12-01", {"备注": "甲"}),
        ("b", None, {"备注": "乙"}),
        ("c", "2026/12/1", {"备注": "丙"}),
    ]
    table = gongkai(*args, "-f", "table").expect().splitlines()
    assert table[0].split()[:4] == ["行", "编号", "收到", "答复"]  # no wider for it
    assert [line.split()[0] for line in table[2:7]] == ["2", "确认", "3", "4", "确认"]
    assert [table[3].split()[1], table[6].split()[1]] == ["2026-12-01", "2026/12/1"]
    out = tmp_path / "checked.xlsx"
    gongkai(*args, "-f", "xlsx", "-o", str(out)).checked()
    sheet = load_workbook(out).worksheets[0]
    head = [cell.value for cell in sheet[1]]
    column = head.index("确认日期")
    assert head[column + 1] == "备注"
    values = [row[column].value for row in sheet.iter_rows(min_row=2, max_row=4)]
    assert values == [dt.datetime(2026, 12, 1), None, "2026/12/1"]


def test_each_row_echoes_its_own_confirmation_day(gongkai: Gongkai, tmp_path: Path) -> None:
    # Rows with date-times are checked once per day (a cache keyed on the days read): a
    # 确认日期 no rule reads is not one of them, so each row still repeats its own.
    path = tmp_path / "petitions.csv"
    path.write_text(
        "id,received,replied,rule,确认日期\n"
        "a,2026/11/2 9:15,2026/11/10 10:00,petition-notice,2026/11/3\n"
        "b,2026/11/2 14:30,2026/11/10 16:00,petition-notice,11月4日\n",
        "utf-8",
    )
    args = ("reply-check", "--file", str(path), "--as-of", "2026-12-07", "-f", "json")
    rows = gongkai(*args).json()
    assert [(r["id"], r["status"], r["confirmed"]) for r in rows] == [
        ("a", "met", "2026/11/3"),
        ("b", "met", "11月4日"),
    ]


def test_no_confirmation_column_no_confirmed_output(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "applications.csv"
    path.write_text("id,received,replied,rule\na,2026-11-27,,依申请公开\n", "utf-8")
    args = ("reply-check", "--file", str(path), "--as-of", "2026-12-07")
    assert "confirmed" not in gongkai(*args, "-f", "csv").expect()
    assert "confirmed" not in gongkai(*args, "-f", "json").json()[0]
    assert "确认" not in gongkai(*args, "-f", "table").expect()


def test_the_next_working_day_rule_is_labelled_a_convention(gongkai: Gongkai) -> None:
    code, out, _ = gongkai(
        "deadline", "--from", "2021-10-02", "--rule", "依申请公开", "--channel", "互联网"
    )
    assert code == 0
    assert "next-working-day: 非工作日收到的，视为下一工作日收到（gongkai 约定，条例" in out
