"""Every Cypher statement of Gridwork: the shared ones here, each domain's in a module of this package.

Statements that differ by label or relationship type are generated here, once, from the closed enums
of `graph.model`; nothing outside this package writes Cypher.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.links import Direction, Link, Step
from graph.model import ENTITY, IMPORT_RUN, IN_NEED, LINE_HASH, PUBLISHED_RUN, REL_KEYS, ROW_HASH, Label


def current(rel: str, on: str = "$today") -> str:
    """A relationship counts on the day `on` (today) unless it has not begun or has ended ("history":
    kept, never counted)."""
    return f"({rel}.since IS NULL OR {rel}.since <= {on}) AND ({rel}.until IS NULL OR {rel}.until >= {on})"


CURRENT = current("r")

# What an import run still writing (or killed, or being undone) has created stays out of every read:
# a read statement starts with HIDDEN_RUNS, which names those runs (usually none), and keeps only the
# nodes and relationships that `shown` accepts (docs/bundles.md, "What reads must filter").
HIDDEN_RUNS = (
    f"CALL () {{ MATCH (run:`{IMPORT_RUN}`) WHERE run.state <> '{PUBLISHED_RUN}' "
    "RETURN collect(run.id) AS hiddenRuns }"
)


def shown(x: str, runs: str = "hiddenRuns") -> str:
    """The node or relationship `x` was not created by a hidden import run (`runs`: their ids)."""
    return f"({x}._run IS NULL OR NOT {x}._run IN {runs})"


def live(rel: str, runs: str = "hiddenRuns") -> str:
    """The relationship `rel` counts today and no hidden import run created it: every link an answer
    follows is held to this, so an ended or moved link, or an unpublished one, never counts. The
    planners' statements pass `runs="$hiddenRuns"` (see `HIDDEN_RUN_IDS`)."""
    return f"{current(rel)} AND {shown(rel, runs)}"


# The ids of the hidden runs, for statements that take them as the parameter `$hiddenRuns` (the
# planners' statements, whose many nested subqueries would each have to import a variable).
HIDDEN_RUN_IDS = Statement("hidden_run_ids", f"{HIDDEN_RUNS} RETURN hiddenRuns")


DOMAIN_LABEL = f"[l IN labels({{node}}) WHERE NOT l IN ['{ENTITY}', '{IN_NEED}']][0]"


def in_need(person: str) -> str:
    """The person has at least one need: the one test of it (`mark_in_need` keeps the label true)."""
    return f"{person}:{IN_NEED}"


def has_needs(person: str) -> str:
    """The person's `needs` hold anything: what the IN_NEED label stands for."""
    return f"size(coalesce({person}.needs, [])) > 0"


def mark_in_need(node: str) -> str:
    """Clauses that follow a write of `node`'s properties: a person gets the IN_NEED label when their
    `needs` hold anything and loses it when they hold nothing; other nodes are left as they are."""
    needy = has_needs(node)
    return (
        f"FOREACH (_ IN CASE WHEN {node}:Person AND {needy} THEN [1] ELSE [] END | SET {node}:{IN_NEED}) "
        f"FOREACH (_ IN CASE WHEN {node}:{IN_NEED} AND NOT {needy} THEN [1] ELSE [] END "
        f"| REMOVE {node}:{IN_NEED})"
    )


def forget_fingerprints(item: str) -> str:
    """A write other than an import's: what the import knew of the row (its `_hash` and `_line`) goes."""
    return f"REMOVE {item}.{ROW_HASH}, {item}.{LINE_HASH}"


def label_of(node: str) -> str:
    return DOMAIN_LABEL.format(node=node)


def node_map(node: str) -> str:
    """The node as the {id, label, props} map that `graph.reads.to_node` reads."""
    return f"{{id: {node}.id, label: {label_of(node)}, props: properties({node})}}"


# --- Schema -------------------------------------------------------------------------------------


def _unique_id(label: str) -> Statement:
    name = f"{label.lower()}_id"
    return Statement(
        "create_constraint",
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.id IS UNIQUE",
    )


