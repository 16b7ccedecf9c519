"""The whole clock of the 条例 and the 信访条例: new rules, channels, restarts, by hand.

Every expected deadline below was counted by hand from the State Council's holiday
arrangements (2021: 国办发明电〔2020〕27号; 2025: 国办发明电〔2024〕12号), written out
in HOLIDAYS_2025 for the 2025 cases, so the 2025 answers are checked against both
chinese-calendar and the notice as transcribed here. The count starts the day after
receipt (民法典 第二百零一条); a calendar-day period ending on a rest day ends on the
next working day (民法典 第二百零三条).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Gongkai

# 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号).
HOLIDAYS_2025 = """\
years:
  2025:
    source: 国办发明电〔2024〕12号
    holidays:
      - {name: 元旦, first: 2025-01-01}
      - {name: 春节, first: 2025-01-28, last: 2025-02-04}
      - {name: 清明节, first: 2025-04-04, last: 2025-04-06}
      - {name: 劳动节, first: 2025-05-01, last: 2025-05-05}
      - {name: 端午节, first: 2025-05-31, last: 2025-06-02}
      - {name: 国庆节、中秋节, first: 2025-10-01, last: 2025-10-08}
    makeup_workdays:
      - {date: 2025-01-26, name: 春节}
      - {date: 2025-02-08, name: 春节}
      - {date: 2025-04-27, name: 劳动节}
      - {date: 2025-09-28, name: 国庆节、中秋节}
      - {date: 2025-10-11, name: 国庆节、中秋节}
"""


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


@pytest.fixture(params=["chinese-calendar", "notice"])
def calendar_args(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    """The calendar to count on: the library's, or the 2025 notice as written above."""
    if request.param == "chinese-calendar":
        return []
    path = tmp_path / "holidays-2025.yaml"
    path.write_text(HOLIDAYS_2025, encoding="utf-8")
    return ["--holidays", str(path)]


def deadline(gongkai: Gongkai, *args: str) -> str:
    code, out, err = gongkai("deadline", *args, "-f", "json")
    assert (code, err) == (0, "")
    return str(json.loads(out)["deadline"])


# (received, rule, extra options, deadline): each counted by hand in the comment.
CASES_2021 = [
    # 第二十六条: formed Fri 09-24; 09-26 (Sun, 调休) is 1st, 09-27..30 2nd-5th, 国庆 10-01..07,
    # 10-08 6th, 10-09 (Sat, 调休) 7th, then 10-11..15, 18..22, 25..27: 20th on 10-27.
    ("2021-09-24", "主动公开", [], "2021-10-27"),
    # Received on 调休 Saturday 10-09, a working day: 10-11 is 1st, 20th on Fri 11-05.
    ("2021-10-09", "依申请公开", [], "2021-11-05"),
    # The same online: 10-09 is already a working day, so nothing moves.
    ("2021-10-09", "依申请公开", ["--channel", "互联网"], "2021-11-05"),
    # Online on Sat 10-02 (国庆): confirmed at the earliest Fri 10-08; 10-09 1st,
    # 10-11..15 2nd-6th, 18..22, 25..29 (16th), 11-01..04: 20th on 11-04.
    ("2021-10-02", "application-reply", ["--channel", "online"], "2021-11-04"),
    # In person the same day counts from the day itself: 10-08 is 1st, 20th on 11-03.
    ("2021-10-02", "application-reply", ["--channel", "当面"], "2021-11-03"),
    # 第三十条: received Tue 09-28; 09-29, 09-30, 10-08, 10-09 (调休), 10-11..13: 7th on 10-13.
    ("2021-09-28", "补正告知", [], "2021-10-13"),
    # ... and the corrected application arrives Fri 10-15: 20 working days from it, 11-12.
    ("2021-09-28", "依申请公开", ["--restart", "2021-10-15"], "2021-11-12"),
    # 第三十四条: 征求意见书 received Thu 09-30; 10-08, 10-09 (调休), 10-11..15, 18..22,
    # 25..27: 15th on 10-27.
    ("2021-09-30", "征求其他机关意见", [], "2021-10-27"),
    # 信访条例 第二十二条: received Thu 09-16, +15 days is 10-01 (国庆): next working day 10-08.
    ("2021-09-16", "信访受理", [], "2021-10-08"),
    # Received on 调休 Saturday 10-09: +15 is Sun 10-24, a rest day: Mon 10-25.
    ("2021-10-09", "信访受理", [], "2021-10-25"),
    # 第二十一条: referred Mon 02-01, +15 is 02-16, inside 春节 (02-11..17): Thu 02-18.
    ("2021-02-01", "转送信访受理", [], "2021-02-18"),
    # 第三十三条: accepted Mon 08-02, +60 is 10-01 (国庆): 10-08.
    ("2021-08-02", "信访办结", [], "2021-10-08"),
    # Extended by 30: +90 is Sun 10-31: Mon 11-01.
    ("2021-08-02", "信访延期办结", [], "2021-11-01"),
]

