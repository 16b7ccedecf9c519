"""What tasks.yaml and units.yaml hold, as pydantic validates them.

Apart from the plan's model (model/plan.py) because only validation and the JSON
Schema need them; a cached load never does, and each dataclass costs about
0.8 ms to define.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai_cli.model.plan import STRICT, Document, Task, Unit


@dataclass(frozen=True, slots=True)
class TasksFile:
    """The contents of tasks.yaml."""

    __pydantic_config__ = STRICT

    document: Document
    """The plan document itself."""
    tasks: tuple[Task, ...]
    """Every row of the annex 任务分解表 (or every numbered item), in order."""


@dataclass(frozen=True, slots=True)
class UnitsFile:
    """The contents of units.yaml."""

    __pydantic_config__ = STRICT

    units: tuple[Unit, ...]
    """Every unit named in the plan, one canonical entry each."""