CONSTRAINTS: tuple[Statement, ...] = (
    _unique_id(ENTITY),
    *(_unique_id(label.value) for label in Label),
)
INDEXES: tuple[Statement, ...] = (
    Statement("create_index", "CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)"),
    Statement(
        "create_index",
        "CREATE INDEX service_request_status IF NOT EXISTS FOR (n:ServiceRequest) ON (n.status)",
    ),
    Statement(
        "create_index",
        "CREATE INDEX service_request_created IF NOT EXISTS FOR (n:ServiceRequest) ON (n.createdAt)",
    ),
)
SHOW_CONSTRAINTS = Statement("show_constraints", "SHOW CONSTRAINTS YIELD name RETURN name")
# A database written before people in need carried IN_NEED gets the label once, on the next start or
# import; where any node carries it already (every write has set it since), this reads nothing more.
LABEL_PEOPLE_IN_NEED = Statement(
    "label_people_in_need",
    f"""
    CALL db.labels() YIELD label
    WITH collect(label) AS labels
    WHERE NOT '{IN_NEED}' IN labels
    MATCH (p:Person) WHERE {has_needs("p")}
    SET p:{IN_NEED}
    """,
)

# --- Reads: nodes and their neighbours ----------------------------------------------------------

# Nodes by id whatever their label: for the API's root fields and for an import's checks.
NODES_BY_ID = Statement(
    "nodes_by_id",
    f"""
    {HIDDEN_RUNS}
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}}) WHERE {shown("n")}
    RETURN collect({node_map("n")}) AS found
    """,
)


def step_pattern(step: Step, rel: str) -> str:
    """`-[r:IN]->` or `<-[r:IN]-`: one step of a `Link`, its relationship named `rel`."""
    if step.direction is Direction.OUT:
        return f"-[{rel}:`{step.rel.value}`]->"
    return f"<-[{rel}:`{step.rel.value}`]-"


def _node(name: str, label: Label | None) -> str:
    return f"({name}:`{label or ENTITY}`"


def _link_statement(link: Link, *, ended_too: bool = False) -> Statement:
    step = link.step
    order = "".join(f", r.`{key}`" for key in REL_KEYS.get(step.rel, ()))
    return Statement(
        link.name.lower() + ("_with_ended" if ended_too else ""),
        f"""
        {HIDDEN_RUNS}
        UNWIND $ids AS id
        MATCH {_node("a", step.source)} {{id: id}}){step_pattern(step, "r")}{_node("b", step.target)})
        WHERE {"true" if ended_too else CURRENT} AND {shown("b")} AND {shown("r")}
        WITH id, b, r ORDER BY b.id{order}, r.since
        RETURN id AS parent,
               collect({{id: b.id, label: {label_of("b")}, props: properties(b), link: properties(r)}})
               AS found
        """,
    )


LINKS: dict[Link, Statement] = {link: _link_statement(link) for link in Link}
# The same links with their history: relationships that have ended (or not yet begun) too.
LINKS_WITH_ENDED: dict[Link, Statement] = {link: _link_statement(link, ended_too=True) for link in Link}

# A few ids of each label, lowest first: for generated queries and benchmarks that need real ids.
IDS_BY_LABEL = Statement(
    "ids_by_label",
    f"""
    MATCH (n:{ENTITY})
    WITH {label_of("n")} AS label, n.id AS id ORDER BY id
    WITH label, collect(id)[..$limit] AS ids
    RETURN label, ids
    """,
)

# The areas that contain each node: a person through the building they live in, a building through its
# grid, compound and everything above, through current links only. Used to decide whose personal data
# a caller may see.
AREAS_ABOVE = Statement(
    "areas_above",
    f"""
    {HIDDEN_RUNS}
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    OPTIONAL MATCH (n:Person)-[lives:LIVES_IN]->(home:Building)
        WHERE {live("lives")} AND {shown("home")}
    WITH id, coalesce(home, n) AS base, home IS NOT NULL OR NOT n:Person AS placed, hiddenRuns
    OPTIONAL MATCH (base)-[up_path:IN|PART_OF*1..5]->(up)
        WHERE all(step IN up_path WHERE {live("step")}) AND {shown("up")}
    WITH id, base, placed, collect(DISTINCT up.id) AS above
    RETURN id, CASE WHEN placed THEN [base.id] + above ELSE [] END AS areas
    """,
)
