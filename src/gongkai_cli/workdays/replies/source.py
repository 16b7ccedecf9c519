"""Batch input: a file or standard input as blocks of physical lines, decoded with a
known encoding.

- **Encodings.** A byte order mark says UTF-8, UTF-16 (little- or big-endian) or
  GB18030. Without one, the input is ASCII until its first other byte, and the first
  block holding such bytes decides: UTF-8 when at least half of its non-ASCII lines
  are valid UTF-8, else GB18030 (a superset of GBK, which Excel writes in China).
  `encoding` forces one instead.
- **Nothing replaced.** A line that does not decode in the chosen encoding is not
  guessed at: it comes out as a bad line, with the reason naming the encoding, and
  the lines around it are unaffected.
- **Physical lines.** Lines end at `\\n`, `\\r\\n` or `\\r`. A line longer than
  `MAX_LINE` characters is a bad line too (so no CSV field can reach the csv
  module's limit), and memory stays bounded however long a line is.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from gongkai_cli.errors import UsageError, clipped, os_reason
from gongkai_cli.i18n import _

BLOCK_SIZE = 1 << 20
"""Bytes read at a time."""
MAX_LINE = 131_072
"""The longest line read, in characters: the csv module's default field limit."""
_MAX_LINE_BYTES = 4 * MAX_LINE  # no encoding read here takes more than 4 bytes a character

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (b"\x84\x31\x95\x33", "gb18030"),
)


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive physical lines, without their line ends."""

    first: int
    """The line number of `lines[0]`."""
    lines: list[str]
    bad: dict[int, str] = field(default_factory=dict)
    """Index in `lines` -> why that line could not be read (its text is then "")."""
    text: str | None = None
    """The lines joined, each followed by "\\n" (the last maybe not), when none is bad."""

    def after_first(self) -> Block:
        """The block without its first line."""
        text = None
        if self.text is not None:
            text = self.text.partition("\n")[2]
        bad = {index - 1: reason for index, reason in self.bad.items() if index}
        return Block(self.first + 1, self.lines[1:], bad, text)


def text_encoding(name: str) -> str:
    """The codec's canonical name, or UsageError when it is unknown or not for text."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UsageError(
            _("unknown encoding {name!r} for --encoding").format(name=clipped(name))
        ) from None
    if not info._is_text_encoding:
        raise UsageError(_("{name!r} is not a text encoding").format(name=name))
    return info.name


