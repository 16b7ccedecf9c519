"""Where plans live: the shipped 2021 plan and those `gongkai plans add` copied, by id.

A plan is a directory with tasks.yaml and units.yaml (and, if the plan sets reply
time limits of its own, rules.yaml), plus the source document tasks.yaml names.
The shipped plan has the id `2021` and lives in the package; every other plan
lives in `settings.plans_dir()/ID`, its id the directory's name. An id is what
`--plan` and $GONGKAI_PLAN take; `all` is kept for `due --plan all`. A command
that names no plan reads the default plan `gongkai plans use ID` recorded in the
user's configuration (`io.config`), else the shipped plan.

Finding a plan by id only looks at directory names: no YAML is read and nothing
is validated, so `--plan ID` costs a `stat` or two on the way to the plan cache.

Every verb reads an id through `normal_id`, once: `--plan`, $GONGKAI_PLAN,
`plans add --id` and `plans remove` all mean the same plan by the same text
(' 2021' and '2021\n' are the shipped plan everywhere, so `plans remove` refuses
them as it refuses '2021').

A run that reads an installed plan holds a shared lock on its directory
(`flock`) until it ends; `plans remove` takes it exclusively before moving the
directory away, so a reader sees the whole plan or no plan, never half of one.
A directory in plans/ without a tasks.yaml is no plan and is not listed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.errors import UsageError, shown
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.settings import DATA_ENV, PLAN_ENV

TASKS_FILE = "tasks.yaml"
UNITS_FILE = "units.yaml"
RULES_FILE = "rules.yaml"
"""The plan's own reply time limits, if it sets any (statutory ones ship in the package)."""

_PACKAGE = Path(__file__).resolve().parent.parent

SHIPPED_ID = "2021"
"""The shipped plan's id, 沪府办〔2021〕21号: its year, as `plans add` would give it."""

ALL = "all"
"""`--plan all`: every installed plan at once (`due` only)."""

_ID_PUNCTUATION = frozenset("._-")


def normal_id(text: str) -> str:
    """The id `text` means: without the whitespace around it (a space, a tab, a line
    break, U+3000) that a copy and paste or a shell quote brings."""
    return text.strip()


def _valid_id(text: str) -> bool:
    """Whether `text` can be a plan id: 1 to 64 ASCII letters or digits, CJK characters
    (U+4E00 to U+9FFF), '.', '_' or '-', starting with a letter, digit or CJK character.

    Checked by hand rather than with a regular expression: a class with the CJK range
    costs about 5 ms to compile, on every `--plan ID` run.
    """
    return (
        0 < len(text) <= 64
        and text[0] not in _ID_PUNCTUATION
        and all(
            (char.isascii() and char.isalnum())
            or "\u4e00" <= char <= "\u9fff"
            or char in _ID_PUNCTUATION
            for char in text
        )
    )


class InstalledPlan(NamedTuple):
    """A plan by id, and the directory that holds it."""

    id: str
    directory: Path
    shipped: bool = False


def default_data_dir() -> Path:
    """The shipped plan's directory: inside the wheel, or data/ in a checkout."""
    bundled = _PACKAGE / "data"
    if (bundled / TASKS_FILE).is_file():
        return bundled
    return _PACKAGE.parent.parent / "data"


def installed() -> list[InstalledPlan]:
    """Every installed plan: the shipped one first, then the others by id.

    A directory without a tasks.yaml (left empty, or made by hand) is not a plan.
    Each listed plan is held (`_hold`) for the rest of the run, so none is removed
    while this run reads it; one removed meanwhile is not listed.
    """
    found = [InstalledPlan(SHIPPED_ID, default_data_dir(), shipped=True)]
    root = settings.plans_dir()
    try:
        with os.scandir(root) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.is_dir() and _valid_id(entry.name) and entry.name != SHIPPED_ID
            )
    except OSError:  # no plans directory yet: only the shipped plan
        names = []
    return found + [
        InstalledPlan(name, root / name)
        for name in names
        if (root / name / TASKS_FILE).exists() and _hold(root / name)
    ]


def ids() -> list[str]:
    """The ids of every installed plan, as `installed` orders them."""
    return [plan.id for plan in installed()]


def find(plan_id: str) -> InstalledPlan:
    """The installed plan with this id (see `normal_id`), or UsageError listing the
    installed ids. An installed plan is held for the rest of the run (`_hold`)."""
    wanted = normal_id(plan_id)
    if wanted == SHIPPED_ID:
        return InstalledPlan(SHIPPED_ID, default_data_dir(), shipped=True)
    if wanted == ALL:
        raise UsageError(
            _("--plan {all} answers only `due --unit`; give one plan's id here").format(all=ALL)
        )
    if _valid_id(wanted):
        directory = settings.plans_dir() / wanted
        if (directory / TASKS_FILE).exists() and _hold(directory):
            return InstalledPlan(wanted, directory)
    raise UsageError(
        _("no installed plan {plan_id} (installed: {value})").format(
            plan_id=shown(plan_id), value=", ".join(ids())
        )
    )


_held: dict[Path, int] = {}
"""The directories of the installed plans this run reads, and a descriptor of each."""


