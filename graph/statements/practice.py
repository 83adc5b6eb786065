"""The statements of the practice's pieces: the party chain above a building, community workers,
environment committees, posts in organisations, training records and totals, and training links."""

from __future__ import annotations

from enum import Enum

from graph.driver import Statement
from graph.model import ENTITY, Label, Rel
from graph.statements import HIDDEN_RUNS, current, live, node_map, shown

LIVE = live("r")


_PARTY = "(org:PartyCommittee OR org:PartyBranch OR org:PartyGroup)"

# The five levels of the party organisation above each building (街道党工委 - 社区党组织 - 网格党支部 -
# 楼栋党小组 - 党员中心户), each row one person at one level: through an organisation organising that
# level's area (with their post in it), or holding the area's own post (secretary, grid or building
# leader, central household). An organisation without members still gives one row, with no person.
PARTY_CHAIN_BY_BUILDING = Statement(
    "party_chain_by_building",
    f"""
    {HIDDEN_RUNS}
    UNWIND $ids AS buildingId
    MATCH (b:Building {{id: buildingId}}) WHERE {shown("b")}
    OPTIONAL MATCH (b)-[r1:IN]->(g:Grid) WHERE {live("r1")}
    OPTIONAL MATCH (g)-[r2:IN]->(c:Community) WHERE {live("r2")}
    OPTIONAL MATCH (c)-[r3:IN]->(s:Street) WHERE {live("r3")}
    OPTIONAL CALL (b, g, c, s, hiddenRuns) {{
        UNWIND [['STREET', s], ['COMMUNITY', c], ['GRID', g], ['BUILDING', b]] AS pair
        WITH pair[0] AS level, pair[1] AS area
        MATCH (area)<-[r:ORGANISES]-(org) WHERE {_PARTY} AND {LIVE}
        OPTIONAL MATCH (org)<-[m:MEMBER_OF]-(who:Person) WHERE {live("m")}
        RETURN level, area.id AS via, org, who, m.role AS role
      UNION
        MATCH (c)<-[r:SECRETARY_OF]-(who:Person) WHERE {LIVE}
        RETURN 'COMMUNITY' AS level, c.id AS via, null AS org, who, 'SECRETARY' AS role
      UNION
        MATCH (g)<-[r:LEADS]-(who:Person) WHERE {LIVE}
        RETURN 'GRID' AS level, g.id AS via, null AS org, who, 'LEADER' AS role
      UNION
        MATCH (b)<-[r:LEADS]-(who:Person) WHERE {LIVE}
        RETURN 'BUILDING' AS level, b.id AS via, null AS org, who, 'LEADER' AS role
      UNION
        MATCH (b)<-[r:CENTRAL_HOUSEHOLD_OF]-(who:Person) WHERE {LIVE}
        RETURN 'HOUSEHOLD' AS level, b.id AS via, null AS org, who, 'CENTRAL_HOUSEHOLD' AS role
    }}
    RETURN buildingId AS building,
           [s.id, c.id, g.id, b.id] AS areas,
           collect({{level: level, via: via, role: role,
                     org: CASE WHEN org IS NULL THEN null ELSE {node_map("org")} END,
                     who: CASE WHEN who IS NULL THEN null ELSE {node_map("who")} END}}) AS rows
    """,
)

# Full-time community workers (WORKS_IN) and cadres sent down (SENT_TO) of each community, with the
# unit a cadre comes from; ended ones only when $includeEnded.
WORKERS_BY_COMMUNITY = Statement(
    "workers_by_community",
    f"""
    {HIDDEN_RUNS}
    UNWIND $ids AS communityId
    MATCH (c:Community {{id: communityId}})<-[r:WORKS_IN|SENT_TO]-(who:Person)
    WHERE ($includeEnded OR {current("r")}) AND {shown("r")}
    OPTIONAL MATCH (who)-[m:MEMBER_OF]->(u:Unit) WHERE type(r) = 'SENT_TO' AND {live("m")}
    WITH communityId, r, who, collect(u)[0] AS unit
    ORDER BY type(r) DESC, who.name, who.id
    RETURN communityId AS community,
           collect({{kind: type(r), link: properties(r), who: {node_map("who")},
                     unit: CASE WHEN unit IS NULL THEN null ELSE {node_map("unit")} END}}) AS found
    """,
)

