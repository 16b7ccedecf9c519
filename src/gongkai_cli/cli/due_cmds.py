"""What a unit owes: `due` (its tasks and deadlines) and `owes` (counts by month)."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai_cli.cli.options import (
    DataDir,
    DirectOnly,
    DueFormat,
    Format,
    ListFormat,
    MemberOf,
    RoleChoice,
    UnitOption,
)
from gongkai_cli.plan.load import load_plan

app = typer.Typer()


def _status_zh(record: dict[str, object]) -> str:
    days = int(str(record["days_left"]))
    if record["status"] == "overdue":
        return f"逾期 {-days} 天"
    if record["status"] == "window_open":
        return f"窗口期内,剩 {days} 天"
    if days == 0:
        return "今日到期"
    return f"全年任务,剩 {days} 天" if record["all_year"] else f"还有 {days} 天"


@app.command()
def due(
    unit: UnitOption,
    before: Annotated[
        str | None, typer.Option(help="Only tasks due on or before this date.", show_default=False)
    ] = None,
    after: Annotated[
        str | None, typer.Option(help="Only tasks due on or after this date.", show_default=False)
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date the status is computed for (default: today in Asia/Shanghai, "
            "or $GONGKAI_TODAY).",
            show_default=False,
        ),
    ] = None,
    role: Annotated[
        RoleChoice | None, typer.Option(help="Only tasks in this role.", show_default=False)
    ] = None,
    direct_only: DirectOnly = False,
    member_of: MemberOf = None,
    data: DataDir = None,
    output: Annotated[
        DueFormat,
        typer.Option("--format", "-f", help="table for people; json, csv, md or ics."),
    ] = DueFormat.table,
) -> None:
    """What a unit owes and by when, directly and through its collectives.

    Example: gongkai due --unit 市教委 --before 2021-06-30
    """
    from gongkai_cli.io import dates
    from gongkai_cli.model.plan import Role
    from gongkai_cli.plan.obligations import asker, owed, within
    from gongkai_cli.plan.units import UnitDirectory

    before_date = dates.parse_date(before, "--before") if before else None
    after_date = dates.parse_date(after, "--after") if after else None
    as_of_date = dates.parse_date(as_of, "--as-of") if as_of else dates.today()
    plan = load_plan(data)
    if as_of is None and as_of_date.year > plan.document.year:
        # Today is long past the plan's year: every status is "overdue". Say why.
        from gongkai_cli.render import note

        note(
            f"note: statuses are as of today, {as_of_date}, after the plan's year "
            f"{plan.document.year}; use --as-of to see them as of another day"
        )
    units = UnitDirectory(plan.units)
    who = asker(units, unit, member_of or ())
    tasks, maybe = owed(plan.tasks, units, who, direct_only)
    chosen_role = Role(role.value) if role else None
    tasks = within(tasks, before_date, after_date, chosen_role)
    maybe = within(maybe, before_date, after_date, chosen_role)

    if output is DueFormat.ics:
        import sys

        from gongkai_cli.render.ics import calendar

        sys.stdout.buffer.write(calendar(plan.document, who.name, tasks, as_of_date))
        return

    from gongkai_cli import render
    from gongkai_cli.render.records import OBLIGATION_COLUMNS, obligation_record

    records = [obligation_record(o, as_of_date) for o in tasks]
    maybe_records = [obligation_record(o, as_of_date) for o in maybe]
    if output is DueFormat.json:
        render.emit_json(
            {
                "unit": who.name,
                "listed": who.listed,
                "member_of": [c.name for c in who.collectives],
                "before": before_date.isoformat() if before_date else None,
                "after": after_date.isoformat() if after_date else None,
                "as_of": as_of_date.isoformat(),
                "role": str(chosen_role) if chosen_role else None,
                "direct_only": direct_only,
                "tasks": records,
                "may_apply": maybe_records,
            }
        )
        return
    if output is DueFormat.csv:
        rows = [{**r, "applies": "owed"} for r in records]
        rows += [{**r, "applies": "may_apply"} for r in maybe_records]
        render.emit_csv((*OBLIGATION_COLUMNS, "applies"), rows)
        return

    decided = {o.task.seq: o.task.decision_for("time_node") for o in (*tasks, *maybe)}
    for record in (*records, *maybe_records):
        record["task"] = f"【{record['name']}】{record['content']}"
        record["role_zh"] = Role(str(record["role"])).zh + (
            f"\n经 {record['via']}" if record["via"] else ""
        )
        node = str(record["time_node"])
        decision = decided[int(str(record["seq"]))]
        if not node and decision:
            node = f"({decision.value})*"
        window = record["window_start"]
        record["deadline"] = f"{record['due']}\n{node}" + (
            f"\n自 {str(window)[5:]} 起" if window else ""
        )
        record["status_zh"] = _status_zh(record)
    heading = _heading(who.name, before_date, after_date, as_of_date)
    counts = dict.fromkeys(Role, 0)
    for record in records:
        counts[Role(str(record["role"]))] += 1
    overdue = sum(1 for r in records if r["status"] == "overdue")
    footer = (
        f"共 {len(records)} 项: "
        + ", ".join(f"{role.zh} {count}" for role, count in counts.items())
        + f" · 逾期 {overdue} · 可能适用 {len(maybe_records)}"
    )
    if any(not r["time_node"] for r in (*records, *maybe_records)):
        footer += "\n* 时间节点为空白单元格,按记录的决定取值 (gongkai show 序号 查看理由)"
    if who.collectives:
        footer += "\n所属集合: " + "、".join(c.name for c in who.collectives)
    if output is DueFormat.md:
        _markdown(heading, records, maybe_records, footer)
        return
    columns = [
        render.Column("序号", "seq", justify="right"),
        render.Column("任务名称 / 任务内容", "task", ratio=1),
        render.Column("角色", "role_zh"),
        render.Column("截止", "deadline"),
        render.Column("状态", "status_zh"),
    ]
    render.emit_table(columns, records, title=heading, caption=footer)
    if maybe_records:
        render.emit_table(
            [
                render.Column("序号", "seq", justify="right"),
                render.Column("任务名称 / 任务内容", "task", ratio=1),
                render.Column("集合", "via"),
                render.Column("截止", "deadline"),
            ],
            maybe_records,
            title="可能适用: 责任单位是未列明成员的集合,是否适用请自行确认",
        )


def _heading(unit: str, before: object, after: object, as_of: object) -> str:
    span = []
    if after:
        span.append(f"{after} 起")
    if before:
        span.append(f"{before} 前")
    scope = f"截止日期 {' '.join(span)}" if span else "全部任务"
    return f"{unit} 应办任务 ({scope};状态截至 {as_of})"


def _markdown(
    heading: str,
    records: list[dict[str, object]],
    maybe: list[dict[str, object]],
    footer: str,
) -> None:
    import sys

    from gongkai_cli import render

    columns = [
        render.Column("序号", "seq", justify="right"),
        render.Column("任务名称", "name"),
        render.Column("任务内容", "content"),
        render.Column("角色", "role_zh"),
        render.Column("时间节点", "time_node"),
        render.Column("截止", "due"),
        render.Column("状态", "status_zh"),
    ]
    for record in (*records, *maybe):
        record["role_zh"] = str(record["role_zh"]).replace("\n", " ")
    render.emit_markdown(columns, records, title=heading)
    sys.stdout.write("\n" + footer.replace("\n", "  \n") + "\n")
    if maybe:
        sys.stdout.write("\n")
        render.emit_markdown(columns, maybe, title="可能适用 (集合未列明成员,请自行确认)")


@app.command()
def owes(
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", "-u", help="One unit: its counts by month and role.", show_default=False
        ),
    ] = None,
    direct_only: DirectOnly = False,
    member_of: MemberOf = None,
    data: DataDir = None,
    output: Format = ListFormat.table,
) -> None:
    """Count tasks by due month: per role for one unit, or the matrix of every unit.

    Example: gongkai owes --unit 长宁区政府
    """
    from gongkai_cli import render
    from gongkai_cli.model.plan import Role, UnitKind
    from gongkai_cli.plan.obligations import asker, by_month, owed
    from gongkai_cli.plan.units import UnitDirectory

    plan = load_plan(data)
    units = UnitDirectory(plan.units)
    if unit is not None:
        who = asker(units, unit, member_of or ())
        tasks, maybe = owed(plan.tasks, units, who, direct_only)
        months = by_month(tasks)
        maybe_months = by_month(maybe)
        rows = []
        for month in sorted(set(months) | set(maybe_months)):
            counts = months.get(month, dict.fromkeys(Role, 0))
            row: dict[str, object] = {"month": month}
            row.update({str(r): counts[r] for r in Role})
            row["total"] = sum(counts.values())
            row["may_apply"] = sum(maybe_months.get(month, {}).values())
            rows.append(row)
        if output is ListFormat.json:
            render.emit_json({"unit": who.name, "direct_only": direct_only, "months": rows})
        elif output is ListFormat.csv:
            render.emit_csv(("month", "lead", "responsible", "support", "total", "may_apply"), rows)
        else:
            for row in rows:
                row["month_zh"] = f"{row['month']}月"
            totals = {str(r): sum(int(str(x[str(r)])) for x in rows) for r in Role}
            render.emit_table(
                [
                    render.Column("月份", "month_zh", justify="right"),
                    *(render.Column(r.zh, str(r), justify="right") for r in Role),
                    render.Column("合计", "total", justify="right"),
                    render.Column("可能适用", "may_apply", justify="right"),
                ],
                rows,
                title=f"{who.name} 各月到期任务数 (按截止日期所在月份)",
                caption=f"共 {len(tasks)} 项: "
                + ", ".join(f"{r.zh} {totals[str(r)]}" for r in Role)
                + f" · 可能适用 {len(maybe)}",
            )
        return
    matrix = []
    for member in plan.units:
        if member.kind is UnitKind.COLLECTIVE:
            continue
        tasks, _ = owed(plan.tasks, units, asker(units, member.name), direct_only)
        month_counts = by_month(tasks)
        row = {"unit": member.name}
        row.update({str(m): sum(month_counts.get(m, {}).values()) for m in range(1, 13)})
        row["total"] = len(tasks)
        matrix.append(row)
    if output is ListFormat.json:
        render.emit_json({"direct_only": direct_only, "units": matrix})
    elif output is ListFormat.csv:
        render.emit_csv(("unit", *map(str, range(1, 13)), "total"), matrix)
    else:
        render.emit_table(
            [render.Column("单位", "unit")]
            + [render.Column(f"{m}月", str(m), justify="right") for m in range(1, 13)]
            + [render.Column("合计", "total", justify="right")],
            matrix,
            title="各单位各月到期任务数" + (" (仅直接点名)" if direct_only else ""),
            compact=True,
        )
