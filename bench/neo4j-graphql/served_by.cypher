// Who serves the building `this`, today, level by level: the rows of Building.servedBy, in the API's order
// (level, then role, then the holder's name and id). Shared by the hand-written floor and the
// @neo4j/graphql peer of `gridwork bench`; each appends its own RETURN of the response's shape.
// Only current relationships count, the ones walked to reach an area as well as the responsibility;
// `day` (not `today`) so that a statement around it may have a `today` of its own.
WITH this, date({timezone: '+08:00'}) AS day
CALL (this, day) {
    MATCH (this)<-[r:LEADS|VOLUNTEERS_FOR|PROPERTY_STAFF_FOR|CENTRAL_HOUSEHOLD_OF]-(who:Person)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)
    RETURN type(r) AS rel, 'BUILDING' AS level, this.id AS via, who, null AS field
  UNION
    MATCH (this)-[hop1:PART_OF]->(cp:Compound)<-[r:MANAGES|REPRESENTS|ORGANISES|CUSTODIAN_OF|LOCATED_IN]-(who)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)
      AND (hop1.since IS NULL OR hop1.since <= day) AND (hop1.until IS NULL OR hop1.until >= day)
    RETURN type(r) AS rel, 'COMPOUND' AS level, cp.id AS via, who, null AS field
  UNION
    MATCH (this)-[hop1:PART_OF]->(cp:Compound)<-[mgr:MANAGES]-(:PropertyCompany)<-[r:ORGANISES]-(who:PartyBranch)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)
      AND (mgr.since IS NULL OR mgr.since <= day) AND (mgr.until IS NULL OR mgr.until >= day)
      AND (hop1.since IS NULL OR hop1.since <= day) AND (hop1.until IS NULL OR hop1.until >= day)
    RETURN type(r) AS rel, 'COMPOUND' AS level, cp.id AS via, who, null AS field
  UNION
    MATCH (this)-[hop1:IN]->(gr:Grid)<-[r:LEADS|ORGANISES]-(who)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)
      AND (hop1.since IS NULL OR hop1.since <= day) AND (hop1.until IS NULL OR hop1.until >= day)
    RETURN type(r) AS rel, 'GRID' AS level, gr.id AS via, who, null AS field
  UNION
    MATCH (this)-[hop1:IN]->(:Grid)-[hop2:IN]->(cm:Community)
          <-[r:SECRETARY_OF|COMMISSIONER_OF|ADVISES|SERVES|ACTIVE_IN|LOCATED_IN|PAIRED_WITH]-(who)
    WHERE (r.since IS NULL OR r.since <= day) AND (r.until IS NULL OR r.until >= day)
      AND (hop1.since IS NULL OR hop1.since <= day) AND (hop1.until IS NULL OR hop1.until >= day)
      AND (hop2.since IS NULL OR hop2.since <= day) AND (hop2.until IS NULL OR hop2.until >= day)
    RETURN type(r) AS rel, 'COMMUNITY' AS level, cm.id AS via, who,
           CASE type(r) WHEN 'ADVISES' THEN r.field WHEN 'SERVES' THEN who.kind END AS field
}
WITH level, via, who, field,
     {BUILDING: {LEADS: 'BUILDING_LEADER', VOLUNTEERS_FOR: 'BUILDING_VOLUNTEER',
                 PROPERTY_STAFF_FOR: 'PROPERTY_STAFF', CENTRAL_HOUSEHOLD_OF: 'CENTRAL_HOUSEHOLD'},
      COMPOUND: {MANAGES: 'PROPERTY_COMPANY', REPRESENTS: 'OWNERS_COMMITTEE', ORGANISES: 'PARTY_BRANCH',
                 CUSTODIAN_OF: 'CUSTODIAN', LOCATED_IN: 'VENUE'},
      GRID: {LEADS: 'GRID_LEADER', ORGANISES: 'PARTY_BRANCH'},
      COMMUNITY: {SECRETARY_OF: 'COMMUNITY_SECRETARY', COMMISSIONER_OF: 'COMMISSIONER', ADVISES: 'ADVISER',
                  SERVES: 'VOLUNTEER_TEAM', ACTIVE_IN: 'SOCIAL_ORGANISATION', LOCATED_IN: 'VENUE',
                  PAIRED_WITH: 'PAIRED_UNIT'}}[level][rel] AS role,
     [l IN labels(who) WHERE l <> 'Entity'][0] AS label
ORDER BY {BUILDING: 0, COMPOUND: 1, GRID: 2, COMMUNITY: 3, STREET: 4}[level],
         {BUILDING_LEADER: 0, BUILDING_VOLUNTEER: 1, PROPERTY_STAFF: 2, GRID_LEADER: 3, PROPERTY_COMPANY: 4,
          OWNERS_COMMITTEE: 5, PARTY_BRANCH: 6, CUSTODIAN: 7, COMMUNITY_SECRETARY: 8, COMMISSIONER: 9,
          ADVISER: 10, VOLUNTEER_TEAM: 11, SOCIAL_ORGANISATION: 12, VENUE: 13, PAIRED_UNIT: 14,
          CENTRAL_HOUSEHOLD: 15}[role],
         who.name, who.id
