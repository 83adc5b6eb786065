"""More requests than a process serves at once: the surplus is refused at once with 503 and
`Retry-After` instead of queueing without end (issue 10 saw, at 200 clients, a median of 4.7 s, a p99
of 12.8 s and connections reset), and the health endpoints still answer meanwhile.

The gate is made small here (one request at a time; no queue, then a queue of one waiting 0.5 s) and
kept full by a write that waits for the lock of an open transaction: nothing depends on timing but
the queue's own wait.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from prometheus_client import REGISTRY
from pydantic import SecretStr

from graph.driver import Graph, Neo4jSettings
from gridwork.settings import Limits, Settings
from tests.test_app import SECRET, admin_token, served
from tests.test_http_statement_timeout import UPDATE, holding_b1

GRAPHQL_JSON = "application/graphql-response+json"


def post(url: str, query: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = httpx.post(
        f"{url}/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {admin_token()}", "Accept": GRAPHQL_JSON},
        timeout=60,
    )
    return response, time.monotonic() - started


def shed(response: httpx.Response) -> None:
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    assert response.json() == {
        "errors": [
            {"message": "the server is busy: try again in a second", "extensions": {"code": "UNAVAILABLE"}}
        ]
    }


def updates_sent() -> float:
    """Update statements this process has sent (the app runs in this test's process)."""
    return REGISTRY.get_sample_value("gridwork_cypher_queries_total", {"statement": "update_node"}) or 0.0


def shed_so_far() -> float:
    return REGISTRY.get_sample_value("gridwork_http_shed_total") or 0.0


async def wait_until_running(started: asyncio.Task[tuple[httpx.Response, float]], before: float) -> None:
    """Until the first request holds the one slot: it has sent its update and waits for B1's lock."""
    for _ in range(1200):
        if updates_sent() > before and not started.done():
            return
        await asyncio.sleep(0.05)
    answer = started.result()[0].text if started.done() else "no answer yet"
    raise AssertionError(f"the first request never waited on B1 ({updates_sent()} updates): {answer}")


@pytest.mark.anyio
async def test_the_surplus_is_refused_at_once_and_health_still_answers(
    neo4j_settings: Neo4jSettings, hand_city: Graph
) -> None:
    limits = Limits(concurrent=1, queue=0, queue_seconds=0)
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), limits=limits)) as url:
        async with holding_b1(hand_city):
            updates, shed_before = updates_sent(), shed_so_far()
            first = asyncio.create_task(asyncio.to_thread(post, url, UPDATE))
            await wait_until_running(first, updates)
            surplus, seconds = await asyncio.to_thread(post, url, "{ __typename }")
            health = await asyncio.to_thread(httpx.get, f"{url}/healthz", timeout=5)
        served_first, _ = await first
    shed(surplus)
    assert seconds < 1.0, "refused at once, not after waiting"
    assert health.status_code == 200
    assert served_first.json() == {"data": {"updateNode": {"__typename": "WriteResult"}}}, (
        "the request holding the slot is served once the lock is free"
    )
    assert shed_so_far() == shed_before + 1, "counted for the dashboards"


@pytest.mark.anyio
async def test_a_queued_request_waits_its_time_then_is_refused(
    neo4j_settings: Neo4jSettings, hand_city: Graph
) -> None:
    limits = Limits(concurrent=1, queue=1, queue_seconds=0.5)
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), limits=limits)) as url:
        async with holding_b1(hand_city):
            updates = updates_sent()
            first = asyncio.create_task(asyncio.to_thread(post, url, UPDATE))
            await wait_until_running(first, updates)
            queued, waited = await asyncio.to_thread(post, url, "{ __typename }")
        await first
        after, _ = await asyncio.to_thread(post, url, "{ __typename }")
    shed(queued)
    assert 0.5 <= waited < 3.0, f"it waits the queue's 0.5 s for a slot, then is refused: {waited:.2f} s"
    assert after.json() == {"data": {"__typename": "Query"}}, "with the slot free, requests run again"
