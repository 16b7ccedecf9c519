"""The default plan: `gongkai plans use ID`, kept in the user's configuration file, shown by
`plans`, read by every command that names no plan, and forgotten when the plan goes
(issue 22 item 3)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import Gongkai

MINI = Path(__file__).resolve().parent / "plans" / "mini-2025"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """The configuration file (conftest points GONGKAI_CONFIG_HOME at config-home)."""
    return tmp_path / "config-home" / "config.json"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """Where installed plans go (conftest points GONGKAI_DATA_HOME at data-home)."""
    return tmp_path / "data-home" / "plans"


@pytest.fixture
def mini(gongkai: Gongkai) -> None:
    """The small 2025 plan installed as 2025."""
    assert gongkai("plans", "add", str(MINI))[0] == 0


def test_use_sets_the_default_plan(gongkai: Gongkai, mini: None, config: Path) -> None:
    assert gongkai("plans", "use", "2025") == (
        0,
        "",
        f"default plan: 2025; commands without --plan read it (saved in {config})\n",
    )
    assert json.loads(config.read_text(encoding="utf-8")) == {"default_plan": "2025"}
    # 区数据局 is in the 2025 plan only: without --plan the default answers.
    code, out, err = gongkai("owes", "--unit", "区数据局", "--format", "json")
    assert (code, err) == (0, "")
    assert [month["total"] for month in json.loads(out)["months"]] == [1]


def test_plans_marks_the_default(gongkai: Gongkai, mini: None, tmp_path: Path) -> None:
    gongkai("plans", "use", " 2025\n")  # read as every plan id is: trimmed
    code, out, err = gongkai("plans", env={"COLUMNS": "200"})
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0] == "编号   默认   文号 / 标题                    年度   版式         任务   位置"
    )
    assert (
        lines[2] == "2021          沪府办〔2021〕21号             2021   任务分解表     99   随附"
    )
    assert lines[4].startswith(
        "2025   是     测试〔2025〕1号                2025   任务分解表      2"
    )
    assert lines[-1] == "2 个计划；--plan 编号 选用（默认 2025；gongkai plans use 编号 改默认）"
    records = json.loads(gongkai("plans", "--format", "json")[1])["plans"]
    assert [(p["id"], p["default"]) for p in records] == [("2021", False), ("2025", True)]
    rows = gongkai("plans", "--format", "csv")[1].splitlines()
    assert rows[0] == "id,number,title,year,layout,tasks,shipped,default,path"
    assert [row.split(",")[7] for row in rows[1:]] == ["false", "true"]


def test_without_a_default_the_shipped_plan_is_marked(gongkai: Gongkai) -> None:
    records = json.loads(gongkai("plans", "--format", "json")[1])["plans"]
    assert [(p["id"], p["default"]) for p in records] == [("2021", True)]


def test_the_option_and_the_variables_win_over_the_default(
    gongkai: Gongkai, mini: None, tmp_path: Path
) -> None:
    gongkai("plans", "use", "2025")

    def number(*args: str, env: dict[str, str] | None = None) -> str:
        code, out, err = gongkai("tasks", "--format", "json", *args, env=env)
        assert (code, err) == (0, "")
        return str(json.loads(out)["document"]["number"])

    assert number() == "测试〔2025〕1号"
    assert number("--plan", "2021") == "沪府办〔2021〕21号"
    assert number(env={"GONGKAI_PLAN": "2021"}) == "沪府办〔2021〕21号"
    assert number("--data", str(MINI.parent.parent.parent / "data")) == "沪府办〔2021〕21号"
    # $GONGKAI_PLAN is the default this shell sees: `plans` marks it.
    records = json.loads(gongkai("plans", "-f", "json", env={"GONGKAI_PLAN": "2021"})[1])
    assert [p["default"] for p in records["plans"]] == [True, False]


def test_use_says_when_a_variable_wins(gongkai: Gongkai, mini: None, config: Path) -> None:
    assert gongkai("plans", "use", "2025", env={"GONGKAI_PLAN": "2021"}) == (
        0,
        "",
        f"default plan: 2025; commands without --plan read it (saved in {config})\n"
        "note: $GONGKAI_PLAN is set, and wins over the default plan while it is\n",
    )


def test_use_of_an_unknown_id_lists_the_installed(
    gongkai: Gongkai, mini: None, config: Path
) -> None:
    assert gongkai("plans", "use", "2024") == (
        2,
        "",
        "Error: no installed plan '2024' (installed: 2021, 2025)\n",
    )
    assert not config.exists()


@pytest.mark.usefixtures("chinese")
def test_use_in_chinese(gongkai: Gongkai, mini: None, config: Path) -> None:
    assert gongkai("plans", "use", "2024") == (
        2,
        "",
        "错误：没有已安装的要点 '2024'（已安装：2021, 2025）\n",
    )
    assert gongkai("plans", "use", "2025") == (
        0,
        "",
        f"默认计划：2025；不加 --plan 的命令都读它（记在 {config}）\n",
    )


def test_use_2021_goes_back_to_the_shipped_plan(gongkai: Gongkai, mini: None) -> None:
    gongkai("plans", "use", "2025")
    assert gongkai("plans", "use", "2021")[0] == 0
    _code, out, _err = gongkai("tasks", "--format", "json")
    assert json.loads(out)["document"]["number"] == "沪府办〔2021〕21号"


def test_removing_the_default_plan_forgets_it(
    gongkai: Gongkai, mini: None, config: Path, tmp_path: Path
) -> None:
    gongkai("plans", "use", "2025")
    assert gongkai("plans", "remove", "2025") == (
        0,
        "",
        f"removed: 2025 ({tmp_path}/data-home/plans/2025)\n"
        "2025 was the default plan: commands without --plan read the shipped plan 2021 "
        "again (`gongkai plans use ID` chooses another)\n",
    )
    assert json.loads(config.read_text(encoding="utf-8")) == {}
    assert gongkai("due", "--unit", "市教委", "--before", "2021-06-30")[0] == 0


def test_removing_another_plan_keeps_the_default(
    gongkai: Gongkai, mini: None, config: Path, tmp_path: Path
) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "other")[0] == 0
    gongkai("plans", "use", "2025")
    assert gongkai("plans", "remove", "other") == (
        0,
        "",
        f"removed: other ({tmp_path}/data-home/plans/other)\n",
    )
    assert json.loads(config.read_text(encoding="utf-8")) == {"default_plan": "2025"}


def test_a_default_plan_gone_by_hand_is_said(gongkai: Gongkai, config: Path) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('{"default_plan": "2025"}\n', encoding="utf-8")
    assert gongkai("due", "--unit", "市教委") == (
        2,
        "",
        "Error: the default plan '2025' is not installed (installed: 2021); choose one with "
        "`gongkai plans use ID`, or give --plan ID\n",
    )
    # --plan still wins, and needs no default
    assert gongkai("due", "--unit", "市教委", "--plan", "2021")[0] == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{", "1: not JSON: Expecting property name enclosed in double quotes"),
        ("[]", "1: not a JSON object"),
        ('{"default": "2025"}', '1: unknown key "default" (known: default_plan)'),
        ('{"default_plan": 2025}', "1: default_plan is a plan's id, as text"),
        (
            '{\n"default_plan": "2025",\n}',
            "3: not JSON: Expecting property name enclosed in double quotes",
        ),
    ],
)
def test_a_configuration_file_gongkai_cannot_read_is_exit_3(
    gongkai: Gongkai, config: Path, text: str, reason: str
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")
    assert gongkai("tasks") == (
        3,
        "",
        f"Error: invalid data (1 problem):\n{config}:{reason}; mend gongkai's configuration file, or remove it and set "
        "the default plan again with `gongkai plans use ID`\n",
    )


# -- a unit another installed plan names ---------------------------------------------------

ELSEWHERE = "Error: 区数据局 is in plan 2025: add --plan 2025\n"


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "区数据局"],
        ["due", "--unit", "数据局", "--before", "2021-06-30"],  # a part of the name, as typed
        ["owes", "--unit", "区数据局"],
        ["overdue", "--unit", "区数据局", "-p", "{progress}"],
        ["report", "--unit", "区数据局", "-p", "{progress}"],
        ["progress", "show", "--unit", "区数据局", "-p", "{progress}"],
        ["progress", "set", "2", "--unit", "区数据局", "-p", "{progress}"],
        ["progress", "template", "--unit", "区数据局", "-p", "{progress}", "-o", "{tmp}/t.xlsx"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_unit_of_another_plan_is_named_with_it(
    gongkai: Gongkai, mini: None, tmp_path: Path, args: list[str]
) -> None:
    progress = tmp_path / "p.yaml"
    progress.write_text("entries: []\n", encoding="utf-8")
    filled = [arg.format(progress=progress, tmp=tmp_path) for arg in args]
    assert gongkai(*filled) == (2, "", ELSEWHERE)
    assert progress.read_text(encoding="utf-8") == "entries: []\n"


@pytest.mark.usefixtures("chinese")
def test_a_unit_of_another_plan_in_chinese(gongkai: Gongkai, mini: None) -> None:
    assert gongkai("due", "--unit", "区数据局") == (
        2,
        "",
        "错误：区数据局 在计划 2025 中：加 --plan 2025\n",
    )


def test_every_plan_that_names_the_unit_is_said(gongkai: Gongkai, mini: None) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "mini")[0] == 0
    assert gongkai("owes", "--unit", "区数据局") == (
        2,
        "",
        "Error: 区数据局 is in plan 2025, mini: add --plan 2025\n",
    )
    # From the 2025 plan, 2021's units are named with 2021.
    assert gongkai("owes", "--unit", "长宁区政府", "--plan", "mini") == (
        2,
        "",
        "Error: 长宁区政府 is in plan 2021: add --plan 2021\n",
    )


def test_a_unit_no_plan_names_gets_the_closest_names(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai("due", "--unit", "区府办")
    assert (code, out) == (2, "")
    assert err.startswith("Error: unknown unit '区府办'")


def test_a_member_of_a_collective_still_asks_as_one(gongkai: Gongkai, mini: None) -> None:
    code, _out, err = gongkai("due", "--unit", "区数据局", "--member-of", "市政府各部门")
    assert (code, err) == (0, "")


def test_plan_all_asks_every_plan_itself(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai("due", "--unit", "区数据局", "--plan", "all", "-f", "json")
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert [plan["plan"] for plan in answer["plans"]] == ["2025"]
    assert [s["plan"] for s in answer["skipped"]] == ["2021"]
    assert answer["skipped"][0]["reason"].startswith("unknown unit '区数据局'")


# -- --plan all leaves ended plans out -------------------------------------------------------

IN_2025 = {"GONGKAI_TODAY": "2025-06-01"}
LEFT_OUT = "note: 1 ended plan left out: 2021 (ended 2021-12-31); --include-ended lists it\n"


def _plans_of(out: str) -> list[str]:
    return sorted({row.split(",")[0] for row in out.splitlines()[1:]})


def test_plan_all_leaves_an_ended_plan_out_and_says_so(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai("due", "--unit", "市教委", "--plan", "all", "-f", "csv", env=IN_2025)
    assert (code, err) == (0, LEFT_OUT)
    assert _plans_of(out) == ["2025"]


def test_include_ended_lists_them(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai(
        "due",
        "--unit",
        "市教委",
        "--plan",
        "all",
        "-f",
        "csv",
        "--include-ended",
        env=IN_2025,
    )
    assert (code, err) == (0, "")
    assert _plans_of(out) == ["2021", "2025"]


def test_a_plan_has_not_ended_on_its_last_day(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai(
        "due", "--unit", "市教委", "--plan", "all", "-f", "csv", "--as-of", "2021-12-31"
    )
    assert (code, err) == (0, "")
    assert _plans_of(out) == ["2021", "2025"]
    code, out, err = gongkai(
        "due", "--unit", "市教委", "--plan", "all", "-f", "csv", "--as-of", "2022-01-01"
    )
    assert (code, err) == (0, LEFT_OUT)
    assert _plans_of(out) == ["2025"]


def test_a_unit_only_ended_plans_name(gongkai: Gongkai, mini: None) -> None:
    assert gongkai("due", "--unit", "长宁区政府", "--plan", "all", env=IN_2025) == (
        2,
        "",
        "Error: only ended plans name 长宁区政府: 2021 (ended 2021-12-31); "
        "--include-ended lists them\n",
    )
    assert gongkai(
        "due", "--unit", "市教委", "--plan", "all", env={"GONGKAI_TODAY": "2026-03-01"}
    ) == (
        2,
        "",
        "Error: only ended plans name 市教委: 2021 (ended 2021-12-31), 2025 (ended 2025-12-31); "
        "--include-ended lists them\n",
    )


def test_a_unit_no_plan_names_is_still_unknown(gongkai: Gongkai, mini: None) -> None:
    code, out, err = gongkai("due", "--unit", "区府办", "--plan", "all", env=IN_2025)
    assert (code, out) == (2, "")
    assert err.startswith("Error: unknown unit '区府办'")


def test_include_ended_goes_with_plan_all(gongkai: Gongkai) -> None:
    assert gongkai("due", "--unit", "市教委", "--include-ended") == (
        2,
        "",
        "Error: --include-ended goes with --plan all: one plan is read whole\n",
    )


@pytest.mark.usefixtures("chinese")
def test_the_ended_note_in_chinese(gongkai: Gongkai, mini: None) -> None:
    code, _out, err = gongkai("due", "--unit", "市教委", "--plan", "all", "-f", "csv", env=IN_2025)
    assert (code, err) == (
        0,
        "注意：已略去 1 个已结束的计划：2021（2021-12-31 结束）；加 --include-ended 一并列出\n",
    )


def test_a_plan_ends_with_its_latest_due_day() -> None:
    import datetime as dt

    from gongkai_cli.plan.load import load_plan
    from gongkai_cli.queries.due_all import ended_on

    plan = load_plan(MINI)
    assert ended_on(plan) == dt.date(2025, 12, 31)
    late = replace(
        plan.tasks[0], deadline=replace(plan.tasks[0].deadline, due=dt.date(2026, 1, 31))
    )
    assert ended_on(replace(plan, tasks=(late, *plan.tasks[1:]))) == dt.date(2026, 1, 31)


# -- plans add --replace -------------------------------------------------------------------


def _corrected(tmp_path: Path, number: str = "测试〔2025〕2号") -> Path:
    """The mini plan with its 文号 corrected (tasks.yaml and the rules that cite it)."""
    plan = tmp_path / "corrected"
    shutil.copytree(MINI, plan)
    for name in ("tasks.yaml", "rules.yaml"):
        path = plan / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("测试〔2025〕1号", number), encoding="utf-8"
        )
    return plan


def test_adding_an_installed_id_names_replace(gongkai: Gongkai, mini: None, home: Path) -> None:
    assert gongkai("plans", "add", str(MINI)) == (
        2,
        "",
        f"Error: a plan '2025' is already installed ({home / '2025'}); choose another --id, "
        "or give --replace to replace it\n",
    )


def test_replace_swaps_the_plan_whole(
    gongkai: Gongkai, mini: None, home: Path, tmp_path: Path
) -> None:
    assert gongkai("plans", "add", str(_corrected(tmp_path)), "--replace") == (
        0,
        "",
        f"replaced: 2025 (测试〔2025〕2号, 2 tasks) in {home / '2025'}; use it with --plan 2025\n"
        "to read it without --plan: gongkai plans use 2025\n"
        "its 文号 was 测试〔2025〕1号 and is now 测试〔2025〕2号: a progress file that records "
        "测试〔2025〕1号 is re-keyed with `gongkai progress rekey -p FILE --plan 2025`\n",
    )
    records = json.loads(gongkai("plans", "-f", "json")[1])["plans"]
    assert [(p["id"], p["number"]) for p in records] == [
        ("2021", "沪府办〔2021〕21号"),
        ("2025", "测试〔2025〕2号"),
    ]
    # Nothing of the old plan or the swap is left beside it.
    assert sorted(p.name for p in home.iterdir()) == [".2025.lock", "2025"]


def test_replace_with_the_same_number_says_no_more(
    gongkai: Gongkai, mini: None, home: Path
) -> None:
    assert gongkai("plans", "add", str(MINI), "--replace") == (
        0,
        "",
        f"replaced: 2025 (测试〔2025〕1号, 2 tasks) in {home / '2025'}; use it with --plan 2025\n"
        "to read it without --plan: gongkai plans use 2025\n",
    )


def test_replace_of_the_default_plan_needs_no_hint(
    gongkai: Gongkai, mini: None, home: Path
) -> None:
    gongkai("plans", "use", "2025")
    assert gongkai("plans", "add", str(MINI), "--replace") == (
        0,
        "",
        f"replaced: 2025 (测试〔2025〕1号, 2 tasks) in {home / '2025'}; use it with --plan 2025\n",
    )


def test_replace_of_nothing_installs(gongkai: Gongkai, home: Path) -> None:
    assert gongkai("plans", "add", str(MINI), "--replace") == (
        0,
        "",
        f"installed: 2025 (测试〔2025〕1号, 2 tasks) in {home / '2025'}; use it with --plan 2025\n"
        "to read it without --plan: gongkai plans use 2025\n",
    )


def test_replace_cannot_touch_the_shipped_plan(gongkai: Gongkai) -> None:
    assert gongkai("plans", "add", str(MINI), "--id", "2021", "--replace") == (
        2,
        "",
        "Error: the id '2021' is taken: the shipped plan 沪府办〔2021〕21号; choose another --id\n",
    )


def test_an_invalid_plan_replaces_nothing(
    gongkai: Gongkai, mini: None, home: Path, tmp_path: Path
) -> None:
    broken = _corrected(tmp_path)
    (broken / "units.yaml").write_text("units: [\n", encoding="utf-8")
    code, out, _err = gongkai("plans", "add", str(broken), "--replace")
    assert (code, out) == (3, "")
    assert json.loads(gongkai("plans", "-f", "json")[1])["plans"][1]["number"] == "测试〔2025〕1号"


@pytest.mark.usefixtures("chinese")
def test_replace_in_chinese(gongkai: Gongkai, mini: None, home: Path) -> None:
    assert gongkai("plans", "add", str(MINI)) == (
        2,
        "",
        f"错误：要点 '2025' 已安装（{home / '2025'}）；请另选 --id，或加 --replace 替换它\n",
    )


def test_readers_during_a_replace_see_the_old_plan_or_the_new(
    gongkai: Gongkai, home: Path, tmp_path: Path
) -> None:
    """Readers and a replace at once: each answers from one plan whole, old or new."""
    assert gongkai("plans", "add", str(MINI))[0] == 0
    env = {
        **os.environ,
        "GONGKAI_DATA_HOME": str(tmp_path / "data-home"),
        "GONGKAI_CONFIG_HOME": str(tmp_path / "config-home"),
        "GONGKAI_CACHE_DIR": str(tmp_path / "cache"),
        "GONGKAI_LANG": "en",
    }

    def run(*args: str) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "gongkai_cli", *args]
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)

    ask = ("tasks", "--plan", "2025", "-f", "json")
    readers = [run(*ask) for _ in range(4)]
    replacer = run("plans", "add", str(_corrected(tmp_path)), "--replace")
    readers += [run(*ask) for _ in range(4)]
    numbers = []
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert (reader.returncode, err) == (0, b"")
        numbers.append(json.loads(out)["document"]["number"])
    assert replacer.wait(timeout=120) == 0
    assert set(numbers) <= {"测试〔2025〕1号", "测试〔2025〕2号"}
    assert gongkai(*ask)[1].count("测试〔2025〕2号") == 1


# -- progress rekey ------------------------------------------------------------------------

LEDGER = """\
# gongkai progress file (进展台账): 2025年测试区政务公开工作要点 (测试〔2025〕1号)
# my own note
plan: 测试〔2025〕1号
entries:
  - seq: 1
    unit: 市教委
    status: 已完成   # 区里核过
    completed: 2025年5月1日
