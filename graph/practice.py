"""Reads of the practice's pieces: the party chain above buildings, community workers, training.

Each function takes a batch of ids and sends one statement, so a DataLoader answers every parent of
one GraphQL nesting level with one round trip.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from graph.driver import Graph
from graph.reads import Neighbour, Node, native, native_props, to_node
from graph.statements.practice import (
    PARTY_CHAIN_BY_BUILDING,
    PRACTICE_LINKS,
    TRAINING_BY_PERSON,
    TRAINING_TOTALS,
    WORKERS_BY_COMMUNITY,
    PracticeLink,
)


class PartyLevel(StrEnum):
    """The five levels of the party organisation above a building, highest first."""

    STREET = "STREET"  # 街道党工委
    COMMUNITY = "COMMUNITY"  # 社区党组织
    GRID = "GRID"  # 网格党支部
    BUILDING = "BUILDING"  # 楼栋党小组
    HOUSEHOLD = "HOUSEHOLD"  # 党员中心户


@dataclass(frozen=True)
class PartyPost:
    """A person at one level, in one post (SECRETARY, LEADER, MEMBER, CENTRAL_HOUSEHOLD ...)."""

    person: Node
    roles: tuple[str, ...]


@dataclass
class PartyRung:
    """One level of the chain: the area it sits on, its party organisations and the people at it."""

    level: PartyLevel
    via: str | None
    organisations: list[Node] = field(default_factory=list)
    posts: list[PartyPost] = field(default_factory=list)


async def party_chain(
    graph: Graph, building_ids: Sequence[str], *, today: date
) -> dict[str, list[PartyRung]]:
    """For each building, its five levels in order; a level with nobody has empty lists."""
    records = await graph.fetch(PARTY_CHAIN_BY_BUILDING, ids=list(building_ids), today=today)
    return {r["building"]: _chain(r["areas"], r["rows"]) for r in records}


def _chain(areas: Sequence[str | None], rows: Sequence[Mapping[str, Any]]) -> list[PartyRung]:
    street, community, grid, building = areas
    via = {
        PartyLevel.STREET: street,
        PartyLevel.COMMUNITY: community,
        PartyLevel.GRID: grid,
        PartyLevel.BUILDING: building,
        PartyLevel.HOUSEHOLD: building,
    }
    rungs = {level: PartyRung(level, via[level]) for level in PartyLevel}
    roles: dict[tuple[PartyLevel, str], list[str]] = {}
    people: dict[tuple[PartyLevel, str], Node] = {}
    for row in rows:
        if row["level"] is None:
            continue
        rung = rungs[PartyLevel(row["level"])]
        if row["org"] is not None and all(o.id != row["org"]["id"] for o in rung.organisations):
            rung.organisations.append(to_node(row["org"]))
        if row["who"] is not None:
            person = to_node(row["who"])
            key = (rung.level, person.id)
            people[key] = person
            held = roles.setdefault(key, [])
            role = row["role"] or "MEMBER"
            if role not in held:
                held.append(role)
    for (level, _), person in sorted(people.items(), key=lambda item: (item[1].get("name", ""), item[1].id)):
        rungs[level].posts.append(PartyPost(person, tuple(sorted(roles[level, person.id]))))
    for rung in rungs.values():
        rung.organisations.sort(key=lambda o: (o.get("name", ""), o.id))
    return list(rungs.values())


class WorkerKind(StrEnum):
    FULL_TIME = "FULL_TIME"  # 社区专职工作者 (WORKS_IN)
    SENT_DOWN = "SENT_DOWN"  # 下沉干部 (SENT_TO)


@dataclass(frozen=True)
class Worker:
    kind: WorkerKind
    person: Node
    since: date | None
    until: date | None
    post: str | None
    unit: Node | None


async def community_workers(
    graph: Graph, community_ids: Sequence[str], *, today: date, include_ended: bool
) -> dict[str, list[Worker]]:
    records = await graph.fetch(
        WORKERS_BY_COMMUNITY, ids=list(community_ids), today=today, includeEnded=include_ended
    )
    return {r["community"]: [_worker(found) for found in r["found"]] for r in records}


def _worker(found: Mapping[str, Any]) -> Worker:
    link = native_props(found["link"])
    kind = WorkerKind.FULL_TIME if found["kind"] == "WORKS_IN" else WorkerKind.SENT_DOWN
    unit = to_node(found["unit"]) if found["unit"] is not None else None
    return Worker(kind, to_node(found["who"]), link.get("since"), link.get("until"), link.get("post"), unit)


@dataclass(frozen=True)
class Attendance:
    """One training session a person attended (培训档案的一行)."""

    session: Node
    score: float | None
    course: Node | None
    community: Node | None


async def training_records(graph: Graph, person_ids: Sequence[str]) -> dict[str, list[Attendance]]:
    records = await graph.fetch(TRAINING_BY_PERSON, ids=list(person_ids))
    return {r["person"]: [_attendance(found) for found in r["found"]] for r in records}


def _attendance(found: Mapping[str, Any]) -> Attendance:
    course = to_node(found["course"]) if found["course"] is not None else None
    community = to_node(found["community"]) if found["community"] is not None else None
    return Attendance(to_node(found["session"]), native(found["score"]), course, community)


@dataclass(frozen=True)
class TrainingTotals:
    sessions: int
    attendances: int
    people: int
    person_hours: float
    mean_score: float | None


async def training_totals(
    graph: Graph, scope: str, *, today: date, from_date: date | None, to_date: date | None
) -> TrainingTotals:
    """Training ordered by the communities at or below `scope` (any area above a community)."""
    r = (await graph.fetch(TRAINING_TOTALS, scope=scope, today=today, fromDate=from_date, toDate=to_date))[0]
    mean = r["meanScore"]
    return TrainingTotals(
        r["sessions"], r["attendances"], r["people"], float(r["personHours"]), None if mean is None else mean
    )


async def practice_neighbours(
    graph: Graph, link: PracticeLink, ids: Sequence[str], *, today: date
) -> dict[str, list[Neighbour]]:
    records = await graph.fetch(PRACTICE_LINKS[link], ids=list(ids), today=today)
    return {
        r["parent"]: [Neighbour(to_node(n["node"]), native_props(n["link"])) for n in r["found"]]
        for r in records
    }
