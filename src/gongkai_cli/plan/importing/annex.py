"""From a source's task table to a draft plan: numbers, names, units, time nodes.

Nothing is invented. A cell goes into the draft verbatim. Where the source is
silent the draft says so:
- the source's 序号 is the task's number (gaps and any start kept; two rows with
  one number are refused);
- an empty cell of a merged group takes its value from the row above (or, for a
  name, from the row below when the body says the row belongs there), and a
  decision records it, as the 2021 data records rows 6 and 39;
- a row a page copy gave fewer cells than the header (its merged cells left out)
  is read by what its cells look like, with both readings to check;
- grouping columns (一、… and （一）…) become the chapters and paragraphs of a
  source with no body, and each task's section names its group;
- a table with no time column asks one question for the whole table, which
  `--time-node` answers;
- read against an installed plan (`--against-plan`), a unit's own sheet takes its
  names, time nodes and merged cells from the plan's rows of the same numbers, and
  each cell that disagrees with the plan is a point to check.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from gongkai_cli.errors import UnreadableSourceError
from gongkai_cli.i18n import N_, _
from gongkai_cli.model.plan import NameSource
from gongkai_cli.plan.assignments import COLUMN_FIELD, read_responsible
from gongkai_cli.plan.importing.draft import (
    DocumentFacts,
    Draft,
    Loc,
    _document,
    _units,
    assign,
    draft_units,
    fill_as_decided,
    find_standing,
    issue_needed,
    propose_deadlines,
    read_node,
)
from gongkai_cli.plan.importing.notice import ITEM_MARKER
from gongkai_cli.plan.importing.sections import match_sections
from gongkai_cli.plan.importing.source import SourceDocument
from gongkai_cli.plan.importing.table import (
    CHAPTER_HEADING,
    GROUP_HEADING,
    Column,
    Row,
    SourceTable,
    squeeze,
)
from gongkai_cli.plan.units import UnitDirectory

if TYPE_CHECKING:
    from gongkai_cli.model.plan import Task
    from gongkai_cli.plan.load import Plan

NAME_ABOVE_RULE = {
    "field": "name",
    "value": "空白的任务名称单元格沿用上方任务的名称",
    "reason": "空白单元格是原表格的合并单元格。此类行取上一行的任务名称"
    "（name_source: merged_above）；内容表明属于下方名称的行除外（理由记在该行）。",
}
GROUPS_RULE = {
    "field": "chapters",
    "value": "表中分组列的标题",
    "reason": "源文件没有正文。表中分组列的单元格（一、…为章，（一）…为段）照录为章节和段落，"
    "各项任务的 section 指其所在分组；无名称列时，任务名称取其所在最末一级分组的标题。",
}
ABOVE_RULE = {
    "field": "responsible_above",
    "value": "上级落实单位列",
    "reason": "源表分列上级要点的落实单位（如市里落实单位）与本单位的负责处室：前者照录于 "
    "responsible_above，按上级要点的层级读，不作为本要点的单位；后者为 responsible，"
    "按本要点的层级读出分工。",
}


def build_annex_draft(
    source: SourceDocument,
    table: SourceTable,
    registry: UnitDirectory | None,
    facts: DocumentFacts,
    against: tuple[str, Plan] | None = None,
) -> Draft:
    """The draft of an annex-table plan from its table (read against a plan, if given)."""
    draft = Draft(source.path.name, "annex-table", {}, [], [])
    if against is not None:
        facts = _facts_from_plan(facts, source, against)
    _document(source, facts, draft)
    find_standing(draft, source.text)
    rows = table.rows
    seqs = _seqs(draft, source, table)
    groups = _groups(draft, source, table)
    if source.body.chapters:
        sections = match_sections(
            [row.text(Column.CONTENT) for row in rows], source.body.paragraphs
        )
    else:
        sections = [group.section for group in groups]
    units = draft_units(draft, registry)
    header = unit_column(draft, table)
    names = _names(rows, sections, groups)
    used_above = False
    no_time = Column.TIME_NODE not in table.columns
    plan_tasks = {task.seq: task for task in against[1].tasks} if against else {}
    for index, row in enumerate(rows):
        seq = seqs[index]
        loc: Loc = ("tasks", index)
        theirs = plan_tasks.get(seq)
        name, name_source, name_reason, name_point = names[index]
        task: dict[str, Any] = {"seq": seq, "page": row.page, "name": name}
        task["name_source"] = name_source
        decisions: list[dict[str, str]] = []
        if row.shifted:
            draft.point("tasks.yaml", loc, row.shifted, decide=False)
        if name_reason and theirs is None:
            decisions.append({"field": "name", "value": name, "reason": name_reason})
            draft.point("tasks.yaml", (*loc, "name"), name_point or name_reason, decide=False)
        if not name and (Column.NAME in table.columns or groups[index].heading) and not theirs:
            draft.point(
                "tasks.yaml",
                (*loc, "name"),
                _("the task name cell is empty, and no row above or below has a name to take"),
            )
        task["content"] = row.text(Column.CONTENT)
        if not task["content"]:
            draft.point(
                "tasks.yaml",
                (*loc, "content"),
                _("the task content cell is empty ({where})").format(where=row.where),
            )
        if theirs is not None and not (row.text(Column.RESPONSIBLE) or row.text(Column.LEAD)):
            task["responsible"] = ""
        else:
            task["responsible"] = _responsible(draft, rows, index, loc, decisions)
        task["assignments"] = []  # read below, once the cell is settled
        if Column.ABOVE in table.columns:
            task["responsible_above"] = row.text(Column.ABOVE) or (
                draft.tasks[index - 1].get("responsible_above", "") if index else ""
            )
        if theirs is not None:
            task["time_node"] = ""
            _against(draft, task, row, loc, decisions, against[0] if against else "", theirs)
        elif no_time:
            _table_time_node(draft, task, loc, decisions, facts.time_node)
        else:
            _time_node(draft, task, rows, index, loc, decisions)
        if theirs is None and not row.text(Column.TIME_NODE):
            propose_deadlines(draft, loc, task["content"], _taken(decisions, facts.time_node))
        if draft.document["year"] is None:
            task.pop("deadline", None)  # read once the year is given (--year): one question
        if against is not None and theirs is None:
            draft.point(
                "tasks.yaml",
                (*loc, "seq"),
                _("plan {plan} has no item {seq}: check the number").format(
                    plan=against[0], seq=seq
                ),
            )
        assign(draft, units, task, loc, decisions, header)
        _check_columns(draft, row, task, loc)
        task["section"] = sections[index] or ""
        if sections[index] is None and source.body.chapters:
            draft.point(
                "tasks.yaml",
                (*loc, "section"),
                _("no paragraph of the body matches this task; fill in the paragraph's id"),
            )
        if task["name_source"] is NameSource.MERGED_ABOVE:
            used_above = True
        if decisions:
            task["decisions"] = _ordered(task, decisions)
        draft.tasks.append(task)
    if no_time:
        _table_question(draft, facts.time_node)
    if used_above:
        draft.document["decisions"].append(dict(NAME_ABOVE_RULE))
    if Column.ABOVE in table.columns:
        draft.document["decisions"].append(dict(ABOVE_RULE))
    issue_needed(draft)
    _units(draft, units)
    return draft


# ---- numbers -------------------------------------------------------------------------

_NUMBER = re.compile(r"^\D{0,2}?(\d{1,4})\D{0,2}$")


_FIELD_ORDER = ("name", "responsible", "time_node")


def _ordered(task: dict[str, Any], decisions: list[dict[str, str]]) -> list[dict[str, str]]:
    """Decisions in the order of the fields they settle (as the 2021 data writes them)."""
    del task
    return sorted(
        decisions, key=lambda d: _FIELD_ORDER.index(d["field"]) if d["field"] in _FIELD_ORDER else 9
    )


def _seqs(draft: Draft, source: SourceDocument, table: SourceTable) -> list[int]:
    """Each row's task number: its 序号 cell, else the number its content starts with
    (1.积极推进…), else its place in the table. A number two rows share is refused."""
    rows = table.rows
    written: list[int | None]
    if Column.SEQ in table.columns:
        written = [_number(row.text(Column.SEQ)) for row in rows]
    else:
        leading = [ITEM_MARKER.match(row.text(Column.CONTENT)) for row in rows]
        numbers = [int(m[1] or m[2]) if m else None for m in leading]
        whole = all(n is not None for n in numbers) and len(set(numbers)) == len(numbers)
        written = numbers if whole and rows else [index + 1 for index in range(len(rows))]
    seqs: list[int] = []
    first: dict[int, str] = {}
    for index, (row, number) in enumerate(zip(rows, written, strict=True)):
        if number is None:
            number = (seqs[-1] if seqs else 0) + 1
            while number in first or number in written:
                number += 1
            draft.point(
                "tasks.yaml",
                ("tasks", index, "seq"),
                _(
                    "this row's number in the source table is “{written}”, not a number; the "
                    "draft numbers it {number}; check it"
                ).format(written=row.text(Column.SEQ), number=number),
                decide=False,
            )
        if number in first:
            raise UnreadableSourceError(
                _(
                    "{name}: 序号 {seq} is on two rows ({first} and {second}); "
                    "each task needs its own number"
                ).format(name=source.path.name, seq=number, first=first[number], second=row.where)
            )
        first[number] = row.where
        seqs.append(number)
    return seqs


def _number(text: str) -> int | None:
    match = _NUMBER.match(squeeze(text))
    return int(match[1]) if match else None


# ---- groups --------------------------------------------------------------------------


class _Group:
    __slots__ = ("heading", "section")

    def __init__(self, heading: str, section: str | None) -> None:
        self.heading = heading
        """The deepest group heading the row sits under ("" when none)."""
        self.section = section
        """The paragraph id of its （一） group, when the table makes paragraphs of them."""


def _groups(draft: Draft, source: SourceDocument, table: SourceTable) -> list[_Group]:
    """The group each row sits under; with no body, the groups become chapters and paragraphs."""
    make = not source.body.chapters  # a notice's own paragraphs are no body of tasks
    chapters: list[dict[str, str]] = []
    paragraphs: list[dict[str, str]] = []
    headings = dict(table.headings)
    chapter = group = ""
    chapter_id = ""
    section: str | None = None
    out: list[_Group] = []
    for index, row in enumerate(table.rows):
        if index in headings:
            heading = headings[index].text
            if GROUP_HEADING.match(squeeze(heading)):
                group, section = heading, _paragraph(heading, chapter_id, paragraphs)
            else:
                chapter, group, section = heading, "", None
                chapter_id = _chapter_id(chapter, chapters)
        if (cell := row.text(Column.CHAPTER)) and cell != chapter:
            chapter, group, section = cell, "", None
            chapter_id = _chapter_id(cell, chapters)
        if (cell := row.text(Column.GROUP)) and cell != group:
            group, section = cell, _paragraph(cell, chapter_id, paragraphs)
        out.append(_Group(group or chapter, section))
    if make and (chapters or paragraphs):
        draft.document["chapters"] = chapters
        draft.document["paragraphs"] += paragraphs
        draft.document["decisions"].append(dict(GROUPS_RULE))
    if not make:
        return [_Group(g.heading, None) for g in out]
    return out


def _paragraph(heading: str, chapter_id: str, paragraphs: list[dict[str, str]]) -> str:
    """The id of a （一） group's paragraph (一、(一)), added to `paragraphs`."""
    marker = GROUP_HEADING.match(squeeze(heading))
    pid = f"({marker[1]})" if marker else heading
    pid = f"{chapter_id}、{pid}" if chapter_id else pid
    taken = {p["id"] for p in paragraphs}
    base, count = pid, 2
    while pid in taken:
        pid, count = f"{base}{count}", count + 1
    paragraphs.append({"id": pid, "text": heading})
    return pid


