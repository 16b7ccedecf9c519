"""The cache of validated data: JSON and a typed decoder, nothing that can run code.

A cache file is only a shortcut. Whatever is found in it (a planted pickle, junk,
a FIFO, a symlink, a stale or mutated payload) gives either the right answer or
a fresh validation, never a wrong answer, a hang or a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gongkai_cli.plan.load as plan_module
from conftest import Gongkai
from gongkai_cli.io import cache, codec
from gongkai_cli.plan.load import Plan, load_plan, validate_plan
from gongkai_cli.progress.file import Progress, load_progress
from gongkai_cli.workdays.rules import RuleBook, load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PACKAGE = ROOT / "src" / "gongkai_cli"

PROGRESS_YAML = (
    "plan: 沪府办〔2021〕21号\n"
    "entries:\n"
    "  - {seq: 16, unit: 市教委, status: done, completed: 2021-06-01, values: {rate: 55}}\n"
    "  - {seq: 17, unit: 市教委, status: in_progress, note: 在办}\n"
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "plan"))


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every from-scratch validation of a plan, by directory."""
    seen: list[Path] = []
    real = plan_module._validate

    def counting(directory: Path, *args: Any) -> Plan:
        seen.append(directory)
        return real(directory, *args)

    monkeypatch.setattr(plan_module, "_validate", counting)
    return seen


def _only_file(directory: Path) -> Path:
    (found,) = (p for p in directory.iterdir() if not p.name.startswith("."))
    return found


def same_types(a: object, b: object, where: str = "") -> list[str]:
    """Where `a` and `b` differ in value or in type (a StrEnum equals its str, so == is not enough)."""
    if type(a) is not type(b):
        return [f"{where}: {type(a).__name__} != {type(b).__name__}"]
    if dataclasses.is_dataclass(a):
        return [
            problem
            for f in dataclasses.fields(a)
            for problem in same_types(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
        ]
    if isinstance(a, tuple | list):
        assert isinstance(b, tuple | list)
        if len(a) != len(b):
            return [f"{where}: {len(a)} items != {len(b)}"]
        return [
            p
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for p in same_types(x, y, f"{where}[{i}]")
        ]
    if isinstance(a, dict):
        assert isinstance(b, dict)
        if list(a) != list(b):
            return [f"{where}: keys differ"]
        return [
            p
            for k in a
            for p in same_types(k, next(x for x in b if x == k), f"{where} key")
            + same_types(a[k], b[k], f"{where}[{k!r}]")
        ]
    return [] if a == b else [f"{where}: {a!r} != {b!r}"]


# The format: JSON, and a typed decoder that gives back exactly what was validated


def test_the_cache_is_json_not_pickle(cache_dir: Path, data_copy: Path) -> None:
    load_plan(data_copy)
    blob = _only_file(cache_dir).read_bytes()
    assert not blob.startswith(b"\x80")  # a pickle's protocol marker
    header, crc, payload = blob.split(b"\n", 2)
    assert isinstance(json.loads(header), list)
    assert crc.isdigit()
    assert isinstance(json.loads(payload.decode("utf-8")), list)


def test_plan_round_trip_keeps_every_value_and_type(data_copy: Path) -> None:
    plan = validate_plan(data_copy)
    back = codec.decode(Plan, json.loads(json.dumps(codec.encode(Plan, plan))))
    assert same_types(plan, back) == []
    assert back == plan


def test_rules_round_trip_keeps_every_value_and_type() -> None:
    from gongkai_cli.workdays.rules import rules_path, validate_rules

    path = rules_path()
    book = validate_rules(path, path.read_bytes())
    back = codec.decode(RuleBook, json.loads(json.dumps(codec.encode(RuleBook, book))))
    assert same_types(book, back) == []


def test_progress_round_trip_keeps_every_value_and_type(tmp_path: Path) -> None:
    from gongkai_cli.progress.file import parse_progress

    path = tmp_path / "progress.yaml"
    progress = parse_progress(path, PROGRESS_YAML, load_plan())
    back = codec.decode(Progress, json.loads(json.dumps(codec.encode(Progress, progress))))
    assert same_types(progress, back) == []
    assert isinstance(next(iter(back.entries)), tuple)


class Colour(enum.StrEnum):
    RED = "red"


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    name: str
    count: int
    share: float
    on: dt.date
    colour: Colour
    tags: tuple[str, ...]
    pair: tuple[int, str]
    table: dict[tuple[int, str], float]
    maybe: int | None = None
    flag: bool = False


SAMPLE = Sample(
    "x", 1, 0.5, dt.date(2021, 6, 30), Colour.RED, ("a",), (1, "b"), {(1, "u"): 2.0}, None, True
)


FIELDS = [f.name for f in dataclasses.fields(Sample)]


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("name", 1),
        ("count", True),  # a bool is not an int
        ("count", 1.0),
        ("count", "1"),
        ("share", "0.5"),
        ("share", None),
        ("on", "2021-02-30"),
        ("on", "20210630"),
        ("on", 20210630),
        ("colour", "blue"),
        ("colour", "RED"),
        ("tags", "a"),
        ("tags", [1]),
        ("tags", {"a": 1}),
        ("pair", [1]),
        ("pair", [1, "b", 2]),
        ("pair", ["1", "b"]),
        ("table", {"1": 2.0}),
        ("table", [[[1, "u"], 2.0], [[1, "u"], 3.0]]),  # a key twice
        ("table", [[[1, "u"]]]),
        ("maybe", "1"),
        ("flag", 1),
    ],
)
def test_a_value_that_does_not_fit_its_type_is_refused(field: str, bad: object) -> None:
    data = codec.encode(Sample, SAMPLE)
    assert codec.decode(Sample, data) == SAMPLE
    data[FIELDS.index(field)] = bad
    with pytest.raises(codec.DecodeError):
        codec.decode(Sample, data)


