"""model/record.Record: the plan's frozen dataclasses compare, hash and show themselves
exactly as the methods @dataclass would have compiled for them (docs/performance.md:
those compilations cost the headline about 4 ms a start)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from gongkai_cli.model import deadline, plan
from gongkai_cli.model.record import Record
from gongkai_cli.plan.load import load_plan

RECORDS = [
    cls
    for module in (plan, deadline)
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
]


def _twin(cls: type) -> Any:
    """`cls` as plain @dataclass(frozen=True) would have made it, compiled methods and all."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [(field.name, Any) for field in dataclasses.fields(cls)],
        frozen=True,
    )


def _instances() -> list[Any]:
    """Every record the shipped plan holds, nested ones (deadlines, milestones…) too."""
    loaded = load_plan()
    found: list[Any] = []
    pending: list[Any] = [loaded.document, *loaded.tasks, *loaded.units]
    while pending:
        value = pending.pop()
        if isinstance(value, tuple):
            pending += value
        elif isinstance(value, Record):
            found.append(value)
            pending += [getattr(value, f.name) for f in dataclasses.fields(value)]  # type: ignore[arg-type]
    return found


def test_every_dataclass_of_the_plan_model_is_a_record() -> None:
    assert len(RECORDS) == 11
    for cls in RECORDS:
        assert issubclass(cls, Record), cls
        assert "__eq__" not in vars(cls) and "__hash__" not in vars(cls), cls
        assert "__repr__" not in vars(cls), cls
        assert not hasattr(cls, "__dict__") or "__dict__" not in dir(cls), cls  # slots kept
        assert all(f.compare and f.hash is None and f.repr for f in dataclasses.fields(cls))


def test_records_compare_hash_and_show_as_dataclasses_do() -> None:
    instances = _instances()
    assert {type(each) for each in instances} >= {plan.Task, plan.Unit, plan.Document}
    for each in instances:
        cls = type(each)
        values = {f.name: getattr(each, f.name) for f in dataclasses.fields(cls)}
        twin = _twin(cls)(**values)
        assert repr(each) == repr(twin).replace(f"types.{cls.__name__}(", f"{cls.__qualname__}(")
        assert hash(each) == hash(twin)
        same = dataclasses.replace(each)
        assert same == each and same is not each
        assert each != twin  # another class: never equal, as a dataclass
        assert each.__eq__(twin) is NotImplemented
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(each, dataclasses.fields(cls)[0].name, None)
    tasks = [each for each in instances if type(each) is plan.Task]
    first, second = tasks[0], tasks[1]
    assert first != second and dataclasses.replace(second, seq=first.seq) != first
    assert len({*tasks, *tasks}) == len(tasks)
