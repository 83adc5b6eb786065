"""People: officials, volunteers, staff and residents. Phone, needs and home are personal data.

Each personal field is declared with its resolver (for the resolver path) and its source (for the
compiled path); `tests/schema/test_compiled.py` holds the two to the same answers for every role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from graph.links import Link
from graph.model import Label, Rel
from graph.projection import Cast, Expr, Follow, Literal, Masked, Personal, Prop, Shape
from graph.reads import Node
from schema.permissions import mask_phone
from schema.types.base import (
    Info,
    linked,
    linked_one,
    many,
    node_type,
    relationships,
    requests_along,
    sees_personal_data,
)
from schema.types.edges import Linked
from schema.types.sources import sourced

if TYPE_CHECKING:
    from schema.types.areas import Building, Community
    from schema.types.organisations import Organisation
    from schema.types.practice import TrainingRecord
    from schema.types.requests import ServiceRequest

BuildingRef = Annotated["Building", strawberry.lazy("schema.types.areas")]
CommunityRef = Annotated["Community", strawberry.lazy("schema.types.areas")]
ServiceRequestRef = Annotated["ServiceRequest", strawberry.lazy("schema.types.requests")]
TrainingRecordRef = Annotated["TrainingRecord", strawberry.lazy("schema.types.practice")]
OrganisationRef = Annotated["Organisation", strawberry.lazy("schema.types.organisations")]


async def _phone(root: Any, info: Info) -> str | None:
    phone = root.node.get("phone")
    return phone if await sees_personal_data(info, root.id) else mask_phone(phone)


async def _needs(root: Any, info: Info) -> list[str] | None:
    if not await sees_personal_data(info, root.id):
        return None
    needs: list[str] = root.node.get("needs") or []
    return needs


async def _home(root: Any, info: Info) -> Any:
    if not await sees_personal_data(info, root.id):
        return None
    return await linked_one(info, Link.HOME_OF_PERSON, root.id)


async def _helpers(root: Any, info: Info) -> list[Any]:
    if not await sees_personal_data(info, root.id):
        return []
    return await linked(info, Link.HELPERS_OF_PERSON, root.id)


async def _training(root: Any, info: Info) -> Any:
    from schema.types.practice import training_record  # the practice's types build on these

    return await training_record(info, root.id)


def _home_source(item: Shape | None) -> Expr:
    assert item is not None
    return Personal(Follow(Link.HOME_OF_PERSON, item, many=False), Literal(None))


def _helpers_source(item: Shape | None) -> Expr:
    assert item is not None
    return Personal(Follow(Link.HELPERS_OF_PERSON, item), Literal([]))


@node_type(
    Label.PERSON,
    description="人员 (person): official, volunteer, staff or resident. Phone, needs and home are personal data.",
)
class Person:
    id: strawberry.ID = strawberry.field(description="The person's id (编号), stable across imports.")
    name: str = strawberry.field(description="Name (姓名).")
    party_member: bool | None = strawberry.field(description="Whether a party member (党员).")
    skills: list[str] | None = strawberry.field(
        description="Skill codes (技能): LEGAL, MEDICAL, SAFETY, ELDERLY_CARE, ..."
    )
    node: strawberry.Private[Node]

    phone: str | None = strawberry.field(
        resolver=_phone,
        description="Phone (电话): masked (138****0001) unless the caller may see this person's personal data.",
        metadata=sourced(lambda _: Masked("phone")),
    )
    needs: list[str] | None = strawberry.field(
        resolver=_needs,
        description="Need codes (困难类型); null unless the caller may see this person's personal data.",
        metadata=sourced(lambda _: Personal(Prop("needs", Cast.EMPTY_LIST), Literal(None))),
    )
    lives_in: BuildingRef | None = strawberry.field(
        resolver=_home,
        description="Home building (居住楼栋); null unless the caller may see this person's personal data.",
        metadata=sourced(_home_source),
    )
    organisations: list[OrganisationRef] = many(
        Link.ORGANISATIONS_OF_PERSON,
        description="Organisations this person works for or belongs to (所属组织).",
    )
    helpers: list[Person] = strawberry.field(
        resolver=_helpers,
        description="Current helpers (结对帮扶人) of this resident, when the caller may see them.",
        metadata=sourced(_helpers_source),
    )
    home_links: list[Linked[BuildingRef]] = relationships(
        Link.HOME_OF_PERSON,
        personal=True,
        description="Homes (居住) with their dates: current, or all with `includeEnded` (moves); empty unless "
        "the caller may see this person's personal data.",
    )
    organisation_links: list[Linked[OrganisationRef]] = relationships(
        Link.ORGANISATIONS_OF_PERSON, description="Memberships (任职) with role and dates: current, or all."
    )
    helper_links: list[Linked[Person]] = relationships(
        Link.HELPERS_OF_PERSON,
        personal=True,
        description="Pairings with helpers (结对帮扶) with dates; empty unless the caller may see this person.",
    )
    helping_links: list[Linked[Person]] = relationships(
        Link.HELPED_BY_PERSON,
        visible_only=True,
        description="Pairings with residents helped (帮扶对象) with dates, those the caller may see.",
    )
    reported_to: list[CommunityRef] = many(
        Link.REPORTED_TO_OF_PERSON,
        description="Communities this party member reports to where they live (双报到).",
    )
    requests_raised: list[ServiceRequestRef] = requests_along(
        Rel.RAISED_BY,
        personal=True,
        description="Requests this person raised (诉求), newest first; empty unless the caller may see "
        "this person's personal data.",
    )
    requests_accepted: list[ServiceRequestRef] = requests_along(
        Rel.ACCEPTED_BY, description="Requests this person took on (接单), newest first."
    )
    training_record: TrainingRecordRef = strawberry.field(
        resolver=_training,
        description="Training record (培训档案): every session attended, with scores and totals.",
    )
    helping: list[Person] = many(
        Link.HELPED_BY_PERSON,
        visible_only=True,
        description="Residents this person currently helps (帮扶对象), those the caller may see.",
    )
