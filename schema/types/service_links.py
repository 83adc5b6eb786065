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
from schema.types.described import described_enum
from schema.types.organisations import Organisation, Venue
from schema.types.people import Person
from schema.types.sources import sourced

described_enum(
    Level,
    name="Level",
    description="The area through which a responsibility reaches a building (服务层级).",
    values={
        "BUILDING": "The building itself (楼栋).",
        "COMPOUND": "Its compound (小区).",
        "GRID": "Its grid (网格).",
        "COMMUNITY": "Its community (社区).",
        "STREET": "Its street (街道).",
    },
)
described_enum(
    ServiceRole,
    name="ServiceRole",
    description="What someone or something does for a building (服务角色).",
    values={
        "BUILDING_LEADER": "Building leader, also party group leader (楼栋长, 党小组长).",
        "BUILDING_VOLUNTEER": 'Building volunteer (楼栋志愿者, the "2" of "121").',
        "PROPERTY_STAFF": 'Property service staff for the building (物业服务人员, the last "1" of "121").',
        "GRID_LEADER": "Grid leader or grid branch secretary (网格长, 网格党支部书记).",
        "PROPERTY_COMPANY": "Property company managing the compound (物业服务企业).",
        "OWNERS_COMMITTEE": "Owners' or self-management committee of the compound (业委会, 自管委员会).",
        "PARTY_BRANCH": "Party branch organising the compound or grid (党支部).",
        "CUSTODIAN": "Street or community running the compound itself (兜底托管).",
        "COMMUNITY_SECRETARY": "Community party secretary (社区党组织书记).",
        "COMMISSIONER": "Party-building commissioner sent by a paired unit (党建专员).",
        "ADVISER": 'Adviser in LEGAL, HEALTH or SAFETY (顾问, "1+1+N").',
        "VOLUNTEER_TEAM": 'Volunteer team serving the community (志愿服务队, "136").',
        "SOCIAL_ORGANISATION": "Social organisation active in the community (社会组织).",
        "VENUE": "Service venue of the compound or community (服务阵地).",
        "PAIRED_UNIT": "Government unit paired with the community (包联单位).",
        "CENTRAL_HOUSEHOLD": "Party-member central household of the building (党员中心户).",
    },
)


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
        description="The area through which this link reaches the building (经由区域).",
        metadata=_column("via"),
    )
    person: Person | None = strawberry.field(
        description="The person holding it, when a person does (责任人).",
        metadata=_holder(frozenset({Label.PERSON})),
    )
    organisation: Organisation | None = strawberry.field(
        description="The organisation holding it, when an organisation does (责任组织).",
        metadata=_holder(ORGANISATION_LABELS),
    )
    venue: Venue | None = strawberry.field(
        description="The venue, for a VENUE link (服务阵地).", metadata=_holder(frozenset({Label.VENUE}))
    )
    area: Area | None = strawberry.field(
        description="The street or community holding a compound in custody (兜底托管).",
        metadata=_holder(AREA_LABELS),
    )
    field: str | None = strawberry.field(
        description="The adviser's field or the team's kind, where it applies (领域).",
        metadata=_column("field"),
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
