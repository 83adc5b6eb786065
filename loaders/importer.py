"""Importing a bundle, all or nothing at any size: check everything, then write in bounded transactions
tagged with an import run, then publish the run in one short transaction.

1. Read and check: the bundle is streamed once; every row is typed and checked (`loaders.checks`) and
   compared with what is stored in read transactions (`loaders.plan`); the writes go to a file on disk
   (a first load's creations, to the bulk importer's files: `loaders.bulk`).
   Any problem stops here, before anything is written to the graph.
2. Write: the planned creations in transactions of `WRITE_BATCH` rows, each node and relationship
   tagged with the run (`_run`); reads ignore them while the run is unpublished.
3. Publish: one transaction applies the updates, ends and removals (when there are at most
   `PUBLISH_UPDATES` of them; more are written in step 2, each batch journaling the values it
   replaces) and marks the run published. Everything appears at once.

A run that fails is undone at once; one whose process was killed (or whose Neo4j went down) is undone
by the next import, or by `gridwork load --recover`, before anything else is written.
"""

from __future__ import annotations

import asyncio
import gc
import getpass
import itertools
import os
import socket
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from graph import imports
from graph.constraints import ensure_constraints
from graph.driver import Graph, GraphUnavailable
from graph.imports import Audit, OpenRun, Write
from loaders.bulk import BulkFiles, BulkWriter, ImportRunRecord
from loaders.bundle import Bundle, Entry, NodeEntry, RelationshipRow, table_entries
from loaders.checks import BundleIndex
from loaders.known import KnownLines, StoredLines
from loaders.plan import CREATED, ENDED, OUTCOMES, REMOVED, UNCHANGED, UPDATED, ImportReport, Planner
from loaders.problems import BundleError, Problem

__all__ = [
    "CREATED",
    "ENDED",
    "OUTCOMES",
    "REMOVED",
    "UNCHANGED",
    "UPDATED",
    "ImportReport",
    "LoadRefused",
    "import_bundle",
    "recover",
]

PLAN_BATCH = 5_000  # rows compared with the stored graph per read transaction
WRITE_BATCH = 10_000  # rows per write transaction
PUBLISH_UPDATES = 100_000  # at most this many updates go into the publishing transaction itself
IN_FLIGHT = 2  # batched updates written at once: one in Neo4j while the next is sent
QUIET_SECONDS = 600  # a run of another machine silent this long is taken for dead
INDEX_WAIT_SECONDS = 3_600  # after a bulk import, the indexes of a million-person city populate
HOST = socket.gethostname()
SETTLE_SECONDS = 0.05  # how often lines known by the reader are added to the index while it reads
YOUNG_COLLECTION = 50_000  # container objects allocated between two young collections (Python: 700)
NO_FULL_COLLECTION = 1_000_000_000
Progress = Callable[[int], None]
# Replaces the (empty) database by the bulk importer's files, which the callable it is given finishes
# (they are written while the bundle is checked): stop the server meanwhile, import, start it again
# (whatever happens).
OfflineImport = Callable[[Callable[[], BulkFiles]], Awaitable[None]]


class LoadRefused(RuntimeError):
    """Another import is writing now; this one has not started."""


