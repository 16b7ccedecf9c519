"""The rules the issues ask for, quoted from their sources, validated strictly: the 2021
plan's own (data/rules.yaml) and the statutory ones the package ships."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.errors import InvalidDataError, UsageError
from gongkai_cli.workdays.days import DayType, Period, Receipt
from gongkai_cli.workdays.rules import RuleBook, load_rules, validate_rule_files

ROOT = Path(__file__).resolve().parent.parent
PLAN_RULES = ROOT / "data" / "rules.yaml"
STATUTORY = ROOT / "src" / "gongkai_cli" / "workdays" / "statutory.yaml"
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
W, C = DayType.WORKING, DayType.CALENDAR


@pytest.fixture(autouse=True)
def _no_rules_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_RULES", raising=False)


@pytest.fixture
def book() -> RuleBook:
    return load_rules()


def test_the_rules_the_issue_asks_for(book: RuleBook) -> None:
    assert {rule.id: book.periods[rule.id] for rule in book} == {
        "consult": Period(5, W),
        "simple": Period(1, W),
        "decision-feedback": Period(10, W),
        "workplan": Period(30, C),
        "application-reply": Period(20, W),
        "extension": Period(40, W),  # 20 more on top of application-reply's 20
        "correction-notice": Period(7, W),
        "third-party-opinion": Period(15, W),
        "proactive-disclosure": Period(20, W),  # 条例 第二十六条
        "agency-opinion": Period(15, W),  # 条例 第三十四条
        "petition-acceptance": Period(15, C),  # 信访条例 第二十二条
        "petition-referral": Period(15, C),  # 信访条例 第二十一条
        "petition-conclusion": Period(60, C),  # 信访条例 第三十三条
        "petition-extension": Period(90, C),  # 60 + up to 30
        "petition-office-2005": Period(15, C),  # 信访条例 第二十一条第一款
        "petition-review-request-2005": Period(30, C),  # 信访条例 第三十四条
        "petition-review-2005": Period(30, C),
        "petition-recheck-request-2005": Period(30, C),  # 信访条例 第三十五条
        "petition-recheck-2005": Period(30, C),
        # 信访工作条例, from 2022-05-01 (issue 19 item 1)
        "petition-office": Period(15, C),  # 第二十二条
        "petition-notice": Period(15, C),  # 第二十三条第二款
        "petition-referral-notice": Period(15, C),  # 第二十三条第三款
        "petition-objection": Period(5, W),  # 第二十三条第三款: 5个工作日内提出异议
        "petition-handling": Period(60, C),  # 第三十四条, 第三十一条第六项 only
        "petition-handling-extension": Period(90, C),  # 60 + up to 30
        "petition-review-request": Period(30, C),  # 第三十五条
        "petition-review": Period(30, C),
        "petition-recheck-request": Period(30, C),  # 第三十六条
        "petition-recheck": Period(30, C),
    }
    assert book.get("extension").extends == "application-reply"
    assert book.get("extension").count == 20
    assert book.get("petition-extension").extends == "petition-conclusion"
    assert book.get("petition-extension").count == 30


@pytest.mark.parametrize(
    ("name", "rule_id"),
    [
        ("依申请公开", "application-reply"),
        ("网上咨询", "consult"),
        ("主动公开", "proactive-disclosure"),
        ("补正告知", "correction-notice"),
        ("信访受理", "petition-acceptance"),
        (" 信访办结 ", "petition-conclusion"),
        ("consult", "consult"),
    ],
)
def test_chinese_names_are_aliases(book: RuleBook, name: str, rule_id: str) -> None:
    assert book.get(name).id == rule_id
    assert book.period(name) == book.periods[rule_id]


def test_every_rule_has_a_chinese_name(book: RuleBook) -> None:
    assert all(rule.aliases for rule in book)
    assert book.get("application-reply").label == "application-reply 依申请公开"


# -- quotes against the sources --------------------------------------------------------------

LAWS = ROOT / "data" / "source" / "laws.yaml"
_ARTICLE = re.compile(r"《(.+?)》(第[一二三四五六七八九十百]+条)")


def _law_texts() -> dict[tuple[str, str], str]:
    """(law, article) -> the article's whole text, as extracted from the sources."""
    import yaml

    texts = yaml.safe_load(LAWS.read_text(encoding="utf-8"))["texts"]
    return {(text["law"], text["article"]): text["text"] for text in texts}


