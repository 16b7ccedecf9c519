"""Views of `owes`: one unit's tasks counted by due month and role, or every unit's."""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.obligation import Obligation, PreIssue
from gongkai_cli.model.plan import Role
from gongkai_cli.queries.owes import OwesMatrix, UnitOwes
from gongkai_cli.render.emit import Records, Table, View
from gongkai_cli.render.records import GRACE_LABEL, draft_mark, grace_reason, pre_issue_fields
from gongkai_cli.render.table import Column

OWES_KEYS = ("month", "lead", "responsible", "support", "total", "may_apply")


def _graced_months(graced: tuple[Obligation, ...]) -> dict[tuple[int, int], list[Obligation]]:
    """The months the issue-day grace puts tasks in, with those tasks."""
    months: dict[tuple[int, int], list[Obligation]] = {}
    for obligation in graced:
        if obligation.due is not None:
            months.setdefault((obligation.due.year, obligation.due.month), []).append(obligation)
    return months


def _grace_note(
    graced: tuple[Obligation, ...], policy: PreIssue | None, term: str, year: int
) -> str:
    """The footnote of the months marked †: which tasks the grace puts there, from which
    day as written, and that the grace is gongkai's."""
    if not graced or policy is None:
        return ""
    parts = []
    for (in_year, month), obligations in _graced_months(graced).items():
        label = f"{month}月" if in_year == year else f"{in_year}年{month}月"
        seqs = "、".join(dict.fromkeys(str(o.task.seq) for o in obligations))
        written = "、".join(dict.fromkeys(str(o.written_due) for o in obligations))
        parts.append(f"{label}含序号 {seqs}（原定 {written}）")
    return f"\n† {'；'.join(parts)}：{GRACE_LABEL}：{grace_reason(policy, term)}"


def _grace_records(graced: tuple[Obligation, ...]) -> list[dict[str, Any]]:
    """The tasks the grace moves, for json: where they are counted and why."""
    records = []
    for obligation in graced:
        assert obligation.pre_issue is not None and obligation.due is not None
        records.append(
            {
                "seq": obligation.task.seq,
                "due": obligation.due.isoformat(),
                **pre_issue_fields(obligation.pre_issue, obligation.written_due),
            }
        )
    return records


def owes_view(answer: UnitOwes | OwesMatrix) -> View:
    """The view of an `owes` answer, for one unit or for every unit."""
    if isinstance(answer, OwesMatrix):
        return owes_matrix_view(answer)
    return unit_owes_view(answer)


def unit_owes_view(answer: UnitOwes) -> View:
    """One unit's tasks counted by due month and role.

    A month of the plan's year is its number (json: 3); another year's is written
    with its year (2026年3月; json: "2026-03"). Tasks with no due day (持续推进, no
    完成时限) are in no month: a last row of their own, 无明确时限 (json `undated`, csv
    month `undated`), when there are any.
    """
    rows = []
    labels = []
    graced = _graced_months(answer.graced)
    for counted in answer.months:
        in_year = counted.year == answer.year
        row: dict[str, Any] = {
            "month": counted.month if in_year else f"{counted.year}-{counted.month:02d}"
        }
        row.update({str(r): counted.roles[r] for r in Role})
        row["total"] = sum(counted.roles.values())
        row["may_apply"] = counted.may_apply
        rows.append(row)
        label = f"{counted.month}月" if in_year else f"{counted.year}年{counted.month}月"
        labels.append(label + ("†" if (counted.year, counted.month) in graced else ""))
    shown = [{**row, "month_zh": label} for row, label in zip(rows, labels, strict=True)]
    undated: dict[str, Any] | None = None
    if answer.undated or answer.undated_may_apply:
        undated = {str(r): answer.undated_roles[r] for r in Role}
        undated["total"] = answer.undated
        undated["may_apply"] = answer.undated_may_apply
        shown.append({**undated, "month_zh": "无明确时限"})
    table = Table(
        [
            Column("月份", "month_zh", justify="right"),
            *(Column(r.zh, str(r), justify="right") for r in Role),
            Column("合计", "total", justify="right"),
            Column("可能适用", "may_apply", justify="right"),
        ],
        shown,
        title=f"{draft_mark(answer.draft)}{answer.who.name} 各月到期任务数（按截止日期所在月份）",
        caption=f"共 {answer.tasks} 项："
        + "，".join(f"{r.zh} {answer.roles[r]}" for r in Role)
        + (f" · 无明确时限 {answer.undated}" if answer.undated else "")
        + f" · 可能适用 {answer.may_apply}"
        + _grace_note(answer.graced, answer.policy, answer.term, answer.year),
    )
    data: dict[str, Any] = {
        "unit": answer.who.name,
        "direct_only": answer.direct_only,
        "months": rows,
    }
    records = rows
    if undated is not None:  # only then, so that every other answer stays as it was
        data["undated"] = undated
        records = [*rows, {"month": "undated", **undated}]
    if answer.graced:  # only then: the tasks the issue-day grace counts in a later month
        data["pre_issue"] = _grace_records(answer.graced)
    return View([table], data=data, records=Records(OWES_KEYS, records))


def owes_matrix_view(answer: OwesMatrix) -> View:
    """Every unit's tasks counted by due month of the plan's year; 合计 counts all, and
    the caption says how many of them fall in another year; those with no due day
    (持续推进, no 完成时限) have a column of their own, 无明确时限 (`undated`), when any
    unit has one."""
    year = answer.year
    undated = answer.undated > 0
    rows = []
    for unit in answer.rows:
        row: dict[str, Any] = {"unit": unit.unit}
        row.update({str(m): count for m, count in unit.months.items()})
        if undated:
            row["undated"] = unit.undated
        row["total"] = unit.total
        rows.append(row)
    extra = [f"{year}年以外到期 {answer.outside} 项"] if answer.outside else []
    extra += [f"无明确时限 {answer.undated} 项（“无时限”栏）"] if undated else []
    graced = {month for y, month in _graced_months(answer.graced) if y == year}
    caption = f"合计另含 {'、'.join(extra)}，不在各月之列" if extra else ""
    if note := _grace_note(answer.graced, answer.policy, answer.term, year):
        caption = (caption + note).strip("\n")
    table = Table(
        [Column("单位", "unit", atoms=True)]
        + [
            Column(f"{m}月" + ("†" if m in graced else ""), str(m), justify="right")
            for m in range(1, 13)
        ]
        + ([Column("无时限", "undated", justify="right")] if undated else [])
        + [Column("合计", "total", justify="right")],
        rows,
        title=draft_mark(answer.draft)
        + "各单位各月到期任务数"
        + ("（仅直接点名）" if answer.direct_only else ""),
        caption=caption,
        compact=True,
    )
    data: dict[str, Any] = {"direct_only": answer.direct_only, "units": rows}
    if answer.graced:  # only then: the tasks the issue-day grace counts in a later month
        data["pre_issue"] = _grace_records(answer.graced)
    return View(
        [table],
        data=data,
        records=Records(
            ("unit", *map(str, range(1, 13)), *(["undated"] if undated else []), "total"), rows
        ),
    )
