"""The one door of every GraphQL request: request errors, mutations over GET, and the answer size bound."""

from __future__ import annotations

import orjson
import pytest

from graph.driver import Graph
from schema.context import make_context
from schema.execution import GraphQLRequest, Outcome, run_graphql
from tests.conftest import TODAY
from tests.schema.helpers import CITY_ADMIN

pytestmark = pytest.mark.anyio

DISTRICT = '{ district(id: "D1") { streets { communities { grids { buildings { name } } } } } }'


async def test_an_answer_over_the_size_bound_is_refused_with_its_size(sample_city: Graph) -> None:
    context = make_context(sample_city, CITY_ADMIN, TODAY)
    whole = await run_graphql(GraphQLRequest(DISTRICT), context)
    assert b'"errors"' not in whole.body
    bounded = await run_graphql(GraphQLRequest(DISTRICT), context, max_answer_bytes=len(whole.body) - 1)
    answer = orjson.loads(bounded.body)
    assert answer["data"] is None
    [error] = answer["errors"]
    assert error["extensions"] == {
        "code": "TOO_COSTLY",
        "answerBytes": len(whole.body),
        "limitBytes": len(whole.body) - 1,
    }


async def test_two_operations_without_a_name_are_bad_input(graph: Graph) -> None:
    result = await run_graphql(
        GraphQLRequest("query A { __typename } query B { __typename }"),
        make_context(graph, CITY_ADMIN, TODAY),
    )
    assert result.outcome is Outcome.REQUEST_ERROR
    [error] = orjson.loads(result.body)["errors"]
    assert error["extensions"]["code"] == "BAD_INPUT" and "operationName" in error["message"]


async def test_a_mutation_is_not_run_when_mutations_are_not_allowed(graph: Graph) -> None:
    result = await run_graphql(
        GraphQLRequest('mutation { cancelRequest(id: "R1", reason: "x") { id } }'),
        make_context(graph, CITY_ADMIN, TODAY),
        allow_mutations=False,
    )
    assert result.outcome is Outcome.NOT_ALLOWED and result.body == b""
