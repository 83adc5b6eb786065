"""Named uniqueness constraints and indexes, created `IF NOT EXISTS` before any import or serve."""

from __future__ import annotations

from graph.driver import Graph
from graph.statements import CONSTRAINTS, INDEXES, LABEL_PEOPLE_IN_NEED, SHOW_CONSTRAINTS
from graph.statements.search import SEARCH_INDEXES
from graph.statements.writes import CHANGE_INDEXES


async def ensure_constraints(graph: Graph) -> None:
    """Create every constraint and index the graph relies on, and label the people in need of a
    database written before that label; a no-op when all of it exists.

    Indexes first: Neo4j populates them in the background, while a constraint's statement returns
    only once its index is built (over a freshly bulk-imported city, they overlap)."""
    for statement in (*INDEXES, *CHANGE_INDEXES, *SEARCH_INDEXES, *CONSTRAINTS):
        # Schema changes cannot share a transaction with data or with each other: one each.
        await graph.execute(statement)
    await graph.execute(LABEL_PEOPLE_IN_NEED)


async def constraint_names(graph: Graph) -> set[str]:
    return {record["name"] for record in await graph.fetch(SHOW_CONSTRAINTS)}
