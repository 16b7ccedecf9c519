"""`gongkai import`'s views: the draft and its review points for scripts (json, csv ...),
and for people the points and a summary on stderr."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from gongkai_cli.i18n import _, ngettext
from gongkai_cli.model.draft import ImportedDraft, ReviewPoint
from gongkai_cli.render.emit import Records, View, note
from gongkai_cli.render.records import review_record

SHOWN_ALIKE = 3  # points with the same message on the same field of several tasks


def note_review(findings: Sequence[ReviewPoint]) -> None:
    """Each point on stderr; past a few alike (every row's section), one line counting the rest."""
    alike: Counter[tuple[str, str, str]] = Counter()
    for finding in findings:
        key = (finding.file, re.sub(r"\.\d+", ".N", finding.field), finding.message)
        alike[key] += 1
        if alike[key] <= SHOWN_ALIKE:
            # The marks the draft's comments carry (待决定, 待核对), in the run's language.
            mark = _("to decide") if finding.decide else _("to check")
            note(f"{finding.file}:{finding.line}: {mark}: {finding.field}: {finding.message}")
    for (file, field, message), count in alike.items():
        if count > SHOWN_ALIKE:
            note(
                _(
                    "{file}: {field}: {message}: {value} more like it (--format json lists "
                    "them all)"
                ).format(file=file, field=field, message=message, value=count - SHOWN_ALIKE)
            )


def import_view(result: ImportedDraft, plan_id: str | None, default_time_node: str | None) -> View:
    """The draft and every point to look at, for json, csv and the other formats."""
    review = [review_record(point) for point in result.findings]
    return View(
        data={
            "out": str(result.out),
            "id": plan_id,
            "layout": result.layout,
            "tasks": result.tasks,
            "units": result.units,
            "status": "needs-decisions" if any(f.decide for f in result.findings) else "ok",
            "review": review,
            # only when asked for, so that every other answer stays as it was
            **(
                {"default_time_node": {"node": default_time_node, "tasks": list(result.defaulted)}}
                if default_time_node is not None
                else {}
            ),
        },
        records=Records(("file", "line", "field", "kind", "message"), review),
    )


def note_summary(result: ImportedDraft, default_time_node: str | None) -> None:
    """What was written and what is left to do, on stderr in every format."""
    decide = sum(f.decide for f in result.findings)
    check = len(result.findings) - decide
    if default_time_node is not None:  # what the option did, even when it found nothing
        note(
            ngettext(
                "--default-time-node {node}: {count} item writes no 完成时限 and takes it, "
                "recorded as a decision (gongkai show SEQ says why)",
                "--default-time-node {node}: {count} items write no 完成时限 and take it, "
                "each recorded as a decision (gongkai show SEQ says why)",
                len(result.defaulted),
            ).format(node=default_time_node, count=len(result.defaulted))
        )
    said = _(
        "written {out}: tasks {tasks} ({layout}), units {units}; to decide (待决定) {decide}, "
        "to check (待核对) {check}"
    ).format(
        out=result.out,
        tasks=result.tasks,
        layout=result.layout,
        units=result.units,
        decide=decide,
        check=check,
    )
    note(said + ("" if decide else _(". The draft validates")))
