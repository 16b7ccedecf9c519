"""Progress: the progress file and its locked, atomic edits, the assessment behind
`overdue`, and the data of the per-unit report.

May import: `i18n`, `errors`, `model`, `io`, `workdays`, `plan`. Never `render` or `cli`.
"""
