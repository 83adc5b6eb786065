"""How fast a generated city of N people goes in, end to end, as an operator runs it.

Each load is `gridwork load BUNDLE` in a process of its own against a throw-away Neo4j (bench.scratch):
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

from bench.scratch import machine, scratch_neo4j
from graph.driver import Neo4jSettings
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
                row = [row[0], homes[(number + 4_000) % len(homes)][1], *row[2:]]
            writer.writerow(row)


def load(settings: Neo4jSettings, bundle: Path, name: str, rows: int) -> None:
    env = {**os.environ, "NEO4J_URI": settings.uri}
    cli = Path(sys.executable).parent / "gridwork"
    started = time.perf_counter()
    done = subprocess.run([str(cli), "load", str(bundle)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far, MiB
    total = [line for line in done.stdout.splitlines() if "total" in line]
    print(
        f"{name:<22} {seconds:7.1f} s  {rows / seconds:9,.0f} rows/s  peak RSS so far {peak:6.0f} MiB  "
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
        with scratch_neo4j() as settings:
            load(settings, city, "first load (empty)", rows)
            load(settings, city, "second load (same)", rows)
            load(settings, later, "next month (update)", rows)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
