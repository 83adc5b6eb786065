"""The service platform through GraphQL, as each role: moves, their error codes, pages, the month's rates.

Runs through `schema.execution.run_graphql`, the one door HTTP also uses, against the real Neo4j with
the hand-made city and month (tests/fixtures/service_month; its figures are worked out in
tests/graph/test_service_month.py).
"""

from __future__ import annotations

import asyncio
from typing import Any

import orjson
import pytest

from graph.driver import Graph
from schema.context import make_context
from schema.execution import GraphQLRequest, run_graphql
from schema.permissions import Role, Viewer
from tests.conftest import FIXTURES, TODAY, load

CITY = Viewer(role=Role.CITY_ADMIN, subject="P6")
ANALYST = Viewer(role=Role.ANALYST)
ADMIN_OF_G2 = Viewer(role=Role.AREA_ADMIN, scope="G2", subject="P5")
ADMIN_OF_C = Viewer(role=Role.AREA_ADMIN, scope="C")

RAISE = """
mutation($input: RaiseRequestInput!) {
  raiseRequest(input: $input) { id status kind title dueAt createdAt area { id } timeline { move status by } }
}"""
DISPATCH = "mutation($id: ID!, $unit: ID!) { dispatchRequest(id: $id, unitId: $unit) { status } }"
ACCEPT = "mutation($id: ID!, $person: ID!) { acceptRequest(id: $id, personId: $person) { status acceptedBy { id } } }"
COMPLETE = "mutation($id: ID!) { completeRequest(id: $id) { status } }"
CLOSE = "mutation($id: ID!, $s: Int) { closeRequest(id: $id, satisfaction: $s) { status satisfaction } }"
CANCEL = "mutation($id: ID!, $reason: String!) { cancelRequest(id: $id, reason: $reason) { status } }"


async def call(graph: Graph, query: str, viewer: Viewer = CITY, **variables: Any) -> dict[str, Any]:
    result = await run_graphql(GraphQLRequest(query, variables), make_context(graph, viewer, TODAY))
    return orjson.loads(result.body)  # type: ignore[no-any-return]


async def data(graph: Graph, query: str, viewer: Viewer = CITY, **variables: Any) -> dict[str, Any]:
    answer = await call(graph, query, viewer, **variables)
    assert "errors" not in answer, answer["errors"]
    return answer["data"]  # type: ignore[no-any-return]


async def code(graph: Graph, query: str, viewer: Viewer = CITY, **variables: Any) -> str:
    answer = await call(graph, query, viewer, **variables)
    assert "errors" in answer, answer
    return answer["errors"][0]["extensions"]["code"]  # type: ignore[no-any-return]


async def raised(graph: Graph, area: str = "B2", viewer: Viewer = CITY, **extra: Any) -> str:
    wish = {"kind": "MICRO_WISH", "title": "为独居老人更换灯泡", "areaId": area, "raisedById": "P9", **extra}
    return str((await data(graph, RAISE, viewer, input=wish))["raiseRequest"]["id"])


@pytest.fixture
async def month(hand_city: Graph) -> Graph:
    await load(hand_city, FIXTURES / "service_month")
    return hand_city


@pytest.mark.anyio
async def test_a_request_end_to_end_with_its_timeline(month: Graph) -> None:
    wish = {"kind": "MICRO_WISH", "title": "为独居老人更换灯泡", "areaId": "B2", "raisedById": "P9"}
    new = (await data(month, RAISE, input=wish))["raiseRequest"]
    assert new["status"] == "OPEN" and new["area"] == {"id": "B2"}
    assert new["timeline"] == [{"move": "RAISE", "status": "OPEN", "by": "P6"}]
    assert (await data(month, DISPATCH, id=new["id"], unit="U1"))["dispatchRequest"]["status"] == "DISPATCHED"
    volunteer = Viewer(role=Role.VOLUNTEER, subject="P2")
    accepted = (await data(month, ACCEPT, volunteer, id=new["id"], person="P2"))["acceptRequest"]
    assert accepted == {"status": "ACCEPTED", "acceptedBy": {"id": "P2"}}
    assert (await data(month, COMPLETE, volunteer, id=new["id"]))["completeRequest"]["status"] == "DONE"
    assert (await data(month, CLOSE, id=new["id"], s=5))["closeRequest"] == {
        "status": "CLOSED",
        "satisfaction": 5,
    }
    shown = await data(
        month,
        "query($id: ID!) { request(id: $id) { timeline { move status by target } raisedBy { id } } }",
        volunteer,
        id=new["id"],
    )
    assert shown["request"]["timeline"] == [
        {"move": "RAISE", "status": "OPEN", "by": "P6", "target": None},
        {"move": "DISPATCH", "status": "DISPATCHED", "by": "P6", "target": "U1"},
        {"move": "ACCEPT", "status": "ACCEPTED", "by": "P2", "target": "P2"},
        {"move": "COMPLETE", "status": "DONE", "by": "P2", "target": None},
        {"move": "CLOSE", "status": "CLOSED", "by": "P6", "target": None},
    ]
    assert shown["request"]["raisedBy"] == {"id": "P9"}, "whoever took it on must reach the requester"


