"""Isolation for every test: a fixed "today", no user data paths, a stable terminal width,
English messages.

Every GONGKAI_* variable is cleared (io/settings.VARIABLES lists them) and the user
directories point into the test's tmp_path, so no test reads or writes the real
~/.cache or ~/.local/share, whatever the environment it runs in.

Messages are English here (GONGKAI_LANG=en, and the library's language too, for
tests that call it without the command line): most tests were written against the
English message ids. Chinese, the default, has its own tests (test_i18n.py, with
the `chinese` fixture), and the sessions of the README and docs/ say their own language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai_cli import i18n
from gongkai_cli.io import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = DATA / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
TODAY = "2021-06-15"


@pytest.fixture(scope="session")
def plan_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One plan cache for the session: its keys are content hashes, so sharing is safe."""
    return tmp_path_factory.mktemp("plan-cache")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, plan_cache: Path) -> Iterator[None]:
    for name in settings.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(plan_cache))
    monkeypatch.setenv("GONGKAI_DATA_HOME", str(tmp_path / "data-home"))
    # The platform defaults too, for tests that unset the variables above.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("GONGKAI_LANG", "en")
    i18n.use("en")
    monkeypatch.chdir(tmp_path)
    yield
    i18n.use("en")


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in Chinese, the default: GONGKAI_LANG unset, for the CLI and the library."""
    monkeypatch.delenv("GONGKAI_LANG")
    i18n.use(None)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
