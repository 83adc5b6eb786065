"""Planners' statements: gaps against the standards, coverage, cover candidates, the helper plan.

Everything is computed inside Neo4j. Inputs travel as parameters only: `$scope` (an area or person id),
`$today` (the city's date, for current relationships), `$year` (the service-funds year) and `$policy`
(the standards, `graph.policy.Policy.cypher_params`). Rows are maps keyed by the GraphQL field names.

`CHECKS` is a self-contained `CALL (scope) { ... }` body: one row per subject and requirement
(kind, subjectId, required, actual, field, met, areas, community), where `areas` are the ids of the
areas containing the subject (itself first) and `community` its community. Gaps and coverage are both
folds of it, so they can never disagree.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import current

CUR = current("r")

# --- What lies in a scope -----------------------------------------------------------------------

_COMMUNITIES_IN_SCOPE = """
    MATCH (scope:Community) RETURN scope AS c
  UNION
    MATCH (scope:Street)<-[:IN]-(c:Community) RETURN c
  UNION
    MATCH (scope:District)<-[:IN]-(:Street)<-[:IN]-(c:Community) RETURN c
"""

_COMPOUNDS_IN_SCOPE = """
    MATCH (scope:Compound) RETURN scope AS k
  UNION
    MATCH (scope:Community)<-[:IN]-(k:Compound) RETURN k
  UNION
    MATCH (scope:Street)<-[:IN]-(:Community)<-[:IN]-(k:Compound) RETURN k
  UNION
    MATCH (scope:District)<-[:IN]-(:Street)<-[:IN]-(:Community)<-[:IN]-(k:Compound) RETURN k
"""

_BUILDINGS_IN_SCOPE = """
    MATCH (scope:Building) RETURN scope AS b
  UNION
    MATCH (scope:Grid)<-[:IN]-(b:Building) RETURN b
  UNION
    MATCH (scope:Compound)<-[:PART_OF]-(b:Building) RETURN b
  UNION
    MATCH (scope:Community)<-[:IN]-(:Grid)<-[:IN]-(b:Building) RETURN b
  UNION
    MATCH (scope:Street)<-[:IN]-(:Community)<-[:IN]-(:Grid)<-[:IN]-(b:Building) RETURN b
  UNION
    MATCH (scope:District)<-[:IN]-(:Street)<-[:IN]-(:Community)<-[:IN]-(:Grid)<-[:IN]-(b:Building) RETURN b
"""

# The areas above a node (at most building -> grid -> community -> street -> district).
_UP = "COLLECT {{ MATCH ({n})-[:IN|PART_OF*1..4]->(up) RETURN DISTINCT up.id }}"
_COMMUNITY_OF = "COLLECT {{ MATCH ({n})-[:IN|PART_OF*0..2]->(cc:Community) RETURN cc.id }}[0]"

# --- The requirements of each kind of subject ---------------------------------------------------

_COMMUNITY_CHECKS = f"""
    RETURN 'SECRETARY' AS kind, c.id AS subjectId, $policy.secretaries AS required,
           COUNT {{ (c)<-[r:SECRETARY_OF]-(:Person) WHERE {CUR} }} AS actual, null AS field
  UNION ALL
    RETURN 'COMMISSIONER' AS kind, c.id AS subjectId, $policy.commissioners AS required,
           COUNT {{ (c)<-[r:COMMISSIONER_OF]-(p:Person)
                    WHERE {CUR} AND EXISTS {{
                      (p)-[m:MEMBER_OF]->(:Unit)-[w:PAIRED_WITH]->(c)
                      WHERE {current("m")} AND {current("w")} }} }} AS actual, null AS field
  UNION ALL
    UNWIND $policy.adviser_fields AS f
    RETURN 'ADVISER' AS kind, c.id AS subjectId, $policy.advisers_per_field AS required,
           COUNT {{ (c)<-[r:ADVISES {{field: f}}]-(p:Person)
                    WHERE {CUR} AND $policy.adviser_skills[f] IN coalesce(p.skills, []) }} AS actual,
           f AS field
  UNION ALL
    RETURN 'PAIRED_UNIT' AS kind, c.id AS subjectId, $policy.paired_units AS required,
           COUNT {{ (c)<-[r:PAIRED_WITH]-(:Unit) WHERE {CUR} }} AS actual, null AS field
  UNION ALL
    RETURN 'SOCIAL_ORGANISATIONS' AS kind, c.id AS subjectId, $policy.social_organisations AS required,
           COUNT {{ (c)<-[r:ACTIVE_IN]-(:SocialOrganisation) WHERE {CUR} }} AS actual, null AS field
  UNION ALL
    UNWIND $policy.team_kinds AS k
    RETURN 'VOLUNTEER_TEAM' AS kind, c.id AS subjectId, $policy.teams_per_kind AS required,
           COUNT {{ (c)<-[r:SERVES]-(t:VolunteerTeam) WHERE t.kind = k AND {CUR} }} AS actual, k AS field
  UNION ALL
    RETURN 'VENUE' AS kind, c.id AS subjectId, $policy.venues AS required,
           COUNT {{ MATCH (c)<-[:IN*0..1]-(place)<-[r:LOCATED_IN]-(v:Venue)
                    WHERE (place = c OR place:Compound) AND {CUR} RETURN DISTINCT v }} AS actual,
           null AS field
  UNION ALL
    RETURN 'SERVICE_FUNDS' AS kind, c.id AS subjectId, toInteger($policy.service_funds) AS required,
           toInteger(reduce(total = 0, amount IN [
             (c)<-[:FOR]-(res:Resource {{kind: 'FUNDS', year: $year}}) | coalesce(res.amount, 0)]
             | total + amount)) AS actual,
           null AS field
