"""Loading a plan: find its data files, validate them, and cache the result.

`load_plan` is what every command calls. The first load of a data directory
validates its files with pydantic and the cross-file checks; the validated plan
is then pickled with a fingerprint of the files and of the code that reads them,
so later commands skip YAML parsing and pydantic entirely.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai_cli import __version__
from gongkai_cli.errors import InvalidDataError, UsageError
from gongkai_cli.models import Document, Task, TasksFile, Unit, UnitsFile

DATA_ENV = "GONGKAI_DATA"
CACHE_ENV = "GONGKAI_CACHE_DIR"
TASKS_FILE = "tasks.yaml"
UNITS_FILE = "units.yaml"

_PACKAGE = Path(__file__).resolve().parent
# The modules whose code shapes a loaded plan: a change to any of them is a new cache key.
_CODE = (
    "models.py",
    "validation.py",
    "timenodes.py",
    "assignments.py",
    "units.py",
    "yamlio.py",
    "plan.py",
)


@dataclass(frozen=True, slots=True)
class Plan:
    """A validated plan: the document, its tasks in order, and its units."""

    data_dir: Path
    document: Document
    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]

    def task(self, seq: int) -> Task:
        """The task numbered `seq`, or UsageError."""
        if 1 <= seq <= len(self.tasks):
            return self.tasks[seq - 1]
        raise UsageError(f"no task {seq}: the plan's tasks run 1..{len(self.tasks)}")


def default_data_dir() -> Path:
    """The data shipped with gongkai: inside the wheel, or data/ in a checkout."""
    bundled = _PACKAGE / "data"
    if (bundled / TASKS_FILE).is_file():
        return bundled
    return _PACKAGE.parent.parent / "data"


def resolve_data_dir(explicit: Path | None = None) -> Path:
    """The directory to load: `--data`, else $GONGKAI_DATA, else the shipped data."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else default_data_dir()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file (is --data / {DATA_ENV} right?)") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def _cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "gongkai"


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file (is --data / {DATA_ENV} right?)") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None


def _fingerprint(data: Iterable[tuple[Path, bytes]], code: Iterable[Path]) -> tuple[object, ...]:
    """What a cached plan is valid for: the version, the data files and the code reading them.

    A data file counts by its size, modification time and CRC-32 of its bytes, so
    an edit is seen even when a copy restores the old time (cp -p, rsync -t, tar);
    reading and checksumming the two files costs well under a millisecond. The
    code that shapes a plan counts by size and modification time, as .pyc files
    do, so an edited checkout never loads a plan its code would not have produced.
    """
    stamps: list[object] = [__version__]
    for path, blob in data:
        stat = _stat(path)
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns, zlib.crc32(blob)))
    for path in code:
        stat = _stat(path)
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _load_cached(path: Path, fingerprint: tuple[object, ...]) -> Plan | None:
    try:
        with path.open("rb") as handle:
            stored, plan = pickle.load(handle)
    except FileNotFoundError:
        return None
    # A cache file is only ever a shortcut: one that is unreadable or stale in any
    # way (truncated, written by another version) is ignored and rebuilt.
    except Exception:
        return None
    return plan if stored == fingerprint and isinstance(plan, Plan) else None


def _store_cached(path: Path, fingerprint: tuple[object, ...], plan: Plan) -> None:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump((fingerprint, plan), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # no writable cache directory: every load validates, which is only slower


def load_plan(data_dir: Path | None = None) -> Plan:
    """The validated plan in `data_dir` (see `resolve_data_dir`), or InvalidDataError."""
    directory = resolve_data_dir(data_dir)
    tasks_path, units_path = directory / TASKS_FILE, directory / UNITS_FILE
    tasks_blob, units_blob = _read_bytes(tasks_path), _read_bytes(units_path)
    fingerprint = _fingerprint(
        [(tasks_path, tasks_blob), (units_path, units_blob)], (_PACKAGE / name for name in _CODE)
    )
    name = f"plan-{zlib.crc32(str(directory.resolve()).encode()):08x}.pickle"
    cache_path = _cache_dir() / name
    cached = _load_cached(cache_path, fingerprint)
    if cached is not None:
        return cached
    plan = _validate(directory, tasks_path, tasks_blob, units_path, units_blob)
    _store_cached(cache_path, fingerprint, plan)
    return plan


def validate_plan(data_dir: Path | None = None) -> Plan:
    """Validate the plan in `data_dir` from scratch, ignoring any cache."""
    directory = resolve_data_dir(data_dir)
    tasks_path, units_path = directory / TASKS_FILE, directory / UNITS_FILE
    return _validate(
        directory, tasks_path, _read_bytes(tasks_path), units_path, _read_bytes(units_path)
    )


def _decode(path: Path, blob: bytes) -> tuple[str | None, list[str]]:
    try:
        return blob.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [f"{path}:1: the file is not UTF-8 ({exc.reason})"]


def _validate(
    directory: Path, tasks_path: Path, tasks_blob: bytes, units_path: Path, units_blob: bytes
) -> Plan:
    from gongkai_cli.units import UnitDirectory
    from gongkai_cli.validation import check_named, check_tasks, check_units, validate_schema
    from gongkai_cli.yamlio import parse_yaml

    problems: list[str] = []
    docs = []
    for path, blob in ((tasks_path, tasks_blob), (units_path, units_blob)):
        text, found = _decode(path, blob)
        problems += found
        doc = None
        if text is not None:
            doc, found = parse_yaml(path, text)
            problems += found
        docs.append(doc)
    tasks_doc, units_doc = docs
    tasks = units = None
    if tasks_doc is not None:
        tasks, found = validate_schema(tasks_doc, TasksFile)
        problems += found
    if units_doc is not None:
        units, found = validate_schema(units_doc, UnitsFile)
        problems += found
    if units is not None and units_doc is not None:
        problems += check_units(units_doc, units)
    if tasks is not None and tasks_doc is not None:
        source = directory / tasks.document.source
        if not source.is_file():
            problems.append(tasks_doc.problem(("document", "source"), f"no such file: {source}"))
        if units is not None:
            problems += check_tasks(tasks_doc, tasks, UnitDirectory(units.units))
    if tasks is not None and units is not None and tasks_doc is not None and units_doc is not None:
        problems += check_named(tasks_doc, units_doc, tasks, units)
    if problems or tasks is None or units is None:
        raise InvalidDataError(problems)
    return Plan(directory, tasks.document, tasks.tasks, units.units)