def _quoted(basis: str, quote: str) -> None:
    match = _ARTICLE.search(basis)
    assert match, basis
    text = _law_texts()[(match[1], match[2])]
    assert quote in text.replace("\n", ""), (basis, quote)


def test_every_regulation_quote_is_in_its_article_verbatim(book: RuleBook) -> None:
    for rule in book:
        if rule.task is None:
            _quoted(rule.basis, rule.quote)
    for channel in book.channels:
        _quoted(channel.basis, channel.quote)
    for obligation in book.annual:
        _quoted(obligation.basis, obligation.quote)


def test_the_reply_date_quotes_235_verbatim(book: RuleBook) -> None:
    assert book.reply_date is not None
    assert book.reply_date.basis.startswith(
        "国办公开办函〔2016〕235号《国务院办公厅政府信息与政务公开办公室关于政府信息公开处理决定送达问题的解释》"
    )
    text = _law_texts()[("国办公开办函〔2016〕235号", "四、五")]
    assert "四、" + book.reply_date.quote in text.split("\n")
    assert "签收之日" in book.reply_date.quote
    assert "交邮之日" in book.reply_date.quote


def test_the_law_texts_keep_the_sources_punctuation() -> None:
    texts = _law_texts()
    # Both sources write item numbers with ASCII brackets and everything else full-width.
    assert texts[("政府信息公开条例", "第三十一条")].split("\n")[1].startswith("(一)申请人当面提交")
    for text in texts.values():
        assert "," not in text and ";" not in text and ":" not in text


def test_every_quote_names_where_it_was_checked(book: RuleBook) -> None:
    quoted = [*book.rules, *book.channels, *book.annual, book.reply_date]
    for item in quoted:
        assert item is not None
        assert set(item.checked_against) <= set(book.sources)
        # Two sources compared character by character, or a note saying what was not.
        assert len(item.checked_against) >= 2 or item.check_note, item.basis
    # Where one source only could be compared character by character (the others
    # are web pages stored with their punctuation normalised, or there is none).
    noted = {rule.id for rule in book if rule.check_note and rule.task is None}
    assert noted == {rule.id for rule in book if rule.id.startswith("petition-")}
    # Every rule's quote is compared with two sources character by character, or a
    # web page whose punctuation was normalised besides one (its check_note says so).
    alone = {rule.id for rule in book if len(rule.checked_against) == 1 and rule.task is None}
    assert alone == set()


COMET = ROOT / "tests" / "data" / "sources" / "comet-law-xinfang-gongzuo-tiaoli.md"


def test_the_2022_petition_articles_match_a_second_full_copy_character_by_character() -> None:
    """Each article of 《信访工作条例》 in data/source/laws.yaml (taken from LawRefBook)
    is, paragraph by paragraph, in the second full copy (passwordgloo/Comet-law, stored
    in tests/data/sources), full-width punctuation included. The copy's Markdown
    emphasis (<u>…</u>, *…*) is markup, not text, and is removed first."""
    import re

    copy = re.sub(r"</?u>|\*", "", COMET.read_text(encoding="utf-8"))
    copy_paragraphs = {line.strip() for line in copy.splitlines()}
    articles = {k: v for k, v in _law_texts().items() if k[0] == "信访工作条例"}
    assert sorted(a for _, a in articles) == sorted(
        ["第二十二条", "第二十三条", "第三十四条", "第三十五条", "第三十六条", "第五十条"]
    )
    for (_, article), text in articles.items():
        first, *rest = text.split("\n")
        assert f"{article}\u3000{first}" in copy_paragraphs, article
        for paragraph in rest:
            assert paragraph in copy_paragraphs, (article, paragraph)


