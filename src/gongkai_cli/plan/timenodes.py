"""Reading a 时间节点 (or 完成时限) as a deadline: one grammar for every plan.

Each spelling is read for the plan's year into a `Deadline` with a kind
(docs/data.md has the full table):

    date        6月底前, 6月底, 6月30日前, 上半年, 下半年, 年底前, 年内, 今年内, 第一季度,
                2022年6月底前, 2025年底前, 2025年12月31日前, 到2023年底, 下一年第一季度
    window      8月份 (2021-08-01..2021-08-31)
    all-year    全年
    ongoing     持续推进, 长期坚持, 常态化, 长期: no due day, never overdue
    recurring   每月, 每月25日前, 每季度, 每半年, 每年4月1日前: each occurrence in the
                plan's year is a due day; the last one is `due`
    milestones  9月底前启动,12月底前完成 (or 、 between stages): each stage has its day;
                the last is `due`
    relative    印发后30日内, 1个月内 (from the document's issue date),
                决策文件出台后10个工作日, 征求活动结束后1个月内 (from an event day recorded
                in progress, `event:`; undated until then: `due_after_event`)

A year written in the node (2022年, 下一年) wins over the plan's year. Anything
else is `TimeNodeError`; validation reports it with the file and line unless a
recorded decision (field: time_node) gives the reading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from gongkai_cli.i18n import _
from gongkai_cli.model.deadline import Deadline, DeadlineKind, Milestone, month_end
from gongkai_cli.model.plan import Decision, Document

# The readable forms, for the message of a node that is none of them.
FORMS = (
    "N月底前",
    "N月底",
    "N月D日前",
    "N月份",
    "上半年",
    "下半年",
    "年底前",
    "年内",
    "今年内",
    "第N季度",
    "全年",
    "YYYY年N月底前",
    "YYYY年底前",
    "YYYY年M月D日前",
    "到YYYY年底",
    "下一年第N季度",
    "持续推进",
    "长期坚持",
    "常态化",
    "长期",
    "每月",
    "每月D日前",
    "每季度",
    "每半年",
    "每年M月D日前",
    "N月底前启动，M月底前完成",
    "N月底前启动、M月底前完成",
    "印发后N日内",
    "N个月内",
    "事件后N个工作日",
    "事件后N个月内",
)

ONGOING = frozenset({"持续推进", "长期坚持", "常态化", "长期", "持续", "常态化推进", "长期推进"})

_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# An optional year in front: 2022年, 下一年 / 次年 / 明年 (the plan's year + 1), 今年 / 本年
# (the plan's year).
_YEAR = r"(?:到|至|于)?(?:(?P<year>\d{4})年|(?P<next>下一年|次年|明年)|今年|本年度?)?"
# Words a stage or a node may end with after its day: 完成, 启动, 前完成 ...
_ACTION = r"(?:完成|启动|出台|实现|公开|发布|报送|部署|开展|建成|上线)?"
_DATE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(_YEAR + pattern + _ACTION))
    for name, pattern in (
        # 年底 alone, or 底 right after a written year (2025年底前)
        ("year_end", r"(?:年|(?<=年))(?:底|末)(?:前|之前)?"),
        ("year_within", r"(?:年|(?<=年))内"),
        ("half", r"(?P<half>上|下)半年(?:前|之前)?"),
        ("quarter", r"第?(?P<quarter>[一二三四1-4])季度(?:末|底)?(?:前|之前)?"),
        ("month_end", r"(?P<month>\d{1,2})月(?:底|末)(?:前|之前)?"),
        ("day", r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:前|之前|以前)?"),
        ("month", r"(?P<month>\d{1,2})月份?"),
    )
)
_EVERY_MONTH_DAY = re.compile(r"每月(?P<day>\d{1,2})日(?:前|之前|以前)?")
_EVERY_YEAR_DAY = re.compile(r"每年(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:前|之前|以前)?")
_EVERY_YEAR_MONTH_END = re.compile(r"每年(?P<month>\d{1,2})月(?:底|末)(?:前|之前)?")
_COUNT = r"(?P<n>\d+|[一两二三四五六七八九十]{1,2})(?P<unit>个工作日|个自然日|个月|日|天)"
_RELATIVE = re.compile(
    r"(?:在|于)?(?P<event>.+?)(?:后|之日起|之日后)的?" + _COUNT + r"(?:内|以内|之内)?"
)
# A count with no event (1个月内, 30日内): from the plan's issue, the event it counts from.
_FROM_ISSUE = re.compile(_COUNT + r"(?:内|以内|之内)")
_NUMERALS = dict(zip("一二三四五六七八九", range(1, 10), strict=True)) | {"两": 2}
_STAGES = re.compile(r"[,，;；、]")
_ISSUE_EVENTS = frozenset({"印发", "本工作要点印发", "本要点印发", "文件印发", "本方案印发"})

AddWorkingDays = Callable[[dt.date, int], dt.date | None]


class TimeNodeError(ValueError):
    """A 时间节点 that names no deadline gongkai can read."""


def _month(text: str, value: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise TimeNodeError(
            _("{text}: there is no month {month}").format(text=repr(text), month=month)
        )
    return month


def _day(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise TimeNodeError(f"{text!r}: {_(str(exc))}") from None  # io.dates.PYTHON_REASONS


def _read_date(text: str, year: int) -> tuple[dt.date, dt.date | None] | None:
    """(due, window start) of a one-day or one-span node, or None when it is not one."""
    for name, pattern in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups["year"]:
            year = int(groups["year"])
        elif groups["next"]:
            year += 1
        if name in ("year_end", "year_within"):
            return dt.date(year, 12, 31), None
        if name == "half":
            return (dt.date(year, 6, 30) if groups["half"] == "上" else dt.date(year, 12, 31)), None
        if name == "quarter":
            return month_end(year, 3 * _CN[groups["quarter"]]), None
        month = _month(text, groups["month"])
        if name == "month_end":
            return month_end(year, month), None
        if name == "day":
            return _day(text, year, month, int(groups["day"])), None
        return month_end(year, month), dt.date(year, month, 1)
    return None


def _recurring(text: str, year: int) -> tuple[dt.date, ...] | None:
    """The occurrences in `year` of a recurring node, or None when it is not one."""
    if text in ("每月", "每月底", "每月底前", "每月末"):
        return tuple(month_end(year, m) for m in range(1, 13))
    if text in ("每季度", "每季度末", "每季度底", "每季"):
        return tuple(month_end(year, m) for m in (3, 6, 9, 12))
    if text in ("每半年", "每半年末"):
        return (dt.date(year, 6, 30), dt.date(year, 12, 31))
    if text in ("每年", "每年底", "每年底前", "每年年底前"):
        return (dt.date(year, 12, 31),)
    if match := _EVERY_MONTH_DAY.fullmatch(text):
        day = int(match["day"])
        if not 1 <= day <= 31:
            raise TimeNodeError(_("{text}: there is no day {day}").format(text=repr(text), day=day))
        # 每月31日前 in a short month: its last day.
        return tuple(dt.date(year, m, min(day, month_end(year, m).day)) for m in range(1, 13))
    if match := _EVERY_YEAR_DAY.fullmatch(text):
        return (_day(text, year, _month(text, match["month"]), int(match["day"])),)
    if match := _EVERY_YEAR_MONTH_END.fullmatch(text):
        return (month_end(year, _month(text, match["month"])),)
    return None


def _count(text: str) -> int:
    """A count written in digits or in Chinese numerals up to 十九 (一, 两, 十二)."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _NUMERALS.get(text[1:], 0)
    if len(text) == 2 and text.endswith("十"):
        return _NUMERALS[text[0]] * 10
    return _NUMERALS[text]