@pytest.mark.parametrize(
    "change",
    [lambda d: d.pop(), lambda d: d.append(None), lambda d: d.clear()],
    ids=["a field too few", "a field too many", "no fields"],
)
def test_a_record_with_other_fields_is_refused(change: Any) -> None:
    data = codec.encode(Sample, SAMPLE)
    change(data)
    with pytest.raises(codec.DecodeError):
        codec.decode(Sample, data)


@pytest.mark.parametrize("data", [None, {}, "x", 1, dict(zip(FIELDS, FIELDS, strict=True))])
def test_a_record_that_is_not_an_array_is_refused(data: object) -> None:
    with pytest.raises(codec.DecodeError):
        codec.decode(Sample, data)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class KeywordSample:
    first: int = 0
    second: str


def test_keyword_only_records_round_trip() -> None:
    value = KeywordSample(second="x", first=2)
    assert codec.encode(KeywordSample, value) == [2, "x"]
    assert same_types(codec.decode(KeywordSample, [2, "x"]), value) == []
    with pytest.raises(codec.DecodeError):
        codec.decode(KeywordSample, ["x", 2])


def test_values_that_do_not_fit_their_hints_are_not_encoded() -> None:
    with pytest.raises(codec.EncodeError):
        codec.encode(Sample, dataclasses.replace(SAMPLE, tags=["a"]))  # type: ignore[arg-type]
    with pytest.raises(codec.EncodeError):
        codec.encode(Sample, dataclasses.replace(SAMPLE, colour="red"))  # type: ignore[arg-type]


# Nothing in the cache directory can run code


class _Planted:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_runs_nothing(
    cache_dir: Path, data_copy: Path, tmp_path: Path, validations: list[Path]
) -> None:
    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    marker = tmp_path / "pwned"
    target.write_bytes(pickle.dumps((None, _Planted(marker))))
    assert load_plan(data_copy) == first
    assert not marker.exists()
    assert len(validations) == 2  # the planted file was ignored and replaced


def test_the_fingerprint_is_checked_before_the_payload_is_read(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Path]
) -> None:
    load_plan(data_copy)
    tasks_yaml = data_copy / "tasks.yaml"
    tasks_yaml.write_text(tasks_yaml.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def no_decoding(*args: Any) -> Any:
        raise AssertionError("a stale payload was decoded")

    monkeypatch.setattr(codec, "decode", no_decoding)
    monkeypatch.setattr(cache.json, "loads", no_decoding)
    monkeypatch.setattr(cache, "store", lambda *args: None)
    load_plan(data_copy)
    assert len(validations) == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b"not json at all",
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b.replace("市教委".encode(), "市教X".encode(), 1),  # payload changed, valid JSON
        lambda b: b.replace(b"\n", b"\r\n", 1),
        lambda b: b + b"\n",
        lambda b: b[: b.index(b"\n") + 1] + b"0\n" + b"[" * 100_000 + b"]" * 100_000,
        lambda b: b"\xff\xfe" + b,
    ],
    ids=["empty", "junk", "truncated", "edited", "crlf", "trailing", "deep", "bom"],
)
def test_a_damaged_cache_file_means_validating_again(
    cache_dir: Path, data_copy: Path, validations: list[Path], damage: Any
) -> None:
    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    target.write_bytes(damage(target.read_bytes()))
    assert load_plan(data_copy) == first
    assert len(validations) == 2
    assert load_plan(data_copy) == first  # and the rebuilt file serves the next load
    assert len(validations) == 2


