"""`gongkai import` and `validate --against-source`.

The 2021 source must import to the shipped rows; the same table as .xlsx (openpyxl),
.docx (python-docx) and a GBK .csv, each with merged name cells, must import to the
same tasks; bad input must fail with one line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import DATA, SOURCE, Gongkai
from gongkai_cli import i18n

HEADER = ["序号", "任务名称", "任务内容", "责任单位", "时间节点"]


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _shipped_rows() -> list[list[str]]:
    """The annex rows as the 2021 source prints them, by a split of the test's own."""
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    start = lines.index("\t".join(HEADER))
    return [line.split("\t") for line in lines[start:] if line and line != "\t".join(HEADER)]


ROWS = _shipped_rows()[:12]  # rows 1-12: merged names on 6, 8-9 and 12, an empty 时间节点 on 6
# The merged name cells of rows 1-12 (1-based, inclusive), as the printed table draws them.
NAME_MERGES = [(5, 6), (7, 9), (11, 12)]
TIME_MERGES = [(5, 6)]

COMPARED = ("seq", "name", "name_source", "content", "responsible", "assignments", "time_node")


def _tasks(directory: Path) -> list[dict[str, Any]]:
    """The tasks of a draft: the compared fields, the deadline and each decision's field and value."""
    tasks = _load(directory / "tasks.yaml")["tasks"]
    return [
        {
            **{key: task[key] for key in COMPARED},
            "deadline": task["deadline"],
            "decisions": [(d["field"], d["value"]) for d in task.get("decisions", [])],
        }
        for task in tasks
    ]


