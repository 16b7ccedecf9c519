"""Reading and writing files: bounded reads, locks and atomic writes, YAML with line
numbers, round-trip edits, the validated-data cache, date spellings and "today", the
settings (every GONGKAI_* variable), and where plans live (`plans`: the shipped one and
the installed ones, by id).

May import: `i18n`, `errors`, `model`. Never a domain package, `render` or `cli`.
"""
