"""The area hierarchy: district (区), street (街道), community (社区), grid (网格), compound (小区), building (楼栋)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph import service
from graph.links import Link
from graph.model import Label
from graph.projection import Expr, Follow, RelProp, ServedBy, Shape
from graph.reads import Node
from schema.types.base import Info, many, node_type, optional, relationships, required, wrap
from schema.types.edges import Linked
from schema.types.lists import Connection
from schema.types.nested import residents as residents_page
from schema.types.sources import sourced

if TYPE_CHECKING:
    from schema.types.organisations import (
        OwnersCommittee,
        PartyBranch,
        PropertyCompany,
        SocialOrganisation,
        Unit,
        Venue,
        VolunteerTeam,
    )
    from schema.types.people import Person
    from schema.types.posts import ServicePost
    from schema.types.practice import CommunityWorker, EnvironmentCommittee, PartyChainLevel
    from schema.types.service_links import ServiceLink

PersonRef = Annotated["Person", strawberry.lazy("schema.types.people")]
UnitRef = Annotated["Unit", strawberry.lazy("schema.types.organisations")]
VenueRef = Annotated["Venue", strawberry.lazy("schema.types.organisations")]
TeamRef = Annotated["VolunteerTeam", strawberry.lazy("schema.types.organisations")]
SocialOrganisationRef = Annotated["SocialOrganisation", strawberry.lazy("schema.types.organisations")]
PropertyCompanyRef = Annotated["PropertyCompany", strawberry.lazy("schema.types.organisations")]
OwnersCommitteeRef = Annotated["OwnersCommittee", strawberry.lazy("schema.types.organisations")]
PartyBranchRef = Annotated["PartyBranch", strawberry.lazy("schema.types.organisations")]
ServiceLinkRef = Annotated["ServiceLink", strawberry.lazy("schema.types.service_links")]
ServicePostRef = Annotated["ServicePost", strawberry.lazy("schema.types.posts")]
PartyChainLevelRef = Annotated["PartyChainLevel", strawberry.lazy("schema.types.practice")]
CommunityWorkerRef = Annotated["CommunityWorker", strawberry.lazy("schema.types.practice")]
EnvironmentCommitteeRef = Annotated["EnvironmentCommittee", strawberry.lazy("schema.types.practice")]


@strawberry.interface(
    description="A place in the area hierarchy (区域): district, street, community, grid, compound, building."
)
class Area:
    id: strawberry.ID = strawberry.field(description="The area's id (编号), stable across imports.")
    name: str = strawberry.field(description="Its name (名称), as the city writes it.")
    node: strawberry.Private[Node]


@node_type(Label.DISTRICT, description="区 (district): the top of a city's area hierarchy.")
class District(Area):
    streets: list[Street] = many(Link.STREETS_OF_DISTRICT, description="Its streets (街道).")


@node_type(Label.STREET, description="街道 (street): a street office's area, made of communities.")
class Street(Area):
    district: District = required(Link.DISTRICT_OF_STREET, description="The district (区) it is in.")
    communities: list[Community] = many(
        Link.COMMUNITIES_OF_STREET, description="Its residential communities (社区)."
    )


def _adviser_source(item: Shape | None) -> Expr:
    """An adviser is the person reached, read with the relationship's field."""
    assert item is not None
    return item


@strawberry.type(
    description="顾问 (adviser): someone advising a community in a field: LEGAL, HEALTH or SAFETY."
)
class Adviser:
    field: str = strawberry.field(
        description="The field advised on (领域): LEGAL, HEALTH or SAFETY.",
        metadata=sourced(lambda _: RelProp("field")),
    )
    person: PersonRef = strawberry.field(description="The adviser (顾问).", metadata=sourced(_adviser_source))


async def _advisers(root: Any, info: Info) -> list[Adviser]:
    found = await info.context.dataloaders.neighbours.load((Link.ADVISERS_OF_COMMUNITY, root.id))
    return [Adviser(field=str(n.link.get("field")), person=wrap(n.node)) for n in found]


