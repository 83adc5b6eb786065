"""`Building.servedBy` on the hand-made city of tests/fixtures/hand_city, answers worked out by hand.

On 2026-11-28: U2's pairing ended in 2025 and U3's begins in 2027, so neither counts; PC2's management
of compound K ended in 2024, so PC2 and its party branch PB4 do not count. Compound K is reached by
three party branches: PB1 organises K, PB3 organises K's current manager PC1, PB2 organises grid G1.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph.driver import Graph
from tests.schema.helpers import execute

pytestmark = pytest.mark.anyio

QUERY = """
query ($id: ID!) {
  building(id: $id) {
    servedBy {
      role level via field
      person { id } organisation { id } venue { id } area { id }
    }
  }
}
"""

COMMUNITY_LINKS = {
    ("COMMUNITY_SECRETARY", "COMMUNITY", "C", "P6", None),
    ("COMMISSIONER", "COMMUNITY", "C", "P7", None),
    ("ADVISER", "COMMUNITY", "C", "P8", "LEGAL"),
    ("ADVISER", "COMMUNITY", "C", "P8", "SAFETY"),
    ("VOLUNTEER_TEAM", "COMMUNITY", "C", "VT1", "SAFETY"),
    ("SOCIAL_ORGANISATION", "COMMUNITY", "C", "SO1", None),
    ("VENUE", "COMMUNITY", "C", "V1", None),
    ("PAIRED_UNIT", "COMMUNITY", "C", "U1", None),
}

B1_LINKS = {
    ("BUILDING_LEADER", "BUILDING", "B1", "P1", None),
    ("BUILDING_VOLUNTEER", "BUILDING", "B1", "P2", None),
    ("BUILDING_VOLUNTEER", "BUILDING", "B1", "P3", None),
    ("PROPERTY_STAFF", "BUILDING", "B1", "P4", None),
    ("PROPERTY_COMPANY", "COMPOUND", "K", "PC1", None),
    ("OWNERS_COMMITTEE", "COMPOUND", "K", "OC1", None),
    ("PARTY_BRANCH", "COMPOUND", "K", "PB1", None),
    ("PARTY_BRANCH", "COMPOUND", "K", "PB3", None),
    ("CUSTODIAN", "COMPOUND", "K", "S", None),
    ("VENUE", "COMPOUND", "K", "V2", None),
    ("GRID_LEADER", "GRID", "G1", "P5", None),
    ("PARTY_BRANCH", "GRID", "G1", "PB2", None),
    *COMMUNITY_LINKS,
}


def _rows(data: dict) -> list[tuple]:
    rows = []
    for link in data["building"]["servedBy"]:
        holders = [h["id"] for h in (link["person"], link["organisation"], link["venue"], link["area"]) if h]
        assert len(holders) == 1, link
        rows.append((link["role"], link["level"], link["via"], holders[0], link["field"]))
    return rows


async def test_every_current_link_of_a_building_in_a_compound(hand_city: Graph) -> None:
    rows = _rows(await execute(hand_city, QUERY, id="B1"))
    assert len(rows) == len(set(rows)), "no link is listed twice"
    assert set(rows) == B1_LINKS


async def test_links_come_level_by_level_from_the_building_up(hand_city: Graph) -> None:
    levels = [row[1] for row in _rows(await execute(hand_city, QUERY, id="B1"))]
    order = ["BUILDING", "COMPOUND", "GRID", "COMMUNITY"]
    assert levels == sorted(levels, key=order.index)


async def test_a_building_without_compound_is_served_through_grid_and_community(hand_city: Graph) -> None:
    rows = set(_rows(await execute(hand_city, QUERY, id="B2")))
    assert rows == {("BUILDING_LEADER", "BUILDING", "B2", "P9", None), *COMMUNITY_LINKS}


async def test_ended_and_future_relationships_do_not_count(hand_city: Graph) -> None:
    holders = {row[3] for row in _rows(await execute(hand_city, QUERY, id="B1"))}
    assert {"U2", "U3", "PC2", "PB4"}.isdisjoint(holders)


async def test_a_pairing_counts_once_its_day_comes(hand_city: Graph) -> None:
    rows = _rows(await execute(hand_city, QUERY, id="B1", today=date(2027, 1, 1)))
    units = {row[3] for row in rows if row[0] == "PAIRED_UNIT"}
    assert units == {"U1", "U3"}


async def test_an_unknown_building_is_null(hand_city: Graph) -> None:
    assert (await execute(hand_city, QUERY, id="NOPE")) == {"building": None}
    assert (await execute(hand_city, QUERY, id="C")) == {"building": None}, "a community is no building"
