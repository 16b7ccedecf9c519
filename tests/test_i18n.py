"""Chinese for people by default, English with GONGKAI_LANG=en (issue 13, item 5).

The catalog is checked against the code: every message marked in the source and
every help text of the live command tree has Chinese, and the shipped .mo says
what the committed .po says. The rest are exact outputs in both languages.
"""

from __future__ import annotations

import shutil
import sys
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path

import pytest

from conftest import Gongkai
from gongkai_cli import i18n
from gongkai_cli.io.plans import default_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import catalog  # tools/catalog.py: the catalog's own tooling

PO = i18n.CATALOG.with_suffix(".po")


@pytest.fixture(scope="module")
def po() -> object:
    """The catalog as installed (CI installs the package, not the checkout)."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as stream:
        return read_po(stream, locale="zh_CN", domain="gongkai")


def test_the_package_ships_the_catalog() -> None:
    assert i18n.CATALOG.is_file()
    assert PO.is_file()


def test_the_shipped_mo_is_compiled_from_the_po(po: object) -> None:
    shipped = GNUTranslations(BytesIO(i18n.CATALOG.read_bytes()))
    fresh = GNUTranslations(BytesIO(catalog.compiled(po)))
    assert shipped._catalog == fresh._catalog  # type: ignore[attr-defined]


def test_every_message_has_chinese(po: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog, "SOURCE", Path(i18n.__file__).parent)
    assert catalog.untranslated(po) == []


def test_the_check_can_fail(po: object, monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalog.messages
    monkeypatch.setattr(catalog, "messages", lambda: {**real(), "a new message": ["x.py:1"]})
    assert catalog.untranslated(po) == ["a new message"]


def test_the_catalog_is_read_only_when_a_message_is_translated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(i18n, "_translations", None)
    i18n.use("en")
    assert i18n._("Options") == "Options"
    assert i18n._translations is None
    i18n.use("zh")
    assert i18n._("Options") == "选项"
    assert i18n.ngettext("{n} row", "{n} rows", 2) == "{n} rows"  # not in the catalog
    assert i18n._translations is not None


@pytest.mark.parametrize(
    ("spelling", "language"),
    [(None, "zh_CN"), ("zh", "zh_CN"), ("zh_CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("en", "en")],
)
def test_spellings(spelling: str | None, language: str) -> None:
    i18n.use(spelling)
    assert i18n.language() == language


HOLIDAYS_HELP_ZH = """\

 用法：gongkai holidays [选项]

 列出某年的法定节假日和调休上班日。

 示例：gongkai holidays --year 2021

╭─ 选项 ───────────────────────────────────────────────────────────────────────╮
│ --year         -y      <int>             年份（默认：今年）。                │
│ --format       -f      <table|json|csv>  table 供人阅读；json 或 csv         │
│                                          供脚本使用。                        │
│                                          [默认：table]                       │
│ --raw                                    csv、xlsx：以 = + - @               │
│                                          开头的单元格原样写出，不加防止其作  │
│                                          为公式运行的前导 '。                │
│ --holidays             <file>            节假日和调休工作日的 YAML           │
│                                          文件；其中每一年替代                │
│                                          chinese-calendar 对该年的数据（见   │
│                                          README）。                          │
│                                          [环境变量：GONGKAI_HOLIDAYS]        │
│ --provisional                            节假日日历最后一年的下一年按暂定日  │
│                                          历计算（暂定：放假办法第二条的节日  │
│                                          加周末，不含调休）；用它算出的结果  │
│                                          都标明暂定。                        │
│                                          [环境变量：GONGKAI_PROVISIONAL]     │
│ --help         -h                        显示本帮助后退出。                  │
╰──────────────────────────────────────────────────────────────────────────────╯

"""

HOLIDAYS_HELP_EN = """\

 Usage: gongkai holidays [OPTIONS]

 List a year's official holidays and its 调休 make-up working days.

 Example: gongkai holidays --year 2021

