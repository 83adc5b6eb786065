"""Planning what a bundle changes: each batch of rows compared with what is stored, in read
transactions, into the writes to make (created, updated, ended, removed) and the report's counts.

Nothing is written to the graph here. The planner's writes go to a `Spill` on disk, so that a million
rows are planned in bounded memory and written only once every check has passed; a first load's
creations go to the bulk importer's files instead (`loaders.bulk.BulkWriter`).
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from graph import imports
from graph.driver import Graph
from graph.imports import StoredHash, StoredNode, StoredRel, Write
from graph.model import Label, Rel
from loaders import checks
from loaders.bulk import BulkWriter
from loaders.bundle import NodeEntry, RelationshipRow
from loaders.checks import SINGLE, BundleIndex
from loaders.problems import Problem, Where
from loaders.rowhash import HASH, LINE, row_hash
from loaders.rows import NODE_ROWS, REL_ROWS, columns

CREATED, UPDATED, UNCHANGED, ENDED, REMOVED = "created", "updated", "unchanged", "ended", "removed"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, ENDED, REMOVED)
# Removals are written in the publishing transaction, so they are bounded: a bundle removes at most this.
MAX_REMOVALS = 100_000
# How many properties a row gives when its file has every column: then the row is the whole stored
# row, and its fingerprint says whether anything changed.
NODE_PROPS = {label: len(columns(model)) - 1 for label, model in NODE_ROWS.items()}
REL_PROPS = {rel: len(columns(model)) - 2 for rel, model in REL_ROWS.items()}
# The audit entry of an import names this many of the ids it wrote (and counts them all).
AUDITED_IDS = 100


@dataclass
class ImportReport:
    """Rows created, updated, left unchanged, ended (by a move) and removed, per label or type."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    dry_run: bool = False
    run: str | None = None
    bulk: bool = False  # written by Neo4j's bulk importer (a first load), not in Bolt transactions
    known: int = 0  # unchanged rows recognised by their CSV line alone, without reading their cells

    def add(self, kind: str, outcome: str, count: int = 1) -> None:
        counter = self.counts.get(kind)
        if counter is None:
            counter = self.counts[kind] = Counter()
        counter[outcome] += count

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    @property
    def changed(self) -> bool:
        return any(self.total(outcome) for outcome in (CREATED, UPDATED, ENDED, REMOVED))


