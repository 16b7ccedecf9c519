"""io/files: the one bounded read and the one directory replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai_cli.errors import CannotReadError, InvalidDataError
from gongkai_cli.io.files import read_bytes, replace_directory


def test_read_bytes_names_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(CannotReadError) as caught:
        read_bytes(tmp_path / "none.yaml", " (is --data right?)")
    assert str(caught.value) == f"{tmp_path / 'none.yaml'}: no such file (is --data right?)"
    assert caught.value.reason == "No such file or directory"
    with pytest.raises(CannotReadError, match="not a regular file"):
        read_bytes(tmp_path)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 11)
    with pytest.raises(InvalidDataError):
        read_bytes(big, limit=10)
    assert read_bytes(big, limit=11) == b"x" * 11


def _fill(files: dict[str, str]):  # type: ignore[no-untyped-def]
    def fill(staging: Path) -> None:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")

    return fill


def _contents(directory: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in directory.iterdir()}


def test_a_directory_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    replace_directory(target, _fill({"a": "1", "b": "2"}), replace=False)
    assert _contents(target) == {"a": "1", "b": "2"}
    with pytest.raises(OSError):  # made by another process meanwhile: not replaced
        replace_directory(target, _fill({"c": "3"}), replace=False)
    replace_directory(target, _fill({"c": "3"}), replace=True)
    assert _contents(target) == {"c": "3"}

    def broken(staging: Path) -> None:
        (staging / "d").write_text("4", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        replace_directory(target, broken, replace=True)
    assert _contents(target) == {"c": "3"}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".plan.lock", "plan"]  # no temporary
