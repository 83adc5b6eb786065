"""Root queries of the service platform: requests, the pool, posts, whistles, supervision and the rates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated

import strawberry

from graph import service
from graph.model import CITY_TIMEZONE, Label
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types.base import Info, wrap
from schema.types.posts import Opportunity, ServicePost
from schema.types.requests import (
    RequestKind,
    RequestStatus,
    ServiceRequest,
    ServiceRequestConnection,
    connection,
    decode_cursor,
)
from schema.types.service_reports import (
    AreaServiceMetrics,
    PropertyComplaints,
    ServiceMetrics,
    UnitWhistleReports,
)
from schema.types.supervision import Finding, SupervisionReport, TaskItem

MAX_PAGE = 100


def now() -> datetime:
    return datetime.now(CITY_TIMEZONE)


def in_city_time(moment: datetime) -> datetime:
    """A date-time without an offset is read in the city's own time, as bundles are."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=CITY_TIMEZONE)


def period(start: datetime, end: datetime) -> tuple[datetime, datetime]:
    start, end = in_city_time(start), in_city_time(end)
    if start >= end:
        raise api_error(
            ErrorCode.BAD_INPUT, f"from ({start.isoformat()}) must be before to ({end.isoformat()})"
        )
    return start, end


def month_of(month: str) -> tuple[datetime, datetime, date]:
    """`2026-10` -> its first instant, the next month's first instant, and its last day (city time)."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", month)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise api_error(ErrorCode.BAD_INPUT, f'month: expected a month such as 2026-10, got "{month}"')
    year, number = int(found.group(1)), int(found.group(2))
    start = datetime(year, number, 1, tzinfo=CITY_TIMEZONE)
    end = datetime(year + number // 12, number % 12 + 1, 1, tzinfo=CITY_TIMEZONE)
    return start, end, (end - timedelta(days=1)).date()


def no_area(scope: str) -> Exception:
    return api_error(ErrorCode.NOT_FOUND, f"no area has id {scope}")


Scope = Annotated[strawberry.ID, strawberry.argument(description="Any area id (区域): at or below it.")]
From = Annotated[datetime, strawberry.argument(name="from", description="The period's start, included (起).")]
To = Annotated[datetime, strawberry.argument(description="The period's end, left out (止).")]
Id = Annotated[strawberry.ID, strawberry.argument(description="Its id (编号).")]


@strawberry.type
class RequestQueries:
    @strawberry.field(
        description="Service requests (服务诉求) raised at or below an area, newest first, with keyset "
        "cursors. A volunteer sees the requests they raised or accepted."
    )
    async def requests(
        self,
        info: Info,
        scope: Scope,
        status: Annotated[
            list[RequestStatus] | None, strawberry.argument(description="Only these statuses (办理状态).")
        ] = None,
        kind: Annotated[
            list[RequestKind] | None, strawberry.argument(description="Only these kinds (诉求类型).")
        ] = None,
        first: Annotated[int, strawberry.argument(description="How many rows (每页行数), 1 to 100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="The cursor of the row to start after (游标).")
        ] = None,
    ) -> ServiceRequestConnection:
        if not 1 <= first <= MAX_PAGE:
            raise api_error(ErrorCode.BAD_INPUT, f"first: expected 1 to {MAX_PAGE}, got {first}")
        viewer = info.context.viewer
        page = await service.requests_in_scope(
            info.context.graph,
            scope,
            statuses=[s.value for s in status] if status is not None else None,
            kinds=[k.value for k in kind] if kind is not None else None,
            first=first,
            after=decode_cursor(after) if after is not None else None,
            person=viewer.subject if viewer.role is Role.VOLUNTEER else None,
            today=info.context.today,
        )
        if page is None:
            raise no_area(scope)
        return connection(page)

    @strawberry.field(
        description="One request (服务诉求) with its timeline; null when there is none with this id."
    )
    async def request(self, info: Info, id: Id) -> ServiceRequest | None:
        found = await service.request(info.context.graph, id, today=info.context.today)
        viewer = info.context.viewer
        if found is None or (viewer.role is Role.VOLUNTEER and not _own(found, viewer.subject)):
            return None
        return ServiceRequest(record=found)

    @strawberry.field(
        description="The three rates (三率: response, on-time and resolution) and mean satisfaction of the "
        "requests raised at or below an area in [from, to), and the same for each child area."
    )
    async def service_metrics(
        self,
        info: Info,
        scope: Scope,
        from_: From,
        to: To,
    ) -> ServiceMetrics:
        start, end = period(from_, to)
        rows = await service.service_metrics(
            info.context.graph, scope, start=start, end=end, as_of=now(), today=info.context.today
        )
        if not rows:
            raise no_area(scope)
        scoped, *children = (AreaServiceMetrics.of(row) for row in rows)
        return ServiceMetrics(scope=scoped, children=children, from_=start, to=end)

    @strawberry.field(
        description="Complaints (物业投诉) against each property company in a month (2026-10) at or below "
        "an area, and per 1,000 households it manages there, worst first."
    )
    async def property_complaints(
        self,
        info: Info,
        scope: Scope,
        month: Annotated[str, strawberry.argument(description="The month (月份), e.g. 2026-10.")],
    ) -> list[PropertyComplaints]:
        start, end, last_day = month_of(month)
        found = await service.property_complaints(
            info.context.graph, scope, start=start, end=end, day=last_day, today=info.context.today
        )
        return [
            PropertyComplaints(
                rank=position,
                company=wrap(row.company),
                complaints=row.complaints,
                households=row.households,
                per_thousand_households=row.per_thousand,
            )
            for position, row in enumerate(found, start=1)
        ]

    @strawberry.field(
        description="双报到: requests not yet taken and posts with a free slot in the communities a person "
        "reported to, best fit first, each with whom to contact."
    )
    async def opportunities(
        self,
        info: Info,
        person_id: Annotated[strawberry.ID, strawberry.argument(description="The party member (党员).")],
    ) -> list[Opportunity]:
        viewer = info.context.viewer
        if viewer.role is Role.VOLUNTEER and viewer.subject != person_id:
            raise api_error(ErrorCode.FORBIDDEN, "a volunteer sees their own opportunities only")
        graph, today = info.context.graph, info.context.today
        pool = await service.opportunities(graph, person_id, today=today)
        requests = await service.requests_by_id(
            graph, [o.item.id for o in pool if o.item.label is Label.SERVICE_REQUEST], today=today
        )
        posts = await service.posts_by_id(
            graph, [o.item.id for o in pool if o.item.label is Label.POST], today=today
        )
        return [
            Opportunity(
                request=ServiceRequest(record=requests[o.item.id]) if o.item.id in requests else None,
                post=ServicePost(record=posts[o.item.id]) if o.item.id in posts else None,
                community=wrap(o.community),
                contact=wrap(o.contact) if o.contact is not None else None,
                fit=o.fit,
            )
            for o in pool
        ]

    @strawberry.field(description="认岗: the posts a community publishes, with who holds each.")
    async def posts(
        self,
        info: Info,
        community_id: Annotated[strawberry.ID, strawberry.argument(description="The community (社区).")],
    ) -> list[ServicePost]:
        found = await service.posts_of_community(info.context.graph, community_id, today=info.context.today)
        return [ServicePost(record=post) for post in found]

    @strawberry.field(
        description="街道吹哨、部门报到: for the whistles raised at or below an area in [from, to), each "
        "unit called, with its reports on time, late, missing or pending; most late or missing first."
    )
    async def whistle_reports(
        self,
        info: Info,
        scope: Scope,
        from_: From,
        to: To,
    ) -> list[UnitWhistleReports]:
        start, end = period(from_, to)
        found = await service.whistle_reports(
            info.context.graph, scope, start=start, end=end, as_of=now(), today=info.context.today
        )
        return [UnitWhistleReports.of(unit) for unit in found]

    @strawberry.field(
        description="督导: findings made at or below an area in [from, to) and weekly task items due then: "
        "fixed on time, fixed late, open past deadline, per area and per responsible."
    )
    async def supervision_report(
        self,
        info: Info,
        scope: Scope,
        from_: From,
        to: To,
    ) -> SupervisionReport:
        start, end = period(from_, to)
        report = await service.supervision_report(
            info.context.graph, scope, start=start, end=end, as_of=now(), today=info.context.today
        )
        if report is None:
            raise no_area(scope)
        return SupervisionReport.of(report)

    @strawberry.field(description="A supervision finding (督导问题) with its timeline.")
    async def finding(self, info: Info, id: Id) -> Finding | None:
        found = await service.tracked_work(info.context.graph, id, today=info.context.today)
        return Finding(record=found) if found is not None and found.node.label is Label.FINDING else None

    @strawberry.field(description="An item of a weekly task list (每周任务清单) with its timeline.")
    async def task_item(self, info: Info, id: Id) -> TaskItem | None:
        found = await service.tracked_work(info.context.graph, id, today=info.context.today)
        return TaskItem(record=found) if found is not None and found.node.label is Label.TASK_ITEM else None


def _own(found: service.Request, subject: str | None) -> bool:
    people = {
        found.raised_by.id if found.raised_by else None,
        found.accepted_by.id if found.accepted_by else None,
    }
    return subject is not None and subject in people
