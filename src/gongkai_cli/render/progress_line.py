"""A progress line on stderr while a long file is read, only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable


class ProgressLine:
    """`with ProgressLine("reply-check", path) as update:` gives `update(lines, position)`,
    or None when stderr is not a terminal (then nothing is written)."""

    def __init__(self, command: str, file: str) -> None:
        self.command = command
        self.total: int | None = None
        self.shown = False
        if sys.stderr.isatty() and file != "-":
            import os

            self.total = os.path.getsize(file) or None

    def __enter__(self) -> Callable[[int, int | None], None] | None:
        return self.update if sys.stderr.isatty() else None

    def update(self, lines: int, position: int | None) -> None:
        """Show `lines` read so far and, for a file of known size, the share of it."""
        done = f"{lines:,} lines"
        if self.total and position is not None:
            done = f"{min(100, 100 * position // self.total):3d}%  {done}"
        sys.stderr.write(f"\r{self.command}: {done}")
        sys.stderr.flush()
        self.shown = True

    def __exit__(self, *exc: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")  # clear the line before the summary
            sys.stderr.flush()
