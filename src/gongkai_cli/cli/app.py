"""The typer application and the one place where errors become exit codes."""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from gongkai_cli import __version__, i18n
from gongkai_cli.cli.help import TranslatedHelp, translated_listing
from gongkai_cli.errors import ExitCode, GongkaiError, UsageError, clipped, os_reason, shown
from gongkai_cli.i18n import _
from gongkai_cli.io import settings

# When the reader of stdout leaves (`gongkai reply-check ... | head`), gongkai stops
# quietly with the shell's status for a process killed by SIGPIPE, 128 + 13. A
# closed pipe is never reported as 0 or 1: nobody read the verdict, and it is not
# known for the rows never written.
READER_LEFT = 128 + 13

# An output that cannot be written (a full disk, /dev/full, a closed stdout): one
# line on stderr and exit 2, never the verdict of what could not be written.
_UNWRITABLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})


class _ReaderLeft(Exception):
    """The reader of stdout closed the pipe (EPIPE), raised past click's own handling."""


class _ClosedStream(io.RawIOBase):
    """Stands in for a standard stream the shell closed (`>&-`, `<&-`): fails when used."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def readable(self) -> bool:
        return self.name == "input"

    def writable(self) -> bool:
        return self.name == "output"

    def readinto(self, buffer: Any) -> int:
        raise UsageError(_("standard input is closed: nothing to read"))

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _replace_closed_streams() -> None:
    # Python sets sys.stdin/sys.stdout to None when the descriptor is closed; a
    # command that does not use the stream still runs, one that does gets one line.
    if sys.stdin is None:
        sys.stdin = io.TextIOWrapper(_ClosedStream("input"), encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(
            _ClosedStream("output"),
            encoding="utf-8",
            write_through=True,
        )


def _utf8_streams() -> None:
    # UTF-8 whatever the locale (a GB18030 or ISO-8859-1 one had Chinese fail to encode
    # and JSON come out in the locale's encoding). stdout keeps any byte a file name
    # brought (surrogateescape); a message on stderr shows one as \\udcff, never fails.
    for stream, errors in ((sys.stdout, "surrogateescape"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream already written to
                reconfigure(encoding="utf-8", errors=errors)


def _undecodable(argv: Sequence[str]) -> str | None:
    """Why an argument is refused: bytes the locale's encoding cannot decode, which
    Python keeps as lone surrogates (PEP 383); None when every argument is text."""
    for arg in argv:
        if any("\udc80" <= char <= "\udcff" for char in arg):
            raw = os.fsencode(arg)
            bad = next(char for char in arg if "\udc80" <= char <= "\udcff")
            return _(
                "the argument {value} is not text in the terminal's encoding ({encoding}): "
                "byte 0x{byte:02X}; type it again, or set the locale (LANG) to the encoding "
                "the terminal uses"
            ).format(
                value=clipped(repr(raw)[2:-1]),
                encoding=sys.getfilesystemencoding(),
                byte=ord(bad) - 0xDC00,
            )
    return None


def _quiet_stdout() -> None:
    # The interpreter flushes stdout on exit: point it at /dev/null so that what is
    # still buffered does not fail a second time with a traceback.
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        sys.stdout = io.StringIO()  # no descriptor (a replaced stream): drop the buffer
        return
    os.dup2(os.open(os.devnull, os.O_WRONLY), descriptor)


def _one_line_usage(exc: Exception, ctx_help: str | None) -> str:
    from gongkai_cli.cli.usage_errors import usage_message  # only when there is one

    message = usage_message(exc)
    if not ctx_help:
        return message
    return _("{message} (see '{command} --help')").format(message=message, command=ctx_help)


def _error(message: str) -> None:
    # A message may quote the data (a unit, a cell, a file's line): a control character
    # in it is shown as \x1b, never sent to the terminal (render/sanitise.py).
    from gongkai_cli.render.sanitise import line_text

    typer.echo(_("Error: {message}").format(message=line_text(message)), err=True)


def _choose_language() -> None:
    """The language of this run's messages, from $GONGKAI_LANG; exit 2 on a value not known."""
    asked = settings.language()
    try:
        i18n.use(asked)
    except ValueError:
        i18n.use(None)
        # Said in both languages: the reader asked for one gongkai does not know.
        said = shown(asked or "")
        typer.echo(
            f"错误：GONGKAI_LANG={said} 无法识别，可用 zh（中文，默认）或 en"
            f" / Error: unknown GONGKAI_LANG={said}: use zh (Chinese, the default) or en",
            err=True,
        )
        sys.exit(int(ExitCode.USAGE))


