"""Who wrote what, and when: one audit entry per write, committed in the write's own transaction.

Every write path calls `record_write` inside its write transaction, so an entry exists exactly when
the write it describes was committed. Entries hold ids, never names or personal values.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import AsyncManagedTransaction, Record
from neo4j.time import DateTime

from graph.driver import Graph, Statement, run
from graph.statements.audit import AUDIT_INDEX, AUDIT_LOG, RECORD_WRITE

# An entry keeps this many target ids (an import may touch 100,000 nodes) and the total count.
MAX_TARGETS = 100
# `who` of a write made without anyone named (a test or a script calling graph/ directly).
UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class AuditEntry:
    id: str
    at: datetime
    who: str
    action: str
    targets: tuple[str, ...]
    target_count: int
    detail: str | None


async def record_write(
    tx: AsyncManagedTransaction,
    *,
    who: str,
    action: str,
    target_ids: Sequence[str] = (),
    at: datetime | None = None,
    detail: str | None = None,
) -> None:
    """Record one write inside its transaction: `who` is `Viewer.actor` (or e.g. "loader"), `action`
    a fixed verb of the caller's own (`raiseRequest`, `load`), never text a client sent."""
    when = at or datetime.now(UTC)
    if when.tzinfo is None:
        raise ValueError("an audit time needs a time zone")
    await run(
        tx,
        RECORD_WRITE,
        id=uuid.uuid4().hex,
        at=when,
        who=who,
        action=action,
        targets=list(target_ids[:MAX_TARGETS]),
        target_count=len(target_ids),
        detail=detail,
    )


async def execute_audited(
    graph: Graph,
    statement: Statement,
    *,
    wrote: Callable[[list[Record]], bool],
    who: str | None,
    action: str,
    target_ids: Sequence[str],
    at: datetime | None = None,
    **params: Any,
) -> list[Record]:
    """Run one write statement in a write transaction of its own and, when `wrote` says from its
    records that it changed something, record the entry in that same transaction. A write refused
    inside its statement (a lost race, a forbidden move, a missing node) leaves no entry."""

    async def work(tx: AsyncManagedTransaction) -> list[Record]:
        records = await run(tx, statement, **params)
        if wrote(records):
            await record_write(tx, who=who or UNATTRIBUTED, action=action, target_ids=target_ids, at=at)
        return records

    return await graph.write(work)


async def ensure_index(graph: Graph) -> None:
    await graph.execute(AUDIT_INDEX)


def encode_cursor(entry: AuditEntry) -> str:
    raw = f"{entry.at.isoformat()}|{entry.id}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    """ValueError for a cursor this module did not write."""
    try:
        at, entry_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(at), entry_id
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError("the cursor is not one this API gave out") from error


async def audit_log(
    graph: Graph, *, start: datetime, end: datetime, first: int, after: str | None = None
) -> list[AuditEntry]:
    """Entries with `start <= at < end`, oldest first, `first` at most, after the cursor if given."""
    floor, after_id = start, ""
    if after is not None:
        cursor_at, cursor_id = decode_cursor(after)
        if cursor_at >= start:
            floor, after_id = cursor_at, cursor_id
    records = await graph.fetch(AUDIT_LOG, floor=floor, to=end, after_id=after_id, limit=first)
    return [
        AuditEntry(
            id=r["id"],
            at=_native(r["at"]),
            who=r["who"],
            action=r["action"],
            targets=tuple(r["targets"]),
            target_count=int(r["targetCount"]),
            detail=r["detail"],
        )
        for r in records
    ]


def _native(value: object) -> datetime:
    if isinstance(value, DateTime):
        return value.to_native()
    if isinstance(value, datetime):
        return value
    raise TypeError(f"an audit time came back as {type(value).__name__}")
