"""Planners' answers as typed records: gaps against the standards, coverage, candidates, helper plans.

Each answer is computed inside Neo4j by one statement of `graph.statements.planning`; this module
passes the scope, the day and the policy as parameters and turns the rows into records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.driver import Graph
from graph.model import AREA_LABELS, Label
from graph.policy import Policy
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
    records = await graph.fetch(SCOPE_KIND, scope=scope)
    if not records:
        raise ScopeNotFound(f"no area or person has id {scope}")
    label = Label(records[0]["label"])
    if label not in SCOPE_LABELS:
        raise NotAScope(f"{scope} is a {label.value}: a scope is an area (district to building) or a person")
    return label


async def coverage_gaps(graph: Graph, *, scope: str, today: date, policy: Policy) -> list[Gap]:
    """Every unmet requirement inside the scope, ordered by kind, subject and field."""
    records = await graph.fetch(COVERAGE_GAPS, **_params(scope, today, policy))
    if not records:
        await check_scope(graph, scope)
    return [_gap(r["gap"]) for r in records]


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
    records = await graph.fetch(COVERAGE, **_params(scope, today, policy))
    if not records:
        await check_scope(graph, scope)
    return [
        StandardCoverage(
            area_id=s["areaId"], kind=s["kind"], field=s["field"], met=s["met"], total=s["total"]
        )
        for s in (r["standard"] for r in records)
    ]
