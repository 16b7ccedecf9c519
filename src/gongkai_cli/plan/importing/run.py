"""`gongkai import` and `validate --against-source`, as functions the CLI calls once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gongkai_cli.errors import InvalidDataError, Problem, UnreadableSourceError, UsageError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io.dates import year_problem
from gongkai_cli.io.yamlio import YamlDocument, parse_yaml, read_text
from gongkai_cli.model.draft import ImportedDraft, ReviewPoint
from gongkai_cli.model.plan import Layout
from gongkai_cli.plan.importing.annex import build_annex_draft
from gongkai_cli.plan.importing.draft import DocumentFacts, Draft
from gongkai_cli.plan.importing.item_draft import build_items_draft, default_reason
from gongkai_cli.plan.importing.source import SourceDocument, read_source
from gongkai_cli.plan.importing.table import HEADER_WORDS, Column, SourceTable, field_words
from gongkai_cli.plan.importing.verbatim import SourceText, mismatches, missing
from gongkai_cli.plan.importing.write import (
    check_out,
    read_back,
    tasks_data,
    tasks_yaml,
    units_data,
    units_yaml,
    write_draft,
)
from gongkai_cli.plan.load import (
    TASKS_FILE,
    UNITS_FILE,
    Plan,
    validate_documents,
)
from gongkai_cli.plan.units import UnitDirectory


def _no_table_message(source: SourceDocument) -> str:
    """One line: each column of the row most like a header, what it was taken for, and
    what a task table needs that it lacks."""
    needs = {
        Column.CONTENT: "、".join(HEADER_WORDS[Column.CONTENT][:7]),
        Column.RESPONSIBLE: "、".join(
            HEADER_WORDS[Column.RESPONSIBLE][:5]
            + HEADER_WORDS[Column.LEAD][:1]
            + HEADER_WORDS[Column.ABOVE][:1]
        ),
    }
    problem = source.header_problem
    if source.table is not None:
        header = _(", ").join(
            _("{cell} ({field})").format(cell=cell, field=field_words(column))
            for cell, column in source.table.header
        )
        return _("{name}: the task table's header {header} has no task rows under it").format(
            name=source.path.name, header=header
        )
    if problem is None:
        return _(
            "{name}: no task table found; its header needs {content} ({content_words}) "
            "and {units} ({units_words})"
        ).format(
            name=source.path.name,
            content=field_words(Column.CONTENT),
            content_words=needs[Column.CONTENT],
            units=field_words(Column.RESPONSIBLE),
            units_words=needs[Column.RESPONSIBLE],
        )
    unknown = _("not recognised")
    columns = _(", ").join(
        _("{cell} ({field})").format(
            cell=clipped(cell, 20), field=field_words(column) if column else unknown
        )
        for cell, column in zip(problem.cells, problem.fields, strict=True)
    )
    missing = _(", ").join(
        _("{cell} ({field})").format(cell=field_words(column), field=needs[column])
        for column in problem.missing
    )
    return _("{name}: the header {columns} is not a task table's; missing {missing}").format(
        name=source.path.name, columns=columns, missing=missing
    )


def import_plan(
    path: Path,
    out: Path,
    *,
    layout: Layout | None = None,
    facts: DocumentFacts | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    force: bool = False,
    against: tuple[str, Plan] | None = None,
) -> ImportedDraft:
    """Read `path`, write its draft plan to `out`, validate it, and list what to review.

    `layout` says how the source holds its tasks; None finds out (a table if it has one).
    `against` (an installed plan's id and the plan) reads a unit's own sheet of that
    plan by its 序号: see `annex.build_annex_draft`.
    """
    check_out(out, force)  # before reading: a refused --out costs nothing
    if facts is not None and facts.year is not None and (problem := year_problem(facts.year)):
        raise UsageError(_("--year {problem}").format(problem=problem))
    source = read_source(path, sheet=sheet, encoding=encoding)
    # The units are found in the registries of the plan's place, once the notice says it.
    draft = _draft(source, layout, None, facts or DocumentFacts(), against)
    _check_verbatim(draft, source)
    if draft.review:
        # Commands answer from a draft, marked 草稿, until a person confirms its points.
        draft.document["draft"] = True
    files = {TASKS_FILE: tasks_yaml(draft), UNITS_FILE: units_yaml(draft)}
    intended = {TASKS_FILE: tasks_data(draft), UNITS_FILE: units_data(draft)}

    def verify(staging: Path) -> tuple[dict[str, YamlDocument], list[ReviewPoint]]:
        # The files as written, read back from the disk: what `validate` will read.
        docs = read_back(staging, out, intended)
        return docs, _validation(staging, docs)

    docs, problems = write_draft(out, files, path, force, verify)
    placed = [
        ReviewPoint(
            str(out / point.file),
            docs[point.file].line_of(point.loc),
            ".".join(map(str, point.loc)),
            point.message,
            point.decide,
        )
        for point in draft.review
    ]
    at = {(finding.file, finding.line) for finding in placed}
    # A validation problem on a line that already has a point says the same thing again;
    # and a table with no time column asks its one question, not one per row.
    asked = any(point.loc == ("tasks",) for point in draft.review)
    extra = [
        f
        for f in problems
        if (f.file, f.line) not in at
        and not (asked and f.field.endswith((".time_node", ".deadline")))
    ]
    findings = sorted(placed + extra, key=lambda f: (f.file, f.line))
    return ImportedDraft(
        out=out,
        layout=draft.layout,
        year=draft.document.get("year"),
        tasks=len(draft.tasks),
        units=len(draft.units),
        new_units=sum(1 for p in draft.review if p.file == UNITS_FILE and p.decide),
        findings=tuple(findings),
        encoding=source.encoding,
        defaulted=_defaulted(draft, facts or DocumentFacts()),
    )


def _draft(
    source: SourceDocument,
    layout: Layout | None,
    registry: UnitDirectory | None,
    facts: DocumentFacts,
    against: tuple[str, Plan] | None,
) -> Draft:
    table = source.table if source.table is not None and source.table.rows else None
    if facts.time_node is not None:
        _check_time_node(facts.time_node, table)
    if facts.default_time_node is not None:
        _check_default_time_node(facts.default_time_node, table, layout, source)
    if layout is Layout.ITEMS or (layout is None and table is None and source.items):
        if not source.items:
            raise UnreadableSourceError(
                _(
                    "{name}: no numbered items (1. …, （一）…) and no paragraph ending with "
                    "a 责任单位 bracket"
                ).format(name=source.path.name)
            )
        if against is not None:
            raise UsageError(
                _(
                    "--against-plan reads a table of tasks numbered as the plan's (序号); "
                    "{name} has numbered items, not such a table"
                ).format(name=source.path.name)
            )
        return build_items_draft(source, registry, facts)
    if table is None:
        raise UnreadableSourceError(_no_table_message(source))
    return build_annex_draft(source, table, registry, facts, against)


def _check_time_node(node: str, table: SourceTable | None) -> None:
    """--time-node answers a table with no time column; anywhere else it would be ignored."""
    from gongkai_cli.plan.timenodes import readable

    if table is None or Column.TIME_NODE in table.columns:
        header = table.header if table is not None else ()
        has = next((cell for cell, column in header if column is Column.TIME_NODE), "")
        raise UsageError(
            _("--time-node is for a table with no time column; this file has {what}").format(
                what=_("a time column ({header})").format(header=has) if has else _("no table")
            )
        )
    if not readable(node):
        raise UsageError(
            _(
                "--time-node {node} is not a time node gongkai can read (e.g. 全年, 12月底前)"
            ).format(node=clipped(node))
        )


def _check_default_time_node(
    node: str, table: SourceTable | None, layout: Layout | None, source: SourceDocument
) -> None:
    """--default-time-node dates the items that write no 完成时限; a table's rows are not
    items (an empty cell continues the row above, and a table with no time column takes
    --time-node), so there it would be ignored: refused."""
    from gongkai_cli.plan.timenodes import readable

    items = layout is Layout.ITEMS or (layout is None and table is None and source.items)
    if not items:
        raise UsageError(
            _(
                "--default-time-node is for an items plan whose items write no 完成时限; "
                "this file is a table (for a table with no time column, use --time-node)"
            )
        )
    if not readable(node):
        raise UsageError(
            _(
                "--default-time-node {node} is not a time node gongkai can read "
                "(e.g. 全年, 12月底前)"
            ).format(node=clipped(node))
        )


def _defaulted(draft: Draft, facts: DocumentFacts) -> tuple[int, ...]:
    """The 序号 of the tasks that took --default-time-node."""
    node = facts.default_time_node
    if node is None:
        return ()
    reason = default_reason(node)
    return tuple(
        task["seq"]
        for task in draft.tasks
        if any(
            d["field"] == "time_node" and d["reason"] == reason for d in task.get("decisions", ())
        )
    )


def _check_verbatim(draft: Draft, source: SourceDocument) -> None:
    """A point for each cell of the draft that is not in the source (none, unless a bug)."""
    known = (
        [cell.text for row in source.table.rows for cell in row.cells.values()]
        if source.table
        else []
    )
    known += [
        text for item in source.items for text in (item.content, item.responsible, item.time_node)
    ]
    text = SourceText(source.text, known)
    tasks = (
        (index, task, {decision["field"] for decision in task.get("decisions", ())})
        for index, task in enumerate(draft.tasks)
    )
    for miss in missing(tasks, text, Layout(draft.layout)):
        draft.point(
            "tasks.yaml",
            ("tasks", miss.index, miss.field),
            _("{label} “{text}” is not in the source (whitespace aside); check it").format(
                label=miss.label, text=miss.text
            ),
        )


def _validation(directory: Path, docs: Mapping[str, YamlDocument]) -> list[ReviewPoint]:
    """The problems `gongkai validate` finds in the draft written to `directory`, each at
    its line of the file as it will be named (`docs` are read under the draft's names)."""
    try:
        validate_documents(directory, docs[TASKS_FILE], docs[UNITS_FILE])
    except InvalidDataError as exc:
        return [ReviewPoint(p.file, p.line, p.field, p.message, True) for p in exc.problems]
    return []


def check_against_source(plan: Plan) -> list[Problem]:
    """A problem (`file:line: field: message`) for each task cell not found verbatim in the
    plan's source."""
    source_path = plan.data_dir / plan.document.source
    text = SourceText(read_source(source_path).text)
    tasks_path = plan.data_dir / TASKS_FILE
    doc, _errors = parse_yaml(tasks_path, read_text(tasks_path))
    problems: list[Problem] = []
    for miss in mismatches(plan.tasks, text, plan.document.layout):
        loc = ("tasks", miss.index, miss.field)
        line = doc.line_of(loc) if doc is not None else 1
        said = _("{label} “{text}” does not appear in the source {source} (whitespace aside)")
        problems.append(
            Problem(
                tasks_path,
                line,
                ".".join(map(str, loc)),
                said.format(label=miss.label, text=miss.text, source=plan.document.source),
            )
        )
    return problems
