"""What a task table means: its header, its columns and its rows, whatever its source.

Every reader (text, csv/tsv, xlsx, docx) hands over rows of cells; this module finds
the header, maps each column to a plan field, and reads each row under it into a
`Row`. A cell knows whether the source merged it with the cell above (xlsx and docx
say so; in text and csv an empty or missing cell is all there is).

The header words, one table of synonyms (`HEADER_WORDS`), whitespace removed and
traditional characters folded (工作任務 is 工作任务):

    序号       序号, 编号
    分组       领域; and a 工作任务/任务名称 column whose cells are numbered 一、 or （一）
    任务名称   任务名称, 重点任务, 工作任务, 主要任务, 任务事项, 工作事项
    任务内容   任务内容, 具体内容, 工作内容, 具体任务, 具体要求, 工作要求, 主要内容,
               工作措施, 具体措施, 主要措施
    责任单位   责任单位, 责任部门, 责任科室, 责任处室, 落实单位, 责任主体, 承办单位,
               负责处室, 局内负责处室, 局内责任处室
    牵头单位   牵头单位, 牵头部门, 牵头科室, 牵头处室
    配合单位   配合单位, 配合部门, 配合科室, 协办单位
    上级落实单位 市里落实单位, 市级落实单位, 市级责任单位 (the plan above's units, next
               to the department's own 局内负责处室)
    时间节点   时间节点, 完成时限, 时限要求, 完成时间, 时间要求, 完成期限, 时限
    (kept out) 备注

A header may span columns (a .docx 具体要求 over 序号 and text, or a page copy of
工作任务 over 一、 and （一）): each spanned column is then told apart by its cells
(numbers are 序号, 一、 headings chapters, （一） headings groups).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from gongkai_cli.i18n import N_, _


class Column(StrEnum):
    """A plan field that a table column can hold."""

    SEQ = "seq"  # 序号
    CHAPTER = "chapter"  # 一、 headings of a grouping column
    GROUP = "group"  # （一） headings of a grouping column
    NAME = "name"  # 任务名称 / 工作任务
    CONTENT = "content"  # 任务内容 / 具体要求
    RESPONSIBLE = "responsible"  # 责任单位
    LEAD = "lead"  # 牵头单位
    SUPPORT = "support"  # 配合单位
    ABOVE = "above"  # 市里落实单位: the units the plan above names
    TIME_NODE = "time_node"  # 时间节点 / 时限要求
    OTHER = "other"  # 备注: read, kept out of the plan


# Each column as a review point names it, in the language of the run (the zh_CN catalog
# gives 序号, 任务名称 …).
_FIELD_WORDS: dict[Column, str] = {
    Column.SEQ: N_("No."),
    Column.CHAPTER: N_("grouping (一、)"),
    Column.GROUP: N_("grouping (（一）)"),
    Column.NAME: N_("task name"),
    Column.CONTENT: N_("task content"),
    Column.RESPONSIBLE: N_("responsible units"),
    Column.LEAD: N_("lead units"),
    Column.SUPPORT: N_("supporting units"),
    Column.ABOVE: N_("units of the plan above"),
    Column.TIME_NODE: N_("time node"),
    Column.OTHER: N_("not read"),
}


def field_words(column: Column) -> str:
    """The column's field as a review point names it (任务名称, task name)."""
    return _(_FIELD_WORDS[column])


