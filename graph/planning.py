"""Planners' answers as typed records: gaps against the standards, coverage, candidates, helper plans.

Each answer is computed inside Neo4j by one statement (`graph.statements.planning`, `.helper_plan`,
`.candidates`), following only current links and leaving out what an unpublished import wrote; this module
passes the scope, the day and the policy as parameters and turns the rows into records.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from neo4j import AsyncManagedTransaction

from graph.audit import UNATTRIBUTED, record_write
from graph.driver import Graph, run
from graph.helper_plan import Helper, Home, Resident, fit, solve
from graph.model import AREA_LABELS, Label
from graph.policy import Policy
from graph.reads import Node, fetch_shown, hidden_runs, native_props
from graph.statements.candidates import COVER_CANDIDATES, FUNDS_CANDIDATES
from graph.statements.helper_plan import HELPER_PLAN_INPUT, LOCK_PEOPLE, PLAN_PAIRS_NOW, WRITE_HELPS
from graph.statements.planning import COVERAGE, COVERAGE_GAPS, SCOPE_KIND

SCOPE_LABELS = AREA_LABELS | {Label.PERSON}


class ScopeNotFound(LookupError):
    """No node has this id."""


class NotAScope(ValueError):
    """The id names something that is neither an area nor a person."""


@dataclass(frozen=True)
class Gap:
    """One unmet requirement: `subject_id` falls short of `required` (HELPER_LOAD: goes over it)."""

    kind: str
    subject_id: str
    required: int
    actual: int
    field: str | None
    areas: tuple[str, ...]  # the areas containing the subject, itself first
    community: str | None  # the community the subject lies in


@dataclass(frozen=True)
class StandardCoverage:
    """How many subjects in an area meet one requirement, out of how many are held to it."""

    area_id: str
    kind: str
    field: str | None
    met: int
    total: int


def _params(scope: str, today: date, policy: Policy) -> dict[str, Any]:
    return {"scope": scope, "today": today, "year": today.year, "policy": policy.cypher_params()}


async def check_scope(graph: Graph, scope: str) -> Label:
    """The label of the scope, or ScopeNotFound / NotAScope."""
    records = await fetch_shown(graph, SCOPE_KIND, scope=scope)
    if not records:
        raise ScopeNotFound(f"no area or person has id {scope}")
    label = Label(records[0]["label"])
    if label not in SCOPE_LABELS:
        raise NotAScope(f"{scope} is a {label.value}: a scope is an area (district to building) or a person")
    return label


async def coverage_gaps(graph: Graph, *, scope: str, today: date, policy: Policy) -> list[Gap]:
    """Every unmet requirement inside the scope, ordered by kind, subject and field."""
    records = await fetch_shown(graph, COVERAGE_GAPS, **_params(scope, today, policy))
    gaps = [_gap(row) for row in records[0]["gaps"]] if records else []
    if not gaps:
        await check_scope(graph, scope)
    return sorted(gaps, key=lambda gap: (gap.kind, gap.subject_id, gap.field or ""))


def _gap(row: Mapping[str, Any]) -> Gap:
    return Gap(
        kind=row["kind"],
        subject_id=row["subjectId"],
        required=int(row["required"]),
        actual=int(row["actual"]),
        field=row["field"],
        areas=tuple(row["areas"]),
        community=row["community"],
    )


async def coverage(graph: Graph, *, scope: str, today: date, policy: Policy) -> list[StandardCoverage]:
    """For the scope and each area one level down: each requirement's met and total counts."""
    records = await fetch_shown(graph, COVERAGE, **_params(scope, today, policy))
    standards = [
        StandardCoverage(
            area_id=s["areaId"], kind=s["kind"], field=s["field"], met=s["met"], total=s["total"]
        )
        for s in (records[0]["standards"] if records else [])
    ]
    if not standards:
        await check_scope(graph, scope)
    return sorted(standards, key=lambda s: (s.area_id, s.kind, s.field or ""))


# --- The helper plan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedPair:
    helper: Node
    resident: Node
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class UnmatchedResident:
    resident: Node
    reason: str


@dataclass(frozen=True)
class HelperPlan:
    pairs: tuple[PlannedPair, ...]
    unmatched: tuple[UnmatchedResident, ...]


class PlanRefused(Exception):
    """A plan that cannot be committed; the message names the pair and why, never a need."""


class PlanConflict(PlanRefused):
    """A pair that stopped being valid since the plan was made (or never was)."""


