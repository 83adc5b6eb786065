"""The compiled path: one Cypher statement per root field, its answer laid out without the resolvers.

A query's statements and builders are made once per document, operation, audience and the values of
the variables that `@skip`/`@include` read; a request then only binds its arguments as parameters.
Operations the compiler cannot take run on the resolvers, counted by reason in
`gridwork_graphql_fallbacks_total`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    is_non_null_type,
)
from graphql.execution.values import VariableValues
from prometheus_client import Counter

from graph.driver import Statement
from graph.projection import Audience, audience_params, compile_read, read_value
from schema.compiled.build import Builder, make_builder
from schema.compiled.plan import RootRead, RootTypename, Unsupported, arguments, plan_operation
from schema.context import Context
from schema.permissions import Role, Viewer
from schema.root import SCHEMA

FALLBACKS = Counter(
    "gridwork_graphql_fallbacks",
    "GraphQL operations answered by the resolvers instead of the compiled path, by reason",
    ["reason"],
)
PLAN_CACHE_SIZE = 512


@dataclass(frozen=True)
class CompiledRoot:
    read: RootRead
    statement: Statement
    build: Builder


@dataclass(frozen=True)
class CompiledOperation:
    roots: tuple[CompiledRoot | RootTypename, ...]


def audience_of(viewer: Viewer) -> Audience:
    if viewer.role is Role.CITY_ADMIN:
        return Audience.EVERYONE
    if viewer.role is Role.AREA_ADMIN and viewer.scope:
        return Audience.AREA
    if viewer.role is Role.VOLUNTEER and viewer.subject:
        return Audience.SUBJECT
    return Audience.NOBODY


def _compile(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: VariableValues,
    audience: Audience,
) -> CompiledOperation:
    roots: list[CompiledRoot | RootTypename] = []
    for plan in plan_operation(schema, document, operation, variables):
        if isinstance(plan, RootTypename):
            roots.append(plan)
            continue
        statement = compile_read(f"compiled_{plan.field}", plan.root, audience)
        roots.append(CompiledRoot(plan, statement, make_builder(plan.out)))
    return CompiledOperation(tuple(roots))


_PLANS: dict[tuple[str, str | None, Audience, tuple[Any, ...]], CompiledOperation | Unsupported] = {}


def _switches(operation: OperationDefinitionNode, variables: VariableValues) -> tuple[Any, ...]:
    """The Boolean variables' values: `@skip` and `@include` may change the plan with them."""
    values = []
    for definition in operation.variable_definitions or ():
        type_node = definition.type
        while isinstance(type_node, NonNullTypeNode):
            type_node = type_node.type
        if isinstance(type_node, NamedTypeNode) and type_node.name.value == "Boolean":
            values.append(variables.coerced.get(definition.variable.name.value))
    return tuple(values)


def compiled_operation(
    query: str,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: VariableValues,
    viewer: Viewer,
) -> CompiledOperation | None:
    """The compiled form of an operation, or None (counted) when it needs the resolvers."""
    audience = audience_of(viewer)
    name = operation.name.value if operation.name else None
    key = (query, name, audience, _switches(operation, variables))
    found = _PLANS.get(key)
    if found is None:
        if len(_PLANS) >= PLAN_CACHE_SIZE:
            _PLANS.clear()
        try:
            found = _compile(SCHEMA._schema, document, operation, variables, audience)
        except Unsupported as reason:
            found = reason
        _PLANS[key] = found
    if isinstance(found, Unsupported):
        FALLBACKS.labels(reason=str(found)).inc()
        return None
    return found


async def run_compiled(
    compiled: CompiledOperation, context: Context, variables: VariableValues
) -> tuple[dict[str, Any] | None, list[GraphQLError]]:
    """Run each root field's statement, concurrently; the response's data and errors."""
    viewer = context.viewer
    base = audience_params(today=context.today, scope=viewer.scope, subject=viewer.subject)
    reads = [root for root in compiled.roots if isinstance(root, CompiledRoot)]
    values = await asyncio.gather(
        *(
            read_value(context.graph, root.statement, {**base, **arguments(root.read, variables)})
            for root in reads
        ),
        return_exceptions=True,
    )
    answers: Mapping[str, Any] = {root.read.key: value for root, value in zip(reads, values, strict=True)}
    data: dict[str, Any] | None = {}
    errors: list[GraphQLError] = []
    for root in compiled.roots:
        if isinstance(root, RootTypename):
            data[root.key] = "Query"  # type: ignore[index]
            continue
        value = answers[root.read.key]
        if isinstance(value, Exception):
            errors.append(GraphQLError(str(value), path=[root.read.key], original_error=value))
            if is_non_null_type(root.read.definition.type):
                data = None
                break
            data[root.read.key] = None  # type: ignore[index]
        else:
            data[root.read.key] = root.build(value)  # type: ignore[index]
    return data, errors
