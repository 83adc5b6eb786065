"""The typed per-request context: the graph, today's date, the viewer, and the request's DataLoaders.

Loaders are built per request so that their caches never outlive it; each answers all the parents of
one nesting level with one statement (per link followed), never one per parent.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from strawberry.dataloader import DataLoader

from graph import lists, practice, reads, service
from graph.driver import Graph
from graph.links import Link
from graph.model import Rel, city_today
from graph.practice import Attendance, PartyRung, Worker
from graph.reads import Neighbour, Node, ServiceLink
from graph.statements.lists import ListOf, Order
from graph.statements.practice import PracticeLink
from schema.permissions import Viewer

LoadLinks = Callable[[Sequence[tuple[Link, str]]], Awaitable[list[list[Neighbour]]]]


@dataclass(frozen=True)
class NestedPage:
    """One page of a nested list (a community's residents, an organisation's members) under one parent.

    Keys that differ only in `within` are answered by one statement: the same page under every parent
    a nesting level holds. `filters` is the filter's parameters as sorted JSON, so that keys hash.
    """

    of: ListOf
    within: str
    filters: str
    order: Order
    first: int
    after: str | None

    @property
    def shape(self) -> tuple[ListOf, str, Order, int, str | None]:
        return (self.of, self.filters, self.order, self.first, self.after)


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
    # The practice's pieces: its own links (courses, sessions, posts), a building's party chain, a
    # person's training record, a community's workers (current, or with ended ones too).
    practice_neighbours: DataLoader[tuple[PracticeLink, str], list[Neighbour]]
    party_chain: DataLoader[str, list[PartyRung]]
    training: DataLoader[str, list[Attendance]]
    workers: DataLoader[tuple[str, bool], list[Worker]]
    # Nested lists: a page, and the total, under each parent of a nesting level in one statement.
    nested_pages: DataLoader[NestedPage, lists.Page]
    nested_totals: DataLoader[NestedPage, int]


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
        **_practice_loaders(graph, today),
        **_nested_loaders(graph, today),
    )


def _nested_loaders(graph: Graph, today: date) -> dict[str, DataLoader[Any, Any]]:
    def by_shape(keys: Sequence[NestedPage]) -> dict[tuple[Any, ...], list[NestedPage]]:
        groups: dict[tuple[Any, ...], list[NestedPage]] = {}
        for key in keys:
            groups.setdefault(key.shape, []).append(key)
        return groups

    async def pages(keys: Sequence[NestedPage]) -> list[lists.Page]:
        found: dict[NestedPage, lists.Page] = {}
        for group in by_shape(keys).values():
            one = group[0]
            answers = await lists.pages(
                graph,
                one.of,
                [key.within for key in group],
                filters=json.loads(one.filters),
                order=one.order,
                first=one.first,
                after=one.after,
                today=today,
            )
            found.update({key: answers[key.within] for key in group})
        return [found[key] for key in keys]

    async def totals(keys: Sequence[NestedPage]) -> list[int]:
        found: dict[NestedPage, int] = {}
        for group in by_shape(keys).values():
            one = group[0]
            answers = await lists.counts(
                graph, one.of, [key.within for key in group], filters=json.loads(one.filters), today=today
            )
            found.update({key: answers[key.within] for key in group})
        return [found[key] for key in keys]

    return {"nested_pages": DataLoader(load_fn=pages), "nested_totals": DataLoader(load_fn=totals)}


def _practice_loaders(graph: Graph, today: date) -> dict[str, DataLoader[Any, Any]]:
    async def neighbours(keys: Sequence[tuple[PracticeLink, str]]) -> list[list[Neighbour]]:
        by_link: dict[PracticeLink, list[str]] = {}
        for link, node_id in keys:
            by_link.setdefault(link, []).append(node_id)
        found = {
            link: await practice.practice_neighbours(graph, link, ids, today=today)
            for link, ids in by_link.items()
        }
        return [found[link].get(node_id, []) for link, node_id in keys]

    async def chains(ids: Sequence[str]) -> list[list[PartyRung]]:
        found = await practice.party_chain(graph, ids, today=today)
        return [found.get(building_id, []) for building_id in ids]

    async def training(ids: Sequence[str]) -> list[list[Attendance]]:
        found = await practice.training_records(graph, ids)
        return [found.get(person_id, []) for person_id in ids]

    async def workers(keys: Sequence[tuple[str, bool]]) -> list[list[Worker]]:
        answers: dict[tuple[str, bool], list[Worker]] = {}
        for ended in (False, True):
            ids = [community for community, flag in keys if flag is ended]
            if ids:
                found = await practice.community_workers(graph, ids, today=today, include_ended=ended)
                answers.update({(community, ended): found.get(community, []) for community in ids})
        return [answers[key] for key in keys]

    return {
        "practice_neighbours": DataLoader(load_fn=neighbours),
        "party_chain": DataLoader(load_fn=chains),
        "training": DataLoader(load_fn=training),
        "workers": DataLoader(load_fn=workers),
    }


def make_context(graph: Graph, viewer: Viewer, today: date | None = None) -> Context:
    day = today or city_today()
    return Context(graph=graph, viewer=viewer, today=day, dataloaders=make_dataloaders(graph, day))