# Each person's training sessions (培训档案), earliest first, with the score, course and community.
TRAINING_BY_PERSON = Statement(
    "training_by_person",
    f"""
    {HIDDEN_RUNS}
    UNWIND $ids AS personId
    MATCH (p:Person {{id: personId}})-[a:ATTENDED]->(s:TrainingSession) WHERE {shown("a")}
    OPTIONAL MATCH (s)-[of:OF_COURSE]->(course:Course) WHERE {shown("of")}
    OPTIONAL MATCH (s)-[by:ORDERED_BY]->(c:Community) WHERE {shown("by")}
    WITH personId, a, s, course, c ORDER BY s.date, s.id
    RETURN personId AS person,
           collect({{score: a.score, session: {node_map("s")},
                     course: CASE WHEN course IS NULL THEN null ELSE {node_map("course")} END,
                     community: CASE WHEN c IS NULL THEN null ELSE {node_map("c")} END}}) AS found
    """,
)

# Training ordered by the communities at or below an area, between two optional dates.
TRAINING_TOTALS = Statement(
    "training_totals",
    f"""
    {HIDDEN_RUNS}
    MATCH (w:{ENTITY} {{id: $scope}})
    MATCH (w) (()<-[h:IN WHERE {live("h")}]-()){{0,3}} (c:Community)
    WITH DISTINCT c, hiddenRuns
    MATCH (s:TrainingSession)-[by:ORDERED_BY]->(c)
    WHERE ($fromDate IS NULL OR s.date >= $fromDate) AND ($toDate IS NULL OR s.date <= $toDate)
      AND {shown("by")}
    OPTIONAL MATCH (who:Person)-[a:ATTENDED]->(s) WHERE {shown("a")}
    RETURN count(DISTINCT s) AS sessions, count(a) AS attendances, count(DISTINCT who) AS people,
           sum(CASE WHEN a IS NULL THEN 0 ELSE coalesce(s.hours, 0) END) AS personHours,
           CASE count(a.score) WHEN 0 THEN null ELSE toFloat(sum(a.score)) / count(a.score) END AS meanScore
    """,
)


class PracticeLink(Enum):
    """A way from a node to its neighbours among the practice's pieces: (source, pattern, target).

    The pattern names the relationship `r`; only current relationships are followed.
    """

    POSTS_OF_ORGANISATION = (None, f"<-[r:{Rel.MEMBER_OF}]-", Label.PERSON)
    AREAS_ORGANISED = (None, f"-[r:{Rel.ORGANISES}]->", None)
    COMMUNITY_OVERSEEN = (Label.ENVIRONMENT_COMMITTEE, f"-[r:{Rel.OVERSEES}]->", Label.COMMUNITY)
    COMMITTEES_OF_COMMUNITY = (Label.COMMUNITY, f"<-[r:{Rel.OVERSEES}]-", Label.ENVIRONMENT_COMMITTEE)
    PARTY_COMMITTEES_OF_AREA = (None, f"<-[r:{Rel.ORGANISES}]-", Label.PARTY_COMMITTEE)
    PROVIDERS_OF_COURSE = (Label.COURSE, f"<-[r:{Rel.OFFERS}]-", None)
    COURSES_OFFERED = (None, f"-[r:{Rel.OFFERS}]->", Label.COURSE)
    TRAINERS_OF_COURSE = (Label.COURSE, f"<-[r:{Rel.TEACHES}]-", Label.PERSON)
    COURSES_TAUGHT = (Label.PERSON, f"-[r:{Rel.TEACHES}]->", Label.COURSE)
    SESSIONS_OF_COURSE = (Label.COURSE, f"<-[r:{Rel.OF_COURSE}]-", Label.TRAINING_SESSION)
    COURSE_OF_SESSION = (Label.TRAINING_SESSION, f"-[r:{Rel.OF_COURSE}]->", Label.COURSE)
    COMMUNITY_OF_SESSION = (Label.TRAINING_SESSION, f"-[r:{Rel.ORDERED_BY}]->", Label.COMMUNITY)
    SESSIONS_OF_COMMUNITY = (Label.COMMUNITY, f"<-[r:{Rel.ORDERED_BY}]-", Label.TRAINING_SESSION)
    TRAINERS_OF_SESSION = (Label.TRAINING_SESSION, f"-[r:{Rel.TAUGHT_BY}]->", Label.PERSON)
    ATTENDEES_OF_SESSION = (Label.TRAINING_SESSION, f"<-[r:{Rel.ATTENDED}]-", Label.PERSON)


def _link_statement(link: PracticeLink) -> Statement:
    source, pattern, target = link.value
    return Statement(
        link.name.lower(),
        f"""
        {HIDDEN_RUNS}
        UNWIND $ids AS id
        MATCH (a:`{source or ENTITY}` {{id: id}}){pattern}(b:`{target or ENTITY}`)
        WHERE {LIVE}
        WITH id, b, r ORDER BY b.name, b.id
        RETURN id AS parent, collect({{node: {node_map("b")}, link: properties(r)}}) AS found
        """,
    )


PRACTICE_LINKS: dict[PracticeLink, Statement] = {link: _link_statement(link) for link in PracticeLink}
