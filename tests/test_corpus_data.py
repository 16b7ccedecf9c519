"""The shape of the real-plan test data in tests/data/ (issues 17 and 18).

tests/data/duty_cells.yaml holds real 责任单位 cells with hand readings, table_headers.yaml real
task-table headers with a few rows each, item_forms.yaml real numbered items with what a reader
should get. The readers are tested against them elsewhere; this file only checks that the data
is well formed, so that a typo (a unit that is not in its cell, a role outside the closed set, a
row that does not line up, an entry pointing at no source) fails here, with the entry that is
wrong, instead of as a puzzling reader failure.

Each check returns the list of problems it finds, so the tests at the bottom can also show that
the checks catch what they claim to catch.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent / "data"
DUTY_CELLS = DATA / "duty_cells.yaml"
TABLE_HEADERS = DATA / "table_headers.yaml"
ITEM_FORMS = DATA / "item_forms.yaml"

LEVELS = {"province", "city", "district", "county", "street", "town", "department"}
ROLES = {"lead", "responsible", "support"}

SOURCE_REQUIRED = {"id", "title", "url", "place", "level", "taken"}
SOURCE_OPTIONAL = {"issuer", "number", "copy", "folder", "year"}
CELL_REQUIRED = {"source", "where", "cell", "reading", "notes", "decisions"}
CELL_OPTIONAL = {"standing_rule", "column"}
READING_REQUIRED = {"unit", "role"}
READING_OPTIONAL = {"collective", "open"}
TABLE_REQUIRED = {"source", "header", "rows", "notes"}
ITEM_REQUIRED = {"source", "where", "text", "form", "expect"}
ITEM_OPTIONAL = {"cut", "note"}
EXPECT_KEYS = {"units", "time", "measures", "note"}

# The store turns full-width （ ） ： ， ； into ASCII; the files write them back (see the header
# comments), so an ASCII one left in verbatim text is a copy that was not restored.
ASCII_FROM_STORE = re.compile(r"[():,;]")
# "县人社局 responsible (written 人社局)", "各部门 responsible collective"
EXPECTED_UNIT = re.compile(
    r"^(?P<unit>\S+) (?P<role>\S+)(?: (?P<kind>collective|open-collective))?"
    r"(?: \(written (?P<written>\S+)\))?$"
)

# "人社局 -> 县人社局 (elided shared prefix 县)": the written text, then the expanded unit.
EXPANSION = re.compile(r"^(?P<written>\S+) -> (?P<unit>\S+)")

Problems = list[str]

# A unit column's header: 牵头单位, 牵头落实科室, 配合单位, 市里落实单位, 局内负责处室, 责任单位 …
_HEADER_WORD = re.compile(r"单位|部门|科室|处室|牵头|配合|落实|负责")


def normalise(text: str) -> str:
    """NFKC (full-width （ ） ： ， ； become ASCII) with all whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def load(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def check_keys(where: str, entry: object, required: set[str], optional: set[str]) -> Problems:
    if not isinstance(entry, Mapping):
        return [f"{where}: not a mapping"]
    problems = [f"{where}: missing key {key!r}" for key in sorted(required - entry.keys())]
    problems += [
        f"{where}: unknown key {key!r}" for key in sorted(entry.keys() - required - optional)
    ]
    return problems


def check_sources(sources: Iterable[Mapping[str, Any]]) -> Problems:
    problems: Problems = []
    seen: set[str] = set()
    for index, source in enumerate(sources):
        where = f"sources[{index}]"
        problems += check_keys(where, source, SOURCE_REQUIRED, SOURCE_OPTIONAL)
        if not isinstance(source, Mapping):
            continue
        ident = source.get("id")
        if ident in seen:
            problems.append(f"{where}: duplicate id {ident!r}")
        seen.add(str(ident))
        if source.get("level") not in LEVELS:
            problems.append(f"{where}: level {source.get('level')!r} not in {sorted(LEVELS)}")
        if not str(source.get("url", "")).startswith(("http://", "https://")):
            problems.append(f"{where}: url {source.get('url')!r} is not an address")
        if not isinstance(source.get("taken"), datetime.date):
            problems.append(f"{where}: taken {source.get('taken')!r} is not a date")
        for key in ("title", "place"):
            if not str(source.get(key, "")).strip():
                problems.append(f"{where}: empty {key}")
    return problems


def expansions(decisions: Iterable[str]) -> dict[str, str]:
    """unit -> the written text it was expanded from, as the decisions record it."""
    found: dict[str, str] = {}
    for decision in decisions:
        match = EXPANSION.match(decision)
        if match:
            found[match["unit"]] = match["written"]
    return found


def check_reading(where: str, cell: str, entry: Mapping[str, Any]) -> Problems:
    problems: Problems = []
    text = normalise(cell)
    decisions = entry.get("decisions") or []
    expanded = expansions(decisions)
    reading = entry.get("reading")
    if not isinstance(reading, list) or not reading:
        return [f"{where}: reading must list at least one unit"]
    for number, unit in enumerate(reading):
        at = f"{where}.reading[{number}]"
        problems += check_keys(at, unit, READING_REQUIRED, READING_OPTIONAL)
        if not isinstance(unit, Mapping):
            continue
        name = str(unit.get("unit", ""))
        if not name.strip():
            problems.append(f"{at}: empty unit")
        elif normalise(name) not in text:
            written = expanded.get(name)
            if written is None:
                problems.append(
                    f"{at}: unit {name!r} is not in the cell and no decision expands it"
                )
            elif normalise(written) not in text:
                problems.append(f"{at}: {name!r} is expanded from {written!r}, not in the cell")
        if unit.get("role") not in ROLES:
            problems.append(f"{at}: role {unit.get('role')!r} not in {sorted(ROLES)}")
        for flag in ("collective", "open"):
            if flag in unit and not isinstance(unit[flag], bool):
                problems.append(f"{at}: {flag} must be true or false")
        if unit.get("open") and not unit.get("collective"):
            problems.append(f"{at}: open without collective")
    return problems


def check_cells(cells: Iterable[Mapping[str, Any]], source_ids: set[str]) -> Problems:
    problems: Problems = []
    seen: set[tuple[str, str, str]] = set()
    for index, entry in enumerate(cells):
        where = f"cells[{index}]"
        problems += check_keys(where, entry, CELL_REQUIRED, CELL_OPTIONAL)
        if not isinstance(entry, Mapping):
            continue
        cell = entry.get("cell")
        if not isinstance(cell, str) or not cell.strip():
            problems.append(f"{where}: empty cell")
            continue
        if cell != cell.strip():
            problems.append(f"{where}: cell has leading or trailing whitespace")
        if ASCII_FROM_STORE.search(cell):
            problems.append(f"{where}: cell keeps the store's ASCII punctuation")
        if entry.get("source") not in source_ids:
            problems.append(f"{where}: source {entry.get('source')!r} is not in sources")
        key = (str(entry.get("source")), str(entry.get("where")), cell)
        if key in seen:
            problems.append(f"{where}: duplicate (source, where, cell) {key}")
        seen.add(key)
        if not str(entry.get("where", "")).strip():
            problems.append(f"{where}: empty where")
        for field in ("notes", "decisions"):
            if not isinstance(entry.get(field), list) or not all(
                isinstance(item, str) and item.strip() for item in entry.get(field) or []
            ):
                problems.append(f"{where}: {field} must be a list of non-empty strings")
        for note in entry.get("notes") or []:
            if isinstance(note, str) and normalise(note) not in normalise(cell):
                problems.append(f"{where}: note {note!r} is not in the cell")
        if "column" in entry and not (
            isinstance(entry["column"], str) and _HEADER_WORD.search(entry["column"])
        ):
            problems.append(f"{where}: column must be a unit column's header")
        if "standing_rule" in entry and not isinstance(entry["standing_rule"], bool):
            problems.append(f"{where}: standing_rule must be true or false")
        problems += check_reading(where, cell, entry)
    return problems


def check_duty_cells(data: object) -> Problems:
    problems = check_keys("duty_cells", data, {"sources", "cells"}, set())
    if problems or not isinstance(data, Mapping):
        return problems
    problems += check_sources(data["sources"])
    ids = {str(source.get("id")) for source in data["sources"] if isinstance(source, Mapping)}
    problems += check_cells(data["cells"], ids)
    used = {entry.get("source") for entry in data["cells"] if isinstance(entry, Mapping)}
    problems += [f"sources: {ident!r} has no cell" for ident in sorted(ids - used)]
    return problems


def check_used(kind: str, ids: set[str], used: set[object]) -> Problems:
    problems = [
        f"{kind}: source {ident!r} is not in sources" for ident in sorted(map(str, used - ids))
    ]
    return problems + [f"sources: {ident!r} has no entry" for ident in sorted(ids - used)]


def check_table_headers(data: object) -> Problems:
    problems = check_keys("table_headers", data, {"sources", "tables"}, set())
    if problems or not isinstance(data, Mapping):
        return problems
    problems += check_sources(data["sources"])
    ids = {str(source.get("id")) for source in data["sources"] if isinstance(source, Mapping)}
    seen: set[object] = set()
    for index, table in enumerate(data["tables"]):
        where = f"tables[{index}]"
        problems += check_keys(where, table, TABLE_REQUIRED, set())
        if not isinstance(table, Mapping):
            continue
        if table.get("source") in seen:
            problems.append(f"{where}: a second table for {table.get('source')!r}")
        seen.add(table.get("source"))
        header, rows = table.get("header"), table.get("rows")
        if header is not None and not (
            isinstance(header, list) and header and all(isinstance(h, str) and h for h in header)
        ):
            problems.append(f"{where}: header must be null or a list of non-empty labels")
            header = None
        if not isinstance(rows, list) or not all(
            isinstance(row, list) and all(isinstance(cell, str) for cell in row) for row in rows
        ):
            problems.append(f"{where}: rows must be lists of strings")
            continue
        widths = {len(row) for row in rows}
        if len(widths) > 1:
            problems.append(f"{where}: rows do not line up (widths {sorted(widths)})")
        if header is not None and widths and min(widths) < len(header):
            problems.append(f"{where}: a row is shorter than the header")
        if header is None and not rows:
            problems.append(f"{where}: neither a header nor a row")
        for number, row in enumerate(rows):
            if not any(cell.strip() for cell in row):
                problems.append(f"{where}.rows[{number}]: every cell is empty")
            if any(ASCII_FROM_STORE.search(cell) for cell in row):
                problems.append(f"{where}.rows[{number}]: keeps the store's ASCII punctuation")
        notes = table.get("notes")
        if not isinstance(notes, list) or not all(isinstance(n, str) and n for n in notes):
            problems.append(f"{where}: notes must be a list of non-empty strings")
        elif not rows and not notes:
            problems.append(f"{where}: no rows and no note saying why")
    problems += check_used("tables", ids, seen)
    return problems


def check_expected_units(where: str, text: str, units: object) -> Problems:
    if not isinstance(units, list):
        return [f"{where}: units must be a list"]
    problems: Problems = []
    for number, entry in enumerate(units):
        match = EXPECTED_UNIT.match(entry) if isinstance(entry, str) else None
        if match is None:
            problems.append(f"{where}.units[{number}]: {entry!r} is not 'unit role [kind]'")
            continue
        if match["role"] not in ROLES:
            problems.append(
                f"{where}.units[{number}]: role {match['role']!r} not in {sorted(ROLES)}"
            )
        written = match["written"] or match["unit"]
        if normalise(written) not in normalise(text):
            problems.append(f"{where}.units[{number}]: {written!r} is not in the text")
    return problems


def check_expect(where: str, text: str, expect: object) -> Problems:
    if not isinstance(expect, Mapping):
        return [f"{where}: expect must be a mapping"]
    problems = [f"{where}: unknown key {key!r}" for key in sorted(expect.keys() - EXPECT_KEYS)]
    if "measures" in expect:
        measures = expect["measures"]
        if not isinstance(measures, list) or len(measures) < 2:
            return problems + [f"{where}: measures must list two or more measures"]
        for number, measure in enumerate(measures):
            at = f"{where}.measures[{number}]"
            problems += check_keys(at, measure, {"units", "time"}, set())
            if isinstance(measure, Mapping):
                problems += check_expected_units(at, text, measure.get("units"))
    else:
        problems += check_keys(where, expect, {"units", "time"}, {"note"})
        problems += check_expected_units(where, text, expect.get("units"))
        time = expect.get("time")
        if time is not None and normalise(str(time)) not in normalise(text):
            problems.append(f"{where}: time {time!r} is not in the text")
    return problems


def check_item_forms(data: object) -> Problems:
    problems = check_keys("item_forms", data, {"sources", "items"}, set())
    if problems or not isinstance(data, Mapping):
        return problems
    problems += check_sources(data["sources"])
    ids = {str(source.get("id")) for source in data["sources"] if isinstance(source, Mapping)}
    seen: set[tuple[object, object]] = set()
    for index, item in enumerate(data["items"]):
        where = f"items[{index}]"
        problems += check_keys(where, item, ITEM_REQUIRED, ITEM_OPTIONAL)
        if not isinstance(item, Mapping):
            continue
        key = (item.get("source"), item.get("where"))
        if key in seen:
            problems.append(f"{where}: duplicate (source, where) {key}")
        seen.add(key)
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            continue
        if ASCII_FROM_STORE.search(text):
            problems.append(f"{where}: text keeps the store's ASCII punctuation")
        if "cut" in item and item["cut"] is not True:
            problems.append(f"{where}: cut is true or absent")
        problems += check_expect(f"{where}.expect", text, item.get("expect"))
    problems += check_used("items", ids, {source for source, _ in seen})
    return problems


@pytest.fixture(scope="module")
def duty_cells() -> Any:
    return load(DUTY_CELLS)


def test_duty_cells_are_well_formed(duty_cells: Any) -> None:
    assert check_duty_cells(duty_cells) == []


def test_table_headers_are_well_formed() -> None:
    assert check_table_headers(load(TABLE_HEADERS)) == []


def test_item_forms_are_well_formed() -> None:
    assert check_item_forms(load(ITEM_FORMS)) == []


def test_the_cells_cover_places_and_levels(duty_cells: Any) -> None:
    """Floors for what was collected: many plans, every level a reader must handle, mostly web."""
    sources = {source["id"]: source for source in duty_cells["sources"]}
    cells = duty_cells["cells"]
    from_web = [cell for cell in cells if "folder" not in sources[cell["source"]]]
    levels = {sources[cell["source"]]["level"] for cell in cells}
    assert len(cells) >= 120
    assert len(from_web) >= 75
    assert len({cell["source"] for cell in cells}) >= 14
    assert {"province", "city", "department"} <= levels
    assert levels & {"district", "county"}


def test_normalise_takes_full_width_punctuation_as_ascii() -> None:
    assert normalise("各县（市、区）人民政府（管委会）") == "各县(市、区)人民政府(管委会)"
    assert normalise("见附件1，下同：甲；乙") == "见附件1,下同:甲;乙"
    assert normalise(" 区府办、\n各部门 ") == "区府办、各部门"


GOOD_SOURCE = {
    "id": "putuo-2025",
    "title": "《2025年上海市普陀区政务公开工作要点》",
    "url": "https://www.shpt.gov.cn/",
    "place": "上海市普陀区",
    "level": "district",
    "taken": datetime.date(2026, 12, 7),
}


def good_cell(**changes: Any) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "source": "putuo-2025",
        "where": "第3项",
        "cell": "区府办、各部门、各街镇",
        "reading": [
            {"unit": "区府办", "role": "responsible"},
            {"unit": "各部门", "role": "responsible", "collective": True},
            {"unit": "各街镇", "role": "responsible", "collective": True},
        ],
        "notes": [],
        "decisions": [],
    }
    cell.update(changes)
    return cell


