"""A plan's own reply time limits (its rules.yaml) must cite that plan.

The statutory rules ship in the package; a plan may add limits it sets itself, as
the 2021 plan does in tasks 24, 30 and 99. Each such rule names the plan's 文号 in
its `basis`, and its `quote` is the plan's own words: with `task: N`, part of task
N's 任务内容 (and the basis says 第N项); without, part of the source document.
`gongkai validate` and `gongkai plans add` check this, with the rules file's lines.
"""

from __future__ import annotations

from pathlib import Path

from gongkai_cli.errors import InvalidDataError, Problem
from gongkai_cli.i18n import _
from gongkai_cli.io.files import read_bytes
from gongkai_cli.model.plan import Document, Task


def plan_rules_problems(
    path: Path, plan: tuple[Path, Document, tuple[Task, ...]] | None
) -> list[Problem]:
    """Every problem of the plan's rules file at `path`, as `file:line: field: message`.

    `plan` is the validated plan's directory, document and tasks. The file is
    validated together with the statutory rules (an id or name may not repeat one
    of theirs); `plan` None (it did not validate) checks the file alone.
    """
    from gongkai_cli.workdays.rules import STATUTORY_RULES, read_rules_file, validate_rule_files

    blob = read_bytes(path)
    try:  # statutory first, so a clash is reported in the plan's file, where it is fixed
        validate_rule_files([(STATUTORY_RULES, read_bytes(STATUTORY_RULES)), (path, blob)])
    except InvalidDataError as exc:
        return exc.problems
    if plan is None:
        return []
    doc, data = read_rules_file(path, blob)
    directory, document, tasks = plan
    number = document.number
    source_text: str | None = None
    problems: list[Problem] = []
    for index, rule in enumerate(data.rules):
        loc: tuple[str | int, ...] = ("rules", index)
        if number not in rule.basis:
            problems.append(
                doc.problem(
                    (*loc, "basis"),
                    _("cite the plan: name its 文号 {number}").format(number=number),
                )
            )
        if rule.task is None:
            if source_text is None:
                source_text = _text(directory / document.source)
            if rule.quote not in source_text:
                problems.append(
                    doc.problem((*loc, "quote"), _("not in the plan's source document verbatim"))
                )
            continue
        if not 1 <= rule.task <= len(tasks):
            problems.append(
                doc.problem(
                    (*loc, "task"),
                    _("no task {task}: the plan's tasks run 1..{tasks}").format(
                        task=rule.task, tasks=len(tasks)
                    ),
                )
            )
            continue
        if f"第{rule.task}项" not in rule.basis:
            problems.append(
                doc.problem((*loc, "basis"), _("cite the task: 第{task}项").format(task=rule.task))
            )
        if rule.quote not in tasks[rule.task - 1].content:
            problems.append(
                doc.problem(
                    (*loc, "quote"),
                    _("not in task {task}'s 任务内容 verbatim").format(task=rule.task),
                )
            )
    return problems


def _text(path: Path) -> str:
    try:
        return read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return ""  # reported as the plan's own problem; no quote can be found in it
