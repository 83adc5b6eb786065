"""The audit log's statements: one entry per write, and the entries of a period, oldest first."""

from __future__ import annotations

from graph.driver import Statement
from graph.model import AUDIT_ENTRY

# Inside the write's own transaction: the entry commits with the write or not at all.
RECORD_WRITE = Statement(
    "record_write",
    f"""
    CREATE (:{AUDIT_ENTRY} {{
        id: $id, at: $at, who: $who, action: $action,
        targets: $targets, targetCount: $target_count, detail: $detail
    }})
    """,
)

AUDIT_INDEX = Statement(
    "create_index", f"CREATE INDEX audit_entry_at IF NOT EXISTS FOR (e:{AUDIT_ENTRY}) ON (e.at)"
)

# A keyset page: entries at or after `$floor` (the period's start, or the last entry seen), ordered
# by time then id, so a page after a cursor stays right while new entries are written.
AUDIT_LOG = Statement(
    "audit_log",
    f"""
    MATCH (e:{AUDIT_ENTRY})
    WHERE e.at >= $floor AND e.at < $to AND (e.at > $floor OR e.id > $after_id)
    RETURN e.id AS id, e.at AS at, e.who AS who, e.action AS action,
           e.targets AS targets, e.targetCount AS targetCount, e.detail AS detail
    ORDER BY e.at, e.id
    LIMIT $limit
    """,
)
