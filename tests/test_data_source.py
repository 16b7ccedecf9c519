"""data/ against the source document it transcribes.

The source (data/source/...) is re-read here by a parser of the test's own,
sharing no code with gongkai, and every row and paragraph is compared with
data/tasks.yaml: read raw with yaml.safe_load, and as gongkai loads it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import shutil
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml

from gongkai_cli.plan.load import load_plan

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = DATA / "source" / "2021-shanghai-zhengwu-gongkai-gongzuo-yaodian.txt"

HEADER = "序号\t任务名称\t任务内容\t责任单位\t时间节点"
ROLE_WORDS = {"牵头": "lead", "负责": "responsible", "配合": "support"}
MARKER = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")


@dataclass(frozen=True)
class Row:
    """One row of the annex 任务分解表, its cells as printed."""

    seq: int
    page: int
    name: str
    content: str
    responsible: str
    time_node: str


@dataclass(frozen=True)
class Source:
    number: str
    title: str
    issuer: str
    issued: dt.date
    addressees: str
    chapters: list[tuple[str, str]]
    paragraphs: list[tuple[str, str]]
    rows: list[Row]


def read_source(path: Path) -> Source:
    """The notice's header, its body's paragraphs and the annex rows, from the text file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    text = [line for line in lines if line.strip()]
    number = next(line for line in text if re.fullmatch(r"沪府办〔\d{4}〕\d+号", line))
    title = next(m[1] for line in text if (m := re.search(r"印发 《(.+?)》", line)))
    issuer = next(line for line in text if line.endswith("文件")).removesuffix("文件")
    y, m, d = next(
        found.groups() for line in text if (found := re.fullmatch(r"(\d{4})年(\d+)月(\d+)日", line))
    )
    addressees = next(line for line in text if line.endswith(":")).removesuffix(":")

    # The body runs from its own title (written with a space: "2021 年...") to the annex.
    start = next(i for i, line in enumerate(text) if line.replace(" ", "") == title)
    end = next(i for i, line in enumerate(text) if line.startswith("附件"))
    chapters: list[tuple[str, str]] = []
    paragraphs: list[list[str]] = []  # [id, text]
    chapter = None
    for line in text[start + 1 : end]:
        if heading := CHAPTER.match(line):
            chapter = heading[1]
            chapters.append((chapter, line))
            continue
        if line == "主要工作如下:":
            continue
        open_paragraph = paragraphs and not paragraphs[-1][1].endswith("。")
        if marker := MARKER.match(line):
            assert not open_paragraph, line
            paragraphs.append([f"{chapter}、({marker[1]})", line])
        elif open_paragraph:
            # A page break cut the paragraph: the next line goes on with nothing between.
            paragraphs[-1][1] += line
        else:
            paragraphs.append(["总体要求" if chapter is None else f"{chapter}、末段", line])

    rows: list[Row] = []
    page = 0
    annex = text.index(f"{title}任务分解表")
    for line in text[annex + 1 :]:
        if line == HEADER:
            page += 1
            continue
        cells = line.split("\t")
        assert len(cells) == 5, line
        rows.append(Row(int(cells[0]), page, *cells[1:]))
    return Source(
        number=number,
        title=title,
        issuer=issuer,
        issued=dt.date(int(y), int(m), int(d)),
        addressees=addressees,
        chapters=chapters,
        paragraphs=[(pid, ptext) for pid, ptext in paragraphs],
        rows=rows,
    )


def read_cell_units(cell: str) -> list[tuple[str, str]]:
    """(unit as written, role) for a 责任单位 cell: clauses split on commas, a role word last."""
    pairs = []
    for clause in re.split("[,，]", cell):
        role = "responsible"
        for word, name in ROLE_WORDS.items():
            if clause.endswith(word):
                clause, role = clause.removesuffix(word), name
        pairs += [(unit, role) for unit in clause.split("、")]
    return pairs


