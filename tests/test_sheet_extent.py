"""The .xlsx scan's fast path finds a sheet's extent from its last reference and the few
beyond it (io/sheet_scan.py; issue 22 item 2: reply-check speed).

It must give exactly what reading every reference gives: the same extent, and the same
answer on whether the part is written the usual way (else the slow path reads it).
`every_reference` below is that reading, as the scan did it before; pieces are random
cells in any order, with references of every length, lower case, too long, without `r`,
`r` not first, and tags that only start like a cell's (`<col>`, `<cols>`).
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai_cli.io.sheet_scan import PartScan, _scan_piece, column_letters, column_number

_REF_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[0-9]')
_REF_ROW = re.compile(rb'<c r="[A-Z]{1,3}([0-9]{1,7})"')
_ANY_C = re.compile(rb"<c[\s/>]")


def every_reference(piece: bytes) -> tuple[int, int] | None:
    """(last row, last column) from every reference, or None where the fast path gives up."""
    tagged = piece.count(b'<c r="')
    if len(_ANY_C.findall(piece)) != tagged:
        return None
    if not tagged:
        return (0, 0)
    rows = _REF_ROW.findall(piece)
    if len(rows) != tagged:
        return None
    columns = set(_REF_COLUMN.findall(piece))
    return max(map(int, rows)), max(map(column_number, columns))


def fast(piece: bytes) -> tuple[int, int] | None:
    scan = PartScan()
    if not _scan_piece(piece, scan):
        return None
    return scan.last_row, scan.last_column


column = st.one_of(
    st.integers(1, 30), st.integers(1, 800), st.integers(1, 16_384), st.integers(16_385, 18_278)
).map(column_letters)
row = st.one_of(
    st.integers(0, 120).map(str),
    st.integers(1, 9_999_999).map(str),
    st.integers(1, 999).map(lambda n: f"{n:07d}"),  # leading zeros
    st.integers(1, 99).map(lambda n: f"0{n}"),
)
reference = st.tuples(column, row).map(lambda ref: f'<c r="{ref[0]}{ref[1]}"><v>1</v></c>')
odd = st.sampled_from(
    [
        '<c r="a1"/>',
        '<c r="ABCD1"/>',
        '<c r="A12345678"/>',
        '<c r="A"/>',
        "<c><v>1</v></c>",
        "<c/>",
        '<c s="1" r="B2"/>',
        '<c\tr="B2"/>',
        '<c  r="B2"/>',
        '<col min="1" max="3"/>',
        "<cols>",
        '<c r="B2" t="s">',
        "<row>",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(reference, reference, reference, odd), max_size=30))
def test_the_extent_is_what_every_reference_gives(cells: list[str]) -> None:
    piece = "".join(cells).encode()
    assert fast(piece) == every_reference(piece), piece


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(column, row), min_size=1, max_size=30), st.data())
def test_references_in_order_then_one_out_of_place(
    refs: list[tuple[str, str]], data: st.DataObject
) -> None:
    """A sheet in order, one cell anywhere in it far beyond the rest."""
    refs.sort(key=lambda ref: (int(ref[1]), column_number(ref[0])))
    stray = data.draw(st.tuples(column, row))
    refs.insert(data.draw(st.integers(0, len(refs))), stray)
    piece = "".join(f'<c r="{c}{r}"/>' for c, r in refs).encode()
    assert fast(piece) == every_reference(piece)


def test_an_extent_that_keeps_growing_has_every_reference_read() -> None:
    """Rows in order and the last cell at A1: the extent grows at every search."""
    refs = [f'<c r="{column_letters(n % 5 + 1)}{n}"/>' for n in range(2, 300)]
    piece = ("".join(refs) + '<c r="A1"/>').encode()
    assert fast(piece) == every_reference(piece) == (299, 5)
    assert fast(piece + b"<c/>") is None
