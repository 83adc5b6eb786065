"""Reading the whole graph back out, label by label and type by type, in a stable order."""

from __future__ import annotations

from typing import Any

from graph.driver import Graph
from graph.model import Label, Rel
from graph.reads import native_props
from graph.statements.imports import EXPORT_NODES, EXPORT_RELS


async def all_nodes(graph: Graph, label: Label) -> list[dict[str, Any]]:
    """Every node of a label, as its properties, ordered by id."""
    return [native_props(r["props"]) for r in await graph.fetch(EXPORT_NODES[label])]


async def all_rels(graph: Graph, rel: Rel) -> list[dict[str, Any]]:
    """Every relationship of a type, as {from, to, **properties}, ordered by its ends."""
    return [
        {"from": r["from"], "to": r["to"], **native_props(r["props"])}
        for r in await graph.fetch(EXPORT_RELS[rel])
    ]
