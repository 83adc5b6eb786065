"""Typing a bundle's cells fast: per-column converters compiled once from the row models of
`loaders.rows`, run without pydantic's machinery.

They run the models' own validators (the same functions, in the same order) and accept only what the
model would accept unchanged; anything else (a bad cell, a value of another type, a missing required
column) makes them give up, and the row is typed by pydantic after all, which says exactly what is
wrong. So a good row costs a few function calls, and every message stays the model's own.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from annotated_types import Ge, Le, MinLen
from pydantic import AfterValidator, BeforeValidator
from pydantic.fields import FieldInfo

from loaders.rows import Row

Convert = Callable[[Any], Any]


class GiveUp(Exception):
    """The fast path cannot vouch for this value: let pydantic type the row."""


def _exact(kind: type) -> Convert:
    def check(value: Any) -> Any:
        # bool is an int, datetime a date: only the type itself is taken as it is.
        if type(value) is not kind:
            raise GiveUp
        return value

    return check


def _list_of(item: Convert) -> Convert:
    def check(value: Any) -> Any:
        if type(value) is not list:
            raise GiveUp
        return [item(v) for v in value]

    return check


def _constraint(meta: Any) -> Convert | None:
    if isinstance(meta, MinLen):

        def min_len(value: Any) -> Any:
            if len(value) < meta.min_length:
                raise GiveUp
            return value

        return min_len
    if isinstance(meta, Ge):
        return lambda value: value if value >= meta.ge else _give_up()
    if isinstance(meta, Le):
        return lambda value: value if value <= meta.le else _give_up()
    return None


def _give_up() -> Any:
    raise GiveUp


def _compile(annotation: Any, metadata: list[Any]) -> tuple[Convert, bool]:
    """A converter for one field (its type and the metadata pydantic split off), and whether None is
    allowed."""
    before: list[Convert] = []
    after: list[Convert] = []
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata = [*extra, *metadata]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                raise TypeError(f"cannot compile {annotation}")
            optional, annotation = True, args[0]
        else:
            break
    for meta in metadata:
        if isinstance(meta, BeforeValidator):
            before.insert(0, meta.func)  # type: ignore[arg-type]  # pydantic runs the last one first
        elif isinstance(meta, AfterValidator):
            after.append(meta.func)  # type: ignore[arg-type]
        elif isinstance(meta, FieldInfo):
            after.extend(c for m in meta.metadata if (c := _constraint(m)) is not None)
        elif (check := _constraint(meta)) is not None:
            after.append(check)
        else:
            raise TypeError(f"cannot compile {meta!r}")
    if typing.get_origin(annotation) is list:
        base = _list_of(_exact(typing.get_args(annotation)[0]))
    elif annotation in (str, int, float, bool, date, datetime):
        base = _exact(annotation)
    else:
        raise TypeError(f"cannot compile {annotation}")
    steps = [*before, base, *after]

    def convert(value: Any) -> Any:
        for step in steps:
            value = step(value)
        return value

    return convert, optional


@dataclass(frozen=True)
class _Column:
    name: str  # the model's field name (`from_`)
    convert: Convert
    optional: bool
    required: bool


class FastRow:
    """One row model, compiled: `typed(cells)` is what `model_validate(cells).model_dump(by_alias=True)`
    gives for the columns given, or None when only pydantic can tell."""

    def __init__(self, model: type[Row]) -> None:
        self.columns: dict[str, _Column] = {}
        for name, info in model.model_fields.items():
            convert, optional = _compile(info.annotation, list(info.metadata))
            self.columns[info.alias or name] = _Column(name, convert, optional, info.is_required())
        self.required = [alias for alias, column in self.columns.items() if column.required]
        self.defaults = {column.name: None for column in self.columns.values()}
        validators = model.__pydantic_decorators__.model_validators.values()
        if any(v.info.mode != "after" for v in validators):
            raise TypeError(f"{model.__name__}: only after-validators can be compiled")
        self.validators = [v.func for v in validators]

    def typed(self, cells: Mapping[str, Any]) -> dict[str, Any] | None:
        try:
            values: dict[str, Any] = {}
            for alias, text in cells.items():
                column = self.columns[alias]
                if text is None:
                    if not column.optional:
                        return None
                    values[alias] = None
                else:
                    values[alias] = column.convert(text)
            for alias in self.required:
                if alias not in values:
                    return None
            if self.validators:
                row = types.SimpleNamespace(**self.defaults)
                for alias, value in values.items():
                    setattr(row, self.columns[alias].name, value)
                for validator in self.validators:
                    validator(row)
        except Exception:  # GiveUp, or a validator's own error: pydantic says it properly
            return None
        return values


_COMPILED: dict[type[Row], FastRow] = {}


def fast_row(model: type[Row]) -> FastRow:
    """The compiled form of a row model, made once."""
    compiled = _COMPILED.get(model)
    if compiled is None:
        compiled = _COMPILED[model] = FastRow(model)
    return compiled
