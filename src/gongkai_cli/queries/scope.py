"""One plan as the queries see it: its data, unit directory, deadline policy and progress."""

# No `from __future__ import annotations`: typing.NamedTuple compiles every string
# annotation into a ForwardRef when the class is made, about 50 us a field, on every
# run of the headline; real annotations cost nothing. Names known only to the type
# checker are quoted one by one.

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from gongkai_cli.model.obligation import Asker, Obligation, PreIssue
from gongkai_cli.plan.load import Plan, load_plan
from gongkai_cli.plan.obligations import asker, owed, pre_issue_policy
from gongkai_cli.plan.units import UnitDirectory

if TYPE_CHECKING:  # progress/ is imported only when a progress file is read
    from collections.abc import Callable

    from gongkai_cli.progress.file import Progress


class PlanScope(NamedTuple):
    """A loaded plan with what every question about it needs once."""

    plan: Plan
    units: UnitDirectory
    policy: PreIssue
    """Deadlines before the issue date (印发前已到期): one policy for every command."""
    progress: "Progress | None"
    """The progress file read against the plan, when one was named."""

    @property
    def year(self) -> int:
        """The year the plan's time nodes refer to."""
        return self.plan.document.year

    def asker(self, unit: str, member_of: Sequence[str] = ()) -> Asker:
        """Who asks: `unit` as the plan knows it, or a unit it lacks, asking as a member
        of the collectives `member_of`."""
        return asker(self.units, unit, member_of)

    def owed(
        self, who: Asker, direct_only: bool = False
    ) -> tuple[list[Obligation], list[Obligation]]:
        """What `who` owes under the plan, and what may apply, by due day then seq."""
        return owed(self.plan.tasks, self.units, who, direct_only, policy=self.policy)


def open_scope(
    directory: Path | None,
    progress: Path | None = None,
    *,
    grace: bool = True,
    elsewhere: bool = True,
) -> PlanScope:
    """The plan in `directory` (None: as `io.plans.plan_directory` decides) and, with a
    `progress` file, that file validated against it. `grace` False (--no-grace): no
    grace for deadlines before the issue date, which are then due as written.

    Every unit a query resolves goes through the scope's unit directory: a unit this
    plan lacks that another installed plan lists is refused with that plan's id
    ("区府办 在计划 2025 中：加 --plan 2025"), unless `elsewhere` is False (`--plan all`
    asks every plan itself)."""
    plan = load_plan(directory)
    recorded = None
    if progress is not None:  # only then: the headline answer never reads YAML
        from gongkai_cli.progress.file import load_progress

        recorded = load_progress(progress, plan)
    policy = pre_issue_policy(plan.document, grace)
    return PlanScope(plan, UnitDirectory(plan.units, _elsewhere(plan, elsewhere)), policy, recorded)


def _elsewhere(plan: Plan, look: bool) -> "Callable[[str], str | None] | None":
    """Where else a unit is named: the other installed plans (loaded only if asked)."""
    if not look:
        return None

    def other_plans(name: str) -> str | None:
        from gongkai_cli.plan.install import elsewhere

        return elsewhere(plan.data_dir)(name)

    return other_plans
