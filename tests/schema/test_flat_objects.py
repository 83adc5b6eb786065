"""Flat objects completed in one step (schema/flat.py) answer exactly what graphql-core answers.

Each query runs twice through `run_graphql` on the resolvers: once with the flat-object executor the
API uses, once with Strawberry's own execution context as the reference; the two bodies must be the
same bytes. A counting executor shows the shortcut was really taken, so a difference cannot hide
behind a path that never ran. A tiny schema of this module holds the values no fixture has (a null in
a non-null field, a value that will not coerce, an object of the wrong type).
"""

from __future__ import annotations

from collections import Counter
from enum import Enum
from typing import Any, ClassVar

import orjson
import pytest
import strawberry
from graphql import ExecutionResult, GraphQLResolveInfo, execute, parse
from graphql.execution import Executor

from graph.driver import Graph
from schema.context import make_context
from schema.execution import Engine, GraphQLRequest, run_graphql
from schema.flat import FlatObject, FlatObjectsExecutor
from schema.permissions import Role, Viewer
from schema.root import SCHEMA
from tests.conftest import FIXTURES, TODAY, load
from tests.schema.helpers import CITY_ADMIN

pytestmark = pytest.mark.anyio

ANALYST = Viewer(role=Role.ANALYST)
REFERENCE = SCHEMA.execution_context_class


class CountingExecutor(FlatObjectsExecutor):
    """Counts the objects the shortcut completed, by Python class."""

    completed: ClassVar[Counter[str]] = Counter()

    def complete_flat_object(
        self, flat: FlatObject, source: Any, info: GraphQLResolveInfo[Any]
    ) -> dict[str, Any] | None:
        answer = super().complete_flat_object(flat, source, info)
        if answer is not None:
            CountingExecutor.completed[type(source).__name__] += 1
        return answer


@pytest.fixture
def counted() -> Counter[str]:
    CountingExecutor.completed.clear()
    return CountingExecutor.completed


@pytest.fixture
async def plan_city(graph: Graph) -> Graph:
    await load(graph, FIXTURES / "plan_city")
    return graph


async def both_ways(
    graph: Graph, query: str, viewer: Viewer = CITY_ADMIN, **variables: Any
) -> dict[str, Any]:
    """The answer, after checking the flat executor's body is byte for byte the reference's."""
    bodies = []
    for executor_class in (CountingExecutor, REFERENCE):
        result = await run_graphql(
            GraphQLRequest(query, variables),
            make_context(graph, viewer, TODAY),
            engine=Engine.RESOLVERS,
            executor_class=executor_class,
        )
        assert result.path == "resolvers"
        bodies.append(result.body)
    assert bodies[0] == bodies[1]
    answer: dict[str, Any] = orjson.loads(bodies[0])
    return answer


GAPS = """
query ($scope: ID!, $withField: Boolean!, $noKind: Boolean!) {
  gaps: coverageGaps(scope: $scope) {
    __typename
    what: kind
    ...Numbers
    field @include(if: $withField)
    kind @skip(if: $noKind)
    subjectId
    residents
  }
  again: coverageGaps(scope: $scope) { ... on Gap { id: subjectId t: __typename } residents }
}
fragment Numbers on Gap { required actual id: subjectId }
"""


@pytest.mark.parametrize(("with_field", "no_kind"), [(True, False), (False, True)])
async def test_gaps_with_aliases_fragments_and_directives_answer_the_same(
    plan_city: Graph, counted: Counter[str], with_field: bool, no_kind: bool
) -> None:
    data = (await both_ways(plan_city, GAPS, scope="D", withField=with_field, noKind=no_kind))["data"]
    # The district's 52 gaps (tests/fixtures/plan_city/README.md), twice: each one completed in one step.
    assert len(data["gaps"]) == len(data["again"]) == 52
    assert counted == {"Gap": 104}
    first = data["gaps"][0]
    expected_keys = ["__typename", "what", "required", "actual", "id"]
    expected_keys += ["field"] if with_field else []
    expected_keys += [] if no_kind else ["kind"]
    assert list(first) == [*expected_keys, "subjectId", "residents"]  # the query's order, fragments merged
    assert first["__typename"] == "Gap" and data["again"][0]["t"] == "Gap"
    # A city admin sees each resident without a helper, so no row folds residents into a count: null.
    assert {gap["residents"] for gap in data["gaps"]} == {None}
    if with_field:  # ADVISER rows name their field; most rows have none
        assert {"HEALTH", None} <= {gap["field"] for gap in data["gaps"]}


async def test_an_analysts_folded_helper_row_keeps_its_count(plan_city: Graph, counted: Counter[str]) -> None:
    data = (await both_ways(plan_city, GAPS, ANALYST, scope="C1", withField=True, noKind=False))["data"]
    # C1's 16 rows with its 4 residents without a helper folded into one HELPER row of C1: 13.
    assert len(data["gaps"]) == 13 and counted == {"Gap": 26}
    assert [g["residents"] for g in data["gaps"] if g["kind"] == "HELPER"] == [4]


POLICY = """{
  policy {
    helperLoadLimit
    standards { kind field subject required description }
    adviserFields { field skill }
    skillsForNeeds { need skills }
  }
}"""


async def test_the_policys_lists_answer_the_same(plan_city: Graph, counted: Counter[str]) -> None:
    policy = (await both_ways(plan_city, POLICY))["data"]["policy"]
    # Standards and adviser fields are all leaves; a need's skills are a list, which graphql-core completes.
    assert counted["Standard"] == len(policy["standards"]) > 0
    assert counted["AdviserFieldSkill"] == len(policy["adviserFields"]) == 3  # LEGAL, HEALTH, SAFETY
    assert "NeedSkills" not in counted and policy["skillsForNeeds"]


