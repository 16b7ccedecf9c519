"""Reading a 责任单位 cell into (unit, role) pairs.

The cell is a list of clauses separated by commas (the plan mixes "," and "，").
A clause is units joined by "、", optionally ending in a role word that applies
to every unit of the clause. A clause with no role word is responsible.

    牵头, 牵头负责                               lead
    负责, 负责落实, 按职责分工负责, 按职责负责     responsible
    配合, 参与, 协助                             support

A unit may carry its own role in brackets, which wins over the clause's:
市政府办公厅(牵头)、市发展改革委 -> 市政府办公厅 lead, 市发展改革委 responsible.

An open list "X等相关部门" names X and the collective after 等 (相关部门): a plan
lists that collective as unresolved, so its tasks "may apply" to other units.

    市人力资源社会保障局负责,长宁区政府、市大数据中心配合
    -> 市人力资源社会保障局 responsible; 长宁区政府, 市大数据中心 support
    各区政府、市政府各部门负责落实
    -> 各区政府 responsible; 市政府各部门 responsible

Every 2021 cell reads as it did before these phrasings were added (tests/test_units_roles.py).
"""

from __future__ import annotations

import re

from gongkai_cli.model.plan import Role

# Longest first: 按职责分工负责 and 负责落实 before 负责, 牵头负责 before 负责.
ROLE_PHRASES: dict[str, Role] = {
    "按职责分工负责": Role.RESPONSIBLE,
    "按职责负责": Role.RESPONSIBLE,
    "负责落实": Role.RESPONSIBLE,
    "牵头负责": Role.LEAD,
    "牵头": Role.LEAD,
    "负责": Role.RESPONSIBLE,
    "配合": Role.SUPPORT,
    "参与": Role.SUPPORT,
    "协助": Role.SUPPORT,
}

_CLAUSES = re.compile(r"[,，;；]")
_ROLE_WORD = re.compile("(" + "|".join(sorted(ROLE_PHRASES, key=len, reverse=True)) + ")$")
_BRACKETED = re.compile(r"[(（](" + "|".join(ROLE_PHRASES) + r")[)）]$")
_OPEN_LIST = re.compile(
    r"(?P<head>.+?)等(?P<rest>(?:相关|有关|其他)?"
    r"(?:部门|单位|机构|委办局|街道镇|街镇|街道|镇|区|企业|组织))"
)


def parse_responsible(cell: str) -> list[tuple[str, Role]]:
    """The units a 责任单位 cell names, in order, each with its role."""
    pairs: list[tuple[str, Role]] = []
    for clause in _CLAUSES.split(cell):
        clause = clause.strip()
        if not clause:
            continue
        role = Role.RESPONSIBLE
        if match := _ROLE_WORD.search(clause):
            role = ROLE_PHRASES[match[1]]
            clause = clause[: match.start()]
        for name in clause.split("、"):
            pairs.extend(_unit(name.strip(), role))
    return pairs


def _unit(name: str, role: Role) -> list[tuple[str, Role]]:
    if not name:
        return []
    if match := _BRACKETED.search(name):
        name, role = name[: match.start()].strip(), ROLE_PHRASES[match[1]]
    if match := _OPEN_LIST.fullmatch(name):
        return [(match["head"].strip(), role), (match["rest"], role)]
    return [(name, role)]
