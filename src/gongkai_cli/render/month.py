"""`gongkai calendar`: a month as a grid of weeks, Monday first (一 二 三 四 五 六 日).

Each cell is the day's number, then 休 for a day off or 班 for a 调休 working day,
then ●N when N tasks fall due that day or ○ while a window (8月份) is open. Today
is bracketed, [15], so it shows without colour. Under the grid: the legend, the
holidays by name, and the month's tasks as a table.

`grid_lines` is pure (a view in, lines out) so its layout can be tested exactly;
escape codes are added only when asked for, after the layout is measured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from gongkai_cli.model.plan import Role
from gongkai_cli.model.workdays import DayKind
from gongkai_cli.queries.calendar import (
    CalendarAnswer,
    HolidayInMonth,
    MonthDay,
    MonthTask,
    PlanMonth,
)
from gongkai_cli.render.emit import Block, Drawing, Table, Terminal, Text, View
from gongkai_cli.render.records import draft_mark, grace_footnote, grace_lines, month_record
from gongkai_cli.render.sanitise import line_text
from gongkai_cli.render.table import Column
from gongkai_cli.render.text import pad, width, wrap
from gongkai_cli.workdays.days import WEEKDAYS_ZH

WEEKDAY_HEADS = ("一", "二", "三", "四", "五", "六", "日")
DUE_MARK = "●"
WINDOW_MARK = "○"
MARK_CELLS = 3  # ●N or ●NN; wider counts widen every cell
GAP = 2

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_RED = "\x1b[31m"
_BLUE = "\x1b[34m"
_REVERSE = "\x1b[7m"

Segment = tuple[str, str]  # (text, escape code or "")


def _paint(segments: Iterable[Segment], styled: bool) -> str:
    """The segments joined, each one's code around its text but not its padding."""
    if not styled:
        return "".join(text for text, _ in segments)
    out = []
    for text, code in segments:
        core = text.strip(" ")
        if code and core:
            start = text.index(core)
            text = f"{text[:start]}{code}{core}{_RESET}{text[start + len(core) :]}"
        out.append(text)
    return "".join(out)


def _mark(day: MonthDay) -> str:
    if day.due:
        return f"{DUE_MARK}{len(day.due)}"
    return WINDOW_MARK if day.window else ""


def _cell(day: MonthDay, marks: int) -> list[Segment]:
    number = f"[{day.date.day:2d}]" if day.today else f" {day.date.day:2d} "
    kind = day.day.kind
    if kind is DayKind.HOLIDAY:
        flag, colour = "休", _RED
    elif kind is DayKind.MAKEUP_WORKDAY:
        flag, colour = "班", _BLUE
    else:
        flag, colour = "  ", ""
    number_code = _REVERSE if day.today else colour
    return [(number, number_code), (flag, colour), (pad(_mark(day), marks), _BOLD)]


