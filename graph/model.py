"""The closed vocabulary of the graph: labels, relationship types and which nodes each may join.

Cypher statements take labels and types only from these enums, never from a request or a file.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

# The cities' own clock, China Standard Time (no daylight saving): a relationship whose `until` is
# today counts until midnight there, and a date-time without an offset is read in it.
CITY_TIMEZONE = timezone(timedelta(hours=8))


def city_today() -> date:
    return datetime.now(CITY_TIMEZONE).date()


# Every domain node also carries this label: one uniqueness constraint on it keeps ids unique across
# the whole graph, whatever the label, and lets a lookup by id use one index.
ENTITY = "Entity"


class Label(StrEnum):
    DISTRICT = "District"
    STREET = "Street"
    COMMUNITY = "Community"
    GRID = "Grid"
    COMPOUND = "Compound"
    BUILDING = "Building"
    UNIT = "Unit"
    PROPERTY_COMPANY = "PropertyCompany"
    OWNERS_COMMITTEE = "OwnersCommittee"
    PARTY_BRANCH = "PartyBranch"
    SOCIAL_ORGANISATION = "SocialOrganisation"
    VOLUNTEER_TEAM = "VolunteerTeam"
    VENUE = "Venue"
    RESOURCE = "Resource"
    PERSON = "Person"
    SERVICE_REQUEST = "ServiceRequest"


class Rel(StrEnum):
    IN = "IN"
    PART_OF = "PART_OF"
    PAIRED_WITH = "PAIRED_WITH"
    MANAGES = "MANAGES"
    REPRESENTS = "REPRESENTS"
    ORGANISES = "ORGANISES"
    ACTIVE_IN = "ACTIVE_IN"
    SERVES = "SERVES"
    LOCATED_IN = "LOCATED_IN"
    PROVIDES = "PROVIDES"
    FOR = "FOR"
    CUSTODIAN_OF = "CUSTODIAN_OF"
    MEMBER_OF = "MEMBER_OF"
    LIVES_IN = "LIVES_IN"
    REPORTED_TO = "REPORTED_TO"
    SECRETARY_OF = "SECRETARY_OF"
    COMMISSIONER_OF = "COMMISSIONER_OF"
    ADVISES = "ADVISES"
    LEADS = "LEADS"
    VOLUNTEERS_FOR = "VOLUNTEERS_FOR"
    PROPERTY_STAFF_FOR = "PROPERTY_STAFF_FOR"
    HELPS = "HELPS"
    RAISED_IN = "RAISED_IN"
    RAISED_BY = "RAISED_BY"
    DISPATCHED_TO = "DISPATCHED_TO"
    ACCEPTED_BY = "ACCEPTED_BY"
    CONCERNS = "CONCERNS"


AREA_LABELS = frozenset(
    {Label.DISTRICT, Label.STREET, Label.COMMUNITY, Label.GRID, Label.COMPOUND, Label.BUILDING}
)
ORGANISATION_LABELS = frozenset(
    {
        Label.UNIT,
        Label.PROPERTY_COMPANY,
        Label.OWNERS_COMMITTEE,
        Label.PARTY_BRANCH,
        Label.SOCIAL_ORGANISATION,
        Label.VOLUNTEER_TEAM,
    }
)

L = Label


def _pairs(sources: set[Label], targets: set[Label]) -> frozenset[tuple[Label, Label]]:
    return frozenset((s, t) for s in sources for t in targets)


# Which (from, to) labels each relationship type may join (DOMAIN.md).
ENDPOINTS: dict[Rel, frozenset[tuple[Label, Label]]] = {
    Rel.IN: frozenset(
        {
            (L.STREET, L.DISTRICT),
            (L.COMMUNITY, L.STREET),
            (L.GRID, L.COMMUNITY),
            (L.BUILDING, L.GRID),
            (L.COMPOUND, L.COMMUNITY),
        }
    ),
    Rel.PART_OF: _pairs({L.BUILDING}, {L.COMPOUND}),
    Rel.PAIRED_WITH: _pairs({L.UNIT}, {L.COMMUNITY}),
    Rel.MANAGES: _pairs({L.PROPERTY_COMPANY}, {L.COMPOUND}),
    Rel.REPRESENTS: _pairs({L.OWNERS_COMMITTEE}, {L.COMPOUND}),
    Rel.ORGANISES: _pairs({L.PARTY_BRANCH}, {L.COMPOUND, L.GRID, L.PROPERTY_COMPANY}),
    Rel.ACTIVE_IN: _pairs({L.SOCIAL_ORGANISATION}, {L.COMMUNITY}),
    Rel.SERVES: _pairs({L.VOLUNTEER_TEAM}, {L.COMMUNITY}),
    Rel.LOCATED_IN: _pairs({L.VENUE}, {L.COMMUNITY, L.COMPOUND}),
    Rel.PROVIDES: _pairs({L.UNIT, L.SOCIAL_ORGANISATION, L.PROPERTY_COMPANY}, {L.RESOURCE}),
    Rel.FOR: _pairs({L.RESOURCE}, {L.COMMUNITY}),
    Rel.CUSTODIAN_OF: _pairs({L.STREET, L.COMMUNITY}, {L.COMPOUND}),
    Rel.MEMBER_OF: _pairs({L.PERSON}, {L.UNIT, L.PROPERTY_COMPANY, L.SOCIAL_ORGANISATION, L.VOLUNTEER_TEAM}),
    Rel.LIVES_IN: _pairs({L.PERSON}, {L.BUILDING}),
    Rel.REPORTED_TO: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.SECRETARY_OF: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.COMMISSIONER_OF: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.ADVISES: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.LEADS: _pairs({L.PERSON}, {L.GRID, L.BUILDING}),
    Rel.VOLUNTEERS_FOR: _pairs({L.PERSON}, {L.BUILDING}),
    Rel.PROPERTY_STAFF_FOR: _pairs({L.PERSON}, {L.BUILDING}),
    Rel.HELPS: _pairs({L.PERSON}, {L.PERSON}),
    Rel.RAISED_IN: _pairs({L.SERVICE_REQUEST}, {L.BUILDING, L.COMMUNITY, L.STREET}),
    Rel.RAISED_BY: _pairs({L.SERVICE_REQUEST}, {L.PERSON}),
    Rel.DISPATCHED_TO: _pairs({L.SERVICE_REQUEST}, {L.UNIT}),
    Rel.ACCEPTED_BY: _pairs({L.SERVICE_REQUEST}, {L.PERSON}),
    Rel.CONCERNS: _pairs({L.SERVICE_REQUEST}, {L.PROPERTY_COMPANY}),
}

# Relationship properties that, with the two ends, identify one relationship: a person may advise
# one community in two fields. Every other type holds one relationship per pair of nodes.
REL_KEYS: dict[Rel, tuple[str, ...]] = {Rel.ADVISES: ("field",)}

# Each area below the district sits in exactly one parent area (DOMAIN.md hierarchy).
PARENT_OF: dict[Label, frozenset[Label]] = {
    L.STREET: frozenset({L.DISTRICT}),
    L.COMMUNITY: frozenset({L.STREET}),
    L.GRID: frozenset({L.COMMUNITY}),
    L.BUILDING: frozenset({L.GRID}),
    L.COMPOUND: frozenset({L.COMMUNITY}),
}

# Closed and open code lists of DOMAIN.md. Skills and needs are open lists "with these at least":
# a bundle may use only these until the policy file names more.
SKILLS = frozenset(
    {
        "LEGAL",
        "MEDICAL",
        "SAFETY",
        "ELDERLY_CARE",
        "PSYCHOLOGICAL",
        "POLICY",
        "FAMILY_EDUCATION",
        "CULTURE_SPORTS",
        "REPAIR",
    }
)
NEEDS = frozenset(
    {"ELDERLY_ALONE", "LOST_ONLY_CHILD", "LOW_INCOME", "DISABLED", "LEFT_BEHIND_CHILD", "SERIOUS_ILLNESS"}
)
TEAM_KINDS = frozenset(
    {"NEIGHBOUR_AID", "POLICY_OUTREACH", "HEALTH_CARE", "FAMILY_EDUCATION", "SAFETY", "CULTURE_SPORTS"}
)
ADVISER_FIELDS = frozenset({"LEGAL", "HEALTH", "SAFETY"})
RESOURCE_KINDS = frozenset({"FUNDS", "MATERIALS", "SERVICE"})
REQUEST_KINDS = frozenset({"MICRO_WISH", "SERVICE", "WHISTLE", "COMPLAINT"})
REQUEST_STATUSES = frozenset({"OPEN", "DISPATCHED", "ACCEPTED", "DONE", "CLOSED", "CANCELLED"})
