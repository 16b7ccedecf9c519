"""The zh_CN message catalog: collect the messages, update the .po, compile the .mo.

    python tools/catalog.py          # add new messages to the .po (empty), drop gone ones, compile
    python tools/catalog.py --check  # exit 1 if a message lacks Chinese or the .mo is stale

The messages are (1) every string marked in the source with `_()`, `N_()` or
`ngettext()` (babel's Python extractor), and (2) every help text of the live
command tree (command docstrings and option `help=`), as typer holds them, cleaned
as they are shown. The Chinese is written by hand in the .po; the .mo is compiled
from it with babel and shipped in the package (src/gongkai_cli/locale). Needs the
test extras (babel).
"""

from __future__ import annotations

import argparse
import inspect
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "gongkai_cli"
PO = SOURCE / "locale" / "zh_CN" / "LC_MESSAGES" / "gongkai.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}


def source_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every marked message in the source, with where it is (file:line)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str | tuple[str, str], list[str]] = {}
    for file, line, message, _comments, _context in extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append(f"{file}:{line}")
    return found


def _commands() -> Iterator[tuple[str, Any]]:
    import typer

    from gongkai_cli.cli.app import app, command_tree

    yield "gongkai", typer.main.get_command(app)
    for path, command in command_tree().items():
        yield f"gongkai {path}", command


def help_messages() -> dict[str, list[str]]:
    """Every help text of the command tree, cleaned as shown, with the command it is in."""
    found: dict[str, list[str]] = {}
    for path, command in _commands():
        texts = [command.help, command.short_help, command.epilog]
        ctx = command.context_class(command, info_name=path)
        texts += [getattr(param, "help", None) for param in command.get_params(ctx)]
        for text in texts:
            if text:
                found.setdefault(inspect.cleandoc(text), []).append(path)
    return found


def messages() -> dict[str | tuple[str, str], list[str]]:
    found = source_messages()
    for message, where in help_messages().items():
        found.setdefault(message, []).extend(where)
    return found


def read() -> Any:
    from babel.messages.pofile import read_po

    with PO.open("rb") as stream:
        return read_po(stream, locale="zh_CN", domain="gongkai")


def compiled(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def untranslated(catalog: Any) -> list[str]:
    """The messages the code uses that the catalog gives no Chinese for."""
    missing = []
    for key in messages():
        entry = catalog.get(key if isinstance(key, str) else key[0])
        strings = [] if entry is None else entry.string
        strings = list(strings) if isinstance(strings, tuple | list) else [strings]
        if entry is None or not all(strings):
            missing.append(key if isinstance(key, str) else key[0])
    return missing


def update() -> None:
    """Rewrite the .po: every message the code uses, its Chinese kept; compile the .mo."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    old = read() if PO.exists() else Catalog(locale="zh_CN", domain="gongkai")
    new = Catalog(locale="zh_CN", domain="gongkai", project="gongkai", charset="utf-8")
    for key, where in messages().items():
        before = old.get(key)
        empty: Any = "" if isinstance(key, str) else ("",)
        string = before.string if before is not None else empty
        new.add(key, string, locations=[(place.split(":")[0], None) for place in where])
    with PO.open("wb") as stream:
        write_po(stream, new, width=0, include_lineno=False, sort_output=True)
    MO.write_bytes(compiled(read()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        update()
    catalog = read()
    missing = untranslated(catalog)
    for message in missing:
        print(f"no Chinese for: {message!r}", file=sys.stderr)
    stale = MO.read_bytes() != compiled(catalog)
    if stale:
        print(f"{MO} is not compiled from {PO}", file=sys.stderr)
    return 1 if (missing or stale) and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
