"""Isolation for every test: a fixed "today", no user data paths, a stable terminal width."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

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
    monkeypatch.setenv("GONGKAI_TODAY", TODAY)
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(plan_cache))
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("GONGKAI_DATA", "GONGKAI_HOLIDAYS", "GONGKAI_PROGRESS", "GONGKAI_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
