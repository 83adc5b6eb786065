"""The audit log as a root query: who wrote what and when, for the city's administrators only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from graph import audit
from schema.errors import ErrorCode, api_error
from schema.permissions import Role
from schema.types import Info

MAX_PAGE = 100


@strawberry.type(description="One write (审计记录): who made it, when, what it did and to which ids.")
class AuditEntry:
    id: strawberry.ID = strawberry.field(description="The entry's id (编号).")
    at: datetime = strawberry.field(description="When the write was made (时间).")
    who: str = strawberry.field(
        description="The writer's role and token subject or scope, or a tool (操作人)."
    )
    action: str = strawberry.field(description="What the write did (操作).")
    targets: list[strawberry.ID] = strawberry.field(description="Up to 100 of the ids written (对象).")
    target_count: int = strawberry.field(description="How many ids the write touched in all (对象数).")
    detail: str | None = strawberry.field(description="More about the write, where there is more (详情).")


@strawberry.type(description="A page of audit entries (审计日志), oldest first.")
class AuditLogPage:
    entries: list[AuditEntry] = strawberry.field(description="The page's entries, in order (本页记录).")
    has_next_page: bool = strawberry.field(description="More entries follow this page (还有下一页).")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the page's last entry (末行游标): pass it as `after` for the next page."
    )


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="The audit log (审计日志): writes with from <= at < to, oldest first (CITY_ADMIN only)."
    )
    async def audit_log(
        self,
        info: Info,
        from_: Annotated[
            datetime, strawberry.argument(name="from", description="Start, included, with an offset (起).")
        ],
        to: Annotated[datetime, strawberry.argument(description="End, left out, with an offset (止).")],
        first: Annotated[
            int, strawberry.argument(description="How many entries (每页条数), at most the page limit.")
        ] = 50,
        after: Annotated[
            str | None, strawberry.argument(description="The cursor of the entry to start after (游标).")
        ] = None,
    ) -> AuditLogPage:
        if info.context.viewer.role is not Role.CITY_ADMIN:
            raise api_error(ErrorCode.FORBIDDEN, "the audit log is for CITY_ADMIN only")
        if not 1 <= first <= MAX_PAGE:
            raise api_error(ErrorCode.BAD_INPUT, f"first must be between 1 and {MAX_PAGE}, got {first}")
        if from_.tzinfo is None or to.tzinfo is None:
            raise api_error(
                ErrorCode.BAD_INPUT, "from and to need a time zone offset, e.g. 2026-11-28T00:00:00+08:00"
            )
        try:
            rows = await audit.audit_log(
                info.context.graph, start=from_, end=to, first=first + 1, after=after
            )
        except ValueError as error:
            raise api_error(ErrorCode.BAD_INPUT, f"after: {error}") from None
        page = rows[:first]
        return AuditLogPage(
            entries=[
                AuditEntry(
                    id=strawberry.ID(r.id),
                    at=r.at,
                    who=r.who,
                    action=r.action,
                    targets=[strawberry.ID(t) for t in r.targets],
                    target_count=r.target_count,
                    detail=r.detail,
                )
                for r in page
            ],
            has_next_page=len(rows) > first,
            end_cursor=audit.encode_cursor(page[-1]) if page else None,
        )
