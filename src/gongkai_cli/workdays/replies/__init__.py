"""Checking replies against their time limits.

- `verdict`: one case (`check_case` gives a `Verdict`).
- `fields`: one batch row from its text fields, with caches (`RowChecker`).
- `encoders`: typed output encoders, csv, jsonl, json and table rows.
- `source`: batch input as lines of text, decoded with a known encoding.
- `columns`: which header holds what (Chinese headers, --columns), what passes through.
- `csv_input`, `sheet_input` (xlsx) and `jsonl_input`: a file's rows, the CSV fast
  path included.
- `groups`: days late or left, and the summary per group (--group-by).
- `batch`: the batch engine (`BatchChecker.run`), one result per input row.

May import what `workdays` may import, and `workdays` itself.
"""
