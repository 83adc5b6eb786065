"""Every Cypher statement of Gridwork: the shared ones here, each domain's in a module of this package.

Statements that differ by label or relationship type are generated here, once, from the closed enums
of `graph.model`; nothing outside this package writes Cypher.
"""

from __future__ import annotations

from enum import Enum

from graph.driver import Statement
from graph.model import ENTITY, Label


def current(rel: str) -> str:
    """A relationship counts today unless it has not begun or has ended ("history": kept, never counted)."""
    return (
        f"({rel}.since IS NULL OR {rel}.since <= $today) AND ({rel}.until IS NULL OR {rel}.until >= $today)"
    )


CURRENT = current("r")
DOMAIN_LABEL = f"[l IN labels({{node}}) WHERE l <> '{ENTITY}'][0]"


def _label_of(node: str) -> str:
    return DOMAIN_LABEL.format(node=node)


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

# --- Reads: nodes and their neighbours ----------------------------------------------------------

# Nodes by id whatever their label: for the API's root fields and for an import's checks.
NODES_BY_ID = Statement(
    "nodes_by_id",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    RETURN collect({{id: n.id, label: {_label_of("n")}, props: properties(n)}}) AS found
    """,
)


class Link(Enum):
    """A way from a node to its neighbours: (source label, pattern from `a` to `b`, neighbour label).

    The pattern names the relationship `r`; only current relationships are followed.
    """

    STREETS_OF_DISTRICT = (Label.DISTRICT, "<-[r:IN]-", Label.STREET)
    DISTRICT_OF_STREET = (Label.STREET, "-[r:IN]->", Label.DISTRICT)
    COMMUNITIES_OF_STREET = (Label.STREET, "<-[r:IN]-", Label.COMMUNITY)
    STREET_OF_COMMUNITY = (Label.COMMUNITY, "-[r:IN]->", Label.STREET)
    GRIDS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:IN]-", Label.GRID)
    COMPOUNDS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:IN]-", Label.COMPOUND)
    COMMUNITY_OF_GRID = (Label.GRID, "-[r:IN]->", Label.COMMUNITY)
    COMMUNITY_OF_COMPOUND = (Label.COMPOUND, "-[r:IN]->", Label.COMMUNITY)
    BUILDINGS_OF_GRID = (Label.GRID, "<-[r:IN]-", Label.BUILDING)
    BUILDINGS_OF_COMPOUND = (Label.COMPOUND, "<-[r:PART_OF]-", Label.BUILDING)
    GRID_OF_BUILDING = (Label.BUILDING, "-[r:IN]->", Label.GRID)
    COMPOUND_OF_BUILDING = (Label.BUILDING, "-[r:PART_OF]->", Label.COMPOUND)
    RESIDENTS_OF_BUILDING = (Label.BUILDING, "<-[r:LIVES_IN]-", Label.PERSON)
    HOME_OF_PERSON = (Label.PERSON, "-[r:LIVES_IN]->", Label.BUILDING)
    ORGANISATIONS_OF_PERSON = (Label.PERSON, "-[r:MEMBER_OF]->", None)
    MEMBERS_OF_ORGANISATION = (None, "<-[r:MEMBER_OF]-", Label.PERSON)
    HELPERS_OF_PERSON = (Label.PERSON, "<-[r:HELPS]-", Label.PERSON)
    HELPED_BY_PERSON = (Label.PERSON, "-[r:HELPS]->", Label.PERSON)
    PAIRED_UNITS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:PAIRED_WITH]-", Label.UNIT)
    PAIRED_COMMUNITIES_OF_UNIT = (Label.UNIT, "-[r:PAIRED_WITH]->", Label.COMMUNITY)
    SECRETARIES_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:SECRETARY_OF]-", Label.PERSON)
    COMMISSIONERS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:COMMISSIONER_OF]-", Label.PERSON)
    ADVISERS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:ADVISES]-", Label.PERSON)
    TEAMS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:SERVES]-", Label.VOLUNTEER_TEAM)
    SOCIAL_ORGANISATIONS_OF_COMMUNITY = (Label.COMMUNITY, "<-[r:ACTIVE_IN]-", Label.SOCIAL_ORGANISATION)
    VENUES_OF_AREA = (None, "<-[r:LOCATED_IN]-", Label.VENUE)
    MANAGERS_OF_COMPOUND = (Label.COMPOUND, "<-[r:MANAGES]-", Label.PROPERTY_COMPANY)
    COMPOUNDS_MANAGED_BY = (Label.PROPERTY_COMPANY, "-[r:MANAGES]->", Label.COMPOUND)
    COMMITTEES_OF_COMPOUND = (Label.COMPOUND, "<-[r:REPRESENTS]-", Label.OWNERS_COMMITTEE)
    BRANCHES_OF_AREA = (None, "<-[r:ORGANISES]-", Label.PARTY_BRANCH)
    ORGANISED_BY_BRANCH = (Label.PARTY_BRANCH, "-[r:ORGANISES]->", None)
    CUSTODIANS_OF_COMPOUND = (Label.COMPOUND, "<-[r:CUSTODIAN_OF]-", None)


def _node(name: str, label: Label | None) -> str:
    return f"({name}:`{label or ENTITY}`)"


def _link_statement(link: Link) -> Statement:
    source, pattern, target = link.value
    return Statement(
        link.name.lower(),
        f"""
        UNWIND $ids AS id
        MATCH (a:`{source or ENTITY}` {{id: id}}){pattern}{_node("b", target)}
        WHERE {CURRENT}
        WITH id, b, r ORDER BY b.id
        RETURN id AS parent,
               collect({{id: b.id, label: {_label_of("b")}, props: properties(b), link: properties(r)}})
               AS found
        """,
    )


LINKS: dict[Link, Statement] = {link: _link_statement(link) for link in Link}

# Who serves a building, through every current relationship at every level. Each branch keeps only
# current relationships; UNION then folds a node reached twice the same way into one row. One row per
# building (and per parent in LINKS): the driver's cost is per record, so rows are collected server-side.
SERVICE_LINKS_BY_BUILDING = Statement(
    "service_links_by_building",
    f"""
    UNWIND $ids AS buildingId
    MATCH (b:Building {{id: buildingId}})
    CALL (b) {{
        MATCH (b)<-[r:LEADS|VOLUNTEERS_FOR|PROPERTY_STAFF_FOR]-(who:Person)
        WHERE {CURRENT}
        RETURN type(r) AS rel, 'BUILDING' AS level, b.id AS via, who, null AS field
      UNION
        MATCH (b)-[:PART_OF]->(c:Compound)<-[r:MANAGES|REPRESENTS|ORGANISES|CUSTODIAN_OF|LOCATED_IN]-(who)
        WHERE {CURRENT}
        RETURN type(r) AS rel, 'COMPOUND' AS level, c.id AS via, who, null AS field
      UNION
        MATCH (b)-[:PART_OF]->(c:Compound)<-[m:MANAGES]-(:PropertyCompany)<-[r:ORGANISES]-(who:PartyBranch)
        WHERE {CURRENT} AND {current("m")}
        RETURN type(r) AS rel, 'COMPOUND' AS level, c.id AS via, who, null AS field
      UNION
        MATCH (b)-[:IN]->(g:Grid)<-[r:LEADS|ORGANISES]-(who)
        WHERE {CURRENT}
        RETURN type(r) AS rel, 'GRID' AS level, g.id AS via, who, null AS field
      UNION
        MATCH (b)-[:IN]->(:Grid)-[:IN]->(c:Community)
              <-[r:SECRETARY_OF|COMMISSIONER_OF|ADVISES|SERVES|ACTIVE_IN|LOCATED_IN|PAIRED_WITH]-(who)
        WHERE {CURRENT}
        RETURN type(r) AS rel, 'COMMUNITY' AS level, c.id AS via, who,
               CASE type(r) WHEN 'ADVISES' THEN r.field WHEN 'SERVES' THEN who.kind END AS field
    }}
    RETURN buildingId AS building,
           collect({{rel: rel, level: level, via: via, field: field,
                     id: who.id, label: {_label_of("who")}, props: properties(who)}}) AS links
    """,
)

# --- Access ---------------------------------------------------------------------------------

# The areas that contain each node: a person through the building they live in, a building through its
# grid, compound and everything above. Used to decide whose personal data a caller may see.
AREAS_ABOVE = Statement(
    "areas_above",
    f"""
    UNWIND $ids AS id
    MATCH (n:{ENTITY} {{id: id}})
    OPTIONAL MATCH (n:Person)-[:LIVES_IN]->(home:Building)
    WITH id, coalesce(home, n) AS base, home IS NOT NULL OR NOT n:Person AS placed
    OPTIONAL MATCH (base)-[:IN|PART_OF*1..5]->(up)
    WITH id, base, placed, collect(DISTINCT up.id) AS above
    RETURN id, CASE WHEN placed THEN [base.id] + above ELSE [] END AS areas
    """,
)
