"""The typed per-request context: the graph, today's date, the viewer, and the request's DataLoaders.

Loaders are built per request so that their caches never outlive it; each answers all the parents of
one nesting level with one statement (per link followed), never one per parent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date

from strawberry.dataloader import DataLoader

from graph import reads, service
from graph.driver import Graph
from graph.links import Link
from graph.model import Rel, city_today
from graph.reads import Neighbour, Node, ServiceLink
from schema.permissions import Viewer

LoadLinks = Callable[[Sequence[tuple[Link, str]]], Awaitable[list[list[Neighbour]]]]


@dataclass
class DataLoaders:
    nodes: DataLoader[str, Node | None]
    neighbours: DataLoader[tuple[Link, str], list[Neighbour]]
    # Along the same links, ended relationships too: for fields asked with `includeEnded: true`.
    history: DataLoader[tuple[Link, str], list[Neighbour]]
    service_links: DataLoader[str, list[ServiceLink]]
    # Service requests joined to a person, unit or company by RAISED_BY, ACCEPTED_BY, DISPATCHED_TO, CONCERNS.
    requests: DataLoader[tuple[Rel, str], list[service.Request]]
    areas_above: DataLoader[str, frozenset[str]]


@dataclass
class Context:
    graph: Graph
    viewer: Viewer
    today: date
    dataloaders: DataLoaders


def make_dataloaders(graph: Graph, today: date) -> DataLoaders:
    async def nodes(ids: Sequence[str]) -> list[Node | None]:
        found = await reads.nodes_by_id(graph, ids)
        return [found.get(node_id) for node_id in ids]

    def along_links(
        ended_too: bool,
    ) -> Callable[[Sequence[tuple[Link, str]]], Awaitable[list[list[Neighbour]]]]:
        async def load(keys: Sequence[tuple[Link, str]]) -> list[list[Neighbour]]:
            by_link: dict[Link, list[str]] = {}
            for link, node_id in keys:
                by_link.setdefault(link, []).append(node_id)
            results = await asyncio.gather(
                *(
                    reads.neighbours(graph, link, ids, today=today, ended_too=ended_too)
                    for link, ids in by_link.items()
                )
            )
            found = dict(zip(by_link, results, strict=True))
            return [found[link].get(node_id, []) for link, node_id in keys]

        return load

    async def service_links(ids: Sequence[str]) -> list[list[ServiceLink]]:
        found = await reads.service_links(graph, ids, today=today)
        return [found.get(building_id, []) for building_id in ids]

    async def requests(keys: Sequence[tuple[Rel, str]]) -> list[list[service.Request]]:
        by_rel: dict[Rel, list[str]] = {}
        for rel, node_id in keys:
            by_rel.setdefault(rel, []).append(node_id)
        results = await asyncio.gather(
            *(service.requests_along(graph, rel, ids, today=today) for rel, ids in by_rel.items())
        )
        found = dict(zip(by_rel, results, strict=True))
        return [found[rel].get(node_id, []) for rel, node_id in keys]

    async def areas_above(ids: Sequence[str]) -> list[frozenset[str]]:
        found = await reads.areas_above(graph, ids, today=today)
        return [found.get(node_id, frozenset()) for node_id in ids]

    return DataLoaders(
        nodes=DataLoader(load_fn=nodes),
        neighbours=DataLoader(load_fn=along_links(ended_too=False)),
        history=DataLoader(load_fn=along_links(ended_too=True)),
        service_links=DataLoader(load_fn=service_links),
        requests=DataLoader(load_fn=requests),
        areas_above=DataLoader(load_fn=areas_above),
    )


def make_context(graph: Graph, viewer: Viewer, today: date | None = None) -> Context:
    day = today or city_today()
    return Context(graph=graph, viewer=viewer, today=day, dataloaders=make_dataloaders(graph, day))
