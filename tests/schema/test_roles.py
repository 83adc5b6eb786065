"""The role matrix: every role (and no token) against every root field and mutation of the schema.

The fields come from the schema itself, so a field added without a rule in schema/permissions.py
fails here by name. Each root field is called with made-up arguments of the right types, through the
same door the HTTP endpoint uses (`run_graphql` with the roles checked, against the real Neo4j): a
refused field answers null with the code FORBIDDEN and sends no statement at all. What a role may see
inside an allowed field is tested with the reads (tests/test_app.py and the read path's own tests).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import orjson
import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
    parse,
    validate,
)

from graph.driver import Graph, Neo4jSettings, open_graph, statements_sent
from schema import permissions
from schema.context import make_context
from schema.execution import GraphQLRequest, operation_of, run_graphql
from schema.permissions import MUTATION_RULES, QUERY_RULES, Role, Viewer, access_rule, refused_root_fields
from schema.root import SCHEMA

GRAPHQL = SCHEMA._schema
ROLES: list[Role | None] = [*Role, None]
VIEWERS = {
    Role.CITY_ADMIN: Viewer(Role.CITY_ADMIN),
    Role.AREA_ADMIN: Viewer(Role.AREA_ADMIN, scope="C1"),
    Role.ANALYST: Viewer(Role.ANALYST),
    Role.VOLUNTEER: Viewer(Role.VOLUNTEER, subject="P3"),
}


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
async def untouched(neo4j_settings: Neo4jSettings) -> AsyncIterator[Graph]:
    """A driver on the session's real Neo4j, which a refused field must never use."""
    connected = open_graph(neo4j_settings)
    try:
        yield connected
    finally:
        await connected.close()


def root_fields() -> list[tuple[str, str, GraphQLField]]:
    found = []
    for kind, root in (("Query", GRAPHQL.query_type), ("Mutation", GRAPHQL.mutation_type)):
        if root is not None:
            found += [(kind, name, field) for name, field in root.fields.items()]
    return found


def literal(kind: GraphQLInputType) -> str:
    """A value of an input type, made up: enough for a document that validates."""
    if isinstance(kind, GraphQLNonNull):
        return literal(kind.of_type)
    if isinstance(kind, GraphQLList):
        return f"[{literal(kind.of_type)}]"
    if isinstance(kind, GraphQLEnumType):
        return str(next(iter(kind.values)))
    if isinstance(kind, GraphQLInputObjectType):
        required = [
            f"{n}: {literal(f.type)}" for n, f in kind.fields.items() if isinstance(f.type, GraphQLNonNull)
        ]
        return "{" + ", ".join(required) + "}"
    assert isinstance(kind, GraphQLScalarType)
    return {"Int": "1", "Float": "1.5", "Boolean": "true"}.get(kind.name, '"2026-11-28T08:00:00+08:00"')


def document(kind: str, name: str, field: GraphQLField) -> str:
    arguments = [
        f"{n}: {literal(a.type)}" for n, a in field.args.items() if isinstance(a.type, GraphQLNonNull)
    ]
    call = f"{name}({', '.join(arguments)})" if arguments else name
    selection = "" if is_leaf_type(get_named_type(field.type)) else " { __typename }"
    return f"{'mutation' if kind == 'Mutation' else 'query'} {{ {call}{selection} }}"


def refusals(query: str, role: Role | None) -> list[dict[str, Any]]:
    """What refuses the whole request before it runs: no token, or introspection not allowed."""
    errors = validate(GRAPHQL, parse(query), [access_rule(role, "authenticated")])
    return [dict(e.extensions or {}) for e in errors]


def refused_fields(query: str, role: Role) -> frozenset[str]:
    document = parse(query)
    operation = operation_of(document, None)
    assert operation is not None
    return refused_root_fields(document, operation, role)


async def answer(graph: Graph, query: str, role: Role) -> dict[str, Any]:
    """The response the endpoint's door gives `role`, checking that no statement was sent."""
    before = statements_sent()
    request = GraphQLRequest(query)
    result = await run_graphql(request, make_context(graph, VIEWERS[role]), check_roles=True)
    assert statements_sent() == before, "a refused field must not run"
    body: dict[str, Any] = orjson.loads(result.body)
    return body


def forbidden(body: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(e["extensions"]["code"], e["path"]) for e in body.get("errors", [])]


