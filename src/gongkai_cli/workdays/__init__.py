"""Working days: the calendar engine over the State Council holiday arrangements
(调休 included), the holidays file, the reply rules, and checking replies against them.

- `days`: day types (what a period counts, receipt, the kind of a day) and the shapes
  the engine takes and returns;
- `calendar`: the engine, `WorkCalendar`, and `load_calendar`;
- `library`: chinese-calendar as a source of years;
- `holidays`: the holidays file's schema and loading;
- `rules`: the reply rules file;
- `replies/`: one case (`verdict`) and the batch engine.

May import: `i18n`, `errors`, `model`, `io`. Never `plan`, `progress`, `render` or `cli`.
"""