def test_the_channels_of_article_31(book: RuleBook) -> None:
    got = [(c.id, c.name, c.receipt_day, c.receipt) for c in book.channels]
    assert got == [
        ("in-person", "当面", "提交之日", Receipt.AS_RECEIVED),
        ("post", "邮寄", "签收之日", Receipt.AS_RECEIVED),
        ("ordinary-letter", "平常信函", "确认之日", Receipt.AS_RECEIVED),
        ("online", "互联网", "双方确认之日", Receipt.NEXT_WORKING_DAY),
        ("fax", "传真", "双方确认之日", Receipt.NEXT_WORKING_DAY),
    ]
    assert book.channel("网上申请").id == "online"
    assert book.channel("传真").id == "fax"
    with pytest.raises(UsageError) as caught:
        book.channel("快递")
    assert str(caught.value) == (
        "unknown channel '快递' (channels: in-person (当面), post (邮寄), "
        "ordinary-letter (平常信函), online (互联网), fax (传真))"
    )


def test_the_annual_reports_of_article_49(book: RuleBook) -> None:
    got = [(a.id, a.due(2021), tuple(map(str, a.kinds))) for a in book.annual]
    assert got == [
        (
            "annual-report-department",
            dt.date(2021, 1, 31),
            # A government office is a 部门 too, and owes its own report (issue 19 item 4).
            # and a province's departments are (issue 17's kinds)
            (
                "provincial_department",
                "municipal_department",
                "district_department",
                "government_office",
            ),
        ),
        (
            "annual-report-government",
            dt.date(2021, 3, 31),
            # a city government a province's plan lists, as 2021's 区政府 (issue 17's kinds)
            ("government_office", "city_government", "district_government"),
        ),
        # 第五十条 presupposes a report at every level; the 条例 sets it no day.
        ("annual-report-local", None, ("subdistrict_office", "town_government")),
    ]
    # The decision names, in the article's words, whom each paragraph covers and whom not.
    department, government, local = book.annual
    assert (
        "县级以上人民政府部门" in department.quote and "县级以上人民政府部门" in department.decision
    )
    assert "办公厅（室）也是本级政府的工作部门" in department.decision
    assert "政府信息公开工作主管部门" in government.quote
    assert "政府信息公开工作主管部门" in government.decision
    assert local.undated == "条例未定日期（第五十条）；按本地通知"
    assert "各级人民政府的政府信息公开工作年度报告" in local.quote


def test_every_rule_counts_from_arrival_as_shipped(book: RuleBook) -> None:  # channels may not
    assert {rule.receipt for rule in book} == {Receipt.AS_RECEIVED}


def _task_rows() -> dict[int, str]:
    """序号 -> the annex row's text, from the source document itself."""
    rows: dict[int, str] = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"(\d+)\t", line)
        if match:
            rows[int(match[1])] = line
    return rows


@pytest.mark.parametrize("rule_id", ["consult", "simple", "decision-feedback", "workplan"])
def test_a_plan_rule_quotes_its_task_verbatim(book: RuleBook, rule_id: str) -> None:
    rule = book.get(rule_id)
    assert rule.task is not None
    assert rule.quote in _task_rows()[rule.task]
    assert f"第{rule.task}项" in rule.basis


def test_each_quote_states_the_rules_count(book: RuleBook) -> None:
    for rule in book:
        unit = "个工作日" if rule.day_type is W else "日"
        assert f"{rule.count}{unit}" in rule.quote, rule.id


def test_regulation_rules_name_their_article(book: RuleBook) -> None:
    articles = {rule.id: rule.basis for rule in book if rule.task is None}
    assert articles == {
        "application-reply": "《政府信息公开条例》第三十三条第二款",
        "extension": "《政府信息公开条例》第三十三条第二款",
        "correction-notice": "《政府信息公开条例》第三十条",
        "third-party-opinion": "《政府信息公开条例》第三十二条",
        "proactive-disclosure": "《政府信息公开条例》第二十六条",
        "agency-opinion": "《政府信息公开条例》第三十四条",
        "petition-acceptance": "《信访条例》第二十二条第二款",
        "petition-referral": "《信访条例》第二十一条",
        "petition-conclusion": "《信访条例》第三十三条",
        "petition-extension": "《信访条例》第三十三条",
        "petition-office-2005": "《信访条例》第二十一条第一款",
        "petition-review-request-2005": "《信访条例》第三十四条",
        "petition-review-2005": "《信访条例》第三十四条",
        "petition-recheck-request-2005": "《信访条例》第三十五条第一款",
        "petition-recheck-2005": "《信访条例》第三十五条第一款",
        "petition-office": "《信访工作条例》第二十二条第一款",
        "petition-notice": "《信访工作条例》第二十三条第二款",
        "petition-referral-notice": "《信访工作条例》第二十三条第三款",
        "petition-objection": "《信访工作条例》第二十三条第三款",
        "petition-handling": "《信访工作条例》第三十四条",
        "petition-handling-extension": "《信访工作条例》第三十四条",
        "petition-review-request": "《信访工作条例》第三十五条",
        "petition-review": "《信访工作条例》第三十五条",
        "petition-recheck-request": "《信访工作条例》第三十六条第一款",
        "petition-recheck": "《信访工作条例》第三十六条第一款",
    }


