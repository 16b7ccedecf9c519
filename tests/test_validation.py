"""Bad data: each validation rule, broken once in a small plan written in tmp_path.

`gongkai validate --data DIR` must exit 3 and list every problem on stderr as
`file:line: field.path: message`, under one `Error: invalid data (N problems):`
line, with nothing on stdout.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Gongkai

# A small valid plan. Line numbers in the expectations below refer to these texts.
TASKS = """\
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
      text: "(一)规范管理。年内开放活动不少于3次。"
tasks:
  - seq: 1
    page: 1
    name: "规范管理"
    name_source: cell
    content: "建立公文库。"
    responsible: "市政府办公厅牵头,各区政府负责"
    assignments:
      - {unit: "市政府办公厅", role: lead}
      - {unit: "各区政府", role: responsible}
    time_node: "全年"
    deadline: {due: 2021-12-31, all_year: true}
    section: "一、(一)"
  - seq: 2
    page: 1
    name: "规范管理"
    name_source: merged_above
    content: "开展开放活动。"
    responsible: "市教委负责,长宁区政府配合"
    assignments:
      - {unit: "市教委", role: responsible}
      - {unit: "长宁区政府", role: support}
    time_node: ""
    deadline: {due: 2021-09-30}
    section: "一、(一)"
    decisions:
      - {field: time_node, value: "9月底前", reason: "merged cell"}
    targets:
      - {id: times, metric: "开放活动", comparison: ">=", threshold: 3, unit: "次", quote: "不少于3次"}
  - seq: 3
    page: 2
    name: "指导村居"
    name_source: merged_below
    content: "指导村居公开。"
    responsible: "各相关单位"
    assignments:
      - {unit: "各相关单位", role: responsible}
    time_node: "8月份"
    deadline: {due: 2021-08-31, window_start: 2021-08-01}
    section: "一、(一)"
    decisions:
      - {field: name, value: "指导村居", reason: "the text is printed on the row below"}
  - seq: 4
    page: 2
    name: "指导村居"
    name_source: cell
    content: "公开村务。"
    responsible: "区政府"
    assignments:
      - {unit: "区政府", role: responsible}
    time_node: "6月底前"
    deadline: {due: 2021-06-30}
    section: "一、(一)"
"""

UNITS = """\
units:
  - name: "各区政府"
    full_name: null
    kind: collective
    aliases: ["区政府", "各区人民政府"]
    members: ["黄浦区政府", "长宁区政府"]
    judgements:
      - {unit: "长宁区政府", member: true, reason: "a district"}
  - name: "各相关单位"
    full_name: null
    kind: collective
    resolved: false
    may_include: [municipal_department]
    note: "the plan lists no members"
  - name: "市政府办公厅"
    full_name: "上海市人民政府办公厅"
    kind: government_office
  - name: "市教委"
    full_name: "上海市教育委员会"
    kind: municipal_department
    aliases: ["教委"]
  - name: "长宁区政府"
    full_name: "上海市长宁区人民政府"
    kind: district_government
  - name: "黄浦区政府"
    full_name: "上海市黄浦区人民政府"
    kind: district_government
    named_in_document: false
