"""The settings: every GONGKAI_* environment variable and user directory, read here only.

- GONGKAI_TODAY: "today", in any accepted date spelling (default: today in Asia/Shanghai)
- GONGKAI_DATA: the plan's data directory, as `--data` (default: the shipped 2021 plan)
- GONGKAI_HOLIDAYS: a holidays file, as `--holidays` (default: none)
- GONGKAI_PROVISIONAL: 1 counts the year after the calendar's last with the provisional
  calendar (暂定: fixed holidays and weekends), as `--provisional` (default: off)
- GONGKAI_RULES: the reply-deadline rules file, as `--rules` (default: the shipped rules)
- GONGKAI_PROGRESS: the progress file, as `--progress` (default: none)
- GONGKAI_PLAN: the installed plan to use, by name (default: none)
- GONGKAI_LANG: the language of messages (default: Chinese)
- GONGKAI_DEBUG: 1 shows a traceback instead of a one-line error (default: off)
- GONGKAI_CACHE_DIR: where validated data is cached (default: the user cache directory)
- GONGKAI_DATA_HOME: gongkai's user data directory, holding installed plans in
  `plans/` (default: the user data directory)
- GONGKAI_CONFIG_HOME: gongkai's user configuration directory, holding `config.json`
  (the default plan `gongkai plans use` sets) (default: the user config directory)

The user directories are platformdirs': on Linux the cache is
$XDG_CACHE_HOME/gongkai (~/.cache/gongkai) and the data home
$XDG_DATA_HOME/gongkai (~/.local/share/gongkai) and the configuration
$XDG_CONFIG_HOME/gongkai (~/.config/gongkai). An empty variable counts as
unset. The terminal's own conventions (COLUMNS, NO_COLOR) are not gongkai's
settings: `render` reads them where it draws.

Options that mirror a variable name it through typer's `envvar=`, with the
constants below, so `--help` shows it and the option wins over the variable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "gongkai"

TODAY_ENV = "GONGKAI_TODAY"
DATA_ENV = "GONGKAI_DATA"
HOLIDAYS_ENV = "GONGKAI_HOLIDAYS"
PROVISIONAL_ENV = "GONGKAI_PROVISIONAL"
RULES_ENV = "GONGKAI_RULES"
PROGRESS_ENV = "GONGKAI_PROGRESS"
PLAN_ENV = "GONGKAI_PLAN"
LANG_ENV = "GONGKAI_LANG"
DEBUG_ENV = "GONGKAI_DEBUG"
CACHE_DIR_ENV = "GONGKAI_CACHE_DIR"
DATA_HOME_ENV = "GONGKAI_DATA_HOME"
CONFIG_HOME_ENV = "GONGKAI_CONFIG_HOME"

VARIABLES = (
    TODAY_ENV,
    DATA_ENV,
    HOLIDAYS_ENV,
    PROVISIONAL_ENV,
    RULES_ENV,
    PROGRESS_ENV,
    PLAN_ENV,
    LANG_ENV,
    DEBUG_ENV,
    CACHE_DIR_ENV,
    DATA_HOME_ENV,
    CONFIG_HOME_ENV,
)

PLANS_DIR = "plans"
CONFIG_FILE = "config.json"


def value(name: str) -> str | None:
    """The variable's value, or None when it is unset or empty."""
    return os.environ.get(name) or None


def path(name: str) -> Path | None:
    """The variable's value as a path, or None when it is unset or empty."""
    text = value(name)
    return Path(text) if text is not None else None


def today_text() -> str | None:
    """$GONGKAI_TODAY as typed (io.dates parses it), or None."""
    return value(TODAY_ENV)


def data_dir() -> Path | None:
    """$GONGKAI_DATA, or None."""
    return path(DATA_ENV)


def holidays_file() -> Path | None:
    """$GONGKAI_HOLIDAYS, or None."""
    return path(HOLIDAYS_ENV)


def provisional() -> bool:
    """Whether $GONGKAI_PROVISIONAL asks for the provisional calendar (anything but
    empty, 0, false or no)."""
    return (value(PROVISIONAL_ENV) or "0").lower() not in ("0", "false", "no")


def rules_file() -> Path | None:
    """$GONGKAI_RULES, or None."""
    return path(RULES_ENV)


def progress_file() -> Path | None:
    """$GONGKAI_PROGRESS, or None."""
    return path(PROGRESS_ENV)


def plan_name() -> str | None:
    """$GONGKAI_PLAN: the installed plan to use, or None."""
    return value(PLAN_ENV)


def language() -> str | None:
    """$GONGKAI_LANG: the language asked for, or None (the default, Chinese)."""
    return value(LANG_ENV)


def debug() -> bool:
    """Whether $GONGKAI_DEBUG asks for tracebacks (anything but empty, 0, false or no)."""
    return (value(DEBUG_ENV) or "0").lower() not in ("0", "false", "no")


def cache_dir() -> Path:
    """Where validated data is cached: $GONGKAI_CACHE_DIR, else the user cache directory."""
    configured = path(CACHE_DIR_ENV)
    if configured is not None:
        return configured
    common = _linux_user_dir("XDG_CACHE_HOME", ".cache")
    if common is not None:
        return common
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_home() -> Path:
    """gongkai's user data directory: $GONGKAI_DATA_HOME, else the user data directory."""
    configured = path(DATA_HOME_ENV)
    if configured is not None:
        return configured
    common = _linux_user_dir("XDG_DATA_HOME", os.path.join(".local", "share"))
    if common is not None:
        return common
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_home() -> Path:
    """gongkai's user configuration directory: $GONGKAI_CONFIG_HOME, else the user config
    directory."""
    configured = path(CONFIG_HOME_ENV)
    if configured is not None:
        return configured
    common = _linux_user_dir("XDG_CONFIG_HOME", ".config")
    if common is not None:
        return common
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    """The user's configuration file (`gongkai plans use` writes the default plan there)."""
    return config_home() / CONFIG_FILE


def _linux_user_dir(xdg_variable: str, under_home: str) -> Path | None:
    """platformdirs' answer in the common Linux case, without importing it; else None.

    Importing platformdirs costs 5-8 ms (it imports tempfile and random), more
    than loading the cached plan, on every command. Its rule on Linux is short:
    an absolute $XDG_..._HOME, else under an absolute $HOME. Everything else
    (another system, Android, a relative or missing HOME) asks platformdirs.
    tests/test_settings.py checks that both give the same directories.
    """
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    xdg = os.environ.get(xdg_variable, "")
    if os.path.isabs(xdg):
        return Path(xdg, APP_NAME)
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return Path(home, under_home, APP_NAME)
    return None


def home_dir() -> Path | None:
    """The user's home directory, or None where it cannot be told (no $HOME, no user
    database entry): a directory `import --out` never replaces."""
    try:
        return Path.home()
    except (KeyError, RuntimeError):
        return None


def plans_dir() -> Path:
    """Where installed plans live: `plans/` in the data home, one directory per plan."""
    return data_home() / PLANS_DIR
