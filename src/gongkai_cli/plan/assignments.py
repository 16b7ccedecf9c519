"""Reading a 责任单位 cell into (unit, role) pairs: the one reader every layout uses.

`read_responsible(cell)` gives a `Reading`: the pairs, and what else the cell says
(notes, expanded prefixes, open collectives, a standing rule, problems). The
table, items and office importers and plan validation all call it; nobody writes
a second one. `parse_responsible(cell)` is the pairs alone (the entry point the
plan's loader and validator use; its result for every 2021 cell is unchanged).

The grammar, in the order it is applied:

1. A bracket around the whole cell is dropped: （牵头单位：市执法局，责任单位：…）.
2. Brackets inside the cell:
   - a role word in brackets gives that unit its role: 市政府办公厅（牵头）;
   - a note (见, 下同, 附件, 包括, 含, 其中, 以下, 指, or a comma inside) is kept as a note,
     not a unit: 市有关单位（见附件1，下同）;
   - anything else is part of the name: 各县（市、区）人民政府（管委会）, 区建设管理委（区交通委）,
     各镇（街）, 各职能科（室）.
3. A sentence after 。 that names no unit is a note; 逗号前的为牵头单位 makes the units
   before the first comma lead.
4. Labels start a list and give it a role: 牵头单位：/牵头部门：/牵头科室： lead;
   责任单位：/责任部门：/责任科室：/落实单位：/主责单位： responsible;
   配合单位：/配合部门：/协办单位：/参与单位： support. Lists end at the next label.
5. Role words (longest first) end a run of units and give every unit of the run its role:
   the units joined by 、 back to the previous comma, semicolon, role word or label. A
   unit in no such run is responsible (or has the role of its label or column):
       牵头, 牵头负责, 牵头落实, 分别牵头(落实), 统筹                   lead
       负责, 负责落实, 分别负责(落实), 按职责(分工)负责, 按职责分工(分别)落实,
       按职能分工落实, 落实, 分别落实, 具体落实, 参照落实, 参照执行      responsible
       配合, 配合落实, 参与, 协助                                        support
   A role in brackets after one unit wins over the run's. 会同 between units makes
   the units before it lead: 市发展改革委会同市财政局负责.
6. Units are separated by 、，,；;。 outside brackets, and by 及 (以及) after a unit's
   name (市级各有关部门及各县市区政府), as 、 joins them. 各市、县（市、区）政府 is one unit:
   各 and a bare level (各市, 各县, 各区) share the name that follows; so is
   区政府各委、办、局 (the kinds of office after 各委).
7. An open list ends in 等: X等相关部门, X等部门, X等市有关单位, X等公共企事业单位行业主管部门
   name X and an open collective (相关部门 …) whose members the plan does not list.
   A bare 等 names X only, with a note that the list is not complete.
8. An elided shared prefix is expanded: 市发展改革委、工业和信息化局、商务局 reads
   市工业和信息化局 and 市商务局 (市税务局、财政局 -> 市财政局; 省监察厅、法制办 -> 省法制办).
   Only a department name (…局, …委, …厅, not …分局, or a short …办 such as 法制办, 编办;
   not 沿沪宁专项机制办) with no place of its own is expanded, and each expansion is
   listed in `expanded` so the draft records it as a decision.
9. A standing rule (本要点各项工作均需各市、县〔市、区〕政府作为责任单位，以下不再列出) is
   flagged `standing`: its units apply to every task of the plan (the draft records a
   document decision), not to this cell's task alone.
10. Nothing else becomes a unit: a name of punctuation or digits only, a name that is
    only role words, and a name over 60 characters are problems, not units. An empty
    cell, a cell of role words only and a cell over 2,000 characters give a problem.

Traditional characters are read as their simplified forms (牽頭 is 牵头), while the
names keep the characters the cell has.

    市人力资源社会保障局负责,长宁区政府、市大数据中心配合
    -> 市人力资源社会保障局 responsible; 长宁区政府, 市大数据中心 support
    市税务局、财政局按职能分工落实
    -> 市税务局 responsible; 市财政局 responsible (expanded from 财政局)

Every 2021 cell reads as it did before (tests/test_units_roles.py); the real cells of
tests/data/duty_cells.yaml are read by tests/test_duty_cells.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from gongkai_cli.i18n import _
from gongkai_cli.model.plan import Decision, Role

STANDING_FIELD = "standing_responsible"
"""A document decision whose value is the units a standing rule gives every task
(本要点各项工作均需各市、县〔市、区〕政府作为责任单位，以下不再列出)."""
COLUMN_FIELD = "responsible_column"
"""A document decision whose value is the header of the table's unit column (牵头落实科室):
the role of a unit whose cell has no role word."""

# Longest first where one is a prefix of another (matching tries them longest first anyway).
ROLE_PHRASES: dict[str, Role] = {
    "分别牵头落实": Role.LEAD,
    "分别牵头": Role.LEAD,
    "牵头落实": Role.LEAD,
    "牵头负责": Role.LEAD,
    "牵头": Role.LEAD,
    "统筹": Role.LEAD,
    "按职责分工分别落实": Role.RESPONSIBLE,
    "按职责分工负责": Role.RESPONSIBLE,
    "按职责分工落实": Role.RESPONSIBLE,
    "按职能分工负责": Role.RESPONSIBLE,
    "按职能分工落实": Role.RESPONSIBLE,
    "按职责负责": Role.RESPONSIBLE,
    "按职责落实": Role.RESPONSIBLE,
    "分别负责落实": Role.RESPONSIBLE,
    "分别负责": Role.RESPONSIBLE,
    "分别落实": Role.RESPONSIBLE,
    "负责落实": Role.RESPONSIBLE,
    "具体落实": Role.RESPONSIBLE,
    "参照落实": Role.RESPONSIBLE,
    "参照执行": Role.RESPONSIBLE,
    "负责": Role.RESPONSIBLE,
    "落实": Role.RESPONSIBLE,
    "配合落实": Role.SUPPORT,
    "配合": Role.SUPPORT,
    "参与": Role.SUPPORT,
    "协助": Role.SUPPORT,
}

LABELS: dict[str, Role] = {
    "牵头单位": Role.LEAD,
    "牵头部门": Role.LEAD,
    "牵头科室": Role.LEAD,
    "牵头处室": Role.LEAD,
    "责任单位": Role.RESPONSIBLE,
    "责任部门": Role.RESPONSIBLE,
    "责任科室": Role.RESPONSIBLE,
    "责任处室": Role.RESPONSIBLE,
    "主责单位": Role.RESPONSIBLE,
    "落实单位": Role.RESPONSIBLE,
    "配合单位": Role.SUPPORT,
    "配合部门": Role.SUPPORT,
    "配合科室": Role.SUPPORT,
    "协办单位": Role.SUPPORT,
    "参与单位": Role.SUPPORT,
}

MAX_CELL = 2000
"""A cell longer than this is not read (a 责任单位 cell of a real plan is under 400)."""
MAX_NAME = 60
"""A unit's name longer than this is a sentence, not a name."""

