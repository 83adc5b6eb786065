"""Supervision (督导): findings and weekly task items as tracked work, their moves and the report.

A finding goes OPEN -> REPLIED -> FIXED and a task item OPEN -> DONE, each move one conditional write
audited like a request's; the report tallies what was done on time, late, or is still past due.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from neo4j import AsyncManagedTransaction, Record

from graph.driver import Graph, Statement, run
from graph.model import Label
from graph.reads import Node, fetch_shown, hidden_runs, to_node
from graph.service.moves import FINDING_MOVES, TASK_MOVES, Move, Transition
from graph.service.requests import Event, conditional_move, create_tracked, event_of, optional_node
from graph.statements.service import supervision as cypher


@dataclass(frozen=True)
class WorkTally:
    """Tracked work (findings, task items): done on time, done late, past due, not yet due."""

    total: int
    done_on_time: int
    done_late: int
    overdue: int
    pending: int


@dataclass(frozen=True)
class AreaTally:
    area: Node
    tally: WorkTally


@dataclass(frozen=True)
class ResponsibleTally:
    responsible: Node
    tally: WorkTally


@dataclass(frozen=True)
class OverdueFinding:
    finding: Node
    area: Node
    responsible: tuple[Node, ...]
    group: Node | None


@dataclass(frozen=True)
class SupervisionReport:
    findings_by_area: tuple[AreaTally, ...]  # the scope first, then each child area
    findings_by_responsible: tuple[ResponsibleTally, ...]
    overdue: tuple[OverdueFinding, ...]
    tasks_by_area: tuple[AreaTally, ...]


def _tally(r: Mapping[str, Any]) -> WorkTally:
    return WorkTally(r["total"], r["doneOnTime"], r["doneLate"], r["overdue"], r["pending"])


async def supervision_report(
    graph: Graph, scope: str, *, start: datetime, end: datetime, as_of: datetime, today: date
) -> SupervisionReport | None:
    """Findings and weekly task items at or below an area in a period; None when `scope` is no area.

    The tallies are taken at the period's end (or `as_of`, if earlier); the overdue list at `as_of`.
    """
    period = {"scope": scope, "from": start, "to": end, "asOf": min(as_of, end), "today": today}
    found = {"doneStatus": "FIXED", "doneMove": Move.FIX.value}
    tasked = {"doneStatus": "DONE", "doneMove": Move.COMPLETE.value}

    async def work(tx: AsyncManagedTransaction) -> tuple[list[Record], ...] | None:
        # One transaction: the four parts see the same data, and one lookup of the hidden runs.
        hidden = {"hiddenRuns": await hidden_runs(tx)}
        by_area = await run(tx, cypher.FINDINGS_BY_AREA, **period, **found, **hidden)
        if not by_area:
            return None
        return (
            by_area,
            await run(tx, cypher.FINDINGS_BY_RESPONSIBLE, **period, **found, **hidden),
            await run(tx, cypher.OVERDUE_FINDINGS, **{**period, "asOf": as_of}, **hidden),
            await run(tx, cypher.TASKS_BY_AREA, **period, **tasked, **hidden),
        )

    parts = await graph.read(work)
    if parts is None:
        return None
    by_area, by_responsible, overdue, tasks = parts
    return SupervisionReport(
        findings_by_area=tuple(AreaTally(to_node(r["area"]), _tally(r)) for r in by_area),
        findings_by_responsible=tuple(
            ResponsibleTally(to_node(r["responsible"]), _tally(r)) for r in by_responsible
        ),
        overdue=tuple(
            OverdueFinding(
                finding=to_node(r["finding"]),
                area=to_node(r["area"]),
                responsible=tuple(to_node(x) for x in r["responsible"]),
                group=optional_node(r["group"]),
            )
            for r in overdue
        ),
        tasks_by_area=tuple(AreaTally(to_node(r["area"]), _tally(r)) for r in tasks),
    )


@dataclass(frozen=True)
class TrackedWork:
    """A finding or a weekly task item, where it is, who answers for it, and its timeline."""

    node: Node
    area: Node | None
    areas: frozenset[str]
    responsible: tuple[Node, ...]
    events: tuple[Event, ...]


async def tracked_work(graph: Graph, work_id: str, *, today: date) -> TrackedWork | None:
    records = await fetch_shown(graph, cypher.TRACKED_WORK_BY_ID, id=work_id, today=today)
    if not records:
        return None
    r = records[0]
    return TrackedWork(
        node=to_node(r["work"]),
        area=optional_node(r["area"]),
        areas=frozenset(r["areas"]),
        responsible=tuple(to_node(x) for x in r["responsible"]),
        events=tuple(event_of(e) for e in r["events"]),
    )


# What each kind of tracked work is called in messages.
WORK_NOUN = {Label.FINDING: "finding", Label.TASK_ITEM: "task item"}

# Each move's statement, transition and audit action (the API's mutation of the same move).
_WORK_MOVES: dict[tuple[Label, Move], tuple[Statement, Transition, str]] = {
    (Label.FINDING, Move.REPLY): (cypher.REPLY_FINDING, FINDING_MOVES[Move.REPLY], "replyFinding"),
    (Label.FINDING, Move.FIX): (cypher.FIX_FINDING, FINDING_MOVES[Move.FIX], "fixFinding"),
    (Label.TASK_ITEM, Move.COMPLETE): (cypher.COMPLETE_TASK, TASK_MOVES[Move.COMPLETE], "completeTaskItem"),
}


async def move_work(
    graph: Graph, label: Label, move: Move, work_id: str, *, note: str | None, now: datetime, by: str | None
) -> None:
    """Reply to or fix a finding, or complete a task item: one conditional write, like a request's."""
    statement, transition, action = _WORK_MOVES[label, move]
    await conditional_move(
        graph,
        statement,
        transition,
        node_id=work_id,
        what=WORK_NOUN[label],
        move=move,
        action=action,
        now=now,
        by=by,
        note=note,
    )


async def record_finding(
    graph: Graph,
    *,
    group_id: str,
    title: str,
    area_id: str,
    responsible_id: str,
    due_at: datetime,
    now: datetime,
    by: str | None,
) -> str | None:
    """Write a new OPEN finding; None when the group, the area or the responsible is not found."""
    return await create_tracked(
        graph,
        cypher.RECORD_FINDING,
        prefix="F",
        action="recordFinding",
        names=[group_id, area_id, responsible_id],
        now=now,
        by=by,
        group=group_id,
        title=title,
        areaId=area_id,
        responsible=responsible_id,
        dueAt=due_at,
    )
