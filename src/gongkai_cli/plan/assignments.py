"""Reading a 责任单位 cell into (unit, role) pairs.

The cell is a list of clauses separated by commas (the plan mixes "," and "，").
A clause is units joined by "、", optionally ending in a role word that applies
to every unit of the clause: 牵头 lead, 负责 responsible, 配合 support. A clause
with no role word is responsible.

    市人力资源社会保障局负责,长宁区政府、市大数据中心配合
    -> 市人力资源社会保障局 responsible; 长宁区政府, 市大数据中心 support
"""

from __future__ import annotations

import re

from gongkai_cli.model.plan import ROLE_BY_WORD, Role

_CLAUSES = re.compile(r"[,，;；]")
_ROLE_WORD = re.compile("(" + "|".join(ROLE_BY_WORD) + ")$")


def parse_responsible(cell: str) -> list[tuple[str, Role]]:
    """The units a 责任单位 cell names, in order, each with its role."""
    pairs: list[tuple[str, Role]] = []
    for clause in _CLAUSES.split(cell):
        clause = clause.strip()
        if not clause:
            continue
        role = Role.RESPONSIBLE
        if match := _ROLE_WORD.search(clause):
            role = ROLE_BY_WORD[match[1]]
            clause = clause[: match.start()]
        pairs.extend((unit.strip(), role) for unit in clause.split("、") if unit.strip())
    return pairs
