"""Many clients at once on one query: does the API stay up, shed what it cannot serve with a 503, and
answer the rest within a bound? (Issue 10 saw 37 requests/s, a 12.8 s p99 and connection resets at 200.)

    python -m bench.load [--clients 200] [--seconds 20] [--workers 1]

Starts a Neo4j of its own with the sample city, serves the API with `gridwork serve` on loopback, then
runs the clients for a bounded time and number of requests. Loopback only: it refuses any other host.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.constraints import ensure_constraints
from graph.driver import Neo4jSettings, open_graph
from gridwork.neo4j_local import server
from loaders.bundle import open_bundle
from loaders.importer import import_bundle
from schema.permissions import Role, issue_token

SAMPLE_CITY = Path(__file__).parents[1] / "seeds" / "sample_city"
QUERY = '{ building(id: "B1") { name servedBy { role level via person { name } organisation { name } } } }'
SECRET = "load-benchmark-secret-0123456789-abcdefgh"
MAX_REQUESTS = 50_000


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    served_ms: list[float] = field(default_factory=list)  # 200s only
    shed_ms: list[float] = field(default_factory=list)  # 503s


async def client(url: str, token: str, until: float, tally: Tally, http: httpx.AsyncClient) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < until and sum(tally.statuses.values()) < MAX_REQUESTS:
        started = time.perf_counter()
        try:
            response = await http.post(f"{url}/graphql", json={"query": QUERY}, headers=headers)
        except httpx.TransportError as error:
            tally.statuses[type(error).__name__] += 1
            continue
        ms = (time.perf_counter() - started) * 1000
        tally.statuses[str(response.status_code)] += 1
        if response.status_code == 200:
            tally.served_ms.append(ms)
        elif response.status_code == 503:
            tally.shed_ms.append(ms)
            await asyncio.sleep(float(response.headers.get("retry-after", "1")))


async def load(url: str, clients: int, seconds: float) -> tuple[Tally, float]:
    token = issue_token(SECRET, Role.ANALYST)
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        for _ in range(5):  # warm the plans before measuring
            await http.post(
                f"{url}/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"}
            )
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(client(url, token, until, tally, http) for _ in range(clients)))
        return tally, time.monotonic() - started


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def seed(settings: Neo4jSettings) -> None:
    graph = open_graph(settings)
    try:
        await ensure_constraints(graph)
        await import_bundle(graph, open_bundle(SAMPLE_CITY))
    finally:
        await graph.close()


def serve(neo4j_uri: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GRIDWORK_", "NEO4J_"))},
        "NEO4J_URI": neo4j_uri,
        "GRIDWORK_SECRET": SECRET,
        "GRIDWORK_LOG_LEVEL": "WARNING",
    }
    command = [str(Path(sys.executable).with_name("gridwork")), "serve", "--port", str(port)]
    return subprocess.Popen([*command, "--workers", str(workers)], env=env)


def wait_ready(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the API at {url} was not ready within {timeout:.0f} s")


def report(tally: Tally, seconds: float, clients: int) -> None:
    total = sum(tally.statuses.values())
    print(f"{clients} clients for {seconds:.1f} s: {total} requests, {total / seconds:.0f}/s")
    print(f"  answers: {dict(sorted(tally.statuses.items()))}")
    served = tally.served_ms
    if served:
        print(
            f"  served (200): {len(served) / seconds:.0f}/s, median {statistics.median(served):.0f} ms, "
            f"p95 {percentile(served, 95):.0f} ms, p99 {percentile(served, 99):.0f} ms, "
            f"max {max(served):.0f} ms"
        )
    if tally.shed_ms:
        print(
            f"  shed (503): median {statistics.median(tally.shed_ms):.0f} ms, max {max(tally.shed_ms):.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if not 1 <= args.clients <= 1000 or not 1 <= args.seconds <= 120:
        raise SystemExit("at most 1,000 clients for at most 120 s")
    with tempfile.TemporaryDirectory() as data_dir, server.running(Path(data_dir)) as neo4j:
        asyncio.run(seed(Neo4jSettings(uri=neo4j.uri)))
        port = server.free_port()
        url = f"http://127.0.0.1:{port}"  # loopback only, by construction
        api = serve(neo4j.uri, port, args.workers)
        try:
            wait_ready(url)
            tally, seconds = asyncio.run(load(url, args.clients, args.seconds))
        finally:
            api.terminate()
            api.wait(timeout=30)
    report(tally, seconds, args.clients)


if __name__ == "__main__":
    main()
