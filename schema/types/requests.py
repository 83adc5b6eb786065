"""The service platform's GraphQL types for requests: a request with its timeline and dispatches, and
pages of them. Posts and the pool are in `schema.types.posts`; rates and whistles in
`schema.types.service_reports`.

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
from graph.reads import Node
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types.areas import Area
from schema.types.base import Info, sees_personal_data, wrap
from schema.types.described import described_enum
from schema.types.organisations import PropertyCompany, Unit
from schema.types.people import Person


class RequestKind(Enum):
    MICRO_WISH = "MICRO_WISH"
    SERVICE = "SERVICE"
    WHISTLE = "WHISTLE"
    COMPLAINT = "COMPLAINT"


described_enum(
    RequestKind,
    name="RequestKind",
    description="What kind of request (诉求类型): 微心愿, 点单, 街道吹哨, or a complaint (e.g. against a "
    "property company).",
    values={
        "MICRO_WISH": "A resident's micro-wish (微心愿).",
        "SERVICE": "A service ordered from the menu (点单).",
        "WHISTLE": "The street blows the whistle, departments report (街道吹哨、部门报到).",
        "COMPLAINT": "A complaint (投诉), e.g. against a property company.",
    },
)


class RequestStatus(Enum):
    OPEN = "OPEN"
    DISPATCHED = "DISPATCHED"
    ACCEPTED = "ACCEPTED"
    DONE = "DONE"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


described_enum(
    RequestStatus,
    name="RequestStatus",
    description="Where a request stands (办理状态): OPEN -> DISPATCHED -> ACCEPTED -> DONE -> CLOSED, or "
    "CANCELLED before done.",
    values={
        "OPEN": "Raised, not yet dispatched (待派单).",
        "DISPATCHED": "Dispatched to a unit (已派单).",
        "ACCEPTED": "Taken by one person (已接单).",
        "DONE": "Done, awaiting the requester's rating (已办结).",
        "CLOSED": "Closed, with the satisfaction given (已关闭).",
        "CANCELLED": "Cancelled before done (已取消).",
    },
)


@strawberry.type(
    description="One move on a timeline (办理记录): when, which move, the status it left, who made it."
)
class TimelineEvent:
    at: datetime = strawberry.field(description="When the move was made (时间).")
    move: str = strawberry.field(
        description="The move (操作): RAISE DISPATCH ACCEPT COMPLETE CLOSE CANCEL REPORT (a unit reporting "
        "to a whistle), or for findings RECORD REPLY FIX."
    )
    status: str = strawberry.field(description="The status the move left (状态).")
    by: str | None = strawberry.field(description="Who made the move (操作人): the subject of their token.")
    target: strawberry.ID | None = strawberry.field(
        description="Whom the move named (对象): the unit dispatched to or reporting, the person accepting."
    )
    note: str | None = strawberry.field(
        description="Why, where one was given (备注; a cancellation's reason)."
    )

    @classmethod
    def of(cls, event: service.Event) -> TimelineEvent:
        target = strawberry.ID(event.target) if event.target is not None else None
        return cls(
            at=event.at, move=event.move, status=event.status, by=event.by, target=target, note=event.note
        )


@strawberry.type(
    description="A unit a request was dispatched to (派单); for a whistle, when that unit reported."
)
class Dispatch:
    unit: Unit = strawberry.field(description="The unit (单位).")
    at: datetime | None = strawberry.field(description="When it was dispatched (派单时间).")
    reported_at: datetime | None = strawberry.field(
        description="部门报到: when the unit reported, if it has."
    )
    reported_by: str | None = strawberry.field(description="Who reported for the unit (报到人).")


def optional_node(node: Node | None) -> Any:
    """The GraphQL object of a record's optional end, or null."""
    return wrap(node) if node is not None else None


@strawberry.type(
    description="A service request (服务诉求: micro-wish, ordered service, whistle or complaint), where "
    "it stands, and its timeline."
)
class ServiceRequest:
    record: strawberry.Private[service.Request]

    @strawberry.field(description="Its id (编号).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.id)

    @strawberry.field(description="What kind of request (诉求类型).")
    def kind(self) -> RequestKind:
        return RequestKind(self.record.kind)

    @strawberry.field(description="What is asked, in a line (标题).")
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field(description="Where it stands (办理状态).")
    def status(self) -> RequestStatus:
        return RequestStatus(self.record.status)

    @strawberry.field(description="The skill it calls for (所需技能), if it names one (ranks the pool).")
    def skill(self) -> str | None:
        return self.record.node.get("skill")  # type: ignore[no-any-return]

    @strawberry.field(description="When it was raised (提出时间).")
    def created_at(self) -> datetime:
        return self.record.node.get("createdAt")  # type: ignore[no-any-return]

    @strawberry.field(
        description="When it must be done (办结时限): 72 hours after it was raised unless given."
    )
    def due_at(self) -> datetime | None:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field(description="When it was closed or cancelled (关闭时间).")
    def closed_at(self) -> datetime | None:
        return self.record.node.get("closedAt")  # type: ignore[no-any-return]

    @strawberry.field(description="Satisfaction (满意度), 1..5, given when it is closed.")
    def satisfaction(self) -> int | None:
        return self.record.node.get("satisfaction")  # type: ignore[no-any-return]

    @strawberry.field(description="Where it was raised (所在区域): a building, a community or a street.")
    def area(self) -> Area | None:
        return optional_node(self.record.area)  # type: ignore[no-any-return]

    @strawberry.field(
        description="Who raised it (诉求人): shown to whoever may see that person's personal data, and to the "
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

    @strawberry.field(description="The one person holding it since it was accepted (接单人).")
    def accepted_by(self) -> Person | None:
        return optional_node(self.record.accepted_by)  # type: ignore[no-any-return]

    @strawberry.field(description="Units it was dispatched to (派单单位; a whistle calls several).")
    def dispatched_to(self) -> list[Unit]:
        return [wrap(d.unit) for d in self.record.dispatches]

    @strawberry.field(description="Each unit it was dispatched to, with when it reported (派单记录).")
    def dispatches(self) -> list[Dispatch]:
        return [
            Dispatch(unit=wrap(d.unit), at=d.at, reported_at=d.reported_at, reported_by=d.reported_by)
            for d in self.record.dispatches
        ]

    @strawberry.field(description="The property company a complaint concerns (被投诉物业).")
    def property_company(self) -> PropertyCompany | None:
        return optional_node(self.record.company)  # type: ignore[no-any-return]

    @strawberry.field(description="Every move made on it (办理记录), oldest first: who, when, on whom.")
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type(description="One row of a list of requests (列表行): the request and its cursor.")
class ServiceRequestEdge:
    cursor: str = strawberry.field(
        description="Opaque keyset cursor (游标): pass it as `after` to get the rows after this one."
    )
    node: ServiceRequest = strawberry.field(description="The request (诉求).")


@strawberry.type(description="Where a page of requests ends (分页信息).")
class RequestPageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page (还有下一页).")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last row (末行游标): pass it as `after` for the next page."
    )


@strawberry.type(description="A page of requests (诉求分页列表), newest first, and how many match in all.")
class ServiceRequestConnection:
    total_count: int = strawberry.field(description="How many requests match in all (总数).")
    edges: list[ServiceRequestEdge] = strawberry.field(description="The page's rows, in order (本页各行).")
    page_info: RequestPageInfo = strawberry.field(description="Where the page ends (分页信息).")


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
