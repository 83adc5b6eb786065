"""Limits checked before a query runs: size, tokens, depth, aliases, ids per list, page size and cost.

A query crafted to exhaust the server (34 levels of `grids { community { grids ... } } }`, 1,000
aliases of a district tree, 10,000 ids) is refused in milliseconds, with the limit and the measured
figure in `extensions`, instead of running for a minute. The checks are graphql-core validation rules,
run once per document (validation is cached), plus `check_variables` for what only variables say.

Cost weighs each field by the sizes of the lists around it: a list's size is its `first`/`limit`
argument when given as a literal, the page limit when given as a variable, and `LIST_SIZE` otherwise.
Introspection (`__schema`, `__type`) is answered from memory and bounded by the token limit alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, ClassVar

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    Node,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
    parse,
)

from schema.errors import ErrorCode

PAGE_ARGUMENTS = frozenset({"first", "limit"})
# The size assumed for a list nothing bounds: a street's communities, a building's residents.
LIST_SIZE = 5
# Lists inside a page (a connection's edges) are the page itself: counted once, at the paged field.
PAGE_LISTS = frozenset({"edges", "nodes", "entries"})


@dataclass(frozen=True)
class QueryLimits:
    """The limits, with the defaults a server starts with (GRIDWORK_LIMIT_* in gridwork/settings.py)."""

    document_bytes: int = 32_768
    tokens: int = 2_000
    depth: int = 12
    aliases: int = 30
    ids: int = 100
    page_size: int = 100
    # A whole district with its residents and servedBy, as the speed target asks for it, weighs 64,843
    # (tests/test_http_limits.py works it out); two of them in one request, 129,686, are refused, as
    # are 30 aliases of the deepest nesting the depth allows (234,330). 100,000 leaves the one district
    # room for a few more fields per building.
    cost: int = 100_000


def over_limit(
    code: ErrorCode, what: str, limit: int, measured: int, nodes: Node | list[Node] | None = None
) -> GraphQLError:
    return GraphQLError(
        f"{what} is {measured}, over the limit of {limit}",
        nodes,
        extensions={"code": code.value, "limit": limit, "measured": measured},
    )


def before_parsing(query: str, limits: QueryLimits) -> GraphQLError | None:
    """Checked before parsing: a 10 MB document costs seconds to parse, and a parser recurses per brace."""
    size = len(query.encode())
    if size > limits.document_bytes:
        return over_limit(
            ErrorCode.TOO_COSTLY, "the query document's size in bytes", limits.document_bytes, size
        )
    nesting = _nesting(query)
    # Each level of fields is one brace; arguments and input objects add a few more.
    allowed = 2 * limits.depth + 8
    if nesting > allowed:
        return over_limit(ErrorCode.TOO_COSTLY, "the nesting of braces and brackets", allowed, nesting)
    return None


@lru_cache(maxsize=1024)
def _nesting(query: str) -> int:
    """The deepest nesting of `{`, `[` and `(` outside strings."""
    deepest = level = 0
    in_string = escaped = False
    for char in query:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[(":
            level += 1
            deepest = max(deepest, level)
        elif char in "}])":
            level -= 1
    return deepest


class _Limited(ValidationRule):
    limits: ClassVar[QueryLimits]


class TokenLimit(_Limited):
    def enter_document(self, node: DocumentNode, *_: Any) -> None:
        count = 0
        token = node.loc.start_token if node.loc is not None else None
        while token is not None:
            count += 1
            token = token.next
        count = max(count - 2, 0)  # the start and end of the source are not tokens a client wrote
        if count > self.limits.tokens:
            self.report_error(
                over_limit(ErrorCode.TOO_COSTLY, "the number of tokens", self.limits.tokens, count)
            )


class AliasLimit(_Limited):
    def enter_document(self, node: DocumentNode, *_: Any) -> None:
        self.count = 0

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.alias is not None:
            self.count += 1

    def leave_document(self, node: DocumentNode, *_: Any) -> None:
        if self.count > self.limits.aliases:
            self.report_error(
                over_limit(ErrorCode.TOO_COSTLY, "the number of aliases", self.limits.aliases, self.count)
            )


class ArgumentLimits(_Limited):
    """Ids in one list argument, and the size of a page asked for with a literal."""

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        value = node.value
        if isinstance(value, ListValueNode) and len(value.values) > self.limits.ids:
            self.report_error(
                over_limit(
                    ErrorCode.BAD_INPUT,
                    f"the number of items in argument {node.name.value!r}",
                    self.limits.ids,
                    len(value.values),
                    node,
                )
            )
        if node.name.value in PAGE_ARGUMENTS and isinstance(value, IntValueNode):
            size = int(value.value)
            if size > self.limits.page_size:
                self.report_error(
                    over_limit(ErrorCode.BAD_INPUT, f"{node.name.value!r}", self.limits.page_size, size, node)
                )


class DepthAndCost(_Limited):
    """How deep each operation nests, and how many fields it may produce, before anything runs."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        root = self.context.schema.get_root_type(node.operation)
        if root is None:
            return
        walk = _Walk(self.context, self.limits)
        depth, cost = walk.selection(node.selection_set, root, 1)
        if depth > self.limits.depth:
            self.report_error(
                over_limit(ErrorCode.TOO_COSTLY, "the query's depth", self.limits.depth, depth, node)
            )
        elif cost > self.limits.cost:
            self.report_error(
                over_limit(ErrorCode.TOO_COSTLY, "the query's estimated cost", self.limits.cost, cost, node)
            )


