"""Reply deadlines as data, validated once and then cached.

A rule is a time limit with its legal basis: consult is 5 working days (the 2021
plan's task 24), application-reply 20 working days (条例 第三十三条), and so on. An
extension adds its count to the rule it extends, so `extension` is 20 + 20 = 40
working days after receipt.

The statutory rules (条例, 信访条例; the 民法典's way of counting) hold whatever plan
is read and ship in the package, `statutory.yaml` beside this module. A plan's own
limits live in `rules.yaml` next to its tasks.yaml and cite that plan; the book a
command reads is the plan's rules, then the statutory ones.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai_cli.errors import InvalidDataError, Problem, UsageError, shown
from gongkai_cli.i18n import _
from gongkai_cli.io import cache, plans, settings
from gongkai_cli.io.files import exists, not_utf8, read_bytes
from gongkai_cli.model.plan import STRICT, UnitKind
from gongkai_cli.model.workdays import DayType, Receipt
from gongkai_cli.workdays.days import Period

_ID = re.compile(r"[a-z][a-z0-9-]*")


def _in_force_key(name: str) -> str:
    """The YAML key of an `InForce` field: `from` is a Python keyword, so `from_` in code."""
    return name.rstrip("_")


_IN_FORCE_CONFIG: Any = {**STRICT, "alias_generator": _in_force_key}


@dataclass(frozen=True, slots=True)
class InForce:
    """The days a text is in force: a rule applies to a case received within them."""

    __pydantic_config__ = _IN_FORCE_CONFIG

    from_: dt.date | None = None
    """The first day in force (the text's own 施行 article); None: since before any case."""
    to: dt.date | None = None
    """The last day in force (the day before its successor took effect); None: in force."""
    reason: str | None = None
    """Where the days come from: the article that sets them, or the record of repeal."""

    def covers(self, day: dt.date) -> bool:
        """Whether `day` is one of the days in force."""
        return (self.from_ is None or self.from_ <= day) and (self.to is None or day <= self.to)

    def state(self, today: dt.date) -> str:
        """`in-force`, `historical` (ended before `today`) or `future` (starts after it)."""
        if self.to is not None and today > self.to:
            return "historical"
        if self.from_ is not None and today < self.from_:
            return "future"
        return "in-force"


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
    aliases: tuple[str, ...] = ()
    """Chinese names accepted wherever the id is (依申请公开, 网上咨询 ...)."""
    task: int | None = None
    """The plan's task number (任务分解表 序号) when the plan sets the limit."""
    receipt: Receipt = Receipt.AS_RECEIVED
    """as-received, or next-working-day for a channel that deems what arrives on a
    non-working day received on the next working day."""
    extends: str | None = None
    """For an extension: the rule whose limit this one adds `count` days to."""
    counts_from: str = "收到之日"
    """The event the count starts after (收到之日, 决策文件出台, 本工作要点印发)."""
    checked_against: tuple[str, ...] = ()
    """The `sources` the quote was compared with, character by character."""
    check_note: str | None = None
    """What could not be checked that way (one full source only, punctuation width)."""
    note: str | None = None
    """How the rule is used with others (补正 restarts the count, 征求意见 pauses it)."""
    in_force: InForce | None = None
    """The days its text is in force; None: whenever (a plan's own limits)."""
    replaces: str | None = None
    """The rule of the earlier text this one takes over from, for the same duty: a case
    named by either is judged by the one in force on its day of receipt."""
    receipt_by_channel: bool = False
    """Whether the day of receipt follows the channel of application (条例 第三十一条:
    政府信息公开申请 only). For other rules a channel means nothing: an explicit
    --channel is refused, a channel column passes through untouched."""

    @property
    def label(self) -> str:
        """`application-reply 依申请公开`: the id and its first Chinese name."""
        return f"{self.id} {self.aliases[0]}" if self.aliases else self.id


@dataclass(frozen=True, slots=True)
class Channel:
    """How an application came in, and which day is its day of receipt (条例 第三十一条)."""

    __pydantic_config__ = STRICT

    id: str
    """What people type: in-person, post, ordinary-letter, online, fax."""
    name: str
    """The channel in Chinese: 当面, 邮寄, 平常信函, 互联网, 传真."""
    receipt_day: str
    """The day that is the day of receipt: 提交之日, 签收之日, 确认之日, 双方确认之日."""
    receipt: Receipt
    """The convention applied to the date given for this channel."""
    basis: str
    """The article and item that fix the day."""
    quote: str
    """The item's words, verbatim."""
    reason: str
    """Why the channel gets this convention."""
    aliases: tuple[str, ...] = ()
    """Other names accepted (网上申请, 信函 ...)."""
    checked_against: tuple[str, ...] = ()
    """The `sources` the quote was compared with, character by character."""
    check_note: str | None = None
    """What could not be checked that way."""


@dataclass(frozen=True, slots=True)
class Provision:
    """A provision quoted for what it settles, such as which day counts as the reply."""

    __pydantic_config__ = STRICT

    name: str
    """What it settles, in Chinese."""
    basis: str
    """The document and item."""
    quote: str
    """Its words, verbatim."""
    checked_against: tuple[str, ...] = ()
    """The `sources` the quote was compared with, character by character."""
    check_note: str | None = None
    """What could not be checked that way."""


@dataclass(frozen=True, slots=True)
class AnnualObligation:
    """Something the 条例 requires by a fixed day every year (年度报告, 第四十九条)."""

    __pydantic_config__ = STRICT

    id: str
    """What people type: annual-report-department ..."""
    name: str
    """What is owed, in Chinese."""
    month: int | None
    """The month of the yearly due day; None when the 条例 sets none (`undated`)."""
    day: int | None
    """The day of the month; None with `month`."""
    kinds: tuple[UnitKind, ...]
    """Who owes it: the kinds of unit (units.yaml `kind`) the article covers, in any plan."""
    decision: str
    """Why those kinds and no others, from the article's words: shown with the obligation."""
    basis: str
    """The article that sets it."""
    quote: str
    """The article's words, verbatim."""
    aliases: tuple[str, ...] = ()
    """Chinese names."""
    checked_against: tuple[str, ...] = ()
    """The `sources` the quote was compared with, character by character."""
    check_note: str | None = None
    """What could not be checked that way."""
    undated: str | None = None
    """For an obligation without a day in the 条例: what to say instead of one
    (条例未定日期（第五十条）；按本地通知)."""

    def due(self, year: int) -> dt.date | None:
        """The due day in `year`, or None when the 条例 sets no day."""
        if self.month is None or self.day is None:
            return None
        return dt.date(year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class Intake:
    """Which rule the rows of an export that came by these channels are checked by."""

    __pydantic_config__ = STRICT

    names: tuple[str, ...]
    """The values of a 受理渠道 / 来源 / 渠道 column, matched without their spaces."""
    rule: str | None
    """The rule's id (a line of texts: the one in force on the day of receipt); None for
    a channel no rule of the plan covers (the row is `outside`)."""
    reason: str
    """Why: the plan's or the regulation's words."""


@dataclass(frozen=True, slots=True)
class AmbiguousChannel:
    """A channel name that could be either of some channels: asked once for a file."""

    __pydantic_config__ = STRICT

    names: tuple[str, ...]
    """The names (信函申请, 信件)."""
    choices: tuple[str, ...]
    """The channels it could be, by id."""
    reason: str
    """Why it cannot be told."""


@dataclass(frozen=True, slots=True)
class RulesFile:
    __pydantic_config__ = STRICT

    rules: tuple[Rule, ...]
    """Every rule, in the order `gongkai rules` lists them."""
    sources: dict[str, str] = field(default_factory=dict)
    """Where quotes were checked: an id each, and what and where the source is."""
    channels: tuple[Channel, ...] = ()
    """The day of receipt of each channel of application (条例 第三十一条)."""
    reply_date: Provision | None = None
    """Which day counts as the day of the reply."""
    annual: tuple[AnnualObligation, ...] = ()
    """Yearly obligations with a fixed day (条例 第四十九条)."""
    intake: tuple[Intake, ...] = ()
    """The rule of each channel of an export (`reply-check --rule auto`)."""
    ambiguous_channels: tuple[AmbiguousChannel, ...] = ()
    """Channel names that could be either of some channels."""


@dataclass(frozen=True, slots=True)
class RuleBook:
    """The validated rules and the period each one sets."""

    paths: tuple[Path, ...]
    """The files read, in order: the plan's own rules (if any), then the statutory ones."""
    rules: tuple[Rule, ...]
    periods: dict[str, Period]
    sources: dict[str, str] = field(default_factory=dict)
    channels: tuple[Channel, ...] = ()
    reply_date: Provision | None = None
    annual: tuple[AnnualObligation, ...] = ()
    intake: tuple[Intake, ...] = ()
    ambiguous_channels: tuple[AmbiguousChannel, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def get(self, rule_id: str) -> Rule:
        """The rule with this id or Chinese name, or UsageError listing the ids there are."""
        wanted = rule_id.strip()
        for rule in self.rules:
            if wanted == rule.id or wanted in rule.aliases:
                return rule
        # A rule another replaces is named through its successor (`in_force_on`).
        replaced = {rule.replaces for rule in self.rules}
        known = ", ".join(rule.id for rule in self.rules if rule.id not in replaced)
        raise UsageError(
            _("unknown rule {rule_id} (rules: {known})").format(rule_id=shown(rule_id), known=known)
        )

    def period(self, rule_id: str) -> Period:
        """The whole period the rule sets, an extension's included."""
        return self.periods[self.get(rule_id).id]

    def line(self, rule_id: str) -> list[Rule]:
        """The rule and those of other texts for the same duty (`replaces`, either way),
        oldest text first."""
        by_id = {rule.id: rule for rule in self.rules}
        found: dict[str, Rule] = {}
        stack = [by_id[self.get(rule_id).id]]
        while stack:
            rule = stack.pop()
            if rule.id in found:
                continue
            found[rule.id] = rule
            if rule.replaces is not None and rule.replaces in by_id:
                stack.append(by_id[rule.replaces])
            stack += [other for other in self.rules if other.replaces == rule.id]
        return sorted(found.values(), key=_first_day)

    def in_force_on(self, rule_id: str, day: dt.date) -> Rule:
        """The rule for a case received on `day`: this one if its text is in force that
        day, else the one of its line (`line`) that is; UsageError when none is."""
        rule = self.get(rule_id)
        if rule.in_force is None or rule.in_force.covers(day):
            return rule
        line = self.line(rule.id)
        for other in line:
            if other.in_force is None or other.in_force.covers(day):
                return other
        spans = "; ".join(f"{other.basis} {in_force_span(other.in_force)}" for other in line)
        raise UsageError(
            _("no text of {rule} was in force on {day}: {spans}").format(
                rule=rule.id, day=day, spans=spans
            )
        )

    def spellings(self, role: str) -> tuple[dict[str, str], dict[str, str]]:
        """For `rule` or `channel`: every way of writing one (id, Chinese names) -> its
        id, and its id -> the Chinese name a table shows."""
        if role == "rule":
            return (
                {name: rule.id for rule in self.rules for name in (rule.id, *rule.aliases)},
                {rule.id: rule.aliases[0] for rule in self.rules if rule.aliases},
            )
        return (
            {
                name: channel.id
                for channel in self.channels
                for name in (channel.id, channel.name, *channel.aliases)
            },
            {channel.id: channel.name for channel in self.channels},
        )

    def intake_of(self, value: str) -> Intake | None:
        """The intake entry of a 受理渠道 value (spaces ignored), or None."""
        key = "".join(value.split())
        for entry in self.intake:
            if any("".join(name.split()) == key for name in entry.names):
                return entry
        return None

    def ambiguous(self, name: str) -> AmbiguousChannel | None:
        """The ambiguous channel this name is, or None."""
        wanted = name.strip()
        return next((a for a in self.ambiguous_channels if wanted in a.names), None)

    def channel(self, name: str) -> Channel:
        """The channel with this id, Chinese name or alias, or UsageError listing them."""
        wanted = name.strip()
        for channel in self.channels:
            if wanted in (channel.id, channel.name, *channel.aliases):
                return channel
        each = _("{id} ({name})")  # the Chinese name in full-width brackets, 、 between
        known = _(", ").join(each.format(id=c.id, name=c.name) for c in self.channels)
        known = known or _("none")
        raise UsageError(
            _("unknown channel {name} (channels: {known})").format(name=shown(name), known=known)
        )


def _first_day(rule: Rule) -> dt.date:
    return rule.in_force.from_ or dt.date.min if rule.in_force is not None else dt.date.min


def in_force_span(in_force: InForce | None) -> str:
    """2005-05-01 至 2022-04-30, 2022-05-01 起, 至 2022-04-30, or 不限."""
    if in_force is None or (in_force.from_ is None and in_force.to is None):
        return "不限"
    if in_force.to is None:
        return f"{in_force.from_} 起"
    if in_force.from_ is None:
        return f"至 {in_force.to}"
    return f"{in_force.from_} 至 {in_force.to}"


STATUTORY_RULES = Path(__file__).resolve().with_name("statutory.yaml")
"""The statutory rules, shipped in the package: they hold whatever plan is read."""


def default_rules_path() -> Path:
    """The statutory rules as shipped (a plan's own rules are in its directory)."""
    return STATUTORY_RULES


def rules_path(explicit: Path | None = None) -> Path:
    """`--rules`, else $GONGKAI_RULES, else the shipped statutory rules."""
    if explicit is not None:
        return explicit
    return settings.rules_file() or default_rules_path()


def rule_files(explicit: Path | None = None, plan_dir: Path | None = None) -> list[Path]:
    """The rules files to read, in the order their rules are listed.

    `--rules FILE` (or $GONGKAI_RULES) is the whole book, read alone. Otherwise the
    plan's own rules (rules.yaml in `plan_dir`, default: the plan the environment
    names, else the shipped one), if it has any, then the statutory rules.
    """
    given = explicit or settings.rules_file()
    if given is not None:
        return [given]
    own = plans.plan_directory(plan_dir) / plans.RULES_FILE
    # exists, not is_file: a rules.yaml that is a FIFO or a device is refused, not skipped.
    return [own, STATUTORY_RULES] if exists(own) else [STATUTORY_RULES]


def load_rules(path: Path | None = None, plan_dir: Path | None = None) -> RuleBook:
    """The validated rules (from the cache when the files and code are unchanged).

    `path` is a whole rules file (`--rules`); without one, the rules of the plan in
    `plan_dir` and the statutory rules (see `rule_files`).
    """
    files = rule_files(path, plan_dir)
    blobs = [(source, read_bytes(source)) for source in files]
    stamp = cache.fingerprint(blobs)
    cache_path = cache.cache_file("rules", files[0])
    cached = cache.load(cache_path, stamp, RuleBook)
    if cached is not None:
        return cached
    book = validate_rule_files(blobs)
    cache.store(cache_path, stamp, book)
    return book


def validate_rules(path: Path, blob: bytes) -> RuleBook:
    """Validate a rules file's bytes from scratch, or raise InvalidDataError."""
    return validate_rule_files([(path, blob)])


def read_rules_file(path: Path, blob: bytes) -> tuple[Any, RulesFile]:
    """One rules file's YAML document (with its lines) and schema-checked content,
    or InvalidDataError."""
    from gongkai_cli.io.validation import validate_schema
    from gongkai_cli.io.yamlio import parse_yaml

    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError([not_utf8(path, blob, exc)]) from None
    doc, problems = parse_yaml(path, text)
    if doc is None:
        raise InvalidDataError(problems)
    data, problems = validate_schema(doc, RulesFile)
    if data is None:
        raise InvalidDataError(problems)
    return doc, data


def validate_rule_files(files: list[tuple[Path, bytes]]) -> RuleBook:
    """Validate rules files from scratch as one book, or raise InvalidDataError.

    Ids and names are unique across the files, and an extension may extend a rule of
    another file (a plan's rule, a statutory one).
    """
    read: list[tuple[Any, RulesFile]] = []
    problems: list[Problem] = []
    for path, blob in files:
        try:
            read.append(read_rules_file(path, blob))
        except InvalidDataError as exc:
            problems += exc.problems
    if problems:
        raise InvalidDataError(problems)
    # Every rule with the document it is in and its index there.
    placed = [(doc, index, rule) for doc, data in read for index, rule in enumerate(data.rules)]
    sources: dict[str, str] = {}
    for _doc, data in read:
        sources.update(data.sources)
    by_id: dict[str, tuple[Any, int]] = {}
    names: dict[str, tuple[Any, tuple[str | int, ...]]] = {}  # id or alias -> where it is set
    for doc, index, rule in placed:
        names.setdefault(rule.id, (doc, ("rules", index, "id")))
    for doc, index, rule in placed:
        loc: tuple[str | int, ...] = ("rules", index)
        if not _ID.fullmatch(rule.id):
            problems.append(
                doc.problem((*loc, "id"), _("an id is lower case letters, digits and hyphens"))
            )
        if rule.id in by_id:
            first_doc, first = by_id[rule.id]
            where = _where(doc, first_doc, ("rules", first, "id"))
            problems.append(
                doc.problem(
                    (*loc, "id"), _("{id!r} repeats the id {where}").format(id=rule.id, where=where)
                )
            )
        by_id.setdefault(rule.id, (doc, index))
        if rule.count < 1:
            problems.append(doc.problem((*loc, "count"), _("a count is at least 1")))
        if not rule.quote.strip():
            problems.append(doc.problem((*loc, "quote"), _("quote the words that set the limit")))
        for number, alias in enumerate(rule.aliases):
            problems += _name_problems(doc, names, (*loc, "aliases", number), alias)
        problems += _source_problems(doc, sources, loc, rule.checked_against)
    for doc, data in read:
        problems += _channel_problems(doc, data, sources)
        if data.reply_date is not None:
            problems += _source_problems(
                doc, sources, ("reply_date",), data.reply_date.checked_against
            )
        problems += _annual_problems(doc, data, sources)
    rules = tuple(rule for _, _, rule in placed)
    rule_of: dict[str, Rule] = {}
    for rule in rules:
        rule_of.setdefault(rule.id, rule)
    channel_ids = {channel.id for _, data in read for channel in data.channels}
    for doc, data in read:
        problems += _intake_problems(doc, data, rule_of, channel_ids)
    for doc, index, rule in placed:
        problems += _in_force_problems(doc, ("rules", index), rule, rule_of)
    index_of: dict[str, int] = {}  # id -> the first rule with it, across the files
    for position, rule in enumerate(rules):
        index_of.setdefault(rule.id, position)
    periods: dict[str, Period] = {}
    for doc, index, rule in placed:
        total = rule.count
        if rule.extends is not None:
            problem = _extension_problem(rule, rules, index_of)
            if problem:
                problems.append(doc.problem(("rules", index, "extends"), problem))
                continue
            total += rules[index_of[rule.extends]].count
        periods[rule.id] = Period(total, rule.day_type, rule.receipt)
    if problems:
        raise InvalidDataError(problems)
    return RuleBook(
        tuple(path for path, _ in files),
        rules,
        periods,
        sources,
        tuple(channel for _, data in read for channel in data.channels),
        next((data.reply_date for _, data in read if data.reply_date is not None), None),
        tuple(obligation for _, data in read for obligation in data.annual),
        tuple(entry for _, data in read for entry in data.intake),
        tuple(entry for _, data in read for entry in data.ambiguous_channels),
    )


def _where(doc: Any, other: Any, loc: tuple[str | int, ...]) -> str:
    """`on line N` in the same file, `at FILE:N` in another."""
    line = other.line_of(loc)
    return f"on line {line}" if other is doc else f"at {other.path}:{line}"


def _name_problems(
    doc: Any,
    names: dict[str, tuple[Any, tuple[str | int, ...]]],
    loc: tuple[str | int, ...],
    name: str,
) -> list[Problem]:
    """An alias must be non-empty and name one rule only."""
    if not name.strip() or name != name.strip():
        return [doc.problem(loc, _("an alias is a name without surrounding spaces"))]
    if name in names:
        other, where = names[name]
        return [
            doc.problem(
                loc,
                _("{name!r} is already a name {doc}").format(
                    name=name, doc=_where(doc, other, where)
                ),
            )
        ]
    names[name] = (doc, loc)
    return []


def _source_problems(
    doc: Any, sources: dict[str, str], loc: tuple[str | int, ...], checked: tuple[str, ...]
) -> list[Problem]:
    return [
        doc.problem(
            (*loc, "checked_against", number),
            _("no source {source!r} under `sources`").format(source=source),
        )
        for number, source in enumerate(checked)
        if source not in sources
    ]


def _channel_problems(doc: Any, data: RulesFile, sources: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    names: dict[str, tuple[Any, tuple[str | int, ...]]] = {}
    for index, channel in enumerate(data.channels):
        loc: tuple[str | int, ...] = ("channels", index)
        if not _ID.fullmatch(channel.id):
            problems.append(
                doc.problem((*loc, "id"), _("an id is lower case letters, digits and hyphens"))
            )
        for key, name in [("id", channel.id), ("name", channel.name)] + [
            (("aliases", number), alias) for number, alias in enumerate(channel.aliases)
        ]:
            where = (*loc, *key) if isinstance(key, tuple) else (*loc, key)
            problems += _name_problems(doc, names, where, name)
        problems += _source_problems(doc, sources, loc, channel.checked_against)
    return problems


def _annual_problems(doc: Any, data: RulesFile, sources: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, obligation in enumerate(data.annual):
        loc: tuple[str | int, ...] = ("annual", index)
        if not _ID.fullmatch(obligation.id) or obligation.id in seen:
            problems.append(
                doc.problem(
                    (*loc, "id"), _("an id is unique: lower case letters, digits and hyphens")
                )
            )
        seen.add(obligation.id)
        if obligation.month is None or obligation.day is None:
            if obligation.month is not obligation.day or not (obligation.undated or "").strip():
                problems.append(
                    doc.problem(
                        (*loc, "undated"),
                        _("give month and day, or neither and say why in `undated`"),
                    )
                )
        else:
            try:
                dt.date(2000, obligation.month, obligation.day)  # a leap year: 2月29日 allowed
            except ValueError as exc:
                problems.append(
                    doc.problem(
                        (*loc, "day"), _("not a day of the year: {exc}").format(exc=_(str(exc)))
                    )
                )
        if not obligation.kinds:
            problems.append(doc.problem((*loc, "kinds"), _("name at least one kind of unit")))
        if not obligation.decision.strip():
            problems.append(doc.problem((*loc, "decision"), _("say why these kinds owe it")))
        problems += _source_problems(doc, sources, loc, obligation.checked_against)
    return problems


def _intake_problems(
    doc: Any, data: RulesFile, rule_of: dict[str, Rule], channel_ids: set[str]
) -> list[Problem]:
    """An intake names known rules, and each channel name once; an ambiguous channel
    names known channels."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, entry in enumerate(data.intake):
        if entry.rule is not None and entry.rule not in rule_of:
            problems.append(
                doc.problem(("intake", index, "rule"), _("no rule {id!r}").format(id=entry.rule))
            )
        for number, name in enumerate(entry.names):
            key = "".join(name.split())
            if not key or key in seen:
                problems.append(
                    doc.problem(
                        ("intake", index, "names", number),
                        _("{name!r} is already a name on line {line}").format(
                            name=name, line=doc.line_of(("intake", index))
                        )
                        if key
                        else _("an alias is a name without surrounding spaces"),
                    )
                )
            seen.add(key)
    for index, ambiguous in enumerate(data.ambiguous_channels):
        for number, choice in enumerate(ambiguous.choices):
            if choice not in channel_ids:
                problems.append(
                    doc.problem(
                        ("ambiguous_channels", index, "choices", number),
                        _("unknown channel {name} (channels: {known})").format(
                            name=shown(choice), known=", ".join(sorted(channel_ids))
                        ),
                    )
                )
    return problems


def _in_force_problems(
    doc: Any, loc: tuple[str | int, ...], rule: Rule, by_id: dict[str, Rule]
) -> list[Problem]:
    """`in_force` runs forward; `replaces` names another rule, which ends before this starts."""
    problems: list[Problem] = []
    span = rule.in_force
    if span is not None and span.from_ and span.to and span.to < span.from_:
        problems.append(
            doc.problem(
                (*loc, "in_force", "to"),
                _("{to} is before {start}").format(to=span.to, start=span.from_),
            )
        )
    if rule.replaces is None:
        return problems
    if rule.replaces not in by_id or rule.replaces == rule.id:
        return [
            *problems,
            doc.problem((*loc, "replaces"), _("no rule {id!r}").format(id=rule.replaces)),
        ]
    earlier = by_id[rule.replaces]
    ends = earlier.in_force.to if earlier.in_force is not None else None
    starts = span.from_ if span is not None else None
    if ends is None or starts is None or ends >= starts:
        problems.append(
            doc.problem(
                (*loc, "replaces"),
                _("{id!r} must end (in_force.to) before this rule starts (in_force.from)").format(
                    id=rule.replaces
                ),
            )
        )
    return problems


def _extension_problem(rule: Rule, rules: tuple[Rule, ...], by_id: dict[str, int]) -> str:
    assert rule.extends is not None
    if rule.extends not in by_id:
        return _("no rule {extends!r}").format(extends=rule.extends)
    base = rules[by_id[rule.extends]]
    if base.extends is not None or base.id == rule.id:
        return _("{extends!r} is itself an extension; extend the rule it extends").format(
            extends=rule.extends
        )
    if base.day_type is not rule.day_type:
        return _("{extends!r} counts {value} days, this rule {value2}").format(
            extends=rule.extends, value=base.day_type.value, value2=rule.day_type.value
        )
    return ""


def count_start(received: dt.date, restart: dt.date | None) -> dt.date:
    """The day a count starts after: the receipt, or the day a 补正 restarted it.

    条例 第三十条: 答复期限自行政机关收到补正的申请之日起计算. The corrected
    application starts the period anew (it is not a pause), so the count runs from
    the restart day; a restart before the receipt is a mistake in the input.
    """
    if restart is None:
        return received
    if restart < received:
        raise UsageError(
            _("the restart ({restart}) is before the receipt ({received})").format(
                restart=restart, received=received
            )
        )
    return restart
