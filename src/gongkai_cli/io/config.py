"""The user's configuration file: the default plan that `gongkai plans use ID` sets.

`config.json` in the user configuration directory (`settings.config_file()`):

    {"default_plan": "2025"}

JSON, read with the json module the command line has already loaded, so a run
that reads it pays one small read, and a run without it (the usual case, and
every script's) one failed open. A file gongkai cannot read as such (not UTF-8,
not JSON, not an object, a key it does not know, an id that is not text) is an
InvalidDataError (exit 3) that names the file and how to mend it; nothing in it
is guessed at. It is written whole (`io.files.write_atomically`) under its lock,
keeping the keys it has.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from gongkai_cli.errors import InvalidDataError, Problem, os_reason
from gongkai_cli.i18n import _
from gongkai_cli.io import settings

DEFAULT_PLAN = "default_plan"
"""The key of the default plan's id."""

KEYS = (DEFAULT_PLAN,)
"""Every key the file may hold."""

_LIMIT = 64 * 1024
"""The largest configuration file read (it holds a line or two)."""


def default_plan() -> str | None:
    """The id `gongkai plans use` set, or None when none is set."""
    value = _read(settings.config_file()).get(DEFAULT_PLAN)
    return value if isinstance(value, str) else None


def set_default_plan(plan_id: str | None) -> Path:
    """Record `plan_id` as the default plan (None: forget it); return the file written."""
    from gongkai_cli.io.files import locked, write_atomically

    path = settings.config_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from gongkai_cli.errors import UsageError

        raise UsageError(
            _("{path}: cannot write: {value}").format(path=path.parent, value=os_reason(exc))
        ) from None
    with locked(path):
        values = _read(path)
        if plan_id is None:
            values.pop(DEFAULT_PLAN, None)
        else:
            values[DEFAULT_PLAN] = plan_id
        write_atomically(path, json.dumps(values, ensure_ascii=False, indent=2) + "\n")
    return path


def _read(path: Path) -> dict[str, Any]:
    """The file's keys and values, {} when there is no file; InvalidDataError when it is
    not what gongkai writes."""
    if not os.path.lexists(path):  # the usual case: one lstat, no message made
        return {}
    from gongkai_cli.io.files import read_regular

    blob = read_regular(path, _LIMIT)
    if blob is None:
        raise _broken(
            path, 1, _("the file is larger than {value} KiB").format(value=_LIMIT // 1024)
        )
    try:
        data = json.loads(blob.decode("utf-8"))
    except UnicodeDecodeError:
        raise _broken(path, 1, _("the file is not UTF-8")) from None
    except json.JSONDecodeError as exc:
        from gongkai_cli.io.json_errors import json_reason

        said = _("not JSON: {reason}").format(reason=json_reason(exc))
        raise _broken(path, exc.lineno, said) from None
    if not isinstance(data, dict):
        raise _broken(path, 1, _("not a JSON object"))
    unknown = [key for key in data if key not in KEYS]
    if unknown:
        raise _broken(
            path,
            1,
            _("unknown key {key} (known: {keys})").format(
                key=json.dumps(unknown[0], ensure_ascii=False), keys=", ".join(KEYS)
            ),
        )
    if DEFAULT_PLAN in data and not isinstance(data[DEFAULT_PLAN], str):
        raise _broken(path, 1, _("{key} is a plan's id, as text").format(key=DEFAULT_PLAN))
    return data


def _broken(path: Path, line: int, reason: str) -> InvalidDataError:
    said = _(
        "{reason}; mend gongkai's configuration file, or remove it and set the default plan "
        "again with `gongkai plans use ID`"
    )
    return InvalidDataError([Problem(path, line, "", said.format(reason=reason))])