class PlanBadInput(PlanRefused):
    """Pairs that cannot make a plan whatever the graph holds: twice the same resident, a self-pair."""


class PlanUnknownPerson(PlanRefused):
    """A pair naming an id that is no person."""


def person_node(found: Any) -> Node:
    """A Person node as a statement returned it."""
    return Node(id=found["id"], label=Label.PERSON, props=native_props(dict(found)))


def _home(row: Mapping[str, Any]) -> Home:
    return Home(row["building"], row["grid"], row["compound"], row["community"])


async def helper_plan(graph: Graph, *, scope: str, today: date, policy: Policy) -> HelperPlan:
    """The best pairing of the scope's residents in need without a helper with helpers who have room."""
    await check_scope(graph, scope)
    records = await fetch_shown(graph, HELPER_PLAN_INPUT, **_params(scope, today, policy))
    people: dict[str, Node] = {}
    residents: list[Resident] = []
    helpers: list[Helper] = []
    for group in (r["group"] for r in records):
        for row in group["residents"]:
            node = people.setdefault(row["resident"]["id"], person_node(row["resident"]))
            residents.append(Resident(node.id, tuple(node.get("needs") or ()), _home(row["home"])))
        for row in group["helpers"]:
            node = people.setdefault(row["helper"]["id"], person_node(row["helper"]))
            helpers.append(Helper(node.id, tuple(node.get("skills") or ()), row["spare"], _home(row["home"])))
    plan = solve(residents, helpers, policy.helpers.skills_for_needs)
    return HelperPlan(
        pairs=tuple(
            PlannedPair(people[p.helper], people[p.resident], p.fit.score, p.fit.reasons) for p in plan.pairs
        ),
        unmatched=tuple(UnmatchedResident(people[u.resident], u.reason) for u in plan.unmatched),
    )


async def commit_helper_plan(
    graph: Graph,
    *,
    scope: str,
    pairs: Sequence[tuple[str, str]],
    today: date,
    policy: Policy,
    who: str = UNATTRIBUTED,
) -> list[PlannedPair]:
    """Write HELPS (since today) for every (helper, resident) pair, all or none, in one transaction,
    with its audit entry (`who`, the pairs' ids) in that same transaction.

    Both ends of every pair are locked before they are read, so two commits racing for one helper's
    last place or one resident cannot both succeed: the second sees the first's pairs and is refused.
    """
    _check_pairs(pairs)
    await check_scope(graph, scope)
    rows = [{"helper": helper, "resident": resident} for helper, resident in pairs]

    async def work(tx: AsyncManagedTransaction) -> list[PlannedPair]:
        await run(tx, LOCK_PEOPLE, ids=sorted({id for pair in pairs for id in pair}))
        now = await run(
            tx, PLAN_PAIRS_NOW, pairs=rows, scope=scope, today=today, hiddenRuns=await hidden_runs(tx)
        )
        committed = _still_valid([r["now"] for r in now], policy)
        await run(tx, WRITE_HELPS, pairs=rows, today=today)
        await record_write(
            tx, who=who, action="commitHelperPlan", target_ids=[i for pair in pairs for i in pair]
        )
        return committed

    return await graph.write(work)


def _check_pairs(pairs: Sequence[tuple[str, str]]) -> None:
    if not pairs:
        raise PlanBadInput("a plan to commit needs at least one pair")
    seen: set[str] = set()
    for helper, resident in pairs:
        if helper == resident:
            raise PlanBadInput(f"pair {helper} -> {resident}: a person cannot help themselves")
        if resident in seen:
            raise PlanBadInput(f"pair {helper} -> {resident}: resident {resident} is in the plan twice")
        seen.add(resident)


def _still_valid(rows: Sequence[Mapping[str, Any]], policy: Policy) -> list[PlannedPair]:
    """The pairs as they would be committed, or PlanRefused naming the first pair that is not valid."""
    taken: dict[str, int] = {}
    committed = []
    for row in rows:
        helper, resident = row["helper"], row["resident"]
        if helper is None or resident is None:
            missing = "helper" if helper is None else "resident"
            raise PlanUnknownPerson(f"pair {_pair_name(row)}: no person has the {missing}'s id")
        pair = f"{helper['id']} -> {resident['id']}"
        taken[helper["id"]] = taken.get(helper["id"], 0) + 1
        if not row["inScope"]:
            raise PlanBadInput(f"pair {pair}: the resident lives outside the plan's scope")
        problem = _pair_problem(row, taken[helper["id"]], policy)
        if problem is not None:
            raise PlanConflict(f"pair {pair}: {problem}")
        suit = fit(
            Resident(resident["id"], tuple(resident.get("needs") or ()), _home(row["residentHome"])),
            Helper(helper["id"], tuple(helper.get("skills") or ()), 0, _home(row["helperHome"])),
            policy.helpers.skills_for_needs,
        )
        if suit is None:
            raise PlanConflict(
                f"pair {pair}: the helper has no skill meeting the resident's needs, or lives in another "
                "community"
            )
        committed.append(PlannedPair(person_node(helper), person_node(resident), suit.score, suit.reasons))
    return committed


