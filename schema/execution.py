"""Running one GraphQL request: parse and validate once per document, then execute it.

This is the one door between HTTP (or a test, a benchmark) and the schema. It returns the response
already serialised, with an `outcome` that tells an HTTP layer which status code the
GraphQL-over-HTTP specification asks for; it knows nothing of HTTP itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

import orjson
from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    validate,
)
from graphql.execution import Executor
from graphql.execution.values import get_variable_values

from schema.compiled.run import compiled_operation, run_compiled
from schema.context import Context
from schema.errors import error_payload
from schema.flat import FlatObjectsExecutor
from schema.permissions import RootFieldGuard, refused_root_fields
from schema.root import SCHEMA

# Documents are parsed and validated once; a client sends the same few documents again and again.
DOCUMENT_CACHE_SIZE = 1024
# The largest answer sent whole; a larger one is refused with TOO_COSTLY (page through it instead).
MAX_ANSWER_BYTES = 64 * 1024 * 1024


class Engine(StrEnum):
    """Which engine answers: the compiled path where it can (AUTO), or always the resolvers."""

    AUTO = "auto"
    RESOLVERS = "resolvers"


class Outcome(StrEnum):
    EXECUTED = "executed"  # `data` is present (with field errors, perhaps)
    REQUEST_ERROR = "request_error"  # parse, validation or variable errors: no `data` entry
    NOT_ALLOWED = "not_allowed"  # a mutation over GET: nothing ran


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: Mapping[str, Any] | None = None
    operation_name: str | None = None


@dataclass(frozen=True)
class GraphQLResult:
    body: bytes  # the response as JSON: {"data": ..., "errors": [...]}
    outcome: Outcome
    path: str  # which engine answered: "resolvers" or "compiled"


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _parsed(query: str) -> DocumentNode | GraphQLError:
    try:
        return parse(query)
    except GraphQLError as error:
        return error


@lru_cache(maxsize=DOCUMENT_CACHE_SIZE)
def _validated(
    query: str, rules: tuple[type[ASTValidationRule], ...]
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    document = _parsed(query)
    if isinstance(document, GraphQLError):
        return None, (document,)
    specified = validate(SCHEMA._schema, document)
    extra = validate(SCHEMA._schema, document, list(rules)) if rules and not specified else []
    return document, tuple(specified or extra)


def operation_of(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation a request runs: the named one, or the only one; None when that is ambiguous."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((op for op in operations if op.name is not None and op.name.value == name), None)


def _body(result: ExecutionResult | None, errors: Sequence[GraphQLError] = ()) -> bytes:
    payload: dict[str, Any] = {}
    all_errors = list(errors) + list(result.errors or []) if result is not None else list(errors)
    if all_errors:
        payload["errors"] = [error_payload(error) for error in all_errors]
    if result is not None:
        payload["data"] = result.data
    return orjson.dumps(payload)


def _request_error(message: str) -> GraphQLResult:
    error = GraphQLError(message, extensions={"code": "BAD_INPUT"})
    return GraphQLResult(_body(None, [error]), Outcome.REQUEST_ERROR, "resolvers")


async def run_graphql(
    request: GraphQLRequest,
    context: Context,
    *,
    allow_mutations: bool = True,
    rules: tuple[type[ASTValidationRule], ...] = (),
    engine: Engine = Engine.AUTO,
    max_answer_bytes: int = MAX_ANSWER_BYTES,
    check_roles: bool = False,
    executor_class: type[Executor[Any]] = FlatObjectsExecutor,
) -> GraphQLResult:
    """Execute one request for the viewer in `context`; `rules` are extra validation rules (limits).

    With `check_roles`, each root field the viewer's role may not call (schema/permissions.py) is null
    with a FORBIDDEN error and never runs; the HTTP endpoint always asks for it. `executor_class` is
    graphql-core's executor for the resolvers: by default one that completes flat objects in one step
    (schema/flat.py); tests compare it with Strawberry's own.
    """
    result = await _run(
        request,
        context,
        allow_mutations=allow_mutations,
        rules=rules,
        engine=engine,
        check_roles=check_roles,
        executor_class=executor_class,
    )
    if len(result.body) > max_answer_bytes:
        return _too_large(len(result.body), max_answer_bytes, result.path)
    return result


def _too_large(size: int, limit: int, path: str) -> GraphQLResult:
    error = GraphQLError(
        f"the answer holds {size:,} bytes, over the limit of {limit:,}: ask for less at once "
        "(fewer levels, or a page of a list)",
        extensions={"code": "TOO_COSTLY", "answerBytes": size, "limitBytes": limit},
    )
    return GraphQLResult(_body(ExecutionResult(None, [error])), Outcome.EXECUTED, path)


async def _run(
    request: GraphQLRequest,
    context: Context,
    *,
    allow_mutations: bool,
    rules: tuple[type[ASTValidationRule], ...],
    engine: Engine,
    check_roles: bool,
    executor_class: type[Executor[Any]],
) -> GraphQLResult:
    document, errors = _validated(request.query, rules)
    if document is None or errors:
        return GraphQLResult(_body(None, errors), Outcome.REQUEST_ERROR, "resolvers")
    operation = operation_of(document, request.operation_name)
    if operation is None:
        return _request_error(
            "the document holds several operations: name one in operationName"
            if request.operation_name is None
            else f"no operation named {request.operation_name!r} in the document"
        )
    if operation.operation is OperationType.MUTATION and not allow_mutations:
        return GraphQLResult(b"", Outcome.NOT_ALLOWED, "resolvers")
    inputs = dict(request.variables) if request.variables is not None else {}
    coerced = get_variable_values(SCHEMA._schema, operation.variable_definitions or (), inputs)
    if isinstance(coerced, list):  # the variables do not fit their declared types
        return GraphQLResult(_body(None, coerced), Outcome.REQUEST_ERROR, "resolvers")
    role = context.viewer.role
    refused = refused_root_fields(document, operation, role) if check_roles and role else frozenset()
    guard = [RootFieldGuard(role, refused)] if role and refused else None
    compiled = None
    if engine is Engine.AUTO and guard is None:  # a refusal is rare: the resolvers answer it
        compiled = compiled_operation(request.query, document, operation, coerced, context.viewer)
    if compiled is not None:
        data, failures = await run_compiled(compiled, context, coerced)
        return GraphQLResult(_body(ExecutionResult(data, failures or None)), Outcome.EXECUTED, "compiled")
    result = execute(
        SCHEMA._schema,
        document,
        context_value=context,
        variable_values=inputs,
        operation_name=request.operation_name,
        middleware=guard,
        executor_class=executor_class,
    )
    if not isinstance(result, ExecutionResult):
        result = await result
    return GraphQLResult(_body(result), Outcome.EXECUTED, "resolvers")
