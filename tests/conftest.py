"""One real Neo4j for the whole test session, and an empty database for each test that needs one.

The server is the project's own local Neo4j (`gridwork neo4j start`), on a free port with its data in
a temporary folder, so a developer's own server is never touched. Set GRIDWORK_TEST_NEO4J_URI to run
the suite against another server instead (its database is emptied by the tests).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from graph.constraints import ensure_constraints
from graph.driver import Graph, Neo4jSettings, open_graph
from graph.maintenance import delete_everything
from gridwork.neo4j_local import server
from loaders.bundle import read_bundle
from loaders.importer import import_bundle

FIXTURES = Path(__file__).parent / "fixtures"
HAND_CITY = FIXTURES / "hand_city"
SAMPLE_CITY = Path(__file__).parents[1] / "seeds" / "sample_city"
# The day the hand-made fixtures' answers were worked out for: pairings ended before it, one begins after.
TODAY = date(2026, 11, 28)


@dataclass(frozen=True)
class SessionNeo4j:
    settings: Neo4jSettings
    data_dir: Path | None  # None when the suite runs against a server of its own (GRIDWORK_TEST_NEO4J_URI)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionNeo4j]:
    uri = os.environ.get("GRIDWORK_TEST_NEO4J_URI")
    if uri:
        yield SessionNeo4j(Neo4jSettings(uri=uri), None)
        return
    data_dir = tmp_path_factory.mktemp("neo4j")
    with server.running(data_dir) as status:
        yield SessionNeo4j(Neo4jSettings(uri=status.uri, user=None, password=None, database=None), data_dir)


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: SessionNeo4j) -> Neo4jSettings:
    return neo4j_server.settings


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def graph(neo4j_settings: Neo4jSettings) -> AsyncIterator[Graph]:
    """A driver on an empty database with every constraint in place."""
    connected = open_graph(neo4j_settings)
    await delete_everything(connected)
    await ensure_constraints(connected)
    try:
        yield connected
    finally:
        await connected.close()


async def load(graph: Graph, bundle: Path) -> None:
    await import_bundle(graph, read_bundle(bundle))


@pytest.fixture
async def hand_city(graph: Graph) -> Graph:
    await load(graph, HAND_CITY)
    return graph


@pytest.fixture
async def sample_city(graph: Graph) -> Graph:
    await load(graph, SAMPLE_CITY)
    return graph
