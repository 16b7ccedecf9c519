"""Benchmark `gongkai reply-check --file big.xlsx --rule consult --format csv` beside
the calamine read floor (issue 22 item 2).

Makes a workbook of N rows written the way Excel writes one (shared strings, date
cells with a date style), in two shapes:

- `plain`: id, received, replied (the CSV benchmark's columns, as date cells);
- `export`: a 12345/网上咨询 export's shape: 工单编号, 受理时间, 答复时间 (date-time
  cells), 承办单位 and 诉求标题, which pass through to the output.

Then times, interleaved, on the same file:

- the floor: python-calamine alone reading every row of the sheet, in a Python
  process of its own (what reading the file costs, and nothing else);
- the command, its output thrown away (>/dev/null).

Each under /usr/bin/time -v (wall, CPU, peak memory); the median of --repeat runs.
Target (issue 22): reply-check within 2x the floor.

    python benchmarks/reply_check_xlsx.py                  # 100,000 rows, both shapes
    python benchmarks/reply_check_xlsx.py --rows 400000    # more
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from conditions import conditions
from reply_check import gongkai, median, timed

FLOOR = (
    "import sys, python_calamine\n"
    "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
    "for row in book.get_sheet_by_index(0).iter_rows():\n"
    "    pass\n"
)
TARGET_RATIO = 2.0
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
UNITS = [
    "区府办",
    "区教育局",
    "区卫健委",
    "区民政局",
    "区住建委",
    "区市场监管局",
    "某某街道",
    "某某镇",
]


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def make_xlsx(path: Path, rows: int, shape: str, seed: int = 2021) -> None:
    """`rows` cases received in 2021, most replied within 0-15 days, one in ten open."""
    rng = random.Random(seed)
    strings: dict[str, int] = {}

    def shared(text: str) -> str:
        return str(strings.setdefault(text, len(strings)))

    epoch = dt.datetime(1899, 12, 30)
    if shape == "plain":
        header = ["id", "received", "replied"]
    else:
        header = ["工单编号", "受理时间", "答复时间", "承办单位", "诉求标题"]
    lines = ['<row r="1">']
    lines += [
        f'<c r="{_column(n)}1" t="s"><v>{shared(text)}</v></c>' for n, text in enumerate(header, 1)
    ]
    lines.append("</row>")
    for number in range(rows):
        r = number + 2
        received = epoch + dt.timedelta(days=44197 + rng.randrange(350))
        if shape == "export":
            received += dt.timedelta(minutes=rng.randrange(8 * 60, 18 * 60))
        replied = None if rng.random() < 0.1 else received + dt.timedelta(days=rng.randrange(16))
        cells = [f'<c r="A{r}" t="s"><v>{shared(f"Q{number:08d}")}</v></c>']
        style = 1 if shape == "plain" else 2
        serial = (received - epoch).total_seconds() / 86400
        cells.append(f'<c r="B{r}" s="{style}"><v>{serial:.10g}</v></c>')
        if replied is not None:
            serial = (replied - epoch).total_seconds() / 86400
            cells.append(f'<c r="C{r}" s="{style}"><v>{serial:.10g}</v></c>')
        if shape == "export":
            cells.append(f'<c r="D{r}" t="s"><v>{shared(rng.choice(UNITS))}</v></c>')
            title = f"关于{rng.choice(UNITS)}第{rng.randrange(1000)}号事项的咨询"
            cells.append(f'<c r="E{r}" t="s"><v>{shared(title)}</v></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="A1:{_column(len(header))}{rows + 1}"/><sheetData>'
        + "".join(lines)
        + "</sheetData></worksheet>"
    )
    sst = "".join(f"<si><t>{text}</t></si>" for text in sorted(strings, key=strings.__getitem__))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="工单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{RELS}/styles" '
            f'Target="styles.xml"/><Relationship Id="rId3" Type="{RELS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt '
            'numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts><cellXfs count="3">'
            '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
            '<xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
        )
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{sst}</sst>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument(
        "--shape", choices=["plain", "export"], nargs="+", default=["plain", "export"]
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="where to write the files (default: a temp dir)")
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (Debian: apt-get install time)")
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("GONGKAI_TODAY", "2022-01-31")
    env["GONGKAI_CACHE_DIR"] = str(workdir / "cache")
    command = [*gongkai(), "reply-check", "--rule", "consult", "--format", "csv", "--file"]
    print(f"{conditions('gongkai', 'python-calamine')}; median of {args.repeat} runs")
    print()
    print(
        "| shape | rows | file | calamine floor: wall (CPU) | reply-check: wall (CPU) | × floor "
        "| peak RSS floor / reply-check |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    ok = True
    for shape in args.shape:
        for rows in args.rows:
            path = workdir / f"{shape}-{rows}.xlsx"
            if not path.exists():
                make_xlsx(path, rows, shape)
            check_command = [*command, str(path)]
            if shape == "export":
                check_command += ["--columns", "id=工单编号,received=受理时间,replied=答复时间"]
            floors, checks = [], []
            for _ in range(args.repeat):
                floors.append(timed([sys.executable, "-c", FLOOR, str(path)], env))
                checks.append(timed(check_command, env))
            floor, check = median(floors), median(checks)
            ratio = check.seconds / floor.seconds
            print(
                f"| {shape} | {rows:,} | {path.stat().st_size / 2**20:.1f} MB "
                f"| {floor.seconds:.2f} s ({floor.cpu_seconds:.2f}) "
                f"| {check.seconds:.2f} s ({check.cpu_seconds:.2f}) | {ratio:.1f} "
                f"| {floor.max_rss_mb:.0f} MB / {check.max_rss_mb:.0f} MB |"
            )
            ok &= ratio <= TARGET_RATIO
    print()
    print(
        f"target: reply-check <= {TARGET_RATIO:g}x the calamine floor: {'met' if ok else 'NOT met'}"
    )
    if args.dir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
