"""The closed vocabulary of the graph: labels, relationship types and which nodes each may join.

Cypher statements take labels and types only from these enums, never from a request or a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from typing import Any

# The cities' own clock, China Standard Time (no daylight saving): a relationship whose `until` is
# today counts until midnight there, and a date-time without an offset is read in it.
CITY_TIMEZONE = timezone(timedelta(hours=8))


def city_today() -> date:
    return datetime.now(CITY_TIMEZONE).date()


# Every domain node also carries this label: one uniqueness constraint on it keeps ids unique across
# the whole graph, whatever the label, and lets a lookup by id use one index.
ENTITY = "Entity"
# One bundle import (graph/imports.py): what it wrote stays invisible until its run is published.
IMPORT_RUN = "ImportRun"
PUBLISHED_RUN = "published"  # the state of a run whose writes every read shows
# The values one batch of a run's updates replaced, as one JSON text: what undoing the run restores.
IMPORT_UNDO = "ImportUndo"
# A stored row's fingerprint, written by imports (loaders/rowhash.py) so that the next load knows an
# unchanged row without reading it; every other write to a node or relationship removes it.
ROW_HASH = "_hash"
# The hash of the CSV line that last wrote the row whole (loaders/known.py): a next load skips a line
# it finds among these without reading its cells. Every other write removes it, as it does `_hash`.
LINE_HASH = "_line"
# A person with at least one need (`needs` not empty) also carries this label, kept by every write that
# sets a node's properties (`graph.statements.mark_in_need`): the planners find residents in need by a
# label, which Neo4j reads from the node itself, instead of walking every resident's properties for a
# `needs` most of them do not have. Derived, so never in a bundle and never a node's domain label.
IN_NEED = "InNeed"


def labels_of_person(props: Mapping[str, Any]) -> tuple[str, ...]:
    """A person's derived labels, for writers that set labels themselves (the bulk importer's files)."""
    return (IN_NEED,) if props.get("needs") else ()


# Who wrote what and when (graph/audit.py): bookkeeping, not a domain node, so never in a bundle.
AUDIT_ENTRY = "AuditEntry"
# What a domain write changed, property by property (graph/writes.py, `history(id)`): bookkeeping too.
CHANGE = "Change"


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
    # The service platform's tracked work (docs/service.md): timelines, posts, supervision.
    EVENT = "Event"
    POST = "Post"
    SUPERVISION_GROUP = "SupervisionGroup"
    FINDING = "Finding"
    TASK_LIST = "TaskList"
    TASK_ITEM = "TaskItem"
    # The practice's own pieces (docs/domain.md): the party organisation's upper and lower levels,
    # the community's environment and property committee, and ordered training (点单式培训).
    PARTY_COMMITTEE = "PartyCommittee"
    PARTY_GROUP = "PartyGroup"
    ENVIRONMENT_COMMITTEE = "EnvironmentCommittee"
    COURSE = "Course"
    TRAINING_SESSION = "TrainingSession"


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
    HAD = "HAD"
    POSTED_IN = "POSTED_IN"
    CLAIMED = "CLAIMED"
    FOUND = "FOUND"
    FOUND_IN = "FOUND_IN"
    ASSIGNED_TO = "ASSIGNED_TO"
    ISSUED = "ISSUED"
    LISTS = "LISTS"
    CENTRAL_HOUSEHOLD_OF = "CENTRAL_HOUSEHOLD_OF"
    OVERSEES = "OVERSEES"
    WORKS_IN = "WORKS_IN"
    SENT_TO = "SENT_TO"
    OFFERS = "OFFERS"
    TEACHES = "TEACHES"
    OF_COURSE = "OF_COURSE"
    ORDERED_BY = "ORDERED_BY"
    TAUGHT_BY = "TAUGHT_BY"
    ATTENDED = "ATTENDED"


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
        Label.PARTY_COMMITTEE,
        Label.PARTY_GROUP,
        Label.ENVIRONMENT_COMMITTEE,
    }
)

L = Label


def _pairs(sources: set[Label], targets: set[Label]) -> frozenset[tuple[Label, Label]]:
    return frozenset((s, t) for s in sources for t in targets)


# Which (from, to) labels each relationship type may join (docs/domain.md).
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
    Rel.ORGANISES: _pairs({L.PARTY_BRANCH}, {L.COMPOUND, L.GRID, L.PROPERTY_COMPANY})
    | _pairs({L.PARTY_COMMITTEE}, {L.STREET, L.COMMUNITY})
    | _pairs({L.PARTY_GROUP}, {L.BUILDING}),
    Rel.ACTIVE_IN: _pairs({L.SOCIAL_ORGANISATION}, {L.COMMUNITY}),
    Rel.SERVES: _pairs({L.VOLUNTEER_TEAM}, {L.COMMUNITY}),
    Rel.LOCATED_IN: _pairs({L.VENUE}, {L.COMMUNITY, L.COMPOUND}),
    Rel.PROVIDES: _pairs({L.UNIT, L.SOCIAL_ORGANISATION, L.PROPERTY_COMPANY}, {L.RESOURCE}),
    Rel.FOR: _pairs({L.RESOURCE}, {L.COMMUNITY}),
    Rel.CUSTODIAN_OF: _pairs({L.STREET, L.COMMUNITY}, {L.COMPOUND}),
    Rel.MEMBER_OF: _pairs(
        {L.PERSON},
        {L.UNIT, L.PROPERTY_COMPANY, L.SOCIAL_ORGANISATION, L.VOLUNTEER_TEAM, L.SUPERVISION_GROUP}
        | {L.PARTY_COMMITTEE, L.PARTY_BRANCH, L.PARTY_GROUP, L.ENVIRONMENT_COMMITTEE},
    ),
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
    Rel.HAD: _pairs({L.SERVICE_REQUEST, L.FINDING, L.TASK_ITEM}, {L.EVENT}),
    Rel.POSTED_IN: _pairs({L.POST}, {L.COMMUNITY}),
    Rel.CLAIMED: _pairs({L.PERSON}, {L.POST}),
    Rel.FOUND: _pairs({L.SUPERVISION_GROUP}, {L.FINDING}),
    Rel.FOUND_IN: _pairs({L.FINDING}, set(AREA_LABELS)),
    Rel.ASSIGNED_TO: _pairs({L.FINDING}, {L.PERSON, L.UNIT}) | _pairs({L.TASK_ITEM}, set(AREA_LABELS)),
    Rel.ISSUED: _pairs({L.SUPERVISION_GROUP}, {L.TASK_LIST}),
    Rel.LISTS: _pairs({L.TASK_LIST}, {L.TASK_ITEM}),
    # The practice's pieces (docs/domain.md).
    Rel.CENTRAL_HOUSEHOLD_OF: _pairs({L.PERSON}, {L.BUILDING}),
    Rel.OVERSEES: _pairs({L.ENVIRONMENT_COMMITTEE}, {L.COMMUNITY}),
    Rel.WORKS_IN: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.SENT_TO: _pairs({L.PERSON}, {L.COMMUNITY}),
    Rel.OFFERS: _pairs({L.UNIT, L.SOCIAL_ORGANISATION}, {L.COURSE}),
    Rel.TEACHES: _pairs({L.PERSON}, {L.COURSE}),
    Rel.OF_COURSE: _pairs({L.TRAINING_SESSION}, {L.COURSE}),
    Rel.ORDERED_BY: _pairs({L.TRAINING_SESSION}, {L.COMMUNITY}),
    Rel.TAUGHT_BY: _pairs({L.TRAINING_SESSION}, {L.PERSON}),
    Rel.ATTENDED: _pairs({L.PERSON}, {L.TRAINING_SESSION}),
}

# Relationship properties that, with the two ends, identify one relationship: a person may advise
# one community in two fields; a pairing renewed later (HELPS with another since) is a new one, not
# its old history rewritten. Every other type holds one relationship per pair of nodes.
REL_KEYS: dict[Rel, tuple[str, ...]] = {
    Rel.ADVISES: ("field",),
    Rel.CLAIMED: ("since",),
    Rel.HELPS: ("since",),
}

# Each area below the district sits in exactly one parent area (docs/domain.md, "Areas").
PARENT_OF: dict[Label, frozenset[Label]] = {
    L.STREET: frozenset({L.DISTRICT}),
    L.COMMUNITY: frozenset({L.STREET}),
    L.GRID: frozenset({L.COMMUNITY}),
    L.BUILDING: frozenset({L.GRID}),
    L.COMPOUND: frozenset({L.COMMUNITY}),
}

# Closed and open code lists of the domain (docs/domain.md). Skills and needs are open lists "with
# these at least": a bundle may use only these until the policy file names more.
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
# A supervision finding is found (OPEN), answered in public (REPLIED), then rectified (FIXED);
# a weekly task list's item is OPEN until DONE. The moves themselves live in graph/service/moves.py.
FINDING_STATUSES = frozenset({"OPEN", "REPLIED", "FIXED"})
TASK_STATUSES = frozenset({"OPEN", "DONE"})
# What an Event of a timeline records: the move that was made (docs/service.md).
MOVES = frozenset(
    {"RAISE", "DISPATCH", "ACCEPT", "COMPLETE", "CLOSE", "CANCEL", "REPORT", "RECORD", "REPLY", "FIX"}
)
# Topics of ordered training (点单式培训): 生命急救, 疾病预防, 矛盾调处, 政策理论,
# 心理疏导, 消防安全, 养老护理.
TRAINING_TOPICS = frozenset(
    {"FIRST_AID", "DISEASE_PREVENTION", "MEDIATION", "POLICY", "PSYCHOLOGICAL", "FIRE_SAFETY", "ELDERLY_CARE"}
)
