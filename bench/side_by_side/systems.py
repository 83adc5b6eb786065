"""The systems behind one call, `ask(operation) -> data`: two GraphQL servers over HTTP, the floor, and
Gridwork's resolver path in this process.

Both HTTP servers get the same client code (one httpx.AsyncClient, keep-alive, JSON parsed by orjson);
the floor sends the operation's hand-written Cypher through the official neo4j driver; the resolver path
runs `run_graphql(..., engine=Engine.RESOLVERS)` without HTTP, for comparison with the compiled path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
import orjson
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction
from prometheus_client.parser import text_string_to_metric_families

from bench.side_by_side.operations import Operation
from graph.driver import Graph, Neo4jSettings, open_graph
from schema.context import make_context
from schema.execution import Engine, GraphQLRequest, GraphQLResult, run_graphql
from schema.permissions import Role, Viewer

FALLBACKS_METRIC = "gridwork_graphql_fallbacks_total"


class AnswerError(RuntimeError):
    """A system answered with errors, or not with data: the benchmark cannot time it."""


class System(Protocol):
    name: str

    async def ask(self, operation: Operation) -> Any: ...

    async def close(self) -> None: ...


@dataclass
class GraphQLOverHttp:
    """A GraphQL server at `url`, asked with POST application/json, as a frontend would."""

    name: str
    url: str
    client: httpx.AsyncClient
    sent: int = 0  # requests sent so far: what the server's fallback counter is compared with

    @classmethod
    def open(cls, name: str, url: str, token: str | None = None) -> GraphQLOverHttp:
        # Uncompressed, as the floor's answers are: on loopback compressing only costs CPU.
        headers = {
            "content-type": "application/json",
            "accept": "application/json",
            "accept-encoding": "identity",
        }
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
        timeout = httpx.Timeout(300.0)
        return cls(name, url, httpx.AsyncClient(headers=headers, limits=limits, timeout=timeout))

    async def ask(self, operation: Operation) -> Any:
        body = orjson.dumps({"query": operation.query, "variables": operation.variables})
        self.sent += 1
        response = await self.client.post(self.url, content=body)
        try:
            answer = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            raise AnswerError(f"{self.name}: HTTP {response.status_code}, not JSON") from None
        if response.status_code != 200 or answer.get("errors"):
            messages = [error.get("message") for error in answer.get("errors") or []]
            raise AnswerError(f"{self.name}: HTTP {response.status_code}, errors {messages[:3]}")
        return answer["data"]

    async def fallbacks(self) -> dict[str, int]:
        """Gridwork's `gridwork_graphql_fallbacks_total` by reason, read from the server's /metrics."""
        response = await self.client.get(self.url.rsplit("/", 1)[0] + "/metrics")
        response.raise_for_status()
        counts: dict[str, int] = {}
        for family in text_string_to_metric_families(response.text):
            for sample in family.samples:
                if sample.name == FALLBACKS_METRIC:
                    counts[sample.labels["reason"]] = int(sample.value)
        return counts

    async def close(self) -> None:
        await self.client.aclose()


@dataclass
class Floor:
    """The operation's hand-written Cypher, one statement in one read transaction, through the driver."""

    driver: AsyncDriver
    database: str | None
    name: str = "floor"

    @classmethod
    def open(cls, uri: str, database: str | None = None) -> Floor:
        return cls(AsyncGraphDatabase.driver(uri, max_connection_pool_size=64), database)

    async def ask(self, operation: Operation) -> Any:
        async def work(tx: AsyncManagedTransaction) -> Any:
            result = await tx.run(operation.floor, operation.variables)
            record = await result.single(strict=True)
            return record["data"]

        async with self.driver.session(database=self.database) as session:
            return await session.execute_read(work)

    async def close(self) -> None:
        await self.driver.close()


@dataclass
class GridworkInProcess:
    """Gridwork's schema through `run_graphql` in this process (no HTTP), as a `CITY_ADMIN`."""

    name: str
    graph: Graph
    engine: Engine
    viewer: Viewer = field(default_factory=lambda: Viewer(role=Role.CITY_ADMIN))

    @classmethod
    def open(cls, name: str, uri: str, engine: Engine) -> GridworkInProcess:
        settings = Neo4jSettings(uri=uri, user=None, password=None, database=None)
        return cls(name, open_graph(settings), engine)

    async def run(self, operation: Operation, engine: Engine) -> GraphQLResult:
        request = GraphQLRequest(query=operation.query, variables=operation.variables)
        return await run_graphql(request, make_context(self.graph, self.viewer), engine=engine)

    async def ask(self, operation: Operation) -> Any:
        answer = orjson.loads((await self.run(operation, self.engine)).body)
        if answer.get("errors") or "data" not in answer:
            messages = [error.get("message") for error in answer.get("errors") or []]
            raise AnswerError(f"{self.name}: errors {messages[:3]}")
        return answer["data"]

    async def path(self, operation: Operation) -> str:
        """Which engine Gridwork's API picks for this operation: "compiled" or "resolvers"."""
        return (await self.run(operation, Engine.AUTO)).path

    async def close(self) -> None:
        await self.graph.close()
