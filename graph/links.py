"""The ways from a node to its neighbours, and which relationship gives which service role: as data.

Every traversal the API makes is a `Link` here; the Cypher patterns are derived from it in
`graph.statements`, and the GraphQL fields name a `Link` instead of repeating its pattern.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from graph.model import Label, Rel

L = Label


class Direction(StrEnum):
    OUT = "OUT"  # (source)-[r]->(target)
    IN = "IN"  # (source)<-[r]-(target)


@dataclass(frozen=True)
class Step:
    """One relationship followed from a node of `source` (any label when None) to one of `target`."""

    source: Label | None
    rel: Rel
    direction: Direction
    target: Label | None


def _out(source: Label | None, rel: Rel, target: Label | None) -> Step:
    return Step(source, rel, Direction.OUT, target)


def _in(source: Label | None, rel: Rel, target: Label | None) -> Step:
    return Step(source, rel, Direction.IN, target)


class Link(Enum):
    """A way from a node to its neighbours; only current relationships are followed."""

    STREETS_OF_DISTRICT = _in(L.DISTRICT, Rel.IN, L.STREET)
    DISTRICT_OF_STREET = _out(L.STREET, Rel.IN, L.DISTRICT)
    COMMUNITIES_OF_STREET = _in(L.STREET, Rel.IN, L.COMMUNITY)
    STREET_OF_COMMUNITY = _out(L.COMMUNITY, Rel.IN, L.STREET)
    GRIDS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.IN, L.GRID)
    COMPOUNDS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.IN, L.COMPOUND)
    COMMUNITY_OF_GRID = _out(L.GRID, Rel.IN, L.COMMUNITY)
    COMMUNITY_OF_COMPOUND = _out(L.COMPOUND, Rel.IN, L.COMMUNITY)
    BUILDINGS_OF_GRID = _in(L.GRID, Rel.IN, L.BUILDING)
    BUILDINGS_OF_COMPOUND = _in(L.COMPOUND, Rel.PART_OF, L.BUILDING)
    GRID_OF_BUILDING = _out(L.BUILDING, Rel.IN, L.GRID)
    COMPOUND_OF_BUILDING = _out(L.BUILDING, Rel.PART_OF, L.COMPOUND)
    RESIDENTS_OF_BUILDING = _in(L.BUILDING, Rel.LIVES_IN, L.PERSON)
    HOME_OF_PERSON = _out(L.PERSON, Rel.LIVES_IN, L.BUILDING)
    ORGANISATIONS_OF_PERSON = _out(L.PERSON, Rel.MEMBER_OF, None)
    MEMBERS_OF_ORGANISATION = _in(None, Rel.MEMBER_OF, L.PERSON)
    HELPERS_OF_PERSON = _in(L.PERSON, Rel.HELPS, L.PERSON)
    HELPED_BY_PERSON = _out(L.PERSON, Rel.HELPS, L.PERSON)
    PAIRED_UNITS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.PAIRED_WITH, L.UNIT)
    PAIRED_COMMUNITIES_OF_UNIT = _out(L.UNIT, Rel.PAIRED_WITH, L.COMMUNITY)
    SECRETARIES_OF_COMMUNITY = _in(L.COMMUNITY, Rel.SECRETARY_OF, L.PERSON)
    COMMISSIONERS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.COMMISSIONER_OF, L.PERSON)
    ADVISERS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.ADVISES, L.PERSON)
    TEAMS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.SERVES, L.VOLUNTEER_TEAM)
    SOCIAL_ORGANISATIONS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.ACTIVE_IN, L.SOCIAL_ORGANISATION)
    VENUES_OF_AREA = _in(None, Rel.LOCATED_IN, L.VENUE)
    MANAGERS_OF_COMPOUND = _in(L.COMPOUND, Rel.MANAGES, L.PROPERTY_COMPANY)
    COMPOUNDS_MANAGED_BY = _out(L.PROPERTY_COMPANY, Rel.MANAGES, L.COMPOUND)
    COMMITTEES_OF_COMPOUND = _in(L.COMPOUND, Rel.REPRESENTS, L.OWNERS_COMMITTEE)
    BRANCHES_OF_AREA = _in(None, Rel.ORGANISES, L.PARTY_BRANCH)
    ORGANISED_BY_BRANCH = _out(L.PARTY_BRANCH, Rel.ORGANISES, None)
    CUSTODIANS_OF_COMPOUND = _in(L.COMPOUND, Rel.CUSTODIAN_OF, None)
    REPORTED_TO_OF_PERSON = _out(L.PERSON, Rel.REPORTED_TO, L.COMMUNITY)
    REPORTED_MEMBERS_OF_COMMUNITY = _in(L.COMMUNITY, Rel.REPORTED_TO, L.PERSON)

    @property
    def step(self) -> Step:
        step: Step = self.value
        return step


# --- Who serves a building ----------------------------------------------------------------------


class Level(StrEnum):
    """The area through which a responsibility reaches a building, nearest first."""

    BUILDING = "BUILDING"
    COMPOUND = "COMPOUND"
    GRID = "GRID"
    COMMUNITY = "COMMUNITY"
    STREET = "STREET"


class ServiceRole(StrEnum):
    """What a person, organisation or venue does for a building (not the viewer's role)."""

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
    CENTRAL_HOUSEHOLD = "CENTRAL_HOUSEHOLD"  # 党员中心户: a party member's household serving its building


class FieldFrom(StrEnum):
    """Where a service link's `field` comes from, where it has one."""

    RELATIONSHIP = "RELATIONSHIP"  # the relationship's own `field` (an adviser's LEGAL, HEALTH, SAFETY)
    HOLDER_KIND = "HOLDER_KIND"  # the holder's `kind` (a volunteer team's kind)


@dataclass(frozen=True)
class ServiceRule:
    """A current relationship of type `rel` into the area at `level` gives its holder `role`."""

    level: Level
    rel: Rel
    role: ServiceRole
    field: FieldFrom | None = None


# Ordered as answers list them: by level, then by role as ServiceRole orders them.
SERVICE_RULES: tuple[ServiceRule, ...] = (
    ServiceRule(Level.BUILDING, Rel.LEADS, ServiceRole.BUILDING_LEADER),
    ServiceRule(Level.BUILDING, Rel.VOLUNTEERS_FOR, ServiceRole.BUILDING_VOLUNTEER),
    ServiceRule(Level.BUILDING, Rel.PROPERTY_STAFF_FOR, ServiceRole.PROPERTY_STAFF),
    ServiceRule(Level.BUILDING, Rel.CENTRAL_HOUSEHOLD_OF, ServiceRole.CENTRAL_HOUSEHOLD),
    ServiceRule(Level.COMPOUND, Rel.MANAGES, ServiceRole.PROPERTY_COMPANY),
    ServiceRule(Level.COMPOUND, Rel.REPRESENTS, ServiceRole.OWNERS_COMMITTEE),
    ServiceRule(Level.COMPOUND, Rel.ORGANISES, ServiceRole.PARTY_BRANCH),
    ServiceRule(Level.COMPOUND, Rel.CUSTODIAN_OF, ServiceRole.CUSTODIAN),
    ServiceRule(Level.COMPOUND, Rel.LOCATED_IN, ServiceRole.VENUE),
    ServiceRule(Level.GRID, Rel.LEADS, ServiceRole.GRID_LEADER),
    ServiceRule(Level.GRID, Rel.ORGANISES, ServiceRole.PARTY_BRANCH),
    ServiceRule(Level.COMMUNITY, Rel.SECRETARY_OF, ServiceRole.COMMUNITY_SECRETARY),
    ServiceRule(Level.COMMUNITY, Rel.COMMISSIONER_OF, ServiceRole.COMMISSIONER),
    ServiceRule(Level.COMMUNITY, Rel.ADVISES, ServiceRole.ADVISER, FieldFrom.RELATIONSHIP),
    ServiceRule(Level.COMMUNITY, Rel.SERVES, ServiceRole.VOLUNTEER_TEAM, FieldFrom.HOLDER_KIND),
    ServiceRule(Level.COMMUNITY, Rel.ACTIVE_IN, ServiceRole.SOCIAL_ORGANISATION),
    ServiceRule(Level.COMMUNITY, Rel.LOCATED_IN, ServiceRole.VENUE),
    ServiceRule(Level.COMMUNITY, Rel.PAIRED_WITH, ServiceRole.PAIRED_UNIT),
)

# How each level's area is reached from a building: the steps from the building to that area.
LEVEL_PATHS: dict[Level, tuple[Step, ...]] = {
    Level.BUILDING: (),
    Level.COMPOUND: (Link.COMPOUND_OF_BUILDING.step,),
    Level.GRID: (Link.GRID_OF_BUILDING.step,),
    Level.COMMUNITY: (Link.GRID_OF_BUILDING.step, Link.COMMUNITY_OF_GRID.step),
}

# The party branch of the company that currently manages a compound serves that compound's buildings
# too (a branch that organises a property company): reached through the manager, at COMPOUND level.
BRANCH_OF_MANAGER = (Link.MANAGERS_OF_COMPOUND.step, Link.BRANCHES_OF_AREA.step)
