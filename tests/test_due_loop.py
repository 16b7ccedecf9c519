"""Issue 13, items 1-3: `due` with the progress file and new windows, keyword search,
and deadlines before the plan's issue date（印发前已到期）， with exact CLI output."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from conftest import Gongkai

# 市教委: task 12 (2月底前, 印发前已到期) done the day after issue, 27 (3月底前) done late,
# 99 (3月底前) in progress and overdue.
PROGRESS = textwrap.dedent(
    """\
    entries:
      - {seq: 12, unit: 市教委, status: done, completed: 2021-03-18}
      - {seq: 27, unit: 市教委, status: done, completed: 2021-04-10}
      - {seq: 99, unit: 市教委, status: in_progress}
    """
)


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


# type: ignore[no-any-return]


# --- 1. due with progress ---------------------------------------------------------------


def test_due_with_a_progress_file_marks_done_and_does_not_count_it_overdue(
    gongkai: Gongkai, progress: Path
) -> None:
    result = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-p", progress.name)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "市教委 应办任务（截止日期 2021-04-30 前；状态截至 2021-06-15）\n"
        "序号   任务名称 / 任务内容          角色              截止            状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "  27   【实行重大行政决策事项目录   负责              2021-03-31      已完成\n"
        "       管理】确定并发布本单位重大   经 市政府各部门   3月底前         2021-04-10\n"
        "       行政决策事项目录,后续根据                                      晚 10 天\n"
        "       决策事项的推进情况,以目录\n"
        "       归集的方式对各项信息进行超\n"
        "       链接展示。\n"
        "  99   【制订年度政务公开工作要     负责              2021-03-31      进行中\n"
        "       点】结合实际,制订本单位年    经 市政府各部门   3月底前         逾期 76 天\n"
        "       度政务公开工作要点,并在本\n"
        "       工作要点印发后30日内在本单\n"
        "       位门户网站公开,落实情况也\n"
        "       要向社会公开。\n"
        "  12   【加强信息处理费收费管理】   负责              2021-04-16      已完成\n"
        "       在本单位政府信息公开指南中   经 市政府各部门   2月底前         2021-03-18\n"
        "       载明收费要求和标准,加强收                      原定\n"
        "       费管理。                                       2021-02-28\n"
        "                                                      gongkai 约定†\n"
        "共 3 项：牵头 0，负责 3，配合 0 · 逾期 1 · 可能适用 0 · 已完成 2\n"
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截\n"
        "止日按印发后30日计；--no-grace 则按原定日期计\n"
        "进展文件：p.yaml\n"
        "所属集合：市政府各部门\n"
    )


def test_due_open_hides_what_is_done(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-p", progress.name, "--open")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "市教委 应办任务（截止日期 2021-04-30 前；状态截至 2021-06-15）\n"
        "序号   任务名称 / 任务内容             角色              截止         状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "  99   【制订年度政务公开工作要点】    负责              2021-03-31   进行中\n"
        "       结合实际,制订本单位年度政务公   经 市政府各部门   3月底前      逾期 76 天\n"
        "       开工作要点,并在本工作要点印发\n"
        "       后30日内在本单位门户网站公开,\n"
        "       落实情况也要向社会公开。\n"
        "共 1 项：牵头 0，负责 1，配合 0 · 逾期 1 · 可能适用 0 · 已完成 2（已隐藏）\n"
        "进展文件：p.yaml\n"
        "所属集合：市政府各部门\n"
    )


def test_due_json_with_progress(gongkai: Gongkai, progress: Path) -> None:
    data = gongkai(
        "due", "-u", "市教委", "--before", "2021-04-30", "-p", str(progress), "--format", "json"
    ).json()
    assert data["progress"] == str(progress)
    assert data["open"] is False
    assert [
        (t["seq"], t["status"], t["progress"], t["completed"], t["standing"], t["days_late"])
        for t in data["tasks"]
    ] == [
        (27, "done", "done", "2021-04-10", "done_late", 10),
        (99, "overdue", "in_progress", None, "overdue", 76),
        (12, "done", "done", "2021-03-18", "done_on_time", 0),
    ]


def test_gongkai_progress_names_the_file_for_due(
    gongkai: Gongkai, progress: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_PROGRESS", str(progress))
    data = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "--format", "json").json()
    assert [t["status"] for t in data["tasks"]] == ["done", "overdue", "done"]


def test_a_completion_after_the_as_of_day_is_not_done_yet(gongkai: Gongkai, progress: Path) -> None:
    data = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "--as-of", "2021-04-05", "-p", str(progress), "--format", "json").json()  # fmt: skip
    assert [(t["seq"], t["status"], t["progress"]) for t in data["tasks"]] == [
        (27, "overdue", "in_progress"),  # done on 04-10: not yet on 04-05
        (99, "overdue", "in_progress"),
        (12, "done", "done"),
    ]


def test_without_a_progress_file_the_answer_is_unchanged_and_open_says_so(
    gongkai: Gongkai,
) -> None:
    plain = gongkai("due", "-u", "市教委", "--before", "2021-04-30")
    opened = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "--open")
    assert opened.stdout == plain.stdout
    assert "已完成" not in plain.stdout
    assert opened.stderr == (
        "no progress file (--progress / $GONGKAI_PROGRESS): nothing counts as done\n"
    )
    data = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "--format", "json").json()
    assert "progress" not in data and "overdue_before" not in data
    assert "progress" not in data["tasks"][0]


def test_a_bad_progress_file_exits_3(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("entries:\n  - {seq: 12, unit: 市教委, status: finished}\n", encoding="utf-8")
    result = gongkai("due", "-u", "市教委", "-p", str(path))
    assert result.exit_code == 3
    assert result.stdout == ""


# --- 1. windows ---------------------------------------------------------------------------


def test_month_is_the_month_s_first_to_last_day(gongkai: Gongkai) -> None:
    month = gongkai("due", "-u", "长宁区政府", "--month", "2021-06", "--format", "json").json()
    span = gongkai("due", "-u", "长宁区政府", "--after", "2021-06-01", "--before", "2021-06-30", "--format", "json").json()  # fmt: skip
    assert month == span
    assert (month["after"], month["before"]) == ("2021-06-01", "2021-06-30")
    assert [t["seq"] for t in month["tasks"]] == [8, 19, 22]
    for spelling in ("2021/6", "202106", "2021年6月"):
        assert (
            gongkai("due", "-u", "长宁区政府", "--month", spelling, "--format", "json").json()
            == month
        )


@pytest.mark.parametrize(
    ("within", "before"),
    [("30d", "2021-07-15"), ("30天", "2021-07-15"), ("2w", "2021-06-29"), ("3m", "2021-09-15")],
)
def test_within_runs_from_the_as_of_day(gongkai: Gongkai, within: str, before: str) -> None:
    data = gongkai("due", "-u", "长宁区政府", "--within", within, "--format", "json").json()
    assert (data["after"], data["before"]) == ("2021-06-15", before)


def test_within_30d_lists_june_s_tasks_and_the_overdue_ones_apart(gongkai: Gongkai) -> None:
    data = gongkai("due", "-u", "市教委", "--within", "30d", "--format", "json").json()
    assert [t["seq"] for t in data["tasks"]] == [8, 21, 22, 48]
    assert [t["seq"] for t in data["overdue_before"]] == [27, 99, 12]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2021-13"], "Error: invalid month '2021-13' for --month: there is no month 13\n"),
        (["--month", "June"], "Error: invalid month 'June' for --month: expected 2021-06, 2021/6, 202106 or 2021年6月\n"),
        (["--month", "2021-06", "--before", "2021-06-30"], "Error: --month cannot be combined with --before or --after\n"),
        (["--within", "30d", "--after", "2021-06-01"], "Error: --within cannot be combined with --before or --after\n"),
        (["--within", "30d", "--month", "2021-06"], "Error: --month and --within cannot be combined: choose one\n"),
        (["--within", "soon"], "Error: invalid span 'soon' for --within: expected 30d, 2w, 3m, 30天, 2周 or 3个月\n"),
        (["--grep", "  "], "Error: --grep needs a word to search for\n"),
    ],
)  # fmt: skip
def test_bad_windows_exit_2_with_one_line(gongkai: Gongkai, args: list[str], message: str) -> None:
    result = gongkai("due", "-u", "市教委", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_after_shows_the_open_overdue_tasks_before_it_in_a_group_of_their_own(
    gongkai: Gongkai, progress: Path
) -> None:
    result = gongkai(
        *["due", "-u", "市教委", "--after", "2021-04-01", "--before", "2021-04-30"]
        + ["-p", progress.name]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    # 27 was done (late), so only 99 is still open among the tasks before the window.
    assert result.stdout == (
        "市教委 应办任务（截止日期 2021-04-01 起 2021-04-30 前；状态截至 2021-06-15）\n"
        "序号   任务名称 / 任务内容          角色              截止            状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "  12   【加强信息处理费收费管理】   负责              2021-04-16      已完成\n"
        "       在本单位政府信息公开指南中   经 市政府各部门   2月底前         2021-03-18\n"
        "       载明收费要求和标准,加强收                      原定\n"
        "       费管理。                                       2021-02-28\n"
        "                                                      gongkai 约定†\n"
        "共 1 项：牵头 0，负责 1，配合 0 · 逾期 0 · 可能适用 0 · 已完成 1\n"
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），截\n"
        "止日按印发后30日计；--no-grace 则按原定日期计\n"
        "进展文件：p.yaml\n"
        "所属集合：市政府各部门\n"
        "此前到期、至今逾期未完成（截止日期在 2021-04-01 之前）\n"
        "序号   任务名称 / 任务内容             角色              截止         状态\n"
        "────────────────────────────────────────────────────────────────────────────────\n"
        "  99   【制订年度政务公开工作要点】    负责              2021-03-31   进行中\n"
        "       结合实际,制订本单位年度政务公   经 市政府各部门   3月底前      逾期 76 天\n"
        "       开工作要点,并在本工作要点印发\n"
        "       后30日内在本单位门户网站公开,\n"
        "       落实情况也要向社会公开。\n"
        "共 1 项逾期未完成\n"
    )
    data = gongkai(
        "due", "-u", "市教委", "--after", "2021-04-01", "-p", str(progress), "--format", "json"
    ).json()
    assert [t["seq"] for t in data["overdue_before"]] == [99]


def test_the_overdue_group_in_csv_and_markdown(gongkai: Gongkai) -> None:
    csv_out = gongkai("due", "-u", "市教委", "--after", "2021-06-01", "--before", "2021-06-30", "-f", "csv").expect()  # fmt: skip
    # applies is the column before the grace's two (due_as_written, due_convention)
    rows = [line.split(",")[0] + ":" + line.split(",")[-3] for line in csv_out.splitlines()[1:]]
    assert rows == ["8:owed", "21:owed", "22:owed", "48:owed",
                    "27:overdue_before", "99:overdue_before", "12:overdue_before"]  # fmt: skip
    md = gongkai("due", "-u", "市教委", "--after", "2021-06-01", "--format", "md").expect()
    assert "### 此前到期、至今逾期未完成（截止日期在 2021-06-01 之前）\n" in md


# --- 2. search ----------------------------------------------------------------------------


def test_tasks_grep_12345_finds_tasks_22_24_and_25(gongkai: Gongkai) -> None:
    result = gongkai("tasks", "--grep", "12345")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "2021年上海市政务公开工作要点（沪府办〔2021〕21号） 任务分解表 · 含“12345”\n"
        "序号   任务名称             责任单位                      时间节点   截止\n"
        "───────────────────────────────────────────────────────────────────────────────\n"
        "  22   优化网上政民互动渠   市政府办公厅、                6月底前    2021-06-30\n"
        "       道                   市大数据中心牵头,\n"
        "                            市政府各部门、各区政府负责\n"
        "  24   严格落实回复期限     市政府办公厅、市信访办、      全年       2021-12-31\n"
        "                            市大数据中心牵头,\n"
        "                            市政府各部门、区政府负责\n"
        "  25   强化“一网通办”平台   市政府办公厅、市信访办、      全年       2021-12-31\n"
        "       数据分析应用         市大数据中心牵头,\n"
        "                            市政府各部门、区政府负责\n"
        "3 项任务含“12345”（共 99 项；查找时忽略空白）\n"
    )
    data = gongkai("tasks", "--grep", "12345", "--format", "json").json()
    assert [t["seq"] for t in data["tasks"]] == [22, 24, 25]
    assert data["grep"] == "12345"


@pytest.mark.parametrize("word", ["规章统一", "规 章统一", "推进政府规章统一公开"])
def test_wrap_spaces_do_not_hide_a_match(gongkai: Gongkai, word: str) -> None:
    # Task 2's name is written 推进政府规 章统一公开 (the PDF's wrap space).
    data = gongkai("tasks", "--grep", word, "--format", "json").json()
    assert [t["seq"] for t in data["tasks"]] == [2]


def test_grep_matches_latin_letters_in_any_case(gongkai: Gongkai) -> None:
    assert (
        gongkai("tasks", "--grep", "vr", "--format", "json").json()["tasks"]
        == gongkai("tasks", "--grep", "VR", "--format", "json").json()["tasks"]
    )


def test_due_grep(gongkai: Gongkai) -> None:
    data = gongkai("due", "-u", "长宁区政府", "--grep", "12345", "--format", "json").json()
    assert data["grep"] == "12345"
    assert [t["seq"] for t in data["tasks"]] == [22, 24, 25]
    table = gongkai("due", "-u", "长宁区政府", "--grep", "12345").expect()
    assert table.startswith("长宁区政府 应办任务（全部任务；含“12345”；状态截至 2021-06-15）\n")
    assert "\x1b[" not in table  # piped: no highlighting


def test_tasks_long_shows_the_content(gongkai: Gongkai) -> None:
    table = gongkai("tasks", "--long").expect()
    assert "任务名称 / 任务内容" in table.splitlines()[1]
    assert " 2 【推进政府规章统一公开】  市司法局" in table  # the name as people read it
    assert "   系统清理现行有效的市政府\n" in table  # and the content under it
    assert "系统清理现行" not in gongkai("tasks").expect()


def test_the_match_is_highlighted_on_a_terminal_only(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from gongkai_cli.cli import output

    class Terminal:  # stdout as a terminal: what the command writes to is what it styles
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> int:
            self.text += text
            return len(text)

        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(output, "sys", type("Sys", (), {"stdout": terminal}))
    monkeypatch.delenv("NO_COLOR", raising=False)
    gongkai("tasks", "--grep", "规章统一").expect()
    assert "\x1b[1;31m规章统一\x1b[0m" in terminal.text  # the name shown without its wrap space
    assert terminal.text.splitlines()[1].startswith("\x1b[1m序号")  # the header is not searched
    monkeypatch.setattr(output, "sys", sys)
    assert "\x1b[" not in gongkai("tasks", "--grep", "规章统一").expect()


def test_styled_is_off_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from gongkai_cli.plan.search import pattern
    from gongkai_cli.render import table

    terminal = io.StringIO()
    monkeypatch.setattr(terminal, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not table.styled(terminal)
    assert table.highlighted("规 章", pattern("规章"), table.styled(terminal)) == "规 章"
    monkeypatch.delenv("NO_COLOR")
    assert table.styled(terminal)
    assert table.highlighted("推进规 章", pattern("规章"), True) == "推进\x1b[1;31m规 章\x1b[0m"


# --- 3. deadlines before the issue date -----------------------------------------------------


def test_nothing_is_overdue_on_the_day_of_issue(gongkai: Gongkai) -> None:
    result = gongkai("overdue", "--as-of", "2021-03-17")
    assert result.exit_code == 0
    assert result.stdout == "逾期与指标检查（截至 2021-03-17）\n无逾期、未达标或逾期完成的事项。\n"


def test_pre_issue_tasks_fall_due_at_issue_plus_the_grace_period(gongkai: Gongkai) -> None:
    on_the_day = gongkai("overdue", "--as-of", "2021-04-16", "--format", "json").json(
        1
    )  # 3月底前 lapsed
    assert [o for o in on_the_day["overdue"] if o["seq"] in (11, 12)] == []
    lapsed = gongkai("overdue", "--as-of", "2021-04-17", "--format", "json").json(1)
    seqs = [o["seq"] for o in lapsed["overdue"] if o["seq"] in (11, 12)]
    assert seqs.count(11) == 3 and seqs.count(12) == 54  # the 57 obligations
    item = next(o for o in lapsed["overdue"] if o["seq"] == 12)
    assert (item["due"], item["time_node"], item["days_late"]) == ("2021-04-16", "2月底前", 1)
    assert item["pre_issue"] == {
        "due_as_written": "2021-02-28",
        "issued": "2021-03-17",
        "grace": "印发后30日",
        "grace_days": 30,
        "convention": "gongkai 约定，文件未规定",
    }


def test_report_does_not_call_a_completion_the_day_after_issue_late(
    gongkai: Gongkai, progress: Path
) -> None:
    data = gongkai("report", "-u", "市教委", "-p", str(progress), "--format", "json").json()
    tasks = {t["seq"]: t for t in data["tasks"]}
    assert tasks[12]["delivered"] == [
        {"unit": "市教委", "completed": "2021-03-18", "late": False, "evidence": ""}
    ]
    months = {m["month"]: m["tasks"] for m in data["months"]}
    assert 12 in months[4] and 12 not in months[2]
    assert data["totals"]["done_late"] == 1  # 27 only


def test_ics_puts_pre_issue_tasks_on_their_effective_day(gongkai: Gongkai) -> None:
    from icalendar import Calendar

    result = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "-f", "ics")
    events = {str(e["SUMMARY"]): e for e in Calendar.from_ical(result.stdout_bytes).walk("VEVENT")}
    event = events["[负责] 任务12 加强信息处理费收费管理"]
    assert event.decoded("DTSTART") == dt.date(2021, 4, 16)
    assert (
        "印发前已到期：时间节点所指 2021-02-28 早于印发日期 2021-03-17，截止日按印发后30日计，即 2021-04-16（gongkai 约定，文件未规定；--no-grace 则按原定日期计）\n"
    ) in str(event["DESCRIPTION"])


def test_lint_still_flags_the_rows(gongkai: Gongkai) -> None:
    data = gongkai("lint", "--format", "json").json()
    kinds = {(f["seq"], f["kind"]) for f in data["findings"]}
    assert {(11, "before_issue"), (12, "before_issue")} <= kinds


def test_the_data_keeps_the_time_node_verbatim(gongkai: Gongkai) -> None:
    data = gongkai("show", "12", "--format", "json").json()
    assert data["time_node"] == "2月底前"
    # The reading of the text stays in the data; `due` is the day every command judges by.
    assert data["deadline"]["due"] == data["pre_issue"]["due_as_written"] == "2021-02-28"
    assert data["due"] == "2021-04-16"


def test_a_grace_period_not_written_as_days_after_issue_is_invalid_data(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    tasks = data / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace('value: "印发后30日"', 'value: "一个月"'),
        encoding="utf-8",
    )
    result = gongkai("validate", "--data", str(data))
    assert result.exit_code == 3
    assert "document.decisions.2.value: '一个月' is not a grace period: write 印发后N日" in (
        result.stderr
    )


def test_without_the_decision_a_pre_issue_task_is_due_on_the_issue_date() -> None:
    from dataclasses import replace

    from gongkai_cli.plan.load import load_plan
    from gongkai_cli.plan.obligations import pre_issue_policy

    document = load_plan().document
    bare = replace(document, decisions=())
    policy = pre_issue_policy(bare)
    assert (policy.grace_days, policy.effective) == (0, dt.date(2021, 3, 17))
    assert policy.due(dt.date(2021, 2, 28)) == dt.date(2021, 3, 17)
    assert policy.due(dt.date(2021, 3, 17)) == dt.date(2021, 3, 17)
    assert policy.due(None) is None


def test_status_wording_for_a_task_with_no_due_day() -> None:
    from gongkai_cli.render.due_views import _status_zh

    ongoing = {"status": "ongoing", "days_left": None, "all_year": False}
    assert _status_zh(ongoing) == "持续推进，不计逾期"
    waiting = {**ongoing, "status": "undated", "time_node": "决策文件出台后10个工作日"}
    assert _status_zh(waiting) == "暂无截止日期"
    assert _status_zh({**waiting, "time_node": ""}) == "未写时限，不计逾期"
    assert _status_zh({**ongoing, "progress": "in_progress"}) == "进行中\n持续推进，不计逾期"


def test_the_headline_reads_no_progress_file_and_no_yaml(tmp_path: Path) -> None:
    """Nor the modules of progress and reports, nor the message catalog: the headline
    prints no translated message, and the catalog is parsed on the first one. Nor does
    it compile the pattern that wraps lists of names (its table has no such column)."""
    import os
    import subprocess
    import sys

    watched = [
        "gongkai_cli.plan.search",
        "gongkai_cli.progress.file",
        "yaml",
        "gongkai_cli.model.progress",
        "gongkai_cli.queries.report",
        "gongkai_cli.queries.overdue",
        "gongkai_cli.model.draft",  # import's records (render/records.review_record)
        "catalog",
        "atoms pattern",  # render/text's pattern for lists of names: no such column here
    ]
    script = (
        "import atexit, sys\n"
        f"watched = {watched!r}\n"
        "from gongkai_cli import i18n\n"
        "from gongkai_cli.render import text\n"
        "def loaded(name):\n"
        "    if name == 'atoms pattern':\n"
        "        return text._atoms.cache_info().currsize > 0\n"
        "    return i18n._translations is not None if name == 'catalog' else name in sys.modules\n"
        "atexit.register(lambda: sys.stderr.write(repr([m for m in watched if loaded(m)])))\n"
        "from gongkai_cli.cli import main\n"
        "sys.argv = ['gongkai', 'due', '--unit', '市教委', '--before', '2021-06-30']\n"
        "main()\n"
    )
    env = {**os.environ, "GONGKAI_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GONGKAI_LANG")  # Chinese, the default: the catalog is there to be read
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
        )
        for _ in range(2)  # the first run fills the cache
    ]
    assert (runs[1].returncode, runs[1].stderr) == (0, "[]")


def test_markdown_marks_the_pre_issue_due_day_its_footnote_explains(gongkai: Gongkai) -> None:
    # The † of the footnote stands on the 截止 cell in Markdown too, in each group, with
    # the day as written beside it; the footnote says whose rule the grace is.
    footnote = (
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
        "截止日按印发后30日计；--no-grace 则按原定日期计"
    )
    out = gongkai("due", "-u", "市教委", "--before", "2021-04-30", "--format", "md").expect()
    assert "| 2月底前 | 2021-04-16†（原定 2021-02-28） | 逾期 60 天 |" in out
    assert out.count("\n" + footnote) == 1
    out = gongkai("due", "-u", "市教委", "--after", "2021-05-01", "--format", "md").expect()
    assert (
        "| 2月底前 | 2021-04-16†（原定 2021-02-28） | 逾期 60 天 |\n\n"
        + footnote
        + "\n\n### 可能适用"
    ) in out
