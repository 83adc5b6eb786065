"""Running GraphQL that may fail: the data and the error codes, for tests of refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from graph.constraints import ensure_constraints
from graph.driver import Graph, Neo4jSettings, open_graph
from graph.maintenance import delete_everything
from schema.context import make_context
from schema.permissions import ANONYMOUS, Viewer
from schema.root import SCHEMA
from tests.conftest import SAMPLE_CITY, TODAY, load


async def attempt(
    graph: Graph, query: str, *, viewer: Viewer = ANONYMOUS, today: date = TODAY, **variables: Any
) -> tuple[dict[str, Any] | None, list[tuple[str, str]]]:
    """The result's data and each error as (code, message)."""
    result = await SCHEMA.execute(
        query, variable_values=variables, context_value=make_context(graph, viewer, today)
    )
    errors = [(str((e.extensions or {}).get("code")), e.message) for e in result.errors or []]
    return result.data, errors


async def refused(
    graph: Graph, query: str, *, viewer: Viewer = ANONYMOUS, **variables: Any
) -> tuple[str, str]:
    """The one error a refused request gets, as (code, message)."""
    _, errors = await attempt(graph, query, viewer=viewer, **variables)
    assert len(errors) == 1, errors
    return errors[0]


def city_fixtures() -> tuple[Any, Any]:
    """Fixtures `anyio_backend` and `city` for a module of tests that only read the sample city.

    The city is loaded once per module instead of once per test, which keeps a module's run short on
    a busy machine; tests that write use the per-test `sample_city` instead. Use as
    `anyio_backend, city = city_fixtures()` at the top of the module.
    """

    @pytest.fixture(scope="module")
    def anyio_backend() -> str:
        return "asyncio"

    @pytest.fixture(scope="module")
    async def city(neo4j_settings: Neo4jSettings) -> AsyncIterator[Graph]:
        connected = open_graph(neo4j_settings)
        await delete_everything(connected)
        await ensure_constraints(connected)
        await load(connected, SAMPLE_CITY)
        try:
            yield connected
        finally:
            await connected.close()

    return anyio_backend, city
