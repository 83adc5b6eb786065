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

if TYPE_CHECKING:
    from schema.types.areas import Area
    from schema.types.organisations import Unit
    from schema.types.people import Person

AreaRef = Annotated["Area", strawberry.lazy("schema.types.areas")]
UnitRef = Annotated["Unit", strawberry.lazy("schema.types.organisations")]
PersonRef = Annotated["Person", strawberry.lazy("schema.types.people")]

strawberry.enum(GapKind, name="GapKind", description="A requirement of the standards (the policy).")


@strawberry.type(description="One unmet requirement of the standards.")
class Gap:
    kind: GapKind
    subject_id: strawberry.ID = strawberry.field(
        description="The community, compound, building or person that falls short (a HELPER_LOAD row: "
        "the helper over the limit). A HELPER row about residents the caller may not see names their "
        "community instead, with `residents` saying how many."
    )
    required: int = strawberry.field(description="At least this many (HELPER_LOAD: at most).")
    actual: int
    field: str | None = strawberry.field(description="The adviser field or team kind, where it applies.")
    residents: int | None = strawberry.field(
        default=None,
        description="For a HELPER row folded into a community: the residents in need without a helper "
        "there whom the caller may not see; null on every other row.",
    )


@strawberry.type(description="How many subjects in an area meet one requirement, out of how many.")
class StandardCoverage:
    kind: GapKind
    field: str | None
    met: int
    total: int

    @strawberry.field(description="met / total; 1 when nothing in the area is held to it.")
    def share(self) -> float:
        return 1.0 if self.total == 0 else round(self.met / self.total, 4)


@strawberry.type(description="The standards met in one area.")
class AreaCoverage:
    area_id: strawberry.ID
    standards: list[StandardCoverage]

    @strawberry.field(description="The area itself; null when the scope is a person.")
    async def area(self, info: Info) -> AreaRef | None:
        node = await info.context.dataloaders.nodes.load(self.area_id)
        return wrap(node) if node is not None and node.label.value != "Person" else None


@strawberry.type(description="Coverage of the standards in a scope and in each area one level down.")
class Coverage:
    scope: AreaCoverage
    children: list[AreaCoverage] = strawberry.field(
        description="Each area one level down (a community: its grids and its compounds), by id."
    )


@strawberry.type(description="A unit that could close a community's gap.")
class Candidate:
    unit: UnitRef
    score: float = strawberry.field(description="Higher is better; reasons say why.")
    reasons: list[str]
    people: list[PersonRef] = strawberry.field(description="Who would do it (empty for SERVICE_FUNDS).")


@strawberry.type(description="A helper proposed for (or committed to) a resident in need.")
class HelperPair:
    helper: PersonRef
    resident: PersonRef
    score: float = strawberry.field(description="0..1: mostly the share of needs met, then closeness.")
    reasons: list[str]


@strawberry.type(description="A resident in need left without a helper by the plan, and why.")
class UnmatchedResident:
    resident: PersonRef
    reason: str


@strawberry.type(description="A proposed pairing of helpers with the residents in need of an area.")
class HelperPlan:
    pairs: list[HelperPair]
    unmatched: list[PersonRef] = strawberry.field(
        description="Residents in need left without a current helper even after the plan."
    )
    unmatched_reasons: list[UnmatchedResident] = strawberry.field(
        description="The same residents, each with the reason nobody was found."
    )
    hidden: int = strawberry.field(
        description="Pairs and unmatched residents left out because the caller may not see those "
        "residents' personal data."
    )


@strawberry.input(description="One pair of a plan to commit.")
class HelperPairInput:
    helper_id: strawberry.ID
    resident_id: strawberry.ID


# --- The policy -----------------------------------------------------------------------------------


@strawberry.type(description="One requirement as the policy sets it.")
class Standard:
    kind: GapKind
    field: str | None
    subject: str = strawberry.field(description="COMMUNITY, COMPOUND, BUILDING, RESIDENT or HELPER.")
    required: int = strawberry.field(description="At least this many (HELPER_LOAD: at most).")
    description: str


@strawberry.type(description="The skills that meet one need.")
class NeedSkills:
    need: str
    skills: list[str]


@strawberry.type(description="The skill an adviser of one field needs.")
class AdviserFieldSkill:
    field: str
    skill: str


@strawberry.type(description="The standards in force (the policy file), for showing next to the gaps.")
class Policy:
    standards: list[Standard]
    skills_for_needs: list[NeedSkills]
    adviser_fields: list[AdviserFieldSkill]
    helper_load_limit: int
    request_due_hours: int
    request_response_hours: int


# --- Drawings for analysts --------------------------------------------------------------------------


@strawberry.type(description="A node as graph-drawing libraries take it.")
class GraphNode:
    id: strawberry.ID
    label: str
    name: str


@strawberry.type(description="A relationship as graph-drawing libraries take it: from source to target.")
class GraphEdge:
    id: str
    type: str
    source: strawberry.ID
    target: strawberry.ID
    since: date | None
    until: date | None
    field: str | None


@strawberry.type(description="Nodes and the edges between them.")
class GraphDrawing:
    nodes: list[GraphNode]
    edges: list[GraphEdge]


@strawberry.type(description="One shortest path: its nodes and edges in order from `from` to `to`.")
class GraphPath:
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @strawberry.field
    def length(self) -> int:
        return len(self.edges)
