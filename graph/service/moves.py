"""The state machines of tracked work, as data: which move leads from which statuses to which.

A service request goes OPEN -> DISPATCHED -> ACCEPTED -> DONE -> CLOSED, or to CANCELLED before it is
done; a whistle may be dispatched to more units while DISPATCHED, and each of its units reports once.
A supervision finding goes OPEN -> REPLIED -> FIXED; a weekly task item OPEN -> DONE. Pure: the
conditional writes of graph/statements/service/ take their `from` and `to` from here, and a move
that does not happen is a `ServiceError` with its `Refusal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Move(StrEnum):
    RAISE = "RAISE"
    DISPATCH = "DISPATCH"
    ACCEPT = "ACCEPT"
    COMPLETE = "COMPLETE"
    CLOSE = "CLOSE"
    CANCEL = "CANCEL"
    REPORT = "REPORT"
    RECORD = "RECORD"
    REPLY = "REPLY"
    FIX = "FIX"


class Refusal(StrEnum):
    """Why a move did not happen; the API's error code of the same name."""

    NOT_FOUND = "NOT_FOUND"
    BAD_INPUT = "BAD_INPUT"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"


class ServiceError(Exception):
    """A move or an input refused, with the reason a caller can act on."""

    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.refusal = refusal
        self.message = message


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the status stays (a whistle's report, a further dispatch)


def _t(sources: set[str], target: str | None) -> Transition:
    return Transition(frozenset(sources), target)


REQUEST_MOVES: dict[Move, Transition] = {
    Move.DISPATCH: _t({"OPEN"}, "DISPATCHED"),
    Move.ACCEPT: _t({"DISPATCHED"}, "ACCEPTED"),
    Move.COMPLETE: _t({"ACCEPTED"}, "DONE"),
    Move.CLOSE: _t({"DONE"}, "CLOSED"),
    Move.CANCEL: _t({"OPEN", "DISPATCHED", "ACCEPTED"}, "CANCELLED"),
    # A unit reports (部门报到) to a whistle it was called to, late ones too, even once it is done.
    Move.REPORT: _t({"DISPATCHED", "ACCEPTED", "DONE", "CLOSED"}, None),
}
# A whistle (街道吹哨) calls several units: while it is DISPATCHED, it may be dispatched to one more.
WHISTLE_REDISPATCH = _t({"DISPATCHED"}, None)
FINDING_MOVES: dict[Move, Transition] = {
    Move.REPLY: _t({"OPEN"}, "REPLIED"),
    Move.FIX: _t({"REPLIED"}, "FIXED"),
}
TASK_MOVES: dict[Move, Transition] = {Move.COMPLETE: _t({"OPEN"}, "DONE")}

WHISTLE = "WHISTLE"


def request_transition(move: Move, status: str, kind: str) -> Transition:
    """The transition a move of a request of this kind, now in `status`, would make."""
    if move is Move.DISPATCH and kind == WHISTLE and status in WHISTLE_REDISPATCH.sources:
        return WHISTLE_REDISPATCH
    return REQUEST_MOVES[move]


def refusal_of(transition: Transition, before: str) -> Refusal:
    """Why a move that did not happen was refused, from the status seen under the node's lock.

    The status the move would have led to (someone else made it first), or a move that leaves the
    status as it is from a status it may start from (the unit already reported, the whistle is
    already with that unit), is a lost race: CONFLICT. Anything else the machine forbids.
    """
    if before == transition.target or (transition.target is None and before in transition.sources):
        return Refusal.CONFLICT
    return Refusal.INVALID_TRANSITION
