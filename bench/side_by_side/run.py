"""One run of `gridwork bench`: for each city, a Neo4j of its own, the city loaded, the three systems
started over it, every operation compared then timed; the report written at the end."""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.side_by_side import peers
from bench.side_by_side.machine import describe
from bench.side_by_side.operations import GRIDWORK, NEO4J_GRAPHQL, RESOLVERS, Operation, load_operations
from bench.side_by_side.report import CityResult, Run, write_json, write_markdown
from bench.side_by_side.systems import Floor, GraphQLOverHttp, GridworkInProcess, System
from bench.side_by_side.timing import FULL, QUICK, SAME, OperationResult, Plan, run_operation
from graph.driver import Graph
from graph.reads import ids_by_label
from gridwork.neo4j_local import server
from schema.execution import Engine
from schema.permissions import Role, issue_token

SAMPLE_CITY = Path(__file__).parents[2] / "seeds" / "sample_city"
SAMPLE = "sample"
GENERATED = "generated"
Say = Callable[[str], None]


class BenchError(RuntimeError):
    """The benchmark cannot run: a bad option, a server that will not start, a city that will not load."""


@dataclass(frozen=True)
class City:
    name: str
    title: str
    persons: int

    @classmethod
    def sample(cls) -> City:
        persons = sum(1 for _ in (SAMPLE_CITY / "Person.csv").open(encoding="utf-8")) - 1
        return cls(SAMPLE, f"Sample city (seeds/sample_city, {persons} people)", persons)

    @classmethod
    def generated(cls, persons: int) -> City:
        title = f"Generated city (`gridwork generate --persons {persons} --seed 1`)"
        return cls(f"{GENERATED}-{persons}", title, persons)

    def bundle(self, scratch: Path) -> Path:
        if self.name == SAMPLE:
            return SAMPLE_CITY
        folder = scratch / "bundle"
        gridwork("generate", str(folder), "--persons", str(self.persons), "--seed", "1")
        return folder


def gridwork(*arguments: str, neo4j_uri: str | None = None) -> None:
    """A `gridwork` command, as a user would run it: the city goes in through the ordinary import."""
    env = {**os.environ, "NEO4J_URI": neo4j_uri} if neo4j_uri else None
    command = [sys.executable, "-c", "from gridwork.cli import app; app()", *arguments]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchError(f"gridwork {arguments[0]} failed ({done.returncode}):\n{done.stderr[-3000:]}")


@dataclass
class Systems:
    """Everything timed over one Neo4j, and Gridwork's two handles: its HTTP API and its schema in-process."""

    timed: list[System]
    api: GraphQLOverHttp
    in_process: GridworkInProcess  # times the resolver path when in `timed`; always says which path answers


@contextmanager
def systems_over(uri: str, *, with_neo4j_graphql: bool, with_resolvers: bool = True) -> Iterator[Systems]:
    """The floor, Gridwork's API, its resolver path and (unless Node.js is missing) @neo4j/graphql."""
    secret = secrets.token_urlsafe(32)
    with ExitStack() as stack:
        gridwork_url = stack.enter_context(peers.gridwork_api(uri, secret))
        token = issue_token(secret, Role.CITY_ADMIN)
        api = GraphQLOverHttp.open(GRIDWORK, gridwork_url, token)
        in_process = GridworkInProcess.open(RESOLVERS, uri, Engine.RESOLVERS)
        timed: list[System] = [Floor.open(uri), api]
        if with_resolvers:
            timed.append(in_process)
        if with_neo4j_graphql:
            url = stack.enter_context(peers.neo4j_graphql_api(uri))
            timed.append(GraphQLOverHttp.open(NEO4J_GRAPHQL, url))
        yield Systems(timed, api, in_process)


