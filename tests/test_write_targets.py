"""Where `-o FILE` and every other write lands (issue 20 item 2).

A regular file (or a name not yet taken) is replaced atomically: a temporary file
renamed over it. Anything else is written in place and never renamed over: a
device node (/dev/null, /dev/full, or one made with mknod), a FIFO, and
/dev/stdout. The audit's repro: as root, `gongkai due … --format csv -o /dev/full`
turned the machine's /dev/full into a 2 KB regular file, and a FIFO's reader got
0 bytes. The tests make their own nodes under tmp_path and never write to anything
under /dev: before the fix, a write there replaced the machine's device.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import Gongkai

DUE_CSV = ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "csv"]

needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mknod needs root"
)


def expected_csv(gongkai: Gongkai) -> str:
    code, out, _ = gongkai(*DUE_CSV)
    assert code == 0 and out.startswith("seq,name,")
    return out


def character_device(path: Path, major: int, minor: int) -> Path:
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
    try:
        os.close(os.open(path, os.O_WRONLY))
    except OSError as exc:  # a file system mounted nodev
        pytest.skip(f"cannot open a device node under {path.parent}: {exc.strerror}")
    return path


@needs_root
def test_a_null_device_made_with_mknod_stays_a_device(gongkai: Gongkai, tmp_path: Path) -> None:
    null = character_device(tmp_path / "null", 1, 3)
    assert gongkai(*DUE_CSV, "-o", str(null)) == (0, "", "")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert null.stat().st_rdev == os.makedev(1, 3)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]  # no temporary file left


@needs_root
def test_a_full_device_is_written_to_and_its_error_reported_not_replaced(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    full = character_device(tmp_path / "full", 1, 7)
    assert gongkai(*DUE_CSV, "-o", str(full)) == (
        2,
        "",
        f"Error: {full}: cannot write: No space left on device\n",
    )
    assert stat.S_ISCHR(full.stat().st_mode)
    assert full.stat().st_rdev == os.makedev(1, 7)


@needs_root
@pytest.mark.parametrize(
    "args",
    [
        ("due", "--unit", "市教委", "--format", "ics", "-o"),
        ("report", "--unit", "市教委", "--format", "html", "-o"),
        ("owes", "--unit", "市教委", "--format", "xlsx", "-o"),
    ],
    ids=["ics", "html", "xlsx"],
)
def test_every_writer_keeps_a_device(
    gongkai: Gongkai, tmp_path: Path, args: tuple[str, ...]
) -> None:
    null = character_device(tmp_path / "null", 1, 3)
    assert gongkai(*args, str(null))[0] == 0
    assert stat.S_ISCHR(null.stat().st_mode)


@needs_root
def test_a_symlink_to_a_device_is_written_through_and_kept(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    null = character_device(tmp_path / "null", 1, 3)
    link = tmp_path / "sink"
    link.symlink_to(null)
    assert gongkai(*DUE_CSV, "-o", str(link)) == (0, "", "")
    assert link.is_symlink() and os.readlink(link) == str(null)
    assert stat.S_ISCHR(null.stat().st_mode)


@pytest.mark.parametrize("through_symlink", [False, True])
def test_a_fifo_gets_every_byte_and_stays_a_fifo(
    gongkai: Gongkai, tmp_path: Path, through_symlink: bool
) -> None:
    expected = expected_csv(gongkai)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = fifo
    if through_symlink:
        target = tmp_path / "link"
        target.symlink_to(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with fifo.open("rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)  # no hang should the write not come
    thread.start()
    assert gongkai(*DUE_CSV, "-o", str(target)) == (0, "", "")
    thread.join(timeout=30)
    assert received == [expected.encode("utf-8")]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_regular_file_is_still_replaced_atomically(gongkai: Gongkai, tmp_path: Path) -> None:
    expected = expected_csv(gongkai)
    out = tmp_path / "due.csv"
    out.write_text("old\n" * 10_000, encoding="utf-8")
    inode = out.stat().st_ino
    assert gongkai(*DUE_CSV, "-o", str(out)) == (0, "", f"wrote {out}\n")
    assert out.read_text(encoding="utf-8") == expected
    assert out.stat().st_ino != inode  # a new file renamed over the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["due.csv"]


def _gongkai(
    args: list[str], stdout: int | object, cwd: Path
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GONGKAI_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "gongkai_cli", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_dev_stdout_redirected_to_a_file_is_written_in_place(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    expected = expected_csv(gongkai)
    out = tmp_path / "redirected.csv"
    with out.open("wb") as stream:
        inode = os.fstat(stream.fileno()).st_ino
        done = _gongkai([*DUE_CSV, "-o", "/dev/stdout"], stream, tmp_path)
    assert (done.returncode, done.stderr) == (0, b"")
    assert out.stat().st_ino == inode  # the shell's file, not one renamed over it
    assert out.read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redirected.csv"]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
def test_dev_stdout_into_a_pipe_delivers_the_output(gongkai: Gongkai, tmp_path: Path) -> None:
    expected = expected_csv(gongkai)
    done = _gongkai([*DUE_CSV, "-o", "/dev/stdout"], subprocess.PIPE, tmp_path)
    assert (done.returncode, done.stderr, done.stdout.decode("utf-8")) == (0, b"", expected)


@pytest.mark.parametrize(
    ("name", "in_place"),
    [
        ("/dev/stdout", True),
        ("/dev/fd/1", True),
        ("/proc/self/fd/1", True),
        (os.devnull, True),
        ("new-file.csv", False),
    ],
)
def test_which_targets_are_written_in_place(name: str, in_place: bool) -> None:
    from gongkai_cli.io.files import written_in_place

    if not Path(name).parent.exists():
        pytest.skip(f"no {Path(name).parent} here")
    assert written_in_place(Path(name)) is in_place


def test_a_symlink_to_dev_stdout_is_written_in_place(tmp_path: Path) -> None:
    link = tmp_path / "out"
    link.symlink_to("/dev/stdout")
    from gongkai_cli.io.files import written_in_place

    assert written_in_place(link)
