"""The console script's entry point: the collector is kept out of start-up, not out
of the command (a long reply-check must still collect its garbage)."""

from __future__ import annotations

import json
import subprocess
import sys

from gongkai_cli import __version__


def test_the_command_runs_with_the_collector_on_and_start_up_frozen() -> None:
    probe = (
        "import gc, json, sys\n"
        "import gongkai_cli.cli\n"
        "seen = []\n"
        "gongkai_cli.cli.main = lambda: seen.append([gc.isenabled(), gc.get_freeze_count() > 0])\n"
        "from gongkai_cli.__main__ import main\n"
        "gc.unfreeze()\n"
        "main()\n"
        "print(json.dumps(seen))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[True, True]]


def test_python_m_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gongkai_cli", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, f"gongkai {__version__}\n")
