"""click's and typer's usage errors, on one line, in the chosen language.

The click that typer vendors writes its messages as plain English f-strings (no
gettext), so they are translated here, where gongkai prints them: each known
shape is matched, its parts kept (option names, values and choices stay as
typed), and the catalog's sentence put around them. A shape not listed here is
shown in English rather than guessed at; tests/test_i18n.py covers the listed ones.
"""

from __future__ import annotations

import re

from gongkai_cli import i18n
from gongkai_cli.errors import ECHO_LIMIT, clipped
from gongkai_cli.i18n import N_, _

# (pattern of click's English message, the message id that says it), tried in
# order; the named groups are the message id's fields. A group named `message`
# or `reason` is itself translated (a nested click message, or gongkai's own).
SHAPES: tuple[tuple[str, str], ...] = (
    # An option read from the environment too: click names the variable in the hint.
    (r"Invalid value for (?P<hint>.+?) \(env var: '(?P<variable>[^']*)'\): (?P<message>.*)", N_("Invalid value for {hint} (or ${variable}): {message}")),
    (r"Invalid value for (?P<hint>.+?): (?P<message>.*)", N_("Invalid value for {hint}: {message}")),
    (r"Invalid value: (?P<message>.*)", N_("Invalid value: {message}")),
    (r"(?P<value>.+) is not one of (?P<choices>.+)\.", N_("{value} is not one of {choices}.")),
    (r"(?P<value>.+) is not a valid int(?:eger)?\.", N_("{value} is not a valid integer.")),
    (r"(?P<value>.+) is not a valid float\.", N_("{value} is not a valid float.")),
    (r"(?P<value>.+) is not a valid boolean\..*", N_("{value} is not a valid boolean.")),
    (r"(?P<value>.+) is not in the range (?P<range>.+)\.", N_("{value} is not in the range {range}.")),
    (r"(?P<kind>File|Directory|Path) (?P<path>'.*') does not exist\.", N_("{path} does not exist.")),
    (r"(?P<kind>File|Directory|Path) (?P<path>'.*') is a directory\.", N_("{path} is a directory.")),
    (r"(?P<kind>File|Directory|Path) (?P<path>'.*') is a file\.", N_("{path} is a file.")),
    (r"(?P<kind>File|Directory|Path) (?P<path>'.*') is not readable\.", N_("{path} is not readable.")),
    (r"(?P<kind>File|Directory|Path) (?P<path>'.*') is not writable\.", N_("{path} is not writable.")),
    (r"Missing option (?P<hint>.+?)\.", N_("Missing option {hint}.")),
    (r"Missing argument (?P<hint>.+?)\.", N_("Missing argument {hint}.")),
    (r"Missing parameter:? (?P<hint>.+?)\.?", N_("Missing parameter {hint}.")),
    (r"No such option: (?P<name>\S+)\. Did you mean (?P<suggestions>.+)\?", N_("No such option: {name}. Did you mean {suggestions}?")),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<suggestions>.+)\)", N_("No such option: {name} (possible options: {suggestions})")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"No such command (?P<name>.+)\. Did you mean (?P<suggestions>.+)\?", N_("No such command {name}. Did you mean {suggestions}?")),
    (r"No such command (?P<name>.+)\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Got unexpected extra argument(?:s|\(s\))? \((?P<arguments>.*)\)", N_("Got unexpected extra arguments ({arguments})")),
    (r"Option (?P<name>'.+?') requires an argument\.", N_("Option {name} requires an argument.")),
    (r"Option (?P<name>'.+?') requires (?P<count>\d+) arguments\.", N_("Option {name} requires {count} arguments.")),
    (r"Option (?P<name>'.+?') does not take a value\.", N_("Option {name} does not take a value.")),
    (r"Could not open file (?P<path>'.*'): (?P<reason>.*)", N_("Could not open file {path}: {reason}")),
)  # fmt: skip

_compiled: list[tuple[re.Pattern[str], str]] = []


def translated(message: str) -> str:
    """click's English `message` in the chosen language (as it is when no shape matches)."""
    if i18n.language() == i18n.ENGLISH:
        return message
    if not _compiled:
        _compiled.extend((re.compile(pattern, re.S), said) for pattern, said in SHAPES)
    for pattern, said in _compiled:
        match = pattern.fullmatch(message)
        if match:
            fields = match.groupdict()
            for nested in ("message", "reason"):
                if fields.get(nested):
                    fields[nested] = translated(_(fields[nested]))
            return _(said).format(**fields)
    return message


# A value click quotes (its {value!r}) longer than gongkai repeats of what was typed.
_LONG = ECHO_LIMIT + 1
_LONG_QUOTED = re.compile(f"'([^']{{{_LONG},}})'|\"([^\"]{{{_LONG},}})\"")


def usage_message(exc: Exception) -> str:
    """The message of click's exception `exc`, on one line, in the chosen language; a
    value it quotes is cut to ECHO_LIMIT characters (issue 11: never 100 KB of input)."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    message = _LONG_QUOTED.sub(lambda match: repr(clipped(match[1] or match[2])), message)
    return translated(" ".join(message.split()))