def _owner_dead(run: OpenRun) -> bool:
    if run.state != "writing":
        return True  # failed or undone already: its leftovers, if any, go
    if run.host == HOST:
        try:
            os.kill(run.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return run.pid == os.getpid()
    return run.quiet_seconds > QUIET_SECONDS


async def recover(graph: Graph) -> list[str]:
    """Undo every run whose process is gone; return their ids. LoadRefused if one is still writing."""
    undone = []
    for run in await imports.open_runs(graph):
        if not _owner_dead(run):
            raise LoadRefused(
                f"another import (run {run.id}, process {run.pid} on {run.host}) is writing: wait for it"
            )
        await imports.undo_run(graph, run.id)
        await imports.mark_run(graph, run.id, "undone")
        if run.state == "writing":
            undone.append(run.id)
    return undone


def _batches(entries: Iterable[Entry]) -> Iterator[list[Entry]]:
    """Rows of one file at a time, at most PLAN_BATCH together."""
    for _, group in itertools.groupby(entries, key=lambda e: e.label if isinstance(e, NodeEntry) else e.rel):
        while batch := list(itertools.islice(group, PLAN_BATCH)):
            yield batch


async def plan(
    graph: Graph, bundle: Bundle, report: ImportReport, *, bulk: BulkWriter | None = None
) -> Planner:
    """Read and check the whole bundle against the stored graph; BundleError lists every problem.
    With `bulk`, the database is known to hold nothing and the creations go to its files."""
    index = BundleIndex()
    planner = Planner(graph, index, report, bulk=bulk)
    problems: list[Problem] = []
    lines = StoredLines(graph, () if bulk is not None else bundle.tables)
    reading: asyncio.Future[list[Entry]] | None = None
    try:
        for table in bundle.tables:
            known = await lines.known(table, index, report)
            batches = _batches(table_entries(table, problems, known))
            reading = _read(batches)
            while batch := await _settling(reading, known, problems):
                for entry in batch:
                    problems.extend(index.add(entry))
                reading = _read(batches)  # the next batch is read while Neo4j is asked about this one
                first = batch[0]
                if isinstance(first, NodeEntry):
                    rows = [e for e in batch if isinstance(e, NodeEntry)]
                    await planner.nodes(first.label, rows, likely_changed=known is not None)
                else:
                    await planner.links(first.rel, [e for e in batch if isinstance(e, RelationshipRow)])
        await planner.finish()
        problems.extend(planner.problems)
        if problems:
            raise BundleError(problems)
    except BaseException:
        planner.close()
        raise
    finally:
        if reading is not None:
            # The reader's thread ends its batch before the bundle closes (its failure is said already).
            await asyncio.gather(reading, return_exceptions=True)
        await lines.close()
    return planner


def _read(batches: Iterator[list[Entry]]) -> asyncio.Future[list[Entry]]:
    """The next batch of a file (empty at its end), read and typed in a worker thread.

    The reader only reads: it notes problems in the rows and the lines it knows, and the loop's
    thread adds them to the index (`KnownLines.settle`, `BundleIndex.add`). Meanwhile the event loop
    is free for Neo4j's answers to the comparison of the batch before.
    """
    done: list[Entry] = []
    return asyncio.ensure_future(asyncio.to_thread(next, batches, done))


async def _settling(
    reading: asyncio.Future[list[Entry]], known: KnownLines | None, problems: list[Problem]
) -> list[Entry]:
    """The reader's batch, once in. Until then, and then, the lines it knew are settled every
    SETTLE_SECONDS: a file of known lines gives no batch until its end, and their ids would pile up."""
    while True:
        done, _ = await asyncio.wait([reading], timeout=SETTLE_SECONDS)
        if known is not None:
            problems.extend(known.settle())
        if done:
            return reading.result()


async def import_bundle(
    graph: Graph,
    bundle: Bundle,
    *,
    dry_run: bool = False,
    progress: Progress = lambda _: None,
    on_plan: Callable[[int], None] = lambda _: None,
    offline: OfflineImport | None = None,
) -> ImportReport:
    """Check, then write the bundle; BundleError (nothing written) when it does not fit the stored graph.

    `on_plan` hears how many rows will be written once that is known; `progress` hears each batch.
    With `offline`, a first load into an empty database goes through Neo4j's bulk importer instead of
    Bolt transactions (`report.bulk` says which ran).
    """
    with _young_collections_only():
        return await _import(graph, bundle, dry_run, progress, on_plan, offline)


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """No full garbage collections while a bundle loads. The check's index (millions of ids and links)
    lives until the load ends, and each full collection walks all of it again: that was half the CPU of
    loading a million-person city unchanged. Young objects are still collected, less often; the cycles
    a load makes (a driver's futures, an error's traceback) are short-lived."""
    before = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, before[1], NO_FULL_COLLECTION)
    try:
        yield
    finally:
        gc.set_threshold(*before)


async def _import(
    graph: Graph,
    bundle: Bundle,
    dry_run: bool,
    progress: Progress,
    on_plan: Callable[[int], None],
    offline: OfflineImport | None,
) -> ImportReport:
    # Into an empty database, the bulk importer replaces it whole: its schema is made afterwards.
    bulk = offline is not None and not dry_run and await imports.is_empty(graph)
    if not bulk:
        await ensure_constraints(graph)
        await imports.ensure_run_schema(graph)
        if not dry_run:
            await recover(graph)
    report = ImportReport(dry_run=dry_run)
    started = datetime.now(UTC)
    with _bulk_writer(bulk) as writer:
        planner = await plan(graph, bundle, report, bulk=writer)
        try:
            writes = planner.creations + planner.updates.rows + planner.removal_count
            on_plan(writes)
            if dry_run:
                return report
            if not writes:
                await _remember_lines(graph, planner)
                return report
            if writer is not None and offline is not None:
                report.run, report.bulk = writer.run_id, True
                await _bulk(graph, bundle, planner, writer, offline, started)
                progress(writes)
                return report
            report.run = uuid.uuid4().hex
            async with _run(graph, report.run, bundle):
                await _write(graph, report.run, planner, progress)
            await _remember_lines(graph, planner)
            return report
        finally:
            planner.close()


