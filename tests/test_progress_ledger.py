"""What tripped a real office in the progress file (issue 22 item 3): a new entry
defaulted to done ("已完成的条目需要完成日期" for `progress set 8 --note …`), a Chinese
台账 got `status: done` and an English header written into it, and a mistyped
`-p putuo.yml` silently started a new ledger.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import Gongkai

TITLE = "2021年上海市政务公开工作要点"
NUMBER = "沪府办〔2021〕21号"
ENGLISH_HEADER = (
    f"# gongkai progress file (进展台账): {TITLE} ({NUMBER})\n"
    "# One entry per task (seq) and unit; a collective's task is recorded by each member.\n"
    "# status: not_started | in_progress | done (a done entry has completed: YYYY-MM-DD).\n"
    "# evidence: a URL or a document number. values: the task's targets by id.\n"
    "# Edit by hand or with `gongkai progress set`; see `gongkai show SEQ` for targets.\n"
    f"plan: {NUMBER}\n"
    "entries:\n"
)
CHINESE_HEADER = (
    f"# gongkai 进展台账：{TITLE}（{NUMBER}）\n"
    "# 每项任务（seq）每个单位一条；集合承担的任务由每个成员各记一条。\n"
    "# status：未开始、进行中或已完成；已完成的条目须有完成日期（completed: 2021-06-30）。\n"
    "# evidence：网址或文号。values：任务的量化指标，按指标 id 填写。\n"
    "# 可直接编辑，或用 `gongkai progress set` 记录；任务的指标见 `gongkai show 序号`。\n"
    f"plan: {NUMBER}\n"
    "entries:\n"
)
CHINESE_LEDGER = textwrap.dedent(
    f"""\
    # 市教委 2021 年进展台账（手工维护）
    plan: {NUMBER}
    entries:
      - seq: 16
        unit: 市教委
        status: 进行中
        note: 材料收集中
    """
)
ENGLISH_LEDGER = CHINESE_LEDGER.replace("进行中", "in_progress")


# --- a missing ledger ----------------------------------------------------------------------


def test_a_mistyped_ledger_is_refused_not_started(gongkai: Gongkai, tmp_path: Path) -> None:
    (tmp_path / "putuo.yaml").write_text(ENGLISH_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "99", "-u", "市教委", "--note", "初稿", "-p", "putuo.yml")
    assert run == (
        2,
        "",
        "Error: putuo.yml: no such file; to start a new progress file there, add --create\n",
    )
    assert not (tmp_path / "putuo.yml").exists()


def test_the_refusal_in_chinese(gongkai: Gongkai, tmp_path: Path, chinese: None) -> None:
    run = gongkai("progress", "set", "99", "-u", "市教委", "--note", "初稿", "-p", "putuo.yml")
    assert run == (2, "", "错误：putuo.yml：文件不存在；如要在此新建进展台账，请加 --create\n")


def test_create_starts_a_ledger(gongkai: Gongkai, tmp_path: Path) -> None:
    run = gongkai(
        "progress", "set", "99", "-u", "市教委", "--note", "初稿", "-p", "new.yaml", "--create"
    )
    assert run == (0, "", "added: task 99, 市教委: in_progress (new.yaml)\n")
    assert (tmp_path / "new.yaml").read_text("utf-8") == ENGLISH_HEADER + (
        "  - seq: 99\n    unit: 市教委\n    status: in_progress\n    note: 初稿\n"
    )


def test_create_on_a_ledger_that_exists_adds_to_it(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(ENGLISH_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "99", "-u", "市教委", "--on", "2021-04-02", "-p", "p.yaml",
                  "--create")  # fmt: skip
    assert run == (0, "", "added: task 99, 市教委: done on 2021-04-02 (p.yaml)\n")
    assert path.read_text("utf-8") == ENGLISH_LEDGER + (
        "  - seq: 99\n    unit: 市教委\n    status: done\n    completed: 2021-04-02\n"
    )


# --- a new entry's status --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "status", "said"),
    [
        (["--note", "初稿"], "    status: in_progress\n    note: 初稿\n", "in_progress"),
        (["--evidence", "沪教委〔2021〕3号"], "    status: in_progress\n    evidence: 沪教委〔2021〕3号\n",
         "in_progress"),
        (["--on", "2021-04-02"], "    status: done\n    completed: 2021-04-02\n", "done on 2021-04-02"),
        (["--status", "not_started"], "    status: not_started\n", "not_started"),
    ],
)  # fmt: skip
def test_a_new_entry_is_in_progress_unless_a_date_says_done(
    gongkai: Gongkai, tmp_path: Path, args: list[str], status: str, said: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(ENGLISH_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "99", "-u", "市教委", *args, "-p", "p.yaml")
    assert run == (0, "", f"added: task 99, 市教委: {said} (p.yaml)\n")
    assert path.read_text("utf-8") == ENGLISH_LEDGER + "  - seq: 99\n    unit: 市教委\n" + status


def test_an_existing_entry_keeps_its_status(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(ENGLISH_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "16", "-u", "市教委", "--note", "已报送", "-p", "p.yaml")
    assert run == (0, "", "updated: task 16, 市教委: in_progress (p.yaml)\n")
    assert path.read_text("utf-8") == ENGLISH_LEDGER.replace("材料收集中", "已报送")


# --- the ledger's language -------------------------------------------------------------------


def test_a_new_ledger_in_chinese_mode_is_chinese(
    gongkai: Gongkai, tmp_path: Path, chinese: None
) -> None:
    run = gongkai(
        "progress", "set", "99", "-u", "市教委", "--on", "2021-04-02", "-p", "台账.yaml", "--create"
    )
    assert run == (0, "", "已添加：任务 99，市教委：已完成，2021-04-02（台账.yaml）\n")
    assert (tmp_path / "台账.yaml").read_text("utf-8") == CHINESE_HEADER + (
        "  - seq: 99\n    unit: 市教委\n    status: 已完成\n    completed: 2021-04-02\n"
    )


@pytest.mark.parametrize("typed", [[], ["--status", "done"], ["--status", "已完成"]])
def test_a_chinese_ledger_gets_chinese_words(
    gongkai: Gongkai, tmp_path: Path, typed: list[str]
) -> None:
    # English mode, and the status typed as a code or not at all: the ledger's words win.
    path = tmp_path / "p.yaml"
    path.write_text(CHINESE_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "99", "-u", "市教委", *typed, "--on", "2021-04-02",
                  "-p", "p.yaml")  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert path.read_text("utf-8") == CHINESE_LEDGER + (
        "  - seq: 99\n    unit: 市教委\n    status: 已完成\n    completed: 2021-04-02\n"
    )
    gongkai("progress", "set", "16", "-u", "市教委", "--status", "done", "--on", "2021-06-01",
            "-p", "p.yaml")  # fmt: skip
    assert "    status: 已完成\n    completed: 2021-06-01\n" in path.read_text("utf-8")


def test_an_english_ledger_keeps_its_codes(gongkai: Gongkai, tmp_path: Path, chinese: None) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(ENGLISH_LEDGER, encoding="utf-8")
    run = gongkai("progress", "set", "99", "-u", "市教委", "--status", "进行中", "-p", "p.yaml")
    assert run == (0, "", "已添加：任务 99，市教委：进行中（p.yaml）\n")
    assert path.read_text("utf-8") == ENGLISH_LEDGER + (
        "  - seq: 99\n    unit: 市教委\n    status: in_progress\n"
    )


def test_the_first_status_typed_decides_an_empty_ledger(gongkai: Gongkai, tmp_path: Path) -> None:
    # English mode, but the status typed in Chinese: a new ledger in Chinese.
    run = gongkai("progress", "set", "99", "-u", "市教委", "--status", "进行中", "-p", "p.yaml",
                  "--create")  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "p.yaml").read_text("utf-8") == CHINESE_HEADER + (
        "  - seq: 99\n    unit: 市教委\n    status: 进行中\n"
    )


def test_a_template_makes_a_ledger_in_the_language_of_the_run(
    gongkai: Gongkai, tmp_path: Path, chinese: None
) -> None:
    run = gongkai("progress", "template", "-u", "市教委", "-p", "p.yaml", "-o", "市教委.xlsx")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "p.yaml").read_text("utf-8") == CHINESE_HEADER.replace(
        "entries:\n", "entries: []\n"
    )
