"""Constraints are named, created before any import, idempotent, and hold ids unique across labels."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ConstraintError

from graph import imports
from graph.constraints import constraint_names, ensure_constraints
from graph.driver import Graph
from graph.model import Label

pytestmark = pytest.mark.anyio


async def test_every_label_has_a_named_uniqueness_constraint(graph: Graph) -> None:
    names = await constraint_names(graph)
    assert names >= {"entity_id", "community_id", "building_id", "person_id", "servicerequest_id"}
    # Bookkeeping labels (import runs, audit entries) may have constraints of their own besides.
    assert names >= {"entity_id"} | {f"{label.value.lower()}_id" for label in Label}


async def test_creating_them_again_changes_nothing(graph: Graph) -> None:
    before = await constraint_names(graph)
    await ensure_constraints(graph)
    assert await constraint_names(graph) == before


async def test_the_database_itself_refuses_an_id_used_by_another_label(graph: Graph) -> None:
    await imports.ensure_run_schema(graph)
    await imports.start_run(graph, "run-1", bundle="test", host="test", pid=0)

    async def write(label: Label) -> None:
        rows = [{"id": "X1", "props": {"name": "同号"}}]
        await imports.write_batch(graph, "run-1", [imports.Write("create_nodes", label, rows)])

    await write(Label.PERSON)
    with pytest.raises(ConstraintError):
        await write(Label.UNIT)