@contextmanager
def _bulk_writer(wanted: bool) -> Iterator[BulkWriter | None]:
    """For a first load, the writer of the bulk importer's files, in a scratch folder of their own."""
    if not wanted:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="gridwork-bulk-") as scratch:
        writer = BulkWriter(Path(scratch), uuid.uuid4().hex)
        try:
            yield writer
        finally:
            writer.close()


def _audit(planner: Planner) -> Audit:
    """Who ran the import (the operating system's user) and the first ids it wrote."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the uid says who
        user = str(os.getuid())
    detail = f"{planner.written} nodes created, updated or removed"
    return Audit(who=f"loader:{user}", target_ids=planner.first_ids, detail=detail)


async def _bulk(
    graph: Graph,
    bundle: Bundle,
    planner: Planner,
    writer: BulkWriter,
    offline: OfflineImport,
    started: datetime,
) -> None:
    """Let `offline` finish the import's files and import them, then build the indexes and wait for
    them: the run's indexes first, since they populate in the background while each constraint's
    own index is built and checked before its statement returns."""
    record = ImportRunRecord(writer.run_id, str(bundle.path), HOST, os.getpid(), started, datetime.now(UTC))
    await offline(lambda: writer.finish(record))
    await _until_available(graph, INDEX_WAIT_SECONDS)
    await imports.ensure_run_schema(graph)
    await ensure_constraints(graph)
    await imports.await_indexes(graph, INDEX_WAIT_SECONDS)
    await imports.record_import(graph, _audit(planner))


@asynccontextmanager
async def _run(graph: Graph, run_id: str, bundle: Bundle) -> AsyncIterator[None]:
    """A run that is undone if anything fails; if the process dies instead, the next import undoes it."""
    await imports.start_run(graph, run_id, bundle=str(bundle.path), host=HOST, pid=os.getpid())
    try:
        yield
    except BaseException:
        try:
            await imports.undo_run(graph, run_id)
            await imports.mark_run(graph, run_id, "undone")
        except Exception:  # Neo4j gone: the next import undoes it
            pass
        raise


async def _write(graph: Graph, run_id: str, planner: Planner, progress: Progress) -> None:
    for write in _chunks(planner.creates):
        await imports.write_batch(graph, run_id, [write])
        progress(len(write.rows))
    last: list[Write] = []
    if planner.updates.rows > PUBLISH_UPDATES:
        await _in_flight(graph, run_id, _chunks(planner.updates), progress)
    else:
        last.extend(planner.updates)
    last.extend(planner.removals)
    await imports.publish(graph, run_id, last, _audit(planner))
    progress(sum(len(w.rows) for w in last))
    if planner.updates.rows > PUBLISH_UPDATES:
        await imports.forget_undo(graph, run_id)


async def _in_flight(graph: Graph, run_id: str, writes: Iterable[Write], progress: Progress) -> None:
    """Batches that touch different rows (updates: a row is updated once per bundle), IN_FLIGHT
    transactions at a time: Neo4j runs one while this process reads, journals and sends the next.
    If one fails, the others still in flight are let finish, not cancelled (a cancelled commit could
    land after the undo), then the failure is raised and the run undone."""
    running: set[asyncio.Task[int]] = set()

    async def batch(write: Write) -> int:
        await imports.write_batch(graph, run_id, [write])
        return len(write.rows)

    async def one_done() -> set[asyncio.Task[int]]:
        done, pending = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            progress(task.result())
        return pending

    try:
        for write in writes:
            if len(running) == IN_FLIGHT:
                running = await one_done()
            running.add(asyncio.create_task(batch(write)))
        while running:
            running = await one_done()
    finally:
        await asyncio.gather(*running, return_exceptions=True)


async def _remember_lines(graph: Graph, planner: Planner) -> None:
    """Record the line hashes of rows found unchanged the slow way, so that the next load of the same
    lines skips them (loaders/known.py). Not part of any run: it changes nothing a reader sees."""
    for write in _chunks(planner.remembered):
        await imports.remember_lines(graph, write)


async def _until_available(graph: Graph, seconds: float) -> None:
    """Wait for a restarted server's database: Bolt answers before a freshly imported store is open."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            await imports.is_empty(graph)
            return
        except GraphUnavailable:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(1.0)


def _chunks(writes: Iterable[Write]) -> Iterator[Write]:
    """Planned writes regrouped into transactions of up to WRITE_BATCH rows of one kind."""
    pending: Write | None = None
    for write in writes:
        same = pending is not None and (pending.op, pending.target) == (write.op, write.target)
        if same and pending is not None and len(pending.rows) + len(write.rows) <= WRITE_BATCH:
            pending.rows.extend(write.rows)
            continue
        if pending is not None:
            yield pending
        pending = Write(write.op, write.target, list(write.rows))
    if pending is not None:
        yield pending