def _relative(
    text: str, issued: dt.date | None, add_working_days: AddWorkingDays | None
) -> Deadline | None:
    match = _RELATIVE.fullmatch(text)
    event = match["event"] if match is not None else "印发"
    if match is None and (match := _FROM_ISSUE.fullmatch(text)) is None:
        return None
    try:
        offset = _count(match["n"])
    except KeyError:
        return None  # 二十一: not a count this grammar reads
    working = match["unit"] == "个工作日"
    months = match["unit"] == "个月"
    due: dt.date | None = None
    if event in _ISSUE_EVENTS and issued is not None:
        if months:
            due = _months_after(issued, offset)
        elif not working:
            due = issued + dt.timedelta(days=offset)
        elif add_working_days is not None:
            due = add_working_days(issued, offset)
    return Deadline(
        due=due,
        kind=DeadlineKind.RELATIVE,
        event=event,
        offset=offset,
        working_days=working,
        months=months,
    )


def _months_after(day: dt.date, count: int) -> dt.date:
    """The same day `count` months on, or that month's last day (1月31日 + 1个月 = 2月28日)."""
    months = day.month - 1 + count
    year, month = day.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(day.day, month_end(year, month).day))


def _milestones(text: str, year: int) -> Deadline | None:
    parts = [part.strip() for part in _STAGES.split(text)]
    if len(parts) < 2 or not all(parts):
        return None
    stages = []
    for part in parts:
        read = _read_date(part, year)
        if read is None:
            return None
        stages.append(Milestone(text=part, due=read[0]))
    return Deadline(due=stages[-1].due, kind=DeadlineKind.MILESTONES, milestones=tuple(stages))


