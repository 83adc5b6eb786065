"""Reports' Cypher: the rates of an area, complaints per property company, whistle reports, the pool."""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import current, shown
from graph.statements.service.fragments import SCOPE_AND_CHILDREN, SCOPE_AREA, areas_under, node

# The requests a report counts: those raised in [$from, $to), the same for the rates, the complaints
# and the whistles.
_RAISED_IN_PERIOD = f"r.createdAt >= $from AND r.createdAt < $to AND {shown('r', '$hiddenRuns')}"


def _rate(part: str, whole: str) -> str:
    return f"CASE WHEN {whole} = 0 THEN null ELSE toFloat({part}) / {whole} END"


# The rates of docs/service.md, for the scope (position 0) and each child area: requests raised in
# [$from, $to); cancelled ones count in none of the rates. Times come from each request's timeline;
# a request imported without one uses closedAt as the time it was done.
SERVICE_METRICS = Statement(
    "service_metrics",
    f"""
    {SCOPE_AND_CHILDREN}
    CALL (target) {{
        {areas_under("target", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE {_RAISED_IN_PERIOD}
        WITH r, coalesce(r.dueAt, r.createdAt + duration({{hours: $dueHours}})) AS dueAt
        WITH r, dueAt, r.status <> 'CANCELLED' AS live, r.status IN ['DONE', 'CLOSED'] AS done,
             COLLECT {{ MATCH (r)-[:HAD]->(e:Event {{move: 'ACCEPT'}}) RETURN e.at ORDER BY e.at }}[0]
                 AS acceptedAt,
             coalesce(
                 COLLECT {{ MATCH (r)-[:HAD]->(e:Event {{move: 'COMPLETE'}}) RETURN e.at ORDER BY e.at }}[0],
                 r.closedAt
             ) AS doneAt
        WITH count(r) AS raised,
             count(CASE WHEN live THEN 1 END) AS live,
             count(CASE WHEN live AND acceptedAt <= r.createdAt + duration({{hours: $responseHours}})
                        THEN 1 END) AS responded,
             count(CASE WHEN live AND done THEN 1 END) AS done,
             count(CASE WHEN live AND (done OR dueAt < $asOf) THEN 1 END) AS due,
             count(CASE WHEN live AND done AND doneAt <= dueAt THEN 1 END) AS onTime,
             sum(CASE WHEN live THEN r.satisfaction END) AS satisfaction,
             count(CASE WHEN live THEN r.satisfaction END) AS rated
        RETURN raised, live, responded, done, due, onTime, rated,
               CASE rated WHEN 0 THEN null ELSE toFloat(satisfaction) / rated END AS meanSatisfaction
    }}
    RETURN position, {node("target")} AS area, raised, raised - live AS cancelled, responded, done, due,
           onTime, rated, meanSatisfaction,
           {_rate("responded", "live")} AS responseRate,
           {_rate("onTime", "due")} AS onTimeRate,
           {_rate("done", "live")} AS resolutionRate
    ORDER BY position
    """,
)

# Complaints raised at or below the scope in [$from, $to) against each property company, beside the
# households of the compounds below the scope it manages on $day (the month's last day); withdrawn
# (cancelled) complaints are left out. Ranked worst first by complaints per 1,000 households.
PROPERTY_COMPLAINTS = Statement(
    "service_property_complaints",
    f"""
    {SCOPE_AREA}
    CALL (scope) {{
        {areas_under("scope", "a")}
        RETURN collect(a) AS areas
    }}
    CALL (areas) {{
        UNWIND areas AS a
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest {{kind: 'COMPLAINT'}})-[:CONCERNS]->(pc:PropertyCompany)
        WHERE {_RAISED_IN_PERIOD} AND r.status <> 'CANCELLED'
        WITH pc, count(r) AS complaints
        RETURN collect({{pc: pc, complaints: complaints}}) AS complained
    }}
    CALL (areas) {{
        UNWIND areas AS c
        MATCH (c:Compound)<-[m:MANAGES]-(pc:PropertyCompany)
        WHERE {current("m", "$day")}
        OPTIONAL MATCH (c)<-[:PART_OF]-(b:Building)
        WITH pc, sum(coalesce(b.households, 0)) AS households
        RETURN collect({{pc: pc, households: households}}) AS managed
    }}
    UNWIND [x IN complained | x.pc] + [x IN managed | x.pc] AS pc
    WITH DISTINCT pc, complained, managed
    WITH pc,
         coalesce([x IN complained WHERE x.pc = pc | x.complaints][0], 0) AS complaints,
         coalesce([x IN managed WHERE x.pc = pc | x.households][0], 0) AS households
    WITH pc, complaints, households,
         CASE WHEN households = 0 THEN null ELSE 1000.0 * complaints / households END AS perThousand
    ORDER BY perThousand IS NULL, perThousand DESC, complaints DESC, pc.id
    RETURN {node("pc")} AS company, complaints, households, perThousand
    """,
)