COVERAGE = """
query ($scope: ID!) {
  coverage(scope: $scope) {
    scope { areaId standards { kind field met total } area { __typename id name } }
    children { areaId area { ... on Community { id name } } standards { kind met total share } }
  }
}"""


async def test_nested_objects_beside_flat_ones_answer_the_same(
    plan_city: Graph, counted: Counter[str]
) -> None:
    coverage = (await both_ways(plan_city, COVERAGE, scope="S1"))["data"]["coverage"]
    assert coverage["scope"]["area"] == {
        "__typename": "Street",
        "id": "S1",
        "name": coverage["scope"]["area"]["name"],
    }
    assert [child["areaId"] for child in coverage["children"]] == ["C1", "C2"]
    # The scope's standards ask only stored leaves: one step each. The children's ask `share`, which has
    # a resolver of its own, so graphql-core completes every one of them.
    assert counted["StandardCoverage"] == len(coverage["scope"]["standards"]) > 0
    assert sum(len(child["standards"]) for child in coverage["children"]) > 0


async def test_the_sample_city_answers_the_same(sample_city: Graph, counted: Counter[str]) -> None:
    query = """{
      coverageGaps(scope: "D1") { __typename kind subjectId required actual field residents }
      community(id: "C1") { __typename id name grids { id name } }
    }"""
    data = (await both_ways(sample_city, query))["data"]
    assert counted["Gap"] == len(data["coverageGaps"]) > 0
    assert data["community"]["id"] == "C1" and data["community"]["grids"]


async def test_the_api_uses_the_flat_executor_which_is_strawberrys_own_underneath() -> None:
    assert issubclass(FlatObjectsExecutor, REFERENCE)
    assert run_graphql.__kwdefaults__ is not None
    assert run_graphql.__kwdefaults__["executor_class"] is FlatObjectsExecutor


# A tiny schema with values the real one never holds.


@strawberry.enum
class Colour(Enum):
    RED = "red"


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Row(Named):
    id: strawberry.ID
    note: str | None
    size: int
    colour: Colour


@strawberry.type
class Stranger:
    name: str


def row(row_id: str, name: Any = "东湖", size: Any = 3) -> Row:
    return Row(id=strawberry.ID(row_id), name=name, note=None, size=size, colour=Colour.RED)


@strawberry.type
class TinyQuery:
    @strawberry.field
    def rows(self) -> list[Row | None]:
        # A good row; a name that is null though the schema says it cannot be; a size that is not an
        # Int; an object that is not a Row at all.
        strange: Any = Stranger(name="外人")
        return [row("1"), row("2", name=None), row("3", size="big"), strange]

    @strawberry.field
    def strict_rows(self) -> list[Row]:
        return [row("1"), row("2", name=None)]


TINY = strawberry.Schema(query=TinyQuery, types=[Row])


async def run_tiny(query: str, executor_class: type[Executor[Any]]) -> bytes:
    result = execute(TINY._schema, parse(query), executor_class=executor_class)
    if not isinstance(result, ExecutionResult):
        result = await result
    return orjson.dumps(result.formatted)


async def test_a_null_in_a_non_null_field_gives_graphql_cores_own_error(counted: Counter[str]) -> None:
    query = "{ strictRows { id name } }"
    body = await run_tiny(query, CountingExecutor)
    assert body == await run_tiny(query, TINY.execution_context_class)
    # The first row is completed in one step; the second's null name nulls the non-null list, and the
    # non-null root field with it: data is null, and the error names the field and where it was
    # (`name` starts at column 19 of the query).
    assert counted == {"Row": 1}
    assert orjson.loads(body) == {
        "data": None,
        "errors": [
            {
                "message": "Cannot return null for non-nullable field Row.name.",
                "locations": [{"line": 1, "column": 19}],
                "path": ["strictRows", 1, "name"],
            }
        ],
    }


async def test_bad_values_and_wrong_types_give_graphql_cores_own_errors(counted: Counter[str]) -> None:
    query = "{ rows { __typename id name note size colour } }"
    body = await run_tiny(query, CountingExecutor)
    assert body == await run_tiny(query, TINY.execution_context_class)
    answer = orjson.loads(body)
    assert counted == {"Row": 1}  # only the good row
    assert answer["data"]["rows"] == [
        {"__typename": "Row", "id": "1", "name": "东湖", "note": None, "size": 3, "colour": "RED"},
        None,
        None,
        None,
    ]
    errors = {tuple(error["path"]): error["message"] for error in answer["errors"]}
    assert errors == {
        ("rows", 1, "name"): "Cannot return null for non-nullable field Row.name.",
        ("rows", 2, "size"): "Int cannot represent non-integer value: 'big'",
        ("rows", 3): errors[("rows", 3)],
    }
    assert errors[("rows", 3)].startswith("Expected value of type 'Row' but got: ")


async def test_a_nullable_list_keeps_its_good_rows(counted: Counter[str]) -> None:
    query = "{ rows { id name colour } }"
    body = await run_tiny(query, CountingExecutor)
    assert body == await run_tiny(query, TINY.execution_context_class)
    rows = orjson.loads(body)["data"]["rows"]
    # The row with a null name, the unserialisable size (not asked here, so that row is fine) and the
    # stranger: only the second and the fourth fail, and each becomes null in the list.
    assert rows == [
        {"id": "1", "name": "东湖", "colour": "RED"},
        None,
        {"id": "3", "name": "东湖", "colour": "RED"},
        None,
    ]
    assert counted == {"Row": 2}