╭─ Options ────────────────────────────────────────────────────────────────────╮
│ --year         -y      <int>             The year (default: this year).      │
│ --format       -f      <table|json|csv>  table for people; json or csv for   │
│                                          scripts.                            │
│                                          [default: table]                    │
│ --raw                                    csv, xlsx: cells that begin with =  │
│                                          + - @ as they are, without the      │
│                                          leading ' that keeps them from      │
│                                          running as formulas.                │
│ --holidays             <file>            YAML file of holidays and make-up   │
│                                          working days; each year in it       │
│                                          replaces chinese-calendar's data    │
│                                          for that year (see the README).     │
│                                          [env var: GONGKAI_HOLIDAYS]         │
│ --provisional                            Count the year after the holiday    │
│                                          calendar's last with a provisional  │
│                                          calendar (暂定: the holidays of th… │
│                                          放假办法 第二条 and weekends, no    │
│                                          调休); every result computed with   │
│                                          it is marked 暂定.                  │
│                                          [env var: GONGKAI_PROVISIONAL]      │
│ --help         -h                        Show this message and exit.         │
╰──────────────────────────────────────────────────────────────────────────────╯

"""

PROGRESS_HELP_ZH = """\

 用法：gongkai progress [选项] 命令 [参数]...

 记录和查看各单位的办理进度（进度文件）。

╭─ 选项 ───────────────────────────────────────────────────────────────────────╮
│ --help  -h        显示本帮助后退出。                                         │
╰──────────────────────────────────────────────────────────────────────────────╯
╭─ 命令 ───────────────────────────────────────────────────────────────────────╮
│ set       记录某单位某项任务的进度，保留文件中的注释（--create 新建台账）。  │
│ show      列出进度文件中的条目及各任务的截止日期。                           │
│ template  生成某单位应办任务的报送表，供其填写后交回。                       │
│ import    将交回的报送表并入进展台账：各单位改动的内容。                     │
│ rekey     把要点的文号记入仍记着旧文号的进度文件（文号更正后）。             │
╰──────────────────────────────────────────────────────────────────────────────╯

"""


def _lines(text: str) -> str:
    """Help as drawn, without the padding at line ends."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def test_help_is_chinese_by_default(gongkai: Gongkai, chinese: None) -> None:
    result = gongkai("holidays", "--help")
    assert (result.exit_code, _lines(result.stdout)) == (0, HOLIDAYS_HELP_ZH)
    result = gongkai("progress", "--help")
    assert (result.exit_code, _lines(result.stdout)) == (0, PROGRESS_HELP_ZH)


def test_top_level_help_in_chinese(gongkai: Gongkai, chinese: None) -> None:
    result = gongkai("--help")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[1].rstrip() == " 用法：gongkai [选项] 命令 [参数]..."
    assert (
        lines[3].rstrip() == " 《2021年上海市政务公开工作要点》（沪府办〔2021〕21号）的任务与时限。"
    )
    assert lines[5].startswith("╭─ 选项 ─")
    assert (
        lines[6].rstrip()
        == "│ --version            显示版本号后退出。                                      │"
    )
    assert lines[9].startswith("╭─ 命令 ─")
    assert (
        lines[10].rstrip()
        == "│ due          某单位应办哪些任务、何时截止，包括直接列名的和通过所属集合承担  │"
    )
    assert (
        lines[11].rstrip()
        == "│              的。                                                            │"
    )


def test_english_on_request_in_the_same_process(gongkai: Gongkai, chinese: None) -> None:
    assert _lines(gongkai("holidays", "--help").stdout) == HOLIDAYS_HELP_ZH
    english = gongkai("holidays", "--help", env={"GONGKAI_LANG": "en"})
    assert _lines(english.stdout) == HOLIDAYS_HELP_EN
    assert _lines(gongkai("holidays", "--help").stdout) == HOLIDAYS_HELP_ZH


def test_an_unknown_language_exits_2_in_both(gongkai: Gongkai) -> None:
    result = gongkai("holidays", env={"GONGKAI_LANG": "fr"})
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "错误：GONGKAI_LANG='fr' 无法识别，可用 zh（中文，默认）或 en"
        " / Error: unknown GONGKAI_LANG='fr': use zh (Chinese, the default) or en\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--unit", "市教委", "--format", "x"],
            "错误：'--format' / '-f' 的值无效：'x' 不在可选值 'table', 'json', 'csv', 'md',"
            " 'ics', 'xlsx' 之中。（参见 'gongkai due --help'）",
        ),
        (["due"], "错误：缺少选项 '--unit' / '-u'。（参见 'gongkai due --help'）"),
        (["nosuch"], "错误：没有命令 'nosuch'。（参见 'gongkai --help'）"),
        (
            ["due", "--unit", "市教委", "--nosuch"],
            "错误：没有选项 --nosuch（参见 'gongkai due --help'）",
        ),
        (
            ["holidays", "--year", "x"],
            "错误：'--year' / '-y' 的值无效：'x' 不是有效的整数。（参见 'gongkai holidays --help'）",
        ),
        (
            ["due", "--unit", "市教委", "--remind", "-1", "--format", "ics"],
            "错误：'--remind' 的值无效：-1 不在范围 x>=0 内。（参见 'gongkai due --help'）",
        ),
        (["show", "1", "2"], "错误：多余的参数（2）（参见 'gongkai show --help'）"),
        (["show", "1", "--format"], "错误：选项 '--format' 需要一个值。"),
    ],
)
def test_click_usage_errors_in_chinese(
    gongkai: Gongkai, chinese: None, args: list[str], message: str
) -> None:
    result = gongkai(*args)
    assert (result.exit_code, result.stderr) == (2, message + "\n")


