"""Reading a 时间节点 cell as a deadline in the plan's year.

    N月底前   -> the last day of month N
    N月份     -> a window over month N (8月份: 2021-08-01..2021-08-31)
    N月D日前  -> that day
    上半年    -> 06-30;  下半年, 年底前 -> 12-31
    第一季度 ... 第四季度 (or 一季度) -> the quarter's last day
    全年      -> 12-31, an all-year (ongoing) duty

Anything else is not a deadline: `TimeNodeError`, which validation reports
with the file and line, never a silent null.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from gongkai_cli.model.plan import Deadline

_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}
_MONTH_END = re.compile(r"(\d{1,2})月底前")
_MONTH = re.compile(r"(\d{1,2})月份")
_DAY = re.compile(r"(\d{1,2})月(\d{1,2})日前")
_QUARTER = re.compile(r"第?([一二三四])季度")


class TimeNodeError(ValueError):
    """A 时间节点 that names no deadline gongkai can read."""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(text: str, value: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise TimeNodeError(f"{text!r}: there is no month {month}")
    return month


def parse_time_node(text: str, year: int) -> Deadline:
    """The deadline that `text` sets in `year`."""
    if text == "全年":
        return Deadline(due=dt.date(year, 12, 31), all_year=True)
    if text == "上半年":
        return Deadline(due=dt.date(year, 6, 30))
    if text in ("下半年", "年底前"):
        return Deadline(due=dt.date(year, 12, 31))
    if match := _MONTH_END.fullmatch(text):
        return Deadline(due=_month_end(year, _month(text, match[1])))
    if match := _MONTH.fullmatch(text):
        month = _month(text, match[1])
        return Deadline(due=_month_end(year, month), window_start=dt.date(year, month, 1))
    if match := _DAY.fullmatch(text):
        try:
            return Deadline(due=dt.date(year, _month(text, match[1]), int(match[2])))
        except ValueError as exc:
            raise TimeNodeError(f"{text!r}: {exc}") from None
    if match := _QUARTER.fullmatch(text):
        return Deadline(due=_month_end(year, 3 * _NUMERALS[match[1]]))
    raise TimeNodeError(
        f"{text!r} is not a time node gongkai can read "
        "(expected N月底前, N月份, N月D日前, 上半年, 下半年, 年底前, 第N季度 or 全年)"
    )
