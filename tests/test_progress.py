"""The progress file: `progress set` (round trip, atomic write, refusals), `progress show`,
and the file's validation against the plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import Gongkai

HEADER = (
    "# gongkai progress file (进展台账): 2021年上海市政务公开工作要点 (沪府办〔2021〕21号)\n"
    "# One entry per task (seq) and unit; a collective's task is recorded by each member.\n"
    "# status: not_started | in_progress | done (a done entry has completed: YYYY-MM-DD).\n"
    "# evidence: a URL or a document number. values: the task's targets by id.\n"
    "# Edit by hand or with `gongkai progress set`; see `gongkai show SEQ` for targets.\n"
    "plan: 沪府办〔2021〕21号\n"
    "entries:\n"
)

HAND_WRITTEN = textwrap.dedent(
    """\
    # 市教委 and 长宁区政府: our progress, kept by hand.
    plan: 沪府办〔2021〕21号
    entries:
      # the interpretation rate is reported in June
      - seq: 16
        unit: 上海市教育委员会   # the full name is fine too; short forms are not
        status: in_progress
        note: 材料收集中
      - seq: 99  # 年度要点
        unit: 市教委
        status: done
        completed: 2021-04-02
        evidence: 沪教委办〔2021〕3号
    # end of file
    """
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- progress set -------------------------------------------------------------------------


def test_set_creates_the_file_with_a_header(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "progress.yaml"
    result = gongkai("progress", "set", "--create", "16", "--unit", "市教委", "--on", "2021年6月10日", "--value", "65", "--evidence", "https://jw.sh.gov.cn/x", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"added: task 16, 市教委: done on 2021-06-10 ({path})\n"
    assert path.read_text(encoding="utf-8") == HEADER + (
        "  - seq: 16\n"
        "    unit: 市教委\n"
        "    status: done\n"
        "    completed: 2021-06-10\n"
        "    evidence: https://jw.sh.gov.cn/x\n"
        "    values:\n"
        "      rate: 65\n"
    )


def test_set_keeps_comments_and_order_and_inserts_by_seq(gongkai: Gongkai, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "set", "--create", "16", "-u", "教委", "--on", "2021-06-10", "--value", "62.5", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"updated: task 16, 市教委: done on 2021-06-10 ({path})\n"
    result = gongkai("progress", "set", "--create", "27", "-u", "长宁区政府", "--status", "in_progress", "--note", "目录待审定", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"added: task 27, 长宁区政府: in_progress ({path})\n"
    assert path.read_text(encoding="utf-8") == textwrap.dedent(
        """\
        # 市教委 and 长宁区政府: our progress, kept by hand.
        plan: 沪府办〔2021〕21号
        entries:
          # the interpretation rate is reported in June
          - seq: 16
            unit: 上海市教育委员会   # the full name is fine too; short forms are not
            status: done
            completed: 2021-06-10
            note: 材料收集中
            values:
              rate: 62.5
          - seq: 27
            unit: 长宁区政府
            status: in_progress
            note: 目录待审定
          - seq: 99  # 年度要点
            unit: 市教委
            status: done
            completed: 2021-04-02
            evidence: 沪教委办〔2021〕3号
        # end of file
        """
    )


def test_set_back_from_done_drops_the_date_and_empty_text_removes_a_field(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "set", "--create", "99", "-u", "市教委", "--status", "in_progress", "--evidence", "", "--note", "需重新发布", "-p", str(path))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "  - seq: 99  # 年度要点\n"
        "    unit: 市教委\n"
        "    status: in_progress\n"
        "    note: 需重新发布\n"
        "# end of file\n"
    )


def test_set_uses_the_environment_variable(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.yaml"
    monkeypatch.setenv("GONGKAI_PROGRESS", str(path))
    result = gongkai("progress", "set", "--create", "99", "-u", "市教委", "--on", "2021-03-30")
    assert result.exit_code == 0, result.stderr
    assert "  - seq: 99\n    unit: 市教委\n    status: done\n" in path.read_text("utf-8")


def test_set_an_empty_existing_file_starts_it(gongkai: Gongkai, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", "")
    result = gongkai(
        "progress", "set", "--create", "99", "-u", "市教委", "--on", "2021-03-30", "-p", str(path)
    )
    assert result.exit_code == 0, result.stderr
    assert path.read_text("utf-8").startswith(HEADER + "  - seq: 99\n")


NOT_OWED = (
    "Error: 市教委 does not owe task 20: the task names 市税务局 (负责), 市大数据中心 (配合); "
    "市教委 belongs to 市政府各部门\n"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["20", "-u", "市教委", "--on", "2021-05-01"], NOT_OWED),
        (
            ["2", "-u", "黄浦区政府", "--on", "2021-05-01"],
            "Error: 黄浦区政府 does not owe task 2: the task names 市司法局 (负责); "
            "黄浦区政府 belongs to 各区政府\n",
        ),
        (
            ["39", "-u", "市教委", "--on", "2021-05-01"],
            "Error: 市教委 does not owe task 39: the task names 市民政局 (牵头), 各区政府 (牵头), "
            "各相关单位 (负责); 市教委 belongs to 市政府各部门; 各相关单位 lists no members, "
            "so the task may apply but is not owed by anyone in particular\n",
        ),
        (
            ["19", "-u", "申通集团", "--on", "2021-05-01"],
            "Error: 申通集团 does not owe task 19: the task names 市人力资源社会保障局 (负责), "
            "长宁区政府 (配合), 市大数据中心 (配合); 申通集团 belongs to no collective\n",
        ),
        (
            ["17", "-u", "各区政府", "--on", "2021-05-01"],
            "Error: 各区政府 is a collective: its tasks are owed by each member separately, "
            "so record each member (e.g. 黄浦区政府)\n",
        ),
        (
            ["17", "-u", "市教育局", "--on", "2021-05-01"],
            "Error: unknown unit '市教育局'; did you mean 市教委 or 市体育局? "
            "('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n",
        ),
        (
            ["100", "-u", "市教委", "--on", "2021-05-01"],
            "Error: no task 100: the plan's tasks run 1..99\n",
        ),
        (
            ["99", "-u", "市教委", "--status", "done"],
            "Error: a done entry needs its completion date: add --on DATE\n",
        ),
        (
            ["99", "-u", "市教委", "--status", "in_progress", "--on", "2021-05-01"],
            "Error: --on is the completion date: give it with --status done\n",
        ),
        (
            ["99", "-u", "市教委", "--on", "2021-06-16"],
            "Error: --on 2021-06-16 is after today (2021-06-15): record it when done\n",
        ),
        (
            ["99", "-u", "市教委", "--on", "2021-13-01"],
            "Error: invalid date '2021-13-01' for --on: month must be in 1..12\n",
        ),
        (
            ["99", "-u", "市教委", "--on", "2021-03-01", "--value", "3"],
            "Error: task 99 sets no quantitative target, so --value has none to record\n",
        ),
        (
            ["80", "-u", "市经济信息化委", "--on", "2021-03-01", "--value", "3"],
            "Error: task 80 has targets projects, scenarios: say which with --target\n",
        ),
        (
            [
                "80",
                "-u",
                "市经济信息化委",
                "--on",
                "2021-03-01",
                "--value",
                "3",
                "--target",
                "apps",
            ],
            "Error: task 80 has no target 'apps' (its targets: projects, scenarios)\n",
        ),
        (
            ["80", "-u", "市经济信息化委", "--on", "2021-03-01", "--target", "projects"],
            "Error: --target names the target that --value is for: give --value too\n",
        ),
        (
            ["18", "-u", "市大数据中心", "--on", "2021-03-01", "--value", "16"],
            "Error: 市大数据中心 supports (配合) task 18: its targets are recorded by the lead "
            "or responsible units\n",
        ),
    ],
)
def test_set_refuses_with_exit_2_saying_why(
    gongkai: Gongkai, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", *args, "-p", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2", "-u", "黄浦区政府"],
            "错误：黄浦区政府 不承担第 2 项任务：该任务列出的是 市司法局（负责）；"
            "黄浦区政府 属于 各区政府\n",
        ),
        (
            ["39", "-u", "市教委"],
            "错误：市教委 不承担第 39 项任务：该任务列出的是 市民政局（牵头）、各区政府（牵头）、"
            "各相关单位（负责）；市教委 属于 市政府各部门；各相关单位 未列成员，该任务可能适用，"
            "但不落到具体单位\n",
        ),
    ],
)
def test_set_says_whom_a_task_names_in_chinese_punctuation(
    gongkai: Gongkai, tmp_path: Path, chinese: None, args: list[str], message: str
) -> None:
    # The units and roles a task names are one Chinese sentence: （负责） and 、 between
    # them, not the English "市司法局 (负责), …" (issue 22 item 3).
    path = tmp_path / "p.yaml"
    result = gongkai("progress", "set", "--create", *args, "--on", "2021-05-01", "-p", str(path))
    assert result == (2, "", message)
    assert not path.exists()


def test_set_needs_a_progress_file(gongkai: Gongkai) -> None:
    result = gongkai("progress", "set", "--create", "99", "-u", "市教委", "--on", "2021-03-30")
    assert result.exit_code == 2
    assert result.stderr == "Error: name the progress file: --progress FILE or $GONGKAI_PROGRESS\n"


def test_set_records_one_of_several_targets(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    for target, value in (("projects", "10"), ("scenarios", "48")):
        result = gongkai("progress", "set", "--create", "80", "-u", "市经济信息化委", "--on", "2021-06-01", "--value", value, "--target", target, "-p", str(path))  # fmt: skip
        assert result.exit_code == 0, result.stderr
    assert path.read_text("utf-8").endswith(
        "    values:\n      projects: 10\n      scenarios: 48\n"
    )


def test_set_refuses_to_edit_a_file_that_does_not_validate(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    broken = "entries:\n  - seq: 16\n    unit: 市教委\n    status: finished\n"
    path = write(tmp_path / "p.yaml", broken)
    result = gongkai(
        "progress", "set", "--create", "99", "-u", "市教委", "--on", "2021-03-30", "-p", str(path)
    )
    assert result.exit_code == 3
    assert result.stderr == (
        "Error: invalid data (1 problem):\n"
        f"{path}:4: entries.0.status: unknown status 'finished': "
        "write one of 未开始/not_started, 进行中/in_progress, 已完成/done\n"
    )
    assert path.read_text("utf-8") == broken


# --- atomic writes ------------------------------------------------------------------------


def _leftovers(directory: Path) -> list[str]:
    # The lock file stays by design (see io/files.py); anything else is a leftover.
    return sorted(p.name for p in directory.iterdir() if p.name not in ("p.yaml", ".p.yaml.lock"))


def test_a_failure_during_the_write_leaves_the_old_file_whole(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    real_fdopen = os.fdopen

    class DiskFull:
        """A stream that takes half of what is written, then fails like a full disk."""

        def __init__(self, *args: object, **kwargs: object) -> None:
            self.stream = real_fdopen(*args, **kwargs)  # type: ignore[call-overload]

        def __enter__(self) -> DiskFull:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, text: str) -> int:
            self.stream.write(text[: len(text) // 2])
            self.stream.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", DiskFull)
    result = gongkai(
        "progress", "set", "--create", "27", "-u", "市教委", "--on", "2021-03-30", "-p", str(path)
    )
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}: cannot write: No space left on device\n"
    assert path.read_text("utf-8") == HAND_WRITTEN
    assert _leftovers(tmp_path) == []  # the half-written temporary file is gone


def test_an_interrupt_before_the_rename_leaves_the_old_file_whole(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = gongkai(
        "progress", "set", "--create", "27", "-u", "市教委", "--on", "2021-03-30", "-p", str(path)
    )
    assert result.exit_code != 0  # interrupted, not finished
    assert path.read_text("utf-8") == HAND_WRITTEN
    assert _leftovers(tmp_path) == []


CRASH = """
import os, sys
from gongkai_cli.cli import main
def crash(*args):
    os._exit(9)  # the process dies here: no cleanup, no exception handlers
