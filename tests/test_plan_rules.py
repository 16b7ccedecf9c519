"""Rules by plan: statutory rules ship in the package, a plan's own rules live beside its
tasks.yaml and cite that plan; `rules`, `deadline` and `reply-check` take --plan and --data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import Gongkai
from gongkai_cli.io.plans import default_data_dir
from gongkai_cli.workdays.rules import STATUTORY_RULES, load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PLAN_RULES = DATA / "rules.yaml"
STATUTORY = STATUTORY_RULES  # as installed: in the checkout or inside the wheel
MINI = Path(__file__).resolve().parent / "plans" / "mini-2025"
STATUTORY_IDS = [
    "proactive-disclosure",
    "application-reply",
    "extension",
    "correction-notice",
    "third-party-opinion",
    "agency-opinion",
    "petition-office-2005",
    "petition-acceptance",
    "petition-referral",
    "petition-conclusion",
    "petition-extension",
    "petition-review-request-2005",
    "petition-review-2005",
    "petition-recheck-request-2005",
    "petition-recheck-2005",
    "petition-office",
    "petition-notice",
    "petition-referral-notice",
    "petition-objection",
    "petition-handling",
    "petition-handling-extension",
    "petition-review-request",
    "petition-review",
    "petition-recheck-request",
    "petition-recheck",
]

CURRENT_IDS = [
    rule
    for rule in STATUTORY_IDS
    if not rule.endswith("-2005")
    and rule
    not in ("petition-acceptance", "petition-referral", "petition-conclusion", "petition-extension")
]


def _rules(path: Path) -> list[dict[str, object]]:
    rules: list[dict[str, object]] = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    return rules


# -- the split -----------------------------------------------------------------------------


def test_the_statutory_rules_set_no_plan_task() -> None:
    rules = _rules(STATUTORY)
    assert [rule["id"] for rule in rules] == STATUTORY_IDS
    assert all("task" not in rule and "沪府办" not in str(rule["basis"]) for rule in rules)
    assert "plan" not in yaml.safe_load(STATUTORY.read_text(encoding="utf-8"))["sources"]


def test_the_2021_plans_own_rules_cite_it() -> None:
    rules = _rules(PLAN_RULES)
    assert [(r["id"], r["task"]) for r in rules] == [
        ("consult", 24),
        ("simple", 24),
        ("decision-feedback", 30),
        ("workplan", 99),
    ]
    assert all(str(r["basis"]).startswith("沪府办〔2021〕21号 任务分解表 第") for r in rules)


def test_the_default_book_is_the_2021_plans_then_the_statutory() -> None:
    book = load_rules()
    assert [rule.id for rule in book] == [
        "consult",
        "simple",
        "decision-feedback",
        "workplan",
        *STATUTORY_IDS,
    ]
    assert [path.name for path in book.paths] == ["rules.yaml", "statutory.yaml"]
    assert book.channels and book.reply_date is not None and book.annual  # statutory, kept


def test_each_plan_has_its_own_book(gongkai: Gongkai) -> None:
    assert load_rules(plan_dir=MINI).period("consult").count == 3
    assert load_rules(plan_dir=DATA).period("consult").count == 5  # cached apart


# -- --plan and --data ---------------------------------------------------------------------


@pytest.fixture
def mini(gongkai: Gongkai) -> str:
    code, _, err = gongkai("plans", "add", str(MINI))
    assert code == 0, err
    return "2025"


@pytest.mark.parametrize("how", ["--plan", "--data", "GONGKAI_PLAN"])
def test_rules_of_another_plan(gongkai: Gongkai, mini: str, how: str) -> None:
    args = ["rules", "--format", "json"]
    if how == "--plan":
        args += ["--plan", mini]
    elif how == "--data":
        args += ["--data", str(MINI)]
    code, out, err = gongkai(*args, env={"GONGKAI_PLAN": mini} if how[0] == "G" else None)
    assert (code, err) == (0, "")
    records = json.loads(out)
    assert [r["id"] for r in records] == ["consult", *STATUTORY_IDS]
    assert records[0] == {
        "id": "consult",
        "aliases": ["网上咨询"],
        "name": "网上咨询的答复",
        "count": 3,
        "day_type": "working",
        "total_days": 3,
        "extends": None,
        "receipt": "as-received",
        "counts_from": "收到之日",
        "basis": "测试〔2025〕1号 任务分解表 第2项",
        "task": 2,
        "quote": "网上咨询答复期限不得超过3个工作日",
        "checked_against": ["plan"],
        "check_note": "测试用计划，原文只有这一份",
        "note": None,
    }


def test_deadline_counts_the_plans_own_limit(gongkai: Gongkai, mini: str) -> None:
    args = ["deadline", "--from", "2025-06-30", "--rule", "网上咨询", "--format", "json"]
    code, out, _ = gongkai(*args, "--plan", mini)
    assert (code, json.loads(out)["deadline"], json.loads(out)["days"]) == (0, "2025-07-03", 3)
    code, out, _ = gongkai(*args)  # the 2021 plan: 5 working days
    assert (code, json.loads(out)["deadline"], json.loads(out)["days"]) == (0, "2025-07-07", 5)


def test_reply_check_judges_by_the_plans_own_limit(gongkai: Gongkai, mini: str) -> None:
    args = ["reply-check", "--received", "2025-06-30", "--replied", "2025-07-04", "--rule"]
    args += ["consult", "--format", "json"]
    code, out, _ = gongkai(*args, "--plan", mini)
    assert (code, json.loads(out)["status"]) == (1, "missed")
    code, out, _ = gongkai(*args, "--data", str(DATA))
    assert (code, json.loads(out)["status"]) == (0, "met")


def test_a_plan_without_rules_of_its_own_has_the_statutory_ones(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    (plan / "rules.yaml").unlink()
    assert gongkai(
        "deadline", "--from", "2025-06-30", "--rule", "consult", "--data", str(plan)
    ) == (
        2,
        "",
        # The current rule of each duty (the 2005 ones are reached through them).
        f"Error: unknown rule 'consult' (rules: {', '.join(CURRENT_IDS)})\n",
    )
    code, out, _ = gongkai("rules", "--data", str(plan), "--format", "json")
    assert (code, [r["id"] for r in json.loads(out)]) == (0, STATUTORY_IDS)


def test_a_rules_file_given_is_the_whole_book(gongkai: Gongkai, mini: str, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "rules:\n  - {id: mine, name: 我的, count: 3, day_type: calendar, basis: x, quote: 3日}\n",
        encoding="utf-8",
    )
    code, out, _ = gongkai("rules", "--rules", str(path), "--plan", mini, "-f", "json")
    assert (code, [r["id"] for r in json.loads(out)]) == (0, ["mine"])


@pytest.mark.parametrize(
    "command", [["rules"], ["deadline", "--from", "2025-06-30", "--days", "5"]]
)
def test_an_unknown_plan_is_an_error_for_the_rules_commands(
    gongkai: Gongkai, command: list[str]
) -> None:
    assert gongkai(*command, "--plan", "2024") == (
        2,
        "",
        "Error: no installed plan '2024' (installed: 2021)\n",
    )


# -- a plan's rules must cite it -----------------------------------------------------------

BAD_RULES = """\
sources:
  plan: 测试