def parse_time_node(
    text: str,
    year: int,
    issued: dt.date | None = None,
    add_working_days: AddWorkingDays | None = None,
) -> Deadline:
    """The deadline that `text` sets in `year` (relative nodes count from `issued`)."""
    node = text.strip()
    if node == "全年":
        return Deadline(due=dt.date(year, 12, 31), all_year=True, kind=DeadlineKind.ALL_YEAR)
    if node in ONGOING:
        return Deadline(kind=DeadlineKind.ONGOING)
    if (read := _read_date(node, year)) is not None:
        due, start = read
        kind = DeadlineKind.WINDOW if start is not None else DeadlineKind.DATE
        return Deadline(due=due, window_start=start, kind=kind)
    if (occurrences := _recurring(node, year)) is not None:
        return Deadline(due=occurrences[-1], kind=DeadlineKind.RECURRING, occurrences=occurrences)
    if (staged := _milestones(node, year)) is not None:
        return staged
    if (relative := _relative(node, issued, add_working_days)) is not None:
        return relative
    raise TimeNodeError(
        _(
            "{text} is not a time node gongkai can read (expected {forms}); "
            "keep it verbatim and record a decision (field: time_node) with its reading"
        ).format(text=repr(text), forms=", ".join(FORMS))
    )


def readable(text: str) -> bool:
    """Whether the grammar reads `text` on its own (without a recorded decision)."""
    try:
        parse_time_node(text, 2000, dt.date(2000, 1, 1))
    except TimeNodeError:
        return False
    return True


def unstated() -> Deadline:
    """The reading of an item that writes no time node (an items plan's 完成时限 is optional)."""
    return Deadline(kind=DeadlineKind.UNSTATED)


def _add_working_days(start: dt.date, count: int) -> dt.date | None:
    from gongkai_cli.errors import GongkaiError
    from gongkai_cli.workdays.calendar import load_calendar

    try:
        return load_calendar().add_working_days(start, count)
    except GongkaiError:  # outside the holiday calendar: the day stays unknown
        return None


def due_after_event(deadline: Deadline, day: dt.date) -> dt.date:
    """The due day of a node counted from an event (决策文件出台后10个工作日) that happened on
    `day`: N working days after it on the State Council calendar (CalendarCoverageError
    outside the calendar), N calendar days when the node counts days (日, 天), or N months
    (个月)."""
    assert deadline.offset is not None, "only a relative deadline counts from an event"
    if deadline.months:
        return _months_after(day, deadline.offset)
    if not deadline.working_days:
        return day + dt.timedelta(days=deadline.offset)
    from gongkai_cli.workdays.calendar import load_calendar

    return load_calendar().add_working_days(day, deadline.offset)


