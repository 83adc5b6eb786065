"""The service platform (365): requests and their moves, the pool, posts, whistles and the rates.

Functions return typed records; a move that does not happen raises `ServiceError` with the reason
(`Refusal`), decided from what the conditional write saw under the node's lock.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from graph.driver import Graph, Statement
from graph.model import Label, Rel
from graph.policy import RequestStandard, policy
from graph.reads import Node, native, native_props, to_node
from graph.service_moves import (
    FINDING_MOVES,
    TASK_MOVES,
    Move,
    Refusal,
    Transition,
    refusal_of,
    request_transition,
)
from graph.statements import service as cypher


class ServiceError(Exception):
    """A move or an input refused, with the reason a caller can act on."""

    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.refusal = refusal
        self.message = message


def request_hours() -> RequestStandard:
    """The policy's [requests] section: when a request is due, how fast it should be taken up."""
    return policy().requests


# --- Records ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One move on a timeline: when, which move, the status it left, who made it, on whom, why."""

    id: str
    at: datetime
    move: str
    status: str
    by: str | None
    target: str | None
    note: str | None


@dataclass(frozen=True)
class Dispatch:
    """A unit a request was dispatched to; for a whistle, when that unit reported (部门报到)."""

    unit: Node
    at: datetime | None
    reported_at: datetime | None
    reported_by: str | None


@dataclass(frozen=True)
class Request:
    node: Node
    area: Node | None
    areas: frozenset[str]  # the area it was raised in and every area above it
    raised_by: Node | None
    accepted_by: Node | None
    company: Node | None
    dispatches: tuple[Dispatch, ...]
    events: tuple[Event, ...]

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def status(self) -> str:
        return str(self.node.get("status"))

    @property
    def kind(self) -> str:
        return str(self.node.get("kind"))


@dataclass(frozen=True)
class RequestPage:
    total: int
    requests: tuple[Request, ...]
    has_next: bool


def _optional_node(found: Mapping[str, Any] | None) -> Node | None:
    return to_node(found) if found is not None else None


def _event(props: Mapping[str, Any]) -> Event:
    values = native_props(props)
    return Event(
        id=values["id"],
        at=values["at"],
        move=values["move"],
        status=values["status"],
        by=values.get("by"),
        target=values.get("target"),
        note=values.get("note"),
    )


def _request(found: Mapping[str, Any]) -> Request:
    return Request(
        node=Node(id=found["id"], label=Label.SERVICE_REQUEST, props=native_props(found["props"])),
        area=_optional_node(found["area"]),
        areas=frozenset(found["areas"]),
        raised_by=_optional_node(found["raisedBy"]),
        accepted_by=_optional_node(found["acceptedBy"]),
        company=_optional_node(found["company"]),
        dispatches=tuple(
            Dispatch(to_node(d["unit"]), native(d["at"]), native(d["reportedAt"]), d["reportedBy"])
            for d in found["dispatches"]
        ),
        events=tuple(_event(e) for e in found["events"]),
    )


# --- Reads -----------------------------------------------------------------------------------------


async def requests_by_id(graph: Graph, ids: Sequence[str], *, today: date) -> dict[str, Request]:
    records = await graph.fetch(cypher.REQUESTS_BY_ID, ids=list(ids), today=today)
    found = (_request(r["record"]) for r in records)
    return {request.id: request for request in found}


async def request(graph: Graph, request_id: str, *, today: date) -> Request | None:
    return (await requests_by_id(graph, [request_id], today=today)).get(request_id)


async def requests_along(
    graph: Graph, rel: Rel, ids: Sequence[str], *, today: date
) -> dict[str, list[Request]]:
    """For each person, unit or company, the requests joined to it by `rel`, newest first.

    `rel` is one of `cypher.REQUEST_LINKS`: RAISED_BY and ACCEPTED_BY for a person, DISPATCHED_TO for
    a unit, CONCERNS for a property company. One statement for all of `ids` (a DataLoader's batch).
    """
    records = await graph.fetch(cypher.REQUESTS_ALONG[rel], ids=list(ids), today=today)
    return {r["parent"]: [_request(found) for found in r["records"]] for r in records}


async def requests_in_scope(
    graph: Graph,
    scope: str,
    *,
    statuses: Sequence[str] | None,
    kinds: Sequence[str] | None,
    first: int,
    after: tuple[int, str] | None,
    person: str | None = None,
    today: date,
) -> RequestPage | None:
    """A page of the requests raised at or below an area, newest first; None when `scope` is no area.

    `after` is the sort key (createdAt in epoch milliseconds, id) of the last row already seen;
    `person` keeps only the requests that person raised or accepted.
    """
    records = await graph.fetch(
        cypher.REQUESTS_IN_SCOPE,
        scope=scope,
        statuses=list(statuses) if statuses is not None else None,
        kinds=list(kinds) if kinds is not None else None,
        afterAt=after[0] if after else None,
        afterId=after[1] if after else None,
        limit=first + 1,
        person=person,
        today=today,
    )
    if not records:
        return None
    page = [_request(found) for found in records[0]["page"]]
    return RequestPage(total=records[0]["total"], requests=tuple(page[:first]), has_next=len(page) > first)