"""


@pytest.fixture
def ledger(gongkai: Gongkai, mini: None, tmp_path: Path) -> Path:
    """A ledger of the 2025 plan, whose 文号 is then corrected (plans add --replace)."""
    path = tmp_path / "ledger.yaml"
    path.write_text(LEDGER, encoding="utf-8")
    assert gongkai("plans", "add", str(_corrected(tmp_path)), "--replace")[0] == 0
    return path


def test_a_ledger_under_the_old_number_is_refused(gongkai: Gongkai, ledger: Path) -> None:
    assert gongkai("progress", "show", "-p", ledger, "--plan", "2025") == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{ledger}:3: plan: this file records progress on 测试〔2025〕1号, but the loaded plan "
        "is 测试〔2025〕2号\n",
    )


def test_rekey_dry_run_writes_nothing(gongkai: Gongkai, ledger: Path) -> None:
    assert gongkai("progress", "rekey", "-p", ledger, "--plan", "2025", "--dry-run") == (
        0,
        "",
        f"would re-key {ledger}: plan 测试〔2025〕1号 -> 测试〔2025〕2号 (--dry-run: nothing "
        "written)\n",
    )
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_rekey_changes_the_number_and_nothing_else(gongkai: Gongkai, ledger: Path) -> None:
    assert gongkai("progress", "rekey", "-p", ledger, "--plan", "2025") == (
        0,
        "",
        f"re-keyed {ledger}: plan 测试〔2025〕1号 -> 测试〔2025〕2号\n",
    )
    assert ledger.read_text(encoding="utf-8") == LEDGER.replace("〔2025〕1号", "〔2025〕2号")
    assert gongkai("progress", "show", "-p", ledger, "--plan", "2025")[0] == 0
    assert gongkai("progress", "rekey", "-p", ledger, "--plan", "2025") == (
        0,
        "",
        f"{ledger} already records 测试〔2025〕2号: nothing to change\n",
    )
    assert not [p.name for p in ledger.parent.iterdir() if p.name.endswith(".tmp")]


def test_rekey_reads_the_default_plan(gongkai: Gongkai, ledger: Path) -> None:
    gongkai("plans", "use", "2025")
    assert gongkai("progress", "rekey", "-p", ledger)[0] == 0
    assert "plan: 测试〔2025〕2号\n" in ledger.read_text(encoding="utf-8")


def test_a_ledger_without_a_plan_gets_one(gongkai: Gongkai, mini: None, tmp_path: Path) -> None:
    path = tmp_path / "ledger.yaml"
    path.write_text("# 手写台账\nentries:\n  - {seq: 1, unit: 市教委, status: 进行中}\n", "utf-8")
    assert gongkai("progress", "rekey", "-p", path, "--plan", "2025") == (
        0,
        "",
        f"re-keyed {path}: plan (none) -> 测试〔2025〕1号\n",
    )
    assert path.read_text(encoding="utf-8") == (
        "# 手写台账\nplan: 测试〔2025〕1号\nentries:\n  - {seq: 1, unit: 市教委, status: 进行中}\n"
    )


def test_a_ledger_whose_entries_do_not_fit_is_not_rekeyed(gongkai: Gongkai, ledger: Path) -> None:
    items = Path(__file__).resolve().parent / "plans" / "items-2025"
    code, out, err = gongkai("progress", "rekey", "-p", ledger, "--data", items)
    assert (code, out) == (3, "")
    assert err.startswith("Error: invalid data (")
    assert ledger.read_text(encoding="utf-8") == LEDGER


def test_another_installed_plans_ledger_is_not_moved(
    gongkai: Gongkai, mini: None, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.yaml"
    text = "plan: 沪府办〔2021〕21号\nentries:\n  - {seq: 1, unit: 市教委, status: 进行中}\n"
    path.write_text(text, encoding="utf-8")
    assert gongkai("progress", "rekey", "-p", path, "--plan", "2025") == (
        2,
        "",
        f"Error: {path} records 沪府办〔2021〕21号, the 文号 of the installed plan 2021: it is "
        "that plan's progress file (give --plan 2021 to read it)\n",
    )
    assert path.read_text(encoding="utf-8") == text


def test_rekey_needs_a_file_that_is_there(gongkai: Gongkai, tmp_path: Path) -> None:
    assert gongkai("progress", "rekey") == (
        2,
        "",
        "Error: name the progress file: --progress FILE or $GONGKAI_PROGRESS\n",
    )
    assert gongkai("progress", "rekey", "-p", tmp_path / "none.yaml") == (
        2,
        "",
        f"Error: {tmp_path / 'none.yaml'}: no such file\n",
    )
    assert not (tmp_path / "none.yaml").exists()


@pytest.mark.usefixtures("chinese")
def test_rekey_in_chinese(gongkai: Gongkai, ledger: Path) -> None:
    assert gongkai("progress", "rekey", "-p", ledger, "--plan", "2025") == (
        0,
        "",
        f"已改记：{ledger} 的 plan 由 测试〔2025〕1号 改为 测试〔2025〕2号\n",
    )
