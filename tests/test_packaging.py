"""The wheel carries the plan: installed (not editable) in a fresh virtual environment,
`gongkai` works from a directory that is not the checkout.

The wheel is built with the running interpreter's pip. The fresh environment gets
only the wheel; the packages gongkai depends on are made visible to it from the
running environment through a .pth file, so no index is needed to install it.
These tests run everywhere, CI included: nothing here is skipped.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE_NAME = "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, cwd=cwd, env=env, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # With hatchling at hand the build needs no index; without it, pip fetches the
    # build backend into an isolated build environment as it does for `pip install .`.
    offline = importlib.util.find_spec("hatchling") is not None
    isolation = ["--no-build-isolation"] if offline else []
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", out, ROOT)
    (built,) = out.glob("gongkai-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", "--without-pip", home)
    python = home / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel)
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    )
    # The dependencies (typer, pydantic, PyYAML, ...) from the running environment. A
    # path in a .pth file is only put on sys.path: the .pth files in that directory (an
    # editable install of gongkai, say) are not run, and the venv's own site-packages,
    # which holds the wheel's gongkai_cli, comes first.
    deps = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site / "_running_env_deps.pth").write_text("".join(f"{p}\n" for p in deps))
    return home


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "PYTHON"))}
    return {**env, "GONGKAI_CACHE_DIR": str(tmp_path / "cache"), "GONGKAI_TODAY": "2021-06-15"}


def test_the_wheel_contains_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "gongkai_cli/__init__.py",
        "gongkai_cli/data/tasks.yaml",
        "gongkai_cli/data/units.yaml",
        f"gongkai_cli/data/source/{SOURCE_NAME}",
        "gongkai_cli/locale/zh_CN/LC_MESSAGES/gongkai.mo",  # Chinese messages, the default
    } <= names
    assert not [name for name in names if name.startswith("tests/")]
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    assert (
        "gongkai = gongkai_cli.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    )


def test_the_long_description_is_the_short_readme(wheel: Path) -> None:
    """PyPI shows the README: the short one, not the manual (docs/ is not in the wheel)."""
    archive = zipfile.ZipFile(wheel)
    metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
    text = archive.read(metadata).decode("utf-8")
    headers, _, description = text.partition("\n\n")
    assert "Description-Content-Type: text/markdown" in headers
    assert description.strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()
    assert len(text.encode("utf-8")) <= 20 * 1024
    assert not [name for name in archive.namelist() if name.startswith("docs/")]


def test_installed_gongkai_works_from_another_directory(
    venv: Path, tmp_path: Path, clean_env: dict[str, str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = _run(venv / "bin" / "gongkai", "tasks", "--format", "json", cwd=elsewhere, env=clean_env)
    data = json.loads(out)
    assert [task["seq"] for task in data["tasks"]] == list(range(1, 100))
    assert data["document"]["number"] == "沪府办〔2021〕21号"


def test_installed_gongkai_reads_the_data_inside_the_package(
    venv: Path, tmp_path: Path, clean_env: dict[str, str]
) -> None:
    python = venv / "bin" / "python"
    where = _run(python, "-c", "import gongkai_cli; print(gongkai_cli.__file__)", cwd=tmp_path)
    package = Path(where.strip()).parent
    assert package.is_relative_to(venv), "gongkai_cli came from outside the fresh venv"
    result = subprocess.run(
        [venv / "bin" / "gongkai", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env,
        check=False,
    )
    # In Chinese, the default: the catalog is read from inside the package too.
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "",
        f"通过：{package / 'data'} 中有 99 项任务、61 个单位\n",
    )
    version = _run(python, "-m", "gongkai_cli", "--version", cwd=tmp_path, env=clean_env)
    assert version == "gongkai 0.1.0\n"
