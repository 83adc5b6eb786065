"""The root lists: one per kind, filtered, sorted, paged with keyset cursors, with a total.

Personal data in filters: where someone lives and what they need are personal data, so a people list
`within` an area or filtered by `needs` is for a CITY_ADMIN anywhere and an AREA_ADMIN inside their
own area (without `within` their list is narrowed to it); anyone else gets FORBIDDEN.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from graph.model import AREA_LABELS
from graph.statements.lists import ListOf
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types import (
    Building,
    Community,
    Compound,
    District,
    Grid,
    Info,
    Organisation,
    Person,
    Street,
    Unit,
)
from schema.types.lists import (
    MAX_PAGE,
    AreaFilter,
    BuildingFilter,
    BuildingOrder,
    CommunityFilter,
    CommunityOrder,
    CompoundFilter,
    CompoundOrder,
    Connection,
    CourseFilter,
    CourseOrder,
    DistrictFilter,
    DistrictOrder,
    GridFilter,
    GridOrder,
    OrganisationFilter,
    OrganisationOrder,
    PersonFilter,
    PersonOrder,
    StreetFilter,
    StreetOrder,
    TrainingSessionFilter,
    TrainingSessionOrder,
    UnitFilter,
    UnitOrder,
    check_first,
    filter_params,
    page_of,
)
from schema.types.practice import Course, TrainingSession

WITHIN = "Only what lies in this area's subtree (区域范围): any area id."
FIRST = f"How many rows (每页行数), at most {MAX_PAGE}."
AFTER = "The cursor of the row to start after (游标), from a previous page."
ORDER_BY = "Sort keys in order (排序); ties are broken by id."


async def _check_within(info: Info, within: str | None) -> None:
    if within is None:
        return
    node = await info.context.dataloaders.nodes.load(within)
    if node is None:
        raise api_error(ErrorCode.NOT_FOUND, f"within: no area has the id {within}")
    if node.label not in AREA_LABELS:
        raise api_error(ErrorCode.BAD_INPUT, f"within: {within} is a {node.label.value}, not an area")


async def _personal_scope(info: Info, within: str | None, personal: str) -> str | None:
    """The area a people list with a personal-data filter may cover, or FORBIDDEN (module docstring)."""
    viewer = info.context.viewer
    if viewer.role is Role.CITY_ADMIN:
        return within
    if viewer.role is Role.AREA_ADMIN and viewer.scope is not None:
        if within is None:
            return viewer.scope
        if viewer.scope in await info.context.dataloaders.areas_above.load(within):
            return within
    raise api_error(
        ErrorCode.FORBIDDEN,
        f"{personal}: a people list by {personal} shows personal data, only for admins of the area",
    )


async def list_page(
    info: Info,
    of: ListOf,
    *,
    within: str | None,
    filter: AreaFilter | None,
    order_by: list[Any] | None,
    first: int,
    after: str | None,
) -> Connection[Any]:
    """One page of a root list as a connection; the total is counted only when asked for."""
    check_first(first)  # before anything else: a page too large is refused whatever `within` says
    await _check_within(info, within)
    params = filter_params(filter)
    if of is ListOf.PEOPLE and (within is not None or params.get("needs") is not None):
        within = await _personal_scope(info, within, "needs" if params.get("needs") is not None else "within")
    return await page_of(info, of, within=within, params=params, order_by=order_by, first=first, after=after)


Within = Annotated[strawberry.ID | None, strawberry.argument(description=WITHIN)]
First = Annotated[int, strawberry.argument(description=FIRST)]
After = Annotated[str | None, strawberry.argument(description=AFTER)]


@strawberry.type
class ListQueries:
    @strawberry.field(description="Districts (区), in order, a page at a time.")
    async def districts(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            DistrictFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[list[DistrictOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[District]:
        return await list_page(
            info, ListOf.DISTRICTS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="Streets (街道), in order, a page at a time.")
    async def streets(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[StreetFilter | None, strawberry.argument(description="Which rows (筛选).")] = None,
        order_by: Annotated[list[StreetOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Street]:
        return await list_page(
            info, ListOf.STREETS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="Communities (社区), in order, a page at a time.")
    async def communities(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            CommunityFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[list[CommunityOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Community]:
        return await list_page(
            info,
            ListOf.COMMUNITIES,
            within=within,
            filter=filter,
            order_by=order_by,
            first=first,
            after=after,
        )

    @strawberry.field(description="Grids (网格), in order, a page at a time.")
    async def grids(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[GridFilter | None, strawberry.argument(description="Which rows (筛选).")] = None,
        order_by: Annotated[list[GridOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Grid]:
        return await list_page(
            info, ListOf.GRIDS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="Compounds (小区), in order, a page at a time.")
    async def compounds(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            CompoundFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[list[CompoundOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Compound]:
        return await list_page(
            info, ListOf.COMPOUNDS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(description="Buildings (楼栋), in order, a page at a time.")
    async def buildings(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            BuildingFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[list[BuildingOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Building]:
        return await list_page(
            info, ListOf.BUILDINGS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(
        description="People (人员); "
        "`within` goes through where they live, so it is personal data: see `PersonFilter`, "
        "in order, a page at a time."
    )
    async def people(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[PersonFilter | None, strawberry.argument(description="Which rows (筛选).")] = None,
        order_by: Annotated[list[PersonOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Person]:
        return await list_page(
            info, ListOf.PEOPLE, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(
        description="Units (机关事业单位); "
        "`within`: those paired with a community in the area, in order, a page at a time."
    )
    async def units(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[UnitFilter | None, strawberry.argument(description="Which rows (筛选).")] = None,
        order_by: Annotated[list[UnitOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Unit]:
        return await list_page(
            info, ListOf.UNITS, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(
        description="Organisations of every kind (组织); "
        "`within`: those attached to the area (managing, representing, organising, serving, "
        "paired), in order, a page at a time."
    )
    async def organisations(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            OrganisationFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[list[OrganisationOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Organisation]:
        return await list_page(
            info,
            ListOf.ORGANISATIONS,
            within=within,
            filter=filter,
            order_by=order_by,
            first=first,
            after=after,
        )

    @strawberry.field(
        description="Training courses (培训课程); "
        "`within`: those ordered by a community in the area, in order, a page at a time."
    )
    async def courses(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[CourseFilter | None, strawberry.argument(description="Which rows (筛选).")] = None,
        order_by: Annotated[list[CourseOrder] | None, strawberry.argument(description=ORDER_BY)] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[Course]:
        return await list_page(
            info, ListOf.COURSES, within=within, filter=filter, order_by=order_by, first=first, after=after
        )

    @strawberry.field(
        description="Training sessions (培训场次); "
        "`within`: those ordered by a community in the area, in order, a page at a time."
    )
    async def training_sessions(
        self,
        info: Info,
        within: Within = None,
        filter: Annotated[
            TrainingSessionFilter | None, strawberry.argument(description="Which rows (筛选).")
        ] = None,
        order_by: Annotated[
            list[TrainingSessionOrder] | None, strawberry.argument(description=ORDER_BY)
        ] = None,
        first: First = 20,
        after: After = None,
    ) -> Connection[TrainingSession]:
        return await list_page(
            info,
            ListOf.TRAINING_SESSIONS,
            within=within,
            filter=filter,
            order_by=order_by,
            first=first,
            after=after,
        )