def test_every_root_field_and_mutation_has_a_rule() -> None:
    rules = {"Query": QUERY_RULES, "Mutation": MUTATION_RULES}
    missing = [f"{kind}.{name}" for kind, name, _ in root_fields() if name not in rules[kind]]
    assert missing == [], f"add who may call these to schema/permissions.py: {missing}"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("kind", "name", "field"), root_fields(), ids=lambda v: v if isinstance(v, str) else ""
)
async def test_each_role_is_allowed_exactly_what_the_table_says(
    untouched: Graph, kind: str, name: str, field: GraphQLField
) -> None:
    query = document(kind, name, field)
    assert validate(GRAPHQL, parse(query)) == [], f"the matrix's made-up call must be valid: {query}"
    allowed = (QUERY_RULES if kind == "Query" else MUTATION_RULES).get(name, frozenset())
    assert refusals(query, None) == [{"code": "UNAUTHENTICATED"}], f"{kind}.{name} without a token"
    for role in Role:
        assert refusals(query, role) == [], "a role's refusal is the field's, not the whole request's"
        if role in allowed:
            assert refused_fields(query, role) == frozenset(), f"{role} may call {kind}.{name}"
            continue
        body = await answer(untouched, query, role)
        assert forbidden(body) == [("FORBIDDEN", [name])], f"{role} may not call {kind}.{name}"
        # The field is null; a non-null one makes the whole of `data` null, as GraphQL asks.
        assert body["data"] == (None if isinstance(field.type, GraphQLNonNull) else {name: None})


# The policy itself, stated by hand (docs/api.md): the table above must keep saying this.


def test_an_analyst_reads_and_never_writes() -> None:
    assert all(Role.ANALYST not in roles for roles in MUTATION_RULES.values())
    assert Role.ANALYST in QUERY_RULES["people"] and Role.ANALYST in QUERY_RULES["coverageGaps"]


@pytest.mark.anyio
async def test_only_the_city_admin_reads_the_audit_log(untouched: Graph) -> None:
    query = '{ auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }'
    assert refused_fields(query, Role.CITY_ADMIN) == frozenset()
    for role in (Role.AREA_ADMIN, Role.ANALYST, Role.VOLUNTEER):
        (error,) = (await answer(untouched, query, role))["errors"]
        assert error["message"] == f"Query.auditLog is not open to {role}; it is for CITY_ADMIN"


@pytest.mark.anyio
async def test_the_fields_a_role_may_call_are_answered_beside_the_refused_one(untouched: Graph) -> None:
    # A volunteer asks for __typename (open to all) and a supervision finding (not for volunteers) in
    # one request: the first is answered, the second (a nullable field) is null and refused by name,
    # and the request as a whole is not refused.
    body = await answer(untouched, '{ __typename finding(id: "F1") { id } }', Role.VOLUNTEER)
    assert forbidden(body) == [("FORBIDDEN", ["finding"])]
    assert body["data"] == {"__typename": "Query", "finding": None}


def test_a_volunteer_finds_what_they_work_with_but_does_not_plan_or_dispatch() -> None:
    assert refused_fields('{ person(id: "P3") { name } }', Role.VOLUNTEER) == frozenset()
    for field in ("coverageGaps", "helperPlan", "people", "serviceMetrics"):
        assert Role.VOLUNTEER not in QUERY_RULES[field]
    for mutation in ("dispatchRequest", "closeRequest", "cancelRequest", "commitHelperPlan"):
        assert Role.VOLUNTEER not in MUTATION_RULES[mutation]
    assert Role.VOLUNTEER in MUTATION_RULES["acceptRequest"]


@pytest.mark.anyio
async def test_a_field_without_a_rule_is_refused_to_everyone_even_the_city_admin(
    untouched: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = {name: roles for name, roles in QUERY_RULES.items() if name != "district"}
    monkeypatch.setattr(permissions, "ROOT_RULES", {"Query": rules, "Mutation": MUTATION_RULES})
    body = await answer(untouched, '{ district(id: "D") { name } }', Role.CITY_ADMIN)
    assert [e["message"] for e in body["errors"]] == [
        "Query.district has no access rule yet, so nobody may call it"
    ]


def test_introspection_and_typename_follow_the_setting() -> None:
    schema_query = "{ __schema { queryType { name } } }"
    assert refusals("{ __typename }", None) == []
    assert refusals(schema_query, None) == [{"code": "UNAUTHENTICATED"}]
    assert refusals(schema_query, Role.VOLUNTEER) == []
    anyone = validate(GRAPHQL, parse(schema_query), [access_rule(None, "anyone")])
    assert anyone == []
    off = validate(GRAPHQL, parse(schema_query), [access_rule(Role.CITY_ADMIN, "off")])
    assert [e.extensions for e in off] == [{"code": "FORBIDDEN"}]


@pytest.mark.anyio
async def test_fragments_cannot_smuggle_a_root_field_past_the_rule(untouched: Graph) -> None:
    query = 'query { ...Root } fragment Root on Query { auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }'
    assert forbidden(await answer(untouched, query, Role.ANALYST)) == [("FORBIDDEN", ["auditLog"])]
    inline = '{ ... on Query { auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } } }'
    assert forbidden(await answer(untouched, inline, Role.AREA_ADMIN)) == [("FORBIDDEN", ["auditLog"])]
    aliased = '{ log: auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }'
    assert forbidden(await answer(untouched, aliased, Role.VOLUNTEER)) == [("FORBIDDEN", ["log"])]
