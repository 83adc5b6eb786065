"""On the resolvers (the fallback path), a nested query costs one statement per nesting level and link followed."""

from __future__ import annotations

from collections import Counter

import pytest

from graph.driver import Graph, statements_sent
from schema.execution import Engine
from schema.permissions import Role, Viewer
from tests.schema.helpers import CITY_ADMIN, execute

pytestmark = pytest.mark.anyio

FOUR_LEVELS = """
query ($id: ID!) {
  community(id: $id) { name grids { name buildings { name residents { name phone } } } }
}
"""


async def cost(
    graph: Graph, query: str, viewer: Viewer = CITY_ADMIN, **variables: str
) -> tuple[Counter[str], dict]:
    before = statements_sent()
    data = await execute(graph, query, viewer=viewer, engine=Engine.RESOLVERS, **variables)
    return statements_sent() - before, data


async def test_four_levels_cost_four_statements(sample_city: Graph) -> None:
    spent, data = await cost(sample_city, FOUR_LEVELS, id="C1")
    buildings = [b for g in data["community"]["grids"] for b in g["buildings"]]
    residents = [r for b in buildings for r in b["residents"]]
    assert len(data["community"]["grids"]) >= 2 and len(buildings) >= 4 and len(residents) >= 10
    assert spent == Counter(nodes_by_id=1, grids_of_community=1, buildings_of_grid=1, residents_of_building=1)


async def test_the_cost_does_not_grow_with_the_number_of_parents(sample_city: Graph) -> None:
    whole_district = """
    { district(id: "D1") { streets { communities { grids { buildings {
        residents { name } servedBy { role person { name } organisation { name } }
    } } } } } }
    """
    spent, data = await cost(sample_city, whole_district)
    buildings = [
        b
        for s in data["district"]["streets"]
        for c in s["communities"]
        for g in c["grids"]
        for b in g["buildings"]
    ]
    assert len(buildings) > 30
    assert sum(spent.values()) == 7, spent


async def test_an_area_admin_pays_one_statement_more_to_decide_what_they_see(sample_city: Graph) -> None:
    spent, _ = await cost(sample_city, FOUR_LEVELS, viewer=Viewer(role=Role.AREA_ADMIN, scope="C1"), id="C1")
    assert spent["areas_above"] == 1
    assert sum(spent.values()) == 5
