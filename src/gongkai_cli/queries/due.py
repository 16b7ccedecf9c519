"""What a unit owes and by when (`due`), and the same question over every plan (`--plan all`).

`owed_by` is the one "what does unit U owe" of every question: `owes` counts it,
`calendar --unit` places it in a month, `due` selects and assesses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from gongkai_cli.plan.obligations import Asker, Obligation
from gongkai_cli.queries.scope import PlanScope


class Owed(NamedTuple):
    """What one unit owes under a plan: its obligations and those that may apply."""

    who: Asker
    tasks: list[Obligation]
    maybe: list[Obligation]
    """Owed through a collective that lists no members (各相关单位): it may apply."""


def owed_by(
    scope: PlanScope, unit: str, member_of: Sequence[str] = (), direct_only: bool = False
) -> Owed:
    """What `unit` (asking as a member of `member_of` too) owes under the scope's plan."""
    who = scope.asker(unit, member_of)
    return Owed(who, *scope.owed(who, direct_only))
