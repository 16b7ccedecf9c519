"""Keyword search over tasks (`tasks --grep`, `due --grep`), blind to whitespace.

The data keeps cells verbatim, and the annex's narrow 任务名称 column left the
PDF's wrap spaces inside names (推进政府规 章统一公开). A search that took the
spaces at their word would miss such a task, so both the word and the text are
compared with every whitespace character removed. Latin letters match without
regard to case (VR, vr).
"""

from __future__ import annotations

import re

from gongkai_cli.errors import UsageError
from gongkai_cli.i18n import _
from gongkai_cli.model.plan import Task

_SPACE = re.compile(r"\s+")


def squeezed(text: str) -> str:
    """`text` without whitespace, case-folded: the form search compares."""
    return _SPACE.sub("", text).casefold()


def search_word(word: str, what: str = "--grep") -> str:
    """The word to search for, squeezed; UsageError when nothing but whitespace is left."""
    found = squeezed(word)
    if not found:
        raise UsageError(_("{what} needs a word to search for").format(what=what))
    return found


def task_matches(task: Task, word: str) -> bool:
    """Whether the squeezed `word` is in the task's name or content, whitespace ignored."""
    return word in squeezed(task.name) or word in squeezed(task.content)


def pattern(word: str) -> re.Pattern[str]:
    """A pattern finding the squeezed `word` in verbatim text, whitespace allowed anywhere inside.

    Used to highlight a match where the text wraps: 规 章 matches 规章.
    """
    return re.compile(r"\s*".join(re.escape(char) for char in word), re.IGNORECASE)
