"""The Cypher side of an import run: lookups in read transactions, bounded write transactions tagged
with the run, the one short transaction that publishes it, and the undoing of a run never published.

The caller (loaders.importer) decides what to write; these functions only speak Cypher. A run's
writes stay out of every read that holds what it matches to `graph.statements.shown` (the runs not yet
published looked up in the same transaction: `graph.reads.fetch_shown`) until `publish` commits.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import orjson
from neo4j import AsyncManagedTransaction

from graph.audit import record_write
from graph.driver import Graph, Statement, run
from graph.model import Label, Rel
from graph.reads import native_props
from graph.statements.imports import (
    AWAIT_INDEXES,
    BEAT_RUN,
    CREATE_NODES,
    CREATE_RELS,
    CURRENT_CHILDREN,
    DROP_UNDO,
    FORGET_UNDO,
    IS_EMPTY,
    KEEP_UNDO,
    MARK_RUN,
    NEXT_UNDO,
    OLDER_TRANSACTIONS,
    OPEN_RUNS,
    PUBLISH_RUN,
    REMEMBER_NODE_LINES,
    REMEMBER_REL_LINES,
    REMOVE_NODES,
    REMOVE_RELS,
    RUN_SCHEMA,
    SERVER_NOW,
    START_RUN,
    STORED_LINES,
    STORED_NODE_HASHES,
    STORED_NODES,
    STORED_RELS,
    UNDO_CREATED_NODES,
    UNDO_RELS,
    UPDATE_NODES,
    UPDATE_NODES_KEEPING_NEEDS,
    UPDATE_RELS,
)

UNDO_BATCH = 10_000
UNDO_JOURNALS = 20  # journal nodes deleted per transaction once a run is published (each ~1-2 MB)
# A run waits at most this long for reads begun before it (the API's reads end within 10 s).
READS_SETTLE_SECONDS = 30.0
SETTLE_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class StoredNode:
    label: Label | None  # None for a label this code does not know (another version's)
    props: dict[str, Any]


@dataclass(frozen=True)
class StoredHash:
    label: Label | None
    hash: int | None  # None: the stored row is not fully known from its last import
    line: int | None  # the hash of the CSV line that wrote it whole, if one did


@dataclass(frozen=True)
class StoredRel:
    target: str
    rid: str  # the relationship's element id: how an update or a removal finds it again
    props: dict[str, Any]


@dataclass(frozen=True)
class OpenRun:
    id: str
    state: str
    host: str
    pid: int
    quiet_seconds: int


@dataclass(frozen=True)
class Write:
    """One batch of one kind of write: `op` names it, `target` the label or type, `rows` the values.

    An update's row is its key (`id`, or `rid` for a relationship), the `props` it sets and the `undo`
    values they replace (None: the property was absent)."""

    op: str  # create_nodes, create_rels, update_nodes, update_rels, remove_nodes, remove_rels
    target: str
    rows: list[Any] = field(default_factory=list)


UPDATES = {"update_nodes": "id", "update_rels": "rid"}  # each update's key


# --- Lookups ------------------------------------------------------------------------------------


async def ensure_run_schema(graph: Graph) -> None:
    for statement in RUN_SCHEMA:
        await graph.execute(statement)


async def is_empty(graph: Graph) -> bool:
    """True when the database holds no node at all (its constraints and indexes do not count)."""
    return bool((await graph.fetch(IS_EMPTY))[0]["empty"])


async def await_indexes(graph: Graph, seconds: int) -> None:
    """Return once every index and constraint is ONLINE (after a bulk import they populate first)."""
    await graph.execute(AWAIT_INDEXES, seconds=seconds)


async def _found(graph: Graph, statement: Statement, **params: Any) -> list[list[Any]]:
    """The rows of a lookup that answers in one record (`found`)."""
    records = await graph.fetch(statement, **params)
    return list(records[0]["found"]) if records else []


_LABELS = frozenset(Label)


def _known(label: str | None) -> Label | None:
    """A stored label this code knows (None for another version's)."""
    return Label(label) if label in _LABELS else None


async def stored_nodes(graph: Graph, ids: Sequence[str]) -> dict[str, StoredNode]:
    """The stored nodes among `ids`, whatever their label."""
    found = await _found(graph, STORED_NODES, ids=list(ids))
    return {node_id: StoredNode(_known(label), native_props(props)) for node_id, label, props in found}


async def stored_hashes(graph: Graph, ids: Sequence[str]) -> dict[str, StoredHash]:
    """The stored nodes among `ids`, whatever their label, with their fingerprints only."""
    found = await _found(graph, STORED_NODE_HASHES, ids=list(ids))
    return {
        node_id: StoredHash(_known(label), fingerprint, line) for node_id, label, fingerprint, line in found
    }


async def stored_lines(graph: Graph, kind: Label | Rel) -> set[int]:
    """The line hashes (`_line`) of every stored row of one label or relationship type."""
    records = await graph.fetch(STORED_LINES[kind])
    return set(records[0]["found"]) if records else set()


async def remember_lines(graph: Graph, write: Write) -> None:
    """Record the line hashes of rows found unchanged (`remember_nodes`: id, hash, line; or
    `remember_rels`: rid, hash, line), each only where the row's `_hash` is still the one compared."""
    statement = REMEMBER_NODE_LINES if write.op == "remember_nodes" else REMEMBER_REL_LINES
    await graph.execute(statement, rows=write.rows)


async def stored_rels(graph: Graph, rel: Rel, sources: Sequence[str]) -> dict[str, list[StoredRel]]:
    """Every stored relationship of one type from each source id, to whatever target."""
    found = await _found(graph, STORED_RELS[rel], ids=list(sources))
    return {
        source: [StoredRel(target, rid, native_props(props)) for target, rid, props in rels]
        for source, rels in found
    }


async def current_children(graph: Graph, ids: Sequence[str], today: date) -> dict[str, int]:
    """How many areas currently sit in each of `ids` (IN or PART_OF)."""
    return dict(await _found(graph, CURRENT_CHILDREN, ids=list(ids), today=today))


# --- Writing a run ------------------------------------------------------------------------------


async def start_run(graph: Graph, run_id: str, *, bundle: str, host: str, pid: int) -> None:
    """Record the run as writing, then wait until every transaction begun before that has ended (at
    most READS_SETTLE_SECONDS): a read that looked the hidden runs up before this one existed must be
    over before the run's first batch commits, or it could show that batch."""
    await graph.execute(START_RUN, run=run_id, bundle=bundle, host=host, pid=pid)
    since = (await graph.fetch(SERVER_NOW))[0]["now"]
    deadline = time.monotonic() + READS_SETTLE_SECONDS
    while (await graph.fetch(OLDER_TRANSACTIONS, since=since))[0]["older"]:
        if time.monotonic() > deadline:
            return  # longer than an API read may run; exports look each row's run up as they read
        await asyncio.sleep(SETTLE_POLL_SECONDS)


def _statement(write: Write) -> tuple[Statement, str]:
    """The statement of a write and the name of its parameter."""
    if write.op == "create_nodes":
        return CREATE_NODES[Label(write.target)], "rows"
    if write.op == "create_rels":
        return CREATE_RELS[Rel(write.target)], "rows"
    if write.op == "update_nodes":
        needs = any("needs" in row["props"] for row in write.rows)
        return (UPDATE_NODES if needs else UPDATE_NODES_KEEPING_NEEDS), "rows"
    if write.op == "update_rels":
        return UPDATE_RELS, "rows"
    if write.op == "remove_nodes":
        return REMOVE_NODES, "ids"
    return REMOVE_RELS, "rids"


async def _apply(tx: AsyncManagedTransaction, write: Write, run_id: str | None) -> None:
    """One write in a transaction; an update in a batch of a run also journals what it replaces."""
    statement, parameter = _statement(write)
    rows = write.rows
    key = UPDATES.get(write.op)
    if key is not None:
        if run_id is not None:
            await run(tx, KEEP_UNDO, run=run_id, op=write.op, rows=encode_undo(write.rows, key))
        rows = [{key: row[key], "props": row["props"]} for row in write.rows]
    await run(tx, statement, run=run_id, **{parameter: rows})


class RunLost(RuntimeError):
    """The run is no longer writing: another process undid it as abandoned."""


async def write_batch(graph: Graph, run_id: str, writes: Sequence[Write]) -> None:
    """One bounded write transaction of the run; it also says the run is alive.

    It says so last: the beat locks the run's node until the transaction commits, so two batches
    written at once (importer.IN_FLIGHT) each hold it only while committing."""

    async def work(tx: AsyncManagedTransaction) -> None:
        for write in writes:
            await _apply(tx, write, run_id)
        if not await run(tx, BEAT_RUN, run=run_id):
            raise RunLost(f"import run {run_id} was undone by another process")

    await graph.write(work)


@dataclass(frozen=True)
class Audit:
    """What the audit log says of a published import: who ran it and the first ids it wrote."""

    who: str
    target_ids: Sequence[str]
    detail: str


IMPORT_ACTION = "importBundle"


async def publish(graph: Graph, run_id: str, writes: Sequence[Write], audit: Audit) -> None:
    """The run's last transaction: its remaining writes, the audit entry, then the mark that makes it
    all visible."""

    async def work(tx: AsyncManagedTransaction) -> None:
        if not await run(tx, BEAT_RUN, run=run_id):
            raise RunLost(f"import run {run_id} was undone by another process")
        for write in writes:
            await _apply(tx, write, None)
        await record_write(
            tx, who=audit.who, action=IMPORT_ACTION, target_ids=audit.target_ids, detail=audit.detail
        )
        await run(tx, PUBLISH_RUN, run=run_id)

    await graph.write(work)


async def record_import(graph: Graph, audit: Audit) -> None:
    """The audit entry of a bulk import, whose run was published by the importer itself."""

    async def work(tx: AsyncManagedTransaction) -> None:
        await record_write(
            tx, who=audit.who, action=IMPORT_ACTION, target_ids=audit.target_ids, detail=audit.detail
        )

    await graph.write(work)


async def forget_undo(graph: Graph, run_id: str) -> None:
    """After publishing: drop the run's journal of the values its updates replaced."""
    while (await graph.execute(FORGET_UNDO, run=run_id, limit=UNDO_JOURNALS))[0]["done"]:
        pass


# --- Undoing a run ------------------------------------------------------------------------------


async def open_runs(graph: Graph) -> list[OpenRun]:
    return [
        OpenRun(r["id"], r["state"], r["host"] or "", int(r["pid"] or 0), int(r["quiet"] or 0))
        for r in await graph.fetch(OPEN_RUNS)
    ]


async def mark_run(graph: Graph, run_id: str, state: str) -> None:
    await graph.execute(MARK_RUN, run=run_id, state=state)


async def undo_run(graph: Graph, run_id: str) -> None:
    """Remove what a run created and restore what it updated, in bounded transactions: each journal
    node is restored and deleted in one, so an undo cut short resumes where it stopped."""
    while (await graph.execute(UNDO_CREATED_NODES, run=run_id, limit=UNDO_BATCH))[0]["done"]:
        pass
    while (await graph.execute(UNDO_RELS, run=run_id, limit=UNDO_BATCH))[0]["done"]:
        pass
    while journal := await graph.fetch(NEXT_UNDO, run=run_id):
        await _restore(graph, journal[0]["uid"], journal[0]["op"], journal[0]["rows"])


async def _restore(graph: Graph, uid: str, op: str, text: str) -> None:
    """Restore one journal's values and delete it, in one transaction."""
    restore = UPDATE_NODES if op == "update_nodes" else UPDATE_RELS

    async def work(tx: AsyncManagedTransaction) -> None:
        await run(tx, restore, rows=decode_undo(text, UPDATES[op]))
        await run(tx, DROP_UNDO, uid=uid)

    await graph.write(work)


# --- The values a batch of updates replaced, as one text ------------------------------------------


def encode_undo(rows: Sequence[Mapping[str, Any]], key: str) -> str:
    """Each row's key and previous values (None: the property was absent) as JSON, dates and times
    tagged."""

    def tagged(value: Any) -> Any:
        if isinstance(value, datetime):
            return {"t": value.isoformat()}
        if isinstance(value, date):
            return {"d": value.isoformat()}
        return value

    return orjson.dumps(
        [[row[key], {name: tagged(value) for name, value in row["undo"].items()}] for row in rows]
    ).decode()


def decode_undo(text: str, key: str) -> list[dict[str, Any]]:
    """The rows UPDATE_NODES (key `id`) or UPDATE_RELS (key `rid`) take to restore the values."""

    def untagged(value: Any) -> Any:
        if isinstance(value, dict) and "t" in value:
            return datetime.fromisoformat(value["t"])
        if isinstance(value, dict) and "d" in value:
            return date.fromisoformat(value["d"])
        return value

    return [
        {key: item, "props": {name: untagged(value) for name, value in props.items()}}
        for item, props in orjson.loads(text)
    ]
