"""Every write the API offers leaves one audit entry (who, what, which ids), and a refused one none.

The list of writes is the schema's own Mutation type: a mutation added without a case here fails
`test_every_mutation_has_an_audited_case`. Each case runs its mutation through the GraphQL door as a
token with a subject, then reads `auditLog` as a CITY_ADMIN and looks for the entry.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from graph.driver import Graph
from graph.model import CITY_TIMEZONE
from schema.context import make_context
from schema.execution import GraphQLRequest, run_graphql
from schema.permissions import Role, Viewer
from schema.root import SCHEMA
from tests.conftest import FIXTURES, TODAY, load
from tests.schema.helpers import execute

HAND_CITY = FIXTURES / "hand_city"
SERVICE_MONTH = FIXTURES / "service_month"
PLAN_CITY = FIXTURES / "plan_city"

# A city admin whose token names a subject: the audit must say it was them.
ADMIN = Viewer(role=Role.CITY_ADMIN, subject="admin-7")
# The service platform records its timeline's `by` (the token's subject); the generic writes and the
# helper plan record `Viewer.actor` (the role and the subject).
SERVICE_WHO = "admin-7"
ACTOR_WHO = "CITY_ADMIN:admin-7"
NEW = "<the id the mutation returned>"

LOG = """query ($from: DateTime!, $to: DateTime!, $after: String) {
  auditLog(from: $from, to: $to, first: 100, after: $after) {
    entries { who action targets targetCount } hasNextPage endCursor } }"""


@dataclass(frozen=True)
class Write:
    """One mutation as a user would send it, and the entry it must leave."""

    query: str
    targets: list[str]
    who: str = SERVICE_WHO
    variables: dict[str, Any] = field(default_factory=dict)
    bundles: tuple[Path, ...] = (HAND_CITY, SERVICE_MONTH)
    action: str | None = None  # the mutation's own name unless it is recorded as another write


def _later(days: int) -> str:
    return (datetime.now(CITY_TIMEZONE) + timedelta(days=days)).isoformat()


# Statuses and holders from tests/fixtures/service_month: M9 is OPEN, M4 DISPATCHED, M5 ACCEPTED,
# M3 DONE; whistle M7 was dispatched to U3, which has not reported; F3 is OPEN, F4 REPLIED; task item
# T2 is OPEN; post PO2 has 2 slots and P5 holds one.
CASES: dict[str, Write] = {
    "raiseRequest": Write(
        """mutation { raiseRequest(input: {kind: MICRO_WISH, title: "楼道灯坏了", areaId: "B1",
           raisedById: "P10"}) { id } }""",
        [NEW, "B1", "P10"],
    ),
    "dispatchRequest": Write('mutation { dispatchRequest(id: "M9", unitId: "U1") { id } }', ["M9", "U1"]),
    "acceptRequest": Write('mutation { acceptRequest(id: "M4", personId: "P8") { id } }', ["M4", "P8"]),
    "completeRequest": Write('mutation { completeRequest(id: "M5") { id } }', ["M5"]),
    "closeRequest": Write('mutation { closeRequest(id: "M3", satisfaction: 4) { id } }', ["M3"]),
    "cancelRequest": Write('mutation { cancelRequest(id: "M9", reason: "重复提交") { id } }', ["M9"]),
    "reportWhistle": Write('mutation { reportWhistle(id: "M7", unitId: "U3") { id } }', ["M7", "U3"]),
    "claimPost": Write('mutation { claimPost(postId: "PO2", personId: "P6") { id } }', ["PO2", "P6"]),
    "leavePost": Write('mutation { leavePost(postId: "PO2", personId: "P5") { id } }', ["PO2", "P5"]),
    "recordFinding": Write(
        """mutation ($due: DateTime!) { recordFinding(input: {groupId: "SG1", title: "消防通道堵塞",
           areaId: "B1", responsibleId: "U1", dueAt: $due}) { id } }""",
        [NEW, "SG1", "B1", "U1"],
        variables={"due": _later(7)},
    ),
    "replyFinding": Write('mutation { replyFinding(id: "F3", reply: "已安排整改") { id } }', ["F3"]),
    "fixFinding": Write('mutation { fixFinding(id: "F4", result: "记录已补齐") { id } }', ["F4"]),
    "completeTaskItem": Write('mutation { completeTaskItem(id: "T2") { id } }', ["T2"]),
    "createNode": Write(
        'mutation { createNode(kind: UNIT, id: "U9", props: {name: "区应急管理局", kind: "GOVERNMENT_BUREAU"}) { id } }',
        ["U9"],
        who=ACTOR_WHO,
    ),
    "updateNode": Write(
        'mutation { updateNode(id: "U2", props: {name: "区司法局（新）"}) { id } }', ["U2"], ACTOR_WHO
    ),
    "endNode": Write('mutation { endNode(id: "U3") { id } }', ["U3"], ACTOR_WHO),
    "createLink": Write(
        'mutation { createLink(kind: MEMBER_OF, fromId: "P9", toId: "U2", props: {role: "STAFF"}) { id } }',
        ["P9", "U2"],
        ACTOR_WHO,
    ),
    # `move` is a createLink whose old link ends: recorded as that write, with the old home (B2) too.
    "move": Write(
        'mutation { move(id: "P9", toId: "B1") { id } }', ["P9", "B1", "B2"], ACTOR_WHO, action="createLink"
    ),
    "updateLink": Write(
        'mutation { updateLink(kind: MEMBER_OF, fromId: "P7", toId: "U1", props: {role: "LEADER"}) { id } }',
        ["P7", "U1"],
        ACTOR_WHO,
    ),
    "endLink": Write(
        'mutation { endLink(kind: MEMBER_OF, fromId: "P7", toId: "U1") { id } }', ["P7", "U1"], ACTOR_WHO
    ),
    # tests/fixtures/plan_city: P53 may help P48 (the planning tests commit the same pair).
    "commitHelperPlan": Write(
        """mutation { commitHelperPlan(scope: "C1", pairs: [{helperId: "P53", residentId: "P48"}]) {
           helper { id } } }""",
        ["P53", "P48"],
        ACTOR_WHO,
        bundles=(PLAN_CITY,),
    ),
}


def test_every_mutation_has_an_audited_case() -> None:
    mutations = SCHEMA._schema.mutation_type
    assert mutations is not None
    assert set(mutations.fields) == set(CASES), "each mutation needs a case here proving its audit entry"


async def audit_entries(graph: Graph) -> list[dict[str, Any]]:
    now = datetime.now(CITY_TIMEZONE)
    period = {"from": (now - timedelta(hours=1)).isoformat(), "to": (now + timedelta(hours=1)).isoformat()}
    entries: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await execute(graph, LOG, viewer=Viewer(role=Role.CITY_ADMIN), after=after, **period))[
            "auditLog"
        ]
        entries += page["entries"]
        if not page["hasNextPage"]:
            return entries
        after = page["endCursor"]


async def errors_of(graph: Graph, query: str, viewer: Viewer = ADMIN) -> list[str]:
    result = await run_graphql(GraphQLRequest(query, {}), make_context(graph, viewer, TODAY))
    return [e["extensions"]["code"] for e in orjson.loads(result.body).get("errors", [])]


@pytest.mark.anyio
@pytest.mark.parametrize("mutation", sorted(CASES))
async def test_a_write_records_who_what_and_which_ids(graph: Graph, mutation: str) -> None:
    case = CASES[mutation]
    for bundle in case.bundles:
        await load(graph, bundle)
    before = await audit_entries(graph)
    answer = await execute(graph, case.query, viewer=ADMIN, **case.variables)
    written = answer[mutation]
    new_id = written["id"] if isinstance(written, dict) else None
    expected = [new_id if t == NEW else t for t in case.targets]
    entries = (await audit_entries(graph))[len(before) :]
    assert [(e["who"], e["action"], e["targets"], e["targetCount"]) for e in entries] == [
        (case.who, case.action or mutation, expected, len(expected))
    ]


@pytest.mark.anyio
async def test_refused_writes_leave_no_entry(graph: Graph) -> None:
    await load(graph, HAND_CITY)
    await load(graph, SERVICE_MONTH)
    before = await audit_entries(graph)
    refused = [
        ('mutation { acceptRequest(id: "M404", personId: "P8") { id } }', "NOT_FOUND"),
        ('mutation { acceptRequest(id: "M4", personId: "P404") { id } }', "NOT_FOUND"),
        ('mutation { acceptRequest(id: "M5", personId: "P8") { id } }', "CONFLICT"),  # M5 is taken
        ('mutation { acceptRequest(id: "M9", personId: "P8") { id } }', "INVALID_TRANSITION"),  # M9 is OPEN
        ('mutation { completeRequest(id: "M9") { id } }', "INVALID_TRANSITION"),  # M9 is OPEN
        ('mutation { reportWhistle(id: "M7", unitId: "U1") { id } }', "CONFLICT"),  # U1 has reported
        ('mutation { leavePost(postId: "PO1", personId: "P8") { id } }', "CONFLICT"),  # P8 holds no PO1
        ('mutation { claimPost(postId: "PO2", personId: "P5") { id } }', "CONFLICT"),  # P5 holds PO2
        ('mutation { fixFinding(id: "F3", result: "已整改") { id } }', "INVALID_TRANSITION"),  # F3 is OPEN
        ('mutation { updateNode(id: "U404", props: {name: "无"}) { id } }', "NOT_FOUND"),
    ]
    for query, code in refused:
        assert await errors_of(graph, query) == [code], query
    assert await audit_entries(graph) == before


@pytest.mark.anyio
async def test_of_two_accepting_at_once_only_the_winner_is_in_the_audit_log(graph: Graph) -> None:
    await load(graph, HAND_CITY)
    await load(graph, SERVICE_MONTH)
    before = await audit_entries(graph)
    people = ["P1", "P2", "P3", "P8"]
    query = 'mutation { acceptRequest(id: "M4", personId: "%s") { id } }'
    results = await asyncio.gather(
        *(errors_of(graph, query % person, Viewer(role=Role.VOLUNTEER, subject=person)) for person in people)
    )
    assert sorted(map(tuple, results)) == [(), ("CONFLICT",), ("CONFLICT",), ("CONFLICT",)]
    winner = people[results.index([])]
    entries = (await audit_entries(graph))[len(before) :]
    assert [(e["who"], e["action"], e["targets"]) for e in entries] == [
        (winner, "acceptRequest", ["M4", winner])
    ]
