"""The graph's refusals reach the client with the code docs/api.md gives them, and the graph's message."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from graph import planning, planning_explore, writes
from graph.service.moves import Refusal, ServiceError
from schema.errors import ErrorCode, graph_refusals


@pytest.mark.parametrize(
    ("refused", "code"),
    [
        # An unknown id is NOT_FOUND, wherever it is refused.
        (writes.NotFound("fromId", "nothing has the id P9"), "NOT_FOUND"),
        (planning.ScopeNotFound("no area or person has id X"), "NOT_FOUND"),
        (planning.PlanUnknownPerson("pair 1: X is no person"), "NOT_FOUND"),
        (planning_explore.UnknownNode("no node has id X"), "NOT_FOUND"),
        # Input that can never work is BAD_INPUT.
        (writes.BadInput("props.name", "expected text"), "BAD_INPUT"),
        (planning.NotAScope("V1 is a Venue"), "BAD_INPUT"),
        (planning.PlanBadInput("pair 2: twice the same resident"), "BAD_INPUT"),
        (planning.CandidateQueryError("field: only for ADVISER"), "BAD_INPUT"),
        (planning_explore.ExploreError("depth: 1 to 3"), "BAD_INPUT"),
        # What the graph holds now stands in the way: CONFLICT.
        (writes.Conflict("toId", "the link already holds"), "CONFLICT"),
        (planning.PlanConflict("pair 1: the helper is full"), "CONFLICT"),
        # A service move carries its refusal, named like its code.
        (ServiceError(Refusal.INVALID_TRANSITION, "request R1 is DONE"), "INVALID_TRANSITION"),
        (ServiceError(Refusal.CONFLICT, "request R1 was accepted by P2"), "CONFLICT"),
    ],
)
def test_each_refusal_gets_its_code_and_keeps_its_message(refused: Exception, code: str) -> None:
    with pytest.raises(GraphQLError) as caught, graph_refusals():
        raise refused
    assert caught.value.extensions == {"code": code}
    assert caught.value.message == str(refused)


def test_every_service_refusal_is_an_api_code() -> None:
    assert {refusal.value for refusal in Refusal} <= {code.value for code in ErrorCode}


def test_anything_else_passes_through() -> None:
    # A bug of ours is not a refusal: it must reach the error handler as itself (INTERNAL there).
    with pytest.raises(KeyError), graph_refusals():
        raise KeyError("x")
