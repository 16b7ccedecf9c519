"""The view of `gongkai report`: Markdown and its tables (report_md), the html page
(report_html), and the JSON record, from one Report."""

from __future__ import annotations

from gongkai_cli.queries.report import Report
from gongkai_cli.render.emit import View
from gongkai_cli.render.report_html import html_report
from gongkai_cli.render.report_md import markdown_view


def report_view(report: Report) -> View:
    """The report in every format it is offered in; the html page is made only when written."""
    return markdown_view(report)._replace(document=lambda: html_report(report))
