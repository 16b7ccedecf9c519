"""The registries gongkai ships, and which of them serves a plan of a given place.

- Shanghai's city units: the shipped plan's units.yaml (市教委, 市政府办公厅, 各区政府 …).
  It serves a plan of 上海市 whole, and a plan of a place in Shanghai (a district, a
  department) for the 市X units it names. A plan of any other place gets none of it:
  Beijing's 市教委 is not 上海市教育委员会.
- Shanghai's divisions: each district's 街道, 镇 and 乡
  (data/registries/shanghai-divisions.yaml, from 国家统计局 统计用区划代码; its header
  cites the source and the date). A Shanghai district plan's 各街镇 lists them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from gongkai_cli.model.plan import Level, Unit
from gongkai_cli.plan.place import SHANGHAI, Place

DIVISIONS_FILE = Path("registries") / "shanghai-divisions.yaml"


class District(NamedTuple):
    """A district of Shanghai with its 街道, 镇 and 乡, as the division list gives them."""

    name: str
    code: str
    streets: tuple[str, ...]
    towns: tuple[str, ...]
    """镇 and 乡 (a 乡 is governed as a 镇 is)."""


class Divisions(NamedTuple):
    """The division list: its districts and where it comes from."""

    districts: tuple[District, ...]
    source: str
    """The list's source as a note says it: title, publisher, date."""


def shipped_units(place: Place | None) -> list[Unit]:
    """The shipped city registry's units that serve a plan of `place`."""
    if place is None or not place.shanghai:
        return []
    from gongkai_cli.plan.load import default_data_dir, load_plan

    units = load_plan(default_data_dir()).units
    if place.name == SHANGHAI and place.level is Level.CITY:
        return list(units)
    return [unit for unit in units if unit.name.startswith("市")]


def divisions(data_dir: Path | None = None) -> Divisions:
    """The shipped list of Shanghai's districts with their 街道 and 镇."""
    import yaml

    from gongkai_cli.plan.load import default_data_dir

    path = (data_dir or default_data_dir()) / DIVISIONS_FILE
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = raw["source"]
    districts = tuple(
        District(
            entry["name"],
            entry["code"],
            tuple(entry["streets"]),
            tuple(entry["towns"]) + tuple(entry["townships"]),
        )
        for entry in raw["districts"]
    )
    said = (
        f"{source['publisher']}《{source['title']}》（截止 {source['as_of']}，"
        f"发布 {source['published']}，{source['taken']} 取自 {source['via']}）"
    )
    return Divisions(districts, said)


def shanghai_district(place: Place | None) -> District | None:
    """The Shanghai district a plan of `place` belongs to (a district's own plan, or one of
    its streets' or departments'), or None."""
    if place is None or not place.shanghai or place.name == SHANGHAI:
        return None
    rest = place.name[len(SHANGHAI) :]
    return next((d for d in divisions().districts if rest.startswith(d.name)), None)
