"""Importing a plan from the document an office receives (`gongkai import`).

Readers per kind of source (text, csv/tsv, xlsx, docx) give one table or list of
items; the draft builder turns it into tasks.yaml and units.yaml with decisions
and review points; the writer puts them in place atomically; the verbatim check
compares any plan with its source.

May import: `errors`, `model`, `io` and the rest of `plan`; never `render` or `cli`.
openpyxl and python-docx are imported only when such a file is read.
"""

from gongkai_cli.model.draft import ImportedDraft, ReviewPoint
from gongkai_cli.plan.importing.draft import DocumentFacts
from gongkai_cli.plan.importing.run import check_against_source, import_plan

__all__ = [
    "DocumentFacts",
    "ImportedDraft",
    "ReviewPoint",
    "check_against_source",
    "import_plan",
]
