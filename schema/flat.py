"""Completing flat objects in one step: a list of thousands of rows of plain leaves costs one dict each.

graphql-core completes every leaf field of every object on its own: it builds a resolve info, calls
the resolver, asks whether the value is awaitable, completes it and coerces it, about 10 µs a field.
A planner's whole-city `coverageGaps` is 8,000 objects of 6 leaves, so that is half a second of CPU
per request spent copying attributes into dicts.

`FlatObjectsExecutor` is Strawberry's own execution context with one shortcut. When the fields
selected on an object (after graphql-core has merged aliases and fragments and applied
`@skip`/`@include`) are all leaves (scalars, enums, `__typename`) read by Strawberry's default
resolver (no resolver of their own, no extensions or permissions, no arguments), and no middleware
runs, the object's answer is built directly: each value read as Strawberry reads it and coerced
with its leaf type's own `coerce_output_value`, the function graphql-core itself calls.

Anything unusual sends the object back to graphql-core, which then completes it from the start as
it always did: a null in a non-null field, a value that will not coerce, an awaitable or an
exception as a value, or a type check (`is_type_of`) that does not plainly say yes. So errors, their
messages, paths and locations, and every answer, are the ones graphql-core gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from inspect import iscoroutinefunction
from typing import Any, Final

from graphql import (
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLString,
    is_leaf_type,
)
from graphql.execution.collect_fields import FieldDetailsList
from graphql.execution.incremental.incremental_executor import DeliveryGroupMap
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

# Values of these classes are never null, awaitable or exceptions: the common case skips those checks.
_PLAIN: Final = frozenset({str, int, float, bool})
# Query-side directives that graphql-core has applied by the time fields are collected.
_APPLIED_DIRECTIVES: Final = frozenset({"skip", "include"})


def _type_name_reader(name: str) -> Callable[[Any, str], Any]:
    """What graphql-core's `__typename` resolver answers: the object type's name."""
    return lambda _source, _attribute: name


@dataclass(frozen=True, slots=True)
class FlatLeaf:
    """One leaf of a flat object: where its value comes from and how it is written out."""

    response_name: str  # the alias, or the field's GraphQL name
    read: Callable[[Any, str], Any]  # Strawberry's default resolver: getattr unless configured
    attribute: str  # the Python name, which the GraphQL name is converted from
    coerce: Callable[[Any], Any]  # the leaf type's coerce_output_value
    non_null: bool


@dataclass(frozen=True, slots=True)
class FlatObject:
    """How to complete objects of one type for one group of field nodes, made once per request."""

    leaves: tuple[FlatLeaf, ...]
    is_type_of: Callable[[Any, GraphQLResolveInfo[Any]], Any] | None


def _leaf_of(response_name: str, field: GraphQLField | None) -> FlatLeaf | None:
    """The leaf plan of one field, or None when the field needs graphql-core's own completion."""
    if field is None or field.args:
        return None
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or not _reads_an_attribute(field, definition):
        return None
    field_type = field.type
    leaf_type = field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type
    if not is_leaf_type(leaf_type):
        return None
    coerce: Callable[[Any], Any] = leaf_type.coerce_output_value
    non_null = isinstance(field_type, GraphQLNonNull)
    return FlatLeaf(response_name, definition.default_resolver, definition.python_name, coerce, non_null)


def _reads_an_attribute(field: GraphQLField, definition: StrawberryField) -> bool:
    """Whether Strawberry answers the field by reading one attribute of the object, and nothing else."""
    return (
        getattr(field.resolve, "_is_default", False) is True  # Strawberry's basic-field resolver
        and definition.base_resolver is None
        and not definition.extensions
        and not definition.permission_classes
        and not definition.directives
        and not definition.is_subscription
    )


def flat_object(return_type: GraphQLObjectType, grouped: dict[str, FieldDetailsList]) -> FlatObject | None:
    """The plan for objects of `return_type` answering `grouped`, or None when they are not flat."""
    is_type_of = return_type.is_type_of
    if is_type_of is not None and iscoroutinefunction(is_type_of):
        return None
    leaves: list[FlatLeaf] = []
    for response_name, details in grouped.items():
        nodes = [detail.node for detail in details]
        if any(
            directive.name.value not in _APPLIED_DIRECTIVES
            for node in nodes
            for directive in node.directives or ()
        ):
            return None
        field_name = nodes[0].name.value
        if field_name == "__typename":
            string = GraphQLString.coerce_output_value
            leaves.append(FlatLeaf(response_name, _type_name_reader(return_type.name), "", string, True))
            continue
        leaf = _leaf_of(response_name, return_type.fields.get(field_name))
        if leaf is None:
            return None
        leaves.append(leaf)
    return FlatObject(tuple(leaves), is_type_of) if leaves else None


class FlatObjectsExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context, completing flat objects in one step (see the module's doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed like graphql-core's own memo of collected subfields: by the identity of the field
        # details list, which is the same object for every item of a list. The list is kept alive
        # with the plan so that its id cannot be reused while this request runs.
        self._flat_objects: dict[
            tuple[GraphQLObjectType, int], tuple[FieldDetailsList, FlatObject | None]
        ] = {}

    def complete_object_value(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: DeliveryGroupMap | None,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if position_context is None and self.defer_usage_set is None:
            flat = self.flat_object_for(return_type, field_details_list)
            if flat is not None:
                completed = self.complete_flat_object(flat, result, info)
                if completed is not None:
                    return completed
        return super().complete_object_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def flat_object_for(
        self, return_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> FlatObject | None:
        """The plan for this type and these field nodes in this request, made on first use."""
        key = (return_type, id(field_details_list))
        cached = self._flat_objects.get(key)
        if cached is not None:
            return cached[1]
        flat = None
        if self.middleware_manager is None:
            grouped, new_defer_usages, forbidden = self.collect_subfields(return_type, field_details_list)
            if not new_defer_usages and not forbidden:
                flat = flat_object(return_type, grouped)
        self._flat_objects[key] = (field_details_list, flat)
        return flat

    def complete_flat_object(
        self, flat: FlatObject, source: Any, info: GraphQLResolveInfo[Any]
    ) -> dict[str, Any] | None:
        """The object's answer, or None when graphql-core must complete it (any doubt at all)."""
        if flat.is_type_of is not None:
            verdict = flat.is_type_of(source, info)
            if verdict is not True:
                close = getattr(verdict, "close", None) if self.is_awaitable(verdict) else None
                if close is not None:
                    close()  # graphql-core calls it again and awaits its own
                return None
        answer: dict[str, Any] = {}
        try:
            for leaf in flat.leaves:
                value = leaf.read(source, leaf.attribute)
                if value.__class__ not in _PLAIN:
                    if value is None or value is Undefined:
                        if leaf.non_null:
                            return None
                        answer[leaf.response_name] = None
                        continue
                    if isinstance(value, Exception) or self.is_awaitable(value):
                        return None
                coerced = leaf.coerce(value)
                if coerced is None or coerced is Undefined:
                    return None
                answer[leaf.response_name] = coerced
        except Exception:  # graphql-core completes it again and reports the error
            return None
        return answer
