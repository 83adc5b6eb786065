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


@strawberry.type(description="One write: who made it, when, what it did and to which ids.")
class AuditEntry:
    id: strawberry.ID
    at: datetime
    who: str = strawberry.field(description="The writer's role and token subject or scope, or a tool.")
    action: str
    targets: list[strawberry.ID] = strawberry.field(description="Up to 100 of the ids written.")
    target_count: int = strawberry.field(description="How many ids the write touched in all.")
    detail: str | None


@strawberry.type(description="A page of audit entries, oldest first.")
class AuditLogPage:
    entries: list[AuditEntry]
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class AuditQueries:
    @strawberry.field(description="Writes with from <= at < to, oldest first (CITY_ADMIN only).")
    async def audit_log(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
        first: int = 50,
        after: str | None = None,
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
