"""The standards (what a gap is), read from a TOML file a planner can change without touching code.

The file shipped beside this module holds the city's published practice; `GRIDWORK_POLICY` names
another. A file with a missing, unknown or wrong key is refused with the key and what is wrong.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph.model import ADVISER_FIELDS, NEEDS, SKILLS, TEAM_KINDS

SHIPPED_POLICY = Path(__file__).with_name("policy.toml")
POLICY_ENV = "GRIDWORK_POLICY"

Count = Annotated[int, Field(ge=0, strict=True)]
Positive = Annotated[int, Field(gt=0, strict=True)]


class GapKind(StrEnum):
    """Each requirement of the standards; a gap row names the one its subject falls short of."""

    SECRETARY = "SECRETARY"
    COMMISSIONER = "COMMISSIONER"
    ADVISER = "ADVISER"
    PAIRED_UNIT = "PAIRED_UNIT"
    SOCIAL_ORGANISATIONS = "SOCIAL_ORGANISATIONS"
    VOLUNTEER_TEAM = "VOLUNTEER_TEAM"
    VENUE = "VENUE"
    SERVICE_FUNDS = "SERVICE_FUNDS"
    MANAGER = "MANAGER"
    OWNERS_COMMITTEE = "OWNERS_COMMITTEE"
    PARTY_BRANCH = "PARTY_BRANCH"
    BUILDING_LEADER = "BUILDING_LEADER"
    BUILDING_VOLUNTEERS = "BUILDING_VOLUNTEERS"
    PROPERTY_STAFF = "PROPERTY_STAFF"
    HELPER = "HELPER"
    HELPER_LOAD = "HELPER_LOAD"
    ENVIRONMENT_COMMITTEE = "ENVIRONMENT_COMMITTEE"
    COMMUNITY_WORKERS = "COMMUNITY_WORKERS"


@dataclass(frozen=True)
class Standard:
    """One requirement as the policy sets it: who is held to it and how many are required."""

    kind: GapKind
    field: str | None
    subject: str  # COMMUNITY, COMPOUND, BUILDING, RESIDENT (in need) or HELPER
    required: int  # at least this many; for HELPER_LOAD at most
    description: str


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the file, the key and what is wrong."""


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


def _known(values: list[str] | set[str], known: frozenset[str], what: str) -> None:
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown {what} {', '.join(unknown)}; known: {', '.join(sorted(known))}")


class CommunityStandard(Section):
    secretaries: Count
    commissioners: Count
    paired_units: Count
    social_organisations: Count
    venues: Count
    advisers_per_field: Count
    teams_per_kind: Count
    team_kinds: list[str]
    service_funds: Annotated[float, Field(ge=0, strict=False)]
    adviser_fields: dict[str, str]

    @model_validator(mode="after")
    def _codes(self) -> CommunityStandard:
        _known(self.team_kinds, TEAM_KINDS, "volunteer team kind")
        _known(set(self.adviser_fields), ADVISER_FIELDS, "adviser field")
        _known(set(self.adviser_fields.values()), SKILLS, "skill")
        return self


class CompoundStandard(Section):
    managers: Count
    owners_committees: Count
    party_branches: Count


class BuildingStandard(Section):
    leaders: Count
    volunteers: Count
    property_staff: Count


class HelperStandard(Section):
    per_resident: Count
    load_limit: Positive
    skills_for_needs: dict[str, list[str]]

    @model_validator(mode="after")
    def _codes(self) -> HelperStandard:
        _known(set(self.skills_for_needs), NEEDS, "need")
        for skills in self.skills_for_needs.values():
            _known(skills, SKILLS, "skill")
        missing = sorted(NEEDS - set(self.skills_for_needs))
        if missing:
            raise ValueError(f"no skills given for need {', '.join(missing)}")
        return self


class PracticeStandard(Section):
    """The practice's own pieces held to a standard: the committee and the workers of a community."""

    environment_committees: Count
    community_workers: Count


class RequestStandard(Section):
    due_hours: Positive
    response_hours: Positive