# The words that name each field in a header.
HEADER_WORDS: dict[Column, tuple[str, ...]] = {
    Column.SEQ: ("序号", "编号"),
    Column.CHAPTER: ("领域", "目标"),
    Column.NAME: (
        "任务名称",
        "重点任务",
        "工作任务",
        "主要任务",
        "任务事项",
        "工作事项",
        "全市工作任务",
        "任务",
    ),
    Column.CONTENT: (
        "任务内容",
        "具体内容",
        "工作内容",
        "具体任务",
        "具体要求",
        "工作要求",
        "主要内容",
        "工作措施",
        "具体措施",
        "主要措施",
    ),
    Column.RESPONSIBLE: (
        "责任单位",
        "责任部门",
        "责任科室",
        "责任处室",
        "落实单位",
        "责任主体",
        "承办单位",
        "负责处室",
        "负责科室",
        "负责单位",
        "负责部门",
        "局内负责处室",
        "局内责任处室",
    ),
    Column.LEAD: (
        "牵头单位",
        "牵头部门",
        "牵头科室",
        "牵头处室",
        "牵头落实单位",
        "牵头落实科室",
        "牵头落实部门",
    ),
    Column.SUPPORT: ("配合单位", "配合部门", "配合科室", "协办单位"),
    Column.ABOVE: ("市里落实单位", "市级落实单位", "市级责任单位"),
    Column.TIME_NODE: (
        "时间节点",
        "完成时限",
        "时限要求",
        "完成时间",
        "时间要求",
        "完成期限",
        "时限",
    ),
    Column.OTHER: ("备注", "完成情况", "进展情况"),
}
HEADER_NAMES: dict[str, Column] = {
    word: column for column, words in HEADER_WORDS.items() for word in words
}
UNIT_COLUMNS = (Column.RESPONSIBLE, Column.LEAD, Column.SUPPORT, Column.ABOVE)

# Traditional characters of the header words and of unit names, folded only to match
# them: a cell's own text is never changed.
_FOLD = str.maketrans(
    "務體實單內負責處時間節號點門項領區辦級裡裏會牽頭與",
    "务体实单内负责处时间节号点门项领区办级里里会牵头与",
)

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """`text` without any whitespace: how cells are compared with the source."""
    return _SPACE.sub("", text)


def header_word(cell: str) -> Column | None:
    """The field a header cell names, if it is one of the synonyms."""
    return HEADER_NAMES.get(squeeze(cell).translate(_FOLD).rstrip(":："))


# ---- what a cell looks like ----------------------------------------------------------


class Kind(StrEnum):
    """What a cell's text looks like, to tell columns apart when a copy loses them."""

    EMPTY = "empty"
    SEQ = "seq"
    CHAPTER = "chapter"
    GROUP = "group"
    TIME = "time"
    UNIT = "unit"
    SHORT = "short"  # a short phrase: a name
    TEXT = "text"  # a sentence: content


_SEQ_CELL = re.compile(r"^\d{1,4}[.、．]?$")
CHAPTER_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})[、.．]")
GROUP_HEADING = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[)）]")
_TIME_LIKE = re.compile(
    r"(\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|年底|年内|今年|全年|长期|持续|常态|季度|"
    r"半年|每[年月周季]|\d+\s*日|工作日|个月内|即时|立即|及时)"
)
_UNIT_END = re.compile(
    r"(局|委|办|厅|室|科|处|中心|政府|单位|部门|街道|镇|乡|管委会|公司|集团|院|所|站|队|组|"
    r"协会|联合会|委员会|办事处|各部门|各单位|各科室|各处室)"
    r"[)）]?(牵头|配合|负责|负责落实|落实|参与|协助|分别负责|按职责分工负责)?$"
)
_UNIT_WORDS = re.compile(r"(牵头|配合|负责落实|按职责分工)")


def kind_of(text: str) -> Kind:
    """What `text` looks like: a number, a heading, a time node, units, a name or a sentence."""
    cell = squeeze(text)
    if not cell:
        return Kind.EMPTY
    if _SEQ_CELL.match(cell):
        return Kind.SEQ
    if CHAPTER_HEADING.match(cell) and len(cell) > 3:
        return Kind.CHAPTER
    if GROUP_HEADING.match(cell) and len(cell) > 4:
        return Kind.GROUP
    folded = cell.translate(_FOLD)
    sentence = "。" in folded[:-1] or len(folded) > 60
    if not sentence and len(folded) <= 24 and _TIME_LIKE.search(folded):
        return Kind.TIME
    if not sentence and len(folded) <= 80:
        parts = [p for p in re.split(r"[、,，;；]", folded.rstrip("。")) if p]
        if parts and all(_UNIT_END.search(p) for p in parts):
            return Kind.UNIT
        if _UNIT_WORDS.search(folded) and _UNIT_END.search(parts[0] if parts else folded):
            return Kind.UNIT
    if sentence or folded.endswith("。") or len(folded) > 30:
        return Kind.TEXT
    return Kind.SHORT


