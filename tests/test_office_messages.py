"""Messages that tripped a real office (issue 22 item 3): English in Chinese mode (a
mistyped option, a data file's schema and YAML errors), mixed ASCII and full-width
punctuation in one sentence, and `overdue` printing its totals twice.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "src" / "gongkai_cli" / "locale" / "zh_CN" / "LC_MESSAGES" / "gongkai.po"
PUTUO = ROOT / "examples" / "putuo.yaml"


# --- click's usage errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["due", "--unti", "市教委"],
         "错误：没有选项 --unti（可用的选项：--month, --unit）（参见 'gongkai due --help'）\n"),
        (["due"], "错误：缺少选项 '--unit' / '-u'。（参见 'gongkai due --help'）\n"),
        (["report", "-f", "csv"],
         "错误：'--format' / '-f' 的值无效：'csv' 不在可选值 'md', 'html', 'json', 'xlsx' 之中。"
         "（参见 'gongkai report --help'）\n"),
        (["due", "--unit", "市教委", "--bogus"],
         "错误：没有选项 --bogus（参见 'gongkai due --help'）\n"),
    ],
)  # fmt: skip
def test_usage_errors_are_chinese(
    gongkai: Gongkai, chinese: None, args: list[str], said: str
) -> None:
    assert gongkai(*args) == (2, "", said)


# --- data files: schema and YAML errors, the field path kept -------------------------------


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("- seq: 16\n", ["p.yaml:1: 应为字段的映射（键: 值）"]),
        (
            "entries:\n  - seq: 16\n    unit: 市教委\n    status: 进行中\n"
            "    values: {rate: abc}\n    extra: 1\n",
            ["p.yaml:5: entries.0.values.rate: 'abc' 不是数：请写如 95 或 95.5 的数",
             "p.yaml:6: entries.0.extra: 未知字段（不在数据结构中；见 'gongkai schema'）"],
        ),
        (
            "entries:\n  - seq: 16\n    unit: 市教委\n    status: 已完成\n    completed: 2021-13-01\n",
            ["p.yaml:5: entries.0.completed: '2021-13-01' 无效：月份须在 1..12 之间"],
        ),
        (
            "entries:\n  - seq: 16\n    unit: 市教委\n   status: done\n",
            ["p.yaml:4: YAML 语法错误：在列表（- 项）中，此处应为列表项（- ）（请检查缩进）"],
        ),
        (
            "entries:\n\t- seq: 16\n",
            ["p.yaml:2: YAML 语法错误：读取下一项时，此处的字符不能作为值的开头"
             "（请给文字加引号；缩进用空格，不用制表符）"],
        ),
        ("entries: [1, 2\n", ["p.yaml:2: YAML 语法错误：在方括号列表（[ ]）中，应为逗号或右方括号 ]"]),
        ("entries: 'abc\n", ["p.yaml:2: YAML 语法错误：读取引号中的文字时，文件提前结束（引号或括号没有闭合）"]),
        ("entries:\n  - seq: 16\n  - seq: 16\n    seq: 17\n",
         ["p.yaml:4: entries.1.seq: 键重复（第一次在第 3 行）：YAML 只保留最后一个"]),
    ],
)  # fmt: skip
def test_data_file_errors_are_chinese_with_their_place(
    gongkai: Gongkai, tmp_path: Path, chinese: None, text: str, said: list[str]
) -> None:
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    code, out, err = gongkai("progress", "show", "-p", "p.yaml")
    count = len(said)
    assert (code, out, err) == (
        3,
        "",
        f"错误：数据无效（{count} 处问题）：\n" + "\n".join(said) + "\n",
    )


def test_in_english_pydantic_and_yaml_say_it_as_before(gongkai: Gongkai, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text("entries: [1, 2\n", encoding="utf-8")
    assert gongkai("progress", "show", "-p", "p.yaml").stderr == (
        "Error: invalid data (1 problem):\n"
        "p.yaml:2: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'\n"
    )


# --- one punctuation style ------------------------------------------------------------------

CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"
ASCII_BESIDE_CJK = re.compile(rf"{CJK}\s*[,;:()]|[,;:()]\s*{CJK}")
# What is written as typed, not as a sentence: YAML's `key: value`, a YAML mapping to
# copy into a draft (`{{field: time_node, value: …, reason: 理由}}`, braces doubled for
# format()), a character named in brackets, a `file:line:` place, options'
# `NAME=header,...` lists.
CODE = re.compile(
    r"键: 值|\{\{[^{}]*(?:\{\w+\}[^{}]*)*\}\}|“: ”|（[,;:()!]）|\{\w+\}:(?:\d+|\{\w+\}):|\S+=\S*"
)


def test_chinese_sentences_use_full_width_punctuation() -> None:
    # The house style for Chinese text: ，：；（） inside a sentence; ASCII only in what
    # is written as typed (options, paths, codes, YAML), and between ASCII words.
    with PO.open("rb") as stream:
        catalog = read_po(stream)
    mixed = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and ASCII_BESIDE_CJK.search(CODE.sub(" ", text)):
                mixed.append(text)
    assert mixed == []


def test_the_punctuation_check_can_fail() -> None:
    assert ASCII_BESIDE_CJK.search(CODE.sub(" ", "完成,晚 9 天"))
    assert ASCII_BESIDE_CJK.search(CODE.sub(" ", "已写入 {path} (新建)"))
    assert not ASCII_BESIDE_CJK.search(CODE.sub(" ", "{path}:3: 应为映射（键: 值）"))
    assert not ASCII_BESIDE_CJK.search(CODE.sub(" ", "记录{{field: f, value: {v}, reason: 理由}}"))
    assert ASCII_BESIDE_CJK.search(CODE.sub(" ", "记录{{field: f}},理由"))


# --- overdue: its totals once ---------------------------------------------------------------


def test_overdue_says_its_totals_once_on_stderr(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2021-07-15")
    code, out, err = gongkai("overdue", "-p", str(PUTUO), "--unit", "普陀区政府")
    assert code == 1
    assert err == "gongkai overdue：逾期未完成 3，未达标 0，指标未填报 0，逾期完成 1\n"
    assert out.endswith("逾期完成的事项只列出，不使检查失败。\n")
    assert "逾期未完成 3" not in out and "退出码" not in out + err


def test_overdue_json_keeps_its_counts_in_the_data(
    gongkai: Gongkai, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_TODAY", "2021-07-15")
    code, out, err = gongkai("overdue", "-p", str(PUTUO), "--unit", "普陀区政府", "-f", "json")
    assert code == 1
    assert err == "gongkai overdue: 3 overdue, 0 below target, 0 target unrecorded, 1 done late\n"
    assert textwrap.dedent(out).startswith("{")
