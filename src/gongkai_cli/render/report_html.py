"""The report as one self-contained HTML file: inline CSS and SVG, nothing fetched.

It opens offline, can be mailed as an attachment, and prints on A4: charts scale
to the page width (SVG viewBox), table rows never split across pages, table
headers repeat, and the colours print. Every number is also written as text, so
the report reads in black and white. Rows carry their counts as `data-*`
attributes, so a program (or a test) can read them back.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from html import escape

from gongkai_cli import __version__
from gongkai_cli.model.plan import Layout
from gongkai_cli.model.progress import Standing, TargetState
from gongkai_cli.queries.report import (
    Counts,
    Report,
    entry_outcomes,
    once_each,
    target_lines,
    task_due,
)
from gongkai_cli.render.report_md import (
    RATE_HEADINGS,
    RATES_NOTE,
    UNDATED_NOTE,
    UNDATED_TITLE,
    count_headings,
    pre_issue_note,
    rate_text,
    requirement_text,
    shown_due,
    standing_text,
    title,
    undated_rows,
    value_text,
)

# Standing -> (label, colour): the legend, the bars and the timeline share them.
_COLOURS = {
    Standing.DONE_ON_TIME: "#2e7d32",
    Standing.DONE_LATE: "#f2a900",
    Standing.OVERDUE: "#c62828",
    Standing.OPEN: "#c5ced6",
    Standing.ONGOING: "#6c8ebf",  # no due day: in a unit's bar, never in a month's
}
STANDINGS = tuple((standing, standing.zh, colour) for standing, colour in _COLOURS.items())

CSS = """
:root { --ink: #1f2933; --muted: #5f6b76; --rule: #d9dee3; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 1000px; padding: 24px; font-size: 14px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 2px;
  border-bottom: 2px solid var(--ink); }
p.meta, p.note, figcaption { color: var(--muted); margin: 2px 0; }
.kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 14px 0; }
.kpi { border: 1px solid var(--rule); border-radius: 6px; padding: 6px 12px; min-width: 104px; }
.kpi b { display: block; font-size: 20px; }
.kpi span { color: var(--muted); font-size: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0; font-size: 12px; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -1px; border-radius: 2px; }
svg { display: block; max-width: 100%; height: auto; }
figure { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; text-align: left;
  vertical-align: top; }
