"""Generic writes with history: what they change, what they record, and each refusal.

The day is 2026-11-28 (tests/conftest.py TODAY): a link ended "on" that day has `until` 2026-11-27.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.driver import Graph
from graph.model import Rel
from graph.statements.writes import RELS_BETWEEN
from schema.permissions import Role, Viewer
from schema.types.writes import LinkKind
from tests.schema.helpers import execute
from tests.schema.outcomes import attempt, refused

pytestmark = pytest.mark.anyio

ADMIN = Viewer(Role.CITY_ADMIN, subject="P9")
NANHU_ADMIN = Viewer(Role.AREA_ADMIN, scope="C1")

CREATE = """mutation ($kind: NodeKind!, $id: ID!, $props: JSON!) {
  createNode(kind: $kind, id: $id, props: $props) { id kind props } }"""
UPDATE = """mutation ($id: ID!, $props: JSON!) { updateNode(id: $id, props: $props) { id props } }"""
LINK = """mutation ($kind: LinkKind!, $from: ID!, $to: ID!, $props: JSON, $since: Date) {
  createLink(kind: $kind, fromId: $from, toId: $to, props: $props, since: $since) { id otherId props ended } }"""
END_LINK = """mutation ($kind: LinkKind!, $from: ID!, $to: ID!, $field: String) {
  endLink(kind: $kind, fromId: $from, toId: $to, field: $field) { props } }"""
MOVE = """mutation ($id: ID!, $to: ID!) { move(id: $id, toId: $to) { ended props } }"""
HISTORY = """query ($id: ID!) { history(id: $id) {
  by action subjectId otherId link changes { property before after } } }"""


def changes(entry: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {c["property"]: (c["before"], c["after"]) for c in entry["changes"]}


async def test_create_then_change_a_community_and_read_its_history(graph: Graph) -> None:
    await execute(graph, CREATE, viewer=ADMIN, kind="STREET", id="S1", props={"name": "南湖街道"})
    made = await execute(
        graph,
        CREATE,
        viewer=ADMIN,
        kind="COMMUNITY",
        id="C1",
        props={"name": "南湖社区", "population": "8620"},
    )
    assert made["createNode"] == {
        "id": "C1",
        "kind": "Community",
        "props": {"name": "南湖社区", "population": 8620},
    }
    changed = await execute(graph, UPDATE, viewer=ADMIN, id="C1", props={"population": 9000})
    assert changed["updateNode"]["props"] == {"name": "南湖社区", "population": 9000}
    await execute(graph, LINK, viewer=ADMIN, kind="IN", **{"from": "C1", "to": "S1"})
    history = (await execute(graph, HISTORY, viewer=ADMIN, id="C1"))["history"]
    assert [(h["action"], h["by"]) for h in history] == [
        ("CREATE_LINK", "CITY_ADMIN:P9"),
        ("UPDATE_NODE", "CITY_ADMIN:P9"),
        ("CREATE_NODE", "CITY_ADMIN:P9"),
    ]
    assert (history[0]["link"], history[0]["otherId"]) == ("IN", "S1")
    assert changes(history[1]) == {"population": (8620, 9000)}
    assert changes(history[2]) == {"name": (None, "南湖社区"), "population": (None, 8620)}
    # The street's history holds the link too: it touches S1.
    assert [h["action"] for h in (await execute(graph, HISTORY, viewer=ADMIN, id="S1"))["history"]] == [
        "CREATE_LINK",
        "CREATE_NODE",
    ]


@pytest.mark.parametrize(
    ("kind", "node_id", "props", "code", "needle"),
    [
        ("COMMUNITY", "C2", {"name": "文化社区", "population": "五千"}, "BAD_INPUT", "props.population"),
        ("COMMUNITY", "C2", {"name": "文化社区", "colour": "红"}, "BAD_INPUT", "props.colour"),
        ("COMMUNITY", "C2", {"population": 1}, "BAD_INPUT", "props.name"),
        ("COMMUNITY", "C2", {"name": "文化社区", "until": "2026-01-01"}, "BAD_INPUT", "until"),
        ("STREET", "S1", {"name": "又一个街道"}, "CONFLICT", "id"),
        ("COURSE", "CO9", {"name": "急救", "topic": "COOKING"}, "BAD_INPUT", "props.topic"),
    ],
)
async def test_create_refusals_name_the_field(
    graph: Graph, kind: str, node_id: str, props: dict[str, Any], code: str, needle: str
) -> None:
    await execute(graph, CREATE, viewer=ADMIN, kind="STREET", id="S1", props={"name": "南湖街道"})
    got, message = await refused(graph, CREATE, viewer=ADMIN, kind=kind, id=node_id, props=props)
    assert got == code and needle in message


async def test_a_bad_need_is_refused_without_echoing_it(graph: Graph) -> None:
    props = {"name": "周德明", "phone": "13800000111", "needs": ["SECRET_ILLNESS_X"]}
    code, message = await refused(graph, CREATE, viewer=ADMIN, kind="PERSON", id="P1", props=props)
    assert code == "BAD_INPUT" and "props.needs" in message
    assert "SECRET_ILLNESS_X" not in message and "13800000111" not in message


@pytest.mark.parametrize("viewer", [Viewer(Role.ANALYST), Viewer(Role.VOLUNTEER, subject="P1"), Viewer()])
async def test_only_admins_write(graph: Graph, viewer: Viewer) -> None:
    code, _ = await refused(graph, CREATE, viewer=viewer, kind="STREET", id="S9", props={"name": "街道"})
    assert code == "FORBIDDEN"
    code, _ = await refused(graph, HISTORY, viewer=viewer, id="S9")
    assert code == "FORBIDDEN"


async def test_link_refusals(sample_city: Graph) -> None:
    cases = [
        # (kind, from, to, props, code, words in the message)
        ("IN", "P1", "G1", None, "BAD_INPUT", "fromId"),  # a person does not lie IN a grid
        ("LEADS", "P1", "C1", None, "BAD_INPUT", "toId"),  # one leads a grid or a building
        ("LEADS", "P1", "B999", None, "NOT_FOUND", "toId"),
        ("LEADS", "P999", "B1", None, "NOT_FOUND", "fromId"),
        ("LEADS", "P19", "B1", None, "CONFLICT", "already"),  # 彭淑敏 leads B1 now
        ("ADVISES", "P65", "C2", None, "BAD_INPUT", "field"),  # which field?
        ("MEMBER_OF", "P1", "U1", {"role": "STAFF", "since": "2026-01-01"}, "BAD_INPUT", "since"),
    ]
    # A service request's links change only through the platform's own mutations: not even offered.
    assert "RAISED_BY" not in LinkKind.__members__
    for kind, start, end, props, code, needle in cases:
        _, errors = await attempt(
            sample_city, LINK, viewer=ADMIN, kind=kind, props=props, **{"from": start, "to": end}
        )
        assert len(errors) == 1 and errors[0][0] == code and needle in errors[0][1], (kind, errors)


async def test_moving_a_building_ends_the_old_link_and_starts_the_new(sample_city: Graph) -> None:
    moved = (await execute(sample_city, MOVE, viewer=ADMIN, id="B1", to="G2"))["move"]
    assert moved == {"ended": ["G1"], "props": {"since": "2026-11-28"}}
    grids = """{ g1: grid(id: "G1") { buildings { id } } g2: grid(id: "G2") { buildings { id } }
                 building(id: "B1") { grid { id } } }"""
    data = await execute(sample_city, grids, viewer=ADMIN)
    assert [b["id"] for b in data["g1"]["buildings"]] == ["B2", "B3", "B4"]
    assert "B1" in [b["id"] for b in data["g2"]["buildings"]]
    assert data["building"]["grid"] == {"id": "G2"}
    # Kept, not deleted: the old link is there with its last day.
    old = await sample_city.fetch(RELS_BETWEEN[Rel.IN], fromId="B1", toId="G1", key={})
    assert [r["props"]["until"].iso_format() for r in old] == ["2026-11-27"]
    history = (await execute(sample_city, HISTORY, viewer=ADMIN, id="B1"))["history"]
    assert [(h["action"], h["otherId"]) for h in history[:2]] == [("CREATE_LINK", "G2"), ("END_LINK", "G1")]
    assert changes(history[1]) == {"until": (None, "2026-11-27")}
    # A move into the wrong kind of place is refused naming it.
    code, message = await refused(sample_city, MOVE, viewer=ADMIN, id="B1", to="C3")
    assert code == "BAD_INPUT" and "toId" in message


async def test_ending_a_pairing_keeps_it_as_history(sample_city: Graph) -> None:
    units = """{ units(within: "C4") { edges { node { id } } } }"""
    ended = await execute(
        sample_city, END_LINK, viewer=ADMIN, kind="PAIRED_WITH", **{"from": "U4", "to": "C4"}
    )
    assert ended["endLink"]["props"] == {"until": "2026-11-27"}
    # Only 和平区住房和城乡建设局 (U9) is paired with 光明社区 now (GAPS.md: U4 and U9 were).
    assert [e["node"]["id"] for e in (await execute(sample_city, units))["units"]["edges"]] == ["U9"]
    kept = await sample_city.fetch(RELS_BETWEEN[Rel.PAIRED_WITH], fromId="U4", toId="C4", key={})
    assert len(kept) == 1
    code, _ = await refused(
        sample_city, END_LINK, viewer=ADMIN, kind="PAIRED_WITH", **{"from": "U4", "to": "C4"}
    )
    assert code == "NOT_FOUND"  # nothing current left to end
    code, message = await refused(
        sample_city, END_LINK, viewer=ADMIN, kind="ATTENDED", **{"from": "P1", "to": "TS1"}
    )
    assert code == "BAD_INPUT" and "does not end" in message


async def test_a_role_changes_and_a_unit_ends_with_its_links(sample_city: Graph) -> None:
    update = """mutation { updateLink(kind: MEMBER_OF, fromId: "P60", toId: "U1", props: {role: "LEADER"}) { props } }"""
    assert (await execute(sample_city, update, viewer=ADMIN))["updateLink"]["props"]["role"] == "LEADER"
    history = (await execute(sample_city, HISTORY, viewer=ADMIN, id="P60"))["history"]
    assert (history[0]["action"], changes(history[0])) == ("UPDATE_LINK", {"role": ("STAFF", "LEADER")})
    end = """mutation { endNode(id: "U4") { props } }"""
    assert (await execute(sample_city, end, viewer=ADMIN))["endNode"]["props"] == {"until": "2026-11-27"}
    # 和平区税务局 (U4): its pairing with 光明社区 and its three members' memberships ended with it.
    members = """{ unit(id: "U4") { members { id } pairedCommunities { id } } }"""
    assert (await execute(sample_city, members, viewer=ADMIN))["unit"] == {
        "members": [],
        "pairedCommunities": [],
    }
    code, _ = await refused(sample_city, end, viewer=ADMIN)
    assert code == "CONFLICT"


async def test_an_area_admin_writes_inside_their_area_only(sample_city: Graph) -> None:
    # 南湖社区 (C1) holds B1..B7; 文苑小区1号楼 (B8) lies in 文化社区 (C2).
    await execute(sample_city, UPDATE, viewer=NANHU_ADMIN, id="B1", props={"households": 70})
    code, message = await refused(sample_city, UPDATE, viewer=NANHU_ADMIN, id="B8", props={"households": 70})
    assert code == "FORBIDDEN" and "B8" in message
    # A new resident lies nowhere until linked: created, then housed inside C1, not outside it.
    await execute(sample_city, CREATE, viewer=NANHU_ADMIN, kind="PERSON", id="P900", props={"name": "新居民"})
    code, _ = await refused(
        sample_city, LINK, viewer=NANHU_ADMIN, kind="LIVES_IN", **{"from": "P900", "to": "B8"}
    )
    assert code == "FORBIDDEN"
    await execute(sample_city, LINK, viewer=NANHU_ADMIN, kind="LIVES_IN", **{"from": "P900", "to": "B2"})
    code, _ = await refused(sample_city, MOVE, viewer=NANHU_ADMIN, id="B1", to="G3")  # G3 is in C2
    assert code == "FORBIDDEN"
    code, _ = await refused(sample_city, HISTORY, viewer=NANHU_ADMIN, id="B8")
    assert code == "FORBIDDEN"
    history = (await execute(sample_city, HISTORY, viewer=NANHU_ADMIN, id="P900"))["history"]
    assert [h["action"] for h in history] == ["CREATE_LINK", "CREATE_NODE"]
    assert history[0]["by"] == "AREA_ADMIN:C1"


async def test_unknown_ids(graph: Graph) -> None:
    code, message = await refused(graph, UPDATE, viewer=ADMIN, id="X1", props={"name": "无"})
    assert code == "NOT_FOUND" and "X1" in message
    code, _ = await refused(graph, HISTORY, viewer=ADMIN, id="X1")
    assert code == "NOT_FOUND"