# Traditional forms of the characters the grammar's words use, folded one for one, so a
# position in the folded text is the same position in the cell.
_FOLD = str.maketrans(
    "牽頭負責實統籌會與協別職單門關見處區縣應參辦個",
    "牵头负责实统筹会与协别职单门关见处区县应参办个",
)
_OPEN = "（(〔[【"
_CLOSE = "）)〕]】"
_SEPARATORS = "、，,；;。"
_NOTE_WORDS = re.compile(r"见|下同|附件|包括|含|其中|以下|指|注|为准|详见|如下")
_NOTE_SENTENCE = re.compile(r"(逗号|，|,)前(面)?的?(单位)?为牵头单位")
_STANDING = re.compile(
    r"(以下|下文|后文|下同)不再(列出|列举|重复|注明)|各项(工作|任务)均(需|须|由|要)"
)
_STANDING_UNITS = re.compile(r"均(?:需|须|由|要)(?P<units>.+?)(?:作为|为|负责|承担)")
_LABEL = re.compile("(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*[:：]")
_ROLE_END = re.compile("(" + "|".join(sorted(ROLE_PHRASES, key=len, reverse=True)) + r")$")
_TOGETHER = "会同"
_OPEN_TAIL = re.compile(
    r"(?P<head>.+?)等(?P<rest>(?:相关|有关|其他|其它)?.{0,16}?"
    r"(?:部门|单位|机构|委办局|街道镇|街镇|街道|镇|区|企业|组织|科室|处室))$"
)
_BARE_TAIL = re.compile(r"(?P<head>.+?)等$")
_PREFIX = re.compile(r"^(省|市|区|县)(?!级)")
_EXPANDABLE = re.compile(r"(局|委|委员会|厅)$|^.{1,3}办$")
_PLACE_INSIDE = re.compile(r"省|市|县|区|州|盟|旗|分局$|支局$")
_OFFICE_PARTS = ("办", "厅", "局")
_EACH_LEVEL = re.compile(r"^各(省|市|区|县|州|盟|旗)$")
_CLASS = re.compile(
    r"(乡镇|街道|街道办事处|镇|乡|镇政府|镇人民政府|街镇|园区|开发区|功能区|管委会|园区管委会"
    r"|部门|单位|委办局|科室|处室|直属机构)"
)
_WORDY = re.compile(r"[\w\u3400-\u9fff]")


