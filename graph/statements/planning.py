"""Planners' statements: gaps against the standards and coverage, both folds of one body, `CHECKS`.

Everything is computed inside Neo4j. Inputs travel as parameters only: `$scope` (an area or person id),
`$today` (the city's date, for current relationships), `$year` (the service-funds year), `$policy`
(the standards, `graph.policy.Policy.cypher_params`) and `$hiddenRuns` (the import runs whose writes
stay out of every read, `graph.statements.HIDDEN_RUN_IDS`). Rows are maps keyed by the GraphQL field
names. The helper plan, cover candidates and the analysts' paths have modules of their own beside
this one; they share its building blocks (`LIVE`, `RUNS`, `BUILDINGS_IN_SCOPE`, `areas_above`) and
hold every link they follow to `graph.statements.live`.

`CHECKS` is a self-contained `CALL (scope) { ... }` body: one row per subject and requirement
(kind, subjectId, required, actual, field, met, areas, community), where `areas` are the ids of the
areas containing the subject (itself first) and `community` its community. Gaps and coverage are both
folds of it, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.driver import Statement
from graph.statements import in_need, label_of, live, shown

# The planners' statements take the hidden runs as the parameter `$hiddenRuns`.
RUNS = "$hiddenRuns"
LIVE = live("r", RUNS)

# --- What lies in a scope -----------------------------------------------------------------------


def _down(top: str, hops: Sequence[tuple[str, str]], found: str) -> str:
    """From a scope labelled `top` down a chain of live (relationship type, label) hops to `found`."""
    pattern = f"(scope:{top})"
    for i, (rel, label) in enumerate(hops, 1):
        pattern += f"<-[r{i}:{rel}]-({found if i == len(hops) else ''}:{label})"
    where = " AND ".join(live(f"r{i}", RUNS) for i in range(1, len(hops) + 1))
    return f"MATCH {pattern} WHERE {where} RETURN {found}"


def _in_scope(found: str, label: str, chains: dict[str, Sequence[tuple[str, str]]]) -> str:
    """A UNION body: the scope itself when it is a `label`, else what each chain reaches below it."""
    branches = [f"MATCH (scope:{label}) RETURN scope AS {found}"]
    branches += [_down(top, hops, found) for top, hops in chains.items()]
    return "\n  UNION\n    ".join(branches)


_IN = "IN"
_COMMUNITIES_IN_SCOPE = _in_scope(
    "c",
    "Community",
    {"Street": [(_IN, "Community")], "District": [(_IN, "Street"), (_IN, "Community")]},
)
_COMPOUNDS_IN_SCOPE = _in_scope(
    "k",
    "Compound",
    {
        "Community": [(_IN, "Compound")],
        "Street": [(_IN, "Community"), (_IN, "Compound")],
        "District": [(_IN, "Street"), (_IN, "Community"), (_IN, "Compound")],
    },
)
BUILDINGS_IN_SCOPE = _in_scope(
    "b",
    "Building",
    {
        "Grid": [(_IN, "Building")],
        "Compound": [("PART_OF", "Building")],
        "Community": [(_IN, "Grid"), (_IN, "Building")],
        "Street": [(_IN, "Community"), (_IN, "Grid"), (_IN, "Building")],
        "District": [(_IN, "Street"), (_IN, "Community"), (_IN, "Grid"), (_IN, "Building")],
    },
)


def areas_above(node: str) -> str:
    """The ids of the areas above a node through live links (building -> grid and compound ->
    community -> street -> district), nearest first."""
    return (
        f"COLLECT {{ MATCH ({node})-[ups:IN|PART_OF*1..4]->(higher) "
        f"WHERE all(u IN ups WHERE {live('u', RUNS)}) "
        "RETURN DISTINCT higher.id }"
    )


def community_of(node: str) -> str:
    """The id of the community a node lies in through live links (itself, when it is one)."""
    return (
        f"COLLECT {{ MATCH ({node})-[ups:IN|PART_OF*0..2]->(cc:Community) "
        f"WHERE all(u IN ups WHERE {live('u', RUNS)}) RETURN cc.id }}[0]"
    )


# --- The requirements of each kind of subject ---------------------------------------------------

_COMMUNITY_CHECKS = f"""
    RETURN 'SECRETARY' AS kind, c.id AS subjectId, $policy.secretaries AS required,
           COUNT {{ (c)<-[r:SECRETARY_OF]-(:Person) WHERE {LIVE} }} AS actual, null AS field
  UNION ALL
    RETURN 'COMMISSIONER' AS kind, c.id AS subjectId, $policy.commissioners AS required,
           COUNT {{ (c)<-[r:COMMISSIONER_OF]-(p:Person)
                    WHERE {LIVE} AND EXISTS {{
                      (p)-[m:MEMBER_OF]->(:Unit)-[w:PAIRED_WITH]->(c)
                      WHERE {live("m", RUNS)} AND {live("w", RUNS)} }} }} AS actual, null AS field
  UNION ALL
    UNWIND $policy.adviser_fields AS f
    RETURN 'ADVISER' AS kind, c.id AS subjectId, $policy.advisers_per_field AS required,
           COUNT {{ (c)<-[r:ADVISES {{field: f}}]-(p:Person)
                    WHERE {LIVE} AND $policy.adviser_skills[f] IN coalesce(p.skills, []) }} AS actual,
           f AS field
  UNION ALL
    RETURN 'PAIRED_UNIT' AS kind, c.id AS subjectId, $policy.paired_units AS required,
           COUNT {{ (c)<-[r:PAIRED_WITH]-(:Unit) WHERE {LIVE} }} AS actual, null AS field
  UNION ALL
    RETURN 'SOCIAL_ORGANISATIONS' AS kind, c.id AS subjectId, $policy.social_organisations AS required,
           COUNT {{ (c)<-[r:ACTIVE_IN]-(:SocialOrganisation) WHERE {LIVE} }} AS actual, null AS field
  UNION ALL
    UNWIND $policy.team_kinds AS k
    RETURN 'VOLUNTEER_TEAM' AS kind, c.id AS subjectId, $policy.teams_per_kind AS required,
           COUNT {{ (c)<-[r:SERVES]-(t:VolunteerTeam) WHERE t.kind = k AND {LIVE} }} AS actual, k AS field
  UNION ALL
    RETURN 'VENUE' AS kind, c.id AS subjectId, $policy.venues AS required,
           COUNT {{ MATCH (c)<-[ins:IN*0..1]-(place)<-[r:LOCATED_IN]-(v:Venue)
                    WHERE (place = c OR place:Compound) AND {LIVE} AND all(i IN ins WHERE {live("i", RUNS)})
                    RETURN DISTINCT v }} AS actual,
           null AS field
  UNION ALL
    RETURN 'SERVICE_FUNDS' AS kind, c.id AS subjectId, toInteger($policy.service_funds) AS required,
           toInteger(reduce(total = 0, amount IN [
             (c)<-[r:FOR]-(res:Resource {{kind: 'FUNDS', year: $year}}) WHERE {LIVE}
             | coalesce(res.amount, 0)]
             | total + amount)) AS actual,
           null AS field
  UNION ALL
    RETURN 'ENVIRONMENT_COMMITTEE' AS kind, c.id AS subjectId,
           $policy.practice_environment_committees AS required,
           COUNT {{ (c)<-[r:OVERSEES]-(:EnvironmentCommittee) WHERE {LIVE} }} AS actual, null AS field
  UNION ALL
    RETURN 'COMMUNITY_WORKERS' AS kind, c.id AS subjectId, $policy.practice_community_workers AS required,
           COUNT {{ (c)<-[r:WORKS_IN]-(:Person) WHERE {LIVE} }} AS actual, null AS field
