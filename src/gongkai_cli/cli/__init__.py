"""The command line: a thin layer of typer commands over the library.

Each module here defines its commands on its own `typer.Typer()`; `app.COMMANDS`
says which module holds which command, and the root group imports it on demand.

May import: everything. The only package that imports typer or click.
"""

from __future__ import annotations

from gongkai_cli.cli.app import app


def main() -> None:
    """The `gongkai` console script."""
    _die_on_sigpipe()
    app()


def _die_on_sigpipe() -> None:
    """Let the kernel end gongkai when the reader of stdout leaves, as it ends `cat`.

    Python ignores SIGPIPE and reports EPIPE as BrokenPipeError instead, but not
    always: when a large write is cut short by the reader leaving, CPython can
    take the partial write as done and exit 0 (seen in about one run in five of
    `gongkai reply-check ... | head -1`), which would pass a closed pipe off as
    a verdict. With the default action the process ends at that very write, and
    the shell sees 141 (128 + SIGPIPE) every time. `app.GongkaiGroup` still maps
    a BrokenPipeError to 141 where SIGPIPE does not exist.
    """
    import signal

    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


__all__ = ["app", "main"]