CASES_2025 = [
    # 第二十六条: formed Fri 09-26; 09-28 (Sun, 调休) 1st, 09-29, 09-30, 国庆中秋 10-01..08,
    # 10-09 4th, 10-10 5th, 10-11 (Sat, 调休) 6th, 10-13..17, 20..24, 27..30: 20th on 10-30.
    ("2025-09-26", "proactive-disclosure", [], "2025-10-30"),
    # Received on 调休 Saturday 10-11: 10-13 is 1st, 20th on Fri 11-07.
    ("2025-10-11", "application-reply", [], "2025-11-07"),
    ("2025-10-11", "application-reply", ["--channel", "fax"], "2025-11-07"),
    # Received on 调休 Saturday 02-08 (春节): 02-10 is 1st, 5th on Fri 02-14.
    ("2025-02-08", "网上咨询", [], "2025-02-14"),
    # Online on Sat 10-04 (国庆): deemed Thu 10-09; 10-10 1st, 10-11 (调休) 2nd, 10-13..17,
    # 20..24, 27..31 (17th), 11-03..05: 20th on 11-05. In person: 10-09 is 1st, 20th 11-04.
    ("2025-10-04", "依申请公开", ["--channel", "网上申请"], "2025-11-05"),
    ("2025-10-04", "依申请公开", ["--channel", "in-person"], "2025-11-04"),
    # By post: the 签收之日 is the day given, counted as received.
    ("2025-10-04", "依申请公开", ["--channel", "邮寄"], "2025-11-04"),
    # 第三十条: received Fri 09-26; 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休),
    # 10-13: 7th on 10-13. Corrected application Mon 10-20: 20th on Mon 11-17.
    ("2025-09-26", "correction-notice", [], "2025-10-13"),
    ("2025-09-26", "application-reply", ["--restart", "2025-10-20"], "2025-11-17"),
    # 第三十四条: received Tue 09-30; 10-09, 10-10, 10-11 (调休), 10-13..17, 20..24, 27, 28:
    # 15th on 10-28.
    ("2025-09-30", "agency-opinion", [], "2025-10-28"),
    # 信访条例: +15 from Fri 09-19 is 10-04 (国庆): 10-09.
    ("2025-09-19", "petition-acceptance", [], "2025-10-09"),
    # Received on 调休 Saturday 10-11: +15 is Sun 10-26: Mon 10-27.
    ("2025-10-11", "petition-acceptance", [], "2025-10-27"),
    # Referred Mon 01-13: +15 is 01-28, inside 春节 (01-28..02-04): Wed 02-05.
    ("2025-01-13", "petition-referral", [], "2025-02-05"),
    # Accepted Tue 08-05: +60 is 10-04 (国庆): 10-09; +90 is Mon 11-03.
    ("2025-08-05", "petition-conclusion", [], "2025-10-09"),
    ("2025-08-05", "petition-extension", [], "2025-11-03"),
    # Accepted Sun 07-06: +90 is 10-04 (国庆): 10-09.
    ("2025-07-06", "petition-extension", [], "2025-10-09"),
]


@pytest.mark.parametrize(("received", "rule", "extra", "due"), CASES_2021)
def test_hand_checked_2021(
    gongkai: Gongkai, received: str, rule: str, extra: list[str], due: str
) -> None:
    assert deadline(gongkai, "--from", received, "--rule", rule, *extra) == due


