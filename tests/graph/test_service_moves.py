"""The state machines as data, alone: which refusal a move gets from which status."""

from __future__ import annotations

import pytest

from graph.model import FINDING_STATUSES, MOVES, REQUEST_STATUSES, TASK_STATUSES
from graph.service.moves import (
    FINDING_MOVES,
    REQUEST_MOVES,
    TASK_MOVES,
    Move,
    Refusal,
    refusal_of,
    request_transition,
)


def test_every_move_is_a_known_code_and_leads_to_a_known_status() -> None:
    assert {move.value for move in Move} == MOVES
    for machine, statuses in (
        (REQUEST_MOVES, REQUEST_STATUSES),
        (FINDING_MOVES, FINDING_STATUSES),
        (TASK_MOVES, TASK_STATUSES),
    ):
        for transition in machine.values():
            assert transition.sources <= statuses
            assert transition.target is None or transition.target in statuses


@pytest.mark.parametrize(
    ("move", "before", "refusal"),
    [
        # someone else made the same move first: the status is already where the move leads
        (Move.ACCEPT, "ACCEPTED", Refusal.CONFLICT),
        (Move.CLOSE, "CLOSED", Refusal.CONFLICT),
        (Move.DISPATCH, "DISPATCHED", Refusal.CONFLICT),
        # the machine forbids it
        (Move.ACCEPT, "OPEN", Refusal.INVALID_TRANSITION),
        (Move.ACCEPT, "DONE", Refusal.INVALID_TRANSITION),
        (Move.CANCEL, "DONE", Refusal.INVALID_TRANSITION),
        (Move.COMPLETE, "CANCELLED", Refusal.INVALID_TRANSITION),
        # a report leaves the status: refused from a status it may start from means "already reported"
        (Move.REPORT, "ACCEPTED", Refusal.CONFLICT),
        (Move.REPORT, "OPEN", Refusal.INVALID_TRANSITION),
    ],
)
def test_a_refused_move_is_a_lost_race_only_when_someone_else_made_it(
    move: Move, before: str, refusal: Refusal
) -> None:
    assert refusal_of(request_transition(move, before, "SERVICE"), before) is refusal


def test_a_whistle_may_be_dispatched_to_more_units_while_dispatched() -> None:
    whistle = request_transition(Move.DISPATCH, "DISPATCHED", "WHISTLE")
    assert whistle.sources == {"DISPATCHED"} and whistle.target is None
    other = request_transition(Move.DISPATCH, "DISPATCHED", "MICRO_WISH")
    assert other.sources == {"OPEN"} and other.target == "DISPATCHED"
