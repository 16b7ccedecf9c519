"""The one family of expected failures, each carrying its exit code.

The command line catches `GongkaiError` in exactly one place (`cli.app`), prints
`Error: <message>` on stderr and exits with `exit_code`. Anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from enum import IntEnum
from pathlib import Path

from gongkai_cli import i18n
from gongkai_cli.i18n import N_, ngettext


class ExitCode(IntEnum):
    """Exit codes of every gongkai command (documented in docs/conventions.md)."""

    OK = 0
    MISSED = 1  # a checked deadline was missed or something is overdue
    USAGE = 2  # usage error or bad input
    INVALID_DATA = 3  # the data files do not validate
    OUTSIDE_CALENDAR = 4  # a date outside the holiday calendar's coverage


class GongkaiError(Exception):
    """An expected failure with a one-line message for the user."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(GongkaiError):
    """Bad input from the user: a bad date, an unknown unit, an unreadable file."""

    exit_code = ExitCode.USAGE


class CannotReadError(UsageError):
    """A file that cannot be opened or read: no such file, no permission, a directory."""

    def __init__(self, message: str, path: Path, reason: str) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason


# Why the system refused a file, said in the catalog's words (Chinese: 权限不足, 是一个目录 …)
# rather than the C library's English: the errors a user meets reading, writing or
# naming a file. The message ids are glibc's texts; English keeps the system's own.
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EDQUOT: N_("Disk quota exceeded"),
    errno.EFBIG: N_("File too large"),
    errno.EEXIST: N_("File exists"),
    errno.ENOTEMPTY: N_("Directory not empty"),
    errno.EROFS: N_("Read-only file system"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EXDEV: N_("Invalid cross-device link"),
    errno.EBUSY: N_("Device or resource busy"),
    errno.ETXTBSY: N_("Text file busy"),
    errno.ENXIO: N_("No such device or address"),
    errno.ENODEV: N_("No such device"),
    errno.EIO: N_("Input/output error"),
    errno.EMFILE: N_("Too many open files"),
    errno.ENFILE: N_("Too many open files in system"),
    errno.ENOMEM: N_("Cannot allocate memory"),
    errno.EAGAIN: N_("Resource temporarily unavailable"),
    errno.EINVAL: N_("Invalid argument"),
    errno.EPIPE: N_("Broken pipe"),
    errno.ESTALE: N_("Stale file handle"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused (`exc`), for a message such as "x.csv：无法读取：权限不足".

    In Chinese, the catalog's words for the errno when `_OS_REASONS` lists it; in
    English, and for an errno not listed, the system's own text (its strerror, else
    the exception's message).
    """
    said = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if said is not None and i18n.language() != i18n.ENGLISH:
        return i18n._(said)
    return exc.strerror or str(exc)


class UnknownUnitError(UsageError):
    """A unit name that matches no unit, alias or full name in the data."""


class UnknownIntakeError(UsageError):
    """A row whose channel value is not in the intake map, so no rule can be chosen for it."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message, value)
        self.value = value

    def __str__(self) -> str:
        return str(self.args[0])


class OutsideRulesError(UsageError):
    """A row whose channel no rule of the plan covers (12345 电话 for task 24)."""


class UnreadableSourceError(UsageError):
    """A source document gongkai cannot import: corrupt, protected, or with no task table."""


class UnreadableFileError(UsageError):
    """An input file gongkai cannot read: corrupt, hostile, or past a documented limit."""


class Problem(str):
    """One problem of a data file, shown `file:line: field.path: message`.

    It is the line people read, and keeps its parts (`file`, `line`, `field`,
    `message`) so that a program placing it (`gongkai import`) reads them instead
    of parsing the line back.
    """

    file: str
    line: int
    field: str
    message: str

    def __new__(cls, file: str | Path, line: int, field: str, message: str) -> Problem:
        text = f"{file}:{line}: {field}: {message}" if field else f"{file}:{line}: {message}"
        problem = super().__new__(cls, text)
        problem.file, problem.line, problem.field, problem.message = str(file), line, field, message
        return problem


class InvalidDataError(GongkaiError):
    """Data files that do not validate; carries every problem found, one per line."""

    exit_code = ExitCode.INVALID_DATA

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(problems)
        said = ngettext(
            "invalid data ({count} problem):", "invalid data ({count} problems):", count
        )
        super().__init__(said.format(count=count) + "\n" + "\n".join(problems))


class CalendarCoverageError(GongkaiError):
    """A date in a year that the holiday calendar does not cover."""

    exit_code = ExitCode.OUTSIDE_CALENDAR


class UncertainVerdictError(CalendarCoverageError):
    """A verdict that the next year's unpublished 调休 could change (workdays/yearend.py)."""


ECHO_LIMIT = 200
"""The most characters of a user's input an error message repeats."""


def clipped(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` as typed when short, else its first `limit` characters and an ellipsis: for
    a message that quotes a value itself ({value!r}) or shows it bare, as `shown` does not."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(text: str, limit: int = ECHO_LIMIT) -> str:
    """`text` quoted for an error message: whole when short, else its start and its length.

    An error repeats what was typed so the user sees the mistake; repeating 100 KB
    of it hides the message instead.
    """
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit] + '…'!r} ({len(text)} characters)"
