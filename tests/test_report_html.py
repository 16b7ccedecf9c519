"""The HTML report: well-formed, self-contained, the same numbers as the JSON report,
and rendered by a real headless Chromium (skipped where none is installed)."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import textwrap
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Gongkai

# Several units in several states, so the charts have every colour.
PROGRESS = textwrap.dedent(
    """\
    entries:
      - {seq: 12, unit: 市教委, status: done, completed: 2021-02-20,
         evidence: "https://edu.sh.gov.cn/xxgk"}
      - {seq: 27, unit: 市教委, status: done, completed: 2021-04-10}
      - {seq: 16, unit: 市教委, status: done, completed: 2021-06-01, values: {rate: 55}}
      - {seq: 27, unit: 长宁区政府, status: done, completed: 2021-03-20}
      - {seq: 99, unit: 长宁区政府, status: done, completed: 2021-03-25}
      - {seq: 17, unit: 长宁区政府, status: done, completed: 2021-05-10}
      - {seq: 27, unit: 黄浦区政府, status: in_progress}
    """
)

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "source", "wbr", "area", "base"}
COLOURS = {"on_time": (0x2E, 0x7D, 0x32), "late": (0xF2, 0xA9, 0x00), "overdue": (0xC6, 0x28, 0x28)}


class Page(HTMLParser):
    """Checks nesting as it parses, and keeps what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: Counter[str] = Counter()
        self.links: list[str] = []
        self.rows: list[dict[str, str]] = []
        self.cells: list[list[str]] = []
        self.text: list[str] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = dict(attrs)
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href", "action")]
        if values.get("style"):
            self.styles.append(values["style"] or "")
        if tag == "tr" and "class" in values:
            self.rows.append({k: v or "" for k, v in attrs})
            self.cells.append([])
        if tag == "td" and self.cells:
            self.cells[-1].append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.links += [v or "" for k, v in attrs if k in ("src", "href", "xlink:href")]

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack and self.stack[-1] == "style":
            self.styles.append(data)
        if self.cells and "td" in self.stack and self.cells[-1]:
            self.cells[-1][-1] += data


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "progress.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


