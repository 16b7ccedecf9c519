"""Several plans side by side: `gongkai plans [add DIR | remove ID]`, `--plan` and GONGKAI_PLAN."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Gongkai
from gongkai_cli.cli.app import command_tree
from gongkai_cli.io.plans import _valid_id, default_data_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = Path(__file__).resolve().parent / "plans" / "mini-2025"
HEADLINE = ["due", "--unit", "市教委", "--before", "2021-06-30"]

SHIPPED_TABLE = """\
编号   默认   文号 / 标题          年度   版式         任务   位置
────────────────────────────────────────────────────────────────────
2021   是     沪府办〔2021〕21号   2021   任务分解表     99   随附
              2021年上海市政务公
              开工作要点
1 个计划；--plan 编号 选用（默认 2021；gongkai plans use 编号 改默认）
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """Where installed plans go (conftest points GONGKAI_DATA_HOME here)."""
    return tmp_path / "data-home" / "plans"


def _add(gongkai: Gongkai, directory: Path, *extra: str) -> None:
    code, out, err = gongkai("plans", "add", str(directory), *extra)
    assert (code, out) == (0, ""), err


# -- plans ---------------------------------------------------------------------------------


def test_the_shipped_plan_is_always_listed(gongkai: Gongkai) -> None:
    assert gongkai("plans") == (0, SHIPPED_TABLE, "")


def test_plans_as_json_and_csv(gongkai: Gongkai, home: Path) -> None:
    _add(gongkai, MINI)
    code, out, err = gongkai("plans", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "plans": [
            {
                "id": "2021",
                "number": "沪府办〔2021〕21号",
                "title": "2021年上海市政务公开工作要点",
                "year": 2021,
                "layout": "annex-table",
                "tasks": 99,
                "shipped": True,
                "default": True,
                "path": str(default_data_dir()),
            },
            {
                "id": "2025",
                "number": "测试〔2025〕1号",
                "title": "2025年测试区政务公开工作要点",
                "year": 2025,
                "layout": "annex-table",
                "tasks": 2,
                "shipped": False,
                "default": False,
                "path": str(home / "2025"),
            },
        ]
    }
    assert gongkai("plans", "-f", "csv") == (
        0,
        "id,number,title,year,layout,tasks,shipped,default,path\n"
        f"2021,沪府办〔2021〕21号,2021年上海市政务公开工作要点,2021,annex-table,99,true,true,{default_data_dir()}\n"
        f"2025,测试〔2025〕1号,2025年测试区政务公开工作要点,2025,annex-table,2,false,false,{home / '2025'}\n",
        "",
    )


# -- plans add -----------------------------------------------------------------------------


def test_add_installs_a_copy_under_the_plans_year(gongkai: Gongkai, home: Path) -> None:
    code, out, err = gongkai("plans", "add", str(MINI))
    assert (code, out) == (0, "")
    assert err == (
        f"installed: 2025 (测试〔2025〕1号, 2 tasks) in {home / '2025'}; use it with --plan 2025\n"
        "to read it without --plan: gongkai plans use 2025\n"
    )
    copied = sorted(str(p.relative_to(home / "2025")) for p in (home / "2025").rglob("*"))
    assert copied == ["rules.yaml", "source", "source/mini-2025.txt", "tasks.yaml", "units.yaml"]
    assert (home / "2025" / "tasks.yaml").read_bytes() == (MINI / "tasks.yaml").read_bytes()
    # No temporary directory left; the lock of the id stays (io/files.locked).
    assert sorted(p.name for p in home.iterdir()) == [".2025.lock", "2025"]


def test_add_copies_only_the_plans_files(gongkai: Gongkai, home: Path, tmp_path: Path) -> None:
    plan = tmp_path / "draft"
    shutil.copytree(DATA, plan)
    (plan / "notes.txt").write_text("审核记录\n", encoding="utf-8")
    _add(gongkai, plan, "--id", "sh21")
    copied = sorted(str(p.relative_to(home / "sh21")) for p in (home / "sh21").rglob("*"))
    assert copied == [
        "rules.yaml",
        "source",
        "source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt",
        "tasks.yaml",
        "units.yaml",
    ]


