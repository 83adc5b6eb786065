"""Reads for the API: nodes by id, neighbours along a link, and who serves a building.

Each function takes a batch of ids and sends one statement, so a DataLoader can answer every parent
of one GraphQL nesting level with one round trip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from neo4j.time import Date, DateTime

from graph.driver import Graph
from graph.model import Label
from graph.statements import AREAS_ABOVE, LINKS, NODES_BY_ID, SERVICE_LINKS_BY_BUILDING, Link


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


class Level(StrEnum):
    BUILDING = "BUILDING"
    COMPOUND = "COMPOUND"
    GRID = "GRID"
    COMMUNITY = "COMMUNITY"
    STREET = "STREET"


class Role(StrEnum):
    BUILDING_LEADER = "BUILDING_LEADER"
    BUILDING_VOLUNTEER = "BUILDING_VOLUNTEER"
    PROPERTY_STAFF = "PROPERTY_STAFF"
    GRID_LEADER = "GRID_LEADER"
    PROPERTY_COMPANY = "PROPERTY_COMPANY"
    OWNERS_COMMITTEE = "OWNERS_COMMITTEE"
    PARTY_BRANCH = "PARTY_BRANCH"
    CUSTODIAN = "CUSTODIAN"
    COMMUNITY_SECRETARY = "COMMUNITY_SECRETARY"
    COMMISSIONER = "COMMISSIONER"
    ADVISER = "ADVISER"
    VOLUNTEER_TEAM = "VOLUNTEER_TEAM"
    SOCIAL_ORGANISATION = "SOCIAL_ORGANISATION"
    VENUE = "VENUE"
    PAIRED_UNIT = "PAIRED_UNIT"


# The role a relationship gives its holder; LEADS means a building or a grid by the level it reaches.
ROLE_OF: dict[tuple[str, Level], Role] = {
    ("LEADS", Level.BUILDING): Role.BUILDING_LEADER,
    ("VOLUNTEERS_FOR", Level.BUILDING): Role.BUILDING_VOLUNTEER,
    ("PROPERTY_STAFF_FOR", Level.BUILDING): Role.PROPERTY_STAFF,
    ("MANAGES", Level.COMPOUND): Role.PROPERTY_COMPANY,
    ("REPRESENTS", Level.COMPOUND): Role.OWNERS_COMMITTEE,
    ("ORGANISES", Level.COMPOUND): Role.PARTY_BRANCH,
    ("CUSTODIAN_OF", Level.COMPOUND): Role.CUSTODIAN,
    ("LOCATED_IN", Level.COMPOUND): Role.VENUE,
    ("LEADS", Level.GRID): Role.GRID_LEADER,
    ("ORGANISES", Level.GRID): Role.PARTY_BRANCH,
    ("SECRETARY_OF", Level.COMMUNITY): Role.COMMUNITY_SECRETARY,
    ("COMMISSIONER_OF", Level.COMMUNITY): Role.COMMISSIONER,
    ("ADVISES", Level.COMMUNITY): Role.ADVISER,
    ("SERVES", Level.COMMUNITY): Role.VOLUNTEER_TEAM,
    ("ACTIVE_IN", Level.COMMUNITY): Role.SOCIAL_ORGANISATION,
    ("LOCATED_IN", Level.COMMUNITY): Role.VENUE,
    ("PAIRED_WITH", Level.COMMUNITY): Role.PAIRED_UNIT,
}
LEVEL_ORDER = list(Level)
ROLE_ORDER = list(Role)


@dataclass(frozen=True)
class ServiceLink:
    """One responsibility for a building: who or what, in which role, through which area."""

    role: Role
    level: Level
    via: str
    holder: Node
    field: str | None


def native(value: Any) -> Any:
    """Neo4j's temporal values as Python's, so callers compare and serialise plain types."""
    if isinstance(value, Date | DateTime):
        return value.to_native()
    return value


def native_props(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: native(value) for key, value in props.items()}


def to_node(found: Mapping[str, Any]) -> Node:
    """A node from a statement's {id, label, props} map."""
    return Node(id=found["id"], label=Label(found["label"]), props=native_props(found["props"]))


async def nodes_by_id(graph: Graph, ids: Sequence[str]) -> dict[str, Node]:
    records = await graph.fetch(NODES_BY_ID, ids=list(ids))
    return {n["id"]: to_node(n) for n in records[0]["found"]}


async def neighbours(
    graph: Graph, link: Link, ids: Sequence[str], *, today: date
) -> dict[str, list[Neighbour]]:
    records = await graph.fetch(LINKS[link], ids=list(ids), today=today)
    return {
        r["parent"]: [Neighbour(to_node(n), native_props(n["link"])) for n in r["found"]] for r in records
    }


async def service_links(
    graph: Graph, building_ids: Sequence[str], *, today: date
) -> dict[str, list[ServiceLink]]:
    """Everyone and everything currently serving each building, ordered by level, role and name."""
    records = await graph.fetch(SERVICE_LINKS_BY_BUILDING, ids=list(building_ids), today=today)
    return {r["building"]: sorted(map(_service_link, r["links"]), key=_service_order) for r in records}


def _service_link(found: Mapping[str, Any]) -> ServiceLink:
    level = Level(found["level"])
    holder = to_node(found)
    return ServiceLink(ROLE_OF[found["rel"], level], level, found["via"], holder, found["field"])


def _service_order(link: ServiceLink) -> tuple[int, int, str, str]:
    name = str(link.holder.get("name", ""))
    return LEVEL_ORDER.index(link.level), ROLE_ORDER.index(link.role), name, link.holder.id


async def areas_above(graph: Graph, ids: Sequence[str]) -> dict[str, frozenset[str]]:
    """For each node, the ids of the areas containing it (a person: through their home building)."""
    records = await graph.fetch(AREAS_ABOVE, ids=list(ids))
    return {r["id"]: frozenset(r["areas"]) for r in records}