# How well a kind of cell fits each field: a page copy's columns are found by the best fit.
_FIT: dict[Column, dict[Kind, int]] = {
    Column.SEQ: {Kind.SEQ: 4},
    Column.CHAPTER: {Kind.CHAPTER: 4, Kind.SHORT: 1, Kind.TEXT: 0},
    Column.GROUP: {Kind.GROUP: 4, Kind.SHORT: 1, Kind.TEXT: 0},
    Column.NAME: {Kind.CHAPTER: 2, Kind.GROUP: 2, Kind.SHORT: 2, Kind.TEXT: 1, Kind.UNIT: 0},
    Column.CONTENT: {Kind.TEXT: 3, Kind.SHORT: 1, Kind.GROUP: 0, Kind.CHAPTER: 0, Kind.UNIT: -1},
    Column.TIME_NODE: {Kind.TIME: 4},
    Column.OTHER: {Kind.SHORT: 0, Kind.TEXT: 0, Kind.TIME: 0, Kind.UNIT: 0},
}
for _unit_column in UNIT_COLUMNS:
    _FIT[_unit_column] = {Kind.UNIT: 3, Kind.SHORT: 1, Kind.TEXT: -1}


def fit(column: Column | None, kind: Kind) -> int:
    """How well a cell of `kind` fits `column` (negative: it does not belong there)."""
    if kind is Kind.EMPTY or column is None:
        return 0
    return _FIT[column].get(kind, -3)


# ---- the table -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the source gives it."""

    text: str
    merged: bool = False
    """True when the source says this cell is part of a merged cell started above."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the task table."""

    cells: dict[Column, Cell]
    page: int
    """1 for the first table; a repeated header (a page break, or a new table) starts the next."""
    where: str
    """Where the row is in the source, for messages: `line 118`, `Sheet1!A5`, `table 1 row 3`."""
    shifted: str | None = None
    """For a row a copy gave fewer cells than the header: its two readings, to check."""
    dropped: frozenset[Column] = frozenset()
    """The columns whose cells the copy left out (merged cells of the rows above)."""

    def text(self, column: Column) -> str:
        """The cell's text, stripped; empty when the table has no such column."""
        cell = self.cells.get(column)
        return cell.text.strip() if cell else ""

    def merged(self, column: Column) -> bool:
        """Whether the source marks the cell as merged with the one above."""
        cell = self.cells.get(column)
        return bool(cell and cell.merged)


@dataclass(frozen=True, slots=True)
class HeadingRow:
    """A row that is only a heading across the table (一、… in a row of its own)."""

    text: str
    where: str


@dataclass(slots=True)
class SourceTable:
    """The task table of a source: which columns it has and its rows in order."""

    columns: frozenset[Column]
    rows: list[Row] = field(default_factory=list)
    explicit_merges: bool = False
    """True when the source marks merged cells itself (xlsx, docx)."""
    headings: list[tuple[int, HeadingRow]] = field(default_factory=list)
    """Heading rows, each with the index of the task row it comes before."""
    header: tuple[tuple[str, Column], ...] = ()
    """The header as found: each column's words and the field taken for it."""


@dataclass(frozen=True, slots=True)
class HeaderProblem:
    """A row that looked like the task table's header but could not be mapped."""

    cells: tuple[str, ...]
    fields: tuple[Column | None, ...]

    @property
    def missing(self) -> list[Column]:
        """The fields a task table needs that no column gives."""
        found = set(self.fields)
        missing = []
        if Column.CONTENT not in found:
            missing.append(Column.CONTENT)
        if not found & {Column.RESPONSIBLE, Column.LEAD, Column.ABOVE}:
            missing.append(Column.RESPONSIBLE)
        return missing


