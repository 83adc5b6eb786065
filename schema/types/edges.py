"""A relationship as a frontend sees it: the node at its other end, with the relationship's own dates.

`Linked[Unit]` is served as `UnitLinked`: a unit paired with a community since a day, until a day, and
whether that pairing counts today. Fields returning these take `includeEnded`: current relationships by
default (those count), history on request (kept, never counted as current).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, TypeVar

import strawberry

from graph.projection import Cast, Expr, IsCurrent, RelProp, Shape
from graph.reads import Neighbour
from schema.types.sources import sourced

T = TypeVar("T")


def _node(item: Shape | None) -> Expr:
    assert item is not None
    return item  # the node reached, shaped by what the query selects of it


def _rel(name: str, cast: Cast = Cast.NONE) -> dict[str, Any]:
    return sourced(lambda _: RelProp(name, cast))


@strawberry.type(description="A relationship (关系) with the node at its other end and its own properties.")
class Linked(Generic[T]):
    node: T = strawberry.field(description="The node at the other end (关联节点).", metadata=sourced(_node))
    since: date | None = strawberry.field(
        description="Since when it holds (起始日期), if recorded.", metadata=_rel("since", Cast.TEXT)
    )
    until: date | None = strawberry.field(
        description="Until when it held or holds (截止日期), if ended or bounded.",
        metadata=_rel("until", Cast.TEXT),
    )
    current: bool = strawberry.field(
        description="Whether it counts today (当前有效): begun and not ended.",
        metadata=sourced(lambda _: IsCurrent()),
    )
    role: str | None = strawberry.field(
        description="The member's role (职务), for a membership.", metadata=_rel("role")
    )
    field: str | None = strawberry.field(
        description="The adviser's field (领域), for an adviser.", metadata=_rel("field")
    )


def linked_from(neighbour: Neighbour, node: Any, today: date) -> Linked[Any]:
    link = neighbour.link
    since, until = link.get("since"), link.get("until")
    return Linked(
        node=node,
        since=since,
        until=until,
        current=(since is None or since <= today) and (until is None or until >= today),
        role=link.get("role"),
        field=link.get("field"),
    )