"""

# A compound is managed by a current property company, a self-managed owners' committee or a custodian.
_COMPOUND_CHECKS = f"""
    RETURN 'MANAGER' AS kind, k.id AS subjectId, $policy.compound_managers AS required,
           COUNT {{ (k)<-[r:MANAGES]-(:PropertyCompany) WHERE {CUR} }}
         + COUNT {{ (k)<-[r:REPRESENTS]-(o:OwnersCommittee) WHERE o.selfManaged = true AND {CUR} }}
         + COUNT {{ (k)<-[r:CUSTODIAN_OF]-(a) WHERE (a:Street OR a:Community) AND {CUR} }} AS actual,
           null AS field
  UNION ALL
    RETURN 'OWNERS_COMMITTEE' AS kind, k.id AS subjectId, $policy.compound_owners_committees AS required,
           COUNT {{ (k)<-[r:REPRESENTS]-(:OwnersCommittee) WHERE {CUR} }} AS actual, null AS field
  UNION ALL
    RETURN 'PARTY_BRANCH' AS kind, k.id AS subjectId, $policy.compound_party_branches AS required,
           COUNT {{ (k)<-[r:ORGANISES]-(:PartyBranch) WHERE {CUR} }} AS actual, null AS field
"""

# A building's own links, from one pass over its relationships of these types (a building has dozens
# of residents, and each expansion by type reads them all): the requirements' counts, its grid and
# the ids of its grid and compound.
_BUILDING_LINKS = f"""
    MATCH (b)-[r:IN|PART_OF|LEADS|VOLUNTEERS_FOR|PROPERTY_STAFF_FOR]-(x)
    WHERE {CUR}
    WITH type(r) AS link, x
    RETURN count(CASE link WHEN 'LEADS' THEN 1 END) AS leaders,
           count(CASE link WHEN 'VOLUNTEERS_FOR' THEN 1 END) AS volunteers,
           count(CASE link WHEN 'PROPERTY_STAFF_FOR' THEN 1 END) AS staff,
           collect(CASE WHEN link = 'IN' OR link = 'PART_OF' THEN x.id END) AS above,
           head(collect(CASE link WHEN 'IN' THEN x END)) AS grid
"""

_BUILDING_CHECKS = """
    RETURN 'BUILDING_LEADER' AS kind, b.id AS subjectId, $policy.building_leaders AS required,
           home.leaders AS actual, null AS field
  UNION ALL
    RETURN 'BUILDING_VOLUNTEERS' AS kind, b.id AS subjectId, $policy.building_volunteers AS required,
           home.volunteers AS actual, null AS field
  UNION ALL
    RETURN 'PROPERTY_STAFF' AS kind, b.id AS subjectId, $policy.building_property_staff AS required,
           home.staff AS actual, null AS field