def header_fields(cells: Sequence[str]) -> list[Column | None] | None:
    """The field each cell of `cells` names, if they are a task table's header.

    A header names the content and a unit column (or a name column and a unit
    column, the content then being told from the cells); anything less is a row.
    """
    fields = [header_word(cell) if cell.strip() else None for cell in cells]
    found = {f for f in fields if f is not None}
    units = bool(found & {Column.RESPONSIBLE, Column.LEAD, Column.ABOVE})
    if units and (Column.CONTENT in found or Column.NAME in found) and len(found) >= 2:
        return fields
    return None


def _trim(cells: list[Cell]) -> list[Cell]:
    end = len(cells)
    while end and not cells[end - 1].text.strip() and not cells[end - 1].merged:
        end -= 1
    return cells[:end]


@dataclass(slots=True)
class _Raw:
    cells: list[Cell]
    page: int
    where: str


def scan_table(
    rows: Iterable[tuple[Sequence[Cell | str], str]], *, explicit_merges: bool = False
) -> tuple[SourceTable | None, HeaderProblem | None]:
    """The task table among a source's rows of cells, each with where it is.

    The first row that is a header starts the table and a repeated header starts its
    next page. When no row is a header, the row most like one comes back, for the
    message that says what each of its columns was taken for and what is missing.
    """
    header: list[Column | None] | None = None
    header_cells: list[str] = []
    raw: list[_Raw] = []
    best: HeaderProblem | None = None
    best_score = -1
    page = 0
    for cells_in, where in rows:
        cells = [c if isinstance(c, Cell) else Cell(c) for c in cells_in]
        texts = [c.text for c in cells]
        found = header_fields(texts)
        if found is not None:
            if header is None:
                header, header_cells = found, texts
            page += 1
            continue
        if header is None:
            named = [header_word(t) if t.strip() else None for t in texts]
            score = sum(1 for f in named if f is not None)
            filled = [t.strip() for t in texts if t.strip()]
            if len(filled) >= 2 and score > best_score:
                best_score = score
                best = HeaderProblem(
                    tuple(t.strip() for t in texts if t.strip()),
                    tuple(f for t, f in zip(texts, named, strict=True) if t.strip()),
                )
            continue
        trimmed = _trim(cells)
        if trimmed:
            raw.append(_Raw(trimmed, page, where))
    if header is None:
        return None, best
    return _read(header, header_cells, raw, explicit_merges), None


def _read(
    header: list[Column | None], header_cells: list[str], raw: list[_Raw], explicit: bool
) -> SourceTable:
    width_h = len(_trim([Cell(t) for t in header_cells]))
    labels = [(i, f) for i, f in enumerate(header[:width_h]) if f is not None]
    unlabelled = [
        i for i, t in enumerate(header_cells[:width_h]) if t.strip() and header[i] is None
    ]
    widths = Counter(len(r.cells) for r in raw)
    width = max([width_h, *widths]) if widths else width_h
    full = [r for r in raw if len(r.cells) == width][:40] or raw[:40]
    profile = [
        Counter(kind_of(r.cells[c].text) for r in full if c < len(r.cells)) for c in range(width)
    ]
    # A sheet's header spans the columns up to the next label only when something in the
    # sheet is merged; a sheet with nothing merged and short rows is a text copy pasted
    # into it (a browser copy of 荆州's table), and its header is read as the copy's.
    pasted = explicit and not any(c.merged for r in raw for c in r.cells)
    pasted = pasted and any(len(r.cells) < width for r in raw)
    spans = explicit and not pasted
    columns = _columns(labels, unlabelled, width if spans else width_h, width, profile)
    if Column.CONTENT not in columns and Column.NAME in columns:
        # 任务 | 责任单位 | 时限, 工作任务 | 牵头单位 | 责任单位: the one text column is the task.
        columns[columns.index(Column.NAME)] = Column.CONTENT
    table = SourceTable(
        frozenset(c for c in columns if c is not None),
        explicit_merges=explicit,
        header=tuple(
            (header_cells[i].strip(), header[i] or Column.OTHER)
            for i in range(width_h)
            if header_cells[i].strip()
        ),
    )
    mergeable = [c in _MERGEABLE for c in columns]
    for r in raw:
        filled = [c for c in r.cells if c.text.strip()]
        if len(filled) == 1 and kind_of(filled[0].text) in (Kind.CHAPTER, Kind.GROUP):
            # A heading across the table, or a group's first row with nothing else in it.
            table.headings.append((len(table.rows), HeadingRow(filled[0].text.strip(), r.where)))
            continue
        table.rows.append(_row(r, columns, mergeable, explicit, above=bool(table.rows)))
    return table


