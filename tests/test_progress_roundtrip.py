"""The 报送 round trip (issue 22 item 1): `progress template` writes each unit a sheet of
what it owes; the unit fills it in, in Excel, WPS or LibreOffice; `progress import`
merges what it changed into the ledger, reporting bad rows and conflicts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Gongkai
from roundtrip_sheets import (
    fill_in_excel,
    fill_in_libreoffice,
    fill_in_ods,
    key_of,
    serial,
    template_rows,
)


def entries(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in entry.items()}
        for entry in data["entries"]
    ]


def template(gongkai: Gongkai, unit: str, ledger: Path, out: Path) -> Path:
    code, stdout, _err = gongkai(
        "progress", "template", "-u", unit, "-p", str(ledger), "-o", str(out)
    )
    assert (code, stdout) == (0, "")
    return out


# --- the template --------------------------------------------------------------------------


def test_the_template_shows_what_the_unit_owes_with_the_ledger_filled_in(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    ledger = tmp_path / "p.yaml"
    assert gongkai("progress", "set", "--create", "70", "-u", "申通集团", "--status", "in_progress",
               "--note", "站点信息已梳理", "-p", str(ledger))[0] == 0  # fmt: skip
    code, out, err = gongkai(
        "progress", "template", "-u", "申通集团", "-p", str(ledger), "-o", "申通集团.xlsx"
    )
    assert (code, out, err) == (
        0,
        "",
        "申通集团: 1 row (a task owed, as of 2021-06-15); 2 more may apply (各相关单位), "
        "not in the sheet\nwrote 申通集团.xlsx\n",
    )
    top, rows = template_rows(tmp_path / "申通集团.xlsx")
    head = json.loads(top[2][0])
    assert head == {
        "kind": "gongkai-progress-template",
        "version": 1,
        "plan": "沪府办〔2021〕21号",
        "unit": "申通集团",
        "as_of": "2021-06-15",
    }
    assert top[0][1] == (
        "2021年上海市政务公开工作要点（沪府办〔2021〕21号） · 申通集团 进展报送表 · 截至 2021-06-15"
    )
    assert top[2][1:] == [
        "序号", "任务名称", "任务内容", "角色", "时间节点", "截止日期", "情况",
        "状态", "完成日期", "佐证", "备注",
    ]  # fmt: skip
    shown = [row[1:3] + row[4:] for row in rows]
    assert shown == [
        [70, "细化深化交通管理和执法领域信息公开", "负责", "9月底前", dt.datetime(2021, 9, 30),
         "还有 107 天", "进行中", None, None, "站点信息已梳理"],
    ]  # fmt: skip
    key = json.loads(rows[0][0])
    assert key["seq"] == 70 and key["unit"] == "申通集团" and key["occurrence"] is None
    assert key["was"] == {
        "status": "in_progress", "completed": None, "evidence": "", "note": "站点信息已梳理",
        "values": {},
    }  # fmt: skip
    assert key["entry"] != "none"  # the fingerprint of the entry it was filled in from


def test_the_template_has_drop_downs_a_hidden_key_and_no_protection(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    path = template(gongkai, "市教委", tmp_path / "p.yaml", tmp_path / "市教委.xlsx")
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    assert sheet.column_dimensions["A"].hidden
    assert not sheet.protection.sheet  # Excel would refuse to sort or delete rows
    rules = {(v.type, str(v.sqref)): v.formula1 for v in sheet.data_validations.dataValidation}
    last = sheet.max_row
    assert rules == {
        ("list", f"I4:I{last}"): '"未开始,进行中,已完成"',
        ("date", f"J4:J{last}"): "DATE(2019,1,1)",
        ("decimal", f"N4:N{last}"): "-1000000000",
    }
    header = [cell.value for cell in sheet[3]]
    assert header[-2:] == ["指标", "指标值"]
    task16 = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[1] == 16)
    assert task16[-2:] == ("多元化解读率 >= 60%", None)
    assert book.properties.title is not None and "市教委" in book.properties.title
    names = {row[1]: row[2] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert names[8] == "做好法定公开内容的日常维护"  # as people read it: no PDF wrap spaces


def test_a_supporting_unit_records_no_target_values(gongkai: Gongkai, tmp_path: Path) -> None:
    path = template(gongkai, "长宁区政府", tmp_path / "p.yaml", tmp_path / "长宁区政府.xlsx")
    _top, rows = template_rows(path)
    task19 = next(row for row in rows if row[1] == 19)  # 市人力资源社会保障局负责,长宁区政府配合
    assert task19[4] == "配合"
    task31 = next(row for row in rows if row[1] == 31)
    assert task31[-2:] == ["利益相关方代表列席本单位决策会议 >= 3次", None]
    assert json.loads(task19[0])["targets"] == []


def test_template_refusals_exit_2(gongkai: Gongkai, tmp_path: Path) -> None:
    assert gongkai("progress", "template", "-o", "x.xlsx") == (
        2, "", "Error: name the unit: --unit UNIT, or --all-units for one file per unit\n",
    )  # fmt: skip
    assert gongkai("progress", "template", "-u", "各区政府", "-o", "x.xlsx") == (
        2,
        "",
        "Error: 各区政府 is a collective: each member fills in its own sheet; name one member, "
        "or add --all-units for one file per member\n",
    )
    assert gongkai("progress", "template", "-u", "市教委", "-o", "x.csv") == (
        2, "", "Error: x.csv: a template is an .xlsx file: name it NAME.xlsx\n",
    )  # fmt: skip
    assert gongkai("progress", "template", "--all-units") == (
        2, "", "Error: --all-units writes one file per unit: name the directory with -o DIR\n",
    )  # fmt: skip
    assert not list(tmp_path.iterdir())


def test_all_units_writes_one_file_per_member(gongkai: Gongkai, tmp_path: Path) -> None:
    code, out, err = gongkai(
        "progress", "template", "--all-units", "-u", "各区政府", "-o", "districts"
    )
    assert (code, out) == (0, "")
    files = sorted(p.name for p in (tmp_path / "districts").iterdir())
    assert len(files) == 16 and "长宁区政府.xlsx" in files
    assert err.splitlines()[0].startswith("黄浦区政府: 47 rows")
    head = json.loads(template_rows(tmp_path / "districts" / "长宁区政府.xlsx")[0][2][0])
    assert head["unit"] == "长宁区政府"


def test_a_named_missing_ledger_is_made_by_the_template(gongkai: Gongkai, tmp_path: Path) -> None:
    code, _out, err = gongkai(
        "progress", "template", "-u", "申通集团", "-p", "new.yaml", "-o", "t.xlsx"
    )
    assert code == 0
    assert err.splitlines()[0] == "created new.yaml, an empty progress file"
    assert entries(tmp_path / "new.yaml") == []


# --- the round trip (the must-hold) ------------------------------------------------

UNITS = ("市教委", "市大数据中心", "市政府办公厅", "市财政局", "长宁区政府")


def _setup_ledger(gongkai: Gongkai, ledger: Path) -> None:
    for args in (
        ["16", "-u", "市教委", "--status", "in_progress", "--note", "材料收集中", "--value", "40"],
        ["22", "-u", "市政府办公厅", "--status", "in_progress", "--note", "已部署"],
        ["27", "-u", "市财政局", "--on", "2021-03-25", "--evidence", "沪财办〔2021〕5号"],
    ):
        assert gongkai("progress", "set", "--create", *args, "-p", str(ledger))[0] == 0


def _returned_sheets(gongkai: Gongkai, tmp_path: Path, ledger: Path) -> list[Path]:
    """Templates for five units, then the ledger changed meanwhile, then the sheets filled
    in: in Excel, in LibreOffice (dates as text; as serial numbers), as .ods."""
    made = {unit: template(gongkai, unit, ledger, tmp_path / f"t-{unit}.xlsx") for unit in UNITS}
    # The supervisor records meanwhile: a note the unit also changes (a conflict), and
    # evidence on a task whose status the unit changes (no conflict).
    for args in (
        ["16", "-u", "市教委", "--note", "已提交初稿"],
        ["22", "-u", "市政府办公厅", "--evidence", "https://www.shanghai.gov.cn/x"],
    ):
        assert gongkai("progress", "set", "--create", *args, "-p", str(ledger))[0] == 0
    returned = tmp_path / "returned"
    returned.mkdir()
    sheets = [
        fill_in_excel(
            made["市教委"],
            returned / "市教委.xlsx",
            {
                (27, None): {"状态": "已完成", "完成日期": dt.date(2021, 4, 10)},
                (16, None): {"备注": "解读材料已上网", "指标值": 65},
                (99, None): {"状态": "进行中", "佐证": "沪教委〔2021〕3号"},
                (21, None): {"完成日期": dt.date(2021, 6, 1)},  # a date alone: done
            },
        ),
        fill_in_libreoffice(
            made["市大数据中心"],
            returned / "市大数据中心.xlsx",
            {
                (18, None): {"状态": "已完成", "完成日期": "2021/6/1"},
                (19, None): {"状态": "进行中", "备注": "试点区已确定"},
                (20, None): {"状态": "已完成", "完成日期": "2021年6月10日"},
            },
            dates=lambda day: f"{day.year}/{day.month}/{day.day}",
            delete={84},
            reorder=lambda rows: rows[::-1],
        ),
        fill_in_libreoffice(
            made["市政府办公厅"],
            returned / "市政府办公厅.xlsx",
            {
                (27, None): {"状态": "已完成", "完成日期": dt.date(2021, 3, 31)},
                (22, None): {"状态": "已完成", "完成日期": dt.date(2021, 5, 30)},
                (33, None): {"状态": "已完成", "完成日期": "2021-02-30"},
            },
            dates=serial,
        ),
        fill_in_ods(
            made["市财政局"],
            returned / "市财政局.ods",
            {
                (99, None): {
                    "状态": "已完成",
                    "完成日期": dt.date(2021, 4, 20),
                    "佐证": "https://czj.sh.gov.cn/zwgk",
                },
                (31, None): {"状态": "进行中", "指标值": "3次"},
            },
        ),
    ]
    # 长宁区政府: a good row, a status no one can read, a row copied from 市教委's sheet,
    # a key that names another task's text, a task the district does not owe, and a row
    # added by hand.
    changning = made["长宁区政府"]
    foreign = key_of(made["市教委"], 27)
    other_text = json.loads(key_of(changning, 8))
    other_text["task"] = "0" * 12
    not_owed = json.loads(key_of(changning, 12))
    not_owed["seq"], not_owed["task"] = 20, json.loads(key_of(made["市大数据中心"], 20))["task"]
    sheets.append(
        fill_in_libreoffice(
            changning,
            returned / "长宁区政府.xlsx",
            {
                (1, None): {"状态": "已完成", "完成日期": "2021-06-01"},
                (19, None): {"状态": "完成"},
                (8, None): {
                    "key": json.dumps(other_text, ensure_ascii=False),
                    "状态": "已完成",
                    "完成日期": "2021-05-01",
                },
            },
            dates=lambda day: day.isoformat(),
            extra_rows=[
                [foreign, 27, None, None, None, None, None, None, "已完成", "2021-04-01"],
                [
                    json.dumps(not_owed, ensure_ascii=False),
                    20,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    "进行中",
                ],
                [None, 100, "自行添加的任务", None, None, None, None, None, "进行中"],
            ],
        )
    )
    return sheets


EXPECTED_ENTRIES = [
    {"seq": 1, "unit": "长宁区政府", "status": "done", "completed": "2021-06-01"},
    {"seq": 16, "unit": "市教委", "status": "in_progress", "note": "已提交初稿",
     "values": {"rate": 65}},
    {"seq": 18, "unit": "市大数据中心", "status": "done", "completed": "2021-06-01"},
    {"seq": 19, "unit": "市大数据中心", "status": "in_progress", "note": "试点区已确定"},
    {"seq": 20, "unit": "市大数据中心", "status": "done", "completed": "2021-06-10"},
    {"seq": 21, "unit": "市教委", "status": "done", "completed": "2021-06-01"},
    {"seq": 22, "unit": "市政府办公厅", "status": "done", "completed": "2021-05-30",
     "evidence": "https://www.shanghai.gov.cn/x", "note": "已部署"},
    {"seq": 27, "unit": "市财政局", "status": "done", "completed": "2021-03-25",
     "evidence": "沪财办〔2021〕5号"},
    {"seq": 27, "unit": "市教委", "status": "done", "completed": "2021-04-10"},
    {"seq": 27, "unit": "市政府办公厅", "status": "done", "completed": "2021-03-31"},
    {"seq": 31, "unit": "市财政局", "status": "in_progress", "values": {"attendances": 3}},
    {"seq": 99, "unit": "市教委", "status": "in_progress", "evidence": "沪教委〔2021〕3号"},
    {"seq": 99, "unit": "市财政局", "status": "done", "completed": "2021-04-20",
     "evidence": "https://czj.sh.gov.cn/zwgk"},
]  # fmt: skip

DIFF = """\
报送导入（p.yaml）
returned/市教委.xlsx（市教委）
行   序号   项目          原值     新值
────────────────────────────────────────────────────
 4     27   状态          （空）   已完成
 4     27   完成日期      （空）   2021-04-10
 5     99   状态          （空）   进行中
 5     99   佐证          （空）   沪教委〔2021〕3号
 8     21   状态          （空）   已完成
 8     21   完成日期      （空）   2021-06-01