def test_importing_the_2021_source_reproduces_the_shipped_rows(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    out = tmp_path / "plan"
    result = gongkai("import", str(SOURCE), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    tasks_yaml = out / "tasks.yaml"
    assert result.stderr == (
        f"{tasks_yaml}:160: to check: tasks.5.time_node: the time node cell is empty, a merged cell of the source table; the row above's (row 5) “9月底前” is taken.\n"
        f"{tasks_yaml}:583: to check: tasks.38.name: the task name cell is empty. This row's "
        "content is in the body's 四、(三), as is row 40 below, and the row above's in 四、(二): "
        "the name row 40 gives is taken (a merged cell's text is printed in its lower row).\n"
        f"written {out}: tasks 99 (annex-table), units 61; to decide (待决定) 0, to check (待核对) 2. The draft validates\n"
    )
    shipped, imported = _load(DATA / "tasks.yaml"), _load(tasks_yaml)
    assert len(imported["tasks"]) == 99
    for want, got in zip(shipped["tasks"], imported["tasks"], strict=True):
        for key in (*COMPARED, "deadline", "page", "section"):
            assert got[key] == want[key], (want["seq"], key)
        assert [(d["field"], d["value"]) for d in got.get("decisions", [])] == [
            (d["field"], d["value"]) for d in want.get("decisions", [])
        ], want["seq"]
    decided = {t["seq"]: t["decisions"] for t in imported["tasks"] if t.get("decisions")}
    assert set(decided) == {6, 39}
    for key in (
        "number",
        "title",
        "issuer",
        "issued",
        "year",
        "addressees",
        "chapters",
        "paragraphs",
    ):
        assert imported["document"][key] == shipped["document"][key], key
    # Its two 待核对 points make the import a draft until a person confirms them.
    assert imported["document"]["draft"] is True
    assert "draft" not in shipped["document"]
    assert _load(out / "units.yaml") == _load(DATA / "units.yaml")
    assert (out / "source" / SOURCE.name).read_bytes() == SOURCE.read_bytes()


def _write_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务分解表"
    sheet.append(["附件", None, None, None, None])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([int(row[0]), *(cell or None for cell in row[1:])])
    for first, last in NAME_MERGES:
        sheet.merge_cells(start_row=first + 2, end_row=last + 2, start_column=2, end_column=2)
    for first, last in TIME_MERGES:
        sheet.merge_cells(start_row=first + 2, end_row=last + 2, start_column=5, end_column=5)
    book.save(path)


def _write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("附件")
    table = document.add_table(rows=1 + len(ROWS), cols=5)
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(ROWS, 1):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for column, merges in ((1, NAME_MERGES), (4, TIME_MERGES)):
        for first, last in merges:
            table.cell(first, column).merge(table.cell(last, column))
    document.save(str(path))


def _write_gbk_csv(path: Path) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(ROWS)
    path.write_bytes(buffer.getvalue().encode("gbk"))


def test_xlsx_docx_and_gbk_csv_import_to_the_same_tasks(gongkai: Gongkai, tmp_path: Path) -> None:
    writers = {"plan.xlsx": _write_xlsx, "plan.docx": _write_docx, "plan.csv": _write_gbk_csv}
    drafts = {}
    for name, write in writers.items():
        source = tmp_path / name
        write(source)
        out = tmp_path / f"out-{source.suffix[1:]}"
        result = gongkai(
            "import", str(source), "--out", str(out), "--year", "2021", "--format", "json"
        )
        # A table-only file is a whole plan: no body, 文号 or title needed, only checks.
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["tasks"] == 12 and report["status"] == "ok"
        drafts[name] = _tasks(out)
    assert drafts["plan.xlsx"] == drafts["plan.docx"] == drafts["plan.csv"]
    shipped = _load(DATA / "tasks.yaml")["tasks"][:12]
    for want, got in zip(shipped, drafts["plan.csv"], strict=True):
        for key in (*COMPARED, "deadline"):
            assert got[key] == want[key], (want["seq"], key)
    assert [t["seq"] for t in drafts["plan.xlsx"] if t["name_source"] == "merged_above"] == [
        6,
        8,
        9,
        12,
    ]
    assert drafts["plan.xlsx"][5]["decisions"] == [("time_node", "9月底前")]


def test_an_unknown_unit_is_written_and_listed_with_exit_3(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n"
        "1,规范政府公文管理,建立政府公文库。,市政府办公厅、市数据局,9月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    # A new unit's kind is the grammar's reading, to check: it blocks nothing, and no full
    # name is needed (issue 17 item 3).
    assert result.exit_code == 0
    units = _load(out / "units.yaml")["units"]
    assert [u["name"] for u in units] == ["市政府办公厅", "市数据局"]
    assert units[1] == {
        "name": "市数据局",
        "full_name": None,
        "kind": "municipal_department",
        "kind_source": "grammar",
        "note": "待核对：导入时新增的单位，类型按名称推测（前缀+局/委/办/厅：该级政府部门）。",
    }
    # No place is named, so no place's registry serves it (not even Shanghai's): 市政府办公厅
    # is read by its name too, and nothing is suggested from another place's units.
    assert (units[0]["full_name"], units[0]["kind"], units[0]["kind_source"]) == (
        None,
        "government_office",
        "grammar",
    )
    tasks_yaml, units_yaml = out / "tasks.yaml", out / "units.yaml"
    # What the file does not say about the notice changes no answer: only checks.
    assert result.stderr == (
        f"{tasks_yaml}:10: to check: document.number: the notice names no document number; fill it in (or import with --number)\n"
        f"{tasks_yaml}:12: to check: document.title: the notice names no title; fill it in (or import with --title)\n"
        f"{tasks_yaml}:14: to check: document.issuer: the notice names no issuer; fill it in\n"
        f"{tasks_yaml}:16: to check: document.issued: the notice names no issue date; fill it in (or import with --issued)\n"
        f"{tasks_yaml}:19: to check: document.addressees: the notice names no addressees; fill them in\n"
        f"{tasks_yaml}:25: to check: document.place: the plan's place cannot be read from the "
        "issuer, the title or the document number, so no place's registry of units is used; "
        "units are read by their names and the plan at city level (most units named start "
        "with “市”). Import again with --place naming the place (e.g. --place 上海市普陀区)\n"
        f"{units_yaml}:10: to check: units.0.kind: “市政府办公厅” (items: 1) read by its name as "
        "a government general office (city level; “办公厅/办公室/府办”: a government's general "
        "office); once checked, write kind_source: decision\n"
        f"{units_yaml}:16: to check: units.1.kind: “市数据局” (items: 1) read by its name as a "
        "municipal government department (city level; prefix + “局/委/办/厅”: a government "
        "department of that level); once checked, write kind_source: decision\n"
        f"written {out}: tasks 1 (annex-table), units 2; to decide (待决定) 0, to check (待核对) 8. The draft validates\n"
    )


def test_a_plan_of_another_place_uses_no_shanghai_registry(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,规范政府公文管理,建立政府公文库。,市教委,9月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai(
        "import", str(source), "--out", str(out), "--year", "2021", "--place", "北京市"
    )
    assert result.exit_code == 0, result.stderr
    # 市教委 of Beijing's plan is not Shanghai's 上海市教育委员会
    [unit] = _load(out / "units.yaml")["units"]
    assert (unit["name"], unit["full_name"], unit["kind_source"], unit["aliases"]) == (
        "市教委",
        None,
        "grammar",
        ["北京市教委"],
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "plan.csv",
            "编码,事项,部门\n1,建立政府公文库,市政府办公厅\n".encode(),
            "plan.csv: the header 编码 (not recognised), 事项 (not recognised), 部门 (not "
            "recognised) is not a task table's; missing task content (任务内容、具体内容、"
            "工作内容、具体任务、具体要求、工作要求、主要内容), responsible units (责任单位、"
            "责任部门、责任科室、责任处室、落实单位、牵头单位、市里落实单位)",
        ),
        (
            "plan.csv",
            b"\xff\xfe\x00\xd8 broken",
            "plan.csv is not UTF-8, GBK or GB18030 text; name its encoding with --encoding",
        ),
        ("plan.xlsx", b"PK\x03\x04 truncated", "plan.xlsx: not a readable .xlsx file (corrupt?)"),
        (
            "plan.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "plan.xlsx: password-protected (or an old binary xls file); "
            "save it without a password as .xlsx and import that",
        ),
        ("plan.docx", b"not a zip", "plan.docx: not a readable .docx file (corrupt?)"),
        (
            "plan.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
            "plan.docx: password-protected (or an old binary doc file); "
            "save it without a password as .docx and import that",
        ),
        (
            "plan.pdf",
            b"%PDF-1.4",
            "plan.pdf: gongkai reads .txt, .md, .csv, .tsv, .xlsx, .xls, .ods, .docx files, not .pdf",
        ),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    gongkai: Gongkai, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
    assert not out.exists()


def test_an_existing_directory_is_replaced_only_with_force(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    out = tmp_path / "draft"
    assert gongkai("import", str(SOURCE), "--out", str(out)).exit_code == 0
    (out / "tasks.yaml").write_text("mine", encoding="utf-8")
    result = gongkai("import", str(SOURCE), "--out", str(out))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {out} already exists; add --force to replace it\n",
    )
    assert (out / "tasks.yaml").read_text(encoding="utf-8") == "mine"
    result = gongkai("import", str(SOURCE), "--out", str(out), "--force")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["source", "tasks.yaml", "units.yaml"]
    assert (out / "tasks.yaml").read_text(encoding="utf-8") != "mine"
    # No staging directory left; the lock of the name stays beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".draft.lock", "draft"]


def test_validate_against_source_passes_on_the_shipped_plan(gongkai: Gongkai) -> None:
    result = gongkai("validate", "--against-source")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.endswith(
        "ok: every task cell appears verbatim in source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt\n"
    )


def test_validate_against_source_catches_a_changed_cell(gongkai: Gongkai, tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    changed = text.replace("系统清理现行有效的市政府规章", "系统清理现行有效的市政府规草", 1)
    assert changed != text
    tasks.write_text(changed, encoding="utf-8")
    line = changed[: changed.index("市政府规草")].count("\n") + 1
    result = gongkai("validate", "--against-source", "--data", str(data))
    assert result.exit_code == 3
    assert result.stderr.endswith(
        f"{tasks}:{line}: tasks.1.content: 任务内容 “系统清理现行有效的市政府规草,通过“中国上海”门户网站的政府信息公开专栏集中公开。”"
        " does not appear in the source source/2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"
        " (whitespace aside)\n"
    )


def test_against_source_speaks_an_items_plans_terms(gongkai: Gongkai, tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "items"
    shutil.copytree(Path(__file__).resolve().parent / "plans" / "items-2025", data)
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    changed = text.replace("每月更新村（居）务公开栏。", "每月更新村务公开栏。", 1)
    changed = changed.replace('time_node: "每季度"', 'time_node: "每半年"', 1)
    tasks.write_text(changed, encoding="utf-8")
    result = gongkai("validate", "--against-source", "--data", str(data))
    assert result.exit_code == 3
    source = "source/2025-shiliqu-zhengwu-gongkai-gongzuo-yaodian.txt"
    assert result.stderr.splitlines()[-3:] == [
        "Error: invalid data (2 problems):",
        f"{tasks}:37: tasks.3.content: 条目内容 “每月更新村务公开栏。” does not appear in the source"
        f" {source} (whitespace aside)",
        f"{tasks}:71: tasks.10.time_node: 完成时限 “每半年” does not appear in the source {source}"
        " (whitespace aside)",
    ]
    i18n.use(None)  # Chinese, the default
    result = gongkai(
        "validate", "--against-source", "--data", str(data), env={"GONGKAI_LANG": "zh"}
    )
    assert result.stderr.splitlines()[-3:] == [
        "错误：数据无效（2 处问题）：",
        f"{tasks}:37: tasks.3.content: 条目内容“每月更新村务公开栏。”不在源文件 {source} 中（不计空白）",
        f"{tasks}:71: tasks.10.time_node: 完成时限“每半年”不在源文件 {source} 中（不计空白）",
    ]


# Items in the shape of the 2025 Shanghai work points (沪府办字〔2025〕5号), written for
# this test: numbered items under chapters and numbered paragraphs, each ending with an
# inline 责任单位, some with a 完成时限. Every unit is in the registry but the open list.
ITEMS_NOTICE = [
    "上海市人民政府办公厅关于印发《2025年上海市政务公开工作要点》的通知",
    "各区人民政府，市政府各委、办、局：",
    "现将《2025年上海市政务公开工作要点》印发给你们，请认真按照执行。",
    "2025年3月20日",
    "2025年上海市政务公开工作要点",
    "2025年是“十四五”规划收官之年。本市政务公开工作要以公开促落实、促规范、促服务。",
    "一、围绕高质量发展做好政策公开",
    "（一）优化政策发布解读",
]
ITEMS = [
    ("持续优化政策文件库，及时更新现行有效政策文件。", "市政府办公厅、各区政府", ""),
    ("做好重要政策解读，多元化解读率不低于60%。", "市政府各部门、各区政府", "全年"),
    ("推进公共数据开放，年内新增开放数据集。", "市经济信息化委", "12月底前"),
    ("每季度公开重点领域信息。", "市生态环境局", "每季度"),
    (
        "开展政府开放活动。",
        "市政府办公厅(牵头)，市政府各部门、各区政府",
        "9月底前启动，12月底前完成",
    ),
    ("健全依申请公开办理机制。", "市司法局等相关部门", "持续推进"),
]


def _item_line(number: int | None, content: str, units: str, limit: str) -> str:
    tail = f"，完成时限：{limit}" if limit else ""
    return f"{'' if number is None else f'{number}.'}{content}（责任单位：{units}{tail}）"


def test_items_import_with_no_invented_name_or_time_node(gongkai: Gongkai, tmp_path: Path) -> None:
    lines = [*ITEMS_NOTICE]
    for number, item in enumerate(ITEMS, 1):
        if number == 3:
            lines.append("（二）加强政务数据公开")
        if number == 4:
            lines.append("二、围绕人民城市建设做好信息公开")
        lines.append(_item_line(number, *item))
    source = tmp_path / "2025.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plan-2025"
    result = gongkai("import", str(source), "--out", str(out), "--number", "沪府办字〔2025〕5号")
    units_yaml = out / "units.yaml"
    # X等相关部门: an open collective of the city's departments, to check, never blocking
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        f"{units_yaml}:282: to check: units.57.kind: “相关部门” (items: 6) read as an open "
        "collective (“有关/相关/X等…”: an open collective): its tasks show as “may apply” to a "
        "municipal government department; is it 各相关单位 or 16项民心工程的市政府牵头部门? If "
        "so, list it as that unit's alias; once checked, write kind_source: decision\n"
        f"written {out}: tasks 6 (items), units 58; to decide (待决定) 0, to check (待核对) 1. The draft validates\n"
    )
    plan = _load(out / "tasks.yaml")
    assert plan["document"]["layout"] == "items"
    assert plan["document"]["issuer"] == "上海市人民政府办公厅"
    assert plan["document"]["issued"].isoformat() == "2025-03-20"
    tasks = plan["tasks"]
    assert [(t["content"], t["responsible"], t.get("time_node", "")) for t in tasks] == ITEMS
    for task in tasks:
        assert not {"name", "name_source", "page", "decisions"} & set(task), task
    assert [t.get("section") for t in tasks] == [
        "一、(一)",
        "一、(一)",
        "一、(二)",
        None,
        None,
        None,
    ]
    assert tasks[4]["assignments"][0] == {"unit": "市政府办公厅", "role": "lead"}
    assert [t.get("deadline", {}).get("kind") for t in tasks] == [
        None,
        None,
        None,
        "recurring",
        "milestones",
        "ongoing",
    ]


def test_numbered_docx_paragraphs_import_as_items(gongkai: Gongkai, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ITEMS_NOTICE:
        document.add_paragraph(line)
    for item in ITEMS[:3]:
        # Word's own numbering: the number is not part of the paragraph's text.
        document.add_paragraph(_item_line(None, *item), style="List Number")
    source = tmp_path / "2025.docx"
    document.save(str(source))
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--number", "沪府办字〔2025〕5号")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stderr
        == f"written {out}: tasks 3 (items), units 57; to decide (待决定) 0, to check (待核对) 0. The draft validates\n"
    )
    tasks = _load(out / "tasks.yaml")["tasks"]
    assert [(t["content"], t["responsible"], t.get("time_node", "")) for t in tasks] == ITEMS[:3]
    result = gongkai("validate", "--against-source", "--data", str(out))
    assert result.exit_code == 0, result.stderr


def _rows_5_6_as(kind: str) -> bytes:
    rows = [HEADER, *ROWS[4:6]]
    if kind == "md":
        lines = ["# 附件", "", "| " + " | ".join(HEADER) + " |", "|---|---|---|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return ("\n".join(lines) + "\n").encode("utf-8")
    if kind == "tsv":
        return ("\r\n".join("\t".join(row) for row in rows) + "\r\n").encode("gb18030")
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def test_md_table_gb18030_tsv_and_bom_csv_import_alike(gongkai: Gongkai, tmp_path: Path) -> None:
    drafts = []
    for kind in ("md", "tsv", "csv"):
        source = tmp_path / f"plan.{kind}"
        source.write_bytes(_rows_5_6_as(kind))
        out = tmp_path / f"out-{kind}"
        result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
        assert result.exit_code == 0, result.stderr
        assert "不在源文件" not in result.stderr
        drafts.append(_tasks(out))
    assert drafts[0] == drafts[1] == drafts[2]
    assert [(t["name"], t["name_source"], t["time_node"], t["decisions"]) for t in drafts[0]] == [
        ("规范政府 公文管理", "cell", "9月底前", []),
        ("规范政府 公文管理", "merged_above", "", [("time_node", "9月底前")]),
    ]


def test_lead_and_support_columns_become_roles(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,重点任务,具体内容,牵头单位,配合单位,完成时限\n"
        "1,规范政府公文管理,建立全市统一的政府公文库。,市政府办公厅,市大数据中心、市司法局,6月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    assert result.exit_code == 0 and "不在源文件" not in result.stderr
    (task,) = _load(out / "tasks.yaml")["tasks"]
    # Each column's cell verbatim under its column's label: the reader reads the labelled
    # list as it reads each column with its header (plan/assignments.py).
    assert task["responsible"] == "牵头单位：市政府办公厅；配合单位：市大数据中心、市司法局"
    assert task["assignments"] == [
        {"unit": "市政府办公厅", "role": "lead"},
        {"unit": "市大数据中心", "role": "support"},
        {"unit": "市司法局", "role": "support"},
    ]
    assert [d["field"] for d in task["decisions"]] == ["responsible"]
    assert (task["content"], task["time_node"]) == ("建立全市统一的政府公文库。", "6月底前")
    validated = gongkai("validate", "--data", str(out), "--against-source")
    assert validated.exit_code == 0, validated.stderr


LEAD_COLUMNS = "序号,重点任务,具体内容,牵头单位,责任单位,配合单位,完成时限\n"


@pytest.mark.parametrize(
    ("cells", "pairs"),
    [
        # a comma inside one column's cell: the role is still the column's, for every unit
        (
            '"市发改委,市财政局","市教育局,各区政府",市司法局',
            [
                ("市发改委", "lead"),
                ("市财政局", "lead"),
                ("市教育局", "responsible"),
                ("各区政府", "responsible"),
                ("市司法局", "support"),
            ],
        ),
        # a role word inside a cell is that unit's own
        (
            "市发改委,市财政局负责,",
            [("市发改委", "lead"), ("市财政局", "responsible")],
        ),
        # an empty column is left out
        (",市教育局,市司法局", [("市教育局", "responsible"), ("市司法局", "support")]),
    ],
)
def test_each_unit_column_is_read_with_its_own_role(
    gongkai: Gongkai, tmp_path: Path, cells: str, pairs: list[tuple[str, str]]
) -> None:
    from gongkai_cli.plan.assignments import read_responsible

    source = tmp_path / "plan.csv"
    source.write_text(
        LEAD_COLUMNS + f"1,规范政府公文管理,建立政府公文库。,{cells},6月底前\n", encoding="utf-8"
    )
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    assert result.exit_code == 0, result.stderr
    (task,) = _load(out / "tasks.yaml")["tasks"]
    assert [(a["unit"], a["role"]) for a in task["assignments"]] == pairs
    # the same as the reader gives each column's cell with its header
    import csv

    row = next(csv.reader([cells]))
    per_column = [
        (unit, str(role))
        for cell, header in zip(row, ("牵头单位", "责任单位", "配合单位"), strict=True)
        if cell
        for unit, role in read_responsible(cell, header).pairs
    ]
    assert per_column == pairs
    validated = gongkai("validate", "--data", str(out), "--against-source")
    assert validated.exit_code == 0, validated.stderr


def test_a_lead_column_alone_keeps_its_cells_and_says_the_column_leads(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # 中山市经济和信息化局's table: its one unit column is 牵头落实科室.
    source = tmp_path / "plan.csv"
    source.write_text(
        "全市工作任务,具体要求,具体措施,牵头落实科室\n"
        "一、围绕重点领域加大主动公开力度,（一）推进决策公开。,1.重大决策预公开。,"
        '"财务室、节能监察中心,产业政策科"\n'
        ",（二）推进建议提案办理结果公开。,所有承办建议提案及时公开答复。,办公室\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai(
        "import", str(source), "--out", str(out), "--year", "2017", "--time-node", "全年"
    )
    assert result.exit_code == 0, result.stderr
    # The point says the decision in the run's language; its reason, the plan's data, is Chinese.
    assert (
        "tasks.yaml:30: to check: document.decisions.1: the source table's unit column is "
        "“牵头落实科室”: a unit its cells give no role takes the column's role (lead).\n"
    ) in result.stderr
    plan = _load(out / "tasks.yaml")
    first, second = plan["tasks"]
    assert first["responsible"] == "财务室、节能监察中心,产业政策科"  # the cell, verbatim
    assert [(a["unit"], a["role"]) for a in first["assignments"]] == [
        ("财务室", "lead"),
        ("节能监察中心", "lead"),
        ("产业政策科", "lead"),
    ]
    assert [(a["unit"], a["role"]) for a in second["assignments"]] == [("办公室", "lead")]
    assert {
        "field": "responsible_column",
        "value": "牵头落实科室",
        "reason": "源表的单位列是“牵头落实科室”：单元格中未写角色的单位按此列取角色（牵头）。",
    } in plan["document"]["decisions"]
    validated = gongkai("validate", "--data", str(out), "--against-source")
    assert validated.exit_code == 0, validated.stderr
    due = gongkai("due", "-u", "产业政策科", "--data", str(out), "-f", "json")
    assert [t["role"] for t in json.loads(due.stdout)["tasks"]] == ["lead"]


def test_an_unreadable_time_node_is_kept_with_a_decision_to_fill(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,规范政府公文管理,建立政府公文库。,市政府办公厅,视情况而定\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021", "--format", "json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert (report["id"], report["status"]) == ("2021", "needs-decisions")
    points = {(p["field"], p["message"]) for p in report["review"] if p["kind"] == "decide"}
    assert (
        "tasks.0.time_node",
        "the time node “视情况而定” cannot be read and is copied as written; fill in its reading and the reason in decisions",
    ) in points
    (task,) = _load(out / "tasks.yaml")["tasks"]
    assert task["time_node"] == "视情况而定"
    assert task["decisions"] == [{"field": "time_node", "value": "", "reason": "待填写"}]
    assert (
        result.stderr
        == f"written {out}: tasks 1 (annex-table), units 1; to decide (待决定) 2, to check (待核对) 7\n"
    )


def test_an_empty_responsible_cell_continues_the_row_above(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n"
        "1,规范政府公文管理,建立政府公文库。,市政府办公厅,6月底前\n"
        "2,,开展公文属性认定。,,9月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    assert result.exit_code == 0
    assert (
        "to check: tasks.1.responsible: the responsible units cell is empty, read as a merged cell; the row above's (row 1) “市政府办公厅” is taken."
        in result.stderr
    )
    second = _load(out / "tasks.yaml")["tasks"][1]
    assert (second["responsible"], second["decisions"][0]["field"]) == (
        "市政府办公厅",
        "responsible",
    )


def test_a_csv_import_does_not_load_openpyxl_or_python_docx(tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "plan.csv"
    source.write_bytes(_rows_5_6_as("csv"))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gongkai_cli.plan.importing import import_plan\n"
        f"import_plan(Path({str(source)!r}), Path({str(tmp_path / 'out')!r}))\n"
        "print(sorted({'openpyxl', 'docx'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_an_items_import_speaks_of_完成时限_and_counts_an_event_from_progress(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = Path(__file__).resolve().parent / "plans" / "items-2025" / "source"
    out = tmp_path / "draft"
    text = source / "2025-shiliqu-zhengwu-gongkai-gongzuo-yaodian.txt"
    result = gongkai("import", str(text), "--out", str(out), "--format", "json")
    assert result.exit_code == 3
    points = {p["field"]: p["message"] for p in json.loads(result.stdout)["review"]}
    assert points["tasks.9.time_node"] == (
        "the completion deadline “尽快” cannot be read and is copied as written; fill in its reading and the reason in decisions"
    )
    # 决策文件出台后10个工作日 counts from the event's day, which progress records per unit.
    assert points["tasks.4.deadline"] == (
        "relative deadline “决策文件出台后10个工作日”: counted from the day of “决策文件出台”, "
        "which each unit records in its progress file (gongkai progress set --event); check it"
    )
