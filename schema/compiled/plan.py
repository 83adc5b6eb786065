"""From a GraphQL operation to projections: what each root field reads, and how its answer is laid out.

For every root field the plan holds a `graph.projection` root (compiled to one Cypher statement by
`graph/`) and an `Out` tree saying which response key each position of the answer's lists fills. A
field whose source is unknown makes the whole operation `Unsupported`: it then runs on the resolvers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    is_leaf_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_directive_values
from graphql.type.directives import GraphQLIncludeDirective, GraphQLSkipDirective

from graph.projection import ById, Cast, Expr, Prop, Shape, Variant
from schema.queries.areas import ROOT, RootSource
from schema.types.base import label_of
from schema.types.sources import ARGUMENT_SOURCE, SOURCE, ArgumentSource, Source


class Unsupported(Exception):
    """The compiled path cannot answer this operation; the message is the reason, for the metrics."""


@dataclass(frozen=True)
class OutField:
    key: str
    kind: str  # "value", "typename", "object" or "objects"
    node: OutNode | None = None


@dataclass(frozen=True)
class OutVariant:
    typename: str
    fields: tuple[OutField, ...]


@dataclass(frozen=True)
class OutNode:
    """How one object is laid out: one variant, or one per concrete type (led by its index)."""

    variants: tuple[OutVariant, ...]
    indexed: bool


@dataclass(frozen=True)
class RootRead:
    key: str  # the response key
    field: str  # the root field's name, naming its statement in the metrics
    root: ById
    out: OutNode
    definition: GraphQLField  # with `node`, gives the arguments of each request
    node: FieldNode


@dataclass(frozen=True)
class RootTypename:
    key: str


RootPlan = RootRead | RootTypename


@dataclass
class _Planner:
    schema: GraphQLSchema
    fragments: Mapping[str, FragmentDefinitionNode]
    variables: VariableValues

    def included(self, node: FieldNode | FragmentSpreadNode | InlineFragmentNode) -> bool:
        skip = get_directive_values(GraphQLSkipDirective, node, self.variables)
        if skip is not None and skip.get("if") is True:
            return False
        include = get_directive_values(GraphQLIncludeDirective, node, self.variables)
        return not (include is not None and include.get("if") is False)

    def applies(self, condition: str | None, runtime: GraphQLObjectType) -> bool:
        if condition is None or condition == runtime.name:
            return True
        abstract = self.schema.get_type(condition)
        return isinstance(abstract, GraphQLInterfaceType) and self.schema.is_sub_type(abstract, runtime)

    def collect(
        self, runtime: GraphQLObjectType, selections: SelectionSetNode, into: dict[str, list[FieldNode]]
    ) -> dict[str, list[FieldNode]]:
        """GraphQL's CollectFields: response keys in order, each with the field nodes merged under it."""
        for selection in selections.selections:
            if not self.included(selection):  # type: ignore[arg-type]
                continue
            if isinstance(selection, FieldNode):
                key = selection.alias.value if selection.alias else selection.name.value
                into.setdefault(key, []).append(selection)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition.name.value if selection.type_condition else None
                if self.applies(condition, runtime):
                    self.collect(runtime, selection.selection_set, into)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments[selection.name.value]
                if self.applies(fragment.type_condition.name.value, runtime):
                    self.collect(runtime, fragment.selection_set, into)
        return into

    def node(self, named: Any, nodes: list[FieldNode]) -> tuple[Shape, OutNode]:
        """The shape and layout of an object-typed field's value, from its merged sub-selections."""
        if isinstance(named, GraphQLObjectType):
            fields, out = self.fields(named, nodes)
            return Shape((Variant(None, fields),)), OutNode((OutVariant(named.name, out),), indexed=False)
        if not isinstance(named, GraphQLInterfaceType):
            raise Unsupported(f"type {named.name}")
        variants, outs = [], []
        for runtime in sorted(self.schema.get_possible_types(named), key=lambda t: t.name):
            label = label_of(runtime.name)
            if label is None:
                raise Unsupported(f"type {runtime.name} has no label")
            fields, out = self.fields(runtime, nodes)
            variants.append(Variant(frozenset({label}), fields))
            outs.append(OutVariant(runtime.name, out))
        return Shape(tuple(variants)), OutNode(tuple(outs), indexed=True)

    def fields(
        self, runtime: GraphQLObjectType, nodes: list[FieldNode]
    ) -> tuple[tuple[Expr, ...], tuple[OutField, ...]]:
        collected: dict[str, list[FieldNode]] = {}
        for node in nodes:
            if node.selection_set is not None:
                self.collect(runtime, node.selection_set, collected)
        exprs: list[Expr] = []
        outs: list[OutField] = []
        for key, merged in collected.items():
            name = merged[0].name.value
            if name == "__typename":
                outs.append(OutField(key, "typename"))
                continue
            field = runtime.fields[name]
            expr, out = self.field(runtime, name, field, merged, key)
            exprs.append(expr)
            outs.append(out)
        return tuple(exprs), tuple(outs)

    def field(
        self, runtime: GraphQLObjectType, name: str, field: GraphQLField, merged: list[FieldNode], key: str
    ) -> tuple[Expr, OutField]:
        source: Source | None = _metadata(field).get(SOURCE)
        if field.args:
            source = self.with_arguments(runtime, name, field, merged[0])
        named = get_named_type(field.type)
        if is_leaf_type(named):
            if source is not None:
                return source(None), OutField(key, "value")
            if field.resolve is not None and _has_resolver(field):
                raise Unsupported(f"{runtime.name}.{name} has a resolver and no source")
            return Prop(name, Cast.FLOAT if named.name == "Float" else Cast.NONE), OutField(key, "value")
        if source is None:
            raise Unsupported(f"{runtime.name}.{name} has no source")
        shape, out = self.node(named, merged)
        kind = "objects" if _is_list(field.type) else "object"
        return source(shape), OutField(key, kind, out)

    def with_arguments(
        self, runtime: GraphQLObjectType, name: str, field: GraphQLField, node: FieldNode
    ) -> Source:
        """A field's source given its arguments: only Boolean ones, which shape the statement itself."""
        by_arguments: ArgumentSource | None = _metadata(field).get(ARGUMENT_SOURCE)
        if by_arguments is None or any(
            get_named_type(arg.type).name != "Boolean" for arg in field.args.values()
        ):
            raise Unsupported(f"{runtime.name}.{name} takes arguments")
        arguments = get_argument_values(field, node, self.variables)
        return lambda item: by_arguments(item, arguments)


