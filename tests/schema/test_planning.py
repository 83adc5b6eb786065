"""The planning fields through GraphQL on plan_city (answers in tests/fixtures/plan_city/README.md):
what each role sees of gaps and plans, the error codes, committing a plan, the analysts' drawings."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from graph.driver import Graph, statements_sent
from schema.context import make_context
from schema.permissions import Role, Viewer
from schema.root import SCHEMA
from tests.conftest import FIXTURES, TODAY, load
from tests.schema.helpers import CITY_ADMIN, execute

pytestmark = pytest.mark.anyio

ANALYST = Viewer(role=Role.ANALYST)


@pytest.fixture
async def plan_city(graph: Graph) -> Graph:
    await load(graph, FIXTURES / "plan_city")
    return graph


async def errors_of(graph: Graph, query: str, viewer: Viewer = CITY_ADMIN, **variables: Any) -> list[Any]:
    result = await SCHEMA.execute(
        query, variable_values=variables, context_value=make_context(graph, viewer, TODAY)
    )
    assert result.errors, "an error was expected"
    return [(e.extensions or {}).get("code") for e in result.errors] + [e.message for e in result.errors]


GAPS = (
    "query ($scope: ID!) { coverageGaps(scope: $scope) { kind subjectId required actual field residents } }"
)


def helper_rows(data: dict[str, Any]) -> list[tuple]:
    return sorted(
        (g["subjectId"], g["required"], g["residents"]) for g in data["coverageGaps"] if g["kind"] == "HELPER"
    )


async def test_a_city_admin_sees_every_resident_without_a_helper(plan_city: Graph) -> None:
    data = await execute(plan_city, GAPS, viewer=CITY_ADMIN, scope="C1")
    assert len(data["coverageGaps"]) == 16
    assert helper_rows(data) == [("P41", 1, None), ("P42", 1, None), ("P47", 1, None), ("P48", 1, None)]


async def test_an_analyst_sees_residents_in_need_only_as_a_count_per_community(plan_city: Graph) -> None:
    data = await execute(plan_city, GAPS, viewer=ANALYST, scope="C1")
    assert helper_rows(data) == [("C1", 4, 4)]
    assert len(data["coverageGaps"]) == 16 - 4 + 1
    assert {"P41", "P42", "P47", "P48"}.isdisjoint(g["subjectId"] for g in data["coverageGaps"])
    assert {
        "kind": "HELPER_LOAD",
        "subjectId": "P52",
        "required": 3,
        "actual": 4,
        "field": None,
        "residents": None,
    } in data["coverageGaps"]


async def test_an_area_admin_sees_the_residents_inside_their_area(plan_city: Graph) -> None:
    # K2 holds B3, home of P41; P42, P47 and P48 live elsewhere in C1.
    data = await execute(plan_city, GAPS, viewer=Viewer(role=Role.AREA_ADMIN, scope="K2"), scope="C1")
    assert helper_rows(data) == [("C1", 3, 3), ("P41", 1, None)]


async def test_unknown_and_wrong_scopes_have_their_codes(plan_city: Graph) -> None:
    assert (await errors_of(plan_city, GAPS, scope="NOPE"))[0] == "NOT_FOUND"
    code, message = await errors_of(plan_city, GAPS, scope="U1")
    assert code == "BAD_INPUT"
    assert message == "U1 is a Unit: a scope is an area (district to building) or a person"


async def test_coverage_with_shares_for_the_scope_and_its_children(plan_city: Graph) -> None:
    query = """query { coverage(scope: "S1") {
        scope { areaId standards { kind field met total share } }
        children { areaId area { name } standards { kind met total } } } }"""
    data = (await execute(plan_city, query, viewer=ANALYST))["coverage"]
    secretary = next(s for s in data["scope"]["standards"] if s["kind"] == "SECRETARY")
    assert secretary == {"kind": "SECRETARY", "field": None, "met": 1, "total": 2, "share": 0.5}
    assert [(c["areaId"], c["area"]["name"]) for c in data["children"]] == [
        ("C1", "东湖社区"),
        ("C2", "柳岸社区"),
    ]


async def test_candidates_through_graphql(plan_city: Graph) -> None:
    query = """query { coverCandidates(communityId: "C1", kind: ADVISER, field: "HEALTH", limit: 2) {
        unit { id name } score reasons people { id phone } } }"""
    data = (await execute(plan_city, query, viewer=ANALYST))["coverCandidates"]
    assert [(c["unit"]["id"], c["score"]) for c in data] == [("U1", 6.5), ("U4", 3.0)]
    assert data[0]["people"] == [{"id": "P50", "phone": "139****0050"}], "an analyst sees phones masked"
    bad = """query { coverCandidates(communityId: "C1", kind: VENUE) { score } }"""
    assert (await errors_of(plan_city, bad))[0] == "BAD_INPUT"
    missing = """query { coverCandidates(communityId: "NOPE", kind: PAIRED_UNIT) { score } }"""
    assert (await errors_of(plan_city, missing))[0] == "NOT_FOUND"
    funds = """query { coverCandidates(communityId: "C1", kind: SERVICE_FUNDS, limit: 2) {
        unit { id } organisation { __typename id name } } }"""
    data = (await execute(plan_city, funds, viewer=ANALYST))["coverCandidates"]
    assert data == [  # a social organisation that gave is a candidate, with no unit
        {"unit": {"id": "U1"}, "organisation": {"__typename": "Unit", "id": "U1", "name": "区民政局"}},
        {
            "unit": None,
            "organisation": {"__typename": "SocialOrganisation", "id": "SO1", "name": "东湖社工服务中心"},
        },
    ]


PLAN = """query ($scope: ID!) { helperPlan(scope: $scope) {
    pairs { helper { id } resident { id needs } score reasons }
    unmatched { id } unmatchedReasons { resident { id } reason } hidden } }"""


async def test_a_plan_shows_each_resident_only_to_who_may_see_them(plan_city: Graph) -> None:
    full = (await execute(plan_city, PLAN, viewer=CITY_ADMIN, scope="C1"))["helperPlan"]
    assert [(p["helper"]["id"], p["resident"]["id"]) for p in full["pairs"]] == [
        ("P54", "P42"),
        ("P54", "P47"),
        ("P53", "P48"),
    ]
    assert full["pairs"][2]["resident"]["needs"] == ["LOW_INCOME"]
    assert full["unmatched"] == [{"id": "P41"}] and full["hidden"] == 0
    masked = (await execute(plan_city, PLAN, viewer=ANALYST, scope="C1"))["helperPlan"]
    assert masked == {"pairs": [], "unmatched": [], "unmatchedReasons": [], "hidden": 4}


COMMIT = """mutation ($scope: ID!, $pairs: [HelperPairInput!]!) {
    commitHelperPlan(scope: $scope, pairs: $pairs) { helper { id } resident { id } score } }"""


async def test_committing_a_plan(plan_city: Graph) -> None:
    pairs = [{"helperId": "P53", "residentId": "P48"}]
    outsider = Viewer(role=Role.AREA_ADMIN, scope="S2")
    assert (await errors_of(plan_city, COMMIT, viewer=outsider, scope="C1", pairs=pairs))[0] == "FORBIDDEN"
    admin = Viewer(role=Role.AREA_ADMIN, scope="S1")
    data = await execute(plan_city, COMMIT, viewer=admin, scope="C1", pairs=pairs)
    assert data["commitHelperPlan"] == [{"helper": {"id": "P53"}, "resident": {"id": "P48"}, "score": 1.0}]
    again = [{"helperId": "P54", "residentId": "P42"}, {"helperId": "P53", "residentId": "P47"}]
    code, message = await errors_of(plan_city, COMMIT, scope="C1", pairs=again)
    assert code == "CONFLICT"
    assert message == "pair P53 -> P47: the helper would take 4 residents, over the limit of 3"
    left = (await execute(plan_city, PLAN, viewer=CITY_ADMIN, scope="C1"))["helperPlan"]
    assert {p["resident"]["id"] for p in left["pairs"]} == {"P42", "P47"}, "P54 -> P42 was not written"


async def test_the_policy_in_force(plan_city: Graph) -> None:
    query = "{ policy { helperLoadLimit requestDueHours standards { kind field required } skillsForNeeds { need skills } } }"
    data = (await execute(plan_city, query, viewer=ANALYST))["policy"]
    assert data["helperLoadLimit"] == 3 and data["requestDueHours"] == 72
    assert {"kind": "SOCIAL_ORGANISATIONS", "field": None, "required": 2} in data["standards"]
    assert len([s for s in data["standards"] if s["kind"] == "VOLUNTEER_TEAM"]) == 6
    assert {"need": "LOW_INCOME", "skills": ["POLICY"]} in data["skillsForNeeds"]


CONNECTIONS = """query ($from: ID!, $to: ID!, $ended: Boolean) {
    connections(from: $from, to: $to, maxHops: 4, includeEnded: $ended) {
        length nodes { id label } edges { type source target } } }"""


async def test_connections_between_a_unit_and_a_resident(plan_city: Graph) -> None:
    data = await execute(plan_city, CONNECTIONS, viewer=CITY_ADMIN, **{"from": "U1", "to": "P40"})
    # U1's member P50 helps P40: the one path of two steps.
    assert data["connections"] == [
        {
            "length": 2,
            "nodes": [
                {"id": "U1", "label": "Unit"},
                {"id": "P50", "label": "Person"},
                {"id": "P40", "label": "Person"},
            ],
            "edges": [
                {"type": "MEMBER_OF", "source": "P50", "target": "U1"},
                {"type": "HELPS", "source": "P50", "target": "P40"},
            ],
        }
    ]
    hidden = await execute(plan_city, CONNECTIONS, viewer=ANALYST, **{"from": "U1", "to": "P40"})
    assert hidden["connections"] == [], "an analyst follows no edge that reveals a home or a need"


async def test_ended_relationships_only_when_asked(plan_city: Graph) -> None:
    ended = await execute(plan_city, CONNECTIONS, viewer=ANALYST, ended=True, **{"from": "U2", "to": "C1"})
    assert [p["edges"] for p in ended["connections"]] == [
        [{"type": "PAIRED_WITH", "source": "U2", "target": "C1"}]
    ]
    current = await execute(plan_city, CONNECTIONS, viewer=ANALYST, ended=False, **{"from": "U2", "to": "C1"})
    # Now U2 reaches C1 only through the funds it gave in 2025 (R3), or through C2's street.
    assert {p["length"] for p in current["connections"]} == {2}
    assert (await errors_of(plan_city, CONNECTIONS, **{"from": "U2", "to": "NOPE"}))[0] == "NOT_FOUND"


async def test_the_neighbourhood_of_a_compound(plan_city: Graph) -> None:
    query = """{ neighbourhood(id: "K2", depth: 1) { nodes { id } edges { id source target type } } }"""
    data = (await execute(plan_city, query, viewer=ANALYST))["neighbourhood"]
    assert sorted(n["id"] for n in data["nodes"]) == ["B3", "C1", "K2", "OC2"]  # PB5's branch ended
    assert sorted((e["source"], e["type"], e["target"]) for e in data["edges"]) == [
        ("B3", "PART_OF", "K2"),
        ("K2", "IN", "C1"),
        ("OC2", "REPRESENTS", "K2"),
    ]
    too_deep = """{ neighbourhood(id: "K2", depth: 9) { nodes { id } } }"""
    assert (await errors_of(plan_city, too_deep))[0] == "BAD_INPUT"


async def test_gaps_and_coverage_cost_one_statement_each(plan_city: Graph) -> None:
    query = (
        """query { coverageGaps(scope: "D") { kind subjectId } coverage(scope: "D") { scope { areaId } } }"""
    )
    before = statements_sent()
    await execute(plan_city, query, viewer=CITY_ADMIN)
    spent = statements_sent() - before
    # Each answer is one statement, after the lookup of unpublished import runs in its transaction.
    assert spent == Counter({"coverage_gaps": 1, "coverage": 1, "hidden_run_ids": 2}), (
        "the whole district in one statement each"
    )
