"""Benchmark `gongkai import` on a source whose body holds about 4 MB of prose.

Reading the body was quadratic (issue 20 item 7): each new paragraph looked
through the ids of all the paragraphs before it, and a paragraph cut by page
breaks was rebuilt line by line. This builds the 2021 source (notice, body,
annex table) with prose added to its body in two shapes, and times
`gongkai import SOURCE --out DIR --force` end to end as a subprocess
(`python -m gongkai_cli`, so `PYTHONPATH=OTHER/src` times another checkout):

  paragraphs  lines that each end a sentence: one paragraph a line
  cut         lines that end no sentence: one paragraph cut by page breaks

    python benchmarks/import_prose.py                 # 4 MB of each, median of 3
    python benchmarks/import_prose.py --mb 1 --runs 1
    PYTHONPATH=/tmp/before/src python benchmarks/import_prose.py --timeout 300
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conditions import conditions

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
ANNEX = "附件"
SENTENCE = "推进政务公开标准化规范化建设，加强政策解读和回应关切，第{n}句"


def prose(shape: str, size: int) -> str:
    """About `size` bytes of lines in `shape`, each line different."""
    end = "。" if shape == "paragraphs" else ""
    lines, total, n = [], 0, 0
    while total < size:
        line = SENTENCE.format(n=n) + end
        lines.append(line)
        total += len(line.encode("utf-8")) + 1
        n += 1
    return "\n".join(lines) + "\n"


def with_prose(shape: str, size: int) -> str:
    """The 2021 source with `size` bytes of prose at the end of its body, before the annex."""
    text = SOURCE.read_text(encoding="utf-8")
    annex = text.index("\n" + ANNEX) + 1
    # A cut paragraph ends with a sentence, so the annex's title is not joined to it.
    tail = "" if shape == "paragraphs" else "此段完。\n"
    return text[:annex] + prose(shape, size) + tail + text[annex:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=4.0, help="MB of prose (default 4)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        for shape in ("paragraphs", "cut"):
            source = Path(tmp) / f"{shape}.txt"
            source.write_text(with_prose(shape, size), encoding="utf-8")
            out = Path(tmp) / f"out-{shape}"
            command = [sys.executable, "-m", "gongkai_cli", "import", str(source)]
            command += ["--out", str(out), "--force"]
            wall, cpu, code = [], [], None
            for _ in range(args.runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                try:
                    done = subprocess.run(
                        command, capture_output=True, text=True, timeout=args.timeout
                    )
                except subprocess.TimeoutExpired:
                    print(f"{shape:10} {source.stat().st_size:,} bytes: over {args.timeout:g} s")
                    break
                wall.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                code = done.returncode
                if code not in (0, 3):
                    print(done.stderr, file=sys.stderr)
                    return 1
            if wall:
                print(
                    f"{shape:10} {source.stat().st_size:,} bytes: wall median "
                    f"{statistics.median(wall):.2f} s, CPU median {statistics.median(cpu):.2f} s, "
                    f"{len(wall)} runs, exit {code}"
                )
    print(
        f"{conditions('gongkai', 'pydantic')}; load average {os.getloadavg()[0]:.1f}; "
        f"PYTHONPATH={os.environ.get('PYTHONPATH', '')!r}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