def test_errors_in_chinese_with_their_exit_codes(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    assert gongkai("show", "999") == (2, "", "错误：没有第 999 项任务：要点的任务序号为 1..99\n")
    assert gongkai("due", "--unit", "市教委", "--month", "2021-13") == (
        2,
        "",
        "错误：月份无效 '2021-13'（--month）：没有 13 月\n",
    )
    assert gongkai("due", "--unit", "市教委", "--before", "2021-02-30") == (
        2,
        "",
        "错误：日期无效 '2021-02-30'（--before）：该月没有这一天\n",
    )
    assert gongkai("deadline", "--from", "2026-12-20", "--days", "15") == (
        4,
        "",
        "错误：2026-12-20 之后 15 个工作日：2027 年超出节假日日历的范围（2004-2026）；"
        "请在节假日文件中提供该年的节假日和调休上班日（--holidays FILE 或 GONGKAI_HOLIDAYS）\n",
    )
    data = tmp_path / "plan"
    shutil.copytree(default_data_dir(), data)
    tasks = data / "tasks.yaml"
    tasks.write_text(tasks.read_text("utf-8").replace("  - seq: 2\n", "  - seq: 3\n", 1), "utf-8")
    assert gongkai("validate", "--data", str(data)) == (
        3,
        "",
        f"错误：数据无效（1 处问题）：\n{tasks}:122: tasks.2.seq: 序号 3 与第 111 行的序号重复\n",
    )


def test_the_same_error_in_english(gongkai: Gongkai) -> None:
    assert gongkai("show", "999") == (2, "", "Error: no task 999: the plan's tasks run 1..99\n")


def test_notes_and_summaries_in_chinese(gongkai: Gongkai, chinese: None, tmp_path: Path) -> None:
    code, _, err = gongkai("due", "--unit", "市教委", "--open", "--before", "2021-03-31")
    assert (code, err) == (
        0,
        "未指定进度文件（--progress / $GONGKAI_PROGRESS）：所有任务均按未完成计\n",
    )
    code, _, err = gongkai("overdue", "--unit", "市教委", "--as-of", "2021-07-01")
    assert (code, err) == (
        1,
        "未指定进度文件（--progress / $GONGKAI_PROGRESS）：所有任务均按未完成计\n"
        "gongkai overdue：逾期未完成 7，未达标 0，指标未填报 0，逾期完成 0\n",
    )
    replies = tmp_path / "replies.csv"
    replies.write_text(
        "id,received,replied,rule\n"
        "1,2021-06-01,2021-06-04,consult\n"
        "2,2021-06-01,2021-06-15,consult\n"
        "3,2021-06-10,,consult\n"
        "4,x,,consult\n",
        "utf-8",
    )
    result = gongkai("reply-check", "--file", str(replies), "--format", "table")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "行 编号 收到       答复       期限       截止       已用 结论     剩余/逾期\n"
        "───────────────────────────────────────────────────────────────────────────────\n"
        " 2 1    2021-06-01 2021-06-04 网上咨询 5 2021-06-08    3 按时\n"
        " 3 2    2021-06-01 2021-06-15 网上咨询 5 2021-06-08    9 逾期答复 逾期7天\n"
        " 4 3    2021-06-10            网上咨询 5 2021-06-18    2 办理中   剩余3个工作日\n"
        " 5 4    x                     网上咨询                   无效\n"
        "第5行：received: 日期无效 'x'：应为 2021-06-30、2021/6/30、20210630 或 2021年6月\n"
        "30日\n",
        "按时 1，逾期答复 1，办理中 1，超期未答复 0，无效 1（共 4 行）\n",
    )
    result = gongkai("reply-check", "--file", str(replies))
    assert result.stdout.splitlines()[-1] == (
        "5,4,x,,consult,,,,,,invalid,"
        "received: 日期无效 'x'：应为 2021-06-30、2021/6/30、20210630 或 2021年6月30日"
    )


