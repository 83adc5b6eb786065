"""The helper plan's statements: who needs a helper and who could be one, and committing pairs.

Parameters as in `graph.statements.planning`: `$scope`, `$today`, `$policy`, `$hiddenRuns`.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import in_need, live, shown
from graph.statements.planning import BUILDINGS_IN_SCOPE, LIVE, RUNS, areas_above

_HOME = """{{building: {b}.id, grid: {g}.id, compound: {k}.id, community: {c}.id}}"""


def _home_of(person: str) -> str:
    """Where a person lives today: `home` (building, grid, compound and community ids, all null for
    someone without a home, and `areas`, the ids of the areas containing the home, building first)
    and `homeCommunity`, the community node."""
    return f"""
    OPTIONAL MATCH ({person})-[lives:LIVES_IN]->(b:Building) WHERE {live("lives", RUNS)}
    OPTIONAL MATCH (b)-[bi:IN]->(g:Grid)-[gi:IN]->(c:Community)
        WHERE {live("bi", RUNS)} AND {live("gi", RUNS)}
    OPTIONAL MATCH (b)-[bp:PART_OF]->(k:Compound) WHERE {live("bp", RUNS)}
    RETURN {_HOME.format(b="b", g="g", k="k", c="c")[:-1]},
            areas: CASE WHEN b IS NULL THEN [] ELSE [b.id] + {areas_above("b")} END}} AS home,
           c AS homeCommunity
    LIMIT 1
    """


# Residents in need inside the scope with fewer current helpers than the standard, grouped by their
# community, with the people of that community who could help them: not in need themselves, with a
# skill meeting one of the group's needs (policy) and room under the load limit.
HELPER_PLAN_INPUT = Statement(
    "helper_plan_input",
    f"""
    MATCH (scope:Entity {{id: $scope}}) WHERE {shown("scope", "$hiddenRuns")}
    CALL (scope) {{
        CALL (scope) {{ {BUILDINGS_IN_SCOPE} }}
        MATCH (b)<-[r:LIVES_IN]-(p:Person) WHERE {in_need("p")} AND {LIVE}
        RETURN p
      UNION
        MATCH (scope:Person) WHERE {in_need("scope")}
        RETURN scope AS p
    }}
    WITH p WHERE COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {LIVE} }} < $policy.helpers_per_resident
    CALL (p) {{ {_home_of("p")} }}
    WITH homeCommunity AS c, collect({{resident: p, home: home}}) AS residents
    CALL (c, residents) {{
        WITH reduce(wanted = [], row IN residents |
               wanted + reduce(skills = [], need IN row.resident.needs |
                 skills + coalesce($policy.skills_for_needs[need], []))) AS wanted
        MATCH (c)<-[gi:IN]-(hg:Grid)<-[bi:IN]-(hb:Building)<-[home:LIVES_IN]-(h:Person)
        WHERE any(s IN coalesce(h.skills, []) WHERE s IN wanted) AND NOT {in_need("h")}
          AND {live("home", RUNS)} AND {live("bi", RUNS)} AND {live("gi", RUNS)}
        WITH h, hb, hg, COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {LIVE} }} AS load
        WHERE load < $policy.load_limit
        OPTIONAL MATCH (hb)-[hp:PART_OF]->(hk:Compound) WHERE {live("hp", RUNS)}
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
    OPTIONAL MATCH (h:Person {{id: pair.helper}}) WHERE {shown("h", "$hiddenRuns")}
    OPTIONAL MATCH (p:Person {{id: pair.resident}}) WHERE {shown("p", "$hiddenRuns")}
    CALL (h) {{ {_home_of("h")} }}
    WITH h, p, home AS helperHome
    CALL (p) {{ {_home_of("p")} }}
    RETURN {{helper: h, resident: p, helperHome: helperHome, residentHome: home,
             inScope: p.id = $scope OR $scope IN home.areas,
             helped: COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {LIVE} }},
             load: COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {LIVE} }}}} AS now
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