th { background: #f1f3f5; font-weight: 600; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bar { width: 30%; vertical-align: middle; }
td.name { white-space: nowrap; }
#timeline { width: 100%; }
td.units { font-size: 12px; }
.late { color: #8a5a00; }
.bad { color: #c62828; font-weight: 600; }
.chips span { display: inline-block; border: 1px solid var(--rule); border-radius: 3px;
  padding: 0 4px; margin: 1px 2px 1px 0; font-size: 11.5px; }
footer { margin-top: 28px; color: var(--muted); font-size: 11px; }
td { overflow-wrap: anywhere; }
.scroll { max-width: 100%; overflow-x: auto; }
/* No column narrower than 4 characters (and its padding), whatever the cell holds. */
th, td { min-width: calc(4em + 12px); }
details summary { cursor: pointer; color: var(--muted); }
details[open] summary { margin-bottom: 2px; }
@media screen and (max-width: 899.98px) {
  body { padding: 12px; }
  th, td { padding: 3px 4px; min-width: calc(4em + 8px); }
  th { white-space: normal; }
  th.bar, td.bar { display: none; }
}
/* Below 600 px every table is a stack of cards: one card per row, the row's name at its
   head, each other cell under the label its column had (data-label), two to a line. */
@media screen and (max-width: 599.98px) {
  body { font-size: 13px; }
  h1 { font-size: 18px; }
  .kpi { min-width: 0; flex: 1 1 84px; padding: 4px 8px; }
  .kpi b { font-size: 17px; }
  table, tbody { display: block; font-size: 13px; }
  thead { display: none; }
  tr { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); column-gap: 12px;
    grid-auto-flow: row dense; border: 1px solid var(--rule); border-radius: 6px;
    padding: 6px 10px; margin: 0 0 8px; }
  td, td.n, td.name { display: flow-root; border: 0; padding: 1px 0 1px 5.6em; min-width: 0;
    text-align: left; white-space: normal; }
  td::before { content: attr(data-label); float: left; width: 5.2em; margin-left: -5.6em;
    color: var(--muted); font-weight: normal; }
  #months tr { grid-template-columns: 4.6em minmax(0, 1fr); padding: 4px 10px; margin: 0 0 6px; }
  #months td.head { grid-column: 1; grid-row: span 2; }
  #months td.wide { grid-column: auto; }
  td.head, td.wide, td.bar { grid-column: 1 / -1; }
  td.head { order: -1; padding-left: 0; font-weight: 600; font-size: 14px; }
  td.bar { display: block; width: auto; padding: 2px 0 4px; }
  td.head::before, td.bar::before { content: none; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h2 + *, h2 + * + *, .legend + *, p.note + * { break-before: avoid; page-break-before: avoid; }
  .scroll { overflow: visible; }
  figure, tr, .kpis { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9pt; }
  th, td { padding: 2px 4px; min-width: calc(3em + 8px); }
  th { white-space: normal; }
  .kpi { min-width: 0; padding: 4px 10px; }
  .kpi b { font-size: 16px; }
  td.bar { width: 24%; }
  /* On paper a folded list of units is printed open, under its count. */
  details::details-content { content-visibility: visible; display: block; }
}
"""


def _legend(ongoing: bool = False) -> str:
    """The colours' key; 持续推进 only where it can show (a unit's bar, in a report that has
    tasks with no due day)."""
    items = "".join(
        f'<span><i style="background:{colour}"></i>{escape(label)}</span>'
        for standing, label, colour in STANDINGS
        if ongoing or standing is not Standing.ONGOING
    )
    return f'<div class="legend">{items}</div>'


def _parts(counts: Counts) -> list[tuple[str, str, int]]:
    return [
        (label, colour, getattr(counts, str(standing))) for standing, label, colour in STANDINGS
    ]


def _bar(name: str, counts: Counts) -> str:
    """A 100% stacked bar of one unit's outcomes (width 200 in its own viewBox)."""
    rects = []
    x = 0.0
    for label, colour, count in _parts(counts):
        if not count:
            continue
        width = 200 * count / counts.owed
        rects.append(
            f'<rect class="seg" x="{x:.2f}" y="0" width="{width:.2f}" height="14" '
            f'fill="{colour}"><title>{escape(name)}：{escape(label)} {count}</title></rect>'
        )
        x += width
    if not rects:
        rects.append('<rect x="0" y="0" width="200" height="14" fill="none" stroke="#d9dee3"/>')
    return (
        '<svg class="unit-bar" viewBox="0 0 200 14" preserveAspectRatio="none" '
        f'width="100%" height="14" role="img" aria-label="{escape(name)}">{"".join(rects)}</svg>'
    )


# A white outline behind a label, so a line passing under it does not cross its text.
_HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"'


def _timeline(report: Report) -> str:
    """Columns per month of the obligations falling due, stacked by standing."""
    left, top, plot_w, plot_h = 44, 26, 696, 190
    width, height = left + plot_w + 10, top + plot_h + 40
    column = plot_w / 12
    tallest = max((row.counts.owed for row in report.months), default=0) or 1
    step = _nice_step(tallest)
    ceiling = step * -(-tallest // step)
    parts = [
        f'<svg id="timeline" viewBox="0 0 {width} {height}" width="{width}" '
        f'role="img" aria-label="各月到期任务">'
    ]
    for tick in range(0, ceiling + 1, step):
        y = top + plot_h - plot_h * tick / ceiling
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#5f6b76">{tick}</text>'
        )
    # The as-of line goes under the bars and their labels, which stay readable over it.
    as_of = report.as_of
    if as_of.year == report.document.year:
        days = calendar.monthrange(as_of.year, as_of.month)[1]
        mark = left + column * (as_of.month - 1 + (as_of.day - 0.5) / days)
        # Near either edge the label runs inwards from the line, so it is never cut off.
        anchor = "middle"
        if mark > left + plot_w - 60:
            anchor = "end"
        elif mark < left + 60:
            anchor = "start"
        parts.append(
            f'<line id="as-of" x1="{mark:.1f}" x2="{mark:.1f}" y1="{top - 8}" '
            f'y2="{top + plot_h}" stroke="#1f2933" stroke-dasharray="4 3"/>'
            f'<text id="as-of-label" x="{mark:.1f}" y="{top - 12}" font-size="11" '
            f'text-anchor="{anchor}">截至 {as_of.month}月{as_of.day}日</text>'
        )
    for row in report.months:
        x = left + column * (row.month - 1) + column * 0.18
        bar_w = column * 0.64
        y = float(top + plot_h)
        for label, colour, count in _parts(row.counts):
            if not count:
                continue
            h = plot_h * count / ceiling
            y -= h
            parts.append(
                f'<rect class="seg" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{row.month}月 {escape(label)} {count}</title></rect>'
            )
        centre = x + bar_w / 2
        if row.seqs:
            parts.append(
                f'<text x="{centre:.1f}" y="{y - 5:.1f}" font-size="11" text-anchor="middle" '
                f"{_HALO}>{len(row.seqs)}项</text>"
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot_h + 16}" font-size="12" '
            f'text-anchor="middle">{row.month}月</text>'
        )
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#1f2933"/>'
        f'<text x="{left}" y="{height - 4}" font-size="11" fill="#5f6b76">'
        "柱高：当月到期的应办事项数（任务 × 单位）；柱顶：当月到期的任务数</text></svg>"
    )
    return "".join(parts)


