"""Time the headline command against `python -c "import typer"`, side by side.

    python benchmarks/headline.py [--runs 40] [--plan ID]

Both commands run in fresh processes of the interpreter this script runs under
(so use the virtual environment gongkai is installed in), interleaved so that a
busy machine slows both alike. The plan cache is warmed first: "cold" here is a
new process, as when someone types the command. The script prints the median
and the spread of each, and their ratio, and each one's CPU time (user + system)
and the ratio of those, which other jobs on the machine disturb far less than wall
time, and the load average before and after. It exits 1 when the ratio of CPU times
is above the target (1.3x), so it can gate a release. PYTHONDONTWRITEBYTECODE is
dropped from the commands' environment: with it, an editable install compiles every
module on every run, which no installed gongkai does. `--plan ID` times the headline on an
installed plan (`gongkai plans add data --id ID` installs a copy of the shipped
one): finding a plan by id must cost no more than the default.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from conditions import conditions

TARGET = 1.3
HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]


def gongkai_command() -> list[str]:
    script = Path(sys.executable).with_name("gongkai")
    if script.exists():
        return [str(script)]
    found = shutil.which("gongkai")
    return [found] if found else [sys.executable, "-m", "gongkai_cli"]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """The wall time and the CPU time (user + system) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--plan", help="an installed plan's id (default: none, the shipped plan)")
    args = parser.parse_args()
    env = dict(os.environ, GONGKAI_TODAY="2021-06-15")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    baseline = [sys.executable, "-c", "import typer"]
    asked = [*HEADLINE, *(["--plan", args.plan] if args.plan else [])]
    headline = [*gongkai_command(), *asked]
    for _ in range(3):  # warm the plan cache and the OS file cache
        run(baseline, env)
        run(headline, env)
    load_before = load()
    base_runs, head_runs = [], []
    for _ in range(args.runs):
        base_runs.append(run(baseline, env))
        head_runs.append(run(headline, env))
    for name, runs in (
        ("python -c 'import typer'", base_runs),
        ("gongkai " + " ".join(asked), head_runs),
    ):
        times = [wall for wall, _ in runs]
        print(
            f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
            f"min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms ({len(times)} runs); "
            f"CPU median {statistics.median(cpu for _, cpu in runs) * 1000:.1f} ms"
        )
    ratio = statistics.median(w for w, _ in head_runs) / statistics.median(w for w, _ in base_runs)
    cpu_ratio = statistics.median(c for _, c in head_runs) / statistics.median(
        c for _, c in base_runs
    )
    print(
        f"conditions: {conditions('gongkai', 'typer', 'rich')}; load average (1, 5, 15 min) "
        f"{load_before} before the timed runs, {load()} after"
    )
    print(f"ratio {ratio:.2f}x; ratio of CPU times {cpu_ratio:.2f}x (target <= {TARGET}x)")
    return 0 if cpu_ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
