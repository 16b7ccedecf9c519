"""Office files read within bounds: a regular file of at most `MAX_FILE_BYTES`, read
once, and (for the zip kinds: .xlsx, .ods, .docx) every member decompressed here
first, within `MAX_PART_BYTES` and `MAX_RATIO`, before any parser sees it.

Why here and not in the parsers: calamine and python-docx each read a member whole
(the shared strings, the document), and calamine lays a sheet out as a dense grid;
a 414 KB file can hold a 400 MB string or a cell at XFD1048576. So a member is
streamed through zlib once, in `CHUNK` pieces, and refused as soon as it passes a
bound, the way Apache POI's ZipSecureFile does (it too refuses an inflation ratio
over 100:1). Python's zipfile stops at the size a member declares and checks its
CRC, so a member that lies about its size is refused, not followed.

Every refusal is `UnreadableFileError` with one line: exit 2, never a traceback.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

from gongkai_cli import i18n
from gongkai_cli.errors import UnreadableFileError, clipped, os_reason
from gongkai_cli.i18n import _

MAX_FILE_BYTES = 100 * 2**20
"""The largest .xlsx, .xls, .ods or .docx file read (100 MiB)."""
MAX_PART_BYTES = 2**30
"""The largest member of a zip container, decompressed (1 GiB)."""
MAX_RATIO = 100
"""The most a member may inflate, beyond its first `RATIO_GRACE` bytes."""
RATIO_GRACE = 2**20
MAX_MEMBERS = 10_000
"""The most members a zip container may hold."""
CHUNK = 8 * 2**20
"""Bytes decompressed at a time."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE compound file: an .xls, a .doc, or an Office file encrypted with a password."""


def read_office_file(path: Path) -> bytes:
    """The bytes of `path`, a regular file of at most `MAX_FILE_BYTES`: else one line.

    Opened without blocking and checked before reading, so a FIFO, a device such as
    /dev/zero (through a symlink or not) or a directory is refused at once.
    """
    name = clipped(path.name)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableFileError(
            _("{path}: no such file").format(path=clipped(str(path)))
        ) from None
    except OSError as exc:
        raise UnreadableFileError(
            _("{path}: cannot read: {value}").format(path=clipped(str(path)), value=os_reason(exc))
        ) from None
    # Checked on the descriptor, before a file object: Python refuses to make one of a
    # directory's (IsADirectoryError).
    info = os.fstat(descriptor)
    if not stat.S_ISREG(info.st_mode):
        os.close(descriptor)
        raise UnreadableFileError(
            _("{name}: not a regular file (a device, FIFO or directory)").format(name=name)
        )
    with os.fdopen(descriptor, "rb") as stream:
        if info.st_size > MAX_FILE_BYTES:
            raise _too_big(name)
        blob = stream.read(MAX_FILE_BYTES + 1)
    if len(blob) > MAX_FILE_BYTES:
        raise _too_big(name)
    return blob


def _too_big(name: str) -> UnreadableFileError:
    return UnreadableFileError(
        _("{name}: larger than {limit} MiB, the limit for an office file").format(
            name=name, limit=MAX_FILE_BYTES // 2**20
        )
    )


def open_zip(blob: bytes, name: str, kind: str) -> zipfile.ZipFile:
    """The zip container in `blob`, its directory checked: else one line."""
    try:
        archive = zipfile.ZipFile(BytesIO(blob))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,  # a zip feature Python does not read: "zip file version 9.1"
    ) as exc:
        raise UnreadableFileError(
            _("{name}: not a readable {kind} file ({reason})").format(
                name=name, kind=kind, reason=zip_reason(exc)
            )
        ) from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnreadableFileError(
            _("{name}: more than {limit} parts in one file").format(name=name, limit=MAX_MEMBERS)
        )
    seen: set[str] = set()
    for info in infos:
        # Two members of one name: which one a parser takes is its own choice, so the
        # one checked here might not be the one read.
        key = info.filename.replace("\\", "/").lower()
        if key in seen:
            raise UnreadableFileError(
                _("{name}: two parts named {part!r}").format(name=name, part=info.filename)
            )
        seen.add(key)
        if info.file_size > MAX_PART_BYTES:
            raise _part_too_big(name, info.filename)
    return archive


