"""The service platform's GraphQL types: requests with their timelines, the pool, posts, whistles, rates.

Each object is built from a record of graph/service/ that already holds its links (one statement per
page of requests); people are shown through `Person`, which masks their personal data by viewer.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from graph import service
from graph.model import AREA_LABELS
from graph.reads import Node
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types.areas import Area, Community
from schema.types.base import Info, sees_personal_data, wrap
from schema.types.organisations import PropertyCompany, Unit
from schema.types.people import Person


@strawberry.enum(description="微心愿, 点单, 街道吹哨, or a complaint (e.g. against a property company).")
class RequestKind(Enum):
    MICRO_WISH = "MICRO_WISH"
    SERVICE = "SERVICE"
    WHISTLE = "WHISTLE"
    COMPLAINT = "COMPLAINT"


@strawberry.enum(description="OPEN -> DISPATCHED -> ACCEPTED -> DONE -> CLOSED, or CANCELLED before done.")
class RequestStatus(Enum):
    OPEN = "OPEN"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    DONE = "DONE"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


@strawberry.type(description="One move on a timeline: when, which move, the status it left, who made it.")
class TimelineEvent:
    at: datetime
    move: str = strawberry.field(
        description="RAISE DISPATCH ACCEPT COMPLETE CLOSE CANCEL REPORT (a unit reporting to a whistle), "
        "or for findings RECORD REPLY FIX."
    )
    status: str = strawberry.field(description="The status the move left.")
    by: str | None = strawberry.field(description="Who made the move: the subject of their token.")
    target: strawberry.ID | None = strawberry.field(
        description="Whom the move named: the unit dispatched to or reporting, the person accepting."
    )
    note: str | None = strawberry.field(description="Why, where one was given (a cancellation's reason).")

    @classmethod
    def of(cls, event: service.Event) -> TimelineEvent:
        target = strawberry.ID(event.target) if event.target is not None else None
        return cls(
            at=event.at, move=event.move, status=event.status, by=event.by, target=target, note=event.note
        )


@strawberry.type(description="A unit a request was dispatched to; for a whistle, when that unit reported.")
class Dispatch:
    unit: Unit
    at: datetime | None
    reported_at: datetime | None = strawberry.field(
        description="部门报到: when the unit reported, if it has."
    )
    reported_by: str | None


def _optional(node: Node | None) -> Any:
    return wrap(node) if node is not None else None


@strawberry.type(
    description="A service request (micro-wish, ordered service, whistle or complaint), where it stands, "
    "and its timeline."
)
class ServiceRequest:
    record: strawberry.Private[service.Request]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.id)

    @strawberry.field
    def kind(self) -> RequestKind:
        return RequestKind(self.record.kind)

    @strawberry.field
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field
    def status(self) -> RequestStatus:
        return RequestStatus(self.record.status)

    @strawberry.field(description="The skill it calls for, if it names one (ranks the pool).")
    def skill(self) -> str | None:
        return self.record.node.get("skill")  # type: ignore[no-any-return]

    @strawberry.field
    def created_at(self) -> datetime:
        return self.record.node.get("createdAt")  # type: ignore[no-any-return]

    @strawberry.field(description="When it must be done: 72 hours after it was raised unless given.")
    def due_at(self) -> datetime | None:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field
    def closed_at(self) -> datetime | None:
        return self.record.node.get("closedAt")  # type: ignore[no-any-return]

    @strawberry.field(description="1..5, given when it is closed.")
    def satisfaction(self) -> int | None:
        return self.record.node.get("satisfaction")  # type: ignore[no-any-return]

    @strawberry.field(description="Where it was raised: a building, a community or a street.")
    def area(self) -> Area | None:
        return _optional(self.record.area)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Who raised it: shown to whoever may see that person's personal data, and to the "
        "person who accepted it (they need to reach them); null to everyone else."
    )
    async def raised_by(self, info: Info) -> Person | None:
        raiser = self.record.raised_by
        if raiser is None:
            return None
        viewer = info.context.viewer
        holder = self.record.accepted_by
        if holder is not None and viewer.role is Role.VOLUNTEER and viewer.subject == holder.id:
            return wrap(raiser)  # type: ignore[no-any-return]
        return wrap(raiser) if await sees_personal_data(info, raiser.id) else None

    @strawberry.field(description="The one person holding it since it was accepted.")
    def accepted_by(self) -> Person | None:
        return _optional(self.record.accepted_by)  # type: ignore[no-any-return]

    @strawberry.field(description="Units it was dispatched to (a whistle calls several).")
    def dispatched_to(self) -> list[Unit]:
        return [wrap(d.unit) for d in self.record.dispatches]

    @strawberry.field
    def dispatches(self) -> list[Dispatch]:
        return [
            Dispatch(unit=wrap(d.unit), at=d.at, reported_at=d.reported_at, reported_by=d.reported_by)
            for d in self.record.dispatches
        ]

    @strawberry.field(description="The property company a complaint concerns.")
    def property_company(self) -> PropertyCompany | None:
        return _optional(self.record.company)  # type: ignore[no-any-return]

    @strawberry.field(description="Every move made on it, oldest first: who, when, on whom.")
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type
class ServiceRequestEdge:
    cursor: str
    node: ServiceRequest


@strawberry.type
class RequestPageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="A page of requests, newest first, and how many match in all.")
class ServiceRequestConnection:
    total_count: int
    edges: list[ServiceRequestEdge]
    page_info: RequestPageInfo


def encode_cursor(key: tuple[int, str]) -> str:
    """An opaque keyset cursor: the last row's sort key (createdAt in ms, id), base64."""
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def decode_cursor(cursor: str) -> tuple[int, str]:
    try:
        at, request_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if isinstance(at, int) and isinstance(request_id, str):
            return at, request_id
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        pass
    raise api_error(ErrorCode.BAD_INPUT, f"after: {cursor!r} is not a cursor this API gave out")