def test_the_shipped_id_is_taken(gongkai: Gongkai, home: Path) -> None:
    assert gongkai("plans", "add", str(DATA)) == (
        2,
        "",
        "Error: the id '2021' is taken: the shipped plan 沪府办〔2021〕21号; choose another --id\n",
    )
    assert not home.exists()


def test_a_duplicate_id_is_refused(gongkai: Gongkai, home: Path) -> None:
    _add(gongkai, MINI)
    before = (home / "2025" / "tasks.yaml").stat().st_mtime_ns
    assert gongkai("plans", "add", str(DATA), "--id", "2025") == (
        2,
        "",
        f"Error: a plan '2025' is already installed ({home / '2025'}); choose another --id, "
        "or give --replace to replace it\n",
    )
    assert (home / "2025" / "tasks.yaml").stat().st_mtime_ns == before


@pytest.mark.parametrize("bad", ["../x", "a/b", ".hidden", "all", "ALL", "All", ""])
def test_an_id_that_cannot_name_a_plan_is_refused(gongkai: Gongkai, home: Path, bad: str) -> None:
    code, out, err = gongkai("plans", "add", str(MINI), "--id", bad)
    assert (code, out) == (2, "")
    if bad.lower() == "all":
        # `--plan all` means every plan; an id differing only in case would read as it
        assert err == (
            f"Error: the id {bad!r} is taken: it means every plan (`--plan all`); "
            "choose another --id\n"
        )
    else:
        assert err == (
            f"Error: {bad!r} cannot be a plan id: use letters, digits, '.', '_' and '-' "
            "(at most 64, starting with a letter or digit)\n"
        )
    assert not home.exists()


# What the error message promises, as a pattern; io/plans checks it by hand (the
# CJK range costs ~5 ms to compile), and must accept exactly what it matches.
ID_PATTERN = r"[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff._-]{0,63}"
ID_CHARACTERS = st.sampled_from(list("aZ09._- /\n\u4e00\u9fff\u4dff\ua000é²٣Ａ") + ["\U00020000"])


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2022", True),
        ("上海2022", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("x-1.b_c", True),
        ("-x", False),
        ("_x", False),
        ("é", False),
        ("x\n", False),
        ("", False),
    ],
)
def test_a_plan_id_is_what_its_pattern_says(text: str, valid: bool) -> None:
    assert _valid_id(text) is valid
    assert (re.fullmatch(ID_PATTERN, text) is not None) is valid


@given(st.text(ID_CHARACTERS | st.characters(), max_size=70))
def test_the_plan_id_check_agrees_with_the_pattern(text: str) -> None:
    assert _valid_id(text) == (re.fullmatch(ID_PATTERN, text) is not None)


def test_an_invalid_plan_is_not_installed(gongkai: Gongkai, home: Path, tmp_path: Path) -> None:
    plan = tmp_path / "bad"
    shutil.copytree(MINI, plan)
    tasks = plan / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("due: 2025-06-30", "due: 2025-07-31"),
        encoding="utf-8",
    )
    assert gongkai("plans", "add", str(plan)) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{tasks}:26: tasks.0.deadline: does not match 时间节点 '6月底前', which gives due 2025-06-30\n",
    )
    assert not home.exists()


def test_a_directory_without_a_plan(gongkai: Gongkai, tmp_path: Path) -> None:
    assert gongkai("plans", "add", str(tmp_path)) == (
        2,
        "",
        f"Error: {tmp_path / 'tasks.yaml'}: no such file (is --data / GONGKAI_DATA right?)\n",
    )


