"""The questions people ask of a plan, one module each, between the domain and render/.

`due` (what a unit owes and by when; also `--plan all`), `owes` (counted by month),
`calendar` (a month), `overdue` (the CI gate), `report` (per unit and task),
`template` (what a unit owes, as a 报送 sheet to fill in) and `reply_check` (whether
replies met their deadlines). Each takes a typed request and
returns a typed answer holding everything a view shows: statuses, days left, the
pre-issue policy, groups and notes, so render/ only formats. `scope.py` opens one
plan for them: its unit directory, its deadline policy and its progress file.

May import: `errors`, `i18n`, `model`, `io`, `workdays`, `plan` and `progress`. Never
render or cli: a query is asked by the command line and answered for any view.
"""
