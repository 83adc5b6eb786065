"""Writing bundles: the graph exported, or a generated city, in exactly the format `load` reads.

Columns come from the row models of `loaders.rows`, so what is written is what is read back; a file
with no rows is left out ("files may be absent"). An export masks residents' personal data unless asked
for it: phones as 138****0001, needs left empty, homes (LIVES_IN) left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graph.driver import Graph
from graph.exports import node_pages, rel_pages
from graph.model import Label, Rel
from loaders.formats import Format
from loaders.rows import NODE_ROWS, REL_ROWS, columns
from loaders.writing import BundleWriter, cell

__all__ = ["cell", "export_bundle", "mask_phone", "write_bundle"]

# What is personal in a resident's row and relationships (docs/domain.md, "People").
PERSONAL_LINKS = frozenset({Rel.LIVES_IN})


def mask_phone(phone: str | None) -> str | None:
    """138****0001: the same rule as the API's for viewers who may not see a phone."""
    if phone is None:
        return None
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def _masked(row: Mapping[str, Any]) -> dict[str, Any]:
    return {**row, "phone": mask_phone(row.get("phone")), "needs": None}


def write_bundle(
    target: Path,
    nodes: Mapping[Label, Iterable[Mapping[str, Any]]],
    links: Mapping[Rel, Iterable[Mapping[str, Any]]],
    *,
    fmt: Format = Format.CSV,
    excel_bom: bool = False,
) -> dict[str, int]:
    """Write node and relationship rows as a bundle; return the rows written per file."""
    with BundleWriter(target, fmt, excel_bom=excel_bom) as writer:
        for label, node_rows in nodes.items():
            writer.add(label.value, columns(NODE_ROWS[label]), node_rows)
        for rel, link_rows in links.items():
            writer.add(rel.value, columns(REL_ROWS[rel]), link_rows)
    return writer.written


async def export_bundle(
    graph: Graph,
    target: Path,
    *,
    fmt: Format = Format.CSV,
    excel_bom: bool = False,
    personal_data: bool = True,
) -> dict[str, int]:
    """The whole graph as a bundle that `load` reads back to the same graph (with personal data),
    read and written a page at a time; an export that fails leaves the target as it was."""
    with BundleWriter(target, fmt, excel_bom=excel_bom) as writer:
        for label in Label:
            masked = not personal_data and label is Label.PERSON
            file = writer.open(label.value, columns(NODE_ROWS[label]))
            async for page in node_pages(graph, label):
                for row in page:
                    file.write(_masked(row) if masked else row)
            file.close()
        for rel in Rel:
            if personal_data or rel not in PERSONAL_LINKS:
                file = writer.open(rel.value, columns(REL_ROWS[rel]))
                async for page in rel_pages(graph, rel):
                    for row in page:
                        file.write(row)
                file.close()
    return writer.written
