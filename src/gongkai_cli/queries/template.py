"""What each unit owes, as a 报送 template to fill in (`progress template`).

The obligations are `due.owed_by`'s, the one "what does unit U owe"; the template
(`progress.template`) adds what the progress file records on each and a key per row
for the import to read back.
"""

from __future__ import annotations

import datetime as dt

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.plan import UnitKind
from gongkai_cli.model.roundtrip import Template
from gongkai_cli.progress.file import NO_PROGRESS
from gongkai_cli.progress.template import build_template
from gongkai_cli.queries.due import owed_by
from gongkai_cli.queries.scope import PlanScope


def template_for(scope: PlanScope, unit: str, as_of: dt.date) -> Template:
    """The template of one unit (not a collective: each member fills in its own)."""
    found = scope.units.resolve(unit)
    if found.kind is UnitKind.COLLECTIVE:
        raise UsageError(
            _(
                "{name} is a collective: each member fills in its own sheet; name one "
                "member, or add --all-units for one file per member"
            ).format(name=found.name)
        )
    return _template(scope, found.name, as_of)


def templates_for(scope: PlanScope, unit: str | None, as_of: dt.date) -> list[Template]:
    """One template per unit that owes anything: every unit of the plan, or the members of
    the collective `unit` (or `unit` alone), in the order of the plan's units."""
    from gongkai_cli.progress.assessment import scope_units

    templates = [
        _template(scope, u.name, as_of) for u in scope_units(scope.units, unit, scope.progress)
    ]
    return [template for template in templates if template.rows]


def _template(scope: PlanScope, unit: str, as_of: dt.date) -> Template:
    owed = owed_by(scope, unit)
    progress = scope.progress if scope.progress is not None else NO_PROGRESS
    return build_template(scope.plan, unit, owed.tasks, len(owed.maybe), progress, as_of)
