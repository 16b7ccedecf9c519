"""The command line: a thin layer of typer commands over the library."""

from __future__ import annotations

from gongkai_cli.cli import plan_cmds  # noqa: F401  (registers its commands)
from gongkai_cli.cli.app import app


def main() -> None:
    """The `gongkai` console script."""
    app()


__all__ = ["app", "main"]
