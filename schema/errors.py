"""The API's error codes, carried in `errors[].extensions.code` (docs/api.md), and how each is shown.

Every error leaves with a code. The graph's own failures get theirs here: a Neo4j that does not
answer is UNAVAILABLE, a statement over its time budget TOO_COSTLY. Anything else unexpected is
INTERNAL: the client gets the request id to quote and nothing of the insides; the log gets the
exception's type and where it was raised, never its message (which may hold a value a client sent).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from typing import Any

from graphql import GraphQLError

from graph import planning, planning_explore, writes
from graph.driver import GraphUnavailable, StatementTimedOut
from graph.service.moves import ServiceError

log = logging.getLogger("gridwork.errors")

# The id of the HTTP request being served, set by the app for each request (and echoed in X-Request-ID).
REQUEST_ID: ContextVar[str | None] = ContextVar("request_id", default=None)


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    BAD_INPUT = "BAD_INPUT"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    UNAVAILABLE = "UNAVAILABLE"
    TOO_COSTLY = "TOO_COSTLY"
    INTERNAL = "INTERNAL"


UNAVAILABLE_MESSAGE = "the database does not answer right now: try again in a few seconds"


def api_error(code: ErrorCode, message: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value, **extensions})


# What the graph refuses, with the code a client acts on. The graph's message goes out as it is: it
# names the input at fault and never holds personal data. A service move carries its own `Refusal`,
# named like its code.
REFUSAL_CODES: dict[type[Exception], ErrorCode] = {
    writes.NotFound: ErrorCode.NOT_FOUND,
    writes.BadInput: ErrorCode.BAD_INPUT,
    writes.Conflict: ErrorCode.CONFLICT,
    planning.ScopeNotFound: ErrorCode.NOT_FOUND,
    planning.PlanUnknownPerson: ErrorCode.NOT_FOUND,
    planning_explore.UnknownNode: ErrorCode.NOT_FOUND,
    planning.NotAScope: ErrorCode.BAD_INPUT,
    planning.PlanBadInput: ErrorCode.BAD_INPUT,
    planning.CandidateQueryError: ErrorCode.BAD_INPUT,
    planning_explore.ExploreError: ErrorCode.BAD_INPUT,
    planning.PlanConflict: ErrorCode.CONFLICT,
}


@contextmanager
def graph_refusals() -> Iterator[None]:
    """What the graph refuses inside the block (a write, a move, a plan) as the API's error with its code."""
    try:
        yield
    except ServiceError as error:
        raise api_error(ErrorCode(error.refusal.value), error.message) from None
    except tuple(REFUSAL_CODES) as error:
        code = next(REFUSAL_CODES[kind] for kind in type(error).__mro__ if kind in REFUSAL_CODES)
        raise api_error(code, str(error)) from None


def error_payload(error: GraphQLError) -> dict[str, Any]:
    """An error as the response carries it: always with a code, never with a stack trace."""
    payload = error.formatted
    extensions = dict(payload.get("extensions") or {})
    if "code" in extensions:
        return {**payload, "extensions": extensions}
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        extensions["code"] = ErrorCode.BAD_INPUT.value
    elif isinstance(original, GraphUnavailable):
        log.warning("Neo4j does not answer: %s", original)
        extensions["code"] = ErrorCode.UNAVAILABLE.value
        payload = {**payload, "message": UNAVAILABLE_MESSAGE}
    elif isinstance(original, StatementTimedOut):
        extensions["code"] = ErrorCode.TOO_COSTLY.value
        extensions["limitSeconds"] = original.seconds
        payload = {**payload, "message": f"{original}: ask for less at once, or try again shortly"}
    else:  # a bug of ours: say nothing of its insides
        request_id = REQUEST_ID.get()
        log_internal(original)
        extensions["code"] = ErrorCode.INTERNAL.value
        extensions["requestId"] = request_id
        payload = {**payload, "message": f"an unexpected error occurred (request {request_id})"}
    return {**payload, "extensions": extensions}


def log_internal(error: BaseException) -> None:
    """Where an unexpected error was raised, for whoever fixes it: the type and the frames only."""
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("unexpected %s\n%s", type(error).__name__, frames.rstrip())
