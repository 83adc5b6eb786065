"""Requests' Cypher: the record a frontend shows, the reads and pages, raising, and the moves."""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENTITY, Label, Rel
from graph.statements import forget_fingerprints, shown
from graph.statements.service.fragments import SCOPE_AREA, areas_above, areas_under, conditional_move, node

# --- One record with everything a frontend shows ---------------------------------------------------

_REQUEST_RECORD = f"""
    {{
        id: r.id,
        props: properties(r),
        area: {node("area")},
        areas: {areas_above("area")},
        raisedBy: {node("raiser")},
        acceptedBy: {node("holder")},
        company: {node("company")},
        dispatches: COLLECT {{
            MATCH (r)-[d:DISPATCHED_TO]->(u:Unit)
            RETURN {{unit: {node("u")}, at: d.at, reportedAt: d.reportedAt, reportedBy: d.reportedBy}}
            ORDER BY u.id
        }},
        events: COLLECT {{
            MATCH (r)-[:HAD]->(e:Event) RETURN properties(e) ORDER BY e.at, e.id
        }}
    }}
"""

# For each request `r` in scope: its record, with its ends looked up once.
_RECORD_OF_R = f"""
    CALL (r) {{
        OPTIONAL MATCH (r)-[:RAISED_IN]->(area)
        OPTIONAL MATCH (r)-[:RAISED_BY]->(raiser:Person)
        OPTIONAL MATCH (r)-[:ACCEPTED_BY]->(holder:Person)
        OPTIONAL MATCH (r)-[:CONCERNS]->(company:PropertyCompany)
        RETURN {_REQUEST_RECORD} AS record
        LIMIT 1
    }}
"""

REQUESTS_BY_ID = Statement(
    "service_requests_by_id",
    f"""
    UNWIND $ids AS id
    MATCH (r:ServiceRequest {{id: id}}) WHERE {shown("r", "$hiddenRuns")}
    {_RECORD_OF_R}
    RETURN record
    """,
)


def _requests_along(rel: Rel) -> Statement:
    """The requests joined to each of $ids by `rel` (raised by a person, accepted by one, dispatched to
    a unit, concerning a company), newest first: one statement for a whole nesting level."""
    return Statement(
        f"service_requests_{rel.value.lower()}",
        f"""
        UNWIND $ids AS id
        MATCH (x:{ENTITY} {{id: id}})
        RETURN id AS parent, COLLECT {{
            MATCH (x)<-[:`{rel.value}`]-(r:ServiceRequest) WHERE {shown("r", "$hiddenRuns")}
            WITH r ORDER BY r.createdAt DESC, r.id DESC
            {_RECORD_OF_R}
            RETURN record
        }} AS records
        """,
    )


# The links a person, unit or company has to requests, for their `requests` fields.
REQUEST_LINKS = (Rel.RAISED_BY, Rel.ACCEPTED_BY, Rel.DISPATCHED_TO, Rel.CONCERNS)
REQUESTS_ALONG: dict[Rel, Statement] = {rel: _requests_along(rel) for rel in REQUEST_LINKS}

# A page of the requests raised at or below an area, newest first, after a keyset cursor
# ($afterAt: epoch milliseconds, $afterId), with the total counted here rather than by the caller;
# with $person, only the requests that person raised or accepted.
REQUESTS_IN_SCOPE = Statement(
    "service_requests_in_scope",
    f"""
    {SCOPE_AREA}
    CALL (scope) {{
        {areas_under("scope", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE ($statuses IS NULL OR r.status IN $statuses) AND ($kinds IS NULL OR r.kind IN $kinds)
          AND {shown("r", "$hiddenRuns")}
          AND ($person IS NULL OR EXISTS {{ (r)-[:RAISED_BY|ACCEPTED_BY]->(:Person {{id: $person}}) }})
        RETURN collect(r) AS matching
    }}
    CALL (matching) {{
        UNWIND matching AS r
        WITH r, r.createdAt.epochMillis AS at
        WHERE $afterAt IS NULL OR at < $afterAt OR (at = $afterAt AND r.id < $afterId)
        WITH r ORDER BY r.createdAt.epochMillis DESC, r.id DESC LIMIT $limit
        {_RECORD_OF_R}
        RETURN collect(record) AS page
    }}
    RETURN size(matching) AS total, page
    """,
)