def test_a_good_entry_has_no_problem() -> None:
    assert check_duty_cells({"sources": [GOOD_SOURCE], "cells": [good_cell()]}) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"source": "nowhere"}, "cells[0]: source 'nowhere' is not in sources"),
        ({"cell": "  "}, "cells[0]: empty cell"),
        (
            {"reading": [{"unit": "区民政局", "role": "responsible"}]},
            "cells[0].reading[0]: unit '区民政局' is not in the cell and no decision expands it",
        ),
        (
            {"reading": [{"unit": "区府办", "role": "owner"}]},
            "cells[0].reading[0]: role 'owner' not in ['lead', 'responsible', 'support']",
        ),
        (
            {"reading": [{"unit": "各部门", "role": "responsible", "open": True}]},
            "cells[0].reading[0]: open without collective",
        ),
        ({"reading": []}, "cells[0]: reading must list at least one unit"),
        ({"notes": ["见附件1"]}, "cells[0]: note '见附件1' is not in the cell"),
        ({"colour": "red"}, "cells[0]: unknown key 'colour'"),
    ],
)
def test_each_check_catches_its_fault(changes: dict[str, Any], problem: str) -> None:
    problems = check_duty_cells({"sources": [GOOD_SOURCE], "cells": [good_cell(**changes)]})
    assert problem in problems


