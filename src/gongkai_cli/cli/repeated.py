"""An option that takes one value, given twice, is a usage error.

click keeps the last of `--rule simple --rule application-reply` and drops the
first without a word, so a script that builds its command line by appending an
option answers a question it did not ask. Here the command line is read once
more before click's own reading, in the order it was typed, and an option that
is neither a list (`multiple`), a flag nor a count is refused the second time.
"""

from __future__ import annotations

from typing import Any

from gongkai_cli.i18n import _


class OneValueEach:
    """Mixin for typer's command and group classes: see the module's docstring."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from typer import _click as click

        try:
            _opts, _args, order = self.make_parser(ctx).parse_args(args=list(args))  # type: ignore[attr-defined]
        except click.exceptions.ClickException:
            order = []  # click's own reading below says what is wrong, as it always did
        seen: set[str] = set()
        for param in order:
            if getattr(param, "param_type_name", None) != "option":
                continue  # an argument
            if param.multiple or param.is_flag or param.count or param.name is None:
                continue
            if param.name in seen:
                raise click.exceptions.UsageError(
                    _("{option} is given more than once; it takes one value").format(
                        option=" / ".join(param.opts)
                    ),
                    ctx=ctx,
                )
            seen.add(param.name)
        result: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        return result
