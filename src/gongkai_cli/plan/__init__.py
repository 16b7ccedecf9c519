"""The plan: loading and validating tasks.yaml and units.yaml, units and collectives,
the 责任单位 and 时间节点 grammars, what a unit owes (obligations), the month view,
lint with its wording comparison, and installing and removing plans (`install`;
io.plans finds one by id).

May import: `i18n`, `errors`, `model`, `io`, `workdays`. Never `progress`, `render` or `cli`.
"""
