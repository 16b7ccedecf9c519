"""Benchmark `gongkai reply-check --file big.csv --rule consult --format csv`.

Makes a CSV of N rows (id,received,replied: dates through 2021, replies 0-15 days
later, one in ten still open), then times, in one run and on the same file:

- the floor: reading the file with Python's csv module and doing nothing else;
- the command, its output thrown away (>/dev/null).

Each is run under /usr/bin/time -v for wall time, CPU time (user + system) and
peak memory (max RSS), the two interleaved so that a busy machine slows both
alike; the median of --repeat runs is reported. Targets (issue 4): at least 500,000 rows/s
end to end, within 4x of the floor, peak memory under 100 MB, at 1,000,000 and
at 5,000,000 rows.

    python benchmarks/reply_check.py                 # 1,000,000 and 5,000,000 rows
    python benchmarks/reply_check.py --rows 200000   # a quick look
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from conditions import conditions

FLOOR = "import csv, sys\nfor row in csv.reader(open(sys.argv[1], newline='')):\n    pass\n"
TARGET_ROWS_PER_S = 500_000
TARGET_RATIO = 4.0
TARGET_RSS_MB = 100.0


def make_csv(path: Path, rows: int, seed: int = 2021) -> None:
    """`rows` cases received in 2021, most replied within 0-15 days."""
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1).toordinal()
    days = [dt.date.fromordinal(start + i).isoformat() for i in range(366 + 16)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "received", "replied"])
        for number in range(rows):
            received = rng.randrange(350)
            replied = "" if rng.random() < 0.1 else days[received + rng.randrange(16)]
            writer.writerow([f"Q{number:08d}", days[received], replied])


@dataclass(frozen=True)
class Timing:
    seconds: float
    cpu_seconds: float
    max_rss_mb: float


def _clock(text: str) -> float:
    parts = [float(part) for part in text.split(":")]
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def timed(command: list[str], env: dict[str, str]) -> Timing:
    """Wall time and peak RSS of `command` under /usr/bin/time -v, stdout discarded."""
    result = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
    cpu = re.findall(r"(?:User|System) time \(seconds\): (\S+)", result.stderr)
    if result.returncode not in (0, 1) or wall is None or rss is None or len(cpu) != 2:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return Timing(_clock(wall[1]), sum(map(float, cpu)), int(rss[1]) / 1024)


def median(runs: list[Timing]) -> Timing:
    """Median wall and CPU time; the largest peak memory."""
    return Timing(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
        max(r.max_rss_mb for r in runs),
    )


def gongkai() -> list[str]:
    found = shutil.which("gongkai")
    return [found] if found else [sys.executable, "-m", "gongkai_cli"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="where to write the CSV (default: a temp dir)")
    args = parser.parse_args()
    if not Path("/usr/bin/time").exists():
        sys.exit("needs /usr/bin/time (Debian: apt-get install time)")
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("GONGKAI_TODAY", "2022-01-31")  # judge open cases on a fixed day
    env["GONGKAI_CACHE_DIR"] = str(workdir / "cache")
    command = [*gongkai(), "reply-check", "--rule", "consult", "--format", "csv", "--file"]
    print(f"{conditions('gongkai', 'chinesecalendar')}; median of {args.repeat} runs")
    print()
    print(
        "| rows | csv-module floor: wall (CPU) | reply-check: wall (CPU) | rows/s | × floor "
        "| peak RSS floor / reply-check |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    ok = True
    for rows in args.rows:
        path = workdir / f"big-{rows}.csv"
        if not path.exists():
            make_csv(path, rows)
        subprocess.run(
            [*command, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        # Interleaved, so that a busy machine slows both alike.
        floors, checks = [], []
        for _ in range(args.repeat):
            floors.append(timed([sys.executable, "-c", FLOOR, str(path)], env))
            checks.append(timed([*command, str(path)], env))
        floor, check = median(floors), median(checks)
        rate = rows / check.seconds
        ratio = check.seconds / floor.seconds
        print(
            f"| {rows:,} | {floor.seconds:.2f} s ({floor.cpu_seconds:.2f}) "
            f"| {check.seconds:.2f} s ({check.cpu_seconds:.2f}) | {rate:,.0f} "
            f"| {ratio:.1f} | {floor.max_rss_mb:.0f} MB / {check.max_rss_mb:.0f} MB |"
        )
        ok &= rate >= TARGET_ROWS_PER_S and ratio <= TARGET_RATIO
        ok &= check.max_rss_mb < TARGET_RSS_MB
    print()
    print(
        f"targets: >= {TARGET_ROWS_PER_S:,} rows/s, <= {TARGET_RATIO:g}x floor, "
        f"< {TARGET_RSS_MB:g} MB: {'met' if ok else 'NOT met'}"
    )
    if args.dir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
