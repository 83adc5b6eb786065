"""Who could close a community's gap: units ranked by a score, each with reasons a planner reads.

Parameters as in `graph.statements.planning` (`$today`, `$policy`, `$hiddenRuns`), with `$community`,
`$kind`, `$skills` (the skills the gap needs, or null), `$skillNames` and `$limit`.
"""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import in_need, label_of, live, shown
from graph.statements.planning import LIVE, RUNS

# The community a gap is in, with its street and district through live links.
_THE_COMMUNITY = f"""
    MATCH (c:Community {{id: $community}}) WHERE {shown("c", "$hiddenRuns")}
    OPTIONAL MATCH (c)-[toStreet:IN]->(street:Street) WHERE {live("toStreet", RUNS)}
    OPTIONAL MATCH (street)-[toDistrict:IN]->(district:District) WHERE {live("toDistrict", RUNS)}
"""

# The people a unit could send: current members with the skill the gap needs (when it needs one) and
# room to take the role: not already holding it anywhere, or (HELPER) not in need and under the load
# limit. $skills is null when any member will do.
_SUITABLE_MEMBER = f"""
    {live("m", RUNS)} AND ($skills IS NULL OR any(s IN coalesce(p.skills, []) WHERE s IN $skills))
    AND CASE $kind
      WHEN 'SECRETARY' THEN p.partyMember = true
                            AND NOT EXISTS {{ (p)-[r:SECRETARY_OF]->(:Community) WHERE {LIVE} }}
      WHEN 'COMMISSIONER' THEN NOT EXISTS {{ (p)-[r:COMMISSIONER_OF]->(:Community) WHERE {LIVE} }}
      WHEN 'ADVISER' THEN NOT EXISTS {{ (p)-[r:ADVISES]->(:Community) WHERE {LIVE} }}
      WHEN 'HELPER' THEN NOT {in_need("p")}
                         AND COUNT {{ (p)-[r:HELPS]->(:Person) WHERE {LIVE} }} < $policy.load_limit
      ELSE true
    END
"""

# A unit's ties to the community, strongest first: currently paired with it; suitable people who live
# in it or reported to it; paired with another community of the same street; of the same district.
# And how many other communities it already carries (pairings), which counts against it.
_TIES = f"""
    EXISTS {{ (u)-[r:PAIRED_WITH]->(c) WHERE {LIVE} }} AS paired,
    size([p IN people WHERE EXISTS {{ (p)-[r:LIVES_IN]->(:Building)-[bi:IN]->(:Grid)-[gi:IN]->(c)
                                      WHERE {LIVE} AND {live("bi", RUNS)} AND {live("gi", RUNS)} }}
                          OR EXISTS {{ (p)-[r:REPORTED_TO]->(c) WHERE {LIVE} }}]) AS local,
    EXISTS {{ (u)-[r:PAIRED_WITH]->(o:Community)-[oi:IN]->(street)
             WHERE {LIVE} AND {live("oi", RUNS)} AND o <> c }} AS sameStreet,
    EXISTS {{ (u)-[r:PAIRED_WITH]->(o:Community)-[oi:IN]->(os:Street)-[si:IN]->(district)
             WHERE {LIVE} AND {live("oi", RUNS)} AND {live("si", RUNS)} AND os <> street }} AS sameDistrict,
    COUNT {{ (u)-[r:PAIRED_WITH]->(o:Community) WHERE {LIVE} AND o <> c }} AS carried
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
    {_THE_COMMUNITY}
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
    RETURN {{unit: u, label: 'Unit', score: score, reasons: reasons, people: people}} AS candidate
    ORDER BY candidate.score DESC, u.id
    LIMIT $limit
    """,
)

# Units, social organisations and property companies that gave FUNDS before, to any community in any
# year: the likeliest to give again, with what they gave.
FUNDS_CANDIDATES = Statement(
    "funds_candidates",
    f"""
    {_THE_COMMUNITY}
    CALL (c) {{
        MATCH (u)-[gave:PROVIDES]->(res:Resource {{kind: 'FUNDS'}})-[r:FOR]->(to:Community)
        WHERE {LIVE} AND {live("gave", RUNS)}
        WITH u, res, to ORDER BY res.year DESC, res.id
        RETURN u, sum(coalesce(res.amount, 0)) AS given,
               collect(toString(toInteger(coalesce(res.amount, 0))) + ' yuan to ' + to.name
                       + ' in ' + toString(res.year)) AS gifts
    }}
    WITH c, street, district, u, given, gifts, [] AS people
    WITH c, street, district, u, given, gifts, people, {_TIES},
         EXISTS {{ (u)-[r:ACTIVE_IN]->(c) WHERE {LIVE} }} AS activeHere
    RETURN {{unit: u, label: {label_of("u")},
             score: {_TIE_SCORE} + 2.0 * toInteger(activeHere) + given / 100000.0,
             reasons: [gift IN gifts | 'gave ' + gift]
                      + CASE WHEN activeHere THEN ['active in this community'] ELSE [] END
                      + [reason IN [{_TIE_REASONS}] WHERE reason IS NOT NULL],
             people: people}} AS candidate
    ORDER BY candidate.score DESC, u.id
    LIMIT $limit
    """,
)
