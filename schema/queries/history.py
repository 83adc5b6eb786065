"""`history(id)`: what was written about a node and its relationships, newest first.

For a CITY_ADMIN anywhere and an AREA_ADMIN for what lies inside their area; a history holds old
values of personal data (a resident's phone, needs, home), so nobody else reads it.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from graph import writes
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types import Info
from schema.types.writes import Change, ChangeAction, PropertyChange

MAX_HISTORY = 200


@strawberry.type
class HistoryQueries:
    @strawberry.field(
        description="What was written about a node and its relationships (变更历史), newest first."
    )
    async def history(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="Any node's id (节点 id).")],
        first: Annotated[
            int, strawberry.argument(description=f"How many changes (条数), at most {MAX_HISTORY}.")
        ] = 50,
    ) -> list[Change]:
        viewer = info.context.viewer
        if not 1 <= first <= MAX_HISTORY:
            raise api_error(ErrorCode.BAD_INPUT, f"first: between 1 and {MAX_HISTORY}, got {first}")
        if viewer.role not in (Role.CITY_ADMIN, Role.AREA_ADMIN):
            raise api_error(
                ErrorCode.FORBIDDEN, "history is for a CITY_ADMIN, or an AREA_ADMIN inside their area"
            )
        if await info.context.dataloaders.nodes.load(id) is None:
            raise api_error(ErrorCode.NOT_FOUND, f"id: nothing has the id {id}")
        if viewer.role is Role.AREA_ADMIN:
            assert viewer.scope is not None
            place = (await writes.places(info.context.graph, viewer.scope, [id], today=info.context.today))[
                id
            ]
            if not place.inside:
                raise api_error(ErrorCode.FORBIDDEN, f"{id} lies outside your area {viewer.scope}")
        found = await writes.history(info.context.graph, id, limit=first)
        return [
            Change(
                at=change.at,
                by=change.by,
                action=ChangeAction[change.action],
                subject_id=strawberry.ID(change.subject),
                other_id=strawberry.ID(change.other) if change.other is not None else None,
                link=change.rel,
                changes=[
                    PropertyChange(property=key, before=change.before.get(key), after=change.after.get(key))
                    for key in sorted(set(change.before) | set(change.after))
                ],
            )
            for change in found
        ]
