"""The GraphQL types of the graph, one module per domain: areas, people, organisations, service links.

Importing this package registers every node type (`TYPE_OF`), so that `wrap` can build the object
for a stored node of any label. Other domains (planning, requests, ...) have modules of their own here.
"""

from __future__ import annotations

from schema.types.areas import Adviser, Area, Building, Community, Compound, District, Grid, Street
from schema.types.base import TYPE_OF, Info, linked, linked_one, sees_personal_data, visible_people, wrap
from schema.types.organisations import (
    Organisation,
    OwnersCommittee,
    PartyBranch,
    PropertyCompany,
    SocialOrganisation,
    Unit,
    Venue,
    VolunteerTeam,
)
from schema.types.people import Person
from schema.types.service_links import ServiceLink

__all__ = [
    "TYPE_OF",
    "Adviser",
    "Area",
    "Building",
    "Community",
    "Compound",
    "District",
    "Grid",
    "Info",
    "Organisation",
    "OwnersCommittee",
    "PartyBranch",
    "Person",
    "PropertyCompany",
    "ServiceLink",
    "SocialOrganisation",
    "Street",
    "Unit",
    "Venue",
    "VolunteerTeam",
    "linked",
    "linked_one",
    "sees_personal_data",
    "visible_people",
    "wrap",
]
