"""Listing, installing, choosing and removing plans: `gongkai plans [add DIR | use ID |
remove ID]`.

A plan is installed whole or not at all: its files are copied into a temporary
directory beside the target and renamed into place, and two `add`s of one id
cannot both succeed. Only the files the plan is made of are copied (`files_of`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from gongkai_cli.errors import UsageError, os_reason
from gongkai_cli.i18n import _
from gongkai_cli.io import settings
from gongkai_cli.io.files import locked, replace_directory
from gongkai_cli.io.plans import (
    RULES_FILE,
    SHIPPED_ID,
    TASKS_FILE,
    UNITS_FILE,
    InstalledPlan,
    check_id,
    exclusive,
    find,
    installed,
    normal_id,
    release,
)
from gongkai_cli.plan.load import Plan, load_plan
from gongkai_cli.plan.units import UnitDirectory


def catalogue() -> list[tuple[InstalledPlan, Plan]]:
    """Every installed plan with its validated contents (from the plan cache when warm)."""
    return [(entry, load_plan(entry.directory)) for entry in installed()]


def elsewhere(besides: Path) -> Callable[[str], str | None]:
    """How to name a unit the plan in `besides` lacks: the line saying which other
    installed plans list it and the --plan that reads one ("区府办 在计划 2025 中：加
    --plan 2025"), or None when none does. The other plans are read (from the plan
    cache) only when a unit is not found; one that does not load is passed over."""

    def look(query: str) -> str | None:
        from gongkai_cli.errors import GongkaiError, UnknownUnitError

        here = besides.resolve()
        found: list[tuple[str, str]] = []
        for entry in installed():
            if entry.directory.resolve() == here:
                continue
            try:
                units = UnitDirectory(load_plan(entry.directory).units)
                unit = units.resolve(query)
            except UnknownUnitError:
                continue
            except GongkaiError:  # a plan that does not load names nothing
                continue
            if units.listed(unit):
                found.append((entry.id, unit.name))
        if not found:
            return None
        return _("{name} is in plan {plans}: add --plan {plan_id}").format(
            name=found[0][1],
            plans=", ".join(plan_id for plan_id, _name in found),
            plan_id=found[0][0],
        )

    return look


def files_of(plan: Plan) -> list[Path]:
    """The files a plan is made of, relative to its directory: what `add` copies.

    The source document must lie inside the directory, so the copy is whole.
    """
    directory = plan.data_dir.resolve()
    source = (plan.data_dir / plan.document.source).resolve()
    if not source.is_relative_to(directory):
        raise UsageError(
            _(
                "{value}: document.source {source} lies outside {data_dir}; put the source "
                "document inside the plan's directory"
            ).format(
                value=plan.data_dir / TASKS_FILE,
                source=plan.document.source,
                data_dir=plan.data_dir,
            )
        )
    names = [Path(TASKS_FILE), Path(UNITS_FILE)]
    if (plan.data_dir / RULES_FILE).is_file():
        names.append(Path(RULES_FILE))
    return [*names, source.relative_to(directory)]


def add(plan: Plan, plan_id: str | None = None, *, replace: bool = False) -> Installed:
    """Copy the validated `plan` into the plans directory as `plan_id` (default: its year).

    The copy is made in a temporary directory beside the target and renamed into
    place, so a plan is installed whole or not at all, and two `add`s of one id
    cannot both succeed. With `replace`, a plan installed under the id is swapped for
    the new one in one step, once the runs reading it have finished (`exclusive`):
    a run sees the old plan or the new, whole.
    """
    chosen = check_id(plan_id if plan_id is not None else str(plan.document.year))
    root = settings.plans_dir()
    target = root / chosen
    before = _number_of(target) if replace else None
    if target.exists() and not replace:
        raise UsageError(
            _(
                "a plan {chosen!r} is already installed ({target}); choose another --id, "
                "or give --replace to replace it"
            ).format(chosen=chosen, target=target)
        )
    files = files_of(plan)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            _("{root}: cannot write: {value}").format(root=root, value=os_reason(exc))
        ) from None

    def fill(staging: Path) -> None:
        for name in files:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.data_dir / name, staging / name)

    release(target)  # a run that listed it holds it: let the swap wait for others only
    replaced = target.exists()
    try:
        replace_directory(target, fill, replace=replace, guard=exclusive)
    except OSError as exc:
        if target.exists():
            raise UsageError(
                _("a plan {chosen!r} is already installed ({target})").format(
                    chosen=chosen, target=target
                )
            ) from None
        raise UsageError(
            _("{target}: cannot write: {value}").format(target=target, value=os_reason(exc))
        ) from None
    return Installed(InstalledPlan(chosen, target), replaced, before)


class Installed(NamedTuple):
    """What `add` did: the plan as installed, whether it replaced one, and the 文号 of the
    one it replaced (None when none, or it could not be read)."""

    entry: InstalledPlan
    replaced: bool
    number_before: str | None


def _number_of(directory: Path) -> str | None:
    """The 文号 of the plan in `directory`, or None when there is none or it does not load."""
    from gongkai_cli.errors import GongkaiError

    if not (directory / TASKS_FILE).exists():
        return None
    try:
        return load_plan(directory).document.number
    except GongkaiError:
        return None


def use(plan_id: str) -> InstalledPlan:
    """Make the installed plan `plan_id` the default: what commands read without --plan.
    UsageError, listing the installed ids, when there is no such plan."""
    from gongkai_cli.io import config

    plan = find(plan_id)
    config.set_default_plan(plan.id)
    return plan


def remove(plan_id: str) -> tuple[InstalledPlan, bool]:
    """Remove the installed plan `plan_id`; the shipped plan cannot be removed. Returns the
    plan and whether it was the default plan (`use`), which is then forgotten: commands
    read the shipped plan again.

    Under the lock of its name (no `add` or other `remove` of it meanwhile, and what
    killed runs left is tidied first), the directory is locked exclusively, so the
    runs reading it finish first, then moved away in one rename and deleted: a run
    sees the whole plan or none.
    """
    plan = find(plan_id)  # the one reading of an id: ' 2021' is the shipped plan too
    if plan.shipped or plan.directory.parent != settings.plans_dir():
        raise UsageError(
            _("the shipped plan {shipped_id} cannot be removed").format(shipped_id=SHIPPED_ID)
        )
    release(plan.directory)  # find held it, as every reader does
    try:
        with locked(plan.directory), exclusive(plan.directory):
            doomed = Path(
                tempfile.mkdtemp(
                    dir=plan.directory.parent, prefix=f".{plan.id}.removed.", suffix=".tmp"
                )
            )
            os.rename(plan.directory, doomed)  # onto the empty directory: replaces it
    except OSError as exc:
        raise UsageError(
            _("{directory}: cannot remove: {value}").format(
                directory=plan.directory, value=os_reason(exc)
            )
        ) from None
    shutil.rmtree(doomed, ignore_errors=True)
    return plan, _forget_default(plan.id)


def _forget_default(plan_id: str) -> bool:
    """Forget the default plan if it is `plan_id` (just removed); whether it was. A
    configuration file gongkai cannot read is left for the next run to report."""
    from gongkai_cli.errors import InvalidDataError
    from gongkai_cli.io import config

    try:
        chosen = config.default_plan()
    except InvalidDataError:
        return False
    if chosen is None or normal_id(chosen) != plan_id:
        return False
    config.set_default_plan(None)
    return True
