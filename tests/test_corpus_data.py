"""The shape of the real-plan test data in tests/data/ (issues 17 and 18).

tests/data/duty_cells.yaml holds real 责任单位 cells with hand readings. The readers are tested
against it elsewhere; this file only checks that the data is well formed, so that a typo in a
reading (a unit that is not in its cell, a role outside the closed set, a cell pointing at no
source) fails here, with the line that is wrong, instead of as a puzzling reader failure.

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

LEVELS = {"province", "city", "district", "county", "street", "town", "department"}
ROLES = {"lead", "responsible", "support"}

SOURCE_REQUIRED = {"id", "title", "url", "place", "level", "taken"}
SOURCE_OPTIONAL = {"issuer", "number", "copy", "folder", "year"}
CELL_REQUIRED = {"source", "where", "cell", "reading", "notes", "decisions"}
CELL_OPTIONAL = {"standing_rule"}
READING_REQUIRED = {"unit", "role"}
READING_OPTIONAL = {"collective", "open"}

# "人社局 -> 县人社局 (elided shared prefix 县)": the written text, then the expanded unit.
EXPANSION = re.compile(r"^(?P<written>\S+) -> (?P<unit>\S+)")

Problems = list[str]


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


@pytest.fixture(scope="module")
def duty_cells() -> Any:
    return load(DUTY_CELLS)


def test_duty_cells_are_well_formed(duty_cells: Any) -> None:
    assert check_duty_cells(duty_cells) == []


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
