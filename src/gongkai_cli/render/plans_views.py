"""The view of `gongkai plans`: the installed plans side by side."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai_cli.queries.plan import InstalledItem
from gongkai_cli.render.emit import Records, Table, View
from gongkai_cli.render.records import plan_record
from gongkai_cli.render.table import Column

PLAN_KEYS = ("id", "number", "title", "year", "layout", "tasks", "shipped", "default", "path")

PLAN_COLUMNS = (
    Column("编号", "id"),
    Column("默认", "default_zh"),
    Column("文号 / 标题", "document", ratio=1),
    Column("年度", "year", justify="right"),
    Column("版式", "layout_zh"),
    Column("任务", "tasks", justify="right"),
    Column("位置", "where", ratio=1),
)


def plans_view(plans: Sequence[InstalledItem]) -> View:
    """Every installed plan: id, whether it is the default, 文号 and title, year, layout,
    tasks and where it lives."""
    records = [plan_record(item) for item in plans]
    rows = [
        {
            **record,
            "document": f"{record['number']}\n{record['title']}",
            "default_zh": "是" if item.default else "",
            "layout_zh": item.document.layout.tasks_word,
            "where": "随附" if record["shipped"] else record["path"],
        }
        for record, item in zip(records, plans, strict=True)
    ]
    chosen = next((item.entry.id for item in plans if item.default), None)
    default = f"（默认 {chosen}；gongkai plans use 编号 改默认）" if chosen else ""
    return View(
        [Table(PLAN_COLUMNS, rows, caption=f"{len(records)} 个计划；--plan 编号 选用{default}")],
        data={"plans": records},
        records=Records(PLAN_KEYS, records),
    )
