"""JSON Lines input: one object a line with id, received, replied, rule?, days?."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Hashable, Iterator
from typing import Any, TypeVar

from gongkai_cli.workdays.replies.csv_input import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, Rows
from gongkai_cli.workdays.replies.encoders import Encoder
from gongkai_cli.workdays.replies.fields import RowResult, invalid_result
from gongkai_cli.workdays.replies.verdict import Status

S = TypeVar("S", bound=Hashable)
P = TypeVar("P")


class JsonlRows(Rows):
    """JSON Lines input: one object a line with id, received, replied, rule?, days?."""

    _KEYS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

    def chunks(self, out: Encoder[S, P]) -> Iterator[tuple[list[P], Counter[Status]]]:
        """Output pieces about 1 MB of lines at a time, with how many rows got each status."""
        while True:
            chunk = self.source.readlines(1 << 20)
            if not chunk:
                break
            pieces: list[P] = []
            statuses: list[Status] = []
            for text in chunk:
                self.lines += 1
                if not text.strip():
                    continue
                row_id, result = self._row(text)
                pieces.append(out.row(self.lines, row_id, out.suffix(result)))
                statuses.append(result.status)
            yield pieces, Counter(statuses)

    def _row(self, text: str) -> tuple[str, RowResult]:
        def invalid(reason: str, data: dict[str, Any] | None = None) -> RowResult:
            data = data or {}
            received, replied, rule = (_text(data.get(k)) for k in ("received", "replied", "rule"))
            return invalid_result(received, replied, rule, reason)

        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return "", invalid(f"not JSON: {exc.msg} at column {exc.colno}")
        if not isinstance(data, dict):
            return "", invalid("not a JSON object")
        row_id = _text(data.get("id"))
        unknown = sorted(set(data) - self._KEYS)
        if unknown:
            return row_id, invalid(f"unknown field {unknown[0]!r}", data)
        missing = [key for key in ("received",) if key not in data]
        if missing:
            return row_id, invalid(f"missing {missing[0]}", data)
        if not row_id.strip():
            return row_id, invalid("missing id", data)
        fields = [_text(data.get(key)) for key in ("received", "replied", "rule", "days")]
        return row_id, self.checker.check_fields(*fields)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