def test_a_payload_of_the_wrong_shape_with_a_right_checksum_means_validating_again(
    cache_dir: Path, data_copy: Path, validations: list[Path]
) -> None:
    import zlib

    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    header, _, payload = target.read_bytes().split(b"\n", 2)
    data = json.loads(payload)
    data[2][0][0] = "1"  # the first task's seq (Plan: data_dir, document, tasks, units)
    payload = json.dumps(data).encode()
    target.write_bytes(header + b"\n" + str(zlib.crc32(payload)).encode() + b"\n" + payload)
    assert load_plan(data_copy) == first
    assert len(validations) == 2


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_mutation_of_a_cache_file_gives_the_right_rules_or_none(
    data: st.DataObject, tmp_path: Path
) -> None:
    from gongkai_cli.workdays.rules import rules_path, validate_rules

    path = rules_path()
    book = validate_rules(path, path.read_bytes())
    stamp = cache.fingerprint([(path, path.read_bytes())])
    target = tmp_path / "rules.json"
    cache.store(target, stamp, book)
    blob = bytearray(target.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(blob) - 1))
        what = data.draw(st.sampled_from(["flip", "drop", "insert"]))
        if what == "flip":
            blob[at] ^= 1 << data.draw(st.integers(0, 7))
        elif what == "drop":
            del blob[at]
        else:
            blob.insert(at, data.draw(st.integers(0, 255)))
    target.write_bytes(bytes(blob))
    loaded = cache.load(target, stamp, RuleBook)
    assert loaded is None or same_types(loaded, book) == []


# Files that are not regular files


