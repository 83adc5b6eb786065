"""`search(text, kinds, first)`: names across areas, people and organisations, ranked, Chinese-aware.

A hit carries an id, a kind, a name and a score, nothing of a resident's personal data.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph import search
from schema.errors import ErrorCode, api_error
from schema.types import Info
from schema.types.base import LabelKind

MAX_HITS = 100


@strawberry.enum(description="What a search hit is (搜索结果类型): the node's label, upper case.")
class SearchKind(LabelKind):
    DISTRICT = strawberry.enum_value("DISTRICT", description="District (区).")
    STREET = strawberry.enum_value("STREET", description="Street (街道).")
    COMMUNITY = strawberry.enum_value("COMMUNITY", description="Community (社区).")
    GRID = strawberry.enum_value("GRID", description="Grid (网格).")
    COMPOUND = strawberry.enum_value("COMPOUND", description="Compound (小区).")
    BUILDING = strawberry.enum_value("BUILDING", description="Building (楼栋).")
    PERSON = strawberry.enum_value("PERSON", description="Person (人员).")
    UNIT = strawberry.enum_value("UNIT", description="Government unit or public institution (机关事业单位).")
    PROPERTY_COMPANY = strawberry.enum_value(
        "PROPERTY_COMPANY", description="Property company (物业服务企业)."
    )
    OWNERS_COMMITTEE = strawberry.enum_value("OWNERS_COMMITTEE", description="Owners' committee (业委会).")
    PARTY_BRANCH = strawberry.enum_value("PARTY_BRANCH", description="Party branch (党支部).")
    SOCIAL_ORGANISATION = strawberry.enum_value(
        "SOCIAL_ORGANISATION", description="Social organisation (社会组织)."
    )
    VOLUNTEER_TEAM = strawberry.enum_value("VOLUNTEER_TEAM", description="Volunteer team (志愿服务队).")
    PARTY_COMMITTEE = strawberry.enum_value(
        "PARTY_COMMITTEE", description="Party committee (街道党工委, 社区党组织)."
    )
    PARTY_GROUP = strawberry.enum_value("PARTY_GROUP", description="Building party group (楼栋党小组).")
    ENVIRONMENT_COMMITTEE = strawberry.enum_value(
        "ENVIRONMENT_COMMITTEE",
        description="Environment and property management committee (环境和物业管理委员会).",
    )
    VENUE = strawberry.enum_value("VENUE", description="Service venue (服务阵地).")
    RESOURCE = strawberry.enum_value("RESOURCE", description="Funds, materials or a project (资源).")
    COURSE = strawberry.enum_value("COURSE", description="Training course (培训课程).")
    TRAINING_SESSION = strawberry.enum_value("TRAINING_SESSION", description="Training session (培训场次).")


@strawberry.type(description="One search hit (搜索结果): what it is and how well its name matches.")
class SearchHit:
    id: strawberry.ID = strawberry.field(description="Its id (编号).")
    kind: SearchKind = strawberry.field(description="What it is (类型).")
    name: str = strawberry.field(description="Its name (名称).")
    score: float = strawberry.field(description="How well the name matches (相关度); higher is better.")


@strawberry.type
class SearchQueries:
    @strawberry.field(
        description="Find areas, people and organisations by name (按名称搜索), best match first; Chinese "
        "text is matched by pairs of characters (南湖 finds 南湖社区), one character by containment."
    )
    async def search(
        self,
        info: Info,
        text: Annotated[
            str, strawberry.argument(description="What to look for (搜索词), e.g. 春晖 or 王建国.")
        ],
        kinds: Annotated[
            list[SearchKind] | None,
            strawberry.argument(description="Only these kinds (限定类型); all when null."),
        ] = None,
        first: Annotated[
            int, strawberry.argument(description=f"How many hits (条数), at most {MAX_HITS}.")
        ] = 20,
    ) -> list[SearchHit]:
        if not 1 <= first <= MAX_HITS:
            raise api_error(ErrorCode.BAD_INPUT, f"first: between 1 and {MAX_HITS}, got {first}")
        if len(text) > 100:
            raise api_error(ErrorCode.BAD_INPUT, "text: at most 100 characters")
        labels = [kind.label for kind in kinds] if kinds else None
        hits = await search.search(info.context.graph, text, labels=labels, first=first)
        return [
            SearchHit(id=strawberry.ID(h.id), kind=SearchKind[h.label.name], name=h.name, score=h.score)
            for h in hits
        ]
