"""What the API's nested queries cost on the sample city: Cypher statements and milliseconds.

Loads the sample city into a throw-away Neo4j of its own (bench.scratch), then runs each query
`--runs` times through the schema (after 20 unmeasured runs), as a CITY_ADMIN, and reports the statements
sent per query (from the Prometheus counter) and the median and 95th-percentile latency.
Run: `python -m bench.query_cost [--runs 50]`.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from bench.scratch import machine, scratch_neo4j
from graph.driver import Neo4jSettings, open_graph, statements_sent
from loaders.bundle import read_bundle
from loaders.importer import import_bundle
from schema.context import make_context
from schema.permissions import Role, Viewer
from schema.root import SCHEMA

WARM_UP = 20
SAMPLE_CITY = Path(__file__).parents[1] / "seeds" / "sample_city"
QUERIES = {
    "building.servedBy": '{ building(id: "B1") { servedBy { role person { name } organisation { name } } } }',
    "community 4 levels": '{ community(id: "C1") { grids { buildings { residents { name phone } } } } }',
    "district 6 levels": (
        '{ district(id: "D1") { streets { communities { grids { buildings { residents { name } '
        "servedBy { role person { name } organisation { name } } } } } } } }"
    ),
}


async def run(settings: Neo4jSettings, runs: int) -> None:
    graph = open_graph(settings)
    viewer = Viewer(role=Role.CITY_ADMIN)
    try:
        await import_bundle(graph, read_bundle(SAMPLE_CITY))
        print(f"{'query':<22}{'statements':>11}{'median ms':>11}{'p95 ms':>9}")
        for name, query in QUERIES.items():
            for _ in range(WARM_UP):  # a new server plans and compiles each statement on first use
                await SCHEMA.execute(query, context_value=make_context(graph, viewer))
            timings, statements = [], 0.0
            for _ in range(runs):
                before = statements_sent()
                started = time.perf_counter()
                result = await SCHEMA.execute(query, context_value=make_context(graph, viewer))
                timings.append((time.perf_counter() - started) * 1000)
                statements = (statements_sent() - before).total()
                assert result.errors is None, result.errors
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(f"{name:<22}{statements:>11.0f}{statistics.median(timings):>11.1f}{p95:>9.1f}")
    finally:
        await graph.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    print(machine())
    with scratch_neo4j() as settings:
        asyncio.run(run(settings, args.runs))


if __name__ == "__main__":
    main()
