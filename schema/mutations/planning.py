"""Committing a helper plan: the pairs a planner accepted become current HELPS, all or none."""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph import planning
from graph.policy import policy
from schema.errors import ErrorCode, api_error, graph_refusals
from schema.queries.planning import pair_type
from schema.types.base import Info
from schema.types.planning import HelperPair, HelperPairInput


@strawberry.type
class PlanningMutations:
    @strawberry.mutation(
        description="Commit a helper plan (确认结对): writes HELPS (since today) for every pair, in one "
        "transaction: a pair no longer valid (resident already helped, helper full or in need) refuses "
        "the whole plan with CONFLICT."
    )
    async def commit_helper_plan(
        self,
        info: Info,
        scope: Annotated[strawberry.ID, strawberry.argument(description="The plan's area (区域).")],
        pairs: Annotated[
            list[HelperPairInput], strawberry.argument(description="The pairs to commit (结对).")
        ],
    ) -> list[HelperPair]:
        context = info.context
        areas = await context.dataloaders.areas_above.load(scope)
        if areas and not context.viewer.may_act_in(areas):
            raise api_error(
                ErrorCode.FORBIDDEN, f"only a city admin or an admin of an area holding {scope} may commit"
            )
        with graph_refusals():
            committed = await planning.commit_helper_plan(
                context.graph,
                scope=scope,
                pairs=[(p.helper_id, p.resident_id) for p in pairs],
                today=context.today,
                policy=policy(),
                who=context.viewer.actor,
            )
        return [pair_type(p) for p in committed]
