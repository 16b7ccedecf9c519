"""Nothing injected: every command in every format, with hostile values wherever a user's
data reaches output (issue 20, must hold).

The values are placed in a plan (its title and 文号, unit names and notes, task names,
content and time nodes, decisions, targets, its rules), a progress file (notes,
evidence, values), a holidays file, reply-check inputs (ids, values, pass-through
headers, a date echoed in its reason; csv and xlsx), a source `gongkai import` reads
(whose draft the plan commands then read) and a unit's returned progress sheet. Each begins with a formula character and
carries an escape sequence that would retitle and clear a terminal, HTML, a CR and a \\v.

For every command the walker finds (cli/app.command_tree), in every format its
--format offers or the one it writes (`FIXED`; a new command or format is covered, or
fails `test_every_command_has_its_scenarios`), the output must hold, on stdout or in
the files the command writes:

- csv and xlsx: no cell starts with a live formula character (a csv cell gets a
  leading ', an xlsx cell is a string marked quotePrefix), unless --raw; no xlsx cell
  is a formula at all, --raw or not;
- no control character anywhere but a format's own line breaks (tab, LF and CR in csv
  and xlsx cells, CRLF ending ics lines, LF elsewhere), stderr included;
- md: no raw CR (a row stays one line) and no HTML tag but its own <br>; html: no
  `<script` from the data;
- json and jsonl: valid JSON, the data verbatim (escaped by JSON itself).

And the data is really there: a scenario marked as showing it must print some of it
(sanitised), so a check cannot pass on an empty output.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from conftest import Gongkai
from gongkai_cli.cli.app import command_tree
from gongkai_cli.model.roundtrip import EVIDENCE_HEADER, NOTE_HEADER, STATUS_HEADER
from gongkai_cli.render.sanitise import is_formula

PLANS = Path(__file__).resolve().parent / "plans"
TODAY = "2025-06-15"

ESC = "\x1b]0;pwned\x07\x1b[2J"  # retitle the terminal, then clear the screen
HTML = "<script>alert(1)</script>"


def hostile(start: str, word: str) -> str:
    """A value beginning with `start` (a formula character) and carrying the rest."""
    return f"{start}{word}{HTML}{ESC}\r续\v"


# Unit names must survive the 责任单位 reader whole, so they carry less.
UNIT = "=cmd|' /C calc'!A0局<script>\x1b[2J\x07"
UNIT2 = "-2+3局<i>\x1b[2J"
NUMBER = "@文号" + ESC
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MARKERS = ("pwned", "calc", "script", "HYPERLINK", "[2J")
"""What of the hostile values survives, sanitised, in any output that shows them."""


# -- the hostile world -----------------------------------------------------------------


def _plan(out: Path) -> Path:
    shutil.copytree(PLANS / "mini-2025", out)
    tasks = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))
    document = tasks["document"]
    document["title"] = hostile("+", "标题")
    document["number"] = NUMBER
    first, second = tasks["tasks"]
    first["name"] = hostile("=", 'HYPERLINK("http://evil")')
    first["content"] = hostile("@", "SUM(1+1)")
    first["responsible"] = UNIT
    first["assignments"] = [{"unit": UNIT, "role": "responsible"}]
    first["time_node"] = hostile("-", "6月底前")
    first["decisions"] = [
        {"field": "time_node", "value": "6月底前", "reason": hostile("\r", "理由")},
        {"field": "name", "value": hostile("\t", "值"), "reason": hostile("-", "理由")},
    ]
    first["targets"] = [
        {
            "id": "rate",
            "metric": hostile("=", "指标"),
            "comparison": ">=",
            "threshold": 60,
            "unit": "%",
            "quote": "SUM(1+1)",
        }
    ]
    second["name"] = hostile("+", "办理")
    second["content"] = hostile("-", second["content"])  # keeps the rule's quote in it
    second["responsible"] = UNIT2
    second["assignments"] = [{"unit": UNIT2, "role": "responsible"}]
    _dump(out / "tasks.yaml", tasks)
    units = yaml.safe_load((out / "units.yaml").read_text(encoding="utf-8"))
    units["units"][0].update(name=UNIT, full_name=hostile("-", "全称"), note=hostile("@", "备注"))
    units["units"][1]["name"] = UNIT2
    _dump(out / "units.yaml", units)
    rules = yaml.safe_load((out / "rules.yaml").read_text(encoding="utf-8"))
    rules["sources"]["plan"] = rules["sources"]["plan"].replace("测试〔2025〕1号", NUMBER)
    rule = rules["rules"][0]
    rule["basis"] = rule["basis"].replace("测试〔2025〕1号", NUMBER)
    rule["name"] = "=咨询<b>答复</b>" + ESC
    rule["aliases"] = ["@网上咨询" + HTML + ESC]  # an alias has no trailing space (\v)
    _dump(out / "rules.yaml", rules)
    return out


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _progress(path: Path) -> Path:
    entries = [
        {
            "seq": 1,
            "unit": UNIT,
            "status": "done",
            "completed": "2025-06-01",
            "evidence": hostile("=", 'HYPERLINK("http://evil")'),
            "note": hostile("@", "备注"),
            "values": {"rate": 50},
        },
        {"seq": 2, "unit": UNIT2, "status": "in_progress", "note": hostile("\t", "进展")},
    ]
    _dump(path, {"plan": NUMBER, "entries": entries})
    return path


def _holidays(path: Path) -> Path:
    year = {
        "source": hostile("+", "通知"),
        "holidays": [{"name": hostile("=", "元旦"), "first": "2025-01-01"}],
        "makeup_workdays": [{"date": "2025-01-26", "name": hostile("-", "春节")}],
    }
    _dump(path, {"years": {2025: year}})
    return path


HEADER = f'=HYPERLINK("http://evil"){HTML}'
CASES = [
    ["id", "received", "replied", HEADER, "备注"],
    ["=cmd|' /C calc'!A0\x1b[2J", "2025-06-02", "2025-06-04", f"@SUM(1){ESC}", "\t备注\r续"],
    ["-5", "2025-06-02", "2025-06-30", "+x", "<b>加粗</b>"],
    ["ok", "=1+1\x1b[2J", "2025-06-03", "a", "b"],
]


def _cases_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(CASES)
    return path


def _cases_xlsx(path: Path) -> Path:
    # A workbook holds no control characters: its hostile cells are formulas and HTML,
    # written as text (as a spreadsheet keeps a cell typed '=…).
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in CASES:
        sheet.append([re.sub(r"[\x00-\x1f]", "", value) for value in row])
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"
    book.save(path)
    return path


IMPORTED = [
    ["序号", "工作任务", "具体要求", "责任单位", "完成时限"],
    ["1", hostile("=", 'HYPERLINK("http://evil")'), hostile("@", "SUM(1+1)"), UNIT, "6月底前"],
    ["2", hostile("+", "名称"), hostile("-", "要求"), "市教委", "全年"],
]


def _source(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(IMPORTED)
    return path


@pytest.fixture(scope="module")
def world(
    gongkai: Gongkai, tmp_path_factory: pytest.TempPathFactory, plan_cache: Path
) -> dict[str, str]:
    base = tmp_path_factory.mktemp("hostile")
    paths = {
        "plan": _plan(base / "plan"),
        "progress": _progress(base / "progress.yaml"),
        "holidays": _holidays(base / "holidays.yaml"),
        "cases": _cases_csv(base / "cases.csv"),
        "cases_xlsx": _cases_xlsx(base / "cases.xlsx"),
        "source": _source(base / "source.csv"),
        "draft": base / "draft",
        "returned": base / "returned.xlsx",
    }
    env = {"GONGKAI_TODAY": TODAY, "GONGKAI_CACHE_DIR": str(plan_cache), "GONGKAI_LANG": "en"}
    for args in (
        ["validate", "--data", str(paths["plan"])],
        ["import", str(paths["source"]), "--out", str(paths["draft"]), "--year", "2025"],
        ["validate", "--data", str(paths["draft"])],
        ["progress", "template", "--unit", UNIT, "--data", str(paths["plan"])]
        + ["-o", str(paths["returned"])],
    ):
        result = gongkai(*args, env=env)
        assert result.exit_code == 0, result.output  # the hostile data is valid data
    _fill_in(paths["returned"])
    return {name: str(path) for name, path in paths.items()}


def _fill_in(template: Path) -> None:
    """The unit's returned sheet: its first row filled in with hostile text (a workbook
    holds no control characters, so formulas and HTML, typed as text)."""
    book = load_workbook(template)
    sheet = book.active
    assert sheet is not None
    column = {cell.value: cell.column for cell in sheet[3]}
    for header, value in (
        (STATUS_HEADER, "进行中"),
        (EVIDENCE_HEADER, f'=HYPERLINK("http://evil"){HTML}'),
        (NOTE_HEADER, "@SUM(1)<b>加粗</b>"),
    ):
        cell = sheet.cell(4, column[header])
        cell.value = value
        cell.data_type = "s"
    book.save(template)


# -- what each command runs with -------------------------------------------------------


class Scenario(NamedTuple):
    """A command line ({name} filled from the world and the test's tmp), whether its
    output shows the hostile data (True, or in which formats), whether its csv or xlsx
    has a cell beginning with a formula character for --raw to keep, and commands run
    before it (their output unchecked)."""

    args: list[str]
    shows: bool | frozenset[str] = True
    setup: tuple[list[str], ...] = ()
    raw_formula: bool = True
    output: str | None = None
    """Where the command writes its output instead of stdout: a file, or a directory
    whose every file is checked."""

    def showing(self, fmt: str | None) -> bool:
        return self.shows if isinstance(self.shows, bool) else fmt in self.shows


TABLE_ONLY = frozenset({"table"})  # the json of these names the rule by its id only


PLAN = ["--data", "{plan}"]
SCENARIOS: dict[str, list[Scenario]] = {
    "due": [
        Scenario(["due", "--unit", UNIT, *PLAN, "-p", "{progress}"]),
        Scenario(["due", "--unit", UNIT2, *PLAN, "--within", "12m"]),
        Scenario(["due", "--unit", UNIT, "--data", "{draft}"]),
    ],
    "owes": [
        Scenario(["owes", *PLAN]),
        Scenario(["owes", "--unit", UNIT, *PLAN], shows=False),  # counts by month
        Scenario(["owes", "--data", "{draft}"]),
    ],
    "tasks": [Scenario(["tasks", "--long", *PLAN]), Scenario(["tasks", "--data", "{draft}"])],
    "show": [Scenario(["show", "1", *PLAN]), Scenario(["show", "1", "--data", "{draft}"])],
    "units": [Scenario(["units", *PLAN]), Scenario(["units", "--data", "{draft}"])],
    "validate": [
        Scenario(["validate", *PLAN], shows=False),
        Scenario(["validate", "--data", "{broken}"]),
    ],
    "schema": [Scenario(["schema"], shows=False)],
    "import": [
        # The review points quote the cells inside their sentences, never first.
        Scenario(
            ["import", "{source}", "--out", "{tmp}/draft", "--year", "2025"], raw_formula=False
        )
    ],
    "plans": [Scenario(["plans"], setup=(["plans", "add", "{plan}", "--id", "hostile"],))],
    "plans add": [Scenario(["plans", "add", "{plan}", "--id", "hostile"])],
    "plans remove": [Scenario(["plans", "remove", "=x\x1b[2J<script>"])],
    "plans use": [
        Scenario(["plans", "use", "=x\x1b[2J<script>"]),
        Scenario(
            ["plans", "use", "hostile"], setup=(["plans", "add", "{plan}", "--id", "hostile"],)
        ),
    ],
    "progress set": [
        Scenario(
            [
                "progress",
                "set",
                "--create",
                "2",
                "--unit",
                UNIT2,
                "--note",
                hostile("=", "备注"),
                *PLAN,
            ]
            + ["--evidence", hostile("+", "证据"), "-p", "{tmp}/progress.yaml"]
        )
    ],
    "progress show": [Scenario(["progress", "show", "-p", "{progress}", *PLAN])],
    "progress template": [
        Scenario(
            ["progress", "template", "--unit", UNIT, "-p", "{progress}", *PLAN]
            + ["-o", "{tmp}/template.xlsx"],
            output="{tmp}/template.xlsx",
        ),
        Scenario(
            ["progress", "template", "--all-units", *PLAN, "-o", "{tmp}/templates"],
            output="{tmp}/templates",
        ),
    ],
    "progress rekey": [Scenario(["progress", "rekey", "-p", "{progress}", *PLAN, "--dry-run"])],
    "progress import": [
        Scenario(["progress", "import", "{returned}", "-p", "{tmp}/ledger.yaml", *PLAN])
    ],
    "overdue": [Scenario(["overdue", "-p", "{progress}", *PLAN, "--as-of", "2025-07-15"])],
    "report": [
        Scenario(["report", "-p", "{progress}", *PLAN, "--as-of", "2025-07-15"]),
        Scenario(["report", "-p", "{progress}", *PLAN, "--unit", UNIT, "--as-of", "2025-07-15"]),
    ],
    "lint": [
        Scenario(["lint", *PLAN], raw_formula=False),
        Scenario(["lint", "--data", "{draft}"], shows=False),
    ],
    "rules": [Scenario(["rules", *PLAN])],
    "deadline": [
        Scenario(["deadline", "--from", "2025-06-03", "--rule", "consult", *PLAN], TABLE_ONLY)
    ],
    "holidays": [Scenario(["holidays", "--year", "2025", "--holidays", "{holidays}"])],
    "reply-check": [
        Scenario(["reply-check", "--file", "{cases}", "--rule", "consult", *PLAN]),
        Scenario(["reply-check", "--file", "{cases_xlsx}", "--rule", "consult", *PLAN]),
        Scenario(["reply-check", "--file", "{cases}", "--rule", "consult", "--group-by", "备注"]),
        Scenario(
            ["reply-check", "--received", "2025-06-03", "--rule", "consult", *PLAN],
            TABLE_ONLY,
            raw_formula=False,
        ),
        Scenario(["reply-check", "--received", "=1+1\x1b[2J", "--rule", "consult"]),
    ],
    "calendar": [
        Scenario(["calendar", "--month", "2025-06", "--unit", UNIT, *PLAN]),
        Scenario(["calendar", "--month", "2025-01", *PLAN, "--holidays", "{holidays}"]),
    ],
}
# A plan whose problems quote the data: `validate` lists them on stderr.
BROKEN_UNIT = {
    "name": "多余" + ESC + "<script>局",
    "full_name": None,
    "kind": "district_department",
}

TREE = command_tree()
PATHS = [path for path, command in TREE.items() if not hasattr(command, "list_commands")]


def _command(path: str) -> Any:
    return TREE[path]


FIXED = {"progress template": "xlsx"}
"""The format of a command that writes one format only, and has no --format."""


def has_format(path: str) -> bool:
    return any("--format" in getattr(param, "opts", ()) for param in _command(path).params)


def formats(path: str) -> list[str | None]:
    """The formats `path` writes: those its --format offers, as the command declares
    them, or its one format; [None] for a command that writes text for people only."""
    for param in _command(path).params:
        if "--format" in getattr(param, "opts", ()):
            return list(param.type.choices)
    return [FIXED.get(path)]


def has_raw(path: str) -> bool:
    return any("--raw" in getattr(param, "opts", ()) for param in _command(path).params)


def flags(path: str, fmt: str | None) -> list[str]:
    return ["-f", fmt] if fmt and has_format(path) else []


KNOWN: dict[tuple[str, int], str] = {}
"""Cases that fail for a defect another part of issue 20 fixes, with the reason: strict
xfails, so that the fix lands with its entry removed."""


def _cases() -> Iterator[Any]:
    for path in PATHS:
        for number in range(len(SCENARIOS.get(path, []))):
            known = KNOWN.get((path, number))
            marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
            for fmt in formats(path):
                name = f"{path}-{number}-{fmt or 'plain'}"
                yield pytest.param(path, number, fmt, id=name, marks=marks)


# -- the checks ------------------------------------------------------------------------


def controls(text: str, allowed: str) -> list[str]:
    return sorted({c for c in CONTROLS.findall(text) if c not in allowed})


def check_xlsx(blob: bytes, raw: bool) -> str:
    """The workbook's text, after checking that no cell is live (see the docstring)."""
    book = load_workbook(io.BytesIO(blob))
    texts = []
    for sheet in book:
        assert controls(sheet.title, "") == []
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert controls(cell.value, "\t\n\r") == [], (cell.coordinate, cell.value)
                    if is_formula(cell.value):
                        assert cell.data_type == "s"
                        assert cell.quotePrefix is not raw, (cell.coordinate, cell.value)
    return "\n".join(texts)


def check_csv(text: str, raw: bool) -> list[list[str]]:
    assert controls(text, "\t\n\r") == []
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not raw:
        live = [cell for row in rows for cell in row if is_formula(cell)]
        assert live == []
    return rows


def check(fmt: str | None, stdout: bytes, stderr: str, raw: bool = False) -> str:
    """Check one output; return its text, for the markers."""
    assert controls(stderr, "\n") == []
    if fmt == "xlsx" and stdout[:2] == b"PK":
        return check_xlsx(stdout, raw)
    text = stdout.decode("utf-8")
    if fmt == "csv":
        check_csv(text, raw)
    elif fmt == "ics":
        lines = text.split("\r\n")
        assert all(controls(line, "") == [] for line in lines)
        if text:
            from icalendar import Calendar

            Calendar.from_ical(text)
    elif fmt == "md":
        assert controls(text, "\n") == []
        assert "<" not in text.replace("<br>", "")
        table_rows = [line for line in text.split("\n") if line.startswith("|")]
        assert all(line.endswith("|") for line in table_rows)
    elif fmt == "html":
        assert controls(text, "\n\t") == []
        assert "<script" not in text.lower()
        assert "<b>加粗" not in text and "<i>" not in text
    elif fmt == "json" and text:
        assert controls(text, "\n") == []
        json.loads(text)
    elif fmt == "jsonl":
        assert controls(text, "\n") == []
        for line in text.splitlines():
            json.loads(line)
    else:  # a table, or a command's plain text
        assert controls(text, "\n") == []
    return text


def _fill(args: list[str], world: dict[str, str], tmp_path: Path) -> list[str]:
    names = {**world, "tmp": str(tmp_path), "broken": str(tmp_path / "broken")}
    return [re.sub(r"\{(\w+)\}", lambda m: names.get(m.group(1), m.group(0)), a) for a in args]


def _broken(tmp_path: Path, world: dict[str, str]) -> None:
    broken = tmp_path / "broken"
    if broken.exists():
        return
    shutil.copytree(world["plan"], broken)
    units = yaml.safe_load((broken / "units.yaml").read_text(encoding="utf-8"))
    units["units"].append(BROKEN_UNIT)
    _dump(broken / "units.yaml", units)


def play(
    gongkai: Gongkai, world: dict[str, str], tmp_path: Path, scenario: Scenario, extra: list[str]
) -> Any:
    """The scenario's set-up, then the scenario with `extra`, in the hostile world."""
    _broken(tmp_path, world)
    env = {"GONGKAI_TODAY": TODAY}
    for setup in scenario.setup:
        done = gongkai(*_fill(setup, world, tmp_path), env=env)
        assert done.exit_code == 0, done.output
    result = gongkai(*_fill(scenario.args, world, tmp_path) + extra, env=env)
    assert result.exit_code in (0, 1, 2, 3, 4), result.output
    return result


def _files(scenario: Scenario, world: dict[str, str], tmp_path: Path) -> list[bytes]:
    """What the command wrote to its output file or directory."""
    if scenario.output is None:
        return []
    where = Path(_fill([scenario.output], world, tmp_path)[0])
    if where.is_dir():
        return [path.read_bytes() for path in sorted(where.iterdir())]
    return [where.read_bytes()] if where.exists() else []


def outputs(scenario: Scenario, result: Any, world: dict[str, str], tmp_path: Path) -> list[bytes]:
    """What to check: stdout, or the files the command wrote instead."""
    return _files(scenario, world, tmp_path) or [result.stdout_bytes]


# -- the tests -------------------------------------------------------------------------


def test_every_command_has_its_scenarios() -> None:
    # `plans` is a group that also lists the plans itself.
    assert sorted(SCENARIOS) == sorted([*PATHS, "plans"])


@pytest.mark.parametrize("path", [*PATHS, "plans"])
def test_raw_exactly_where_csv_or_xlsx_is_written(path: str) -> None:
    # An option accepted and ignored is a defect: --raw is on a command iff it can write
    # a format with formulas to neutralise.
    assert has_raw(path) is bool({"csv", "xlsx"} & set(formats(path)))


@pytest.mark.parametrize(("path", "number", "fmt"), list(_cases()))
def test_no_output_carries_a_live_formula_an_escape_or_html(
    gongkai: Gongkai,
    world: dict[str, str],
    tmp_path: Path,
    path: str,
    number: int,
    fmt: str | None,
) -> None:
    scenario = SCENARIOS[path][number]
    result = play(gongkai, world, tmp_path, scenario, flags(path, fmt))
    written = outputs(scenario, result, world, tmp_path)
    shown = "\n".join(check(fmt, blob, result.stderr) for blob in written)
    if scenario.showing(fmt) and result.exit_code in (0, 1) and any(written):
        assert any(marker in shown for marker in MARKERS), shown[:500]
    if scenario.shows and result.exit_code == 3:  # invalid data, each problem quoting it
        assert any(marker in result.stderr for marker in MARKERS)


def _raw_cases() -> Iterator[Any]:
    for case in _cases():
        path, number, fmt = case.values
        if fmt in ("csv", "xlsx"):
            name = f"{path}-{number}-{fmt}-raw"
            yield pytest.param(path, number, fmt, id=name, marks=case.marks)


@pytest.mark.parametrize(("path", "number", "fmt"), list(_raw_cases()))
def test_raw_writes_formulas_as_they_are_and_nothing_else(
    gongkai: Gongkai,
    world: dict[str, str],
    tmp_path: Path,
    path: str,
    number: int,
    fmt: str,
) -> None:
    scenario = SCENARIOS[path][number]
    result = play(gongkai, world, tmp_path, scenario, [*flags(path, fmt), "--raw"])
    written = outputs(scenario, result, world, tmp_path)
    for blob in written:
        check(fmt, blob, result.stderr, raw=True)
    if scenario.raw_formula and scenario.showing(fmt) and result.exit_code in (0, 1):
        if fmt == "csv":
            rows = check_csv(written[0].decode(), raw=True)
            assert any(is_formula(cell) for row in rows for cell in row)
        else:
            books = [load_workbook(io.BytesIO(blob)) for blob in written]
            cells = [c for book in books for s in book for row in s.iter_rows() for c in row]
            assert any(isinstance(c.value, str) and is_formula(c.value) for c in cells)


@pytest.mark.parametrize("path", [p for p in [*PATHS, "plans"] if has_raw(p)])
def test_raw_is_refused_with_every_other_format(
    gongkai: Gongkai, world: dict[str, str], tmp_path: Path, path: str
) -> None:
    scenario = SCENARIOS[path][0]
    for fmt in formats(path):
        if fmt in ("csv", "xlsx") or fmt is None:
            continue
        result = play(gongkai, world, tmp_path, scenario, ["-f", fmt, "--raw"])
        scenario = scenario._replace(setup=())  # done once
        if path == "reply-check" and fmt == "jsonl":
            assert result.exit_code == 2
        else:
            assert (result.exit_code, result.stderr) == (
                2,
                f"Error: --raw is for csv and xlsx, not {fmt}\n",
            )


def test_the_hostile_values_are_read_verbatim(gongkai: Gongkai, world: dict[str, str]) -> None:
    # json is data: what the plan holds comes out as it is, so the other formats were
    # given the hostile values and not something a loader had already cleaned.
    result = gongkai("show", "1", "--data", world["plan"], "-f", "json")
    assert result.exit_code == 0, result.output
    task = json.loads(result.stdout)
    assert task["name"] == hostile("=", 'HYPERLINK("http://evil")')
    assert task["content"] == hostile("@", "SUM(1+1)")
