"""The view of what a unit owes: `due`, its tasks and deadlines (`owes` counts them:
owes_views.py; `--plan all`: due_all_views.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gongkai_cli.model.obligation import Obligation
from gongkai_cli.model.plan import DeadlineKind, Layout, Role
from gongkai_cli.render.columns import DUE, DUE_MAY_APPLY, DUE_MD, columns
from gongkai_cli.render.emit import Records, Table, Text, View
from gongkai_cli.render.records import (
    GRACE_COLUMNS,
    OBLIGATION_COLUMNS,
    draft_mark,
    due_record,
    grace_cells,
    grace_footnote,
    grace_inline,
    grace_lines,
    statutory_csv_row,
    statutory_record,
)
from gongkai_cli.render.table import Column

if TYPE_CHECKING:
    from pathlib import Path

    from gongkai_cli.queries.due import DueAnswer, StatutoryItem


UNDATED_TITLE = "无明确时限（持续性任务）"
WAITING_TITLE = "待事件日期：自事件之日起算的任务，日期记录前无截止日期"


def _status_zh(record: dict[str, Any]) -> str:
    if record.get("progress") == "done":
        late = record["days_late"]
        return f"已完成\n{record['completed']}" + (f"\n晚 {late} 天" if late else "")
    days = record["days_left"]
    if days is None:  # no due day: ongoing, no time node, or not dated yet; never overdue
        if record["status"] == "ongoing":
            text = "持续推进，不计逾期"
        elif not record.get("time_node"):  # an item with no 完成时限 (none decided either)
            text = "未写时限，不计逾期"
        else:  # counted from an event not recorded yet
            text = "暂无截止日期"
    elif record["status"] == "overdue":
        text = f"逾期 {-days} 天"
    elif record["status"] == "window_open":
        text = f"窗口期内，剩 {days} 天"
    elif days == 0:
        text = "今日到期"
    else:
        text = f"全年任务，剩 {days} 天" if record["all_year"] else f"还有 {days} 天"
    return f"进行中\n{text}" if record.get("progress") == "in_progress" else text


def _shown(obligation: Obligation, record: dict[str, Any]) -> dict[str, Any]:
    """A record with the cells people read: task, role, deadline and status in Chinese."""
    task = obligation.task
    node = task.time_node
    decided = task.decision_for("time_node")
    if not node and decided:
        node = f"（{decided.value}）*"
    window = record["window_start"]
    due = record["due"] or task.deadline.due_text
    deadline = f"{due}\n{node}".rstrip("\n") + (f"\n自 {str(window)[5:]} 起" if window else "")
    if obligation.pre_issue is not None:  # gongkai's grace: the day as written beside it
        deadline += "\n" + grace_lines(obligation.written_due)
        if obligation.occurrence is not None:  # the day that names it in the progress file
            deadline += f"\n本次 {obligation.occurrence}"
    named = task.name or task.name_source is not None  # an annex row always shows its name
    return {
        **record,
        "name": task.display_name if task.name else "",  # json and csv keep the cell
        "task": f"【{task.display_name}】{record['content']}" if named else record["content"],
        "role_zh": obligation.role.zh + (f"\n经 {record['via']}" if record["via"] else ""),
        "deadline": deadline,
        "status_zh": _status_zh(record),
    }


def _heading(
    unit: str, before: object, after: object, as_of: object, grep: str | None = None
) -> str:
    span = []
    if after:
        span.append(f"{after} 起")
    if before:
        span.append(f"{before} 前")
    scope = f"截止日期 {' '.join(span)}" if span else "全部任务"
    if grep:
        scope += f"；含“{grep}”"
    return f"{unit} 应办任务（{scope}；状态截至 {as_of}）"


def _pre_issue_note(
    obligations: Sequence[Obligation], layout: Layout, plan: str | None = None
) -> str:
    """The footnote of the grace's mark (†, 印发前已到期), when one of `obligations`
    carries it; with `plan`, the footnote names the plan it is about (`due --plan all`)."""
    policy = next((o.pre_issue for o in obligations if o.pre_issue is not None), None)
    if policy is None:
        return ""
    return "\n" + grace_footnote(policy, layout.terms.time_node, plan)


def _waiting_note(
    obligations: Sequence[Obligation], layout: Layout, progress: Path | None
) -> str | None:
    """For the tasks counted from an event no entry records yet: which event each waits for
    and how to record it."""
    waiting = [o for o in obligations if o.task.deadline.awaits_event and o.event_day is None]
    if not waiting:
        return None
    where = f"-p {progress}" if progress is not None else "-p 进展文件"
    lines = []
    for obligation in waiting:
        deadline = obligation.task.deadline
        days = f"{deadline.offset}{'个工作日' if deadline.working_days else '日'}"
        seq = obligation.task.seq
        lines.append(
            f"{layout.terms.task.format(seq=seq)} 待“{deadline.event}”的日期，记录后按其后{days}"
            f"计截止日：gongkai progress set {seq} -u {obligation.unit} --event 日期 {where}"
        )
    return "\n".join(lines)


STATUTORY_COLUMNS = (
    Column("事项", "title", ratio=1),
    Column("依据", "basis_zh"),
    Column("截止", "due", day=True),
    Column("状态", "status_zh"),
)
STATUTORY_TITLE = "法定义务：《政府信息公开条例》规定的年度事项"


def statutory_rows(
    statutory: Sequence[StatutoryItem], records: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The statutory records with the cells people read."""
    return [
        {
            **record,
            "title": record["name"] + (f"\n经 {item.owed.via}" if item.owed.via else ""),
            "basis_zh": item.owed.obligation.basis.replace("《政府信息公开条例》", "条例 "),
            "status_zh": item.owed.obligation.undated or _status_zh({**record, "all_year": False}),
        }
        for item, record in zip(statutory, records, strict=True)
    ]


