"""The JSON Schema of every file gongkai reads: plan, rules, holidays and progress.

It sits above the domain packages because it names a model from each of them.
"""

from __future__ import annotations

from typing import Any

from gongkai_cli.model.files import TasksFile, UnitsFile


def json_schemas() -> dict[str, Any]:
    """The JSON Schema of every file gongkai reads, by file, for editors and other tools."""
    from pydantic import TypeAdapter

    from gongkai_cli.progress.file import ProgressFile, widen_schema
    from gongkai_cli.workdays.holidays import HolidaysFile
    from gongkai_cli.workdays.rules import RulesFile

    models: dict[str, Any] = {
        "tasks.yaml": TasksFile,
        "units.yaml": UnitsFile,
        "rules.yaml": RulesFile,
        "holidays.yaml": HolidaysFile,
        "progress.yaml": ProgressFile,
    }
    schemas = {name: TypeAdapter(model).json_schema() for name, model in models.items()}
    widen_schema(schemas["progress.yaml"])
    return schemas
