"""The writes and checks of a bundle import, each run inside the caller's one write transaction.

The caller (loaders.importer) decides what to write; these functions only speak Cypher, in batches of
`BATCH` rows per `UNWIND`, keyed on the constrained ids so that writing a row twice changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from graph.driver import Statement, run
from graph.model import Label, Rel
from graph.reads import Node, native_props, to_node
from graph.statements import NODES_BY_ID
from graph.statements.imports import LOOKUP_RELS, MERGE_NODES, MERGE_RELS, MISPLACED_AREAS

BATCH = 5_000
T = TypeVar("T")
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Misplaced:
    """An area that does not sit in exactly one parent, or a building in more than one compound."""

    id: str
    label: Label
    parents: int
    compounds: int


def batches(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


async def lookup_nodes(tx: AsyncManagedTransaction, ids: Sequence[str]) -> dict[str, Node]:
    """The stored nodes among `ids`, whatever their label."""
    found: dict[str, Node] = {}
    for chunk in batches(ids):
        for n in (await run(tx, NODES_BY_ID, ids=list(chunk)))[0]["found"]:
            found[n["id"]] = to_node(n)
    return found


async def lookup_rels(
    tx: AsyncManagedTransaction, rel: Rel, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The stored relationships of one type between each (from, to) pair, as property maps."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for chunk in batches(pairs):
        for r in (await run(tx, LOOKUP_RELS[rel], pairs=[list(pair) for pair in chunk]))[0]["found"]:
            found[r["from"], r["to"]].append(native_props(r["props"]))
    return found


async def merge_nodes(
    tx: AsyncManagedTransaction, label: Label, rows: Sequence[dict[str, Any]], progress: Progress
) -> None:
    """Create or update nodes; each row is {id, props}."""
    await _write(tx, MERGE_NODES[label], rows, progress)


async def merge_rels(
    tx: AsyncManagedTransaction, rel: Rel, rows: Sequence[dict[str, Any]], progress: Progress
) -> None:
    """Create or update relationships; each row is {from, to, key, props}."""
    await _write(tx, MERGE_RELS[rel], rows, progress)


async def _write(
    tx: AsyncManagedTransaction, statement: Statement, rows: Sequence[dict[str, Any]], progress: Progress
) -> None:
    for chunk in batches(rows):
        await run(tx, statement, rows=list(chunk))
        progress(len(chunk))


async def misplaced_areas(tx: AsyncManagedTransaction, ids: Sequence[str]) -> list[Misplaced]:
    found: list[Misplaced] = []
    for chunk in batches(ids):
        for r in await run(tx, MISPLACED_AREAS, ids=list(chunk)):
            found.append(Misplaced(r["id"], Label(r["label"]), r["parents"], r["compounds"]))
    return found
