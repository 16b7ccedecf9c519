"""Where plans live: the shipped 2021 plan and those `gongkai plans add` copied, by id.

A plan is a directory with tasks.yaml and units.yaml (and, if the plan sets reply
time limits of its own, rules.yaml), plus the source document tasks.yaml names.
The shipped plan has the id `2021` and lives in the package; every other plan
lives in `settings.plans_dir()/ID`, its id the directory's name. An id is what
`--plan` and $GONGKAI_PLAN take; `all` is kept for `due --plan all`.

Finding a plan by id only looks at directory names: no YAML is read and nothing
is validated, so `--plan ID` costs a `stat` or two on the way to the plan cache.
"""

from __future__ import annotations

import os
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
    """Every installed plan: the shipped one first, then the others by id."""
    found = [InstalledPlan(SHIPPED_ID, default_data_dir(), shipped=True)]
    try:
        with os.scandir(settings.plans_dir()) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.is_dir() and _valid_id(entry.name) and entry.name != SHIPPED_ID
            )
    except OSError:  # no plans directory yet: only the shipped plan
        names = []
    root = settings.plans_dir()
    return found + [InstalledPlan(name, root / name) for name in names]


def ids() -> list[str]:
    """The ids of every installed plan, as `installed` orders them."""
    return [plan.id for plan in installed()]


def find(plan_id: str) -> InstalledPlan:
    """The installed plan with this id, or UsageError listing the installed ids."""
    wanted = plan_id.strip()
    if wanted == SHIPPED_ID:
        return InstalledPlan(SHIPPED_ID, default_data_dir(), shipped=True)
    if wanted == ALL:
        raise UsageError(
            _("--plan {all} answers only `due --unit`; give one plan's id here").format(all=ALL)
        )
    if _valid_id(wanted):
        directory = settings.plans_dir() / wanted
        if (directory / TASKS_FILE).is_file():
            return InstalledPlan(wanted, directory)
    raise UsageError(
        _("no installed plan {plan_id} (installed: {value})").format(
            plan_id=shown(plan_id), value=", ".join(ids())
        )
    )


def plan_directory(data_dir: Path | None = None, plan_id: str | None = None) -> Path:
    """The one decision on which plan to read: `data_dir` (--data) if given, else the
    installed plan `plan_id` (--plan), else the one $GONGKAI_DATA or $GONGKAI_PLAN
    names, else the shipped plan.

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
    return default_data_dir()


def check_id(plan_id: str) -> str:
    """`plan_id` if it can name an installed plan, else UsageError."""
    if plan_id == SHIPPED_ID or plan_id.casefold() == ALL:
        raise UsageError(
            _("the id {plan_id!r} is taken: {plan_id2}; choose another --id").format(
                plan_id=plan_id, plan_id2=_reserved(plan_id)
            )
        )
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
