"""Write examples/市教委-已填.xlsx: 市教委's 报送 sheet as the unit sends it back.

    python tools/returned_example.py

The template is the one `gongkai progress template --unit 市教委 --as-of 2021-06-15`
writes from an empty progress file; the unit then fills in five rows in Excel (the
file kept as it is, openpyxl), one of them with a date that does not exist. The docs
(docs/progress.md, docs/tutorial.md) and the corpus import it. Run this again when
the template's layout or 2021's task text changes: the docs' examples fail until then.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "examples" / "市教委-已填.xlsx"

# (seq) -> {header: value}, as the unit types them.
FILLED = {
    27: {"状态": "已完成", "完成日期": dt.date(2021, 4, 10), "佐证": "沪教委办〔2021〕5号"},
    99: {"状态": "进行中", "备注": "待党组会审定"},
    16: {"状态": "进行中", "指标值": 55},
    22: {"完成日期": dt.date(2021, 6, 1), "佐证": "https://edu.sh.gov.cn/hd"},
    21: {"状态": "已完成", "完成日期": "2021-06-31"},
}


def main() -> None:
    from openpyxl import load_workbook

    from gongkai_cli.queries.scope import open_scope
    from gongkai_cli.queries.template import template_for
    from gongkai_cli.render.template_xlsx import template_bytes

    made = template_for(open_scope(None), "市教委", dt.date(2021, 6, 15))
    book = load_workbook(io.BytesIO(template_bytes(made)))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[3]]
    for number in range(4, sheet.max_row + 1):
        key = json.loads(str(sheet.cell(number, 1).value))
        for name, value in FILLED.get(key["seq"], {}).items():
            sheet.cell(number, header.index(name) + 1).value = value
    book.properties.created = book.properties.modified = dt.datetime(2021, 6, 15, 9, 0)
    book.save(TARGET)


if __name__ == "__main__":
    main()
