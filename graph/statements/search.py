"""The statements of search: one full-text index over every named node, with a CJK analyzer.

Neo4j's `cjk` analyzer cuts Chinese text into overlapping pairs of characters (南湖社区 -> 南湖 湖社
社区), so "春晖" finds 春晖生命急救课 and 刘春晖, and "王建国" ranks 王建国 above 王建华. A single
character has no pair to match; it is looked up by `CONTAINS` instead.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import AREA_LABELS, ORGANISATION_LABELS, Label
from graph.statements import DOMAIN_LABEL, shown

NAME_INDEX = "entity_names"
ANALYZER = "cjk"
SEARCHABLE: tuple[Label, ...] = tuple(
    sorted(
        AREA_LABELS
        | ORGANISATION_LABELS
        | {Label.PERSON, Label.VENUE, Label.RESOURCE, Label.COURSE, Label.TRAINING_SESSION},
        key=str,
    )
)

SEARCH_INDEXES: tuple[Statement, ...] = (
    Statement(
        "create_index",
        f"""
        CREATE FULLTEXT INDEX {NAME_INDEX} IF NOT EXISTS
        FOR (n:{"|".join(f"`{label.value}`" for label in SEARCHABLE)}) ON EACH [n.name]
        OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{ANALYZER}'}}}}
        """,
    ),
)

_HIT = f"node.id AS id, {DOMAIN_LABEL.format(node='node')} AS label, node.name AS name"

# $query is Lucene syntax, escaped by the caller; $candidates bounds what the index hands back
# before the kinds are filtered.
SEARCH_NAMES = Statement(
    "search_names",
    f"""
    CALL db.index.fulltext.queryNodes('{NAME_INDEX}', $query, {{limit: $candidates}}) YIELD node, score
    WITH node, score WHERE ($labels IS NULL OR any(l IN labels(node) WHERE l IN $labels))
      AND {shown("node", "$hiddenRuns")}
    RETURN {_HIT}, score
    ORDER BY score DESC, node.name, node.id
    LIMIT $first
    """,
)

# One character: names containing it, shortest (closest) first, scored 1/length.
SEARCH_CHARACTER = Statement(
    "search_character",
    f"""
    MATCH (node:Entity) WHERE node.name CONTAINS $text
      AND any(l IN labels(node) WHERE l IN coalesce($labels, $searchable)) AND {shown("node", "$hiddenRuns")}
    RETURN {_HIT}, 1.0 / size(node.name) AS score
    ORDER BY score DESC, node.name, node.id
    LIMIT $first
    """,
)

LIST_ANALYZERS = Statement(
    "list_analyzers", "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer RETURN analyzer"
)
