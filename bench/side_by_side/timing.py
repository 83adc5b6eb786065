"""Answers compared, then latency timed: interleaved between systems, warm-up first, at each concurrency."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from bench.side_by_side.answers import canonical, first_difference, list_sizes
from bench.side_by_side.operations import FLOOR, GRIDWORK_SYSTEMS, Operation
from bench.side_by_side.systems import AnswerError, System

SAME = "same"


@dataclass(frozen=True)
class Plan:
    """How much to run: per system, operation and concurrency, at most `runs` requests, and no more once
    `budget` seconds are spent and `min_runs` are in (a whole district on a big city takes seconds)."""

    warm_up: int
    runs: int
    min_runs: int
    budget: float
    concurrencies: tuple[int, ...] = (1, 16)
    # A system whose median at concurrency 1 says one burst would take longer than this is not burst:
    # on a busy machine a whole district at 16 could take an hour, and says nothing new.
    burst_cap: float = 600.0


FULL = Plan(warm_up=5, runs=200, min_runs=10, budget=20.0)
QUICK = Plan(warm_up=2, runs=20, min_runs=3, budget=2.0, burst_cap=120.0)


@dataclass(frozen=True)
class Stats:
    """Latency of one system on one operation at one concurrency, and its throughput."""

    runs: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    per_second: float


@dataclass
class OperationResult:
    name: str
    # system -> "same" when its canonical answer equals the floor's, else where it differs or why it failed
    answers: dict[str, str] = field(default_factory=dict)
    # concurrency -> system -> stats; a system whose answer differs is not timed
    stats: dict[int, dict[str, Stats]] = field(default_factory=dict)
    response_bytes: int = 0
    list_sizes: dict[str, int] = field(default_factory=dict)  # items in the answer's lists, by field
    # concurrency -> system -> why it was not timed there (a burst would take too long)
    not_timed: dict[int, dict[str, str]] = field(default_factory=dict)
    variables: dict[str, Any] = field(default_factory=dict)  # as sent, ids resolved for the city
    path: str = ""  # which engine Gridwork's API answers this operation on: "compiled" or "resolvers"
    http_fallbacks: dict[str, int] = field(default_factory=dict)  # by reason, while this operation ran
    http_requests: int = 0  # requests sent to Gridwork's API while this operation ran


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(latencies: list[float], busy: float) -> Stats:
    ordered = sorted(latencies)
    return Stats(
        runs=len(ordered),
        p50_ms=percentile(ordered, 50) * 1000,
        p95_ms=percentile(ordered, 95) * 1000,
        p99_ms=percentile(ordered, 99) * 1000,
        mean_ms=sum(ordered) / len(ordered) * 1000,
        per_second=len(ordered) / busy,
    )


async def compare(systems: Sequence[System], operation: Operation) -> tuple[dict[str, str], Any]:
    """Each system's answer against the floor's, canonicalised; returns the verdicts and the floor's data."""
    answers: dict[str, Any] = {}
    verdicts: dict[str, str] = {}
    for system in systems:
        try:
            answers[system.name] = canonical(await system.ask(operation), operation.ordered)
        except AnswerError as error:
            verdicts[system.name] = f"failed: {error}"
    reference = answers.get(FLOOR)
    if reference is None:
        raise AnswerError(f"{operation.name}: the floor gave no answer ({verdicts.get(FLOOR)})")
    for name, answer in answers.items():
        verdicts[name] = first_difference(reference, answer) or SAME
    return verdicts, reference


async def warm_up(systems: Sequence[System], operation: Operation, plan: Plan) -> None:
    """`plan.warm_up` requests each, in rotation; a system stops early once it has spent the budget."""
    spent = {system.name: 0.0 for system in systems}
    for round_ in range(plan.warm_up):
        warming = [s for s in systems if round_ == 0 or spent[s.name] < plan.budget]
        if not warming:
            return
        for system in _rotated(warming, round_):
            started = time.perf_counter()
            await system.ask(operation)
            spent[system.name] += time.perf_counter() - started


async def measure(
    systems: Sequence[System], operation: Operation, concurrency: int, plan: Plan
) -> tuple[dict[str, Stats], dict[str, str]]:
    """Bursts of `concurrency` simultaneous requests, one system after another, in turns that rotate.

    Returns the stats of each system, and why a system stopped early when one of its requests failed.
    """
    latencies: dict[str, list[float]] = {s.name: [] for s in systems}
    busy = dict.fromkeys(latencies, 0.0)
    failures: dict[str, str] = {}
    active = list(systems)
    round_ = 0
    while active:
        for system in _rotated(active, round_):
            started = time.perf_counter()
            burst = await asyncio.gather(
                *(_timed(system, operation) for _ in range(concurrency)), return_exceptions=True
            )
            busy[system.name] += time.perf_counter() - started
            errors = [outcome for outcome in burst if isinstance(outcome, BaseException)]
            latencies[system.name].extend(t for t in burst if isinstance(t, float))
            done = len(latencies[system.name])
            if errors:
                failures[system.name] = f"failed at concurrency {concurrency}: {errors[0]!r}"
                active.remove(system)
            elif done >= plan.runs or (done >= plan.min_runs and busy[system.name] >= plan.budget):
                active.remove(system)
        round_ += 1
    stats = {name: summarise(v, busy[name]) for name, v in latencies.items() if name not in failures}
    return stats, failures


async def _timed(system: System, operation: Operation) -> float:
    started = time.perf_counter()
    await system.ask(operation)
    return time.perf_counter() - started


def _rotated(systems: Sequence[System], turn: int) -> list[System]:
    shift = turn % len(systems)
    return [*systems[shift:], *systems[:shift]]


async def run_operation(systems: Sequence[System], operation: Operation, plan: Plan) -> OperationResult:
    """Compare, warm up, then time every system whose answer equals the floor's."""
    taking_part = [s for s in systems if s.name in (FLOOR, *GRIDWORK_SYSTEMS, *operation.peers)]
    verdicts, reference = await compare(taking_part, operation)
    result = OperationResult(
        operation.name,
        verdicts,
        response_bytes=len(orjson.dumps(reference)),
        list_sizes=list_sizes(reference),
        variables=operation.variables,
    )
    agreeing = [s for s in taking_part if verdicts[s.name] == SAME]
    await warm_up(agreeing, operation, plan)
    for concurrency in plan.concurrencies:
        timed = [s for s in agreeing if not too_long_to_burst(result, s.name, concurrency, plan)]
        result.stats[concurrency], failures = await measure(timed, operation, concurrency, plan)
        result.answers.update(failures)
        agreeing = [s for s in agreeing if s.name not in failures]
    return result


def too_long_to_burst(result: OperationResult, system: str, concurrency: int, plan: Plan) -> bool:
    """Whether one burst would outlast `plan.burst_cap`, judged by the median at concurrency 1; noted."""
    alone = result.stats.get(1, {}).get(system)
    if concurrency == 1 or alone is None:
        return False
    expected = alone.p50_ms / 1000 * concurrency
    if expected <= plan.burst_cap:
        return False
    result.not_timed.setdefault(concurrency, {})[system] = (
        f"one burst would take about {expected:.0f} s (median alone {alone.p50_ms / 1000:.1f} s), "
        f"over the cap of {plan.burst_cap:.0f} s"
    )
    return True
