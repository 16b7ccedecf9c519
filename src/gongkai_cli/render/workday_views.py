"""Views of working-day answers: `rules`, `holidays`, `deadline` and `reply-check`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from gongkai_cli.model.workdays import DayKind, DayType
from gongkai_cli.queries.reply_check import CaseAnswer, FileAnswer
from gongkai_cli.render.emit import Block, Fields, Records, Table, View
from gongkai_cli.render.records import counted_day_record, rule_record, verdict_record
from gongkai_cli.render.table import Column
from gongkai_cli.workdays.calendar import WorkCalendar
from gongkai_cli.workdays.days import CountedDay, Pause, Period, YearArrangement
from gongkai_cli.workdays.limits import switch_remark
from gongkai_cli.workdays.replies.encoders import TableRow
from gongkai_cli.workdays.replies.fields import RowResult
from gongkai_cli.workdays.replies.groups import Lateness, lateness, standing
from gongkai_cli.workdays.replies.verdict import ReplyStatus, Verdict
from gongkai_cli.workdays.rules import Channel, Rule, RuleBook


def period_zh(period: Period) -> str:
    """A period as people say it: 15个工作日, 30日."""
    measure = "个" if period.day_type is DayType.WORKING else ""
    return f"{period.count}{measure}{period.day_type.zh}"


def day_zh(calendar: WorkCalendar, date: dt.date) -> str:
    """A date with its weekday and day type, where the calendar covers it."""
    day = calendar.day(date) if calendar.covers(date) else None
    return f"{date.isoformat()} {day.weekday_zh} {day.label}" if day else date.isoformat()


RULE_COLUMNS = (
    Column("规则", "rule"),
    Column("期限", "limit"),
    Column("事项", "what", ratio=3),
    Column("依据", "basis", ratio=2),
)


IN_FORCE_ZH = {"in-force": "现行", "historical": "已废止", "future": "尚未施行"}


def _basis_zh(rule: Rule, today: dt.date) -> str:
    """The basis, and for a text with days in force, which days and whether today is one."""
    if rule.in_force is None:
        return rule.basis
    span, state = rule.in_force, rule.in_force.state(today)
    if state == "historical":
        return f"{rule.basis}\n已废止（施行至{span.to}）"
    if span.from_ is None:
        return rule.basis
    until = f"至{span.to}" if span.to else "起"
    return f"{rule.basis}\n{IN_FORCE_ZH[state]}（{span.from_}{until}）"


def rules_view(book: RuleBook, today: dt.date) -> View:
    """The reply deadline rules: id, time limit, receipt convention and legal basis.

    The rules whose text is in force `today` first; then, in a table of their own, the
    texts repealed (still applied to cases received while they were in force) and
    those not yet in force."""
    records = [rule_record(rule, book, today) for rule in book]
    groups: dict[str, list[dict[str, Any]]] = {"in-force": [], "historical": [], "future": []}
    for record, rule in zip(records, book, strict=True):
        limit = period_zh(book.periods[rule.id])
        start = "" if rule.counts_from == "收到之日" else f"（自{rule.counts_from}起算）"
        state = rule.in_force.state(today) if rule.in_force is not None else "in-force"
        groups[state].append(
            {
                **record,
                "limit": f"{limit}\n（含延长{rule.count}）" if rule.extends else limit,
                "what": rule.name + start,
                "rule": "\n".join([rule.id, *rule.aliases]),
                "basis": _basis_zh(rule, today),
            }
        )
    counts = f"{len(records)} 条规则"
    if len(groups["in-force"]) != len(records):
        counts += f"（{today} 现行 {len(groups['in-force'])} 条）"
    caption = f"{counts}；收到当日不计入（民法典 第二百零一条）"
    if book.reply_date is not None:
        caption += f"\n{book.reply_date.name} ({book.reply_date.basis.split('《')[0]})"
    tables = [Table(RULE_COLUMNS, groups["in-force"], caption=caption)]
    titles = {
        "historical": "已废止的文本：收到之日在其施行期间的案件，仍按它们计算",
        "future": "尚未施行的文本：收到之日在其施行之后的案件，按它们计算",
    }
    for state, title in titles.items():
        if groups[state]:
            tables.append(Table(RULE_COLUMNS, groups[state], title=title))
    return View(tables, data=records, records=Records(RULE_CSV_COLUMNS, _rule_csv_rows(records)))


RULE_CSV_COLUMNS = (
    "id",
    "aliases",
    "name",
    "count",
    "day_type",
    "total_days",
    "extends",
    "receipt",
    "counts_from",
    "basis",
    "task",
    "quote",
    "checked_against",
    "check_note",
    "note",
    "in_force_from",
    "in_force_to",
    "in_force_state",
    "replaces",
)
"""The csv columns of `rules`: every rule's, the days in force flat at the end (empty
for a plan's own rules), whichever rule comes first."""


