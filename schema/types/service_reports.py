"""The service platform's GraphQL reports: an area's rates (服务指标, 三率), property companies'
complaints, and how units answered whistles (吹哨报到), built from records of `graph.service.reports`.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from graph import service
from schema.types.areas import Area
from schema.types.base import wrap
from schema.types.described import described_enum
from schema.types.organisations import PropertyCompany, Unit


@strawberry.type(
    description="The rates of one area over a period (服务指标), of the requests raised in it (cancelled "
    "ones count in none of the rates); each rate is null when there is nothing to count."
)
class AreaServiceMetrics:
    area: Area = strawberry.field(description="The area (区域).")
    raised: int = strawberry.field(description="Requests raised in the period (受理数).")
    cancelled: int = strawberry.field(description="Of those, cancelled (取消数).")
    responded: int = strawberry.field(
        description="Accepted within the policy's response window (及时响应数)."
    )
    done: int = strawberry.field(description="Done or closed (办结数).")
    due: int = strawberry.field(description="Done, or past their due time by the period's end (应办结数).")
    on_time: int = strawberry.field(description="Done by their due time (按时办结数).")
    rated: int = strawberry.field(description="Closed with a satisfaction score (评价数).")
    response_rate: float | None = strawberry.field(
        description="Response rate (响应率): responded / (raised - cancelled)."
    )
    on_time_rate: float | None = strawberry.field(description="On-time rate (按时办结率): onTime / due.")
    resolution_rate: float | None = strawberry.field(
        description="Resolution rate (解决率): done / (raised - cancelled)."
    )
    mean_satisfaction: float | None = strawberry.field(
        description="Mean of the 1..5 scores given (平均满意度)."
    )

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


@strawberry.type(
    description="The rates of an area over a period (服务指标, 三率), and the same for each child area."
)
class ServiceMetrics:
    scope: AreaServiceMetrics = strawberry.field(description="The area asked about (本区域).")
    children: list[AreaServiceMetrics] = strawberry.field(description="Each area one level down (下级区域).")
    from_: datetime = strawberry.field(name="from", description="The period's start, included (起).")
    to: datetime = strawberry.field(description="The period's end, left out (止).")

    @strawberry.field(description="The scope's response rate (响应率).")
    def response_rate(self) -> float | None:
        return self.scope.response_rate

    @strawberry.field(description="The scope's on-time rate (按时办结率).")
    def on_time_rate(self) -> float | None:
        return self.scope.on_time_rate

    @strawberry.field(description="The scope's resolution rate (解决率).")
    def resolution_rate(self) -> float | None:
        return self.scope.resolution_rate

    @strawberry.field(description="The scope's mean satisfaction (平均满意度).")
    def mean_satisfaction(self) -> float | None:
        return self.scope.mean_satisfaction


@strawberry.type(
    description="One property company's complaints in a month (物业投诉排名), as the city publishes them."
)
class PropertyComplaints:
    rank: int = strawberry.field(description="Its place, worst first (排名).")
    company: PropertyCompany = strawberry.field(description="The property company (物业服务企业).")
    complaints: int = strawberry.field(
        description="Complaints raised in the month (投诉数), withdrawn ones left out."
    )
    households: int = strawberry.field(
        description="Households of the compounds it manages in the scope (在管户数)."
    )
    per_thousand_households: float | None = strawberry.field(
        description="Complaints per 1,000 households it manages (千户投诉率)."
    )


class ReportOutcome(Enum):
    ON_TIME = "ON_TIME"
    LATE = "LATE"
    MISSING = "MISSING"
    PENDING = "PENDING"


described_enum(
    ReportOutcome,
    name="ReportOutcome",
    description="How a unit's report to a whistle went (报到情况), against the policy's response window.",
    values={
        "ON_TIME": "Reported within the window (按时报到).",
        "LATE": "Reported after the window (逾期报到).",
        "MISSING": "Not reported, the window passed (未报到).",
        "PENDING": "Not reported yet, still in time (待报到).",
    },
)


@strawberry.type(description="One whistle's call on one unit (吹哨报到).")
class WhistleReport:
    request_id: strawberry.ID = strawberry.field(description="The whistle's request id (诉求编号).")
    title: str = strawberry.field(description="The whistle's title (标题).")
    dispatched_at: datetime = strawberry.field(description="When the unit was called (吹哨时间).")
    deadline: datetime = strawberry.field(description="By when it should report (报到时限).")
    reported_at: datetime | None = strawberry.field(description="When it reported, if it has (报到时间).")
    outcome: ReportOutcome = strawberry.field(description="How it went (报到情况).")


@strawberry.type(description="街道吹哨、部门报到: how a unit answered the whistles it was called to.")
class UnitWhistleReports:
    unit: Unit = strawberry.field(description="The unit (单位).")
    called: int = strawberry.field(description="Whistles it was called to (被吹哨次数).")
    on_time: int = strawberry.field(description="Reported on time (按时报到).")
    late: int = strawberry.field(description="Reported late (逾期报到).")
    missing: int = strawberry.field(description="Never reported (未报到).")
    pending: int = strawberry.field(description="Not reported yet, still in time (待报到).")
    reports: list[WhistleReport] = strawberry.field(description="Each call (各次吹哨).")

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
