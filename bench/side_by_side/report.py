"""The report of a run: JSON under bench/results/ and the markdown table of docs/bench.md."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.side_by_side.machine import one_line
from bench.side_by_side.operations import FLOOR, GRIDWORK, NEO4J_GRAPHQL, RESOLVERS
from bench.side_by_side.timing import SAME, OperationResult, Plan, Stats

ROOT = Path(__file__).parents[2]
RESULTS_DIR = ROOT / "bench" / "results"
DOC = ROOT / "docs" / "bench.md"
SYSTEM_TITLES = {
    GRIDWORK: "Gridwork",
    RESOLVERS: "Gridwork, resolver path (in-process)",
    FLOOR: "hand-written Cypher",
    NEO4J_GRAPHQL: "@neo4j/graphql",
}

# Issue 5's targets, on this 2-core machine with Neo4j on the same machine.
FLOOR_TARGET = 1.3
PEER_TARGET = 1.0
DISTRICT_TARGET_MS = 1000.0
DISTRICT_TARGET_PERSONS = 100_000
# Headings of the report that are not a city's section.
NOT_CITIES = frozenset({"Targets (issue 5)", "How it is measured"})
# A one-minute load average above this many per core at the start marks the figures preliminary.
BUSY_LOAD_PER_CORE = 0.5


@dataclass
class CityResult:
    name: str  # "sample" or "generated-100000"
    title: str
    persons: int
    operations: list[OperationResult]


@dataclass
class Run:
    started: datetime
    quick: bool
    plan: Plan
    machine: dict[str, Any]
    cities: list[CityResult]
    whole_district_ops: frozenset[str]


def ratio(run_stats: dict[str, Stats], over: str, system: str = GRIDWORK) -> float | None:
    """`system`'s median latency over `over`'s; None when either was not timed."""
    if system not in run_stats or over not in run_stats:
        return None
    return run_stats[system].p50_ms / run_stats[over].p50_ms


def write_json(run: Run, city: CityResult) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{run.started:%Y-%m-%dT%H%M}-{city.name}.json"
    document = {
        "started": run.started.isoformat(timespec="seconds"),
        "quick": run.quick,
        "plan": dataclasses.asdict(run.plan),
        "machine": run.machine,
        "city": {"name": city.name, "persons": city.persons},
        "operations": [
            {
                "name": op.name,
                "variables": op.variables,
                "response_bytes": op.response_bytes,
                "list_sizes": op.list_sizes,
                "gridwork_path": op.path,
                "gridwork_http_fallbacks": {"requests": op.http_requests, "by_reason": op.http_fallbacks},
                "answers": op.answers,
                "not_timed": {str(c): why for c, why in op.not_timed.items()},
                "stats": {
                    str(c): {system: dataclasses.asdict(s) for system, s in by_system.items()}
                    for c, by_system in op.stats.items()
                },
                "ratios_p50": {
                    str(c): {
                        "gridwork/floor": ratio(by_system, FLOOR),
                        "gridwork/neo4j-graphql": ratio(by_system, NEO4J_GRAPHQL),
                        "gridwork-resolvers/floor": ratio(by_system, FLOOR, RESOLVERS),
                    }
                    for c, by_system in op.stats.items()
                },
            }
            for op in city.operations
        ],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _ms(value: float) -> str:
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _mode(run: Run) -> str:
    return "`--quick` (a short run: indicative only)" if run.quick else "full"


def _size(count: int) -> str:
    return f"{count / 1024:.0f} KiB" if count < 1024**2 else f"{count / 1024**2:.2f} MiB"


def _path_cell(op: OperationResult) -> str:
    """The path Gridwork's API picked, and how many requests over HTTP fell back to the resolvers."""
    fell = sum(op.http_fallbacks.values())
    if not fell:
        return f"{op.path} path"
    return f"{op.path} path ({fell} of {op.http_requests} over HTTP on the resolvers)"


