"""Reading the whole graph back out, label by label and type by type, in a stable order, a page at a
time: a city of millions is exported in bounded memory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from graph.driver import Graph
from graph.model import Label, Rel
from graph.reads import native_props
from graph.statements.imports import EXPORT_NODES, EXPORT_RELS

EXPORT_PAGE = 10_000  # nodes, or sources of relationships, per read


async def node_pages(graph: Graph, label: Label) -> AsyncIterator[list[dict[str, Any]]]:
    """Every node of a label, as its properties, ordered by id."""
    after = ""
    while True:
        records = await graph.fetch(EXPORT_NODES[label], after=after, page=EXPORT_PAGE)
        rows = sorted((native_props(props) for props in records[0]["rows"]), key=lambda row: str(row["id"]))
        if rows:
            yield rows
        if len(rows) < EXPORT_PAGE:
            return
        after = rows[-1]["id"]


async def rel_pages(graph: Graph, rel: Rel) -> AsyncIterator[list[dict[str, Any]]]:
    """Every relationship of a type, as {from, to, **properties}, ordered by its ends, then its field
    and its start (a missing value last)."""
    after = ""
    while True:
        record = (await graph.fetch(EXPORT_RELS[rel], after=after, page=EXPORT_PAGE))[0]
        rows = [
            {"from": source, "to": target, **native_props(props)} for source, target, props in record["rows"]
        ]
        if rows:
            yield sorted(rows, key=_rel_order)
        if record["sources"] < EXPORT_PAGE:
            return
        after = record["last"]


def _rel_order(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["from"],
        row["to"],
        *((row.get(key) is None, row.get(key) or "") for key in ("field", "since")),
    )