def test_an_unknown_rule_lists_the_known_ones(book: RuleBook) -> None:
    with pytest.raises(UsageError) as caught:
        book.get("consul")
    assert str(caught.value) == (
        "unknown rule 'consul' (rules: consult, simple, decision-feedback, workplan, "
        "proactive-disclosure, application-reply, extension, correction-notice, "
        "third-party-opinion, agency-opinion, petition-office, petition-notice, "
        "petition-referral-notice, petition-objection, petition-handling, "
        "petition-handling-extension, petition-review-request, petition-review, "
        "petition-recheck-request, petition-recheck)"
    )


def test_a_rules_file_may_set_the_receipt_convention(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n"
        "  - {id: hotline, name: 热线, count: 5, day_type: working, basis: 本机关规定,\n"
        "     quote: 5个工作日内答复, receipt: next-working-day}\n",
        encoding="utf-8",
    )
    assert load_rules(path).period("hotline") == Period(5, W, Receipt.NEXT_WORKING_DAY)


def test_the_environment_names_the_rules_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "rules:\n  - {id: mine, name: 我的, count: 3, day_type: calendar, basis: x, quote: 3日}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("GONGKAI_RULES", str(path))
    assert [rule.id for rule in load_rules()] == ["mine"]


def test_a_cached_load_equals_a_fresh_validation() -> None:
    first, second = load_rules(), load_rules()  # the second comes from the cache
    assert first == second == validate_rule_files([(p, p.read_bytes()) for p in first.paths])
    # The 2021 plan's own rules, then the statutory ones: installed or not, the same files.
    assert [p.read_bytes() for p in first.paths] == [
        PLAN_RULES.read_bytes(),
        STATUTORY.read_bytes(),
    ]


BAD = """\
rules:
  - {id: Consult, name: a, count: 5, day_type: working, basis: b, quote: q}
  - {id: twice, name: a, count: 0, day_type: working, basis: b, quote: " "}
  - {id: twice, name: a, count: 1, day_type: working, basis: b, quote: q}
  - {id: more, name: a, count: 1, day_type: working, basis: b, quote: q, extends: nothing}
  - {id: more-cal, name: a, count: 1, day_type: calendar, basis: b, quote: q, extends: twice}
  - {id: more-more, name: a, count: 1, day_type: working, basis: b, quote: q, extends: more}
  - {id: named, name: a, count: 1, day_type: working, basis: b, quote: q, aliases: [甲, 甲, more]}
  - {id: checked, name: a, count: 1, day_type: working, basis: b, quote: q, checked_against: [x]}
"""


