"""Reading and writing files: bounded reads, locks and atomic writes, YAML with line
numbers, round-trip edits, the validated-data cache, date spellings and "today", and the
settings (every GONGKAI_* variable).

May import: `errors`, `model`. Never a domain package, `render` or `cli`.
"""
