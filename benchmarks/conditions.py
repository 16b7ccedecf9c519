"""The conditions a benchmark ran under, printed with its figures: the machine
(cores and CPU model), Python and the versions of the packages that matter."""

from __future__ import annotations

import json
import os
import platform
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def version(package: str) -> str:
    try:
        found = metadata.version(package)
    except metadata.PackageNotFoundError:
        return f"{package} not installed"
    if package == "gongkai":
        url = metadata.distribution(package).read_text("direct_url.json")
        editable = bool(url and json.loads(url).get("dir_info", {}).get("editable"))
        found += " (editable install)" if editable else " (non-editable install)"
    return f"{package} {found}"


def conditions(*packages: str) -> str:
    return "; ".join(
        [
            f"{os.cpu_count()} cores, {cpu_model()}",
            f"Python {platform.python_version()}",
            *(version(package) for package in packages),
        ]
    )


if __name__ == "__main__":
    print(conditions("gongkai", "typer", "rich", "pydantic", "chinesecalendar"))