"""

# A compound is managed by a current property company, a self-managed owners' committee or a custodian.
_COMPOUND_CHECKS = f"""
    RETURN 'MANAGER' AS kind, k.id AS subjectId, $policy.compound_managers AS required,
           COUNT {{ (k)<-[r:MANAGES]-(:PropertyCompany) WHERE {LIVE} }}
         + COUNT {{ (k)<-[r:REPRESENTS]-(o:OwnersCommittee) WHERE o.selfManaged = true AND {LIVE} }}
         + COUNT {{ (k)<-[r:CUSTODIAN_OF]-(a) WHERE (a:Street OR a:Community) AND {LIVE} }} AS actual,
           null AS field
  UNION ALL
    RETURN 'OWNERS_COMMITTEE' AS kind, k.id AS subjectId, $policy.compound_owners_committees AS required,
           COUNT {{ (k)<-[r:REPRESENTS]-(:OwnersCommittee) WHERE {LIVE} }} AS actual, null AS field
  UNION ALL
    RETURN 'PARTY_BRANCH' AS kind, k.id AS subjectId, $policy.compound_party_branches AS required,
           COUNT {{ (k)<-[r:ORGANISES]-(:PartyBranch) WHERE {LIVE} }} AS actual, null AS field
"""

# A building's own links, from one pass over its relationships of these types (a building's
# relationships are read in one chain, whatever their types, so one pass beats one per type): the
# requirements' counts, its grid, the ids of its grid and compound, and its residents in need (known by
# their IN_NEED label, which is read from the node itself where `needs` would be searched for along
# every resident's properties; their residence's dates are then read for the few in need only).
_BUILDING_LINKS = f"""
    MATCH (b)-[r:IN|PART_OF|LEADS|VOLUNTEERS_FOR|PROPERTY_STAFF_FOR|LIVES_IN]-(x)
    WHERE CASE type(r) WHEN 'LIVES_IN' THEN {in_need("x")} AND {LIVE} ELSE {LIVE} END
    WITH type(r) AS link, x
    RETURN count(CASE link WHEN 'LEADS' THEN 1 END) AS leaders,
           count(CASE link WHEN 'VOLUNTEERS_FOR' THEN 1 END) AS volunteers,
           count(CASE link WHEN 'PROPERTY_STAFF_FOR' THEN 1 END) AS staff,
           collect(CASE WHEN link = 'IN' OR link = 'PART_OF' THEN x.id END) AS above,
           head(collect(CASE link WHEN 'IN' THEN x END)) AS grid,
           collect(CASE link WHEN 'LIVES_IN' THEN x END) AS inNeed
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
           COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {LIVE} }} AS actual, null AS field,
           home.areas AS areas, home.community AS community
  UNION ALL
    UNWIND homes AS home
    UNWIND home.inNeed AS p
    MATCH (p)<-[r:HELPS]-(h:Person) WHERE {LIVE}
    WITH h, collect(home) AS theirs
    WITH h, theirs[0].community AS community,
         reduce(seen = [], home IN theirs | seen + [a IN home.areas WHERE NOT a IN seen]) AS areas
    RETURN 'HELPER_LOAD' AS kind, h.id AS subjectId, $policy.load_limit AS required,
           COUNT {{ (h)-[r:HELPS]->(:Person) WHERE {LIVE} }} AS actual, null AS field, areas, community
