"""Supervision's Cypher (督导): findings and weekly task items, their moves, tallies and reports."""

from __future__ import annotations

from graph.driver import Statement
from graph.model import ENTITY, Label
from graph.statements import shown
from graph.statements.service.fragments import (
    IS_AREA,
    SCOPE_AND_CHILDREN,
    areas_above,
    areas_under,
    conditional_move,
    node,
)

REPLY_FINDING = conditional_move("service_reply_finding", Label.FINDING, "true", "SET n.reply = $note")
FIX_FINDING = conditional_move("service_fix_finding", Label.FINDING, "true", "SET n.result = $note")
COMPLETE_TASK = conditional_move("service_complete_task", Label.TASK_ITEM, "true", "")

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


def _work_by_area(name: str, work: str) -> Statement:
    """Tracked work `w` that `work` matches in each area `a` at or below each target, tallied: done on
    time, done late, open past its deadline at $asOf, open and not yet due; the scope first."""
    return Statement(
        name,
        f"""
        {SCOPE_AND_CHILDREN}
        CALL (target) {{
            {areas_under("target", "a")}
            {work}
            {_WORK_TALLY}
        }}
        RETURN position, {node("target")} AS area, total, doneOnTime, doneLate, overdue, pending
        ORDER BY position
        """,
    )


# Every read of tracked work keeps out what an import run not yet published wrote (`$hiddenRuns`).
_SHOWN = shown("w", "$hiddenRuns")

# The findings a report counts: those made in [$from, $to) (foundAt) in an area `a`, the same for the
# tallies by area and by responsible.
_FOUND_IN_PERIOD = (
    f"MATCH (a)<-[:FOUND_IN]-(w:Finding) WHERE w.foundAt >= $from AND w.foundAt < $to AND {_SHOWN}"
)

# A finding imported FIXED without a timeline counts as fixed on time.
FINDINGS_BY_AREA = _work_by_area("service_findings_by_area", _FOUND_IN_PERIOD)
# Weekly task items due in [$from, $to).
TASKS_BY_AREA = _work_by_area(
    "service_tasks_by_area",
    f"MATCH (a)<-[:ASSIGNED_TO]-(w:TaskItem) WHERE w.dueAt >= $from AND w.dueAt < $to AND {_SHOWN}",
)

FINDINGS_BY_RESPONSIBLE = Statement(
    "service_findings_by_responsible",
    f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    CALL (scope) {{
        {areas_under("scope", "a")}
        {_FOUND_IN_PERIOD}
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
    RETURN {node("who")} AS responsible, total, doneOnTime, doneLate, overdue, pending
    """,
)

# The findings at or below the scope still open past their deadline at $asOf, oldest deadline first.
OVERDUE_FINDINGS = Statement(
    "service_overdue_findings",
    f"""
    MATCH (scope:{ENTITY} {{id: $scope}})
    CALL (scope) {{
        {areas_under("scope", "a")}
        MATCH (a)<-[:FOUND_IN]-(w:Finding)
        WHERE w.status <> 'FIXED' AND w.dueAt < $asOf AND {_SHOWN}
        RETURN w, a
    }}
    WITH w, a ORDER BY w.dueAt, w.id
    RETURN {node("w")} AS finding, {node("a")} AS area,
           COLLECT {{ MATCH (w)-[:ASSIGNED_TO]->(who) RETURN {node("who")} ORDER BY who.id }} AS responsible,
           COLLECT {{ MATCH (g:SupervisionGroup)-[:FOUND]->(w) RETURN {node("g")} }}[0] AS group
    """,
)

# A finding or task item with the areas that contain where it is, for permission checks and answers.
TRACKED_WORK_BY_ID = Statement(
    "service_tracked_work_by_id",
    f"""
    MATCH (w:{ENTITY} {{id: $id}})
    WHERE (w:Finding OR w:TaskItem) AND {_SHOWN}
    OPTIONAL MATCH (w)-[:FOUND_IN|ASSIGNED_TO]->(area)
    WHERE {IS_AREA.format(x="area")}
    RETURN {node("w")} AS work, {node("area")} AS area,
           {areas_above("area")} AS areas,
           COLLECT {{ MATCH (w)-[:ASSIGNED_TO]->(who) WHERE who:Person OR who:Unit
                      RETURN {node("who")} ORDER BY who.id }} AS responsible,
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
