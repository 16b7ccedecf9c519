"""data/rules.yaml: the rules the issue asks for, quoted from their sources, validated strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai_cli.errors import InvalidDataError, UsageError
from gongkai_cli.workdays.days import DayType, Period, Receipt
from gongkai_cli.workdays.rules import RuleBook, load_rules, validate_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "data" / "rules.yaml"
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
    }
    assert book.get("extension").extends == "application-reply"
    assert book.get("extension").count == 20


def test_every_rule_counts_from_arrival_as_shipped(book: RuleBook) -> None:
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
    }


def test_an_unknown_rule_lists_the_known_ones(book: RuleBook) -> None:
    with pytest.raises(UsageError) as caught:
        book.get("consul")
    assert str(caught.value) == (
        "unknown rule 'consul' (rules: consult, simple, decision-feedback, workplan, "
        "application-reply, extension, correction-notice, third-party-opinion)"
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
    assert first == second == validate_rules(first.path, first.path.read_bytes())
    assert first.path.read_bytes() == RULES.read_bytes()  # installed or not, the same rules


BAD = """\
rules:
  - {id: Consult, name: a, count: 5, day_type: working, basis: b, quote: q}
  - {id: twice, name: a, count: 0, day_type: working, basis: b, quote: " "}
  - {id: twice, name: a, count: 1, day_type: working, basis: b, quote: q}
  - {id: more, name: a, count: 1, day_type: working, basis: b, quote: q, extends: nothing}
  - {id: more-cal, name: a, count: 1, day_type: calendar, basis: b, quote: q, extends: twice}
  - {id: more-more, name: a, count: 1, day_type: working, basis: b, quote: q, extends: more}
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