def _chapter_id(heading: str, chapters: list[dict[str, str]]) -> str:
    marker = CHAPTER_HEADING.match(squeeze(heading))
    cid = marker[1] if marker else heading
    if all(c["id"] != cid for c in chapters):
        chapters.append({"id": cid, "heading": heading})
    return cid


def _names(
    rows: list[Row], sections: list[str | None], groups: list[_Group]
) -> list[tuple[str, NameSource, str | None, str | None]]:
    """Each row's name, where it comes from, and when a decision is needed its reason (the
    plan's data, Chinese) and the point that says it in the run's language."""
    out: list[tuple[str, NameSource, str | None, str | None]] = []
    count = len(rows)
    has_name = bool(rows) and Column.NAME in rows[0].cells
    for index, row in enumerate(rows):
        if not has_name:
            # No name column: the group the row sits under names it, if any.
            heading = groups[index].heading
            own = row.text(Column.GROUP) or row.text(Column.CHAPTER)
            if not heading:
                out.append(("", NameSource.CELL, None, None))
            elif own == heading or index == 0:
                out.append((heading, NameSource.CELL, None, None))
            else:
                out.append((heading, NameSource.MERGED_ABOVE, None, None))
            continue
        own = row.text(Column.NAME)
        if own:
            out.append((own, NameSource.CELL, None, None))
            continue
        above = out[index - 1] if index else None
        below = next((j for j in range(index + 1, count) if rows[j].text(Column.NAME)), None)
        section = sections[index]
        above_section = sections[index - 1] if index else None
        if below is not None and (
            above is None
            or (
                section is not None
                and section != above_section
                and section == sections[below]
                and not row.merged(Column.NAME)
            )
        ):
            name = rows[below].text(Column.NAME)
            # The reason is the plan's data (Chinese); the point says it in the run's language.
            reason = (
                f"任务名称单元格为空。本行内容属正文{section}，与下方第{below + 1}行同段"
                + (f"，而上一行属{above_section}" if above_section else "")
                + f"，故取下方第{below + 1}行写明的名称（合并单元格的文字印在下行）。"
            )
            said = (
                _(
                    "the task name cell is empty. This row's content is in the body's {section}, "
                    "as is row {row} below, and the row above's in {above}: the name row {row} "
                    "gives is taken (a merged cell's text is printed in its lower row)."
                )
                if above_section
                else _(
                    "the task name cell is empty. This row's content is in the body's {section}, "
                    "as is row {row} below: the name row {row} gives is taken (a merged cell's "
                    "text is printed in its lower row)."
                )
            ).format(section=section, row=below + 1, above=above_section)
            if above is None:
                reason = f"任务名称单元格为空，且为表格首行，故取下方第{below + 1}行写明的名称。"
                said = _(
                    "the task name cell is empty, in the table's first row: the name row {row} "
                    "below gives is taken."
                ).format(row=below + 1)
            out.append((name, NameSource.MERGED_BELOW, reason, said))
        elif above is not None and above[0]:
            out.append((above[0], NameSource.MERGED_ABOVE, None, None))
        else:
            out.append(("", NameSource.CELL, None, None))
    return out