@pytest.mark.parametrize(("received", "rule", "extra", "due"), CASES_2025)
def test_hand_checked_2025(
    gongkai: Gongkai,
    calendar_args: list[str],
    received: str,
    rule: str,
    extra: list[str],
    due: str,
) -> None:
    assert deadline(gongkai, "--from", received, "--rule", rule, *extra, *calendar_args) == due


def test_a_pause_for_another_agency_is_not_counted(gongkai: Gongkai) -> None:
    # 第三十四条 with 第三十三条第三款: received Wed 2021-09-01, the other agency consulted
    # 09-06..09-10 (5 working days). Counted: 09-02, 09-03, 09-13..17, 09-18 (调休),
    # 09-22..24, 09-26 (调休), 09-27..30 (16th), 10-08, 10-09 (调休), 10-11, 10-12: 20th.
    code, out, _ = gongkai(
        "reply-check",
        "--received",
        "2021-09-01",
        "--replied",
        "2021-10-12",
        "--rule",
        "依申请公开",
        "--pause",
        "2021-09-06..2021-09-10",
        "-f",
        "json",
    )
    assert code == 0
    assert (json.loads(out)["deadline"], json.loads(out)["status"]) == ("2021-10-12", "met")


def test_deadline_with_a_channel_and_a_restart(gongkai: Gongkai) -> None:
    assert gongkai(
        "deadline",
        "--from",
        "2021-10-02",
        "--rule",
        "依申请公开",
        "--channel",
        "互联网",
        "--restart",
        "2021-10-09",
    ) == (
        0,
        "收到         2021-10-02 周六 国庆节\n"
        "渠道         互联网：以双方确认之日为收到之日（条例 第三十一条第三项）\n"
        "补正后收到   2021-10-09 周六 调休上班（国庆节），期限重新计算（条例 第三十条）\n"
        "期限         20个工作日（application-reply 依申请公开）\n"
        "起算         next-working-day: 非工作日收到的，视为下一工作日收到（gongkai 约\n"
        "             定，条例未规定：第三十一条以双方确认之日为收到之日，有确认日期的按\n"
        "             确认日期）\n"
        "截止         2021-11-05 周五 工作日\n",
        "",
    )


def test_deadline_json_names_the_rule_by_id(gongkai: Gongkai) -> None:
    code, out, _ = gongkai(
        "deadline",
        "--from",
        "2021-10-02",
        "--rule",
        "依申请公开",
        "--channel",
        "当面",
        "-f",
        "json",
    )
    assert (code, json.loads(out)) == (
        0,
        {
            "from": "2021-10-02",
            "rule": "application-reply",
            "days": 20,
            "day_type": "working",
            "receipt": "as-received",
            "deadline": "2021-11-03",
            "channel": "in-person",
        },
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--restart", "2021-09-30"],
            "Error: the restart (2021-09-30) is before the receipt (2021-10-02)\n",
        ),
        (
            ["--channel", "快递"],
            "Error: unknown channel '快递' (channels: in-person (当面), post (邮寄), "
            "ordinary-letter (平常信函), online (互联网), fax (传真))\n",
        ),
        (
            ["--channel", "online", "--receipt", "as-received"],
            "Error: give --channel or --receipt, not both\n",
        ),
        (["--restart", "2021-02-30"], None),
    ],
)
def test_bad_channel_or_restart_exits_2(
    gongkai: Gongkai, args: list[str], message: str | None
) -> None:
    code, out, err = gongkai("deadline", "--from", "2021-10-02", "--rule", "依申请公开", *args)
    assert (code, out) == (2, "")
    if message is not None:
        assert err == message


