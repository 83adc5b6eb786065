"""Running GraphQL against the real graph without HTTP, as a given viewer, on a given day.

Queries go through the same door as HTTP requests (`schema.execution.run_graphql`): the compiled path
where it applies, the resolvers elsewhere, or the resolvers only with `engine=Engine.RESOLVERS`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson

from graph.driver import Graph
from schema.context import make_context
from schema.execution import Engine, GraphQLRequest, run_graphql
from schema.permissions import ANONYMOUS, Role, Viewer
from tests.conftest import TODAY

CITY_ADMIN = Viewer(role=Role.CITY_ADMIN)


async def execute(
    graph: Graph,
    query: str,
    *,
    viewer: Viewer = ANONYMOUS,
    today: date = TODAY,
    engine: Engine = Engine.AUTO,
    **variables: Any,
) -> dict[str, Any]:
    result = await run_graphql(
        GraphQLRequest(query, variables), make_context(graph, viewer, today), engine=engine
    )
    answer = orjson.loads(result.body)
    assert "errors" not in answer, answer["errors"]
    data: dict[str, Any] = answer["data"]
    return data
