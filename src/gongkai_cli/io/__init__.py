"""Reading and writing files: bounded reads, locks and atomic writes, YAML with line
numbers, round-trip edits, the validated-data cache, date spellings and "today", the
settings (every GONGKAI_* variable), where plans live (`plans`: the shipped one and
the installed ones, by id), and office files read within bounds (`containers`), among
them spreadsheets through the one sheet reader (`sheets`, with `sheet_scan`).

May import: `i18n`, `errors`, `model`. Never a domain package, `render` or `cli`.
"""