def zip_reason(exc: BaseException) -> str:
    """Why zipfile or zlib refused a container, in the chosen language.

    English keeps the library's own words ("Bad CRC-32 for file ..."). They are many,
    technical and unlisted, so Chinese says what they mean for the user: no whole zip
    container (an .xlsx that is really a .csv, an .xls or text, or one cut short
    before its directory), or a damaged one (changed after it was written)."""
    if i18n.language() == i18n.ENGLISH:
        return str(exc)
    if isinstance(exc, zipfile.BadZipFile) and str(exc) == "File is not a zip file":
        return _(
            "its content is not a whole zip archive, as .xlsx, .ods and .docx files are: "
            "damaged, or not of this format"
        )
    return _("the zip archive inside is damaged: cut short, or changed after it was written")


def library_reason(exc: BaseException) -> str:
    """What a file-format library (calamine, olefile, python-docx, expat, defusedxml)
    said of a file it could not read, for the parentheses of a message.

    English keeps the library's own words (their first line). They are many, technical
    and unlisted, so Chinese says where when the library says (an XML error's line and
    column) and otherwise what they mean for the user: damaged, or not of its format."""
    if i18n.language() == i18n.ENGLISH:
        said = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        return clipped(said)
    line, column = getattr(exc, "position", None) or (None, None)  # ElementTree's
    if isinstance(getattr(exc, "lineno", None), int):  # expat's
        line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    if isinstance(line, int) and isinstance(column, int):
        return _("at line {line}, column {column}").format(line=line, column=column + 1)
    return _("damaged, or not of this format")


def _part_too_big(name: str, part: str, limit: int = MAX_PART_BYTES) -> UnreadableFileError:
    return UnreadableFileError(
        _("{name}: part {part} is larger than {limit} MiB unpacked, the limit").format(
            name=name, part=clipped(part), limit=limit // 2**20
        )
    )


def member_chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The member decompressed, `CHUNK` bytes at a time, within the bounds: else one line."""
    total = 0
    allowed = RATIO_GRACE + MAX_RATIO * max(info.compress_size, 1)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                if total > MAX_PART_BYTES:
                    raise _part_too_big(name, info.filename)
                if total > allowed:
                    raise UnreadableFileError(
                        _(
                            "{name}: part {part} inflates more than {ratio}:1 (a zip bomb?); "
                            "not read"
                        ).format(name=name, part=clipped(info.filename), ratio=MAX_RATIO)
                    )
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise UnreadableFileError(
            _("{name}: part {part} is corrupt ({reason})").format(
                name=name, part=clipped(info.filename), reason=zip_reason(exc)
            )
        ) from None


def check_parts(archive: zipfile.ZipFile, name: str, max_part: int = MAX_PART_BYTES) -> None:
    """Every member decompressed within the bounds (`max_part` unpacked), its CRC
    checked; an XML member that declares a DTD (the road to billion laughs and
    external entities; no Office file has one) is refused."""
    for info in archive.infolist():
        if info.is_dir():
            continue
        if info.file_size > max_part:
            raise _part_too_big(name, info.filename, max_part)
        total, tail = 0, b""
        xml = info.filename.lower().endswith((".xml", ".rels"))
        for chunk in member_chunks(archive, info, name):
            total += len(chunk)
            if total > max_part:
                raise _part_too_big(name, info.filename, max_part)
            if xml and b"<!DOCTYPE" in tail + chunk:
                raise UnreadableFileError(
                    _("{name}: part {part} declares a DTD or entities; not read").format(
                        name=name, part=clipped(info.filename)
                    )
                )
            tail = chunk[-16:]
