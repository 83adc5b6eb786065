"""What every GraphQL type of the graph shares: the registry of node types, and fields that follow links.

A field that follows a link is declared once, with `many`, `optional` or `required`: that one
declaration gives both its resolver (through the request's DataLoaders) and its `source`, the
projection the compiled path turns into Cypher (`schema.compiled`). Plain fields read the stored
property of the same name.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry.types import Info as StrawberryInfo

from graph.links import Link
from graph.model import Label, Rel
from graph.projection import Expr, Follow, Literal, Personal, Shape
from graph.reads import Node
from schema.context import Context
from schema.errors import ErrorCode, api_error
from schema.types.edges import linked_from
from schema.types.sources import ARGUMENT_SOURCE, Source, sourced

Info = StrawberryInfo[Context, None]
T = TypeVar("T")

TYPE_OF: dict[Label, type[Any]] = {}


def label_of(type_name: str) -> Label | None:
    """The label of the nodes a GraphQL object type stands for, if it stands for nodes."""
    for label, cls in TYPE_OF.items():
        if cls.__strawberry_definition__.name == type_name:
            return label
    return None


class LabelKind(Enum):
    """A GraphQL enum of kinds of node (NodeKind, SearchKind, ...): each value names a label, upper case."""

    @property
    def label(self) -> Label:
        return Label[self.name]


def node_type(label: Label, *, description: str) -> Callable[[type[T]], type[T]]:
    """`@strawberry.type` for the type of the nodes carrying `label`, registered for `wrap`."""

    def register(cls: type[T]) -> type[T]:
        typed = strawberry.type(cls, description=description)
        TYPE_OF[label] = typed
        return typed

    return register


def build(cls: type[T], node: Node) -> T:
    """An object of a GraphQL type from a stored node: its fields are the node's properties."""
    values: dict[str, Any] = {name: node.get(prop) for name, prop in _properties(cls)}
    return cls(id=strawberry.ID(node.id), node=node, **values)  # type: ignore[call-arg]


_PROPERTIES: dict[type[Any], tuple[tuple[str, str], ...]] = {}


def _properties(cls: type[Any]) -> tuple[tuple[str, str], ...]:
    """(field, stored property) for each plain field of a type: worked out once, not once per object."""
    if cls not in _PROPERTIES:
        _PROPERTIES[cls] = tuple(
            (field.name, camel_case(field.name))
            for field in dataclasses.fields(cls)
            if field.init and field.name not in ("id", "node")
        )
    return _PROPERTIES[cls]


def camel_case(name: str) -> str:
    """`party_member` -> `partyMember`: Python's field names for the bundle's property names."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wrap(node: Node) -> Any:
    """The GraphQL object for a node of any label."""
    return build(TYPE_OF[node.label], node)


async def linked(info: Info, link: Link, node_id: str) -> list[Any]:
    return [wrap(n.node) for n in await info.context.dataloaders.neighbours.load((link, node_id))]


async def linked_one(info: Info, link: Link, node_id: str) -> Any | None:
    found = await linked(info, link, node_id)
    return found[0] if found else None


async def sees_personal_data(info: Info, person_id: str) -> bool:
    viewer, dataloaders = info.context.viewer, info.context.dataloaders
    areas = await dataloaders.areas_above.load(person_id) if viewer.needs_areas else frozenset()
    helpers = []
    if viewer.needs_helpers and viewer.subject != person_id:
        found = await dataloaders.neighbours.load((Link.HELPERS_OF_PERSON, person_id))
        helpers = [h.node.id for h in found]
    return viewer.sees_personal_data(person_id, areas, helpers)


async def visible_people(info: Info, people: list[Any]) -> list[Any]:
    """Only the residents whose personal data the caller may see: where they live is personal data."""
    allowed = await asyncio.gather(*(sees_personal_data(info, person.id) for person in people))
    return [person for person, seen in zip(people, allowed, strict=True) if seen]


def many(link: Link, *, description: str, visible_only: bool = False) -> Any:
    """A list field: the current neighbours along `link`, ordered by id."""

    async def resolve(root: Any, info: Info) -> Any:
        found = await linked(info, link, root.id)
        return await visible_people(info, found) if visible_only else found

    def source(item: Shape | None) -> Expr:
        assert item is not None
        return Follow(link, item, visible_only=visible_only)

    return strawberry.field(resolver=resolve, description=description, metadata=sourced(source))


def optional(link: Link, *, description: str) -> Any:
    """A field holding the first current neighbour along `link`, or null."""

    async def resolve(root: Any, info: Info) -> Any:
        return await linked_one(info, link, root.id)

    return strawberry.field(resolver=resolve, description=description, metadata=sourced(_first(link)))


def required(link: Link, *, description: str) -> Any:
    """A field holding the one current neighbour along `link` that a complete graph always has."""

    async def resolve(root: Any, info: Info) -> Any:
        found = await linked_one(info, link, root.id)
        if found is None:
            step = link.step
            raise api_error(
                ErrorCode.NOT_FOUND,
                f"{step.source} {root.id} has no current {step.target}: the graph is incomplete",
            )
        return found

    return strawberry.field(resolver=resolve, description=description, metadata=sourced(_first(link)))


def _first(link: Link) -> Source:
    def source(item: Shape | None) -> Expr:
        assert item is not None
        return Follow(link, item, many=False)

    return source


def relationships(link: Link, *, description: str, personal: bool = False, visible_only: bool = False) -> Any:
    """A list field of `Linked` edges along `link`: current ones, or every one with `includeEnded`.

    `personal`: the edges of a person that reveal personal data (home, helpers), for callers who may
    see that person's personal data only; for the others the list is empty. `visible_only`: only the
    people at the other end whose personal data the caller may see (residents helped).
    """

    async def resolve(
        root: Any,
        info: Info,
        include_ended: Annotated[
            bool,
            strawberry.argument(
                description="Also relationships that have ended or not yet begun (含历史关系)."
            ),
        ] = False,
    ) -> Any:
        if personal and not await sees_personal_data(info, root.id):
            return []
        dataloaders = info.context.dataloaders
        loader = dataloaders.history if include_ended else dataloaders.neighbours
        found = await loader.load((link, root.id))
        edges = [linked_from(n, wrap(n.node), info.context.today) for n in found]
        if visible_only:
            seen = {p.id for p in await visible_people(info, [edge.node for edge in edges])}
            edges = [edge for edge in edges if edge.node.id in seen]
        return edges

    def source(item: Shape | None, arguments: Mapping[str, Any]) -> Expr:
        assert item is not None
        ended_too = bool(arguments.get("includeEnded"))
        follow = Follow(link, item, visible_only=visible_only, ended_too=ended_too)
        return Personal(follow, Literal([])) if personal else follow

    return strawberry.field(resolver=resolve, description=description, metadata={ARGUMENT_SOURCE: source})


def requests_along(rel: Rel, *, description: str, personal: bool = False) -> Any:
    """A list field of the service requests joined to this node by `rel`, newest first.

    `personal`: requests a resident raised tell of their needs, so only callers who may see that
    person's personal data get them; the others get an empty list.
    """

    async def resolve(root: Any, info: Info) -> Any:
        from schema.types.requests import ServiceRequest  # the service platform's types build on these

        if personal and not await sees_personal_data(info, root.id):
            return []
        found = await info.context.dataloaders.requests.load((rel, root.id))
        return [ServiceRequest(record=record) for record in found]

    return strawberry.field(resolver=resolve, description=description)
