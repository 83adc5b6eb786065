"""Whole-graph chores for operators and tests: count what is stored, empty a database."""

from __future__ import annotations

from graph.driver import Graph
from graph.statements.imports import COUNT_EVERYTHING, COUNT_STORED, DELETE_EVERYTHING


async def count_everything(graph: Graph) -> tuple[int, int]:
    """(nodes, relationships) that reads see: an unpublished import's rows are not counted."""
    record = (await graph.fetch(COUNT_EVERYTHING))[0]
    return int(record["nodes"]), int(record["rels"])


async def count_stored(graph: Graph) -> tuple[int, int]:
    """(nodes, relationships) stored, visible or not: what an unfinished import has left too."""
    record = (await graph.fetch(COUNT_STORED))[0]
    return int(record["nodes"]), int(record["rels"])


async def delete_everything(graph: Graph) -> None:
    await graph.execute(DELETE_EVERYTHING)
