"""Typed rows of a bundle: one model per label and per relationship type, with the bundle's formats.

Pure: no database. A cell is text; these models turn it into the value stored, or say exactly what is
wrong with it (`expected a whole number, got "abc"`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
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
# Dates outside these years are typing slips (0001, 9999), not history or plans.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
EXCEL_NUMBER = re.compile(r"-?\d+(\.\d+)?[eE][+-]?\d+")
EXCEL_HINT = (
    "Excel wrote this number in scientific notation and its digits are lost: "
    "format the column as Text and enter the values again"
)


def _fail(message: str, safe: str | None = None) -> PydanticCustomError:
    """A value error; `safe` is the message without the value, shown for personal data."""
    return PydanticCustomError("bundle_value", message, {"safe": safe or message})


def _whole_number(value: Any) -> Any:
    if isinstance(value, str):
        if EXCEL_NUMBER.fullmatch(value):
            raise _fail(f'"{value}": {EXCEL_HINT}')
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
        # Excel writes TRUE and FALSE; any case is the same answer.
        if value.lower() not in ("true", "false"):
            raise _fail(f'expected true or false, got "{value}"')
        return value.lower() == "true"
    return value


def _sane(day: date, value: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise _fail(f'"{value}" is outside the years {EARLIEST.year} to {LATEST.year}: a typing slip?')


# Excel's own way of writing a date in China: 2026/1/31 (and 2026/1/31 9:30 with a time).
EXCEL_DATE = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
EXCEL_MOMENT = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def _date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            excel = EXCEL_DATE.fullmatch(value)
            day = date(*map(int, excel.groups())) if excel else date.fromisoformat(value)
        except ValueError:
            raise _fail(f'expected an ISO 8601 date such as 2026-01-31, got "{value}"') from None
        _sane(day, value)
        return day
    return value


def _datetime(value: Any) -> Any:
    if isinstance(value, str):
        try:
            excel = EXCEL_MOMENT.fullmatch(value)
            if excel:
                year, month, day, hour, minute, second = (int(part or 0) for part in excel.groups())
                parsed = datetime(year, month, day, hour, minute, second)
            else:
                parsed = datetime.fromisoformat(value)
        except ValueError:
            raise _fail(
                f'expected an ISO 8601 date-time such as 2026-01-31T09:30:00+08:00, got "{value}"'
            ) from None
        _sane(parsed.date(), value)
        # Without an offset, a time is the city's own clock (China Standard Time, UTC+8).
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=CITY_TIMEZONE)
    return value


def _id(value: Any) -> Any:
    if isinstance(value, str):
        if value != value.strip():
            raise _fail(f'id "{value}" has spaces around it: an id is exactly its characters')
        if EXCEL_NUMBER.fullmatch(value):
            raise _fail(f'id "{value}": {EXCEL_HINT}')
    return value


PHONE = re.compile(r"\+?\d[\d-]{2,19}")


def _phone(value: Any) -> Any:
    if isinstance(value, str):
        if EXCEL_NUMBER.fullmatch(value):
            raise _fail(f'"{value}": {EXCEL_HINT}', f"a number in scientific notation: {EXCEL_HINT}")
        if "*" in value:
            raise _fail(
                f'"{value}" is a masked phone number',
                "a masked phone number (from an export without --with-personal-data): "
                "give the real number or leave the cell empty",
            )
        if not PHONE.fullmatch(value):
            raise _fail(
                f'expected a phone number (digits, an optional leading + and dashes), got "{value}"',
                "expected a phone number (digits, an optional leading + and dashes)",
            )
    return value


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def _one_of(known: Collection[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in known:
            listed = ", ".join(sorted(known))
            raise _fail(f'unknown {what} "{value}"; known: {listed}', f"unknown {what}; known: {listed}")
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
Id = Annotated[str, Field(min_length=1), BeforeValidator(_id)]
Phone = Annotated[str, BeforeValidator(_phone)]
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
    skill: Annotated[str, AfterValidator(_one_of(SKILLS, "skill code"))] | None = None

    @model_validator(mode="after")
    def _times_in_order(self) -> Self:
        for name in ("dueAt", "closedAt"):
            moment = getattr(self, name)
            if moment is not None and moment < self.createdAt:
                raise _fail(f"{name} {moment.isoformat()} is before createdAt {self.createdAt.isoformat()}")
        return self


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
    """A relationship row: the ids of its two ends, and when it began and ended (any type may end)."""

    model_config = ConfigDict(populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1), BeforeValidator(_id)]
    to: Annotated[str, Field(min_length=1), BeforeValidator(_id)]
    since: Day | None = None
    until: Day | None = None

    @model_validator(mode="after")
    def _ends_after_it_begins(self) -> Self:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise _fail(f"until {self.until} is before since {self.since}")
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