def test_rules(gongkai: Gongkai) -> None:
    # Each rule with its Chinese names under the id; the reply date under the table. On
    # 2021-06-15 the 信访条例 is in force and the 信访工作条例 not yet: its rules are in a
    # table of their own (issue 19 item 1).
    assert gongkai("rules") == (
        0,
        "规则                            期限           事项                 依据\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "consult                         5个工作日      网上咨询、网站留     沪府办\n"
        "网上咨询                                       言、“12345”网上受    〔2021〕21号\n"
        "                                               理平台意见建议和问   任务分解表\n"
        "                                               题咨询的答复         第24项\n"
        "simple                          1个工作日      简单问题的答复       沪府办\n"
        "简单问题                                                            〔2021〕21号\n"
        "                                                                    任务分解表\n"
        "                                                                    第24项\n"
        "decision-feedback               10个工作日     公开决策草案前期意   沪府办\n"
        "意见采纳情况公开                               见的收集、采纳情况   〔2021〕21号\n"
        "                                               （自决策文件出台起   任务分解表\n"
        "                                               算）                 第30项\n"
        "workplan                        30日           在本单位门户网站公   沪府办\n"
        "工作要点公开                                   开年度政务公开工作   〔2021〕21号\n"
        "                                               要点（自本工作要点   任务分解表\n"
        "                                               印发起算）           第99项\n"
        "proactive-disclosure            20个工作日     主动公开政府信息     《政府信息公\n"
        "主动公开                                       （自政府信息形成或   开条例》第二\n"
        "                                               者变更之日起算）     十六条\n"
        "                                                                    现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "application-reply               20个工作日     政府信息公开申请的   《政府信息公\n"
        "依申请公开                                     答复                 开条例》第三\n"
        "申请答复                                                            十三条第二款\n"
        "                                                                    现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "extension                       40个工作日     延长后的政府信息公   《政府信息公\n"
        "延长答复                        （含延长20）   开申请答复           开条例》第三\n"
        "                                                                    十三条第二款\n"
        "                                                                    现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "correction-notice               7个工作日      一次性告知申请人作   《政府信息公\n"
        "补正告知                                       出补正               开条例》第三\n"
        "                                                                    十条\n"
        "                                                                    现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "third-party-opinion             15个工作日     第三方对征求意见书   《政府信息公\n"
        "征求第三方意见                                 提出意见（自收到征   开条例》第三\n"
        "                                               求意见书之日起算）   十二条\n"
        "                                                                    现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "agency-opinion                  15个工作日     被征求意见机关对征   《政府信息公\n"
        "征求其他机关意见                               求意见书提出意见     开条例》第三\n"
        "                                               （自收到征求意见书   十四条\n"
        "                                               之日起算）           现行\n"
        "                                                                    （2019-05-15\n"
        "                                                                    起）\n"
        "petition-office-2005            15日           人民政府信访工作机   《信访条例》\n"
        "信访机构转送                                   构登记并转送、交办   第二十一条第\n"
        "                                               信访事项             一款\n"
        "                                                                    现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-acceptance             15日           行政机关书面告知信   《信访条例》\n"
        "信访受理                                       访人是否受理         第二十二条第\n"
        "                                                                    二款\n"
        "                                                                    现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-referral               15日           收到转送、交办的信   《信访条例》\n"
        "转送信访受理                                   访事项后决定是否受   第二十一条\n"
        "                                               理（自收到转送、交   现行\n"
        "                                               办的信访事项之日起   （2005-05-01\n"
        "                                               算）                 至\n"
        "                                                                    2022-04-30）\n"
        "petition-conclusion             60日           信访事项办结（自受   《信访条例》\n"
        "信访办结                                       理之日起算）         第三十三条\n"
        "                                                                    现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-extension              90日           延长后的信访事项办   《信访条例》\n"
        "信访延期办结                    （含延长30）   结（自受理之日起     第三十三条\n"
        "                                               算）                 现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-review-request-2005    30日           信访人请求复查（自   《信访条例》\n"
        "信访条例请求复查                               收到书面答复之日起   第三十四条\n"
        "                                               算）                 现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-review-2005            30日           提出复查意见（自收   《信访条例》\n"
        "信访条例复查                                   到复查请求之日起     第三十四条\n"
        "                                               算）                 现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-recheck-request-2005   30日           信访人请求复核（自   《信访条例》\n"
        "信访条例请求复核                               收到书面答复之日起   第三十五条第\n"
        "                                               算）                 一款\n"
        "                                                                    现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "petition-recheck-2005           30日           提出复核意见（自收   《信访条例》\n"
        "信访条例复核                                   到复核请求之日起     第三十五条第\n"
        "                                               算）                 一款\n"
        "                                                                    现行\n"
        "                                                                    （2005-05-01\n"
        "                                                                    至\n"
        "                                                                    2022-04-30）\n"
        "29 条规则（2021-06-15 现行 19 条）；收到当日不计入（民法典 第二百零一条）\n"
        "答复日期（期限计算时点）：直接送达、委托送达以申请人签收之日为准，邮寄送达以交邮\n"
        "之日为准 (国办公开办函〔2016〕235号)\n"
        "尚未施行的文本：收到之日在其施行之后的案件，按它们计算\n"
        "规则                          期限           事项                  依据\n"
        "───────────────────────────────────────────────────────────────────────────────\n"
        "petition-office               15日           党委和政府信访部门    《信访工作条\n"
        "信访部门转送                                 登记并转送、交办信    例》第二十二\n"
        "                                             访事项                条第一款\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-notice               15日           书面告知信访人（信    《信访工作条\n"
        "信访告知                                     访人直接提出的信访    例》第二十三\n"
        "                                             事项）                条第二款\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-referral-notice      15日           书面告知信访人接收    《信访工作条\n"
        "转送信访告知                                 情况以及处理途径和    例》第二十三\n"
        "                                             程序（转送、交办的    条第三款\n"
        "                                             信访事项）（自收到    尚未施行\n"
        "                                             转送、交办的信访事    （2022-05-01\n"
        "                                             项之日起算）          起）\n"
        "petition-objection            5个工作日      对不属于本机关、单    《信访工作条\n"
        "转送信访异议                                 位职权范围的转送、    例》第二十三\n"
        "                                             交办信访事项提出异    条第三款\n"
        "                                             议（自收到转送、交    尚未施行\n"
        "                                             办的信访事项之日起    （2022-05-01\n"
        "                                             算）                  起）\n"
        "petition-handling             60日           信访事项办结（第三    《信访工作条\n"
        "信访办理                                     十一条第六项：听取    例》第三十四\n"
        "                                             陈述、调查核实、出    条\n"
        "                                             具信访处理意见书的    尚未施行\n"
        "                                             申诉求决类事项）      （2022-05-01\n"
        "                                             （自受理之日起算）    起）\n"
        "petition-handling-extension   90日           延长后的信访事项办    《信访工作条\n"
        "信访延期办理                  （含延长30）   结（第三十一条第六    例》第三十四\n"
        "                                             项）（自受理之日起    条\n"
        "                                             算）                  尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-review-request       30日           信访人请求复查（自    《信访工作条\n"
        "请求复查                                     收到书面答复之日起    例》第三十五\n"
        "                                             算）                  条\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-review               30日           提出复查意见并书面    《信访工作条\n"
        "信访复查                                     答复（自收到复查请    例》第三十五\n"
        "                                             求之日起算）          条\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-recheck-request      30日           信访人请求复核（自    《信访工作条\n"
        "请求复核                                     收到书面答复之日起    例》第三十六\n"
        "                                             算）                  条第一款\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n"
        "petition-recheck              30日           提出复核意见（自收    《信访工作条\n"
        "信访复核                                     到复核请求之日起      例》第三十六\n"
        "                                             算）                  条第一款\n"
        "                                                                   尚未施行\n"
        "                                                                   （2022-05-01\n"
        "                                                                   起）\n",
        "",
    )