class Reading(NamedTuple):
    """What a 责任单位 cell says: its units and roles, and everything read around them."""

    pairs: tuple[tuple[str, Role], ...]
    """Each unit, as the cell writes it (or expanded, see `expanded`), with its role."""
    open: frozenset[str] = frozenset()
    """Units the cell's form makes open collectives (the 相关部门 of X等相关部门)."""
    shared_each: frozenset[str] = frozenset()
    """Units that share a preceding 各 (各乡镇、街道: 街道 is the district's streets)."""
    notes: tuple[str, ...] = ()
    """Text of the cell that is a note, not a unit (见附件1，下同), verbatim."""
    expanded: tuple[tuple[str, str], ...] = ()
    """(as written, as read) for each unit whose shared prefix the cell elides."""
    standing: bool = False
    """The cell is a standing rule: its units apply to every task of the plan."""
    problems: tuple[str, ...] = ()
    """Why the cell, or part of it, gives no unit (in Chinese, for a review point)."""

    @property
    def units(self) -> list[str]:
        """The units in order."""
        return [unit for unit, _ in self.pairs]


def parse_responsible(cell: str, column: str | None = None) -> list[tuple[str, Role]]:
    """The units a 责任单位 cell names, in order, each with its role (see `read_responsible`)."""
    return list(read_responsible(cell, column).pairs)


def plan_pairs(cell: str, decisions: Sequence[Decision]) -> list[tuple[str, Role]]:
    """A task's units in a plan whose document `decisions` may name a unit column's header
    (COLUMN_FIELD) and standing units (STANDING_FIELD): the cell's pairs, then each
    standing unit the cell does not name, responsible. What plan validation and loading
    read; with no such decisions (the 2021 plan), `parse_responsible(cell)`."""
    column = next((d.value for d in decisions if d.field == COLUMN_FIELD), None)
    pairs = parse_responsible(cell, column)
    for decision in decisions:
        if decision.field == STANDING_FIELD:
            named = {unit for unit, _ in pairs}
            pairs += [(u, r) for u, r in parse_responsible(decision.value) if u not in named]
    return pairs


def column_role(header: str | None) -> Role:
    """The role a unit column's header gives a unit with no role word: 牵头单位 and
    牵头落实科室 lead, 配合单位 supports, 责任单位 (and any other header, or none) responsible."""
    if not header:
        return Role.RESPONSIBLE
    folded = header.translate(_FOLD)
    if "牵头" in folded:
        return Role.LEAD
    if any(word in folded for word in ("配合", "协办", "协助", "参与")):
        return Role.SUPPORT
    return Role.RESPONSIBLE


