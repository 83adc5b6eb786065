"""The service platform's Cypher: requests and their moves, posts, whistles, supervision and the rates.

Every move is one conditional write: the statement first takes the write lock on the node it moves
(`SET n._LOCK_ = true`, the explicit lock of Neo4j's manual, "Concurrent data access"), then reads
its status under that lock and moves only if the status allows it. Two callers making the same move
at once are serialised by Neo4j: the first moves, the second sees the status the first left behind.
Each statement returns the status it saw (`before`) and whether it moved, so the caller can tell a
lost race from a forbidden move without a second look.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENTITY, Label, Rel

# The one domain label of a node (every node also carries the ENTITY label).
_LABEL = f"[l IN labels({{n}}) WHERE l <> '{ENTITY}'][0]"


def _node(n: str) -> str:
    """A node as the reads' {id, label, props} map, or null for a missing optional node."""
    return (
        f"CASE WHEN {n} IS NULL THEN null ELSE "
        f"{{id: {n}.id, label: {_LABEL.format(n=n)}, props: properties({n})}} END"
    )


def _current_on(rel: str, day: str) -> str:
    return f"({rel}.since IS NULL OR {rel}.since <= {day}) AND ({rel}.until IS NULL OR {rel}.until >= {day})"


def _areas_under(scope: str, area: str) -> str:
    """Every area at or below `scope` (itself, then down IN and PART_OF), each once, current links only."""
    return f"""
        MATCH path = ({scope})<-[:IN|PART_OF*0..5]-({area})
        WHERE all(x IN relationships(path) WHERE {_current_on("x", "$today")})
        WITH DISTINCT {area}
    """


# --- Requests: one record with everything a frontend shows -------------------------------------

_REQUEST_RECORD = f"""
    {{
        id: r.id,
        props: properties(r),
        area: {_node("area")},
        areas: COLLECT {{
            MATCH path = (area)-[:IN|PART_OF*0..5]->(up)
            WHERE all(x IN relationships(path) WHERE {_current_on("x", "$today")})
            RETURN DISTINCT up.id
        }},
        raisedBy: {_node("raiser")},
        acceptedBy: {_node("holder")},
        company: {_node("company")},
        dispatches: COLLECT {{
            MATCH (r)-[d:DISPATCHED_TO]->(u:Unit)
            RETURN {{unit: {_node("u")}, at: d.at, reportedAt: d.reportedAt, reportedBy: d.reportedBy}}
            ORDER BY u.id
        }},
        events: COLLECT {{
            MATCH (r)-[:HAD]->(e:Event) RETURN properties(e) ORDER BY e.at, e.id
        }}
    }}
"""

_REQUEST_ENDS = """
    OPTIONAL MATCH (r)-[:RAISED_IN]->(area)
    OPTIONAL MATCH (r)-[:RAISED_BY]->(raiser:Person)
    OPTIONAL MATCH (r)-[:ACCEPTED_BY]->(holder:Person)
    OPTIONAL MATCH (r)-[:CONCERNS]->(company:PropertyCompany)
"""

REQUESTS_BY_ID = Statement(
    "service_requests_by_id",
    f"""
    UNWIND $ids AS id
    MATCH (r:ServiceRequest {{id: id}})
    CALL (r) {{
        {_REQUEST_ENDS}
        RETURN {_REQUEST_RECORD} AS record
        LIMIT 1
    }}
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
            MATCH (x)<-[:`{rel.value}`]-(r:ServiceRequest)
            WITH r ORDER BY r.createdAt DESC, r.id DESC
            CALL (r) {{
                {_REQUEST_ENDS}
                RETURN {_REQUEST_RECORD} AS record
                LIMIT 1
            }}
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
    MATCH (scope:{ENTITY} {{id: $scope}})
    WHERE scope:District OR scope:Street OR scope:Community OR scope:Grid OR scope:Compound
          OR scope:Building
    CALL (scope) {{
        {_areas_under("scope", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE ($statuses IS NULL OR r.status IN $statuses) AND ($kinds IS NULL OR r.kind IN $kinds)
          AND ($person IS NULL OR EXISTS {{ (r)-[:RAISED_BY|ACCEPTED_BY]->(:Person {{id: $person}}) }})
        RETURN collect(r) AS matching
    }}
    CALL (matching) {{
        UNWIND matching AS r
        WITH r, r.createdAt.epochMillis AS at
        WHERE $afterAt IS NULL OR at < $afterAt OR (at = $afterAt AND r.id < $afterId)
        WITH r ORDER BY r.createdAt.epochMillis DESC, r.id DESC LIMIT $limit
        CALL (r) {{
            {_REQUEST_ENDS}
            RETURN {_REQUEST_RECORD} AS record
            LIMIT 1
        }}
        RETURN collect(record) AS page
    }}
    RETURN size(matching) AS total, page
    """,
)

