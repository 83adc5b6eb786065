"""Reads for the API: nodes by id, neighbours along a link, and who serves a building.

Each function takes a batch of ids and sends one statement, so a DataLoader can answer every parent
of one GraphQL nesting level with one round trip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction, Record
from neo4j.time import Date, DateTime

from graph.driver import Graph, Statement, run
from graph.links import Level, Link, ServiceRole
from graph.model import Label
from graph.projection import SERVICE_LINKS_BY_BUILDING
from graph.statements import AREAS_ABOVE, HIDDEN_RUN_IDS, IDS_BY_LABEL, LINKS, LINKS_WITH_ENDED, NODES_BY_ID


@dataclass(frozen=True)
class Node:
    """A domain node as stored: its id, its one domain label and its properties (Python values)."""

    id: str
    label: Label
    props: Mapping[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True)
class Neighbour:
    """A node reached along a link, with the properties of the relationship that reached it."""

    node: Node
    link: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceLink:
    """One responsibility for a building: who or what, in which role, through which area."""

    role: ServiceRole
    level: Level
    via: str
    holder: Node
    field: str | None


_TEMPORAL = (Date, DateTime)


def native(value: Any) -> Any:
    """Neo4j's temporal values as Python's, so callers compare and serialise plain types."""
    if isinstance(value, _TEMPORAL):
        return value.to_native()
    return value


_TEMPORAL_TYPES = frozenset(_TEMPORAL)  # exactly the driver's own: it never hands back a subclass


def native_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """`native` for each value, inlined: an import compares a million stored rows through this."""
    return {
        key: value.to_native() if type(value) in _TEMPORAL_TYPES else value for key, value in props.items()
    }


def to_node(found: Mapping[str, Any]) -> Node:
    """A node from a statement's {id, label, props} map."""
    return Node(id=found["id"], label=Label(found["label"]), props=native_props(found["props"]))


async def nodes_by_id(graph: Graph, ids: Sequence[str]) -> dict[str, Node]:
    records = await graph.fetch(NODES_BY_ID, ids=list(ids))
    return {n["id"]: to_node(n) for n in records[0]["found"]}


async def neighbours(
    graph: Graph, link: Link, ids: Sequence[str], *, today: date, ended_too: bool = False
) -> dict[str, list[Neighbour]]:
    """Each node's neighbours along `link`: current relationships only, or every one with `ended_too`."""
    statement = LINKS_WITH_ENDED[link] if ended_too else LINKS[link]
    records = await graph.fetch(statement, ids=list(ids), today=today)
    return {
        r["parent"]: [Neighbour(to_node(n), native_props(n["link"])) for n in r["found"]] for r in records
    }


async def service_links(
    graph: Graph, building_ids: Sequence[str], *, today: date
) -> dict[str, list[ServiceLink]]:
    """Everyone and everything currently serving each building, ordered by level, role and name."""
    records = await graph.fetch(SERVICE_LINKS_BY_BUILDING, ids=list(building_ids), today=today)
    return {r["building"]: [_service_link(*link) for link in r["links"]] for r in records}


def _service_link(role: str, level: str, via: str, field: str | None, holder: Any) -> ServiceLink:
    return ServiceLink(ServiceRole(role), Level(level), via, to_node(holder), field)


async def areas_above(graph: Graph, ids: Sequence[str], *, today: date) -> dict[str, frozenset[str]]:
    """For each node, the ids of the areas containing it (a person: through their home building)."""
    records = await graph.fetch(AREAS_ABOVE, ids=list(ids), today=today)
    return {r["id"]: frozenset(r["areas"]) for r in records}


async def ids_by_label(graph: Graph, *, limit: int) -> dict[str, list[str]]:
    """Up to `limit` ids of each label, lowest first."""
    records = await graph.fetch(IDS_BY_LABEL, limit=limit)
    return {r["label"]: list(r["ids"]) for r in records}


async def hidden_runs(tx: AsyncManagedTransaction) -> list[str]:
    """The ids of the import runs whose writes stay out of every read (docs/bundles.md)."""
    return list((await run(tx, HIDDEN_RUN_IDS))[0]["hiddenRuns"])


async def fetch_shown(graph: Graph, statement: Statement, **params: Any) -> list[Record]:
    """Run a read statement that takes `$hiddenRuns`, in one read transaction with their lookup."""

    async def work(tx: AsyncManagedTransaction) -> list[Record]:
        return await run(tx, statement, hiddenRuns=await hidden_runs(tx), **params)

    return await graph.read(work)