def _nice_step(tallest: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if tallest / step <= 6:
            return step
    return 10000


def _td(label: str | None, content: object, kind: str = "") -> str:
    """A cell; on a phone, a card's line under `label` (its column's heading). A `head`
    cell is the card's title, and a `wide` one takes the card's whole width."""
    attributes = f' class="{kind}"' if kind else ""
    if label is not None:
        attributes += f' data-label="{escape(label)}"'
    return f"<td{attributes}>{content}</td>"


NAMED_UNITS = 3
"""A task's row names its units (delivered, overdue) when there are at most this many;
more are counted, and a <details> holds their names."""


def _unit_list(names: list[str]) -> str:
    """Units' names (each already escaped, once each): all of them when few, else their
    count with the names folded away in a <details>, so a row of 56 names stays a line."""
    if not names:
        return "—"
    if len(names) <= NAMED_UNITS:
        return "、".join(names)
    return f"<details><summary>{len(names)} 个单位</summary>{'、'.join(names)}</details>"


def _count_cells(counts: Counts, ongoing: bool) -> str:
    cells = []
    for heading, key in count_headings(ongoing):
        value = getattr(counts, key)
        bad = " bad" if value and key in ("overdue", "below_target", "target_unrecorded") else ""
        cells.append(_td(heading, value, f"n{bad}"))
    for (heading, _), rate in zip(
        RATE_HEADINGS, (counts.due_rate, counts.completion_rate), strict=True
    ):
        cells.append(_td(heading, rate_text(rate), "n"))
    return "".join(cells)


def _data_attributes(counts: Counts, ongoing: bool) -> str:
    rate = counts.completion_rate
    attributes = [
        f'data-{key.replace("_", "-")}="{getattr(counts, key)}"'
        for _, key in count_headings(ongoing)
    ]
    attributes.append(f'data-completion-rate="{"" if rate is None else round(rate, 4)}"')
    due = counts.due_rate
    attributes.append(f'data-completion-rate-due="{"" if due is None else round(due, 4)}"')
    return " ".join(attributes)


def _count_headers(ongoing: bool) -> str:
    headings = (*count_headings(ongoing), *RATE_HEADINGS)
    return "".join(f'<th class="n">{escape(h)}</th>' for h, _ in headings)


def _units_table(report: Report) -> str:
    ongoing = bool(report.undated)
    rows = []
    for row in report.units:
        name = escape(row.unit.name)
        rows.append(
            f'<tr class="unit" data-unit="{name}" {_data_attributes(row.counts, ongoing)}>'
            f'<td class="name head">{name}</td>'
            f"{_td(None, _bar(row.unit.name, row.counts), 'bar')}"
            f"{_count_cells(row.counts, ongoing)}</tr>"
        )
    return (
        f'<div class="scroll"><table id="units"><thead><tr><th>单位</th>'
        f'<th class="bar">完成情况</th>{_count_headers(ongoing)}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _tasks_table(report: Report) -> str:
    ongoing = bool(report.undated)
    rows = []
    policy = report.policy
    marked = False
    for row in report.tasks:
        task = row.task
        counts = row.counts
        due, pre_issue = task_due(task, policy)
        marked = marked or pre_issue
        # The markup goes round each name once counted (once_each), so it is escaped first.
        delivered = once_each(
            f'<span class="late">{escape(o.obligation.unit)}※</span>'
            if o.standing is Standing.DONE_LATE
            else escape(o.obligation.unit)
            for o in row.outcomes
            if o.done
        )
        overdue = row.units(Standing.OVERDUE)
        overdue_names = once_each(escape(name) for name in overdue)
        rows.append(
            f'<tr class="task" data-seq="{task.seq}" {_data_attributes(counts, ongoing)}>'
            f"{_td('序号', task.seq, 'n')}{_td(None, escape(task.display_name), 'head')}"
            f"{_td('截止', escape(shown_due(task, due, pre_issue)), 'n')}"
            f"{_td('已完成', f'{counts.done}/{counts.owed}', 'n')}"
            f"{_td('已完成单位', _unit_list(delivered), 'units wide')}"
            f"{_td('逾期未完成', len(overdue), 'n bad' if overdue else 'n')}"
            f"{_td('逾期单位', _unit_list(overdue_names), 'units wide')}</tr>"
        )
    annex = report.document.layout is Layout.ANNEX_TABLE
    terms = report.document.layout.terms
    return (
        f'<div class="scroll"><table id="tasks"><thead><tr><th class="n">序号</th>'
        f"<th>{terms.name if annex else terms.content}</th>"
        '<th class="n">截止</th><th class="n">已完成</th><th>已完成单位（※ 逾期完成）</th>'
        f'<th class="n">{Standing.OVERDUE.zh}</th><th>逾期单位</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        + (f'<p class="note">{escape(pre_issue_note(report))}</p>' if marked else "")
    )


def _targets_section(report: Report) -> str:
    rows = []
    for line in target_lines(report):
        check = line.check
        bad = " bad" if check.state in (TargetState.BELOW, TargetState.UNRECORDED) else ""
        rows.append(
            f'<tr class="target" data-seq="{line.task.seq}" data-state="{check.state}">'
            f"{_td('序号', line.task.seq, 'n')}{_td(None, escape(line.task.display_name), 'head')}"
            f"{_td('单位', escape(line.unit))}{_td('指标', escape(check.target.metric))}"
            f"{_td('要求', escape(requirement_text(check.target)), 'n')}"
            f"{_td('填报值', escape(value_text(check)), 'n')}"
            f"{_td('结论', escape(check.state.zh), 'name' + bad)}</tr>"
        )
    if not rows:
        return ""
    return (
        '<section><h2>指标</h2><p class="note">已完成任务的填报值与工作要点的要求'
        "（未完成的任务只列已填报的进度值）。</p>"
        '<div class="scroll"><table id="targets"><thead><tr><th class="n">序号</th>'
        f"<th>{_name_heading(report)}</th><th>单位</th><th>指标</th>"
        '<th class="n">要求</th><th class="n">填报值</th><th>结论</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _name_heading(report: Report) -> str:
    """任务名称, or for an items plan 条目内容 (an item is read by its opening words)."""
    layout = report.document.layout
    return layout.terms.name if layout is Layout.ANNEX_TABLE else layout.terms.content


def _entries_section(report: Report) -> str:
    rows = []
    for outcome in entry_outcomes(report):
        entry = outcome.entry
        completed = outcome.completed.isoformat() if outcome.completed else "—"
        rows.append(
            f'<tr class="entry" data-seq="{outcome.obligation.task.seq}">'
            f"{_td('序号', outcome.obligation.task.seq, 'n')}"
            f"{_td(None, escape(outcome.obligation.task.display_name), 'head')}"
            f"{_td('单位', escape(outcome.obligation.unit))}"
            f"{_td('情况', escape(standing_text(outcome)))}{_td('完成日期', completed, 'n')}"
            f"{_td('佐证', escape(entry.evidence if entry and entry.evidence else '—'), 'wide')}"
            f"{_td('备注', escape(entry.note if entry and entry.note else '—'), 'wide')}</tr>"
        )
    if not rows:
        return ""
    return (
        '<section><h2>佐证与备注</h2><div class="scroll"><table id="entries"><thead><tr>'
        f'<th class="n">序号</th><th>{_name_heading(report)}</th><th>单位</th><th>情况</th>'
        '<th class="n">完成日期</th><th>佐证</th><th>备注</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _undated_section(report: Report) -> str:
    """The tasks with no due day (持续推进, no 完成时限), with how far each unit has got."""
    if not report.undated:
        return ""
    terms = report.document.layout.terms
    rows = "".join(
        f'<tr class="undated" data-seq="{row["seq"]}">{_td("序号", row["seq"], "n")}'
        f"{_td(None, escape(row['name']), 'head')}"
        f"{_td(terms.time_node, escape(row['time_node']))}{_td('已完成', row['done'], 'n')}"
        + "".join(
            _td(label, _unit_list([escape(name) for name in names]), "units wide")
            for label, names in zip(
                ("已完成单位", "进行中", "未开始或无记录"), row["lists"], strict=True
            )
        )
        + "</tr>"
        for row in undated_rows(report)
    )
    return (
        f'<section><h2>{UNDATED_TITLE}</h2><p class="note">{escape(UNDATED_NOTE)}</p>'
        '<div class="scroll"><table id="undated"><thead><tr><th class="n">序号</th>'
        f"<th>{_name_heading(report)}</th><th>{terms.time_node}</th>"
        '<th class="n">已完成</th><th>已完成单位</th><th>进行中</th><th>未开始或无记录</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


def _months_table(report: Report) -> str:
    names = {row.task.seq: row.task.display_name for row in report.tasks}
    rows = []
    for row in report.months:
        chips = "".join(f'<span title="{escape(names[seq])}">{seq}</span>' for seq in row.seqs)
        rows.append(
            f'<tr class="month" data-month="{row.month}">{_td(None, f"{row.month}月", "n head")}'
            f"{_td('到期任务', len(row.seqs), 'n')}"
            f"{_td('任务序号', chips or '—', 'chips wide')}</tr>"
        )
    return (
        '<table id="months"><thead><tr><th class="n">月份</th><th class="n">到期任务</th>'
        f"<th>任务序号</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _kpis(counts: Counts, ongoing: bool) -> str:
    items: Iterable[tuple[str, object]] = [
        *((label, getattr(counts, key)) for label, key in count_headings(ongoing)),
        ("到期完成率", rate_text(counts.due_rate)),
        ("全年完成率", rate_text(counts.completion_rate)),
    ]
    return (
        '<div class="kpis" id="totals">'
        + "".join(
            f'<div class="kpi"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'
            for label, value in items
        )
        + "</div>"
    )


def html_report(report: Report) -> str:
    """The whole report as one HTML document."""
    document = report.document
    heading = escape(title(report))
    scope = escape(report.scope or "全部单位")
    source = escape(str(report.progress)) if report.progress else "无（未记录任何进展）"
    terms = document.layout.terms
    tasks_heading = "各任务落实情况" if document.layout is Layout.ANNEX_TABLE else "各条目落实情况"
    ongoing = bool(report.undated)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{heading}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{heading}</h1>"
        f'<p class="meta">{escape(document.title)}（{escape(document.number)}） · 范围：{scope}'
        f" · 进展文件：{source}</p></header>"
        f"{_kpis(report.totals, ongoing)}"
        f'<p class="note">{RATES_NOTE}已完成含按时与逾期完成。集合（一组单位）的任务由其每个成员'
        "分别计算；单位与任务按最差在前排列（逾期未完成多者在前，其次指标问题多者，"
        "其次到期完成率低者）。</p>"
        f"<section><h2>全年{terms.time_node}（按月）</h2><figure>"
        f"{_legend()}{_timeline(report)}</figure>{_months_table(report)}</section>"
        f"<section><h2>各单位完成情况</h2>{_legend(ongoing)}{_units_table(report)}</section>"
        f"<section><h2>{tasks_heading}</h2>{_tasks_table(report)}</section>"
        f"{_undated_section(report)}"
        f"{_targets_section(report)}{_entries_section(report)}"
        f"<footer>gongkai {escape(__version__)} · 截至 {report.as_of.isoformat()}</footer>"
        "</body></html>\n"
    )
