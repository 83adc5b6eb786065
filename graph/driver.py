"""The one driver of a process, the read and write transactions, and the count of statements sent.

Every Cypher statement reaches Neo4j through `run`, which counts it in `gridwork_cypher_queries_total`
under the statement's name: the number a nested GraphQL query costs is visible at `/metrics`.

The driver's own errors stop here: a Neo4j that does not answer becomes `GraphUnavailable`, a
transaction over its time budget `StatementTimedOut`; callers never see the driver's exception types.
How long a caller waits is a `Budget`: an API must answer in a second or two, a bulk import may wait.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    NotificationDisabledCategory,
    Record,
    unit_of_work,
)
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
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


class StatementTimedOut(RuntimeError):
    """A transaction ran past its budget and Neo4j ended it; nothing of it was committed."""

    def __init__(self, seconds: float | None) -> None:
        limit = f"{seconds:g} s" if seconds is not None else "the server's transaction timeout"
        super().__init__(f"the database work took longer than {limit} and was stopped")
        self.seconds = seconds


@dataclass(frozen=True)
class Budget:
    """How long one caller waits for Neo4j before it gives up (seconds)."""

    connection_timeout: float = 30.0  # to open one connection
    acquisition_timeout: float = 60.0  # to get a connection from the pool, opening one included
    retry_seconds: float = 30.0  # retrying a transaction after transient failures
    transaction_timeout: float | None = None  # Neo4j ends a transaction running longer than this


# A command-line job (an import of 100,000 people) may wait and retry; it prints its own progress.
BATCH = Budget()
# An API answers within a second or two, or says the database does not answer: no minute-long retries.
API = Budget(connection_timeout=1.0, acquisition_timeout=1.5, retry_seconds=0.0, transaction_timeout=10.0)

# Neo4j's codes for a transaction it ended because it ran past its timeout.
_TIMED_OUT = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)
# A transaction terminated from outside; one stopped by its timeout while it waited for a lock gets
# one of these instead of the codes above (seen in the test suite), so with a timeout they mean it.
_TERMINATED = ("Neo.ClientError.Transaction.Terminated", "Neo.ClientError.Transaction.LockClientStopped")


@dataclass
class Graph:
    """The driver and the database it talks to; opened once per process and passed explicitly."""

    driver: AsyncDriver
    database: str | None
    uri: str
    budget: Budget = BATCH

    async def read(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        timed = unit_of_work(timeout=self.budget.transaction_timeout)(work)
        with self._translated():
            async with self.driver.session(database=self.database) as session:
                return await session.execute_read(timed)

    async def write(self, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        timed = unit_of_work(timeout=self.budget.transaction_timeout)(work)
        with self._translated():
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(timed)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """The driver's failures as the project's: unavailable, or over the time budget."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired, TransientError) as error:
            raise GraphUnavailable(f"Neo4j at {self.uri} does not answer: {error}") from error
        except ClientError as error:
            timed = self.budget.transaction_timeout is not None and error.code in _TERMINATED
            if error.code in _TIMED_OUT or timed:
                raise StatementTimedOut(self.budget.transaction_timeout) from error
            if error.code in _TERMINATED:  # an administrator's kill, a database stopping: try again
                raise GraphUnavailable(f"Neo4j at {self.uri} ended the transaction: {error.code}") from error
            raise
        except ValueError as error:  # the driver's word for a host name that does not resolve
            if "Cannot resolve address" not in str(error):
                raise
            raise GraphUnavailable(f"Neo4j at {self.uri} does not answer: {error}") from error

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
        except (ServiceUnavailable, AuthError, OSError, ValueError) as error:  # ValueError: unknown host
            raise GraphUnavailable(f"Neo4j at {self.uri} does not answer: {error}") from None

    async def close(self) -> None:
        await self.driver.close()


async def run(tx: AsyncManagedTransaction, statement: Statement, **params: Any) -> list[Record]:
    """Send one statement inside a transaction and count it."""
    CYPHER_QUERIES.labels(statement=statement.name).inc()
    with CYPHER_SECONDS.labels(statement=statement.name).time():
        result = await tx.run(statement.text, params)
        return [record async for record in result]


def open_graph(settings: Neo4jSettings, budget: Budget = BATCH) -> Graph:
    """A driver for the settings' Neo4j (nothing is sent yet); GraphUnavailable for a URI it cannot use."""
    auth = None
    if settings.user is not None:
        password = settings.password.get_secret_value() if settings.password is not None else ""
        auth = (settings.user, password)
    # Statements name every relationship type, including those a young graph has none of yet:
    # the server's "unknown type" warnings would only be noise.
    try:
        driver = AsyncGraphDatabase.driver(
            settings.uri,
            auth=auth,
            notifications_disabled_categories=[NotificationDisabledCategory.UNRECOGNIZED],
            connection_timeout=budget.connection_timeout,
            connection_acquisition_timeout=budget.acquisition_timeout,
            max_transaction_retry_time=budget.retry_seconds,
        )
    except (ConfigurationError, ValueError) as error:
        raise GraphUnavailable(f"NEO4J_URI {settings.uri!r} cannot be used: {error}") from None
    return Graph(driver=driver, database=settings.database, uri=settings.uri, budget=budget)


def statements_sent() -> Tally[str]:
    """Statements sent by this process so far, by name, as counted for /metrics (tests, benchmarks)."""
    counts: Tally[str] = Tally()
    for metric in CYPHER_QUERIES.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                counts[sample.labels["statement"]] += int(sample.value)
    return counts
