"""Time the headline command against `python -c "import typer"`, side by side.

    python benchmarks/headline.py [--runs 40] [--plan ID]

Both commands run in fresh processes of the interpreter this script runs under
(so use the virtual environment gongkai is installed in), interleaved so that a
busy machine slows both alike. The plan cache is warmed first: "cold" here is a
new process, as when someone types the command. The script prints the median
and the spread of each, and their ratio; it exits 1 when the ratio is above the
target (1.6x), so it can gate a release. `--plan ID` times the headline on an
installed plan (`gongkai plans add data --id ID` installs a copy of the shipped
one): finding a plan by id must cost no more than the default.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from conditions import conditions

TARGET = 1.6
HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]


def gongkai_command() -> list[str]:
    script = Path(sys.executable).with_name("gongkai")
    if script.exists():
        return [str(script)]
    found = shutil.which("gongkai")
    return [found] if found else [sys.executable, "-m", "gongkai_cli"]


def run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--plan", help="an installed plan's id (default: none, the shipped plan)")
    args = parser.parse_args()
    env = dict(os.environ, GONGKAI_TODAY="2021-06-15")
    baseline = [sys.executable, "-c", "import typer"]
    asked = [*HEADLINE, *(["--plan", args.plan] if args.plan else [])]
    headline = [*gongkai_command(), *asked]
    for _ in range(3):  # warm the plan cache and the OS file cache
        run(baseline, env)
        run(headline, env)
    base_times, head_times = [], []
    for _ in range(args.runs):
        base_times.append(run(baseline, env))
        head_times.append(run(headline, env))
    for name, times in (
        ("python -c 'import typer'", base_times),
        ("gongkai " + " ".join(asked), head_times),
    ):
        print(
            f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
            f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms ({len(times)} runs)"
        )
    ratio = statistics.median(head_times) / statistics.median(base_times)
    print(f"conditions: {conditions('gongkai', 'typer', 'rich')}")
    print(f"ratio {ratio:.2f}x (target <= {TARGET}x)")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
