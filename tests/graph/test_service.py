"""The service platform against the real Neo4j: every move from every status, the races, the pages.

The hand-made city (D > S > C > G1 > B1, G2 > B2, compound K holding B1) plus the hand-made month of
tests/fixtures/service_month; the rates worked out from that month are in test_service_month.py.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from graph.driver import Graph
from graph.model import CITY_TIMEZONE
from graph.service.moves import Move, Refusal, ServiceError
from graph.service.posts import claim_post, leave_post, posts_by_id
from graph.service.requests import Request, move_request, raise_request, request, requests_in_scope, sort_key
from tests.conftest import FIXTURES, TODAY, load

SERVICE_MONTH = FIXTURES / "service_month"
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=CITY_TIMEZONE)


@pytest.fixture
async def month(hand_city: Graph) -> Graph:
    await load(hand_city, SERVICE_MONTH)
    return hand_city


async def fresh(graph: Graph, kind: str = "MICRO_WISH", area: str = "B1") -> Request:
    request_id = await raise_request(
        graph,
        kind=kind,
        title="为独居老人更换灯泡",
        area_id=area,
        raised_by="P10",
        company_id=None,
        skill=None,
        due_at=None,
        now=NOW,
        by="P6",
    )
    found = await request(graph, request_id, today=TODAY)
    assert found is not None
    return found


async def moved(graph: Graph, current: Request, move: Move, **args: object) -> Request:
    await move_request(graph, move, current, now=NOW, by="P6", **args)  # type: ignore[arg-type]
    after = await request(graph, current.id, today=TODAY)
    assert after is not None
    return after


# The moves that bring a new request to each status (docs/service.md: OPEN -> DISPATCHED -> ACCEPTED ->
# DONE -> CLOSED, or CANCELLED), and what each move needs.
PATH = {
    "OPEN": [],
    "DISPATCHED": [Move.DISPATCH],
    "ACCEPTED": [Move.DISPATCH, Move.ACCEPT],
    "DONE": [Move.DISPATCH, Move.ACCEPT, Move.COMPLETE],
    "CLOSED": [Move.DISPATCH, Move.ACCEPT, Move.COMPLETE, Move.CLOSE],
    "CANCELLED": [Move.CANCEL],
}
ARGS: dict[Move, dict[str, object]] = {
    Move.DISPATCH: {"target": "U1"},
    Move.ACCEPT: {"target": "P2"},
    Move.COMPLETE: {},
    Move.CLOSE: {"satisfaction": 4},
    Move.CANCEL: {"note": "居民已自行解决"},
}
C, X = Refusal.CONFLICT, Refusal.INVALID_TRANSITION
# status before -> the outcome of each move: the status it leads to, or its refusal. A move that
# someone else already made (the status is where it leads) is a CONFLICT; any other forbidden one
# INVALID_TRANSITION.
TABLE: dict[str, dict[Move, str | Refusal]] = {
    "OPEN": {
        Move.DISPATCH: "DISPATCHED",
        Move.ACCEPT: X,
        Move.COMPLETE: X,
        Move.CLOSE: X,
        Move.CANCEL: "CANCELLED",
    },
    "DISPATCHED": {
        Move.DISPATCH: C,
        Move.ACCEPT: "ACCEPTED",
        Move.COMPLETE: X,
        Move.CLOSE: X,
        Move.CANCEL: "CANCELLED",
    },
    "ACCEPTED": {
        Move.DISPATCH: X,
        Move.ACCEPT: C,
        Move.COMPLETE: "DONE",
        Move.CLOSE: X,
        Move.CANCEL: "CANCELLED",
    },
    "DONE": {Move.DISPATCH: X, Move.ACCEPT: X, Move.COMPLETE: C, Move.CLOSE: "CLOSED", Move.CANCEL: X},
    "CLOSED": {Move.DISPATCH: X, Move.ACCEPT: X, Move.COMPLETE: X, Move.CLOSE: C, Move.CANCEL: X},
    "CANCELLED": {Move.DISPATCH: X, Move.ACCEPT: X, Move.COMPLETE: X, Move.CLOSE: X, Move.CANCEL: C},
}


@pytest.mark.anyio
async def test_every_move_from_every_status(hand_city: Graph) -> None:
    outcomes: dict[str, dict[Move, str | Refusal]] = {}
    for status, path in PATH.items():
        for move in TABLE[status]:
            current = await fresh(hand_city)
            for step in path:
                current = await moved(hand_city, current, step, **ARGS[step])
            assert current.status == status
            try:
                after = await moved(hand_city, current, move, **ARGS[move])
            except ServiceError as error:
                outcomes.setdefault(status, {})[move] = error.refusal
                still = await request(hand_city, current.id, today=TODAY)
                assert still is not None and still.events == current.events, "a refused move writes nothing"
            else:
                outcomes.setdefault(status, {})[move] = after.status
                assert after.events[-1].move == move.value and after.events[-1].status == after.status
                assert after.events[-1].by == "P6" and after.events[-1].at == NOW
    assert outcomes == TABLE


@pytest.mark.anyio
async def test_a_request_records_who_did_what_and_when(hand_city: Graph) -> None:
    raised = await fresh(hand_city)
    assert raised.status == "OPEN" and raised.area is not None and raised.area.id == "B1"
    assert raised.node.get("dueAt") == NOW + timedelta(hours=72), "due 72 hours after it was raised"
    assert raised.areas == {"B1", "G1", "K", "C", "S", "D"}
    done = raised
    for step in PATH["CLOSED"]:
        done = await moved(hand_city, done, step, **ARGS[step])
    assert [(e.move, e.status, e.target) for e in done.events] == [
        ("RAISE", "OPEN", None),
        ("DISPATCH", "DISPATCHED", "U1"),
        ("ACCEPT", "ACCEPTED", "P2"),
        ("COMPLETE", "DONE", None),
        ("CLOSE", "CLOSED", None),
    ]
    assert [e.id for e in done.events] == [f"{done.id}#{n}" for n in range(1, 6)]
    assert done.accepted_by is not None and done.accepted_by.id == "P2"
    assert [d.unit.id for d in done.dispatches] == ["U1"]
    assert done.node.get("satisfaction") == 4 and done.node.get("closedAt") == NOW


@pytest.mark.anyio
async def test_an_unknown_request_unit_or_person_is_not_found(hand_city: Graph) -> None:
    current = await fresh(hand_city)
    with pytest.raises(ServiceError, match="no unit has id U404") as unit:
        await move_request(hand_city, Move.DISPATCH, current, now=NOW, by=None, target="U404")
    assert unit.value.refusal is Refusal.NOT_FOUND
    current = await moved(hand_city, current, Move.DISPATCH, target="U1")
    with pytest.raises(ServiceError, match="no person has id P404") as person:
        await move_request(hand_city, Move.ACCEPT, current, now=NOW, by=None, target="P404")
    assert person.value.refusal is Refusal.NOT_FOUND
    gone = Request(
        current.node.__class__("SR404", current.node.label, {}), None, frozenset(), None, None, None, (), ()
    )
    with pytest.raises(ServiceError, match="no request has id SR404") as request_error:
        await move_request(hand_city, Move.COMPLETE, gone, now=NOW, by=None)
    assert request_error.value.refusal is Refusal.NOT_FOUND
    after = await request(hand_city, current.id, today=TODAY)
    assert after is not None and after.status == "DISPATCHED" and after.accepted_by is None


@pytest.mark.anyio
async def test_of_many_people_accepting_at_once_exactly_one_wins(hand_city: Graph) -> None:
    current = await moved(hand_city, await fresh(hand_city), Move.DISPATCH, target="U1")
    people = [f"P{n}" for n in range(1, 11)] * 2  # 20 accepts at once, by 10 people

    async def accept(person: str) -> str:
        try:
            await move_request(hand_city, Move.ACCEPT, current, now=NOW, by=person, target=person)
        except ServiceError as error:
            return error.refusal.value
        return "WON"

    results = await asyncio.gather(*(accept(person) for person in people))
    assert sorted(results) == ["CONFLICT"] * 19 + ["WON"]
    after = await request(hand_city, current.id, today=TODAY)
    assert after is not None and after.status == "ACCEPTED"
    winner = people[results.index("WON")]
    assert after.accepted_by is not None and after.accepted_by.id == winner
    assert [e.move for e in after.events].count("ACCEPT") == 1, "one ACCEPT on the timeline"


@pytest.mark.anyio
async def test_a_whistle_calls_several_units_and_each_reports_once(hand_city: Graph) -> None:
    whistle = await fresh(hand_city, kind="WHISTLE", area="S")
    whistle = await moved(hand_city, whistle, Move.DISPATCH, target="U1")
    whistle = await moved(hand_city, whistle, Move.DISPATCH, target="U2")
    assert whistle.status == "DISPATCHED" and [d.unit.id for d in whistle.dispatches] == ["U1", "U2"]
    with pytest.raises(ServiceError) as again:
        await move_request(hand_city, Move.DISPATCH, whistle, now=NOW, by="P6", target="U2")
    assert again.value.refusal is Refusal.CONFLICT

    reports = await asyncio.gather(
        *(move_request(hand_city, Move.REPORT, whistle, now=NOW, by="P7", target="U1") for _ in range(5)),
        return_exceptions=True,
    )
    assert sum(r is None for r in reports) == 1
    assert all(
        isinstance(r, ServiceError) and r.refusal is Refusal.CONFLICT for r in reports if r is not None
    )
    after = await request(hand_city, whistle.id, today=TODAY)
    assert after is not None
    assert [(d.unit.id, d.reported_at, d.reported_by) for d in after.dispatches] == [
        ("U1", NOW, "P7"),
        ("U2", None, None),
    ]
    with pytest.raises(ServiceError, match="never dispatched to unit U3") as not_called:
        await move_request(hand_city, Move.REPORT, after, now=NOW, by="P7", target="U3")
    assert not_called.value.refusal is Refusal.BAD_INPUT


@pytest.mark.anyio
async def test_a_full_post_refuses_claims_when_many_claim_at_once(month: Graph) -> None:
    # PO2 (政策宣讲员) has 2 slots and P5 holds one: of nine people claiming at once, one gets it.
    people = ["P1", "P2", "P3", "P4", "P6", "P7", "P8", "P9", "P10"]

    async def claim(person: str) -> str:
        try:
            await claim_post(month, "PO2", person, today=TODAY, by=person)
        except ServiceError as error:
            return error.refusal.value
        return "CLAIMED"

    results = await asyncio.gather(*(claim(person) for person in people))
    assert sorted(results) == ["CLAIMED"] + ["CONFLICT"] * 8
    post = (await posts_by_id(month, ["PO2"], today=TODAY))["PO2"]
    assert sorted(h.person.id for h in post.holders) == sorted(["P5", people[results.index("CLAIMED")]])


@pytest.mark.anyio
async def test_leaving_a_post_frees_its_slot_and_keeps_the_claim_as_history(month: Graph) -> None:
    await claim_post(month, "PO1", "P8", today=TODAY, by="P8")
    with pytest.raises(ServiceError, match="PO1 is full"):
        await claim_post(month, "PO1", "P5", today=TODAY, by="P5")
    with pytest.raises(ServiceError, match="already holds"):
        await claim_post(month, "PO1", "P8", today=TODAY, by="P8")
    await leave_post(month, "PO1", "P8", today=TODAY, by="P8")
    assert (await posts_by_id(month, ["PO1"], today=TODAY))["PO1"].holders == ()
    with pytest.raises(ServiceError, match="does not hold"):
        await leave_post(month, "PO1", "P8", today=TODAY, by="P8")
    await claim_post(month, "PO1", "P5", today=TODAY, by="P5")
    holders = (await posts_by_id(month, ["PO1"], today=TODAY))["PO1"].holders
    assert [(h.person.id, h.since) for h in holders] == [("P5", TODAY)]


@pytest.mark.anyio
async def test_pages_of_requests_stay_right_while_requests_are_added(month: Graph) -> None:
    # Requests at or below C in the month's bundle: M1-M6, M8-M10 (M7 was raised in the street).
    first = await requests_in_scope(month, "C", statuses=None, kinds=None, first=4, after=None, today=TODAY)
    assert first is not None and first.total == 9 and first.has_next
    # newest first: M10 (10-28), M6 (10-22), M5 (10-20), M9 (10-18)
    assert [r.id for r in first.requests] == ["M10", "M6", "M5", "M9"]
    await fresh(month, area="B2")  # a newer request arrives between two pages
    second = await requests_in_scope(
        month, "C", statuses=None, kinds=None, first=4, after=sort_key(first.requests[-1]), today=TODAY
    )
    assert second is not None and second.total == 10
    assert [r.id for r in second.requests] == ["M4", "M3", "M2", "M1"]
    last = await requests_in_scope(
        month, "C", statuses=None, kinds=None, first=4, after=sort_key(second.requests[-1]), today=TODAY
    )
    assert last is not None and [r.id for r in last.requests] == ["M8"] and not last.has_next

    complaints = await requests_in_scope(
        month, "G2", statuses=["OPEN"], kinds=["COMPLAINT"], first=10, after=None, today=TODAY
    )
    assert complaints is not None and [r.id for r in complaints.requests] == ["M9"]
    assert (
        await requests_in_scope(month, "P1", statuses=None, kinds=None, first=1, after=None, today=TODAY)
        is None
    )