@pytest.mark.anyio
async def test_each_refusal_has_its_code(month: Graph) -> None:
    request_id = await raised(month)
    assert await code(month, ACCEPT, id=request_id, person="P2") == "INVALID_TRANSITION"  # not dispatched
    assert await code(month, COMPLETE, id="SR404") == "NOT_FOUND"
    assert await code(month, DISPATCH, id=request_id, unit="U404") == "NOT_FOUND"
    assert await code(month, CLOSE, id=request_id, s=6) == "BAD_INPUT"
    assert await code(month, CANCEL, id=request_id, reason="  ") == "BAD_INPUT"
    await data(month, DISPATCH, id=request_id, unit="U1")
    assert await code(month, DISPATCH, id=request_id, unit="U2") == "CONFLICT"  # someone dispatched it first
    bad = {"kind": "MICRO_WISH", "title": "修灯", "areaId": "G1"}
    assert await code(month, RAISE, input=bad) == "BAD_INPUT", "raised in a building, community or street"
    assert await code(month, RAISE, input={**bad, "areaId": "B404"}) == "NOT_FOUND"
    assert (
        await code(month, RAISE, input={**bad, "areaId": "B1", "dueAt": "2020-01-01T00:00:00+08:00"})
        == "BAD_INPUT"
    )
    assert await code(month, RAISE, input={**bad, "areaId": "B1", "skill": "JUGGLING"}) == "BAD_INPUT"
    # nothing half-written: the refused raises left no request behind
    page = await data(month, '{ requests(scope: "G1", first: 50) { totalCount } }')
    assert page["requests"]["totalCount"] == 5  # M1 M3 M6 M8 M10 of the month's bundle


@pytest.mark.anyio
async def test_who_may_write_where(month: Graph) -> None:
    request_id = await raised(month, area="B2")
    assert await code(month, DISPATCH, ANALYST, id=request_id, unit="U1") == "FORBIDDEN"
    assert await code(month, DISPATCH, Viewer(), id=request_id, unit="U1") == "FORBIDDEN"
    assert (
        await code(month, DISPATCH, Viewer(role=Role.AREA_ADMIN, scope="G1"), id=request_id, unit="U1")
        == "FORBIDDEN"
    )
    assert (await data(month, DISPATCH, ADMIN_OF_G2, id=request_id, unit="U1"))["dispatchRequest"][
        "status"
    ] == "DISPATCHED"
    volunteer = Viewer(role=Role.VOLUNTEER, subject="P2")
    assert await code(month, ACCEPT, volunteer, id=request_id, person="P3") == "FORBIDDEN", (
        "only as themselves"
    )
    assert await code(month, CANCEL, volunteer, id=request_id, reason="不需要了") == "FORBIDDEN"
    await data(month, ACCEPT, volunteer, id=request_id, person="P2")
    assert (
        await code(month, COMPLETE, Viewer(role=Role.VOLUNTEER, subject="P3"), id=request_id) == "FORBIDDEN"
    )
    wish = {"kind": "MICRO_WISH", "title": "修灯", "areaId": "B1", "raisedById": "P9"}
    assert await code(month, RAISE, volunteer, input=wish) == "FORBIDDEN", "a volunteer raises as themselves"
    assert await code(month, RAISE, ADMIN_OF_G2, input=wish) == "FORBIDDEN", "B1 is not in G2"
    assert await code(month, RAISE, ANALYST, input=wish) == "FORBIDDEN"


@pytest.mark.anyio
async def test_two_accepts_at_once_over_the_schema_one_wins(month: Graph) -> None:
    request_id = await raised(month)
    await data(month, DISPATCH, id=request_id, unit="U1")
    people = ["P1", "P2", "P3", "P4", "P5", "P7", "P8", "P9"]
    answers = await asyncio.gather(*(call(month, ACCEPT, id=request_id, person=p) for p in people))
    codes = sorted(a["errors"][0]["extensions"]["code"] if "errors" in a else "WON" for a in answers)
    assert codes == ["CONFLICT"] * 7 + ["WON"]
    winner = next(a for a in answers if "errors" not in a)["data"]["acceptRequest"]["acceptedBy"]["id"]
    shown = await data(month, "query($id: ID!) { request(id: $id) { acceptedBy { id } } }", id=request_id)
    assert shown["request"]["acceptedBy"]["id"] == winner


