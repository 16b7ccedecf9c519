"""Batch input: the file to check, or standard input, as text."""

from __future__ import annotations

import io
from typing import IO

from gongkai_cli.errors import UsageError


def open_batch(path: str) -> IO[str]:
    """The file to check (`-` is standard input), decoded as UTF-8 with or without BOM.

    Undecodable bytes become U+FFFD rather than stopping the stream half way.
    """
    import sys

    if path == "-":
        return io.TextIOWrapper(
            sys.stdin.buffer, encoding="utf-8-sig", errors="replace", newline=None
        )
    try:
        return open(path, encoding="utf-8-sig", errors="replace", newline=None)
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