# The module under gongkai_cli.cli that defines each command, in the order --help lists
# them. A module is imported only when one of its commands runs, so `gongkai due`
# does not pay for building every other command's options.
COMMANDS: dict[str, str] = {
    "due": "due_cmds",
    "owes": "owes_cmds",
    "tasks": "plan_cmds",
    "show": "plan_cmds",
    "units": "plan_cmds",
    "validate": "plan_cmds",
    "schema": "plan_cmds",
    "import": "import_cmds",
    "plans": "plans_cmds",
    "progress": "progress_cmds",
    "overdue": "progress_cmds",
    "report": "progress_cmds",
    "lint": "lint_cmds",
    "rules": "rules_cmds",
    "deadline": "deadline_cmds",
    "holidays": "holidays_cmds",
    "reply-check": "reply_check_cmds",
    "calendar": "calendar_cmds",
}


def command_app(name: str) -> typer.Typer:
    """The typer app of the module that defines command `name`."""
    module = importlib.import_module(f"gongkai_cli.cli.{COMMANDS[name]}")
    sub_app: typer.Typer = module.app
    return sub_app


class GongkaiGroup(TranslatedHelp, TyperGroup):
    """Runs a command and maps every expected failure to `Error: ...` and its exit code."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(n for n in super().list_commands(ctx) if n not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        group = typer.main.get_group(command_app(cmd_name))
        return translated_listing(group.get_command(ctx, cmd_name))

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # click's main would turn EPIPE into exit 1, the code of a missed deadline.
            raise _ReaderLeft from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from typer import _click as click  # typer's own click, as its commands raise it

        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or settings.debug()
        if "--debug" in argv:
            argv.remove("--debug")
        _replace_closed_streams()
        _utf8_streams()
        _choose_language()
        if (refused := _undecodable(argv)) is not None:
            _error(refused)
            sys.exit(int(ExitCode.USAGE))
        try:
            code = super().main(
                argv, prog_name or "gongkai", complete_var, standalone_mode=False, **extra
            )
            sys.stdout.flush()  # here, not at exit, so that a failure is reported like any other
        except (_ReaderLeft, BrokenPipeError):
            _quiet_stdout()
            sys.exit(READER_LEFT)
        except OSError as exc:
            if exc.errno not in _UNWRITABLE or debug:
                raise
            _quiet_stdout()
            _error(_("cannot write the output: {reason}").format(reason=os_reason(exc)))
            sys.exit(int(ExitCode.USAGE))
        except GongkaiError as exc:
            if debug:
                raise
            _error(str(exc))
            sys.exit(int(exc.exit_code))
        except click.exceptions.NoArgsIsHelpError:
            sys.exit(int(ExitCode.USAGE))  # the help is already on the screen
        except click.exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx is not None else None
            _error(_one_line_usage(exc, command))
            sys.exit(int(ExitCode.USAGE))
        except click.exceptions.ClickException as exc:  # e.g. a bad file argument
            from gongkai_cli.cli.usage_errors import usage_message

            _error(usage_message(exc))
            sys.exit(int(ExitCode.USAGE))
        except typer.Abort:
            typer.echo(_("Aborted."), err=True)
            sys.exit(int(ExitCode.USAGE))
        finally:
            _release_plans()
        sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


def _release_plans() -> None:
    # The plans this run read stay locked until it ends (io/plans._hold): at exit for a
    # process, here for a run inside another program (a test's CliRunner).
    plans = sys.modules.get("gongkai_cli.io.plans")
    if plans is not None:
        plans.release_all()


app = typer.Typer(
    cls=GongkaiGroup,
    name="gongkai",
    help="Deadlines and obligations of 《2021年上海市政务公开工作要点》 (沪府办〔2021〕21号).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gongkai {__version__}")
        raise typer.Exit(int(ExitCode.OK))


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """gongkai: what each unit owes under 沪府办〔2021〕21号, and by when.

    Exit codes: 0 ok; 1 a deadline missed or something overdue; 2 usage error or
    bad input; 3 invalid data files; 4 a date outside the holiday calendar;
    141 the reader of the output left early (gongkai ... | head).
    Add --debug to any command to see a traceback instead of a one-line error.
    """


def command_tree() -> dict[str, Any]:
    """Every group and command under `gongkai`, by its path ("due", "progress", "progress
    set"), in --help's order, each group just before its commands (typer's own click
    objects): the one walk of the tree, for the reference in docs/, the message catalog
    and the tests."""
    root = typer.main.get_command(app)
    found: dict[str, Any] = {}

    def walk(group: Any, ctx: Any, prefix: str) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found[prefix + name] = command
            if hasattr(command, "list_commands"):
                walk(command, type(ctx)(command, parent=ctx, info_name=name), f"{prefix}{name} ")

    walk(root, root.context_class(root, info_name="gongkai"), "")
    return found
