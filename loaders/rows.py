"""Typed rows of a bundle: one model per label and per relationship type, built from the cell types of
`loaders.cells`.

Pure: no database. A cell is text; these models turn a row of them into the values stored, or say
exactly what is wrong with each (`expected a whole number, got "abc"`), and check what spans cells
(an `until` before its `since`).
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from graph.model import FINDING_STATUSES, MOVES, REQUEST_STATUSES, SKILLS, TASK_STATUSES, Label, Rel
from loaders.cells import (
    AdviserField,
    Boolean,
    Day,
    Id,
    Moment,
    Needs,
    Number,
    Phone,
    RequestKind,
    RequestStatus,
    ResourceKind,
    Skills,
    TeamKind,
    TrainingTopic,
    WholeNumber,
    fail,
    identifier,
    one_of,
)


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
    phone: Phone | None = None
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
    skill: Annotated[str, AfterValidator(one_of(SKILLS, "skill code"))] | None = None

    @model_validator(mode="after")
    def _times_in_order(self) -> Self:
        for name in ("dueAt", "closedAt"):
            moment = getattr(self, name)
            if moment is not None and moment < self.createdAt:
                raise fail(f"{name} {moment.isoformat()} is before createdAt {self.createdAt.isoformat()}")
        return self


# --- The service platform's tracked work (docs/service.md) ---
Title = Annotated[str, Field(min_length=1)]


class EventRow(NodeRow):
    at: Moment
    move: Annotated[str, AfterValidator(one_of(MOVES, "move"))]
    status: Annotated[str, AfterValidator(one_of(REQUEST_STATUSES | FINDING_STATUSES, "status"))]
    by: str | None = None
    target: str | None = None
    note: str | None = None


class PostRow(NodeRow):
    title: Title
    skill: Annotated[str, AfterValidator(one_of(SKILLS, "skill code"))] | None = None
    slots: Annotated[WholeNumber, Field(ge=1)]


class SupervisionGroupRow(NamedRow):
    pass


class FindingRow(NodeRow):
    title: Title
    foundAt: Moment
    dueAt: Moment
    status: Annotated[str, AfterValidator(one_of(FINDING_STATUSES, "finding status"))]
    reply: str | None = None
    result: str | None = None


class TaskListRow(NodeRow):
    title: Title
    week: Day


class TaskItemRow(NodeRow):
    title: Title
    dueAt: Moment
    status: Annotated[str, AfterValidator(one_of(TASK_STATUSES, "task status"))]


class LinkRow(Row):
    """A relationship row: the ids of its two ends, and when it began and ended (any type may end)."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1), BeforeValidator(identifier)]
    to: Annotated[str, Field(min_length=1), BeforeValidator(identifier)]
    since: Day | None = None
    until: Day | None = None

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> Self:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise fail(f"until {self.until} is before since {self.since}")
        return self


class PeriodRow(LinkRow):
    pass


class MemberOfRow(LinkRow):
    role: str | None = None


class ReportedToRow(LinkRow):
    pass


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
