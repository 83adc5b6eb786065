"""A statement that runs past the statement limit (GRIDWORK_LIMIT_STATEMENT_SECONDS) is stopped by
Neo4j itself, and the client is told so with the limit, in seconds instead of never.

The slow statement is real: an API write to building B1 waits for the lock of another transaction
that keeps B1 changed and open (as a long import or a stuck client would); without the limit it would
wait for as long as that transaction stays open. Neo4j looks for transactions past their time every
2 s (its `db.transaction.monitor.check.interval`), so one is stopped between the limit and about 2 s
after it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import httpx
import pytest
from neo4j import AsyncManagedTransaction
from pydantic import SecretStr

from graph.driver import Graph, Neo4jSettings, run
from graph.statements.writes import UPDATE_NODE
from gridwork.settings import Limits, Settings
from tests.schema.helpers import CITY_ADMIN, execute
from tests.test_app import SECRET, admin_token, served

LIMIT_SECONDS = 0.5
# The limit, Neo4j's 2 s between checks, and room for a loaded two-core machine.
ANSWERED_WITHIN = LIMIT_SECONDS + 2.0 + 4.0
UPDATE = 'mutation { updateNode(id: "B1", props: {households: 12}) { __typename } }'
HOUSEHOLDS = '{ building(id: "B1") { households } }'


class RolledBack(Exception):
    """Ends the transaction holding B1 without committing it."""


def post(url: str, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {admin_token()}", "Accept": "application/graphql-response+json"},
        timeout=30,
    )
    return response, time.monotonic() - started


@asynccontextmanager
async def holding_b1(graph: Graph) -> AsyncIterator[None]:
    """Building B1 changed by a transaction that stays open (holding B1's lock) until the block ends."""
    held, release = asyncio.Event(), asyncio.Event()

    async def hold(tx: AsyncManagedTransaction) -> None:
        change = {"at": datetime.now(UTC), "by": "test", "action": "UPDATE_NODE", "subject": "B1"}
        change |= {"other": None, "rel": None, "before": "{}", "after": "{}"}
        await run(tx, UPDATE_NODE, props={"households": 99}, **change)
        held.set()
        await release.wait()
        raise RolledBack

    holder = asyncio.create_task(graph.write(hold))
    await held.wait()
    try:
        yield
    finally:
        release.set()
        with pytest.raises(RolledBack):
            await holder


@pytest.mark.anyio
async def test_a_statement_past_the_limit_is_stopped_and_the_client_told_why(
    neo4j_settings: Neo4jSettings, hand_city: Graph
) -> None:
    settings = Settings(
        neo4j=neo4j_settings, secret=SecretStr(SECRET), limits=Limits(statement_seconds=LIMIT_SECONDS)
    )
    with served(settings) as url:
        async with holding_b1(hand_city):
            response, seconds = await asyncio.to_thread(post, url, UPDATE)

    assert seconds < ANSWERED_WITHIN, f"{seconds:.1f} s"
    assert response.status_code == 200, (
        "data is present (null): an execution error, as the specification asks"
    )
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "TOO_COSTLY", "limitSeconds": LIMIT_SECONDS}
    assert error["message"].startswith("the database work took longer than 0.5 s and was stopped")

    # B1 has 48 households in the hand-made city: neither the stopped write (12) nor the holder (99)
    # committed. With nothing holding B1 now, the same write goes through (read and written here
    # without the tiny limit, which a statement's first planning alone can exceed): the refusal was
    # the wait's, not the write's.
    assert await execute(hand_city, HOUSEHOLDS, viewer=CITY_ADMIN) == {"building": {"households": 48}}
    assert await execute(hand_city, UPDATE, viewer=CITY_ADMIN) == {
        "updateNode": {"__typename": "WriteResult"}
    }
    assert await execute(hand_city, HOUSEHOLDS, viewer=CITY_ADMIN) == {"building": {"households": 12}}
