"""JSON Lines input: one object a line with id, received, replied, rule?, days?,
channel?, restart?, confirmed?.

Any line that is not a usable record (not JSON, not an object, nested too deeply, a
number too long to convert, an unknown key) is an invalid row; the batch goes on.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Hashable, Iterator
from typing import Any, TypeVar

from gongkai_cli.i18n import _
from gongkai_cli.workdays.replies.columns import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from gongkai_cli.workdays.replies.csv_input import Rows
from gongkai_cli.workdays.replies.encoders import Encoder
from gongkai_cli.workdays.replies.fields import RowResult, invalid_result
from gongkai_cli.workdays.replies.source import Block
from gongkai_cli.workdays.replies.verdict import ReplyStatus

S = TypeVar("S", bound=Hashable)
P = TypeVar("P")


class JsonlRows(Rows):
    """JSON Lines rows, one at a time (no cache: records rarely repeat byte for byte)."""

    _KEYS = frozenset(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)

    def chunks(self, out: Encoder[S, P]) -> Iterator[tuple[list[P], Counter[ReplyStatus]]]:
        """Output pieces a block of lines at a time, with how many rows got each status."""
        for block in self.reader:
            assert isinstance(block, Block)  # JSON Lines are never a sheet's typed rows
            pieces: list[P] = []
            statuses: list[ReplyStatus] = []
            for index, text in enumerate(block.lines):
                reason = block.bad.get(index)
                if reason is not None:
                    row_id, result = "", invalid_result("", "", "", reason)
                elif not text.strip():
                    continue
                else:
                    row_id, result = self._row(text)
                pieces.append(out.row(block.first + index, row_id, out.suffix(result)))
                statuses.append(result.status)
                if result.unknown_intake:
                    self.unknown_intake[result.unknown_intake] += 1
            yield pieces, Counter(statuses)

    def _row(self, text: str) -> tuple[str, RowResult]:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            from gongkai_cli.io.json_errors import json_reason

            reason = _("{msg} at column {colno}").format(msg=json_reason(exc), colno=exc.colno)
        except RecursionError:
            reason = _("nested too deeply")
        except ValueError:  # int(): more digits than sys.get_int_max_str_digits()
            reason = _("a number of more than {value} digits").format(
                value=sys.get_int_max_str_digits()
            )
        else:
            try:
                return self._record(data)
            except RecursionError:  # json.dumps of a value nested almost too deeply to load
                reason = _("nested too deeply")
        return "", invalid_result("", "", "", _("not JSON: {reason}").format(reason=reason))

    def _record(self, data: Any) -> tuple[str, RowResult]:
        def invalid(reason: str, data: dict[str, Any] | None = None) -> RowResult:
            data = data or {}
            received, replied, rule, channel, restart, confirmed = (
                _text(data.get(k))
                for k in ("received", "replied", "rule", "channel", "restart", "confirmed")
            )
            return invalid_result(received, replied, rule, reason, channel, restart, confirmed)

        if not isinstance(data, dict):
            return "", invalid(_("not a JSON object"))
        row_id = _text(data.get("id"))
        unknown = sorted(set(data) - self._KEYS)
        if unknown:
            return row_id, invalid(_("unknown field {value!r}").format(value=unknown[0]), data)
        missing = [key for key in ("received",) if key not in data]
        if missing:
            return row_id, invalid(_("missing {value}").format(value=missing[0]), data)
        if not row_id.strip():
            return row_id, invalid(_("missing id"), data)
        keys = ("received", "replied", "rule", "days", "channel", "restart", "confirmed")
        fields = [_text(data.get(key)) for key in keys]
        return row_id, self.checker.check_fields(*fields)


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
