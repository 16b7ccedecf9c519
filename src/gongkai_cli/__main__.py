"""The `gongkai` console script, and `python -m gongkai_cli`.

A command is a short-lived process that builds tens of thousands of objects
while it starts (typer, click, the plan) and leaves no garbage cycle that
matters. Python's cyclic garbage collector would still walk them all, again and
again while modules import and once more at exit: about 15 ms of the headline
command's CPU time (docs/performance.md). So collection is off while the
command line imports, what the import built is frozen (gc.freeze: never walked
again; it lives until exit anyway), and collection is back on for the command
itself, so a long `reply-check` collects its garbage as usual. At exit
everything is frozen once more, so the interpreter skips its last walk over the
heap; the process's memory goes back to the system all the same. Nothing waits
on that walk: gongkai closes its files and flushes its output itself.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run the command line with the collector kept out of start-up and exit."""
    collecting = gc.isenabled()
    gc.disable()
    from gongkai_cli.cli import main as run

    gc.freeze()
    if collecting:
        gc.enable()
    try:
        run()
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