def _hold(directory: Path) -> bool:
    """Hold a shared lock on an installed plan's directory until this run ends; False if
    the directory is gone (`plans remove` moved it away before the lock was had).

    `plans remove` and `plans add --replace` take the lock exclusively (`exclusive`),
    so they wait for the runs reading the plan, and a run that starts meanwhile waits
    for them, then finds the plan gone, or holds the new one. No lock where the system
    has no flock (Windows): the plan is read as found.
    """
    if directory in _held:
        return True
    # `plans add --replace` swaps a new directory in while this run waited on the old
    # one's lock: the new one is then held instead (a few times over, at most).
    for _attempt in range(5):
        try:
            descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return False
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            _held[directory] = descriptor
            return True
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
            still_there = os.path.samestat(os.fstat(descriptor), os.stat(directory))
        except OSError:
            still_there = False
        if still_there:
            _held[directory] = descriptor
            return True
        os.close(descriptor)
    return False


@contextlib.contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """Hold an installed plan's directory exclusively: wait (up to the write lock's
    timeout) for the runs reading it to end, and keep new ones out meanwhile."""
    from gongkai_cli.io.files import LOCK_TIMEOUT_SECONDS

    descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            yield
            return
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise UsageError(
                        _(
                            "{directory}: gongkai commands have been reading this plan for "
                            "{seconds:g} s; try again when they end"
                        ).format(directory=directory, seconds=LOCK_TIMEOUT_SECONDS)
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)


def release(directory: Path) -> None:
    """Let go of a plan this run held (`plans remove` of a plan it listed)."""
    descriptor = _held.pop(directory, None)
    if descriptor is not None:
        os.close(descriptor)


def release_all() -> None:
    """Let go of every plan this run held: the run is over."""
    for directory in list(_held):
        release(directory)


def plan_directory(data_dir: Path | None = None, plan_id: str | None = None) -> Path:
    """The one decision on which plan to read: `data_dir` (--data) if given, else the
    installed plan `plan_id` (--plan), else the one $GONGKAI_DATA or $GONGKAI_PLAN
    names, else the default plan `gongkai plans use` set, else the shipped plan.

    The command line says which of its two options wins over the variables
    (cli/options.plan_choice); here both variables set at once are a usage error.
    """
    if data_dir is not None:
        return data_dir
    if plan_id is not None:
        return find(plan_id).directory
    data, named = settings.data_dir(), settings.plan_name()
    if data is not None and named is not None:
        raise UsageError(
            _("{data_env} and {plan_env} both name a plan: unset one").format(
                data_env=DATA_ENV, plan_env=PLAN_ENV
            )
        )
    if data is not None:
        return data
    if named is not None:
        return find(named).directory
    return find_default().directory


def find_default() -> InstalledPlan:
    """The plan commands read when nothing names one: the default plan `gongkai plans use`
    set (UsageError if it is no longer installed), else the shipped plan."""
    from gongkai_cli.io import config

    chosen = config.default_plan()
    if chosen is None:
        return InstalledPlan(SHIPPED_ID, default_data_dir(), shipped=True)
    try:
        return find(chosen)
    except UsageError:
        raise UsageError(
            _(
                "the default plan {plan_id} is not installed (installed: {value}); choose one "
                "with `gongkai plans use ID`, or give --plan ID"
            ).format(plan_id=shown(chosen), value=", ".join(ids()))
        ) from None


def default_id() -> str | None:
    """The id of the plan a command reads when no option names one: $GONGKAI_PLAN's, else
    the default plan's (`find_default`); None when $GONGKAI_DATA names a directory."""
    named = settings.plan_name()
    if named is not None:
        return normal_id(named)
    if settings.data_dir() is not None:
        return None
    from gongkai_cli.io import config

    chosen = config.default_plan()
    return normal_id(chosen) if chosen is not None else SHIPPED_ID


def check_id(plan_id: str) -> str:
    """The id `plan_id` means (`normal_id`) if it can name an installed plan, else
    UsageError."""
    plan_id = normal_id(plan_id)
    if plan_id == SHIPPED_ID or plan_id.casefold() == ALL:
        raise UsageError(
            _("the id {plan_id!r} is taken: {plan_id2}; choose another --id").format(
                plan_id=plan_id, plan_id2=_reserved(plan_id)
            )
        )
    return valid_id(plan_id)


def valid_id(plan_id: str) -> str:
    """`plan_id` (`normal_id`) if it can be a plan's id at all, else UsageError: what
    `import --id` accepts (an id of the shipped plan's year included)."""
    plan_id = normal_id(plan_id)
    if not _valid_id(plan_id):
        raise UsageError(
            _(
                "{plan_id} cannot be a plan id: use letters, digits, '.', '_' and '-' (at most "
                "64, starting with a letter or digit)"
            ).format(plan_id=shown(plan_id))
        )
    return plan_id


def _reserved(plan_id: str) -> str:
    """Why `plan_id` is taken. `all` in any case: `--plan ALL` would read as every plan."""
    if plan_id == SHIPPED_ID:
        return _("the shipped plan 沪府办〔2021〕21号")
    return _("it means every plan (`--plan all`)")