def test_an_expansion_must_be_recorded_and_come_from_the_cell() -> None:
    cell = "县财政局、人社局"
    reading = [
        {"unit": "县财政局", "role": "responsible"},
        {"unit": "县人社局", "role": "responsible"},
    ]
    recorded = good_cell(cell=cell, reading=reading, decisions=["人社局 -> 县人社局 (县 shared)"])
    assert check_duty_cells({"sources": [GOOD_SOURCE], "cells": [recorded]}) == []
    wrong = good_cell(cell=cell, reading=reading, decisions=["民政局 -> 县人社局"])
    assert check_duty_cells({"sources": [GOOD_SOURCE], "cells": [wrong]}) == [
        "cells[0].reading[1]: '县人社局' is expanded from '民政局', not in the cell"
    ]


def test_duplicates_and_bad_sources_are_reported() -> None:
    bad_source = dict(GOOD_SOURCE, level="village", url="www.example", taken="soon")
    problems = check_duty_cells(
        {"sources": [GOOD_SOURCE, bad_source], "cells": [good_cell(), good_cell()]}
    )
    assert "sources[1]: duplicate id 'putuo-2025'" in problems
    assert any(p.startswith("sources[1]: level 'village'") for p in problems)
    assert "sources[1]: url 'www.example' is not an address" in problems
    assert "sources[1]: taken 'soon' is not a date" in problems
    assert any(p.startswith("cells[1]: duplicate (source, where, cell)") for p in problems)


