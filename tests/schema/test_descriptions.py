"""GraphiQL's explorer teaches the domain: everything in the schema is described, with the Chinese term.

Walks the schema as served (graphql-core's `GraphQLSchema` behind `schema.root:SCHEMA`): every type,
interface, union, input, enum and scalar; every field and its arguments; every input field; every enum
value. Left out: introspection types (`__*`) and GraphQL's own scalars (String, Int, Float, Boolean,
ID), which the specification describes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    specified_scalar_types,
)

from schema.root import SCHEMA

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def undescribed(schema: GraphQLSchema) -> list[str]:
    """Each place whose description is missing or names no Chinese term, as `Type.field(argument)`."""
    return [
        place
        for name, kind in sorted(schema.type_map.items())
        if not name.startswith("__") and name not in specified_scalar_types
        for place, description in [(name, kind.description), *_places(kind)]
        if not description or not CJK.search(description)
    ]


def _places(kind: GraphQLNamedType) -> Iterator[tuple[str, str | None]]:
    """The enum values, fields, arguments and input fields of a type, each with its description."""
    if isinstance(kind, GraphQLEnumType):
        for value_name, value in kind.values.items():
            yield f"{kind.name}.{value_name}", value.description
    if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in kind.fields.items():
            yield f"{kind.name}.{field_name}", field.description
            for arg_name, arg in field.args.items():
                yield f"{kind.name}.{field_name}({arg_name})", arg.description
    if isinstance(kind, GraphQLInputObjectType):
        for field_name, input_field in kind.fields.items():
            yield f"{kind.name}.{field_name}", input_field.description


def test_every_type_field_argument_and_enum_value_is_described_with_its_chinese_term() -> None:
    missing = undescribed(SCHEMA._schema)
    assert missing == [], f"{len(missing)} places without a description naming the Chinese term: {missing}"


def test_the_walk_finds_what_is_undescribed() -> None:
    """The walk itself: a schema with one bare field, one English-only argument and one bare enum value."""
    from graphql import build_schema

    bare = build_schema(
        """
        "查询 (query)" type Query {
          "社区 (community)" community("the id" id: ID): String
          bare: Kind
        }
        "类型 (kind)" enum Kind { "甲 (a)" A B }
        """
    )
    assert undescribed(bare) == ["Kind.B", "Query.community(id)", "Query.bare"]
