"""Relationships with their dates: current ones by default, history on request, personal ones protected.

The hand-made city (tests/fixtures/hand_city), on 2026-11-28: unit U1 is paired with community C since
2024-01-01; U2's pairing ended on 2025-06-30; U3's begins on 2027-01-01. Compound K is managed by PC1
since 2025-01-01; PC2 managed it from 2019 to 2024-12-31. P3 has helped P10 since 2025-03-01.
"""

from __future__ import annotations

import pytest

from graph.driver import Graph
from schema.permissions import Role, Viewer
from tests.schema.helpers import CITY_ADMIN, execute

pytestmark = pytest.mark.anyio

ANALYST = Viewer(role=Role.ANALYST)
EDGE = "node { id } since until current"


async def test_a_community_lists_its_current_pairing_by_default(hand_city: Graph) -> None:
    data = await execute(hand_city, f'{{ community(id: "C") {{ pairedUnitLinks {{ {EDGE} }} }} }}')
    assert data["community"]["pairedUnitLinks"] == [
        {"node": {"id": "U1"}, "since": "2024-01-01", "until": None, "current": True}
    ]


async def test_history_holds_ended_and_future_pairings_never_counted_current(hand_city: Graph) -> None:
    query = f'{{ community(id: "C") {{ pairedUnitLinks(includeEnded: true) {{ {EDGE} }} }} }}'
    data = await execute(hand_city, query)
    assert data["community"]["pairedUnitLinks"] == [
        {"node": {"id": "U1"}, "since": "2024-01-01", "until": None, "current": True},
        {"node": {"id": "U2"}, "since": "2022-01-01", "until": "2025-06-30", "current": False},
        {"node": {"id": "U3"}, "since": "2027-01-01", "until": None, "current": False},
    ]
    # The plain list still counts only the current one.
    plain = await execute(hand_city, '{ community(id: "C") { pairedUnits { id } } }')
    assert plain["community"]["pairedUnits"] == [{"id": "U1"}]


async def test_a_compound_keeps_the_company_that_left(hand_city: Graph) -> None:
    query = f'{{ compound(id: "K") {{ managerLinks(includeEnded: true) {{ {EDGE} }} }} }}'
    data = await execute(hand_city, query)
    assert data["compound"]["managerLinks"] == [
        {"node": {"id": "PC1"}, "since": "2025-01-01", "until": None, "current": True},
        {"node": {"id": "PC2"}, "since": "2019-01-01", "until": "2024-12-31", "current": False},
    ]


async def test_pairings_with_a_resident_are_personal_data(hand_city: Graph) -> None:
    query = f'{{ person(id: "P10") {{ helperLinks {{ {EDGE} }} }} helper: person(id: "P3") {{ helpingLinks {{ {EDGE} }} }} }}'
    admin = await execute(hand_city, query, viewer=CITY_ADMIN)
    assert admin["person"]["helperLinks"] == [
        {"node": {"id": "P3"}, "since": "2025-03-01", "until": None, "current": True}
    ]
    assert admin["helper"]["helpingLinks"] == [
        {"node": {"id": "P10"}, "since": "2025-03-01", "until": None, "current": True}
    ]
    analyst = await execute(hand_city, query, viewer=ANALYST)
    assert analyst == {"person": {"helperLinks": []}, "helper": {"helpingLinks": []}}