_MERGEABLE = frozenset(
    {
        Column.CHAPTER,
        Column.GROUP,
        Column.NAME,
        Column.RESPONSIBLE,
        Column.LEAD,
        Column.SUPPORT,
        Column.ABOVE,
        Column.TIME_NODE,
        Column.OTHER,
    }
)


def _columns(
    labels: list[tuple[int, Column]],
    unlabelled: list[int],
    width_h: int,
    width: int,
    profile: list[Counter[Kind]],
) -> list[Column | None]:
    """The field of each of the `width` columns under the header's labels."""
    if not labels:
        return [None] * width
    if width == width_h:
        # Each label spans up to the next one (a merged header cell leaves the rest empty).
        spans = [
            (f, list(range(i, labels[k + 1][0] if k + 1 < len(labels) else width)))
            for k, (i, f) in enumerate(labels)
        ]
        lead = list(range(labels[0][0]))
        out: list[Column | None] = [None] * width
        for c in lead:
            out[c] = _refine(None, profile[c])
        for f, span in spans:
            for c, column in zip(span, _split_span(f, span, profile), strict=True):
                out[c] = column
        for c in unlabelled:
            out[c] = Column.OTHER
        return out
    # A copy with more columns than header words: each word spans the run of columns whose
    # cells fit it best.
    fields = [f for _, f in labels]
    best: tuple[int, list[Column | None]] | None = None
    for cuts in itertools.combinations(range(1, width), len(fields) - 1):
        bounds = [0, *cuts, width]
        out = []
        for k, f in enumerate(fields):
            span = list(range(bounds[k], bounds[k + 1]))
            out += _split_span(f, span, profile)
        score = sum(
            fit(column, kind) * n
            for column, counter in zip(out, profile, strict=True)
            if column is not None
            for kind, n in counter.items()
        )
        if best is None or score > best[0]:
            best = (score, out)
    assert best is not None
    return best[1]


def _refine(field: Column | None, counter: Counter[Kind]) -> Column | None:
    """A name column whose cells are numbered headings is a grouping column."""
    total = sum(n for kind, n in counter.items() if kind is not Kind.EMPTY)
    if not total:
        return field
    if counter[Kind.SEQ] * 2 > total:
        return Column.SEQ
    if field in (None, Column.NAME, Column.CHAPTER, Column.GROUP):
        if counter[Kind.CHAPTER] * 2 > total:
            return Column.CHAPTER
        if counter[Kind.GROUP] * 2 > total:
            return Column.GROUP
    return field


def _split_span(
    field: Column, span: list[int], profile: list[Counter[Kind]]
) -> list[Column | None]:
    """The fields of the columns one header word spans, told apart by their cells."""
    if len(span) == 1:
        refined = _refine(field, profile[span[0]])
        if field in (Column.CONTENT, *UNIT_COLUMNS, Column.TIME_NODE) and refined is not Column.SEQ:
            refined = field
        return [refined]
    out: list[Column | None] = []
    taken = False
    for c in span:
        refined = _refine(None, profile[c])
        if refined is None:
            refined = None if taken else field
            taken = taken or refined is not None
        out.append(refined)
    if not taken and field not in (Column.NAME, Column.CHAPTER, Column.GROUP):
        # Every spanned column looked like numbers or headings: the last keeps the word's
        # field (a name column may be all headings: 工作任务 over 一、 and （一）).
        out[-1] = field
    return out