def connection(page: service.RequestPage) -> ServiceRequestConnection:
    edges = [
        ServiceRequestEdge(cursor=encode_cursor(service.sort_key(r)), node=ServiceRequest(record=r))
        for r in page.requests
    ]
    end = edges[-1].cursor if edges else None
    return ServiceRequestConnection(
        total_count=page.total,
        edges=edges,
        page_info=RequestPageInfo(has_next_page=page.has_next, end_cursor=end),
    )


# --- Rates -----------------------------------------------------------------------------------------


@strawberry.type(
    description="The rates of one area over a period, of the requests raised in it (cancelled ones "
    "count in none of the rates); each rate is null when there is nothing to count."
)
class AreaServiceMetrics:
    area: Area
    raised: int
    cancelled: int
    responded: int = strawberry.field(description="Accepted within the policy's response window.")
    done: int
    due: int = strawberry.field(description="Done, or past their due time by the period's end.")
    on_time: int = strawberry.field(description="Done by their due time.")
    rated: int
    response_rate: float | None = strawberry.field(description="responded / (raised - cancelled)")
    on_time_rate: float | None = strawberry.field(description="onTime / due")
    resolution_rate: float | None = strawberry.field(description="done / (raised - cancelled)")
    mean_satisfaction: float | None = strawberry.field(description="Mean of the 1..5 scores given.")

    @classmethod
    def of(cls, m: service.AreaMetrics) -> AreaServiceMetrics:
        return cls(
            area=wrap(m.area),
            raised=m.raised,
            cancelled=m.cancelled,
            responded=m.responded,
            done=m.done,
            due=m.due,
            on_time=m.on_time,
            rated=m.rated,
            response_rate=m.response_rate,
            on_time_rate=m.on_time_rate,
            resolution_rate=m.resolution_rate,
            mean_satisfaction=m.mean_satisfaction,
        )