def test_rules_as_json(gongkai: Gongkai) -> None:
    code, out, _ = gongkai("rules", "-f", "json")
    records = json.loads(out)
    assert code == 0
    assert [(r["id"], r["count"], r["total_days"], r["day_type"]) for r in records] == [
        ("consult", 5, 5, "working"),
        ("simple", 1, 1, "working"),
        ("decision-feedback", 10, 10, "working"),
        ("workplan", 30, 30, "calendar"),
        ("proactive-disclosure", 20, 20, "working"),
        ("application-reply", 20, 20, "working"),
        ("extension", 20, 40, "working"),
        ("correction-notice", 7, 7, "working"),
        ("third-party-opinion", 15, 15, "working"),
        ("agency-opinion", 15, 15, "working"),
        ("petition-office-2005", 15, 15, "calendar"),
        ("petition-acceptance", 15, 15, "calendar"),
        ("petition-referral", 15, 15, "calendar"),
        ("petition-conclusion", 60, 60, "calendar"),
        ("petition-extension", 30, 90, "calendar"),
        ("petition-review-request-2005", 30, 30, "calendar"),
        ("petition-review-2005", 30, 30, "calendar"),
        ("petition-recheck-request-2005", 30, 30, "calendar"),
        ("petition-recheck-2005", 30, 30, "calendar"),
        ("petition-office", 15, 15, "calendar"),
        ("petition-notice", 15, 15, "calendar"),
        ("petition-referral-notice", 15, 15, "calendar"),
        ("petition-objection", 5, 5, "working"),
        ("petition-handling", 60, 60, "calendar"),
        ("petition-handling-extension", 30, 90, "calendar"),
        ("petition-review-request", 30, 30, "calendar"),
        ("petition-review", 30, 30, "calendar"),
        ("petition-recheck-request", 30, 30, "calendar"),
        ("petition-recheck", 30, 30, "calendar"),
    ]
    # Which text is in force today (2021-06-15), with its days; a plan's rules have none.
    states = {r["id"]: r.get("in_force") for r in records}
    assert states["consult"] is None
    assert states["application-reply"] == {"from": "2019-05-15", "to": None, "state": "in-force"}
    assert states["petition-acceptance"] == {
        "from": "2005-05-01",
        "to": "2022-04-30",
        "state": "in-force",
    }
    assert states["petition-notice"] == {"from": "2022-05-01", "to": None, "state": "future"}
    assert next(r for r in records if r["id"] == "petition-notice")["replaces"] == (
        "petition-acceptance"
    )
    code, out, _ = gongkai("rules", "-f", "json", env={"GONGKAI_TODAY": "2026-12-07"})
    states = {r["id"]: r.get("in_force", {}).get("state") for r in json.loads(out)}
    assert (states["petition-acceptance"], states["petition-notice"]) == ("historical", "in-force")
    assert records[0] == {
        "id": "consult",
        "aliases": ["网上咨询"],
        "name": "网上咨询、网站留言、“12345”网上受理平台意见建议和问题咨询的答复",
        "count": 5,
        "day_type": "working",
        "total_days": 5,
        "extends": None,
        "receipt": "as-received",
        "counts_from": "收到之日",
        "basis": "沪府办〔2021〕21号 任务分解表 第24项",
        "task": 24,
        "quote": "通过网上咨询、网站留言、“12345”网上受理平台收到的意见建议和问题咨询,"
        "答复期限不得超过5个工作日",
        "checked_against": ["plan"],
        "check_note": "原文只有这一份；引文照录原文的半角逗号",
        "note": None,
    }