class Policy(Section):
    community: CommunityStandard
    compound: CompoundStandard
    building: BuildingStandard
    helpers: HelperStandard
    practice: PracticeStandard
    requests: RequestStandard

    def cypher_params(self) -> dict[str, Any]:
        """The standards as one `$policy` map for the planning statements (keys as in the file)."""
        return {
            **self.community.model_dump(),
            "adviser_fields": sorted(self.community.adviser_fields),
            "adviser_skills": self.community.adviser_fields,
            **{f"compound_{k}": v for k, v in self.compound.model_dump().items()},
            **{f"building_{k}": v for k, v in self.building.model_dump().items()},
            "helpers_per_resident": self.helpers.per_resident,
            "load_limit": self.helpers.load_limit,
            "skills_for_needs": self.helpers.skills_for_needs,
            **{f"practice_{k}": v for k, v in self.practice.model_dump().items()},
        }

    def standards(self) -> list[Standard]:
        """Every requirement, in the order of the file, one per adviser field and team kind."""
        c, k, b, h = self.community, self.compound, self.building, self.helpers
        g = GapKind
        return [
            Standard(g.SECRETARY, None, "COMMUNITY", c.secretaries, "community party secretaries"),
            Standard(g.COMMISSIONER, None, "COMMUNITY", c.commissioners, "commissioners from a paired unit"),
            *(
                Standard(g.ADVISER, f, "COMMUNITY", c.advisers_per_field, f"advisers with the {skill} skill")
                for f, skill in c.adviser_fields.items()
            ),
            Standard(g.PAIRED_UNIT, None, "COMMUNITY", c.paired_units, "currently paired units"),
            Standard(
                g.SOCIAL_ORGANISATIONS, None, "COMMUNITY", c.social_organisations, "social organisations"
            ),
            *(
                Standard(
                    g.VOLUNTEER_TEAM, kind, "COMMUNITY", c.teams_per_kind, "volunteer teams of this kind"
                )
                for kind in c.team_kinds
            ),
            Standard(g.VENUE, None, "COMMUNITY", c.venues, "venues in the community or its compounds"),
            Standard(g.SERVICE_FUNDS, None, "COMMUNITY", int(c.service_funds), "yuan of FUNDS this year"),
            Standard(
                g.MANAGER, None, "COMPOUND", k.managers, "current managers: company, own committee, custodian"
            ),
            Standard(g.OWNERS_COMMITTEE, None, "COMPOUND", k.owners_committees, "owners' committees"),
            Standard(g.PARTY_BRANCH, None, "COMPOUND", k.party_branches, "party branches"),
            Standard(g.BUILDING_LEADER, None, "BUILDING", b.leaders, "building leaders"),
            Standard(g.BUILDING_VOLUNTEERS, None, "BUILDING", b.volunteers, "building volunteers"),
            Standard(g.PROPERTY_STAFF, None, "BUILDING", b.property_staff, "property staff"),
            Standard(g.HELPER, None, "RESIDENT", h.per_resident, "current helpers of a resident in need"),
            Standard(g.HELPER_LOAD, None, "HELPER", h.load_limit, "residents one helper takes, at most"),
            Standard(
                g.ENVIRONMENT_COMMITTEE,
                None,
                "COMMUNITY",
                self.practice.environment_committees,
                "environment and property management committees overseeing the community",
            ),
            Standard(
                g.COMMUNITY_WORKERS,
                None,
                "COMMUNITY",
                self.practice.community_workers,
                "full-time community workers working in the community now",
            ),
        ]

    def skills_meeting(self, needs: list[str]) -> frozenset[str]:
        """Every skill that meets at least one of these needs."""
        return frozenset(s for need in needs for s in self.helpers.skills_for_needs.get(need, ()))


def read_policy(path: Path) -> Policy:
    """The policy in a file, or PolicyError naming the file, the key and what is wrong."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PolicyError(f"policy file {path}: cannot be read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"policy file {path}: not valid TOML: {error}") from None
    try:
        return Policy.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(_problem(e) for e in error.errors())
        raise PolicyError(f"policy file {path}: {problems}") from None


def _problem(error: Any) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(top level)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "missing":
        return f"{key}: missing"
    if error["type"] == "extra_forbidden":
        return f"{key}: unknown key"
    given = error.get("input")
    if isinstance(given, str | int | float | bool):
        return f"{key}: {message} (got {given!r})"
    return f"{key}: {message}"


@cache
def policy() -> Policy:
    """The policy of this process: the file `GRIDWORK_POLICY` names, else the shipped one; read once."""
    return read_policy(Path(os.environ.get(POLICY_ENV) or SHIPPED_POLICY))