def read_deadline(node: str, decisions: Sequence[Decision], document: Document) -> Deadline:
    """The reading of a task's time node, with the recorded decision where there is one.

    An empty node takes the decision's value (the 2021 row 6), and so does a node the
    grammar cannot read; with no decision an empty node is unstated and an unreadable
    one is `TimeNodeError`.
    """
    decided = next((d.value for d in decisions if d.field == "time_node"), None)

    def read(text: str) -> Deadline:
        working = _add_working_days if "工作日" in text else None
        return parse_time_node(text, document.year, document.issued, working)

    if not node.strip():
        return unstated() if decided is None else read(decided)
    try:
        return read(node)
    except TimeNodeError:
        if decided is None:
            raise
        return read(decided)


# A deadline written inside a sentence of a task's text: 年底前完成, 8月1日前, 6月底报区政府办公室.
_YEAR_IN_TEXT = r"(?:\d{4}年|今年|明年|本年)?"
_DAY_IN_TEXT = re.compile(
    r"(?<![每\d年])(?:"
    + _YEAR_IN_TEXT
    + r"(?:\d{1,2}月\d{1,2}日|\d{1,2}月(?:底|末)|第?[一二三四]季度(?:末|底)?|[上下]半年)"
    + r"|(?:\d{4}年|今年|明年|本年|年)(?:底|末)"
    + r"|(?:今年|年)内"
    + r")(?P<before>前|之前|以前)?"
)
# A day that comes back (每月25日, 每季度末前) and a clock from an event (形成之日起20个工作日内).
_EVERY_IN_TEXT = re.compile(
    r"每(?:月\d{1,2}日|年\d{1,2}月\d{1,2}日|季度(?:末|底))(?:前|之前|以前)?"
)
_CLOCK_IN_TEXT = re.compile(
    r"[^，,。；;、：:在于应须自“”]{1,10}?(?:之日起|之日后|后)"
    r"(?:\d+|[一两二三四五六七八九十]{1,2})(?:个工作日|个自然日|个月|日|天)(?:内|以内|之内)"
)
# What follows a deadline that a sentence sets: the thing to deliver by then.
_TEXT_ACTION = re.compile(
    r"^(?:完成|报|上报|报送|启动|实现|建成|出台|印发|公开|发布|提交|办结|落实到位|全面完成|基本完成)"
)
_STAGE_JOIN = re.compile(r"^(?:完成|启动|出台|实现|公开|发布|报送|部署|开展|建成|上线)?[、，,]")


def deadlines_in(text: str) -> list[tuple[int, int]]:
    """Where `text` writes a deadline inside a sentence: (start, end) of each, in order,
    each readable as a time node on its own.

    A date counts when it says by when (8月1日前, 年底前, 在今年内) or is followed by what
    is due then (6月底报区政府办公室, 今年内完成); two joined by 、 or ， with their actions
    (9月底前启动、12月底前完成) are one staged node. A day that comes back (每月25日) and
    a clock from an event (形成之日起20个工作日内) count too; a bare frequency (按月, 每月)
    does not. Nothing here is applied on its own: an importer proposes what it finds.
    """
    found: list[tuple[int, int]] = []
    for match in _DAY_IN_TEXT.finditer(text):
        rest = text[match.end() :]
        action = _TEXT_ACTION.match(rest)
        by = match.start() > 0 and text[match.start() - 1] in "在于到"  # 在今年内, 于年底
        if match["before"] is None and not action and not by:
            continue
        end = match.end() + (action.end() if action and action[0] in ("完成", "启动") else 0)
        found.append((match.start(), end))
    dated: list[tuple[int, int]] = []
    index = 0
    while index < len(found):
        start, end = found[index]
        # A following deadline joined only by 、 or ， makes one staged node.
        while index + 1 < len(found) and _STAGE_JOIN.fullmatch(text[end : found[index + 1][0]]):
            index += 1
            end = found[index][1]
        dated.append((start, end))
        index += 1
    others = [m.span() for m in _EVERY_IN_TEXT.finditer(text)]
    others += [m.span() for m in _CLOCK_IN_TEXT.finditer(text)]
    spans = sorted(
        span
        for span in dated + others
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in others)
    )
    return [(start, end) for start, end in spans if readable(text[start:end])]