def one_table(**changes: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "source": "putuo-2025",
        "header": ["工作任务", "具体要求", "责任单位"],
        "rows": [["一、做好财政信息公开。", "1.积极推进预算公开。", "财务科"]],
        "notes": [],
    }
    table.update(changes)
    return {"sources": [GOOD_SOURCE], "tables": [table]}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"rows": [["一、", "1.", "财务科"], ["", "2."]]},
            "tables[0]: rows do not line up (widths [2, 3])",
        ),
        ({"rows": [["一、", "1."]]}, "tables[0]: a row is shorter than the header"),
        (
            {"rows": [["", "", ""]]},
            "tables[0].rows[0]: every cell is empty",
        ),
        (
            {"rows": [["一、", "1.公开(预算)", "财务科"]]},
            "tables[0].rows[0]: keeps the store's ASCII punctuation",
        ),
        (
            {"header": ["工作任务", ""]},
            "tables[0]: header must be null or a list of non-empty labels",
        ),
        ({"rows": []}, "tables[0]: no rows and no note saying why"),
        ({"source": "nowhere"}, "tables: source 'nowhere' is not in sources"),
    ],
)
def test_the_table_check_catches_its_fault(changes: dict[str, Any], problem: str) -> None:
    assert problem in check_table_headers(one_table(**changes))