ERRORS = {
    "GongkaiError",
    "UsageError",
    "UnknownUnitError",
    "UnreadableSourceError",
    "CalendarCoverageError",
    "BadParameter",
}


def _untranslated_messages(source: str, name: str) -> list[str]:
    """Messages for people written as bare text: an error's, a note's, a data problem's."""
    import ast
    import re

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if called in ERRORS or called == "note":
            message = node.args[0] if node.args else None
        elif called == "problem" and len(node.args) > 1:
            message = node.args[1]
        else:
            continue
        if isinstance(message, ast.JoinedStr):
            text = "".join(v.value for v in message.values if isinstance(v, ast.Constant))
        elif isinstance(message, ast.Constant) and isinstance(message.value, str):
            text = message.value
        else:
            continue
        if re.search(r"[A-Za-z]{2}", text):
            found.append(f"{name}:{node.lineno}: {text[:60]!r}")
    return found


def test_every_message_for_people_goes_through_the_catalog() -> None:
    package = Path(i18n.__file__).parent
    found = [
        problem
        for path in sorted(package.rglob("*.py"))
        for problem in _untranslated_messages(
            path.read_text(encoding="utf-8"), str(path.relative_to(package))
        )
    ]
    assert found == [], "wrap these in _() and add their Chinese (python tools/catalog.py)"


def test_the_message_scan_can_fail() -> None:
    source = 'raise UsageError(f"no task {seq}")\nnote("ok: done")\nraise UsageError(_("x"))\n'
    assert _untranslated_messages(source, "m.py") == ["m.py:1: 'no task '", "m.py:2: 'ok: done'"]


@pytest.mark.parametrize(
    "args",
    [
        ["due", "--unit", "市教委", "--before", "2021-06-30", "--format", "json"],
        ["overdue", "--unit", "市教委", "--as-of", "2021-07-01", "--format", "json"],
        ["tasks", "--format", "csv"],
        ["rules", "--format", "json"],
        ["deadline", "--from", "2021-09-30", "--rule", "consult", "--format", "json"],
    ],
)
def test_data_for_programs_is_the_same_in_both_languages(gongkai: Gongkai, args: list[str]) -> None:
    english = gongkai(*args, env={"GONGKAI_LANG": "en"})
    chinese = gongkai(*args, env={"GONGKAI_LANG": None})
    assert english.exit_code == chinese.exit_code
    assert english.stdout == chinese.stdout
    assert english.stdout


def test_a_plan_s_bad_time_node_and_unit_kind_in_chinese(
    gongkai: Gongkai, chinese: None, tmp_path: Path
) -> None:
    # Issue 9's bad input (exit 3): an unreadable 完成时限, an unknown unit kind.
    plan = tmp_path / "plan"
    shutil.copytree(Path(__file__).resolve().parent / "plans" / "items-2025", plan)
    tasks, units = plan / "tasks.yaml", plan / "units.yaml"
    written = tasks.read_text("utf-8")
    tasks.write_text(written.replace('"全年"', '"适时"', 1), "utf-8")
    code, _, err = gongkai("validate", "--data", str(plan))
    lines = err.splitlines()
    assert (code, lines[0]) == (3, "错误：数据无效（1 处问题）：")
    assert lines[1].startswith(
        f"{tasks}:35: tasks.2.time_node: '适时' 不是 gongkai 能读的时间写法（可读的写法：N月底前, "
    )
    assert lines[1].endswith("）；请原文照录，并记录一条决定（field: time_node）写明其读法")
    tasks.write_text(written, "utf-8")
    units.write_text(units.read_text("utf-8").replace("park_committee", "park", 1), "utf-8")
    assert gongkai("validate", "--data", str(plan)) == (
        3,
        "",
        "错误：数据无效（1 处问题）：\n"
        f"{units}:55: units.11.kind: 应为 'municipal_department'、'district_government'、"
        "'government_office'、'public_institution'、'state_owned_enterprise'、'collective'、"
        "'district_department'、'subdistrict_office'、'town_government'、'park_committee'、"
        "'enterprise'、'institution'、'provincial_department'、'city_government'、"
        "'internal_office' 之一\n",
    )