rules:
  - {id: consult, name: a, count: 3, day_type: working, basis: 别的文件 第2项, task: 2,
     quote: 网上咨询答复期限不得超过3个工作日}
  - {id: late, name: b, count: 5, day_type: working, basis: 测试〔2025〕1号 第9项, task: 9,
     quote: 5个工作日}
  - {id: other, name: c, count: 5, day_type: working, basis: 测试〔2025〕1号 任务分解表 第2项,
     task: 1, quote: 5个工作日内答复}
  - {id: free, name: d, count: 5, day_type: working, basis: 测试〔2025〕1号 正文, quote: 5个工作日}
"""


def _plan_with_rules(tmp_path: Path, text: str) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    (plan / "rules.yaml").write_text(text, encoding="utf-8")
    return plan


def test_a_plans_rules_must_cite_it(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _plan_with_rules(tmp_path, BAD_RULES)
    rules = plan / "rules.yaml"
    expected = (
        "Error: invalid data (5 problems):\n"
        f"{rules}:4: rules.0.basis: cite the plan: name its 文号 测试〔2025〕1号\n"
        f"{rules}:6: rules.1.task: no task 9: the plan's tasks run 1..2\n"
        f"{rules}:8: rules.2.basis: cite the task: 第1项\n"
        f"{rules}:9: rules.2.quote: not in task 1's 任务内容 verbatim\n"
        f"{rules}:10: rules.3.quote: not in the plan's source document verbatim\n"
    )
    assert gongkai("validate", "--data", str(plan)) == (3, "", expected)
    assert gongkai("plans", "add", str(plan)) == (3, "", expected)
    code, out, _ = gongkai("plans", "-f", "csv")
    assert (code, out.count("\n")) == (0, 2)  # the header and the shipped plan: nothing installed


def test_a_plans_rule_may_not_take_a_statutory_name(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = _plan_with_rules(
        tmp_path,
        "rules:\n"
        "  - {id: application-reply, name: a, count: 3, day_type: working, task: 2,\n"
        "     basis: 测试〔2025〕1号 第2项, quote: 网上咨询答复期限不得超过3个工作日,\n"
        "     aliases: [主动公开]}\n",
    )
    code, out, err = gongkai("validate", "--data", str(plan))
    lines = STATUTORY.read_text(encoding="utf-8").split("\n")
    id_line = lines.index("  - id: application-reply") + 1
    alias_line = lines.index("    aliases: [主动公开]") + 1
    assert (code, out) == (3, "")
    assert err == (
        "Error: invalid data (2 problems):\n"
        f"{plan / 'rules.yaml'}:2: rules.0.id: 'application-reply' repeats the id at "
        f"{STATUTORY}:{id_line}\n"
        f"{plan / 'rules.yaml'}:4: rules.0.aliases.0: '主动公开' is already a name at "
        f"{STATUTORY}:{alias_line}\n"
    )


def test_the_shipped_plan_validates_with_its_rules(gongkai: Gongkai) -> None:
    assert gongkai("validate") == (
        0,
        "",
        f"ok: 99 tasks and 61 units in {default_data_dir()}\n",
    )
