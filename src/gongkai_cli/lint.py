"""Lint of the plan itself: what a careful reader of the document would flag.

The checks read the plan as data and report, each with the task's 序号 and the
words that show it:

- a 时间节点 that falls before the plan's own issue date;
- a deadline written in a row's text (印发后30日内, 下一年第一季度, 用两年时间)
  that the row's 时间节点 does not match;
- annex wording that near-copies the body paragraph it summarises but with
  other characters (a substitution, not a summary's omission);
- a character doubled in the body where the annex has it once;
- a 任务名称 printed again after a page break;
- empty cells, and the decisions the data records for them.

Findings are information: `lint` never raises for them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import TYPE_CHECKING

from gongkai_cli.models import Decision, NameSource, Task

if TYPE_CHECKING:
    from gongkai_cli.plan import Plan


class Kind(StrEnum):
    """What a finding is about."""

    BEFORE_ISSUE = "before_issue"  # 时间节点 before the issue date
    TEXT_DEADLINE = "text_deadline"  # the row's words set another deadline
    WORDING = "wording"  # annex wording differs from the body
    DOUBLED_CHAR = "doubled_char"  # the body repeats a character the annex has once
    REPEATED_NAME = "repeated_name"  # 任务名称 printed again after a page break
    EMPTY_CELL = "empty_cell"  # an empty cell and the decision taken for it

    @property
    def zh(self) -> str:
        """A short Chinese label for tables."""
        return _KIND_ZH[self]


_KIND_ZH = {
    Kind.BEFORE_ISSUE: "早于印发",
    Kind.TEXT_DEADLINE: "期限不一",
    Kind.WORDING: "用语不同",
    Kind.DOUBLED_CHAR: "正文重字",
    Kind.REPEATED_NAME: "跨页重名",
    Kind.EMPTY_CELL: "空白单元格",
}
_KIND_ORDER = {kind: order for order, kind in enumerate(Kind)}


@dataclass(frozen=True, slots=True)
class Quote:
    """Words of the plan (or of the data's decisions) that show a finding."""

    where: str
    """Where the words are: 附件第77行 任务内容, 正文 五、(六), 决定 (time_node) ..."""
    text: str
    """The words, verbatim."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a careful reader of the plan would flag."""

    seq: int | None
    """The task's 序号; None for a finding about several rows or the document."""
    kind: Kind
    message: str
    """One line for people, quoting the words that show it."""
    evidence: tuple[Quote, ...] = ()


def lint(plan: Plan) -> list[Finding]:
    """Every finding about `plan`, by task number (findings about no one task last)."""
    paragraphs = {p.id: p.text for p in plan.document.paragraphs}
    findings = [
        *_before_issue(plan),
        *_text_deadlines(plan, paragraphs),
        *_wording(plan.tasks, paragraphs, plan.document.decisions),
        *_repeated_names(plan.tasks),
        *_empty_cells(plan.tasks),
    ]
    return sorted(findings, key=lambda f: (f.seq is None, f.seq or 0, _KIND_ORDER[f.kind]))


def _annex(task: Task, cell: str) -> str:
    return f"附件第{task.seq}行 {cell}"


# -- deadlines -------------------------------------------------------------------


def _before_issue(plan: Plan) -> Iterator[Finding]:
    issued = plan.document.issued
    for task in plan.tasks:
        due = task.deadline.due
        if due < issued:
            days = (issued - due).days
            yield Finding(
                task.seq,
                Kind.BEFORE_ISSUE,
                f"时间节点 「{task.time_node}」 is {due.isoformat()}, "
                f"{days} day{'s' if days > 1 else ''} before "
                f"the plan was issued on {issued.isoformat()}",
                (Quote(_annex(task, "时间节点"), task.time_node),),
            )


_CLAUSE = re.compile(r"[^，,；;。]+")
_NUMBER = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_AFTER_ISSUE = re.compile(r"印发后(\d+)日内")
_BY_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日前")
_NEXT_YEAR_QUARTER = re.compile(r"下一年第([一二三四])季度")
_YEARS = re.compile(r"用([两二三四五])年时间")


def _clause_at(text: str, position: int) -> str:
    """The clause of `text` (between commas and stops) that holds `position`."""
    for match in _CLAUSE.finditer(text):
        if match.start() <= position < match.end():
            return match.group()
    return text


def _quarter_end(year: int, quarter: int) -> dt.date:
    month = 3 * quarter
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _dates_in(
    text: str, issued: dt.date, year: int
) -> Iterator[tuple[re.Match[str], dt.date | None, str]]:
    """Each deadline `text` writes in words: its date (None for a span) and what it means."""
    for match in _AFTER_ISSUE.finditer(text):
        said = issued + dt.timedelta(days=int(match[1]))
        yield match, said, f"{said}, {match[1]} days after the issue date {issued}"
    for match in _BY_DAY.finditer(text):
        try:
            said = dt.date(year, int(match[1]), int(match[2]))
        except ValueError:  # no such day: not a deadline this check can read
            continue
        yield match, said, str(said)
    for match in _NEXT_YEAR_QUARTER.finditer(text):
        said = _quarter_end(year + 1, _NUMBER[match[1]])
        yield match, said, f"{said}, in the next year"
    for match in _YEARS.finditer(text):
        yield match, None, f"a span of {_NUMBER[match[1]]} years"


def _text_deadlines(plan: Plan, paragraphs: dict[str, str]) -> Iterator[Finding]:
    """Deadlines a row's 任务内容 writes in words that its 时间节点 does not match."""
    issued, year = plan.document.issued, plan.document.year
    for task in plan.tasks:
        due = task.deadline.due
        for match, said, meaning in _dates_in(task.content, issued, year):
            if said == due:
                continue
            ours = Quote(_annex(task, "任务内容"), _clause_at(task.content, match.start()))
            body = paragraphs.get(task.section, "")
            words = match.group()
            evidence = [ours]
            if words not in body:
                quoted = f"任务内容 says 「{ours.text}」"
            elif (theirs := _clause_at(body, body.index(words))) == ours.text:
                quoted = f"任务内容 and the body ({task.section}) say 「{ours.text}」"
                evidence.append(Quote(f"正文 {task.section}", theirs))
            else:
                quoted = f"任务内容 says 「{ours.text}」, the body ({task.section}) 「{theirs}」"
                evidence.append(Quote(f"正文 {task.section}", theirs))
            evidence.append(Quote(_annex(task, "时间节点"), task.time_node))
            yield Finding(
                task.seq,
                Kind.TEXT_DEADLINE,
                f"{quoted}: {words} is {meaning}, but 时间节点 「{task.time_node}」 is {due}",
                tuple(evidence),
            )


# -- wording ---------------------------------------------------------------------
#
# Each run of annex clauses is aligned, by difflib.SequenceMatcher and with
# punctuation and spaces set aside, with the body sentence the clauses share most
# characters with; a 任务名称 with the paragraph's heading and the sentences its
# rows copy. A summary leaves words out and adds linking words, and that is not
# reported. What is reported is a near-copy with other characters in it: a short
# replacement held on both sides by shared text, or a short gap inside a phrase
# that the task writes in full elsewhere.

_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
_CLAUSE_TEXT = re.compile(r"[^，,；;。]+[，,；;。]?")
_NUMBERING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")
_CLAUSE_MARKS = frozenset("，,；;。、：:")
_MAX_CHANGE = 4  # characters: a longer replacement is rewording, not a near-copy
_ANCHOR = 2  # characters shared on each side of a change
_CONTEXT = 10  # characters quoted around a change when its clause is long
_CLAUSE_REACH = 16  # a clause boundary this close is quoted up to instead

# Words a summary swaps without changing what is asked: conjunctions, particles,
# and adverbs of continuation or degree (进一步 for 继续).
_FUNCTION_WORDS = (
    "进一步", "以及", "继续", "不断", "持续", "着力", "切实", "相关", "有关", "进行",
    "和", "及", "与", "并", "的", "地", "要", "须", "将", "对", "本", "该",
)  # fmt: skip
_FUNCTION_ONLY = re.compile("(?:" + "|".join(sorted(_FUNCTION_WORDS, key=len)[::-1]) + ")+")
# After 本 the annex restates whose it is for its own 责任单位 (本单位 for 本区、本部门).
_DEICTIC = frozenset("本该")


@dataclass(frozen=True, slots=True)
class _Text:
    """A text reduced to its letters and digits, with the way back to the original."""

    original: str
    chars: str
    offsets: tuple[int, ...]
    """offsets[i] is where chars[i] stands in `original`."""
    breaks: frozenset[int]
    """Positions in `chars` where a clause mark stood, and both ends."""

    def quote(self, start: int, end: int) -> str:
        """The original text of chars[start:end], with the marks inside and around it."""
        first, last = self.offsets[start], self.offsets[end - 1] + 1
        while first > 0 and unicodedata.category(self.original[first - 1]) in ("Ps", "Pi"):
            first -= 1
        while last < len(self.original) and unicodedata.category(self.original[last]) in (
            "Pe",
            "Pf",
        ):
            last += 1
        return self.original[first:last]

    def window(self, start: int, end: int) -> tuple[int, int]:
        """chars[start:end] widened to its clause, or by _CONTEXT where the clause is long."""
        left = max(b for b in self.breaks if b <= start)
        right = min(b for b in self.breaks if b >= end)
        if start - left > _CLAUSE_REACH:
            left = start - _CONTEXT
        if right - end > _CLAUSE_REACH:
            right = end + _CONTEXT
        return left, right


def _reduce(text: str) -> _Text:
    chars: list[str] = []
    offsets: list[int] = []
    breaks = {0}
    for offset, char in enumerate(text):
        if unicodedata.category(char)[0] in "LN":
            chars.append(char)
            offsets.append(offset)
        elif char in _CLAUSE_MARKS:
            breaks.add(len(chars))
    breaks.add(len(chars))
    return _Text(text, "".join(chars), tuple(offsets), frozenset(breaks))


def _sentences(text: str) -> list[_Text]:
    return [_reduce(s) for s in _SENTENCE.findall(text) if s.strip()]


def _shared(a: str, b: str) -> int:
    """Characters `a` and `b` share in runs of at least _ANCHOR (single ones are chance)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks() if block.size >= _ANCHOR)


def _best(annex: _Text, candidates: Sequence[_Text]) -> _Text | None:
    """The candidate sharing most with `annex` (the first on a tie); None if none shares any."""
    scored = [(_shared(annex.chars, sentence.chars), sentence) for sentence in candidates]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] else None


Opcode = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class _Alignment:
    """An annex text against the stretch of a body sentence that it copies."""

    annex: _Text
    body: _Text
    start: int
    """Where the stretch begins in body.chars: a clause boundary."""
    end: int
    ops: tuple[Opcode, ...]
    """SequenceMatcher opcodes; body positions are positions in body.chars."""

    def left(self, k: int) -> tuple[int, bool]:
        """Characters shared just before op k, and whether they start both texts."""
        if k == 0:
            _, i1, _, j1, _ = self.ops[k]
            return 0, i1 == 0 and j1 == self.start
        tag, i1, i2, j1, _ = self.ops[k - 1]
        return (i2 - i1, i1 == 0 and j1 == self.start) if tag == "equal" else (0, False)

    def right(self, k: int) -> tuple[int, bool]:
        """Characters shared just after op k, and whether they end both texts."""
        if k == len(self.ops) - 1:
            _, _, i2, _, j2 = self.ops[k]
            return 0, i2 == len(self.annex.chars) and j2 == self.end
        tag, i1, i2, _, j2 = self.ops[k + 1]
        ends = i2 == len(self.annex.chars) and j2 == self.end
        return (i2 - i1, ends) if tag == "equal" else (0, False)

    def to_body(self, position: int, *, end: bool) -> int:
        """The body position that annex `position` (a start, or an `end`) stands for."""
        for tag, i1, i2, j1, j2 in self.ops:
            if (i1 < position <= i2) if end else (i1 <= position < i2):
                if tag == "equal":
                    return j1 + position - i1
                return j2 if end else j1
        return self.end if end else self.start

    def only_in(self, side: str, skip: int) -> str:
        """What only the annex (side "annex") or only the body has, op `skip` aside."""
        return "\x00".join(
            self.annex.chars[i1:i2] if side == "annex" else self.body.chars[j1:j2]
            for k, (tag, i1, i2, j1, j2) in enumerate(self.ops)
            if k != skip and tag != "equal"
        )


def _align(annex: _Text, sentence: _Text) -> _Alignment | None:
    """`annex` against the clauses of `sentence` that it shares text with."""
    matcher = SequenceMatcher(None, annex.chars, sentence.chars, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= _ANCHOR]
    if not blocks:
        return None
    start = max(b for b in sentence.breaks if b <= blocks[0].b)
    end = min(b for b in sentence.breaks if b >= blocks[-1].b + blocks[-1].size)
    stretch = SequenceMatcher(None, annex.chars, sentence.chars[start:end], autojunk=False)
    ops = tuple((t, i1, i2, j1 + start, j2 + start) for t, i1, i2, j1, j2 in stretch.get_opcodes())
    return _Alignment(annex, sentence, start, end, ops)


@dataclass(frozen=True, slots=True)
class _Change:
    """A difference to report: where it is in the annex and in the body."""

    annex: tuple[int, int]
    body: tuple[int, int]


def _substitutions(al: _Alignment, paragraph: str) -> Iterator[_Change]:
    """Short replacements held on both sides by shared text."""
    a, b = al.annex.chars, al.body.chars
    for k, (tag, i1, i2, j1, j2) in enumerate(al.ops):
        if tag != "replace":
            continue
        ours, theirs = a[i1:i2], b[j1:j2]
        (left, starts), (right, ends) = al.left(k), al.right(k)
        size = max(len(ours), len(theirs))
        if (
            size > _MAX_CHANGE
            or not (left >= _ANCHOR or starts)
            or not (right >= _ANCHOR or ends)
            or left + right < 2 * size  # the shared text must outweigh the change
        ):
            continue
        if _FUNCTION_ONLY.fullmatch(ours) or _FUNCTION_ONLY.fullmatch(theirs):
            continue
        if left and a[i1 - 1] in _DEICTIC:
            continue
        # The annex's words are the body's own, from elsewhere in the paragraph.
        if (left >= _ANCHOR and a[i1 - _ANCHOR : i1] + ours in paragraph) or (
            right >= _ANCHOR and ours + a[i2 : i2 + _ANCHOR] in paragraph
        ):
            continue
        # Words moved within the sentence, not replaced.
        if ours in al.only_in("body", k) or theirs in al.only_in("annex", k):
            continue
        yield _Change((i1, i2), (j1, j2))


def _gaps(al: _Alignment) -> Iterator[tuple[_Change, str, int]]:
    """Gaps of a character or two inside a copied phrase: the phrase, and where in it."""
    b = al.body.chars
    for k, (tag, i1, i2, j1, j2) in enumerate(al.ops):
        (left, _), (right, _) = al.left(k), al.right(k)
        if tag == "insert" and j2 - j1 <= _ANCHOR and min(left, right) >= _ANCHOR:
            yield _Change((i1, i2), (j1, j2)), b[j1 - left : j2 + right], left


def _term_around(phrase: str, gap: tuple[int, int], text: str) -> str | None:
    """The longest part of `phrase` that spans the gap and occurs in `text`."""
    found = [
        phrase[s:e]
        for s in range(gap[0] + 1)
        for e in range(gap[1], len(phrase) + 1)
        if e - s > gap[1] - gap[0] and phrase[s:e] in text
    ]
    return max(found, key=len) if found else None


@dataclass(frozen=True, slots=True)
class _Paragraph:
    """A body paragraph split for alignment."""

    id: str
    chars: str
    heading: tuple[_Text, ...]
    """The paragraph's heading sentence, (一)规范政务信息管理。, if it is numbered."""
    sentences: tuple[_Text, ...]


def _paragraph(paragraph_id: str, text: str) -> _Paragraph:
    unnumbered = _NUMBERING.sub("", text)
    sentences = tuple(_sentences(unnumbered))
    heading = sentences[:1] if unnumbered != text else ()
    return _Paragraph(paragraph_id, _reduce(text).chars, heading, sentences)


def _segments(text: str, sentences: Sequence[_Text]) -> Iterator[tuple[_Text, _Text]]:
    """Runs of `text`'s clauses that copy the same body sentence, with that sentence.

    A clause that shares nothing with the body joins the run it follows.
    """
    run = ""
    source: _Text | None = None
    for clause in _CLAUSE_TEXT.findall(text):
        best = _best(_reduce(clause), sentences) or source
        if source is not None and best is not source:
            yield _reduce(run), source
            run = ""
        run, source = run + clause, best
    if source is not None:
        yield _reduce(run), source


def _wording(
    tasks: Sequence[Task], paragraphs: dict[str, str], decisions: Sequence[Decision]
) -> Iterator[Finding]:
    bodies = {pid: _paragraph(pid, text) for pid, text in paragraphs.items()}
    copied: dict[int, list[_Text]] = {}  # the body sentences each row's content copies
    for task in tasks:
        body = bodies.get(task.section)
        if body is None:
            continue
        copied[task.seq] = []
        for segment, source in _segments(task.content, body.sentences):
            copied[task.seq].append(source)
            if (al := _align(segment, source)) is not None:
                yield from _findings(task, "任务内容", al, body, task.content, decisions)
    seen: set[tuple[str, str]] = set()
    for task in tasks:
        body = bodies.get(task.section)
        if body is None or task.name_source is not NameSource.CELL:
            continue
        if (task.section, task.name) in seen:
            continue
        seen.add((task.section, task.name))
        rows = [t for t in tasks if (t.section, t.name) == (task.section, task.name)]
        candidates = [*body.heading, *(s for t in rows for s in copied.get(t.seq, []))]
        name = _reduce(task.name)
        copied_from = _best(name, candidates)
        if copied_from is not None and (al := _align(name, copied_from)) is not None:
            contents = "\x00".join(t.content for t in rows)
            yield from _findings(task, "任务名称", al, body, contents, decisions)


def _findings(
    task: Task,
    cell: str,
    al: _Alignment,
    body: _Paragraph,
    elsewhere: str,
    decisions: Sequence[Decision],
) -> Iterator[Finding]:
    """The wording findings of one aligned annex text."""
    is_name = cell == "任务名称"

    def span(change: _Change) -> tuple[int, int]:
        return (0, len(al.annex.chars)) if is_name else al.annex.window(*change.annex)

    def quotes(change: _Change) -> tuple[Quote, Quote]:
        s, e = span(change)
        j1, j2 = change.body
        js = min(al.to_body(s, end=False), j1)
        je = max(al.to_body(e, end=True), j2)
        ours = task.name.strip() if is_name else al.annex.quote(s, e)
        return Quote(_annex(task, cell), ours), Quote(f"正文 {body.id}", al.body.quote(js, je))

    reported: list[tuple[Quote, Quote]] = []
    for change in _substitutions(al, body.chars):
        ours, theirs = quotes(change)
        if reported and reported[-1][0] == ours:
            continue  # a second change inside the phrase already quoted
        reported.append((ours, theirs))
        s, e = span(change)
        changes = ", ".join(
            f"{al.annex.chars[i1:i2]} for {al.body.chars[j1:j2]}"
            for tag, i1, i2, j1, j2 in al.ops
            if tag == "replace" and s <= i1 and i2 <= e
        )
        yield Finding(
            task.seq,
            Kind.WORDING,
            f"{cell} 「{ours.text}」 where the body ({body.id}) has 「{theirs.text}」: {changes}",
            (ours, theirs),
        )
    written = _reduce(elsewhere).chars
    for change, phrase, left in _gaps(al):
        ours, theirs = quotes(change)
        missing = al.body.chars[slice(*change.body)]
        if len(missing) == 1 and missing in (phrase[left - 1], phrase[left + 1 : left + 2]):
            about = [d for d in decisions if missing * 2 in d.value + d.reason]
            yield Finding(
                task.seq,
                Kind.DOUBLED_CHAR,
                f"the body ({body.id}) has 「{theirs.text}」, {missing} twice, "
                f"where {cell} has 「{ours.text}」"
                + ("; the data keeps the body as received" if about else ""),
                (theirs, ours, *(Quote(f"决定 ({d.field})", d.reason) for d in about)),
            )
        elif term := _term_around(phrase, (left, left + len(missing)), written):
            yield Finding(
                task.seq,
                Kind.WORDING,
                f"{cell} 「{ours.text}」 lacks {missing}: the body ({body.id}) has "
                f"「{theirs.text}」, and the task's own 任务内容 writes 「{term}」",
                (ours, theirs),
            )


# -- cells -----------------------------------------------------------------------


def _repeated_names(tasks: Sequence[Task]) -> Iterator[Finding]:
    """A 任务名称 cell that repeats the name of the last row that wrote one."""
    previous: Task | None = None
    for task in tasks:
        if task.name_source is not NameSource.CELL:
            continue
        if previous is not None and task.name == previous.name:
            if task.page != previous.page:
                across = f"across the page break between pages {previous.page} and {task.page}"
            else:
                across = f"on the same page ({task.page})"
            yield Finding(
                task.seq,
                Kind.REPEATED_NAME,
                f"任务名称 「{task.name}」 repeats row {previous.seq}'s name {across}: "
                "the same task continues",
                (
                    Quote(_annex(previous, "任务名称"), previous.name),
                    Quote(_annex(task, "任务名称"), task.name),
                ),
            )
        previous = task


def _decision(task: Task, field: str) -> Decision | None:
    return next((d for d in task.decisions if d.field == field), None)


def _ranges(numbers: Sequence[int]) -> str:
    """6, 8-9, 12: consecutive numbers as ranges."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _empty_cells(tasks: Sequence[Task]) -> Iterator[Finding]:
    """Empty 时间节点 and 任务名称 cells, with what the data decided for them."""
    for task in tasks:
        if task.time_node:
            continue
        decision = _decision(task, "time_node")
        taken = f"read as 「{decision.value}」" if decision else "no decision recorded"
        evidence = (Quote(f"决定 ({decision.field})", decision.reason),) if decision else ()
        yield Finding(
            task.seq,
            Kind.EMPTY_CELL,
            f"时间节点 is empty (a merged cell), {taken}, due {task.deadline.due}",
            evidence,
        )
    # An empty 任务名称 cell is the common case of a merged cell: one finding lists
    # them all, one quote per merged block, rather than a line per row.
    blocks: list[tuple[Task, list[int]]] = []
    for task in tasks:
        if task.name_source is NameSource.CELL:
            blocks.append((task, []))
        elif task.name_source is NameSource.MERGED_ABOVE and blocks:
            blocks[-1][1].append(task.seq)
    merged = [(named, rows) for named, rows in blocks if rows]
    rows = [seq for _, block in merged for seq in block]
    if rows:
        yield Finding(
            None,
            Kind.EMPTY_CELL,
            f"任务名称 is empty in {len(rows)} rows (merged cells), each read with the "
            f"name of the row above: rows {_ranges(rows)}",
            tuple(
                Quote(f"附件第{_ranges(block)}行 任务名称 (空)", f"第{named.seq}行 {named.name}")
                for named, block in merged
            ),
        )
    for k, task in enumerate(tasks):
        if task.name_source is not NameSource.MERGED_BELOW:
            continue
        below = next((t.seq for t in tasks[k + 1 :] if t.name_source is NameSource.CELL), None)
        decision = _decision(task, "name")
        evidence = (Quote(f"决定 ({decision.field})", decision.reason),) if decision else ()
        yield Finding(
            task.seq,
            Kind.EMPTY_CELL,
            f"任务名称 is empty and read with the name below (row {below}), not above: "
            f"「{task.name}」",
            evidence,
        )