# ---- units ---------------------------------------------------------------------------


# The label each unit column's cell is written under when a table has more than one.
_UNIT_LABELS = (
    (Column.LEAD, "牵头单位"),
    (Column.RESPONSIBLE, "责任单位"),
    (Column.SUPPORT, "配合单位"),
)


def _responsible(
    draft: Draft, rows: list[Row], index: int, loc: Loc, decisions: list[dict[str, str]]
) -> str:
    """The row's 责任单位 as the draft writes it: its one unit column's cell verbatim; with
    several unit columns (牵头单位 + 配合单位), each column's cell verbatim under its label
    (牵头单位：X；配合单位：Y), which the one reader reads as it reads each cell with its
    column's header; an empty cell continues the row above (a merged cell)."""
    row = rows[index]
    present = [(column, label) for column, label in _UNIT_LABELS if column in row.cells]
    if len(present) == 1:
        text = row.text(present[0][0])
    else:
        parts = [(label, row.text(column)) for column, label in present]
        text = "；".join(f"{label}：{cell}" for label, cell in parts if cell)
        if text:
            written = "、".join(label for label, cell in parts if cell)
            reason = (
                f"源表分列{'、'.join(label for _, label in present)}，本项各列单元格照录，"
                f"按列写作“{'；'.join(f'{label}：…' for label, cell in parts if cell)}”"
                f"（{written}各一列），各单位的角色取自所在列。"
            )
            decisions.append({"field": "responsible", "value": text, "reason": reason})
    if text:
        return text
    if index > 0 and draft.tasks[index - 1]["responsible"]:
        value: str = draft.tasks[index - 1]["responsible"]
        column = present[0][0] if present else Column.RESPONSIBLE
        merged = row.merged(column)
        how = "源文件标明为合并单元格" if merged else "单元格为空，视为合并单元格"
        reason = f"责任单位{how}，沿用上一行（第{index}行）的“{value}”。"
        decisions.append({"field": "responsible", "value": value, "reason": reason})
        said = (
            _(
                "the responsible units cell is a merged cell in the source; the row above's "
                "(row {row}) “{value}” is taken."
            )
            if merged
            else _(
                "the responsible units cell is empty, read as a merged cell; the row above's "
                "(row {row}) “{value}” is taken."
            )
        )
        draft.point(
            "tasks.yaml", (*loc, "responsible"), said.format(row=index, value=value), decide=False
        )
        return value
    draft.point(
        "tasks.yaml",
        (*loc, "responsible"),
        _("the responsible units cell is empty ({where}); fill it in").format(where=row.where),
    )
    return ""