def sort_key(request: Request) -> tuple[int, str]:
    """The keyset a page of requests is ordered by (newest first): createdAt in ms, then id."""
    created: datetime = request.node.get("createdAt")
    return int(created.timestamp() * 1000), request.id


# --- Raising and moving requests -------------------------------------------------------------------


@dataclass(frozen=True)
class RaiseContext:
    """What a new request names, looked up before it is written."""

    area: Node | None
    areas: frozenset[str]
    raiser_found: bool
    company_found: bool


async def raise_context(
    graph: Graph, *, area_id: str, raised_by: str | None, company_id: str | None, today: date
) -> RaiseContext:
    records = await graph.fetch(
        cypher.RAISE_CONTEXT, areaId=area_id, raisedById=raised_by, companyId=company_id, today=today
    )
    found = records[0]
    return RaiseContext(
        area=_optional_node(found["area"]),
        areas=frozenset(found["areas"]),
        raiser_found=found["raiserFound"],
        company_found=found["companyFound"],
    )


def new_request_id(now: datetime) -> str:
    """A fresh id such as SR20261128-3fa2b1c4: readable, sortable by day, unique across the graph."""
    return f"SR{now:%Y%m%d}-{uuid.uuid4().hex[:8]}"


async def raise_request(
    graph: Graph,
    *,
    kind: str,
    title: str,
    area_id: str,
    raised_by: str | None,
    company_id: str | None,
    skill: str | None,
    due_at: datetime | None,
    now: datetime,
    by: str | None,
) -> str:
    """Write a new OPEN request (its first timeline event: RAISE) and return its id."""
    request_id = new_request_id(now)
    due = due_at or now + timedelta(hours=request_hours().due_hours)
    await graph.execute(
        cypher.RAISE_REQUEST,
        id=request_id,
        kind=kind,
        title=title,
        areaId=area_id,
        raisedById=raised_by,
        companyId=company_id,
        skill=skill,
        dueAt=due,
        now=now,
        by=by,
    )
    return request_id


_REQUEST_STATEMENTS: dict[Move, Statement] = {
    Move.DISPATCH: cypher.DISPATCH,
    Move.ACCEPT: cypher.ACCEPT,
    Move.COMPLETE: cypher.COMPLETE,
    Move.CLOSE: cypher.CLOSE,
    Move.CANCEL: cypher.CANCEL,
    Move.REPORT: cypher.REPORT,
}


async def _conditional_move(
    graph: Graph,
    statement: Statement,
    transition: Transition,
    *,
    node_id: str,
    what: str,
    move: Move,
    now: datetime,
    by: str | None,
    target: str | None = None,
    note: str | None = None,
    satisfaction: int | None = None,
) -> None:
    records = await graph.execute(
        statement,
        id=node_id,
        **{"from": sorted(transition.sources)},
        to=transition.target,
        move=move.value,
        now=now,
        by=by,
        target=target,
        note=note,
        satisfaction=satisfaction,
    )
    if not records:
        raise ServiceError(Refusal.NOT_FOUND, f"no {what} has id {node_id}")
    if records[0]["moved"]:
        return
    if not records[0]["found"]:
        raise _missing(move, what, node_id, target)
    before = records[0]["before"]
    refusal = refusal_of(transition, before)
    if refusal is Refusal.CONFLICT:
        raise ServiceError(refusal, _conflict_message(what, node_id, move, before, target))
    allowed = ", ".join(sorted(transition.sources))
    raise ServiceError(refusal, f"{what} {node_id} is {before}: {move.value} is only allowed from {allowed}")


def _missing(move: Move, what: str, node_id: str, target: str | None) -> ServiceError:
    if move is Move.REPORT:
        return ServiceError(Refusal.BAD_INPUT, f"{what} {node_id} was never dispatched to unit {target}")
    kind = "unit" if move is Move.DISPATCH else "person"
    return ServiceError(Refusal.NOT_FOUND, f"no {kind} has id {target}")


def _conflict_message(what: str, node_id: str, move: Move, before: str, target: str | None) -> str:
    if move is Move.ACCEPT:
        return f"{what} {node_id} was accepted by someone else first"
    if move is Move.REPORT:
        return f"unit {target} has already reported to {what} {node_id}"
    if move is Move.DISPATCH:
        return f"{what} {node_id} is already dispatched to unit {target}"
    return f"{what} {node_id} is already {before}: someone else made this move first"