class LineReader:
    """`source` as blocks of physical lines, decoded strictly; see the module docstring."""

    def __init__(self, source: IO[bytes], encoding: str | None = None) -> None:
        self.source = source
        self.codec: str | None = None
        """The encoding in use; None while everything read is ASCII and none was forced."""
        self._width = 1
        self._ends: tuple[bytes, bytes] = (b"\n", b"\r")
        self._started = False
        self.lines = 0
        """Lines read so far."""
        self.forced = None
        if encoding is not None:
            self.forced = text_encoding(encoding).replace("utf-8-sig", "utf-8")
            self._use(self.forced)  # refuse one that cannot be read line by line, now

    def position(self) -> int | None:
        """Bytes read so far, when the source is a file."""
        try:
            return self.source.tell() if self.source.seekable() else None
        except (OSError, ValueError):
            return None

    # -- the encoding --------------------------------------------------------------------

    def _use(self, codec: str) -> None:
        if codec in ("utf-16", "utf-32"):
            codec += "-le"  # without a byte order mark, as Windows writes them
        probe = "\n\r,".encode(codec)
        if codec.startswith(("utf-16-", "utf-32-")):
            self._width = len(probe) // 3
        elif probe != b"\n\r,":
            raise UsageError(
                _("encoding {codec!r} cannot be read line by line").format(codec=codec)
            )
        self._ends = ("\n".encode(codec), "\r".encode(codec))
        self.codec = codec

    def _start(self, data: bytes) -> bytes:
        """Settle what the byte order mark says, and return the data after it."""
        self._started = True
        marked = next(((bom, codec) for bom, codec in _BOMS if data.startswith(bom)), None)
        if marked is None:
            return data
        if self.forced is None or (self.forced == "utf-16" and marked[1].startswith("utf-16")):
            self._use(marked[1])  # for a forced utf-16, the mark gives the byte order
        return data[len(marked[0]) :] if marked[1] == self.codec else data

    def _decide(self, chunk: bytes) -> None:
        """The first non-ASCII block decides between UTF-8 and GB18030."""
        try:
            chunk.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            self._use("utf-8")
            return
        lines = [line for line in self._split(chunk) if not line.isascii()]
        valid = 0
        for line in lines:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            valid += 1
        self._use("utf-8" if 2 * valid >= len(lines) else "gb18030")

    # -- lines ---------------------------------------------------------------------------

    def _aligned(self, data: bytes, needle: bytes, start: int, reverse: bool) -> int:
        """The position of `needle` at a whole code unit, or -1."""
        width = self._width
        if reverse:
            at = data.rfind(needle, 0, start)
            while at > 0 and at % width:
                at = data.rfind(needle, 0, at + len(needle) - 1)
            return at
        at = data.find(needle, start)
        while at > 0 and at % width:
            at = data.find(needle, at + 1)
        return at

    def _cut(self, data: bytes) -> int:
        """Where the last complete line ends: a final "\\r" waits for a possible "\\n"."""
        newline, cr = self._ends
        whole = len(data) - len(data) % self._width  # a read may end inside a code unit
        last_newline = self._aligned(data, newline, whole, reverse=True)
        last_cr = self._aligned(data, cr, whole - len(cr), reverse=True)
        if last_newline >= last_cr:
            return last_newline + len(newline) if last_newline >= 0 else 0
        return last_cr + len(cr)

    def _first_end(self, data: bytes, eof: bool, start: int = 0) -> int | None:
        """Where the first line from `start` ends (after its line end), if known yet."""
        newline, cr = self._ends
        at_newline = self._aligned(data, newline, start, reverse=False)
        at_cr = self._aligned(data, cr, start, reverse=False)
        if at_cr >= 0 and (at_newline < 0 or at_cr < at_newline):
            end = at_cr + len(cr)
            if end == len(data) and not eof:
                return None  # a "\n" may follow in the next read
            return end + len(newline) if data.startswith(newline, end) else end
        return at_newline + len(newline) if at_newline >= 0 else None

    def _split(self, chunk: bytes) -> list[bytes]:
        """The chunk's lines as bytes, line ends dropped (the last, if empty, too)."""
        newline, cr = self._ends
        if self._width == 1:
            lines = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        else:
            lines, start = [], 0
            while (end := self._first_end(chunk, True, start)) is not None:
                lines.append(chunk[start:end].removesuffix(newline).removesuffix(cr))
                start = end
            lines.append(chunk[start:])
        if lines and not lines[-1]:
            lines.pop()
        return lines

    def _decoded(self, chunk: bytes) -> Block:
        codec = self.codec or "ascii"
        try:
            text = chunk.decode(codec)
        except UnicodeDecodeError:
            return self._line_by_line(chunk, codec)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        if not lines[-1]:
            lines.pop()
        if not lines or max(map(len, lines)) <= MAX_LINE:
            return Block(self.lines + 1, lines, {}, text)
        bad = {}
        for index, line in enumerate(lines):
            if len(line) > MAX_LINE:
                lines[index] = ""
                bad[index] = too_long()
        return Block(self.lines + 1, lines, bad)

    def _line_by_line(self, chunk: bytes, codec: str) -> Block:
        lines: list[str] = []
        bad: dict[int, str] = {}
        for index, raw in enumerate(self._split(chunk)):
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError as exc:
                bad[index] = _undecodable(raw, exc, codec, forced=self.forced is not None)
                line = ""
            if len(line) > MAX_LINE:
                bad[index] = too_long()
                line = ""
            lines.append(line)
        return Block(self.lines + 1, lines, bad)

    def _block(self, chunk: bytes) -> Block | None:
        if self.codec is None and not chunk.isascii():
            self._decide(chunk)
        block = self._decoded(chunk)
        self.lines += len(block.lines)
        return block if block.lines else None

    def __iter__(self) -> Iterator[Block]:
        rest = b""
        skipping = False  # inside a line too long to keep: drop it up to its end
        while True:
            raw = self.source.read(BLOCK_SIZE)
            if not self._started:
                while raw and len(raw) < 4 and (more := self.source.read(BLOCK_SIZE)):
                    raw += more
                raw = self._start(raw)
            eof = not raw
            data = rest + raw
            if skipping:
                end = self._first_end(data, eof)
                if end is None:
                    if eof:
                        return
                    keep = len(data) % self._width  # half a code unit
                    if not keep and data.endswith(self._ends[1]):
                        keep = len(self._ends[1])  # a "\r" that a "\n" may follow
                    rest = data[len(data) - keep :]
                    continue
                data, skipping = data[end:], False
            cut = len(data) if eof else self._cut(data)
            chunk, rest = data[:cut], data[cut:]
            if chunk and (block := self._block(chunk)) is not None:
                yield block
            if len(rest) > _MAX_LINE_BYTES:
                self.lines += 1
                yield Block(self.lines, [""], {0: too_long()})
                rest = rest[len(rest) - len(rest) % self._width :]
                skipping = True
            if eof:
                return