def deadline_of(node: str, year: int) -> dict[str, Any]:
    """The deadline a 时间节点 sets, as the issue defines it, for the forms the annex uses."""
    if node == "全年":
        return {"due": dt.date(year, 12, 31), "window_start": None, "all_year": True}
    if node == "上半年":
        return {"due": dt.date(year, 6, 30), "window_start": None, "all_year": False}
    found = re.fullmatch(r"(\d+)月(底前|份)", node)
    assert found, f"a time node this test does not know: {node!r}"
    month = int(found[1])
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    start = dt.date(year, month, 1) if node.endswith("份") else None
    return {"due": last, "window_start": start, "all_year": False}


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def yaml_tasks(data_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """tasks.yaml as PyYAML reads it, deadlines filled with their defaults."""
    raw = yaml.safe_load((data_dir / "tasks.yaml").read_text(encoding="utf-8"))
    for task in raw["tasks"]:
        task["deadline"] = {"window_start": None, "all_year": False, **task["deadline"]}
        task.setdefault("decisions", [])
    return raw["document"], raw["tasks"]


def plan_tasks(data_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The same, as gongkai's load_plan gives it."""
    plan = load_plan(data_dir)
    document = _plain(dataclasses.asdict(plan.document))
    del document["layout"]  # the 2021 YAML leaves it out (annex-table, the default)
    tasks = [_plain(dataclasses.asdict(task)) for task in plan.tasks]
    for task in tasks:  # the fields the 2021 YAML writes; tests/test_timenodes.py reads the rest
        task["deadline"] = {key: task["deadline"][key] for key in LEGACY_DEADLINE}
    return document, tasks


LEGACY_DEADLINE = ("due", "window_start", "all_year")


READERS = {"yaml": yaml_tasks, "load_plan": plan_tasks}


def row_mismatches(rows: list[Row], tasks: list[dict[str, Any]], year: int) -> list[str]:
    """Every difference between the annex rows and the tasks, one line each."""
    problems = []
    if [t["seq"] for t in tasks] != [row.seq for row in rows]:
        problems.append(f"seqs {[t['seq'] for t in tasks]} != {[row.seq for row in rows]}")
    for row, task in zip(rows, tasks, strict=False):
        seq = row.seq

        def differ(field: str, got: Any, want: Any, seq: int = seq) -> None:
            if got != want:
                problems.append(f"row {seq} {field}: {got!r} != source {want!r}")

        differ("content", task["content"], row.content)
        differ("responsible", task["responsible"], row.responsible)
        differ("time_node", task["time_node"], row.time_node)
        differ("page", task["page"], row.page)
        if task["name_source"] == "cell":
            differ("name", task["name"], row.name)
        else:
            differ("name cell (merged, so empty)", "", row.name)
        written = [(a["unit"], a["role"]) for a in task["assignments"]]
        differ("assignments", written, read_cell_units(row.responsible))
        node = row.time_node or next(
            (d["value"] for d in task["decisions"] if d["field"] == "time_node"), ""
        )
        if not node:
            problems.append(f"row {seq}: empty 时间节点 without a decision")
        else:
            differ("deadline", task["deadline"], deadline_of(node, year))
    return problems


def paragraph_mismatches(source: Source, document: dict[str, Any]) -> list[str]:
    got = [(p["id"], p["text"]) for p in document["paragraphs"]]
    problems = [
        f"paragraph {i}: {g!r} != source {w!r}"
        for i, (g, w) in enumerate(zip(got, source.paragraphs, strict=False))
        if g != w
    ]
    if len(got) != len(source.paragraphs):
        problems.append(f"{len(got)} paragraphs, the source has {len(source.paragraphs)}")
    return problems


@pytest.fixture(scope="module")
def source() -> Source:
    return read_source(SOURCE)


@pytest.fixture(params=sorted(READERS))
def data(request: pytest.FixtureRequest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return READERS[request.param](DATA)


def by_seq(tasks: list[dict[str, Any]], seq: int) -> dict[str, Any]:
    (task,) = [t for t in tasks if t["seq"] == seq]
    return task


# What the source is: facts counted off the file by hand, so the parser is checked too.


def test_the_source_has_99_rows_on_10_pages(source: Source) -> None:
    assert [row.seq for row in source.rows] == list(range(1, 100))
    pages = [row.page for row in source.rows]
    assert pages == sorted(pages)
    assert pages[0] == 1 and pages[-1] == 10
    # first row of each page, read off the file where the header line repeats
    firsts = [next(r.seq for r in source.rows if r.page == p) for p in range(1, 11)]
    assert firsts == [1, 10, 20, 29, 37, 42, 57, 70, 85, 98]


def test_the_shared_source_and_the_projects_copy_are_identical() -> None:
    shared = DATA.parent.parent / "shared" / "source" / SOURCE.name
    if not shared.is_file():
        pytest.skip("no ../shared next to this checkout")
    assert SOURCE.read_bytes() == shared.read_bytes()


# Every row, every cell.


def test_every_row_matches_its_cells(
    source: Source, data: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    document, tasks = data
    assert len(tasks) == 99
    assert row_mismatches(source.rows, tasks, document["year"]) == []


def test_merged_names_are_the_name_above_except_where_decided(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    _, tasks = data
    for index, task in enumerate(tasks):
        if task["name_source"] == "merged_above":
            assert task["name"] == tasks[index - 1]["name"], task["seq"]
        elif task["name_source"] == "merged_below":
            assert task["name"] == tasks[index + 1]["name"], task["seq"]
            assert [d["field"] for d in task["decisions"]] == ["name"]


def test_the_document_matches_the_notice(
    source: Source, data: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    document, _ = data
    assert document["number"] == source.number == "沪府办〔2021〕21号"
    assert document["title"] == source.title == "2021年上海市政务公开工作要点"
    assert document["issuer"] == source.issuer == "上海市人民政府办公厅"
    assert document["issued"] == source.issued == dt.date(2021, 3, 17)
    assert document["year"] == 2021
    assert document["addressees"] == source.addressees
    assert document["source"] == f"source/{SOURCE.name}"
    assert [(c["id"], c["heading"]) for c in document["chapters"]] == source.chapters


def test_every_paragraph_is_the_source_lines_it_spans(
    source: Source, data: tuple[dict[str, Any], list[dict[str, Any]]]
) -> None:
    document, _ = data
    assert paragraph_mismatches(source, document) == []


def test_paragraphs_cut_by_a_page_break_are_joined_with_nothing_added(source: Source) -> None:
    paragraphs = dict(source.paragraphs)
    assert len(paragraphs) == 26
    assert "市政府各部门报请市政府或市政府办公厅发文的，须填写" in paragraphs["一、(一)"]
    assert paragraphs["七、末段"].endswith(
        "并在本工作要点印发后30日内在本单位门户网站公开,工作要点的落实情况也要向社会公开。"
    )
    # kept as received: the page break repeats 露 (see the document's decisions)
    assert "信息披露露工作试点。" in paragraphs["五、(四)"]
    assert all("\n" not in text for text in paragraphs.values())


def test_every_task_implements_an_existing_paragraph_in_document_order(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    document, tasks = data
    order = [p["id"] for p in document["paragraphs"]]
    positions = [order.index(task["section"]) for task in tasks]
    assert positions == sorted(positions)
    assert tasks[80]["section"] == "五、末段"  # row 81, 其他重点领域公开任务
    assert tasks[98]["section"] == "七、末段"  # row 99, 制订年度政务公开工作要点


# Which body paragraph each run of rows implements, read off the document by hand.
SECTIONS = {
    "一、(一)": (1, 6), "一、(二)": (7, 9), "一、(三)": (10, 12),
    "二、(一)": (13, 21), "二、(二)": (22, 26),
    "三、(一)": (27, 27), "三、(二)": (28, 31), "三、(三)": (32, 33),
    "四、(一)": (34, 35), "四、(二)": (36, 38), "四、(三)": (39, 40),
    "五、(一)": (41, 47), "五、(二)": (48, 51), "五、(三)": (52, 58), "五、(四)": (59, 65),
    "五、(五)": (66, 69), "五、(六)": (70, 77), "五、(七)": (78, 80), "五、末段": (81, 81),
    "六、(一)": (82, 87), "六、(二)": (88, 89),
    "七、(一)": (90, 91), "七、(二)": (92, 94), "七、(三)": (95, 98), "七、末段": (99, 99),
}  # fmt: skip


def test_each_row_implements_the_paragraph_read_by_hand(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    _, tasks = data
    expected = {seq: section for section, (a, b) in SECTIONS.items() for seq in range(a, b + 1)}
    assert {task["seq"]: task["section"] for task in tasks} == expected


def test_every_unit_in_a_cell_is_in_units_yaml(source: Source) -> None:
    units = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))["units"]
    spellings: dict[str, str] = {}
    for unit in units:
        for spelling in [unit["name"], *unit.get("aliases", [])]:
            assert spellings.setdefault(spelling, unit["name"]) == unit["name"], spelling
    written = {unit for row in source.rows for unit, _ in read_cell_units(row.responsible)}
    assert len(written) == 34
    assert sorted(written - spellings.keys()) == []
    # the 34 spellings are 31 units, and those are the units said to be named in the plan
    named = {spellings[unit] for unit in written}
    assert len(named) == 31
    assert named == {u["name"] for u in units if u.get("named_in_document", True)}
    assert spellings["区政府"] == spellings["各区人民政府"] == "各区政府"
    assert spellings["市农委"] == "市农业农村委"


# Counts read off the source by hand (grep on the file), held against the data.


def test_counts_of_the_source(source: Source) -> None:
    rows = source.rows
    assert sum(row.time_node == "全年" for row in rows) == 50
    assert sum(row.time_node == "" for row in rows) == 1
    assert sum(row.name == "" for row in rows) == 45
    assert sum("市政府各部门" in row.responsible for row in rows) == 42
    assert sum("各区人民政府" in row.responsible for row in rows) == 4
    assert sum("牵头," in row.responsible for row in rows) == 12
    assert sum("配合" in row.responsible for row in rows) == 4


def test_counts_of_the_data(data: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    _, tasks = data
    assert sum(t["deadline"]["all_year"] for t in tasks) == 50
    assert sum(t["time_node"] == "" for t in tasks) == 1
    assert sum(t["name_source"] != "cell" for t in tasks) == 45
    named = [t for t in tasks if any(a["unit"] == "市政府各部门" for a in t["assignments"])]
    assert len(named) == 42
    leads = [t for t in tasks if any(a["role"] == "lead" for a in t["assignments"])]
    assert len(leads) == 12
    supports = [t["seq"] for t in tasks if any(a["role"] == "support" for a in t["assignments"])]
    assert supports == [18, 19, 20, 21]


# Rows checked by hand against the printed table.


def test_row_19_supporting_units(data: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    task = by_seq(data[1], 19)
    assert task["responsible"] == "市人力资源社会保障局负责,长宁区政府、市大数据中心配合"
    assert task["assignments"] == [
        {"unit": "市人力资源社会保障局", "role": "responsible"},
        {"unit": "长宁区政府", "role": "support"},
        {"unit": "市大数据中心", "role": "support"},
    ]
    assert task["deadline"]["due"] == dt.date(2021, 6, 30)


def test_row_9_lead_then_responsible(data: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    task = by_seq(data[1], 9)
    assert task["name"] == "做好法定公 开内容的日 常维护"
    assert task["name_source"] == "merged_above"
    assert task["assignments"] == [
        {"unit": "市政府办公厅", "role": "lead"},
        {"unit": "市政府各部门", "role": "responsible"},
        {"unit": "各区政府", "role": "responsible"},
    ]
    assert task["deadline"] == {
        "due": dt.date(2021, 12, 31),
        "window_start": None,
        "all_year": True,
    }


def test_rows_39_and_40_share_the_name_written_on_40(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    row39, row40 = by_seq(data[1], 39), by_seq(data[1], 40)
    name = "推进标准化规范化工作向村居和公共企事业单位延伸"
    assert (row39["name"], row39["name_source"]) == (name, "merged_below")
    assert (row40["name"], row40["name_source"]) == (name, "cell")
    assert [(d["field"], d["value"]) for d in row39["decisions"]] == [("name", name)]
    assert row39["section"] == row40["section"] == "四、(三)"
    assert row39["assignments"] == [
        {"unit": "市民政局", "role": "lead"},
        {"unit": "各区政府", "role": "lead"},
        {"unit": "各相关单位", "role": "responsible"},
    ]
    assert [a["unit"] for a in row40["assignments"] if a["role"] == "lead"] == [
        "市教委",
        "市卫生健康委",
        "市住房城乡建设管理委",
        "市生态环境局",
        "市交通委",
        "市国资委",
    ]
    assert row40["assignments"][-1] == {"unit": "各相关单位", "role": "responsible"}


def test_row_6_empty_time_node_is_decided_as_row_5s(
    data: tuple[dict[str, Any], list[dict[str, Any]]],
) -> None:
    row5, row6 = by_seq(data[1], 5), by_seq(data[1], 6)
    assert row6["time_node"] == ""
    (decision,) = row6["decisions"]
    assert decision["field"] == "time_node"
    assert decision["value"] == "9月底前" == row5["time_node"]
    assert decision["reason"]
    assert row6["deadline"] == {
        "due": dt.date(2021, 9, 30),
        "window_start": None,
        "all_year": False,
    }


def test_row_33_is_the_august_window(data: tuple[dict[str, Any], list[dict[str, Any]]]) -> None:
    task = by_seq(data[1], 33)
    assert task["time_node"] == "8月份"
    assert task["deadline"] == {
        "due": dt.date(2021, 8, 31),
        "window_start": dt.date(2021, 8, 1),
        "all_year": False,
    }


def test_unresolved_collectives_have_no_members() -> None:
    units = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))["units"]
    unresolved = {u["name"]: u.get("members", []) for u in units if u.get("resolved") is False}
    assert unresolved == {"各相关单位": [], "16项民心工程的市政府牵头部门": []}
    districts = next(u for u in units if u["name"] == "各区政府")["members"]
    assert len(districts) == len(set(districts)) == 16


# The checks above can fail: a one-character slip in a copy of the data is caught.


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_one_character_slip_in_a_content_is_caught(
    source: Source, data_copy: Path, reader: str
) -> None:
    _edit(data_copy / "tasks.yaml", "疏散能力", "疏解能力")  # row 77 (the body says 疏解)
    document, tasks = READERS[reader](data_copy)
    (problem,) = row_mismatches(source.rows, tasks, document["year"])
    assert problem.startswith("row 77 content: ")


def test_a_slipped_time_node_page_or_role_is_caught(source: Source, data_copy: Path) -> None:
    tasks_yaml = data_copy / "tasks.yaml"
    text = tasks_yaml.read_text(encoding="utf-8")
    row43 = text.index("  - seq: 43\n")
    text = text[:row43] + text[row43:].replace('time_node: "6月底前"', 'time_node: "7月底前"', 1)
    text = text.replace("  - seq: 10\n    page: 2\n", "  - seq: 10\n    page: 1\n")
    row48 = text.index("  - seq: 48\n")
    text = text[:row48] + text[row48:].replace("due: 2021-06-30", "due: 2021-06-29", 1)
    text = text.replace(
        '- {unit: "长宁区政府", role: support}', '- {unit: "长宁区政府", role: responsible}'
    )
    tasks_yaml.write_text(text, encoding="utf-8")
    _, tasks = yaml_tasks(data_copy)
    problems = row_mismatches(source.rows, tasks, 2021)
    assert [p.split(":")[0] for p in problems] == [
        "row 10 page",
        "row 19 assignments",
        "row 43 time_node",
        "row 48 deadline",
    ]


def test_a_one_character_slip_in_a_paragraph_is_caught(source: Source, data_copy: Path) -> None:
    _edit(data_copy / "tasks.yaml", "市政府办公厅发文的", "市政府办公厅发文件")
    document, _ = yaml_tasks(data_copy)
    (problem,) = paragraph_mismatches(source, document)
    assert problem.startswith("paragraph 1: ('一、(一)', ")


def test_a_slip_after_a_page_break_is_caught(data_copy: Path) -> None:
    # The line after the page break is compared too: a change there (in a copy of the
    # source) no longer matches the paragraph in the data.
    copied = data_copy / "source" / SOURCE.name
    _edit(copied, "\n露工作试点。\n", "\n露工作实点。\n")
    document, _ = yaml_tasks(data_copy)
    problems = paragraph_mismatches(read_source(copied), document)
    assert len(problems) == 1 and problems[0].startswith("paragraph 15: ('五、(四)', ")
