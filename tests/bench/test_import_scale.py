"""The benchmark's month of change is a bundle an operator could send: it loads, and says what it did."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.import_scale import month_of_change
from graph.driver import Graph
from graph.imports import stored_rels
from graph.model import Rel, city_today
from graph.reads import nodes_by_id
from loaders.bundle import read_bundle
from loaders.importer import CREATED, ENDED, REMOVED, UNCHANGED, UPDATED, import_bundle
from seeds.generator import generate

pytestmark = pytest.mark.anyio


async def test_a_month_of_change_loads_as_counted(graph: Graph, tmp_path: Path) -> None:
    generate(tmp_path / "city", persons=2_000, seed=3)
    await import_bundle(graph, read_bundle(tmp_path / "city"))
    counts = month_of_change(tmp_path / "city", tmp_path / "month", city_today())
    # Of 2,000 people (numbers 1-2000): 10 leave (n % 200 == 7), 20 arrive (one per hundred),
    # 40 change phone (n % 50 == 3), up to 20 move (n % 100 == 11: unless the building is theirs).
    assert (counts["left"], counts["arrived"], counts["phone"]) == (10, 20, 40)
    report = await import_bundle(graph, read_bundle(tmp_path / "month"))
    assert report.counts["Person"] == {CREATED: 20, UPDATED: 40, REMOVED: 10, UNCHANGED: 2_000 - 10 - 40}
    lives_in = report.counts["LIVES_IN"]
    assert (lives_in[CREATED], lives_in[ENDED]) == (counts["moved"] + 20, counts["moved"])
    assert report.counts["HELPS"][UPDATED] == counts["ended"] > 0
    # Who left is gone with every link; who arrived has a home.
    assert await nodes_by_id(graph, ["gen3-P7"]) == {}
    [home] = (await stored_rels(graph, Rel.LIVES_IN, ["gen3-P2001"]))["gen3-P2001"]
    assert home.props.get("until") is None