def report(gongkai: Gongkai, progress: Path, fmt: str, *args: str) -> str:
    result = gongkai("report", "-p", str(progress), "-f", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.mark.parametrize("scope", [[], ["-u", "市教委"], ["-u", "各区政府"]])
def test_html_is_well_formed_and_self_contained(
    gongkai: Gongkai, progress: Path, scope: list[str]
) -> None:
    html = report(gongkai, progress, "html", *scope)
    assert html.startswith("<!DOCTYPE html>\n")
    page = parse(html)
    assert page.problems == []
    assert page.stack == []
    assert (page.tags["html"], page.tags["head"], page.tags["body"], page.tags["style"]) == (1,) * 4
    # Nothing is fetched: no scripts, stylesheets, images or fonts from anywhere.
    assert page.tags["script"] == page.tags["link"] == page.tags["img"] == 0
    assert [link for link in page.links if re.match(r"(https?:)?//", link)] == []
    assert not any(re.search(r"url\(|@import", style) for style in page.styles)
    # The evidence URL is shown as text (a supervisor acts on it), never as a link.
    if not scope or scope == ["-u", "市教委"]:
        assert '<td class="wide" data-label="佐证">https://edu.sh.gov.cn/xxgk</td>' in html


def test_html_numbers_match_the_json_report(gongkai: Gongkai, progress: Path) -> None:
    data = json.loads(report(gongkai, progress, "json"))
    html = report(gongkai, progress, "html")
    page = parse(html)
    keys = ("owed", "done_on_time", "done_late", "overdue", "open")
    keys += ("below_target", "target_unrecorded")

    def counts(row: dict[str, str]) -> dict[str, int]:
        return {key: int(row["data-" + key.replace("_", "-")]) for key in keys}

    def shown(cells: list[str]) -> list[str]:
        return [str(n) for n in cells]

    units = [(r, c) for r, c in zip(page.rows, page.cells, strict=True) if r["class"] == "unit"]
    assert [r["data-unit"] for r, _ in units] == [u["unit"] for u in data["units"]]
    for (row, cells), unit in zip(units, data["units"], strict=True):
        assert counts(row) == {key: unit[key] for key in keys}
        rate, due = unit["completion_rate"], unit["completion_rate_due"]
        assert row["data-completion-rate"] == ("" if rate is None else str(rate))
        assert row["data-completion-rate-due"] == ("" if due is None else str(due))
        # The visible cells: name, bar, the seven counts, the two rates.
        assert shown(cells[2:9]) == [str(unit[key]) for key in keys]
        assert cells[9] == ("—" if due is None else f"{due * 100:.1f}%")
        assert cells[10] == ("—" if rate is None else f"{rate * 100:.1f}%")

    tasks = [r for r in page.rows if r["class"] == "task"]
    assert [int(r["data-seq"]) for r in tasks] == [t["seq"] for t in data["tasks"]]
    for row, task in zip(tasks, data["tasks"], strict=True):
        assert counts(row) == {key: task[key] for key in keys}

    months = [(r, c) for r, c in zip(page.rows, page.cells, strict=True) if r["class"] == "month"]
    assert [(int(r["data-month"]), int(c[1])) for r, c in months] == [
        (m["month"], len(m["tasks"])) for m in data["months"]
    ]
    totals = data["totals"]
    labels = ("应办", "按时完成", "逾期完成", "逾期未完成", "未到期", "未达标", "指标未填报")
    kpis = re.findall(r'<div class="kpi"><b>(.*?)</b><span>(.*?)</span></div>', html)
    assert kpis == [
        *((str(totals[key]), label) for key, label in zip(keys, labels, strict=True)),
        (f"{totals['completion_rate_due'] * 100:.1f}%", "到期完成率"),
        (f"{totals['completion_rate'] * 100:.1f}%", "全年完成率"),
    ]


def test_html_targets_entries_and_overdue_units(gongkai: Gongkai, progress: Path) -> None:
    html = report(gongkai, progress, "html", "-u", "市教委", "--as-of", "2021-06-15")
    page = parse(html)
    target_cells = [c for r, c in zip(page.rows, page.cells, strict=True) if r["class"] == "target"]
    assert target_cells == [
        ["16", "合理选择解读形式", "市教委", "多元化解读率", "≥60%", "55%", "未达标"]
    ]
    tasks = [(r, c) for r, c in zip(page.rows, page.cells, strict=True) if r["class"] == "task"]
    # Worst first: the overdue task leads, naming its overdue unit.
    assert (tasks[0][0]["data-seq"], tasks[0][1][-1]) == ("99", "市教委")
    assert tasks[1][1][-1] == "—"
    assert "<h2>佐证与备注</h2>" in html
    # 12 (2月底前) is 印发前已到期：its 截止 is the policy's day, marked as gongkai's grace
    # with the day as written beside it, and the footnote (issue 19 item 5)
    (row12,) = [c for r, c in tasks if r["data-seq"] == "12"]
    assert row12[2] == "2021-04-16†（原定 2021-02-28）"
    note = (
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
        "截止日按印发后30日计；--no-grace 则按原定日期计"
    )
    assert f'<p class="note">{note}</p>' in html


def test_a_task_names_few_units_and_folds_many_into_details(
    gongkai: Gongkai, progress: Path
) -> None:
    # At the year's end every task is overdue for most of its units.
    data = json.loads(report(gongkai, progress, "json", "--as-of", "2021-12-31"))
    html = report(gongkai, progress, "html", "--as-of", "2021-12-31")
    page = parse(html)
    shown = {
        int(r["data-seq"]): c
        for r, c in zip(page.rows, page.cells, strict=True)
        if r["class"] == "task"
    }
    counted = Counter[str]()
    for task in data["tasks"]:
        overdue = list(dict.fromkeys(task["overdue_units"]))
        cell = shown[task["seq"]][-1]
        if not overdue:
            counted["none"] += 1
            assert cell == "—"
        elif len(overdue) <= 3:  # named, with no <details>
            counted["named"] += 1
            assert cell == "、".join(overdue)
        else:  # counted; the <details> holds every name
            counted["folded"] += 1
            assert cell == f"{len(overdue)} 个单位" + "、".join(overdue)
        assert str(len(task["overdue_units"])) == shown[task["seq"]][-2]
    assert counted["named"] and counted["folded"]
    # 27 is overdue for 53 units: their names under a summary of the count, folded
    (row27,) = re.findall(r'<tr class="task" data-seq="27".*?</tr>', html)
    assert (
        '<td class="units wide" data-label="逾期单位"><details><summary>53 个单位</summary>'
        in row27
    )
    assert (
        html.count("<details>")
        == html.count("</details>")
        == counted["folded"]
        + sum(1 for task in data["tasks"] if len({d["unit"] for d in task["delivered"]}) > 3)
    )


def test_a_task_with_no_due_day_folds_many_units_too(gongkai: Gongkai) -> None:
    plan = Path(__file__).resolve().parent / "plans" / "items-2025"
    html = gongkai(
        "report", "--data", plan, "-f", "html", env={"GONGKAI_TODAY": "2025-06-01"}
    ).expect()
    page = parse(html)
    undated = {
        r["data-seq"]: c
        for r, c in zip(page.rows, page.cells, strict=True)
        if r["class"] == "undated"
    }
    # 未开始或无记录: 7 units of item 1 folded under their count, the 2 of item 2 named
    seven = "区政府办公室、区司法局、区数据局、区发展改革委、东湖街道办事处、西湖街道办事处、示例镇人民政府"
    assert undated["1"][-3:] == ["—", "—", "7 个单位" + seven]
    assert undated["2"][-3:] == ["—", "—", "区政府办公室、区司法局"]
    assert f"<details><summary>7 个单位</summary>{seven}</details>" in html


def test_headings_stay_with_their_tables_in_print() -> None:
    from gongkai_cli.render.report_html import CSS

    assert "h2 { break-after: avoid; page-break-after: avoid; }" in CSS
    assert "h2 + *, h2 + * + *" in CSS


def test_html_timeline_has_every_month_and_the_as_of_marker(
    gongkai: Gongkai, progress: Path
) -> None:
    html = report(gongkai, progress, "html", "-u", "市教委", "--as-of", "2021-06-15")
    timeline = re.search(r'<svg id="timeline".*?</svg>', html)
    assert timeline is not None
    labels = re.findall(r">(\d{1,2})月</text>", timeline.group(0))
    assert labels == [str(m) for m in range(1, 13)]
    assert '<line id="as-of"' in timeline.group(0)
    assert "截至 6月15日" in timeline.group(0)
    # Another year's as-of date has no place on this year's timeline.
    html = report(gongkai, progress, "html", "-u", "市教委", "--as-of", "2022-01-10")
    assert '<line id="as-of"' not in html
    # Near the year's end the label runs left of the line, inside the chart.
    html = report(gongkai, progress, "html", "-u", "市教委", "--as-of", "2021-12-31")
    assert 'text-anchor="end">截至 12月31日</text>' in html


# --- a real browser -------------------------------------------------------------------------

CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser") if (path := shutil.which(name))), None
)


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, check=False)
    return bool(found.stdout.strip())


