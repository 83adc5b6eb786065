"""Writing bundles: the graph exported, or a generated city, in exactly the format `load` reads.

Columns come from the row models of `loaders.rows`, so what is written is what is read back;
a file with no rows is left out ("files may be absent").
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graph.driver import Graph
from graph.exports import all_nodes, all_rels
from graph.model import Label, Rel
from loaders.rows import LIST_SEPARATOR, NODE_ROWS, REL_ROWS, columns


def cell(value: Any) -> str:
    """One value as the bundle format writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def write_file(path: Path, header: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write one CSV; return its number of rows (a file without rows is not written)."""
    rows = list(rows)
    if not rows:
        return 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([cell(row.get(column)) for column in header] for row in rows)
    return len(rows)


def write_bundle(
    folder: Path,
    nodes: Mapping[Label, Iterable[Mapping[str, Any]]],
    links: Mapping[Rel, Iterable[Mapping[str, Any]]],
) -> dict[str, int]:
    """Write node and relationship rows as a bundle; return the rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in [*Label, *Rel]:  # an earlier bundle's file must not outlive its rows
        (folder / f"{name.value}.csv").unlink(missing_ok=True)
    written: dict[str, int] = {}
    for label, node_rows in nodes.items():
        written[label.value] = write_file(folder / f"{label.value}.csv", columns(NODE_ROWS[label]), node_rows)
    for rel, link_rows in links.items():
        written[rel.value] = write_file(folder / f"{rel.value}.csv", columns(REL_ROWS[rel]), link_rows)
    return {name: count for name, count in written.items() if count}


async def export_bundle(graph: Graph, folder: Path) -> dict[str, int]:
    """The whole graph as a bundle that `load` reads back to the same graph."""
    nodes = {label: await all_nodes(graph, label) for label in Label}
    links = {rel: await all_rels(graph, rel) for rel in Rel}
    return write_bundle(folder, nodes, links)
