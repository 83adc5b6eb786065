"""Where a field's answer comes from on the compiled path: the metadata each field declares.

A field's Strawberry metadata holds, under `SOURCE`, a function from the shape the query selects below
the field (None for a leaf) to the projection it reads (`graph.projection`); a field whose Boolean
arguments change what it reads holds one under `ARGUMENT_SOURCE` that also takes their values. A plain
field without either reads the stored property of its own name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graph.projection import Expr, Shape

SOURCE = "gridwork.source"
Source = Callable[[Shape | None], Expr]
ARGUMENT_SOURCE = "gridwork.argument_source"
ArgumentSource = Callable[[Shape | None, Mapping[str, Any]], Expr]


def sourced(source: Source) -> dict[str, Any]:
    """Strawberry field metadata naming the field's source."""
    return {SOURCE: source}