def _check_columns(draft: Draft, row: Row, task: dict[str, Any], loc: Loc) -> None:
    """A row of several unit columns: what the labelled 责任单位 reads must be what the
    reader gives each column's cell with its header; where it is not (a prefix one column
    leaves out, expanded from another's), a point gives both readings."""
    cells = [(label, row.text(column)) for column, label in _UNIT_LABELS if column in row.cells]
    if len(cells) < 2 or not any(cell for _, cell in cells):
        return
    by_column = [
        (unit, str(role))
        for label, cell in cells
        if cell
        for unit, role in read_responsible(cell, label).pairs
    ]
    written = [(a["unit"], str(a["role"])) for a in task["assignments"]]
    if written != by_column:
        shown = "、".join(f"{unit}({role})" for unit, role in by_column)
        draft.point(
            "tasks.yaml",
            (*loc, "assignments"),
            _(
                "read column by column, the units and roles are {units}, not the draft's "
                "reading; check it"
            ).format(units=shown),
            decide=False,
        )


def unit_column(draft: Draft, table: SourceTable) -> str | None:
    """The header of a table's one unit column when it gives its units a role (牵头落实科室,
    牵头单位 or 配合单位 alone), recorded as a document decision so that the reader gives a
    unit with no role word that role; None otherwise (责任单位, or several unit columns)."""
    units = [(text, column) for text, column in table.header if column in _ROLE_COLUMNS]
    if len(units) != 1 or units[0][1] is Column.RESPONSIBLE:
        return None
    header = units[0][0]
    role = {Column.LEAD: "牵头", Column.SUPPORT: "配合"}[units[0][1]]
    decisions = draft.document["decisions"]
    reason = f"源表的单位列是“{header}”：单元格中未写角色的单位按此列取角色（{role}）。"
    decisions.append({"field": COLUMN_FIELD, "value": header, "reason": reason})
    # The reason is the plan's data (Chinese); the point says it in the run's language.
    said = _(
        "the source table's unit column is “{header}”: a unit its cells give no role takes "
        "the column's role ({role})."
    ).format(header=header, role=_(_ROLE_WORDS[role]))
    draft.point("tasks.yaml", ("document", "decisions", len(decisions) - 1), said, False)
    return header


