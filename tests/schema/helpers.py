"""Running GraphQL against the real graph without HTTP, as a given viewer, on a given day."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.driver import Graph
from schema.context import make_context
from schema.permissions import ANONYMOUS, Role, Viewer
from schema.root import SCHEMA
from tests.conftest import TODAY

CITY_ADMIN = Viewer(role=Role.CITY_ADMIN)


async def execute(
    graph: Graph, query: str, *, viewer: Viewer = ANONYMOUS, today: date = TODAY, **variables: Any
) -> dict[str, Any]:
    result = await SCHEMA.execute(
        query, variable_values=variables, context_value=make_context(graph, viewer, today)
    )
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data