def read_responsible(cell: str, column: str | None = None) -> Reading:
    """Everything a 责任单位 cell says, by the grammar of this module's docstring.

    `column` is the header of the table column the cell is in (牵头单位, 牵头落实科室,
    配合单位, 责任单位 …), when a table gives one: it is the role of a unit that has no
    role word or label (see `column_role`). Inline cells and a plain 责任单位 column
    leave it out.
    """
    text = cell.strip()
    if not text:
        return Reading((), problems=(_("the responsible units cell is empty; no unit is read"),))
    if len(text) > MAX_CELL:
        return Reading(
            (),
            problems=(
                _(
                    "the responsible units are {length} characters long, over {most}: not "
                    "like responsible units, not read; check them"
                ).format(length=len(text), most=MAX_CELL),
            ),
        )
    return _Reader(text, column_role(column)).read()


class _Unit(NamedTuple):
    name: str
    role: Role | None  # None: the run's role, given by the next role word or label
    own: bool  # the role is the unit's own (in brackets), not the run's


class _Reader:
    """One pass over a cell; `read` is the whole of it."""

    def __init__(self, text: str, default: Role) -> None:
        self.default = default
        self.text = _strip_outer(text)
        self.folded = self.text.translate(_FOLD)
        self.notes: list[str] = []
        self.problems: list[str] = []
        self.expanded: list[tuple[str, str]] = []
        self.open: set[str] = set()
        self.shared_each: set[str] = set()

    def read(self) -> Reading:
        standing = bool(_STANDING.search(self.folded))
        if standing:
            return self._standing()
        body, lead_before_comma = self._sentences()
        units: list[_Unit] = []
        for label_role, start, end in self._labelled(body):
            units += self._segment(start, end, label_role)
        if lead_before_comma is not None:
            units = [
                u._replace(role=Role.LEAD, own=True) if i < lead_before_comma else u
                for i, u in enumerate(units)
            ]
        pairs = self._named(units)
        if not pairs and not self.problems:
            self.problems.append(
                _("the responsible units are only role words or punctuation; no unit is read")
            )
        return Reading(
            tuple(pairs),
            frozenset(self.open),
            frozenset(self.shared_each),
            tuple(self.notes),
            tuple(self.expanded),
            False,
            tuple(self.problems),
        )

    def _standing(self) -> Reading:
        """A standing rule: the units it gives every task, as one responsible list."""
        match = _STANDING_UNITS.search(self.folded)
        pairs: list[tuple[str, Role]] = []
        if match:
            pairs = self._named(self._segment(match.start("units"), match.end("units"), None))
        else:
            self.problems.append(
                _(
                    "the responsible units are a standing rule, but no unit it means is read; "
                    "check it"
                )
            )
        return Reading(tuple(pairs), notes=(self.text,), standing=True)

    def _sentences(self) -> tuple[int, int | None]:
        """Where the units end (a trailing note sentence is kept as a note), and, when the
        note says the units before the first comma lead, how many units that is."""
        end = len(self.text)
        lead_before: int | None = None
        cut = None
        for match in re.finditer("。", self.folded):
            if _depth_at(self.folded, match.start()) or match.end() >= len(self.text):
                continue
            rest = self.text[match.end() :].strip()
            if rest and ("、" not in rest or _NOTE_WORDS.search(rest.translate(_FOLD))):
                cut = match.start()
                break
        if cut is not None:
            note = self.text[cut + 1 :].strip()
            self.notes.append(note)
            end = cut
            if _NOTE_SENTENCE.search(note.translate(_FOLD)):
                first = _top_level_index(self.folded[:end], "，,")
                if first is not None:
                    lead_before = len(
                        [s for s in _split(self.folded[:first], self.text[:first]) if s[2]]
                    )
        return end, lead_before

    def _labelled(self, end: int) -> list[tuple[Role | None, int, int]]:
        """The spans of the cell up to `end`, each with the role its label gives (or None)."""
        spans: list[tuple[Role | None, int, int]] = []
        role: Role | None = None
        start = 0
        for match in _LABEL.finditer(self.folded, 0, end):
            if _depth_at(self.folded, match.start()):
                continue
            if match.start() > start:
                spans.append((role, start, match.start()))
            role = LABELS[match[1]]
            start = match.end()
        spans.append((role, start, end))
        return spans

    def _segment(self, start: int, end: int, label_role: Role | None) -> list[_Unit]:
        """The units of one labelled span, with the roles its role words give them."""
        out: list[_Unit] = []
        run_start = 0
        after_each = False
        for sep, folded, written in _split(self.folded[start:end], self.text[start:end]):
            if sep != "、":
                run_start = len(out)  # a role word reaches back to the last comma at most
            name_f, name, role, own = self._unit_text(folded, written)
            units = self._units_of(name_f, name, role if own else None, own) if name else []
            shared = after_each and sep == "、" and _CLASS.fullmatch(name_f) is not None
            if shared and units:
                self.shared_each.add(units[0].name)
            after_each = bool(units) and (name_f.startswith("各") or shared)
            out.extend(units)
            if role is not None and not own:
                # A role word ends the run: every unit since the last one takes it.
                out[run_start:] = [u if u.role else u._replace(role=role) for u in out[run_start:]]
                run_start = len(out)
        fallback = label_role or self.default
        return [u if u.role else u._replace(role=fallback) for u in out]

    def _unit_text(self, folded: str, written: str) -> tuple[str, str, Role | None, bool]:
        """A piece between separators: its name, and a role word it ends with (the run's)
        or a role it has in brackets (its own)."""
        folded, written = folded.strip(), written.strip()
        folded, written = self._brackets(folded, written)
        if match := re.search(
            r"[(（]\s*(" + "|".join(ROLE_PHRASES) + r")(?:单位|部门)?\s*[)）]$", folded
        ):
            return (
                folded[: match.start()].strip(),
                written[: match.start()].strip(),
                ROLE_PHRASES[match[1]],
                True,
            )
        if folded.startswith("由"):
            folded, written = folded[1:], written[1:]
        if match := _ROLE_END.search(folded):
            return (
                folded[: match.start()].strip(),
                written[: match.start()].strip(),
                ROLE_PHRASES[match[1]],
                False,
            )
        return folded, written, None, False

    def _brackets(self, folded: str, written: str) -> tuple[str, str]:
        """The piece with its note brackets taken out (kept in `notes`)."""
        while True:
            span = _note_bracket(folded)
            if span is None:
                return folded, written
            begin, stop = span
            self.notes.append(written[begin + 1 : stop - 1])
            folded = (folded[:begin] + folded[stop:]).strip()
            written = (written[:begin] + written[stop:]).strip()

    def _units_of(self, folded: str, written: str, role: Role | None, own: bool) -> list[_Unit]:
        """One piece's units: one name, or X and an open collective for X等…; 会同 splits."""
        if _TOGETHER in folded and not _depth_at(folded, folded.index(_TOGETHER)):
            at = folded.index(_TOGETHER)
            before = self._units_of(folded[:at], written[:at], Role.LEAD, True)
            after = self._units_of(folded[at + 2 :], written[at + 2 :], role, own)
            return before + after
        if match := _OPEN_TAIL.fullmatch(folded):
            head = written[: match.end("head")].strip()
            rest = written[match.start("rest") :].strip()
            self.open.add(rest)
            return self._one(head, role, own) + self._one(rest, role, own)
        if match := _BARE_TAIL.fullmatch(folded):
            self.notes.append("等：名单未列全")
            return self._one(written[: match.end("head")], role, own)
        return self._one(written, role, own)

    def _one(self, written: str, role: Role | None, own: bool) -> list[_Unit]:
        written = written.strip().strip("“”\"'")
        if not written:
            return []
        if not _WORDY.search(written) or written.isdigit():
            self.problems.append(
                _("“{written}” is not a unit's name (only punctuation or digits); left out").format(
                    written=written
                )
            )
            return []
        if len(written) > MAX_NAME:
            self.problems.append(
                _(
                    "“{written}…” is {length} characters long, not like a unit's name; left out"
                ).format(written=written[:20], length=len(written))
            )
            return []
        return [_Unit(written, role, own)]

    def _named(self, units: list[_Unit]) -> list[tuple[str, Role]]:
        """The pairs, with elided prefixes expanded and `各市、县…` joined."""
        joined: list[_Unit] = []
        for unit in units:
            if (
                joined
                and unit.name.translate(_FOLD) in _OFFICE_PARTS
                and joined[-1].name.translate(_FOLD).endswith(("各委", "各委、办", "各委、办、厅"))
            ):
                # 区政府各委、办、局 is one collective: its 、 joins the kinds of office
                previous = joined.pop()
                joined.append(previous._replace(name=f"{previous.name}、{unit.name}"))
                continue
            if joined and _EACH_LEVEL.match(joined[-1].name.translate(_FOLD)):
                previous = joined.pop()
                sep = "、"
                joined.append(unit._replace(name=f"{previous.name}{sep}{unit.name}"))
                self.shared_each.discard(unit.name)
                continue
            joined.append(unit)
        pairs: list[tuple[str, Role]] = []
        prefix = ""
        for unit in joined:
            name = unit.name
            folded = name.translate(_FOLD)
            if match := _PREFIX.match(folded):
                prefix = match[1]
            elif prefix and _expandable(folded):
                expanded = prefix + name
                self.expanded.append((name, expanded))
                name = expanded
            pairs.append((name, unit.role or self.default))
        return pairs