# The areas containing an area (itself included) and the nodes a new request names, in one look.
RAISE_CONTEXT = Statement(
    "service_raise_context",
    f"""
    OPTIONAL MATCH (area:{ENTITY} {{id: $areaId}})
    OPTIONAL MATCH (raiser:Person {{id: $raisedById}})
    OPTIONAL MATCH (company:PropertyCompany {{id: $companyId}})
    RETURN {_node("area")} AS area, raiser IS NOT NULL AS raiserFound, company IS NOT NULL AS companyFound,
           COLLECT {{
               MATCH path = (area)-[:IN|PART_OF*0..5]->(up)
               WHERE all(x IN relationships(path) WHERE {_current_on("x", "$today")})
               RETURN DISTINCT up.id
           }} AS areas
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


def _move(
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
            {body}
            CREATE (n)-[:HAD]->(:{ENTITY}:Event {{
                id: n.id + '#' + toString(seq), at: $now, move: $move, status: coalesce($to, before),
                by: $by, target: $target, note: $note
            }})
        )
        RETURN before, moves AS moved, {found} AS found
        """,
    )


DISPATCH = _move(
    "service_dispatch",
    Label.SERVICE_REQUEST,
    "u IS NOT NULL AND NOT EXISTS { (n)-[:DISPATCHED_TO]->(u) }",
    "MERGE (n)-[d:DISPATCHED_TO]->(u) SET d.at = $now",
    before="OPTIONAL MATCH (u:Unit {id: $target})",
    found="u IS NOT NULL",
)
ACCEPT = _move(
    "service_accept",
    Label.SERVICE_REQUEST,
    "p IS NOT NULL AND NOT EXISTS { (n)-[:ACCEPTED_BY]->() }",
    "CREATE (n)-[:ACCEPTED_BY {at: $now}]->(p)",
    before="OPTIONAL MATCH (p:Person {id: $target})",
    found="p IS NOT NULL",
)
COMPLETE = _move("service_complete", Label.SERVICE_REQUEST, "true", "")
CLOSE = _move(
    "service_close", Label.SERVICE_REQUEST, "true", "SET n.closedAt = $now, n.satisfaction = $satisfaction"
)
CANCEL = _move("service_cancel", Label.SERVICE_REQUEST, "true", "SET n.closedAt = $now")
# A unit's report to a whistle (部门报到): the status stays; the dispatch records when and who.
REPORT = _move(
    "service_report",
    Label.SERVICE_REQUEST,
    "d IS NOT NULL AND d.reportedAt IS NULL",
    "SET d.reportedAt = $now, d.reportedBy = $by",
    before="OPTIONAL MATCH (n)-[d:DISPATCHED_TO]->(:Unit {id: $target})",
    found="d IS NOT NULL",
)
REPLY_FINDING = _move("service_reply_finding", Label.FINDING, "true", "SET n.reply = $note")
FIX_FINDING = _move("service_fix_finding", Label.FINDING, "true", "SET n.result = $note")
COMPLETE_TASK = _move("service_complete_task", Label.TASK_ITEM, "true", "")

# --- Metrics --------------------------------------------------------------------------------------

# The scope itself, then each area directly below it (IN, and a compound's buildings by PART_OF).
_SCOPE_AND_CHILDREN = f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    WHERE scope:District OR scope:Street OR scope:Community OR scope:Grid OR scope:Compound
          OR scope:Building
    WITH scope, [scope] + COLLECT {{
        MATCH (child)-[x:IN|PART_OF]->(scope)
        WHERE {_current_on("x", "$today")}
        RETURN child ORDER BY child.id
    }} AS targets
    UNWIND range(0, size(targets) - 1) AS position
    WITH position, targets[position] AS target
