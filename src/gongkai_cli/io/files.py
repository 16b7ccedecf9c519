"""Reading and replacing gongkai's own files safely: bounded reads, a lock, atomic writes.

- A read takes at most `MAX_FILE_BYTES`: a data, holidays, rules or progress file
  larger than that (or `/dev/zero`) is refused, never read into memory whole.
- A write goes to a temporary file in the same directory, is flushed to disk and
  renamed over the old file, so a crash leaves either the old file or the new
  one, whole. The temporary file is removed on any failure.
- Writers that may race (`progress set` from two shells or a script) hold a lock
  on `.NAME.lock` beside the file from the moment they read it until the rename,
  so no update is lost. Under the lock no other writer is running, so temporary
  files left by a killed writer (`.NAME.*.tmp`) are stale and are removed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from gongkai_cli.errors import InvalidDataError, UsageError
from gongkai_cli.i18n import _

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest data, holidays, rules or progress file gongkai reads (16 MiB)."""

LOCK_TIMEOUT_SECONDS = 60.0
"""How long a writer waits for another one to finish before giving up."""


def read_bytes(path: Path, hint: str = "") -> bytes:
    """The file's bytes: UsageError when it cannot be read, InvalidDataError over the limit."""
    try:
        with path.open("rb") as stream:
            blob = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(_("{path}: no such file{hint}").format(path=path, hint=hint)) from None
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot read: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    if len(blob) > MAX_FILE_BYTES:
        raise InvalidDataError(
            [
                _(
                    "{path}:1: the file is larger than {value} MiB, the limit for a file "
                    "gongkai reads"
                ).format(path=path, value=MAX_FILE_BYTES // 2**20)
            ]
        )
    return blob


def decode_utf8(path: Path, blob: bytes) -> str:
    """The text of one of gongkai's own files, which are UTF-8 only: else InvalidDataError."""
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError(
            [_("{path}:1: the file is not UTF-8 ({reason})").format(path=path, reason=exc.reason)]
        ) from None


def real_path(path: Path) -> Path:
    """The file a path names, through any symlink: what is locked and replaced."""
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the lock of `path` (the file `.NAME.lock` beside it) and tidy up after killed writers.

    The lock file stays: removing it while another process waits on it would let
    two writers in at once.
    """
    from filelock import FileLock, Timeout

    target = real_path(path)
    lock_path = target.parent / f".{target.name}.lock"
    try:
        # Made here, not by filelock: it would create missing directories, and it
        # retries a lock file it cannot create until the timeout, as if it were busy.
        # Never through a symlink: a planted one would have the lock truncate its target.
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(lock_path, flags, 0o666))
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT_SECONDS)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(
            _(
                "{path}: another gongkai has been writing it for {lock_timeout_seconds:g} s "
                "(lock file {lock_file}); try again"
            ).format(path=path, lock_timeout_seconds=LOCK_TIMEOUT_SECONDS, lock_file=lock.lock_file)
        ) from None
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot lock: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    try:
        remove_stale_temporaries(target)
        yield
    finally:
        lock.release()


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}."


def remove_stale_temporaries(target: Path) -> None:
    """Remove `.NAME.*.tmp` beside `target`: call only while holding its lock."""
    prefix = _temporary_prefix(target)
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def write_atomically(path: Path, text: str | bytes) -> None:
    """Replace `path` with `text` (str as UTF-8, or bytes) so that a crash leaves the old
    file or the new, never half.

    An OSError (no such directory, no permission, disk full) becomes a UsageError.
    """
    import tempfile

    target = real_path(path)  # through a symlink: keep the link, replace its file
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=_temporary_prefix(target), suffix=".tmp"
        )
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot write: {value}").format(path=path, value=exc.strerror or exc)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise UsageError(
                _("{path}: cannot write: {value}").format(path=path, value=exc.strerror or exc)
            ) from None
        raise
    _sync_directory(target.parent)


def _sync_directory(directory: Path) -> None:
    # The rename is durable once the directory is on disk too (POSIX); best effort elsewhere.
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
