"""What the city reads off the platform: the rates of an area, complaints per property company,
whistle reports per unit, and the service pool a party member who reported (双报到) can pick from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from graph.driver import Graph
from graph.reads import Node, fetch_shown, native, to_node
from graph.service.requests import optional_node, request_hours
from graph.statements.service import reports as cypher


@dataclass(frozen=True)
class AreaMetrics:
    """The rates of one area over a period (docs/service.md gives each definition)."""

    area: Node
    raised: int
    cancelled: int
    responded: int
    done: int
    due: int
    on_time: int
    rated: int
    mean_satisfaction: float | None
    response_rate: float | None
    on_time_rate: float | None
    resolution_rate: float | None


async def service_metrics(
    graph: Graph, scope: str, *, start: datetime, end: datetime, as_of: datetime, today: date
) -> list[AreaMetrics]:
    """The scope's rates first, then each child area's; empty when `scope` is no area."""
    hours = request_hours()
    records = await fetch_shown(
        graph,
        cypher.SERVICE_METRICS,
        scope=scope,
        **{"from": start, "to": end},
        asOf=min(as_of, end),
        responseHours=hours.response_hours,
        dueHours=hours.due_hours,
        today=today,
    )
    return [
        AreaMetrics(
            area=to_node(r["area"]),
            raised=r["raised"],
            cancelled=r["cancelled"],
            responded=r["responded"],
            done=r["done"],
            due=r["due"],
            on_time=r["onTime"],
            rated=r["rated"],
            mean_satisfaction=r["meanSatisfaction"],
            response_rate=r["responseRate"],
            on_time_rate=r["onTimeRate"],
            resolution_rate=r["resolutionRate"],
        )
        for r in records
    ]


@dataclass(frozen=True)
class CompanyComplaints:
    company: Node
    complaints: int
    households: int
    per_thousand: float | None


async def property_complaints(
    graph: Graph, scope: str, *, start: datetime, end: datetime, day: date, today: date
) -> list[CompanyComplaints]:
    """Complaints per property company in [start, end) below the scope, ranked worst first."""
    records = await fetch_shown(
        graph, cypher.PROPERTY_COMPLAINTS, scope=scope, **{"from": start, "to": end}, day=day, today=today
    )
    return [
        CompanyComplaints(to_node(r["company"]), r["complaints"], r["households"], r["perThousand"])
        for r in records
    ]


# --- Whistles (街道吹哨、部门报到) -------------------------------------------------------------------


@dataclass(frozen=True)
class WhistleReport:
    """One whistle's call on one unit: when it was dispatched, when (if) the unit reported."""

    request_id: str
    title: str
    dispatched_at: datetime
    reported_at: datetime | None
    deadline: datetime
    outcome: str  # ON_TIME, LATE, MISSING, PENDING


@dataclass(frozen=True)
class UnitWhistles:
    unit: Node
    reports: tuple[WhistleReport, ...]

    def count(self, outcome: str) -> int:
        return sum(1 for report in self.reports if report.outcome == outcome)


async def whistle_reports(
    graph: Graph, scope: str, *, start: datetime, end: datetime, as_of: datetime, today: date
) -> list[UnitWhistles]:
    records = await fetch_shown(
        graph,
        cypher.WHISTLE_REPORTS,
        scope=scope,
        **{"from": start, "to": end},
        asOf=as_of,
        responseHours=request_hours().response_hours,
        today=today,
    )
    return [
        UnitWhistles(
            unit=to_node(r["unit"]),
            reports=tuple(
                WhistleReport(
                    request_id=x["request"],
                    title=x["title"],
                    dispatched_at=native(x["dispatchedAt"]),
                    reported_at=native(x["reportedAt"]),
                    deadline=native(x["deadline"]),
                    outcome=x["outcome"],
                )
                for x in r["reports"]
            ),
        )
        for r in records
    ]


# --- The service pool (双报到) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Opportunity:
    item: Node  # a ServiceRequest or a Post
    community: Node
    contact: Node | None
    fit: float


async def opportunities(graph: Graph, person_id: str, *, today: date) -> list[Opportunity]:
    records = await fetch_shown(graph, cypher.OPPORTUNITIES, person=person_id, today=today)
    return [
        Opportunity(to_node(r["item"]), to_node(r["community"]), optional_node(r["contact"]), r["fit"])
        for r in records
    ]