def grid_lines(
    view: PlanMonth, *, styled: bool = False, total: int = 80, draft: bool = False
) -> list[str]:
    """The title, the weekday header and one line per week, at most `total` cells wide.

    The gap between columns shrinks (to none) before the grid grows wider than `total`.
    A draft plan's title is marked 【草稿】.
    """
    marks = max([MARK_CELLS, *(width(_mark(day)) for day in view.days)])
    cell = 4 + 2 + marks
    gap = max(0, min(GAP, (total - 7 * cell) // 6))
    spacer: Segment = (" " * gap, "")
    blank: list[Segment] = [(" " * cell, "")]

    # The unit's name is the plan's data: sanitised before the grid adds its own codes.
    who = line_text(view.unit) if view.unit is not None else "全部任务"
    lines = [_paint([(f"{draft_mark(draft)}{view.month.zh} · {who}", _BOLD)], styled), ""]
    head: list[Segment] = []
    for index, name in enumerate(WEEKDAY_HEADS):
        if index:
            head.append(spacer)
        head.append((pad(f" {name}", cell), _BOLD))
    lines.append(_paint(head, styled).rstrip())

    first_column = view.month.first.weekday()
    cells: list[list[Segment]] = [blank] * first_column
    cells += [_cell(day, marks) for day in view.days]
    cells += [blank] * (-len(cells) % 7)
    for week in range(0, len(cells), 7):
        row: list[Segment] = []
        for index, segments in enumerate(cells[week : week + 7]):
            if index:
                row.append(spacer)
            row.extend(segments)
        lines.append(_paint(row, styled).rstrip())
    return lines


def _day_zh(date: dt.date, month: int | None = None) -> str:
    return f"{date.day}日" if date.month == month else f"{date.month}月{date.day}日"


def _holiday_line(holiday: HolidayInMonth) -> str:
    parts = []
    for first, last in holiday.days_off:
        if first == last:
            parts.append(f"{_day_zh(first)}放假")
        else:
            parts.append(f"{_day_zh(first)}至{_day_zh(last, first.month)}放假")
    parts += [
        f"{_day_zh(d)}（{WEEKDAYS_ZH[d.weekday()]}）调休上班" for d in holiday.makeup_workdays
    ]
    return f"{line_text(holiday.name)}：" + "，".join(parts)


def legend_lines(view: PlanMonth) -> list[str]:
    """The marks the grid uses, then each holiday with its days off and 调休 working days."""
    kinds = {day.day.kind for day in view.days}
    keys = []
    if DayKind.HOLIDAY in kinds:
        keys.append("休 放假")
    if DayKind.MAKEUP_WORKDAY in kinds:
        keys.append("班 调休上班")
    if any(day.today for day in view.days):
        keys.append(f"[{view.today.day:2d}] 今天")
    if any(day.due for day in view.days):
        keys.append(f"{DUE_MARK}N 当天截止 N 项")
    if any(day.window for day in view.days):
        keys.append(f"{WINDOW_MARK} 窗口期内")
    lines = ["   ".join(keys)] if keys else []
    lines += [_holiday_line(holiday) for holiday in view.holidays]
    return lines


def _deadline_cell(item: MonthTask) -> str:
    due = item.due
    lines = [f"{due:%m-%d} {WEEKDAYS_ZH[due.weekday()]}"]
    task = item.task
    if task.time_node:
        lines.append(task.time_node)
    elif decided := task.decision_for("time_node"):
        lines.append(f"（{decided.value}）*")
    if item.window_start is not None:
        lines.append(f"自 {item.window_start:%m-%d} 起")
    if item.last_working_day is not None:
        lines.append(f"最后工作日 {item.last_working_day:%m-%d}")
    if item.pre_issue is not None:  # gongkai's grace: the day as written beside it
        lines.append(grace_lines(item.written_due))
    return "\n".join(lines)


def _items_plan(view: PlanMonth) -> bool:
    """Whether the month shows an items plan's tasks: an annex row always has a name source."""
    shown = (*view.tasks, *view.may_apply)
    return bool(shown) and all(item.task.name_source is None for item in shown)


def _records(items: Sequence[MonthTask]) -> list[dict[str, object]]:
    return [
        {
            "seq": item.seq,
            "deadline": _deadline_cell(item),
            "name": item.task.display_name,
            "role": (item.role.zh if item.role else "") + (f"\n经 {item.via}" if item.via else ""),
            "via": item.via or "",
            "responsible": item.task.responsible,
        }
        for item in items
    ]


def month_page(answer: CalendarAnswer) -> View:
    """The grid, its legend and the month's tasks; the month's data for JSON."""
    view = answer.month

    def draw(term: Terminal) -> list[str]:
        out = grid_lines(view, styled=term.styled, total=term.width, draft=answer.draft)
        legend = legend_lines(view)
        if legend:
            out += ["", *legend]
        return [line for text in [*out, ""] for line in wrap(text, term.width)]

    shown: list[Block] = [Drawing(draw)]
    name_heading = "条目内容" if _items_plan(view) else "任务名称"
    if not view.tasks:
        shown.append(Text(f"{view.month.zh}没有到期或在窗口期内的任务"))
    else:
        columns = [
            Column("序号", "seq", justify="right"),
            Column("截止", "deadline"),
            Column(name_heading, "name", ratio=1),
        ]
        if view.unit is not None:
            columns.append(Column("角色", "role", atoms=True))
        else:
            columns.append(Column("责任单位", "responsible", ratio=1, atoms=True))
        title = f"{draft_mark(answer.draft)}{view.month.zh}的任务"
        shown.append(Table(columns, _records(view.tasks), title=title, caption=_caption(view)))
    if view.may_apply:
        columns = [
            Column("序号", "seq", justify="right"),
            Column("截止", "deadline"),
            Column(name_heading, "name", ratio=1),
            Column("集合", "via", atoms=True),
        ]
        title = "可能适用（未计入日历）：责任单位是未列明成员的集合，是否适用请自行确认"
        shown += [Text(""), Table(columns, _records(view.may_apply), title=title)]
    if view.undated:  # on no day of any month, and still owed: named, not lost
        seqs = "、".join(map(str, view.undated))
        shown.append(
            Text(
                f"无明确时限（不在日历中）：序号 {seqs}，共 {len(view.undated)} 项；"
                "没有截止日期，不计逾期，gongkai due 单独列出"
            )
        )
    return View(shown, data=month_record(view), notes=answer.notes)


def _caption(view: PlanMonth) -> str:
    items = view.tasks
    text = f"共 {len(items)} 项"
    if view.unit is not None:
        counts = dict.fromkeys(Role, 0)
        for item in items:
            if item.role is not None:
                counts[item.role] += 1
        text += "：" + "，".join(f"{role.zh} {count}" for role, count in counts.items())
        via = sum(1 for item in items if item.via)
        if via:
            text += f"（经集合 {via}）"
    if any(not item.task.time_node for item in (*items, *view.may_apply)):
        if _items_plan(view):
            text += "\n* 未写完成时限，按记录的决定取值"
        else:
            text += "\n* 时间节点为空白单元格，按记录的决定取值"
    marked = next((i for i in (*items, *view.may_apply) if i.pre_issue is not None), None)
    if marked is not None and marked.pre_issue is not None:
        term = "完成时限" if _items_plan(view) else "时间节点"
        text += "\n" + grace_footnote(marked.pre_issue, term)
    return text
