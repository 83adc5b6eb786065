"""Planners' answers follow only what is current and published.

A bundle that moves a building to another grid, or a resident to another building, ends the old link and
starts a new one: the old one stays as history and must not count. And what an import run still writing
has created must stay out of every answer until the run is published. Expected answers are worked out
from plan_city's README (tests/fixtures/plan_city/README.md) by hand, in the comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import planning
from graph.driver import Graph
from graph.imports import Write, mark_run, start_run, write_batch
from graph.policy import policy
from graph.statements.imports import PUBLISHED
from tests.conftest import TODAY, load
from tests.graph.test_planning import C1_GAPS, PLAN_CITY, gaps_of, rows

pytestmark = pytest.mark.anyio


@pytest.fixture
async def moved_city(graph: Graph, tmp_path: Path) -> Graph:
    """plan_city, then next month's bundle: building B6 (no compound, grid G2 of C1) is re-filed under
    grid G3 of C2, and resident P41 (in need, B3) moves to B7 (G3), both since 2026-10-01."""
    await load(graph, PLAN_CITY)
    (tmp_path / "IN.csv").write_text("from,to,since\nB6,G3,2026-10-01\n", encoding="utf-8")
    (tmp_path / "LIVES_IN.csv").write_text("from,to,since\nP41,B7,2026-10-01\n", encoding="utf-8")
    await load(graph, tmp_path)
    return graph


async def test_a_moved_building_and_resident_count_only_where_they_are_now(moved_city: Graph) -> None:
    # B6's residents in need without a helper (P47, P48) and P41 have left C1; B6 met "121", so no
    # building rows move with it.
    moved_out = {("HELPER", "P41", 1, 0, None), ("HELPER", "P47", 1, 0, None), ("HELPER", "P48", 1, 0, None)}
    assert rows(await gaps_of(moved_city, "C1")) == C1_GAPS - moved_out
    # Grid G2 keeps B3, B4 and B5: B3's leader, B4's staff, P42 (B4) and P52's load (helps four in B5).
    assert rows(await gaps_of(moved_city, "G2")) == {
        ("BUILDING_LEADER", "B3", 1, 0, None),
        ("PROPERTY_STAFF", "B4", 1, 0, None),
        ("HELPER", "P42", 1, 0, None),
        ("HELPER_LOAD", "P52", 3, 4, None),
    }
    # C2 had 15 community rows and B7's three; now also P41 (B7), P47 and P48 (B6, now in G3).
    found = await gaps_of(moved_city, "C2")
    assert len(found) == 18 + 3
    assert rows(found) >= moved_out
    assert {g.community for g in found if g.kind == "HELPER"} == {"C2"}
    # A resident's row lies in the areas of their home: B6 and everything above it now, not G2.
    assert [set(g.areas) for g in found if g.subject_id == "P47"] == [{"B6", "G3", "C2", "S1", "D"}]


async def test_coverage_after_the_moves(moved_city: Graph) -> None:
    standards = await planning.coverage(moved_city, scope="C1", today=TODAY, policy=policy())
    helper = {(s.area_id, s.met, s.total) for s in standards if s.kind == "HELPER"}
    # In need in C1 now: P40 (B1), P42 (B4), P43-P46 (B5); all but P42 have a helper. G1 holds P40,
    # G2 the other five; the compounds K1 (B1, B2), K3 (B4), K4 (B5) theirs.
    assert helper == {("C1", 5, 6), ("G1", 1, 1), ("G2", 4, 5), ("K1", 1, 1), ("K3", 0, 1), ("K4", 4, 4)}


async def test_the_helper_plan_after_the_moves(moved_city: Graph) -> None:
    plan = await planning.helper_plan(moved_city, scope="C1", today=TODAY, policy=policy())
    # Only P42 (DISABLED, B4 in G2) is left without a helper in C1. P53 moved away with B6; of P50
    # (MEDICAL, B2 in G1) and P54 (ELDERLY_CARE, B5 in G2), P54 shares the grid.
    assert [(p.helper.id, p.resident.id) for p in plan.pairs] == [("P54", "P42")]
    assert plan.unmatched == ()


async def test_what_an_unpublished_import_wrote_counts_only_once_published(graph: Graph) -> None:
    await load(graph, PLAN_CITY)
    await start_run(graph, "run-9", bundle="test", host="here", pid=1)
    await write_batch(
        graph,
        "run-9",
        [
            Write(
                "create_nodes",
                "Person",
                [{"id": "P9001", "props": {"name": "新住户", "needs": ["ELDERLY_ALONE"]}}],
            ),
            Write("create_rels", "LIVES_IN", [{"from": "P9001", "to": "B1", "props": {}}]),
            # A new pairing for P41, who has had no helper since P51's ended.
            Write("create_rels", "HELPS", [{"from": "P50", "to": "P41", "props": {}}]),
        ],
    )
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS
    plan = await planning.helper_plan(graph, scope="C1", today=TODAY, policy=policy())
    assert "P9001" not in {u.resident.id for u in plan.unmatched} | {p.resident.id for p in plan.pairs}
    with pytest.raises(planning.ScopeNotFound):
        await gaps_of(graph, "P9001")

    await mark_run(graph, "run-9", PUBLISHED)
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS - {("HELPER", "P41", 1, 0, None)} | {
        ("HELPER", "P9001", 1, 0, None)
    }
