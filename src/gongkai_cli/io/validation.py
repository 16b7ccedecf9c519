"""A YAML document checked against a schema: pydantic errors as `file:line: path: message`."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from gongkai_cli.errors import Problem
from gongkai_cli.i18n import ENGLISH, N_, _, language
from gongkai_cli.io.yamlio import YamlDocument

T = TypeVar("T")

# gongkai's words for pydantic's error types; other types keep pydantic's English.
_MESSAGES = {
    "unexpected_keyword_argument": N_("unknown field (not in the schema; see 'gongkai schema')"),
    "missing": N_("field required"),  # pydantic's type for a missing dataclass field
    "missing_argument": N_("field required"),
}


_ADAPTERS: dict[type[Any], Any] = {}


def _adapter(model: type[Any]) -> Any:
    # Building a schema costs tens of milliseconds: once per model and process.
    if model not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[model] = TypeAdapter(model)
    return _ADAPTERS[model]


def validate_schema(doc: YamlDocument, model: type[T]) -> tuple[T | None, list[Problem]]:
    """`doc`'s data as `model`, or the schema problems with their lines."""
    from pydantic import ValidationError

    if doc.data is None:
        return None, [doc.problem((), _("the file is empty"))]
    try:
        value: T = _adapter(model).validate_python(doc.data)
        return value, []
    except ValidationError as exc:
        problems: list[Problem] = []
        for error in exc.errors(include_url=False):
            known = _MESSAGES.get(error["type"])
            message = _(known) if known is not None else error["msg"]
            if error["type"] == "enum" and language() != ENGLISH:
                # A closed set (a unit's kind, a role): its values, listed in Chinese.
                expected = re.split(r", | or ", error["ctx"]["expected"])
                message = _("Input should be {expected}").format(expected="、".join(expected))
            problems.append(doc.problem(error["loc"], message))
        return None, problems
