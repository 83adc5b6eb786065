"""Who is in need follows every write of a person's `needs`: a bundle, the API, an undone import, and
a database written before the planners found residents in need by a label.

The planners' answers read "in need" from a label every such write keeps (graph.model.IN_NEED); each
test changes `needs` one way and checks the HELPER rows of plan_city's community C1 (C1_GAPS, worked
out in tests/graph/test_planning.py). P42 (B4, DISABLED) has no helper; P9 (B3) and P10 (B3) have no
needs, and nobody helps them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import writes
from graph.constraints import ensure_constraints
from graph.driver import Graph
from graph.imports import Write, start_run, undo_run, write_batch
from schema.types.writes import checked_node_props
from tests.conftest import load
from tests.graph.test_planning import C1_GAPS, PLAN_CITY, gaps_of, rows

pytestmark = pytest.mark.anyio

P42_GAP = ("HELPER", "P42", 1, 0, None)


async def test_a_bundle_that_gives_or_clears_needs_moves_the_helper_rows(
    graph: Graph, tmp_path: Path
) -> None:
    await load(graph, PLAN_CITY)
    # An empty cell removes P42's needs; P9 now has one.
    (tmp_path / "Person.csv").write_text(
        "id,name,needs\nP42,张桂英,\nP9,吴国庆,ELDERLY_ALONE\n", encoding="utf-8"
    )
    await load(graph, tmp_path)
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS - {P42_GAP} | {("HELPER", "P9", 1, 0, None)}
    # The person scope agrees: P42 is no longer held to having a helper.
    assert rows(await gaps_of(graph, "P42")) == set()


async def test_an_api_edit_of_needs_moves_the_helper_rows(graph: Graph) -> None:
    await load(graph, PLAN_CITY)
    await writes.update_node(graph, "P42", {"needs": None}, who="test", validate=checked_node_props)
    await writes.update_node(
        graph, "P10", {"needs": ["ELDERLY_ALONE"]}, who="test", validate=checked_node_props
    )
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS - {P42_GAP} | {("HELPER", "P10", 1, 0, None)}


async def test_an_undone_import_gives_back_the_needs_it_cleared(graph: Graph) -> None:
    await load(graph, PLAN_CITY)
    await start_run(graph, "run-7", bundle="test", host="here", pid=1)
    cleared = {"id": "P42", "props": {"needs": None}, "undo": {"needs": ["DISABLED"]}}
    await write_batch(graph, "run-7", [Write("update_nodes", "Person", [cleared])])
    await undo_run(graph, "run-7")
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS


async def test_a_database_from_before_the_label_gets_it_at_the_next_start(graph: Graph) -> None:
    await load(graph, PLAN_CITY)
    # What a database written before the label holds: the same people, no label. (Raw Cypher stands in
    # for that older code.)
    async with graph.driver.session() as session:
        await (await session.run("MATCH (p:InNeed) REMOVE p:InNeed")).consume()
        labels = await (
            await session.run("CALL db.labels() YIELD label RETURN collect(label) AS all")
        ).single()
    assert labels is not None and "InNeed" not in labels["all"]
    assert {kind for kind, *_ in rows(await gaps_of(graph, "C1"))} == {kind for kind, *_ in C1_GAPS} - {
        "HELPER",
        "HELPER_LOAD",
    }, "without the label nobody is in need"
    await ensure_constraints(graph)
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS
