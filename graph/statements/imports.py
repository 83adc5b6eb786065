"""The statements of bundles in and out: lookups and batched merges of an import, its checks, the export.

Generated once per label and relationship type from the closed enums of `graph.model`.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENTITY, REL_KEYS, Label, Rel
from graph.statements import DOMAIN_LABEL


def _label_of(node: str) -> str:
    return DOMAIN_LABEL.format(node=node)


# --- Import -------------------------------------------------------------------------------------


def _lookup_rels(rel: Rel) -> Statement:
    return Statement(
        f"lookup_{rel.value.lower()}",
        f"""
        UNWIND $pairs AS pair
        MATCH (a:{ENTITY} {{id: pair[0]}})-[r:`{rel.value}`]->(b:{ENTITY})
        USING INDEX a:{ENTITY}(id)
        WHERE b.id = pair[1]
        RETURN collect({{from: a.id, to: b.id, props: properties(r)}}) AS found
        """,
    )


def _merge_nodes(label: Label) -> Statement:
    return Statement(
        f"merge_{label.value.lower()}",
        f"""
        UNWIND $rows AS row
        MERGE (n:{ENTITY}:`{label.value}` {{id: row.id}})
        SET n += row.props
        """,
    )


def _merge_rels(rel: Rel) -> Statement:
    keys = ", ".join(f"`{key}`: row.key.`{key}`" for key in REL_KEYS.get(rel, ()))
    return Statement(
        f"merge_{rel.value.lower()}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{ENTITY} {{id: row.from}})
        MATCH (b:{ENTITY} {{id: row.to}})
        MERGE (a)-[r:`{rel.value}` {{{keys}}}]->(b)
        SET r += row.props
        """,
    )


LOOKUP_RELS: dict[Rel, Statement] = {rel: _lookup_rels(rel) for rel in Rel}
MERGE_NODES: dict[Label, Statement] = {label: _merge_nodes(label) for label in Label}
MERGE_RELS: dict[Rel, Statement] = {rel: _merge_rels(rel) for rel in Rel}

# Areas among $ids that do not sit in exactly one parent area, or buildings in two compounds.
MISPLACED_AREAS = Statement(
    "misplaced_areas",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    WHERE n:Street OR n:Community OR n:Grid OR n:Building OR n:Compound
    WITH n, {_label_of("n")} AS label,
         COUNT {{ (n)-[:IN]->() }} AS parents,
         COUNT {{ (n)-[:PART_OF]->() }} AS compounds
    WHERE parents <> 1 OR compounds > 1
    RETURN n.id AS id, label, parents, compounds
    """,
)

# --- Maintenance --------------------------------------------------------------------------------

DELETE_EVERYTHING = Statement("delete_everything", "MATCH (n) DETACH DELETE n")
COUNT_EVERYTHING = Statement(
    "count_everything",
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
    "RETURN nodes, rels",
)

# --- Export -------------------------------------------------------------------------------------


def _export_nodes(label: Label) -> Statement:
    return Statement(
        f"export_{label.value.lower()}",
        f"MATCH (n:`{label.value}`) RETURN properties(n) AS props ORDER BY n.id",
    )


def _export_rels(rel: Rel) -> Statement:
    return Statement(
        f"export_{rel.value.lower()}",
        f"""
        MATCH (a:{ENTITY})-[r:`{rel.value}`]->(b:{ENTITY})
        RETURN a.id AS from, b.id AS to, properties(r) AS props
        ORDER BY a.id, b.id, r.field
        """,
    )


EXPORT_NODES: dict[Label, Statement] = {label: _export_nodes(label) for label in Label}
EXPORT_RELS: dict[Rel, Statement] = {rel: _export_rels(rel) for rel in Rel}
