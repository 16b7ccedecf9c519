"""YAML syntax errors in the chosen language.

PyYAML (and libyaml under it) say what went wrong in two English phrases, a context
("while parsing a block mapping") and a problem ("did not find expected key"),
without gettext. They are translated here, where gongkai reports them: each known
shape is matched and its parts kept (a character, a tag, as found), the catalog's
sentence put around them. A phrase not listed is shown as PyYAML wrote it rather
than guessed at; tests/test_office_messages.py feeds broken files through both.
"""

from __future__ import annotations

import re

from gongkai_cli import i18n
from gongkai_cli.i18n import N_, _

# (pattern of PyYAML's or libyaml's phrase, the message id that says it), tried in order;
# the named groups are the message id's fields.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"while scanning a simple key", N_("while reading a key")),
    (r"while scanning a (?:double-)?quoted scalar|while parsing a quoted scalar", N_("while reading quoted text")),
    (r"while scanning a plain scalar", N_("while reading text")),
    (r"while scanning a block scalar", N_("while reading a block of text (| or >)")),
    (r"while scanning an? (?:alias|anchor)", N_("while reading an anchor or alias (& or *)")),
    (r"while (?:scanning|parsing) a tag", N_("while reading a tag (!)")),
    (r"while scanning a (?:%YAML |%TAG )?directive", N_("while reading a directive (%)")),
    (r"while scanning for the next token", N_("while reading the next item")),
    (r"while parsing a block mapping", N_("in a mapping (key: value)")),
    (r"while parsing a block collection", N_("in a list (- item)")),
    (r"while parsing a flow mapping", N_("in a mapping in curly brackets")),
    (r"while parsing a flow sequence", N_("in a list in brackets ([ ])")),
    (r"while parsing a (?:block |flow )?node", N_("while reading a value")),
    (r"while (?:composing|constructing) a mapping", N_("in a mapping (key: value)")),
    (r"expected a single document in the stream", N_("the file should hold one YAML document")),
    (r"but found another document", N_("but it holds another (after ---)")),
    (r"found duplicate anchor(?: (?P<name>.+?))?; first occurrence", N_("an anchor is repeated; first here")),
    (r"second occurrence", N_("again here")),
    (r"mapping values are not allowed (?:here|in this context)", N_("a “key: value” is not allowed here (quote text that holds “: ”, or check the indentation)")),
    (r"block sequence entries are not allowed in this context", N_("a list item (- ) is not allowed here (check the indentation)")),
    (r"could not find expected ':'", N_("the colon (:) after a key is missing")),
    (r"did not find expected key", N_("a key was expected here (check the indentation)")),
    (r"did not find expected '-' indicator", N_("a list item (- ) was expected here (check the indentation)")),
    (r"did not find expected node content", N_("a value was expected here")),
    (r"did not find expected ',' or '\]'", N_("a comma or a closing ] was expected")),
    (r"did not find expected ',' or '}'", N_("a comma or a closing curly bracket was expected")),
    (r"did not find expected comment or line break", N_("a comment or a line break was expected")),
    (r"did not find expected <document start>", N_("a document start (---) was expected")),
    (r"expected <block end>, but found (?P<found>.+)", N_("the indentation does not line up: found {found}")),
    (r"expected ',' or '\]', but got (?P<found>.+)", N_("a comma or a closing ] was expected, not {found}")),
    (r"expected ',' or '}', but got (?P<found>.+)", N_("a comma or a closing curly bracket was expected, not {found}")),
    (r"expected the node content, but found (?P<found>.+)", N_("a value was expected, not {found}")),
    (r"expected (?P<expected>.+?), but found (?P<found>.+)", N_("expected {expected}, not {found}")),
    (r"found character (?P<char>.+) that cannot start any token", N_("the character {char} cannot begin a value (quote the text; indent with spaces, not tabs)")),
    (r"found character that cannot start any token", N_("a character here cannot begin a value (quote the text; indent with spaces, not tabs)")),
    (r"found a tab character (?:that violates? indentation|where an indentation space is expected)", N_("a tab where the indentation needs spaces")),
    (r"found unexpected end of stream", N_("the file ends too early (a quote or bracket not closed)")),
    (r"found unexpected document (?:separator|indicator)", N_("a document separator (--- or ...) is not allowed here")),
    (r"found unknown escape character(?: (?P<char>.+))?", N_("an unknown escape (\\) in quoted text")),
    (r"found undefined alias(?: (?P<name>.+))?", N_("an alias (*) names no anchor (&)")),
    (r"found undefined tag handle(?: (?P<name>.+))?", N_("an unknown tag (!)")),
    (r"found unhashable key", N_("a key cannot be a list or a mapping")),
    (r"found duplicate %YAML directive", N_("the %YAML directive is repeated")),
    (r"did not find URI escaped octet", N_("an unreadable tag (!)")),
    (r"could not determine a constructor for the tag (?P<tag>.+)", N_("unknown tag {tag}: gongkai's files use none")),
    (r"control characters are not allowed", N_("control characters are not allowed")),
)  # fmt: skip

_compiled: list[tuple[re.Pattern[str], str]] = []


def phrase(text: str) -> str:
    """PyYAML's English `text` (a context or a problem) in the chosen language."""
    if i18n.language() == i18n.ENGLISH:
        return text
    if not _compiled:
        _compiled.extend((re.compile(pattern, re.S), said) for pattern, said in PHRASES)
    for pattern, said in _compiled:
        match = pattern.fullmatch(text.strip())
        if match:
            return _(said).format(**{k: v for k, v in match.groupdict().items() if v})
    return text


def syntax_reason(context: str | None, problem: str | None) -> str:
    """What a MarkedYAMLError says, its context first, in the chosen language."""
    parts = [phrase(part) for part in (context, problem) if part]
    return " ".join(parts) if i18n.language() == i18n.ENGLISH else "，".join(parts)