"""

# Residents in need of a building (`b`): the needs are read before the residence's dates, so the
# dates are read for the few in need only.
_IN_NEED = f"""
    MATCH (b)<-[home:LIVES_IN]-(p:Person)
    WHERE size(coalesce(p.needs, [])) > 0 AND {current("home")}
    RETURN collect(p) AS inNeed
"""

# Over `homes` (one map per building: b, areas, community, inNeed): each building's requirements,
# each resident in need's helpers, and the load of everyone currently helping those residents. A
# helper belongs to the areas of the residents they help (a person scope: the person's own).
_HOME_CHECKS = f"""
    UNWIND homes AS home
    WITH home, home.b AS b
    CALL (b, home) {{ {_BUILDING_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, home.areas AS areas, home.community AS community
  UNION ALL
    UNWIND homes AS home
    UNWIND home.inNeed AS p
    RETURN 'HELPER' AS kind, p.id AS subjectId, $policy.helpers_per_resident AS required,
           COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {CUR} }} AS actual, null AS field,
           home.areas AS areas, home.community AS community
  UNION ALL
    UNWIND homes AS home
    UNWIND home.inNeed AS p
    MATCH (p)<-[r:HELPS]-(h:Person) WHERE {CUR}
    WITH h, collect(home) AS theirs
    WITH h, theirs[0].community AS community,
         reduce(seen = [], home IN theirs | seen + [a IN home.areas WHERE NOT a IN seen]) AS areas
    RETURN 'HELPER_LOAD' AS kind, h.id AS subjectId, $policy.load_limit AS required,
           COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {CUR} }} AS actual, null AS field, areas, community