def _rule_csv_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        span = record.get("in_force") or {}
        rows.append(
            {
                **{key: value for key, value in record.items() if key != "in_force"},
                "in_force_from": span.get("from"),
                "in_force_to": span.get("to"),
                "in_force_state": span.get("state"),
            }
        )
    return rows


HOLIDAY_COLUMNS = (
    Column("类型", "kind"),
    Column("节日", "name"),
    Column("日期", "dates"),
    Column("天数", "days", justify="right"),
)


def holidays_view(arrangement: YearArrangement) -> View:
    """A year's official holidays and its 调休 make-up working days."""
    runs = [
        {
            "name": run.name,
            "first": run.first.isoformat(),
            "last": run.last.isoformat(),
            "days": run.days,
        }
        for run in arrangement.holidays
    ]
    makeup = [
        {"date": day.date.isoformat(), "weekday": day.weekday_zh, "name": day.name}
        for day in arrangement.makeup_workdays
    ]
    data = {
        "year": arrangement.year,
        "source": arrangement.source,
        "holidays": runs,
        "makeup_workdays": makeup,
    }
    csv_rows = [{"kind": "holiday", **run} for run in runs] + [
        {
            "kind": "makeup_workday",
            "name": d["name"],
            "first": d["date"],
            "last": d["date"],
            "days": 1,
        }
        for d in makeup
    ]
    rows = [
        {
            "kind": "放假",
            "name": run.name,
            "dates": f"{run.first} 至 {run.last}" if run.days > 1 else f"{run.first}",
            "days": run.days,
        }
        for run in arrangement.holidays
    ] + [
        {
            "kind": DayKind.MAKEUP_WORKDAY.zh,
            "name": day.name,
            "dates": f"{day.date}（{day.weekday_zh}）",
            "days": 1,
        }
        for day in arrangement.makeup_workdays
    ]
    table = Table(
        HOLIDAY_COLUMNS,
        rows,
        title=f"{arrangement.year}年 节假日安排",
        caption=f"来源：{arrangement.source}",
    )
    return View(
        [table], data=data, records=Records(["kind", "name", "first", "last", "days"], csv_rows)
    )


NOTE_ZH = {
    "received": "收到",
    "deemed received": "视为收到",
    "paused": "暂停计算",
    "extended": "顺延",
    "deadline": "截止",
}
EXPLAIN_COLUMNS = (
    Column("日期", "date"),
    Column("星期", "weekday"),
    Column("类型", "label"),
    Column("计数", "counted", justify="right"),
    Column("说明", "note"),
)


def channel_zh(channel: Channel) -> str:
    """互联网: 以双方确认之日为收到之日 (条例 第三十一条第三项)."""
    article = channel.basis.rpartition("》")[2]
    return f"{channel.name}：以{channel.receipt_day}为收到之日（条例 {article}）"


