"""Loading a plan: find its data files, validate them, and cache the result.

`load_plan` is what every command calls. The first load of a data directory
validates its files with pydantic and the cross-file checks; the validated plan
is then cached as JSON (see io.cache) with a fingerprint of the files and of the
code that reads them, so later commands skip YAML parsing and pydantic entirely.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai_cli.errors import InvalidDataError, Problem, UsageError, os_reason, shown
from gongkai_cli.i18n import N_, _
from gongkai_cli.io import cache
from gongkai_cli.io.plans import RULES_FILE as RULES_FILE
from gongkai_cli.io.plans import TASKS_FILE as TASKS_FILE
from gongkai_cli.io.plans import UNITS_FILE as UNITS_FILE
from gongkai_cli.io.plans import default_data_dir as default_data_dir
from gongkai_cli.io.plans import plan_directory
from gongkai_cli.io.settings import DATA_ENV
from gongkai_cli.model.plan import Document, Task, Unit

if TYPE_CHECKING:
    from gongkai_cli.io.yamlio import YamlDocument


@dataclass(frozen=True, slots=True)
class Plan:
    """A validated plan: the document, its tasks in order, and its units."""

    data_dir: Path
    document: Document
    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]

    def task(self, seq: int) -> Task:
        """The task numbered `seq` (the source's 序号), or UsageError."""
        tasks = self.tasks
        if 1 <= seq <= len(tasks) and tasks[seq - 1].seq == seq:
            return tasks[seq - 1]  # numbered 1..N, as most plans are
        found = next((task for task in tasks if task.seq == seq), None)
        if found is not None:
            return found
        if tasks and all(task.seq == index for index, task in enumerate(tasks, 1)):
            raise UsageError(
                _("no task {seq}: the plan's tasks run 1..{tasks}").format(
                    seq=seq, tasks=len(tasks)
                )
            )
        raise UsageError(
            _("no task {seq}: the plan's tasks are numbered {numbers}").format(
                seq=seq, numbers=_numbers(tasks)
            )
        )


def _numbers(tasks: tuple[Task, ...]) -> str:
    """The tasks' numbers as runs: 3, 6-9, 12."""
    runs: list[list[int]] = []
    for seq in sorted(task.seq for task in tasks):
        if runs and seq == runs[-1][-1] + 1:
            runs[-1].append(seq)
        else:
            runs.append([seq])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def _read(path: Path) -> bytes:
    from gongkai_cli.errors import CannotReadError
    from gongkai_cli.io.files import read_bytes

    try:
        return read_bytes(path)
    except CannotReadError:
        # The hint is translated only when it is shown: translating it on every read
        # parsed the catalog on every run of the headline (about 1 ms).
        return read_bytes(path, _(" (is --data / {env} right?)").format(env=DATA_ENV))


def load_plan(data_dir: Path | None = None) -> Plan:
    """The validated plan in `data_dir` (None: as `io.plans.plan_directory` decides), or
    InvalidDataError."""
    directory = plan_directory(data_dir)
    tasks_path, units_path = directory / TASKS_FILE, directory / UNITS_FILE
    tasks_blob, units_blob = _read(tasks_path), _read(units_path)
    stamp = cache.fingerprint([(tasks_path, tasks_blob), (units_path, units_blob)])
    cache_path = cache.cache_file("plan", directory)
    cached = cache.load(cache_path, stamp, Plan)
    if cached is not None:
        return cached
    plan = _validate(directory, tasks_path, tasks_blob, units_path, units_blob)
    cache.store(cache_path, stamp, plan)
    return plan


def validate_plan(data_dir: Path | None = None) -> Plan:
    """Validate the plan in `data_dir` from scratch, ignoring any cache, with its own
    rules (rules.yaml, if it has one: see plan.own_rules)."""
    from gongkai_cli.plan.own_rules import plan_rules_problems

    directory = plan_directory(data_dir)
    tasks_path, units_path = directory / TASKS_FILE, directory / UNITS_FILE
    tasks_blob, units_blob = _read(tasks_path), _read(units_path)
    plan: Plan | None = None
    problems: list[Problem] = []
    try:
        plan = _validate(directory, tasks_path, tasks_blob, units_path, units_blob)
    except InvalidDataError as exc:
        problems += exc.problems
    rules_path = directory / RULES_FILE
    if rules_path.exists():  # a FIFO or a device there is refused, not skipped
        read = (plan.data_dir, plan.document, plan.tasks) if plan is not None else None
        problems += plan_rules_problems(rules_path, read)
    if problems or plan is None:
        raise InvalidDataError(problems)
    return plan


def _decode(path: Path, blob: bytes) -> tuple[str | None, list[Problem]]:
    try:
        return blob.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        from gongkai_cli.io.files import not_utf8

        return None, [not_utf8(path, blob, exc)]


NUL_REASON = N_("embedded null byte")
"""Python's reason a name with a NUL is no file name, which a message repeats."""


def _source_problem(source: Path, written: str) -> str | None:
    """Why the source document (`written` in tasks.yaml) cannot be read, or None."""
    import stat

    try:
        mode = source.stat().st_mode
    except ValueError as exc:  # a NUL character: no system call takes the name
        said = _(str(exc))  # Python's "embedded null byte", in the catalog (NUL_REASON)
        return _("{written} is not a file name: {exc}").format(written=shown(written), exc=said)
    except (FileNotFoundError, NotADirectoryError):
        return _("no such file: {source}").format(source=source)
    except OSError as exc:  # a name too long, a directory without permission
        return _("cannot read {source}: {value}").format(source=source, value=os_reason(exc))
    return None if stat.S_ISREG(mode) else _("no such file: {source}").format(source=source)


def _validate(
    directory: Path, tasks_path: Path, tasks_blob: bytes, units_path: Path, units_blob: bytes
) -> Plan:
    from gongkai_cli.io.yamlio import parse_yaml

    problems: list[Problem] = []
    docs = []
    for path, blob in ((tasks_path, tasks_blob), (units_path, units_blob)):
        text, found = _decode(path, blob)
        problems += found
        doc = None
        if text is not None:
            doc, found = parse_yaml(path, text)
            problems += found
        docs.append(doc)
    return validate_documents(directory, docs[0], docs[1], problems)


def validate_documents(
    directory: Path,
    tasks_doc: YamlDocument | None,
    units_doc: YamlDocument | None,
    problems: list[Problem] | None = None,
) -> Plan:
    """The plan that parsed tasks.yaml and units.yaml hold, or InvalidDataError.

    `problems` already found (a file that did not parse) are reported with the rest.
    `gongkai import` calls this with the documents it has just written.
    """
    from gongkai_cli.io.validation import validate_schema
    from gongkai_cli.model.files import TasksFile, UnitsFile
    from gongkai_cli.plan.units import UnitDirectory
    from gongkai_cli.plan.validation import check_named, check_tasks, check_units, complete_tasks

    problems = list(problems or [])
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
        trouble = _source_problem(source, tasks.document.source)
        if trouble:
            problems.append(tasks_doc.problem(("document", "source"), trouble))
        if units is not None:
            problems += check_tasks(tasks_doc, tasks, UnitDirectory(units.units))
    if tasks is not None and units is not None and tasks_doc is not None and units_doc is not None:
        problems += check_named(tasks_doc, units_doc, tasks, units)
    if problems or tasks is None or units is None:
        raise InvalidDataError(problems)
    return Plan(directory, tasks.document, complete_tasks(tasks), units.units)