def _pair_problem(row: Mapping[str, Any], taking: int, policy: Policy) -> str | None:
    """What stopped a pair being valid since the plan was made, if anything."""
    helper, resident = row["helper"], row["resident"]
    if not resident.get("needs"):
        return "the resident is not in need"
    if row["helped"] >= policy.helpers.per_resident:
        return "the resident already has a current helper"
    if helper.get("needs"):
        return "the helper is in need and cannot be a helper"
    if row["load"] + taking > policy.helpers.load_limit:
        return (
            f"the helper would take {row['load'] + taking} residents, over the limit of "
            f"{policy.helpers.load_limit}"
        )
    return None


def _pair_name(row: Mapping[str, Any]) -> str:
    helper, resident = row["helper"], row["resident"]
    return f"{helper['id'] if helper else '?'} -> {resident['id'] if resident else '?'}"


# --- Cover candidates ---------------------------------------------------------------------------

# The gaps of a community that a unit can close, by sending people or (SERVICE_FUNDS) by giving.
UNIT_CLOSES = ("SECRETARY", "COMMISSIONER", "ADVISER", "PAIRED_UNIT", "HELPER", "SERVICE_FUNDS")


@dataclass(frozen=True)
class Candidate:
    """Who could close a gap: a unit sending people, or (SERVICE_FUNDS) any organisation that gave."""

    organisation: Node
    score: float
    reasons: tuple[str, ...]
    people: tuple[Node, ...]


class CandidateQueryError(ValueError):
    """A kind or field that no unit can close; the message says which are possible."""


def candidate_skills(kind: str, field: str | None, policy: Policy) -> list[str] | None:
    """The skills a person must have to close the gap, or None when the gap needs no skill."""
    if kind not in UNIT_CLOSES:
        raise CandidateQueryError(
            f"units do not close {kind} gaps; coverCandidates answers for {', '.join(UNIT_CLOSES)}"
        )
    fields = policy.community.adviser_fields
    if kind == "ADVISER":
        if field not in fields:
            raise CandidateQueryError(f"an ADVISER gap needs field one of {', '.join(sorted(fields))}")
        return [fields[field]]
    needs = policy.helpers.skills_for_needs
    if kind == "HELPER":
        if field is not None and field not in needs:
            raise CandidateQueryError(f"a HELPER field is a need code, one of {', '.join(sorted(needs))}")
        return sorted(policy.skills_meeting([field] if field else list(needs)))
    return None


async def cover_candidates(
    graph: Graph,
    *,
    community: str,
    kind: str,
    field: str | None,
    limit: int,
    today: date,
    policy: Policy,
) -> list[Candidate]:
    """Units that could close this gap in this community, best first, with reasons and their people."""
    if not 1 <= limit <= 100:
        raise CandidateQueryError(f"limit must be between 1 and 100, got {limit}")
    skills = candidate_skills(kind, field, policy)
    statement = FUNDS_CANDIDATES if kind == "SERVICE_FUNDS" else COVER_CANDIDATES
    records = await fetch_shown(
        graph,
        statement,
        community=community,
        kind=kind,
        skills=skills,
        skillNames=", ".join(skills or ()),
        limit=limit,
        today=today,
        policy=policy.cypher_params(),
    )
    if not records and await check_scope(graph, community) is not Label.COMMUNITY:
        raise NotAScope(f"{community} is not a community")
    return [_candidate(r["candidate"]) for r in records]


def _candidate(row: Mapping[str, Any]) -> Candidate:
    found = row["unit"]
    return Candidate(
        organisation=Node(id=found["id"], label=Label(row["label"]), props=native_props(dict(found))),
        score=round(float(row["score"]), 4),
        reasons=tuple(row["reasons"]),
        people=tuple(person_node(p) for p in row["people"]),
    )
