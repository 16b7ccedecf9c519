"""Checking replies against their time limits.

- `verdict`: one case (`check_case` gives a `Verdict`).
- `fields`: one batch row from its text fields, with caches (`RowChecker`).
- `encoders`: typed output encoders, csv, jsonl, json and table rows.
- `source`: batch input as lines of text, decoded with a known encoding.
- `csv_input` and `jsonl_input`: a file's rows, the CSV fast path included.
- `batch`: the batch engine (`BatchChecker.run`), one result per input row.

May import what `workdays` may import, and `workdays` itself.
"""
