"""The statements of domain writes (create, change, end nodes and relationships) and their history.

Generated once per label and relationship type from the closed enums of `graph.model`. Every write
statement also creates one `Change` record in the same transaction: who, when, what, and the
properties before and after (as JSON text), so that `history(id)` can say what changed.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import CHANGE, ENTITY, REL_KEYS, Label, Rel
from graph.statements import current, forget_fingerprints, mark_in_need
from graph.statements.lists import PLACING_RELS

CURRENT = current("r")
_CHANGE = f"""
    CREATE (:{CHANGE} {{at: $at, by: $by, action: $action, subject: $subject, other: $other, rel: $rel,
                      before: $before, after: $after}})
"""


def _key_match(rel: Rel) -> str:
    """The relationship's identifying properties (an adviser's field) matched against `$key`. A start
    date (`since`, which keys a renewed HELPS or CLAIMED) is left out: the caller picks the current one
    among them, and two current ones between the same nodes are never allowed."""
    return "".join(f" AND r.`{key}` = $key.`{key}`" for key in REL_KEYS.get(rel, ()) if key != "since")


def _create_node(label: Label) -> Statement:
    return Statement(
        f"create_{label.value.lower()}",
        f"""
    CREATE (n:{ENTITY}:`{label.value}` {{id: $subject}}) SET n += $props
    {mark_in_need("n") if label is Label.PERSON else ""}
    WITH n LIMIT 1
    {_CHANGE}
    """,
    )


CREATE_NODE: dict[Label, Statement] = {label: _create_node(label) for label in Label}

UPDATE_NODE = Statement(
    "update_node",
    f"""
    MATCH (n:{ENTITY} {{id: $subject}}) SET n += $props {forget_fingerprints("n")}
    {mark_in_need("n")}
    WITH n LIMIT 1
    {_CHANGE}
    """,
)

# A node ends on a day: it keeps its history, and each of its lasting relationships still current
# then ends the day before.
END_NODE = Statement(
    "end_node",
    f"""
    MATCH (n:{ENTITY} {{id: $subject}}) SET n.until = $until {forget_fingerprints("n")}
    WITH n
    CALL (n) {{
        MATCH (n)-[r]-()
        WHERE type(r) IN $lasting AND (r.until IS NULL OR r.until > $until)
        SET r.until = $until {forget_fingerprints("r")}
        RETURN count(r) AS ended
    }}
    WITH n, ended LIMIT 1
    {_CHANGE}
    RETURN ended
    """,
)


# Relationships of one type between two nodes (any, current or not), newest first.
def _rels_between(rel: Rel) -> Statement:
    return Statement(
        f"rels_between_{rel.value.lower()}",
        f"""
    MATCH (a:{ENTITY} {{id: $fromId}})-[r:`{rel.value}`]->(b:{ENTITY} {{id: $toId}})
    WHERE true{_key_match(rel)}
    RETURN elementId(r) AS rid, properties(r) AS props ORDER BY r.since DESC
    """,
    )


def _current_out(rel: Rel) -> Statement:
    return Statement(
        f"current_out_{rel.value.lower()}",
        f"""
    MATCH (a:{ENTITY} {{id: $fromId}})-[r:`{rel.value}`]->(b)
    WHERE {CURRENT}
    RETURN elementId(r) AS rid, b.id AS to, properties(r) AS props
    """,
    )


def _create_rel(rel: Rel) -> Statement:
    return Statement(
        f"create_rel_{rel.value.lower()}",
        f"""
    MATCH (a:{ENTITY} {{id: $fromId}}), (b:{ENTITY} {{id: $toId}})
    CREATE (a)-[r:`{rel.value}`]->(b) SET r += $props
    WITH r LIMIT 1
    {_CHANGE}
    """,
    )


RELS_BETWEEN: dict[Rel, Statement] = {rel: _rels_between(rel) for rel in Rel}
CURRENT_OUT: dict[Rel, Statement] = {rel: _current_out(rel) for rel in Rel}
CREATE_REL: dict[Rel, Statement] = {rel: _create_rel(rel) for rel in Rel}

# One relationship by its element id (read in the same transaction), its properties changed.
UPDATE_REL = Statement(
    "update_rel",
    f"""
    MATCH ()-[r]->() WHERE elementId(r) = $rid SET r += $props {forget_fingerprints("r")}
    WITH r LIMIT 1
    {_CHANGE}
    """,
)

# For each id: whether it lies in the subtree of `$scope` (an area itself, or placed by a current
# relationship in an area of it), and whether it lies anywhere at all.
PLACES = Statement(
    "places",
    f"""
    MATCH (w:{ENTITY} {{id: $scope}})
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    RETURN id,
        EXISTS {{
            MATCH (w) (()<-[h:IN|PART_OF WHERE {current("h")}]-()){{0,5}} (a)
            WHERE a = n OR EXISTS {{ MATCH (n)-[p:{"|".join(PLACING_RELS)}]->(a) WHERE {current("p")} }}
        }} AS inside,
        n:District
        OR EXISTS {{ MATCH (n)-[h:IN|PART_OF]->() WHERE {current("h")} }}
        OR EXISTS {{ MATCH (n)-[p:{"|".join(PLACING_RELS)}]->() WHERE {current("p")} }} AS placed
    """,
)

# What was written about a node: its own changes and those of relationships touching it, newest first.
HISTORY = Statement(
    "history",
    f"""
    MATCH (c:{CHANGE}) WHERE c.subject = $id OR c.other = $id
    WITH c ORDER BY c.at DESC, elementId(c) DESC
    LIMIT $limit
    RETURN c.at AS at, c.by AS by, c.action AS action, c.subject AS subject, c.other AS other,
           c.rel AS rel, c.before AS before, c.after AS after
    """,
)

CHANGE_INDEXES: tuple[Statement, ...] = (
    Statement("create_index", f"CREATE INDEX change_subject IF NOT EXISTS FOR (c:{CHANGE}) ON (c.subject)"),
    Statement("create_index", f"CREATE INDEX change_other IF NOT EXISTS FOR (c:{CHANGE}) ON (c.other)"),
)