_ROLE_COLUMNS = (Column.LEAD, Column.RESPONSIBLE, Column.SUPPORT)
_ROLE_WORDS = {"牵头": N_("lead"), "配合": N_("support")}


# ---- time nodes ----------------------------------------------------------------------


def _time_node(
    draft: Draft,
    task: dict[str, Any],
    rows: list[Row],
    index: int,
    loc: Loc,
    decisions: list[dict[str, str]],
) -> None:
    row = rows[index]
    node = row.text(Column.TIME_NODE)
    task["time_node"] = node
    if node:
        task["deadline"] = read_node(draft, loc, node, decisions)
        return
    previous = draft.tasks[index - 1] if index > 0 else None
    value = ""
    if previous is not None:
        value = previous["time_node"] or next(
            (d["value"] for d in previous.get("decisions", ()) if d["field"] == "time_node"), ""
        )
    if not value:
        decisions.append({"field": "time_node", "value": "", "reason": "待填写"})
        draft.point(
            "tasks.yaml",
            (*loc, "time_node"),
            _("the time node cell is empty; fill in its value and the reason in decisions"),
        )
        draft.point("tasks.yaml", (*loc, "deadline"), fill_as_decided())
        task["deadline"] = None
        return
    merged = row.merged(Column.TIME_NODE)
    how = "源文件标明为合并单元格" if merged else "单元格为空，是原表格的合并单元格"
    reason = f"时间节点{how}，沿用上一行（第{index}行）的“{value}”。"
    decisions.append({"field": "time_node", "value": value, "reason": reason})
    said = (
        _(
            "the time node cell is a merged cell in the source; the row above's (row {row}) "
            "“{value}” is taken."
        )
        if merged
        else _(
            "the time node cell is empty, a merged cell of the source table; the row above's "
            "(row {row}) “{value}” is taken."
        )
    )
    draft.point(
        "tasks.yaml", (*loc, "time_node"), said.format(row=index, value=value), decide=False
    )
    task["deadline"] = read_node(draft, loc, value, decisions)