os.{name} = crash
sys.argv = ["gongkai", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("name", ["fsync", "replace"])
def test_a_process_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path, name: str) -> None:
    """A real crash: the process exits at once while writing (fsync) or before the rename."""
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    env = {**os.environ, "GONGKAI_TODAY": "2021-06-15"}
    done = subprocess.run(
        [sys.executable, "-c", CRASH.format(name=name), "progress", "set", "--create", "27", "-u", "市教委",
         "--on", "2021-03-30", "-p", str(path)],
        env=env, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 9, done.stderr
    assert path.read_text("utf-8") == HAND_WRITTEN
    # What the crash left is a hidden temporary file beside it, never a torn p.yaml.
    assert all(name.startswith(".p.yaml.") for name in _leftovers(tmp_path))


def test_a_symlinked_progress_file_stays_a_symlink(gongkai: Gongkai, tmp_path: Path) -> None:
    real = write(tmp_path / "real.yaml", HAND_WRITTEN)
    link = tmp_path / "p.yaml"
    link.symlink_to(real)
    result = gongkai(
        "progress", "set", "--create", "27", "-u", "市教委", "--on", "2021-03-30", "-p", str(link)
    )
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert "seq: 27" in real.read_text("utf-8")


# --- validation of the file ---------------------------------------------------------------

BAD = textwrap.dedent(
    """\
    plan: 沪府办〔2021〕99号
    entries:
      - seq: 16
        unit: 市教委
        status: done
      - seq: 200
        unit: 市教委
        status: done
        completed: 2021-05-01
      - seq: 20
        unit: 市教委
        status: in_progress
        completed: 2021-05-01
      - seq: 17
        unit: 各区政府
        status: done
        completed: 2021-05-01
      - seq: 17
        unit: 市教育局
        status: done
        completed: 2021-05-01
      - seq: 16
        unit: 上海市教育委员会
        status: done
        completed: 2021-05-01
        values: {rate: 70, foo: 1}
      - seq: 18
        unit: 市大数据中心
        status: done
        completed: 2021-05-01
        values: {policies: 16}
      - seq: 99
        unit: 市教委
        status: not_started
        values: {weight: 3}
    """
)


def test_a_bad_progress_file_exits_3_listing_every_problem(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.yaml", BAD)
    result = gongkai("overdue", "-p", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""
    p = str(path)
    assert result.stderr.splitlines() == [
        "Error: invalid data (11 problems):",
        f"{p}:1: plan: this file records progress on 沪府办〔2021〕99号, but the loaded plan is 沪府办〔2021〕21号",
        f"{p}:5: entries.0.status: a done entry needs its completion date (completed: YYYY-MM-DD)",
        f"{p}:6: entries.1.seq: no task 200: the plan's tasks run 1..99",
        f"{p}:11: entries.2.unit: 市教委 does not owe task 20: the task names 市税务局 (负责), 市大数据中心 (配合); 市教委 belongs to 市政府各部门",
        f"{p}:13: entries.2.completed: only a done entry has a completion date (status is in_progress)",
        f"{p}:15: entries.3.unit: 各区政府 is a collective: its tasks are owed by each member separately, so record each member (e.g. 黄浦区政府)",
        f"{p}:19: entries.4.unit: unknown unit '市教育局'; did you mean 市教委 or 市体育局? ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)",
        f"{p}:26: entries.5.values.foo: task 16 has no target 'foo' (its targets: rate)",
        f"{p}:22: entries.5: a second entry for task 16 and 市教委 (the first is on line 3): keep one",
        f"{p}:31: entries.6.values.policies: 市大数据中心 supports (配合) task 18: its targets are recorded by the lead or responsible units",
        f"{p}:35: entries.7.values.weight: task 99 sets no quantitative target",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("entries:\n  - seq: 16\n    unit: 市教委\n    staus: done\n", [
            "2: entries.0.status: field required",
            "4: entries.0.staus: unknown field (not in the schema; see 'gongkai schema')",
        ]),
        ("entries:\n  - seq: 99\n    unit: 市教委\n    status: done\n    completed: 2021-02-30\n", [
            "5: entries.0.completed: '2021-02-30' is not valid: day is out of range for month",
        ]),
        ("entries:\n  - seq: 99\n    unit: 市教委\n    seq: 98\n", [
            "4: entries.0.seq: duplicate key (first on line 2): YAML keeps only the last",
        ]),
        ("entries:\n  - seq: 16\n    unit: 市教委\n    status: done\n    completed: 2021-05-01\n"
         "    values: {rate: 六十}\n", [
            "6: entries.0.values.rate: '六十' is not a number: write one such as 95 or 95.5",
        ]),
        ("- seq: 16\n", ["1: Input should be a dictionary or an instance of ProgressFile"]),
        ("entries: [\n", ["2: YAML syntax error: while parsing a flow node did not find expected node content"]),
    ],
)  # fmt: skip
def test_schema_and_yaml_problems_have_file_and_line(
    gongkai: Gongkai, tmp_path: Path, text: str, problem: list[str]
) -> None:
    path = write(tmp_path / "p.yaml", text)
    result = gongkai("progress", "show", "-p", str(path))
    assert result.exit_code == 3, result.stderr
    assert result.stderr.splitlines()[1:] == [f"{path}:{line}" for line in problem]


def test_a_missing_progress_file_is_a_usage_error(gongkai: Gongkai, tmp_path: Path) -> None:
    result = gongkai("report", "-p", str(tmp_path / "nope.yaml"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path / 'nope.yaml'}: no such file\n",
    )


# --- progress show ------------------------------------------------------------------------


def test_show_lists_entries_by_seq_with_canonical_units(gongkai: Gongkai, tmp_path: Path) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    result = gongkai("progress", "show", "-p", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "progress": str(path),
        "entries": [
            {"seq": 16, "name": "合理选择解读形式", "unit": "市教委", "status": "in_progress",
             "completed": None, "due": "2021-12-31", "evidence": "", "note": "材料收集中",
             "values": {}},
            {"seq": 99, "name": "制订年度政务公开工作要点", "unit": "市教委", "status": "done",
             "completed": "2021-04-02", "due": "2021-03-31", "evidence": "沪教委办〔2021〕3号",
             "note": "", "values": {}},
        ],
    }  # fmt: skip


def test_show_table_and_csv(
    gongkai: Gongkai, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    monkeypatch.chdir(tmp_path)  # a relative path in the title: a long tmp dir would wrap it
    result = gongkai("progress", "show", "-p", "p.yaml", "--unit", "教委")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "进展记录（p.yaml）\n"
        "序号   单位     状态         截止         依据 / 备注 / 指标值\n"
        "──────────────────────────────────────────────────────────────\n"
        "  16   市教委   进行中       2021-12-31   材料收集中\n"
        "  99   市教委   已完成       2021-03-31   沪教委办〔2021〕3号\n"
        "                2021-04-02\n"
        "共 2 条\n"
    )
    result = gongkai("progress", "show", "-p", str(path), "-f", "csv", "-u", "长宁区政府")
    assert (
        result.stdout
        == "seq,name,unit,status,completed,due,evidence,note,values,due_as_written,due_convention\n"
    )


def test_new_entries_first_and_last_leave_comments_with_what_they_precede(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = write(tmp_path / "p.yaml", HAND_WRITTEN)
    for args in (["2", "-u", "市司法局"], ["99", "-u", "长宁区政府"]):
        result = gongkai(
            "progress", "set", "--create", *args, "--on", "2021-03-30", "-p", str(path)
        )
        assert result.exit_code == 0, result.stderr
    assert path.read_text("utf-8") == textwrap.dedent(
        """\
        # 市教委 and 长宁区政府: our progress, kept by hand.
        plan: 沪府办〔2021〕21号
        entries:
          - seq: 2
            unit: 市司法局
            status: done
            completed: 2021-03-30
          # the interpretation rate is reported in June
          - seq: 16
            unit: 上海市教育委员会   # the full name is fine too; short forms are not
            status: in_progress
            note: 材料收集中
          - seq: 99  # 年度要点
            unit: 市教委
            status: done
            completed: 2021-04-02
            evidence: 沪教委办〔2021〕3号
          - seq: 99
            unit: 长宁区政府
            status: done
            completed: 2021-03-30
        # end of file
        """
    )


def test_a_warm_progress_load_imports_neither_pydantic_nor_yaml(tmp_path: Path) -> None:
    progress = tmp_path / "progress.yaml"
    progress.write_text(
        "entries:\n  - {seq: 16, unit: 市教委, status: done, completed: 2021-06-01, values: {rate: 55}}\n",
        encoding="utf-8",
    )
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gongkai_cli.plan.load import load_plan\n"
        "from gongkai_cli.progress.file import load_progress\n"
        f"progress = load_progress(Path({str(progress)!r}), load_plan())\n"
        "print(len(progress.entries), 'pydantic' in sys.modules, 'yaml' in sys.modules)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
        for _ in range(2)
    ]
    assert [(r.returncode, r.stdout, r.stderr) for r in runs] == [
        (0, "1 True True\n", ""),  # the first load validates
        (0, "1 False False\n", ""),  # the second comes from the cache
    ]
    # An edit is seen at once: the cache is keyed by the file's bytes too.
    progress.write_text(progress.read_text(encoding="utf-8").replace("55", "65"), encoding="utf-8")
    again = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert again.stdout == "1 True True\n"