36     16   指标值 rate   40       65
returned/市大数据中心.xlsx（市大数据中心）
行   序号   项目       原值     新值
────────────────────────────────────────────
11     20   状态       （空）   已完成
11     20   完成日期   （空）   2021-06-10
12     19   状态       （空）   进行中
12     19   备注       （空）   试点区已确定
13     18   状态       （空）   已完成
13     18   完成日期   （空）   2021-06-01
returned/市政府办公厅.xlsx（市政府办公厅）
行   序号   项目       原值     新值
──────────────────────────────────────────
 4     27   状态       （空）   已完成
 4     27   完成日期   （空）   2021-03-31
 6     22   状态       进行中   已完成
 6     22   完成日期   （空）   2021-05-30
returned/市财政局.ods（市财政局）
行   序号   项目                 原值     新值
────────────────────────────────────────────────────────────────
 5     99   状态                 （空）   已完成
 5     99   完成日期             （空）   2021-04-20
 5     99   佐证                 （空）   https:
                                          //czj.sh.gov.cn/zwgk
16     31   状态                 （空）   进行中
16     31   指标值 attendances   （空）   3
returned/长宁区政府.xlsx（长宁区政府）
行   序号   项目       原值     新值
──────────────────────────────────────────
26      1   状态       （空）   已完成
26      1   完成日期   （空）   2021-06-01
共 24 项变更（12 行）
"""


def test_five_returned_sheets_land_exactly_and_every_bad_row_is_reported(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    ledger = tmp_path / "p.yaml"
    _setup_ledger(gongkai, ledger)
    sheets = _returned_sheets(gongkai, tmp_path, ledger)
    names = [str(path.relative_to(tmp_path)) for path in sheets]
    code, out, err = gongkai("progress", "import", *names, "-p", "p.yaml")
    assert out == DIFF + CONFLICT
    assert err == BAD_ROWS + (
        "gongkai progress import: 174 rows read from 5 files; 24 changes in 12 rows; "
        "1 conflict (1 left for --prefer); 6 rows not imported; written to p.yaml\n"
    )
    assert code == 2  # rows not imported and a conflict left: the office sees to them
    assert entries(ledger) == EXPECTED_ENTRIES

    # The same sheets again: nothing changes; the same rows and conflict are reported.
    before = ledger.read_bytes()
    code, out, err = gongkai("progress", "import", *names, "-p", "p.yaml")
    assert out == "报送导入（p.yaml）\n无变更。\n" + CONFLICT
    assert err == BAD_ROWS + (
        "gongkai progress import: 174 rows read from 5 files; 0 changes in 0 rows; "
        "1 conflict (1 left for --prefer); 6 rows not imported; p.yaml unchanged\n"
    )
    assert code == 2
    assert ledger.read_bytes() == before

    # --prefer sheet decides the conflict for the sheet; then nothing is left to do.
    code, out, _err = gongkai("progress", "import", names[0], "--prefer", "sheet", "-p", "p.yaml")
    assert (code, out) == (
        0,
        "报送导入（p.yaml）\n"
        "returned/市教委.xlsx（市教委）\n"
        "行   序号   项目   原值         新值\n"
        "──────────────────────────────────────────────\n"
        "36     16   备注   已提交初稿   解读材料已上网\n"
        "共 1 项变更（1 行）\n"
        "冲突：returned/市教委.xlsx（市教委），模板生成后台账已改动\n"
        "行   序号   项目   模板         台账现值     报送表           处理\n"
        "────────────────────────────────────────────────────────────────────────\n"
        "36     16   备注   材料收集中   已提交初稿   解读材料已上网   采用报送表\n"
        "共 1 处冲突\n",
    )
    assert entries(ledger)[1]["note"] == "解读材料已上网"
    code, out, _err = gongkai("progress", "import", names[0], "--prefer", "sheet", "-p", "p.yaml")
    assert (code, out) == (0, "报送导入（p.yaml）\n无变更。\n")


CONFLICT = """\
冲突：returned/市教委.xlsx（市教委），模板生成后台账已改动
行   序号   项目   模板         台账现值     报送表           处理
────────────────────────────────────────────────────────────────────
36     16   备注   材料收集中   已提交初稿   解读材料已上网   未处理
共 1 处冲突：台账与报送表都改了，未覆盖台账；用 --prefer sheet 或 --prefer
ledger 决定
"""

BAD_ROWS = """\
returned/市政府办公厅.xlsx:7: invalid date '2021-02-30' for 完成日期: day is out of range for month
returned/长宁区政府.xlsx:7: task 8 of the plan is not the task the row was made for (its text has changed since): make a new template
returned/长宁区政府.xlsx:8: unknown status '完成': write one of 未开始/not_started, 进行中/in_progress, 已完成/done
returned/长宁区政府.xlsx:52: the row is 市教委's, copied into 长宁区政府's sheet: leave it out
returned/长宁区政府.xlsx:53: 长宁区政府 does not owe task 20: the task names 市税务局 (负责), 市大数据中心 (配合); 长宁区政府 belongs to 各区政府
returned/长宁区政府.xlsx:54: a row with no key (hidden column A): a row added by hand has no task to land on; record it with 'gongkai progress set'
"""


# --- recurring tasks: one row per occurrence -------------------------------------------------

RECURRING = Path(__file__).parent / "plans" / "recurring-2025"


def test_each_occurrence_is_a_row_and_lands_as_its_own_entry(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2025-07-01")
    data = ("--data", str(RECURRING))
    assert gongkai("progress", "set", "--create", "3", "-u", "区数据局", "--occurrence", "2025-03-31",
               "--on", "2025-03-28", *data, "-p", "r.yaml")[0] == 0  # fmt: skip
    assert gongkai("progress", "set", "--create", "1", "-u", "区数据局", "--status", "in_progress",
               "--note", "每月汇总", *data, "-p", "r.yaml")[0] == 0  # fmt: skip
    code, _out, err = gongkai("progress", "template", "-u", "区数据局", *data, "-p", "r.yaml",
                          "-o", "t.xlsx")  # fmt: skip
    assert (code, err) == (0, "区数据局: 45 rows (tasks owed, as of 2025-07-01)\nwrote t.xlsx\n")
    top, rows = template_rows(tmp_path / "t.xlsx")
    assert top[2][1:4] == ["序号", "条目内容", "角色"]  # an items plan's tasks have no names
    quarterly = [(row[5], row[7], row[8]) for row in rows if row[1] == 3]
    assert quarterly == [
        (dt.datetime(2025, 3, 31), "已完成", dt.datetime(2025, 3, 28)),
        (dt.datetime(2025, 6, 30), None, None),
        (dt.datetime(2025, 9, 30), None, None),
        (dt.datetime(2025, 12, 31), None, None),
    ]
    # The task's entry (no occurrence) stands for every month: 进行中 on each row.
    assert {row[7] for row in rows if row[1] == 1} == {"进行中"}
    fill_in_excel(
        tmp_path / "t.xlsx",
        tmp_path / "back.xlsx",
        {
            (3, dt.date(2025, 6, 30)): {"状态": "已完成", "完成日期": dt.date(2025, 6, 27)},
            (1, dt.date(2025, 6, 30)): {"状态": "已完成", "完成日期": dt.date(2025, 6, 30)},
        },
    )
    code, out, err = gongkai("progress", "import", "back.xlsx", *data, "-p", "r.yaml")
    assert (code, out) == (
        0,
        "报送导入（r.yaml）\n"
        "back.xlsx（区数据局）\n"
        "行   序号   本次         项目       原值     新值\n"
        "───────────────────────────────────────────────────────\n"
        "23      1   2025-06-30   状态       进行中   已完成\n"
        "23      1   2025-06-30   完成日期   （空）   2025-06-30\n"
        "24      3   2025-06-30   状态       （空）   已完成\n"
        "24      3   2025-06-30   完成日期   （空）   2025-06-27\n"
        "共 4 项变更（2 行）\n",
    )
    # June's own entry for task 1 carries the task's note with it; the other months keep
    # the task's entry.
    assert entries(tmp_path / "r.yaml") == [
        {"seq": 1, "unit": "区数据局", "status": "in_progress", "note": "每月汇总"},
        {"seq": 1, "unit": "区数据局", "occurrence": "2025-06-30", "status": "done",
         "completed": "2025-06-30", "note": "每月汇总"},
        {"seq": 3, "unit": "区数据局", "occurrence": "2025-03-31", "status": "done",
         "completed": "2025-03-28"},
        {"seq": 3, "unit": "区数据局", "occurrence": "2025-06-30", "status": "done",
         "completed": "2025-06-27"},
    ]  # fmt: skip
    assert gongkai("progress", "import", "back.xlsx", *data, "-p", "r.yaml")[1] == (
        "报送导入（r.yaml）\n无变更。\n"
    )


# --- what a row says ---------------------------------------------------------------------------


@pytest.fixture
def edu(gongkai: Gongkai, tmp_path: Path) -> Path:
    """市教委's template, made from a ledger where task 16 is 进行中 with a value of 40 and
    task 27 is done."""
    ledger = tmp_path / "p.yaml"
    for args in (
        ["16", "-u", "市教委", "--status", "in_progress", "--value", "40"],
        ["27", "-u", "市教委", "--on", "2021-04-10", "--evidence", "沪教委〔2021〕1号"],
    ):
        assert gongkai("progress", "set", "--create", *args, "-p", str(ledger))[0] == 0
    return template(gongkai, "市教委", ledger, tmp_path / "t.xlsx")


@pytest.mark.parametrize(
    ("edits", "said"),
    [
        # a status set back from 已完成 takes the date away, whatever the cell still says
        ({(27, None): {"状态": "进行中"}},
         "4: changes 27 状态 已完成 → 进行中, 完成日期 2021-04-10 → （空）"),
        # a date alone on a row not done: done that day
        ({(16, None): {"完成日期": "2021.6.1"}},
         "36: changes 16 状态 进行中 → 已完成, 完成日期 （空） → 2021-06-01"),
        ({(16, None): {"指标值": "65%"}}, "36: changes 16 指标值 rate 40 → 65"),
        ({(16, None): {"指标值": "６５.５"}}, "36: changes 16 指标值 rate 40 → 65.5"),
        ({(16, None): {"指标值": None}}, "36: changes 16 指标值 rate 40 → （空）"),
        ({(16, None): {"完成日期": 20210601}},
         "36: changes 16 状态 进行中 → 已完成, 完成日期 （空） → 2021-06-01"),
        ({(27, None): {"佐证": "  沪教委〔2021〕1号  "}}, "nothing"),  # the same, spaced
        ({(27, None): {"状态": "done"}}, "nothing"),  # the code is the word
        ({(16, None): {"指标值": "六十五"}}, "36: the target value '六十五' is not a number"),
        ({(16, None): {"状态": "未开始", "完成日期": "2021-06-01"}}, "36: a 完成日期 is for 已完成 only (状态 is 未开始)"),
        ({(16, None): {"状态": "进行中", "完成日期": "2021-06-01"}},
         "36: changes 16 状态 进行中 → 已完成, 完成日期 （空） → 2021-06-01"),
        ({(16, None): {"状态": "已完成"}}, "36: 已完成 needs its 完成日期 (the day it was done)"),
        ({(16, None): {"状态": None}}, "36: 状态 is empty: choose one of 未开始、进行中、已完成"),
        ({(16, None): {"完成日期": "2021-06-16"}}, "36: 完成日期 2021-06-16 is after today (2021-06-15): record it when done"),
        ({(16, None): {"完成日期": "下周"}}, "36: invalid date '下周' for 完成日期: expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日"),
        # a new entry with no 状态 and no 完成日期 is 进行中 (issue 22 item 3), shown as a change
        ({(99, None): {"佐证": "沪教委〔2021〕3号"}}, "5: changes 99 状态 （空） → 进行中, 佐证 （空） → 沪教委〔2021〕3号"),
    ],
)  # fmt: skip
def test_what_a_row_says_is_read_against_what_the_template_showed(
    gongkai: Gongkai, tmp_path: Path, edu: Path, edits: Any, said: str
) -> None:
    fill_in_excel(edu, tmp_path / "back.xlsx", edits)
    code, out, err = gongkai("progress", "import", "back.xlsx", "-p", "p.yaml", "-f", "json")
    data = json.loads(out)
    if data["problems"]:
        (problem,) = data["problems"]
        assert (code, f"{problem['row']}: {problem['message']}") == (2, said)
        assert err.startswith(f"back.xlsx:{said}\n")
        return
    assert code == 0
    changes: dict[tuple[int, int], list[str]] = {}
    for change in data["changes"]:
        shown = {None: "（空）", "": "（空）", "in_progress": "进行中", "done": "已完成"}
        before, after = (shown.get(v, v) for v in (change["before"], change["after"]))
        name = {
            "status": "状态",
            "completed": "完成日期",
            "evidence": "佐证",
            "values.rate": "指标值 rate",
        }
        changes.setdefault((change["row"], change["seq"]), []).append(
            f"{name.get(change['field'], change['field'])} {before} → {after}"
        )
    found = [f"{row}: changes {seq} " + ", ".join(items) for (row, seq), items in changes.items()]
    assert found == ([] if said == "nothing" else [said])


# --- files that are not returned sheets, and the ledger ---------------------------------------


def test_a_returned_file_that_is_not_a_spreadsheet_kind_is_refused_by_its_name(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    """A .csv (a sheet saved as CSV, or the wrong attachment) is refused by what it is
    called, before anything is read: not as "not a complete zip archive"."""
    (tmp_path / "back.csv").write_text("序号,状态\n16,已完成\n", encoding="utf-8")
    before = (tmp_path / "p.yaml").read_bytes()
    assert gongkai("progress", "import", "back.csv", "-p", "p.yaml") == (
        2,
        "",
        "Error: back.csv: a returned 报送 sheet is an .xlsx, .xls or .ods file (the one "
        "'gongkai progress template' wrote, saved as one of these); this is .csv\n",
    )
    (tmp_path / "t.xlsx").rename(tmp_path / "t")
    assert gongkai("progress", "import", "t", "-p", "p.yaml", env={"GONGKAI_LANG": "zh"}) == (
        2,
        "",
        "错误：t：报送表是 .xlsx、.xls 或 .ods 文件（gongkai progress template 生成的表，"
        "填写后另存为其中一种）；此文件没有扩展名\n",
    )
    assert (tmp_path / "p.yaml").read_bytes() == before


def test_files_that_cannot_be_imported_stop_the_import_before_the_ledger_is_read(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    from openpyxl import Workbook

    other = Workbook()
    other.active.append(["序号", "状态"])  # type: ignore[union-attr]
    other.save(tmp_path / "other.xlsx")
    before = (tmp_path / "p.yaml").read_bytes()
    assert gongkai("progress", "import", "t.xlsx", "other.xlsx", "missing.xlsx", "-p", "p.yaml") == (
        2,
        "",
        "Error: other.xlsx: not a 报送 sheet of gongkai (no key column): send the units the "
        "files 'gongkai progress template' writes\n"
        "missing.xlsx: no such file\n",
    )  # fmt: skip
    recurring = ("--data", str(RECURRING))
    assert gongkai("progress", "import", "t.xlsx", *recurring, "-p", "r.yaml") == (
        2,
        "",
        "Error: t.xlsx was made for the plan 沪府办〔2021〕21号, not 测试区府办〔2025〕9号: "
        "name its plan with --plan\n",
    )
    assert (tmp_path / "p.yaml").read_bytes() == before
    assert not (tmp_path / "r.yaml").exists()


def test_an_invalid_ledger_is_exit_3_and_untouched(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    ledger = tmp_path / "p.yaml"
    ledger.write_text(
        "entries:\n  - seq: 16\n    unit: 市教委\n    status: finished\n", encoding="utf-8"
    )
    code, out, err = gongkai("progress", "import", "t.xlsx", "-p", "p.yaml")
    assert (code, out) == (3, "")
    assert err.startswith(
        "Error: invalid data (1 problem):\np.yaml:4: entries.0.status: unknown status"
    )
    assert ledger.read_text(encoding="utf-8").endswith("status: finished\n")


def test_a_missing_ledger_is_made_and_a_dry_run_writes_nothing(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    fill_in_excel(edu, tmp_path / "back.xlsx", {(21, None): {"完成日期": dt.date(2021, 6, 1)}})
    code, out, err = gongkai("progress", "import", "back.xlsx", "-p", "new.yaml", "--dry-run")
    assert code == 0
    assert out.startswith("报送导入（new.yaml） 【试运行，未写入】\nback.xlsx（市教委）\n")
    assert err == (
        "gongkai progress import: 49 rows read from 1 file; 2 changes in 1 rows; "
        "dry run: new.yaml not written\n"
    )
    assert not (tmp_path / "new.yaml").exists()
    code, _out, err = gongkai("progress", "import", "back.xlsx", "-p", "new.yaml")
    # Only what the unit changed: not the rows the template filled in from p.yaml.
    assert err == (
        "gongkai progress import: 49 rows read from 1 file; 2 changes in 1 rows; created new.yaml\n"
    )
    assert [(e["seq"], e["status"]) for e in entries(tmp_path / "new.yaml")] == [(21, "done")]


def test_csv_lists_changes_and_conflicts_one_per_line(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    assert (
        gongkai(
            "progress", "set", "--create", "16", "-u", "市教委", "--value", "50", "-p", "p.yaml"
        )[0]
        == 0
    )
    fill_in_excel(
        edu,
        tmp_path / "back.xlsx",
        {(16, None): {"指标值": 65, "备注": "已上网"}, (22, None): {"状态": "进行中"}},
    )
    code, out, _err = gongkai("progress", "import", "back.xlsx", "-p", "p.yaml", "-f", "csv")
    assert (code, out) == (
        2,
        "kind,file,row,seq,occurrence,unit,field,before,after,template,kept\n"
        "change,back.xlsx,9,22,,市教委,status,,in_progress,,\n"
        "change,back.xlsx,36,16,,市教委,note,,已上网,,\n"
        "conflict,back.xlsx,36,16,,市教委,values.rate,50,65,40,\n",
    )


def test_messages_are_chinese_by_default(
    gongkai: Gongkai, tmp_path: Path, edu: Path, chinese: None
) -> None:
    fill_in_excel(
        edu,
        tmp_path / "back.xlsx",
        {(21, None): {"完成日期": dt.date(2021, 6, 1)}, (16, None): {"状态": "完成"}},
    )
    code, _out, err = gongkai("progress", "import", "back.xlsx", "-p", "p.yaml")
    assert (code, err) == (
        2,
        "back.xlsx:36: 未知的状态 '完成'：请写 未开始/not_started, 进行中/in_progress, "
        "已完成/done 之一\n"
        "gongkai progress import：读取 49 行（1 个文件）；2 项变更（1 行）；1 行未导入；"
        "已写入 p.yaml\n",
    )
    code, _out, err = gongkai("progress", "template", "-u", "申通集团", "-o", "t2.xlsx")
    assert (code, err) == (
        0,
        "申通集团：1 行（应办任务，截至 2021-06-15）；另有 2 项可能适用（各相关单位），未列入报送表\n"
        "已写入 t2.xlsx\n",
    )


def test_text_that_could_run_is_neutralised_and_comes_back_byte_for_byte(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    assert gongkai("progress", "set", "--create", "70", "-u", "申通集团", "--status", "in_progress",
               "--note", "=HYPERLINK(\"http://x\")", "--evidence", "文号\x1b[2J",
               "-p", "p.yaml")[0] == 0  # fmt: skip
    before = (tmp_path / "p.yaml").read_bytes()
    assert gongkai("progress", "template", "-u", "申通集团", "-p", "p.yaml", "-o", "t.xlsx")[0] == 0
    row = load_workbook(tmp_path / "t.xlsx").active[4]  # type: ignore[index]
    evidence, note = row[10], row[11]
    assert (evidence.value, note.value, note.data_type, note.quotePrefix) == (
        "文号\\x1b[2J",
        '=HYPERLINK("http://x")',
        "s",
        True,
    )
    fill_in_libreoffice(tmp_path / "t.xlsx", tmp_path / "back.xlsx", {}, dates=serial)
    assert gongkai("progress", "import", "t.xlsx", "back.xlsx", "-p", "p.yaml") == (
        0,
        "报送导入（p.yaml）\n无变更。\n",
        "gongkai progress import: 2 rows read from 2 files; 0 changes in 0 rows; p.yaml unchanged\n",
    )
    assert (tmp_path / "p.yaml").read_bytes() == before
    code, out, _err = gongkai("progress", "import", "back.xlsx", "-p", "p.yaml", "--raw")
    assert (code, out) == (2, "")  # --raw is for csv


def test_no_grace_dates_the_sheet_as_written(gongkai: Gongkai, tmp_path: Path) -> None:
    """Task 12 is due 2月底前, before the plan was issued: 印发后30日 by default, the day
    as written with --no-grace, as in due."""
    for extra, due in (([], dt.datetime(2021, 4, 16)), (["--no-grace"], dt.datetime(2021, 2, 28))):
        assert gongkai("progress", "template", "-u", "市教委", "-o", "t.xlsx", *extra)[0] == 0
        _top, rows = template_rows(tmp_path / "t.xlsx")
        assert next(row[6] for row in rows if row[1] == 12) == due


def test_columns_are_found_by_their_headers_wherever_they_moved(
    gongkai: Gongkai, tmp_path: Path, edu: Path
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(edu)
    sheet = book.active
    assert sheet is not None
    sheet.insert_cols(2)  # a column of the unit's own before everything it was sent
    sheet.cell(3, 2).value = "经办人"
    sheet.delete_cols(13)  # 备注 (column L, now M): gone, so taken as the template had it
    header = [cell.value for cell in sheet[3]]
    for row in sheet.iter_rows(min_row=4):
        if row[header.index("序号")].value == 21:
            row[1].value = "张三"
            row[header.index("完成日期")].value = dt.date(2021, 6, 1)
    book.save(tmp_path / "moved.xlsx")
    code, out, err = gongkai("progress", "import", "moved.xlsx", "-p", "p.yaml", "-f", "csv")
    assert (code, out) == (
        0,
        "kind,file,row,seq,occurrence,unit,field,before,after,template,kept\n"
        "change,moved.xlsx,8,21,,市教委,status,,done,,\n"
        "change,moved.xlsx,8,21,,市教委,completed,,2021-06-01,,\n",
    )
    assert err.splitlines()[0] == (
        "moved.xlsx: no 备注 column: its values are taken as the template had them"
    )