"""

# One row per subject in the scope and requirement it is held to. Residents belong where they live,
# helpers where the residents they help live.
CHECKS = f"""
CALL (scope) {{
    CALL (scope) {{ {_COMMUNITIES_IN_SCOPE} }}
    WITH c, [c.id] + {areas_above("c")} AS areas
    CALL (c) {{ {_COMMUNITY_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, c.id AS community
  UNION ALL
    CALL (scope) {{ {_COMPOUNDS_IN_SCOPE} }}
    WITH k, [k.id] + {areas_above("k")} AS areas, {community_of("k")} AS community
    CALL (k) {{ {_COMPOUND_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, community
  UNION ALL
    CALL (scope) {{ {BUILDINGS_IN_SCOPE} }}
    CALL (b) {{ {_BUILDING_LINKS} }}
    // the community and the areas above it, once per grid rather than once per building
    WITH grid, collect({{b: b, above: above, inNeed: inNeed,
                         leaders: leaders, volunteers: volunteers, staff: staff}}) AS here
    OPTIONAL MATCH (grid)-[gi:IN]->(c:Community) WHERE {live("gi", RUNS)}
    WITH c, here, CASE WHEN c IS NULL THEN [] ELSE [c.id] + {areas_above("c")} END AS up
    UNWIND here AS h
    WITH collect({{b: h.b, areas: [h.b.id] + h.above + up, community: c.id, inNeed: h.inNeed,
                   leaders: h.leaders, volunteers: h.volunteers, staff: h.staff}}) AS homes
    CALL (homes) {{ {_HOME_CHECKS} }}
    RETURN kind, subjectId, required, actual, field, areas, community
  UNION ALL
    MATCH (scope:Person)
    OPTIONAL MATCH (scope)-[home:LIVES_IN]->(b:Building) WHERE {live("home", RUNS)}
    WITH scope AS p, CASE WHEN b IS NULL THEN [] ELSE [b.id] + {areas_above("b")} END AS areas,
         CASE WHEN b IS NULL THEN null ELSE {community_of("b")} END AS community
    CALL (p) {{
        WITH p WHERE {in_need("p")}
        RETURN 'HELPER' AS kind, $policy.helpers_per_resident AS required,
               COUNT {{ (p)<-[r:HELPS]-(:Person) WHERE {LIVE} }} AS actual
      UNION ALL
        MATCH (p)-[r:HELPS]->(:Person) WHERE {LIVE}
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
    f"""
    MATCH (scope:Entity {{id: $scope}}) WHERE {shown("scope", "$hiddenRuns")}
    RETURN {label_of("scope")} AS label
    """,
)

# Every unmet requirement inside the scope: one row per subject and requirement (docs/planning.md, `Gap`).
# Like COVERAGE, it answers in one record (a district's gaps are thousands of rows, and the async driver
# spends more on each record it receives than Neo4j on the row); the caller puts them in order.
COVERAGE_GAPS = Statement(
    "coverage_gaps",
    f"""
    MATCH (scope:Entity {{id: $scope}}) WHERE {shown("scope", "$hiddenRuns")}
    {CHECKS}
    WHERE NOT met
    RETURN collect({{kind: kind, subjectId: subjectId, required: required, actual: actual, field: field,
                     areas: areas, community: community}}) AS gaps
    """,
)

# For the scope and each area one level down, how many subjects meet each requirement out of how many.
# A community's children are its grids and its compounds (a building counts in both of its own).
COVERAGE = Statement(
    "coverage",
    f"""
    MATCH (scope:Entity {{id: $scope}}) WHERE {shown("scope", "$hiddenRuns")}
    WITH scope, COLLECT {{ MATCH (scope)<-[r:IN|PART_OF]-(child) WHERE NOT child:Person AND {LIVE}
                          RETURN child.id }}
         AS children
    CALL (scope) {{
        {CHECKS}
        RETURN kind, field, met, areas
    }}
    UNWIND [scope.id] + [child IN children WHERE child IN areas] AS areaId
    WITH areaId, kind, field, count(*) AS total, count(CASE WHEN met THEN 1 END) AS met
    RETURN collect({{areaId: areaId, kind: kind, field: field, met: met, total: total}}) AS standards
    """,
)
