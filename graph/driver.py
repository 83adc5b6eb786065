"""The one driver of a process, the read and write transactions, and the count of statements sent.

Every Cypher statement reaches Neo4j through `run`, which counts it in `gridwork_cypher_queries_total`
under the statement's name: the number a nested GraphQL query costs is visible at `/metrics`.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    NotificationDisabledCategory,
    Record,
)
from neo4j.exceptions import AuthError, ServiceUnavailable
from prometheus_client import Counter, Histogram
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

T = TypeVar("T")

CYPHER_QUERIES = Counter(
    "gridwork_cypher_queries", "Cypher statements sent to Neo4j, by statement name", ["statement"]
)
CYPHER_SECONDS = Histogram(
    "gridwork_cypher_seconds",
    "Time to run a statement and read its records, by statement name",
    ["statement"],
)


class Neo4jSettings(BaseSettings):
    """Where Neo4j is: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE."""

    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore")

    uri: str = "bolt://127.0.0.1:7687"
    user: str | None = None
    password: SecretStr | None = None
    database: str | None = None


@dataclass(frozen=True)
class Statement:
    """One Cypher statement: a name for the metrics and the text, with `$parameters` only."""

    name: str
    text: str


class GraphUnavailable(RuntimeError):
    """Neo4j does not answer, or refuses our credentials; the message says which and where."""


@dataclass
class Graph:
    """The driver and the database it talks to; opened once per process and passed explicitly."""

    driver: AsyncDriver
    database: str | None
    uri: str

    async def read(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        async with self.driver.session(database=self.database) as session:
            return await session.execute_read(work)

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        async with self.driver.session(database=self.database) as session:
            return await session.execute_write(work)

    async def fetch(self, statement: Statement, **params: Any) -> list[Record]:
        """Run one read statement in a read transaction of its own."""

        async def work(tx: AsyncManagedTransaction) -> list[Record]:
            return await run(tx, statement, **params)

        return await self.read(work)

    async def execute(self, statement: Statement, **params: Any) -> list[Record]:
        """Run one statement in a write transaction of its own."""

        async def work(tx: AsyncManagedTransaction) -> list[Record]:
            return await run(tx, statement, **params)

        return await self.write(work)

    async def ping(self) -> None:
        """Raise GraphUnavailable unless Neo4j answers a query."""
        try:
            await self.driver.verify_connectivity()
        except (ServiceUnavailable, AuthError, OSError) as error:
            raise GraphUnavailable(f"Neo4j at {self.uri} does not answer: {error}") from error

    async def close(self) -> None:
        await self.driver.close()


async def run(tx: AsyncManagedTransaction, statement: Statement, **params: Any) -> list[Record]:
    """Send one statement inside a transaction and count it."""
    CYPHER_QUERIES.labels(statement=statement.name).inc()
    with CYPHER_SECONDS.labels(statement=statement.name).time():
        result = await tx.run(statement.text, params)
        return [record async for record in result]


def open_graph(settings: Neo4jSettings) -> Graph:
    auth = None
    if settings.user is not None:
        password = settings.password.get_secret_value() if settings.password is not None else ""
        auth = (settings.user, password)
    # Statements name every relationship type, including those a young graph has none of yet:
    # the server's "unknown type" warnings would only be noise.
    driver = AsyncGraphDatabase.driver(
        settings.uri,
        auth=auth,
        notifications_disabled_categories=[NotificationDisabledCategory.UNRECOGNIZED],
    )
    return Graph(driver=driver, database=settings.database, uri=settings.uri)


def statements_sent() -> Tally[str]:
    """Statements sent by this process so far, by name, as counted for /metrics (tests, benchmarks)."""
    counts: Tally[str] = Tally()
    for metric in CYPHER_QUERIES.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                counts[sample.labels["statement"]] += int(sample.value)
    return counts
