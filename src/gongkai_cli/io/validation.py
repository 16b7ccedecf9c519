"""A YAML document checked against a schema: pydantic errors as `file:line: path: message`."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from gongkai_cli.errors import Problem
from gongkai_cli.i18n import ENGLISH, N_, _, language
from gongkai_cli.io.yamlio import YamlDocument

T = TypeVar("T")

# gongkai's words for pydantic's error types, with the fields of the error's context
# (`ctx`) they name: every type gongkai's models can raise, so that a data-file error is
# in the chosen language (issue 22 item 3). A type not listed is named by its id.
_MESSAGES = {
    "unexpected_keyword_argument": N_("unknown field (not in the schema; see 'gongkai schema')"),
    "extra_forbidden": N_("unknown field (not in the schema; see 'gongkai schema')"),
    "missing": N_("field required"),  # pydantic's type for a missing dataclass field
    "missing_argument": N_("field required"),
    "missing_keyword_only_argument": N_("field required"),
    "missing_positional_only_argument": N_("field required"),
    "unexpected_positional_argument": N_("unexpected value"),
    "dataclass_type": N_("should be a mapping of fields (key: value)"),
    "dataclass_exact_type": N_("should be a mapping of fields (key: value)"),
    "model_type": N_("should be a mapping of fields (key: value)"),
    "model_attributes_type": N_("should be a mapping of fields (key: value)"),
    "arguments_type": N_("should be a mapping of fields (key: value)"),
    "dict_type": N_("should be a mapping (key: value)"),
    "mapping_type": N_("should be a mapping (key: value)"),
    "list_type": N_("should be a list"),
    "tuple_type": N_("should be a list"),
    "set_type": N_("should be a list"),
    "frozen_set_type": N_("should be a list"),
    "iterable_type": N_("should be a list"),
    "too_short": N_("should have at least {min_length} items, not {actual_length}"),
    "too_long": N_("should have at most {max_length} items, not {actual_length}"),
    "string_type": N_("should be text"),
    "string_sub_type": N_("should be text"),
    "string_unicode": N_("should be text"),
    "string_too_short": N_("should have at least {min_length} characters"),
    "string_too_long": N_("should have at most {max_length} characters"),
    "string_pattern_mismatch": N_("should match the pattern {pattern}"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_parsing_size": N_("should be a whole number of a sensible size"),
    "int_from_float": N_("should be a whole number, not a fraction"),
    "float_type": N_("should be a number"),
    "float_parsing": N_("should be a number"),
    "finite_number": N_("should be a finite number"),
    "greater_than": N_("should be greater than {gt}"),
    "greater_than_equal": N_("should be at least {ge}"),
    "less_than": N_("should be less than {lt}"),
    "less_than_equal": N_("should be at most {le}"),
    "multiple_of": N_("should be a multiple of {multiple_of}"),
    "date_type": N_("should be a date (2021-06-30)"),
    "date_parsing": N_("should be a date (2021-06-30)"),
    "date_from_datetime_parsing": N_("should be a date (2021-06-30)"),
    "date_from_datetime_inexact": N_("should be a date (2021-06-30), without a time"),
    "datetime_type": N_("should be a date and time"),
    "datetime_parsing": N_("should be a date and time"),
    "none_required": N_("should be empty"),
    "invalid_key": N_("keys should be text"),
    "union_tag_invalid": N_("unknown kind {tag}: expected {expected_tags}"),
    "union_tag_not_found": N_("the field {discriminator} is required"),
    "is_instance_of": N_("has the wrong type"),
    "url_parsing": N_("should be a URL"),
    "url_type": N_("should be a URL"),
    "url_scheme": N_("should be a URL beginning {expected_schemes}"),
}
# The types whose words are gongkai's in English too (pydantic's name a Python call).
_OWN = {"unexpected_keyword_argument", "missing", "missing_argument"}


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
            problems.append(doc.problem(error["loc"], error_message(error)))
        return None, problems


def error_message(error: Any) -> str:
    """One pydantic error (`ValidationError.errors()`'s item) in the chosen language: in
    Chinese the message of its type, with the values its context gives (a bound, a
    length); in English pydantic's own, except the few gongkai words itself."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])  # gongkai's own validators: their message is translated
    known = _MESSAGES.get(kind)
    if language() == ENGLISH:
        return _(known) if known is not None and kind in _OWN else str(error["msg"])
    if kind in ("enum", "literal_error"):
        # A closed set (a unit's kind, a role): its values, listed as Chinese lists them.
        expected = re.split(r", | or ", str(ctx.get("expected", "")))
        return _("Input should be {expected}").format(expected="、".join(expected))
    if known is None:
        return _("invalid value ({kind})").format(kind=kind)
    try:
        return _(known).format(**{key: _shown(value) for key, value in ctx.items()})
    except (KeyError, IndexError):  # a context without the field the message names
        return _(known).split("{")[0].strip()


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else str(value)
