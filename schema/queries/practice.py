"""Root queries of the practice's pieces: the party chain, community workers and committee, training."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from graph import practice
from graph.model import AREA_LABELS, Label
from schema.errors import ErrorCode, api_error
from schema.types import Info, wrap
from schema.types.practice import (
    CommunityWorker,
    Course,
    EnvironmentCommittee,
    PartyChainLevel,
    PartyCommittee,
    PartyGroup,
    TrainingRecord,
    TrainingSession,
    TrainingTotalsType,
    community_committee,
    community_workers,
    party_chain,
    training_record,
)


async def _node(info: Info, node_id: str, *labels: Label) -> object | None:
    node = await info.context.dataloaders.nodes.load(node_id)
    return wrap(node) if node is not None and node.label in labels else None


async def _require(info: Info, node_id: str, argument: str, *labels: Label) -> None:
    node = await info.context.dataloaders.nodes.load(node_id)
    if node is None:
        raise api_error(ErrorCode.NOT_FOUND, f"{argument}: nothing has the id {node_id}")
    if node.label not in labels:
        wanted = " or ".join(sorted(label.value for label in labels))
        raise api_error(ErrorCode.BAD_INPUT, f"{argument}: {node_id} is a {node.label.value}, not a {wanted}")


Id = Annotated[strawberry.ID, strawberry.argument(description="Its id (编号).")]


@strawberry.type
class PracticeQueries:
    @strawberry.field(description="A party committee by id (街道党工委 or 社区党组织).")
    async def party_committee(self, info: Info, id: Id) -> PartyCommittee | None:
        return await _node(info, id, Label.PARTY_COMMITTEE)  # type: ignore[return-value]

    @strawberry.field(description="A building party group by id (楼栋党小组).")
    async def party_group(self, info: Info, id: Id) -> PartyGroup | None:
        return await _node(info, id, Label.PARTY_GROUP)  # type: ignore[return-value]

    @strawberry.field(
        description="An environment and property management committee by id (环境和物业管理委员会)."
    )
    async def environment_committee(self, info: Info, id: Id) -> EnvironmentCommittee | None:
        return await _node(info, id, Label.ENVIRONMENT_COMMITTEE)  # type: ignore[return-value]

    @strawberry.field(description="A training course by id (培训课程).")
    async def course(self, info: Info, id: Id) -> Course | None:
        return await _node(info, id, Label.COURSE)  # type: ignore[return-value]

    @strawberry.field(description="A training session by id (培训场次).")
    async def training_session(self, info: Info, id: Id) -> TrainingSession | None:
        return await _node(info, id, Label.TRAINING_SESSION)  # type: ignore[return-value]

    @strawberry.field(
        description="The five levels of the party organisation above a building (五级党组织链): 街道党工委, "
        "社区党组织, 网格党支部, 楼栋党小组, 党员中心户, each with the people at it."
    )
    async def party_chain(
        self, info: Info, building_id: Annotated[strawberry.ID, strawberry.argument(description="楼栋 id.")]
    ) -> list[PartyChainLevel]:
        await _require(info, building_id, "buildingId", Label.BUILDING)
        return await party_chain(info, building_id)

    @strawberry.field(
        description="A community's full-time workers (社区专职工作者) and cadres sent down (下沉干部)."
    )
    async def community_workers(
        self,
        info: Info,
        community_id: Annotated[strawberry.ID, strawberry.argument(description="社区 id.")],
        include_ended: Annotated[
            bool, strawberry.argument(description="Also those whose work there has ended (含已结束).")
        ] = False,
    ) -> list[CommunityWorker]:
        await _require(info, community_id, "communityId", Label.COMMUNITY)
        return await community_workers(info, community_id, include_ended)

    @strawberry.field(
        description="A community's environment and property management committee (环境和物业管理委员会)."
    )
    async def community_committee(
        self, info: Info, community_id: Annotated[strawberry.ID, strawberry.argument(description="社区 id.")]
    ) -> EnvironmentCommittee | None:
        await _require(info, community_id, "communityId", Label.COMMUNITY)
        return await community_committee(info, community_id)

    @strawberry.field(description="A person's training record (培训档案).")
    async def training_record(
        self, info: Info, person_id: Annotated[strawberry.ID, strawberry.argument(description="人员 id.")]
    ) -> TrainingRecord:
        await _require(info, person_id, "personId", Label.PERSON)
        return await training_record(info, person_id)

    @strawberry.field(
        description="Training ordered by the communities at or below an area (区域培训统计), optionally "
        "between two days."
    )
    async def training_totals(
        self,
        info: Info,
        scope: Annotated[strawberry.ID, strawberry.argument(description="Any area id (区域).")],
        from_date: Annotated[
            date | None, strawberry.argument(name="from", description="First day counted (起始日期).")
        ] = None,
        to_date: Annotated[
            date | None, strawberry.argument(name="to", description="Last day counted (截止日期).")
        ] = None,
    ) -> TrainingTotalsType:
        await _require(info, scope, "scope", *AREA_LABELS)
        totals = await practice.training_totals(
            info.context.graph, scope, today=info.context.today, from_date=from_date, to_date=to_date
        )
        return TrainingTotalsType.from_record(totals)