class Spill:
    """Batches of writes kept in a temporary file, read back in the order they were written."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile(prefix="gridwork-plan-")  # noqa: SIM115 closed by close()
        self.rows = 0

    def add(self, write: Write) -> None:
        if write.rows:
            pickle.dump(write, self.file, protocol=pickle.HIGHEST_PROTOCOL)
            self.rows += len(write.rows)

    def __iter__(self) -> Iterator[Write]:
        self.file.seek(0)
        while True:
            try:
                yield pickle.load(self.file)
            except EOFError:
                return

    def close(self) -> None:
        self.file.close()


def _changes(props: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
    """The properties whose values differ from the stored ones: all an update sends."""
    return {key: value for key, value in props.items() if stored.get(key) != value}


def _undo(props: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
    """The values `props` replace (None: absent), which a batch of a run journals."""
    return {key: stored.get(key) for key in props}


@dataclass
class Planner:
    """Compares batches of rows with the stored graph; collects the writes and the report."""

    graph: Graph
    index: BundleIndex
    report: ImportReport
    creates: Spill = field(default_factory=Spill)
    updates: Spill = field(default_factory=Spill)
    # Rows found unchanged by comparison whose line hash is not stored yet (loaders/known.py).
    remembered: Spill = field(default_factory=Spill)
    removals: list[Write] = field(default_factory=list)
    removal_count: int = 0
    pending_ends: list[tuple[Rel, str, StoredRel, RelationshipRow]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    areas_to_empty: list[NodeEntry] = field(default_factory=list)
    # A first load into an empty database: creations go straight to the bulk importer's files.
    bulk: BulkWriter | None = None
    first_ids: list[str] = field(default_factory=list)  # for the audit entry
    written: int = 0  # nodes created, updated or removed
    ending_parents: dict[str, Where] = field(default_factory=dict)

    async def nodes(self, label: Label, batch: Sequence[NodeEntry], *, likely_changed: bool = False) -> None:
        """Compare a batch of one label's rows with the stored nodes. `likely_changed`: the file's
        known lines were skipped already, so the rows left most likely differ from what is stored;
        they are read whole at once instead of by their fingerprints first."""
        # A first load's fingerprints are the bulk writer's to work out, on the other core.
        fingerprints = (
            {} if self.bulk is not None else {e.id: row_hash(e.props) for e in batch if not e.remove}
        )
        ids = [e.id for e in batch]
        hashes: dict[str, StoredHash] = {}
        stored: dict[str, StoredNode] = {}
        if likely_changed:  # lines were known, so something is stored
            stored = await imports.stored_nodes(self.graph, ids)
            hashes = {i: StoredHash(n.label, n.props.get(HASH), n.props.get(LINE)) for i, n in stored.items()}
        elif not self.empty_database:
            hashes = await imports.stored_hashes(self.graph, ids)
        unknown = [
            e.id
            for e in batch
            if (known := hashes.get(e.id)) is not None
            and not e.remove
            and not _proven_unchanged(label, e, known, fingerprints[e.id])
        ]
        if unknown and not likely_changed:
            stored = await imports.stored_nodes(self.graph, unknown)
        compared = set(unknown)
        created: list[Any] = []
        updated: list[Any] = []
        removed: list[Any] = []
        remembered: list[Any] = []
        for entry in batch:
            found = hashes.get(entry.id)
            if found is not None and found.label != label:
                self.problems.append(checks.other_label(entry, found.label))
            elif entry.remove:
                if found is None:
                    self.problems.append(checks.nothing_to_remove(entry))
                    continue
                removed.append(entry.id)
                self._touched(entry.id)
                self.report.add(label, REMOVED)
                if checks.is_area(label):
                    self.areas_to_empty.append(entry)
            elif found is None:
                created.append(
                    {"id": entry.id, "props": entry.props, HASH: fingerprints.get(entry.id), LINE: entry.line}
                )
                self._touched(entry.id)
                self.report.add(label, CREATED)
                self.index.mark_created(entry.id)
                if checks.needs_parent(label):
                    self.index.new_areas[entry.id] = entry.where
            elif entry.id in compared:
                self._node_update(label, entry, stored[entry.id], fingerprints[entry.id], updated)
            else:
                self.report.add(label, UNCHANGED)
                if entry.line is not None and found.line != entry.line:
                    remembered.append({"id": entry.id, "hash": found.hash, "line": entry.line})
        self._create(Write("create_nodes", label, created))
        self.remembered.add(Write("remember_nodes", label, remembered))
        self.updates.add(Write("update_nodes", label, updated))
        self._remove(Write("remove_nodes", label, removed), batch)

    @property
    def empty_database(self) -> bool:
        """A bulk first load: nothing is stored, so nothing is looked up."""
        return self.bulk is not None

    @property
    def creations(self) -> int:
        """Rows planned to be created."""
        return self.creates.rows if self.bulk is None else self.bulk.rows

    def _create(self, write: Write) -> None:
        if self.bulk is None:
            self.creates.add(write)
        else:
            self.bulk.add(write)

    def _touched(self, node_id: str) -> None:
        self.written += 1
        if len(self.first_ids) < AUDITED_IDS:
            self.first_ids.append(node_id)

    def _node_update(
        self, label: Label, entry: NodeEntry, found: StoredNode, fingerprint: int, rows: list[Any]
    ) -> None:
        if changes := _changes(entry.props, found.props):
            whole = len(entry.props) == NODE_PROPS[label]
            props = {**changes, HASH: fingerprint if whole else None, LINE: entry.line if whole else None}
            rows.append({"id": entry.id, "props": props, "undo": _undo(props, found.props)})
            self._touched(entry.id)
            self.report.add(label, UPDATED)
        else:
            self.report.add(label, UNCHANGED)

    def _remove(self, write: Write, batch: Sequence[NodeEntry] | Sequence[RelationshipRow]) -> None:
        if not write.rows:
            return
        self.removal_count += len(write.rows)
        if self.removal_count > MAX_REMOVALS:
            self.problems.append(checks.too_many_removals(batch[0].where, MAX_REMOVALS))
            return
        self.removals.append(write)

    async def links(self, rel: Rel, batch: Sequence[RelationshipRow]) -> None:
        await self._check_stored_ends(batch)
        sources = (
            []
            if self.empty_database
            else sorted({e.source for e in batch if not self.index.created(e.source)})
        )
        stored = await imports.stored_rels(self.graph, rel, sources) if sources else {}
        created: list[Any] = []
        updated: list[Any] = []
        removed: list[Any] = []
        remembered: list[Any] = []
        for entry in batch:
            existing = stored.get(entry.source, [])
            same = [s for s in existing if s.target == entry.target and _same_key(entry, s)]
            if entry.remove:
                if not same:
                    self.problems.append(checks.nothing_to_remove(entry))
                    continue
                removed.append(same[0].rid)
                self.report.add(rel, REMOVED)
                continue
            whole = {**entry.key, **entry.props}
            if not same:
                row = {
                    "from": entry.source,
                    "to": entry.target,
                    "props": whole,
                    HASH: None if self.bulk is not None else row_hash(whole),
                    LINE: entry.line,
                }
                created.append(row)
                self.report.add(rel, CREATED)
            elif changes := _changes(entry.props, same[0].props):  # read whole: `_hash` not trusted
                complete = len(whole) == REL_PROPS[rel]
                props = {
                    **changes,
                    HASH: row_hash(whole) if complete else None,
                    LINE: entry.line if complete else None,
                }
                row = {"rid": same[0].rid, "props": props, "undo": _undo(props, same[0].props)}
                updated.append(row)
                self.report.add(rel, UPDATED)
            else:
                self.report.add(rel, UNCHANGED)
                if entry.line is not None and (fact := _line_to_remember(entry, whole, same[0])):
                    remembered.append(fact)
            if rel in SINGLE and checks.live(entry, self.index.today):
                self._moves(rel, entry, existing)
            elif rel is Rel.IN and same and checks.current(same[0].props, self.index.today):
                self.ending_parents[entry.source] = entry.where  # unless a new parent begins
        self._create(Write("create_rels", rel, created))
        self.remembered.add(Write("remember_rels", rel, remembered))
        self.updates.add(Write("update_rels", rel, updated))
        self._remove(Write("remove_rels", rel, removed), batch)

    def _moves(self, rel: Rel, entry: RelationshipRow, existing: Sequence[StoredRel]) -> None:
        """A new current home or parent ends the stored one (decided once the whole bundle is read)."""
        for old in existing:
            if old.target != entry.target and checks.current(old.props, self.index.today):
                self.pending_ends.append((rel, entry.source, old, entry))

    async def _check_stored_ends(self, batch: Sequence[RelationshipRow]) -> None:
        label = self.index.label
        ends = [(label(e.source), label(e.target)) for e in batch]
        unknown = sorted(
            {e.source for e, (s, _) in zip(batch, ends, strict=True) if s is None}
            | {e.target for e, (_, t) in zip(batch, ends, strict=True) if t is None}
        )
        stored = (
            await imports.stored_nodes(self.graph, unknown) if unknown and not self.empty_database else {}
        )
        for entry, (source, target) in zip(batch, ends, strict=True):
            source = source or _label(stored.get(entry.source))
            target = target or _label(stored.get(entry.target))
            self.problems.extend(checks.end_problems(entry, source, target, check_missing=True))

    async def finish(self) -> None:
        """Moves whose old link the bundle does not mention itself; areas left empty or parentless."""
        ended: list[dict[str, Any]] = []
        for rel, source, old, entry in self.pending_ends:
            if self.index.has_link(rel, source, old.target):
                continue  # the bundle says itself how the old link ends
            props = {"until": checks.end_of_old(entry, self.index.today), HASH: None, LINE: None}
            ended.append({"rid": old.rid, "props": props, "undo": _undo(props, old.props)})
            self.report.add(rel, ENDED)
        for start in range(0, len(ended), 5_000):
            self.updates.add(Write("update_rels", "", ended[start : start + 5_000]))
        if self.areas_to_empty:
            holding = await imports.current_children(
                self.graph, [e.id for e in self.areas_to_empty], self.index.today
            )
            for area in self.areas_to_empty:
                if holding.get(area.id):
                    self.problems.append(checks.area_still_holds(area, holding[area.id]))
        for area_id, where in self.ending_parents.items():
            if area_id not in self.index.single[Rel.IN]:
                self.problems.append(checks.left_without_parent(where, area_id))
        self.problems.extend(self.index.finish())

    def close(self) -> None:
        self.creates.close()
        self.updates.close()
        self.remembered.close()


def _same_key(entry: RelationshipRow, stored: StoredRel) -> bool:
    return all(stored.props.get(k) == v for k, v in entry.key.items())


def _line_to_remember(
    entry: RelationshipRow, whole: Mapping[str, Any], stored: StoredRel
) -> dict[str, Any] | None:
    """An unchanged row stored with its `_hash` but not this line's hash: what to record. The `_hash`
    is the proof: it is the hash of every value the stored row holds, so equal ones mean the row
    holds exactly what the line gives."""
    if stored.props.get(LINE) == entry.line:
        return None
    fingerprint = row_hash(whole)
    if stored.props.get(HASH) != fingerprint:
        return None
    return {"rid": stored.rid, "hash": fingerprint, "line": entry.line}


def _proven_unchanged(label: Label, entry: NodeEntry, known: StoredHash, fingerprint: int) -> bool:
    """The row gives every column and its fingerprint is the stored one: nothing to compare."""
    return known.label == label and len(entry.props) == NODE_PROPS[label] and known.hash == fingerprint


def _label(node: StoredNode | None) -> Label | None:
    return None if node is None else node.label
