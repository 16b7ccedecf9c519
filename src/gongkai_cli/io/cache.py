"""A cache of validated data: JSON next to a fingerprint of what it was built from.

Validating a data file imports pydantic and YAML, which costs more start-up time
than answering a question. The validated result is therefore written as JSON,
with the fingerprint of the files it came from and of the code that read them,
in the cache directory (settings.cache_dir). A cache file is only ever a
shortcut: one that is missing, unreadable, stale, damaged or unwritable means
the data is validated again, never a wrong answer and never an error.

Nothing in it can run code. A cache file is three lines:

    ["gongkai-cache/1", "plan.load.Plan", <fingerprint>]   the header
    <CRC-32 of the payload>
    <the payload: codec.encode of the value, as JSON>

The header is compared, as bytes, with the one the current files and code
give, and the checksum with the payload, before any of the payload is parsed;
only then does codec.decode rebuild the value, checking every field against its
type hint. The directory must belong to the user and be writable by no one
else (otherwise it is not used, with a one-line note), and a cache file must be
a regular file: a FIFO, a symlink or a device in its place is passed over
without being opened for blocking reads or followed.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from gongkai_cli import __version__
from gongkai_cli.i18n import _
from gongkai_cli.io import codec, settings

PACKAGE = Path(__file__).resolve().parent.parent
FORMAT = "gongkai-cache/1"
MAX_BYTES = 64 * 1024 * 1024  # the shipped plan's cache is about 0.2 MB
STALE_TEMPORARY_SECONDS = 600  # a writer's temporary file older than this was abandoned

T = TypeVar("T")
Fingerprint = tuple[object, ...]

_noted: set[str] = set()


def cache_file(kind: str, source: Path) -> Path:
    """The cache file for data of `kind` read from `source` (one per place)."""
    return settings.cache_dir() / f"{kind}-{zlib.crc32(str(source.resolve()).encode()):08x}.json"


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
        stat_result = _stat(path)
        stamps.append((str(path), stat_result.st_size, stat_result.st_mtime_ns, zlib.crc32(blob)))
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
                    stat_result = entry.stat()
                    found.append((entry.path, stat_result.st_size, stat_result.st_mtime_ns))
    return sorted(found)


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except OSError as exc:
        from gongkai_cli.io.files import cannot_read

        raise cannot_read(path, exc) from None


def _header(stamp: Fingerprint, kind: type) -> bytes:
    name = f"{kind.__module__.removeprefix('gongkai_cli.')}.{kind.__qualname__}"
    return json.dumps([FORMAT, name, stamp]).encode()


def load(path: Path, stamp: Fingerprint, kind: type[T]) -> T | None:
    """The `kind` cached in `path` for `stamp`, or None when there is no usable one."""
    if not _trusted(path.parent):
        return None
    blob = _read_regular(path)
    if blob is None:
        return None
    header, _, rest = blob.partition(b"\n")
    if header != _header(stamp, kind):
        return None  # stale, another kind, another format: not even parsed
    checksum, _, payload = rest.partition(b"\n")
    if not checksum.isdigit() or int(checksum) != zlib.crc32(payload):
        return None
    try:
        data = json.loads(payload.decode("utf-8"), parse_constant=_no_constants)
        return codec.decode(kind, data)
    except (ValueError, RecursionError):  # codec.DecodeError is a ValueError
        return None


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number a cache holds")


def _read_regular(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of the user's, not too big; else None.

    O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer
    forever. O_NOFOLLOW: a symlink in the cache is never followed.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None
        chunks = []
        remaining = info.st_size + 1  # one more byte shows a file that grew while read
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _trusted(directory: Path) -> bool:
    """Whether the directory may hold the user's cache: theirs, and writable by no one else.

    A directory that does not exist yet is fine (`store` creates it, private).
    One that cannot be used for another reason (a file, no permission) is passed
    over silently, as an unwritable cache always was.
    """
    try:
        info = os.stat(directory)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    problem = ""
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        problem = _("cache not used: {directory} belongs to another user (uid {uid})")
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        problem = _("cache not used: {directory} is writable by others than its owner (chmod go-w)")
    if problem:
        _note_once(problem.format(directory=directory, uid=info.st_uid))
        return False
    return True


def _note_once(message: str) -> None:
    if message not in _noted:
        _noted.add(message)
        sys.stderr.write(message + "\n")


def store(path: Path, stamp: Fingerprint, value: Any) -> None:
    """Cache `value` for `stamp` in `path`, atomically; skip it if it cannot be written.

    The file appears whole or not at all (written aside, then renamed over the
    old one), and nothing is left behind when any step fails.
    """
    directory = path.parent
    try:
        payload = json.dumps(
            codec.encode(type(value), value),
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode()
        blob = b"%s\n%d\n%s" % (_header(stamp, type(value)), zlib.crc32(payload), payload)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, ValueError):  # codec.EncodeError is a ValueError
        return
    if not _trusted(directory):
        return
    import tempfile

    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError:
        return  # no writable cache directory: every load validates, which is only slower
    try:
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError:
        _remove(temporary)
        return
    except BaseException:
        _remove(temporary)  # interrupted: leave nothing half-written behind
        raise
    _sweep(directory, path.name)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sweep(directory: Path, name: str) -> None:
    """Remove temporary files of `name` that a killed writer left behind long ago."""
    import time

    limit = time.time() - STALE_TEMPORARY_SECONDS
    try:
        for leftover in directory.glob(f".{name}.*.tmp"):
            if leftover.lstat().st_mtime < limit:
                leftover.unlink()
    except OSError:
        pass
