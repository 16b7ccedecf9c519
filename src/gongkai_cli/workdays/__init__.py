"""Working days: the calendar engine over the State Council holiday arrangements
(调休 included), the holidays file, the reply rules, and checking replies against them.

May import: `errors`, `model`, `io`. Never `plan`, `progress`, `render` or `cli`.
"""
