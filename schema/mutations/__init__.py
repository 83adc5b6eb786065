"""The root Mutation: one mixin class per domain, assembled here and nowhere else."""

from __future__ import annotations

import strawberry

from schema.mutations.domain import DomainMutations
from schema.mutations.planning import PlanningMutations
from schema.mutations.requests import RequestMutations


@strawberry.type
class Mutation(DomainMutations, PlanningMutations, RequestMutations):
    pass