async def bench_systems(
    systems: Systems, operations: Sequence[Operation], plan: Plan, say: Say
) -> list[OperationResult]:
    """Every operation compared, then timed; with the path Gridwork's API answered it on."""
    results = []
    try:
        lowest = {
            label: ids[0] for label, ids in (await ids_by_label(systems.in_process.graph, limit=1)).items()
        }
        for operation in (op.in_city(lowest) for op in operations):
            say(f"  {operation.name} {operation.variables} ...")
            before, sent = await systems.api.fallbacks(), systems.api.sent
            result = await run_operation(systems.timed, operation, plan)
            result.path = await systems.in_process.path(operation)
            result.http_fallbacks = _grown(before, await systems.api.fallbacks())
            result.http_requests = systems.api.sent - sent
            say(f"    Gridwork answered on the {result.path} path; {_fallen_back(result)}")
            for name, verdict in result.answers.items():
                if verdict != SAME:
                    say(f"    {name}: {verdict}")
            results.append(result)
    finally:
        for system in {id(s): s for s in [*systems.timed, systems.api, systems.in_process]}.values():
            await system.close()
    return results


async def lowest_ids(graph: Graph) -> dict[str, str]:
    """The lowest id of each label in the city: what `{ first = "Label" }` variables stand for."""
    return {label: ids[0] for label, ids in (await ids_by_label(graph, limit=1)).items() if ids}


def _grown(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {reason: n - before.get(reason, 0) for reason, n in after.items() if n > before.get(reason, 0)}


def _fallen_back(result: OperationResult) -> str:
    fell = sum(result.http_fallbacks.values())
    reasons = "; ".join(f"{reason}: {n}" for reason, n in result.http_fallbacks.items())
    return f"over HTTP {fell} of {result.http_requests} requests fell back to the resolvers" + (
        f" ({reasons})" if reasons else ""
    )


def bench_city(
    city: City, plan: Plan, operations: Sequence[Operation], say: Say, *, with_resolvers: bool = True
) -> tuple[CityResult, str]:
    """The city in a Neo4j of its own, then every operation on every system; returns Neo4j's version too."""
    with (
        tempfile.TemporaryDirectory(prefix="gridwork-bench-") as scratch,
        server.running(Path(scratch) / "neo4j") as status,
    ):
        say(f"{city.title}: loading into Neo4j {status.version} at {status.uri}")
        gridwork("load", str(city.bundle(Path(scratch))), neo4j_uri=status.uri)
        missing = peers.node_missing()
        if missing:
            say(f"  @neo4j/graphql left out: {missing}")
        with systems_over(
            status.uri, with_neo4j_graphql=missing is None, with_resolvers=with_resolvers
        ) as systems:
            results = asyncio.run(bench_systems(systems, operations, plan, say))
        return CityResult(city.name, city.title, city.persons, results), status.version


def cities_named(names: Sequence[str], persons: int) -> list[City]:
    """The cities of `--city` options (both when none is given), the generated one of `persons` people."""
    unknown = sorted(set(names) - {SAMPLE, GENERATED})
    if unknown:
        raise BenchError(f"--city {unknown[0]}: expected {SAMPLE} or {GENERATED}")
    if persons < 40:
        raise BenchError(f"--persons {persons}: a generated city needs at least 40 people")
    chosen = names or [SAMPLE, GENERATED]
    return [City.sample() if name == SAMPLE else City.generated(persons) for name in dict.fromkeys(chosen)]


def bench(cities: Sequence[City], *, quick: bool, resolvers: bool = True, say: Say = print) -> Run:
    """Run the benchmark on each city and write the report: JSON per city and docs/bench.md."""
    plan = QUICK if quick else FULL
    operations = load_operations()
    started = datetime.now(UTC)
    machine = describe()  # before the run: its load average says how busy the machine already was
    whole = frozenset(op.name for op in operations if op.whole_district)
    run = Run(started, quick, plan, machine, [], whole)
    for city in cities:
        try:
            result, machine["neo4j"] = bench_city(city, plan, operations, say, with_resolvers=resolvers)
        except (peers.PeerError, server.LocalServerError) as error:
            raise BenchError(f"{city.title}: {error}") from error
        # written as each city ends, so that a long run stopped half-way keeps what it measured
        run.cities.append(result)
        say(f"wrote {write_json(run, result)}")
        say(f"wrote {write_markdown(run)}")
    return run
