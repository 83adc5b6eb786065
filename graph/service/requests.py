"""Service requests: the typed record, the reads and pages, raising, and the conditional moves.

A move that does not happen raises `ServiceError` with the reason (`Refusal`), decided from what the
conditional write saw under the node's lock. Every write that happens records an audit entry in its
own transaction, named after the API's mutation (`acceptRequest`), with the ids it touched.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from neo4j import Record

from graph.audit import execute_audited
from graph.driver import Graph, Statement
from graph.model import Label, Rel
from graph.policy import RequestStandard, policy
from graph.reads import Node, fetch_shown, native, native_props, to_node
from graph.service.moves import Move, Refusal, ServiceError, Transition, refusal_of, request_transition
from graph.statements.service import requests as cypher


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


def optional_node(found: Mapping[str, Any] | None) -> Node | None:
    return to_node(found) if found is not None else None


def event_of(props: Mapping[str, Any]) -> Event:
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
        area=optional_node(found["area"]),
        areas=frozenset(found["areas"]),
        raised_by=optional_node(found["raisedBy"]),
        accepted_by=optional_node(found["acceptedBy"]),
        company=optional_node(found["company"]),
        dispatches=tuple(
            Dispatch(to_node(d["unit"]), native(d["at"]), native(d["reportedAt"]), d["reportedBy"])
            for d in found["dispatches"]
        ),
        events=tuple(event_of(e) for e in found["events"]),
    )


# --- Reads -----------------------------------------------------------------------------------------


async def requests_by_id(graph: Graph, ids: Sequence[str], *, today: date) -> dict[str, Request]:
    records = await fetch_shown(graph, cypher.REQUESTS_BY_ID, ids=list(ids), today=today)
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
    records = await fetch_shown(graph, cypher.REQUESTS_ALONG[rel], ids=list(ids), today=today)
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
    records = await fetch_shown(
        graph,
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


# --- Raising ---------------------------------------------------------------------------------------


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
        area=optional_node(found["area"]),
        areas=frozenset(found["areas"]),
        raiser_found=found["raiserFound"],
        company_found=found["companyFound"],
    )


def new_id(prefix: str, now: datetime) -> str:
    """A fresh id such as SR20261128-3fa2b1c4: readable, sortable by day, unique across the graph."""
    return f"{prefix}{now:%Y%m%d}-{uuid.uuid4().hex[:8]}"


async def create_tracked(
    graph: Graph,
    statement: Statement,
    *,
    prefix: str,
    action: str,
    names: Sequence[str | None],
    now: datetime,
    by: str | None,
    **params: Any,
) -> str | None:
    """Write a new piece of tracked work (a request, a finding) with its first timeline event, and its
    audit entry (its id and the ids it `names`); None when the statement found what it needs missing."""
    work_id = new_id(prefix, now)
    records = await execute_audited(
        graph,
        statement,
        wrote=bool,
        who=by,
        action=action,
        target_ids=[work_id, *(n for n in names if n is not None)],
        at=now,
        id=work_id,
        now=now,
        by=by,
        **params,
    )
    return work_id if records else None


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
    request_id = await create_tracked(
        graph,
        cypher.RAISE_REQUEST,
        prefix="SR",
        action="raiseRequest",
        names=[area_id, raised_by, company_id],
        now=now,
        by=by,
        kind=kind,
        title=title,
        areaId=area_id,
        raisedById=raised_by,
        companyId=company_id,
        skill=skill,
        dueAt=due_at or now + timedelta(hours=request_hours().due_hours),
    )
    if request_id is None:
        raise ServiceError(Refusal.NOT_FOUND, f"no area has id {area_id}")
    return request_id


# --- Moving ----------------------------------------------------------------------------------------

# Each move's statement and its audit action, the API's mutation of the same move.
_REQUEST_MOVES: dict[Move, tuple[Statement, str]] = {
    Move.DISPATCH: (cypher.DISPATCH, "dispatchRequest"),
    Move.ACCEPT: (cypher.ACCEPT, "acceptRequest"),
    Move.COMPLETE: (cypher.COMPLETE, "completeRequest"),
    Move.CLOSE: (cypher.CLOSE, "closeRequest"),
    Move.CANCEL: (cypher.CANCEL, "cancelRequest"),
    Move.REPORT: (cypher.REPORT, "reportWhistle"),
}


def _moved(records: list[Record]) -> bool:
    return bool(records) and bool(records[0]["moved"])


async def conditional_move(
    graph: Graph,
    statement: Statement,
    transition: Transition,
    *,
    node_id: str,
    what: str,
    move: Move,
    action: str,
    now: datetime,
    by: str | None,
    target: str | None = None,
    note: str | None = None,
    satisfaction: int | None = None,
) -> None:
    """Make one conditional move (audited as `action` on the node and its target), or raise why not."""
    records = await execute_audited(
        graph,
        statement,
        wrote=_moved,
        who=by,
        action=action,
        target_ids=[node_id] if target is None else [node_id, target],
        at=now,
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
    statement, action = _REQUEST_MOVES[move]
    await conditional_move(
        graph,
        statement,
        request_transition(move, current.status, current.kind),
        node_id=current.id,
        what="request",
        move=move,
        action=action,
        now=now,
        by=by,
        target=target,
        note=note,
        satisfaction=satisfaction,
    )
