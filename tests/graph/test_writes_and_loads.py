"""Writes through the API and the next bundle load agree on what is stored.

An import keeps a fingerprint of each row it wrote, so that loading the same bundle again need not read
the row back; a write through the API changes the row, so it must drop the fingerprint, or the next
load would take the edited node for unchanged and leave the edit in place of the bundle's value. And a
renewed pairing is keyed by its start date, which must not let a second current one in beside the first.
"""

from __future__ import annotations

from datetime import date

import pytest

from graph import writes
from graph.driver import Graph
from graph.model import Rel
from graph.reads import nodes_by_id
from loaders.bundle import read_bundle
from loaders.importer import UNCHANGED, UPDATED, import_bundle
from schema.types.writes import checked_node_props
from tests.conftest import HAND_CITY

pytestmark = pytest.mark.anyio


async def test_a_load_after_an_api_edit_puts_the_bundles_value_back(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    await writes.update_node(graph, "P1", {"name": "彭改名"}, who="test", validate=checked_node_props)

    report = await import_bundle(graph, read_bundle(HAND_CITY))

    # Person.csv gives P1 as 彭淑敏: one person updated back, every other row unchanged.
    assert report.counts["Person"][UPDATED] == 1
    assert report.counts["Person"][UNCHANGED] >= 1
    assert (await nodes_by_id(graph, ["P1"]))["P1"].props["name"] == "彭淑敏"


async def test_a_second_current_pairing_of_the_same_two_people_is_refused(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # P3 has helped P10 since 2025-03-01 and still does (tests/fixtures/hand_city/HELPS.csv).
    with pytest.raises(writes.Conflict, match="already holds"):
        await writes.create_link(graph, Rel.HELPS, "P3", "P10", {}, who="test", since=date(2026, 11, 28))