@dataclass
class _Walk:
    context: ValidationContext
    limits: QueryLimits

    def selection(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType, multiplier: int
    ) -> tuple[int, int]:
        """(depth, cost) of a selection set under `multiplier` copies of its parent."""
        depth, cost = 0, 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                d, c = self.field(selection, parent, multiplier)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.context.schema.get_type(condition.name.value) if condition else parent
                d, c = self.selection(selection.selection_set, inner or parent, multiplier)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.context.get_fragment(selection.name.value)
                if fragment is None:
                    continue
                inner = self.context.schema.get_type(fragment.type_condition.name.value)
                d, c = self.selection(fragment.selection_set, inner or parent, multiplier)
            depth, cost = max(depth, d), cost + c
            if cost > self.limits.cost:  # no need to count further, and no risk of huge numbers
                break
        return depth, cost

    def field(self, node: FieldNode, parent: GraphQLNamedType, multiplier: int) -> tuple[int, int]:
        name = node.name.value
        if name.startswith("__"):
            return 1, 0
        definition = _field(parent, name)
        if definition is None:
            return 1, multiplier
        copies = multiplier * self.list_size(node, definition)
        if node.selection_set is None:
            return 1, copies
        depth, cost = self.selection(node.selection_set, get_named_type(definition.type), copies)
        return depth + 1, copies + cost

    def list_size(self, node: FieldNode, definition: GraphQLField) -> int:
        for argument in node.arguments or ():
            if argument.name.value in PAGE_ARGUMENTS:
                if isinstance(argument.value, IntValueNode):
                    return max(int(argument.value.value), 1)
                if isinstance(argument.value, VariableNode):
                    return self.limits.page_size
        for name in PAGE_ARGUMENTS:
            declared = definition.args.get(name)
            if declared is not None and isinstance(declared.default_value, int):
                return max(declared.default_value, 1)
        if _is_list(definition.type) and node.name.value not in PAGE_LISTS:
            return LIST_SIZE
        return 1


def _field(parent: GraphQLNamedType, name: str) -> GraphQLField | None:
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _is_list(kind: GraphQLOutputType) -> bool:
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    return isinstance(kind, GraphQLList)


@cache
def limit_rules(limits: QueryLimits) -> tuple[type[ValidationRule], ...]:
    """The rules for these limits: the same classes for the same limits, so validation stays cached."""
    bases = (TokenLimit, AliasLimit, ArgumentLimits, DepthAndCost)
    return tuple(type(f"{base.__name__}Rule", (base,), {"limits": limits}) for base in bases)


@lru_cache(maxsize=1024)
def _page_variables(query: str) -> frozenset[str]:
    """The variables a document passes as a page size (`first: $n`)."""
    names: set[str] = set()

    def visit(node: Any) -> None:
        if isinstance(node, ArgumentNode):
            if node.name.value in PAGE_ARGUMENTS and isinstance(node.value, VariableNode):
                names.add(node.value.name.value)
            return
        for key in getattr(node, "keys", ()):
            child = getattr(node, key, None)
            for item in child if isinstance(child, tuple | list) else (child,):
                if isinstance(item, Node):
                    visit(item)

    try:
        visit(parse(query, no_location=True))
    except GraphQLError:
        return frozenset()  # the parse error is reported by validation
    return frozenset(names)


def check_variables(
    query: str, variables: Mapping[str, Any] | None, limits: QueryLimits
) -> GraphQLError | None:
    """What validation cannot see: lists of ids and page sizes sent as variables."""
    if not variables:
        return None
    for name, value in variables.items():
        if isinstance(value, list) and len(value) > limits.ids:
            return over_limit(ErrorCode.BAD_INPUT, f"the number of items in ${name}", limits.ids, len(value))
    for name in _page_variables(query):
        value = variables.get(name)
        if isinstance(value, int) and value > limits.page_size:
            return over_limit(ErrorCode.BAD_INPUT, f"${name} (a page size)", limits.page_size, value)
    return None
