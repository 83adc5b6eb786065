"""Search by name across areas, people and organisations, ranked, for Chinese text."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from graph.driver import Graph
from graph.model import Label
from graph.reads import fetch_shown
from graph.statements.search import SEARCH_CHARACTER, SEARCH_NAMES, SEARCHABLE

# Lucene's query syntax characters, each escaped so that text is searched as text.
_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
CANDIDATES = 1000


@dataclass(frozen=True)
class Hit:
    id: str
    label: Label
    name: str
    score: float


def lucene_query(text: str) -> str:
    """The text as a Lucene query matching its words, nothing of it read as syntax."""
    return " ".join(_SPECIAL.sub(r"\\\1", word) for word in text.split())


async def search(graph: Graph, text: str, *, labels: Collection[Label] | None, first: int) -> list[Hit]:
    """The best `first` nodes whose name matches `text`, best first."""
    text = text.strip()
    if not text:
        return []
    wanted = sorted(label.value for label in labels) if labels else None
    if len(text) == 1:
        records = await fetch_shown(
            graph,
            SEARCH_CHARACTER,
            text=text,
            labels=wanted,
            searchable=[label.value for label in SEARCHABLE],
            first=first,
        )
    else:
        candidates = first if wanted is None else max(CANDIDATES, first)
        records = await fetch_shown(
            graph, SEARCH_NAMES, query=lucene_query(text), labels=wanted, candidates=candidates, first=first
        )
    return [Hit(r["id"], Label(r["label"]), r["name"], float(r["score"])) for r in records]
