"""Runs one entry of the recorded corpus (tests/corpus/*.json) and says what it printed.

The corpus pins gongkai's behaviour while its insides change: for each command, the
exact stdout, stderr and exit code, and the files it wrote. tests/test_corpus.py
replays every entry and compares; tools/record_corpus.py records new or chosen
entries. Both run an entry through `run_entry` here, so they see the same thing.

An entry is a JSON object:

- `id`: unique, stable, e.g. `due/unit-市教委-before`; `args`: the command line
  after `gongkai`;
- `env` (optional): variables set for the run, on top of the isolated defaults
  below; `{"GONGKAI_LANG": "en"}` for English (Chinese, the default, otherwise);
- `files` (optional): `{name in the working directory: path in the repository}`,
  files or directories copied in before the run; a name ending in `.xlsx` whose
  source ends in `.csv` is written as a workbook of that csv's rows;
- `setup` (optional): command lines run first (e.g. `plans add ...`), each must
  exit 0; their output is not recorded;
- `stdin` (optional): a repository path fed to standard input;
- `collect` (optional): files or directories in the working directory whose
  content after the run is recorded (`-o FILE`, `progress set`, `import --out`);
- recorded: `exit`, `stdout` and `stderr` (lists of lines: joined with "\\n" they
  are the exact text), `written` (the collected files).

An .xlsx (on stdout or collected) is recorded as its cell values, sheet by sheet,
since its bytes hold the time it was written. Paths that differ between machines
are written as `$TMP` (the working directory) and `$DATA` (the shipped plan).
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from conftest import run_gongkai
from gongkai_cli.io import settings
from gongkai_cli.io.plans import default_data_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TODAY = "2021-06-15"
RECORDED = ("exit", "stdout", "stderr", "written")

Entry = dict[str, Any]


def families() -> list[Path]:
    """The corpus files, one per command family, in name order."""
    return sorted(CORPUS.glob("*.json"))


def load(path: Path) -> list[Entry]:
    entries: list[Entry] = json.loads(path.read_text(encoding="utf-8"))
    return entries


def dump(path: Path, entries: list[Entry]) -> None:
    """Write a family file: one JSON array, each output line on a line of its own."""
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@contextmanager
def _environment(work: Path, cache: Path, env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    cwd = Path.cwd()
    try:
        for name in settings.VARIABLES:
            os.environ.pop(name, None)
        os.environ.update(
            {
                "GONGKAI_TODAY": TODAY,
                "GONGKAI_CACHE_DIR": str(cache),
                "GONGKAI_DATA_HOME": str(work / "data-home"),
                "GONGKAI_CONFIG_HOME": str(work / "config-home"),
                "XDG_CACHE_HOME": str(work / "xdg-cache"),
                "XDG_DATA_HOME": str(work / "xdg-data"),
                "XDG_CONFIG_HOME": str(work / "xdg-config"),
                "COLUMNS": "80",
            }
        )
        os.environ.update(env)
        os.chdir(work)
        yield
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)


def _csv_to_xlsx(source: Path, target: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(target)


def _copy_in(work: Path, files: dict[str, str]) -> None:
    for name, source in files.items():
        origin = ROOT / source
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target)
        elif name.endswith(".xlsx") and source.endswith(".csv"):
            _csv_to_xlsx(origin, target)
        else:
            shutil.copyfile(origin, target)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def xlsx_dump(data: bytes) -> list[str]:
    """A workbook as lines: each sheet's name, then each row's cell values as JSON."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    lines: list[str] = []
    for sheet in book.worksheets:
        lines.append(f"[sheet {sheet.title}]")
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = _cell(cell.value)
                if value is not None and cell.number_format != "General":
                    value = [value, cell.number_format]
                cells.append(value)
            lines.append(json.dumps(cells, ensure_ascii=False))
    return lines


def _lines(data: bytes, paths: dict[str, str]) -> list[str]:
    if data.startswith(b"PK\x03\x04"):
        try:
            return ["[xlsx]", *xlsx_dump(data)]
        except Exception:  # not a workbook after all: record its bytes
            return ["[base64]", base64.b64encode(data).decode("ascii")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ["[base64]", base64.b64encode(data).decode("ascii")]
    for actual, placeholder in paths.items():
        text = text.replace(actual, placeholder)
    return text.split("\n")


def _collect(work: Path, names: list[str], paths: dict[str, str]) -> dict[str, list[str]]:
    written: dict[str, list[str]] = {}
    for name in names:
        target = work / name
        if target.is_dir():
            for file in sorted(p for p in target.rglob("*") if p.is_file()):
                written[file.relative_to(work).as_posix()] = _lines(file.read_bytes(), paths)
        elif target.exists():
            written[name] = _lines(target.read_bytes(), paths)
        else:
            written[name] = ["[missing]"]
    return written


def run_entry(entry: Entry, work: Path, cache: Path) -> Entry:
    """Run the entry in the empty directory `work`; its recorded fields as they come out now."""
    _copy_in(work, entry.get("files", {}))
    paths = {str(default_data_dir()): "$DATA", str(work): "$TMP"}
    with _environment(work, cache, entry.get("env", {})):
        for setup in entry.get("setup", []):
            done = run_gongkai(*setup)
            if done.exit_code != 0:
                raise AssertionError(f"setup {setup} exited {done.exit_code}: {done.stderr}")
        stdin = (ROOT / entry["stdin"]).read_bytes() if "stdin" in entry else None
        result = run_gongkai(*entry["args"], input=stdin)
    outcome: Entry = {
        "exit": result.exit_code,
        "stdout": _lines(result.stdout_bytes, paths),
        "stderr": _lines(result.stderr_bytes, paths),
    }
    if "collect" in entry:
        outcome["written"] = _collect(work, entry["collect"], paths)
    return outcome
