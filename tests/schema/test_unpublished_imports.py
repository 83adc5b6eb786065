"""What an import run still writing has created is invisible to every read, on both paths.

A run that has written a new resident of B1 (and a new secretary, worker and central household of C1 and
B1), a request raised in B1, a post in C1, a move of P2 into B1, a finding and a task item in B1, but
not yet published, must not show them: a killed loader leaves exactly that behind until the next load
undoes it. Once the run is published, they appear: in the projected fields, the lists, search, the
requests, the posts, the service reports and the supervision report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

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
  request(id: "SR9001") { id }
  raiser: person(id: "P1") { requestsRaised { id } }
  people(within: "B1", first: 50) { totalCount edges { node { id } } }
  named: people(filter: {nameContains: "新住户"}) { totalCount }
  search(text: "新住户") { id }
  oneCharacter: search(text: "住") { id }
  posts(communityId: "C1") { id }
  opportunities(personId: "P1") { request { id } post { id } }
  serviceMetrics(scope: "B1", from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00") {
    scope { raised cancelled }
  }
}"""

# November in the city: the sample's work in B1 falls in it, and so does what the run writes.
SUPERVISION = """{
  supervisionReport(scope: "B1", from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00") {
    findings { total overdue }
    findingsByResponsible { responsible { ... on Person { id } } tally { total } }
    overdue { id }
    tasks { total overdue }
  }
  finding(id: "F9001") { id }
  taskItem(id: "T9001") { id }
}"""


async def answers(graph: Graph, query: str = QUERY) -> list[dict[str, Any]]:
    found = []
    for engine in (Engine.AUTO, Engine.RESOLVERS):
        result = await run_graphql(
            GraphQLRequest(query), make_context(graph, CITY_ADMIN, TODAY), engine=engine
        )
        found.append(orjson.loads(result.body)["data"])
    return found


def ids(rows: list[dict[str, Any]], key: str | None = None) -> set[str]:
    return {(row[key] if key else row)["id"] for row in rows if (row[key] if key else row) is not None}


async def test_an_unpublished_run_shows_nothing_until_published(sample_city: Graph) -> None:
    before = await answers(sample_city)
    assert before[0] == before[1] and before[0]["newcomer"] is None
    seen = before[0]
    # The sample city: P7, P19, P63, P90 and P112 live in B1 (LIVES_IN.csv); SR2 and SR25 (cancelled)
    # were raised there in November; nobody's name holds 新住户 or 住 (a unit's does: U9 住房...).
    assert seen["people"]["totalCount"] == 5 and seen["named"]["totalCount"] == 0
    assert ids([e["node"] for e in seen["people"]["edges"]]) == {"P7", "P19", "P63", "P90", "P112"}
    assert seen["request"] is None and seen["search"] == [] and seen["oneCharacter"] == [{"id": "U9"}]
    assert ids(seen["raiser"]["requestsRaised"]) == {"SR9", "SR17"}
    assert ids(seen["posts"]) == {"PO1", "PO2"}
    assert seen["serviceMetrics"]["scope"] == {"raised": 2, "cancelled": 1}
    assert not {"SR9001", "PO9001"} & (
        ids(seen["opportunities"], "request") | ids(seen["opportunities"], "post")
    )

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
            Write(
                "create_rels",
                "LIVES_IN",
                [{"from": "P9001", "to": "B1", "props": {}}, {"from": "P2", "to": "B1", "props": {}}],
            ),
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
            Write("create_rels", "RAISED_BY", [{"from": "SR9001", "to": "P1", "props": {}}]),
            Write("create_nodes", "Post", [{"id": "PO9001", "props": {"title": "新岗位", "slots": 2}}]),
            Write("create_rels", "POSTED_IN", [{"from": "PO9001", "to": "C1", "props": {}}]),
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
    seen = after[0]
    # B1's five residents, the newcomer, and P2 who moved in; the newcomer's name matches once.
    assert seen["people"]["totalCount"] == 7 and seen["named"]["totalCount"] == 1
    assert ids([e["node"] for e in seen["people"]["edges"]]) == {
        "P7",
        "P19",
        "P63",
        "P90",
        "P112",
        "P9001",
        "P2",
    }
    assert seen["request"] == {"id": "SR9001"}
    assert seen["search"][0] == {"id": "P9001"}  # the exact name ranks first
    # One character: names holding it, shortest first: 新住户 (3) before 和平区住房和城乡建设局 (11).
    assert seen["oneCharacter"] == [{"id": "P9001"}, {"id": "U9"}]
    assert ids(seen["raiser"]["requestsRaised"]) == {"SR9", "SR17", "SR9001"}
    assert ids(seen["posts"]) == {"PO1", "PO2", "PO9001"}
    assert seen["serviceMetrics"]["scope"] == {"raised": 3, "cancelled": 1}  # SR9001 is open
    # P1 reported to C1: the open request in B1 (under C1) and the free post in C1 are offered.
    assert "SR9001" in ids(seen["opportunities"], "request") and "PO9001" in ids(
        seen["opportunities"], "post"
    )


async def test_an_unpublished_runs_supervision_work_stays_out_of_the_supervision_reads(
    sample_city: Graph,
) -> None:
    before = await answers(sample_city, SUPERVISION)
    assert before[0] == before[1]
    # The sample city has no finding and no task item in B1 (FOUND_IN.csv, ASSIGNED_TO.csv).
    assert before[0] == {
        "supervisionReport": {
            "findings": {"total": 0, "overdue": 0},
            "findingsByResponsible": [],
            "overdue": [],
            "tasks": {"total": 0, "overdue": 0},
        },
        "finding": None,
        "taskItem": None,
    }

    await start_run(sample_city, "run-2", bundle="test", host="here", pid=1)
    found_at = datetime(2026, 11, 10, 9, 0, tzinfo=CITY_TIMEZONE)
    due_at = datetime(2026, 11, 20, 18, 0, tzinfo=CITY_TIMEZONE)  # past, and still open: overdue
    await write_batch(
        sample_city,
        "run-2",
        [
            Write(
                "create_nodes",
                "Finding",
                [
                    {
                        "id": "F9001",
                        "props": {
                            "title": "楼道灯不亮",
                            "foundAt": found_at,
                            "dueAt": due_at,
                            "status": "OPEN",
                        },
                    }
                ],
            ),
            Write("create_rels", "FOUND", [{"from": "SG1", "to": "F9001", "props": {}}]),
            Write("create_rels", "FOUND_IN", [{"from": "F9001", "to": "B1", "props": {}}]),
            Write("create_rels", "ASSIGNED_TO", [{"from": "F9001", "to": "P7", "props": {}}]),
            Write(
                "create_nodes",
                "TaskItem",
                [{"id": "T9001", "props": {"title": "楼道灯检查", "dueAt": due_at, "status": "OPEN"}}],
            ),
            Write("create_rels", "ASSIGNED_TO", [{"from": "T9001", "to": "B1", "props": {}}]),
        ],
    )
    assert await answers(sample_city, SUPERVISION) == before

    await mark_run(sample_city, "run-2", PUBLISHED)
    after = await answers(sample_city, SUPERVISION)
    assert after[0] == after[1]
    assert after[0] == {
        "supervisionReport": {
            "findings": {"total": 1, "overdue": 1},
            "findingsByResponsible": [{"responsible": {"id": "P7"}, "tally": {"total": 1}}],
            "overdue": [{"id": "F9001"}],
            "tasks": {"total": 1, "overdue": 1},
        },
        "finding": {"id": "F9001"},
        "taskItem": {"id": "T9001"},
    }