def _table_time_node(
    draft: Draft,
    task: dict[str, Any],
    loc: Loc,
    decisions: list[dict[str, str]],
    given: str | None,
) -> None:
    """A table with no time column: every task takes --time-node, or waits for it."""
    task["time_node"] = ""
    if not given:
        task["deadline"] = None
        return
    reason = f"源表没有时限列；导入时以 --time-node {given} 为全表各项的时间节点。"
    decisions.append({"field": "time_node", "value": given, "reason": reason})
    task["deadline"] = read_node(draft, loc, given, decisions)


def _taken(decisions: list[dict[str, str]], given: str | None) -> tuple[str, str] | None:
    """The time node a row with no time cell of its own took (its decisions say), and from
    what: --time-node, or the row above (a merged cell); None when it has none yet."""
    value = next((d["value"] for d in decisions if d["field"] == "time_node"), "")
    if not value:
        return None
    return value, "--time-node" if given else "上一行（合并单元格）"


def _table_question(draft: Draft, given: str | None) -> None:
    """The one question a table with no time column asks, or its recorded answer."""
    if given:
        draft.document["decisions"].append(
            {
                "field": "time_node",
                "value": given,
                "reason": f"源表没有时限列；导入时以 --time-node {given} 为全表各项的时间节点。",
            }
        )
        return
    draft.point(
        "tasks.yaml",
        ("tasks",),
        _(
            "the source table has no time column and none of its {count} tasks has a time "
            "node: import again with --time-node giving the whole table's (e.g. --time-node "
            "全年), or fill each in its decisions"
        ).format(count=len(draft.tasks)),
    )


# ---- against an installed plan -------------------------------------------------------


def _facts_from_plan(
    facts: DocumentFacts, source: SourceDocument, against: tuple[str, Plan]
) -> DocumentFacts:
    """A unit's own sheet of a plan is that plan: its 文号, title, issue date and year."""
    _id, plan = against
    document = plan.document
    notice = source.notice
    return DocumentFacts(
        year=facts.year or document.year,
        number=facts.number or notice.number or document.number,
        issued=facts.issued or notice.issued or document.issued,
        title=facts.title or notice.title or document.title,
        time_node=facts.time_node,
    )


def _plan_time_node(task: Task) -> str:
    decided = task.decision_for("time_node")
    return task.time_node or (decided.value if decided else "")


