"""Who serves a building: one responsibility, who or what holds it, in which role, through which area."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.links import Level, ServiceRole
from graph.model import AREA_LABELS, ORGANISATION_LABELS, Label
from graph.projection import Expr, Holder, ServiceColumn, Shape
from graph.reads import ServiceLink as ServiceLinkRecord
from schema.types.areas import Area
from schema.types.base import wrap
from schema.types.organisations import Organisation, Venue
from schema.types.people import Person
from schema.types.sources import sourced

strawberry.enum(
    Level, name="Level", description="The area through which a responsibility reaches a building."
)
strawberry.enum(ServiceRole, name="ServiceRole", description="What someone or something does for a building.")


def _column(name: str) -> dict[str, Any]:
    return sourced(lambda _: ServiceColumn(name))


def _holder(labels: frozenset[Label]) -> dict[str, Any]:
    def source(item: Shape | None) -> Expr:
        assert item is not None
        return Holder(labels, item)

    return sourced(source)


@strawberry.type(
    description="One responsibility for a building (服务关系): who or what, in which role, through which area."
)
class ServiceLink:
    role: ServiceRole = strawberry.field(description="The role held (角色).", metadata=_column("role"))
    level: Level = strawberry.field(description="The level it is held at (层级).", metadata=_column("level"))
    via: strawberry.ID = strawberry.field(
        description="The area through which this link reaches the building.", metadata=_column("via")
    )
    person: Person | None = strawberry.field(
        description="The person holding it, when a person does.", metadata=_holder(frozenset({Label.PERSON}))
    )
    organisation: Organisation | None = strawberry.field(
        description="The organisation holding it, when an organisation does.",
        metadata=_holder(ORGANISATION_LABELS),
    )
    venue: Venue | None = strawberry.field(
        description="The venue, for a VENUE link.", metadata=_holder(frozenset({Label.VENUE}))
    )
    area: Area | None = strawberry.field(
        description="The street or community holding a compound in custody (兜底托管).",
        metadata=_holder(AREA_LABELS),
    )
    field: str | None = strawberry.field(
        description="The adviser's field or the team's kind, where it applies.", metadata=_column("field")
    )

    @classmethod
    def from_record(cls, link: ServiceLinkRecord) -> ServiceLink:
        holder = wrap(link.holder)
        return cls(
            role=link.role,
            level=link.level,
            via=strawberry.ID(link.via),
            person=holder if isinstance(holder, Person) else None,
            organisation=holder if isinstance(holder, Organisation) else None,
            venue=holder if isinstance(holder, Venue) else None,
            area=holder if isinstance(holder, Area) else None,
            field=link.field,
        )
