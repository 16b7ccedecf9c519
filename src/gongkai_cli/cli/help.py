"""--help in the chosen language, translated when it is shown.

typer keeps each command's help (its docstring) and each option's `help=` from
import time, and its own words ("Usage:", the "Options" and "Commands" panels,
"[default: ...]") in module constants read through gettext at import. Translating
any of them at import would fix the language for the life of the process, and
would read the catalog on every run. Instead every gongkai command is a
`GongkaiCommand` or a `GongkaiSubgroup` (through `GongkaiTyper`), and their
`format_help` swaps in the translations while the help is drawn, then puts the
English back: the language is the one chosen for this run (a CliRunner test can
switch it between two invocations), and a command that shows no help never
reads the catalog.

The message ids are the English texts exactly as typer holds them;
tests/test_i18n.py collects them from the live command tree and checks the
catalog translates every one.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandFunctionType

from gongkai_cli import i18n
from gongkai_cli.cli.repeated import OneValueEach
from gongkai_cli.i18n import N_, _

# typer's own words for help (typer.rich_utils), by constant name.
TYPER_WORDS: dict[str, str] = {
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
}
# typer's words in click's plain layout (TYPER_USE_RICH=0), through typer.core's `_`.
PLAIN_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
)
# click's, as attributes of a command.
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
USAGE = N_("Usage: ")

_swapped: list[list[tuple[object, str, Any]]] = []  # one list per help being drawn


def _swap(thing: object, attribute: str, translate: Callable[[str], str] = _) -> None:
    value = getattr(thing, attribute, None)
    if isinstance(value, str) and value:
        _swapped[-1].append((thing, attribute, value))
        setattr(thing, attribute, translate(value))


def help_text(text: str) -> str:
    """A command's or option's help in the chosen language (the message id is the cleaned text)."""
    cleaned = inspect.cleandoc(text)
    said = _(cleaned)
    return text if said is cleaned else said


def translated_listing(command: Any) -> Any:
    """A subcommand listed in a group's help: its one-line help translated."""
    if _swapped and command is not None:
        _swap(command, "help", help_text)
        _swap(command, "short_help", help_text)
    return command


@contextmanager
def translated_help(command: Any, ctx: Any) -> Iterator[None]:
    """While the help of `command` is drawn: its texts, its options' and typer's translated."""
    if i18n.language() == i18n.ENGLISH:
        yield
        return
    import typer.core

    _swapped.append([])
    try:
        # typer.core calls gettext as its module's `_` when it draws plain help.
        if hasattr(typer.core, "_"):
            _swapped[-1].append((typer.core, "_", typer.core._))
            typer.core._ = _
        if typer.core.HAS_RICH:
            _rich_words()
        else:
            _plain_wrapping()
        for attribute in ("help", "short_help", "epilog"):
            _swap(command, attribute, help_text)
        _swap(command, "options_metavar")
        _swap(command, "subcommand_metavar")
        for param in command.get_params(ctx):
            _swap(param, "help", help_text)
        yield
    finally:
        for thing, attribute, value in reversed(_swapped.pop()):
            setattr(thing, attribute, value)


def _rich_words() -> None:
    from typer import rich_utils

    # Only what this typer has: a name it drops leaves that word in English, not a crash.
    for name, word in TYPER_WORDS.items():
        if hasattr(rich_utils, name):
            _swapped[-1].append((rich_utils, name, getattr(rich_utils, name)))
            setattr(rich_utils, name, _(word))
    make_text = getattr(rich_utils, "_make_rich_text", None)
    if make_text is not None:
        _swapped[-1].append((rich_utils, "_make_rich_text", make_text))
        rich_utils._make_rich_text = _folding(make_text)


def _plain_wrapping() -> None:
    try:
        from typer._click import formatting
    except ImportError:  # a typer that no longer vendors click: its own wrapping
        return
    _swapped[-1].append((formatting, "wrap_text", formatting.wrap_text))
    formatting.wrap_text = _wrap_wide(formatting.wrap_text)


def _wrap_wide(wrap_text: Callable[..., str]) -> Callable[..., str]:
    """click's plain wrapping, counting a Chinese character as two columns.

    click measures text with len(), so a translated line would run twice as wide
    as the terminal; render.text.wrap counts display cells and keeps 禁则.
    """
    from gongkai_cli.render.text import wrap

    def wrapped(
        text: str,
        width: int = 78,
        initial_indent: str = "",
        subsequent_indent: str = "",
        preserve_paragraphs: bool = False,
    ) -> str:
        if text.isascii():
            return wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
        paragraphs = text.split("\n\n") if preserve_paragraphs else [text]
        out = []
        for paragraph in paragraphs:
            lines = [line.strip() for line in paragraph.strip().split("\n")]
            joined = lines[0]
            for line in lines[1:]:
                joined += (" " if joined[-1:].isascii() or line[:1].isascii() else "") + line
            cells = width - max(len(initial_indent), len(subsequent_indent))
            body = wrap(joined, cells)
            out.append(
                "\n".join(
                    (initial_indent if n == 0 else subsequent_indent) + line
                    for n, line in enumerate(body)
                )
            )
        return "\n\n".join(out)

    return wrapped


def _folding(make_text: Callable[..., Any]) -> Callable[..., Any]:
    """typer's help text, folded where a line has no space to break at.

    rich breaks lines only at spaces and cuts a longer run with "…"; a Chinese
    sentence is one such run, so in a narrow column it would lose its end.
    """

    def make(**kwargs: Any) -> Any:
        text = make_text(**kwargs)
        if hasattr(text, "overflow"):
            text.overflow = "fold"
        return text

    return make


class TranslatedHelp:
    """Mixin for typer's command classes: help drawn in the chosen language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self, ctx):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_(USAGE))


class GongkaiCommand(OneValueEach, TranslatedHelp, TyperCommand):
    """A gongkai command: typer's, with its help translated when shown."""


class GongkaiSubgroup(OneValueEach, TranslatedHelp, TyperGroup):
    """A group of gongkai commands (progress, plans), with its help translated when shown."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return translated_listing(super().get_command(ctx, cmd_name))


class GongkaiTyper(typer.Typer):
    """typer.Typer whose commands and groups are gongkai's (help in the chosen language)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", GongkaiSubgroup)
        super().__init__(**kwargs)

    def command(
        self, *args: Any, **kwargs: Any
    ) -> Callable[[CommandFunctionType], CommandFunctionType]:
        kwargs.setdefault("cls", GongkaiCommand)
        return super().command(*args, **kwargs)
