"""Typed rows of a bundle: one model per label and per relationship type, with the bundle's formats.

Pure: no database. A cell is text; these models turn it into the value stored, or say exactly what is
wrong with it (`expected a whole number, got "abc"`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from graph.model import (
    ADVISER_FIELDS,
    CITY_TIMEZONE,
    FINDING_STATUSES,
    MOVES,
    NEEDS,
    REQUEST_KINDS,
    REQUEST_STATUSES,
    RESOURCE_KINDS,
    SKILLS,
    TASK_STATUSES,
    TEAM_KINDS,
    TRAINING_TOPICS,
    Label,
    Rel,
)

LIST_SEPARATOR = ";"


def _fail(message: str) -> PydanticCustomError:
    return PydanticCustomError("bundle_value", message)


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"-?\d+", value):
            raise _fail(f'expected a whole number (plain digits), got "{value}"')
        return int(value)
    return value


def _number(value: Any) -> Any:
    if isinstance(value, str):
        if not re.fullmatch(r"-?\d+(\.\d+)?", value):
            raise _fail(f'expected a number (digits, optionally a decimal point), got "{value}"')
        return float(value)
    return value


def _boolean(value: Any) -> Any:
    if isinstance(value, str):
        if value not in ("true", "false"):
            raise _fail(f'expected true or false, got "{value}"')
        return value == "true"
    return value


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail(f'expected an ISO 8601 date such as 2026-01-31, got "{value}"') from None
    return value


def _datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _fail(
                f'expected an ISO 8601 date-time such as 2026-01-31T09:30:00+08:00, got "{value}"'
            ) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=CITY_TIMEZONE)
    return value


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def _one_of(known: Collection[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in known:
            raise _fail(f'unknown {what} "{value}"; known: {", ".join(sorted(known))}')
        return value

    return check


def _all_of(known: Collection[str], what: str) -> Callable[[list[str]], list[str]]:
    check = _one_of(known, what)

    def check_all(values: list[str]) -> list[str]:
        return [check(value) for value in values]

    return check_all


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Number = Annotated[float, BeforeValidator(_number)]
Boolean = Annotated[bool, BeforeValidator(_boolean)]
Day = Annotated[date, BeforeValidator(_date)]
Moment = Annotated[datetime, BeforeValidator(_datetime)]
Id = Annotated[str, Field(min_length=1)]
Skills = Annotated[list[str], BeforeValidator(_split), AfterValidator(_all_of(SKILLS, "skill code"))]
Needs = Annotated[list[str], BeforeValidator(_split), AfterValidator(_all_of(NEEDS, "need code"))]
TeamKind = Annotated[str, AfterValidator(_one_of(TEAM_KINDS, "volunteer team kind"))]
ResourceKind = Annotated[str, AfterValidator(_one_of(RESOURCE_KINDS, "resource kind"))]
RequestKind = Annotated[str, AfterValidator(_one_of(REQUEST_KINDS, "request kind"))]
RequestStatus = Annotated[str, AfterValidator(_one_of(REQUEST_STATUSES, "request status"))]
AdviserField = Annotated[str, AfterValidator(_one_of(ADVISER_FIELDS, "adviser field"))]
TrainingTopic = Annotated[str, AfterValidator(_one_of(TRAINING_TOPICS, "training topic"))]


class Row(BaseModel):
    """A validated row; empty cells arrive as None and mean "no value"."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class NodeRow(Row):
    id: Id


class NamedRow(NodeRow):
    name: Annotated[str, Field(min_length=1)]


class DistrictRow(NamedRow):
    pass


class StreetRow(NamedRow):
    pass


class CommunityRow(NamedRow):
    population: WholeNumber | None = None


class GridRow(NamedRow):
    pass


class CompoundRow(NamedRow):
    pass


class BuildingRow(NamedRow):
    households: WholeNumber | None = None


class UnitRow(NamedRow):
    kind: str | None = None


class PropertyCompanyRow(NamedRow):
    publicWelfare: Boolean | None = None


class OwnersCommitteeRow(NamedRow):
    selfManaged: Boolean | None = None


class PartyBranchRow(NamedRow):
    pass


class SocialOrganisationRow(NamedRow):
    field: str | None = None


class VolunteerTeamRow(NamedRow):
    kind: TeamKind


class VenueRow(NamedRow):
    kind: str | None = None
    areaM2: Number | None = None


class ResourceRow(NamedRow):
    kind: ResourceKind
    amount: Number | None = None
    year: WholeNumber | None = None


class PersonRow(NamedRow):
    phone: str | None = None
    partyMember: Boolean | None = None
    skills: Skills | None = None
    needs: Needs | None = None


class ServiceRequestRow(NodeRow):
    kind: RequestKind
    title: Annotated[str, Field(min_length=1)]
    status: RequestStatus
    createdAt: Moment
    dueAt: Moment | None = None
    closedAt: Moment | None = None
    satisfaction: Annotated[WholeNumber, Field(ge=1, le=5)] | None = None
    skill: Annotated[str, AfterValidator(_one_of(SKILLS, "skill code"))] | None = None


# --- The service platform's tracked work (docs/service.md) ---
Title = Annotated[str, Field(min_length=1)]


