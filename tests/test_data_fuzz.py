"""Fuzz of the plan's data files: `gongkai validate` on mutated bytes exits 0 or 3, never crashes.

Each example mutates tasks.yaml or units.yaml, by bytes (flips, cuts, inserted
junk), by lines (dropped, repeated, swapped, re-indented) or by fields (a value of
year, source, due, threshold ... replaced), which reaches past the YAML parser
into the schema and the cross-file checks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Gongkai

DATA = Path(__file__).resolve().parent.parent / "data"
ORIGINAL = {name: (DATA / name).read_bytes() for name in ("tasks.yaml", "units.yaml")}

JUNK = st.sampled_from(
    [b"", b"\x00", b"\xff\xfe", b":", b"- ", b"{", b"]", b"&a ", b"*a", b"!!python/object:os.system",
     b"\t", b"\n", b"  ", b"'", b'"', b"#", b"9" * 30, b".inf", b".nan", b"-1", b"0", b"99999",
     b"2021-02-30", b"null", b"~", b"<<: *a", "長寧區".encode(), b"\xe4\xb8", b"\r\n", b"---\n",
     b"/" * 300, b"..", b"\xef\xbb\xbf", b'"a\\0b"', b"/dev/zero"]
)  # fmt: skip


@st.composite
def byte_mutation(draw: st.DrawFn, blob: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(blob)))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if kind == "flip" and at < len(blob):
            blob = blob[:at] + bytes([blob[at] ^ draw(st.integers(1, 255))]) + blob[at + 1 :]
        elif kind == "cut":
            blob = blob[:at] + blob[at + draw(st.integers(1, 200)) :]
        elif kind == "insert":
            blob = blob[:at] + draw(JUNK | st.binary(max_size=8)) + blob[at:]
        else:
            blob = blob[:at]
    return blob


@st.composite
def line_mutation(draw: st.DrawFn, blob: bytes) -> bytes:
    lines = blob.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "repeat", "swap", "value", "indent"]))
        if kind == "drop":
            del lines[i]
        elif kind == "repeat":
            lines.insert(i, lines[j])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "value" and b": " in lines[i]:
            key = lines[i].split(b": ", 1)[0]
            lines[i] = key + b": " + draw(JUNK)
        else:
            lines[i] = b" " * draw(st.integers(0, 6)) + lines[i].lstrip()
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


def _fields(blob: bytes) -> dict[bytes, list[int]]:
    """The lines of each `key: value` field, by key (year, source, due, threshold, ...)."""
    found: dict[bytes, list[int]] = {}
    for index, line in enumerate(blob.split(b"\n")):
        key, colon, _ = line.strip().removeprefix(b"- ").partition(b": ")
        if colon and key and not key.startswith(b"#"):
            found.setdefault(key, []).append(index)
    return found


FIELDS = {name: _fields(blob) for name, blob in ORIGINAL.items()}


def _like(value: bytes) -> st.SearchStrategy[bytes]:
    """Values of the same shape as `value`: any integer for a number, any date for a date."""
    text = value.strip()
    if text.lstrip(b"-").isdigit():
        return st.integers(-(10**7), 10**7).map(lambda n: str(n).encode())
    if len(text) == 10 and text[4:5] == b"-":
        return st.dates().map(lambda d: d.isoformat().encode()) | st.from_regex(
            rb"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"
        )
    return st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass"))


@st.composite
def field_mutation(draw: st.DrawFn, name: str) -> bytes:
    """A field's value replaced, each kind of field as likely as any other (the one
    `year:` line as likely as the hundreds of `name:` lines)."""
    lines = ORIGINAL[name].split(b"\n")
    fields = FIELDS[name]
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(fields)))
        index = draw(st.sampled_from(fields[key]))
        head, value = lines[index].split(b": ", 1)
        shaped = _like(value)
        lines[index] = head + b": " + draw(shaped | shaped | JUNK | st.binary(max_size=6))
    return b"\n".join(lines)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(ORIGINAL)))
    kind = draw(st.sampled_from(["bytes", "lines", "field", "field"]))
    if kind == "field":
        return name, draw(field_mutation(name))
    mutate = byte_mutation if kind == "bytes" else line_mutation
    return name, draw(mutate(ORIGINAL[name]))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(DATA, target)
    return target


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure here is reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_validate_on_mutated_data_exits_0_or_3_without_a_traceback(
    gongkai: Gongkai, data_dir: Path, case: tuple[str, bytes]
) -> None:
    name, blob = case
    for other, original in ORIGINAL.items():
        (data_dir / other).write_bytes(blob if other == name else original)
    result = gongkai("validate", "--data", str(data_dir))
    assert result.exit_code in (0, 3), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    if result.exit_code == 3:
        assert result.stderr.startswith("Error: invalid data (")
