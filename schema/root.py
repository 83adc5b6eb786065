"""The schema as served and as exported to `schema.graphql`."""

from __future__ import annotations

import strawberry

from schema.mutations import Mutation
from schema.queries import Query
from schema.types import TYPE_OF
from schema.types.scalars import SCALAR_OVERRIDES

SCHEMA = strawberry.Schema(
    query=Query, mutation=Mutation, types=list(TYPE_OF.values()), scalar_overrides=SCALAR_OVERRIDES
)