def too_long() -> str:
    """The reason of a line longer than `MAX_LINE`, in the run's language."""
    return _("line longer than {limit:,} characters").format(limit=MAX_LINE)


# The other encoding a line may be in, for the ones Chinese offices' files are in:
# a UTF-8 file with a line typed in Excel's ANSI (GBK), or the other way round.
_OTHER = {"utf-8": "gb18030", "gb18030": "utf-8", "gbk": "utf-8", "gb2312": "utf-8"}


def _reads_as(raw: bytes, codec: str) -> bool:
    """Whether the line `raw` is text in `codec`: it decodes, to nothing unprintable but a
    tab (random bytes read as GB18030 give control or private-use characters)."""
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return text.replace("\t", " ").isprintable()


def _undecodable(raw: bytes, exc: UnicodeDecodeError, codec: str, *, forced: bool) -> str:
    """Why the line `raw` is not text in `codec`: the byte and its column, and, when the
    line reads in the other usual encoding, what to do about it."""
    try:
        column = len(raw[: exc.start].decode(codec)) + 1
    except UnicodeDecodeError:
        column = exc.start + 1
    where = {"codec": codec, "byte": raw[exc.start], "column": column}
    other = _OTHER.get(codec)
    if other is not None and not _reads_as(raw, other):
        other = None
    if other is None:
        said = _(
            "cannot be decoded as {codec} (byte 0x{byte:02X} at column {column});"
            " --encoding names another"
        )
    elif forced:
        said = _(
            "cannot be decoded as {codec} (byte 0x{byte:02X} at column {column});"
            " the line reads as {other}: try --encoding {other}"
        )
    else:
        said = _(
            "cannot be decoded as {codec}, the encoding found in the file (byte 0x{byte:02X}"
            " at column {column}); the line reads as {other}: the file mixes two encodings,"
            " save it in one (or name it with --encoding)"
        )
    return said.format(other=other, **where)


def open_batch(path: str) -> IO[bytes]:
    """The file to check as bytes (`-` is standard input); `LineReader` decodes it."""
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise UsageError(_("{path}: no such file").format(path=clipped(path))) from None
    except OSError as exc:
        raise UsageError(
            _("{path}: cannot read: {value}").format(path=clipped(path), value=os_reason(exc))
        ) from None