"""

T, U = "tasks.yaml", "units.yaml"
UNREADABLE_TIME = (
    "is not a time node gongkai can read (expected N月底前, N月底, N月D日前, N月份, 上半年, "
    "下半年, 年底前, 年内, 今年内, 第N季度, 全年, YYYY年N月底前, YYYY年底前, YYYY年M月D日前, "
    "到YYYY年底, 下一年第N季度, 持续推进, 长期坚持, 常态化, 长期, 每月, 每月D日前, 每季度, 每半年, "
    "每年M月D日前, N月底前启动，M月底前完成, N月底前启动、M月底前完成, 印发后N日内, N个月内, "
    "事件后N个工作日, 事件后N个月内); keep it verbatim "
    "and record a decision (field: time_node) with its reading"
)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "plan"
    directory.mkdir()
    (directory / T).write_text(TASKS, encoding="utf-8")
    (directory / U).write_text(UNITS, encoding="utf-8")
    (directory / "source.txt").write_text("测试工作要点\n", encoding="utf-8")
    return directory


def edit(directory: Path, name: str, old: str | bytes, new: str | bytes) -> None:
    """Replace the one occurrence of `old` in the file `name`."""
    path = directory / name
    data = path.read_bytes()
    old_b = old.encode() if isinstance(old, str) else old
    new_b = new.encode() if isinstance(new, str) else new
    assert data.count(old_b) == 1, old
    path.write_bytes(data.replace(old_b, new_b))


def assert_invalid(gongkai: Gongkai, directory: Path, *problems: str) -> None:
    """validate exits 3 and prints exactly these problems, each prefixed with the data dir."""
    result = gongkai("validate", "--data", str(directory))
    noun = "problem" if len(problems) == 1 else "problems"
    lines = "".join(f"{directory}/{problem}\n" for problem in problems)
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        f"Error: invalid data ({len(problems)} {noun}):\n{lines}",
    )


def test_the_fixture_plan_is_valid(gongkai: Gongkai, plan_dir: Path) -> None:
    result = gongkai("validate", "--data", str(plan_dir))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "",
        f"ok: 4 tasks and 6 units in {plan_dir}\n",
    )


Edit = tuple[str, str | bytes, str | bytes]

CASES: list[tuple[str, list[Edit], list[str]]] = [
    # Reading the YAML
    (
        "duplicate key",
        [
            (
                T,
                '    name: "规范管理"\n    name_source: merged',
                '    page: 1\n    name: "规范管理"\n    name_source: merged',
            )
        ],
        ["tasks.yaml:29: tasks.1.page: duplicate key (first on line 28): YAML keeps only the last"],
    ),
    (
        "duplicate key in units",
        [(U, '    aliases: ["教委"]\n', '    aliases: ["教委"]\n    kind: municipal_department\n')],
        ["units.yaml:22: units.3.kind: duplicate key (first on line 20): YAML keeps only the last"],
    ),
    (
        "yaml syntax error",
        [
            (
                T,
                '    page: 2\n    name: "指导村居"\n    name_source: cell',
                '    page: 2\n   name: "指导村居"\n    name_source: cell',
            )
        ],
        [
            "tasks.yaml:58: YAML syntax error: while parsing a block collection did not find expected '-' indicator"
        ],
    ),
    (
        "unterminated string",
        [(T, '    content: "公开村务。"', '    content: "公开村务。')],
        [
            "tasks.yaml:61: YAML syntax error: while parsing a block mapping did not find expected key"
        ],
    ),
    ("empty file", [(U, UNITS, "")], ["units.yaml:1: the file is empty"]),
    ("only comments", [(U, UNITS, "# to do\n")], ["units.yaml:1: the file is empty"]),
    (
        "not utf-8",
        [(T, '"公开村务。"'.encode(), '"公开村务。"'.encode("gb18030"))],
        ["tasks.yaml:60: the file is not UTF-8 (byte 0xB9 at column 15)"],
    ),
    (
        "a date that does not exist",
        [(T, "issued: 2021-03-17", "issued: 2021-02-30")],
        ["tasks.yaml:5: document.issued: '2021-02-30' is not valid: day is out of range for month"],
    ),
    (
        "a recursive alias",
        [(U, UNITS, "units: &all\n  - *all\n")],
        ["units.yaml:1: units.0: Input should be a dictionary or an instance of Unit"],
    ),
    # The schema (extra="forbid", enums, required fields)
    (
        "unknown field",
        [(T, '    time_node: "全年"\n', '    time_node: "全年"\n    time_nodes: "全年"\n')],
        [
            "tasks.yaml:25: tasks.0.time_nodes: unknown field (not in the schema; see 'gongkai schema')"
        ],
    ),
    (
        "unknown field in a flow mapping",
        [
            (
                T,
                '{unit: "市教委", role: responsible}',
                '{unit: "市教委", role: responsible, rol: lead}',
            )
        ],
        [
            "tasks.yaml:34: tasks.1.assignments.0.rol: unknown field (not in the schema; see 'gongkai schema')"
        ],
    ),
    (
        "unknown field in units",
        [
            (
                U,
                "    kind: government_office\n",
                '    kind: government_office\n    alias: ["办公厅"]\n',
            )
        ],
        ["units.yaml:18: units.2.alias: unknown field (not in the schema; see 'gongkai schema')"],
    ),
    (
        "role outside the enum",
        [(T, "role: lead}", "role: leader}")],
        [
            "tasks.yaml:22: tasks.0.assignments.0.role: Input should be 'lead', 'responsible' or 'support'"
        ],
    ),
    (
        "missing field",
        [
            (
                T,
                '    page: 2\n    name: "指导村居"\n    name_source: cell\n',
                '    name: "指导村居"\n    name_source: cell\n',
            )
        ],
        ["tasks.yaml:56: tasks.3.page: field required"],
    ),
    (
        "a list where the file's mapping belongs",
        [(T, TASKS, "- 1\n")],
        ["tasks.yaml:1: Input should be a dictionary or an instance of TasksFile"],
    ),
    # seq
    (
        "seq repeat",
        [(T, "  - seq: 3\n", "  - seq: 2\n")],
        ["tasks.yaml:43: tasks.2.seq: seq 2 repeats the seq on line 27"],
    ),
    # Assignments and units
    (
        "assignment unit not in units.yaml",
        [(T, '"市教委负责,', '"市教育局负责,'), (T, '{unit: "市教委",', '{unit: "市教育局",')],
        [
            "tasks.yaml:34: tasks.1.assignments.0.unit: unknown unit '市教育局' (not a name or alias in units.yaml)",
            "units.yaml:18: units.3.named_in_document: 市教委 is not named in any task's 责任单位",
        ],
    ),
    (
        "assignment role not the cell's",
        [(T, '{unit: "长宁区政府", role: support}', '{unit: "长宁区政府", role: responsible}')],
        [
            "tasks.yaml:34: tasks.1.assignments: do not match the 责任单位 cell, which gives: 市教委 responsible; 长宁区政府 support"
        ],
    ),
    (
        "assignment missing from the cell's",
        [(T, '      - {unit: "各区政府", role: responsible}\n', "")],
        [
            "tasks.yaml:22: tasks.0.assignments: do not match the 责任单位 cell, which gives: 市政府办公厅 lead; 各区政府 responsible"
        ],
    ),
    (
        "alias used by two units",
        [(U, 'aliases: ["教委"]', 'aliases: ["教委", "区政府"]')],
        ["units.yaml:21: units.3.aliases.1: '区政府' is already a name of 各区政府 (line 5)"],
    ),
    (
        "full name used by two units",
        [(U, '"上海市长宁区人民政府"', '"上海市教育委员会"')],
        [
            "units.yaml:23: units.4.full_name: '上海市教育委员会' is already a name of 市教委 (line 19)"
        ],
    ),
    (
        "unit listed twice",
        [
            (
                U,
                '  - name: "长宁区政府"\n',
                '  - name: "市教委"\n    full_name: "上海市教育局"\n    kind: municipal_department\n  - name: "长宁区政府"\n',
            )
        ],
        ["units.yaml:22: units.4.name: '市教委' is already a name of 市教委 (line 18)"],
    ),
    (
        "collective member that does not resolve",
        [(U, '"黄浦区政府", "长宁区政府"]', '"黄浦区政府", "长宁区政府", "徐汇区政府"]')],
        ["units.yaml:6: units.0.members.2: member '徐汇区政府' is not a unit's canonical name"],
    ),
    (
        "collective member that is an alias",
        [
            (U, '"黄浦区政府", "长宁区政府"]', '"黄浦区政府", "长宁区人民政府"]'),
            (
                U,
                '    kind: district_government\n  - name: "黄浦区政府"',
                '    kind: district_government\n    aliases: ["长宁区人民政府"]\n  - name: "黄浦区政府"',
            ),
        ],
        [
            "units.yaml:6: units.0.members.1: member '长宁区人民政府' is not a unit's canonical name",
            "units.yaml:8: units.0.judgements.0.member: contradicts the member list",
        ],
    ),
    (
        "collective member that is a collective",
        [(U, '"黄浦区政府", "长宁区政府"]', '"黄浦区政府", "长宁区政府", "各相关单位"]')],
        ["units.yaml:6: units.0.members.2: member '各相关单位' is a collective"],
    ),
    (
        "unresolved collective with members",
        [(U, "    resolved: false\n", '    resolved: false\n    members: ["市教委"]\n')],
        ["units.yaml:13: units.1.members: an unresolved collective lists no members"],
    ),
    (
        "unresolved collective without a note",
        [(U, '    note: "the plan lists no members"\n', "")],
        ["units.yaml:9: units.1.note: say why the collective is unresolved"],
    ),
    (
        "unresolved collective without may_include",
        [(U, "    may_include: [municipal_department]\n", "")],
        ["units.yaml:9: units.1.may_include: say which kinds of unit it may include"],
    ),
    (
        "resolved collective without members",
        [
            (
                U,
                '    members: ["黄浦区政府", "长宁区政府"]\n    judgements:\n      - {unit: "长宁区政府", member: true, reason: "a district"}\n',
                "",
            )
        ],
        [
            "units.yaml:2: units.0.members: a resolved collective lists its members or member_kinds",
            "units.yaml:25: units.5.named_in_document: 黄浦区政府 is neither named in the plan nor a member of a collective",
        ],
    ),
    (
        "resolved collective with may_include",
        [
            (
                U,
                '    members: ["黄浦区政府", "长宁区政府"]\n',
                '    members: ["黄浦区政府", "长宁区政府"]\n    may_include: [district_government]\n',
            )
        ],
        ["units.yaml:7: units.0.may_include: only an unresolved collective has may_include"],
    ),
    (
        "members on a unit that is not a collective",
        [(U, '    aliases: ["教委"]\n', '    aliases: ["教委"]\n    members: ["长宁区政府"]\n')],
        [
            "units.yaml:18: units.3: only a collective has members, member_kinds, judgements, "
            "may_include or resolved: false"
        ],
    ),
    (
        "member kinds on a unit that is not a collective",
        [
            (
                U,
                '    aliases: ["教委"]\n',
                '    aliases: ["教委"]\n    member_kinds: [district_department]\n',
            )
        ],
        [
            "units.yaml:18: units.3: only a collective has members, member_kinds, judgements, "
            "may_include or resolved: false"
        ],
    ),
    (
        "a collective as a kind of member",
        [
            (
                U,
                '    members: ["黄浦区政府", "长宁区政府"]\n',
                '    members: ["黄浦区政府", "长宁区政府"]\n    member_kinds: [collective]\n',
            )
        ],
        ["units.yaml:7: units.0.member_kinds: a collective is not a kind of member"],
    ),
    (
        "judgement on an unknown unit",
        [(U, '{unit: "长宁区政府", member: true', '{unit: "徐汇区政府", member: true')],
        ["units.yaml:8: units.0.judgements.0.unit: '徐汇区政府' is not a unit's canonical name"],
    ),
    (
        "judgement contradicting the members",
        [(U, "member: true, reason", "member: false, reason")],
        ["units.yaml:8: units.0.judgements.0.member: contradicts the member list"],
    ),
    (
        "unit said to be named that no task names",
        [
            (
                U,
                "    kind: district_government\n    named_in_document: false\n",
                "    kind: district_government\n",
            )
        ],
        [
            "units.yaml:25: units.5.named_in_document: 黄浦区政府 is not named in any task's 责任单位"
        ],
    ),
    (
        "unit neither named nor a member",
        [(U, '    members: ["黄浦区政府", "长宁区政府"]', '    members: ["长宁区政府"]')],
        [
            "units.yaml:28: units.5.named_in_document: 黄浦区政府 is neither named in the plan nor a member of a collective"
        ],
    ),
    # Time nodes and deadlines
    (
        "empty time node without decision",
        [
            (
                T,
                '      - {field: time_node, value: "9月底前", reason: "merged cell"}\n',
                '      - {field: content, value: "x", reason: "y"}\n',
            )
        ],
        [
            "tasks.yaml:36: tasks.1.time_node: empty 时间节点 needs a decision (field: time_node) with the value used and why"
        ],
    ),
    (
        "unparsable time node",
        [(T, 'time_node: "6月底前"', 'time_node: "六月底前"')],
        [f"tasks.yaml:64: tasks.3.time_node: '六月底前' {UNREADABLE_TIME}"],
    ),
    (
        "time node with no such month",
        [(T, 'time_node: "6月底前"', 'time_node: "13月底前"')],
        ["tasks.yaml:64: tasks.3.time_node: '13月底前': there is no month 13"],
    ),
    (
        "unparsable decided time node",
        [(T, 'value: "9月底前"', 'value: "秋季"')],
        [f"tasks.yaml:36: tasks.1.time_node: '秋季' {UNREADABLE_TIME}"],
    ),
    (
        "deadline not matching time node",
        [(T, "{due: 2021-06-30}", "{due: 2021-07-31}")],
        [
            "tasks.yaml:65: tasks.3.deadline: does not match 时间节点 '6月底前', which gives due 2021-06-30"
        ],
    ),
    (
        "deadline not matching the decided time node",
        [(T, "{due: 2021-09-30}", "{due: 2021-12-31}")],
        [
            "tasks.yaml:37: tasks.1.deadline: does not match 时间节点 '9月底前', which gives due 2021-09-30"
        ],
    ),
    (
        "window missing",
        [(T, "{due: 2021-08-31, window_start: 2021-08-01}", "{due: 2021-08-31}")],
        [
            "tasks.yaml:52: tasks.2.deadline: does not match 时间节点 '8月份', which gives due 2021-08-31, window_start 2021-08-01"
        ],
    ),
    (
        "all_year missing",
        [(T, "{due: 2021-12-31, all_year: true}", "{due: 2021-12-31}")],
        [
            "tasks.yaml:25: tasks.0.deadline: does not match 时间节点 '全年', which gives due 2021-12-31, all_year true"
        ],
    ),
    # Names of merged cells
    (
        "merged_above with another name",
        [
            (
                T,
                '    name: "规范管理"\n    name_source: merged_above',
                '    name: "规范公开"\n    name_source: merged_above',
            )
        ],
        ["tasks.yaml:29: tasks.1.name: merged_above, but the task above has another name"],
    ),
    (
        "merged_above on the first task",
        [
            (
                T,
                '    name: "规范管理"\n    name_source: cell',
                '    name: "规范管理"\n    name_source: merged_above',
            )
        ],
        ["tasks.yaml:17: tasks.0.name: merged_above, but the task above has another name"],
    ),
    (
        "merged_below with another name",
        [
            (
                T,
                '    name: "指导村居"\n    name_source: cell',
                '    name: "指导村务"\n    name_source: cell',
            )
        ],
        ["tasks.yaml:45: tasks.2.name: merged_below, but the task below has another name"],
    ),
    (
        "merged_below without decision",
        [
            (
                T,
                '    decisions:\n      - {field: name, value: "指导村居", reason: "the text is printed on the row below"}\n',
                "",
            )
        ],
        ["tasks.yaml:45: tasks.2.name: merged_below needs a decision (field: name) and why"],
    ),
    (
        "decision on a field tasks do not have",
        [(T, "{field: name, value:", "{field: title, value:")],
        [
            "tasks.yaml:55: tasks.2.decisions.0.field: 'title' is not a task field",
            "tasks.yaml:45: tasks.2.name: merged_below needs a decision (field: name) and why",
        ],
    ),
    # Sections, paragraphs, targets, source
    (
        "section id missing",
        [
            (
                T,
                '{due: 2021-06-30}\n    section: "一、(一)"',
                '{due: 2021-06-30}\n    section: "一、(二)"',
            )
        ],
        ["tasks.yaml:66: tasks.3.section: no paragraph '一、(二)' in the document"],
    ),
    (
        "paragraph id repeated",
        [(T, '不少于3次。"\n', '不少于3次。"\n    - {id: "一、(一)", text: "again"}\n')],
        ["tasks.yaml:14: document.paragraphs.1.id: duplicate paragraph id"],
    ),
    (
        "target quote not in content",
        [(T, 'quote: "不少于3次"', 'quote: "不少于5次"')],
        [
            "tasks.yaml:42: tasks.1.targets.0.quote: quote is not in the task's content or its body paragraph"
        ],
    ),
    (
        "target id repeated",
        [
            (
                T,
                'quote: "不少于3次"}\n',
                'quote: "不少于3次"}\n      - {id: times, metric: "m", comparison: "<=", threshold: 9, unit: "次", quote: "3次"}\n',
            )
        ],
        ["tasks.yaml:43: tasks.1.targets.1.id: duplicate target id"],
    ),
    (
        "source document missing",
        [(T, "source: source.txt", "source: missing.txt")],
        ["tasks.yaml:8: document.source: no such file: {dir}/missing.txt"],
    ),
]


@pytest.mark.parametrize(
    ("edits", "problems"), [(e, p) for _, e, p in CASES], ids=[c[0] for c in CASES]
)
def test_each_rule(
    gongkai: Gongkai, plan_dir: Path, edits: list[Edit], problems: list[str]
) -> None:
    for name, old, new in edits:
        edit(plan_dir, name, old, new)
    assert_invalid(gongkai, plan_dir, *(p.replace("{dir}", str(plan_dir)) for p in problems))


def test_every_problem_in_both_files_is_reported_at_once(gongkai: Gongkai, plan_dir: Path) -> None:
    edit(plan_dir, T, 'time_node: "6月底前"', 'time_node: "六月底前"')
    edit(plan_dir, T, "  - seq: 3\n", "  - seq: 2\n")
    edit(plan_dir, T, 'quote: "不少于3次"', 'quote: "不少于5次"')
    edit(plan_dir, U, 'aliases: ["教委"]', 'aliases: ["教委", "区政府"]')
    edit(plan_dir, U, '"黄浦区政府", "长宁区政府"]', '"黄浦区政府", "长宁区政府", "徐汇区政府"]')
    assert_invalid(
        gongkai,
        plan_dir,
        "units.yaml:6: units.0.members.2: member '徐汇区政府' is not a unit's canonical name",
        "units.yaml:21: units.3.aliases.1: '区政府' is already a name of 各区政府 (line 5)",
        "tasks.yaml:42: tasks.1.targets.0.quote: quote is not in the task's content or its body paragraph",
        "tasks.yaml:43: tasks.2.seq: seq 2 repeats the seq on line 27",
        f"tasks.yaml:64: tasks.3.time_node: '六月底前' {UNREADABLE_TIME}",
    )


def test_schema_problems_of_both_files_are_reported_at_once(
    gongkai: Gongkai, plan_dir: Path
) -> None:
    edit(plan_dir, T, "role: lead}", "role: leader}")
    edit(plan_dir, T, '    time_node: "全年"\n', '    time_node: "全年"\n    time_nodes: "全年"\n')
    edit(plan_dir, U, "    kind: government_office\n", "    kind: office\n")
    assert_invalid(
        gongkai,
        plan_dir,
        "tasks.yaml:22: tasks.0.assignments.0.role: Input should be 'lead', 'responsible' or 'support'",
        "tasks.yaml:25: tasks.0.time_nodes: unknown field (not in the schema; see 'gongkai schema')",
        "units.yaml:17: units.2.kind: Input should be 'municipal_department', 'district_government', "
        "'government_office', 'public_institution', 'state_owned_enterprise', 'collective', "
        "'district_department', 'subdistrict_office', 'town_government', 'park_committee', "
        "'enterprise', 'institution', 'provincial_department', 'city_government' or "
        "'internal_office'",
    )


def test_a_unit_without_a_full_name_loads(gongkai: Gongkai, plan_dir: Path) -> None:
    # Full names are optional (issue 17 item 3): units are matched by name and aliases.
    edit(plan_dir, U, '    full_name: "上海市教育委员会"\n', "    full_name: null\n")
    result = gongkai("validate", "--data", str(plan_dir))
    assert result.exit_code == 0, result.stderr


def test_a_broken_plan_is_never_served_from_the_cache(gongkai: Gongkai, plan_dir: Path) -> None:
    assert gongkai("tasks", "--data", str(plan_dir), "--format", "json").exit_code == 0
    # The cache trusts size and mtime (as .pyc files do): this edit changes the size, so
    # the test does not depend on the file system's timestamp resolution.
    edit(plan_dir, T, "  - seq: 3\n", "  - seq: 2  # was 3\n")
    result = gongkai("tasks", "--data", str(plan_dir), "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        3,
        "",
        "Error: invalid data (1 problem):\n"
        f"{plan_dir}/tasks.yaml:43: tasks.2.seq: seq 2 repeats the seq on line 27\n",
    )


@pytest.mark.parametrize("missing", ["directory", "tasks.yaml", "units.yaml"])
def test_missing_data_is_a_usage_error(
    gongkai: Gongkai, plan_dir: Path, tmp_path: Path, missing: str
) -> None:
    if missing == "directory":
        directory = tmp_path / "nowhere"
        expected = (
            f"Error: {directory}/tasks.yaml: no such file (is --data / GONGKAI_DATA right?)\n"
        )
    else:
        directory = plan_dir
        (plan_dir / missing).unlink()
        expected = f"Error: {plan_dir}/{missing}: no such file (is --data / GONGKAI_DATA right?)\n"
    result = gongkai("validate", "--data", str(directory))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)


def test_a_problem_is_its_line_and_keeps_its_parts(tmp_path: Path) -> None:
    """`gongkai import` places each problem at its line from these parts, never by parsing."""
    from gongkai_cli.errors import InvalidDataError, Problem
    from gongkai_cli.plan.load import load_plan

    problem = Problem(Path("plan/tasks.yaml"), 12, "tasks.0.seq", "a message: with a colon")
    assert problem == "plan/tasks.yaml:12: tasks.0.seq: a message: with a colon"
    assert (problem.file, problem.line, problem.field, problem.message) == (
        "plan/tasks.yaml",
        12,
        "tasks.0.seq",
        "a message: with a colon",
    )
    assert Problem("units.yaml", 1, "", "the file is empty") == "units.yaml:1: the file is empty"
    (tmp_path / "tasks.yaml").write_text("document: [\n", encoding="utf-8")
    (tmp_path / "units.yaml").write_text("units: []\n", encoding="utf-8")
    with pytest.raises(InvalidDataError) as caught:
        load_plan(tmp_path)
    assert all(isinstance(found, Problem) for found in caught.value.problems)
    assert [found.file for found in caught.value.problems] == [str(tmp_path / "tasks.yaml")]
