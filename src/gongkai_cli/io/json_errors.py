"""JSON syntax errors in the chosen language.

The json module says what went wrong in a short English phrase (`exc.msg`: "Expecting
value", "Extra data" ...), without gettext. The phrases are few and fixed; each is
translated here, where gongkai reports one (reply-check's JSON Lines, the user
config). A phrase not listed (a later Python's) is shown as json wrote it.

May import: the standard library and gongkai_cli.i18n.
"""

from __future__ import annotations

import json

from gongkai_cli import i18n
from gongkai_cli.i18n import N_, _

PHRASES: dict[str, str] = {
    "Expecting value": N_(
        "a value was expected (text in double quotes, a number, true, false, null, [ or {)"
    ),
    "Expecting ':' delimiter": N_("the colon (:) after a key is missing"),
    "Expecting ',' delimiter": N_("a comma (,) between two items is missing"),
    "Expecting property name enclosed in double quotes": N_(
        "a key in double quotes was expected (no comma after the last item)"
    ),
    "Unterminated string starting at": N_("text in double quotes is not closed"),
    "Extra data": N_("more after the end of the value (one JSON value a line)"),
    "Invalid control character at": N_("a control character inside quoted text"),
    "Invalid \\escape": N_("an unknown escape (\\) in quoted text"),
    "Invalid \\uXXXX escape": N_("an unknown \\u escape in quoted text"),
    "Illegal trailing comma before end of object": N_("a comma after the last item"),
    "Illegal trailing comma before end of array": N_("a comma after the last item"),
}


def json_reason(exc: json.JSONDecodeError) -> str:
    """What `exc` says went wrong, in the chosen language (without its place)."""
    said = PHRASES.get(exc.msg)
    if said is None or i18n.language() == i18n.ENGLISH:
        return exc.msg
    return _(said)
