"""The schema's own scalars, described with the Chinese term like everything else GraphiQL shows.

Strawberry's `Date`, `DateTime` and `JSON` keep their names, parsing and serialising; only their
descriptions change, through the schema's `scalar_overrides`.
"""

from __future__ import annotations

import dataclasses
import datetime

from strawberry.scalars import JSON
from strawberry.schema.types.scalar import DEFAULT_SCALAR_REGISTRY
from strawberry.types.scalar import ScalarDefinition, ScalarWrapper


def _described(python_type: object, description: str) -> ScalarDefinition:
    found = DEFAULT_SCALAR_REGISTRY[python_type]
    definition = found._scalar_definition if isinstance(found, ScalarWrapper) else found
    return dataclasses.replace(definition, description=description)


SCALAR_OVERRIDES: dict[object, ScalarWrapper | ScalarDefinition] = {
    datetime.date: _described(
        datetime.date, "A day (日期), ISO 8601, e.g. 2026-11-28; days are the city's own (UTC+8)."
    ),
    datetime.datetime: _described(
        datetime.datetime, "A moment (时间), ISO 8601 with an offset, e.g. 2026-11-28T09:30:00+08:00."
    ),
    JSON: _described(
        JSON,
        "Any JSON value (JSON 值); for properties, an object like a bundle row's columns, e.g. "
        '{"name": "东方社区", "population": 5200}.',
    ),
}