"""

# One row per subject in the scope and requirement it is held to. Residents belong where they live,
# helpers where the residents they help live.
CHECKS = f"""
CALL (scope) {{
    CALL (scope) {{ {_COMMUNITIES_IN_SCOPE} }}
    WITH c, [c.id] + {_UP.format(n="c")} AS areas
    CALL (c) {{ {_COMMUNITY_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, c.id AS community
  UNION ALL
    CALL (scope) {{ {_COMPOUNDS_IN_SCOPE} }}
    WITH k, [k.id] + {_UP.format(n="k")} AS areas, {_COMMUNITY_OF.format(n="k")} AS community
    CALL (k) {{ {_COMPOUND_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, community
  UNION ALL
    CALL (scope) {{ {_BUILDINGS_IN_SCOPE} }}
    CALL (b) {{ {_BUILDING_LINKS} }}
    OPTIONAL MATCH (grid)-[:IN]->(c:Community)
    WITH b, leaders, volunteers, staff, c.id AS community,
         [b.id] + above + CASE WHEN c IS NULL THEN [] ELSE [c.id] + {_UP.format(n="c")} END AS areas
    CALL (b) {{ {_IN_NEED} }}
    WITH collect({{b: b, areas: areas, community: community, inNeed: inNeed,
                   leaders: leaders, volunteers: volunteers, staff: staff}}) AS homes
    CALL (homes) {{ {_HOME_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, community
  UNION ALL
    MATCH (scope:Person)
    OPTIONAL MATCH (scope)-[home:LIVES_IN]->(b:Building)
    WITH scope AS p, CASE WHEN b IS NULL THEN [] ELSE [b.id] + {_UP.format(n="b")} END AS areas,
         CASE WHEN b IS NULL THEN null ELSE {_COMMUNITY_OF.format(n="b")} END AS community
    CALL (p) {{
        WITH p WHERE size(coalesce(p.needs, [])) > 0
        RETURN 'HELPER' AS kind, $policy.helpers_per_resident AS required,
               COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {CUR} }} AS actual
      UNION ALL
        MATCH (p)-[r:HELPS]->(:Person) WHERE {CUR}
        RETURN 'HELPER_LOAD' AS kind, $policy.load_limit AS required, count(r) AS actual
    }}
    WITH p, kind, required, actual, areas, community WHERE kind = 'HELPER' OR actual > 0
    RETURN kind, p.id AS subjectId, required, actual, null AS field, areas, community
}}
WITH scope, kind, subjectId, required, actual, field, areas, community,
     CASE kind WHEN 'HELPER_LOAD' THEN actual <= required ELSE actual >= required END AS met
"""

# The scope itself, or nothing when no area or person has this id.
SCOPE_KIND = Statement(
    "planning_scope",
    """
    MATCH (scope:Entity {id: $scope})
    RETURN [l IN labels(scope) WHERE l <> 'Entity'][0] AS label
    """,
)

# Every unmet requirement inside the scope: one row per subject and requirement (docs/planning.md, `Gap`).
COVERAGE_GAPS = Statement(
    "coverage_gaps",
    f"""
    MATCH (scope:Entity {{id: $scope}})
    {CHECKS}
    WHERE NOT met
    RETURN {{kind: kind, subjectId: subjectId, required: required, actual: actual, field: field,
             areas: areas, community: community}} AS gap
    ORDER BY gap.kind, gap.subjectId, gap.field
    """,
)

# For the scope and each area one level down, how many subjects meet each requirement out of how many.
# A community's children are its grids and its compounds (a building counts in both of its own).
COVERAGE = Statement(
    "coverage",
    f"""
    MATCH (scope:Entity {{id: $scope}})
    WITH scope, COLLECT {{ MATCH (scope)<-[:IN|PART_OF]-(child) WHERE NOT child:Person RETURN child.id }}
         AS children
    CALL (scope) {{
        {CHECKS}
        RETURN kind, field, met, areas
    }}
    UNWIND [scope.id] + [child IN children WHERE child IN areas] AS areaId
    WITH areaId, kind, field, count(*) AS total, count(CASE WHEN met THEN 1 END) AS met
    RETURN {{areaId: areaId, kind: kind, field: field, met: met, total: total}} AS standard
    ORDER BY standard.areaId, standard.kind, standard.field
    """,
)

# --- The helper plan ----------------------------------------------------------------------------

_HOME = """{{building: {b}.id, grid: {g}.id, compound: {k}.id, community: {c}.id}}"""

# Residents in need inside the scope with fewer current helpers than the standard, grouped by their
# community, with the people of that community who could help them: not in need themselves, with a
# skill meeting one of the group's needs (policy) and room under the load limit.
HELPER_PLAN_INPUT = Statement(
    "helper_plan_input",
    f"""
    MATCH (scope:Entity {{id: $scope}})
    CALL (scope) {{
        CALL (scope) {{ {_BUILDINGS_IN_SCOPE} }}
        MATCH (b)<-[r:LIVES_IN]-(p:Person) WHERE size(coalesce(p.needs, [])) > 0 AND {CUR}
        RETURN p
      UNION
        MATCH (scope:Person) WHERE size(coalesce(scope.needs, [])) > 0
        RETURN scope AS p
    }}
    WITH p WHERE COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {CUR} }} < $policy.helpers_per_resident
    OPTIONAL MATCH (p)-[home:LIVES_IN]->(b:Building)
    OPTIONAL MATCH (b)-[:IN]->(g:Grid)-[:IN]->(c:Community)
    OPTIONAL MATCH (b)-[:PART_OF]->(k:Compound)
    WITH c, collect({{resident: p, home: {_HOME.format(b="b", g="g", k="k", c="c")}}}) AS residents
    CALL (c, residents) {{
        WITH reduce(wanted = [], row IN residents |
               wanted + reduce(skills = [], need IN row.resident.needs |
                 skills + coalesce($policy.skills_for_needs[need], []))) AS wanted
        MATCH (c)<-[:IN]-(hg:Grid)<-[:IN]-(hb:Building)<-[home:LIVES_IN]-(h:Person)
        WHERE any(s IN coalesce(h.skills, []) WHERE s IN wanted) AND size(coalesce(h.needs, [])) = 0
          AND {current("home")}
        WITH h, hb, hg, COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {CUR} }} AS load
        WHERE load < $policy.load_limit
        OPTIONAL MATCH (hb)-[:PART_OF]->(hk:Compound)
        RETURN collect({{helper: h, spare: $policy.load_limit - load,
                         home: {_HOME.format(b="hb", g="hg", k="hk", c="c")}}}) AS helpers
    }}
    RETURN {{community: c.id, residents: residents, helpers: helpers}} AS group
    ORDER BY group.community
    """,
)

# Committing a plan: lock both ends of every pair (in id order, so two commits cannot deadlock) before
# reading them, so that a concurrent commit waits and then sees this one's pairs.
LOCK_PEOPLE = Statement(
    "lock_people",
    """
    UNWIND $ids AS id
    MATCH (n:Person {id: id})
    SET n._planLock = true
    REMOVE n._planLock
    """,
)

# Each pair as it stands now: both people, the resident's helpers and the helper's load, their homes,
# and whether the resident lives inside the scope.
PLAN_PAIRS_NOW = Statement(
    "plan_pairs_now",
    f"""
    UNWIND $pairs AS pair
    OPTIONAL MATCH (h:Person {{id: pair.helper}})
    OPTIONAL MATCH (p:Person {{id: pair.resident}})
    CALL (h) {{
        OPTIONAL MATCH (h)-[r:LIVES_IN]->(b:Building) WHERE {CUR}
        OPTIONAL MATCH (b)-[:IN]->(g:Grid)-[:IN]->(c:Community)
        OPTIONAL MATCH (b)-[:PART_OF]->(k:Compound)
        RETURN {_HOME.format(b="b", g="g", k="k", c="c")} AS helperHome LIMIT 1
    }}
    CALL (p) {{
        OPTIONAL MATCH (p)-[r:LIVES_IN]->(b:Building) WHERE {CUR}
        OPTIONAL MATCH (b)-[:IN]->(g:Grid)-[:IN]->(c:Community)
        OPTIONAL MATCH (b)-[:PART_OF]->(k:Compound)
        RETURN {_HOME.format(b="b", g="g", k="k", c="c")} AS residentHome,
               CASE WHEN b IS NULL THEN [] ELSE [b.id] + {_UP.format(n="b")} END AS areas LIMIT 1
    }}
    RETURN {{helper: h, resident: p, helperHome: helperHome, residentHome: residentHome,
             inScope: p.id = $scope OR $scope IN areas,
             helped: COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {CUR} }},
             load: COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {CUR} }}}} AS now
    """,
)

WRITE_HELPS = Statement(
    "write_helps",
    """
    UNWIND $pairs AS pair
    MATCH (h:Person {id: pair.helper})
    MATCH (p:Person {id: pair.resident})
    CREATE (h)-[:HELPS {since: $today}]->(p)
    """,
)

# --- Who could close a community's gap ----------------------------------------------------------

# The people a unit could send: current members with the skill the gap needs (when it needs one) and
# room to take the role: not already holding it anywhere, or (HELPER) not in need and under the load
# limit. $skills is null when any member will do.
_SUITABLE_MEMBER = f"""
    {current("m")} AND ($skills IS NULL OR any(s IN coalesce(p.skills, []) WHERE s IN $skills))
    AND CASE $kind
      WHEN 'SECRETARY' THEN p.partyMember = true
                            AND NOT EXISTS {{ (p)-[r:SECRETARY_OF]->(:Community) WHERE {CUR} }}
      WHEN 'COMMISSIONER' THEN NOT EXISTS {{ (p)-[r:COMMISSIONER_OF]->(:Community) WHERE {CUR} }}
      WHEN 'ADVISER' THEN NOT EXISTS {{ (p)-[r:ADVISES]->(:Community) WHERE {CUR} }}
      WHEN 'HELPER' THEN size(coalesce(p.needs, [])) = 0
                         AND COUNT {{ (p)-[r:HELPS]->(:Person) WHERE {CUR} }} < $policy.load_limit
      ELSE true
    END
