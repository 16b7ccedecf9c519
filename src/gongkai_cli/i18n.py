"""The language of messages for people: Chinese by default, English on request.

Messages are written in English in the code and marked with `_()` (or `ngettext()`
for counts); the zh_CN gettext catalog shipped beside this module
(`locale/zh_CN/LC_MESSAGES/gongkai.mo`, compiled from the committed `.po`)
translates them. English is the catalog's absence: with `en` the message ids are
shown as they are.

The language is chosen by `use()`; the command line calls it once per run with
$GONGKAI_LANG (io.settings reads the environment, not this module). Until then the
language is Chinese. Messages are translated when they are made, so a message
built at import time would miss a later choice: build them in functions.

The catalog is read on the first translated message, with one `GNUTranslations`
parse and no locale search, so a command that prints nothing for people pays
nothing. The stdlib `gettext` is the mechanism; no other package is needed at run
time.

May import: the standard library only.
"""

from __future__ import annotations

from gettext import GNUTranslations, NullTranslations
from pathlib import Path

DOMAIN = "gongkai"
LOCALE_DIR = Path(__file__).parent / "locale"
CATALOG = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"

CHINESE = "zh_CN"
ENGLISH = "en"

# What GONGKAI_LANG may say, and the language each spelling means.
SPELLINGS: dict[str, str] = {
    "zh": CHINESE,
    "zh_CN": CHINESE,
    "zh-CN": CHINESE,
    "zh_Hans": CHINESE,
    "zh-Hans": CHINESE,
    "en": ENGLISH,
    "en_US": ENGLISH,
    "en-US": ENGLISH,
    "en_GB": ENGLISH,
    "en-GB": ENGLISH,
}

_language = CHINESE
_translations: NullTranslations | None = None


def language() -> str:
    """The language messages are shown in: "zh_CN" or "en"."""
    return _language


def use(spelling: str | None) -> None:
    """Show messages in the language `spelling` names (None: the default, Chinese).

    Raises ValueError, naming the accepted values, for a spelling it does not know;
    the caller turns that into a usage error.
    """
    global _language
    if spelling is None:
        _language = CHINESE
        return
    chosen = SPELLINGS.get(spelling.strip())
    if chosen is None:
        chosen = SPELLINGS.get(spelling.strip().split(".")[0])  # zh_CN.UTF-8
    if chosen is None:
        raise ValueError(spelling)
    _language = chosen


def _catalog() -> NullTranslations:
    global _translations
    if _translations is None:
        try:
            with CATALOG.open("rb") as stream:
                _translations = GNUTranslations(stream)
        except OSError:  # a broken install: English rather than a traceback
            _translations = NullTranslations()
    return _translations


def _(message: str) -> str:
    """`message` in the chosen language."""
    if _language == ENGLISH:
        return message
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the chosen language."""
    if _language == ENGLISH:
        return singular if count == 1 else plural
    return _catalog().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it (translate it where shown)."""
    return message


gettext = _


def alternatives(items: list[str]) -> str:
    """Choices as a sentence says them: "a, b or c", or "a、b 或 c" in Chinese."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} or {last}").format(items=_(", ").join(items[:-1]), last=items[-1])