def deadline_view(
    calendar: WorkCalendar,
    received: dt.date,
    period: Period,
    due: dt.date,
    explained: Sequence[CountedDay] | None,
    rule: Rule | None = None,
    channel: Channel | None = None,
    restarted: dt.date | None = None,
    pauses: Sequence[Pause] = (),
    rule_asked: str | None = None,
    rules: RuleBook | None = None,
) -> View:
    """The deadline of a time limit from a day of receipt; every day between, if explained."""
    data: dict[str, Any] = {
        "from": received.isoformat(),
        "rule": rule.id if rule else None,
        "days": period.count,
        "day_type": period.day_type.value,
        "receipt": period.receipt.value,
        "deadline": due.isoformat(),
    }
    # Only when given, so the answers without them stay as they were.
    if channel is not None:
        data["channel"] = channel.id
    if restarted is not None:
        data["restart"] = restarted.isoformat()
    if pauses:
        data["pauses"] = [{"start": p.start.isoformat(), "end": p.end.isoformat()} for p in pauses]
    fields = [("收到", day_zh(calendar, received))]
    if channel is not None:
        fields.append(("渠道", channel_zh(channel)))
    if restarted is not None:
        fields.append(
            ("补正后收到", day_zh(calendar, restarted) + "，期限重新计算（条例 第三十条）")
        )
    fields += [
        ("期限", period_zh(period) + (f"（{rule.label}）" if rule else "")),
        ("起算", f"{period.receipt.value}: {period.receipt.zh}"),
    ]
    if rule_asked is not None and rule is not None and rules is not None:
        data["rule_asked"] = rule_asked
        fields.append(("文本", switch_remark(rules, rule.id, rule_asked)))
    fields += [("暂停", f"{p.start} 至 {p.end}") for p in pauses]
    fields.append(("截止", day_zh(calendar, due)))
    if year := calendar.provisional(received, due):
        data["provisional"] = year
        fields.append(("暂定", f"{year}年调休安排未公布，按放假办法第二条的节日加周末计算"))
    shown: list[Block] = [Fields(fields)]
    if explained is not None:
        data["explain"] = [counted_day_record(day) for day in explained]
        rows = [
            {
                "date": counted.day.date.isoformat(),
                "weekday": counted.day.weekday_zh,
                "label": counted.day.label,
                "counted": counted.counted,
                "note": "、".join(NOTE_ZH[note] for note in counted.note.split(", ") if note),
            }
            for counted in explained
        ]
        shown.append(Table(EXPLAIN_COLUMNS, rows))
    return View(shown, data=data)


def verdict_view(case: CaseAnswer) -> View:
    """One case judged (`reply-check --received ...`), its note after it on stderr."""
    view = case_view(case.calendar, case.verdict, case.as_of, case.book)
    return view._replace(summary=case.notes)


def case_view(
    calendar: WorkCalendar, verdict: Verdict, as_of: dt.date, rules: RuleBook | None = None
) -> View:
    """One case: receipt, reply, time limit, pauses, deadline, days used and the verdict.

    With the rule book, the rule is named with its Chinese name and the channel shown.
    """
    period = verdict.period
    label = verdict.rule or ""
    if rules is not None and verdict.rule:
        label = rules.get(verdict.rule).label
    limit = period_zh(period) + (f"（{label}）" if label else "")
    used = "—" if verdict.working_days_used is None else str(verdict.working_days_used)
    replied = verdict.replied
    fields = [("收到", day_zh(calendar, verdict.received))]
    if verdict.channel is not None and rules is not None:
        fields.append(("渠道", channel_zh(rules.channel(verdict.channel))))
    if verdict.restart is not None:
        fields.append(
            ("补正后收到", day_zh(calendar, verdict.restart) + "，期限重新计算（条例 第三十条）")
        )
    fields += [
        ("答复", day_zh(calendar, replied) if replied else f"尚未答复（截至 {as_of}）"),
        ("期限", limit),
        ("起算", f"{period.receipt.value}: {period.receipt.zh}"),
    ]
    if verdict.rule_asked is not None and verdict.rule and rules is not None:
        fields.append(("文本", switch_remark(rules, verdict.rule, verdict.rule_asked)))
    fields += [("暂停", f"{p.start} 至 {p.end}") for p in verdict.pauses]
    if verdict.deadline is not None:
        due = day_zh(calendar, verdict.deadline)
    else:
        earliest = verdict.earliest.isoformat() if verdict.earliest else ""
        due = f"不早于 {earliest}（{verdict.certain_without}年调休安排未公布）"
    if verdict.provisional is not None:
        due += f"（暂定：{verdict.provisional}年按放假办法第二条的节日加周末计）"
    fields += [
        ("截止", due),
        ("已用工作日", used),
        ("结论", f"{verdict.status.value} {verdict.status.zh}"),
    ]
    if verdict.certain_without is not None:
        fields.append(
            (
                "确定",
                f"不论{verdict.certain_without}年如何调休，结论不变"
                f"（certain_without: {verdict.certain_without}）",
            )
        )
    late = standing(verdict.status, verdict.deadline, replied, calendar, as_of)
    if shown := standing_zh(verdict.status, late):  # as the file's table has it
        fields.append(("剩余/逾期", shown))
    return View([Fields(fields)], data=verdict_record(verdict))


# The batch table's columns; their keys are the batch csv's column names, except
# `limit`, which shows the csv's rule and days in one cell, and `standing`, the days
# left or late, for people.
BATCH_COLUMNS = (
    Column("行", "line", justify="right"),
    Column("编号", "id", ratio=1),
    Column("收到", "received"),
    Column("答复", "replied"),
    Column("期限", "limit"),
    Column("截止", "deadline"),
    Column("已用", "working_days_used", justify="right"),
    Column("结论", "status"),
    Column("剩余/逾期", "standing"),
)


