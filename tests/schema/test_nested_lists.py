"""Nested lists as connections: a community's residents and an organisation's members, on the hand city.

The hand city's community C (南湖社区) has seven residents: P1 彭淑敏, P2 姜志刚, P3 廖红梅, P4 黄立新 and
P10 杜玉珍 in B1 (grid G1, compound K), P9 李桂兰 and P5 钱建军 in B2 (grid G2). Names sort by code point
of their first character: 姜 59DC, 廖 5ED6, 彭 5F6D, 李 674E, 杜 675C, 钱 94B1, 黄 9EC4, so by name they are
P2 P3 P1 P9 P10 P5 P4. P3 helps P10 (since 2025-03-01). Unit U1 (区民政局) has one member, P7 赵明.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from graph import writes
from graph.driver import Graph, statements_sent
from graph.model import Label, Rel
from schema.execution import Engine
from schema.permissions import Role, Viewer
from tests.conftest import TODAY
from tests.schema.helpers import CITY_ADMIN, execute
from tests.schema.outcomes import refused

pytestmark = pytest.mark.anyio

RESIDENTS = """
query ($first: Int, $after: String, $filter: PersonFilter) {
  community(id: "C") {
    residents(first: $first, after: $after, filter: $filter) {
      totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor }
    }
  }
}
"""

MEMBERS = """
query ($partyMember: Boolean) {
  unit(id: "U1") {
    membersConnection(first: 10, filter: {partyMember: $partyMember}) {
      totalCount edges { node { id } } pageInfo { hasNextPage }
    }
  }
}
"""


def ids(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


async def residents(graph: Graph, viewer: Viewer = CITY_ADMIN, **variables: Any) -> dict[str, Any]:
    data = await execute(graph, RESIDENTS, viewer=viewer, **variables)
    found: dict[str, Any] = data["community"]["residents"]
    return found


async def test_a_city_admin_pages_through_every_resident_by_name(hand_city: Graph) -> None:
    page = await residents(hand_city, first=20)
    assert ids(page) == ["P2", "P3", "P1", "P9", "P10", "P5", "P4"]
    assert page["totalCount"] == 7
    assert page["pageInfo"]["hasNextPage"] is False
    # A filter narrows rows and total alike: the party members among them are P3, P1 and P5.
    members = await residents(hand_city, first=20, filter={"partyMember": True})
    assert ids(members) == ["P3", "P1", "P5"]
    assert members["totalCount"] == 3


async def test_a_page_after_a_cursor_stays_right_while_residents_move_in(hand_city: Graph) -> None:
    first = await residents(hand_city, first=3)
    assert ids(first) == ["P2", "P3", "P1"]
    assert first["pageInfo"]["hasNextPage"] is True
    # 丁一 (丁 4E01) sorts before the cursor's 彭淑敏, 王五 (王 738B) between 杜玉珍 and 钱建军: an offset page
    # would repeat 彭淑敏; a keyset page goes on from it and meets 王五 in its place.
    for person, name, home in (("P90", "丁一", "B1"), ("P91", "王五", "B2")):
        await writes.create_node(hand_city, Label.PERSON, person, {"name": name}, who="test")
        await writes.create_link(hand_city, Rel.LIVES_IN, person, home, {}, who="test", since=TODAY)
    second = await residents(hand_city, first=3, after=first["pageInfo"]["endCursor"])
    assert ids(second) == ["P9", "P10", "P91"]
    assert second["totalCount"] == 9
    last = await residents(hand_city, first=3, after=second["pageInfo"]["endCursor"])
    assert ids(last) == ["P5", "P4"]
    assert last["pageInfo"]["hasNextPage"] is False


async def test_each_caller_sees_only_the_residents_whose_personal_data_they_may_see(hand_city: Graph) -> None:
    # An admin of grid G2, inside the community: the residents of B2 only.
    grid_admin = await residents(hand_city, Viewer(role=Role.AREA_ADMIN, scope="G2"), first=20)
    assert ids(grid_admin) == ["P9", "P5"]
    assert grid_admin["totalCount"] == 2
    # An admin of the street above it: every resident.
    street_admin = await residents(hand_city, Viewer(role=Role.AREA_ADMIN, scope="S"), first=20)
    assert street_admin["totalCount"] == 7
    # A volunteer: themselves (P3) and the resident they help (P10).
    volunteer = await residents(hand_city, Viewer(role=Role.VOLUNTEER, subject="P3"), first=20)
    assert ids(volunteer) == ["P3", "P10"]
    assert volunteer["totalCount"] == 2
    # An analyst sees nobody's home: no rows, a total of 0.
    analyst = await residents(hand_city, Viewer(role=Role.ANALYST), first=20)
    assert (ids(analyst), analyst["totalCount"]) == ([], 0)


async def test_a_page_too_large_or_a_foreign_cursor_is_bad_input(hand_city: Graph) -> None:
    code, message = await refused(hand_city, RESIDENTS, viewer=CITY_ADMIN, first=101)
    assert code == "BAD_INPUT" and "first" in message
    code, message = await refused(hand_city, RESIDENTS, viewer=CITY_ADMIN, first=2, after="not-a-cursor")
    assert code == "BAD_INPUT" and "after" in message


async def test_an_organisation_lists_its_current_members_a_page_at_a_time(hand_city: Graph) -> None:
    data = await execute(hand_city, MEMBERS, viewer=CITY_ADMIN)
    assert ids(data["unit"]["membersConnection"]) == ["P7"]
    # P8 孙志强 joins today (孙 5B59 sorts before 赵 8D75); P7's membership ends: history, not counted.
    await writes.create_link(hand_city, Rel.MEMBER_OF, "P8", "U1", {"role": "STAFF"}, who="test", since=TODAY)
    data = await execute(hand_city, MEMBERS, viewer=CITY_ADMIN)
    assert ids(data["unit"]["membersConnection"]) == ["P8", "P7"]
    await writes.end_link(hand_city, Rel.MEMBER_OF, "P7", "U1", {}, TODAY, who="test", today=TODAY)
    data = await execute(hand_city, MEMBERS, viewer=Viewer(role=Role.ANALYST))
    connection = data["unit"]["membersConnection"]
    assert (ids(connection), connection["totalCount"]) == (["P8"], 1)
    # P8 is a party member: the non-members are none.
    data = await execute(hand_city, MEMBERS, viewer=CITY_ADMIN, partyMember=False)
    assert data["unit"]["membersConnection"]["totalCount"] == 0


async def test_the_compiled_path_leaves_paged_fields_to_the_resolvers(hand_city: Graph) -> None:
    """A field with paging arguments is answered by the resolvers, with the same rows."""
    auto = await residents(hand_city, first=2)
    by_resolvers = await execute(hand_city, RESIDENTS, viewer=CITY_ADMIN, engine=Engine.RESOLVERS, first=2)
    assert auto == by_resolvers["community"]["residents"]


async def test_one_statement_pages_the_residents_of_every_community_of_a_list(sample_city: Graph) -> None:
    """Six communities, each with a page of residents and its total: three statements, not thirteen
    (each read also looks up, in its transaction, the import runs whose writes it must leave out)."""
    query = """
    { communities(first: 10) { edges { node { id
        residents(first: 2) { totalCount edges { node { id } } }
    } } } }
    """
    before = statements_sent()
    data = await execute(sample_city, query, viewer=CITY_ADMIN)
    spent = statements_sent() - before
    assert spent == Counter(
        list_communities_all_name_asc=1,
        list_people_within_name_asc_batched=1,
        count_people_within_batched=1,
        hidden_run_ids=3,
    )
    # Each community's page and total are those of the root people list within that community alone.
    people = "query ($c: ID) { people(within: $c, first: 2) { totalCount edges { node { id } } } }"
    communities = [edge["node"] for edge in data["communities"]["edges"]]
    assert len(communities) == 6
    for community in communities:
        alone = (await execute(sample_city, people, viewer=CITY_ADMIN, c=community["id"]))["people"]
        assert community["residents"] == alone
        assert alone["totalCount"] > 2