def _expandable(folded: str) -> bool:
    """A department's name written without the level its neighbours share (工业和信息化局)."""
    if not _EXPANDABLE.search(folded) or folded.startswith(("各", "有关", "相关", "本", "全")):
        return False
    return not _PLACE_INSIDE.search(folded)


def _strip_outer(text: str) -> str:
    """The cell without a bracket that encloses all of it."""
    if len(text) >= 2 and text[0] in _OPEN and text[-1] in _CLOSE:
        depth = 0
        for index, char in enumerate(text):
            depth += char in _OPEN
            depth -= char in _CLOSE
            if depth == 0 and index < len(text) - 1:
                return text
        return text[1:-1].strip()
    return text


def _depth_at(text: str, index: int) -> int:
    """How many brackets are open at `index` of `text`."""
    depth = 0
    for char in text[:index]:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
    return depth


def _top_level_index(text: str, chars: str) -> int | None:
    depth = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
        elif depth == 0 and char in chars:
            return index
    return None


def _split(folded: str, written: str) -> list[tuple[str, str, str]]:
    """(separator before, folded piece, written piece) for each piece between separators
    outside brackets; the pieces of `folded` and `written` are at the same positions.
    A 及 (以及) between a unit's name and the next is a 、 (see `_joining`)."""
    pieces: list[tuple[str, str, str]] = []
    depth = 0
    start = 0
    sep = ""
    for index, char in enumerate(folded):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
        elif depth == 0 and char in _SEPARATORS:
            pieces.append((sep, folded[start:index], written[start:index]))
            sep, start = char, index + 1
        elif depth == 0 and char == "及" and (end := _joining(folded, start, index)) is not None:
            pieces.append((sep, folded[start:end], written[start:end]))
            sep, start = "、", index + 1
    pieces.append((sep, folded[start:], written[start:]))
    return [piece for piece in pieces if piece[1].strip()]


