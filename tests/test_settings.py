"""The settings module: every GONGKAI_* variable and user directory is read there, and only there."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai_cli.io import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "gongkai_cli"


def test_the_user_directories_follow_the_variables(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("GONGKAI_DATA_HOME", str(tmp_path / "d"))
    monkeypatch.setenv("GONGKAI_CONFIG_HOME", str(tmp_path / "k"))
    assert settings.cache_dir() == tmp_path / "c"
    assert settings.data_home() == tmp_path / "d"
    assert settings.plans_dir() == tmp_path / "d" / "plans"
    assert settings.config_file() == tmp_path / "k" / "config.json"


@pytest.mark.parametrize("empty", [None, ""], ids=["unset", "empty"])
def test_the_platform_directories_honour_xdg(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, empty: str | None
) -> None:
    for name in ("GONGKAI_CACHE_DIR", "GONGKAI_DATA_HOME"):
        if empty is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, empty)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xc"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xd"))
    assert settings.cache_dir() == tmp_path / "xc" / "gongkai"
    assert settings.plans_dir() == tmp_path / "xd" / "gongkai" / "plans"


def test_without_xdg_the_cache_is_under_the_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("GONGKAI_CACHE_DIR", "GONGKAI_DATA_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings.cache_dir() == tmp_path / ".cache" / "gongkai"
    assert settings.data_home() == tmp_path / ".local" / "share" / "gongkai"


@pytest.mark.parametrize(
    ("function", "name"),
    [
        (settings.data_dir, "GONGKAI_DATA"),
        (settings.holidays_file, "GONGKAI_HOLIDAYS"),
        (settings.rules_file, "GONGKAI_RULES"),
        (settings.progress_file, "GONGKAI_PROGRESS"),
    ],
)
def test_path_variables(
    monkeypatch: pytest.MonkeyPatch,
    function: Callable[[], Path | None],
    name: str,
    tmp_path: Path,
) -> None:
    assert function() is None
    monkeypatch.setenv(name, "")
    assert function() is None
    monkeypatch.setenv(name, str(tmp_path / "x"))
    assert function() == tmp_path / "x"


def test_text_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GONGKAI_LANG")  # conftest sets en
    assert (settings.plan_name(), settings.language()) == (None, None)
    monkeypatch.setenv("GONGKAI_PLAN", "2021-shanghai")
    monkeypatch.setenv("GONGKAI_LANG", "en")
    assert (settings.plan_name(), settings.language()) == ("2021-shanghai", "en")
    assert settings.today_text() == "2021-06-15"  # conftest


@pytest.mark.parametrize(
    ("value", "debug"),
    [(None, False), ("", False), ("0", False), ("false", False), ("No", False), ("1", True)],
)
def test_debug(monkeypatch: pytest.MonkeyPatch, value: str | None, debug: bool) -> None:
    if value is not None:
        monkeypatch.setenv("GONGKAI_DEBUG", value)
    assert settings.debug() is debug


def test_every_variable_the_package_names_is_a_setting() -> None:
    named = set()
    for path in PACKAGE.rglob("*.py"):
        named |= set(re.findall(r"GONGKAI_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert named <= set(settings.VARIABLES)


def test_nothing_else_reads_the_environment() -> None:
    # render reads the terminal's conventions (COLUMNS, NO_COLOR), not gongkai's settings.
    allowed = {PACKAGE / "io" / "settings.py", PACKAGE / "render" / "table.py"}
    readers = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path not in allowed
        and re.search(r"\benviron\b|\bgetenv\b|expanduser", path.read_text(encoding="utf-8"))
    )
    assert readers == []


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux only")
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        ("{tmp}/xdg", "{tmp}/home"),
        ("{tmp}/xdg/", "{tmp}/home"),
        ("", "{tmp}/home"),
        (None, "{tmp}/home/"),
        ("relative/xdg", "{tmp}/home"),
        (None, "/"),
        (None, "relative-home"),
        ("{tmp}/xdg", None),
        (None, None),
    ],
)
def test_the_linux_shortcut_agrees_with_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg: str | None, home: str | None
) -> None:
    import platformdirs

    for name in ("GONGKAI_CACHE_DIR", "GONGKAI_DATA_HOME", "GONGKAI_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (
        ("XDG_CACHE_HOME", xdg),
        ("XDG_DATA_HOME", xdg),
        ("XDG_CONFIG_HOME", xdg),
        ("HOME", home),
    ):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value.format(tmp=tmp_path))
    assert settings.cache_dir() == Path(platformdirs.user_cache_dir("gongkai", appauthor=False))
    assert settings.data_home() == Path(platformdirs.user_data_dir("gongkai", appauthor=False))
    assert settings.config_home() == Path(platformdirs.user_config_dir("gongkai", appauthor=False))


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is for Linux only")
def test_the_usual_case_does_not_import_platformdirs(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from gongkai_cli.io import settings\n"
        "print(settings.cache_dir(), settings.plans_dir(), settings.config_file(),\n"
        "      'platformdirs' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "XDG_"))}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{tmp_path}/.cache/gongkai {tmp_path}/.local/share/gongkai/plans "
        f"{tmp_path}/.config/gongkai/config.json False\n"
    )