def test_the_source_document_must_be_inside(gongkai: Gongkai, tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINI, plan)
    shutil.move(plan / "source", tmp_path / "elsewhere")
    tasks = plan / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("source/mini", "../elsewhere/mini"), encoding="utf-8")
    assert gongkai("plans", "add", str(plan)) == (
        2,
        "",
        f"Error: {tasks}: document.source ../elsewhere/mini-2025.txt lies outside {plan}; "
        "put the source document inside the plan's directory\n",
    )


# -- plans remove --------------------------------------------------------------------------


def test_remove(gongkai: Gongkai, home: Path) -> None:
    _add(gongkai, MINI)
    assert gongkai("plans", "remove", "2025") == (
        0,
        "",
        f"removed: 2025 ({home / '2025'})\n",
    )
    assert [p.name for p in home.iterdir()] == [".2025.lock"]
    assert gongkai("plans") == (0, SHIPPED_TABLE, "")


def test_the_shipped_plan_cannot_be_removed(gongkai: Gongkai) -> None:
    assert gongkai("plans", "remove", "2021") == (
        2,
        "",
        "Error: the shipped plan 2021 cannot be removed\n",
    )


def test_removing_an_unknown_plan_lists_the_installed(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    assert gongkai("plans", "remove", "2024") == (
        2,
        "",
        "Error: no installed plan '2024' (installed: 2021, 2025)\n",
    )


# -- --plan and GONGKAI_PLAN ---------------------------------------------------------------


def test_plan_2021_is_the_default(gongkai: Gongkai) -> None:
    default = gongkai(*HEADLINE)
    assert default[0] == 0
    assert gongkai(*HEADLINE, "--plan", "2021") == default
    assert gongkai(*HEADLINE, env={"GONGKAI_PLAN": "2021"}) == default


MINI_DUE = """\
市教委 应办任务（全部任务；状态截至 2025-06-01）
序号   任务名称 / 任务内容               角色   截止         状态
────────────────────────────────────────────────────────────────────────────────
   1   【公开年度计划】公开本单位年度    负责   2025-06-30   还有 29 天
       工作计划。                               6月底前
   2   【办理咨询】网上咨询答复期限不    负责   2025-12-31   全年任务，剩 213 天
       得超过3个工作日。                        全年
共 2 项：牵头 0，负责 2，配合 0 · 逾期 0 · 可能适用 0
法定义务：《政府信息公开条例》规定的年度事项
事项                            依据                    截止         状态
────────────────────────────────────────────────────────────────────────────────
向本级政府信息公开工作主管部    条例 第四十九条第一款   2026-01-31   还有 244 天
门提交上一年度政府信息公开工
作年度报告并向社会公布（2025
年度报告）
认定：第一款的“县级以上人民政府部门”是省政府部门、市政府部门和区政府部门（区为县
级）。办公厅（室）也是本级政府的工作部门，提交本机关的年度报告；它同时是本级政府
的政府信息公开工作主管部门，部门的报告向它提交，它还按第二款公布本级政府的报告。
街道办事处、镇人民政府不是县级以上人民政府的部门，其年度报告本条未定日期（见第五
十条）；园区管委会、事业单位、企业和其他机构，本条不要求它们提交
年度报告不记入进展文件，不计入 overdue 与 report
"""


def test_an_installed_plan_by_option_and_by_variable(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    args = ["due", "--unit", "市教委", "--as-of", "2025-06-01"]
    assert gongkai(*args, "--plan", "2025") == (0, MINI_DUE, "")
    assert gongkai(*args, env={"GONGKAI_PLAN": "2025"}) == (0, MINI_DUE, "")
    assert gongkai(*args, "--data", str(MINI)) == (0, MINI_DUE, "")


SET_PROGRESS = [
    "progress",
    "set",
    "--create",
    "1",
    "-u",
    "市教委",
    "--status",
    "in_progress",
    "-p",
    "progress.yaml",
]
READS_A_PLAN = [
    ["due", "--unit", "市教委"],
    ["owes"],
    ["tasks"],
    ["show", "1"],
    ["units"],
    ["validate"],
    ["lint"],
    ["overdue"],
    ["report"],
    ["progress", "show", "-p", "progress.yaml"],
    SET_PROGRESS,
    ["progress", "template", "-u", "市教委", "-o", "t.xlsx"],
    ["progress", "import", "t.xlsx", "-p", "progress.yaml"],
    ["progress", "rekey", "-p", "progress.yaml"],
    ["calendar", "--unit", "市教委"],
    ["rules"],
    ["deadline", "--from", "2025-06-03", "-r", "consult"],
    ["reply-check", "--received", "2025-06-03", "--replied", "2025-06-05", "-r", "consult"],
]


def test_the_plan_commands_below_are_every_command_with_plan() -> None:
    # A new command that takes --plan fails here until it is added to READS_A_PLAN.
    with_plan = {
        path
        for path, command in command_tree().items()
        if any("--plan" in param.opts for param in command.params)
    }
    listed = {" ".join(args[:2]) if args[0] == "progress" else args[0] for args in READS_A_PLAN}
    assert with_plan == listed


@pytest.mark.parametrize("command", READS_A_PLAN, ids=lambda args: " ".join(args[:2]))
def test_every_command_that_reads_a_plan_takes_plan(gongkai: Gongkai, command: list[str]) -> None:
    _add(gongkai, MINI)
    assert gongkai(*command, "--plan", "2024") == (
        2,
        "",
        "Error: no installed plan '2024' (installed: 2021, 2025)\n",
    )
    if command[:2] in (["progress", "show"], ["progress", "rekey"]):  # a 2025 plan's file
        gongkai(*SET_PROGRESS, "--plan", "2025")
    if command[:2] == ["progress", "import"]:  # a sheet of the 2025 plan to import
        gongkai("progress", "template", "-u", "市教委", "-o", "t.xlsx", "--plan", "2025")
    code, _, err = gongkai(*command, "--plan", "2025")
    assert code in (0, 1), err


def test_tasks_of_an_installed_plan(gongkai: Gongkai) -> None:
    _add(gongkai, MINI, "--id", "mini")
    code, out, _ = gongkai("tasks", "--plan", "mini", "--format", "json")
    assert code == 0
    assert [task["seq"] for task in json.loads(out)["tasks"]] == [1, 2]


def test_plan_all_is_only_for_due(gongkai: Gongkai) -> None:
    assert gongkai("tasks", "--plan", "all") == (
        2,
        "",
        "Error: --plan all answers only `due --unit`; give one plan's id here\n",
    )


def test_the_command_line_wins_over_the_environment(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    args = ["due", "--unit", "市教委", "--as-of", "2025-06-01"]
    assert gongkai(*args, "--plan", "2025", env={"GONGKAI_DATA": str(DATA)}) == (
        0,
        MINI_DUE,
        "",
    )
    assert gongkai(*args, "--data", str(MINI), env={"GONGKAI_PLAN": "2021"}) == (
        0,
        MINI_DUE,
        "",
    )


def test_two_plans_at_once_are_a_usage_error(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    assert gongkai(*HEADLINE, "--plan", "2025", "--data", str(MINI)) == (
        2,
        "",
        "Error: --data and --plan both name a plan: give one\n",
    )
    assert gongkai(*HEADLINE, env={"GONGKAI_PLAN": "2025", "GONGKAI_DATA": str(MINI)}) == (
        2,
        "",
        "Error: GONGKAI_DATA and GONGKAI_PLAN both name a plan: unset one\n",
    )


def test_the_library_reads_gongkai_plan_too(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gongkai_cli.plan.load import load_plan

    _add(gongkai, MINI)
    monkeypatch.setenv("GONGKAI_PLAN", "2025")
    assert load_plan().document.year == 2025


def test_the_headline_on_an_installed_plan_imports_no_pydantic(gongkai: Gongkai) -> None:
    _add(gongkai, DATA, "--id", "sh21")
    probe = (
        "import json, sys\n"
        f"sys.argv = ['gongkai', *{HEADLINE!r}, '--plan', 'sh21']\n"
        "from gongkai_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print(json.dumps([code, 'pydantic' in sys.modules, 'yaml' in sys.modules]), "
        "file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run validates and caches the installed copy
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [0, False, False]


# -- due --plan all ------------------------------------------------------------------------

ALL_DUE = """\
市教委 应办任务 · 全部计划（截止日期 2021-04-30 前；状态截至 2021-06-15）
计划   序号   任务 / 条目内容       角色              截止            状态
────────────────────────────────────────────────────────────────────────────────
2021     27   【实行重大行政决策    负责              2021-03-31      逾期 76 天
              事项目录管理】确定    经 市政府各部门   3月底前
              并发布本单位重大行
              政决策事项目录,后续
              根据决策事项的推进
              情况,以目录归集的方
              式对各项信息进行超
              链接展示。
2021     99   【制订年度政务公开    负责              2021-03-31      逾期 76 天
              工作要点】结合实际,   经 市政府各部门   3月底前
              制订本单位年度政务
              公开工作要点,并在本
              工作要点印发后30日
              内在本单位门户网站
              公开,落实情况也要向
              社会公开。
2021     12   【加强信息处理费收    负责              2021-04-16      逾期 60 天
              费管理】在本单位政    经 市政府各部门   2月底前
              府信息公开指南中载                      原定
              明收费要求和标准,加                     2021-02-28
              强收费管理。                            gongkai 约定†
共 3 项 · 逾期 3 · 可能适用 0
2021 沪府办〔2021〕21号 3 项；2025 测试〔2025〕1号 0 项
† gongkai 约定，文件未规定（计划 2021）：时间节点早于印发日期 2021-03-17（印发前
已到期），截止日按印发后30日计；--no-grace 则按原定日期计
"""


def test_due_across_every_plan_has_a_plan_column(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    # To 04-30: task 12 (2月底前) is 印发前已到期, due 2021-04-16.
    args = ["due", "--unit", "市教委", "--before", "2021-04-30"]
    assert gongkai(*args, "--plan", "all") == (0, ALL_DUE, "")
    assert gongkai(*args, env={"GONGKAI_PLAN": "all"}) == (0, ALL_DUE, "")


def test_due_across_every_plan_for_scripts(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    args = ["due", "--unit", "市教委", "--plan", "all", "--after", "2021-12-31"]
    code, out, err = gongkai(*args, "--format", "json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer["plans"] == [
        {
            "plan": "2021",
            "number": "沪府办〔2021〕21号",
            "unit": "市教委",
            "listed": True,
            "member_of": ["市政府各部门"],
            "tasks": 25,
            "may_apply": 0,
        },
        {
            "plan": "2025",
            "number": "测试〔2025〕1号",
            "unit": "市教委",
            "listed": True,
            "member_of": [],
            "tasks": 2,
            "may_apply": 0,
        },
    ]
    assert answer["skipped"] == []
    plans_and_seqs = [(t["plan"], t["seq"]) for t in answer["tasks"]]
    # 2021's all-year tasks first (the shipped plan leads), then the 2025 plan's.
    assert plans_and_seqs[-3:] == [("2021", 91), ("2025", 1), ("2025", 2)]
    assert {t["plan"] for t in answer["tasks"][:25]} == {"2021"}
    code, out, _ = gongkai(*args, "--format", "csv")
    lines = out.splitlines()
    assert (code, lines[0]) == (
        0,
        "plan,seq,name,content,time_node,due,window_start,all_year,role,via,status,days_left,applies,"
        "due_as_written,due_convention",
    )
    statutory = [line for line in lines if line.endswith(",statutory,,")]
    assert [line for line in lines if line not in statutory][-2:] == [
        "2025,1,公开年度计划,公开本单位年度工作计划。,6月底前,2025-06-30,,false,responsible,,due,1476,owed,,",
        "2025,2,办理咨询,网上咨询答复期限不得超过3个工作日。,全年,2025-12-31,,true,responsible,,due,1660,owed,,",
    ]
    # Each plan's yearly report (条例 第四十九条) on its own year, due the year after, last.
    assert lines[-2:] == statutory
    assert [line.split(",")[0] + " " + line.split(",")[5] for line in statutory] == [
        "2021 2022-01-31",
        "2025 2026-01-31",
    ]


def test_a_plan_that_does_not_name_the_unit_is_skipped(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    code, out, err = gongkai("due", "--unit", "区数据局", "--plan", "all", "-f", "json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert [p["plan"] for p in answer["plans"]] == ["2025"]
    assert answer["skipped"] == [
        {
            "plan": "2021",
            "reason": "unknown unit '区数据局' ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)",
        }
    ]
    code, out, _ = gongkai("due", "--unit", "区数据局", "--plan", "all")
    assert "2025 测试〔2025〕1号 1 项\n未列此单位的计划：2021\n法定义务：" in out


def test_due_across_every_plan_says_it_reads_no_progress_file(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # A progress file is one plan's: --plan all counts nothing done, and says so.
    path = tmp_path / "p.yaml"
    gongkai(
        "progress", "set", "--create", "16", "-u", "市教委", "--on", "2021-06-01", "-p", str(path)
    )
    args = ["due", "--unit", "市教委", "--plan", "all", "--month", "2021-06"]
    code, out, err = gongkai(*args, "-p", str(path))
    assert (code, out, err) == (
        0,
        gongkai(*args)[1],
        f"note: --plan all reads no progress file ({path} is one plan's): "
        "nothing counts as done; give --plan ID to read it\n",
    )
    code, _, err = gongkai(*args, env={"GONGKAI_PROGRESS": str(path)})
    assert (code, err) == (
        0,
        f"note: --plan all reads no progress file ({path} is one plan's): "
        "nothing counts as done; give --plan ID to read it\n",
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_due_across_every_plan_writes_its_output_file(
    gongkai: Gongkai, tmp_path: Path, fmt: str
) -> None:
    _add(gongkai, MINI)
    out = tmp_path / f"all.{fmt}"
    args = ["due", "--unit", "市教委", "--plan", "all", "--format", fmt, "-o", str(out)]
    assert gongkai(*args) == (0, "", f"wrote {out}\n")
    if fmt == "csv":
        assert out.read_text(encoding="utf-8") == gongkai(*args[:-2])[1]
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).worksheets[0]
        assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == "计划"


def test_due_across_plans_refuses_what_no_plan_names(gongkai: Gongkai) -> None:
    _add(gongkai, MINI)
    assert gongkai("due", "--unit", "火星局", "--plan", "all") == (
        2,
        "",
        "Error: unknown unit '火星局' ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n",
    )
    assert gongkai("due", "--unit", "市教委", "--plan", "all", "--format", "ics") == (
        2,
        "",
        "Error: --format ics is one plan's calendar: give --plan ID, not all\n",
    )


def test_a_taken_id_is_refused_in_chinese_whole(gongkai: Gongkai, home: Path) -> None:
    """The reason the id is taken is Chinese too, not English inside a Chinese line."""
    zh = {"GONGKAI_LANG": "zh"}
    assert gongkai("plans", "add", str(MINI), "--id", "2021", env=zh) == (
        2,
        "",
        "错误：id '2021' 已被占用：是随附的计划 沪府办〔2021〕21号；请另选 --id\n",
    )
    assert gongkai("plans", "add", str(MINI), "--id", "All", env=zh) == (
        2,
        "",
        "错误：id 'All' 已被占用：表示全部计划（`--plan all`）；请另选 --id\n",
    )
    assert not home.exists()