def _advisers_source(item: Shape | None) -> Expr:
    assert item is not None
    return Follow(Link.ADVISERS_OF_COMMUNITY, item)


async def _workers(
    root: Any,
    info: Info,
    include_ended: Annotated[
        bool, strawberry.argument(description="Also workers whose time here has ended (含已离任).")
    ] = False,
) -> list[Any]:
    from schema.types.practice import community_workers  # the practice's types build on these

    return await community_workers(info, root.id, include_ended)


async def _committee(root: Any, info: Info) -> Any:
    from schema.types.practice import community_committee

    return await community_committee(info, root.id)


async def _party_chain(root: Any, info: Info) -> list[Any]:
    from schema.types.practice import party_chain

    return await party_chain(info, root.id)


async def _posts(root: Any, info: Info) -> list[Any]:
    from schema.types.posts import ServicePost  # the service platform's types build on these

    found = await service.posts_of_community(info.context.graph, root.id, today=info.context.today)
    return [ServicePost(record=post) for post in found]


@node_type(
    Label.COMMUNITY,
    description="社区 (community): a residential community with its secretary, commissioner, advisers and teams.",
)
class Community(Area):
    population: int | None = strawberry.field(description="Residents (常住人口), as recorded.")
    street: Street = required(Link.STREET_OF_COMMUNITY, description="The street (街道) it belongs to.")
    grids: list[Grid] = many(Link.GRIDS_OF_COMMUNITY, description="Its grids (网格).")
    compounds: list[Compound] = many(Link.COMPOUNDS_OF_COMMUNITY, description="Its compounds (小区).")
    secretaries: list[PersonRef] = many(
        Link.SECRETARIES_OF_COMMUNITY, description="社区党组织书记 (community party secretary), normally one."
    )
    commissioners: list[PersonRef] = many(
        Link.COMMISSIONERS_OF_COMMUNITY,
        description="党建专员 (party-building commissioners) sent by paired units.",
    )
    advisers: list[Adviser] = strawberry.field(
        resolver=_advisers,
        description='Advisers (顾问, "1+1+N") by field.',
        metadata=sourced(_advisers_source),
    )
    paired_units: list[UnitRef] = many(
        Link.PAIRED_UNITS_OF_COMMUNITY, description="Units currently paired with this community (包联单位)."
    )
    volunteer_teams: list[TeamRef] = many(
        Link.TEAMS_OF_COMMUNITY, description='Volunteer teams (志愿服务队, the six of "136").'
    )
    social_organisations: list[SocialOrganisationRef] = many(
        Link.SOCIAL_ORGANISATIONS_OF_COMMUNITY, description="Social organisations (社会组织) active here."
    )
    venues: list[VenueRef] = many(Link.VENUES_OF_AREA, description="Service venues (服务阵地) here.")
    reported_members: list[PersonRef] = many(
        Link.REPORTED_MEMBERS_OF_COMMUNITY,
        description="Party members reporting to this community where they live (双报到党员).",
    )
    posts: list[ServicePostRef] = strawberry.field(
        resolver=_posts,
        description="Posts (岗位) it publishes for party members to claim (认岗), with who holds each.",
    )
    workers: list[CommunityWorkerRef] = strawberry.field(
        resolver=_workers,
        description="Full-time community workers (社区专职工作者) and cadres sent down (下沉干部), with their dates.",
    )
    committee: EnvironmentCommitteeRef | None = strawberry.field(
        resolver=_committee,
        description="Its environment and property management committee (环境和物业管理委员会), if any.",
    )
    residents: Connection[PersonRef] = strawberry.field(
        resolver=residents_page,
        description="Its residents (社区居民), a page at a time, by name: those whose personal data the caller "
        "may see (where someone lives is personal data), counted among them.",
    )
    paired_unit_links: list[Linked[UnitRef]] = relationships(
        Link.PAIRED_UNITS_OF_COMMUNITY,
        description="Pairings with units (包联) with their dates: current, or all.",
    )
    secretary_links: list[Linked[PersonRef]] = relationships(
        Link.SECRETARIES_OF_COMMUNITY, description="Secretaries (书记) with their dates: current, or all."
    )
    commissioner_links: list[Linked[PersonRef]] = relationships(
        Link.COMMISSIONERS_OF_COMMUNITY,
        description="Commissioners (党建专员) with their dates: current, or all.",
    )
    adviser_links: list[Linked[PersonRef]] = relationships(
        Link.ADVISERS_OF_COMMUNITY, description="Advisers (顾问) with their field and dates: current, or all."
    )