def test_a_bad_rules_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(BAD, encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_rules(path)
    assert caught.value.problems == [
        f"{path}:2: rules.0.id: an id is lower case letters, digits and hyphens",
        f"{path}:3: rules.1.count: a count is at least 1",
        f"{path}:3: rules.1.quote: quote the words that set the limit",
        f"{path}:4: rules.2.id: 'twice' repeats the id on line 3",
        f"{path}:8: rules.6.aliases.1: '甲' is already a name on line 8",
        f"{path}:8: rules.6.aliases.2: 'more' is already a name on line 5",
        f"{path}:9: rules.7.checked_against.0: no source 'x' under `sources`",
        f"{path}:5: rules.3.extends: no rule 'nothing'",
        f"{path}:6: rules.4.extends: 'twice' counts working days, this rule calendar",
        f"{path}:7: rules.5.extends: 'more' is itself an extension; extend the rule it extends",
    ]


def test_a_rules_file_is_schema_checked(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - {id: x, name: a, count: 5, day_type: workdays, basis: b, quote: q,"
        " receit: as-received}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidDataError) as caught:
        load_rules(path)
    assert [problem.split(": ", 2)[:2] for problem in caught.value.problems] == [
        [f"{path}:2", "rules.0.day_type"],
        [f"{path}:2", "rules.0.receit"],
    ]


def test_a_missing_rules_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load_rules(tmp_path / "none.yaml")
    assert str(caught.value) == f"{tmp_path / 'none.yaml'}: no such file"


# -- each text by its days in force (issue 19 item 1) -----------------------------------------


def test_every_regulation_rule_has_its_days_in_force(book: RuleBook) -> None:
    spans = {
        rule.id: (rule.in_force.from_, rule.in_force.to)
        for rule in book
        if rule.in_force is not None
    }
    assert {rule.id for rule in book if rule.task is None} == set(spans)
    assert {rule.id for rule in book if rule.task is not None and rule.in_force} == set()
    by_law = {
        "政府信息公开条例": (dt.date(2019, 5, 15), None),
        "信访条例": (dt.date(2005, 5, 1), dt.date(2022, 4, 30)),
        "信访工作条例": (dt.date(2022, 5, 1), None),
    }
    for rule in book:
        if rule.task is None:
            law = _ARTICLE.search(rule.basis)
            assert law is not None
            assert spans[rule.id] == by_law[law[1]], rule.id


def test_the_days_in_force_quote_the_articles_that_set_them(book: RuleBook) -> None:
    # Each first day is the text's own 施行 article, stored whole in laws.yaml.
    texts = _law_texts()
    assert texts[("政府信息公开条例", "第五十六条")] == "本条例自2019年5月15日起施行。"
    assert texts[("信访工作条例", "第五十条")] == "本条例自2022年5月1日起施行。"
    assert texts[("信访条例", "第五十一条")].startswith("本条例自2005年5月1日起施行。")
    for rule in book:
        if rule.in_force is not None:
            assert rule.in_force.reason is not None
            for law, article, text in re.findall(
                r"《(.+?)》(第.+?条)：(本条例自.+?起施行)", rule.in_force.reason
            ):
                assert text in texts[(law, article)], rule.id


def test_the_2022_rules_take_over_the_2005_ones(book: RuleBook) -> None:
    # A case named by either rule of a duty is judged by the text in force that day.
    pairs = {
        "petition-office": "petition-office-2005",
        "petition-notice": "petition-acceptance",
        "petition-referral-notice": "petition-referral",
        "petition-handling": "petition-conclusion",
        "petition-handling-extension": "petition-extension",
        "petition-review-request": "petition-review-request-2005",
        "petition-review": "petition-review-2005",
        "petition-recheck-request": "petition-recheck-request-2005",
        "petition-recheck": "petition-recheck-2005",
    }
    assert {rule.id: rule.replaces for rule in book if rule.replaces} == pairs
    for new, old in pairs.items():
        for named in (new, old, book.get(old).aliases[0], book.get(new).aliases[0]):
            assert book.in_force_on(named, dt.date(2022, 4, 30)).id == old
            assert book.in_force_on(named, dt.date(2022, 5, 1)).id == new
            assert book.in_force_on(named, dt.date(2005, 5, 1)).id == old
    assert [rule.id for rule in book.line("信访受理")] == ["petition-acceptance", "petition-notice"]


@pytest.mark.parametrize(
    ("rule", "day", "message"),
    [
        (
            "petition-objection",
            dt.date(2022, 4, 30),
            "no text of petition-objection was in force on 2022-04-30: "
            "《信访工作条例》第二十三条第三款 2022-05-01 起",
        ),
        (
            "信访受理",
            dt.date(2005, 4, 30),
            "no text of petition-acceptance was in force on 2005-04-30: "
            "《信访条例》第二十二条第二款 2005-05-01 至 2022-04-30; "
            "《信访工作条例》第二十三条第二款 2022-05-01 起",
        ),
        (
            "依申请公开",
            dt.date(2019, 5, 14),
            "no text of application-reply was in force on 2019-05-14: "
            "《政府信息公开条例》第三十三条第二款 2019-05-15 起",
        ),
    ],
)
def test_a_case_before_any_text_in_force_is_refused(
    book: RuleBook, rule: str, day: dt.date, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        book.in_force_on(rule, day)
    assert str(caught.value) == message


def test_a_plan_rule_is_in_force_whenever(book: RuleBook) -> None:
    assert book.in_force_on("consult", dt.date(2004, 1, 1)).id == "consult"


def test_every_law_text_names_known_sources(book: RuleBook) -> None:
    import yaml

    for text in yaml.safe_load(LAWS.read_text(encoding="utf-8"))["texts"]:
        assert text["checked_against"], (text["law"], text["article"])
        assert set(text["checked_against"]) <= set(book.sources), (text["law"], text["article"])


BAD_IN_FORCE = """\
rules:
  - {id: old, name: a, count: 5, day_type: working, basis: b, quote: q, in_force: {from: 2020-01-01}}
  - {id: new, name: a, count: 5, day_type: working, basis: b, quote: q, replaces: old, in_force: {from: 2021-01-01}}
  - {id: odd, name: a, count: 5, day_type: working, basis: b, quote: q, in_force: {from: 2021-01-01, to: 2020-01-01}}
  - {id: lost, name: a, count: 5, day_type: working, basis: b, quote: q, replaces: nothing}
  - {id: typo, name: a, count: 5, day_type: working, basis: b, quote: q, in_force: {form: 2021-01-01}}
"""


def test_days_in_force_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(BAD_IN_FORCE, encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_rules(path)
    assert caught.value.problems[0] == (
        f"{path}:6: rules.4.in_force.form: unknown field (not in the schema; see 'gongkai schema')"
    )
    path.write_text("\n".join(BAD_IN_FORCE.splitlines()[:5]) + "\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_rules(path)
    assert caught.value.problems == [
        f"{path}:3: rules.1.replaces: 'old' must end (in_force.to) before this rule starts "
        "(in_force.from)",
        f"{path}:4: rules.2.in_force.to: 2020-01-01 is before 2021-01-01",
        f"{path}:5: rules.3.replaces: no rule 'nothing'",
    ]


def test_rules_says_which_texts_are_in_force_in_every_format(gongkai: Gongkai) -> None:
    # Issue 19 item 1: `rules` shows which text is in force today and which are
    # historical: the table in two groups, json `in_force`, and csv its own columns
    # (not only the first rule's keys: a plan's rule, first, has no days in force).
    env = {"GONGKAI_TODAY": "2026-12-08"}
    table = gongkai("rules", env=env).expect()
    current, _, repealed = table.partition("已废止的文本：收到之日在其施行期间的案件，仍按它们计算")
    assert "\npetition-notice " in current and "\npetition-acceptance " not in current
    assert "\npetition-acceptance " in repealed and "已废止（施行" in repealed
    data = {rule["id"]: rule for rule in gongkai("rules", "-f", "json", env=env).json()}
    assert data["petition-acceptance"]["in_force"] == {
        "from": "2005-05-01",
        "to": "2022-04-30",
        "state": "historical",
    }
    assert data["petition-notice"]["in_force"]["state"] == "in-force"
    rows = list(csv.DictReader(io.StringIO(gongkai("rules", "-f", "csv", env=env).expect())))
    by_id = {row["id"]: row for row in rows}
    got = {
        rule: tuple(by_id[rule][k] for k in ("in_force_from", "in_force_to", "in_force_state"))
        for rule in ("consult", "petition-acceptance", "petition-notice", "application-reply")
    }
    assert got == {
        "consult": ("", "", ""),
        "petition-acceptance": ("2005-05-01", "2022-04-30", "historical"),
        "petition-notice": ("2022-05-01", "", "in-force"),
        "application-reply": ("2019-05-15", "", "in-force"),
    }
    assert by_id["petition-notice"]["replaces"] == "petition-acceptance"