def statutory_caption(statutory: Sequence[StatutoryItem]) -> str:
    """Who owes what and why (the rules book's decision), once per obligation shown."""
    seen: dict[str, str] = {}
    for item in statutory:
        obligation = item.owed.obligation
        seen.setdefault(obligation.id, f"认定：{obligation.decision}")
    return "\n".join(seen.values()) + "\n年度报告不记入进展文件，不计入 overdue 与 report"


def due_view(answer: DueAnswer) -> View:
    """What the unit owes and by when; the tasks that may apply through unlisted collectives;
    the 条例's yearly obligations (年度报告) it owes, when the dates reach them.

    With a progress file, each task shows its progress, and a task done by the
    as-of day shows 已完成 and is not counted overdue (`--open` leaves it out).
    With a lower bound, the tasks due before it and still overdue are listed apart.
    Tasks with no due day (持续推进, an item with no 完成时限) are a group of their own
    whatever the dates asked for (无明确时限), never overdue; so are the tasks waiting
    for an event's day (待事件日期). In json they are `undated`, in csv `applies: undated`.
    """
    request, who = answer.request, answer.who
    progress = answer.progress.path if answer.progress is not None else None
    before, after, as_of = request.before, request.after, request.as_of
    open_only = request.open_only
    layout = answer.document.layout
    items, maybe, undated = answer.tasks, answer.maybe, answer.undated
    tasks = [item.obligation for item in items]
    records = [due_record(item) for item in items]
    maybe_records = [due_record(item) for item in maybe]
    undated_records = [due_record(item) for item in undated]
    earlier = [item.obligation for item in answer.earlier or ()]
    earlier_records = [due_record(item) for item in answer.earlier or ()]
    data: dict[str, Any] = {
        "unit": who.name,
        "listed": who.listed,
        "member_of": [c.name for c in who.collectives],
        "before": before.isoformat() if before else None,
        "after": after.isoformat() if after else None,
        "as_of": as_of.isoformat(),
        "role": str(request.role) if request.role else None,
        "direct_only": request.direct_only,
    }
    # Keys of the newer options appear only when the option is used, so that
    # every earlier answer stays as it was.
    if request.grep is not None:
        data["grep"] = request.grep
    if progress is not None:
        data["progress"] = str(progress)
        data["open"] = open_only
    data["tasks"] = records
    if undated_records:  # only then: a plan whose every task has a day answers as it did
        data["undated"] = undated_records
    data["may_apply"] = maybe_records
    if answer.earlier is not None:
        data["overdue_before"] = earlier_records
    statutory_records = [statutory_record(item) for item in answer.statutory]
    if statutory_records:  # only then, so answers whose dates do not reach them stay as they were
        data["statutory"] = statutory_records
    keys: tuple[str, ...] = OBLIGATION_COLUMNS
    if progress is not None:
        keys += ("progress", "completed")
    csv_rows = [{**r, **grace_cells(r), "applies": "owed"} for r in records]
    csv_rows += [{**r, "applies": "undated"} for r in undated_records]
    csv_rows += [{**r, **grace_cells(r), "applies": "may_apply"} for r in maybe_records]
    csv_rows += [{**r, **grace_cells(r), "applies": "overdue_before"} for r in earlier_records]
    csv_rows += [statutory_csv_row(r) for r in statutory_records]
    # A recurring task's occurrences would otherwise be rows alike (two 印发前已到期 ones are
    # due the same day): their column, last, only when there are any.
    occurs = ("occurrence",) if any("occurrence" in r for r in csv_rows) else ()
    csv = Records((*keys, "applies", *GRACE_COLUMNS, *occurs), csv_rows)

    rows = [_shown(i.obligation, r) for i, r in zip(items, records, strict=True)]
    maybe_rows = [_shown(i.obligation, r) for i, r in zip(maybe, maybe_records, strict=True)]
    earlier_rows = [_shown(o, r) for o, r in zip(earlier, earlier_records, strict=True)]
    undated_pairs = [(i.obligation, r) for i, r in zip(undated, undated_records, strict=True)]
    ongoing_pairs = [(o, r) for o, r in undated_pairs if not o.awaits_event]
    ongoing_rows = [_shown(o, r) for o, r in ongoing_pairs]
    waiting_rows = [_shown(o, r) for o, r in undated_pairs if o.awaits_event]
    word = request.grep
    heading = draft_mark(answer.document.draft) + _heading(who.name, before, after, as_of, word)
    counts = dict.fromkeys(Role, 0)
    for obligation in tasks:
        counts[obligation.role] += 1
    overdue = sum(1 for r in records if r["status"] == "overdue")
    footer = (
        f"共 {len(records)} 项："
        + "，".join(f"{role.zh} {count}" for role, count in counts.items())
        + f" · 逾期 {overdue} · 可能适用 {len(maybe_records)}"
    )
    if undated_records:
        footer += f" · 无明确时限 {len(undated_records)}（另列）"
    if progress is not None:
        footer += f" · 已完成 {answer.done}" + ("（已隐藏）" if open_only else "")
    annex = layout is Layout.ANNEX_TABLE
    undated_obligations = [item.obligation for item in undated]
    maybe_obligations = [item.obligation for item in maybe]
    decided = {
        o.task.seq
        for o in (*tasks, *undated_obligations, *maybe_obligations)
        if o.task.decision_for("time_node")
    }
    if any(
        not r["time_node"] and r["seq"] in decided
        for r in (*records, *undated_records, *maybe_records)
    ):
        if annex:
            footer += "\n* 时间节点为空白单元格，按记录的决定取值（gongkai show 序号 查看理由）"
        else:
            footer += "\n* 未写完成时限，按记录的决定取值（gongkai show 序号 查看理由）"
    footer += _pre_issue_note((*tasks, *maybe_obligations), layout)
    if progress is not None:
        footer += f"\n进展文件：{progress}"
    if who.collectives:
        footer += "\n所属集合：" + "、".join(c.name for c in who.collectives)

    due_columns = columns(DUE, layout)
    md_columns = columns(DUE_MD, layout)
    earlier_title = f"此前到期、至今逾期未完成（截止日期在 {after} 之前）"
    ongoing_caption = _undated_caption(ongoing_pairs, progress, answer.undated_done, open_only)
    waiting = _waiting_note(undated_obligations, layout, progress)

    shown = [Table(due_columns, rows, title=heading, caption=footer, highlight=answer.highlight)]
    if ongoing_rows:
        shown.append(
            Table(
                due_columns,
                ongoing_rows,
                title=UNDATED_TITLE,
                caption=ongoing_caption,
                highlight=answer.highlight,
            )
        )
    if waiting_rows:
        shown.append(
            Table(
                due_columns,
                waiting_rows,
                title=WAITING_TITLE,
                caption=waiting,
                highlight=answer.highlight,
            )
        )
    if earlier_rows:
        caption = f"共 {len(earlier_rows)} 项逾期未完成" + _pre_issue_note(earlier, layout)
        shown.append(
            Table(
                due_columns,
                earlier_rows,
                title=earlier_title,
                caption=caption,
                highlight=answer.highlight,
            )
        )
    if maybe_rows:
        title = "可能适用：责任单位是未列明成员的集合，是否适用请自行确认"
        shown.append(
            Table(
                columns(DUE_MAY_APPLY, layout), maybe_rows, title=title, highlight=answer.highlight
            )
        )
    owed_rows = statutory_rows(answer.statutory, statutory_records)
    owed_caption = statutory_caption(answer.statutory)
    if owed_rows:
        shown.append(
            Table(
                STATUTORY_COLUMNS,
                owed_rows,
                title=STATUTORY_TITLE,
                caption=owed_caption,
                highlight=answer.highlight,
            )
        )

    def md_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            {
                **row,
                "role_zh": row["role_zh"].replace("\n", " "),
                "status_zh": row["status_zh"].replace("\n", " "),
                # the footnote's mark and the day as written, as in the table on screen
                "due": grace_inline(row["due"], row["pre_issue"]["due_as_written"])
                if row.get("pre_issue")
                else row["due"] or "—",
                # which occurrence of a recurring task, as 本次 on screen (截止 stays a date)
                **(
                    {"time_node": f"{row['time_node']}（本次 {row['occurrence']}）"}
                    if row.get("occurrence")
                    else {}
                ),
            }
            for row in rows
        ]

    markdown: list[Table | Text] = [
        Table(md_columns, md_rows(rows), title=heading),
        Text(footer.replace("\n", "  \n")),
    ]
    if ongoing_rows:
        markdown.append(Table(md_columns, md_rows(ongoing_rows), title=UNDATED_TITLE))
        markdown.append(Text(ongoing_caption.replace("\n", "  \n")))
    if waiting_rows:
        markdown.append(Table(md_columns, md_rows(waiting_rows), title=WAITING_TITLE))
        if waiting:
            markdown.append(Text(waiting.replace("\n", "  \n")))
    if earlier_rows:
        markdown.append(Table(md_columns, md_rows(earlier_rows), title=earlier_title))
        if earlier_note := _pre_issue_note(earlier, layout).strip():
            markdown.append(Text(earlier_note))
    if maybe_rows:
        title = "可能适用（集合未列明成员，请自行确认）"
        markdown.append(Table(md_columns, md_rows(maybe_rows), title=title))
    if owed_rows:
        flat = [{**row, "title": row["title"].replace("\n", " ")} for row in owed_rows]
        markdown.append(Table(STATUTORY_COLUMNS, flat, title=STATUTORY_TITLE))
        markdown.append(Text(owed_caption.replace("\n", "  \n")))
    return View(shown, data=data, records=csv, markdown=markdown, notes=answer.notes)


def _undated_caption(
    pairs: Sequence[tuple[Obligation, dict[str, Any]]],
    progress: Path | None,
    done: int,
    open_only: bool,
) -> str:
    """What the 无明确时限 group holds, counted: 持续推进 and 未写时限, and with a progress
    file, how many are in progress and how many done (hidden with `open_only`)."""
    ongoing = sum(1 for o, _ in pairs if o.task.deadline.kind is DeadlineKind.ONGOING)
    parts = [f"持续推进 {ongoing}"] if ongoing else []
    parts += [f"未写时限 {len(pairs) - ongoing}"] if len(pairs) > ongoing else []
    if progress is not None:
        moving = sum(1 for _, r in pairs if r.get("progress") == "in_progress")
        parts += [f"进行中 {moving}"] if moving else []
        parts += [f"已完成 {done}" + ("（已隐藏）" if open_only else "")] if done else []
    return (
        f"共 {len(pairs)} 项：" + " · ".join(parts) + "\n"
        "无截止日期，不计逾期，不论日期范围均列出；进展用 gongkai progress set 记录"
    )