def standing_zh(status: ReplyStatus, late: Lateness) -> str:
    """An open case's working days left, a late one's days over: 剩余3个工作日, 逾期2天."""
    if status is ReplyStatus.OPEN and late.working_days_left is not None:
        left = late.working_days_left
        return f"剩余{left}个工作日" if left else "今日到期"
    if late.days_late is not None:
        return f"{'超期' if status is ReplyStatus.OVERDUE else '逾期'}{late.days_late}天"
    return ""


def limit_zh(result: RowResult, names: Mapping[str, str]) -> str:
    """A row's rule, by its Chinese name where it has one, and its days: 网上咨询 5."""
    return f"{names.get(result.rule, result.rule)} {result.days or ''}".strip()


def batch_view(answer: FileAnswer) -> View:
    """A file's rows checked, as a table for people."""
    return rows_view(answer.rows, answer.calendar, answer.as_of, answer.book)


def batch_sheet_view(answer: FileAnswer) -> View:
    """A file's rows checked, as a workbook with the input's other columns after them."""
    return rows_sheet_view(answer.rows, answer.summary.passed)


def rows_view(
    rows: Sequence[TableRow], calendar: WorkCalendar, as_of: dt.date, rules: RuleBook
) -> View:
    """Every checked row of a file as a table, verdicts and rule names in Chinese; under
    it, why rows are invalid and the remarks on checked ones."""
    names = {rule.id: rule.aliases[0] for rule in rules if rule.aliases}
    records = [
        {
            "line": row.line,
            "id": row.id,
            "received": row.result.received,
            "replied": row.result.replied,
            "limit": limit_zh(row.result, names),
            "deadline": row.result.deadline,
            "working_days_used": row.result.working_days_used,
            "status": row.result.status.zh,
            "standing": standing_zh(row.result.status, lateness(row.result, calendar, as_of)),
        }
        for row in rows
    ]
    reasons = [f"第{row.line}行：{row.result.reason}" for row in rows if row.result.reason]
    for record, row in zip(records, rows, strict=True):
        if row.result.confirmed:  # 确认日期, under 收到: the table stays as wide as it was
            record["received"] = f"{row.result.received}\n确认 {row.result.confirmed}"
    return View([Table(BATCH_COLUMNS, records, caption="\n".join(reasons) or None)])


SHEET_COLUMNS = (
    Column("行", "line"),
    Column("编号", "id"),
    Column("收到", "received", day=True),
    Column("答复", "replied", day=True),
    Column("规则", "rule"),
    Column("天数", "days"),
    Column("日类型", "day_type"),
    Column("受理", "receipt"),
    Column("截止", "deadline", day=True),
    Column("已用", "working_days_used"),
    Column("结论", "status"),
    Column("说明", "reason"),
    Column("渠道", "channel"),
    Column("重新起算", "restart", day=True),
)
CONFIRMED_COLUMN = Column("确认日期", "confirmed", day=True)
"""The sheet's 确认日期 column, after 重新起算, when a row of the file has one."""


def rows_sheet_view(rows: Sequence[TableRow], passed: Sequence[str] = ()) -> View:
    """Every checked row of a file with every csv field, for a spreadsheet (xlsx); the
    input's other columns (`passed`, headed as in the input) after them, as csv and
    json keep them."""
    extra = tuple(f"passed.{index}" for index in range(len(passed)))
    records = [
        {
            "line": row.line,
            "id": row.id,
            "received": row.result.received,
            "replied": row.result.replied,
            "rule": row.result.rule,
            "days": row.result.days,
            "day_type": row.result.day_type,
            "receipt": row.result.receipt,
            "deadline": row.result.deadline,
            "working_days_used": row.result.working_days_used,
            "status": row.result.status.zh,
            "reason": row.result.reason,
            "channel": row.result.channel,
            "restart": row.result.restart,
            "confirmed": row.result.confirmed,
            **dict(zip(extra, row.extra or [""] * len(extra), strict=True)),
        }
        for row in rows
    ]
    confirmed = (CONFIRMED_COLUMN,) if any(row.result.confirmed for row in rows) else ()
    columns = (
        *SHEET_COLUMNS,
        *confirmed,
        *(Column(name, key) for name, key in zip(passed, extra, strict=True)),
    )
    return View([Table(columns, records, title="答复期限核对")])