@node_type(Label.GRID, description="网格 (grid): a grid of buildings inside a community, with its leader.")
class Grid(Area):
    community: Community = required(Link.COMMUNITY_OF_GRID, description="The community (社区) it is in.")
    buildings: list[Building] = many(Link.BUILDINGS_OF_GRID, description="Its buildings (楼栋).")


@node_type(
    Label.COMPOUND,
    description="小区 (compound): a residential estate, run by a property company, its owners or a custodian.",
)
class Compound(Area):
    community: Community = required(Link.COMMUNITY_OF_COMPOUND, description="The community (社区) it is in.")
    buildings: list[Building] = many(Link.BUILDINGS_OF_COMPOUND, description="Its buildings (楼栋).")
    property_companies: list[PropertyCompanyRef] = many(
        Link.MANAGERS_OF_COMPOUND, description="Property companies (物业服务企业) managing it now."
    )
    owners_committees: list[OwnersCommitteeRef] = many(
        Link.COMMITTEES_OF_COMPOUND,
        description="Its owners' committee (业委会) or self-management committee.",
    )
    party_branches: list[PartyBranchRef] = many(
        Link.BRANCHES_OF_AREA, description="Party branches (小区党支部) organising it."
    )
    manager_links: list[Linked[PropertyCompanyRef]] = relationships(
        Link.MANAGERS_OF_COMPOUND,
        description="Property companies' management (物业服务) with dates: current, or all.",
    )
    custodians: list[Area] = many(
        Link.CUSTODIANS_OF_COMPOUND,
        description="The street or community running it itself (兜底托管), if any.",
    )
    venues: list[VenueRef] = many(Link.VENUES_OF_AREA, description="Service venues (服务阵地) here.")


async def _served_by(root: Any, info: Info) -> list[Any]:
    from schema.types.service_links import ServiceLink

    links = await info.context.dataloaders.service_links.load(root.id)
    return [ServiceLink.from_record(link) for link in links]


def _served_by_source(item: Shape | None) -> Expr:
    assert item is not None and len(item.variants) == 1
    return ServedBy(item.variants[0].fields)


@node_type(
    Label.BUILDING, description="楼栋 (building): a building, its residents, and everyone who serves it."
)
class Building(Area):
    households: int | None = strawberry.field(description="Households (户数) in it.")
    grid: Grid = required(Link.GRID_OF_BUILDING, description="The grid (网格) it is in.")
    compound: Compound | None = optional(
        Link.COMPOUND_OF_BUILDING, description="Its compound (小区), if any."
    )
    residents: list[PersonRef] = many(
        Link.RESIDENTS_OF_BUILDING,
        visible_only=True,
        description="Residents (住户) living here whose personal data the caller may see; where someone lives is "
        "personal data, so the others are left out.",
    )
    grid_links: list[Linked[Grid]] = relationships(
        Link.GRID_OF_BUILDING,
        description="The grids it has been filed under (所属网格), with dates: current, or all.",
    )
    party_chain: list[PartyChainLevelRef] = strawberry.field(
        resolver=_party_chain,
        description="The five-level party organisation above it (街道党工委 - 社区党组织 - 网格党支部 - 楼栋党小组 - 党员中心户), highest first, with the people at each.",
    )
    served_by: list[ServiceLinkRef] = strawberry.field(
        resolver=_served_by,
        description="谁在服务这栋楼: every current responsibility for this building, level by level.",
        metadata=sourced(_served_by_source),
    )
