"""Reply deadlines as data: `data/rules.yaml`, validated once and then cached.

A rule is a time limit with its legal basis: consult is 5 working days (the plan's
task 24), application-reply 20 working days (条例 第三十三条), and so on. An
extension adds its count to the rule it extends, so `extension` is 20 + 20 = 40
working days after receipt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gongkai_cli.errors import InvalidDataError, UsageError
from gongkai_cli.io import cache, settings
from gongkai_cli.model.plan import STRICT
from gongkai_cli.model.workdays import DayType, Receipt
from gongkai_cli.workdays.days import Period

RULES_FILE = "rules.yaml"

_PACKAGE = Path(__file__).resolve().parent.parent
_ID = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class Rule:
    __pydantic_config__ = STRICT

    id: str
    """What people type: consult, application-reply ... (lower case, digits, hyphens)."""
    name: str
    """What the limit is for, in Chinese."""
    count: int
    """How many days; for an extension, how many days it adds."""
    day_type: DayType
    """working (工作日) or calendar (日) days."""
    basis: str
    """Where the limit is set: the plan's task, or the article of the 条例."""
    quote: str
    """The words of the basis that set the limit, verbatim."""
    task: int | None = None
    """The plan's task number (任务分解表 序号) when the plan sets the limit."""
    receipt: Receipt = Receipt.AS_RECEIVED
    """as-received, or next-working-day for a channel that deems what arrives on a
    non-working day received on the next working day."""
    extends: str | None = None
    """For an extension: the rule whose limit this one adds `count` days to."""
    counts_from: str = "收到之日"
    """The event the count starts after (收到之日, 决策文件出台, 本工作要点印发)."""


@dataclass(frozen=True, slots=True)
class RulesFile:
    __pydantic_config__ = STRICT

    rules: tuple[Rule, ...]
    """Every rule, in the order `gongkai rules` lists them."""


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The validated rules and the period each one sets."""

    path: Path
    rules: tuple[Rule, ...]
    periods: dict[str, Period]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        """The rule with this id, or UsageError listing the ids there are."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        known = ", ".join(rule.id for rule in self.rules)
        raise UsageError(f"unknown rule {rule_id!r} (rules: {known})")

    def period(self, rule_id: str) -> Period:
        """The whole period the rule sets, an extension's included."""
        self.get(rule_id)
        return self.periods[rule_id]


def default_rules_path() -> Path:
    """rules.yaml as shipped: inside the wheel, or data/ in a checkout."""
    bundled = _PACKAGE / "data" / RULES_FILE
    return bundled if bundled.is_file() else _PACKAGE.parent.parent / "data" / RULES_FILE


def rules_path(explicit: Path | None = None) -> Path:
    """`--rules`, else $GONGKAI_RULES, else the shipped rules."""
    if explicit is not None:
        return explicit
    return settings.rules_file() or default_rules_path()


def load_rules(path: Path | None = None) -> RuleBook:
    """The validated rules (from the cache when the file and code are unchanged)."""
    source = rules_path(path)
    blob = cache.read_bytes(source)
    stamp = cache.fingerprint([(source, blob)])
    cache_path = cache.cache_file("rules", source)
    cached = cache.load(cache_path, stamp, RuleBook)
    if cached is not None:
        return cached
    book = validate_rules(source, blob)
    cache.store(cache_path, stamp, book)
    return book


def validate_rules(path: Path, blob: bytes) -> RuleBook:
    """Validate a rules file's bytes from scratch, or raise InvalidDataError."""
    from gongkai_cli.io.validation import validate_schema
    from gongkai_cli.io.yamlio import parse_yaml

    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError([f"{path}:1: the file is not UTF-8 ({exc.reason})"]) from None
    doc, problems = parse_yaml(path, text)
    if doc is None:
        raise InvalidDataError(problems)
    data, problems = validate_schema(doc, RulesFile)
    if data is None:
        raise InvalidDataError(problems)
    by_id: dict[str, int] = {}
    for index, rule in enumerate(data.rules):
        loc: tuple[str | int, ...] = ("rules", index)
        if not _ID.fullmatch(rule.id):
            problems.append(
                doc.problem((*loc, "id"), "an id is lower case letters, digits and hyphens")
            )
        if rule.id in by_id:
            line = doc.line_of(("rules", by_id[rule.id], "id"))
            problems.append(doc.problem((*loc, "id"), f"{rule.id!r} repeats the id on line {line}"))
        by_id.setdefault(rule.id, index)
        if rule.count < 1:
            problems.append(doc.problem((*loc, "count"), "a count is at least 1"))
        if not rule.quote.strip():
            problems.append(doc.problem((*loc, "quote"), "quote the words that set the limit"))
    periods: dict[str, Period] = {}
    for index, rule in enumerate(data.rules):
        total = rule.count
        if rule.extends is not None:
            problem = _extension_problem(rule, data.rules, by_id)
            if problem:
                problems.append(doc.problem(("rules", index, "extends"), problem))
                continue
            total += data.rules[by_id[rule.extends]].count
        periods[rule.id] = Period(total, rule.day_type, rule.receipt)
    if problems:
        raise InvalidDataError(problems)
    return RuleBook(path, data.rules, periods)


def _extension_problem(rule: Rule, rules: tuple[Rule, ...], by_id: dict[str, int]) -> str:
    assert rule.extends is not None
    if rule.extends not in by_id:
        return f"no rule {rule.extends!r}"
    base = rules[by_id[rule.extends]]
    if base.extends is not None or base.id == rule.id:
        return f"{rule.extends!r} is itself an extension; extend the rule it extends"
    if base.day_type is not rule.day_type:
        return (
            f"{rule.extends!r} counts {base.day_type.value} days, this rule {rule.day_type.value}"
        )
    return ""
