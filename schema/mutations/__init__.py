"""The root Mutation: one mixin class per domain, assembled here and nowhere else."""

from __future__ import annotations

import strawberry

from schema.mutations.planning import PlanningMutations


@strawberry.type
class Mutation(PlanningMutations):
    pass
