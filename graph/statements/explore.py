"""For analysts: how two things in the graph are connected, and what lies around one thing.

Parameters: `$types` (the relationship types followed), `$includeEnded`, `$today`, `$hiddenRuns`
(as in `graph.statements.planning`) and `$limit`.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import current, label_of, shown

_NODE_MAP = "{{id: {n}.id, label: " + label_of("{n}") + ", name: coalesce({n}.name, {n}.title, {n}.id)}}"
_EDGE_MAP = (
    "{{type: type({r}), source: startNode({r}).id, target: endNode({r}).id, "
    "since: {r}.since, until: {r}.until, field: {r}.field}}"
)
_FOLLOW = f"type(r) IN $types AND ($includeEnded OR {current('r')}) AND {shown('r', '$hiddenRuns')}"
MAX_HOPS = 6
MAX_DEPTH = 3


def _connections(hops: int) -> Statement:
    return Statement(
        "connections",
        f"""
        MATCH (a:Entity {{id: $from}}) WHERE {shown("a", "$hiddenRuns")}
        MATCH (b:Entity {{id: $to}}) WHERE {shown("b", "$hiddenRuns")}
        MATCH path = allShortestPaths((a)-[*..{hops}]-(b))
        WHERE all(r IN relationships(path) WHERE {_FOLLOW})
        WITH path LIMIT $limit
        RETURN {{nodes: [n IN nodes(path) | {_NODE_MAP.format(n="n")}],
                 edges: [r IN relationships(path) | {_EDGE_MAP.format(r="r")}]}} AS path
        """,
    )


def _neighbourhood(depth: int) -> Statement:
    step = f"""
        CALL (seen, frontier) {{
            UNWIND frontier AS a
            MATCH (a)-[r]-(b:Entity)
            WHERE {_FOLLOW} AND NOT b IN seen
            WITH DISTINCT b ORDER BY b.id LIMIT $limit
            RETURN collect(b) AS next
        }}
        WITH seen + next AS seen, next AS frontier
    """
    return Statement(
        "neighbourhood",
        f"""
        MATCH (start:Entity {{id: $id}}) WHERE {shown("start", "$hiddenRuns")}
        WITH [start] AS seen, [start] AS frontier
        {step * depth}
        WITH seen[..$limit + 1] AS nodes
        CALL (nodes) {{
            UNWIND nodes AS a
            MATCH (a)-[r]->(b:Entity)
            WHERE {_FOLLOW} AND b IN nodes
            RETURN collect({_EDGE_MAP.format(r="r")}) AS edges
        }}
        RETURN [n IN nodes | {_NODE_MAP.format(n="n")}] AS nodes, edges
        """,
    )


# The shortest paths between two nodes, at most n hops long (n is part of the pattern, so one
# statement per length), following only the relationship types in $types.
CONNECTIONS: dict[int, Statement] = {hops: _connections(hops) for hops in range(1, MAX_HOPS + 1)}
# The nodes within depth steps of one node (at most $limit besides it) and the edges between them.
NEIGHBOURHOOD: dict[int, Statement] = {depth: _neighbourhood(depth) for depth in range(1, MAX_DEPTH + 1)}
