"""The root Mutation: one mixin class per domain, assembled here and nowhere else."""

from __future__ import annotations

import strawberry

from schema.mutations.domain import DomainMutations
from schema.mutations.planning import PlanningMutations
from schema.mutations.requests import RequestMutations


@strawberry.type(
    description="What can be written (变更): generic writes with history, helper plans, service work."
)
class Mutation(DomainMutations, PlanningMutations, RequestMutations):
    pass
