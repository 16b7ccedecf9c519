"""`rules`: the reply deadline rules."""

from __future__ import annotations

from gongkai_cli.cli.help import GongkaiTyper
from gongkai_cli.cli.options import DataDir, ListFormatOption, PlanId, Raw, plan_dir, raw_for
from gongkai_cli.cli.time_limit import RulesFile

app = GongkaiTyper()


@app.command()
def rules(
    output: ListFormatOption = "table",
    raw: Raw = False,
    rules_file: RulesFile = None,
    data: DataDir = None,
    plan_id: PlanId = None,
) -> None:
    """List the reply deadline rules: id, time limit, receipt convention and legal basis.

    Example: gongkai rules --format json
    """
    raw_for(output, raw)
    from gongkai_cli.cli.output import write
    from gongkai_cli.io.dates import today
    from gongkai_cli.render.workday_views import rules_view
    from gongkai_cli.workdays.rules import load_rules

    book = load_rules(rules_file, plan_dir(data, plan_id))
    write(rules_view(book, today()), output, raw=raw)
