"""Which column of a file's header holds what: `ColumnMap.from_header`.

Files come as offices export them, so a column is found by its English name or by a
Chinese header. When a header has several candidates for one role, the first in the
list below wins, and the others pass through like any other column:

- id: 工单编号, 申请编号, 编号, 序号 (the case's own number before a row counter);
- received: 收到日期, 受理日期, 登记日期, 申请日期 (条例 counts from 收到申请之日;
  受理 and 登记 are usually that day, 申请日期 is the applicant's and comes last), then
  the same as 时间 (12345 and 网上咨询 exports: 受理时间, a date-time);
- replied: 答复日期, 回复日期, 办结日期 (办结 may come after the reply), then 答复时间,
  回复时间, 办结时间;
- rule: 规则, 类型; channel: 申请方式, 受理渠道, 渠道, 来源 (条例 第三十一条 goes by
  申请方式; a channel sets the day of receipt of an application rule only, and with
  `--rule auto` chooses each row's rule by the plan's intake map);
- restart (补正, 条例 第三十条) and days: by their English names;
- confirmed: 确认日期, 确认时间 (条例 第三十一条第三项: 以双方确认之日为收到之日; when a
  row has one, an application rule counts from it, whatever the channel's convention);
- unit: 承办单位, 办理单位, 责任单位 (not checked: for `--group-by unit`).

`--columns received=来电日期,rule=` names others (`ROLE=` says the file has none).
Every column the check does not read (unit included) passes through to the output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gongkai_cli.errors import UsageError, clipped, shown
from gongkai_cli.i18n import _

REQUIRED_COLUMNS = ("id", "received", "replied")
OPTIONAL_COLUMNS = ("rule", "days", "channel", "restart", "confirmed")
CHECKED_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
"""The columns a row is checked on; any other column passes through."""
ECHOED_COLUMNS = ("channel", "restart", "confirmed")
"""Optional input columns repeated in the output, after `reason`, when the input has them:
confirmed (确认日期) as the day it was read where it decides the count, else as written."""

HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "工单编号", "申请编号", "编号", "序号"),
    "received": (
        "received",
        "收到日期",
        "受理日期",
        "登记日期",
        "申请日期",
        "收到时间",
        "受理时间",
        "登记时间",
    ),
    "replied": ("replied", "答复日期", "回复日期", "办结日期", "答复时间", "回复时间", "办结时间"),
    "rule": ("rule", "规则", "类型"),
    "days": ("days",),
    "channel": ("channel", "申请方式", "受理渠道", "渠道", "来源"),
    "restart": ("restart",),
    "confirmed": ("confirmed", "确认日期", "确认时间"),
    "unit": ("unit", "承办单位", "办理单位", "责任单位"),
}
"""Each role's headers, the preferred first."""

SYNTAX = "--columns received=HEADER,replied=HEADER,..."