# -- reply-check: restart and channel, one case and a file ------------------------------------


def test_reply_check_counts_from_the_restart(gongkai: Gongkai) -> None:
    # Received Tue 2021-09-28, the corrected application Fri 10-15: due Fri 11-12 (above).
    assert gongkai(
        "reply-check",
        "--received",
        "2021-09-28",
        "--restart",
        "2021-10-15",
        "--replied",
        "2021-11-12",
        "--rule",
        "依申请公开",
        "--as-of",
        "2021-12-01",
    ) == (
        0,
        "收到         2021-09-28 周二 工作日\n"
        "补正后收到   2021-10-15 周五 工作日，期限重新计算（条例 第三十条）\n"
        "答复         2021-11-12 周五 工作日\n"
        "期限         20个工作日（application-reply 依申请公开）\n"
        "起算         as-received: 收到当日不计入，自次日起算\n"
        "截止         2021-11-12 周五 工作日\n"
        "已用工作日   20\n"
        "结论         met 按时\n",
        "",
    )


def test_reply_check_one_case_by_channel_as_json(gongkai: Gongkai) -> None:
    code, out, _ = gongkai(
        "reply-check",
        "--received",
        "2025-10-04",
        "--replied",
        "2025-11-05",
        "--rule",
        "依申请公开",
        "--channel",
        "互联网",
        "--restart",
        "2025-10-04",
        "--as-of",
        "2025-12-01",
        "-f",
        "json",
    )
    assert (code, json.loads(out)) == (
        0,
        {
            "received": "2025-10-04",
            "replied": "2025-11-05",
            "rule": "application-reply",
            "days": 20,
            "deadline": "2025-11-05",  # deemed received Thu 10-09 (above)
            "working_days_used": 20,
            "status": "met",
            "day_type": "working",
            "receipt": "next-working-day",
            "pauses": [],
            "restart": "2025-10-04",
            "channel": "online",
        },
    )


