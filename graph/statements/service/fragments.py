"""Cypher pieces the service statements share: node maps, current links, areas, conditional moves.

A conditional move first takes the write lock on the node it moves (`SET n._LOCK_ = true`, the
explicit lock of Neo4j's manual, "Concurrent data access"), then reads its status under that lock and
moves only if the status allows it. Two callers making the same move at once are serialised by Neo4j:
the first moves, the second sees the status the first left behind. Each move returns the status it
saw (`before`) and whether it moved, so the caller can tell a lost race from a forbidden move without
a second look.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENTITY, Label
from graph.statements import current, forget_fingerprints, live, node_map, shown

# The labels a scope may carry: an area of the hierarchy, or a compound.
IS_AREA = "{x}:District OR {x}:Street OR {x}:Community OR {x}:Grid OR {x}:Compound\n          OR {x}:Building"


def node(n: str) -> str:
    """A node as the reads' {id, label, props} map, or null for a missing optional node."""
    return f"CASE WHEN {n} IS NULL THEN null ELSE {node_map(n)} END"


def areas_under(scope: str, area: str) -> str:
    """Every area at or below `scope` (itself, then down IN and PART_OF), each once, current links only,
    none an unpublished import run wrote (the statement takes `$hiddenRuns`)."""
    return f"""
        MATCH path = ({scope})<-[:IN|PART_OF*0..5]-({area})
        WHERE all(x IN relationships(path) WHERE {live("x", "$hiddenRuns")})
        WITH DISTINCT {area}
    """


def areas_above(area: str) -> str:
    """The ids of `area` and every area containing it, current links only (for permission checks)."""
    return f"""COLLECT {{
            MATCH path = ({area})-[:IN|PART_OF*0..5]->(up)
            WHERE all(x IN relationships(path) WHERE {current("x")})
            RETURN DISTINCT up.id
        }}"""


# The area a page or a report is asked for (no row when $scope is not an area, or an unpublished
# import run wrote it: the statement takes `$hiddenRuns`).
SCOPE_AREA = f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    WHERE ({IS_AREA.format(x="scope")}) AND {shown("scope", "$hiddenRuns")}
"""

# The scope itself, then each area directly below it (IN, and a compound's buildings by PART_OF).
SCOPE_AND_CHILDREN = f"""
    {SCOPE_AREA}
    WITH scope, [scope] + COLLECT {{
        MATCH (child)-[x:IN|PART_OF]->(scope)
        WHERE {live("x", "$hiddenRuns")}
        RETURN child ORDER BY child.id
    }} AS targets
    UNWIND range(0, size(targets) - 1) AS position
    WITH position, targets[position] AS target
"""


def conditional_move(
    name: str, label: Label, guard: str, body: str, *, before: str = "", found: str = "true"
) -> Statement:
    """A conditional move of one node of `label`: lock it, read its status, move only if `guard` holds.

    `before` may MATCH what the move needs (optional nodes: the guard checks them); `body` runs only
    when the move is allowed, after the status is set to $to (null: it stays). One Event joins the
    node's timeline. `found` says whether what `before` looked for exists (returned as `found`).
    """
    return Statement(
        name,
        f"""
        MATCH (n:`{label.value}` {{id: $id}})
        {before}
        SET n._LOCK_ = true
        REMOVE n._LOCK_
        WITH *, n.status AS before, COUNT {{ (n)-[:HAD]->() }} + 1 AS seq
        WITH *, before IN $from AND ({guard}) AS moves
        FOREACH (_ IN CASE WHEN moves THEN [1] ELSE [] END |
            SET n.status = coalesce($to, before)
            {forget_fingerprints("n")}
            {body}
            CREATE (n)-[:HAD]->(:{ENTITY}:Event {{
                id: n.id + '#' + toString(seq), at: $now, move: $move, status: coalesce($to, before),
                by: $by, target: $target, note: $note
            }})
        )
        RETURN before, moves AS moved, {found} AS found
        """,
    )