def _same(one: str, other: str) -> bool:
    return squeeze(one) == squeeze(other)


def _against(
    draft: Draft,
    task: dict[str, Any],
    row: Row,
    loc: Loc,
    decisions: list[dict[str, str]],
    plan_id: str,
    theirs: Task,
) -> None:
    """A row of a unit's own sheet read with the plan's task of its number: the plan gives
    the name, time node and any merged cell; a cell that disagrees is a point to check."""
    where = _("plan {plan} item {seq}").format(plan=plan_id, seq=theirs.seq)
    because = f"本表为要点 {plan_id} 的分表，序号 {theirs.seq} 即要点 {plan_id} 第{theirs.seq}项"
    # The name: the sheet's own cell when it agrees; else the plan's.
    own, sheet = row.text(Column.NAME), task["name"]
    if not (own and _same(own, theirs.name)):
        if own:
            said = _(
                "the task name “{own}” is not {where}'s “{theirs}”; the draft takes the "
                "plan's name; check it"
            ).format(own=own, where=where, theirs=theirs.name)
            draft.point("tasks.yaml", (*loc, "name"), said, False)
        elif sheet and not _same(sheet, theirs.name):
            said = _(
                "the task name cell is empty: the row above in this sheet would give "
                "“{sheet}”; {where}'s “{theirs}” is taken"
            ).format(sheet=sheet, where=where, theirs=theirs.name)
            draft.point("tasks.yaml", (*loc, "name"), said, False)
        if (
            own
            or not _same(sheet, theirs.name)
            or task["name_source"] is not NameSource.MERGED_ABOVE
        ):
            task["name"], task["name_source"] = theirs.name, NameSource.PLAN
            reason = f"{because}，名称取自该项。"
            decisions.append({"field": "name", "value": theirs.name, "reason": reason})
    # The time node: the plan's, whatever the row above in the sheet says.
    own = row.text(Column.TIME_NODE)
    plan_node = _plan_time_node(theirs)
    if own and _same(own, plan_node):
        task["time_node"] = own
        task["deadline"] = read_node(draft, loc, own, decisions)
    else:
        sheet = own or _previous_node(draft)
        if sheet and not _same(sheet, plan_node):
            said = (
                _(
                    "the time node “{own}” is not {where}'s “{theirs}”; the draft takes the "
                    "plan's time node; check it"
                )
                if own
                else _(
                    "the time node cell is empty: the row above in this sheet would give "
                    "“{sheet}”; {where}'s “{theirs}” is taken"
                )
            ).format(own=own, sheet=sheet, where=where, theirs=plan_node)
            draft.point("tasks.yaml", (*loc, "time_node"), said, False)
        task["time_node"] = theirs.time_node if own else ""
        reason = f"{because}，时间节点取自该项。"
        decisions.append({"field": "time_node", "value": plan_node, "reason": reason})
        task["deadline"] = read_node(draft, loc, plan_node, [])
    # The units: the sheet's own cell; an empty one is the plan's.
    own = row.text(Column.RESPONSIBLE)
    if not own and not row.text(Column.LEAD):
        task["responsible"] = theirs.responsible
        reason = f"{because}，责任单位单元格为空，取自该项。"
        decisions.append({"field": "responsible", "value": theirs.responsible, "reason": reason})
    elif not _same(task["responsible"], theirs.responsible):
        said = _("the responsible units “{own}” are not {where}'s “{theirs}”; check them").format(
            own=task["responsible"], where=where, theirs=theirs.responsible
        )
        draft.point("tasks.yaml", (*loc, "responsible"), said, False)
    if not _same(task["content"], theirs.content):
        said = _("the task content is not {where}'s; check it").format(where=where)
        draft.point("tasks.yaml", (*loc, "content"), said, False)


def _previous_node(draft: Draft) -> str:
    if not draft.tasks:
        return ""
    previous = draft.tasks[-1]
    decided = next(
        (d["value"] for d in previous.get("decisions", ()) if d["field"] == "time_node"), ""
    )
    return str(previous["time_node"] or decided)
