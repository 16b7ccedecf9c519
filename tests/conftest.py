"""Isolation for every test: a fixed "today", no user data paths, a stable terminal width,
English messages.

Every GONGKAI_* variable is cleared (io/settings.VARIABLES lists them) and the user
directories point into the test's tmp_path, so no test reads or writes the real
~/.cache, ~/.local/share or ~/.config, whatever the environment it runs in.

Messages are English here (GONGKAI_LANG=en, and the library's language too, for
tests that call it without the command line): most tests were written against the
English message ids. Chinese, the default, has its own tests (test_i18n.py, with
the `chinese` fixture), and the sessions of the README and docs/ say their own language.

`gongkai(*args, input=..., env=...)` is the one way a test runs the command line: it
returns a `Run`, which is (exit_code, stdout, stderr) and has output and the bytes too.
It catches nothing but the command's own exit: an exception gongkai lets escape fails
the test with its traceback, rather than becoming an exit code of 1.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import pytest
from click.testing import Result
from typer.testing import CliRunner

from gongkai_cli import i18n
from gongkai_cli.cli import app
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
    monkeypatch.setenv("GONGKAI_CONFIG_HOME", str(tmp_path / "config-home"))
    # The platform defaults too, for tests that unset the variables above.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
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


class Run(tuple[int, str, str]):
    """One run of gongkai: compared and unpacked as (exit_code, stdout, stderr)."""

    result: Result

    def __new__(cls, result: Result) -> Run:
        run = super().__new__(cls, (result.exit_code, result.stdout, result.stderr))
        run.result = result
        return run

    @property
    def exit_code(self) -> int:
        return self[0]

    @property
    def stdout(self) -> str:
        return self[1]

    @property
    def stderr(self) -> str:
        return self[2]

    @property
    def output(self) -> str:
        """stdout and stderr interleaved as a terminal shows them."""
        return self.result.output

    @property
    def stdout_bytes(self) -> bytes:
        return self.result.stdout_bytes

    @property
    def stderr_bytes(self) -> bytes:
        return self.result.stderr_bytes

    def checked(self, code: int = 0) -> Run:
        """This run, once its exit code is `code` (its output is shown when it is not)."""
        assert self.exit_code == code, (self.exit_code, self.stdout, self.stderr)
        return self

    def expect(self, code: int = 0) -> str:
        """stdout, once the exit code is `code` (its output is shown when it is not)."""
        return self.checked(code).stdout

    def json(self, code: int = 0) -> Any:
        """stdout read as JSON, once the exit code is `code`."""
        return json.loads(self.expect(code))


def run_gongkai(
    *args: str | os.PathLike[str],
    input: str | bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Run:
    """Run `gongkai ARGS...` in this process, stdin from `input`, `env` over os.environ."""
    result = CliRunner().invoke(
        app, [os.fspath(arg) for arg in args], input=input, env=env, catch_exceptions=False
    )
    # click would write a text exit (sys.exit("text")) to stdout as exit 1: never gongkai's.
    code = getattr(result.exception, "code", None)
    assert code is None or isinstance(code, int), f"sys.exit({code!r})"
    return Run(result)


class Gongkai(Protocol):
    def __call__(
        self,
        *args: str | os.PathLike[str],
        input: str | bytes | None = None,
        env: Mapping[str, str | None] | None = None,
    ) -> Run: ...


@pytest.fixture(scope="session")
def gongkai() -> Gongkai:
    """The command line: `gongkai("due", "--unit", "市教委")` -> Run. It keeps no state,
    so it is the session's, and module-scoped fixtures can use it too."""
    return run_gongkai
