"""Importing a bundle: all or nothing, in one write transaction, and a report of what changed.

The transaction checks the bundle against what is stored (ends that live in the database, ids used by
another label), writes only the rows that differ, checks the area hierarchy it leaves behind, and
rolls back on any problem or on a dry run. A second import of the same bundle writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import imports
from graph.constraints import ensure_constraints
from graph.driver import Graph
from graph.model import Label, Rel
from graph.reads import Node
from loaders.bundle import Bundle, BundleError, LinkEntry, NodeEntry, Problem, Where, end_problems

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class ImportReport:
    """Rows created, updated and left unchanged, per label or relationship type."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    dry_run: bool = False

    def add(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    @property
    def changed(self) -> bool:
        return self.total(CREATED) + self.total(UPDATED) > 0


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back once its report is complete."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report


async def import_bundle(
    graph: Graph,
    bundle: Bundle,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] = lambda _: None,
    on_plan: Callable[[int], None] = lambda _: None,
) -> ImportReport:
    """Write the bundle; raise BundleError (nothing written) when it does not fit the stored graph.

    `on_plan` hears how many rows will be written once that is known; `progress` hears each batch.
    """
    await ensure_constraints(graph)

    async def work(tx: AsyncManagedTransaction) -> ImportReport:
        report = ImportReport(dry_run=dry_run)
        stored = await imports.lookup_nodes(tx, _all_ids(bundle))
        _raise_if(_stored_conflicts(bundle, stored))
        nodes = _classify_nodes(bundle.nodes, stored, report)
        links = await _classify_links(tx, bundle.links, report)
        on_plan(sum(len(rows) for rows in nodes.values()) + sum(len(rows) for rows in links.values()))
        for label, rows in nodes.items():
            await imports.merge_nodes(tx, label, rows, progress)
        for rel, rows in links.items():
            await imports.merge_rels(tx, rel, rows, progress)
        _raise_if(await _hierarchy_problems(tx, bundle))
        if dry_run:
            raise _DryRun(report)
        return report

    try:
        return await graph.write(work)
    except _DryRun as rolled_back:
        return rolled_back.report


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        raise BundleError(problems)


def _all_ids(bundle: Bundle) -> list[str]:
    ids = {entry.id for entry in bundle.nodes}
    for link in bundle.links:
        ids.update((link.source, link.target))
    return sorted(ids)


def _stored_conflicts(bundle: Bundle, stored: Mapping[str, Node]) -> list[Problem]:
    """Ids the database holds under another label, and relationship ends found nowhere."""
    problems: list[Problem] = []
    for entry in bundle.nodes:
        found = stored.get(entry.id)
        if found is not None and found.label != entry.label:
            where = Where(entry.where.file, entry.where.line, 1, "id")
            problems.append(Problem(where, f'id "{entry.id}" belongs to a {found.label} in the database'))
    labels: dict[str, Label] = {node_id: node.label for node_id, node in stored.items()}
    labels.update({entry.id: entry.label for entry in bundle.nodes})
    for link in bundle.links:
        problems.extend(
            end_problems(link, labels.get(link.source), labels.get(link.target), check_missing=True)
        )
    return problems


def _differs(props: Mapping[str, Any], stored: Mapping[str, Any]) -> bool:
    return any(stored.get(key) != value for key, value in props.items())


def _classify_nodes(
    entries: Sequence[NodeEntry], stored: Mapping[str, Node], report: ImportReport
) -> dict[Label, list[dict[str, Any]]]:
    """The node rows to write, by label; unchanged rows are counted and left out."""
    to_write: dict[Label, list[dict[str, Any]]] = {}
    for entry in entries:
        found = stored.get(entry.id)
        outcome = CREATED if found is None else UPDATED if _differs(entry.props, found.props) else UNCHANGED
        report.add(entry.label, outcome)
        if outcome != UNCHANGED:
            to_write.setdefault(entry.label, []).append({"id": entry.id, "props": entry.props})
    return to_write


async def _classify_links(
    tx: AsyncManagedTransaction, entries: Sequence[LinkEntry], report: ImportReport
) -> dict[Rel, list[dict[str, Any]]]:
    """The relationship rows to write, by type, after comparing each with what is stored."""
    by_rel: dict[Rel, list[LinkEntry]] = {}
    for entry in entries:
        by_rel.setdefault(entry.rel, []).append(entry)
    to_write: dict[Rel, list[dict[str, Any]]] = {}
    for rel, group in by_rel.items():
        stored = await imports.lookup_rels(tx, rel, sorted({(e.source, e.target) for e in group}))
        for entry in group:
            outcome = _link_outcome(entry, stored.get((entry.source, entry.target), []))
            report.add(rel, outcome)
            if outcome != UNCHANGED:
                row = {"from": entry.source, "to": entry.target, "key": entry.key, "props": entry.props}
                to_write.setdefault(rel, []).append(row)
    return to_write


def _link_outcome(entry: LinkEntry, stored: Sequence[Mapping[str, Any]]) -> str:
    same_key = [props for props in stored if all(props.get(k) == v for k, v in entry.key.items())]
    if not same_key:
        return CREATED
    return UPDATED if _differs(entry.props, same_key[0]) else UNCHANGED


async def _hierarchy_problems(tx: AsyncManagedTransaction, bundle: Bundle) -> list[Problem]:
    """Areas this bundle touches must end up in exactly one parent area, buildings in one compound."""
    touched = {e.id for e in bundle.nodes} | {
        e.source for e in bundle.links if e.rel in (Rel.IN, Rel.PART_OF)
    }
    where = {e.id: e.where for e in bundle.nodes}
    for link in bundle.links:
        if link.rel in (Rel.IN, Rel.PART_OF):
            where.setdefault(link.source, link.where)
    problems = []
    for area in await imports.misplaced_areas(tx, sorted(touched)):
        place = where[area.id]
        if area.parents == 0:
            message = f'{area.label} "{area.id}" is in no parent area: add a row for it to IN.csv'
        elif area.parents > 1:
            message = f'{area.label} "{area.id}" is in {area.parents} parent areas; it may be in one'
        else:
            message = f'Building "{area.id}" is part of {area.compounds} compounds; it may be part of one'
        problems.append(Problem(place, message))
    return problems
