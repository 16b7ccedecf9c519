"""Frozen dataclasses to plain JSON values and back, checked against their type hints.

The cache stores validated data as JSON; reading it back must give exactly the
objects validation gave, or nothing. So decoding follows the dataclass's type
hints, not the data: a record is a JSON array of its fields' values in the
class's field order, exactly as many; a date an ISO string; an enum its value; a
tuple a list (of its length, for a fixed tuple); a dict a list of [key, value]
pairs, so keys of any type survive. Anything else (a bool for an int, a field
too few or too many, a key twice) raises DecodeError. Nothing in the data names
a type or a function, so no payload can make the decoder build anything its
type hints do not name. (Arrays rather than objects keyed by field name: the
plan parses in two thirds of the time, and the cache's code fingerprint already
ties a file to the field order that wrote it.)

Supported hints: str, int, float, bool, None, enums, datetime.date, pathlib.Path,
X | None, tuple[X, ...], tuple[X, Y], dict[K, V] and dataclasses of those.
The functions for a type are built once per process from its hints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
Convert = Callable[[Any], Any]


class DecodeError(ValueError):
    """Cached data that does not fit the type it is read as."""


class EncodeError(ValueError):
    """A value that does not fit its own type hint, so it cannot be cached."""


def encode(kind: type[T], value: T) -> Any:
    """`value`, of type `kind`, as lists, dicts, strings, numbers, booleans and None."""
    return _encoder(kind)(value)


def decode(kind: type[T], data: Any) -> T:
    """The `kind` that `encode(kind, ...)` gave `data`, or DecodeError."""
    value: T = _decoder(kind)(data)
    return value


_ENCODERS: dict[object, Convert] = {}
_DECODERS: dict[object, Convert] = {}


def _encoder(hint: object) -> Convert:
    found = _ENCODERS.get(hint)
    if found is None:
        found = _ENCODERS[hint] = _build_encoder(hint)
    return found


def _decoder(hint: object) -> Convert:
    found = _DECODERS.get(hint)
    if found is None:
        found = _DECODERS[hint] = _build_decoder(hint)
    return found


def _fields(cls: type) -> list[tuple[str, object]]:
    """(name, resolved hint) of each field, in order."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__}: fields outside __init__ cannot be decoded")
    try:
        return [(f.name, _hint(cls, f.type)) for f in fields]
    except NameError:  # a field inherited from a class of another module
        hints = typing.get_type_hints(cls)
        return [(f.name, hints[f.name]) for f in fields]


_HINTS: dict[tuple[str, str], object] = {}


def _hint(cls: type, annotation: object) -> object:
    """A field's annotation resolved in its class's module, each spelling once per module.

    The same spellings (str, tuple[str, ...], dt.date | None) recur across the
    model's classes; typing.get_type_hints would compile and evaluate each of them
    again for every class, which costs milliseconds on every cached load.
    """
    if not isinstance(annotation, str):
        return annotation
    key = (cls.__module__, annotation)
    found = _HINTS.get(key)
    if found is None:
        namespace = vars(sys.modules[cls.__module__])
        found = eval(annotation, namespace)  # the package's own source, never data
        if found is None:
            found = type(None)
        _HINTS[key] = found
    return found


def _keyword_only(cls: type) -> bool:
    return any(f.kw_only for f in dataclasses.fields(cls))


