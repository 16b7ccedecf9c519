"""Chinese for people by default, English with GONGKAI_LANG=en (issue 13, item 5).

The catalog is checked against the code: every message marked in the source and
every help text of the live command tree has Chinese, and the shipped .mo says
what the committed .po says. The rest are exact outputs in both languages.
"""

from __future__ import annotations

import sys
from gettext import GNUTranslations
from io import BytesIO
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai_cli import i18n
from gongkai_cli.cli import app

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
│ --year      -y      <int>             年份（默认：今年）。                   │
│ --format    -f      <table|json|csv>  table 供人阅读；json 或 csv            │
│                                       供脚本使用。                           │
│                                       [默认：table]                          │
│ --holidays          <file>            节假日和调休工作日的 YAML              │
│                                       文件；其中每一年替代 chinese-calendar  │
│                                       对该年的数据（见 README）。            │
│                                       [环境变量：GONGKAI_HOLIDAYS]           │
│ --help      -h                        显示本帮助后退出。                     │
╰──────────────────────────────────────────────────────────────────────────────╯

"""

HOLIDAYS_HELP_EN = """\

 Usage: gongkai holidays [OPTIONS]

 List a year's official holidays and its 调休 make-up working days.

 Example: gongkai holidays --year 2021

╭─ Options ────────────────────────────────────────────────────────────────────╮
│ --year      -y      <int>             The year (default: this year).         │
│ --format    -f      <table|json|csv>  table for people; json or csv for      │
│                                       scripts.                               │
│                                       [default: table]                       │
│ --holidays          <file>            YAML file of holidays and make-up      │
│                                       working days; each year in it replaces │
│                                       chinese-calendar's data for that year  │
│                                       (see the README).                      │
│                                       [env var: GONGKAI_HOLIDAYS]            │
│ --help      -h                        Show this message and exit.            │
╰──────────────────────────────────────────────────────────────────────────────╯

"""

PROGRESS_HELP_ZH = """\

 用法：gongkai progress [选项] 命令 [参数]...

 记录和查看各单位的办理进度（进度文件）。

╭─ 选项 ───────────────────────────────────────────────────────────────────────╮
│ --help  -h        显示本帮助后退出。                                         │
╰──────────────────────────────────────────────────────────────────────────────╯
╭─ 命令 ───────────────────────────────────────────────────────────────────────╮
│ set   记录某单位某项任务的进度，保留文件中的注释；文件不存在时新建。         │
│ show  列出进度文件中的条目及各任务的截止日期。                               │
╰──────────────────────────────────────────────────────────────────────────────╯

"""


def _lines(text: str) -> str:
    """Help as drawn, without the padding at line ends."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def test_help_is_chinese_by_default(runner: CliRunner, chinese: None) -> None:
    result = runner.invoke(app, ["holidays", "--help"])
    assert (result.exit_code, _lines(result.stdout)) == (0, HOLIDAYS_HELP_ZH)
    result = runner.invoke(app, ["progress", "--help"])
    assert (result.exit_code, _lines(result.stdout)) == (0, PROGRESS_HELP_ZH)


def test_top_level_help_in_chinese(runner: CliRunner, chinese: None) -> None:
    result = runner.invoke(app, ["--help"])
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


def test_english_on_request_in_the_same_process(runner: CliRunner, chinese: None) -> None:
    assert _lines(runner.invoke(app, ["holidays", "--help"]).stdout) == HOLIDAYS_HELP_ZH
    english = runner.invoke(app, ["holidays", "--help"], env={"GONGKAI_LANG": "en"})
    assert _lines(english.stdout) == HOLIDAYS_HELP_EN
    assert _lines(runner.invoke(app, ["holidays", "--help"]).stdout) == HOLIDAYS_HELP_ZH


def test_an_unknown_language_exits_2_in_both(runner: CliRunner) -> None:
    result = runner.invoke(app, ["holidays"], env={"GONGKAI_LANG": "fr"})
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
    runner: CliRunner, chinese: None, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stderr) == (2, message + "\n")
