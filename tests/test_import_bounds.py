"""What `gongkai import` reads of a text source, and how much (issue 20 items 7 and 15).

A text source (.txt, .md, .csv, .tsv) is a regular file of at most
`MAX_TEXT_BYTES`: a FIFO blocked forever and a symlink to /dev/zero ran out of
memory; both are now refused before a byte is read, and so is a file over the
limit. (Office files have their own bounds: io/containers.py, test_sheets.py.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.plan.importing.source import MAX_TEXT_BYTES


def test_the_text_source_limit_is_16_mib() -> None:
    assert MAX_TEXT_BYTES == 16 * 2**20


@pytest.mark.parametrize("suffix", [".txt", ".md", ".csv", ".tsv"])
@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "directory"])
def test_a_special_file_as_a_text_source_is_refused_at_once(
    gongkai: Gongkai, tmp_path: Path, suffix: str, kind: str
) -> None:
    source = tmp_path / f"plan{suffix}"
    if kind == "fifo":
        os.mkfifo(source)
    elif kind == "dev-zero":
        source.symlink_to("/dev/zero")
    else:
        source.mkdir()
    out = tmp_path / "draft"
    assert gongkai("import", str(source), "--out", str(out)) == (
        2,
        "",
        f"Error: {source}: not a regular file (a device, FIFO or directory)\n",
    )
    assert not out.exists()
    if kind == "fifo":
        assert stat.S_ISFIFO(source.stat().st_mode)


def test_a_text_source_over_the_limit_is_refused_unread(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    with source.open("wb") as stream:
        stream.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk space
    out = tmp_path / "draft"
    assert gongkai("import", str(source), "--out", str(out)) == (
        2,
        "",
        "Error: plan.txt: larger than 16 MiB, the limit for a text source\n",
    )
    assert not out.exists()


def test_a_missing_text_source_is_one_line(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    assert gongkai("import", str(source), "--out", str(tmp_path / "draft")) == (
        2,
        "",
        f"Error: {source}: no such file\n",
    )


LONG = "（一）重复的序号，这一段落比四十个字的标题长得多，所以它不是标题，而是被分页切断的段落的"


def test_the_body_reader_numbers_repeated_ids_and_joins_cut_paragraphs() -> None:
    """What the linear reader gives is what the quadratic one gave (speed: benchmarks/)."""
    from gongkai_cli.plan.importing.notice import read_blocks, read_body

    lines = ["开头一句。", "开头二句。", "一、重点任务", "（一）持续优化", "第一段，被分页"]
    lines += ["切断的下半段。", "第二段。", LONG, "后半。", "1.一个条目", "接着条目。"]
    blocks = read_blocks(lines)
    assert [(b.kind, b.pid, b.section) for b in blocks] == [
        ("plain", "总体要求", ""),
        ("plain", "总体要求2", ""),
        ("chapter", "一", ""),
        ("paragraph", "一、(一)", ""),
        ("plain", "一、末段", "一、(一)"),
        ("plain", "一、末段2", "一、(一)"),
        ("paragraph", "一、(一)2", ""),
        ("item", "", "一、(一)2"),
    ]
    assert read_body(blocks).paragraphs == [
        ("总体要求", "开头一句。"),
        ("总体要求2", "开头二句。"),
        ("一、(一)", "（一）持续优化"),
        ("一、末段", "第一段，被分页切断的下半段。"),
        ("一、末段2", "第二段。"),
        ("一、(一)2", LONG + "后半。"),
    ]
    assert blocks[-1].text == "1.一个条目接着条目。"
