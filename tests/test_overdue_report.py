"""`gongkai overdue` (the CI gate) and `gongkai report`, checked against the source table.

What a unit owes and when each task falls due are derived here from the annex
table of the source document, with a reading of its cells written for this
test, not from gongkai's data or code.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
YEAR = 2021
DEPARTMENTS = {"市政府各部门"}
DISTRICTS = {"各区政府", "各区人民政府", "区政府"}
ALIASES = {"市农委": "市农业农村委"}
# The plan's 成文日期 (the source's date line), and the grace period tasks.yaml records as
# its decision for deadlines before it (印发前已到期, see docs/due.md): due 30 days after.
ISSUED = dt.date(2021, 3, 17)
GRACE = dt.timedelta(days=30)


def effective(due: dt.date) -> dt.date:
    """A deadline before the issue date is due at issue plus the grace period."""
    return ISSUED + GRACE if due < ISSUED else due


def due_of(cell: str) -> dt.date:
    """The deadline a 时间节点 cell gives, read independently of timenodes.py."""
    if cell in ("全年",):
        return dt.date(YEAR, 12, 31)
    if cell == "上半年":
        return dt.date(YEAR, 6, 30)
    match = re.fullmatch(r"(\d{1,2})月(底前|份)", cell)
    assert match, f"unexpected time node {cell!r}"
    month = int(match.group(1))
    return dt.date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def source_rows() -> list[tuple[int, set[str], dt.date]]:
    """(序号, units named, due) per annex row. An empty 时间节点 cell is a merged cell:
    it continues the row above (row 6 continues row 5's 9月底前)."""
    rows: list[tuple[int, set[str], dt.date]] = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 5 and cells[0].isdigit():
            names = set()
            for part in re.split(r"[,，、]", cells[3]):
                name = re.sub(r"(牵头|负责|配合)$", "", part.strip())
                names.add(ALIASES.get(name, name))
            node = cells[4].strip()
            due = effective(due_of(node)) if node else rows[-1][2]
            rows.append((int(cells[0]), names, due))
    return rows


def owed_by_department(name: str) -> dict[int, dt.date]:
    return {seq: due for seq, names, due in source_rows() if name in names or names & DEPARTMENTS}


def owed_by_district(name: str) -> dict[int, dt.date]:
    return {seq: due for seq, names, due in source_rows() if name in names or names & DISTRICTS}


def districts() -> list[str]:
    data = yaml.safe_load((ROOT / "data" / "units.yaml").read_text(encoding="utf-8"))
    (collective,) = [u for u in data["units"] if u["name"] == "各区政府"]
    return list(collective["members"])


# 市教委's progress: one task on time, one late, one below its target, one with its
# target unrecorded, one meeting its target, one still in progress though overdue.
PROGRESS = textwrap.dedent(
    """\
    plan: 沪府办〔2021〕21号
    entries:
      - seq: 12
        unit: 市教委
        status: done
        completed: 2021-02-20
        evidence: 沪教委办〔2021〕1号
      - seq: 16
        unit: 市教委
        status: done
        completed: 2021-06-01
        values: {rate: 55}
      - seq: 27
        unit: 市教委
        status: done
        completed: 2021-04-10
      - seq: 38
        unit: 市教委
        status: done
        completed: 2021-06-01
        values: {products: 2}
      - seq: 90
        unit: 市教委
        status: done
        completed: 2021-05-20
      - seq: 99
        unit: 市教委
        status: in_progress
        note: 待党组会审定
    """
)


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    path = tmp_path / "progress.yaml"
    path.write_text(PROGRESS, encoding="utf-8")
    return path


# type: ignore[no-any-return]


# --- overdue --------------------------------------------------------------------------------


def test_source_reading_agrees_with_a_hand_count() -> None:
    owed = owed_by_department("市教委")
    # Hand-checked in the source: before 6月15日 市教委 owes rows 12 (2月底前) and 27, 99
    # (3月底前), all through 市政府各部门; row 11 (2月底前) names 市政府办公厅 only.
    assert sorted(seq for seq, due in owed.items() if due < dt.date(2021, 6, 15)) == [12, 27, 99]


def test_nothing_recorded_everything_past_due_is_overdue(gongkai: Gongkai) -> None:
    data = gongkai("overdue", "--unit", "市教委", "--format", "json").json(1)
    expected = sorted(
        (due.isoformat(), seq)
        for seq, due in owed_by_department("市教委").items()
        if due < dt.date(2021, 6, 15)
    )
    assert [(o["due"], o["seq"]) for o in data["overdue"]] == expected
    assert {o["unit"] for o in data["overdue"]} == {"市教委"}
    assert data["as_of"] == "2021-06-15"
    assert data["progress"] is None
    assert data["failed"] is True
    assert data["done_late"] == data["below_target"] == data["target_unrecorded"] == []


def test_the_gate_fails_the_day_after_a_due_date(gongkai: Gongkai) -> None:
    first_due = min(owed_by_department("市教委").values())
    on_the_day = gongkai(
        "overdue", "-u", "市教委", "--as-of", first_due.isoformat(), "--format", "json"
    ).json()
    assert on_the_day["overdue"] == []
    next_day = (first_due + dt.timedelta(days=1)).isoformat()
    lapsed = gongkai("overdue", "-u", "市教委", "--as-of", next_day, "--format", "json").json(1)
    assert [o["seq"] for o in lapsed["overdue"]] == sorted(
        seq for seq, due in owed_by_department("市教委").items() if due == first_due
    )
    assert lapsed["overdue"][0]["days_late"] == 1


def test_overdue_with_progress_json(gongkai: Gongkai, progress: Path) -> None:
    data = gongkai("overdue", "-u", "教委", "-p", str(progress), "--format", "json").json(1)
    common = {
        "unit": "市教委",
        "role": "responsible",
        "via": "市政府各部门",
        "evidence": "",
        "pre_issue": None,
    }
    assert data == {
        "as_of": "2021-06-15",
        "unit": "市教委",
        "progress": str(progress),
        "failed": True,
        "overdue": [
            {**common, "seq": 99, "name": "制订年度政务公开工作要点", "time_node": "3月底前",
             "due": "2021-03-31", "standing": "overdue", "progress": "in_progress",
             "completed": None, "days_late": 76, "note": "待党组会审定", "targets": []},
        ],
        "below_target": [
            {**common, "seq": 16, "name": "合理选择解读形式", "time_node": "全年",
             "due": "2021-12-31", "standing": "done_on_time", "progress": "done",
             "completed": "2021-06-01", "days_late": 0, "note": "",
             "targets": [{"id": "rate", "metric": "多元化解读率", "comparison": ">=",
                          "threshold": 60, "unit": "%", "value": 55, "state": "below"}],
             "target": {"id": "rate", "metric": "多元化解读率", "comparison": ">=",
                        "threshold": 60, "unit": "%", "value": 55, "state": "below"}},
        ],
        "target_unrecorded": [
            {**common, "seq": 90, "name": "健全组织领导和工作保障", "time_node": "11月底前",
             "due": "2021-11-30", "standing": "done_on_time", "progress": "done",
             "completed": "2021-05-20", "days_late": 0, "note": "",
             "targets": [{"id": "briefings", "metric": "主要领导听取政务公开工作汇报",
                          "comparison": ">=", "threshold": 1, "unit": "次", "value": None,
                          "state": "unrecorded"}],
             "target": {"id": "briefings", "metric": "主要领导听取政务公开工作汇报",
                        "comparison": ">=", "threshold": 1, "unit": "次", "value": None,
                        "state": "unrecorded"}},
        ],
        "done_late": [
            {**common, "seq": 27, "name": "实行重大行政决策事项目录管理", "time_node": "3月底前",
             "due": "2021-03-31", "standing": "done_late", "progress": "done",
             "completed": "2021-04-10", "days_late": 10, "note": "", "targets": []},
        ],
    }  # fmt: skip


def test_overdue_table_and_summary(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("overdue", "-u", "市教委", "-p", str(progress))
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent(
        """\
        逾期与指标检查（截至 2021-06-15）
        类别         序号   单位     截止         任务名称 / 情况
        ────────────────────────────────────────────────────────────────────────────────
        逾期未完成     99   市教委   2021-03-31   制订年度政务公开工作要点
                                                  逾期 76 天（进行中）
        未达标         16   市教委   2021-12-31   合理选择解读形式
                                                  多元化解读率 55%，应 >= 60%
        指标未填报     90   市教委   2021-11-30   健全组织领导和工作保障
                                                  主要领导听取政务公开工作汇报 未填报，
                                                  应 >= 1次
        逾期完成       27   市教委   2021-03-31   实行重大行政决策事项目录管理
                                                  2021-04-10 完成，晚 10 天
        逾期完成的事项只列出，不使检查失败。
        """
    )
    assert result.stderr == (
        "gongkai overdue: 1 overdue, 1 below target, 1 target unrecorded, 1 done late\n"
    )


def test_overdue_csv(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("overdue", "-u", "市教委", "-p", str(progress), "-f", "csv")
    assert result.exit_code == 1
    assert result.stdout == textwrap.dedent(
        """\
        kind,seq,name,unit,role,via,due,progress,completed,days_late,target,threshold,value,evidence,note,due_as_written,due_convention
        overdue,99,制订年度政务公开工作要点,市教委,responsible,市政府各部门,2021-03-31,in_progress,,76,,,,,待党组会审定,,
        below_target,16,合理选择解读形式,市教委,responsible,市政府各部门,2021-12-31,done,2021-06-01,0,rate,>= 60,55,,,,
        target_unrecorded,90,健全组织领导和工作保障,市教委,responsible,市政府各部门,2021-11-30,done,2021-05-20,0,briefings,>= 1,,,,,
        done_late,27,实行重大行政决策事项目录管理,市教委,responsible,市政府各部门,2021-03-31,done,2021-04-10,10,,,,,,,
        """
    )


def test_done_late_alone_does_not_fail_the_gate(gongkai: Gongkai, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    entries = "".join(
        f"  - {{seq: {seq}, unit: 市教委, status: done, completed: 2021-04-30}}\n"
        for seq in (12, 27, 99)
    )
    path.write_text("entries:\n" + entries, encoding="utf-8")
    result = gongkai("overdue", "-u", "市教委", "-p", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["failed"] is False
    assert data["overdue"] == []
    # 12 is 印发前已到期：due 2021-04-16, the issue date plus 30 days
    assert [(o["seq"], o["days_late"]) for o in data["done_late"]] == [(27, 30), (99, 30), (12, 14)]
    assert result.stderr == (
        "gongkai overdue: 0 overdue, 0 below target, 0 target unrecorded, 3 done late\n"
    )


def test_a_completion_after_the_as_of_date_does_not_count_yet(
    gongkai: Gongkai, progress: Path
) -> None:
    data = gongkai(
        "overdue", "-u", "市教委", "-p", str(progress), "--as-of", "2021-04-05", "--format", "json"
    ).json(1)
    assert [o["seq"] for o in data["overdue"]] == [27, 99]  # 27 was done on 04-10
    assert data["below_target"] == []  # 16 was done on 06-01: not yet checked


def test_a_met_target_is_not_a_finding_and_below_is_checked_against_the_plan(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "entries:\n"
        "  - {seq: 16, unit: 市教委, status: done, completed: 2021-06-01, values: {rate: 60}}\n"
        "  - {seq: 16, unit: 黄浦区政府, status: done, completed: 2021-06-01, values: {rate: 59.9}}\n"
        "  - {seq: 16, unit: 徐汇区政府, status: in_progress, values: {rate: 10}}\n",
        encoding="utf-8",
    )
    data = gongkai("overdue", "-p", str(path), "--format", "json").json(1)
    assert [(o["seq"], o["unit"], o["target"]["value"]) for o in data["below_target"]] == [
        (16, "黄浦区政府", 59.9)
    ]
    assert data["target_unrecorded"] == []


def test_a_collective_scope_covers_each_member(gongkai: Gongkai) -> None:
    data = gongkai("overdue", "-u", "各区政府", "--as-of", "2021-07-01", "--format", "json").json(1)
    expected = sorted(
        (name, seq)
        for name in districts()
        for seq, due in owed_by_district(name).items()
        if due < dt.date(2021, 7, 1)
    )
    assert sorted((o["unit"], o["seq"]) for o in data["overdue"]) == expected
    assert data["unit"] == "各区政府"


def test_without_a_progress_file_a_note_says_nothing_counts_as_done(gongkai: Gongkai) -> None:
    result = gongkai("overdue", "-u", "市教委", "--as-of", "2021-01-31")
    assert result.exit_code == 0
    assert result.stdout == "逾期与指标检查（截至 2021-01-31）\n无逾期、未达标或逾期完成的事项。\n"
    assert result.stderr == (
        "no progress file (--progress / $GONGKAI_PROGRESS): nothing counts as done\n"
        "gongkai overdue: 0 overdue, 0 below target, 0 target unrecorded, 0 done late\n"
    )


@pytest.mark.parametrize("command", ["overdue", "report"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-u", "市教育局"], "Error: unknown unit '市教育局'; did you mean 市教委 or 市体育局? ('gongkai units' lists them; to add one, write its name and kind in the plan's units.yaml, or ask as a member with --member-of COLLECTIVE)\n"),
        (["-u", "各相关单位"], "Error: 各相关单位 lists no members: name one of its units instead\n"),
        (["--as-of", "6/15"], "Error: invalid date '6/15' for --as-of: expected 2021-06-30, 2021/6/30, 20210630 or 2021年6月30日\n"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(gongkai: Gongkai, command: str, args: list[str], message: str) -> None:
    result = gongkai(command, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_the_environment_variable_names_the_progress_file(
    gongkai: Gongkai, progress: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_PROGRESS", str(progress))
    data = gongkai("overdue", "-u", "市教委", "--format", "json").json(1)
    assert data["progress"] == str(progress)
    assert [o["seq"] for o in data["done_late"]] == [27]


# --- report ---------------------------------------------------------------------------------


def test_report_counts_for_one_unit_by_hand(gongkai: Gongkai, progress: Path) -> None:
    owed = owed_by_department("市教委")
    data = gongkai("report", "-u", "市教委", "-p", str(progress), "--format", "json").json()
    # By hand from PROGRESS: on time 12, 16, 38, 90; late 27; overdue 99 (in progress);
    # everything else owed is due after 2021-06-15, so open.
    assert data["totals"] == {
        "owed": len(owed),
        "done_on_time": 4,
        "done_late": 1,
        "overdue": 1,
        "open": len(owed) - 6,
        "below_target": 1,
        "target_unrecorded": 1,
        "completion_rate": round(5 / len(owed), 4),
        # Due so far: the five done and the one overdue; five of them done.
        "due_so_far": 6,
        "completion_rate_due": round(5 / 6, 4),
    }
    assert data["units"] == [{"unit": "市教委", "kind": "municipal_department", **data["totals"]}]
    # Worst first: the overdue task, then the two with a target finding, then plan order.
    seqs = [t["seq"] for t in data["tasks"]]
    assert seqs[:3] == [99, 16, 90]
    assert seqs[3:] == sorted(set(owed) - {99, 16, 90})
    tasks = {t["seq"]: t for t in data["tasks"]}
    assert tasks[27]["delivered"] == [
        {"unit": "市教委", "completed": "2021-04-10", "late": True, "evidence": ""}
    ]
    assert tasks[12]["delivered"][0]["evidence"] == "沪教委办〔2021〕1号"
    assert tasks[99]["overdue_units"] == ["市教委"]
    assert tasks[99]["entries"] == [
        {
            "unit": "市教委",
            "standing": "overdue",
            "completed": None,
            "evidence": "",
            "note": "待党组会审定",
        }
    ]
    assert tasks[16]["targets"] == [
        {
            "unit": "市教委",
            "target": {
                "id": "rate",
                "metric": "多元化解读率",
                "comparison": ">=",
                "threshold": 60,
                "unit": "%",
                "value": 55,
                "state": "below",
            },
        }
    ]
    months = {m["month"]: m for m in data["months"]}
    for month in range(1, 13):
        assert months[month]["tasks"] == sorted(s for s, d in owed.items() if d.month == month)
    assert (months[3]["done_late"], months[3]["overdue"]) == (1, 1)


def test_report_for_every_district_matches_the_source(gongkai: Gongkai) -> None:
    data = gongkai("report", "-u", "各区政府", "--as-of", "2021-07-01", "--format", "json").json()
    # Every district once, worst first (the most overdue lead; ties keep the data's order).
    assert sorted(u["unit"] for u in data["units"]) == sorted(districts())
    overdue = [u["overdue"] for u in data["units"]]
    assert overdue == sorted(overdue, reverse=True)
    for row in data["units"]:
        owed = owed_by_district(row["unit"])
        overdue = sum(1 for due in owed.values() if due < dt.date(2021, 7, 1))
        assert (row["owed"], row["overdue"], row["open"]) == (
            len(owed),
            overdue,
            len(owed) - overdue,
        )
        assert row["completion_rate"] == 0.0
    assert data["totals"]["owed"] == sum(u["owed"] for u in data["units"])


def test_report_for_every_unit_sums_its_units(gongkai: Gongkai, progress: Path) -> None:
    data = gongkai("report", "-p", str(progress), "--format", "json").json()
    assert data["unit"] is None
    for key in ("owed", "done_on_time", "done_late", "overdue", "open"):
        assert data["totals"][key] == sum(u[key] for u in data["units"])
        assert data["totals"][key] == sum(t[key] for t in data["tasks"])
        assert data["totals"][key] == sum(m[key] for m in data["months"])
    # Worst first: most overdue, then most target findings, then the lowest rate so far.
    for rows in (data["units"], data["tasks"]):
        keys = [
            (
                -row["overdue"],
                -(row["below_target"] + row["target_unrecorded"]),
                1.0 if row["completion_rate_due"] is None else row["completion_rate_due"],
            )
            for row in rows
        ]
        assert keys == sorted(keys)
    # Task 17 names 市政府各部门 and 各区政府: owed by every department and district once.
    (task17,) = [t for t in data["tasks"] if t["seq"] == 17]
    departments = [u["unit"] for u in data["units"] if u["kind"] == "municipal_department"]
    assert task17["owed"] == len(districts()) + len(
        [d for d in departments if 17 in owed_by_department(d)]
    )


def test_report_markdown(gongkai: Gongkai, progress: Path) -> None:
    result = gongkai("report", "-u", "市教委", "-p", str(progress))
    assert result.exit_code == 0, result.stderr
    owed = len(owed_by_department("市教委"))
    lines = result.stdout.splitlines()
    assert lines[:20] == [
        "# 2021年上海市政务公开工作要点落实情况（截至 2021-06-15）",
        "",
        f"2021年上海市政务公开工作要点（沪府办〔2021〕21号） · 范围：市教委 · 进展文件：{progress}",
        "",
        "到期完成率 = 已完成 ÷ 截至当日应办（已过截止日或已完成的事项）；全年完成率 = 已完成 ÷ 全年应办。已完成含按时与逾期完成。集合（一组单位）的任务由其每个成员分别计算。单位与任务按最差在前排列：逾期未完成多者在前，其次指标问题多者，其次到期完成率低者。",
        "",
        "## 总体",
        "",
        "| 应办 | 按时完成 | 逾期完成 | 逾期未完成 | 未到期 | 未达标 | 指标未填报 | 到期完成率 "
        "| 全年完成率 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {owed} | 4 | 1 | 1 | {owed - 6} | 1 | 1 | 83.3% | {500 / owed:.1f}% |",
        "",
        "## 各单位",
        "",
        "| 单位 | 应办 | 按时完成 | 逾期完成 | 逾期未完成 | 未到期 | 未达标 | 指标未填报 "
        "| 到期完成率 | 全年完成率 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| 市教委 | {owed} | 4 | 1 | 1 | {owed - 6} | 1 | 1 | 83.3% | {500 / owed:.1f}% |",
        "",
        "## 各任务",
        "",
    ]
    # Worst first, the overdue task naming its overdue unit.
    assert (
        lines[lines.index("## 各任务") + 6]
        == "| 99 | 制订年度政务公开工作要点 | 2021-03-31 | — | 0/1 | 1 | 市教委 |"
    )
    assert "| 27 | 实行重大行政决策事项目录管理 | 2021-03-31 | 市教委※ | 1/1 | 0 | — |" in lines
    # 12 (2月底前) is 印发前已到期：its 截止 is the day it is judged by, marked and explained
    assert (
        "| 12 | 加强信息处理费收费管理 | 2021-04-16†（原定 2021-02-28） | 市教委 | 1/1 | 0 | — |"
        in lines
    )
    after_tasks = lines[lines.index("## 指标") - 3 : lines.index("## 指标")]
    assert after_tasks[1:] == [
        "† gongkai 约定，文件未规定：时间节点早于印发日期 2021-03-17（印发前已到期），"
        "截止日按印发后30日计；--no-grace 则按原定日期计",
        "",
    ]
    assert lines[lines.index("## 指标") :][6:9] == [
        "| 16 | 合理选择解读形式 | 市教委 | 多元化解读率 | ≥60% | 55% | 未达标 |",
        "| 90 | 健全组织领导和工作保障 | 市教委 | 主要领导听取政务公开工作汇报 | ≥1次 | — "
        "| 指标未填报 |",
        "| 38 | 强化标准化规范化成果创新性应用 | 市教委 | 该领域的标准化应用产品 | ≥1个 | 2个 "
        "| 已达标 |",
    ]
    assert lines[lines.index("## 佐证与备注") :][2:6] == [
        "| 序号 | 任务名称 | 单位 | 情况 | 完成日期 | 佐证 | 备注 |",
        "|---|---|---|---|---|---|---|",
        "| 99 | 制订年度政务公开工作要点 | 市教委 | 逾期未完成 | — | — | 待党组会审定 |",
        "| 12 | 加强信息处理费收费管理 | 市教委 | 按时完成 | 2021-02-20 | 沪教委办〔2021〕1号 | — |",
    ]


def test_report_json_dates_a_pre_issue_task_as_it_judges_it(
    gongkai: Gongkai, progress: Path
) -> None:
    data = gongkai("report", "-u", "市教委", "-p", str(progress), "--format", "json").json()
    (task12,) = [t for t in data["tasks"] if t["seq"] == 12]
    assert (task12["time_node"], task12["due"]) == ("2月底前", "2021-04-16")
    assert task12["pre_issue"] == {
        "due_as_written": "2021-02-28",
        "issued": "2021-03-17",
        "grace": "印发后30日",
        "grace_days": 30,
        "convention": "gongkai 约定，文件未规定",
    }
    (task27,) = [t for t in data["tasks"] if t["seq"] == 27]
    assert task27["due"] == "2021-03-31" and "pre_issue" not in task27
