"""The one output layer: a View written as table, md, json or csv by `emit` to its stream."""

from __future__ import annotations

import io
import sys

import pytest

from gongkai_cli.render import Column, Fields, Records, Table, Text, View, emit
from gongkai_cli.render.emit import WRITERS
from gongkai_cli.render.workday_views import BATCH_COLUMNS
from gongkai_cli.workdays.replies.encoders import OUTPUT_COLUMNS

COLUMNS = (Column("序号", "seq", justify="right"), Column("名称", "name"))
ROWS = ({"seq": 1, "name": "公开|目录"}, {"seq": 12, "name": "两行\n文字"})
VIEW = View(
    [Table(COLUMNS, ROWS, title="标题", caption="共 2 项"), Text("说明")],
    data={"rows": list(ROWS)},
    summary=["2 rows"],
)


@pytest.mark.parametrize(
    ("fmt", "stdout"),
    [
        (
            "table",
            "标题\n序号   名称\n────────────────\n   1   公开|目录\n  12   两行\n       文字\n共 2 项\n说明\n",
        ),
        (
            "md",
            # the caption (counts, footnotes) is a paragraph under its table, as on screen
            "### 标题\n\n| 序号 | 名称 |\n|---:|---|\n| 1 | 公开\\|目录 |\n| 12 | 两行<br>文字 |"
            "\n\n共 2 项\n\n说明\n",
        ),
        (
            "json",
            '{\n  "rows": [\n    {\n      "seq": 1,\n      "name": "公开|目录"\n    },\n'
            '    {\n      "seq": 12,\n      "name": "两行\\n文字"\n    }\n  ]\n}\n',
        ),
        ("csv", 'seq,name\n1,公开|目录\n12,"两行\n文字"\n'),
    ],
)
def test_every_format_from_one_view(
    capsys: pytest.CaptureFixture[str], fmt: str, stdout: str
) -> None:
    out = io.StringIO()
    emit(VIEW, fmt, out)
    assert out.getvalue() == stdout
    assert capsys.readouterr() == ("", "2 rows\n")  # the summary: stderr; stdout untouched


def test_the_stream_given_is_written_and_laid_out_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal gets bold headers at its width; a file or pipe plain text at $COLUMNS."""
    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    emit(VIEW, "table", terminal)
    assert terminal.getvalue().startswith("\x1b[1m标题\x1b[0m\n\x1b[1m序号   名称\x1b[0m\n")
    piped = io.StringIO()
    emit(VIEW, "table", piped)
    assert "\x1b[" not in piped.getvalue()


def test_records_for_csv_and_fields(capsys: pytest.CaptureFixture[str]) -> None:
    view = View(
        [Fields([("收到", "2021-07-10"), ("截止", "2021-07-16")], title="一件")],
        records=Records(("id", "tags"), [{"id": "a", "tags": ["x", "y"], "other": 1}]),
    )
    out = io.StringIO()
    emit(view, "csv", out)
    assert out.getvalue() == "id,tags\na,x;y\n"
    out = io.StringIO()
    emit(view, "table", out)
    assert out.getvalue() == "一件\n收到   2021-07-10\n截止   2021-07-16\n"


def test_a_new_format_is_one_writer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    written: list[tuple[View, io.StringIO]] = []
    monkeypatch.setitem(WRITERS, "xlsx", lambda view, out: written.append((view, out)))
    out = io.StringIO()
    emit(VIEW, "xlsx", out)
    assert written == [(VIEW, out)]
    assert capsys.readouterr() == ("", "2 rows\n")


def test_reply_check_table_shares_the_batch_csv_names() -> None:
    # `limit` shows the csv's rule and days in one cell; `standing` (days left or late)
    # is for people.
    assert {c.key for c in BATCH_COLUMNS} - {"limit", "standing"} <= set(OUTPUT_COLUMNS)