"""

# A unit's ties to the community, strongest first: currently paired with it; suitable people who live
# in it or reported to it; paired with another community of the same street; of the same district.
# And how many other communities it already carries (pairings), which counts against it.
_TIES = f"""
    EXISTS {{ (u)-[r:PAIRED_WITH]->(c) WHERE {CUR} }} AS paired,
    size([p IN people WHERE EXISTS {{ (p)-[r:LIVES_IN]->(:Building)-[:IN]->(:Grid)-[:IN]->(c) WHERE {CUR} }}
                          OR EXISTS {{ (p)-[r:REPORTED_TO]->(c) WHERE {CUR} }}]) AS local,
    EXISTS {{ (u)-[r:PAIRED_WITH]->(o:Community)-[:IN]->(street) WHERE {CUR} AND o <> c }} AS sameStreet,
    EXISTS {{ (u)-[r:PAIRED_WITH]->(o:Community)-[:IN]->(os:Street)-[:IN]->(district)
             WHERE {CUR} AND os <> street }} AS sameDistrict,
    COUNT {{ (u)-[r:PAIRED_WITH]->(o:Community) WHERE {CUR} AND o <> c }} AS carried
"""

_TIE_REASONS = """
    CASE WHEN paired THEN 'currently paired with this community' END,
    CASE WHEN local > 0 THEN toString(local) + ' of them live in or reported to this community' END,
    CASE WHEN sameStreet THEN 'paired with another community of the same street' END,
    CASE WHEN sameDistrict AND NOT sameStreet THEN 'paired with a community of the same district' END,
    CASE WHEN carried = 1 THEN 'already carries 1 other community' END,
    CASE WHEN carried > 1 THEN 'already carries ' + toString(carried) + ' other communities' END