PAGE = """
query($scope: ID!, $after: String, $status: [RequestStatus!]) {
  requests(scope: $scope, first: 3, after: $after, status: $status) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.mark.anyio
async def test_pages_follow_cursors_and_count_in_the_database(month: Graph) -> None:
    # Below G2: M2 (10-03), M4 (10-15), M9 (10-18); newest first.
    first = (await data(month, PAGE, scope="G2"))["requests"]
    assert first["totalCount"] == 3 and [e["node"]["id"] for e in first["edges"]] == ["M9", "M4", "M2"]
    assert first["pageInfo"] == {"hasNextPage": False, "endCursor": first["edges"][-1]["cursor"]}
    below_c = (await data(month, PAGE, scope="C"))["requests"]
    assert [e["node"]["id"] for e in below_c["edges"]] == ["M10", "M6", "M5"] and below_c["pageInfo"][
        "hasNextPage"
    ]
    later = (await data(month, PAGE, scope="C", after=below_c["pageInfo"]["endCursor"]))["requests"]
    assert [e["node"]["id"] for e in later["edges"]] == ["M9", "M4", "M3"]
    open_ones = (await data(month, PAGE, scope="D", status=["OPEN", "DISPATCHED"]))["requests"]
    assert [e["node"]["id"] for e in open_ones["edges"]] == ["M9", "M4"]
    assert await code(month, PAGE, scope="C", after="not-a-cursor") == "BAD_INPUT"
    assert await code(month, PAGE, scope="NOWHERE") == "NOT_FOUND"
    # A volunteer's list holds what they raised or accepted: P8 accepted M2 and M5.
    mine = (await data(month, PAGE, Viewer(role=Role.VOLUNTEER, subject="P8"), scope="D"))["requests"]
    assert mine["totalCount"] == 2 and [e["node"]["id"] for e in mine["edges"]] == ["M5", "M2"]


@pytest.mark.anyio
async def test_a_residents_request_does_not_give_away_who_they_are(month: Graph) -> None:
    query = '{ request(id: "M1") { raisedBy { id phone } area { id } } }'
    assert (await data(month, query, ANALYST))["request"]["raisedBy"] is None
    assert (await data(month, query, ADMIN_OF_C))["request"]["raisedBy"] == {
        "id": "P10",
        "phone": "13800000010",
    }


METRICS = """
query($scope: ID!) {
  serviceMetrics(scope: $scope, from: "2026-10-01T00:00:00+08:00", to: "2026-11-01T00:00:00+08:00") {
    responseRate onTimeRate resolutionRate meanSatisfaction
    scope { raised cancelled }
    children { area { id } responseRate onTimeRate resolutionRate meanSatisfaction }
  }
}"""


@pytest.mark.anyio
async def test_the_rates_of_the_month_through_the_api(month: Graph) -> None:
    # Worked out in tests/graph/test_service_month.py: C 0.5 / 0.4 / 0.5 / 4.0; G1 all 1.0, 5.0;
    # G2 0.0 / 0.0 / 1/3 / 3.0; K as G1.
    metrics = (await data(month, METRICS, ANALYST, scope="C"))["serviceMetrics"]
    assert (metrics["responseRate"], metrics["onTimeRate"], metrics["resolutionRate"]) == (0.5, 0.4, 0.5)
    assert metrics["meanSatisfaction"] == 4.0 and metrics["scope"] == {"raised": 8, "cancelled": 2}
    children = {c["area"]["id"]: c for c in metrics["children"]}
    assert list(children) == ["G1", "G2", "K"]
    assert children["G2"]["resolutionRate"] == pytest.approx(1 / 3) and children["G2"]["onTimeRate"] == 0.0
    assert children["K"] == {**children["G1"], "area": {"id": "K"}}
    complaints = await data(
        month,
        '{ propertyComplaints(scope: "D", month: "2026-10") { rank company { id } complaints households perThousandHouseholds } }',
        ANALYST,
    )
    assert complaints["propertyComplaints"] == [
        {
            "rank": 1,
            "company": {"id": "PC1"},
            "complaints": 1,
            "households": 48,
            "perThousandHouseholds": pytest.approx(1000 / 48),
        },
        {
            "rank": 2,
            "company": {"id": "PC2"},
            "complaints": 1,
            "households": 0,
            "perThousandHouseholds": None,
        },
    ]
    assert await code(month, '{ propertyComplaints(scope: "D", month: "2026-13") { rank } }') == "BAD_INPUT"
    assert await code(month, METRICS.replace("2026-11-01", "2026-09-01"), scope="C") == "BAD_INPUT"


@pytest.mark.anyio
async def test_posts_claimed_in_a_race_and_the_pool_of_a_party_member(month: Graph) -> None:
    claim = 'mutation($p: ID!) { claimPost(postId: "PO1", personId: $p) { free holders { id } } }'
    people = ["P1", "P2", "P3", "P8"]
    answers = await asyncio.gather(
        *(call(month, claim, Viewer(role=Role.VOLUNTEER, subject=p), p=p) for p in people)
    )
    codes = sorted(a["errors"][0]["extensions"]["code"] if "errors" in a else "CLAIMED" for a in answers)
    assert codes == ["CLAIMED", "CONFLICT", "CONFLICT", "CONFLICT"], "PO1 has one slot"
    assert await code(month, claim, Viewer(role=Role.VOLUNTEER, subject="P2"), p="P3") == "FORBIDDEN"
    posts = await data(month, '{ posts(communityId: "C") { id slots free holders { id } } }', ANALYST)
    assert [(p["id"], p["slots"], p["free"]) for p in posts["posts"]] == [("PO1", 1, 0), ("PO2", 2, 1)]

    pool = await data(
        month,
        '{ opportunities(personId: "P8") { fit request { id } post { id } contact { id } } }',
        Viewer(role=Role.VOLUNTEER, subject="P8"),
    )
    winner = next(p for p, a in zip(people, answers, strict=True) if "errors" not in a)
    items = [(o["request"] or o["post"])["id"] for o in pool["opportunities"]]
    # P8's pool (see test_service_month): PO1, M9, M4, PO2, less PO1 now it is full (or held by P8).
    assert items == ["M9", "M4", "PO2"], winner
    assert (
        await code(
            month, '{ opportunities(personId: "P5") { fit } }', Viewer(role=Role.VOLUNTEER, subject="P8")
        )
        == "FORBIDDEN"
    )


@pytest.mark.anyio
async def test_whistles_and_supervision_through_the_api(month: Graph) -> None:
    whistles = await data(
        month,
        '{ whistleReports(scope: "S", from: "2026-10-01T00:00:00+08:00", to: "2026-11-01T00:00:00+08:00")'
        " { unit { id } called onTime late missing reports { requestId outcome } } }",
        ANALYST,
    )
    assert [(u["unit"]["id"], u["onTime"], u["late"], u["missing"]) for u in whistles["whistleReports"]] == [
        ("U2", 0, 1, 0),
        ("U3", 0, 0, 1),
        ("U1", 1, 0, 0),
    ]
    report = await data(
        month,
        '{ supervisionReport(scope: "C", from: "2026-10-01T00:00:00+08:00", to: "2026-11-01T00:00:00+08:00")'
        " { findings { total doneOnTime doneLate overdue pending } overdue { id groupName }"
        "   findingsByResponsible { responsible { ... on Unit { id } ... on Person { id } } tally { overdue } }"
        "   tasks { total doneOnTime doneLate overdue } } }",
        ANALYST,
    )
    shown = report["supervisionReport"]
    assert shown["findings"] == {"total": 4, "doneOnTime": 1, "doneLate": 1, "overdue": 1, "pending": 1}
    # Open past their deadline now (late November): F5 (09-30), F3 (10-25), and F4, replied but due 11-10.
    group = "区委第一督导组"
    assert shown["overdue"] == [{"id": f, "groupName": group} for f in ("F5", "F3", "F4")]
    assert [r["responsible"]["id"] for r in shown["findingsByResponsible"]] == ["U1", "P4", "U2"]
    assert shown["tasks"] == {"total": 3, "doneOnTime": 1, "doneLate": 1, "overdue": 1}

    reply = 'mutation { replyFinding(id: "F3", reply: "已安排专人更新") { status reply timeline { move } } }'
    assert await code(month, reply, Viewer(role=Role.AREA_ADMIN, scope="G2")) == "FORBIDDEN", "K is not in G2"
    replied = (await data(month, reply, ADMIN_OF_C))["replyFinding"]
    assert replied == {
        "status": "REPLIED",
        "reply": "已安排专人更新",
        "timeline": [{"move": "RECORD"}, {"move": "REPLY"}],
    }
    assert await code(month, reply, ADMIN_OF_C) == "CONFLICT", "already replied"
    fix = 'mutation { fixFinding(id: "F3", result: "公示栏已更新") { status result } }'
    assert (await data(month, fix, ADMIN_OF_C))["fixFinding"] == {"status": "FIXED", "result": "公示栏已更新"}
    assert (
        await code(month, 'mutation { fixFinding(id: "F5", result: "拆除") { status } }')
        == "INVALID_TRANSITION"
    )
    task = 'mutation { completeTaskItem(id: "T2") { status timeline { move } } }'
    assert (await data(month, task, ADMIN_OF_G2))["completeTaskItem"] == {
        "status": "DONE",
        "timeline": [{"move": "COMPLETE"}],
    }
