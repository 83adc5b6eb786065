"""Generic writes of the domain: create, change and end any node or relationship, with history.

Who may write: a CITY_ADMIN anywhere; an AREA_ADMIN what lies inside their area (a new node lies
nowhere until linked, so they may create one, then link it inside their area; a link's two ends must
each lie inside their area or nowhere yet); anyone else gets FORBIDDEN. Refusals are errors with
codes: an unknown id NOT_FOUND, a wrong kind of node or property BAD_INPUT naming the argument, a link
that already holds or a node already ended CONFLICT.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from graph import writes
from graph.model import PARENT_OF, Label, Rel
from schema.errors import ErrorCode, api_error, graph_refusals
from schema.permissions import Role
from schema.types import Info
from schema.types.writes import (
    LinkKind,
    NodeKind,
    WriteResult,
    as_json,
    checked_link_props,
    checked_node_props,
)

FROM_ID = "The relationship's start (起点 id)."
TO_ID = "The relationship's end (终点 id)."
FIELD = "For ADVISES, which field (顾问领域): LEGAL, HEALTH or SAFETY; it tells two such links apart."


def _props(value: Any, argument: str = "props") -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise api_error(ErrorCode.BAD_INPUT, f'{argument}: an object of properties, e.g. {{"name": "..."}}')
    return dict(value)


async def authorise(info: Info, ids: dict[str, str], *, creating: bool = False) -> None:
    """FORBIDDEN unless the viewer may write here (module docstring); NOT_FOUND for an unknown id."""
    viewer = info.context.viewer
    if viewer.role not in (Role.CITY_ADMIN, Role.AREA_ADMIN):
        raise api_error(
            ErrorCode.FORBIDDEN, "writes are for a CITY_ADMIN, or an AREA_ADMIN inside their area"
        )
    if viewer.role is Role.CITY_ADMIN or creating:
        return
    assert viewer.scope is not None  # an AREA_ADMIN token always has one
    found = await writes.places(
        info.context.graph, viewer.scope, list(ids.values()), today=info.context.today
    )
    for argument, node_id in ids.items():
        if node_id not in found:
            raise api_error(ErrorCode.NOT_FOUND, f"{argument}: nothing has the id {node_id}")
    outside = [i for i in ids.values() if found[i].placed and not found[i].inside]
    if outside or not any(found[i].inside for i in ids.values()):
        where = ", ".join(outside or ids.values())
        raise api_error(ErrorCode.FORBIDDEN, f"{where} lies outside your area {viewer.scope}")


def _key(kind: LinkKind, field: str | None) -> dict[str, Any]:
    return {"field": field} if kind.rel is Rel.ADVISES else {}


@strawberry.type
class DomainMutations:
    @strawberry.mutation(
        description="Create a node of any kind (新建节点), with its properties as in a bundle."
    )
    async def create_node(
        self,
        info: Info,
        kind: Annotated[NodeKind, strawberry.argument(description="What kind of node (节点类型).")],
        id: Annotated[
            strawberry.ID, strawberry.argument(description="Its id (编号), unique in the whole graph.")
        ],
        props: Annotated[
            JSON, strawberry.argument(description='Its properties (属性), e.g. {"name": "东方社区"}.')
        ],
    ) -> WriteResult:
        await authorise(info, {"id": id}, creating=True)
        with graph_refusals():
            stored = checked_node_props(kind.label, _props(props))
            await writes.create_node(
                info.context.graph, kind.label, id, stored, who=info.context.viewer.actor
            )
        return WriteResult(id=id, other_id=None, kind=kind.label.value, props=as_json(stored), ended=[])

    @strawberry.mutation(description="Change a node's properties (修改节点); a null value removes one.")
    async def update_node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The node's id (节点编号).")],
        props: Annotated[
            JSON, strawberry.argument(description="The properties to set (属性); null removes.")
        ],
    ) -> WriteResult:
        await authorise(info, {"id": id})
        with graph_refusals():
            node = await writes.update_node(
                info.context.graph,
                id,
                _props(props),
                who=info.context.viewer.actor,
                validate=checked_node_props,
            )
        props_now = writes.domain_props(node)
        return WriteResult(id=id, other_id=None, kind=node.label.value, props=as_json(props_now), ended=[])

    @strawberry.mutation(
        description="End a node (撤销节点): it is kept, with `until` the day before `on`, and each of its "
        "lasting relationships ends with it."
    )
    async def end_node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The node's id (节点编号).")],
        on: Annotated[
            date | None,
            strawberry.argument(description="The first day it no longer counts (生效日期); default today."),
        ] = None,
    ) -> WriteResult:
        await authorise(info, {"id": id})
        day = on or info.context.today
        with graph_refusals():
            await writes.end_node(info.context.graph, id, day, who=info.context.viewer.actor)
        node = await info.context.dataloaders.nodes.load(id)
        kind = node.label.value if node is not None else ""
        last = day - timedelta(days=1)  # its last day
        return WriteResult(id=id, other_id=None, kind=kind, props=as_json({"until": last}), ended=[])

    @strawberry.mutation(
        description="Start a relationship (建立关系) on `since`. Where a node holds only one at a time (an "
        "area's parent, a building's compound, a person's home) the current one ends the day before: a move."
    )
    async def create_link(
        self,
        info: Info,
        kind: Annotated[LinkKind, strawberry.argument(description="What relationship (关系类型).")],
        from_id: Annotated[strawberry.ID, strawberry.argument(description=FROM_ID)],
        to_id: Annotated[strawberry.ID, strawberry.argument(description=TO_ID)],
        props: Annotated[
            JSON | None, strawberry.argument(description='Its properties, e.g. {"role": "STAFF"} (属性).')
        ] = None,
        since: Annotated[
            date | None, strawberry.argument(description="Its first day (起始日期); default today.")
        ] = None,
    ) -> WriteResult:
        return await _create_link(info, kind, from_id, to_id, props, since)

    @strawberry.mutation(description="Move an area, a building or a person to another parent or home (迁移).")
    async def move(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="What moves (迁移对象).")],
        to_id: Annotated[
            strawberry.ID, strawberry.argument(description="Its new parent area or home (新上级或住址).")
        ],
        on: Annotated[
            date | None, strawberry.argument(description="The first day there (迁移日期); default today.")
        ] = None,
    ) -> WriteResult:
        node = await info.context.dataloaders.nodes.load(id)
        target = await info.context.dataloaders.nodes.load(to_id)
        if node is None:
            raise api_error(ErrorCode.NOT_FOUND, f"id: nothing has the id {id}")
        if target is None:
            raise api_error(ErrorCode.NOT_FOUND, f"toId: nothing has the id {to_id}")
        return await _create_link(info, _move_kind(node.label, target.label), id, to_id, None, on)

    @strawberry.mutation(
        description="Change a current relationship's properties (修改关系), e.g. a member's role."
    )
    async def update_link(
        self,
        info: Info,
        kind: Annotated[LinkKind, strawberry.argument(description="What relationship (关系类型).")],
        from_id: Annotated[strawberry.ID, strawberry.argument(description=FROM_ID)],
        to_id: Annotated[strawberry.ID, strawberry.argument(description=TO_ID)],
        props: Annotated[
            JSON, strawberry.argument(description="The properties to set (属性); null removes.")
        ],
        field: Annotated[str | None, strawberry.argument(description=FIELD)] = None,
    ) -> WriteResult:
        await authorise(info, {"fromId": from_id, "toId": to_id})
        changes = _props(props)
        with graph_refusals():
            present = {k: v for k, v in changes.items() if v is not None}
            checked = checked_link_props(kind.rel, {**_key(kind, field), **present})
            now = await writes.update_link(
                info.context.graph,
                kind.rel,
                from_id,
                to_id,
                _key(kind, field),
                {k: checked.get(k) for k in changes},
                who=info.context.viewer.actor,
                today=info.context.today,
            )
        return WriteResult(id=from_id, other_id=to_id, kind=kind.rel.value, props=as_json(now), ended=[])

    @strawberry.mutation(
        description="End a current relationship (结束关系): it is kept, with `until` the day before `on`; "
        "a pairing, a post or a membership ends this way, never by deletion."
    )
    async def end_link(
        self,
        info: Info,
        kind: Annotated[LinkKind, strawberry.argument(description="What relationship (关系类型).")],
        from_id: Annotated[strawberry.ID, strawberry.argument(description=FROM_ID)],
        to_id: Annotated[strawberry.ID, strawberry.argument(description=TO_ID)],
        field: Annotated[str | None, strawberry.argument(description=FIELD)] = None,
        on: Annotated[
            date | None,
            strawberry.argument(description="The first day it no longer counts (生效日期); default today."),
        ] = None,
    ) -> WriteResult:
        await authorise(info, {"fromId": from_id, "toId": to_id})
        day = on or info.context.today
        with graph_refusals():
            last = await writes.end_link(
                info.context.graph,
                kind.rel,
                from_id,
                to_id,
                _key(kind, field),
                day,
                who=info.context.viewer.actor,
                today=info.context.today,
            )
        return WriteResult(
            id=from_id, other_id=to_id, kind=kind.rel.value, props=as_json({"until": last}), ended=[]
        )


def _move_kind(label: Label, target: Label) -> LinkKind:
    if label is Label.PERSON and target is Label.BUILDING:
        return LinkKind.LIVES_IN
    if label is Label.BUILDING and target is Label.COMPOUND:
        return LinkKind.PART_OF
    if target in PARENT_OF.get(label, frozenset()):
        return LinkKind.IN
    raise api_error(ErrorCode.BAD_INPUT, f"toId: a {label.value} cannot move into a {target.value}")


async def _create_link(
    info: Info, kind: LinkKind, from_id: str, to_id: str, props: Any, since: date | None
) -> WriteResult:
    await authorise(info, {"fromId": from_id, "toId": to_id})
    day = since or info.context.today
    with graph_refusals():
        stored = checked_link_props(kind.rel, _props(props))
        ended = await writes.create_link(
            info.context.graph, kind.rel, from_id, to_id, stored, who=info.context.viewer.actor, since=day
        )
    return WriteResult(
        id=strawberry.ID(from_id),
        other_id=strawberry.ID(to_id),
        kind=kind.rel.value,
        props=as_json({**stored, "since": day}),
        ended=[strawberry.ID(i) for i in ended],
    )