# --- Raising ----------------------------------------------------------------------------------------

# The areas containing an area (itself included) and the nodes a new request names, in one look.
RAISE_CONTEXT = Statement(
    "service_raise_context",
    f"""
    OPTIONAL MATCH (area:{ENTITY} {{id: $areaId}})
    OPTIONAL MATCH (raiser:Person {{id: $raisedById}})
    OPTIONAL MATCH (company:PropertyCompany {{id: $companyId}})
    RETURN {node("area")} AS area, raiser IS NOT NULL AS raiserFound, company IS NOT NULL AS companyFound,
           {areas_above("area")} AS areas
    """,
)

RAISE_REQUEST = Statement(
    "service_raise_request",
    f"""
    MATCH (area:{ENTITY} {{id: $areaId}})
    CREATE (r:{ENTITY}:ServiceRequest {{
        id: $id, kind: $kind, title: $title, status: 'OPEN', createdAt: $now, dueAt: $dueAt
    }})
    SET r.skill = $skill
    CREATE (r)-[:RAISED_IN]->(area)
    WITH r
    OPTIONAL MATCH (raiser:Person {{id: $raisedById}})
    OPTIONAL MATCH (company:PropertyCompany {{id: $companyId}})
    FOREACH (_ IN CASE WHEN raiser IS NULL THEN [] ELSE [1] END | CREATE (r)-[:RAISED_BY]->(raiser))
    FOREACH (_ IN CASE WHEN company IS NULL THEN [] ELSE [1] END | CREATE (r)-[:CONCERNS]->(company))
    CREATE (r)-[:HAD]->(:{ENTITY}:Event {{
        id: $id + '#1', at: $now, move: 'RAISE', status: 'OPEN', by: $by, target: null, note: null
    }})
    RETURN r.id AS id
    """,
)

# --- The moves --------------------------------------------------------------------------------------

DISPATCH = conditional_move(
    "service_dispatch",
    Label.SERVICE_REQUEST,
    "u IS NOT NULL AND NOT EXISTS { (n)-[:DISPATCHED_TO]->(u) }",
    "MERGE (n)-[d:DISPATCHED_TO]->(u) SET d.at = $now",
    before="OPTIONAL MATCH (u:Unit {id: $target})",
    found="u IS NOT NULL",
)
ACCEPT = conditional_move(
    "service_accept",
    Label.SERVICE_REQUEST,
    "p IS NOT NULL AND NOT EXISTS { (n)-[:ACCEPTED_BY]->() }",
    "CREATE (n)-[:ACCEPTED_BY {at: $now}]->(p)",
    before="OPTIONAL MATCH (p:Person {id: $target})",
    found="p IS NOT NULL",
)
COMPLETE = conditional_move("service_complete", Label.SERVICE_REQUEST, "true", "")
CLOSE = conditional_move(
    "service_close", Label.SERVICE_REQUEST, "true", "SET n.closedAt = $now, n.satisfaction = $satisfaction"
)
CANCEL = conditional_move("service_cancel", Label.SERVICE_REQUEST, "true", "SET n.closedAt = $now")
# A unit's report to a whistle (部门报到): the status stays; the dispatch records when and who.
REPORT = conditional_move(
    "service_report",
    Label.SERVICE_REQUEST,
    "d IS NOT NULL AND d.reportedAt IS NULL",
    f"SET d.reportedAt = $now, d.reportedBy = $by {forget_fingerprints('d')}",
    before="OPTIONAL MATCH (n)-[d:DISPATCHED_TO]->(:Unit {id: $target})",
    found="d IS NOT NULL",
)
