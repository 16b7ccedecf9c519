"""The output formats: one closed set for every command (each offers some of them)."""

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
