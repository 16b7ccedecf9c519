"""A cache of validated data: pickled next to a fingerprint of what it was built from.

Validating a data file imports pydantic and YAML, which costs more start-up time
than answering a question. The validated result is therefore pickled, with the
fingerprint of the files it came from and of the code that read them, in
$GONGKAI_CACHE_DIR (default: $XDG_CACHE_HOME/gongkai, or ~/.cache/gongkai). A
cache file is only ever a shortcut: one that is missing, unreadable, stale or
unwritable means the data is validated again, never a wrong answer.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from gongkai_cli import __version__
from gongkai_cli.errors import UsageError
from gongkai_cli.io import settings

PACKAGE = Path(__file__).resolve().parent.parent

T = TypeVar("T")
Fingerprint = tuple[object, ...]


def cache_file(kind: str, source: Path) -> Path:
    """The cache file for data of `kind` read from `source` (one per place)."""
    return settings.cache_dir() / f"{kind}-{zlib.crc32(str(source.resolve()).encode()):08x}.pickle"


def read_bytes(path: Path, hint: str = "") -> bytes:
    """The file's bytes, or UsageError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc, hint) from None


def _unreadable(path: Path, exc: OSError, hint: str) -> UsageError:
    if isinstance(exc, FileNotFoundError):
        return UsageError(f"{path}: no such file{hint}")
    return UsageError(f"{path}: cannot read: {exc.strerror}")


def fingerprint(data: Iterable[tuple[Path, bytes]]) -> Fingerprint:
    """What a cached result is valid for: the version, the data files and the code.

    A data file counts by its size, modification time and CRC-32 of its bytes, so
    an edit is seen even when a copy restores the old time (cp -p, rsync -t, tar);
    checksumming a few small files costs well under a millisecond. The modules
    that shape the result count by size and
    modification time, as .pyc files do, so an edited checkout never loads a
    result its code would not have produced. Every module of the package counts,
    so no list of "the modules that matter" can fall out of date.
    """
    stamps: list[object] = [__version__]
    for path, blob in data:
        stat = _stat(path)
        stamps.append((str(path), stat.st_size, stat.st_mtime_ns, zlib.crc32(blob)))
    stamps.extend(_code_stamps())
    return tuple(stamps)


def _code_stamps() -> list[tuple[str, int, int]]:
    """(path, size, mtime) of every module of the package, in a stable order."""
    found: list[tuple[str, int, int]] = []
    pending = [str(PACKAGE)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__" and entry.name != "data":
                        pending.append(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    found.append((entry.path, stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as exc:
        raise _unreadable(path, exc, "") from None


def load(path: Path, stamp: Fingerprint, kind: type[T]) -> T | None:
    """The object cached in `path` for `stamp`, if it is there and of type `kind`."""
    try:
        with path.open("rb") as handle:
            stored, value = pickle.load(handle)
    except FileNotFoundError:
        return None
    # Truncated, written by another version, not a pickle at all: rebuild.
    except Exception:
        return None
    return value if stored == stamp and isinstance(value, kind) else None


def store(path: Path, stamp: Fingerprint, value: Any) -> None:
    """Cache `value` for `stamp` in `path`, atomically; silently skip if it cannot be written."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump((stamp, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # no writable cache directory: every load validates, which is only slower
