"""Views of `owes`: one unit's tasks counted by due month and role, or every unit's."""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.plan import Role
from gongkai_cli.queries.owes import OwesMatrix, UnitOwes
from gongkai_cli.render.emit import Records, Table, View
from gongkai_cli.render.records import draft_mark
from gongkai_cli.render.table import Column

OWES_KEYS = ("month", "lead", "responsible", "support", "total", "may_apply")


def owes_view(answer: UnitOwes | OwesMatrix) -> View:
    """The view of an `owes` answer, for one unit or for every unit."""
    if isinstance(answer, OwesMatrix):
        return owes_matrix_view(answer)
    return unit_owes_view(answer)


def unit_owes_view(answer: UnitOwes) -> View:
    """One unit's tasks counted by due month and role.

    A month of the plan's year is its number (json: 3); another year's is written
    with its year (2026年3月; json: "2026-03"). Tasks with no due day are in no month:
    the caption counts them.
    """
    rows = []
    labels = []
    for counted in answer.months:
        in_year = counted.year == answer.year
        row: dict[str, Any] = {
            "month": counted.month if in_year else f"{counted.year}-{counted.month:02d}"
        }
        row.update({str(r): counted.roles[r] for r in Role})
        row["total"] = sum(counted.roles.values())
        row["may_apply"] = counted.may_apply
        rows.append(row)
        labels.append(f"{counted.month}月" if in_year else f"{counted.year}年{counted.month}月")
    table = Table(
        [
            Column("月份", "month_zh", justify="right"),
            *(Column(r.zh, str(r), justify="right") for r in Role),
            Column("合计", "total", justify="right"),
            Column("可能适用", "may_apply", justify="right"),
        ],
        [{**row, "month_zh": label} for row, label in zip(rows, labels, strict=True)],
        title=f"{draft_mark(answer.draft)}{answer.who.name} 各月到期任务数 (按截止日期所在月份)",
        caption=f"共 {answer.tasks} 项: "
        + ", ".join(f"{r.zh} {answer.roles[r]}" for r in Role)
        + (f" · 无截止日期 {answer.undated}" if answer.undated else "")
        + f" · 可能适用 {answer.may_apply}",
    )
    return View(
        [table],
        data={"unit": answer.who.name, "direct_only": answer.direct_only, "months": rows},
        records=Records(OWES_KEYS, rows),
    )


def owes_matrix_view(answer: OwesMatrix) -> View:
    """Every unit's tasks counted by due month of the plan's year; 合计 counts all, and
    the caption says how many of them fall in another year or have no due day."""
    year = answer.year
    rows = []
    for unit in answer.rows:
        row: dict[str, Any] = {"unit": unit.unit}
        row.update({str(m): count for m, count in unit.months.items()})
        row["total"] = unit.total
        rows.append(row)
    extra = [f"{year}年以外到期 {answer.outside} 项"] if answer.outside else []
    extra += [f"无截止日期 {answer.undated} 项"] if answer.undated else []
    table = Table(
        [Column("单位", "unit")]
        + [Column(f"{m}月", str(m), justify="right") for m in range(1, 13)]
        + [Column("合计", "total", justify="right")],
        rows,
        title=draft_mark(answer.draft)
        + "各单位各月到期任务数"
        + (" (仅直接点名)" if answer.direct_only else ""),
        caption=f"合计另含 {'、'.join(extra)},不在各月之列" if extra else "",
        compact=True,
    )
    return View(
        [table],
        data={"direct_only": answer.direct_only, "units": rows},
        records=Records(("unit", *map(str, range(1, 13)), "total"), rows),
    )