@strawberry.type(description="The rates of an area over a period, and the same for each child area.")
class ServiceMetrics:
    scope: AreaServiceMetrics
    children: list[AreaServiceMetrics]
    from_: datetime = strawberry.field(name="from")
    to: datetime

    @strawberry.field
    def response_rate(self) -> float | None:
        return self.scope.response_rate

    @strawberry.field
    def on_time_rate(self) -> float | None:
        return self.scope.on_time_rate

    @strawberry.field
    def resolution_rate(self) -> float | None:
        return self.scope.resolution_rate

    @strawberry.field
    def mean_satisfaction(self) -> float | None:
        return self.scope.mean_satisfaction


@strawberry.type(description="One property company's complaints in a month, as the city publishes them.")
class PropertyComplaints:
    rank: int
    company: PropertyCompany
    complaints: int = strawberry.field(description="Complaints raised in the month, withdrawn ones left out.")
    households: int = strawberry.field(description="Households of the compounds it manages in the scope.")
    per_thousand_households: float | None


# --- The pool and posts ----------------------------------------------------------------------------


@strawberry.type(description="认岗: a post a community publishes for party members to claim.")
class ServicePost:
    record: strawberry.Private[service.Post]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field
    def skill(self) -> str | None:
        return self.record.node.get("skill")  # type: ignore[no-any-return]

    @strawberry.field
    def slots(self) -> int:
        return self.record.slots

    @strawberry.field(description="Slots not held now.")
    def free(self) -> int:
        return max(self.record.slots - len(self.record.holders), 0)

    @strawberry.field
    def community(self) -> Community | None:
        return _optional(self.record.community)  # type: ignore[no-any-return]

    @strawberry.field(description="Who holds it now, first claimed first.")
    def holders(self) -> list[Person]:
        return [wrap(h.person) for h in self.record.holders]


@strawberry.type(
    description="Something a party member could take on in a community they reported to (双报到): a "
    "request not yet taken or a post with a free slot, with how their skills fit and whom to contact."
)
class Opportunity:
    request: ServiceRequest | None
    post: ServicePost | None
    community: Community
    contact: Person | None = strawberry.field(
        description="The commissioner the dispatched unit sent to the community, else its secretary."
    )
    fit: float = strawberry.field(
        description="1: a skill it names they have; 0.5: it names none; 0: they lack it."
    )


# --- Whistles --------------------------------------------------------------------------------------


@strawberry.enum(description="How a unit's report to a whistle went, against the policy's response window.")
class ReportOutcome(Enum):
    ON_TIME = "ON_TIME"
    LATE = "LATE"
    MISSING = "MISSING"
    PENDING = "PENDING"


@strawberry.type(description="One whistle's call on one unit.")
class WhistleReport:
    request_id: strawberry.ID
    title: str
    dispatched_at: datetime
    deadline: datetime
    reported_at: datetime | None
    outcome: ReportOutcome


@strawberry.type(description="街道吹哨、部门报到: how a unit answered the whistles it was called to.")
class UnitWhistleReports:
    unit: Unit
    called: int
    on_time: int
    late: int
    missing: int
    pending: int
    reports: list[WhistleReport]

    @classmethod
    def of(cls, found: service.UnitWhistles) -> UnitWhistleReports:
        return cls(
            unit=wrap(found.unit),
            called=len(found.reports),
            on_time=found.count("ON_TIME"),
            late=found.count("LATE"),
            missing=found.count("MISSING"),
            pending=found.count("PENDING"),
            reports=[
                WhistleReport(
                    request_id=strawberry.ID(r.request_id),
                    title=r.title,
                    dispatched_at=r.dispatched_at,
                    deadline=r.deadline,
                    reported_at=r.reported_at,
                    outcome=ReportOutcome(r.outcome),
                )
                for r in found.reports
            ],
        )


def is_area(node: Node | None) -> bool:
    return node is not None and node.label in AREA_LABELS
