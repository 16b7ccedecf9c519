"""The command line: a thin layer of typer commands over the library.

Each module here defines its commands on its own `typer.Typer()`; `app.COMMANDS`
says which module holds which command, and the root group imports it on demand.

May import: everything. The only package that imports typer or click.
"""

from __future__ import annotations

from gongkai_cli.cli.app import app


def main() -> None:
    """The `gongkai` console script."""
    app()


__all__ = ["app", "main"]