def test_a_restart_before_the_receipt_exits_2(gongkai: Gongkai) -> None:
    assert gongkai(
        "reply-check",
        "--received",
        "2021-10-02",
        "--restart",
        "2021-09-30",
        "--rule",
        "依申请公开",
    ) == (2, "", "Error: the restart (2021-09-30) is before the receipt (2021-10-02)\n")


CHANNEL_CSV = (
    "id,received,replied,rule,channel,restart\n"
    "A,2021-09-28,2021-11-12,依申请公开,,2021-10-15\n"
    "B,2021-09-28,2021-11-15,application-reply,,2021-10-15\n"
    "C,2021-10-02,2021-11-04,依申请公开,互联网,\n"
    "D,2021-10-02,2021-11-04,依申请公开,当面,\n"
    "E,2021-10-02,,依申请公开,,2021-09-30\n"
    "F,2021-10-02,,依申请公开,快递,\n"
    "G,2025-10-11,,信访受理,,\n"
)


def test_a_file_with_channel_and_restart_columns(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CHANNEL_CSV, encoding="utf-8")
    code, out, err = gongkai("reply-check", "--file", str(path), "--as-of", "2025-10-20")
    assert (code, err) == (2, "met 2, missed 2, open 1, overdue 0, invalid 2 (7 rows)\n")
    assert out == (
        "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,"
        "status,reason,channel,restart\n"
        # Counted from the restart: due 11-12; a day later is missed.
        "2,A,2021-09-28,2021-11-12,application-reply,20,working,as-received,2021-11-12,20,met,,,"
        "2021-10-15\n"
        "3,B,2021-09-28,2021-11-15,application-reply,20,working,as-received,2021-11-12,21,missed,,,"
        "2021-10-15\n"
        # Online on Sat 10-02 (国庆): from Fri 10-08, due 11-04; in person, due 11-03.
        "4,C,2021-10-02,2021-11-04,application-reply,20,working,next-working-day,2021-11-04,20,"
        "met,,online,\n"
        "5,D,2021-10-02,2021-11-04,application-reply,20,working,as-received,2021-11-03,21,"
        "missed,,in-person,\n"
        "6,E,2021-10-02,,依申请公开,,,,,,invalid,the restart (2021-09-30) is before the receipt "
        "(2021-10-02),,2021-09-30\n"
        "7,F,2021-10-02,,依申请公开,,,,,,invalid,\"unknown channel '快递' (channels: in-person "
        '(当面), post (邮寄), ordinary-letter (平常信函), online (互联网), fax (传真))",快递,\n'
        # 信访受理 named, received on 调休 Saturday 2025-10-11: the 信访条例 was no longer in
        # force, so 信访工作条例 第二十三条第二款 (issue 19 item 1), also 15 days: they end
        # Sun 10-26, so Mon 10-27.
        "8,G,2025-10-11,,petition-notice,15,calendar,as-received,2025-10-27,6,open,"
        '"judged by the text in force on the day of receipt: petition-notice (《信访工作条例》'
        "第二十三条第二款), not petition-acceptance (《信访条例》第二十二条第二款, 2005-05-01 至 "
        '2022-04-30)",,\n'
    )


def test_a_jsonl_row_may_give_a_channel_or_restart(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "A", "received": "2021-10-02", "replied": "2021-11-04", "rule": "依申请公开",'
        ' "channel": "fax"}\n'
        '{"id": "B", "received": "2021-07-10", "replied": "2021-07-16", "rule": "consult"}\n',
        encoding="utf-8",
    )
    code, out, _ = gongkai(
        "reply-check", "--file", str(path), "-f", "jsonl", "--as-of", "2021-12-01"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["id"], r["receipt"], r["deadline"], r.get("channel")) for r in rows] == [
        ("A", "next-working-day", "2021-11-04", "fax"),
        ("B", "as-received", "2021-07-16", None),
    ]
    assert "channel" not in rows[1]  # rows without them keep their old shape