async def move_request(
    graph: Graph,
    move: Move,
    current: Request,
    *,
    now: datetime,
    by: str | None,
    target: str | None = None,
    note: str | None = None,
    satisfaction: int | None = None,
) -> None:
    """Make one move on a request, or raise ServiceError saying why it was refused.

    `current` is the request as read before (for its kind); the status that decides is the one the
    conditional write reads under the request's lock, not this one.
    """
    transition = request_transition(move, current.status, current.kind)
    await _conditional_move(
        graph,
        _REQUEST_STATEMENTS[move],
        transition,
        node_id=current.id,
        what="request",
        move=move,
        now=now,
        by=by,
        target=target,
        note=note,
        satisfaction=satisfaction,
    )


# --- Metrics ---------------------------------------------------------------------------------------


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
    records = await graph.fetch(
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
    records = await graph.fetch(
        cypher.PROPERTY_COMPLAINTS, scope=scope, **{"from": start, "to": end}, day=day, today=today
    )
    return [
        CompanyComplaints(to_node(r["company"]), r["complaints"], r["households"], r["perThousand"])
        for r in records
    ]


# --- The pool and posts --------------------------------------------------------------------------


@dataclass(frozen=True)
class Opportunity:
    item: Node  # a ServiceRequest or a Post
    community: Node
    contact: Node | None
    fit: float


async def opportunities(graph: Graph, person_id: str, *, today: date) -> list[Opportunity]:
    records = await graph.fetch(cypher.OPPORTUNITIES, person=person_id, today=today)
    return [
        Opportunity(to_node(r["item"]), to_node(r["community"]), _optional_node(r["contact"]), r["fit"])
        for r in records
    ]


@dataclass(frozen=True)
class Holder:
    person: Node
    since: date


@dataclass(frozen=True)
class Post:
    node: Node
    community: Node | None
    areas: frozenset[str]
    holders: tuple[Holder, ...]

    @property
    def slots(self) -> int:
        return int(self.node.get("slots", 0))


def _post(found: Mapping[str, Any]) -> Post:
    return Post(
        node=to_node(found["post"]),
        community=_optional_node(found["community"]),
        areas=frozenset(found["areas"]),
        holders=tuple(Holder(to_node(h["person"]), native(h["since"])) for h in found["holders"]),
    )


async def posts_by_id(graph: Graph, ids: Sequence[str], *, today: date) -> dict[str, Post]:
    records = await graph.fetch(cypher.POSTS_BY_ID, ids=list(ids), today=today)
    posts = (_post(r["record"]) for r in records)
    return {post.node.id: post for post in posts}


async def posts_of_community(graph: Graph, community_id: str, *, today: date) -> list[Post]:
    records = await graph.fetch(cypher.POSTS_OF_COMMUNITY, community=community_id, today=today)
    return [_post(r["record"]) for r in records]


async def claim_post(graph: Graph, post_id: str, person_id: str, *, today: date) -> None:
    """Claim a free slot of a post (认岗), or raise ServiceError: NOT_FOUND, or CONFLICT when full."""
    records = await graph.execute(cypher.CLAIM_POST, post=post_id, person=person_id, today=today)
    if not records:
        raise ServiceError(Refusal.NOT_FOUND, f"no post {post_id} or no person {person_id}")
    found = records[0]
    if found["claimed"]:
        return
    if found["holds"]:
        raise ServiceError(Refusal.CONFLICT, f"person {person_id} already holds post {post_id}")
    raise ServiceError(Refusal.CONFLICT, f"post {post_id} is full: all {found['slots']} slots are held")


async def leave_post(graph: Graph, post_id: str, person_id: str, *, today: date) -> None:
    records = await graph.execute(
        cypher.LEAVE_POST,
        post=post_id,
        person=person_id,
        today=today,
        yesterday=today - timedelta(days=1),
    )
    if records[0]["left"] == 0:
        raise ServiceError(Refusal.CONFLICT, f"person {person_id} does not hold post {post_id}")


# --- Whistles ----------------------------------------------------------------------------------------


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
    records = await graph.fetch(
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


# --- Supervision ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkTally:
    """Tracked work (findings, task items): done on time, done late, past due, not yet due."""

    total: int
    done_on_time: int
    done_late: int
    overdue: int
    pending: int


@dataclass(frozen=True)
class AreaTally:
    area: Node
    tally: WorkTally


@dataclass(frozen=True)
class ResponsibleTally:
    responsible: Node
    tally: WorkTally


@dataclass(frozen=True)
class OverdueFinding:
    finding: Node
    area: Node
    responsible: tuple[Node, ...]
    group: Node | None


@dataclass(frozen=True)
class SupervisionReport:
    findings_by_area: tuple[AreaTally, ...]  # the scope first, then each child area
    findings_by_responsible: tuple[ResponsibleTally, ...]
    overdue: tuple[OverdueFinding, ...]
    tasks_by_area: tuple[AreaTally, ...]


def _tally(r: Mapping[str, Any]) -> WorkTally:
    return WorkTally(r["total"], r["doneOnTime"], r["doneLate"], r["overdue"], r["pending"])


async def supervision_report(
    graph: Graph, scope: str, *, start: datetime, end: datetime, as_of: datetime, today: date
) -> SupervisionReport | None:
    """Findings and weekly task items at or below an area in a period; None when `scope` is no area.

    The tallies are taken at the period's end (or `as_of`, if earlier); the overdue list at `as_of`.
    """
    period = {"scope": scope, "from": start, "to": end, "asOf": min(as_of, end), "today": today}
    found = {"doneStatus": "FIXED", "doneMove": Move.FIX.value}
    by_area = await graph.fetch(cypher.FINDINGS_BY_AREA, **period, **found)
    if not by_area:
        return None
    by_responsible = await graph.fetch(cypher.FINDINGS_BY_RESPONSIBLE, **period, **found)
    overdue = await graph.fetch(cypher.OVERDUE_FINDINGS, **{**period, "asOf": as_of})
    tasks = await graph.fetch(cypher.TASKS_BY_AREA, **period, doneStatus="DONE", doneMove=Move.COMPLETE.value)
    return SupervisionReport(
        findings_by_area=tuple(AreaTally(to_node(r["area"]), _tally(r)) for r in by_area),
        findings_by_responsible=tuple(
            ResponsibleTally(to_node(r["responsible"]), _tally(r)) for r in by_responsible
        ),
        overdue=tuple(
            OverdueFinding(
                finding=to_node(r["finding"]),
                area=to_node(r["area"]),
                responsible=tuple(to_node(x) for x in r["responsible"]),
                group=_optional_node(r["group"]),
            )
            for r in overdue
        ),
        tasks_by_area=tuple(AreaTally(to_node(r["area"]), _tally(r)) for r in tasks),
    )


@dataclass(frozen=True)
class TrackedWork:
    """A finding or a weekly task item, where it is, who answers for it, and its timeline."""

    node: Node
    area: Node | None
    areas: frozenset[str]
    responsible: tuple[Node, ...]
    events: tuple[Event, ...]


async def tracked_work(graph: Graph, work_id: str, *, today: date) -> TrackedWork | None:
    records = await graph.fetch(cypher.TRACKED_WORK_BY_ID, id=work_id, today=today)
    if not records:
        return None
    r = records[0]
    return TrackedWork(
        node=to_node(r["work"]),
        area=_optional_node(r["area"]),
        areas=frozenset(r["areas"]),
        responsible=tuple(to_node(x) for x in r["responsible"]),
        events=tuple(_event(e) for e in r["events"]),
    )


_WORK_MOVES: dict[tuple[Label, Move], tuple[Statement, Transition]] = {
    (Label.FINDING, Move.REPLY): (cypher.REPLY_FINDING, FINDING_MOVES[Move.REPLY]),
    (Label.FINDING, Move.FIX): (cypher.FIX_FINDING, FINDING_MOVES[Move.FIX]),
    (Label.TASK_ITEM, Move.COMPLETE): (cypher.COMPLETE_TASK, TASK_MOVES[Move.COMPLETE]),
}


async def move_work(
    graph: Graph, label: Label, move: Move, work_id: str, *, note: str | None, now: datetime, by: str | None
) -> None:
    """Reply to or fix a finding, or complete a task item: one conditional write, like a request's."""
    statement, transition = _WORK_MOVES[label, move]
    what = "finding" if label is Label.FINDING else "task item"
    await _conditional_move(
        graph, statement, transition, node_id=work_id, what=what, move=move, now=now, by=by, note=note
    )


def new_finding_id(now: datetime) -> str:
    return f"F{now:%Y%m%d}-{uuid.uuid4().hex[:8]}"


async def record_finding(
    graph: Graph,
    *,
    group_id: str,
    title: str,
    area_id: str,
    responsible_id: str,
    due_at: datetime,
    now: datetime,
    by: str | None,
) -> str | None:
    """Write a new OPEN finding; None when the group, the area or the responsible is not found."""
    finding_id = new_finding_id(now)
    records = await graph.execute(
        cypher.RECORD_FINDING,
        id=finding_id,
        group=group_id,
        title=title,
        areaId=area_id,
        responsible=responsible_id,
        dueAt=due_at,
        now=now,
        by=by,
    )
    return finding_id if records else None
