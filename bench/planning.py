"""What the planners' answers cost on a generated city: gaps, coverage and helper plans by scope.

Prints numbers, asserts nothing. By default it generates a city of --persons people into its own
throw-away Neo4j (bench.scratch); --uri measures a database already loaded with a generated city
instead (nothing is written to it unless --stress). Each answer runs once unmeasured (the server plans
the statement), then --runs times; the median and the slowest are shown. The whole city is measured
three times: as one GraphQL request with a field per district (through `run_graphql`, the door the
HTTP endpoint answers by), and directly: its districts one after another, and all at once, as the
GraphQL executor awaits those fields together.

--stress then ends every helper pairing in the first street, so that the helper plan has every resident in
need of a street to place, not just the few the generator leaves without a helper.

Run: `python -m bench.planning [--persons 100000] [--uri bolt://...] [--runs 5] [--stress]`.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson

from bench.scratch import machine, scratch_neo4j
from graph import planning
from graph.driver import Graph, Neo4jSettings, Statement, open_graph
from graph.policy import policy
from loaders.bundle import read_bundle
from loaders.importer import import_bundle
from schema.context import make_context
from schema.execution import GraphQLRequest, run_graphql
from schema.permissions import Role, Viewer
from seeds.generator import TODAY, generate

END_HELPS_IN_STREET = Statement(
    "bench_end_helps_in_street",
    """
    MATCH (:Street {id: $street})<-[:IN]-(:Community)<-[:IN]-(:Grid)<-[:IN]-(:Building)
          <-[:LIVES_IN]-(:Person)<-[r:HELPS]-(:Person)
    SET r.until = $yesterday
    RETURN count(r) AS ended
    """,
)
DISTRICTS = Statement("bench_districts", "MATCH (d:District) RETURN d.id AS id ORDER BY id")
# The first street by id and the first community in it: the generator's ids carry its seed.
FIRST_STREET = Statement(
    "bench_first_street",
    """
    MATCH (s:Street) WITH s ORDER BY s.id LIMIT 1
    MATCH (s)<-[:IN]-(c:Community) WITH s, c ORDER BY c.id LIMIT 1
    RETURN s.id AS street, c.id AS community
    """,
)


async def timed(runs: int, answer: Callable[[], Awaitable[Any]]) -> tuple[float, float, Any]:
    """Median and slowest seconds of `runs` calls after one unmeasured call, and the last answer."""
    result = await answer()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = await answer()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), max(seconds), result


def report(name: str, median: float, slowest: float, size: str) -> None:
    print(f"{name:<56} {median * 1000:9.0f} ms  (slowest {slowest * 1000:,.0f} ms)  {size}", flush=True)


async def measure(graph: Graph, runs: int, stress: bool) -> None:
    rules = policy()
    districts = [r["id"] for r in await graph.fetch(DISTRICTS)]
    first = (await graph.fetch(FIRST_STREET))[0]
    street, community = first["street"], first["community"]

    def gaps(scope: str) -> Callable[[], Awaitable[Any]]:
        return lambda: planning.coverage_gaps(graph, scope=scope, today=TODAY, policy=rules)

    def coverage(scope: str) -> Callable[[], Awaitable[Any]]:
        return lambda: planning.coverage(graph, scope=scope, today=TODAY, policy=rules)

    def plan(scope: str) -> Callable[[], Awaitable[Any]]:
        return lambda: planning.helper_plan(graph, scope=scope, today=TODAY, policy=rules)

    async def every_district(answer: Callable[[str], Callable[[], Awaitable[Any]]]) -> int:
        return sum([len(await answer(d)()) for d in districts])

    async def districts_at_once(answer: Callable[[str], Callable[[], Awaitable[Any]]]) -> int:
        # What one GraphQL request with a field per district gets: the executor awaits them together.
        return sum(map(len, await asyncio.gather(*(answer(d)() for d in districts))))

    async def one_request(field: Callable[[str], str]) -> int:
        # The whole city as a frontend asks for it: one GraphQL request, a field per district.
        query = "{ " + " ".join(f"d{n}: {field(d)}" for n, d in enumerate(districts)) + " }"
        viewer = Viewer(role=Role.CITY_ADMIN)
        context = make_context(graph, viewer, TODAY)
        result = await run_graphql(GraphQLRequest(query), context, check_roles=True)
        answer = orjson.loads(result.body)
        if answer.get("errors") or answer.get("data") is None:
            raise SystemExit(f"the request failed: {answer.get('errors')}")
        return sum(len(v) if isinstance(v, list) else 1 + len(v["children"]) for v in answer["data"].values())

    def gap_fields(scope: str) -> str:
        return f'coverageGaps(scope: "{scope}") {{ kind subjectId required actual field residents }}'

    def area_fields(scope: str) -> str:
        area = "areaId standards { kind field met total share }"
        return f'coverage(scope: "{scope}") {{ scope {{ {area} }} children {{ {area} }} }}'

    median, slowest, rows = await timed(runs, functools.partial(one_request, gap_fields))
    report("coverageGaps, whole city, one GraphQL request", median, slowest, f"{rows} gaps")
    median, slowest, rows = await timed(runs, functools.partial(one_request, area_fields))
    report("coverage, whole city, one GraphQL request", median, slowest, f"{rows} areas")
    whole_city = {"one district after another": every_district, "districts at once": districts_at_once}
    for name, over in whole_city.items():
        median, slowest, rows = await timed(runs, functools.partial(over, gaps))
        report(f"coverageGaps, whole city, {name}", median, slowest, f"{rows} gaps")
        median, slowest, rows = await timed(runs, functools.partial(over, coverage))
        report(f"coverage, whole city, {name}", median, slowest, f"{rows} rows")
    median, slowest, found = await timed(runs, gaps(street))
    report(f"coverageGaps, one street ({street})", median, slowest, f"{len(found)} gaps")
    median, slowest, found = await timed(runs, coverage(street))
    report(f"coverage, one street ({street})", median, slowest, f"{len(found)} rows")
    scopes = ((community, f"one community ({community})"), (street, f"one street ({street})"))
    for scope, name in scopes:
        median, slowest, made = await timed(runs, plan(scope))
        size = f"{len(made.pairs)} pairs, {len(made.unmatched)} unmatched"
        report(f"helperPlan, {name}", median, slowest, size)
    if stress:
        ended = await graph.execute(END_HELPS_IN_STREET, street=street, yesterday=TODAY - timedelta(days=1))
        print(f"-- every helper pairing in {street} ended ({ended[0]['ended']} pairings)", flush=True)
        for scope, name in scopes:
            median, slowest, made = await timed(runs, plan(scope))
            size = f"{len(made.pairs)} pairs, {len(made.unmatched)} unmatched"
            report(f"helperPlan, {name}, stressed", median, slowest, size)


async def run(settings: Neo4jSettings, bundle: Path | None, runs: int, stress: bool) -> None:
    graph = open_graph(settings)
    try:
        if bundle is not None:
            started = time.perf_counter()
            await import_bundle(graph, read_bundle(bundle))
            print(f"load             {time.perf_counter() - started:7.1f} s", flush=True)
        await measure(graph, runs, stress)
    finally:
        await graph.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--uri", help="a Neo4j already holding a generated city (no generate, no load)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--stress", action="store_true", help="then end every pairing in the first street and plan again"
    )
    args = parser.parse_args()
    print(machine(), f"| persons: {args.persons if not args.uri else 'as loaded'}", flush=True)
    with ExitStack() as stack:
        if args.uri:
            asyncio.run(run(Neo4jSettings(uri=args.uri), None, args.runs, args.stress))
            return
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gridwork-city-")))
        settings = stack.enter_context(scratch_neo4j())
        started = time.perf_counter()
        generate(scratch, persons=args.persons, seed=1)
        print(f"generate         {time.perf_counter() - started:7.1f} s", flush=True)
        asyncio.run(run(settings, scratch, args.runs, args.stress))


if __name__ == "__main__":
    main()