def _metadata(field: GraphQLField) -> Mapping[str, Any]:
    definition = field.extensions.get("strawberry-definition")
    metadata: Mapping[str, Any] = getattr(definition, "metadata", None) or {}
    return metadata


def _has_resolver(field: GraphQLField) -> bool:
    definition = field.extensions.get("strawberry-definition")
    return getattr(definition, "base_resolver", None) is not None


def _is_list(type_: Any) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def plan_operation(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: VariableValues,
) -> tuple[RootPlan, ...]:
    """The plan of a query operation; raises Unsupported when part of it needs the resolvers."""
    if operation.operation is not OperationType.QUERY:
        raise Unsupported(f"{operation.operation.value} operation")
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    planner = _Planner(schema, fragments, variables)
    query = schema.query_type
    assert query is not None
    plans: list[RootPlan] = []
    for key, merged in planner.collect(query, operation.selection_set, {}).items():
        name = merged[0].name.value
        if name == "__typename":
            plans.append(RootTypename(key))
            continue
        if name.startswith("__"):
            raise Unsupported("introspection")
        field = query.fields[name]
        root: RootSource | None = _metadata(field).get(ROOT)
        if root is None:
            raise Unsupported(f"Query.{name} has no compiled root")
        shape, out = planner.node(get_named_type(field.type), merged)
        plans.append(RootRead(key, name, root(shape), out, field, merged[0]))
    return tuple(plans)


def arguments(read: RootRead, variables: VariableValues) -> dict[str, Any]:
    """The root field's arguments in this request, coerced: the statement's parameters."""
    return get_argument_values(read.definition, read.node, variables)
