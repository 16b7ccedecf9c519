"""Reading and replacing files safely: bounded reads, a lock, atomic writes and directories.

- Every file gongkai reads whole is read by `read_bytes` (or, with a limit of its
  own, `read_regular`). A read takes at most `MAX_FILE_BYTES`: a data, holidays,
  rules or progress file larger than that is refused, never read into memory
  whole. Only a regular file is read whole: a FIFO (which would block until a
  writer comes) or a device such as /dev/zero, through a symlink or not, is
  refused at once, without blocking.
- A write to a regular file (or to a name not yet taken) goes to a temporary file
  in the same directory, is flushed to disk and renamed over the old file, so a
  crash leaves either the old file or the new one, whole. The temporary file is
  removed on any failure. Anything else is written in place and never renamed
  over: a device (/dev/null, /dev/full, a node made with mknod), a FIFO, and a
  name that reaches an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N).
- Writers that may race (`progress set` from two shells or a script) hold a lock
  on `.NAME.lock` beside the file from the moment they read it until the rename,
  so no update is lost. Under the lock no other writer is running, so temporary
  files left by a killed writer (`.NAME.*.tmp`) are stale and are removed.
- A directory (an installed plan, an imported draft) is filled in a temporary
  directory beside it and put in place by `replace_directory`, under the lock of
  its name: a reader sees the old one or the new one, whole, and a failed fill
  leaves nothing behind. An existing directory is swapped with the new one in one
  step where the system can (Linux's renameat2 RENAME_EXCHANGE); elsewhere it is
  first renamed to `.NAME.old.tmp`, and a run killed between the two renames
  leaves that name for the next writer of NAME to put back before it starts. The
  temporary directories of killed runs are removed then too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from gongkai_cli.errors import (
    CannotReadError,
    InvalidDataError,
    Problem,
    UsageError,
    clipped,
    os_reason,
)
from gongkai_cli.i18n import _

MAX_FILE_BYTES = 16 * 1024 * 1024
"""The largest data, holidays, rules or progress file gongkai reads (16 MiB)."""

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

LOCK_TIMEOUT_SECONDS = 60.0
"""How long a writer waits for another one to finish before giving up."""


def read_bytes(path: Path, hint: str = "", *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file `path`: CannotReadError (a UsageError) when it cannot
    be read or is not a regular file, InvalidDataError over `limit`."""
    blob = read_regular(path, limit, hint)
    if blob is None:
        said = _("the file is larger than {value} MiB, the limit for a file gongkai reads")
        raise InvalidDataError([Problem(path, 1, "", said.format(value=limit // 2**20))])
    return blob


def read_regular(path: Path, limit: int, hint: str = "") -> bytes | None:
    """The bytes of the regular file `path`, or None when it holds more than `limit`.

    CannotReadError when it cannot be read, or is not a regular file: opened without
    blocking (opening a FIFO to read waits for a writer, maybe forever) and refused
    before a byte is read, so /dev/zero is never read either.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except OSError as exc:
        raise cannot_read(path, exc, hint) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise CannotReadError(not_regular(clipped(str(path))), path, "not a regular file")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0 and (chunk := os.read(descriptor, min(left, 2**20))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise cannot_read(path, exc, hint) from None
    finally:
        os.close(descriptor)
    blob = b"".join(chunks)
    return blob if len(blob) <= limit else None


def not_regular(path: Path | str) -> str:
    """The one line refusing a special file where gongkai reads a file whole."""
    return _("{name}: not a regular file (a device, FIFO or directory)").format(name=path)


def cannot_read(path: Path, exc: OSError, hint: str = "") -> CannotReadError:
    """The error for a file that cannot be opened, read or looked at, with `hint` after a
    missing one's name (is --data right?)."""
    reason = os_reason(exc)
    if isinstance(exc, FileNotFoundError):
        message = _("{path}: no such file{hint}").format(path=clipped(str(path)), hint=hint)
    else:
        message = _("{path}: cannot read: {value}").format(path=clipped(str(path)), value=reason)
    return CannotReadError(message, path, reason)


def exists(path: Path) -> bool:
    """Whether something is at `path` (Path.exists), CannotReadError when the system will
    not say (a name too long, a directory without permission) rather than an OSError."""
    try:
        return path.exists()
    except OSError as exc:
        raise cannot_read(path, exc) from None


def cannot_write(path: Path, exc: OSError) -> UsageError:
    """The error for a file that cannot be written (made, locked, replaced); a missing
    directory on the way is named (what "no such file or directory" means there)."""
    shown = clipped(str(path))
    if isinstance(exc, FileNotFoundError) and not os.path.lexists(path):
        # The outermost missing one: the directory to make, or the mistyped name.
        ancestors = reversed(path.parents)
        missing = next((parent for parent in ancestors if not os.path.lexists(parent)), None)
        if missing is not None:
            said = _("{path}: cannot write: there is no directory {directory}")
            return UsageError(said.format(path=shown, directory=clipped(str(missing))))
    return UsageError(_("{path}: cannot write: {value}").format(path=shown, value=os_reason(exc)))


def decode_utf8(path: Path, blob: bytes) -> str:
    """The text of one of gongkai's own files, which are UTF-8 only: else InvalidDataError."""
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidDataError([not_utf8(path, blob, exc)]) from None


def not_utf8(path: Path, blob: bytes, exc: UnicodeDecodeError) -> Problem:
    """The problem of one of gongkai's own files that is not UTF-8: the line, column and
    byte where decoding stops, and, for a file saved as GB18030/GBK (Windows Notepad's or
    Excel's ANSI on a Chinese system), to save it again as UTF-8."""
    start = blob.rfind(b"\n", 0, exc.start) + 1
    line = blob.count(b"\n", 0, start) + 1
    column = len(blob[start : exc.start].decode("utf-8")) + 1  # valid up to exc.start
    where = {"byte": blob[exc.start], "column": column}
    try:
        blob.decode("gb18030")
    except UnicodeDecodeError:
        said = _("the file is not UTF-8 (byte 0x{byte:02X} at column {column})")
    else:
        said = _(
            "the file is not UTF-8 (byte 0x{byte:02X} at column {column}); it reads as "
            "GB18030 (GBK): save it again as UTF-8"
        )
    return Problem(path, line, "", said.format(**where))


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
        raise cannot_write(path, exc) from None
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
            _("{path}: cannot lock: {value}").format(path=clipped(str(path)), value=os_reason(exc))
        ) from None
    try:
        remove_stale_temporaries(target)
        yield
    finally:
        lock.release()


def _temporary_prefix(target: Path) -> str:
    return f".{target.name}."


def _old_copy(target: Path) -> Path:
    """Where a directory swap keeps the old `target` between its two renames."""
    return target.with_name(f".{target.name}.old.tmp")


def _temporaries(target: Path) -> re.Pattern[str]:
    # tempfile's names: the prefix, random letters, digits and '_', the suffix. No dot in
    # the random part, so the temporaries of `plan.old` are never taken for those of `plan`.
    name = re.escape(target.name)
    return re.compile(rf"\.{name}\.(?:old|removed|(?:removed\.)?[a-z0-9_]+)\.tmp")


def remove_stale_temporaries(target: Path) -> None:
    """Tidy up after killed writers of `target`: call only while holding its lock.

    A directory swap killed between its two renames left no `target` and its old
    contents in `.NAME.old.tmp`: they are put back first. Then every temporary file
    or directory of `target` (`.NAME.XXXXXXXX.tmp`, `.NAME.old.tmp`,
    `.NAME.removed.XXXXXXXX.tmp`, and `.NAME.removed.tmp` of older versions) is removed.
    """
    import shutil

    old = _old_copy(target)
    if not os.path.lexists(target) and old.is_dir():
        with contextlib.suppress(OSError):
            old.rename(target)
    pattern = _temporaries(target)
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def write_atomically(path: Path, text: str | bytes) -> None:
    """Write `text` (str as UTF-8, or bytes) to `path`: a regular file is replaced so that a
    crash leaves the old file or the new, never half; anything else is written in place.

    An OSError (no such directory, no permission, disk full) becomes a UsageError.
    """
    blob = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if written_in_place(path):
            _write_in_place(path, blob)
            return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    _replace(path, blob)


def written_in_place(path: Path) -> bool:
    """Whether `path` is to be written in place rather than replaced: it names something
    other than a regular file (a device, a FIFO), or reaches an open descriptor."""
    if _reaches_descriptor(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


_DESCRIPTOR_LINKS = ("/proc/", "/dev/fd/", "/dev/stdout", "/dev/stderr", "/dev/stdin")


def _reaches_descriptor(path: Path) -> bool:
    """Whether `path`, or a symlink on the way to its file, is a descriptor's name
    (/dev/stdout, /dev/fd/1, /proc/self/fd/1): the file behind it, even a regular one
    that the shell redirected to, is an open file another process holds, not a name to
    rename over."""
    current = os.path.abspath(path)
    for _hop in range(40):  # the kernel's own limit on a chain of symlinks
        if current.startswith(_DESCRIPTOR_LINKS):
            return True
        try:
            link = os.readlink(current)
        except OSError:  # not a symlink (or nothing there): the chain ends here
            return False
        current = os.path.normpath(os.path.join(os.path.dirname(current), link))
    return False


def _write_in_place(path: Path, blob: bytes) -> None:
    # O_APPEND: what a descriptor already holds stays (`>> file` then `-o /dev/stdout`);
    # a device or a FIFO has no end to append to.
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | _CLOEXEC)
    try:
        view = memoryview(blob)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _replace(path: Path, blob: bytes) -> None:
    """Replace the regular file `path` (or create it) through a temporary file and a rename."""
    import tempfile

    target = real_path(path)  # through a symlink: keep the link, replace its file
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=_temporary_prefix(target), suffix=".tmp"
        )
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
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


def replace_directory(
    target: Path,
    fill: Callable[[Path], None],
    *,
    replace: bool,
    guard: Callable[[Path], contextlib.AbstractContextManager[None]] | None = None,
) -> None:
    """Make the directory `target` whole at once: `fill` writes its files into a temporary
    directory beside it, which is then put in place.

    Under the lock of `target` (`locked`), after tidying up what killed runs left.
    With `replace`, an existing `target` is swapped with the new one and removed,
    holding `guard(target)` around the swap (an installed plan's: its readers finish
    first, `io.plans.exclusive`); without, the rename fails when another process made
    `target` first. On any failure the temporary directory is removed and the OSError
    raised, for the caller to say in its own words; `target` is then as it was.
    """
    import shutil
    import tempfile

    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with locked(target):
        staging = Path(
            tempfile.mkdtemp(dir=parent, prefix=_temporary_prefix(target), suffix=".tmp")
        )
        try:
            fill(staging)
            if replace and target.exists():
                with guard(target) if guard is not None else contextlib.nullcontext():
                    _swap(staging, target)
                shutil.rmtree(staging, ignore_errors=True)  # now the old directory
            else:
                os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    _sync_directory(parent)


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` at `target` and the old `target` at `staging`."""
    if exchange(staging, target):
        return
    # Two renames. Killed between them, the old directory waits at its fixed name for
    # the next writer of `target` (remove_stale_temporaries puts it back).
    old = _old_copy(target)
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    old.rename(staging)


def exchange(first: Path, second: Path) -> bool:
    """Swap two directories in one step (Linux renameat2 with RENAME_EXCHANGE); False
    where the system or the file system cannot, with nothing changed."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # a C library older than glibc 2.28
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange):
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            return False
        raise OSError(code, os.strerror(code), str(second))
    return True
