"""Where a command's output goes: stdout, or the file `-o FILE` names, written whole."""

from __future__ import annotations

import sys
from pathlib import Path

from gongkai_cli.model.output import Format
from gongkai_cli.render.emit import View, emit, note


def write(view: View, fmt: str, output_file: Path | None = None, raw: bool = False) -> None:
    """Emit `view` as `fmt` to stdout, or to `output_file` atomically (its summary after).

    `raw` (--raw): csv and xlsx cells that begin with a formula character as they are."""
    if output_file is None:
        emit(view, Format(fmt), sys.stdout, raw=raw)
        return
    import io

    from gongkai_cli.io.files import write_atomically

    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    emit(view._replace(summary=()), Format(fmt), stream, raw=raw)  # the notes first, as on stdout
    stream.flush()
    write_atomically(output_file, buffer.getvalue())
    for line in view.summary:
        note(line)
    wrote(output_file)


def wrote(path: Path) -> None:
    """The line every write to a file ends with, on stderr: "已写入 FILE". Not for a
    device, a FIFO or a descriptor (/dev/null, /dev/stdout): what was written went on."""
    from gongkai_cli.i18n import _
    from gongkai_cli.io.files import written_in_place

    if not written_in_place(path):
        note(_("wrote {path}").format(path=path))
