"""The one sheet reader (io/sheets.py) and reply-check through it (issue 20 items 3,
6, 7 and 13; issue 22 item 2).

Every file is built here, small: an openpyxl workbook, or a workbook's XML written
out by hand where the defect lives in the XML (a declared dimension, a formula
without a value, a DTD). Each test fails on the openpyxl read-only reader that
reply-check had before.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import os
import random
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Gongkai
from gongkai_cli.errors import UnreadableFileError
from gongkai_cli.io.sheet_scan import scan_xlsx_part, scan_xlsx_part_slowly
from gongkai_cli.io.sheets import CellRange, open_workbook, serial_day
from gongkai_cli.workdays.replies import sheet_input
from gongkai_cli.workdays.replies.csv_input import CsvRows
from gongkai_cli.workdays.replies.fields import RowChecker
from gongkai_cli.workdays.replies.sheet_input import SheetReader
from roundtrip_sheets import ods_package

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: str, dimension: str | None = None, prolog: str = "") -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN}">'
        f"{declared}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


def raw_xlsx(path: Path, sheets: list[tuple[str, bytes]], hidden: tuple[str, ...] = ()) -> Path:
    """A workbook written out by hand: `sheets` is (name, worksheet XML) in order."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"'
        + (' state="hidden"' if name in hidden else "")
        + "/>"
        for n, (name, _xml) in enumerate(sheets, 1)
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>{entries}'
            "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>',
        )
        for n, (_name, xml) in enumerate(sheets, 1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", xml)
    return path


def replies(count: int, late_last: bool = True) -> str:
    """Header and `count` consult cases received 2021-06-01 (a Tuesday), replied the
    next day; the last one, with `late_last`, on 2021-06-14, after its deadline."""
    rows = [
        '<row r="1">'
        + inline("A1", "id")
        + inline("B1", "received")
        + inline("C1", "replied")
        + "</row>"
    ]
    for n in range(2, count + 2):
        replied = "2021-06-14" if late_last and n == count + 1 else "2021-06-02"
        rows.append(
            f'<row r="{n}">{inline(f"A{n}", f"Q{n - 1}")}{inline(f"B{n}", "2021-06-01")}'
            f"{inline(f'C{n}', replied)}</row>"
        )
    return "".join(rows)


HEAD = (
    "line,id,received,replied,rule,days,day_type,receipt,deadline,working_days_used,status,reason"
)


# -- issue 20 item 3: the declared dimension is not trusted ---------------------------------


def test_a_sheet_declaring_fewer_rows_is_read_to_its_last_row(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    raw_xlsx(tmp_path / "r.xlsx", [("工单", sheet_xml(replies(9), dimension="A1:C4"))])
    code, out, err = gongkai("reply-check", "--file", "r.xlsx", "-r", "consult", "-f", "csv")
    assert code == 1  # the 10th row's reply is late
    assert out.splitlines()[-1] == (
        "10,Q9,2021-06-01,2021-06-14,consult,5,working,as-received,2021-06-08,8,missed,"
    )
    assert err == "met 8, missed 1, open 0, overdue 0, invalid 0 (9 rows)\n"


def test_a_sheet_declaring_fewer_columns_keeps_every_column(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    rows = (
        '<row r="1">'
        + inline("A1", "id")
        + inline("B1", "received")
        + inline("C1", "replied")
        + inline("D1", "承办单位")
        + inline("E1", "备注")
        + "</row>"
        '<row r="2">'
        + inline("A2", "Q1")
        + inline("B2", "2021-06-01")
        + inline("C2", "2021-06-02")
        + inline("D2", "区府办")
        + inline("E2", "已电话答复")
        + "</row>"
    )
    raw_xlsx(tmp_path / "r.xlsx", [("工单", sheet_xml(rows, dimension="A1:C2"))])
    code, out, _err = gongkai("reply-check", "--file", "r.xlsx", "-r", "consult", "-f", "csv")
    assert (code, out) == (
        0,
        f"{HEAD},承办单位,备注\n"
        "2,Q1,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,,区府办,已电话答复\n",
    )


# -- issue 20 item 13: hidden sheets, merged cells, formulas without values ----------------


def workbook(path: Path, *, hidden_first: bool = False) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "工单"
    sheet.append(["id", "received", "replied", "承办单位"])
    sheet.append(["Q1", dt.date(2021, 6, 1), dt.datetime(2021, 6, 2, 9, 15), "区府办"])
    sheet.append(["Q2", "2021-06-01", dt.date(2021, 6, 3), None])
    sheet.append(["Q3", dt.date(2021, 6, 1), dt.date(2021, 6, 4), None])
    sheet.merge_cells("D2:D4")
    if hidden_first:
        hidden = book.create_sheet("旧表", 0)
        hidden.sheet_state = "hidden"
        hidden.append(["id", "received", "replied"])
        hidden.append(["OLD", "2020-01-01", None])
    book.save(path)
    return path


def test_a_hidden_first_sheet_is_not_the_one_read(gongkai: Gongkai, tmp_path: Path) -> None:
    workbook(tmp_path / "w.xlsx", hidden_first=True)
    code, out, _err = gongkai("reply-check", "--file", "w.xlsx", "-r", "consult", "-f", "csv")
    assert code == 0
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["Q1", "Q2", "Q3"]
    # Named, a hidden sheet is read.
    code, out, _err = gongkai(
        "reply-check", "--file", "w.xlsx", "-r", "consult", "-f", "csv", "--sheet", "旧表"
    )
    assert (code, out.splitlines()[1].split(",")[1]) == (1, "OLD")


def test_merged_cells_give_their_value_to_every_row(gongkai: Gongkai, tmp_path: Path) -> None:
    workbook(tmp_path / "w.xlsx")
    code, out, _err = gongkai(
        "reply-check",
        "--file",
        "w.xlsx",
        "-r",
        "consult",
        "--group-by",
        "承办单位",
        "-f",
        "csv",
    )
    assert code == 0
    assert out.splitlines()[1].startswith("区府办,3,0,0,0,0,")


def formula_rows(value: str) -> str:
    return (
        '<row r="1">'
        + inline("A1", "id")
        + inline("B1", "received")
        + inline("C1", "replied")
        + "</row>"
        '<row r="2">'
        + inline("A2", "Q1")
        + inline("B2", "2021-06-01")
        + f'<c r="C2"><f>B2&amp;""</f>{value}</c></row>'
    )


@pytest.mark.parametrize("value", ["", "<v></v>", "<v/>"])
def test_a_formula_with_no_saved_value_is_an_invalid_row(
    gongkai: Gongkai, tmp_path: Path, value: str
) -> None:
    raw_xlsx(tmp_path / "f.xlsx", [("工单", sheet_xml(formula_rows(value)))])
    code, out, err = gongkai("reply-check", "--file", "f.xlsx", "-r", "consult", "-f", "csv")
    assert (code, out, err) == (
        2,
        f"{HEAD}\n"
        '2,,,,,,,,,,invalid,"C2: a formula with no saved value (open the file in Excel, WPS or '
        'LibreOffice and save it, so its values are computed)"\n',
        "met 0, missed 0, open 0, overdue 0, invalid 1 (1 row)\n",
    )


def test_a_formula_with_its_value_saved_is_read(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = formula_rows("<v>2021-06-02</v>").replace('<c r="C2">', '<c r="C2" t="str">')
    raw_xlsx(tmp_path / "f.xlsx", [("工单", sheet_xml(rows))])
    code, out, _err = gongkai("reply-check", "--file", "f.xlsx", "-r", "consult", "-f", "csv")
    assert (code, out.splitlines()[1]) == (
        0,
        "2,Q1,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,",
    )


def test_openpyxl_formulas_are_found_by_both_scans() -> None:
    """The fast byte scan and the expat one agree, on openpyxl's own output."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "x"
    sheet["C4"] = "=A1"
    sheet["AB70"] = 3
    buffer = io.BytesIO()
    book.save(buffer)
    part = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    fast = scan_xlsx_part([part[:100], part[100:]], "b.xlsx", "sheet1.xml")
    slow = scan_xlsx_part_slowly([part], "b.xlsx", "sheet1.xml")
    assert fast is not None
    assert (fast.last_row, fast.last_column, fast.uncomputed) == (70, 28, [(4, 3)])
    assert (slow.last_row, slow.last_column, slow.uncomputed) == (70, 28, [(4, 3)])


def test_cells_without_references_are_placed_as_calamine_places_them(tmp_path: Path) -> None:
    # No r on the cells, a prefix on the elements: the slow scan, with calamine's rules.
    rows = (
        '<x:row r="3"><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c/>'
        '<x:c t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row>'
    )
    xml = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>{rows}'
        "</x:sheetData></x:worksheet>"
    ).encode()
    assert scan_xlsx_part([xml], "b.xlsx", "s.xml") is None
    slow = scan_xlsx_part_slowly([xml], "b.xlsx", "s.xml")
    assert (slow.last_row, slow.last_column) == (3, 3)
    with open_workbook(raw_xlsx(tmp_path / "p.xlsx", [("s", xml)])) as book:
        rows_read = [(row.number, row.values) for row in book.sheet().rows()]
    # calamine counts the empty <x:c/> too: b is in column C.
    assert rows_read == [(1, ["", "", ""]), (2, ["", "", ""]), (3, ["a", "", "b"])]


def test_reply_check_xlsx_keeps_the_columns_csv_keeps(gongkai: Gongkai, tmp_path: Path) -> None:
    workbook(tmp_path / "w.xlsx")
    code, _out, _err = gongkai(
        "reply-check", "--file", "w.xlsx", "-r", "consult", "-f", "xlsx", "-o", "out.xlsx"
    )
    assert code == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row and row[0] == "行")
    assert header[-1] == "承办单位"
    assert [row[-1] for row in rows[rows.index(header) + 1 :]] == ["区府办"] * 3


# -- the reader's API -----------------------------------------------------------------------


def test_the_reader_gives_typed_cells_positions_sheets_and_merges(tmp_path: Path) -> None:
    with open_workbook(workbook(tmp_path / "w.xlsx", hidden_first=True)) as book:
        assert [(info.name, info.visibility.value) for info in book.sheets] == [
            ("旧表", "hidden"),
            ("工单", "visible"),
        ]
        sheet = book.sheet()
        assert sheet.name == "工单"
        assert sheet.merged == (CellRange(2, 4, 4, 4),)
        rows = list(sheet.rows())
        filled = list(sheet.rows(fill_merged=True))
    assert rows[1].values == ["Q1", dt.date(2021, 6, 1), dt.datetime(2021, 6, 2, 9, 15), "区府办"]
    assert rows[2].values[3] == "" and filled[2].values[3] == "区府办"
    assert [(cell.a1, cell.value) for cell in rows[2].cells()] == [
        ("A3", "Q2"),
        ("B3", "2021-06-01"),
        ("C3", dt.date(2021, 6, 3)),
        ("D3", ""),
    ]


def test_serial_numbers_are_days() -> None:
    assert serial_day(44348) == dt.date(2021, 6, 1)
    assert serial_day(44348.0) == dt.date(2021, 6, 1)
    assert serial_day(42886, date1904=True) == dt.date(2021, 6, 1)
    assert serial_day(44348.99) == dt.date(2021, 6, 1)  # the time of day
    assert serial_day(60) is None  # Excel's phantom 1900-02-29 and before
    assert serial_day(2_958_466) is None
    assert serial_day(True) is None


def test_the_reader_gives_each_row_as_the_line_a_csv_export_holds(tmp_path: Path) -> None:
    """Read as lines (import, and reply-check's rows on a sheet with a problem cell),
    a row is the line a CSV export of it holds, quoted where the csv module would."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    day, later = dt.date(2021, 7, 1), dt.datetime(2021, 7, 2, 9, 15)
    sheet.append(["id", "received", "replied", "note"])
    for row in (
        ["A", day, later, "x"],
        ["C,1", day, later, "x"],
        ['D"', day, later, "x"],
        ["E", day, later, 1],
        ["F", day, later, True],
        ["G", day, later, 1.5],
        ["I", day, later, "y,z"],
        ["", day, later, "x"],
        ["", "", "", ""],
        ["K", 44378, 44379.5, "x"],
    ):
        sheet.append(row)
    path = tmp_path / "lines.xlsx"
    book.save(path)
    with SheetReader(str(path)) as reader:
        read = [line for block in reader for line in block.lines]  # type: ignore[union-attr]
    assert read == [
        "id,received,replied,note",
        "A,2021-07-01,2021-07-02 09:15:00,x",
        '"C,1",2021-07-01,2021-07-02 09:15:00,x',
        '"D""",2021-07-01,2021-07-02 09:15:00,x',
        "E,2021-07-01,2021-07-02 09:15:00,1",
        "F,2021-07-01,2021-07-02 09:15:00,TRUE",
        "G,2021-07-01,2021-07-02 09:15:00,1.5",
        'I,2021-07-01,2021-07-02 09:15:00,"y,z"',
        ",2021-07-01,2021-07-02 09:15:00,x",
        "",
        "K,2021-07-01,2021-07-02,x",
    ]


def _mixed_sheet(path: Path, header: list[str], seed: int) -> Path:
    """300 rows of what exports hold, drawn at random: repeated and new date pairs,
    date cells, date-times, serial numbers, text dates, 1 / 1.0 / True, ids that are
    numbers, blank, quoted, formulas, long; empty rows and cells beyond the header."""
    rng = random.Random(seed)
    day = dt.date(2021, 7, 1)
    dates: list[object] = [
        day,
        dt.date(2021, 7, 9),
        dt.datetime(2021, 7, 2, 9, 15),
        dt.datetime(2021, 7, 2, 0, 0),
        dt.datetime(2021, 7, 2, 17, 40),
        dt.datetime(2021, 7, 9, 8, 0, 30),
        44378,
        44379.5,
        "2021/7/3",
        "2021-07-05 10:00",
        "",
        " ",
        "bad",
        1,
        1.0,
        True,
        0,
        False,
        "2021-07-1,",
        'x"y',
        "a\nb",
    ]
    ids: list[object] = ["A", "B", "C,1", 'D"', "", " ", "\u3000", "=1+1", "-5", "@x", 12, 3.5]
    ids += [True, day, "E" * 1500, "F\nG", "H I", "甲"]
    notes: list[object] = ["x", "y,z", 'q"', "line\nbreak", "", 1, 1.0, True, 2.5, day, "=SUM(A1)"]
    channels: list[object] = ["网站", "信函", "", "当面", "x,y", 1]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for number in range(300):
        if rng.random() < 0.03:
            sheet.append([])
            continue
        row: list[object] = []
        for name in header:
            if name == "id":
                row.append(rng.choice(ids) if rng.random() < 0.3 else f"Q{number}")
            elif name in ("received", "replied", "confirmed"):
                pool = dates if rng.random() < 0.3 else dates[:6]
                row.append(rng.choice(pool))
            elif name == "channel":
                row.append(rng.choice(channels))
            else:
                row.append(rng.choice(notes))
        if rng.random() < 0.03:
            row += ["", rng.choice(["", "beyond", " "])]
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, not a formula
    book.save(path)
    return path


@pytest.mark.parametrize(
    "header",
    [
        ["id", "received", "replied"],
        ["received", "id", "replied"],
        ["序号", "id", "received", "note", "replied", "channel", "备注"],
        ["id", "received", "replied", "confirmed", "channel"],
    ],
)
@pytest.mark.parametrize(
    "options",
    [
        ("--format", "csv"),
        ("--format", "csv", "--raw"),
        ("--format", "jsonl"),
        ("--format", "json"),
        ("--format", "table"),
        ("--group-by", "note"),
    ],
)
def test_typed_rows_give_the_output_their_lines_give(
    gongkai: Gongkai,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    header: list[str],
    options: tuple[str, ...],
) -> None:
    """reply-check reads a sheet's rows by their cells' values, looking up the output of
    rows whose checked cells it saw before, and rows with date-times by their days (issue
    22 item 2, speed): every row's output is the one its CSV line gives, whatever the
    cells hold, across blocks of rows."""
    if options[0] == "--group-by" and "note" not in header:
        options = ("--group-by", "received")
    path = _mixed_sheet(tmp_path / "mixed.xlsx", header, seed=len(header))
    monkeypatch.setattr(sheet_input, "ROWS_AT_A_TIME", 7)
    args = ("reply-check", "--file", str(path), "--rule", "consult", *options)
    env = {"COLUMNS": "200"}
    as_lines: list[int] = []
    one_line = CsvRows._as_line

    def counted(self: CsvRows, number: int, *rest: Any) -> None:
        as_lines.append(number)
        one_line(self, number, *rest)

    monkeypatch.setattr(CsvRows, "_as_line", counted)
    typed = gongkai(*args, env=env)
    if options == ("--group-by", "received"):
        assert len(as_lines) > 290  # a date column's serial numbers: every row as a line
    else:
        assert 10 < len(as_lines) < 150  # the odd rows as lines, most looked up
    monkeypatch.setattr(sheet_input, "TYPED", False)
    lines = gongkai(*args, env=env)
    assert typed == lines
    assert typed.exit_code == 2 and "(2" in typed.stderr  # every row (28x, 29x), some invalid


# -- issue 20 items 6 and 7: hostile and oversized files, one line and exit 2 ---------------


def one_line(gongkai: Gongkai, path: Path) -> str:
    code, out, err = gongkai("reply-check", "--file", str(path), "-r", "consult")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("Error: "), err
    return err


def test_a_cell_at_xfd1048576_is_refused_at_once(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = (
        '<row r="1">'
        + inline("A1", "id")
        + "</row>"
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    path = raw_xlsx(tmp_path / "far.xlsx", [("s", sheet_xml(rows))])
    assert path.stat().st_size < 6000
    assert one_line(gongkai, path) == (
        "Error: far.xlsx: sheet 's' reaches XFD1048576 (1,048,576 rows x 16,384 columns), "
        "more than the 16,777,216 cells gongkai reads; delete what lies beyond the table, "
        "or save the table as CSV\n"
    )


def test_a_cell_beyond_the_grid_is_refused(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A9999999"><v>1</v></c></row>'
    path = raw_xlsx(tmp_path / "beyond.xlsx", [("s", sheet_xml(rows))])
    assert one_line(gongkai, path) == (
        "Error: beyond.xlsx: sheet 's' has a cell beyond XFD1048576, the end of a sheet\n"
    )
    rows = '<row r="1"><c r="A99999999"><v>1</v></c></row>'
    path = raw_xlsx(tmp_path / "beyond.xlsx", [("s", sheet_xml(rows))])
    assert one_line(gongkai, path) == (
        "Error: beyond.xlsx: part xl/worksheets/sheet1.xml has a bad cell reference 'A99999999'\n"
    )


def test_a_string_of_400_mb_is_refused_unread(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "big-string.xlsx"
    raw_xlsx(path, [("s", sheet_xml(inline("A1", "id")))])
    # A shared-strings part of 400 MB of one letter: a few hundred KB zipped.
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part,
    ):
        part.write(b'<sst xmlns="' + MAIN.encode() + b'"><si><t>')
        block = b"A" * 2**20
        for _ in range(400):
            part.write(block)
        part.write(b"</t></si></sst>")
    assert path.stat().st_size < 1_000_000
    assert one_line(gongkai, path) == (
        "Error: big-string.xlsx: part xl/sharedStrings.xml holds a text or tag longer than "
        "16 MiB; not read\n"
    )


def test_special_files_are_refused(gongkai: Gongkai, tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.xlsx")
    assert one_line(gongkai, tmp_path / "zero.xlsx") == (
        "Error: zero.xlsx: not a regular file (a device, FIFO or directory)\n"
    )
    os.mkfifo(tmp_path / "fifo.ods")
    assert one_line(gongkai, tmp_path / "fifo.ods") == (
        "Error: fifo.ods: not a regular file (a device, FIFO or directory)\n"
    )


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    ("prolog", "text"), [(LAUGHS, "&lol3;"), (XXE, "&xxe;")], ids=["billion-laughs", "xxe"]
)
def test_entities_are_never_expanded(
    gongkai: Gongkai, tmp_path: Path, prolog: str, text: str
) -> None:
    path = raw_xlsx(tmp_path / "e.xlsx", [("s", sheet_xml(inline("A1", text), prolog=prolog))])
    err = one_line(gongkai, path)
    assert "root:" not in err and "lollol" not in err


def test_truncated_and_corrupt_parts(gongkai: Gongkai, tmp_path: Path) -> None:
    xml = sheet_xml(replies(3))
    truncated = raw_xlsx(tmp_path / "t.xlsx", [("s", xml[: len(xml) // 2])])
    assert one_line(gongkai, truncated).startswith("Error: t.xlsx: not a readable spreadsheet (")
    good = raw_xlsx(tmp_path / "d.xlsx", [("s", xml)])
    blob = bytearray(good.read_bytes())
    info = zipfile.ZipFile(good).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + 8
    blob[start : start + 16] = b"\xff" * 16
    good.write_bytes(bytes(blob))
    assert one_line(gongkai, good).startswith(
        "Error: d.xlsx: part xl/worksheets/sheet1.xml is corrupt ("
    )
    (tmp_path / "z.xlsx").write_bytes(b"PK\x03\x04 not really")
    assert one_line(gongkai, tmp_path / "z.xlsx").startswith(
        "Error: z.xlsx: not a readable .xlsx file ("
    )


def test_an_unreadable_workbook_is_an_unreadable_file_error(tmp_path: Path) -> None:
    (tmp_path / "x.ods").write_bytes(b"")
    with pytest.raises(UnreadableFileError):
        open_workbook(tmp_path / "x.ods")


# -- import reads through the same reader ---------------------------------------------------


def import_error(gongkai: Gongkai, path: Path) -> str:
    result = gongkai("import", str(path), "--out", str(path.parent / "draft"))
    assert (result.exit_code, result.stdout) == (2, ""), result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    return result.stderr


def plan_sheet(sheet: openpyxl.worksheet.worksheet.Worksheet, name: str) -> None:
    sheet.append(["序号", "任务名称", "任务内容", "责任单位", "时间节点"])
    sheet.append([1, name, "按要求公开。", "区府办", "6月底前"])


def test_import_skips_a_hidden_first_sheet(gongkai: Gongkai, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    shown = book.active
    assert shown is not None
    shown.title = "任务"
    plan_sheet(shown, "做好政务公开工作")
    hidden = book.create_sheet("旧任务", 0)
    hidden.sheet_state = "hidden"
    plan_sheet(hidden, "去年的任务")
    book.save(tmp_path / "plan.xlsx")
    result = gongkai("import", "plan.xlsx", "--out", "draft")
    assert result.exit_code == 3, result.stderr  # a draft, with its notice left to fill in
    tasks = (tmp_path / "draft" / "tasks.yaml").read_text(encoding="utf-8")
    assert "做好政务公开工作" in tasks and "去年的任务" not in tasks


def test_import_refuses_a_formula_with_no_saved_value(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = (
        '<row r="1">'
        + inline("A1", "序号")
        + inline("B1", "工作任务")
        + inline("C1", "责任单位")
        + inline("D1", "时限要求")
        + "</row>"
        '<row r="2"><c r="A2"><v>1</v></c>'
        + inline("B2", "做好公开")
        + '<c r="C2"><f>Sheet2!A1</f><v></v></c>'
        + inline("D2", "6月底前")
        + "</row>"
    )
    path = raw_xlsx(tmp_path / "plan.xlsx", [("任务", sheet_xml(rows))])
    assert import_error(gongkai, path) == (
        "Error: plan.xlsx: 任务!C2: a formula with no saved value (open the file in Excel, WPS "
        "or LibreOffice and save it, so its values are computed)\n"
    )


def test_import_reads_at_most_10000_rows(gongkai: Gongkai, tmp_path: Path) -> None:
    rows = (
        '<row r="1">'
        + inline("A1", "序号")
        + '</row><row r="400000">'
        + inline("A400000", "x")
        + "</row>"
    )
    path = raw_xlsx(tmp_path / "plan.xlsx", [("任务", sheet_xml(rows))])
    assert import_error(gongkai, path) == (
        "Error: plan.xlsx: sheet '任务' has 400,000 rows, more than the 10,000 read here\n"
    )


def test_import_refuses_special_files(gongkai: Gongkai, tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "plan.xlsx")
    assert import_error(gongkai, tmp_path / "plan.xlsx") == (
        "Error: plan.xlsx: not a regular file (a device, FIFO or directory)\n"
    )
    os.mkfifo(tmp_path / "plan.docx")
    assert import_error(gongkai, tmp_path / "plan.docx") == (
        "Error: plan.docx: not a regular file (a device, FIFO or directory)\n"
    )
    # a directory with an office file's name (an earlier draft --out plan.xlsx) too: it
    # was an IsADirectoryError traceback, exit 1
    for name in ("dir.xlsx", "dir.docx", "dir.ods"):
        (tmp_path / name).mkdir()
        assert import_error(gongkai, tmp_path / name) == (
            f"Error: {name}: not a regular file (a device, FIFO or directory)\n"
        )


def docx_with(path: Path, document_xml: bytes) -> Path:
    import docx

    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    parts["word/document.xml"] = document_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def body(inner: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}">'
        f"<w:body>{inner}</w:body></w:document>"
    ).encode()


@pytest.mark.parametrize(
    ("prolog", "text"), [(LAUGHS, "&lol3;"), (XXE, "&xxe;")], ids=["billion-laughs", "xxe"]
)
def test_docx_entities_are_refused(
    gongkai: Gongkai, tmp_path: Path, prolog: str, text: str
) -> None:
    path = docx_with(
        tmp_path / "plan.docx", body(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>", prolog)
    )
    assert import_error(gongkai, path) == (
        "Error: plan.docx: part word/document.xml declares a DTD or entities; not read\n"
    )


def test_a_5000_deep_docx_is_one_line(gongkai: Gongkai, tmp_path: Path) -> None:
    deep = "<w:sdt><w:sdtContent>" * 2500 + "</w:sdtContent></w:sdt>" * 2500
    path = docx_with(tmp_path / "plan.docx", body(deep))
    assert import_error(gongkai, path).startswith("Error: plan.docx: not a readable .docx file (")


def test_a_300_mb_paragraph_is_refused_unread(gongkai: Gongkai, tmp_path: Path) -> None:
    path = docx_with(tmp_path / "plan.docx", body("<w:p/>"))
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info) for info in original.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != "word/document.xml":
                archive.writestr(name, data)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(body("<w:p><w:r><w:t>").removesuffix(b"</w:body></w:document>"))
            block = "政务公开".encode() * (2**18 // 3)
            for _ in range(300):
                part.write(block)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    assert path.stat().st_size < 2_000_000
    err = import_error(gongkai, path)
    assert err.startswith("Error: plan.docx: part word/document.xml ")
    assert err.endswith(
        ("inflates more than 100:1 (a zip bomb?); not read\n", "MiB unpacked, the limit\n")
    )


def test_a_long_docx_paragraph_is_refused(gongkai: Gongkai, tmp_path: Path) -> None:
    path = docx_with(
        tmp_path / "plan.docx", body(f"<w:p><w:r><w:t>{'公' * 40000}</w:t></w:r></w:p>")
    )
    assert import_error(gongkai, path) == (
        "Error: plan.docx: paragraph 1 is longer than 32,767 characters; not imported\n"
    )


# -- .ods and .xls ---------------------------------------------------------------------------

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)


def ods(path: Path, tables: str) -> Path:
    """An .ods as LibreOffice lays one out: a hidden table has a style with display false."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        'office:version="1.2"><office:automatic-styles>'
        '<style:style style:name="ta1" style:family="table"><style:table-properties '
        'table:display="true"/></style:style><style:style style:name="ta2" '
        'style:family="table"><style:table-properties table:display="false"/></style:style>'
        f"</office:automatic-styles><office:body><office:spreadsheet>{tables}"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return ods_package(path, content)


def text_cell(text: str, extra: str = "") -> str:
    return f'<table:table-cell office:value-type="string"{extra}><text:p>{text}</text:p></table:table-cell>'


def ods_row(*cells: str, extra: str = "") -> str:
    return f"<table:table-row{extra}>{''.join(cells)}</table:table-row>"


def test_an_ods_sheet_hidden_tables_spans_and_formulas(gongkai: Gongkai, tmp_path: Path) -> None:
    hidden = (
        '<table:table table:name="旧" table:style-name="ta2">'
        + ods_row(text_cell("id"))
        + "</table:table>"
    )
    shown = (
        '<table:table table:name="工单" table:style-name="ta1">'
        + ods_row(*map(text_cell, ("id", "received", "replied", "承办单位")))
        + ods_row(
            text_cell("Q1"),
            '<table:table-cell office:value-type="date" office:date-value="2021-06-01">'
            "<text:p>2021-06-01</text:p></table:table-cell>",
            text_cell("2021-06-02"),
            text_cell("区府办", ' table:number-rows-spanned="2"'),
        )
        + ods_row(
            text_cell("Q2"),
            text_cell("2021-06-01"),
            '<table:table-cell table:formula="of:=[.B3]"/>',
            "<table:covered-table-cell/>",
        )
        # LibreOffice's trailing empty rows: nothing to read.
        + ods_row(
            '<table:table-cell table:number-columns-repeated="1024"/>',
            extra=' table:number-rows-repeated="1048572"',
        )
        + "</table:table>"
    )
    path = ods(tmp_path / "工单.ods", hidden + shown)
    with open_workbook(path) as book:
        sheet = book.sheet()
        assert sheet.name == "工单"
        assert sheet.merged == (CellRange(2, 4, 3, 4),)
        rows = [
            (row.number, row.values, row.problem_text()) for row in sheet.rows(fill_merged=True)
        ]
    assert rows == [
        (1, ["id", "received", "replied", "承办单位"], None),
        (2, ["Q1", dt.date(2021, 6, 1), "2021-06-02", "区府办"], None),
        (
            3,
            ["Q2", "2021-06-01", "", "区府办"],
            "C3: a formula with no saved value (open the file in Excel, WPS or LibreOffice and "
            "save it, so its values are computed)",
        ),
    ]
    code, out, _err = gongkai("reply-check", "--file", "工单.ods", "-r", "consult", "-f", "csv")
    assert code == 2
    assert out.splitlines()[1] == (
        "2,Q1,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,,区府办"
    )


def test_an_ods_cell_repeated_over_the_grid_is_refused(gongkai: Gongkai, tmp_path: Path) -> None:
    table = (
        '<table:table table:name="s">'
        + ods_row(
            text_cell("x", ' table:number-columns-repeated="16384"'),
            extra=' table:number-rows-repeated="1048576"',
        )
        + "</table:table>"
    )
    path = ods(tmp_path / "big.ods", table)
    assert one_line(gongkai, path) == (
        "Error: big.ods: sheet 's' reaches XFD1048576 (1,048,576 rows x 16,384 columns), more "
        "than the 16,777,216 cells gongkai reads; delete what lies beyond the table, or save "
        "the table as CSV\n"
    )


def test_the_xls_scan_reads_every_cell_record() -> None:
    import struct

    from gongkai_cli.io.sheet_scan import scan_xls_stream

    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    stream = (
        record(0x0809, b"\x00" * 16)  # BOF
        + record(0x00FD, struct.pack("<HHHI", 0, 0, 15, 0))  # LABELSST at A1
        + record(0x0203, struct.pack("<HHHd", 65535, 2, 15, 1.0))  # NUMBER at C65536
        + record(0x00BD, struct.pack("<HHHIH", 9, 1, 15, 0, 255))  # MULRK B10:IV10
        + record(0x000A, b"")  # EOF
    )
    scan = scan_xls_stream(stream)
    assert (scan.last_row, scan.last_column, scan.cells) == (65536, 256, 65536 * 256)


def test_an_xls_sheet_through_olefile_and_calamine(gongkai: Gongkai, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    hidden = book.add_sheet("旧")
    hidden.write(0, 0, "id")
    hidden.visibility = 1  # hidden
    sheet = book.add_sheet("工单")
    day = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for column, text in enumerate(["id", "received", "replied", "承办单位"]):
        sheet.write(0, column, text)
    sheet.write(1, 0, "Q1")
    sheet.write(1, 1, dt.date(2021, 6, 1), day)
    sheet.write(1, 2, dt.date(2021, 6, 2), day)
    sheet.write_merge(1, 2, 3, 3, "区府办")
    sheet.write(2, 0, "Q2")
    sheet.write(2, 1, "2021-06-01")
    sheet.write(2, 2, "2021-06-03")
    book.save(str(tmp_path / "工单.xls"))
    code, out, _err = gongkai("reply-check", "--file", "工单.xls", "-r", "consult", "-f", "csv")
    assert (code, out) == (
        0,
        f"{HEAD},承办单位\n"
        "2,Q1,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,,区府办\n"
        "3,Q2,2021-06-01,2021-06-03,consult,5,working,as-received,2021-06-08,2,met,,区府办\n",
    )
    (tmp_path / "bad.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert one_line(gongkai, tmp_path / "bad.xls").startswith(
        "Error: bad.xls: not a readable .xls file ("
    )


# -- damaged files: one line, never a traceback ------------------------------------------------

_GOOD_SHEET = sheet_xml(replies(3) + formula_rows("<v>1</v>").replace('r="1"', 'r="9"'))
_EDIT = st.tuples(
    st.integers(0, len(_GOOD_SHEET) - 1),
    st.integers(0, 12),
    st.binary(max_size=6) | st.sampled_from([b"<c>", b"<c/>", b' r="XFD9"', b"<f>1</f>", b"&x;"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_a_damaged_sheet_is_read_or_refused_in_one_line(
    tmp_path: Path, edits: list[tuple[int, int, bytes]]
) -> None:
    data = bytearray(_GOOD_SHEET)
    for at, cut, insert in edits:
        data[at : at + cut] = insert
    path = raw_xlsx(tmp_path / "m.xlsx", [("s", bytes(data))])
    try:
        with open_workbook(path) as book:
            for _row in book.sheet().rows(fill_merged=True):
                pass
    except UnreadableFileError as exc:
        assert "\n" not in str(exc)


def test_what_the_fuzzing_found(gongkai: Gongkai, tmp_path: Path) -> None:
    # A merged range wholly right of the table's last column (IndexError when filling).
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "received", "replied"])
    sheet.append(["Q1", "2021-06-01", "2021-06-02"])
    sheet.merge_cells("F1:G2")
    book.save(tmp_path / "merge.xlsx")
    code, _out, err = gongkai("reply-check", "--file", "merge.xlsx", "-r", "consult")
    assert (code, err) == (0, "met 1, missed 0, open 0, overdue 0, invalid 0 (1 row)\n")
    # A zip needing a version Python does not read (NotImplementedError).
    blob = bytearray((tmp_path / "merge.xlsx").read_bytes())
    at = blob.find(b"PK\x01\x02")
    blob[at + 6 : at + 8] = (91).to_bytes(2, "little")
    (tmp_path / "version.xlsx").write_bytes(bytes(blob))
    assert one_line(gongkai, tmp_path / "version.xlsx") == (
        "Error: version.xlsx: not a readable .xlsx file (zip file version 9.1)\n"
    )
    # An XML declaration naming an encoding expat does not know (LookupError).
    rows = sheet_xml("<row><c>1</c></row>").replace(b"UTF-8", b"UTF-9")
    path = raw_xlsx(tmp_path / "encoding.xlsx", [("s", rows)])
    assert one_line(gongkai, path).startswith(
        "Error: encoding.xlsx: part xl/worksheets/sheet1.xml is not well-formed XML ("
    )
    # A .docx whose document has no body (AttributeError in python-docx).
    path = docx_with(tmp_path / "plan.docx", f'<w:document xmlns:w="{W}"/>'.encode())
    assert import_error(gongkai, path).startswith("Error: plan.docx: not a readable .docx file (")


def test_serial_numbers_in_date_columns_are_days(gongkai: Gongkai, tmp_path: Path) -> None:
    # A date column that lost its format, as a program or LibreOffice leaves it.
    rows = (
        '<row r="1">'
        + inline("A1", "编号")
        + inline("B1", "受理日期")
        + inline("C1", "答复日期")
        + inline("D1", "件数")
        + "</row>"
        '<row r="2">' + inline("A2", "Q1") + '<c r="B2"><v>44348</v></c><c r="C2"><v>44349.5</v>'
        '</c><c r="D2"><v>44348</v></c></row>'
        '<row r="3">' + inline("A3", "Q2") + '<c r="B3"><v>20210601</v></c><c r="C3"><v>7</v>'
        '</c><c r="D3"><v>2</v></c></row>'
    )
    raw_xlsx(tmp_path / "s.xlsx", [("s", sheet_xml(rows))])
    code, out, _err = gongkai(
        "reply-check",
        "--file",
        "s.xlsx",
        "-r",
        "consult",
        "-f",
        "csv",
        "--columns",
        "id=编号,received=受理日期,replied=答复日期",
    )
    assert (code, out.splitlines()[1:]) == (
        2,
        [
            # The number in 件数 passes through as the number it is.
            "2,Q1,2021-06-01,2021-06-02,consult,5,working,as-received,2021-06-08,1,met,,44348",
            # 20210601 is the date spelled without separators; 7 is no day after 1900-02-28.
            "3,Q2,20210601,7,,,,,,,invalid,\"replied: invalid date '7': expected 2021-06-30, "
            '2021/6/30, 20210630 or 2021年6月30日",2',
        ],
    )


@pytest.mark.parametrize(
    ("rows", "prolog", "said"),
    [
        (inline("A1", "&lol3;"), LAUGHS, "not a readable spreadsheet (at "),
        (inline("A1", "&xxe;"), XXE, "not a readable spreadsheet (at "),
        (
            '<row r="1">' + inline("A1", "x") + '</row><row r="1048576"><c r="XFD1048576">'
            "<v>1</v></c></row>",
            "",
            "sheet 's' reaches XFD1048576",
        ),
    ],
    ids=["billion-laughs", "xxe", "xfd1048576"],
)
def test_import_refuses_hostile_workbooks_as_reply_check_does(
    gongkai: Gongkai, tmp_path: Path, rows: str, prolog: str, said: str
) -> None:
    path = raw_xlsx(tmp_path / "plan.xlsx", [("s", sheet_xml(rows, prolog=prolog))])
    assert import_error(gongkai, path).startswith(f"Error: plan.xlsx: {said}")


def test_a_files_check_paces_the_collector_and_leaves_it_as_it_was(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a file is checked the cyclic collector runs after 100,000 new objects, not
    700 (docs/performance.md); the threshold is Python's again afterwards, error or not."""
    seen: list[int] = []
    check_fields = RowChecker.check_fields

    def spied(self: RowChecker, *fields: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return check_fields(self, *fields)

    monkeypatch.setattr(RowChecker, "check_fields", spied)
    before = gc.get_threshold()
    path = _mixed_sheet(tmp_path / "paced.xlsx", ["id", "received", "replied"], seed=1)
    assert gongkai("reply-check", "--file", str(path), "--rule", "consult").exit_code == 2
    assert seen and set(seen) == {max(before[0], 100_000)}
    assert gc.get_threshold() == before
    assert gongkai("reply-check", "--file", str(tmp_path / "none.xlsx"), "-r", "consult").exit_code
    assert gc.get_threshold() == before
