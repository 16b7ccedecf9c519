"""`gongkai lint`: every finding on the shipped plan, each checked by hand against the source.

The expected findings below were written out after reading each one against
data/source: the annex row's cell and the body paragraph it summarises. The
quotes are also checked mechanically: every annex or body quote must occur in
the source document itself, not just in tasks.yaml.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Gongkai

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = DATA / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"

FINDINGS = [
    (
        3,
        "wording",
        "任务名称「推进行政规 范性统一 公开」缺少“文件”：正文一、(一)作「推进政府规章和行政规范性文件统一公开」，本任务的任务内容亦作「行政规范性文件」",
    ),
    (
        6,
        "wording",
        "任务内容「并在统一政府信息公开平台中的“政策文件”栏目集中公开」，正文一、(一)作「并在本单位网站的政府信息公开专栏的“政策文件”栏目集中公开」：“统一”与“本单位网站的”、“平台中”与“专栏”不同",
    ),
    (
        6,
        "empty_cell",
        "时间节点为空（合并单元格），按记录的决定取「9月底前」，截止日期为2021-09-30",
    ),
    (
        11,
        "before_issue",
        "时间节点「2月底前」即2021-02-28，早于本要点印发日期2021-03-17共17天",
    ),
    (
        12,
        "before_issue",
        "时间节点「2月底前」即2021-02-28，早于本要点印发日期2021-03-17共17天",
    ),
    (
        17,
        "wording",
        "任务名称「扩大政策解读覆盖面」，正文二、(一)作「扩大政策解读传播面」：“覆盖”与“传播”不同",
    ),
    (
        30,
        "wording",
        "任务名称「扩大重要决策草案意见征集的覆盖面」，正文三、(二)作「扩大重要决策草案意见征集的覆盖度」：“面”与“度”不同",
    ),
    (
        38,
        "repeated_name",
        "任务名称「强化标准化规范化成果创新性应用」重复第36行的名称（跨第4页至第5页），为同一任务的延续",
    ),
    (
        39,
        "empty_cell",
        "任务名称为空（合并单元格），沿用下行（第40行）而非上行的名称「推进标准化规范化工作向村居和公共企事业单位延伸」",
    ),
    (
        42,
        "repeated_name",
        "任务名称「细化深化卫生健康领域信息公开」重复第41行的名称（跨第5页至第6页），为同一任务的延续",
    ),
    (
        57,
        "repeated_name",
        "任务名称「细化深化市场监管领域信息公开」重复第52行的名称（跨第6页至第7页），为同一任务的延续",
    ),
    (
        65,
        "doubled_char",
        "正文五、(四)作「开展上市公司环境信息披露露工作试点」，“露”字重复，任务内容作「开展上市公司环境信息披露工作试点」；数据照录正文原文",
    ),
    (
        73,
        "wording",
        "任务内容「定期以清单及地图标示形式向社会公开并动态更新」，正文五、(六)作「定期以清单及地图标线形式,向社会公开并动态更新」：“示”与“线”不同",
    ),
    (
        77,
        "wording",
        "任务内容「提高交通引导和疏散能力」，正文五、(六)作「提高交通引导和疏解能力」：“散”与“解”不同",
    ),
    (
        82,
        "wording",
        "任务内容「政民互动等版块均衡发展」，正文六、(一)作「政民互动等板块均衡、融合发展」：“版”与“板”不同",
    ),
    (
        85,
        "repeated_name",
        "任务名称「持续深化以“中国上海”门户网站为龙头的政府网站群建设」重复第82行的名称（跨第8页至第9页），为同一任务的延续",
    ),
    (
        86,
        "wording",
        "任务内容「融合做好信息发布的前置审核研判」，正文六、(一)作「统筹做好信息发布的前置审核研判」：“融合”与“统筹”不同",
    ),
    (
        92,
        "wording",
        "任务名称「切实提高工作培训实效」，正文七、(二)作「提高业务培训实效」：“工作”与“业务”不同",
    ),
    (
        93,
        "text_deadline",
        "任务内容与正文七、(二)均作「用两年时间对各级行政机关工作人员轮训一次」，“用两年时间”为期2年，而时间节点「11月底前」为2021-11-30",
    ),
    (
        94,
        "wording",
        "任务内容「融入行政机关日常业务公开」，正文七、(二)作「融入行政机关日常业务工作」：“公开”与“工作”不同",
    ),
    (
        97,
        "text_deadline",
        "任务内容与正文七、(三)均作「并于下一年第一季度将评估结果向社会公开」，“下一年第一季度”截至次年2022-03-31，而时间节点「12月底前」为2021-12-31",
    ),
    (
        98,
        "repeated_name",
        "任务名称「强化激励问责和工作监督」重复第95行的名称（跨第9页至第10页），为同一任务的延续",
    ),
    (
        99,
        "text_deadline",
        "任务内容与正文七、末段均作「并在本工作要点印发后30日内在本单位门户网站公开」，“印发后30日内”截至2021-04-16（印发日期2021-03-17后第30日），而时间节点「3月底前」为2021-03-31",
    ),
    (
        None,
        "empty_cell",
        "任务名称有44行为空（合并单元格），均沿用上行的名称：第6、8-9、12、33、37、43-47、49-51、53-56、58、60-65、67-69、71-77、79-80、83-84、87、91、93、96-97行",
    ),
]

# The quotes of the findings about the plan's text (the empty-cell findings quote
# the data's decisions instead; see test_empty_cells_quote_the_recorded_decisions).
EVIDENCE = {
    (3, "wording"): [
        ("附件第3行 任务名称", "推进行政规 范性统一 公开"),
        ("正文 一、(一)", "推进政府规章和行政规范性文件统一公开"),
    ],
    (6, "wording"): [
        ("附件第6行 任务内容", "并在统一政府信息公开平台中的“政策文件”栏目集中公开"),
        ("正文 一、(一)", "并在本单位网站的政府信息公开专栏的“政策文件”栏目集中公开"),
    ],
    (11, "before_issue"): [("附件第11行 时间节点", "2月底前")],
    (12, "before_issue"): [("附件第12行 时间节点", "2月底前")],
    (17, "wording"): [
        ("附件第17行 任务名称", "扩大政策解读覆盖面"),
        ("正文 二、(一)", "扩大政策解读传播面"),
    ],
    (30, "wording"): [
        ("附件第30行 任务名称", "扩大重要决策草案意见征集的覆盖面"),
        ("正文 三、(二)", "扩大重要决策草案意见征集的覆盖度"),
    ],
    (38, "repeated_name"): [
        ("附件第36行 任务名称", "强化标准化规范化成果创新性应用"),
        ("附件第38行 任务名称", "强化标准化规范化成果创新性应用"),
    ],
    (42, "repeated_name"): [
        ("附件第41行 任务名称", "细化深化卫生健康领域信息公开"),
        ("附件第42行 任务名称", "细化深化卫生健康领域信息公开"),
    ],
    (57, "repeated_name"): [
        ("附件第52行 任务名称", "细化深化市场监管领域信息公开"),
        ("附件第57行 任务名称", "细化深化市场监管领域信息公开"),
    ],
    (65, "doubled_char"): [
        ("正文 五、(四)", "开展上市公司环境信息披露露工作试点"),
        ("附件第65行 任务内容", "开展上市公司环境信息披露工作试点"),
        ("决定（text）", None),  # the document's decision about 披露露: see below
    ],
    (73, "wording"): [
        ("附件第73行 任务内容", "定期以清单及地图标示形式向社会公开并动态更新"),
        ("正文 五、(六)", "定期以清单及地图标线形式,向社会公开并动态更新"),
    ],
    (77, "wording"): [
        ("附件第77行 任务内容", "提高交通引导和疏散能力"),
        ("正文 五、(六)", "提高交通引导和疏解能力"),
    ],
    (82, "wording"): [
        ("附件第82行 任务内容", "政民互动等版块均衡发展"),
        ("正文 六、(一)", "政民互动等板块均衡、融合发展"),
    ],
    (85, "repeated_name"): [
        ("附件第82行 任务名称", "持续深化以“中国上海”门户网站为龙头的政府网站群建设"),
        ("附件第85行 任务名称", "持续深化以“中国上海”门户网站为龙头的政府网站群建设"),
    ],
    (86, "wording"): [
        ("附件第86行 任务内容", "融合做好信息发布的前置审核研判"),
        ("正文 六、(一)", "统筹做好信息发布的前置审核研判"),
    ],
    (92, "wording"): [
        ("附件第92行 任务名称", "切实提高工作培训实效"),
        ("正文 七、(二)", "提高业务培训实效"),
    ],
    (93, "text_deadline"): [
        ("附件第93行 任务内容", "用两年时间对各级行政机关工作人员轮训一次"),
        ("正文 七、(二)", "用两年时间对各级行政机关工作人员轮训一次"),
        ("附件第93行 时间节点", "11月底前"),
    ],
    (94, "wording"): [
        ("附件第94行 任务内容", "融入行政机关日常业务公开"),
        ("正文 七、(二)", "融入行政机关日常业务工作"),
    ],
    (97, "text_deadline"): [
        ("附件第97行 任务内容", "并于下一年第一季度将评估结果向社会公开"),
        ("正文 七、(三)", "并于下一年第一季度将评估结果向社会公开"),
        ("附件第97行 时间节点", "12月底前"),
    ],
    (98, "repeated_name"): [
        ("附件第95行 任务名称", "强化激励问责和工作监督"),
        ("附件第98行 任务名称", "强化激励问责和工作监督"),
    ],
    (99, "text_deadline"): [
        ("附件第99行 任务内容", "并在本工作要点印发后30日内在本单位门户网站公开"),
        ("正文 七、末段", "并在本工作要点印发后30日内在本单位门户网站公开"),
        ("附件第99行 时间节点", "3月底前"),
    ],
}


def findings(gongkai: Gongkai, *args: str) -> list[dict[str, Any]]:
    result = gongkai("lint", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert list(data) == ["findings"]
    return data["findings"]  # type: ignore[no-any-return]


def summary(found: list[dict[str, Any]]) -> list[tuple[int | None, str, str]]:
    return [(f["seq"], f["kind"], f["message"]) for f in found]


def test_json_lists_exactly_the_findings_checked_against_the_source(gongkai: Gongkai) -> None:
    found = findings(gongkai)
    assert all(list(f) == ["seq", "kind", "message", "evidence"] for f in found)
    assert summary(found) == FINDINGS


def test_findings_about_the_text_quote_it(gongkai: Gongkai) -> None:
    quoted = {
        (f["seq"], f["kind"]): [(q["where"], q["text"]) for q in f["evidence"]]
        for f in findings(gongkai)
        if f["kind"] != "empty_cell"
    }
    decision = next(
        d["reason"]
        for d in yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))["document"][
            "decisions"
        ]
        if "披露露" in d["value"]
    )
    expected = {
        key: [(where, decision if text is None else text) for where, text in quotes]
        for key, quotes in EVIDENCE.items()
    }
    assert quoted == expected


def source_cells() -> dict[int, list[str]]:
    """Annex row number -> its five cells, read from the source document."""
    rows = {}
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0].isdigit():
            rows[int(cells[0])] = (cells + [""] * 5)[:5]
    return rows


def source_body() -> str:
    """The body before the annex, with the page breaks that split paragraphs closed up."""
    text = SOURCE.read_text(encoding="utf-8")
    return text[: text.index("附件：")].replace("\n", "")


def test_every_quote_of_the_plan_is_verbatim_in_the_source(gongkai: Gongkai) -> None:
    cells, body = source_cells(), source_body()
    column = {"任务名称": 1, "任务内容": 2, "时间节点": 4}
    checked = 0
    for finding in findings(gongkai):
        for quote in finding["evidence"]:
            if match := re.fullmatch(r"附件第(\d+)行 (任务名称|任务内容|时间节点)", quote["where"]):
                cell = cells[int(match[1])][column[match[2]]]
                assert quote["text"] in cell, (quote, cell)
                checked += 1
            elif quote["where"].startswith("正文 "):
                assert quote["text"] in body, quote
                checked += 1
    assert checked == sum(
        1 for quotes in EVIDENCE.values() for where, _ in quotes if not where.startswith("决定")
    )


def test_task_99_dates_are_computed_from_the_issue_date(gongkai: Gongkai) -> None:
    issued = dt.date(2021, 3, 17)  # 成文日期 in the source
    assert "2021年3月17日" in SOURCE.read_text(encoding="utf-8")
    (message,) = [f["message"] for f in findings(gongkai) if f["seq"] == 99]
    assert (
        f"“印发后30日内”截至{issued + dt.timedelta(days=30)}（印发日期{issued}后第30日）" in message
    )
    assert message.endswith("，而时间节点「3月底前」为2021-03-31")


def test_empty_cells_quote_the_recorded_decisions(gongkai: Gongkai) -> None:
    tasks = yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    empty = {f["seq"]: f for f in findings(gongkai) if f["kind"] == "empty_cell"}
    for seq, field in ((6, "time_node"), (39, "name")):
        (reason,) = [d["reason"] for d in tasks[seq - 1]["decisions"] if d["field"] == field]
        assert empty[seq]["evidence"] == [{"where": f"决定（{field}）", "text": reason}]
    # The grouped finding names each merged block with the row whose name it takes,
    # and the rows are exactly those whose 任务名称 cell is empty in the source
    # (row 39 aside: it takes the name below and has its own finding).
    blank = [seq for seq, cells in source_cells().items() if not cells[1] and seq != 39]
    listed = [
        seq
        for quote in empty[None]["evidence"]
        for first, last in [re.search(r"第(\d+)(?:-(\d+))?行", quote["where"]).groups()]  # type: ignore[union-attr]
        for seq in range(int(first), int(last or first) + 1)
    ]
    assert listed == blank
    assert empty[None]["evidence"][1] == {
        "where": "附件第8-9行 任务名称（空）",
        "text": "第7行 做好法定公 开内容的日 常维护",
    }


def test_table_has_chinese_headers_and_fits_80_columns(gongkai: Gongkai) -> None:
    result = gongkai("lint")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "2021年上海市政务公开工作要点（沪府办〔2021〕21号） 审读发现",
        "序号   类别         说明",
        "─" * 80,
    ]
    assert lines[3:6] == [
        "   3   用语不同     任务名称「推进行政规 范性统一 公开」缺少“文件”：正文一、(一)",
        "                    作「推进政府规章和行政规范性文件统一公开」，本任务的任务内容",
        "                    亦作「行政规范性文件」",
    ]
    assert lines[-1] == (
        "24 条：早于印发 2、期限不一 3、用语不同 10、正文重字 1、跨页重名 5、空白单元格 3"
    )
    from gongkai_cli.render.text import width

    assert max(width(line) for line in lines) <= 80


def test_csv_has_one_row_per_finding(gongkai: Gongkai) -> None:
    import csv
    import io

    result = gongkai("lint", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(int(r["seq"]) if r["seq"] else None, r["kind"], r["message"]) for r in rows] == (
        FINDINGS
    )
    assert rows[0]["evidence"] == (
        "附件第3行 任务名称：推进行政规 范性统一 公开\n"
        "正文 一、(一)：推进政府规章和行政规范性文件统一公开"
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["lint"], 0),
        (["lint", "--format", "json"], 0),
        (["lint", "--strict"], 1),
        (["lint", "--strict", "--format", "json"], 1),
    ],
)
def test_findings_are_information_unless_strict(
    gongkai: Gongkai, args: list[str], code: int
) -> None:
    result = gongkai(*args)
    assert result.exit_code == code
    assert result.stdout
    assert result.stderr == ""


CLEAN_TASKS = """\
document:
  number: "沪府办〔2021〕21号"
  title: "测试工作要点"
  issuer: "上海市人民政府办公厅"
  issued: 2021-03-17
  year: 2021
  addressees: "各区人民政府"
  source: source.txt
  chapters:
    - {id: 一, heading: "一、夯实基础"}
  paragraphs:
    - id: "一、(一)"
      text: "(一)规范公文管理。建立全市统一的政府公文库,实现主动公开的政府公文“一站通查”。"
