"""`gongkai lint`: what a careful reader of the plan itself would flag."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.options import DataDir, Format, ListFormat

app = typer.Typer()

Strict = Annotated[
    bool,
    typer.Option("--strict", help="Exit 1 if there is any finding (for CI); otherwise exit 0."),
]


@app.command()
def lint(data: DataDir = None, output: Format = ListFormat.table, strict: Strict = False) -> int:
    """Flag what a careful reader of the plan would: early deadlines, changed wording, empty cells.

    Example: gongkai lint --format json
    """
    from dataclasses import asdict

    from gongkai_cli import render
    from gongkai_cli.errors import ExitCode
    from gongkai_cli.plan.lint import Kind
    from gongkai_cli.plan.lint import lint as lint_plan
    from gongkai_cli.plan.load import load_plan

    plan = load_plan(data)
    findings = lint_plan(plan)
    if output is ListFormat.json:
        render.emit_json({"findings": [asdict(finding) for finding in findings]})
    elif output is ListFormat.csv:
        render.emit_csv(
            ("seq", "kind", "message", "evidence"),
            (
                {
                    **asdict(finding),
                    "evidence": "\n".join(f"{q.where}: {q.text}" for q in finding.evidence),
                }
                for finding in findings
            ),
        )
    else:
        counts = {kind: sum(f.kind is kind for f in findings) for kind in Kind}
        render.emit_table(
            [
                render.Column("序号", "seq", justify="right"),
                render.Column("类别", "kind"),
                render.Column("说明", "message", ratio=1),
            ],
            [
                {"seq": "—" if f.seq is None else f.seq, "kind": f.kind.zh, "message": f.message}
                for f in findings
            ],
            title=f"{plan.document.title} ({plan.document.number}) 审读发现",
            caption=f"{len(findings)} 条: "
            + "、".join(f"{kind.zh} {n}" for kind, n in counts.items() if n),
        )
    return int(ExitCode.MISSED) if strict and findings else int(ExitCode.OK)