_NAME_END = re.compile(
    r"(局|委|委员会|办|厅|室|中心|政府|部门|单位|机构|街道|办事处|镇|乡|院|所|站|馆|会|处|科|股"
    r"|集团|公司|部|组|区|县|市|[)）])$"
)


def _joining(folded: str, start: int, at: int) -> int | None:
    """Where the name before the 及 at `at` ends, when that 及 joins two units' names
    (市级各有关部门及各县市区政府; 以及 too), else None (及时, 及其, a 及 inside a name)."""
    end = at - 1 if at > start and folded[at - 1] == "以" else at
    before = folded[start:end].strip()
    after = folded[at + 1 : at + 2]
    if len(before) < 2 or not after or after in "时其" or not _NAME_END.search(before):
        return None
    return end


def _note_bracket(folded: str) -> tuple[int, int] | None:
    """The span (with its brackets) of the first top-level bracket that holds a note."""
    depth = 0
    start = 0
    for index, char in enumerate(folded):
        if char in _OPEN:
            if depth == 0:
                start = index
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                inside = folded[start + 1 : index]
                numbering = start == 0 and inside.strip().isdigit()
                if (
                    numbering
                    or _NOTE_WORDS.search(inside)
                    or any(c in inside for c in "，,；;。:：")
                ):
                    return start, index + 1
    return None
