"""How fast a generated city of N people goes in, end to end, as an operator runs it.

Each load is `gridwork load BUNDLE` in a process of its own against a throw-away local Neo4j:
its wall time includes starting Python, reading, checking, writing and publishing; its peak memory is
the loader process's own, and apart from it that of its largest child (the bulk importer). Phases: a
first load into an empty database, the same bundle again (nothing changes), next month's bundle
(every resident's phone changed, 1% moved home) as an update, and a month as an operator's bundle says
it (`month`: residents who left, arrived, moved or changed phone, pairings that ended).
Run: `python -m bench.import_scale [--persons N] [--bundle DIR] [--data-dir DIR] [--phases ...]`.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

from bench.scratch import machine
from gridwork.neo4j_local import server
from seeds.generator import generate


def count_rows(folder: Path) -> int:
    return sum(sum(1 for _ in path.open(encoding="utf-8")) - 1 for path in folder.glob("*.csv"))


def next_month(city: Path, out: Path) -> None:
    """The same city a month later: every phone changed, every hundredth resident in another building."""
    shutil.copytree(city, out)
    with (city / "Person.csv").open(encoding="utf-8", newline="") as source:
        rows = csv.reader(source)
        header = next(rows)
        phone = header.index("phone")

        def new_phones() -> Iterator[list[str]]:
            for row in rows:
                row[phone] = "137" + row[phone][3:] if row[phone] else row[phone]
                yield row

        _write(out / "Person.csv", header, new_phones())
    header, homes = _read(city / "LIVES_IN.csv")
    buildings = [row[1] for row in homes]
    _write(
        out / "LIVES_IN.csv",
        header,
        (
            [row[0], _elsewhere(buildings, n), *row[2:]] if n % 100 == 0 else row
            for n, row in enumerate(homes)
        ),
    )


def _elsewhere(buildings: Sequence[str], number: int) -> str:
    """Where the resident of home `number` moves: the building of the home half the list away."""
    return buildings[(number + len(buildings) // 2) % len(buildings)]


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as source:
        header, *rows = csv.reader(source)
    return header, rows


def _write(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# A month of change, per resident: who left (removed, every row naming them dropped), who changed
# phone, who moved home; one in NEW_EVERY more arrives; one pairing (HELPS) in ENDED_EVERY ends.
LEFT, PHONE_CHANGED, MOVED = (200, 7), (50, 3), (100, 11)
NEW_EVERY, ENDED_EVERY = 100, 20


def _number(person: str) -> int:
    return int(person.rsplit("P", 1)[1])


def _is(person: str, every: tuple[int, int]) -> bool:
    return _number(person) % every[0] == every[1]


def month_of_change(before: Path, out: Path, today: date) -> dict[str, int]:
    """`before` a month later, as an operator's bundle says it: the rows of residents who left carry
    `op` = `remove` and every row naming them elsewhere is gone; new residents have a row and a home;
    some moved home or changed phone; some pairings ended yesterday. Returns how many of each."""
    out.mkdir()
    header, rows = _read(before / "Person.csv")
    phone = header.index("phone")
    left = {row[0] for row in rows if _is(row[0], LEFT)}
    counts = {"left": len(left), "phone": 0, "moved": 0, "arrived": 0, "ended": 0}
    prefix, last = rows[0][0].rsplit("P", 1)[0], max(_number(row[0]) for row in rows)

    def newcomer(number: int, name: str) -> list[str]:
        cells = {
            "id": f"{prefix}P{number}",
            "name": name,
            "phone": f"139{number:08d}",
            "partyMember": "false",
        }
        return [cells.get(column, "") for column in header]

    arrived = [newcomer(last + 1 + n, rows[n * NEW_EVERY][1]) for n in range(len(rows) // NEW_EVERY)]
    counts["arrived"] = len(arrived)

    def people() -> Iterator[list[str]]:
        for row in rows:
            if row[0] in left:
                yield [row[0], *[""] * (len(header) - 1), "remove"]
                continue
            if _is(row[0], PHONE_CHANGED) and row[phone]:
                row[phone] = row[phone][:3] + str(9 - int(row[phone][3])) + row[phone][4:]
                counts["phone"] += 1
            yield [*row, ""]
        yield from ([*row, ""] for row in arrived)

    _write(out / "Person.csv", [*header, "op"], people())
    yesterday = (today - timedelta(days=1)).isoformat()
    for path in sorted(before.glob("*.csv")):
        if path.name == "Person.csv":
            continue
        header, rows = _read(path)
        if header[:2] == ["from", "to"]:
            rows = [row for row in rows if row[0] not in left and row[1] not in left]
        if path.name == "LIVES_IN.csv":
            buildings = [row[1] for row in rows]
            for number, row in enumerate(rows):
                elsewhere = _elsewhere(buildings, number)
                if _is(row[0], MOVED) and elsewhere != row[1]:
                    row[1] = elsewhere
                    counts["moved"] += 1
            rows += [
                [person[0], buildings[n * 7 % len(buildings)], "", ""] for n, person in enumerate(arrived)
            ]
        if path.name == "HELPS.csv":
            since, until = header.index("since"), header.index("until")
            for number, row in enumerate(rows):
                if number % ENDED_EVERY == 0 and not row[until] and row[since] < yesterday:
                    row[until] = yesterday
                    counts["ended"] += 1
        _write(out / path.name, header, rows)
    return counts


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(data_dir: Path, bundle: Path, name: str, rows: int) -> None:
    """One `gridwork load`, timed by the wall clock and by the CPU it and Neo4j used.

    On a busy machine the wall time measures the neighbours; CPU seconds do not. The loader's CPU
    includes the bulk importer it runs (a child process). A bulk first load restarts the server: its
    Neo4j CPU is then the new server's (building the indexes), the old one's lookups being none.
    """
    status = server.status(data_dir)
    assert status.pid is not None
    env = {**os.environ, "NEO4J_URI": status.uri}
    cli = Path(sys.executable).parent / "gridwork"
    neo4j_before = cpu_seconds(status.pid)
    started = time.perf_counter()
    command = [sys.executable, "-c", _MEASURED, str(cli), "load", str(bundle), "--data-dir", str(data_dir)]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    now = server.status(data_dir)
    assert now.pid is not None
    neo4j_cpu = cpu_seconds(now.pid) - (neo4j_before if now.pid == status.pid else 0.0)
    measured = done.stderr.rsplit(_PEAK, 1)[-1].split()[:3]
    own, children = int(measured[0]) / 1024, int(measured[1]) / 1024
    loader_cpu = float(measured[2])
    total = [line for line in done.stdout.splitlines() if "total" in line]
    path = [line for line in done.stdout.splitlines() if line.startswith("written by")]
    print(
        f"{name:<22} wall {seconds:7.1f} s {rows / seconds:9,.0f} rows/s | CPU loader {loader_cpu:6.1f} s "
        f"Neo4j {neo4j_cpu:6.1f} s: {rows / (loader_cpu + neo4j_cpu):9,.0f} rows per CPU-second | "
        f"peak RSS: loader {own:5.0f} MiB, its children {children:5.0f} MiB | "
        f"load avg {os.getloadavg()[0]:.0f} | "
        f"{total[-1].strip() if total else done.stderr.strip()[-300:]} | {path[0] if path else ''}",
        flush=True,
    )
    if done.returncode:
        raise SystemExit(done.stderr)


PHASES = ("first", "same", "update", "month")
# `gridwork load` run inside a Python that says, as it ends, the peak memory of the loader itself and
# of its largest child (the bulk importer's JVM, on a first load), in KiB, and the CPU seconds of both.
# Measured there, not as this process's children: a first load stops the server this process started,
# and that server's CPU would be counted whenever this process reaps it. The loader's own peak is its
# VmHWM: Linux carries a forked process's high-water mark over exec into ru_maxrss, so that figure would
# be at least this process's size when it started the loader. A child's ru_maxrss includes the
# loader's size when it started that child: for the importer's JVM, an upper bound.
_PEAK = "GRIDWORK_PEAK"
_MEASURED = f"""
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    mine, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = mine.ru_utime + mine.ru_stime + kids.ru_utime + kids.ru_stime
    print("{_PEAK}", own, kids.ru_maxrss, cpu, file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--bundle", type=Path, help="an already generated city (else one is generated)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="keep the server's data here (and leave it stopped) instead of a scratch dir",
    )
    parser.add_argument("--phases", default=",".join(PHASES), help=f"which of {', '.join(PHASES)} to run")
    args = parser.parse_args()
    phases = args.phases.split(",")
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
        month = Path(scratch) / "month"
        counts = month_of_change(later if "update" in phases else city, month, date.today())
        month_rows = count_rows(month)
        print(f"month of change: {counts} ({month_rows:,} rows)", flush=True)
        data_dir = (args.data_dir or Path(scratch) / "neo4j").resolve()
        with server.running(data_dir):
            if "first" in phases:
                load(data_dir, city, "first load (empty)", rows)
            if "same" in phases:
                load(data_dir, city, "second load (same)", rows)
            if "update" in phases:
                load(data_dir, later, "next month (update)", rows)
            if "month" in phases:
                load(data_dir, month, "a month of change", month_rows)
    print(f"load average at the end {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
