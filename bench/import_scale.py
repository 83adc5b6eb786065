"""How fast a generated city of N people goes in, end to end, as an operator runs it.

Each load is `gridwork load BUNDLE` in a process of its own against a throw-away local Neo4j:
its wall time includes starting Python, reading, checking, writing and publishing; its peak memory is
the process's own. Phases: a first load into an empty database, the same bundle again (nothing
changes), and next month's bundle (every resident's phone changed, 1% moved home) as an update.
Run: `python -m bench.import_scale [--persons N] [--bundle DIR]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.scratch import machine
from graph.driver import Neo4jSettings
from gridwork.neo4j_local import server
from seeds.generator import generate


def count_rows(folder: Path) -> int:
    return sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in folder.glob("*.csv"))


def next_month(city: Path, out: Path) -> None:
    """The same city a month later: every phone changed, every hundredth resident in another building."""
    shutil.copytree(city, out)
    with (
        (city / "Person.csv").open(encoding="utf-8", newline="") as source,
        (out / "Person.csv").open("w", encoding="utf-8", newline="") as target,
    ):
        rows = csv.reader(source)
        writer = csv.writer(target, lineterminator="\n")
        header = next(rows)
        writer.writerow(header)
        phone = header.index("phone")
        for row in rows:
            row[phone] = "137" + row[phone][3:] if row[phone] else row[phone]
            writer.writerow(row)
    with (
        (city / "LIVES_IN.csv").open(encoding="utf-8", newline="") as source,
        (out / "LIVES_IN.csv").open("w", encoding="utf-8", newline="") as target,
    ):
        rows = csv.reader(source)
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(next(rows))
        homes = list(rows)
        for number, row in enumerate(homes):
            if number % 100 == 0:
                row = [row[0], homes[(number + len(homes) // 2) % len(homes)][1], *row[2:]]
            writer.writerow(row)


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(settings: Neo4jSettings, neo4j_pid: int, bundle: Path, name: str, rows: int) -> None:
    """One `gridwork load`, timed by the wall clock and by the CPU it and Neo4j used.

    On a busy machine the wall time measures the neighbours; CPU seconds do not. The loader checks
    everything before Neo4j writes, so on an idle machine its wall time is about the sum of the two.
    """
    env = {**os.environ, "NEO4J_URI": settings.uri}
    cli = Path(sys.executable).parent / "gridwork"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    neo4j_before = cpu_seconds(neo4j_pid)
    started = time.perf_counter()
    done = subprocess.run([str(cli), "load", str(bundle)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    loader_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    neo4j_cpu = cpu_seconds(neo4j_pid) - neo4j_before
    peak = after.ru_maxrss / 1024  # the largest child so far, MiB
    total = [line for line in done.stdout.splitlines() if "total" in line]
    print(
        f"{name:<22} wall {seconds:7.1f} s {rows / seconds:9,.0f} rows/s | CPU loader {loader_cpu:6.1f} s "
        f"Neo4j {neo4j_cpu:6.1f} s: {rows / (loader_cpu + neo4j_cpu):9,.0f} rows per CPU-second | "
        f"peak RSS {peak:5.0f} MiB | load avg {os.getloadavg()[0]:.0f} | "
        f"{total[-1].strip() if total else done.stderr.strip()[-300:]}",
        flush=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--bundle", type=Path, help="an already generated city (else one is generated)")
    args = parser.parse_args()
    print(machine(), f"| persons: {args.persons} | load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="gridwork-city-") as scratch:
        city = args.bundle or Path(scratch) / "city"
        if args.bundle is None:
            started = time.perf_counter()
            generate(city, persons=args.persons, seed=1)
            print(f"generate               {time.perf_counter() - started:7.1f} s", flush=True)
        later = Path(scratch) / "next-month"
        next_month(city, later)
        rows = count_rows(city)
        print(f"rows per bundle: {rows:,}", flush=True)
        with server.running(Path(scratch) / "neo4j") as status:
            assert status.pid is not None
            settings = Neo4jSettings(uri=status.uri)
            load(settings, status.pid, city, "first load (empty)", rows)
            load(settings, status.pid, city, "second load (same)", rows)
            load(settings, status.pid, later, "next month (update)", rows)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