def _optional_of(hint: object) -> object | None:
    """X for X | None, else None."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = typing.get_args(hint)
        rest: list[object] = [a for a in args if a is not type(None)]
        if len(args) == 2 and len(rest) == 1:
            return rest[0]
        raise TypeError(f"unsupported union {hint!r}: only X | None")
    return None


def _wrong(expected: str, data: object) -> DecodeError:
    return DecodeError(f"expected {expected}, got {type(data).__name__}")


def _build_decoder(hint: object) -> Convert:
    inner = _optional_of(hint)
    if inner is not None:
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    allowed = _primitive_types(hint)
    if allowed:
        # A float field keeps an int that validation left in it: 60 stays 60, not 60.0.
        expected = " or ".join(kind.__name__ for kind in allowed)

        def primitive(data: Any) -> Any:
            if type(data) not in allowed:  # exact: a bool is not an int here
                raise _wrong(expected, data)
            return data

        return primitive
    if hint is dt.date:

        def date(data: Any) -> dt.date:
            if type(data) is not str or len(data) != 10:
                raise _wrong("a YYYY-MM-DD date", data)
            try:
                return dt.date.fromisoformat(data)
            except ValueError:
                raise _wrong("a YYYY-MM-DD date", data) from None

        return date
    if hint is Path:

        def path(data: Any) -> Path:
            if type(data) is not str:
                raise _wrong("a path", data)
            return Path(data)

        return path
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members: dict[object, enum.Enum] = {m.value: m for m in hint}

        def member(data: Any) -> enum.Enum:
            if type(data) not in (str, int) or data not in members:
                raise _wrong(f"a {hint.__name__}", data)
            return members[data]

        return member
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def sequence(data: Any) -> tuple[Any, ...]:
            if type(data) is not list:
                raise _wrong("a list", data)
            return tuple([item(x) for x in data])

        return sequence
    if origin is tuple:
        items = [_decoder(a) for a in args]

        def fixed(data: Any) -> tuple[Any, ...]:
            if type(data) is not list or len(data) != len(items):
                raise _wrong(f"a list of {len(items)}", data)
            return tuple([convert(x) for convert, x in zip(items, data, strict=True)])

        return fixed
    if origin is dict:
        key, value = _decoder(args[0]), _decoder(args[1])

        def mapping(data: Any) -> dict[Any, Any]:
            if type(data) is not list:
                raise _wrong("a list of [key, value] pairs", data)
            result = {}
            for pair in data:
                if type(pair) is not list or len(pair) != 2:
                    raise _wrong("a [key, value] pair", pair)
                result[key(pair[0])] = value(pair[1])
            if len(result) != len(data):
                raise DecodeError("a key appears twice")
            return result

        return mapping
    raise TypeError(f"cannot decode {hint!r}")


def _record_decoder(cls: type) -> Convert:
    fields = [(name, _decoder(hint)) for name, hint in _fields(cls)]
    converts = [convert for _, convert in fields]
    count = len(fields)

    def record(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise _wrong(f"the {count} fields of {cls.__name__}", data)
        return cls(*[convert(x) for convert, x in zip(converts, data, strict=True)])

    def keyword_record(data: Any) -> Any:
        if type(data) is not list or len(data) != count:
            raise _wrong(f"the {count} fields of {cls.__name__}", data)
        return cls(**{name: convert(x) for (name, convert), x in zip(fields, data, strict=True)})

    return keyword_record if _keyword_only(cls) else record


def _primitive_types(hint: object) -> tuple[type, ...]:
    """The types a JSON primitive of this hint may hold (what the decoder accepts back)."""
    if hint is None or hint is type(None):
        return (type(None),)
    if hint is float:
        return (float, int)
    if hint is str or hint is int or hint is bool:
        assert isinstance(hint, type)
        return (hint,)
    return ()


def _build_encoder(hint: object) -> Convert:
    inner = _optional_of(hint)
    if inner is not None:
        encode_inner = _encoder(inner)
        return lambda value: None if value is None else encode_inner(value)
    allowed = _primitive_types(hint)
    if allowed:

        def primitive(value: Any) -> Any:
            if type(value) not in allowed:
                raise EncodeError(f"{value!r} is not {hint!r}")
            return value

        return primitive
    if hint is dt.date:

        def date(value: Any) -> str:
            if type(value) is not dt.date:
                raise EncodeError(f"{value!r} is not a date")
            return value.isoformat()

        return date
    if hint is Path:

        def path(value: Any) -> str:
            if not isinstance(value, Path):
                raise EncodeError(f"{value!r} is not a path")
            return str(value)

        return path
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        enum_type = hint

        def member(value: Any) -> Any:
            if type(value) is not enum_type:
                raise EncodeError(f"{value!r} is not a {enum_type.__name__}")
            return value.value

        return member
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = [(name, _encoder(h)) for name, h in _fields(hint)]
        cls = hint

        def record(value: Any) -> list[Any]:
            if type(value) is not cls:
                raise EncodeError(f"{value!r} is not a {cls.__name__}")
            return [convert(getattr(value, name)) for name, convert in fields]

        return record
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        variadic = len(args) == 2 and args[1] is Ellipsis
        items = [_encoder(a) for a in (args[:1] if variadic else args)]

        def sequence(value: Any) -> list[Any]:
            if type(value) is not tuple or (not variadic and len(value) != len(items)):
                raise EncodeError(f"{value!r} is not a {hint!r}")
            if variadic:
                return [items[0](x) for x in value]
            return [convert(x) for convert, x in zip(items, value, strict=True)]

        return sequence
    if origin is dict:
        key, item = _encoder(args[0]), _encoder(args[1])

        def mapping(value: Any) -> list[list[Any]]:
            if type(value) is not dict:
                raise EncodeError(f"{value!r} is not a dict")
            return [[key(k), item(v)] for k, v in value.items()]

        return mapping
    raise TypeError(f"cannot encode {hint!r}")
