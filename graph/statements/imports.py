"""The statements of bundles in and out: lookups of what is stored, the batched writes of an import run,
its publication and its undoing, the export, and the whole-graph chores.

An import run tags what it creates with `_run` and keeps the previous values of what it updates, a
batch at a time, in one `ImportUndo` node (a JSON text) per write transaction. What an unpublished run
wrote stays out of every read through `graph.statements.shown`; only the export and the count here
still use `visible`. Generated once per label and relationship type from the closed enums of
`graph.model`.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENDPOINTS, ENTITY, IMPORT_RUN, IMPORT_UNDO, LINE_HASH, Label, Rel
from graph.statements import DOMAIN_LABEL, mark_in_need

PUBLISHED = "published"


def _label_of(node: str) -> str:
    return DOMAIN_LABEL.format(node=node)


def visible(x: str) -> str:
    """True for a node or relationship that no import run still writing or undone has created.

    Every other read uses `graph.statements.shown` with the hidden runs' ids looked up in its own read
    transaction (`graph.reads.fetch_shown`): one list lookup per statement, where this is an index
    lookup per row that carries `_run` (after a load, every loaded row). Only EXPORT_* and
    COUNT_EVERYTHING keep it: their callers (graph/exports.py, graph/maintenance.py) run them without
    `$hiddenRuns`, and an export reads page after page in separate transactions, each of which would
    have to look the runs up again.
    """
    return (
        f"({x}._run IS NULL OR EXISTS {{ MATCH (run:{IMPORT_RUN} {{id: {x}._run}}) "
        f"WHERE run.state = '{PUBLISHED}' }})"
    )


# --- Runs: bookkeeping ----------------------------------------------------------------------------

RUN_SCHEMA: tuple[Statement, ...] = (
    # A run's id is a fresh UUID: an index finds it; a uniqueness constraint would add nothing.
    Statement("create_index", f"CREATE INDEX import_run_id IF NOT EXISTS FOR (r:{IMPORT_RUN}) ON (r.id)"),
    Statement("create_index", f"CREATE INDEX entity_run IF NOT EXISTS FOR (n:{ENTITY}) ON (n._run)"),
    Statement("create_index", f"CREATE INDEX import_undo_run IF NOT EXISTS FOR (u:{IMPORT_UNDO}) ON (u.run)"),
    # Before undo journals, each updated row kept its previous values itself, found by this index.
    Statement("drop_index", "DROP INDEX entity_undo_run IF EXISTS"),
)
START_RUN = Statement(
    "start_import_run",
    f"""
    CREATE (r:{IMPORT_RUN} {{id: $run, state: 'writing', bundle: $bundle, host: $host, pid: $pid,
                              started: datetime(), beat: datetime()}})
    """,
)
# Reads look the hidden runs up once and then read with that list (graph.reads.fetch_shown); at
# read-committed isolation, a read that looked before a run began could meet its first batches. So a
# run writes nothing until every transaction begun before it existed has ended: these two find them.
SERVER_NOW = Statement("server_now", "RETURN datetime.realtime() AS now")
OLDER_TRANSACTIONS = Statement(
    "older_transactions",
    """
    SHOW TRANSACTIONS YIELD startTime
    WHERE datetime(startTime) < $since
    RETURN count(*) AS older
    """,
)
BEAT_RUN = Statement(
    "beat_import_run",
    f"MATCH (r:{IMPORT_RUN} {{id: $run, state: 'writing'}}) SET r.beat = datetime() RETURN r.id AS id",
)
PUBLISH_RUN = Statement(
    "publish_import_run",
    f"""
    MATCH (r:{IMPORT_RUN} {{id: $run, state: 'writing'}})
    SET r.state = '{PUBLISHED}', r.finished = datetime()
    RETURN r.id AS id
    """,
)
OPEN_RUNS = Statement(
    "open_import_runs",
    f"""
    MATCH (r:{IMPORT_RUN}) WHERE r.state <> '{PUBLISHED}'
    RETURN r.id AS id, r.state AS state, r.host AS host, r.pid AS pid,
           duration.inSeconds(r.beat, datetime()).seconds AS quiet
    """,
)
MARK_RUN = Statement("mark_import_run", f"MATCH (r:{IMPORT_RUN} {{id: $run}}) SET r.state = $state")

# --- Runs: undoing one ----------------------------------------------------------------------------

UNDO_CREATED_NODES = Statement(
    "undo_created_nodes",
    f"""
    MATCH (n:{ENTITY}) WHERE n._run = $run
    WITH n LIMIT $limit
    DETACH DELETE n
    RETURN count(*) AS done
    """,
)
UNDO_RELS = Statement(
    "undo_rels",
    """
    MATCH ()-[r]->() WHERE r._run = $run
    WITH r LIMIT $limit
    DELETE r
    RETURN count(*) AS done
    """,
)
# The journal of a run's updates: one node per write transaction, written in it, holding what that
# transaction's updates replaced (graph.imports.encode_undo). Undoing restores them (an update with
# the old values: UPDATE_NODES, UPDATE_RELS) and deletes the journal, one at a time; publishing
# deletes them all (a resident's old phone must not linger).
KEEP_UNDO = Statement("keep_undo", f"CREATE (:{IMPORT_UNDO} {{run: $run, op: $op, rows: $rows}})")
NEXT_UNDO = Statement(
    "next_undo",
    f"""
    MATCH (u:{IMPORT_UNDO} {{run: $run}})
    RETURN elementId(u) AS uid, u.op AS op, u.rows AS rows
    LIMIT 1
    """,
)
DROP_UNDO = Statement("drop_undo", f"MATCH (u:{IMPORT_UNDO}) WHERE elementId(u) = $uid DELETE u")
FORGET_UNDO = Statement(
    "forget_undo",
    f"""
    MATCH (u:{IMPORT_UNDO} {{run: $run}})
    WITH u LIMIT $limit
    DELETE u
    RETURN count(*) AS done
    """,
)

# --- Before a first load: is the database empty, and are its indexes ready after a bulk import ----

# Any node at all, domain or bookkeeping: only a database without one may be replaced by a bulk import.
IS_EMPTY = Statement("database_is_empty", "OPTIONAL MATCH (n) WITH n LIMIT 1 RETURN n IS NULL AS empty")
AWAIT_INDEXES = Statement("await_indexes", "CALL db.awaitIndexes($seconds)")

# --- Lookups: what is stored --------------------------------------------------------------------
# Each lookup answers a whole batch in one record (`found`, a list): the async driver spends tens of
# microseconds on every record it receives, more than Neo4j spends finding the row.

STORED_NODES = Statement(
    "stored_nodes",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    RETURN collect([n.id, {_label_of("n")}, properties(n)]) AS found
    """,
)

