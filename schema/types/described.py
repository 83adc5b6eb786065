"""GraphQL enums over the graph's own enums, with a description for each value.

The graph's enums (`ServiceRole`, `GapKind`, ...) live in `graph/` as plain Python enums; the schema
serves them under the same names. `described_enum` adds what GraphiQL shows for each value, the
English meaning beside the Chinese term, and refuses an enum whose values are not all described, so
that a value added in `graph/` is described here before the schema builds.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=type[Enum])


def described_enum(cls: E, *, name: str, description: str, values: Mapping[str, str]) -> E:
    """`strawberry.enum(cls)`, each value described by `values[value.name]`."""
    missing = sorted({member.name for member in cls} ^ set(values))
    if missing:
        raise ValueError(f"{name}: describe exactly its values; these differ: {', '.join(missing)}")
    typed = strawberry.enum(cls, name=name, description=description)
    for value in typed.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = values[value.name]
    return typed
