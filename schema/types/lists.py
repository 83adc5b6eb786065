"""The GraphQL shapes of lists: Relay-style connections, each kind's filter and sort orders, and pages.

Root lists (`communities`, `people`, ...) and nested ones (`Community.residents`,
`Organisation.membersConnection`) are pages of the same keyset machinery (`graph/lists.py`).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from graph import lists
from graph.statements.lists import Direction, ListOf, SortKey
from schema.context import NestedPage
from schema.errors import ErrorCode, api_error
from schema.types.base import Info, LabelKind, camel_case, wrap

T = TypeVar("T")

MAX_PAGE = 100


@strawberry.type(
    description="Where a page ends (分页信息): whether more rows follow, and the cursor to ask after."
)
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page (还有下一页).")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last row (末行游标): pass it as `after` for the next page."
    )


@strawberry.type(description="One row of a list (列表行): the node and its cursor.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque keyset cursor (游标): pass it as `after` to get the rows after this one."
    )
    node: T = strawberry.field(description="The row's node (节点).")


@strawberry.type(
    description="A page of a list (分页列表): rows in order, the total with the same filters, and where "
    "the page ends. Pages are keyset pages: a page asked for after a cursor stays the same while rows "
    "are added elsewhere."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's rows, in order (本页各行).")
    page_info: PageInfo = strawberry.field(description="Where the page ends (分页信息).")
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(
        description="How many rows the whole list holds with these filters (总数), counted by the database."
    )
    async def total_count(self) -> int:
        return await self.counter()


# --- Filters ------------------------------------------------------------------------------------


@strawberry.input(description="Filter of a list of areas (区域筛选).")
class AreaFilter:
    name_contains: str | None = strawberry.field(
        default=None, description="Only names containing this text, any case (名称包含)."
    )


@strawberry.input(description="Filter of the list of districts (区筛选).")
class DistrictFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of the list of streets (街道筛选).")
class StreetFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of the list of communities (社区筛选).")
class CommunityFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of the list of grids (网格筛选).")
class GridFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of the list of compounds (小区筛选).")
class CompoundFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of the list of buildings (楼栋筛选).")
class BuildingFilter(AreaFilter):
    pass


@strawberry.input(description="Filter of an organisation's members (成员筛选).")
class MemberFilter(AreaFilter):
    party_member: bool | None = strawberry.field(
        default=None, description="Party members only (true) or non-members only (false) (党员)."
    )
    skills: list[str] | None = strawberry.field(
        default=None, description="People with at least one of these skill codes (技能), e.g. LEGAL."
    )


@strawberry.input(
    description="Filter of the list of people (人员筛选). `needs` is personal data: a CITY_ADMIN may use "
    "it anywhere, an AREA_ADMIN only inside their area (the list is narrowed to it), others not at all."
)
class PersonFilter(MemberFilter):
    needs: list[str] | None = strawberry.field(
        default=None,
        description="Residents with at least one of these need codes (困难类型), e.g. ELDERLY_ALONE. "
        "Personal data: see the filter's description.",
    )


@strawberry.input(description="Filter of the list of units (机关事业单位筛选).")
class UnitFilter(AreaFilter):
    kinds: list[str] | None = strawberry.field(
        default=None,
        description="Units of one of these kinds (单位类型), e.g. GOVERNMENT_BUREAU, UNIVERSITY.",
    )


@strawberry.enum(description="Kinds of organisation (组织类型): the node's label, upper case.")
class OrganisationKind(LabelKind):
    UNIT = strawberry.enum_value("UNIT", description="Government unit or public institution (机关事业单位).")
    PROPERTY_COMPANY = strawberry.enum_value(
        "PROPERTY_COMPANY", description="Property company (物业服务企业)."
    )
    OWNERS_COMMITTEE = strawberry.enum_value(
        "OWNERS_COMMITTEE", description="Owners' or self-management committee (业委会, 自管委员会)."
    )
    PARTY_BRANCH = strawberry.enum_value("PARTY_BRANCH", description="Party branch (党支部).")
    SOCIAL_ORGANISATION = strawberry.enum_value(
        "SOCIAL_ORGANISATION", description="Social organisation (社会组织)."
    )
    VOLUNTEER_TEAM = strawberry.enum_value("VOLUNTEER_TEAM", description="Volunteer team (志愿服务队).")
    PARTY_COMMITTEE = strawberry.enum_value(
        "PARTY_COMMITTEE", description="Party committee of a street or community (街道党工委, 社区党组织)."
    )
    PARTY_GROUP = strawberry.enum_value("PARTY_GROUP", description="Building party group (楼栋党小组).")
    ENVIRONMENT_COMMITTEE = strawberry.enum_value(
        "ENVIRONMENT_COMMITTEE",
        description="Environment and property management committee (环境和物业管理委员会).",
    )


@strawberry.input(description="Filter of the list of organisations (组织筛选).")
class OrganisationFilter(AreaFilter):
    kinds: list[OrganisationKind] | None = strawberry.field(
        default=None, description="Organisations of one of these kinds (组织类型)."
    )


@strawberry.input(description="Filter of the list of training courses (培训课程筛选).")
class CourseFilter(AreaFilter):
    topics: list[str] | None = strawberry.field(
        default=None, description="Courses on one of these topics (培训主题), e.g. FIRST_AID (生命急救)."
    )


@strawberry.input(description="Filter of the list of training sessions (培训场次筛选).")
class TrainingSessionFilter(AreaFilter):
    pass


# --- Orders -------------------------------------------------------------------------------------

_NAME_ASC = "By name, A to Z (按名称升序); ties by id."
_NAME_DESC = "By name, Z to A (按名称降序); ties by id."


@strawberry.enum(description="How the list of districts is sorted (区排序).")
class DistrictOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of streets is sorted (街道排序).")
class StreetOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of communities is sorted (社区排序).")
class CommunityOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)
    POPULATION_ASC = strawberry.enum_value(
        "POPULATION_ASC", description="Smallest population first (人口升序)."
    )
    POPULATION_DESC = strawberry.enum_value(
        "POPULATION_DESC", description="Largest population first (人口降序)."
    )


@strawberry.enum(description="How the list of grids is sorted (网格排序).")
class GridOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of compounds is sorted (小区排序).")
class CompoundOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of buildings is sorted (楼栋排序).")
class BuildingOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)
    HOUSEHOLDS_ASC = strawberry.enum_value(
        "HOUSEHOLDS_ASC", description="Fewest households first (户数升序)."
    )
    HOUSEHOLDS_DESC = strawberry.enum_value(
        "HOUSEHOLDS_DESC", description="Most households first (户数降序)."
    )


@strawberry.enum(description="How the list of people is sorted (人员排序).")
class PersonOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of units is sorted (单位排序).")
class UnitOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of organisations is sorted (组织排序).")
class OrganisationOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of training courses is sorted (课程排序).")
class CourseOrder(Enum):
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


@strawberry.enum(description="How the list of training sessions is sorted (培训场次排序).")
class TrainingSessionOrder(Enum):
    DATE_ASC = strawberry.enum_value("DATE_ASC", description="Earliest first (按日期升序).")
    DATE_DESC = strawberry.enum_value("DATE_DESC", description="Latest first (按日期降序).")
    NAME_ASC = strawberry.enum_value("NAME_ASC", description=_NAME_ASC)
    NAME_DESC = strawberry.enum_value("NAME_DESC", description=_NAME_DESC)


def sort_order(orders: list[Enum] | None, default: SortKey) -> tuple[tuple[SortKey, Direction], ...]:
    """`[POPULATION_DESC, NAME_ASC]` as sort keys; a key named twice counts once, first wins."""
    chosen: dict[SortKey, Direction] = {}
    for order in orders or []:
        key, _, direction = str(order.value).rpartition("_")
        chosen.setdefault(SortKey[key], Direction(direction))
    return tuple(chosen.items()) or ((default, Direction.ASC),)


def filter_params(given: AreaFilter | None) -> dict[str, Any]:
    """The filter's set fields as the statement's parameters (enum values as labels)."""
    if given is None:
        return {}
    params: dict[str, Any] = {"nameContains": given.name_contains}
    for name in ("party_member", "skills", "needs", "topics"):
        if hasattr(given, name):
            params[camel_case(name)] = getattr(given, name)
    if isinstance(given, OrganisationFilter):
        params["labels"] = [k.label.value for k in given.kinds] if given.kinds is not None else None
    elif hasattr(given, "kinds"):
        params["kinds"] = given.kinds
    return params


def check_first(first: int) -> None:
    if not 0 <= first <= MAX_PAGE:
        raise api_error(ErrorCode.BAD_INPUT, f"first: between 0 and {MAX_PAGE} rows a page, got {first}")


# --- Pages --------------------------------------------------------------------------------------


async def page_of(
    info: Info,
    of: ListOf,
    *,
    within: str | None,
    params: dict[str, Any],
    order_by: list[Any] | None,
    first: int,
    after: str | None,
) -> Connection[Any]:
    """One keyset page of a root list as a connection; the total is counted by the database, only when asked."""
    check_first(first)
    order = sort_order(order_by, of.value.sort_keys[0])
    graph, today = info.context.graph, info.context.today
    try:
        page = await lists.page(
            graph, of, within=within, filters=params, order=order, first=first, after=after, today=today
        )
    except lists.BadCursor as error:
        raise api_error(ErrorCode.BAD_INPUT, f"after: {error}") from None

    async def counter() -> int:
        return await lists.count(graph, of, within=within, filters=params, today=today)

    return _connection(page, after, counter)


async def nested_page_of(
    info: Info,
    of: ListOf,
    *,
    within: str,
    params: dict[str, Any],
    order_by: list[Any] | None,
    first: int,
    after: str | None,
) -> Connection[Any]:
    """One page of a nested list under `within`; the same page under every parent is one statement."""
    check_first(first)
    order = sort_order(order_by, of.value.sort_keys[0])
    try:
        if after is not None:
            lists.decode_cursor(order, after)
    except lists.BadCursor as error:
        raise api_error(ErrorCode.BAD_INPUT, f"after: {error}") from None
    filters = json.dumps(params, sort_keys=True, ensure_ascii=False)
    key = NestedPage(of=of, within=within, filters=filters, order=order, first=first, after=after)
    dataloaders = info.context.dataloaders
    page = await dataloaders.nested_pages.load(key)

    async def counter() -> int:
        return await dataloaders.nested_totals.load(key)

    return _connection(page, after, counter)


def _connection(
    page: lists.Page, after: str | None, counter: Callable[[], Awaitable[int]]
) -> Connection[Any]:
    edges = [Edge(cursor=cursor, node=wrap(node)) for node, cursor in page.entries]
    end = page.entries[-1][1] if page.entries else after
    return Connection(
        edges=edges, page_info=PageInfo(has_next_page=page.has_next, end_cursor=end), counter=counter
    )


def empty_page(after: str | None) -> Connection[Any]:
    """A list the caller may see nothing of: no rows, a total of 0."""

    async def counter() -> int:
        return 0

    return Connection(edges=[], page_info=PageInfo(has_next_page=False, end_cursor=after), counter=counter)