def _placed(
    slots: Sequence[int], cells: list[Cell], columns: list[Column | None]
) -> dict[Column, Cell]:
    out: dict[Column, Cell] = {}
    for s, cell in zip(slots, cells, strict=False):
        column = columns[s]
        if column is not None:
            out[column] = cell
    return out


def _row(
    r: _Raw, columns: list[Column | None], mergeable: list[bool], explicit: bool, above: bool
) -> Row:
    cells = r.cells
    width = len(columns)
    positional = list(range(min(len(cells), width)))
    # The table's first row has no row above whose merged cells a copy could have left
    # out of it: its empty last cells are empty, and it is read where it stands.
    if not above or len(cells) >= width or (explicit and any(c.merged for c in cells)):
        return Row(_placed(positional, cells, columns), r.page, r.where)
    # A short row: a copy that left cells out, or a sheet a browser's text copy was pasted
    # into (no cell of the row merged, and its cells shifted left all the same).
    # A copy that left cells out: try every way of leaving out merged columns.
    kinds = [kind_of(c.text) for c in cells]

    def score(slots: Sequence[int]) -> int:
        return sum(fit(columns[s], k) for s, k in zip(slots, kinds, strict=True))

    scored = [
        (score(slots), slots)
        for gone in itertools.combinations(range(width), width - len(cells))
        if all(mergeable[g] for g in gone)
        for slots in [[i for i in range(width) if i not in gone]]
    ]
    top = max((value for value, _ in scored), default=None)
    if top is None or score(positional) >= top:
        return Row(_placed(positional, cells, columns), r.page, r.where)
    candidates = [slots for value, slots in scored if value == top]
    slots = _prefer(candidates, cells, columns)
    dropped = frozenset(c for i, c in enumerate(columns) if c is not None and i not in slots)
    others = [_reading(s, cells, columns) for s in candidates if s is not slots]
    note = _(
        "this row has {cells} of the header's {width} columns (a copy of a web page leaves "
        "out merged cells). Read by position: {positional}; read by content: {content}"
    ).format(
        cells=len(cells),
        width=width,
        positional=_reading(positional, cells, columns),
        content=_reading(slots, cells, columns),
    )
    note += "".join(_("; also readable as: {other}").format(other=other) for other in others)
    note += _(". The draft reads it by content, with the row above's {columns}").format(
        columns=_(", ").join(field_words(c) for c in columns if c in dropped)
    )
    return Row(_placed(slots, cells, columns), r.page, r.where, note, dropped)


def _prefer(
    candidates: list[list[int]], cells: list[Cell], columns: list[Column | None]
) -> list[int]:
    """Among equally good readings: a 处/科/室 goes in the plan's own unit column, not the
    column of the plan above; otherwise the cells left out are the leftmost (merged cells
    start rows higher up, and a copy loses them from the front)."""

    def own_level(slots: list[int]) -> int:
        return sum(
            1
            for s, cell in zip(slots, cells, strict=True)
            if columns[s] is Column.ABOVE
            and re.search(r"[处科室處]$", cell.text.strip().translate(_FOLD))
        )

    return min(candidates, key=lambda slots: (own_level(slots), [-s for s in slots]))


def _reading(slots: list[int], cells: list[Cell], columns: list[Column | None]) -> str:
    parts = []
    for s, cell in zip(slots, cells, strict=True):
        column = columns[s]
        label = field_words(column) if column is not None else _("column {n}").format(n=s + 1)
        text = cell.text.strip()
        shown = text if len(text) <= 12 else text[:12] + "…"
        parts.append(_("{label} “{text}”").format(label=label, text=shown))
    return _(", ").join(parts)
