"""Annex wording against the body paragraph it summarises (用语不同, 正文重字).

Each run of annex clauses is aligned, by difflib.SequenceMatcher and with
punctuation and spaces set aside, with the body sentence the clauses share most
characters with; a 任务名称 with the paragraph's heading and the sentences its
rows copy. A summary leaves words out and adds linking words, and that is not
reported. What is reported is a near-copy with other characters in it: a short
replacement held on both sides by shared text, or a short gap inside a phrase
that the task writes in full elsewhere. A gap of one character that its
neighbour repeats is the body doubling a character (a page-break artefact).

`wording_findings` is the entry point; `lint.lint` calls it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from gongkai_cli.model.plan import Decision, NameSource, Task
from gongkai_cli.plan.lint.findings import Finding, Kind, Quote, annex_cell

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


def wording_findings(
    tasks: Sequence[Task], paragraphs: Mapping[str, str], decisions: Sequence[Decision]
) -> Iterator[Finding]:
    """Where the annex near-copies its body paragraph with other characters.

    `paragraphs` maps a paragraph id (五、(六)) to its text; `decisions` are the
    document's, quoted when one explains a doubled character. Yields WORDING and
    DOUBLED_CHAR findings, task by task in the order the rows are read.
    """
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
        return Quote(annex_cell(task, cell), ours), Quote(f"正文 {body.id}", al.body.quote(js, je))

    reported: list[tuple[Quote, Quote]] = []
    for change in _substitutions(al, body.chars):
        ours, theirs = quotes(change)
        if reported and reported[-1][0] == ours:
            continue  # a second change inside the phrase already quoted
        reported.append((ours, theirs))
        s, e = span(change)
        pairs = "、".join(
            f"“{al.annex.chars[i1:i2]}”与“{al.body.chars[j1:j2]}”"
            for tag, i1, i2, j1, j2 in al.ops
            if tag == "replace" and s <= i1 and i2 <= e
        )
        yield Finding(
            task.seq,
            Kind.WORDING,
            f"{cell}「{ours.text}」，正文{body.id}作「{theirs.text}」：{pairs}不同",
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
                f"正文{body.id}作「{theirs.text}」，“{missing}”字重复，{cell}作「{ours.text}」"
                + ("；数据照录正文原文" if about else ""),
                (theirs, ours, *(Quote(f"决定（{d.field}）", d.reason) for d in about)),
            )
        elif term := _term_around(phrase, (left, left + len(missing)), written):
            yield Finding(
                task.seq,
                Kind.WORDING,
                f"{cell}「{ours.text}」缺少“{missing}”：正文{body.id}作「{theirs.text}」，"
                f"本任务的任务内容亦作「{term}」",
                (ours, theirs),
            )
