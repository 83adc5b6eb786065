"""Organisations (units, property companies, committees, branches, social organisations, teams) and venues."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.links import Link
from graph.model import Label, Rel
from graph.reads import Node
from schema.types.base import Info, many, node_type, requests_along
from schema.types.lists import Connection
from schema.types.nested import members as members_page

if TYPE_CHECKING:
    from schema.types.areas import Community, Compound
    from schema.types.people import Person
    from schema.types.practice import Course
    from schema.types.requests import ServiceRequest

PersonRef = Annotated["Person", strawberry.lazy("schema.types.people")]
CommunityRef = Annotated["Community", strawberry.lazy("schema.types.areas")]
CompoundRef = Annotated["Compound", strawberry.lazy("schema.types.areas")]
ServiceRequestRef = Annotated["ServiceRequest", strawberry.lazy("schema.types.requests")]
CourseRef = Annotated["Course", strawberry.lazy("schema.types.practice")]


@strawberry.interface(
    description="组织 (organisation): unit, property company, owners' committee, party branch, "
    "social organisation, volunteer team."
)
class Organisation:
    id: strawberry.ID = strawberry.field(description="The organisation's id (编号), stable across imports.")
    name: str = strawberry.field(description="Its name (名称).")
    node: strawberry.Private[Node]

    members: list[PersonRef] = many(
        Link.MEMBERS_OF_ORGANISATION, description="People who work for or belong to it (成员)."
    )
    members_connection: Connection[PersonRef] = strawberry.field(
        resolver=members_page,
        description="The same members (成员), a page at a time, by name, with their total: for large "
        "organisations.",
    )


async def _courses(root: Any, info: Info) -> list[Any]:
    from schema.types.practice import courses_offered  # the practice's types build on these

    return await courses_offered(info, root.id)


@node_type(Label.UNIT, description="机关事业单位 (unit): a government unit or public institution.")
class Unit(Organisation):
    kind: str | None = strawberry.field(description="What kind of unit (类型).")
    paired_communities: list[CommunityRef] = many(
        Link.PAIRED_COMMUNITIES_OF_UNIT, description="Communities it is currently paired with (包联社区)."
    )
    requests: list[ServiceRequestRef] = requests_along(
        Rel.DISPATCHED_TO, description="Requests dispatched to it (派单, 吹哨), newest first."
    )
    courses: list[CourseRef] = strawberry.field(
        resolver=_courses, description="Training courses it offers (点单式培训课程), as a provider."
    )


@node_type(Label.PROPERTY_COMPANY, description="物业服务企业 (property company).")
class PropertyCompany(Organisation):
    public_welfare: bool | None = strawberry.field(description="Whether a public-welfare company (公益物业).")
    compounds: list[CompoundRef] = many(
        Link.COMPOUNDS_MANAGED_BY, description="Compounds it manages now (在管小区)."
    )
    complaints: list[ServiceRequestRef] = requests_along(
        Rel.CONCERNS, description="Complaints (投诉) about it, newest first."
    )


@node_type(
    Label.OWNERS_COMMITTEE,
    description="业委会 (owners' committee), or 自管委员会 (self-management committee) when self-managed.",
)
class OwnersCommittee(Organisation):
    self_managed: bool | None = strawberry.field(
        description="Whether the owners manage the compound themselves (自管)."
    )


@node_type(Label.PARTY_BRANCH, description="党支部 (party branch) of a compound, grid or company.")
class PartyBranch(Organisation):
    pass


@node_type(Label.SOCIAL_ORGANISATION, description="社会组织 (social organisation).")
class SocialOrganisation(Organisation):
    field: str | None = strawberry.field(description="Its field of work (服务领域).")


@node_type(Label.VOLUNTEER_TEAM, description='志愿服务队 (volunteer team): one of the six of "136".')
class VolunteerTeam(Organisation):
    kind: str = strawberry.field(
        description="Its kind (队伍类型): NEIGHBOUR_AID 邻里互助, POLICY_OUTREACH 政策宣讲, HEALTH_CARE 卫生保健, "
        "FAMILY_EDUCATION 家庭教育, SAFETY 安全保卫 or CULTURE_SPORTS 文体活动."
    )


@node_type(Label.VENUE, description="服务阵地 (venue): 党建+邻里中心, 政治生活馆, 活动阵地.")
class Venue:
    id: strawberry.ID = strawberry.field(description="The venue's id (编号), stable across imports.")
    name: str = strawberry.field(description="Its name (名称).")
    kind: str | None = strawberry.field(description="What kind of venue (类型).")
    area_m2: float | None = strawberry.field(description="Floor area in square metres (面积).")
    node: strawberry.Private[Node]