def one_item(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "source": "putuo-2025",
        "where": "第4项",
        "text": "4.组织业务专题培训。（责任单位：区府办、区司法局，完成时限：全年）",
        "form": "numbered item",
        "expect": {"units": ["区府办 responsible", "区司法局 responsible"], "time": "全年"},
    }
    item.update(changes)
    return {"sources": [GOOD_SOURCE], "items": [item]}


def test_a_good_item_has_no_problem() -> None:
    assert check_item_forms(one_item()) == []


@pytest.mark.parametrize(
    ("expect", "problem"),
    [
        (
            {"units": ["区民政局 responsible"], "time": "全年"},
            "items[0].expect.units[0]: '区民政局' is not in the text",
        ),
        (
            {"units": ["区府办 owner"], "time": "全年"},
            "items[0].expect.units[0]: role 'owner' not in ['lead', 'responsible', 'support']",
        ),
        (
            {"units": ["区府办"], "time": "全年"},
            "items[0].expect.units[0]: '区府办' is not 'unit role [kind]'",
        ),
        ({"units": [], "time": "6月底前"}, "items[0].expect: time '6月底前' is not in the text"),
        (
            {"units": [], "time": None, "measures": [{"units": [], "time": None}]},
            "items[0].expect: measures must list two or more measures",
        ),
    ],
)
def test_the_item_check_catches_its_fault(expect: dict[str, Any], problem: str) -> None:
    assert problem in check_item_forms(one_item(expect=expect))


def test_an_item_with_the_stores_punctuation_is_reported() -> None:
    problems = check_item_forms(
        one_item(text="4.组织培训。(责任单位:区府办、区司法局,完成时限:全年)")
    )
    assert "items[0]: text keeps the store's ASCII punctuation" in problems
