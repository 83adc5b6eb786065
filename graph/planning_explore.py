"""For analysts: how two things in the graph are connected, and what lies around one thing.

Answers come as nodes and edges in the shape graph-drawing libraries take (an edge names its source
and target ids). Relationships that reveal a resident's home or need (LIVES_IN, HELPS) are followed
only for callers who may see personal data everywhere; the caller says so with `personal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.driver import Graph
from graph.model import Rel
from graph.reads import fetch_shown, native
from graph.statements.explore import CONNECTIONS, MAX_DEPTH, MAX_HOPS, NEIGHBOURHOOD
from graph.statements.planning import SCOPE_KIND

PERSONAL_RELS = frozenset({Rel.LIVES_IN, Rel.HELPS})
MAX_PATHS = 20
MAX_NEIGHBOURS = 500


class ExploreError(ValueError):
    """Arguments out of range; the message says which and the range."""


class UnknownNode(LookupError):
    """No node has this id."""


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    name: str


@dataclass(frozen=True)
class GraphEdge:
    type: str
    source: str
    target: str
    since: date | None
    until: date | None
    field: str | None

    @property
    def id(self) -> str:
        return f"{self.source}-{self.type}{'.' + self.field if self.field else ''}->{self.target}"


@dataclass(frozen=True)
class Drawing:
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]


def followed(personal: bool) -> list[str]:
    return sorted(r.value for r in Rel if personal or r not in PERSONAL_RELS)


async def connections(
    graph: Graph, *, start: str, end: str, max_hops: int, include_ended: bool, personal: bool, today: date
) -> list[Drawing]:
    """The shortest paths between two nodes (at most MAX_PATHS), each as its nodes and edges in order."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise ExploreError(f"maxHops must be between 1 and {MAX_HOPS}, got {max_hops}")
    if start == end:
        raise ExploreError("from and to are the same node")
    await _known(graph, start)
    await _known(graph, end)
    records = await fetch_shown(
        graph,
        CONNECTIONS[max_hops],
        **{"from": start, "to": end},
        types=followed(personal),
        includeEnded=include_ended,
        today=today,
        limit=MAX_PATHS,
    )
    return [_drawing(r["path"]["nodes"], r["path"]["edges"], in_order=True) for r in records]


async def neighbourhood(
    graph: Graph, *, node: str, depth: int, limit: int, include_ended: bool, personal: bool, today: date
) -> Drawing:
    """The node and up to `limit` others within `depth` steps, nearest first, and the edges among them."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ExploreError(f"depth must be between 1 and {MAX_DEPTH}, got {depth}")
    if not 1 <= limit <= MAX_NEIGHBOURS:
        raise ExploreError(f"limit must be between 1 and {MAX_NEIGHBOURS}, got {limit}")
    records = await fetch_shown(
        graph,
        NEIGHBOURHOOD[depth],
        id=node,
        types=followed(personal),
        includeEnded=include_ended,
        today=today,
        limit=limit,
    )
    if not records:
        raise UnknownNode(f"no node has id {node}")
    return _drawing(records[0]["nodes"], records[0]["edges"])


async def _known(graph: Graph, node: str) -> None:
    if not await fetch_shown(graph, SCOPE_KIND, scope=node):
        raise UnknownNode(f"no node has id {node}")


def _drawing(
    nodes: list[Mapping[str, Any]], edges: list[Mapping[str, Any]], *, in_order: bool = False
) -> Drawing:
    """Nodes and edges as records; a path keeps its order, a neighbourhood is sorted by edge id."""
    found = [
        GraphEdge(e["type"], e["source"], e["target"], native(e["since"]), native(e["until"]), e["field"])
        for e in edges
    ]
    return Drawing(
        nodes=tuple(GraphNode(n["id"], n["label"], str(n["name"])) for n in nodes),
        edges=tuple(found if in_order else sorted(found, key=lambda e: e.id)),
    )