tasks:
  - seq: 1
    page: 1
    name: "规范公文管理"
    name_source: cell
    content: "建立全市统一的政府公文库,实现主动公开的政府公文“一站通查”。"
    responsible: "市政府办公厅"
    assignments:
      - {unit: "市政府办公厅", role: responsible}
    time_node: "9月底前"
    deadline: {due: 2021-09-30}
    section: "一、(一)"
"""

CLEAN_UNITS = """\
units:
  - name: "市政府办公厅"
    full_name: "上海市人民政府办公厅"
    kind: government_office
"""


def test_a_plan_without_findings_passes_strict(gongkai: Gongkai, tmp_path: Path) -> None:
    (tmp_path / "tasks.yaml").write_text(CLEAN_TASKS, encoding="utf-8")
    (tmp_path / "units.yaml").write_text(CLEAN_UNITS, encoding="utf-8")
    (tmp_path / "source.txt").write_text("", encoding="utf-8")
    result = gongkai("lint", "--strict", "--format", "json", "--data", str(tmp_path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, '{\n  "findings": []\n}\n', "")


def edited_copy(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the shipped data with each (old, new) text replaced once in tasks.yaml."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    tasks.write_text(text, encoding="utf-8")
    return data


def test_a_new_wording_difference_is_found_and_a_fixed_one_goes(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    data = edited_copy(
        tmp_path,
        # row 52 now miscopies the body's 公示 as 公告 ...
        (
            'content: "严格落实市场监管行政执法公示制度',
            'content: "严格落实市场监管行政执法公告制度',
        ),
        # ... and row 77 is corrected to the body's 疏解.
        ("提高交通引导和疏散能力", "提高交通引导和疏解能力"),
    )
    edited = summary(findings(gongkai, "--data", str(data)))
    new = (
        52,
        "wording",
        "任务内容「严格落实市场监管行政执法公告制度」，正文五、(三)作「严格落实市场监管行政执法公示制度」：“告”与“示”不同",
    )
    fixed = next(f for f in FINDINGS if f[0] == 77)
    assert [f for f in edited if f not in FINDINGS] == [new]
    assert [f for f in FINDINGS if f not in edited] == [fixed]


def test_a_summary_that_only_leaves_words_out_is_not_a_finding(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # Row 77 without 扩大交管数据开放利用: an omission, as summaries make.
    data = edited_copy(
        tmp_path,
        (
            "扩大交管数据开放利用,推进交通实时数据向常用导航软件开放,提高交通引导和疏散能力",
            "推进交通实时数据向常用导航软件开放,提高交通引导和疏解能力",
        ),
    )
    assert summary(findings(gongkai, "--data", str(data))) == [f for f in FINDINGS if f[0] != 77]


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        # 30 days after 2021-03-01 is 2021-03-31, the time node itself: no finding.
        ("2021-03-01", None),
        (
            "2021-03-02",
            "任务内容与正文七、末段均作「并在本工作要点印发后30日内在本单位门户网站公开」，“印发后30日内”截至2021-04-01（印发日期2021-03-02后第30日），而时间节点「3月底前」为2021-03-31",
        ),
    ],
)
def test_the_30_day_deadline_moves_with_the_issue_date(
    gongkai: Gongkai, tmp_path: Path, issued: str, expected: str | None
) -> None:
    data = edited_copy(tmp_path, ("issued: 2021-03-17", f"issued: {issued}"))
    found = summary(findings(gongkai, "--data", str(data)))
    assert [m for seq, kind, m in found if (seq, kind) == (99, "text_deadline")] == (
        [expected] if expected else []
    )
    # 2月底前 is still before either date, by one or two days.
    days = {"2021-03-01": 1, "2021-03-02": 2}[issued]
    assert (
        11,
        "before_issue",
        f"时间节点「2月底前」即2021-02-28，早于本要点印发日期{issued}共{days}天",
    ) in found


def test_the_library_does_not_import_the_cli() -> None:
    # Finding, Quote and Kind live in findings.py but stay importable from lint.
    code = (
        "import sys; from gongkai_cli.plan.lint import Finding, Kind, Quote, lint; "
        "sys.exit(sorted({'typer', 'rich', 'click'} & set(sys.modules)) != [])"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