# Only the label and the row's fingerprint (`_hash`): an unchanged row is known without decoding
# its properties; the others are then read whole with STORED_NODES.
STORED_NODE_HASHES = Statement(
    "stored_node_hashes",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    RETURN collect([n.id, {_label_of("n")}, n._hash, n.{LINE_HASH}]) AS found
    """,
)


def _stored_lines(kind: Label | Rel) -> Statement:
    pattern = f"(n:`{kind.value}`)" if isinstance(kind, Label) else f"()-[n:`{kind.value}`]->()"
    return Statement(
        f"stored_lines_{kind.value.lower()}",
        f"MATCH {pattern} WHERE n.{LINE_HASH} IS NOT NULL RETURN collect(n.{LINE_HASH}) AS found",
    )


# The hashes of the CSV lines that wrote each row of one label or type (loaders/known.py), all in one
# record: a million of them arrive in a fraction of a second.
STORED_LINES: dict[Label | Rel, Statement] = {kind: _stored_lines(kind) for kind in [*Label, *Rel]}


# A row that a load found unchanged by comparing it, not yet by its line: its line hash is recorded,
# guarded by its `_hash`, which any write since the comparison would have removed.
REMEMBER_NODE_LINES = Statement(
    "remember_node_lines",
    f"""
    UNWIND $rows AS row
    MATCH (n:{ENTITY} {{id: row.id}}) WHERE n._hash = row.hash
    SET n.{LINE_HASH} = row.line
    """,
)
REMEMBER_REL_LINES = Statement(
    "remember_rel_lines",
    f"""
    UNWIND $rows AS row
    MATCH ()-[r]->() WHERE elementId(r) = row.rid AND r._hash = row.hash
    SET r.{LINE_HASH} = row.line
    """,
)


def _stored_rels(rel: Rel) -> Statement:
    return Statement(
        f"stored_{rel.value.lower()}",
        f"""
        UNWIND $ids AS id
        MATCH (a:{ENTITY} {{id: id}})-[r:`{rel.value}`]->(b:{ENTITY})
        WITH id, collect([b.id, elementId(r), properties(r)]) AS rels
        RETURN collect([id, rels]) AS found
        """,
    )


# Relationships of one type from each of $ids, whatever their other end: to compare a bundle's rows
# with, and to find the current home or parent that a move ends.
STORED_RELS: dict[Rel, Statement] = {rel: _stored_rels(rel) for rel in Rel}
CURRENT_CHILDREN = Statement(
    "current_children",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    WITH id, COUNT {{ (n)<-[r:IN|PART_OF]-() WHERE r.until IS NULL OR r.until >= $today }} AS children
    RETURN collect([id, children]) AS found
    """,
)

# --- Writes of a run ----------------------------------------------------------------------------


