"""csv syntax errors in the chosen language.

The csv module says what went wrong in a short English sentence, without gettext:
"',' expected after '\"'", "field larger than field limit (131072)", "line contains
NUL". They are few and fixed; each is translated here, where gongkai reports one
(reply-check's rows, import's tables), its parts kept. A sentence not listed (a later
Python's) is shown as csv wrote it.

May import: the standard library and gongkai_cli.i18n.
"""

from __future__ import annotations

import csv
import re

from gongkai_cli import i18n
from gongkai_cli.i18n import N_, _

# (pattern of csv's sentence, the message id that says it); the groups are its fields.
SENTENCES: tuple[tuple[str, str], ...] = (
    (
        r"'(?P<delimiter>.)' expected after '(?P<quote>.)'",
        N_(
            "text after a quoted field's closing {quote}: a quoted field ends at a "
            "{delimiter} (a quote inside a field is written twice)"
        ),
    ),
    (
        r"field larger than field limit \((?P<limit>\d+)\)",
        N_("a field longer than {limit} characters"),
    ),
    (r"line contains NUL", N_("a NUL character (byte 0x00) in the line")),
    (
        r"new-line character seen in unquoted field.*",
        N_("a line break inside a field that is not quoted"),
    ),
    (r"unexpected end of data", N_("the file ends inside a quoted field")),
)


def csv_reason(exc: csv.Error) -> str:
    """What `exc` says went wrong, in the chosen language."""
    said = str(exc)
    if i18n.language() == i18n.ENGLISH:
        return said
    for pattern, message in SENTENCES:
        if match := re.fullmatch(pattern, said, re.S):
            return _(message).format(**match.groupdict())
    return said