def test_a_fifo_in_place_of_a_cache_file_does_not_hang(
    cache_dir: Path, data_copy: Path, validations: list[Path]
) -> None:
    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    target.unlink()
    os.mkfifo(target)
    # A blocking open of a FIFO without a writer would never return; run it in a
    # child with a timeout so a regression fails instead of hanging the suite.
    script = (
        "from pathlib import Path\n"
        "from gongkai_cli.plan.load import load_plan\n"
        f"print(len(load_plan(Path({str(data_copy)!r})).tasks))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "99\n", "")
    assert stat.S_ISREG(target.lstat().st_mode)  # the rebuild replaced the FIFO
    assert load_plan(data_copy) == first


def test_a_symlink_in_place_of_a_cache_file_is_not_followed(
    cache_dir: Path, data_copy: Path, tmp_path: Path, validations: list[Path]
) -> None:
    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    elsewhere = tmp_path / "elsewhere.json"
    target.rename(elsewhere)
    target.symlink_to(elsewhere)
    assert load_plan(data_copy) == first
    assert len(validations) == 2  # a valid file, but reached through a link: not used
    assert not target.is_symlink()  # the rebuild replaced the link, not the file it named
    assert elsewhere.is_file()


def test_a_directory_in_place_of_a_cache_file_means_validating(
    cache_dir: Path, data_copy: Path, validations: list[Path]
) -> None:
    first = load_plan(data_copy)
    target = _only_file(cache_dir)
    target.unlink()
    target.mkdir()
    assert load_plan(data_copy) == first
    assert load_plan(data_copy) == first
    assert len(validations) == 3
    assert sorted(p.name for p in cache_dir.iterdir()) == [target.name]  # nothing left over


# The cache directory must be the user's own


def test_a_directory_others_can_write_is_ignored_with_a_note(
    gongkai: Gongkai, cache_dir: Path, data_copy: Path, validations: list[Path]
) -> None:
    load_plan(data_copy)
    planted = {p.name: p.read_bytes() for p in cache_dir.iterdir()}
    cache_dir.chmod(0o777)
    args = ["due", "--unit", "市教委", "--before", "2021-06-30", "--data", str(data_copy)]
    result = gongkai(*args)
    assert result.exit_code == 0
    assert result.stderr == (
        f"cache not used: {cache_dir} is writable by others than its owner (chmod go-w)\n"
    )
    assert len(validations) == 2  # the file there was not trusted
    assert {p.name: p.read_bytes() for p in cache_dir.iterdir()} == planted  # nor written


@pytest.mark.parametrize("mode", [0o770, 0o1777], ids=["group", "sticky"])
def test_group_writable_and_sticky_directories_are_ignored_too(
    cache_dir: Path, data_copy: Path, validations: list[Path], mode: int, capsys: Any
) -> None:
    load_plan(data_copy)
    cache_dir.chmod(mode)
    load_plan(data_copy)
    assert len(validations) == 2
    assert "cache not used" in capsys.readouterr().err


def test_a_directory_of_another_user_is_ignored_with_a_note(
    cache_dir: Path,
    data_copy: Path,
    validations: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: Any,
) -> None:
    load_plan(data_copy)
    owner = cache_dir.stat().st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    load_plan(data_copy)
    load_rules()
    assert len(validations) == 2
    assert capsys.readouterr().err == (
        f"cache not used: {cache_dir} belongs to another user (uid {owner})\n"  # once a run
    )


def test_a_new_cache_directory_is_private(cache_dir: Path, data_copy: Path) -> None:
    load_plan(data_copy)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


# Failed writes leave nothing behind


@pytest.mark.parametrize("failing", ["replace", "encode", "write"])
def test_a_failed_write_leaves_no_temporary_file(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    if failing == "replace":
        monkeypatch.setattr(cache.os, "replace", fail)
    elif failing == "encode":
        monkeypatch.setattr(codec, "encode", lambda *a: (_ for _ in ()).throw(ValueError("nan")))
    else:
        monkeypatch.setattr(cache.os, "write", fail)
    plan = load_plan(data_copy)
    assert plan == validate_plan(data_copy)
    assert not cache_dir.exists() or list(cache_dir.iterdir()) == []


def test_an_interrupted_write_leaves_no_temporary_file(
    cache_dir: Path, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cache.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        load_plan(data_copy)
    assert list(cache_dir.iterdir()) == []


def test_old_temporary_files_of_killed_writers_are_removed(
    cache_dir: Path, data_copy: Path
) -> None:
    load_plan(data_copy)
    target = _only_file(cache_dir)
    old = cache_dir / f".{target.name}.12345.tmp"
    recent = cache_dir / f".{target.name}.12346.tmp"
    for leftover in (old, recent):
        leftover.write_bytes(b"half a fi")
    os.utime(old, (0, 0))
    target.unlink()
    load_plan(data_copy)  # a rebuild writes the file again, and sweeps
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted([target.name, recent.name])


# The code fingerprint is automatic


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = Path(
        shutil.copytree(
            PACKAGE, tmp_path / "gongkai_cli", ignore=shutil.ignore_patterns("__pycache__")
        )
    )
    monkeypatch.setattr(cache, "PACKAGE", copy)
    return copy


def test_editing_any_module_of_the_package_changes_the_fingerprint(package_copy: Path) -> None:
    modules = sorted(package_copy.rglob("*.py"))
    assert len(modules) > 40 and package_copy / "io" / "codec.py" in modules
    before = cache.fingerprint([])
    for module in modules:
        original, text = module.stat(), module.read_bytes()
        module.write_bytes(text + b"\n")
        assert cache.fingerprint([]) != before, module
        module.write_bytes(text)
        os.utime(module, ns=(original.st_atime_ns, original.st_mtime_ns))
        assert cache.fingerprint([]) == before, module


def test_a_new_module_changes_the_fingerprint_and_caches_and_data_do_not(
    package_copy: Path,
) -> None:
    before = cache.fingerprint([])
    (package_copy / "__pycache__").mkdir()
    (package_copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"")
    (package_copy / "data").mkdir()
    (package_copy / "data" / "x.py").write_text("")
    assert cache.fingerprint([]) == before
    (package_copy / "plan" / "new.py").write_text("")
    assert cache.fingerprint([]) != before


def test_an_edited_module_means_validating_again(
    cache_dir: Path, data_copy: Path, package_copy: Path, validations: list[Path]
) -> None:
    load_plan(data_copy)
    load_plan(data_copy)
    assert len(validations) == 1
    units = package_copy / "plan" / "units.py"
    units.write_text(units.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    load_plan(data_copy)
    assert len(validations) == 2


# Warm loads stay light


def test_warm_loads_import_neither_pydantic_nor_yaml_nor_pickle(
    cache_dir: Path, tmp_path: Path
) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(PROGRESS_YAML, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gongkai_cli.plan.load import load_plan\n"
        "from gongkai_cli.progress.file import load_progress\n"
        "from gongkai_cli.workdays.rules import load_rules\n"
        f"progress = load_progress(Path({str(progress)!r}), load_plan())\n"
        "rules = load_rules()\n"
        "print(len(progress.entries), len(rules.rules) > 0,"
        " sorted({'pydantic', 'yaml', 'pickle'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "GONGKAI_CACHE_DIR": str(cache_dir)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
        )
        for _ in range(2)
    ]
    assert [(r.returncode, r.stderr) for r in runs] == [(0, ""), (0, "")]
    assert runs[1].stdout == "2 True []\n"
    assert load_progress(progress, load_plan()).entry(16, "市教委") is not None
