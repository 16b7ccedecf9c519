"""Progress: the progress file and its locked, atomic edits, the assessment behind
`overdue`, the data of the per-unit report, and the 报送 round trip: the template a
unit fills in (`template`), a returned sheet read back (`returns`) and merged into
the file (`merge`).

May import: `i18n`, `errors`, `model`, `io`, `workdays`, `plan`. Never `render` or `cli`.
"""
