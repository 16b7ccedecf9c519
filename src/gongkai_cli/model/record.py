"""`Record`: the equality, hash and repr of the plan's frozen dataclasses, written once.

On Python 3.11, `@dataclass` writes each method it adds as source text and compiles
it, about 80 µs a method, on every start: the plan's eleven frozen dataclasses
(model/plan.py, model/deadline.py) cost the headline command 66 compilations, some
5 ms of its CPU time (docs/performance.md). `__eq__`, `__hash__` and `__repr__` do
not depend on how a class stores its fields, so a record class declares itself

    @dataclass(frozen=True, slots=True, eq=False, repr=False)
    class Task(Record): ...

and inherits these three from here, uncompiled; `__init__` and the frozen
`__setattr__`/`__delattr__` are still the dataclass's own. They behave as the
generated ones do (tests/test_record.py compares them): equal when of the same class
with equal fields in order, hashed as the tuple of the fields, shown as
`Task(number=1, name='…', …)`. No record class marks a field compare=False,
hash=False or repr=False (`Record` would not honour it).
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any

_values: dict[type, tuple[tuple[str, ...], Any]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, ...], Any]:
    """The field names of `cls` and a function giving an instance's values as a tuple."""
    found = _values.get(cls)
    if found is None:
        names = tuple(field.name for field in fields(cls))
        if len(names) == 1:
            one = attrgetter(names[0])
            found = (names, lambda record: (one(record),))
        elif names:
            found = (names, attrgetter(*names))
        else:
            found = (names, lambda record: ())
        _values[cls] = found
    return found


class Record:
    """Base of a frozen dataclass declared with eq=False, repr=False (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            values = _fields_of(self.__class__)[1]
            return bool(values(self) == values(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_fields_of(self.__class__)[1](self))

    def __repr__(self) -> str:
        names, values = _fields_of(self.__class__)
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(names, values(self), strict=True)
        )
        return f"{self.__class__.__qualname__}({shown})"