def _ratio_cell(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    verdict = "met" if value < target or (target == FLOOR_TARGET and value <= target) else "missed"
    return f"{value:.2f}x ({verdict})"


def _busy_note(machine: dict[str, Any]) -> list[str]:
    """A warning when the machine was already busy at the start: its figures are then preliminary."""
    load, cores = machine["load_average_at_start"][0], machine["cores"] or 1
    if load <= BUSY_LOAD_PER_CORE * cores:
        return []
    return [
        f"- **Preliminary figures**: the load average was {load:.1f} on {cores} cores when the run began "
        "(other work shared the CPU); figures on a quiet machine will be lower and steadier.",
    ]


def markdown(run: Run, kept: Mapping[str, list[str]] | None = None) -> str:
    """The report: this run's cities, then `kept` sections (by title) of cities this run left out."""
    lines = [
        "# Speed: Gridwork beside hand-written Cypher and @neo4j/graphql",
        "",
        "Written by `gridwork bench`: each run rewrites the sections of the cities it ran and keeps the "
        "others; every section names its run and machine. The JSON of every run is kept in "
        "`bench/results/`.",
        "",
        "## Targets (issue 5)",
        "",
        f"- Gridwork within {FLOOR_TARGET}x of the floor (hand-written Cypher) at the median;",
        f"- faster than @neo4j/graphql (ratio below {PEER_TARGET:.1f}) on every operation, "
        "at concurrency 1 and 16;",
        f"- a whole district of the {DISTRICT_TARGET_PERSONS:,}-person city under "
        f"{DISTRICT_TARGET_MS / 1000:.0f} s.",
        "",
    ]
    for city in run.cities:
        lines += _city_section(run, city)
    ran = {city.title for city in run.cities}
    for title, section in (kept or {}).items():
        if title not in ran:
            lines += section
    lines += _method()
    return "\n".join(lines) + "\n"


def _run_lines(run: Run) -> list[str]:
    return [
        f"- run: {run.started:%Y-%m-%d %H:%M} UTC, {_mode(run)};"
        f" {run.plan.warm_up} warm-up requests per system and operation, then per concurrency up to "
        f"{run.plan.runs} requests, stopping after {run.plan.budget:.0f} s once {run.plan.min_runs} are in",
        f"- machine: {one_line(run.machine)}; load average at start "
        f"{' / '.join(str(x) for x in run.machine['load_average_at_start'])}",
        *_busy_note(run.machine),
        "- client, servers and Neo4j share the machine's cores, as on a single-machine deployment.",
        "",
    ]


def city_sections(text: str) -> dict[str, list[str]]:
    """The city sections of an earlier report, by title (the headings other than targets and method)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            title = line[3:]
            current = None if title in NOT_CITIES else sections.setdefault(title, [])
        if current is not None:
            current.append(line)
    return sections


def _city_section(run: Run, city: CityResult) -> list[str]:
    lines = [
        f"## {city.title}",
        "",
        *_run_lines(run),
        "| operation | Gridwork answered on | concurrency | Gridwork / floor (p50) "
        "| Gridwork / @neo4j/graphql (p50) | resolver path / floor (p50) |",
        "|---|---|---|---|---|---|",
    ]
    for op in city.operations:
        for c, by_system in op.stats.items():
            resolvers = ratio(by_system, FLOOR, RESOLVERS)
            floor = _ratio_cell(ratio(by_system, FLOOR), FLOOR_TARGET)
            lines.append(
                f"| {op.name} | {_path_cell(op)} | {c} | {floor} "
                f"| {_ratio_cell(ratio(by_system, NEO4J_GRAPHQL), PEER_TARGET)} "
                f"| {'n/a' if resolvers is None else f'{resolvers:.2f}x'} |"
            )
    if city.persons >= DISTRICT_TARGET_PERSONS:
        for op in city.operations:
            if op.name in run.whole_district_ops and GRIDWORK in op.stats.get(1, {}):
                p50 = op.stats[1][GRIDWORK].p50_ms
                verdict = "met" if p50 < DISTRICT_TARGET_MS else f"missed by {p50 / DISTRICT_TARGET_MS:.1f}x"
                lines.append("")
                lines.append(f"Whole district, {op.name}: Gridwork's median {_ms(p50)} ms ({verdict}).")
    lines += [
        "",
        "| operation | answer | concurrency | system | runs | p50 ms | p95 ms | p99 ms | requests/s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for op in city.operations:
        size = _size(op.response_bytes) + "".join(f", {n:,} {key}" for key, n in op.list_sizes.items())
        for c, by_system in op.stats.items():
            for system, s in by_system.items():
                lines.append(
                    f"| {op.name} | {size} | {c} | {SYSTEM_TITLES[system]} | {s.runs} | {_ms(s.p50_ms)} "
                    f"| {_ms(s.p95_ms)} | {_ms(s.p99_ms)} | {s.per_second:.1f} |"
                )
    differences = [
        f"- {op.name}, {SYSTEM_TITLES.get(system, system)}: {verdict}"
        for op in city.operations
        for system, verdict in op.answers.items()
        if verdict != SAME
    ]
    lines += ["", "Answers compared before timing: " + ("all the same." if not differences else "")]
    lines += differences
    skipped = [
        f"- {op.name}, {SYSTEM_TITLES.get(system, system)}, concurrency {c}: {why}"
        for op in city.operations
        for c, by_system in op.not_timed.items()
        for system, why in by_system.items()
    ]
    if skipped:
        lines += ["", "Not timed (too slow on this machine at this moment):", *skipped]
    lines.append("")
    return lines


def _method() -> list[str]:
    return [
        "## How it is measured",
        "",
        "- One Neo4j 5.26 of its own per city (a fresh data directory on a free port), the city loaded by "
        "`gridwork load` (a generated one written first by `gridwork generate --seed 1`). Over it: "
        "Gridwork's HTTP API (`create_app` under uvicorn, one process, a `CITY_ADMIN` token); the floor "
        "(one hand-written Cypher statement per operation returning the response's `data`, through the "
        "official Python driver); @neo4j/graphql (`bench/neo4j-graphql/`: the same type and field names, "
        "so the same query text, served by graphql-http on Node.js); and, for comparison, Gridwork's "
        "resolver path (`run_graphql(..., engine=Engine.RESOLVERS)` in the client's process, no HTTP).",
        "- *Gridwork answered on* is the path the API picked for the operation (`GraphQLResult.path` for "
        "the same document and role), checked against the API's own `gridwork_graphql_fallbacks_total` "
        "over the operation's HTTP requests.",
        "- The API runs with its default limits (the whole district with servedBy weighs about 65,000, "
        "under the default cost limit of 100,000) except the statement timeout, raised so that a slow "
        "machine gives slow figures rather than errors.",
        "- The operations, with the floor's Cypher beside each query, are "
        "`bench/side_by_side/operations.toml` (the floor is a measuring stick, so its Cypher lives there "
        "and not in `graph/`). Each system's answer is compared with the floor's before any timing "
        "(lists sorted by id where the API does not define their order; `servedBy` in the API's order); "
        "a system that answers differently is reported and not timed.",
        "- Both HTTP servers are asked by the same client (httpx, keep-alive, JSON parsed with orjson); "
        "the floor and the resolver path run in the client's process. Latency is the client's wall time "
        "per request.",
        "- Requests go in bursts of *concurrency* simultaneous requests, one system after another, in an "
        "order that rotates each turn, after warm-up requests in the same rotation; requests/s is "
        "requests over the time spent in that system's bursts.",
        "- Only current relationships count (a `since` not after today and an `until` not before it, in "
        "the city's time zone), in Gridwork and the floor on every relationship followed. @neo4j/graphql "
        "applies the same filter to every relationship that ends in the data (pairings, management, help, "
        "and all of servedBy, as `@cypher` fields); area and residence links, which never end in these "
        "cities, are its plain `@relationship` fields, unfiltered (its natural mapping, and the cheaper "
        "one).",
        "",
        "Run it: `gridwork bench` (both cities), `gridwork bench --city sample --quick` (a few minutes), "
        "`gridwork bench --persons 1000000` (a bigger generated city), `--no-resolvers` to leave out the "
        "resolver path (slow on a big city).",
    ]


def write_markdown(run: Run) -> Path:
    """docs/bench.md with this run's cities, keeping the sections of the cities it did not run."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    kept = city_sections(DOC.read_text(encoding="utf-8")) if DOC.exists() else {}
    DOC.write_text(markdown(run, kept), encoding="utf-8")
    return DOC
