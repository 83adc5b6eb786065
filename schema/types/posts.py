"""The service platform's GraphQL types for posts (认岗) and the pool of what a party member could take
on in a community they reported to (双报到), built from records of `graph.service.posts`.
"""

from __future__ import annotations

import strawberry

from graph import service
from schema.types.areas import Community
from schema.types.base import wrap
from schema.types.people import Person
from schema.types.requests import ServiceRequest, optional_node


@strawberry.type(description="认岗: a post a community publishes for party members to claim.")
class ServicePost:
    record: strawberry.Private[service.Post]

    @strawberry.field(description="Its id (编号).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field(description="What is asked, in a line (标题).")
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field(description="The skill it calls for, if any (所需技能).")
    def skill(self) -> str | None:
        return self.record.node.get("skill")  # type: ignore[no-any-return]

    @strawberry.field(description="How many people it takes (岗位名额).")
    def slots(self) -> int:
        return self.record.slots

    @strawberry.field(description="Slots not held now (空余名额).")
    def free(self) -> int:
        return max(self.record.slots - len(self.record.holders), 0)

    @strawberry.field(description="The community publishing it (社区).")
    def community(self) -> Community | None:
        return optional_node(self.record.community)  # type: ignore[no-any-return]

    @strawberry.field(description="Who holds it now (在岗人员), first claimed first.")
    def holders(self) -> list[Person]:
        return [wrap(h.person) for h in self.record.holders]


@strawberry.type(
    description="Something a party member could take on in a community they reported to (双报到): a "
    "request not yet taken or a post with a free slot, with how their skills fit and whom to contact."
)
class Opportunity:
    request: ServiceRequest | None = strawberry.field(description="The request, if it is one (诉求).")
    post: ServicePost | None = strawberry.field(description="The post, if it is one (岗位).")
    community: Community = strawberry.field(description="The community it is in (社区).")
    contact: Person | None = strawberry.field(
        description="Whom to contact (联系人): the commissioner the dispatched unit sent to the community, "
        "else its secretary."
    )
    fit: float = strawberry.field(
        description="How their skills fit (匹配度): 1: a skill it names they have; 0.5: it names none; "
        "0: they lack it."
    )