def test_a_channel_column_and_receipt_option_conflict(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,received,replied,rule,channel\nA,2021-10-02,,依申请公开,fax\n", "utf-8")
    code, out, _ = gongkai(
        "reply-check", "--file", str(path), "--receipt", "as-received", "-f", "jsonl"
    )
    assert code == 2
    assert json.loads(out)["reason"] == "a row gives a channel, and --receipt sets the convention"


# -- deadline --pause, the same option as reply-check's (issue 19 item 6) ---------------------


def test_deadline_leaves_a_pause_out_of_the_count(gongkai: Gongkai) -> None:
    # As reply-check above: received Wed 2021-09-01, another agency consulted 09-06..09-10.
    assert gongkai(
        "deadline",
        "--from",
        "2021-09-01",
        "--rule",
        "依申请公开",
        "--pause",
        "2021-09-06..2021-09-10",
    ) == (
        0,
        "收到   2021-09-01 周三 工作日\n"
        "期限   20个工作日（application-reply 依申请公开）\n"
        "起算   as-received: 收到当日不计入，自次日起算\n"
        "暂停   2021-09-06 至 2021-09-10\n"
        "截止   2021-10-12 周二 工作日\n",
        "",
    )
    code, out, _ = gongkai(
        "deadline",
        "--from",
        "2021-09-01",
        "--rule",
        "依申请公开",
        "--pause",
        "2021-09-06..2021-09-07",
        "--pause",
        "2021/9/8..20210910",
        "-f",
        "json",
    )
    assert (code, json.loads(out)) == (
        0,
        {
            "from": "2021-09-01",
            "rule": "application-reply",
            "days": 20,
            "day_type": "working",
            "receipt": "as-received",
            "deadline": "2021-10-12",
            "pauses": [
                {"start": "2021-09-06", "end": "2021-09-07"},
                {"start": "2021-09-08", "end": "2021-09-10"},
            ],
        },
    )
    # The same deadline as reply-check's, for any pause.
    for pause in ("2021-09-06..2021-09-10", "2021-10-01..2021-10-08", "2021-08-01..2021-09-02"):
        code, out, _ = gongkai(
            "reply-check",
            "--received",
            "2021-09-01",
            "--rule",
            "依申请公开",
            "--pause",
            pause,
            "-f",
            "json",
        )
        assert (
            deadline(gongkai, "--from", "2021-09-01", "--rule", "依申请公开", "--pause", pause)
            == (json.loads(out)["deadline"])
        )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--rule", "consult", "--pause", "2021-09-10..2021-09-06"],
            "invalid pause '2021-09-10..2021-09-06': it ends before it starts",
        ),
        (
            ["--rule", "consult", "--pause", "2021-09-06"],
            "invalid pause '2021-09-06': expected START..END, e.g. 2021-07-12..2021-07-16",
        ),
    ],
)
def test_deadline_refuses_a_bad_pause(gongkai: Gongkai, args: list[str], message: str) -> None:
    assert gongkai("deadline", "--from", "2021-09-01", *args) == (2, "", f"Error: {message}\n")


def test_a_hearing_is_left_out_of_a_count_of_calendar_days(gongkai: Gongkai) -> None:
    # 信访工作条例 第三十六条: 听证所需时间不计算在前款规定的期限内. 复核 request received
    # Wed 2023-03-01; hearing 03-10..03-14 (5 days, weekend included). 30 days would end
    # 03-31; the 5 paused days move it to Wed 04-05, 清明节: so Thu 04-06.
    args = ["--from", "2023-03-01", "--rule", "信访复核", "--pause", "2023-03-10..2023-03-14"]
    assert deadline(gongkai, *args) == "2023-04-06"
    assert deadline(gongkai, "--from", "2023-03-01", "--rule", "信访复核") == "2023-03-31"
    code, out, _ = gongkai("deadline", *args, "--explain", "-f", "json")
    assert code == 0
    notes = [(d["date"], d["counted"], d["note"]) for d in json.loads(out)["explain"]]
    assert notes[8:16] == [
        ("2023-03-09", 8, None),
        ("2023-03-10", None, "paused"),
        ("2023-03-11", None, "paused"),
        ("2023-03-12", None, "paused"),
        ("2023-03-13", None, "paused"),
        ("2023-03-14", None, "paused"),
        ("2023-03-15", 9, None),
        ("2023-03-16", 10, None),
    ]
    # The 30th day counted is 04-05, a holiday: the period is extended to 04-06.
    assert notes[-2:] == [("2023-04-05", 30, None), ("2023-04-06", None, "extended, deadline")]
