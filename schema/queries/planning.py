"""Planners' and analysts' root queries: gaps, coverage, cover candidates, the helper plan, the policy,
and how things in the graph are connected.

Each answer comes from one function of `graph.planning` (computed inside Neo4j); this module checks
the arguments, turns graph errors into API errors and hides what the caller may not see.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

import strawberry

from graph import planning, planning_explore
from graph.model import Label
from graph.planning import Gap as GapRecord
from graph.planning_explore import Drawing
from graph.policy import GapKind, policy
from graph.policy import Policy as PolicyRecord
from schema.errors import graph_refusals
from schema.permissions import Role
from schema.types.base import Info, wrap
from schema.types.planning import (
    AdviserFieldSkill,
    AreaCoverage,
    Candidate,
    Coverage,
    Gap,
    GraphDrawing,
    GraphEdge,
    GraphNode,
    GraphPath,
    HelperPair,
    HelperPlan,
    NeedSkills,
    Policy,
    Standard,
    StandardCoverage,
    UnmatchedResident,
)

# The analysts' drawings (connections, neighbourhood) follow current relationships unless asked.
IncludeEnded = Annotated[
    bool, strawberry.argument(description="Also relationships that have ended (含历史关系).")
]


def _sees_all_personal_data(info: Info) -> bool:
    """Only a city admin sees personal data everywhere, so only their drawings follow personal links."""
    return info.context.viewer.role is Role.CITY_ADMIN


def visible_gaps(info: Info, gaps: list[GapRecord]) -> list[Gap]:
    """The gaps as the caller may see them: a HELPER row names a resident in need, so a caller who may
    not see that resident gets one row per community instead, counting such residents."""
    viewer = info.context.viewer
    shown: list[Gap] = []
    folded: Counter[str] = Counter()
    for gap in gaps:
        hidden = gap.kind == GapKind.HELPER and not viewer.sees_personal_data(gap.subject_id, gap.areas)
        if hidden:
            folded[gap.community or "?"] += 1
        else:
            shown.append(_gap(gap))
    for community, count in sorted(folded.items()):
        shown.append(
            Gap(
                kind=GapKind.HELPER,
                subject_id=strawberry.ID(community),
                required=count,
                actual=0,
                field=None,
                residents=count,
            )
        )
    return shown


def _gap(gap: GapRecord) -> Gap:
    return Gap(
        kind=GapKind(gap.kind),
        subject_id=strawberry.ID(gap.subject_id),
        required=gap.required,
        actual=gap.actual,
        field=gap.field,
    )


def policy_type(current: PolicyRecord) -> Policy:
    return Policy(
        standards=[
            Standard(
                kind=s.kind, field=s.field, subject=s.subject, required=s.required, description=s.description
            )
            for s in current.standards()
        ],
        skills_for_needs=[
            NeedSkills(need=need, skills=list(skills))
            for need, skills in current.helpers.skills_for_needs.items()
        ],
        adviser_fields=[
            AdviserFieldSkill(field=f, skill=skill) for f, skill in current.community.adviser_fields.items()
        ],
        helper_load_limit=current.helpers.load_limit,
        request_due_hours=current.requests.due_hours,
        request_response_hours=current.requests.response_hours,
    )


def coverage_type(scope: str, rows: list[planning.StandardCoverage]) -> Coverage:
    by_area: dict[str, list[StandardCoverage]] = {}
    for row in rows:
        by_area.setdefault(row.area_id, []).append(
            StandardCoverage(kind=GapKind(row.kind), field=row.field, met=row.met, total=row.total)
        )
    areas = {
        area: AreaCoverage(area_id=strawberry.ID(area), standards=standards)
        for area, standards in by_area.items()
    }
    return Coverage(
        scope=areas.pop(scope, AreaCoverage(area_id=strawberry.ID(scope), standards=[])),
        children=[areas[area] for area in sorted(areas)],
    )


async def plan_type(info: Info, plan: planning.HelperPlan) -> HelperPlan:
    """The plan with only the residents the caller may see; the others are counted in `hidden`."""
    seen = await _residents_seen(
        info, [p.resident.id for p in plan.pairs] + [u.resident.id for u in plan.unmatched]
    )
    pairs = [pair_type(p) for p in plan.pairs if seen[p.resident.id]]
    unmatched = [u for u in plan.unmatched if seen[u.resident.id]]
    return HelperPlan(
        pairs=pairs,
        unmatched=[wrap(u.resident) for u in unmatched],
        unmatched_reasons=[UnmatchedResident(resident=wrap(u.resident), reason=u.reason) for u in unmatched],
        hidden=len(plan.pairs) + len(plan.unmatched) - len(pairs) - len(unmatched),
    )


def pair_type(pair: planning.PlannedPair) -> HelperPair:
    return HelperPair(
        helper=wrap(pair.helper), resident=wrap(pair.resident), score=pair.score, reasons=list(pair.reasons)
    )


async def _residents_seen(info: Info, ids: list[str]) -> dict[str, bool]:
    viewer, dataloaders = info.context.viewer, info.context.dataloaders
    if viewer.role is Role.CITY_ADMIN:
        return dict.fromkeys(ids, True)
    areas = await dataloaders.areas_above.load_many(ids) if viewer.needs_areas else [frozenset()] * len(ids)
    return {i: viewer.sees_personal_data(i, a) for i, a in zip(ids, areas, strict=True)}


def drawing_type(drawing: Drawing, cls: Any) -> Any:
    return cls(
        nodes=[GraphNode(id=strawberry.ID(n.id), label=n.label, name=n.name) for n in drawing.nodes],
        edges=[
            GraphEdge(
                id=e.id,
                type=e.type,
                source=strawberry.ID(e.source),
                target=strawberry.ID(e.target),
                since=e.since,
                until=e.until,
                field=e.field,
            )
            for e in drawing.edges
        ],
    )


@strawberry.type
class PlanningQueries:
    @strawberry.field(description="The standards in force (政策标准): what a gap is, from the policy file.")
    def policy(self) -> Policy:
        return policy_type(policy())

    @strawberry.field(
        description="Every unmet requirement (短板, 查漏补短) inside an area (district down to building) "
        "or for a person: one row per subject and requirement, current relationships only."
    )
    async def coverage_gaps(
        self,
        info: Info,
        scope: Annotated[strawberry.ID, strawberry.argument(description="An area or a person (区域或人员).")],
    ) -> list[Gap]:
        context = info.context
        with graph_refusals():
            gaps = await planning.coverage_gaps(
                context.graph, scope=scope, today=context.today, policy=policy()
            )
        return visible_gaps(info, gaps)

    @strawberry.field(
        description="Coverage of the standards (达标覆盖): for each requirement, how many subjects meet "
        "it out of how many, in the scope and in each area one level down."
    )
    async def coverage(
        self,
        info: Info,
        scope: Annotated[strawberry.ID, strawberry.argument(description="An area or a person (区域或人员).")],
    ) -> Coverage:
        context = info.context
        with graph_refusals():
            rows = await planning.coverage(context.graph, scope=scope, today=context.today, policy=policy())
        return coverage_type(scope, rows)

    @strawberry.field(
        description="Units that could close a gap (补短候选单位) of this kind in this community, best "
        "first, with reasons and the people who would do it. `field`: the adviser field (ADVISER) or a "
        "need code (HELPER)."
    )
    async def cover_candidates(
        self,
        info: Info,
        community_id: Annotated[strawberry.ID, strawberry.argument(description="The community (社区).")],
        kind: Annotated[GapKind, strawberry.argument(description="The requirement to meet (要求).")],
        field: Annotated[
            str | None,
            strawberry.argument(description="The adviser field or need code (领域), where the kind has one."),
        ] = None,
        limit: Annotated[int, strawberry.argument(description="How many units at most (数量).")] = 5,
    ) -> list[Candidate]:
        context = info.context
        with graph_refusals():
            found = await planning.cover_candidates(
                context.graph,
                community=community_id,
                kind=kind.value,
                field=field,
                limit=limit,
                today=context.today,
                policy=policy(),
            )
        return [
            Candidate(
                unit=wrap(c.organisation) if c.organisation.label is Label.UNIT else None,
                organisation=wrap(c.organisation),
                score=c.score,
                reasons=list(c.reasons),
                people=[wrap(p) for p in c.people],
            )
            for c in found
        ]

    @strawberry.field(
        description="A proposed pairing of helpers (结对帮扶方案) with the residents in need without a "
        "helper inside an area: as many covered as possible, then the best fit (skills, then proximity)."
    )
    async def helper_plan(
        self, info: Info, scope: Annotated[strawberry.ID, strawberry.argument(description="The area (区域).")]
    ) -> HelperPlan:
        context = info.context
        with graph_refusals():
            plan = await planning.helper_plan(
                context.graph, scope=scope, today=context.today, policy=policy()
            )
        return await plan_type(info, plan)

    @strawberry.field(
        description="The shortest paths (最短路径) between two nodes (at most 20), relationship types and "
        "directions included; current relationships only unless includeEnded."
    )
    async def connections(
        self,
        info: Info,
        from_: Annotated[
            strawberry.ID, strawberry.argument(name="from", description="The node to start at (起点).")
        ],
        to: Annotated[strawberry.ID, strawberry.argument(description="The node to end at (终点).")],
        max_hops: Annotated[
            int, strawberry.argument(description="The most relationships a path may take (最大步数).")
        ] = 4,
        include_ended: IncludeEnded = False,
    ) -> list[GraphPath]:
        context = info.context
        with graph_refusals():
            paths = await planning_explore.connections(
                context.graph,
                start=from_,
                end=to,
                max_hops=max_hops,
                include_ended=include_ended,
                personal=_sees_all_personal_data(info),
                today=context.today,
            )
        return [drawing_type(path, GraphPath) for path in paths]

    @strawberry.field(
        description="A node and its neighbourhood (周边关系图): what lies within `depth` steps of it (at "
        "most `limit` nodes besides it, nearest first), with the edges among them."
    )
    async def neighbourhood(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The node at the centre (中心节点).")],
        depth: Annotated[int, strawberry.argument(description="How many steps out (步数).")] = 1,
        limit: Annotated[
            int, strawberry.argument(description="The most nodes besides it (最多节点数).")
        ] = 100,
        include_ended: IncludeEnded = False,
    ) -> GraphDrawing:
        context = info.context
        with graph_refusals():
            drawing = await planning_explore.neighbourhood(
                context.graph,
                node=id,
                depth=depth,
                limit=limit,
                include_ended=include_ended,
                personal=_sees_all_personal_data(info),
                today=context.today,
            )
        return drawing_type(drawing, GraphDrawing)  # type: ignore[no-any-return]
