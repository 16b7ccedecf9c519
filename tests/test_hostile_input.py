"""Hostile but realistic input: each case is one line on stderr and the right exit code.

Data problems exit 3, input problems exit 2, a date beyond the holiday calendar 4;
never a traceback, never a wrong answer.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli.errors import CalendarCoverageError
from gongkai_cli.io.files import MAX_FILE_BYTES
from gongkai_cli.workdays.calendar import load_calendar
from gongkai_cli.workdays.days import DayType, Period

DATA = Path(__file__).resolve().parent.parent / "data"

TASKS_YEAR_LINE = 11  # `  year: 2021` in data/tasks.yaml
SUPPLY = "supply its holidays and make-up working days in a holidays file (--holidays FILE or GONGKAI_HOLIDAYS)"


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the plan's data files ------------------------------------------------------------------


def test_the_year_line_is_where_the_tests_expect_it() -> None:
    lines = (DATA / "tasks.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[TASKS_YEAR_LINE - 1] == "  year: 2021"


@pytest.mark.parametrize("year", ["0", "-1", "99999"])
@pytest.mark.parametrize("command", [("validate",), ("due", "--unit", "市教委")])
def test_a_plan_year_no_calendar_has_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path, year: str, command: tuple[str, ...]
) -> None:
    data = copy_data(tmp_path)
    replace_in(data / "tasks.yaml", "  year: 2021\n", f"  year: {year}\n")
    assert gongkai(*command, "--data", str(data)) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{data / 'tasks.yaml'}:{TASKS_YEAR_LINE}: document.year: "
        f"{year} is not a year gongkai reads (1900..2100)\n",
    )


def test_a_source_file_name_too_long_for_the_file_system_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    name = "a" * 300 + ".txt"
    replace_in(
        data / "tasks.yaml",
        "source: source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt",
        f"source: source/{name}",
    )
    code, out, err = gongkai("validate", "--data", str(data))
    line = next(
        i for i, text in enumerate((data / "tasks.yaml").read_text("utf-8").splitlines(), 1)
        if text.strip().startswith("source:")
    )  # fmt: skip
    assert (code, out, err) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{data / 'tasks.yaml'}:{line}: document.source: "
        f"cannot read {data / 'source' / name}: File name too long\n",
    )


def test_a_source_name_with_a_nul_character_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    replace_in(
        data / "tasks.yaml",
        "source: source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt",
        'source: "source/a\\0b.txt"',  # YAML's escape for U+0000
    )
    code, out, err = gongkai("validate", "--data", str(data))
    assert (code, out) == (3, "")
    assert err.startswith("Error: invalid data (1 problem):\n")
    assert err.endswith(
        ": document.source: 'source/a\\x00b.txt' is not a file name: embedded null byte\n"
    )


def test_an_unreadable_source_directory_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What `chmod 000 source` does for a user other than root (the tests may run as root).
    data = copy_data(tmp_path)
    source_dir = data / "source"
    real_stat = Path.stat

    def stat(self: Path, *args: object, **kwargs: object) -> object:
        if self.parent == source_dir:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    code, out, err = gongkai("validate", "--data", str(data))
    assert (code, out) == (3, "")
    assert err.startswith("Error: invalid data (1 problem):\n")
    assert err.endswith(
        f": document.source: cannot read {source_dir}/"
        "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt: Permission denied\n"
    )


def _huge(path: Path) -> Path:
    """A sparse file one byte over the limit: no disk space, as much reading as /dev/zero."""
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    return path


def test_the_limit_is_16_mib() -> None:
    assert MAX_FILE_BYTES == 16 * 1024 * 1024


@pytest.mark.parametrize("name", ["tasks.yaml", "units.yaml"])
def test_a_data_file_over_the_limit_is_refused_unread(
    gongkai: Gongkai, tmp_path: Path, name: str
) -> None:
    data = copy_data(tmp_path)
    (data / name).unlink()
    _huge(data / name)
    assert gongkai("validate", "--data", str(data)) == (
        3,
        "",
        f"Error: invalid data (1 problem):\n{data / name}:1: "
        "the file is larger than 16 MiB, the limit for a file gongkai reads\n",
    )


@pytest.mark.parametrize("name", ["tasks.yaml", "units.yaml", "rules.yaml"])
@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "directory"])
def test_a_data_file_that_is_not_a_regular_file_is_refused_at_once(
    gongkai: Gongkai, tmp_path: Path, name: str, kind: str
) -> None:
    """Issue 20 items 7 and 15: a symlink to /dev/zero was read to a MemoryError, and a
    FIFO blocked forever; both are refused before a byte is read."""
    data = copy_data(tmp_path)
    (data / name).unlink()
    if kind == "dev-zero":
        (data / name).symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(data / name)
    else:
        (data / name).mkdir()
    assert gongkai("due", "--unit", "市教委", "--data", str(data)) == (
        2,
        "",
        f"Error: {data / name}: not a regular file (a device, FIFO or directory)\n",
    )


@pytest.mark.parametrize(
    "args",
    [
        ("holidays", "--year", "2021", "--holidays", "{}"),
        ("deadline", "--from", "2021-06-01", "--rule", "consult", "--rules", "{}"),
        ("overdue", "--progress", "{}"),
        ("progress", "set", "27", "-u", "市教委", "--status", "in_progress", "-p", "{}"),
        ("progress", "show", "-p", "{}"),
        ("report", "-u", "市教委", "-p", "{}"),
    ],
    ids=["holidays", "rules", "progress", "progress-set", "progress-show", "report"],
)
@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_other_files_that_are_not_regular_files_are_refused_at_once(
    gongkai: Gongkai, tmp_path: Path, args: tuple[str, ...], kind: str
) -> None:
    special = tmp_path / "special"
    if kind == "dev-zero":
        special.symlink_to("/dev/zero")
    else:
        os.mkfifo(special)
    assert gongkai(*(arg.format(special) for arg in args)) == (
        2,
        "",
        f"Error: {special}: not a regular file (a device, FIFO or directory)\n",
    )
    assert special.is_symlink() if kind == "dev-zero" else stat.S_ISFIFO(special.stat().st_mode)


# --- gongkai's own files are UTF-8 only -----------------------------------------------------

GBK = "测试".encode("gbk")  # b"\xb2\xe2\xca\xd4": not UTF-8 from its first byte


@pytest.mark.parametrize(
    ("args", "text", "where"),
    [
        (
            ("holidays", "--year", "2021", "--holidays"),
            b"years:\n  2021:\n    source: " + GBK,
            "3: the file is not UTF-8 (byte 0xB2 at column 13)",
        ),
        (
            ("overdue", "--progress"),
            b"entries: []\n# " + GBK + b"\n",
            "2: the file is not UTF-8 (byte 0xB2 at column 3)",
        ),
        (
            ("progress", "set", "27", "-u", "市教委", "--status", "in_progress", "-p"),
            b"entries: []\n# " + GBK + b"\n",
            "2: the file is not UTF-8 (byte 0xB2 at column 3)",
        ),
    ],
    ids=["holidays", "progress", "progress-set"],
)
def test_a_file_of_gongkai_that_is_not_utf8_is_invalid_data_saying_so(
    gongkai: Gongkai, tmp_path: Path, args: tuple[str, ...], text: bytes, where: str
) -> None:
    # Saved in Notepad's or Excel's ANSI (GBK) on a Chinese system: where, and what to do.
    path = tmp_path / "file.yaml"
    path.write_bytes(text)
    assert gongkai(*args, str(path)) == (
        3,
        "",
        f"Error: invalid data (1 problem):\n{path}:{where}; it reads as GB18030 (GBK): save it "
        "again as UTF-8\n",
    )
    assert path.read_bytes() == text


# --- the holidays file ----------------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "10000", "-5"])
def test_a_holidays_file_year_outside_the_readable_years_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path, year: str
) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text(f"years:\n  {year}:\n    holidays: []\n", encoding="utf-8")
    for args in (("holidays", "--year", "2021"), ("deadline", "--from", "2021-06-01", "-d", "3")):
        assert gongkai(*args, "--holidays", str(path)) == (
            3,
            "",
            f"Error: invalid data (1 problem):\n{path}:3: years.{year}: "
            f"{year} is not a year gongkai reads (1900..2100)\n",
        )


# --- dates and counts at the limits ---------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "side"),
    [
        ("9999-12-31T23:00:00-12:00", "after 9999-12-31"),
        ("0001-01-01T00:00:00+14:00", "before 0001-01-01"),
    ],
)
def test_a_date_time_that_is_no_date_in_shanghai_is_bad_input(
    gongkai: Gongkai, moment: str, side: str
) -> None:
    for args, option in (
        (("deadline", "--from", moment, "-d", "3", "--calendar-days"), "--from"),
        (("reply-check", "--received", moment, "-d", "3"), "--received"),
        (("reply-check", "--received", "2021-06-01", "--replied", moment, "-d", "3"), "--replied"),
    ):
        assert gongkai(*args) == (
            2,
            "",
            f"Error: invalid date-time {moment!r} for {option}: in Asia/Shanghai that is {side}\n",
        )


@pytest.mark.parametrize("days", ["3000000", "1000000000000"])
def test_a_count_of_days_past_ten_years_is_bad_input(gongkai: Gongkai, days: str) -> None:
    # The one range check of workdays/limits.py, as for a row of a file (issue 21 item 2);
    # it used to count on and name the year reached (10235), exit 4.
    code, out, err = gongkai("deadline", "--from", "2021-06-01", "-d", days, "--calendar-days")
    assert (code, out, err) == (2, "", f"Error: --days {days} is not between 1 and 3660\n")


def test_a_count_past_year_9999_still_names_the_year_it_reaches() -> None:
    # The calendar itself (for a caller of the library) counts on past 9999.
    calendar = load_calendar()
    with pytest.raises(CalendarCoverageError) as caught:
        calendar.deadline(dt.date(2021, 6, 1), Period(3_000_000, DayType.CALENDAR))
    assert str(caught.value).startswith(
        "3000000 calendar days after 2021-06-01: 10235 is outside the holiday calendar"
    )


# --- numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "read"),
    [("inf", "inf"), ("-inf", "-inf"), ("nan", "nan"), ("NaN", "nan"), ("Infinity", "inf")],
)
def test_progress_set_refuses_a_value_that_is_not_a_finite_number(
    gongkai: Gongkai, tmp_path: Path, value: str, read: str
) -> None:
    path = tmp_path / "p.yaml"
    assert gongkai(
        "progress", "set", "16", "-u", "市教委", "--on", "2021-06-10",
        "--value", value, "-p", str(path),
    ) == (2, "", f"Error: --value must be a finite number, not {read}\n")  # fmt: skip
    assert not path.exists()


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", ".NaN"])
def test_a_progress_file_value_that_is_not_a_finite_number_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path, value: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "entries:\n"
        "  - seq: 16\n"
        "    unit: 市教委\n"
        "    status: done\n"
        "    completed: 2021-06-10\n"
        f"    values: {{rate: {value}}}\n",
        encoding="utf-8",
    )
    for args in (("overdue",), ("progress", "show")):
        assert gongkai(*args, "--progress", str(path)) == (
            3,
            "",
            f"Error: invalid data (1 problem):\n{path}:6: entries.0.values.rate: "
            "Input should be a finite number\n",
        )


def test_a_target_threshold_that_is_not_a_finite_number_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    data = copy_data(tmp_path)
    text = (data / "tasks.yaml").read_text(encoding="utf-8")
    first = text.index("threshold: ")
    end = text.index("\n", first)
    line = text.count("\n", 0, first) + 1
    (data / "tasks.yaml").write_text(text[:first] + "threshold: .inf" + text[end:], "utf-8")
    code, out, err = gongkai("validate", "--data", str(data))
    assert (code, out) == (3, "")
    assert err.startswith(f"Error: invalid data (1 problem):\n{data / 'tasks.yaml'}:{line}: tasks.")
    assert err.endswith(".threshold: Input should be a finite number\n")


# --- a unit's name with a line break (issue 20 item 15) ------------------------------------


@pytest.fixture
def crlf_unit(gongkai: Gongkai, tmp_path: Path) -> Path:
    """A plan whose one unit is named across two lines, as import keeps a 责任单位 cell
    typed with Alt+Enter (the audit's "validates, then crashes the ICS export")."""
    source = tmp_path / "plan.csv"
    source.write_bytes(
        "序号,任务名称,任务内容,责任单位,时间节点\r\n"
        '1,规范公开,做好政府信息公开工作。,"市教委\r\n市卫健委",6月底前\r\n'.encode()
    )
    out = tmp_path / "d"
    assert gongkai("import", source, "--out", out, "--year", "2021").exit_code == 0
    assert gongkai("validate", "--data", out).exit_code == 0
    return out


def test_a_unit_named_across_two_lines_is_kept_and_exported_safely(
    gongkai: Gongkai, crlf_unit: Path
) -> None:
    """Decided at the root: the name is kept as written (a line break in a cell is data,
    and import's read-back would refuse its own draft otherwise), and every format that
    shows it escapes it: ics folds it into one escaped property value."""
    import icalendar

    name = "市教委\r\n市卫健委"
    ics = gongkai("due", "--data", crlf_unit, "--unit", name, "--format", "ics")
    assert (ics.exit_code, ics.stderr) == (0, "")
    blob = ics.stdout_bytes
    assert blob.count(b"\n") == blob.count(b"\r\n") == blob.count(b"\r")  # CRLF line ends only
    calendar = icalendar.Calendar.from_ical(blob)
    assert calendar["X-WR-CALNAME"].to_ical() == "市教委\\n市卫健委 · ".encode()
    (event,) = calendar.walk("VEVENT")
    assert "责任单位：市教委\n市卫健委\n" in str(event["DESCRIPTION"])
    data = gongkai("due", "--data", crlf_unit, "--unit", name, "--format", "json").json()
    assert data["unit"] == name
    for fmt in ("table", "md", "csv"):
        shown = gongkai("due", "--data", crlf_unit, "--unit", name, "--format", fmt)
        assert (shown.exit_code, shown.stderr) == (0, "")
        assert "\r" not in shown.stdout.replace("\r\n", "") or fmt == "csv"