def parse_columns(texts: Iterable[str]) -> dict[str, str]:
    """`--columns` (repeatable, comma-separated ROLE=HEADER) as role -> header ("" for none)."""
    mapping: dict[str, str] = {}
    for text in texts:
        for item in text.split(","):
            if not item.strip():
                continue
            role, sep, header = item.partition("=")
            role = role.strip()
            if not sep:
                raise UsageError(
                    _("--columns {item}: expected ROLE=HEADER, as in {syntax}").format(
                        item=shown(item), syntax=SYNTAX
                    )
                )
            if role not in HEADERS:
                raise UsageError(
                    _("--columns {item}: {role} is not one of {headers}").format(
                        item=shown(item), role=shown(role), headers=", ".join(HEADERS)
                    )
                )
            if role in mapping:
                raise UsageError(_("--columns names {role} twice").format(role=role))
            if not header.strip() and role in REQUIRED_COLUMNS:
                raise UsageError(
                    _("--columns {item}: a file must have a {role} column").format(
                        item=shown(item), role=role
                    )
                )
            mapping[role] = header.strip()
    return mapping


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Where the fields a row is checked on sit in a CSV row (0-based), from its header."""

    id: int
    received: int
    replied: int
    rule: int | None
    days: int | None
    width: int
    """How many columns the header names; a row with another count is invalid."""
    header: tuple[str, ...] = ()
    channel: int | None = None
    """The channel of application (条例 第三十一条)."""
    restart: int | None = None
    confirmed: int | None = None
    """The day the office and the applicant confirmed the application (第三十一条第三项)."""
    """The day the corrected application arrived (条例 第三十条)."""
    unit: int | None = None
    passed: tuple[int, ...] = ()
    """The columns not checked, in the file's order: they pass through to the output."""

    @classmethod
    def from_header(cls, header: list[str], named: Mapping[str, str] | None = None) -> ColumnMap:
        """The columns a header names (`named`: role -> header from --columns), or
        UsageError for a missing required one or a repeated one."""
        named = named or {}
        found: dict[str, int] = {}
        taken: set[str] = set()
        for role, name in named.items():
            if name:
                found[role] = _position(header, name, f"--columns {role}={name}")
                taken.add(name)
        for role, names in HEADERS.items():
            if role in named:
                continue
            alias = next((n for n in names if n in header and n not in taken), None)
            if alias is not None:
                found[role] = _position(header, alias, None)
                taken.add(alias)
        missing = [role for role in REQUIRED_COLUMNS if role not in found]
        if missing:
            columns = ", ".join(header[:30])
            more = _(" and {count} more").format(count=len(header) - 30) if len(header) > 30 else ""
            example = ",".join(f"{role}=HEADER" for role in missing)
            said = (
                _(
                    "the header has no {missing} column; its columns are {columns}{more}; "
                    "name it with --columns {example}"
                )
                if len(missing) == 1
                else _(
                    "the header has no {missing} column; its columns are {columns}{more}; "
                    "name them with --columns {example}"
                )
            )
            raise UsageError(
                said.format(
                    missing=_(" or ").join(missing), columns=columns, more=more, example=example
                )
            )
        checked = {found[role] for role in CHECKED_COLUMNS if role in found}
        return cls(
            found["id"],
            found["received"],
            found["replied"],
            found.get("rule"),
            found.get("days"),
            len(header),
            tuple(header),
            found.get("channel"),
            found.get("restart"),
            found.get("confirmed"),
            found.get("unit"),
            tuple(index for index in range(len(header)) if index not in checked),
        )

    @property
    def echo(self) -> tuple[str, ...]:
        """The optional columns the output repeats after `reason`: those the header names."""
        present = {"channel": self.channel, "restart": self.restart, "confirmed": self.confirmed}
        return tuple(name for name in ECHOED_COLUMNS if present[name] is not None)

    def fields(self, row: list[str]) -> tuple[str, str, str, str, str, str, str]:
        """received, replied, rule, days, channel, restart and confirmed as written (""
        where the row is short or the header lacks the column)."""

        # Written out, not a helper called seven times: once for each distinct row.
        size = len(row)
        received, replied, rule, days = self.received, self.replied, self.rule, self.days
        channel, restart, confirmed = self.channel, self.restart, self.confirmed
        return (
            row[received] if received < size else "",
            row[replied] if replied < size else "",
            row[rule] if rule is not None and rule < size else "",
            row[days] if days is not None and days < size else "",
            row[channel] if channel is not None and channel < size else "",
            row[restart] if restart is not None and restart < size else "",
            row[confirmed] if confirmed is not None and confirmed < size else "",
        )

    def key(self, row: list[str]) -> tuple[str, ...]:
        """What a row's result depends on: the checked fields but the id."""
        return self.fields(row)

    @property
    def passed_names(self) -> tuple[str, ...]:
        """The headers of the columns that pass through."""
        return tuple(self.header[index] for index in self.passed)

    def group_column(self, name: str) -> int:
        """The column `--group-by NAME` means: a role (unit, rule, ...) or a header."""
        index = getattr(self, name, None) if name in HEADERS else None
        if isinstance(index, int):
            return index
        if name in self.header:
            return self.header.index(name)
        if name in HEADERS:
            said = _(
                "--group-by {name}: no {name} column in the header ({header}); "
                "name it with --columns {name}=HEADER"
            )
        else:
            said = _("--group-by {name}: no column {shown} in the header ({header})")
        raise UsageError(
            said.format(name=clipped(name), shown=shown(name), header=", ".join(self.header))
        )


def _position(header: list[str], name: str, given: str | None) -> int:
    count = header.count(name)
    if count == 0:
        assert given is not None  # aliases are looked for among the header's names
        raise UsageError(
            _("{given}: the header has no column {name}; its columns are {header}").format(
                given=clipped(given), name=shown(name), header=", ".join(header)
            )
        )
    if count > 1:
        raise UsageError(_("column {name!r} appears twice in the header").format(name=name))
    return header.index(name)
