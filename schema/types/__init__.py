"""The GraphQL types of the graph: areas, people, organisations, venues and who serves a building.

Each object wraps the stored `Node` it came from; every link to another node goes through the
request's DataLoaders, so a nested query costs one statement per nesting level and link, not per parent.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any, TypeVar

import strawberry
from strawberry.types import Info as StrawberryInfo

from graph.model import Label
from graph.reads import Level, Node, Role
from graph.reads import ServiceLink as ServiceLinkRecord
from graph.statements import Link
from schema.context import Context
from schema.errors import ErrorCode, api_error
from schema.permissions import mask_phone

Info = StrawberryInfo[Context, None]
T = TypeVar("T")

# The graph's own enums, served under the names API.md gives them.
strawberry.enum(Level, name="Level")
strawberry.enum(Role, name="ServiceRole")


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
    return [wrap(n.node) for n in await info.context.loaders.neighbours.load((link, node_id))]


async def linked_one(info: Info, link: Link, node_id: str) -> Any | None:
    found = await linked(info, link, node_id)
    return found[0] if found else None


async def required_one(info: Info, link: Link, node_id: str) -> Any:
    found = await linked_one(info, link, node_id)
    if found is None:
        source, _, target = link.value
        raise api_error(ErrorCode.NOT_FOUND, f"{source} {node_id} has no {target}: the graph is incomplete")
    return found


async def sees_personal_data(info: Info, person_id: str) -> bool:
    viewer, loaders = info.context.viewer, info.context.loaders
    areas = await loaders.areas_above.load(person_id) if viewer.needs_areas else frozenset()
    helpers = []
    if viewer.needs_helpers and viewer.subject != person_id:
        helpers = [h.node.id for h in await loaders.neighbours.load((Link.HELPERS_OF_PERSON, person_id))]
    return viewer.sees_personal_data(person_id, areas, helpers)


async def visible_people(info: Info, people: list[Person]) -> list[Person]:
    """Only the residents whose personal data the caller may see: where they live is personal data."""
    allowed = await asyncio.gather(*(sees_personal_data(info, person.id) for person in people))
    return [person for person, seen in zip(people, allowed, strict=True) if seen]


# --- Areas -------------------------------------------------------------------------------------


@strawberry.interface(
    description="A place in the area hierarchy: district, street, community, grid, compound, building."
)
class Area:
    id: strawberry.ID
    name: str
    node: strawberry.Private[Node]


@strawberry.type(description="区: the top of a city's area hierarchy.")
class District(Area):
    @strawberry.field
    async def streets(self, info: Info) -> list[Street]:
        return await linked(info, Link.STREETS_OF_DISTRICT, self.id)


@strawberry.type(description="街道: a street office's area, made of communities.")
class Street(Area):
    @strawberry.field
    async def district(self, info: Info) -> District:
        return await required_one(info, Link.DISTRICT_OF_STREET, self.id)  # type: ignore[no-any-return]

    @strawberry.field
    async def communities(self, info: Info) -> list[Community]:
        return await linked(info, Link.COMMUNITIES_OF_STREET, self.id)


@strawberry.type(description="Someone advising a community in a field: LEGAL, HEALTH or SAFETY.")
class Adviser:
    field: str
    person: Person


@strawberry.type(
    description="社区: a residential community with its secretary, commissioner, advisers and teams."
)
class Community(Area):
    population: int | None

    @strawberry.field
    async def street(self, info: Info) -> Street:
        return await required_one(info, Link.STREET_OF_COMMUNITY, self.id)  # type: ignore[no-any-return]

    @strawberry.field
    async def grids(self, info: Info) -> list[Grid]:
        return await linked(info, Link.GRIDS_OF_COMMUNITY, self.id)

    @strawberry.field
    async def compounds(self, info: Info) -> list[Compound]:
        return await linked(info, Link.COMPOUNDS_OF_COMMUNITY, self.id)

    @strawberry.field(description="社区党组织书记 (normally one).")
    async def secretaries(self, info: Info) -> list[Person]:
        return await linked(info, Link.SECRETARIES_OF_COMMUNITY, self.id)

    @strawberry.field(description="党建专员 sent by paired units.")
    async def commissioners(self, info: Info) -> list[Person]:
        return await linked(info, Link.COMMISSIONERS_OF_COMMUNITY, self.id)

    @strawberry.field
    async def advisers(self, info: Info) -> list[Adviser]:
        found = await info.context.loaders.neighbours.load((Link.ADVISERS_OF_COMMUNITY, self.id))
        return [Adviser(field=str(n.link.get("field")), person=wrap(n.node)) for n in found]

    @strawberry.field(description="Units currently paired with this community (包联).")
    async def paired_units(self, info: Info) -> list[Unit]:
        return await linked(info, Link.PAIRED_UNITS_OF_COMMUNITY, self.id)

    @strawberry.field
    async def volunteer_teams(self, info: Info) -> list[VolunteerTeam]:
        return await linked(info, Link.TEAMS_OF_COMMUNITY, self.id)

    @strawberry.field
    async def social_organisations(self, info: Info) -> list[SocialOrganisation]:
        return await linked(info, Link.SOCIAL_ORGANISATIONS_OF_COMMUNITY, self.id)

    @strawberry.field
    async def venues(self, info: Info) -> list[Venue]:
        return await linked(info, Link.VENUES_OF_AREA, self.id)


@strawberry.type(description="网格: a grid of buildings inside a community, with its leader.")
class Grid(Area):
    @strawberry.field
    async def community(self, info: Info) -> Community:
        return await required_one(info, Link.COMMUNITY_OF_GRID, self.id)  # type: ignore[no-any-return]

    @strawberry.field
    async def buildings(self, info: Info) -> list[Building]:
        return await linked(info, Link.BUILDINGS_OF_GRID, self.id)


@strawberry.type(
    description="小区: a residential estate, run by a property company, its owners or a custodian."
)
class Compound(Area):
    @strawberry.field
    async def community(self, info: Info) -> Community:
        return await required_one(info, Link.COMMUNITY_OF_COMPOUND, self.id)  # type: ignore[no-any-return]

    @strawberry.field
    async def buildings(self, info: Info) -> list[Building]:
        return await linked(info, Link.BUILDINGS_OF_COMPOUND, self.id)

    @strawberry.field(description="Property companies managing it now.")
    async def property_companies(self, info: Info) -> list[PropertyCompany]:
        return await linked(info, Link.MANAGERS_OF_COMPOUND, self.id)

    @strawberry.field
    async def owners_committees(self, info: Info) -> list[OwnersCommittee]:
        return await linked(info, Link.COMMITTEES_OF_COMPOUND, self.id)

    @strawberry.field
    async def party_branches(self, info: Info) -> list[PartyBranch]:
        return await linked(info, Link.BRANCHES_OF_AREA, self.id)

    @strawberry.field(description="The street or community running it itself (兜底托管), if any.")
    async def custodians(self, info: Info) -> list[Area]:
        return await linked(info, Link.CUSTODIANS_OF_COMPOUND, self.id)

    @strawberry.field
    async def venues(self, info: Info) -> list[Venue]:
        return await linked(info, Link.VENUES_OF_AREA, self.id)


@strawberry.type(description="楼栋: a building, its residents, and everyone who serves it.")
class Building(Area):
    households: int | None

    @strawberry.field
    async def grid(self, info: Info) -> Grid:
        return await required_one(info, Link.GRID_OF_BUILDING, self.id)  # type: ignore[no-any-return]

    @strawberry.field
    async def compound(self, info: Info) -> Compound | None:
        return await linked_one(info, Link.COMPOUND_OF_BUILDING, self.id)

    @strawberry.field(
        description="People living here whose personal data the caller may see; where someone lives is "
        "personal data, so the others are left out."
    )
    async def residents(self, info: Info) -> list[Person]:
        return await visible_people(info, await linked(info, Link.RESIDENTS_OF_BUILDING, self.id))

    @strawberry.field(description="Every current responsibility for this building, level by level.")
    async def served_by(self, info: Info) -> list[ServiceLink]:
        return [
            ServiceLink.from_record(link) for link in await info.context.loaders.service_links.load(self.id)
        ]


# --- People --------------------------------------------------------------------------------------


@strawberry.type(
    description="A person: official, volunteer, staff or resident. Phone, needs and home are personal data."
)
class Person:
    id: strawberry.ID
    name: str
    party_member: bool | None
    skills: list[str] | None
    node: strawberry.Private[Node]

    @strawberry.field(
        description="Masked (138****0001) unless the caller may see this person's personal data."
    )
    async def phone(self, info: Info) -> str | None:
        phone = self.node.get("phone")
        return phone if await sees_personal_data(info, self.id) else mask_phone(phone)

    @strawberry.field(description="Need codes; null unless the caller may see this person's personal data.")
    async def needs(self, info: Info) -> list[str] | None:
        return self.node.get("needs") or [] if await sees_personal_data(info, self.id) else None

    @strawberry.field(
        description="Home building; null unless the caller may see this person's personal data."
    )
    async def lives_in(self, info: Info) -> Building | None:
        if not await sees_personal_data(info, self.id):
            return None
        return await linked_one(info, Link.HOME_OF_PERSON, self.id)

    @strawberry.field(description="Organisations this person works for or belongs to.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await linked(info, Link.ORGANISATIONS_OF_PERSON, self.id)

    @strawberry.field(
        description="Current helpers (结对帮扶) of this resident, when the caller may see them."
    )
    async def helpers(self, info: Info) -> list[Person]:
        if not await sees_personal_data(info, self.id):
            return []
        return await linked(info, Link.HELPERS_OF_PERSON, self.id)

    @strawberry.field(description="Residents this person currently helps, those the caller may see.")
    async def helping(self, info: Info) -> list[Person]:
        return await visible_people(info, await linked(info, Link.HELPED_BY_PERSON, self.id))


# --- Organisations ----------------------------------------------------------------------------------


@strawberry.interface(
    description="Any organisation: unit, property company, owners' committee, party branch, "
    "social organisation, volunteer team."
)
class Organisation:
    id: strawberry.ID
    name: str
    node: strawberry.Private[Node]

    @strawberry.field
    async def members(self, info: Info) -> list[Person]:
        return await linked(info, Link.MEMBERS_OF_ORGANISATION, self.id)


@strawberry.type(description="机关事业单位: a government unit or public institution.")
class Unit(Organisation):
    kind: str | None

    @strawberry.field(description="Communities it is currently paired with (包联).")
    async def paired_communities(self, info: Info) -> list[Community]:
        return await linked(info, Link.PAIRED_COMMUNITIES_OF_UNIT, self.id)


@strawberry.type(description="物业服务企业.")
class PropertyCompany(Organisation):
    public_welfare: bool | None

    @strawberry.field(description="Compounds it manages now.")
    async def compounds(self, info: Info) -> list[Compound]:
        return await linked(info, Link.COMPOUNDS_MANAGED_BY, self.id)


@strawberry.type(description="业委会, or 自管委员会 when self-managed.")
class OwnersCommittee(Organisation):
    self_managed: bool | None


@strawberry.type(description="A party branch of a compound, grid or company (党支部).")
class PartyBranch(Organisation):
    pass


@strawberry.type(description="社会组织.")
class SocialOrganisation(Organisation):
    field: str | None


@strawberry.type(description='One of the six volunteer teams ("136").')
class VolunteerTeam(Organisation):
    kind: str


@strawberry.type(description="A service venue: 党建+邻里中心, 政治生活馆, 活动阵地.")
class Venue:
    id: strawberry.ID
    name: str
    kind: str | None
    area_m2: float | None
    node: strawberry.Private[Node]


@strawberry.type(
    description="One responsibility for a building: who or what, in which role, through which area."
)
class ServiceLink:
    role: Role
    level: Level
    via: strawberry.ID = strawberry.field(
        description="The area through which this link reaches the building."
    )
    person: Person | None
    organisation: Organisation | None
    venue: Venue | None
    area: Area | None = strawberry.field(description="The street or community holding a compound in custody.")
    field: str | None = strawberry.field(
        description="The adviser's field or the team's kind, where it applies."
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


TYPE_OF: dict[Label, type[Any]] = {
    Label.DISTRICT: District,
    Label.STREET: Street,
    Label.COMMUNITY: Community,
    Label.GRID: Grid,
    Label.COMPOUND: Compound,
    Label.BUILDING: Building,
    Label.PERSON: Person,
    Label.UNIT: Unit,
    Label.PROPERTY_COMPANY: PropertyCompany,
    Label.OWNERS_COMMITTEE: OwnersCommittee,
    Label.PARTY_BRANCH: PartyBranch,
    Label.SOCIAL_ORGANISATION: SocialOrganisation,
    Label.VOLUNTEER_TEAM: VolunteerTeam,
    Label.VENUE: Venue,
}
