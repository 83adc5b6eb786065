"""How fast a generated city of N people goes in: generate, read and check, first load, second load.

Runs against its own throw-away Neo4j (bench.scratch). The second load changes nothing, so it measures
what checking a bundle against a full graph costs. Run: `python -m bench.import_scale [--persons N]`.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.scratch import machine, scratch_neo4j
from graph.driver import Neo4jSettings, open_graph
from loaders.bundle import read_bundle
from loaders.importer import import_bundle
from seeds.generator import generate


async def load_twice(settings: Neo4jSettings, folder: Path) -> None:
    graph = open_graph(settings)
    try:
        started = time.perf_counter()
        bundle = read_bundle(folder)
        rows = len(bundle.nodes) + len(bundle.links)
        print(f"read and check   {time.perf_counter() - started:7.1f} s  ({rows} rows)", flush=True)
        for name in ("first load", "second load"):
            started = time.perf_counter()
            report = await import_bundle(graph, bundle)
            seconds = time.perf_counter() - started
            created = report.total("created")
            print(f"{name:<16} {seconds:7.1f} s  ({rows / seconds:,.0f} rows/s, {created} created)")
    finally:
        await graph.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    args = parser.parse_args()
    print(machine(), f"| persons: {args.persons}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gridwork-city-") as scratch, scratch_neo4j() as settings:
        started = time.perf_counter()
        generate(Path(scratch), persons=args.persons, seed=1)
        print(f"generate         {time.perf_counter() - started:7.1f} s", flush=True)
        asyncio.run(load_twice(settings, Path(scratch)))


if __name__ == "__main__":
    main()
