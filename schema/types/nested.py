"""Nested lists that can be long, as connections: a community's residents, an organisation's members.

They are pages of the root lists' keyset machinery, anchored on their parent: `Community.residents` is
the people list within the community, `Organisation.membersConnection` the list of the organisation's
current members. Where someone lives is personal data, so a community's residents are only those the
caller may see, and the page and its total are counted among them in the database:
- a CITY_ADMIN sees every resident;
- an AREA_ADMIN the residents inside both the community and their own area (the smaller of the two when
  one holds the other, nobody when neither does);
- a VOLUNTEER themselves and the residents they currently help;
- anyone else nobody.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.links import Link
from graph.statements.lists import ListOf
from schema.permissions import Role
from schema.types.base import Info
from schema.types.lists import (
    MAX_PAGE,
    Connection,
    MemberFilter,
    PersonFilter,
    PersonOrder,
    empty_page,
    filter_params,
    nested_page_of,
)

NestedFirst = Annotated[
    int, strawberry.argument(description=f"How many rows (每页行数), at most {MAX_PAGE}.")
]
NestedAfter = Annotated[
    str | None,
    strawberry.argument(description="The cursor of the row to start after (游标), from a previous page."),
]
ResidentFilter = Annotated[PersonFilter | None, strawberry.argument(description="Which residents (筛选).")]
NestedOrder = Annotated[
    list[PersonOrder] | None,
    strawberry.argument(description="Sort keys in order (排序); ties are broken by id."),
]


async def resident_scope(info: Info, community_id: str) -> tuple[str, list[str] | None] | None:
    """Whose residents the caller may list inside a community: (area, only these ids), or None for nobody."""
    viewer, dataloaders = info.context.viewer, info.context.dataloaders
    if viewer.role is Role.CITY_ADMIN:
        return community_id, None
    if viewer.role is Role.AREA_ADMIN and viewer.scope is not None:
        if viewer.scope in await dataloaders.areas_above.load(community_id):
            return community_id, None
        if community_id in await dataloaders.areas_above.load(viewer.scope):
            return viewer.scope, None
        return None
    if viewer.role is Role.VOLUNTEER and viewer.subject is not None:
        helped = await dataloaders.neighbours.load((Link.HELPED_BY_PERSON, viewer.subject))
        return community_id, [viewer.subject, *(n.node.id for n in helped)]
    return None


async def residents(
    root: Any,
    info: Info,
    filter: ResidentFilter = None,
    order_by: NestedOrder = None,
    first: NestedFirst = 20,
    after: NestedAfter = None,
) -> Connection[Any]:
    scope = await resident_scope(info, root.id)
    if scope is None:
        return empty_page(after)
    within, only = scope
    params = {**filter_params(filter), "ids": only}
    return await nested_page_of(
        info, ListOf.PEOPLE, within=within, params=params, order_by=order_by, first=first, after=after
    )


async def members(
    root: Any,
    info: Info,
    filter: Annotated[MemberFilter | None, strawberry.argument(description="Which members (筛选).")] = None,
    order_by: NestedOrder = None,
    first: NestedFirst = 20,
    after: NestedAfter = None,
) -> Connection[Any]:
    return await nested_page_of(
        info,
        ListOf.MEMBERS,
        within=root.id,
        params=filter_params(filter),
        order_by=order_by,
        first=first,
        after=after,
    )
