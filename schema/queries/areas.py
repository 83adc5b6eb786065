"""The root queries of the graph itself: every area, person and organisation by its domain id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any

import strawberry

from graph.model import ORGANISATION_LABELS, Label
from graph.projection import ById, Shape
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

# The key under which a root field keeps how it is compiled: its Strawberry metadata names the
# projection root it reads from, given the shape the query selects.
ROOT = "gridwork.root"
RootSource = Callable[[Shape], ById]


async def node_of(info: Info, node_id: str, labels: Iterable[Label]) -> Any | None:
    """The object for an id, or None when no node has it or it is of another kind."""
    node = await info.context.dataloaders.nodes.load(node_id)
    if node is None or node.label not in labels:
        return None
    return wrap(node)


def by_id(*labels: Label, description: str) -> Any:
    """A root field answering the node with the `id` argument, when it carries one of `labels`."""
    accepted = frozenset(labels)

    async def resolve(
        info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="Its id (编号).")]
    ) -> Any:
        return await node_of(info, id, accepted)

    def root(shape: Shape) -> ById:
        return ById(accepted, "id", shape)

    return strawberry.field(resolver=resolve, description=description, metadata={ROOT: root})


@strawberry.type
class AreaQueries:
    district: District | None = by_id(Label.DISTRICT, description="A district (区) by id.")
    street: Street | None = by_id(Label.STREET, description="A street (街道) by id.")
    community: Community | None = by_id(Label.COMMUNITY, description="A community (社区) by id.")
    grid: Grid | None = by_id(Label.GRID, description="A grid (网格) by id.")
    compound: Compound | None = by_id(Label.COMPOUND, description="A compound (小区) by id.")
    building: Building | None = by_id(Label.BUILDING, description="A building (楼栋) by id.")
    person: Person | None = by_id(Label.PERSON, description="A person (人员) by id.")
    unit: Unit | None = by_id(Label.UNIT, description="A unit (机关事业单位) by id.")
    organisation: Organisation | None = by_id(
        *ORGANISATION_LABELS,
        description="Any organisation (组织) by id: unit, property company, committee, branch, team.",
    )
