"""Planners' and analysts' types: gaps, coverage, cover candidates, helper plans, the policy, drawings.

People in these answers are the ordinary `Person` objects, so phones, needs and homes follow the
caller's role as everywhere else. Rows that would reveal a resident's need by naming them (a HELPER
gap, a plan's pair) are shown only to callers who may see that resident's personal data; see
`docs/planning.md` for what each role sees.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.policy import GapKind
from schema.types.base import Info, wrap
from schema.types.described import described_enum

if TYPE_CHECKING:
    from schema.types.areas import Area
    from schema.types.organisations import Organisation, Unit
    from schema.types.people import Person

AreaRef = Annotated["Area", strawberry.lazy("schema.types.areas")]
UnitRef = Annotated["Unit", strawberry.lazy("schema.types.organisations")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.types.organisations")]
PersonRef = Annotated["Person", strawberry.lazy("schema.types.people")]

described_enum(
    GapKind,
    name="GapKind",
    description="A requirement of the standards (标准要求), as the policy file sets it.",
    values={
        "SECRETARY": "A community's party secretary (社区党组织书记).",
        "COMMISSIONER": "A community's party-building commissioner from a paired unit (党建专员).",
        "ADVISER": "A community's adviser in one field (顾问): `field` says which.",
        "PAIRED_UNIT": "A unit paired with the community (包联单位).",
        "SOCIAL_ORGANISATIONS": "Social organisations active in the community (社会组织).",
        "VOLUNTEER_TEAM": "A volunteer team of one kind (志愿服务队): `field` says which.",
        "VENUE": "A service venue in the community (服务阵地).",
        "SERVICE_FUNDS": "This year's service funds for the community, in yuan (服务群众专项经费).",
        "MANAGER": "A current manager of the compound (物业管理): company, self-managed committee or custodian.",
        "OWNERS_COMMITTEE": "An owners' committee of the compound (业委会).",
        "PARTY_BRANCH": "A party branch organising the compound (小区党支部).",
        "BUILDING_LEADER": "A building leader (楼栋长).",
        "BUILDING_VOLUNTEERS": "Building volunteers (楼栋志愿者).",
        "PROPERTY_STAFF": "Property service staff for the building (物业服务人员).",
        "HELPER": "A current helper of a resident in need (结对帮扶人).",
        "HELPER_LOAD": "A helper taking more residents than the limit (帮扶负担).",
        "ENVIRONMENT_COMMITTEE": "An environment and property management committee overseeing the "
        "community (环境和物业管理委员会).",
        "COMMUNITY_WORKERS": "Full-time community workers working in the community now (社区专职工作者).",
    },
)


@strawberry.type(description="One unmet requirement of the standards (短板, 查漏补短).")
class Gap:
    kind: GapKind = strawberry.field(description="The requirement not met (要求).")
    subject_id: strawberry.ID = strawberry.field(
        description="The community, compound, building or person that falls short (a HELPER_LOAD row: "
        "the helper over the limit). A HELPER row about residents the caller may not see names their "
        "community instead, with `residents` saying how many (对象编号)."
    )
    required: int = strawberry.field(description="At least this many (应有数; HELPER_LOAD: at most).")
    actual: int = strawberry.field(description="How many there are now (实有数).")
    field: str | None = strawberry.field(
        description="The adviser field or team kind, where it applies (领域)."
    )
    residents: int | None = strawberry.field(
        default=None,
        description="For a HELPER row folded into a community: the residents in need without a helper "
        "there whom the caller may not see (不可见住户数); null on every other row.",
    )


@strawberry.type(description="How many subjects in an area meet one requirement, out of how many (达标情况).")
class StandardCoverage:
    kind: GapKind = strawberry.field(description="The requirement (要求).")
    field: str | None = strawberry.field(
        description="The adviser field or team kind, where it applies (领域)."
    )
    met: int = strawberry.field(description="Subjects meeting it (达标数).")
    total: int = strawberry.field(description="Subjects held to it (应达标数).")

    @strawberry.field(description="met / total (达标率); 1 when nothing in the area is held to it.")
    def share(self) -> float:
        return 1.0 if self.total == 0 else round(self.met / self.total, 4)


@strawberry.type(description="The standards met in one area (区域达标).")
class AreaCoverage:
    area_id: strawberry.ID = strawberry.field(description="The area's id (区域编号).")
    standards: list[StandardCoverage] = strawberry.field(
        description="Each requirement's coverage (各项达标)."
    )

    @strawberry.field(description="The area itself (区域); null when the scope is a person.")
    async def area(self, info: Info) -> AreaRef | None:
        node = await info.context.dataloaders.nodes.load(self.area_id)
        return wrap(node) if node is not None and node.label.value != "Person" else None


@strawberry.type(
    description="Coverage of the standards (达标覆盖) in a scope and in each area one level down."
)
class Coverage:
    scope: AreaCoverage = strawberry.field(description="The scope itself (本区域).")
    children: list[AreaCoverage] = strawberry.field(
        description="Each area one level down (下级区域; a community: its grids and its compounds), by id."
    )


@strawberry.type(
    description="A unit that could close a community's gap (补短候选单位); for SERVICE_FUNDS, any "
    "organisation that gave funds before."
)
class Candidate:
    unit: UnitRef | None = strawberry.field(
        description="The unit (单位); null when the candidate is a social organisation or property "
        "company that gave funds (SERVICE_FUNDS)."
    )
    organisation: OrganisationRef = strawberry.field(
        description="The candidate (候选组织): the unit, or the organisation that gave funds."
    )
    score: float = strawberry.field(description="Higher is better (得分); reasons say why.")
    reasons: list[str] = strawberry.field(description="Why it fits (理由), in words.")
    people: list[PersonRef] = strawberry.field(description="Who would do it (人选; empty for SERVICE_FUNDS).")


@strawberry.type(description="A helper proposed for (or committed to) a resident in need (结对).")
class HelperPair:
    helper: PersonRef = strawberry.field(description="The helper (帮扶人).")
    resident: PersonRef = strawberry.field(description="The resident in need (帮扶对象).")
    score: float = strawberry.field(
        description="0..1 (匹配度): mostly the share of needs met, then closeness."
    )
    reasons: list[str] = strawberry.field(description="Why they fit (理由), in words.")


@strawberry.type(description="A resident in need left without a helper by the plan, and why (未结对).")
class UnmatchedResident:
    resident: PersonRef = strawberry.field(description="The resident in need (帮扶对象).")
    reason: str = strawberry.field(description="Why nobody was found (原因).")


@strawberry.type(
    description="A proposed pairing of helpers with the residents in need of an area (结对帮扶方案)."
)
class HelperPlan:
    pairs: list[HelperPair] = strawberry.field(description="The pairs proposed (结对).")
    unmatched: list[PersonRef] = strawberry.field(
        description="Residents in need left without a current helper even after the plan (未结对住户)."
    )
    unmatched_reasons: list[UnmatchedResident] = strawberry.field(
        description="The same residents, each with the reason nobody was found (未结对原因)."
    )
    hidden: int = strawberry.field(
        description="Pairs and unmatched residents left out because the caller may not see those "
        "residents' personal data (隐去条数)."
    )


@strawberry.input(description="One pair of a plan to commit (结对).")
class HelperPairInput:
    helper_id: strawberry.ID = strawberry.field(description="The helper's id (帮扶人编号).")
    resident_id: strawberry.ID = strawberry.field(description="The resident's id (帮扶对象编号).")


# --- The policy -----------------------------------------------------------------------------------


@strawberry.type(description="One requirement as the policy sets it (标准).")
class Standard:
    kind: GapKind = strawberry.field(description="The requirement (要求).")
    field: str | None = strawberry.field(
        description="The adviser field or team kind, where it applies (领域)."
    )
    subject: str = strawberry.field(
        description="What it applies to (对象): COMMUNITY, COMPOUND, BUILDING, RESIDENT or HELPER."
    )
    required: int = strawberry.field(description="At least this many (应有数; HELPER_LOAD: at most).")
    description: str = strawberry.field(description="The requirement in words (说明).")


@strawberry.type(description="The skills that meet one need (需求对应技能).")
class NeedSkills:
    need: str = strawberry.field(description="The need code (困难类型), e.g. ELDERLY_ALONE.")
    skills: list[str] = strawberry.field(description="Skill codes that meet it (技能).")


@strawberry.type(description="The skill an adviser of one field needs (顾问领域对应技能).")
class AdviserFieldSkill:
    field: str = strawberry.field(description="The adviser's field (领域): LEGAL, HEALTH or SAFETY.")
    skill: str = strawberry.field(description="The skill code that meets it (技能).")


@strawberry.type(
    description="The standards in force (政策标准, the policy file), for showing next to the gaps."
)
class Policy:
    standards: list[Standard] = strawberry.field(description="Every requirement (各项标准).")
    skills_for_needs: list[NeedSkills] = strawberry.field(
        description="Which skills meet which needs (需求对应技能)."
    )
    adviser_fields: list[AdviserFieldSkill] = strawberry.field(
        description="Which skill meets each adviser field (顾问领域对应技能)."
    )
    helper_load_limit: int = strawberry.field(
        description="The most residents one helper takes (帮扶人数上限)."
    )
    request_due_hours: int = strawberry.field(
        description="Hours from raising a request to its due time, unless given (办结时限)."
    )
    request_response_hours: int = strawberry.field(
        description="Hours within which a request should be accepted (响应时限)."
    )


# --- Drawings for analysts --------------------------------------------------------------------------


@strawberry.type(description="A node as graph-drawing libraries take it (图节点).")
class GraphNode:
    id: strawberry.ID = strawberry.field(description="Its id (编号).")
    label: str = strawberry.field(description="Its label (标签), e.g. Community.")
    name: str = strawberry.field(description="Its name (名称).")


@strawberry.type(
    description="A relationship as graph-drawing libraries take it (图关系): from source to target."
)
class GraphEdge:
    id: str = strawberry.field(description="An id for the relationship in this answer (关系编号).")
    type: str = strawberry.field(description="The relationship type (关系类型), e.g. PAIRED_WITH.")
    source: strawberry.ID = strawberry.field(description="The id of the node it starts at (起点).")
    target: strawberry.ID = strawberry.field(description="The id of the node it ends at (终点).")
    since: date | None = strawberry.field(description="Since when it holds (起始日期), if recorded.")
    until: date | None = strawberry.field(description="Until when it held or holds (截止日期), if bounded.")
    field: str | None = strawberry.field(description="The adviser's field (领域), for an adviser.")


@strawberry.type(description="Nodes and the edges between them (关系图).")
class GraphDrawing:
    nodes: list[GraphNode] = strawberry.field(description="The nodes (节点).")
    edges: list[GraphEdge] = strawberry.field(description="The relationships among them (关系).")


@strawberry.type(
    description="One shortest path (最短路径): its nodes and edges in order from `from` to `to`."
)
class GraphPath:
    nodes: list[GraphNode] = strawberry.field(description="Its nodes in order (节点).")
    edges: list[GraphEdge] = strawberry.field(description="Its relationships in order (关系).")

    @strawberry.field(description="How many relationships it takes (路径长度).")
    def length(self) -> int:
        return len(self.edges)
