"""The root queries: every area, person and unit by its domain id."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.model import ORGANISATION_LABELS, Label
from schema.types import (
    Building,
    Community,
    Compound,
    District,
    Grid,
    Info,
    Organisation,
    Person,
    Street,
    Unit,
    wrap,
)


async def node_of(info: Info, node_id: str, *labels: Label) -> Any | None:
    """The object for an id, or None when no node has it or it is of another kind."""
    node = await info.context.loaders.nodes.load(node_id)
    if node is None or node.label not in labels:
        return None
    return wrap(node)


@strawberry.type
class AreaQueries:
    @strawberry.field
    async def district(self, info: Info, id: strawberry.ID) -> District | None:
        return await node_of(info, id, Label.DISTRICT)

    @strawberry.field
    async def street(self, info: Info, id: strawberry.ID) -> Street | None:
        return await node_of(info, id, Label.STREET)

    @strawberry.field
    async def community(self, info: Info, id: strawberry.ID) -> Community | None:
        return await node_of(info, id, Label.COMMUNITY)

    @strawberry.field
    async def grid(self, info: Info, id: strawberry.ID) -> Grid | None:
        return await node_of(info, id, Label.GRID)

    @strawberry.field
    async def compound(self, info: Info, id: strawberry.ID) -> Compound | None:
        return await node_of(info, id, Label.COMPOUND)

    @strawberry.field
    async def building(self, info: Info, id: strawberry.ID) -> Building | None:
        return await node_of(info, id, Label.BUILDING)

    @strawberry.field
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        return await node_of(info, id, Label.PERSON)

    @strawberry.field
    async def unit(self, info: Info, id: strawberry.ID) -> Unit | None:
        return await node_of(info, id, Label.UNIT)

    @strawberry.field(description="Any organisation by id: unit, property company, committee, branch, team.")
    async def organisation(self, info: Info, id: strawberry.ID) -> Organisation | None:
        return await node_of(info, id, *ORGANISATION_LABELS)
