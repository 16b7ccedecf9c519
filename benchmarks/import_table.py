"""Benchmark `gongkai import` on a generated 1,000-row task table.

Builds, from the 2021 annex rows repeated (each content made unique), the same
table as a .txt with the 2021 notice and body, a .csv (GBK), an .xlsx with merged
name cells (openpyxl), a .docx with merged name cells (python-docx), a browser's
.tsv copy that drops each merged name cell (every such row read by its cells, issue
18) and a page copy one cell per line (rebuilt from its header). Then
times `gongkai import SOURCE --out DIR --force` end to end as a subprocess, the
draft written and validated, and reports per kind the median of --runs wall
times and of CPU times (user + system of the child, which a busy shared machine
inflates far less than wall time). Target (issue 10): under 2 s for 1,000 rows.

    python benchmarks/import_table.py                # 1,000 rows, median of 5
    python benchmarks/import_table.py --rows 200 --runs 3
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conditions import conditions

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
HEADER = ["序号", "任务名称", "任务内容", "责任单位", "时间节点"]
TARGET_S = 2.0


def rows(count: int) -> list[list[str]]:
    """`count` rows in the 2021 shape: empty name cells continue the name above."""
    text = SOURCE.read_text(encoding="utf-8").split("\n")
    start = text.index("\t".join(HEADER))
    base = [line.split("\t") for line in text[start:] if line and line != "\t".join(HEADER)]
    out = []
    for number in range(count):
        _, name, content, responsible, node = base[number % len(base)]
        if number == 0:
            name = name or "首项"
        node = node or "9月底前"
        batch = number // len(base) + 1
        out.append([str(number + 1), name, f"{content}(第{batch}批)", responsible, node])
    return out


def write_txt(path: Path, table: list[list[str]]) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    head = text[: text.index("\t".join(HEADER))]
    lines = ["\t".join(HEADER), *("\t".join(row) for row in table)]
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def write_csv(path: Path, table: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(table)
    path.write_bytes(buffer.getvalue().encode("gbk"))


def _groups(table: list[list[str]]) -> list[tuple[int, int]]:
    """(first, last) row indexes of each run of rows with an empty name under a named one."""
    groups, first = [], None
    for index, row in enumerate(table):
        if row[1]:
            if first is not None and index - 1 > first:
                groups.append((first, index - 1))
            first = index
    if first is not None and len(table) - 1 > first:
        groups.append((first, len(table) - 1))
    return groups


def write_xlsx(path: Path, table: list[list[str]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in table:
        sheet.append([cell or None for cell in row])
    for first, last in _groups(table):
        sheet.merge_cells(start_row=first + 2, end_row=last + 2, start_column=2, end_column=2)
    book.save(path)


def write_docx(path: Path, table: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    grid = document.add_table(rows=1 + len(table), cols=len(HEADER))
    cells = grid._cells  # one pass over the grid: cell(r, c) rebuilds it each call
    width = len(HEADER)
    for c, text in enumerate(HEADER):
        cells[c].text = text
    for r, row in enumerate(table, 1):
        for c, text in enumerate(row):
            if text:
                cells[r * width + c].text = text
    for first, last in _groups(table):
        grid.cell(first + 1, 1).merge(grid.cell(last + 1, 1))
    document.save(str(path))


def write_copy(path: Path, table: list[list[str]]) -> None:
    """A browser's copy: a merged (empty) name cell is not there at all."""
    lines = ["\t".join(HEADER)]
    lines += ["\t".join(cell for i, cell in enumerate(row) if i != 1 or cell) for row in table]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_lines(path: Path, table: list[list[str]]) -> None:
    """A page or PDF-viewer copy: one cell a line, a merged (empty) cell not there."""
    cells = [*HEADER, *(cell for row in table for cell in row if cell)]
    path.write_text("\n\n".join(cells) + "\n", encoding="utf-8")


WRITERS = {
    "txt": (".txt", write_txt),
    "csv": (".csv", write_csv),
    "xlsx": (".xlsx", write_xlsx),
    "docx": (".docx", write_docx),
    "copy": (".tsv", write_copy),
    "lines": (".txt", write_lines),
}


def _timed(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of `runs` runs of `command`."""
    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    gongkai = shutil.which("gongkai", path=str(Path(sys.executable).parent)) or "gongkai"
    table = rows(args.rows)
    failed = False
    # The reference under the same load: validating the shipped 99-row plan from scratch,
    # which any draft's validation also pays (start-up, pydantic, the schema).
    wall, cpu = _timed([gongkai, "validate"], args.runs)
    print(
        f"ref    gongkai validate (99 rows): wall median {statistics.median(wall):.2f} s, "
        f"CPU median {statistics.median(cpu):.2f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for kind, (suffix, write) in WRITERS.items():
            source = Path(tmp) / f"{kind}{suffix}"
            write(source, table)
            out = Path(tmp) / f"out-{kind}"
            times, cpu = [], []
            for _ in range(args.runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                done = subprocess.run(
                    [
                        gongkai,
                        "import",
                        str(source),
                        "--out",
                        str(out),
                        "--force",
                        "--year",
                        "2021",
                    ],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                times.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                if done.returncode not in (0, 3):
                    print(done.stderr, file=sys.stderr)
                    return 1
            median = statistics.median(times)
            failed |= median >= TARGET_S
            print(
                f"{kind:6} {args.rows} rows: wall median {median:.2f} s "
                f"(min {min(times):.2f}), CPU median {statistics.median(cpu):.2f} s, "
                f"{args.runs} runs, exit {done.returncode}"
            )
    print(f"target: wall under {TARGET_S:.0f} s each: {'missed' if failed else 'met'}")
    print(
        f"{conditions('gongkai', 'openpyxl', 'python-docx', 'pydantic')}; "
        f"load average {os.getloadavg()[0]:.1f}; median of {args.runs} runs"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
