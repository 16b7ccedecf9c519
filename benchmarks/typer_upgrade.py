"""Say whether the newest typer is acceptable yet, against the pin `typer<0.29`.

    python benchmarks/typer_upgrade.py [--runs 10] [--typer SPEC]

typer is pinned below 0.29 because 0.29 builds a pydantic TypeAdapter for every
option on every run: the headline command, which otherwise imports no pydantic
(the validated plan is cached), pays about 100 ms a run for it. This script puts
the newest typer (or SPEC, e.g. typer==0.29.2) in a temporary directory with
`pip install --no-deps --target`, ahead of the installed one on PYTHONPATH, and
runs `gongkai due --unit 市教委 --before 2021-06-30` with each typer:

- whether the command imports pydantic. This decides: a typer that imports no
  pydantic on the headline path is acceptable; raise the pin and confirm the 1.6x
  target with benchmarks/headline.py.
- the median time of each, interleaved (information only: timings on a shared
  machine are no verdict).

It exits 0 whatever the verdict, and when the newest typer cannot be installed
(no network): .ci/run prints what it says and never fails on it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from conditions import conditions

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]

# Runs the headline command in this process, then reports on stderr which typer
# ran it and whether pydantic was imported on the way.
PROBE = f"""\
import json, sys
sys.argv = ["gongkai", *{HEADLINE!r}]
from gongkai_cli.cli import main
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code
import typer
print(json.dumps({{"typer": typer.__version__, "exit": code,
                  "pydantic": "pydantic" in sys.modules}}), file=sys.stderr)
"""


def probe(env: dict[str, str]) -> tuple[dict[str, object], float]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - start
    lines = done.stderr.strip().splitlines()
    try:
        return json.loads(lines[-1]), seconds
    except (IndexError, ValueError):
        return {"exit": done.returncode, "error": done.stderr.strip()[-1000:]}, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--typer", default="typer", help="what to install (default: newest)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-typer-") as target:
        install = subprocess.run(
            [*PIP, "install", "--quiet", "--no-deps", "--target", target, args.typer],
            capture_output=True,
            text=True,
            check=False,
        )
        if install.returncode != 0:
            print(f"could not install {args.typer}: no verdict")
            print(install.stderr.strip()[-1000:])
            return 0
        pinned_env = dict(os.environ, GONGKAI_TODAY="2021-06-15")
        newest_env = dict(
            pinned_env,
            PYTHONPATH=os.pathsep.join(filter(None, [target, os.environ.get("PYTHONPATH")])),
        )
        for _ in range(2):  # the first run may validate and cache the plan
            pinned, _ = probe(pinned_env)
            newest, _ = probe(newest_env)
        print(f"installed: {json.dumps(pinned)}")
        print(f"newest:    {json.dumps(newest)}")
        times: dict[str, list[float]] = {"installed": [], "newest": []}
        for _ in range(args.runs):
            times["installed"].append(probe(pinned_env)[1])
            times["newest"].append(probe(newest_env)[1])
    for name, found in times.items():
        if found:
            print(f"{name}: median {statistics.median(found) * 1000:.1f} ms ({len(found)} runs)")
    print(f"conditions: {conditions('gongkai', 'typer')}")
    version = newest.get("typer", args.typer)
    if "error" in newest or newest.get("exit") != 0:
        print(f"verdict: typer {version} is not acceptable: the headline command fails with it")
    elif newest.get("pydantic"):
        print(
            f"verdict: typer {version} is not acceptable yet: the headline command imports "
            "pydantic with it (about 100 ms a run); keep typer<0.29"
        )
    elif pinned.get("pydantic"):
        print("verdict: no verdict: the headline command imports pydantic with either typer")
    else:
        print(
            f"verdict: typer {version} is acceptable: the headline command imports no "
            "pydantic with it; raise the pin and confirm with benchmarks/headline.py"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