def _create_nodes(label: Label) -> Statement:
    return Statement(
        f"create_{label.value.lower()}",
        f"""
        UNWIND $rows AS row
        CREATE (n:{ENTITY}:`{label.value}` {{id: row.id}})
        SET n += row.props, n._run = $run, n._hash = row._hash, n._line = row._line
        {mark_in_need("n") if label is Label.PERSON else ""}
        """,
    )


def _create_rels(rel: Rel) -> Statement:
    return Statement(
        f"create_{rel.value.lower()}",
        f"""
        UNWIND $rows AS row
        MATCH (a:{ENTITY} {{id: row.from}})
        MATCH (b:{ENTITY} {{id: row.to}})
        CREATE (a)-[r:`{rel.value}`]->(b)
        SET r += row.props, r._run = $run, r._hash = row._hash, r._line = row._line
        """,
    )


CREATE_NODES: dict[Label, Statement] = {label: _create_nodes(label) for label in Label}
CREATE_RELS: dict[Rel, Statement] = {rel: _create_rels(rel) for rel in Rel}


# An update sends only the properties that change; in a batch of a run, what they replace goes to the
# run's journal in the same transaction (KEEP_UNDO). A batch that changes no one's needs leaves the
# InNeed label as it is (UPDATE_NODES_KEEPING_NEEDS).
def _update_nodes(name: str, *, needs: bool) -> Statement:
    return Statement(
        name,
        f"""
        UNWIND $rows AS row
        MATCH (n:{ENTITY} {{id: row.id}})
        SET n += row.props
        {mark_in_need("n") if needs else ""}
        """,
    )


UPDATE_NODES = _update_nodes("update_nodes", needs=True)
UPDATE_NODES_KEEPING_NEEDS = _update_nodes("update_nodes_keeping_needs", needs=False)
UPDATE_RELS = Statement(
    "update_rels",
    """
    UNWIND $rows AS row
    MATCH ()-[r]->() WHERE elementId(r) = row.rid
    SET r += row.props
    """,
)
REMOVE_NODES = Statement("remove_nodes", f"UNWIND $ids AS id MATCH (n:{ENTITY} {{id: id}}) DETACH DELETE n")
REMOVE_RELS = Statement(
    "remove_rels", "UNWIND $rids AS rid MATCH ()-[r]->() WHERE elementId(r) = rid DELETE r"
)

# --- Maintenance --------------------------------------------------------------------------------

DELETE_EVERYTHING = Statement("delete_everything", "MATCH (n) DETACH DELETE n")
COUNT_EVERYTHING = Statement(
    "count_everything",
    f"CALL () {{ MATCH (n:{ENTITY}) WHERE {visible('n')} RETURN count(n) AS nodes }} "
    f"CALL () {{ MATCH (:{ENTITY})-[r]->(:{ENTITY}) WHERE {visible('r')} RETURN count(r) AS rels }} "
    "RETURN nodes, rels",
)

COUNT_STORED = Statement(
    "count_stored",
    f"CALL () {{ MATCH (n:{ENTITY}) RETURN count(n) AS nodes }} "
    f"CALL () {{ MATCH (:{ENTITY})-[r]->(:{ENTITY}) RETURN count(r) AS rels }} "
    "RETURN nodes, rels",
)

# --- Export -------------------------------------------------------------------------------------


# A page at a time, in one record each: the next `$page` nodes (or sources) by id after `$after`,
# which the id's index gives in order. Memory stays bounded on both sides for a city of millions.


def _export_nodes(label: Label) -> Statement:
    return Statement(
        f"export_{label.value.lower()}",
        f"""
        MATCH (n:`{label.value}`) WHERE n.id > $after AND {visible("n")}
        WITH n ORDER BY n.id LIMIT $page
        RETURN collect(properties(n)) AS rows
        """,
    )


def _export_rels(rel: Rel) -> Statement:
    """The relationships of the next `$page` sources having one (`sources` of them, the last `last`)."""
    sources = sorted({source.value for source, _ in ENDPOINTS[rel]})
    start, which = (
        (f"`{sources[0]}`", "")
        if len(sources) == 1
        else (ENTITY, f" AND ({' OR '.join(f'a:`{s}`' for s in sources)})")
    )
    return Statement(
        f"export_{rel.value.lower()}",
        f"""
        MATCH (a:{start}) WHERE a.id > $after{which}
          AND EXISTS {{ (a)-[x:`{rel.value}`]->(:{ENTITY}) WHERE {visible("x")} }}
        WITH a ORDER BY a.id LIMIT $page
        MATCH (a)-[r:`{rel.value}`]->(b:{ENTITY}) WHERE {visible("r")}
        RETURN collect([a.id, b.id, properties(r)]) AS rows, max(a.id) AS last, count(DISTINCT a) AS sources
        """,
    )


EXPORT_NODES: dict[Label, Statement] = {label: _export_nodes(label) for label in Label}
EXPORT_RELS: dict[Rel, Statement] = {rel: _export_rels(rel) for rel in Rel}
