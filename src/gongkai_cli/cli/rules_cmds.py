"""`rules`: the reply deadline rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from gongkai_cli.cli.options import Format, ListFormat
from gongkai_cli.cli.time_limit import RulesFile, period_zh

if TYPE_CHECKING:
    from gongkai_cli.workdays.rules import Rule, RuleBook

app = typer.Typer()


def _rule_record(rule: Rule, book: RuleBook) -> dict[str, Any]:
    period = book.periods[rule.id]
    return {
        "id": rule.id,
        "aliases": list(rule.aliases),
        "name": rule.name,
        "count": rule.count,
        "day_type": rule.day_type.value,
        "total_days": period.count,
        "extends": rule.extends,
        "receipt": rule.receipt.value,
        "counts_from": rule.counts_from,
        "basis": rule.basis,
        "task": rule.task,
        "quote": rule.quote,
        "checked_against": list(rule.checked_against),
        "check_note": rule.check_note,
        "note": rule.note,
    }


@app.command()
def rules(output: Format = ListFormat.table, rules_file: RulesFile = None) -> None:
    """List the reply deadline rules: id, time limit, receipt convention and legal basis.

    Example: gongkai rules --format json
    """
    from gongkai_cli import render
    from gongkai_cli.workdays.rules import load_rules

    book = load_rules(rules_file)
    records = [_rule_record(rule, book) for rule in book]
    if output is ListFormat.json:
        render.emit_json(records)
        return
    if output is ListFormat.csv:
        render.emit_csv(list(records[0]) if records else [], records)
        return
    for record, rule in zip(records, book, strict=True):
        limit = period_zh(book.periods[rule.id])
        record["limit"] = f"{limit}\n（含延长{rule.count}）" if rule.extends else limit
        start = "" if rule.counts_from == "收到之日" else f"（自{rule.counts_from}起算）"
        record["what"] = rule.name + start
        record["rule"] = "\n".join([rule.id, *rule.aliases])
    caption = f"{len(records)} 条规则; 收到当日不计入 (民法典 第二百零一条)"
    if book.reply_date is not None:
        caption += f"\n{book.reply_date.name} ({book.reply_date.basis.split('《')[0]})"
    render.emit_table(
        [
            render.Column("规则", "rule"),
            render.Column("期限", "limit"),
            render.Column("事项", "what", ratio=3),
            render.Column("依据", "basis", ratio=2),
        ],
        records,
        caption=caption,
    )