# Each unit a whistle (街道吹哨、部门报到) raised at or below the scope in [$from, $to) was dispatched
# to, and how its report went: ON_TIME within $responseHours of the dispatch, LATE after, MISSING once
# that window has passed by $asOf without a report, PENDING while it is still open.
WHISTLE_REPORTS = Statement(
    "service_whistle_reports",
    f"""
    {SCOPE_AREA}
    CALL (scope) {{
        {areas_under("scope", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest {{kind: 'WHISTLE'}})-[d:DISPATCHED_TO]->(u:Unit)
        WHERE {_RAISED_IN_PERIOD} AND r.status <> 'CANCELLED'
        WITH r, d, u, coalesce(d.at, r.createdAt) AS dispatchedAt
        WITH r, d, u, dispatchedAt, dispatchedAt + duration({{hours: $responseHours}}) AS deadline
        RETURN u, r, dispatchedAt, d.reportedAt AS reportedAt, deadline,
               CASE WHEN d.reportedAt IS NOT NULL AND d.reportedAt <= deadline THEN 'ON_TIME'
                    WHEN d.reportedAt IS NOT NULL THEN 'LATE'
                    WHEN deadline < $asOf THEN 'MISSING'
                    ELSE 'PENDING' END AS outcome
    }}
    WITH u, r, dispatchedAt, reportedAt, deadline, outcome ORDER BY r.createdAt, r.id
    WITH u, collect({{request: r.id, title: r.title, dispatchedAt: dispatchedAt, reportedAt: reportedAt,
                     deadline: deadline, outcome: outcome}}) AS reports
    WITH u, reports,
         size([x IN reports WHERE x.outcome = 'LATE']) AS late,
         size([x IN reports WHERE x.outcome = 'MISSING']) AS missing
    ORDER BY late + missing DESC, u.id
    RETURN {node("u")} AS unit, reports
    """,
)

# The service pool (双报到): what a person who reported to communities could do there: requests not
# yet taken and posts with a free slot they do not hold, each with how their skills fit (1 named
# skill they have, 0.5 no skill named, 0 a skill they lack) and whom to contact: the commissioner the
# dispatched unit sent to that community, else the community's secretary.
OPPORTUNITIES = Statement(
    "service_opportunities",
    f"""
    MATCH (p:Person {{id: $person}})-[rt:REPORTED_TO]->(c:Community)
    WHERE {current("rt")}
    WITH p, coalesce(p.skills, []) AS skills, c,
         COLLECT {{ MATCH (c)<-[:SECRETARY_OF]-(s:Person) RETURN s ORDER BY s.id }}[0] AS secretary
    CALL (c, secretary) {{
        {areas_under("c", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE r.status IN ['OPEN', 'DISPATCHED'] AND {shown("r", "$hiddenRuns")}
        WITH r, COLLECT {{
            MATCH (r)-[:DISPATCHED_TO]->(:Unit)<-[mo:MEMBER_OF]-(k:Person)-[:COMMISSIONER_OF]->(c)
            WHERE {current("mo")}
            RETURN k ORDER BY k.id
        }}[0] AS commissioner
        RETURN r AS item, r.skill AS skill, r.dueAt AS dueAt, coalesce(commissioner, secretary) AS contact
      UNION
        MATCH (c)<-[:POSTED_IN]-(post:Post)
        WHERE COUNT {{ (:Person)-[cl:CLAIMED]->(post) WHERE {current("cl")} }} < post.slots
          AND {shown("post", "$hiddenRuns")}
        RETURN post AS item, post.skill AS skill, null AS dueAt, secretary AS contact
    }}
    WITH p, c, item, contact, dueAt,
         CASE WHEN skill IS NULL THEN 0.5 WHEN skill IN skills THEN 1.0 ELSE 0.0 END AS fit
    WHERE NOT EXISTS {{ (p)-[cl:CLAIMED]->(item) WHERE {current("cl")} }}
    ORDER BY fit DESC, dueAt IS NULL, dueAt, item.id
    RETURN {node("item")} AS item, {node("c")} AS community, {node("contact")} AS contact, fit
    """,
)
