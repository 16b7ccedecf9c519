"""Reading a source document of any kind into one `SourceDocument`.

.txt .md   the notice and body as copied from a page or a PDF, with an annex
           table (tab-separated or a Markdown table) or numbered items
.csv .tsv  a table with Chinese headers
.xlsx .xls .ods  a sheet, merged cells included (io/sheets.py, python-calamine)
.docx      tables (merged cells included) and paragraphs (python-docx)
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from gongkai_cli.errors import CannotReadError, UnreadableSourceError, clipped
from gongkai_cli.i18n import _
from gongkai_cli.io.files import not_regular, read_regular
from gongkai_cli.plan.importing.items import Item, find_items
from gongkai_cli.plan.importing.notice import (
    Body,
    Notice,
    above_header,
    body_lines,
    read_blocks,
    read_body,
    read_notice,
    read_page,
)
from gongkai_cli.plan.importing.table import HeaderProblem, SourceTable
from gongkai_cli.plan.importing.text import (
    decode,
    split_lines,
    table_in_delimited,
    table_in_lines,
)

KINDS = (".txt", ".md", ".csv", ".tsv", ".xlsx", ".xls", ".ods", ".docx")
_SHEETS = (".xlsx", ".xls", ".ods")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_MARKS = re.compile(r"\*\*|__")


@dataclass(slots=True)
class SourceDocument:
    """Everything gongkai reads from a source: notice, body, table or items, and its text."""

    path: Path
    text: str
    """All the text of the source, for the verbatim check."""
    notice: Notice = field(default_factory=Notice)
    body: Body = field(default_factory=Body)
    table: SourceTable | None = None
    items: list[Item] = field(default_factory=list)
    header_problem: HeaderProblem | None = None
    """When no header was recognised: the row most like one, for the message."""
    encoding: str | None = None


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        if os.path.isdir(path):  # not "gongkai reads .txt ... files, not this file"
            raise UnreadableSourceError(not_regular(clipped(str(path))))
        raise UnreadableSourceError(
            _("{name}: gongkai reads {kinds} files, not {value}").format(
                name=clipped(path.name),
                kinds=_(", ").join(KINDS),
                value=clipped(suffix) or _("this file"),
            )
        )
    return suffix


MAX_TEXT_BYTES = 16 * 2**20
"""The largest .txt, .md, .csv or .tsv source read (16 MiB; a real plan is under 1 MiB)."""


def _read_bytes(path: Path) -> bytes:
    """The bytes of a text source: a regular file of at most `MAX_TEXT_BYTES`, else one line."""
    try:
        blob = read_regular(path, MAX_TEXT_BYTES)
    except CannotReadError as exc:
        raise UnreadableSourceError(str(exc)) from None
    if blob is None:
        raise UnreadableSourceError(
            _("{name}: larger than {limit} MiB, the limit for a text source").format(
                name=clipped(path.name), limit=MAX_TEXT_BYTES // 2**20
            )
        )
    return blob


def read_source(
    path: Path, *, sheet: str | None = None, encoding: str | None = None
) -> SourceDocument:
    """The source at `path`, read by its kind; UnreadableSourceError if it cannot be."""
    kind = _kind(path)
    if (kind in _SHEETS or kind == ".docx") and encoding:
        raise UnreadableSourceError(
            _("--encoding applies to text files, not {kind}").format(kind=kind)
        )
    if sheet is not None and kind not in _SHEETS:
        raise UnreadableSourceError(
            _("--sheet applies to .xlsx files, not {kind}").format(kind=kind)
        )
    if kind in _SHEETS:
        from gongkai_cli.plan.importing.office import read_xlsx

        table, problem, heading, text = read_xlsx(path, sheet)
        document = SourceDocument(path, text, table=table, header_problem=problem)
        # A sheet has no notice: its title row, or else its name, names the plan.
        document.notice = read_notice(read_page(heading))
        return document
    if kind == ".docx":
        from gongkai_cli.plan.importing.office import read_docx

        table, problem, paragraphs, text = read_docx(path)
        return _with_body(
            SourceDocument(path, text, table=table, header_problem=problem), paragraphs
        )
    text, used = decode(_read_bytes(path), path.name, encoding)
    if kind in (".csv", ".tsv"):
        delimiter = "\t" if kind == ".tsv" else ","
        table, problem = table_in_delimited(text, delimiter)
        document = SourceDocument(path, text, table=table, header_problem=problem, encoding=used)
        if table is not None:
            # No notice either: a title row above the header, or else the file's name.
            rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            heading = above_header(rows, [words for words, _ in table.header])
            document.notice = read_notice(read_page([path.stem, *heading]))
        return document
    lines = split_lines(text)
    table, problem, start = table_in_lines(lines)
    document = SourceDocument(path, text, table=table, header_problem=problem, encoding=used)
    if kind == ".md":
        # Headings and bold marks are Markdown's, not the document's words.
        lines = [_MD_MARKS.sub("", _MD_HEADING.sub("", line)) for line in lines]
    # The body is what comes before the table: a table's cells are not paragraphs.
    return _with_body(document, lines[:start])


def _with_body(document: SourceDocument, lines: list[str]) -> SourceDocument:
    page = read_page(lines)
    document.notice = read_notice(page)
    blocks = read_blocks(body_lines(page, document.notice))
    # With a task table, the body's paragraphs are what its rows implement: only a
    # labelled or bare 责任单位 bracket makes an item there, and no paragraph is taken away.
    has_table = document.table is not None and bool(document.table.rows)
    document.items = find_items(blocks, unnumbered=not has_table)
    taken = () if has_table else {item.block for item in document.items}
    document.body = read_body(blocks, taken)
    return document


def source_text(path: Path) -> str:
    """All the text of a source file, for the verbatim check of a plan against it."""
    return read_source(path).text
