"""Root lists on the sample city: filters, sort orders, totals, keyset paging, personal-data filters.

Names sort by Unicode code point: 光(5149) 北(5317) 南(5357) 和(548C) 幸(5E78) 文(6587) 长(957F), so
the communities by name are 光明 C4, 北塔 C3, 南湖 C1, 幸福 C6, 文化 C2, 长青 C5.
"""

from __future__ import annotations

import pytest

from graph.driver import Graph
from schema.permissions import Role, Viewer
from tests.schema.helpers import CITY_ADMIN, execute
from tests.schema.outcomes import city_fixtures, refused

pytestmark = pytest.mark.anyio
anyio_backend, city = city_fixtures()

COMMUNITIES = """
query ($within: ID, $orderBy: [CommunityOrder!], $first: Int, $after: String) {
  communities(within: $within, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor }
  }
}
"""


def ids(connection: dict[str, object]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]  # type: ignore[index, union-attr]


async def test_communities_by_name_and_by_population(city: Graph) -> None:
    data = await execute(city, COMMUNITIES, first=20)
    assert ids(data["communities"]) == ["C4", "C3", "C1", "C6", "C2", "C5"]
    assert data["communities"]["totalCount"] == 6
    # Populations: C1 8620, C3 7380, C5 6870, C2 6240, C4 5310, C6 4790.
    data = await execute(city, COMMUNITIES, orderBy=["POPULATION_DESC"])
    assert ids(data["communities"]) == ["C1", "C3", "C5", "C2", "C4", "C6"]


async def test_within_a_street_holds_its_communities_only(city: Graph) -> None:
    data = await execute(city, COMMUNITIES, within="S1")
    assert ids(data["communities"]) == ["C1", "C2"]  # 南湖 before 文化
    assert data["communities"]["totalCount"] == 2


async def test_paging_by_a_number_with_ties_visits_every_row_once(city: Graph) -> None:
    # Ten buildings of 60 households and more: paging three at a time by HOUSEHOLDS_DESC must see each once.
    query = """
    query ($after: String) {
      buildings(orderBy: [HOUSEHOLDS_DESC], first: 3, after: $after) {
        edges { node { id households } } pageInfo { hasNextPage endCursor }
      }
    }"""
    seen: list[str] = []
    households: list[int] = []
    after = None
    while True:
        page = (await execute(city, query, after=after))["buildings"]
        seen += [e["node"]["id"] for e in page["edges"]]
        households += [e["node"]["households"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 41
    assert households == sorted(households, reverse=True)


async def test_people_filtered_by_skill_and_party_membership(city: Graph) -> None:
    # LEGAL: P65 P66 P67 P104 P105 P110 P142 P150 P155; not party members: P104 and P155.
    query = """{ people(filter: {skills: ["LEGAL"], partyMember: true}, first: 50) {
                   totalCount edges { node { id } } } }"""
    data = await execute(city, query)
    assert sorted(ids(data["people"])) == sorted(["P65", "P66", "P67", "P105", "P110", "P142", "P150"])
    assert data["people"]["totalCount"] == 7


async def test_name_contains_and_organisation_kinds(city: Graph) -> None:
    query = """{ organisations(within: "S1", filter: {kinds: [PARTY_COMMITTEE]}) {
                   totalCount edges { node { id name } } } }"""
    data = await execute(city, query)
    # 中共南湖街道工作委员会 (organises S1), 中共南湖社区委员会 (C1), 中共文化社区委员会 (C2).
    assert sorted(ids(data["organisations"])) == ["PCM1", "PCM4", "PCM5"]
    query = """{ units(filter: {nameContains: "卫生"}) { edges { node { id } } } }"""
    assert ids((await execute(city, query))["units"]) == ["U2"]


async def test_units_within_a_community_are_its_current_pairings(city: Graph) -> None:
    data = await execute(city, """{ units(within: "C4") { totalCount edges { node { id } } } }""")
    assert sorted(ids(data["units"])) == ["U4", "U9"]  # seeds/sample_city/GAPS.md


PEOPLE_IN_NEED = """
query ($within: ID) { people(within: $within, filter: {needs: ["ELDERLY_ALONE"]}) {
  totalCount edges { node { id } } } }
"""


async def test_a_need_filter_for_a_city_admin_covers_the_city(city: Graph) -> None:
    data = await execute(city, PEOPLE_IN_NEED, viewer=CITY_ADMIN)
    assert sorted(ids(data["people"])) == ["P111", "P114", "P115", "P119", "P122", "P124", "P127"]


async def test_a_need_filter_for_an_area_admin_covers_only_their_area(city: Graph) -> None:
    admin = Viewer(Role.AREA_ADMIN, scope="C1")
    # Of the seven, P111 lives in B2 and P114 in B4, both in 南湖社区 (C1); the others live elsewhere.
    data = await execute(city, PEOPLE_IN_NEED, viewer=admin)
    assert sorted(ids(data["people"])) == ["P111", "P114"]
    assert data["people"]["totalCount"] == 2
    data = await execute(city, PEOPLE_IN_NEED, viewer=admin, within="B2")
    assert ids(data["people"]) == ["P111"]
    code, message = await refused(city, PEOPLE_IN_NEED, viewer=admin, within="C3")
    assert code == "FORBIDDEN" and "needs" in message


@pytest.mark.parametrize("viewer", [Viewer(Role.ANALYST), Viewer(Role.VOLUNTEER, subject="P131"), Viewer()])
async def test_a_need_filter_is_forbidden_to_everyone_else(city: Graph, viewer: Viewer) -> None:
    code, _ = await refused(city, PEOPLE_IN_NEED, viewer=viewer)
    assert code == "FORBIDDEN"


async def test_where_people_live_is_personal_data_too(city: Graph) -> None:
    query = """{ people(within: "C1", first: 100) { totalCount } }"""
    code, _ = await refused(city, query, viewer=Viewer(Role.ANALYST))
    assert code == "FORBIDDEN"
    # B1 5, B2 3, B3 4, B4 3, B5 3, B6 6, B7 3 residents (LIVES_IN.csv).
    data = await execute(city, query, viewer=Viewer(Role.AREA_ADMIN, scope="C1"))
    assert data["people"]["totalCount"] == 27


@pytest.mark.parametrize(
    ("query", "code", "needle"),
    [
        ("{ communities(first: 101) { totalCount } }", "BAD_INPUT", "first"),
        ("{ communities(first: -1) { totalCount } }", "BAD_INPUT", "first"),
        ('{ communities(after: "bm9wZQ") { totalCount } }', "BAD_INPUT", "after"),
        ('{ communities(within: "NOPE") { totalCount } }', "NOT_FOUND", "within"),
        ('{ communities(within: "P1") { totalCount } }', "BAD_INPUT", "within"),
    ],
)
async def test_bad_arguments_are_refused_naming_the_argument(
    city: Graph, query: str, code: str, needle: str
) -> None:
    got, message = await refused(city, query)
    assert got == code and needle in message


async def test_a_cursor_of_another_order_is_refused(city: Graph) -> None:
    page = (await execute(city, COMMUNITIES, first=1))["communities"]
    code, message = await refused(
        city, COMMUNITIES, orderBy=["POPULATION_DESC"], after=page["pageInfo"]["endCursor"]
    )
    assert code == "BAD_INPUT" and "order" in message
