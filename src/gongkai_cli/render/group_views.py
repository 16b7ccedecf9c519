"""`reply-check --group-by`: a summary per group (承办单位, 渠道, ...), and in all."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai_cli.model.workdays import ReplyStatus
from gongkai_cli.queries.reply_check import FileAnswer
from gongkai_cli.render.emit import Records, Table, View
from gongkai_cli.render.records import group_record
from gongkai_cli.render.table import Column, Percent
from gongkai_cli.workdays.replies.groups import GroupTally, total

_COUNTED = (
    ReplyStatus.MET,
    ReplyStatus.MISSED,
    ReplyStatus.OVERDUE,
    ReplyStatus.OPEN,
    ReplyStatus.INVALID,
)


def _columns(group_header: str) -> tuple[Column, ...]:
    return (
        Column(group_header, "group", ratio=1, atoms=True),
        *(Column(status.zh, status.value, justify="right") for status in _COUNTED),
        Column("合计", "rows", justify="right"),
        Column("按时率", "on_time_rate", justify="right"),
        Column("逾期中位", "median_days_late", justify="right"),
        Column("最长逾期", "worst_days_late", justify="right"),
    )


def _shown(record: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    rate = record["on_time_rate"]
    return {
        **record,
        "group": names.get(record["group"], record["group"]) or "（空）",
        "on_time_rate": "—" if rate is None else Percent(rate, f"{rate:.1%}"),
        "median_days_late": "—"
        if record["median_days_late"] is None
        else record["median_days_late"],
        "worst_days_late": "—" if record["worst_days_late"] is None else record["worst_days_late"],
    }


def groups_view(answer: FileAnswer) -> View:
    """A file's rows tallied by group (--group-by)."""
    assert answer.groups is not None and answer.group_by is not None, "checked by group"
    return tally_view(answer.group_by, answer.summary.passed[0], answer.groups, answer.group_names)


def tally_view(
    group_by: str,
    header: str,
    groups: dict[str, GroupTally],
    names: Mapping[str, str] | None = None,
) -> View:
    """The groups in the order of their names, then 合计; JSON has `groups` and `total`,
    csv the groups alone.

    `group_by` is what was asked for (unit), `header` the column it is (承办单位);
    `names`, what the table calls a group (consult: 网上咨询), JSON and csv keeping it.
    """
    records = [group_record(name, groups[name]) for name in sorted(groups)]
    whole = group_record("合计", total(groups.values()))
    data = {
        "group_by": group_by,
        "column": header,
        "groups": records,
        "total": {key: value for key, value in whole.items() if key != "group"},
    }
    caption = (
        "按时率 = 按时 /（按时 + 逾期答复 + 超期未答复）。逾期中位、最长逾期：逾期答复和"
        "超期未答复的逾期天数（截止日之后的自然日，逾期答复算到答复日，超期未答复算到今天）"
        "的中位数和最大值"
    )
    rows = [_shown(record, names or {}) for record in [*records, whole]]
    table = Table(_columns(header), rows, caption=caption, compact=True)
    keys = [column.key for column in table.columns]
    return View([table], data=data, records=Records(keys, records))