class EventRow(NodeRow):
    at: Moment
    move: Annotated[str, AfterValidator(_one_of(MOVES, "move"))]
    status: Annotated[str, AfterValidator(_one_of(REQUEST_STATUSES | FINDING_STATUSES, "status"))]
    by: str | None = None
    target: str | None = None
    note: str | None = None


class PostRow(NodeRow):
    title: Title
    skill: Annotated[str, AfterValidator(_one_of(SKILLS, "skill code"))] | None = None
    slots: Annotated[WholeNumber, Field(ge=1)]


class SupervisionGroupRow(NamedRow):
    pass


class FindingRow(NodeRow):
    title: Title
    foundAt: Moment
    dueAt: Moment
    status: Annotated[str, AfterValidator(_one_of(FINDING_STATUSES, "finding status"))]
    reply: str | None = None
    result: str | None = None


class TaskListRow(NodeRow):
    title: Title
    week: Day


class TaskItemRow(NodeRow):
    title: Title
    dueAt: Moment
    status: Annotated[str, AfterValidator(_one_of(TASK_STATUSES, "task status"))]


class LinkRow(Row):
    """A relationship row: the ids of its two ends."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1)]
    to: Annotated[str, Field(min_length=1)]


class PeriodRow(LinkRow):
    since: Day | None = None
    until: Day | None = None


class MemberOfRow(LinkRow):
    role: str | None = None


class ReportedToRow(LinkRow):
    since: Day | None = None


class AdvisesRow(LinkRow):
    field: AdviserField


class DispatchedToRow(LinkRow):
    at: Moment | None = None
    reportedAt: Moment | None = None
    reportedBy: str | None = None


class ClaimedRow(LinkRow):
    since: Day  # with the two ends, it names one claim: a person may hold a post again later
    until: Day | None = None


# --- The practice's pieces: party organisation, committees, community workers, training ----------


class PartyCommitteeRow(NamedRow):
    """街道党工委 or 社区党组织: the party committee of a street or a community."""


class PartyGroupRow(NamedRow):
    """楼栋党小组: the party group of a building."""


class EnvironmentCommitteeRow(NamedRow):
    """环境和物业管理委员会 of a community."""

    established: Day | None = None


class CourseRow(NamedRow):
    """A course of ordered training (点单式培训) on one topic."""

    topic: TrainingTopic
    hours: Number | None = None


class TrainingSessionRow(NamedRow):
    """One session of a course, ordered by a community (点单), held on a day."""

    date: Day
    hours: Number | None = None


class WorksInRow(PeriodRow):
    """社区专职工作者: a full-time community worker, their post and dates."""

    post: str | None = None


class AttendedRow(LinkRow):
    """A person attended a training session, with the assessment score (0-100) if any."""

    score: Annotated[Number, Field(ge=0, le=100)] | None = None


NODE_ROWS: dict[Label, type[NodeRow]] = {
    Label.DISTRICT: DistrictRow,
    Label.STREET: StreetRow,
    Label.COMMUNITY: CommunityRow,
    Label.GRID: GridRow,
    Label.COMPOUND: CompoundRow,
    Label.BUILDING: BuildingRow,
    Label.UNIT: UnitRow,
    Label.PROPERTY_COMPANY: PropertyCompanyRow,
    Label.OWNERS_COMMITTEE: OwnersCommitteeRow,
    Label.PARTY_BRANCH: PartyBranchRow,
    Label.SOCIAL_ORGANISATION: SocialOrganisationRow,
    Label.VOLUNTEER_TEAM: VolunteerTeamRow,
    Label.VENUE: VenueRow,
    Label.RESOURCE: ResourceRow,
    Label.PERSON: PersonRow,
    Label.SERVICE_REQUEST: ServiceRequestRow,
    Label.PARTY_COMMITTEE: PartyCommitteeRow,
    Label.PARTY_GROUP: PartyGroupRow,
    Label.ENVIRONMENT_COMMITTEE: EnvironmentCommitteeRow,
    Label.COURSE: CourseRow,
    Label.TRAINING_SESSION: TrainingSessionRow,
    Label.EVENT: EventRow,
    Label.POST: PostRow,
    Label.SUPERVISION_GROUP: SupervisionGroupRow,
    Label.FINDING: FindingRow,
    Label.TASK_LIST: TaskListRow,
    Label.TASK_ITEM: TaskItemRow,
}
REL_ROWS: dict[Rel, type[LinkRow]] = {
    **{rel: LinkRow for rel in Rel},
    Rel.PAIRED_WITH: PeriodRow,
    Rel.MANAGES: PeriodRow,
    Rel.HELPS: PeriodRow,
    Rel.MEMBER_OF: MemberOfRow,
    Rel.REPORTED_TO: ReportedToRow,
    Rel.ADVISES: AdvisesRow,
    Rel.WORKS_IN: WorksInRow,
    Rel.SENT_TO: PeriodRow,
    Rel.CENTRAL_HOUSEHOLD_OF: PeriodRow,
    Rel.ATTENDED: AttendedRow,
    Rel.DISPATCHED_TO: DispatchedToRow,
    Rel.CLAIMED: ClaimedRow,
}


def columns(model: type[Row]) -> list[str]:
    """The columns a file of this model may have, as written in its header."""
    return [info.alias or name for name, info in model.model_fields.items()]


def required_columns(model: type[Row]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items() if info.is_required()]
