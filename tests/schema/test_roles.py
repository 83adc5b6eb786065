"""The role matrix: every role (and no token) against every root field and mutation of the schema.

The fields come from the schema itself, so a field added without a rule in schema/permissions.py
fails here by name. Each root field is called with made-up arguments of the right types, through the
same validation rule the HTTP endpoint runs; what a role may see inside an allowed field is tested
with the reads (tests/test_app.py and the read path's own tests).
"""

from __future__ import annotations

from typing import Any

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

from schema import permissions
from schema.permissions import MUTATION_RULES, QUERY_RULES, Role, access_rule
from schema.root import SCHEMA

GRAPHQL = SCHEMA._schema
ROLES: list[Role | None] = [*Role, None]


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
        return next(iter(kind.values))
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
    errors = validate(GRAPHQL, parse(query), [access_rule(role, "authenticated")])
    return [dict(e.extensions or {}) for e in errors]


def test_every_root_field_and_mutation_has_a_rule() -> None:
    rules = {"Query": QUERY_RULES, "Mutation": MUTATION_RULES}
    missing = [f"{kind}.{name}" for kind, name, _ in root_fields() if name not in rules[kind]]
    assert missing == [], f"add who may call these to schema/permissions.py: {missing}"


@pytest.mark.parametrize(
    ("kind", "name", "field"), root_fields(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_each_role_is_allowed_exactly_what_the_table_says(kind: str, name: str, field: GraphQLField) -> None:
    query = document(kind, name, field)
    assert validate(GRAPHQL, parse(query)) == [], f"the matrix's made-up call must be valid: {query}"
    allowed = (QUERY_RULES if kind == "Query" else MUTATION_RULES).get(name, frozenset())
    for role in ROLES:
        refused = refusals(query, role)
        if role is None:
            assert refused == [{"code": "UNAUTHENTICATED"}], f"{kind}.{name} without a token"
        elif role in allowed:
            assert refused == [], f"{role} may call {kind}.{name}"
        else:
            assert refused == [{"code": "FORBIDDEN"}], f"{role} may not call {kind}.{name}"


# The policy itself, stated by hand (docs/api.md): the table above must keep saying this.


def test_an_analyst_reads_and_never_writes() -> None:
    assert all(Role.ANALYST not in roles for roles in MUTATION_RULES.values())
    assert Role.ANALYST in QUERY_RULES["people"] and Role.ANALYST in QUERY_RULES["coverageGaps"]


def test_only_the_city_admin_reads_the_audit_log() -> None:
    assert (
        refusals(
            '{ auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }',
            Role.CITY_ADMIN,
        )
        == []
    )
    query = '{ auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }'
    for role in (Role.AREA_ADMIN, Role.ANALYST, Role.VOLUNTEER):
        (error,) = validate(GRAPHQL, parse(query), [access_rule(role, "authenticated")])
        assert error.message == f"Query.auditLog is not open to {role}; it is for CITY_ADMIN"


def test_a_volunteer_finds_what_they_work_with_but_does_not_plan_or_dispatch() -> None:
    assert refusals('{ person(id: "P3") { name } }', Role.VOLUNTEER) == []
    for field in ("coverageGaps", "helperPlan", "people", "serviceMetrics"):
        assert Role.VOLUNTEER not in QUERY_RULES[field]
    for mutation in ("dispatchRequest", "closeRequest", "cancelRequest", "commitHelperPlan"):
        assert Role.VOLUNTEER not in MUTATION_RULES[mutation]
    assert Role.VOLUNTEER in MUTATION_RULES["acceptRequest"]


def test_a_field_without_a_rule_is_refused_to_everyone_even_the_city_admin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = {name: roles for name, roles in QUERY_RULES.items() if name != "district"}
    monkeypatch.setattr(permissions, "ROOT_RULES", {"Query": rules, "Mutation": MUTATION_RULES})
    errors = validate(
        GRAPHQL, parse('{ district(id: "D") { name } }'), [access_rule(Role.CITY_ADMIN, "authenticated")]
    )
    assert [e.message for e in errors] == ["Query.district has no access rule yet, so nobody may call it"]


def test_introspection_and_typename_follow_the_setting() -> None:
    schema_query = "{ __schema { queryType { name } } }"
    assert refusals("{ __typename }", None) == []
    assert refusals(schema_query, None) == [{"code": "UNAUTHENTICATED"}]
    assert refusals(schema_query, Role.VOLUNTEER) == []
    anyone = validate(GRAPHQL, parse(schema_query), [access_rule(None, "anyone")])
    assert anyone == []
    off = validate(GRAPHQL, parse(schema_query), [access_rule(Role.CITY_ADMIN, "off")])
    assert [e.extensions for e in off] == [{"code": "FORBIDDEN"}]


def test_fragments_cannot_smuggle_a_root_field_past_the_rule() -> None:
    query = 'query { ...Root } fragment Root on Query { auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } }'
    assert refusals(query, Role.ANALYST) == [{"code": "FORBIDDEN"}]
    inline = '{ ... on Query { auditLog(from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { hasNextPage } } }'
    assert refusals(inline, Role.AREA_ADMIN) == [{"code": "FORBIDDEN"}]
