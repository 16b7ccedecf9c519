"""Benchmark `gongkai reply-check --file big.xlsx --rule consult --format csv` beside
the calamine read floor (issue 22 item 2).

Makes a workbook of N rows written the way Excel writes one (shared strings, date
cells with a date style), in two shapes:

- `plain`: id, received, replied (the CSV benchmark's columns, as date cells);
- `export`: a 12345 / 网上咨询 export as a hotline's system gives it, 14 columns:
  序号 (a number), 工单编号, 受理渠道, 诉求类型, 来电人, 联系电话, 受理时间 (a
  date-time to the minute), 所属区域, 诉求标题, 诉求内容 (60 to 240 characters, some
  with an ASCII comma, a quote or a line break), 承办单位, 答复时间 (a date-time, empty
  for one case in ten), 答复内容 (30 to 120 characters) and 满意度. gongkai finds the
  id, received, replied and channel columns by their headers (工单编号, 受理时间,
  答复时间, 受理渠道), and the other ten pass through to the output.

Then times, interleaved, on the same file:

- the floor: python-calamine alone reading every row of the sheet, in a Python
  process of its own (what reading the file costs, and nothing else); with
  `--format xlsx`, reading every row and writing it back with openpyxl's
  write-only workbook (what reading and writing an .xlsx costs);
- the command, its csv output thrown away (>/dev/null), or its .xlsx written with -o.

Each under /usr/bin/time -v (wall, CPU, peak memory); the median of --repeat runs.
Target (issue 22): reply-check within 2x the floor, judged on CPU time (user +
system), which the other jobs on a shared machine disturb far less than wall time.
PYTHONDONTWRITEBYTECODE is dropped from the commands' environment: with it, an
editable install compiles every gongkai module on every run, which no installed
gongkai does.

    python benchmarks/reply_check_xlsx.py                  # 100,000 rows, both shapes
    python benchmarks/reply_check_xlsx.py --format csv xlsx --repeat 3
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
from xml.sax.saxutils import escape

from conditions import conditions
from reply_check import gongkai, median, timed

FLOOR = (
    "import sys, python_calamine\n"
    "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
    "for row in book.get_sheet_by_index(0).iter_rows():\n"
    "    pass\n"
)
FLOOR_XLSX = (
    "import sys, python_calamine, openpyxl\n"
    "book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])\n"
    "out = openpyxl.Workbook(write_only=True)\n"
    "sheet = out.create_sheet()\n"
    "for row in book.get_sheet_by_index(0).iter_rows():\n"
    "    sheet.append(row)\n"
    "out.save(sys.argv[2])\n"
)
"""The floor of --format xlsx: the rows read by calamine and written back by openpyxl's
write-only workbook, nothing else (reply-check writes these and its 10 result columns)."""
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
    "区生态环境局",
    "区交通委",
    "区城管执法局",
    "区人社局",
    "某某街道办事处",
    "某某镇人民政府",
]
EXPORT_HEADER = [
    "序号",
    "工单编号",
    "受理渠道",
    "诉求类型",
    "来电人",
    "联系电话",
    "受理时间",
    "所属区域",
    "诉求标题",
    "诉求内容",
    "承办单位",
    "答复时间",
    "答复内容",
    "满意度",
]
SATISFACTION = ["满意", "满意", "基本满意", "不满意", "未评价"]
CHANNELS = ["12345热线", "12345热线", "12345热线", "网站", "微信", "随申办APP", "来信"]
KINDS = ["咨询", "咨询", "求助", "投诉", "建议", "表扬"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙朱马胡郭林何高罗"
AREAS = ["某某街道", "某某镇", "某某新村", "某某工业区", "某某社区"]
SUBJECTS = [
    "小区物业管理",
    "老旧小区加装电梯",
    "道路施工噪音",
    "共享单车乱停放",
    "餐饮油烟扰民",
    "医保报销政策",
    "公积金提取",
    "子女入学政策",
    "社保缴费基数",
    "垃圾分类收运",
    "公交线路调整",
    "违章搭建",
    "商品房交付",
    "预付卡退费",
    "养老服务补贴",
    "停车收费标准",
]
PHRASES = [
    "来电人反映",
    "市民来电称",
    "网民留言反映",
    "近期",
    "自上月起",
    "多次向有关部门反映未果",
    "严重影响周边居民正常生活",
    "希望相关部门尽快核实处理",
    "要求给予明确答复",
    "咨询具体办理流程和所需材料",
    "小区内",
    "夜间施工持续至凌晨",
    "物业公司未按合同约定履行义务",
    "相关费用标准不明确",
    "已通过线上渠道提交申请",
    "至今未收到任何回复",
    "涉及居民约二百户",
    "现场存在安全隐患",
    "请求协调解决",
    "经初步了解",
    "该问题已持续较长时间",
    "属地街道已多次上门",
    "申请人对处理结果不满意",
    "要求重新核查",
]
REPLIES = [
    "经核实",
    "我单位已会同属地街道赴现场查看",
    "已责令施工单位整改",
    "相关政策规定如下",
    "已电话联系来电人说明情况",
    "来电人表示理解",
    "后续将加强日常巡查",
    "该事项不属于本单位职责范围",
    "已转相关部门办理",
    "如有疑问可拨打咨询电话",
]


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _prose(rng: random.Random, words: list[str], low: int, high: int) -> str:
    """Sentences of `words` between `low` and `high` characters; one in seven has an
    ASCII comma, one in forty a quotation, one in thirty a line break (pasted text)."""
    size = rng.randrange(low, high)
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(rng.choice(words))
        parts.append(rng.choice("，，，。；"))
    text = "".join(parts)[:size].rstrip("，；") + "。"
    if rng.random() < 1 / 7:
        at = rng.randrange(len(text))
        text = text[:at] + ", " + text[at:]
    if rng.random() < 1 / 40:
        text = text.replace("反映", '反映"情况属实"', 1)
    if rng.random() < 1 / 30:
        at = rng.randrange(len(text))
        text = text[:at] + "\n" + text[at:]
    return text


def make_xlsx(path: Path, rows: int, shape: str, seed: int = 2021) -> None:
    """`rows` cases received in 2021, most replied within 0-15 days, one in ten open."""
    rng = random.Random(seed)
    strings: dict[str, int] = {}

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="s"><v>{strings.setdefault(value, len(strings))}</v></c>'

    epoch = dt.datetime(1899, 12, 30)
    header = ["id", "received", "replied"] if shape == "plain" else EXPORT_HEADER
    lines = ['<row r="1">']
    lines += [text(f"{_column(n)}1", name) for n, name in enumerate(header, 1)]
    lines.append("</row>")
    style = 1 if shape == "plain" else 2
    for number in range(rows):
        r = number + 2
        received = epoch + dt.timedelta(days=44197 + rng.randrange(350))
        if shape == "export":
            received += dt.timedelta(minutes=rng.randrange(8 * 60, 18 * 60))
        replied = None if rng.random() < 0.1 else received + dt.timedelta(days=rng.randrange(16))
        if shape == "export":
            replied = replied and replied + dt.timedelta(minutes=rng.randrange(-60, 300))
        when = {"received": f"{(received - epoch).total_seconds() / 86400:.10g}", "replied": ""}
        if replied is not None:
            when["replied"] = f"{(replied - epoch).total_seconds() / 86400:.10g}"
        if shape == "plain":
            cells = [text(f"A{r}", f"Q{number:08d}")]
            cells.append(f'<c r="B{r}" s="{style}"><v>{when["received"]}</v></c>')
            if replied is not None:
                cells.append(f'<c r="C{r}" s="{style}"><v>{when["replied"]}</v></c>')
        else:
            subject = rng.choice(SUBJECTS)
            values: list[str | None] = [
                None,  # 序号, a number
                f"HL{received:%Y%m%d}{number:06d}",
                rng.choice(CHANNELS),
                rng.choice(KINDS),
                rng.choice(SURNAMES) + rng.choice(["先生", "女士"]),
                f"1{rng.randrange(30, 90)}****{rng.randrange(10000):04d}",
                None,  # 受理时间
                rng.choice(["某某区"]) + rng.choice(AREAS),
                f"关于{subject}的{rng.choice(KINDS)}",
                _prose(rng, [subject, *PHRASES], 60, 240),
                rng.choice(UNITS),
                None,  # 答复时间
                "" if replied is None else _prose(rng, REPLIES, 30, 120),
                "" if replied is None else rng.choice(SATISFACTION),
            ]
            cells = []
            for column, value in enumerate(values, 1):
                ref = f"{_column(column)}{r}"
                if column == 1:
                    cells.append(f'<c r="{ref}"><v>{number + 1}</v></c>')
                elif column in (7, 12):
                    moment = when["received" if column == 7 else "replied"]
                    if moment:
                        cells.append(f'<c r="{ref}" s="{style}"><v>{moment}</v></c>')
                elif value:
                    cells.append(text(ref, value))
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{MAIN}">'
        f'<dimension ref="A1:{_column(len(header))}{rows + 1}"/><sheetData>'
        + "".join(lines)
        + "</sheetData></worksheet>"
    )
    sst = "".join(
        f'<si><t xml:space="preserve">{escape(value)}</t></si>'
        if value != value.strip() or "\n" in value
        else f"<si><t>{escape(value)}</t></si>"
        for value in sorted(strings, key=strings.__getitem__)
    )
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
    parser.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        nargs="+",
        default=["csv"],
        help="reply-check's output: csv to stdout, or an .xlsx written with -o (its floor "
        "then also writes the rows it read, with openpyxl)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="where to write the files (default: a temp dir)")
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (Debian: apt-get install time)")
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("GONGKAI_TODAY", "2022-01-31")
    env["GONGKAI_CACHE_DIR"] = str(workdir / "cache")
    command = [*gongkai(), "reply-check", "--rule", "consult", "--file"]
    print(
        f"{conditions('gongkai', 'python-calamine')}; median of {args.repeat} runs; "
        f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print()
    print(
        "| shape | rows | file | output | floor: wall (CPU) | reply-check: wall (CPU) "
        "| CPU × floor | peak RSS floor / reply-check |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    ok = True
    for shape in args.shape:
        for rows in args.rows:
            path = workdir / f"{shape}-{rows}.xlsx"
            if not path.exists():
                make_xlsx(path, rows, shape)
            for fmt in args.format:
                written = workdir / "out.xlsx"
                check_command = [*command, str(path), "--format", fmt]
                floor_command = [sys.executable, "-c", FLOOR, str(path)]
                if fmt == "xlsx":
                    check_command += ["-o", str(written)]
                    floor_command = [sys.executable, "-c", FLOOR_XLSX, str(path), str(written)]
                timed(check_command, env)  # the rules cache, compiled modules
                floors, checks = [], []
                for _ in range(args.repeat):
                    floors.append(timed(floor_command, env))
                    checks.append(timed(check_command, env))
                floor, check = median(floors), median(checks)
                ratio = check.cpu_seconds / floor.cpu_seconds
                print(
                    f"| {shape} | {rows:,} | {path.stat().st_size / 2**20:.1f} MB | {fmt} "
                    f"| {floor.seconds:.2f} s ({floor.cpu_seconds:.2f}) "
                    f"| {check.seconds:.2f} s ({check.cpu_seconds:.2f}) | {ratio:.2f} "
                    f"| {floor.max_rss_mb:.0f} MB / {check.max_rss_mb:.0f} MB |"
                )
                ok &= ratio <= TARGET_RATIO
    print()
    print(
        f"target: reply-check <= {TARGET_RATIO:g}x the calamine floor in CPU time: "
        f"{'met' if ok else 'NOT met'}"
    )
    if args.dir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
