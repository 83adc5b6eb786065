"""What an import run still writing has created is invisible to every read, on both paths.

A run that has written a new resident of B1 (and a new secretary, worker and central household of C1 and
B1), but not yet published, must not
show them: a killed loader leaves exactly that behind until the next load undoes it. Once the run is
published, they appear.
"""

from __future__ import annotations

from datetime import datetime

import orjson
import pytest

from graph.driver import Graph
from graph.imports import Write, mark_run, start_run, write_batch
from graph.model import CITY_TIMEZONE
from graph.statements.imports import PUBLISHED
from schema.context import make_context
from schema.execution import Engine, GraphQLRequest, run_graphql
from tests.conftest import TODAY
from tests.schema.helpers import CITY_ADMIN

pytestmark = pytest.mark.anyio

QUERY = """{
  building(id: "B1") { residents { id } servedBy { person { id } } partyChain { level people { person { id } } } }
  community(id: "C1") { secretaries { id } workers { person { id } } }
  newcomer: person(id: "P9001") { name livesIn { id } }
  requests(scope: "B1") { totalCount edges { node { id } } }
}"""


async def answers(graph: Graph) -> list[dict[str, object]]:
    found = []
    for engine in (Engine.AUTO, Engine.RESOLVERS):
        result = await run_graphql(
            GraphQLRequest(QUERY), make_context(graph, CITY_ADMIN, TODAY), engine=engine
        )
        found.append(orjson.loads(result.body)["data"])
    return found


async def test_an_unpublished_run_shows_nothing_until_published(sample_city: Graph) -> None:
    before = await answers(sample_city)
    assert before[0] == before[1] and before[0]["newcomer"] is None

    await start_run(sample_city, "run-1", bundle="test", host="here", pid=1)
    await write_batch(
        sample_city,
        "run-1",
        [
            Write(
                "create_nodes",
                "Person",
                [{"id": "P9001", "props": {"name": "新住户", "phone": "13900009001"}}],
            ),
            Write("create_rels", "LIVES_IN", [{"from": "P9001", "to": "B1", "props": {}}]),
            Write("create_rels", "SECRETARY_OF", [{"from": "P9001", "to": "C1", "props": {}}]),
            Write("create_rels", "WORKS_IN", [{"from": "P9001", "to": "C1", "props": {}}]),
            Write(
                "create_nodes",
                "ServiceRequest",
                [
                    {
                        "id": "SR9001",
                        "props": {
                            "kind": "MICRO_WISH",
                            "title": "新住户的微心愿",
                            "status": "OPEN",
                            "createdAt": datetime(2026, 11, 27, 9, 0, tzinfo=CITY_TIMEZONE),
                        },
                    }
                ],
            ),
            Write("create_rels", "RAISED_IN", [{"from": "SR9001", "to": "B1", "props": {}}]),
            Write("create_rels", "CENTRAL_HOUSEHOLD_OF", [{"from": "P9001", "to": "B1", "props": {}}]),
        ],
    )
    assert await answers(sample_city) == before  # compiled and resolvers alike see nothing new

    await mark_run(sample_city, "run-1", PUBLISHED)
    after = await answers(sample_city)
    assert after[0] == after[1]
    assert {"id": "P9001"} in after[0]["building"]["residents"]
    assert {"id": "P9001"} in after[0]["community"]["secretaries"]
    assert {"person": {"id": "P9001"}} in after[0]["community"]["workers"]
    assert after[0]["requests"]["totalCount"] == before[0]["requests"]["totalCount"] + 1
    assert after[0]["requests"]["edges"][0] == {"node": {"id": "SR9001"}}  # the newest
    households = [level for level in after[0]["building"]["partyChain"] if level["level"] == "HOUSEHOLD"]
    assert {"person": {"id": "P9001"}} in households[0]["people"]
    assert after[0]["newcomer"] == {"name": "新住户", "livesIn": {"id": "B1"}}
