"""Two people accepting one request at once over HTTP, through a real uvicorn: one wins, the rest CONFLICT."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest
from pydantic import SecretStr

from graph.driver import Graph, Neo4jSettings
from graph.model import CITY_TIMEZONE
from graph.service.moves import Move
from graph.service.requests import move_request, raise_request, request
from gridwork.settings import Settings
from schema.permissions import Role, issue_token
from tests.conftest import TODAY
from tests.test_app import SECRET, served

ACCEPT = "mutation($id: ID!, $p: ID!) { acceptRequest(id: $id, personId: $p) { status acceptedBy { id } } }"


@pytest.fixture(scope="module")
def api(neo4j_settings: Neo4jSettings) -> Iterator[str]:
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        yield url


@pytest.mark.anyio
async def test_of_volunteers_accepting_at_once_over_http_exactly_one_wins(api: str, hand_city: Graph) -> None:
    now = datetime.now(CITY_TIMEZONE)
    request_id = await raise_request(
        hand_city,
        kind="MICRO_WISH",
        title="为独居老人更换灯泡",
        area_id="B1",
        raised_by="P10",
        company_id=None,
        skill=None,
        due_at=None,
        now=now,
        by="P6",
    )
    raised = await request(hand_city, request_id, today=TODAY)
    assert raised is not None
    await move_request(hand_city, Move.DISPATCH, raised, now=now, by="P6", target="U1")
    people = ["P1", "P2", "P3", "P4", "P5", "P7", "P8", "P9"]

    async with httpx.AsyncClient(base_url=api, timeout=60) as client:

        async def accept(person: str) -> httpx.Response:
            token = issue_token(SECRET, Role.VOLUNTEER, subject=person)
            return await client.post(
                "/graphql",
                json={"query": ACCEPT, "variables": {"id": request_id, "p": person}},
                headers={"Authorization": f"Bearer {token}"},
            )

        responses = await asyncio.gather(*(accept(person) for person in people))
    answers = [response.json() for response in responses]
    won = [a for a in answers if "errors" not in a]
    assert len(won) == 1, answers
    refused = [a["errors"][0]["extensions"]["code"] for a in answers if "errors" in a]
    assert refused == ["CONFLICT"] * 7
    winner = won[0]["data"]["acceptRequest"]["acceptedBy"]["id"]
    after = await request(hand_city, request_id, today=TODAY)
    assert after is not None and after.accepted_by is not None and after.accepted_by.id == winner