def _browser_missing() -> str | None:
    """Why the browser test cannot run here, or None. .ci/run installs what is missing
    (apt-get: chromium, fonts-noto-cjk) when it runs as root."""
    missing = [
        *(["chromium"] if CHROMIUM is None else []),
        *(["a CJK font (fonts-noto-cjk)"] if not _has_cjk_font() else []),
    ]
    if not missing:
        return None
    if os.geteuid() != 0:
        return f"{' and '.join(missing)} not installed, and not root: .ci/run cannot apt-get it"
    return f"{' and '.join(missing)} not installed: .ci/run (as root) installs it with apt-get"


BROWSER_MISSING = _browser_missing()
needs_chromium = pytest.mark.skipif(BROWSER_MISSING is not None, reason=BROWSER_MISSING or "")


def chromium(tmp_path: Path, html: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
        html.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return done


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    blob = path.read_bytes()
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(blob):
        (length,) = struct.unpack(">I", blob[position : position + 4])
        kind = blob[position + 4 : position + 8]
        body = blob[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert (depth, interlace) == (8, 0) and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (
                    line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)
                ) & 0xFF
        pixels += [tuple(line[x : x + 3]) for x in range(0, stride, channels)]  # type: ignore[misc]
        previous = line
    return width, height, pixels


@needs_chromium
def test_chromium_renders_the_charts_and_prints_on_a4(
    gongkai: Gongkai, progress: Path, tmp_path: Path
) -> None:
    data = json.loads(report(gongkai, progress, "json"))
    page = tmp_path / "report.html"
    page.write_text(report(gongkai, progress, "html"), encoding="utf-8")

    dom = chromium(tmp_path, page, "--dump-dom").stdout.decode()
    segments = sum(
        1
        for row in (*data["units"], *data["months"])
        for key in ("done_on_time", "done_late", "overdue", "open")
        if row[key]
    )
    assert dom.count('class="seg"') == segments
    for unit in data["units"]:
        assert f'data-unit="{unit["unit"]}"' in dom
    assert dom.count("<svg") == len(data["units"]) + 1  # one bar per unit, one timeline

    shot = tmp_path / "report.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1000,1600")
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1000, 1600)
    colours = Counter(pixels)
    # The bars are drawn: each state's colour covers some of the page.
    for name, rgb in COLOURS.items():
        assert colours[rgb] > 50, f"too few {name} pixels: {colours[rgb]}"

    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    blob = pdf.read_bytes()
    assert blob.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b", blob))
    assert pages >= 3  # 57 units and 99 tasks do not fit on one or two sheets
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", blob)
    assert len(boxes) == pages
    # A4 is 210 x 297 mm: 595.3 x 841.9 points.
    assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)


