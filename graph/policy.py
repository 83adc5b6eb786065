"""The standards (what a gap is), read from a TOML file a planner can change without touching code.

The file shipped beside this module holds the city's published practice; `GRIDWORK_POLICY` names
another. A file with a missing, unknown or wrong key is refused with the key and what is wrong.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph.model import ADVISER_FIELDS, NEEDS, SKILLS, TEAM_KINDS

SHIPPED_POLICY = Path(__file__).with_name("policy.toml")
POLICY_ENV = "GRIDWORK_POLICY"

Count = Annotated[int, Field(ge=0, strict=True)]
Positive = Annotated[int, Field(gt=0, strict=True)]


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


class RequestStandard(Section):
    due_hours: Positive
    response_hours: Positive


class Policy(Section):
    community: CommunityStandard
    compound: CompoundStandard
    building: BuildingStandard
    helpers: HelperStandard
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
        }

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