"""
_TIE_SCORE = """
    4.0 * toInteger(paired) + 2.0 * toInteger(local > 0) + 1.0 * toInteger(sameStreet)
    + 0.5 * toInteger(sameDistrict AND NOT sameStreet) - 0.25 * carried
"""

# Units with people who could close a community's gap of kind $kind (field $field), best first.
COVER_CANDIDATES = Statement(
    "cover_candidates",
    f"""
    MATCH (c:Community {{id: $community}})
    OPTIONAL MATCH (c)-[:IN]->(street:Street)
    OPTIONAL MATCH (street)-[:IN]->(district:District)
    CALL (c) {{
        MATCH (u:Unit)<-[m:MEMBER_OF]-(p:Person)
        WHERE {_SUITABLE_MEMBER}
        WITH u, p ORDER BY p.id
        RETURN u, collect(p) AS people
    }}
    WITH c, street, district, u, people, {_TIES}
    WITH u, people, paired, local, sameStreet, sameDistrict, carried,
         {_TIE_SCORE} + 0.5 * CASE WHEN size(people) > 4 THEN 4 ELSE size(people) END AS score,
         [reason IN [
           toString(size(people)) + CASE WHEN size(people) = 1 THEN ' person' ELSE ' people' END
             + CASE WHEN $skills IS NULL THEN ' free to serve' ELSE ' with ' + $skillNames END,
           {_TIE_REASONS}
         ] WHERE reason IS NOT NULL] AS reasons
    RETURN {{unit: u, score: score, reasons: reasons, people: people}} AS candidate
    ORDER BY candidate.score DESC, u.id
    LIMIT $limit
    """,
)

# Units that gave FUNDS before, to any community in any year: the likeliest to give again.
FUNDS_CANDIDATES = Statement(
    "funds_candidates",
    f"""
    MATCH (c:Community {{id: $community}})
    OPTIONAL MATCH (c)-[:IN]->(street:Street)
    OPTIONAL MATCH (street)-[:IN]->(district:District)
    CALL (c) {{
        MATCH (u:Unit)-[:PROVIDES]->(res:Resource {{kind: 'FUNDS'}})-[:FOR]->(to:Community)
        WITH u, res, to ORDER BY res.year DESC, res.id
        RETURN u, sum(coalesce(res.amount, 0)) AS given,
               collect(toString(toInteger(coalesce(res.amount, 0))) + ' yuan to ' + to.name
                       + ' in ' + toString(res.year)) AS gifts
    }}
    WITH c, street, district, u, given, gifts, [] AS people
    WITH c, street, district, u, given, gifts, people, {_TIES}
    RETURN {{unit: u, score: {_TIE_SCORE} + given / 100000.0,
             reasons: [gift IN gifts | 'gave ' + gift]
                      + [reason IN [{_TIE_REASONS}] WHERE reason IS NOT NULL],
             people: people}} AS candidate
    ORDER BY candidate.score DESC, u.id
    LIMIT $limit
    """,
)

# --- For analysts: how things are connected -----------------------------------------------------

_NODE_MAP = (
    "{{id: {n}.id, label: [l IN labels({n}) WHERE l <> 'Entity'][0], "
    "name: coalesce({n}.name, {n}.title, {n}.id)}}"
)
_EDGE_MAP = (
    "{{type: type({r}), source: startNode({r}).id, target: endNode({r}).id, "
    "since: {r}.since, until: {r}.until, field: {r}.field}}"
)
_FOLLOW = f"type(r) IN $types AND ($includeEnded OR {CUR})"
MAX_HOPS = 6
MAX_DEPTH = 3


def _connections(hops: int) -> Statement:
    return Statement(
        "connections",
        f"""
        MATCH (a:Entity {{id: $from}})
        MATCH (b:Entity {{id: $to}})
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
        MATCH (start:Entity {{id: $id}})
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