# Headless Chromium will not make a window narrower than 500 px, so the report is laid
# out in a frame of the exact width, and measured from the page around it (the report
# itself carries no script).
PROBE = """<script>
function probe(frame) {
  const doc = frame.contentDocument;
  const svg = doc.getElementById("timeline");
  const box = doc.getElementById("as-of-label").getBBox();
  const scrolling = [...doc.querySelectorAll(".scroll")]
    .filter((div) => div.scrollWidth > div.clientWidth + 1)
    .map((div) => div.firstElementChild.id);
  // Every cell shown, with the width its text has (the box less its padding, and less
  // the label a card puts before it) in characters of its own font size.
  const narrow = [];
  let cells = 0;
  for (const cell of doc.querySelectorAll("td, th")) {
    if (cell.getClientRects().length === 0) continue;
    const style = frame.contentWindow.getComputedStyle(cell);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const characters = (cell.clientWidth - padding) / parseFloat(style.fontSize);
    cells += 1;
    if (characters < 4 - 0.01) {
      narrow.push([cell.closest("table").id, cell.cellIndex, cell.textContent, characters]);
    }
  }
  const heads = [...doc.querySelectorAll("thead")].filter((h) => h.getClientRects().length);
  document.body.dataset.probe = JSON.stringify({
    viewport: frame.contentWindow.innerWidth,
    scroll: doc.documentElement.scrollWidth,
    label: [box.x, box.x + box.width, svg.viewBox.baseVal.width],
    scrolling,
    cells,
    narrow: narrow.slice(0, 20),
    heads: heads.length,
    tables: doc.querySelectorAll("table").length,
    rows: frame.contentWindow.getComputedStyle(doc.querySelector("#tasks tr.task")).display,
  });
}
</script>"""


def framed(html: str, width: int) -> str:
    """A page showing `html` in a frame `width` px wide, measured by PROBE once loaded."""
    from html import escape

    return (
        f'<!DOCTYPE html><html><body style="margin:0">{PROBE}'
        f'<iframe style="width:{width}px;height:1200px;border:0;display:block" '
        f'onload="probe(this)" srcdoc="{escape(html)}"></iframe></body></html>'
    )


@needs_chromium
@pytest.mark.parametrize("width", [390, 1280])
def test_no_horizontal_overflow_no_narrow_column_and_no_clipped_label(
    gongkai: Gongkai, progress: Path, tmp_path: Path, width: int
) -> None:
    from html import unescape

    # Late in the year: the as-of label sits at the chart's right edge.
    html = report(gongkai, progress, "html", "--as-of", "2021-12-31")
    page = tmp_path / "framed.html"
    page.write_text(framed(html, width), encoding="utf-8")
    window = f"--window-size={max(width, 500)},1200"
    shot = tmp_path / f"report-{width}.png"
    chromium(tmp_path, page, f"--screenshot={shot}", window)
    assert png_pixels(shot)[:2] == (max(width, 500), 1200)

    dom = chromium(tmp_path, page, "--dump-dom", window).stdout.decode()
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found is not None, "the probe did not run"
    probe = json.loads(unescape(found.group(1)))
    assert probe["viewport"] == width
    assert probe["scroll"] <= width  # document.documentElement.scrollWidth
    start, end, chart = probe["label"]
    assert start >= 0 and end <= chart  # 截至 12月31日, whole
    assert probe["scrolling"] == []  # no table is wider than the page either
    # No column narrower than 4 characters: every cell shown has room for 4 of its own.
    assert probe["cells"] > 500
    assert probe["narrow"] == []
    # Below 600 px the tables are cards (no header row shown, a row is a grid); above, tables.
    if width < 600:
        assert (probe["heads"], probe["rows"]) == (0, "grid")
    else:
        assert (probe["heads"], probe["rows"]) == (probe["tables"], "table-row")
