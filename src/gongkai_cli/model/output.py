"""The output formats: one closed set for every command (each offers some of them), and
what a spreadsheet reads as a formula."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """A format gongkai writes: `--format` of every command takes some of these."""

    TABLE = "table"  # text for people, laid out to the terminal
    JSON = "json"
    CSV = "csv"
    JSONL = "jsonl"  # one JSON object a line (reply-check --file)
    MD = "md"  # Markdown to paste into a report
    HTML = "html"  # one page that prints on A4 (report)
    ICS = "ics"  # an iCalendar file (due)
    XLSX = "xlsx"  # a workbook for a spreadsheet


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text cell as a formula (OWASP, "CSV
Injection"). The output sanitiser (render/sanitise.py) changes a csv or xlsx cell only
when it starts with one of these or holds a control character: reply-check's streamed
csv writes a row whose fields are printable and start with none of these without asking
it (workdays/replies/encoders.py)."""