"""


def _rate(part: str, whole: str) -> str:
    return f"CASE WHEN {whole} = 0 THEN null ELSE toFloat({part}) / {whole} END"


# The rates of docs/service.md, for the scope (position 0) and each child area: requests raised in
# [$from, $to); cancelled ones count in none of the rates. Times come from each request's timeline;
# a request imported without one uses closedAt as the time it was done.
SERVICE_METRICS = Statement(
    "service_metrics",
    f"""
    {_SCOPE_AND_CHILDREN}
    CALL (target) {{
        {_areas_under("target", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE r.createdAt >= $from AND r.createdAt < $to
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
             avg(CASE WHEN live THEN r.satisfaction END) AS meanSatisfaction,
             count(CASE WHEN live THEN r.satisfaction END) AS rated
        RETURN raised, live, responded, done, due, onTime, meanSatisfaction, rated
    }}
    RETURN position, {_node("target")} AS area, raised, raised - live AS cancelled, responded, done, due,
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
    MATCH (scope:{ENTITY} {{id: $scope}})
    WHERE scope:District OR scope:Street OR scope:Community OR scope:Grid OR scope:Compound
          OR scope:Building
    CALL (scope) {{
        {_areas_under("scope", "a")}
        RETURN collect(a) AS areas
    }}
    CALL (areas) {{
        UNWIND areas AS a
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest {{kind: 'COMPLAINT'}})-[:CONCERNS]->(pc:PropertyCompany)
        WHERE r.createdAt >= $from AND r.createdAt < $to AND r.status <> 'CANCELLED'
        WITH pc, count(r) AS complaints
        RETURN collect({{pc: pc, complaints: complaints}}) AS complained
    }}
    CALL (areas) {{
        UNWIND areas AS c
        MATCH (c:Compound)<-[m:MANAGES]-(pc:PropertyCompany)
        WHERE {_current_on("m", "$day")}
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
    RETURN {_node("pc")} AS company, complaints, households, perThousand
    """,
)

# --- The service pool (双报到) and posts (认岗) -----------------------------------------------------

# What a person who reported to communities could do there: requests not yet taken and posts with a
# free slot they do not hold, each with how their skills fit (1 named skill they have, 0.5 no skill
# named, 0 a skill they lack) and whom to contact: the commissioner the dispatched unit sent to that
# community, else the community's secretary.
OPPORTUNITIES = Statement(
    "service_opportunities",
    f"""
    MATCH (p:Person {{id: $person}})-[rt:REPORTED_TO]->(c:Community)
    WHERE {_current_on("rt", "$today")}
    WITH p, coalesce(p.skills, []) AS skills, c,
         COLLECT {{ MATCH (c)<-[:SECRETARY_OF]-(s:Person) RETURN s ORDER BY s.id }}[0] AS secretary
    CALL (c, secretary) {{
        {_areas_under("c", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest)
        WHERE r.status IN ['OPEN', 'DISPATCHED']
        WITH r, COLLECT {{
            MATCH (r)-[:DISPATCHED_TO]->(:Unit)<-[mo:MEMBER_OF]-(k:Person)-[:COMMISSIONER_OF]->(c)
            WHERE {_current_on("mo", "$today")}
            RETURN k ORDER BY k.id
        }}[0] AS commissioner
        RETURN r AS item, r.skill AS skill, r.dueAt AS dueAt, coalesce(commissioner, secretary) AS contact
      UNION
        MATCH (c)<-[:POSTED_IN]-(post:Post)
        WHERE COUNT {{ (:Person)-[cl:CLAIMED]->(post) WHERE {_current_on("cl", "$today")} }} < post.slots
        RETURN post AS item, post.skill AS skill, null AS dueAt, secretary AS contact
    }}
    WITH p, c, item, contact, dueAt,
         CASE WHEN skill IS NULL THEN 0.5 WHEN skill IN skills THEN 1.0 ELSE 0.0 END AS fit
    WHERE NOT EXISTS {{ (p)-[cl:CLAIMED]->(item) WHERE {_current_on("cl", "$today")} }}
    ORDER BY fit DESC, dueAt IS NULL, dueAt, item.id
    RETURN {_node("item")} AS item, {_node("c")} AS community, {_node("contact")} AS contact, fit
    """,
)

_POST_RECORD = f"""
    {{
        post: {_node("post")},
        community: {_node("c")},
        areas: COLLECT {{
            MATCH path = (c)-[:IN|PART_OF*0..5]->(up)
            WHERE all(x IN relationships(path) WHERE {_current_on("x", "$today")})
            RETURN DISTINCT up.id
        }},
        holders: COLLECT {{
            MATCH (h:Person)-[cl:CLAIMED]->(post) WHERE {_current_on("cl", "$today")}
            RETURN {{person: {_node("h")}, since: cl.since}} ORDER BY cl.since, h.id
        }}
    }}
"""

POSTS_BY_ID = Statement(
    "service_posts_by_id",
    f"""
    UNWIND $ids AS id
    MATCH (post:Post {{id: id}})
    OPTIONAL MATCH (post)-[:POSTED_IN]->(c:Community)
    RETURN {_POST_RECORD} AS record
    """,
)

POSTS_OF_COMMUNITY = Statement(
    "service_posts_of_community",
    f"""
    MATCH (c:Community {{id: $community}})<-[:POSTED_IN]-(post:Post)
    WITH c, post ORDER BY post.id
    RETURN {_POST_RECORD} AS record
    """,
)

# Claim a post: under the post's lock, refused when every slot is held or the person holds it already.
# A claim is keyed by its first day, so claiming again the day one left takes the same claim back.
CLAIM_POST = Statement(
    "service_claim_post",
    f"""
    MATCH (post:Post {{id: $post}})
    MATCH (p:Person {{id: $person}})
    SET post._LOCK_ = true
    REMOVE post._LOCK_
    WITH post, p,
         COUNT {{ (:Person)-[cl:CLAIMED]->(post) WHERE {_current_on("cl", "$today")} }} AS held,
         EXISTS {{ (p)-[cl:CLAIMED]->(post) WHERE {_current_on("cl", "$today")} }} AS holds
    WITH post, p, held, holds, NOT holds AND held < post.slots AS claims
    FOREACH (_ IN CASE WHEN claims THEN [1] ELSE [] END |
        MERGE (p)-[cl:CLAIMED {{since: $today}}]->(post)
        SET cl.until = null
    )
    RETURN claims AS claimed, holds, held, post.slots AS slots
    """,
)

# Leave a post: the claim ends yesterday, so it is history from today on (kept, never counted).
LEAVE_POST = Statement(
    "service_leave_post",
    f"""
    MATCH (p:Person {{id: $person}})-[cl:CLAIMED]->(post:Post {{id: $post}})
    WHERE {_current_on("cl", "$today")}
    SET cl.until = $yesterday
    RETURN count(cl) AS left
    """,
)

# --- Whistles (街道吹哨、部门报到) -------------------------------------------------------------------

# Each unit a whistle raised at or below the scope in [$from, $to) was dispatched to, and how its
# report went: ON_TIME within $responseHours of the dispatch, LATE after, MISSING once that window
# has passed by $asOf without a report, PENDING while it is still open.
WHISTLE_REPORTS = Statement(
    "service_whistle_reports",
    f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    WHERE scope:District OR scope:Street OR scope:Community OR scope:Grid OR scope:Compound
          OR scope:Building
    CALL (scope) {{
        {_areas_under("scope", "a")}
        MATCH (a)<-[:RAISED_IN]-(r:ServiceRequest {{kind: 'WHISTLE'}})-[d:DISPATCHED_TO]->(u:Unit)
        WHERE r.createdAt >= $from AND r.createdAt < $to AND r.status <> 'CANCELLED'
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
    RETURN {_node("u")} AS unit, reports
    """,
)

# --- Supervision (督导) ---------------------------------------------------------------------------

_WORK_TALLY = """
    WITH w, w.status = $doneStatus AS done,
         coalesce(COLLECT { MATCH (w)-[:HAD]->(e:Event {move: $doneMove}) RETURN e.at ORDER BY e.at }[0],
                  CASE WHEN w.status = $doneStatus THEN w.dueAt END) AS doneAt
    RETURN count(w) AS total,
           count(CASE WHEN done AND doneAt <= w.dueAt THEN 1 END) AS doneOnTime,
           count(CASE WHEN done AND doneAt > w.dueAt THEN 1 END) AS doneLate,
           count(CASE WHEN NOT done AND w.dueAt < $asOf THEN 1 END) AS overdue,
           count(CASE WHEN NOT done AND w.dueAt >= $asOf THEN 1 END) AS pending
"""

# Findings made in an area at or below each target in [$from, $to) (foundAt), tallied: fixed on time,
# fixed late, open past their deadline at $asOf, open and not yet due. A finding imported FIXED
# without a timeline counts as fixed on time. Same shape for weekly task items due in the period.
FINDINGS_BY_AREA = Statement(
    "service_findings_by_area",
    f"""
    {_SCOPE_AND_CHILDREN}
    CALL (target) {{
        {_areas_under("target", "a")}
        MATCH (a)<-[:FOUND_IN]-(w:Finding)
        WHERE w.foundAt >= $from AND w.foundAt < $to
        {_WORK_TALLY}
    }}
    RETURN position, {_node("target")} AS area, total, doneOnTime, doneLate, overdue, pending
    ORDER BY position
    """,
)

FINDINGS_BY_RESPONSIBLE = Statement(
    "service_findings_by_responsible",
    f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    CALL (scope) {{
        {_areas_under("scope", "a")}
        MATCH (a)<-[:FOUND_IN]-(w:Finding)
        WHERE w.foundAt >= $from AND w.foundAt < $to
        RETURN collect(DISTINCT w) AS found
    }}
    UNWIND found AS w
    MATCH (w)-[:ASSIGNED_TO]->(who)
    WITH who, collect(w) AS assigned
    CALL (assigned) {{
        UNWIND assigned AS w
        {_WORK_TALLY}
    }}
    WITH who, total, doneOnTime, doneLate, overdue, pending
    ORDER BY overdue DESC, doneLate DESC, who.id
    RETURN {_node("who")} AS responsible, total, doneOnTime, doneLate, overdue, pending
    """,
)

# The findings at or below the scope still open past their deadline at $asOf, oldest deadline first.
OVERDUE_FINDINGS = Statement(
    "service_overdue_findings",
    f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    CALL (scope) {{
        {_areas_under("scope", "a")}
        MATCH (a)<-[:FOUND_IN]-(w:Finding)
        WHERE w.status <> 'FIXED' AND w.dueAt < $asOf
        RETURN w, a
    }}
    WITH w, a ORDER BY w.dueAt, w.id
    RETURN {_node("w")} AS finding, {_node("a")} AS area,
           COLLECT {{ MATCH (w)-[:ASSIGNED_TO]->(who) RETURN {_node("who")} ORDER BY who.id }} AS responsible,
           COLLECT {{ MATCH (g:SupervisionGroup)-[:FOUND]->(w) RETURN {_node("g")} }}[0] AS group
    """,
)

TASKS_BY_AREA = Statement(
    "service_tasks_by_area",
    f"""
    {_SCOPE_AND_CHILDREN}
    CALL (target) {{
        {_areas_under("target", "a")}
        MATCH (a)<-[:ASSIGNED_TO]-(w:TaskItem)
        WHERE w.dueAt >= $from AND w.dueAt < $to
        {_WORK_TALLY}
    }}
    RETURN position, {_node("target")} AS area, total, doneOnTime, doneLate, overdue, pending
    ORDER BY position
    """,
)

# A finding or task item with the areas that contain where it is, for permission checks and answers.
TRACKED_WORK_BY_ID = Statement(
    "service_tracked_work_by_id",
    f"""
    MATCH (w:{ENTITY} {{id: $id}})
    WHERE w:Finding OR w:TaskItem
    OPTIONAL MATCH (w)-[:FOUND_IN|ASSIGNED_TO]->(area)
    WHERE area:District OR area:Street OR area:Community OR area:Grid OR area:Compound OR area:Building
    RETURN {_node("w")} AS work, {_node("area")} AS area,
           COLLECT {{
               MATCH path = (area)-[:IN|PART_OF*0..5]->(up)
               WHERE all(x IN relationships(path) WHERE {_current_on("x", "$today")})
               RETURN DISTINCT up.id
           }} AS areas,
           COLLECT {{ MATCH (w)-[:ASSIGNED_TO]->(who) WHERE who:Person OR who:Unit
                      RETURN {_node("who")} ORDER BY who.id }} AS responsible,
           COLLECT {{ MATCH (w)-[:HAD]->(e:Event) RETURN properties(e) ORDER BY e.at, e.id }} AS events
    LIMIT 1
    """,
)

RECORD_FINDING = Statement(
    "service_record_finding",
    f"""
    MATCH (g:SupervisionGroup {{id: $group}})
    MATCH (area:{ENTITY} {{id: $areaId}})
    MATCH (who:{ENTITY} {{id: $responsible}})
    CREATE (w:{ENTITY}:Finding {{
        id: $id, title: $title, foundAt: $now, dueAt: $dueAt, status: 'OPEN'
    }})
    CREATE (g)-[:FOUND]->(w), (w)-[:FOUND_IN]->(area), (w)-[:ASSIGNED_TO]->(who)
    CREATE (w)-[:HAD]->(:{ENTITY}:Event {{
        id: $id + '#1', at: $now, move: 'RECORD', status: 'OPEN', by: $by, target: $responsible, note: null
    }})
    RETURN w.id AS id
    """,
)
