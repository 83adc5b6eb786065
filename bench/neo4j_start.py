"""How long `gridwork neo4j start` takes: cold (jars from Maven Central), first start, restart.

Each phase runs the real command in a subprocess, in throw-away folders, on a free port:
- cold: an empty Maven repository and jar cache, so the jars come from Maven Central;
- first start: jars cached, a new data directory (Neo4j creates its databases);
- warm restart: the same data directory again after a stop.
Run: `python -m bench.neo4j_start [--skip-cold]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.scratch import machine
from gridwork.neo4j_local import server

GRIDWORK = str(Path(sys.executable).with_name("gridwork"))


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def phase(name: str, seconds: float) -> None:
    print(f"{name:<16} {seconds:6.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-cold", action="store_true", help="skip the download from Maven Central")
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory(prefix="gridwork-bench-") as scratch:
        root = Path(scratch)
        env = dict(os.environ)
        if args.skip_cold:
            env.pop("GRIDWORK_STATE_DIR", None)
        else:
            env["GRIDWORK_STATE_DIR"] = str(root / "state")
            env["MAVEN_OPTS"] = f"{env.get('MAVEN_OPTS', '')} -Dmaven.repo.local={root / 'm2'}".strip()
        data_dir = root / "neo4j"
        port = str(server.free_port())
        start = [GRIDWORK, "neo4j", "start", "--port", port, "--data-dir", str(data_dir)]
        stop = [GRIDWORK, "neo4j", "stop", "--data-dir", str(data_dir)]
        try:
            first = timed(start, env)
            phase("first start" if args.skip_cold else "cold (download)", first)
            phase("stop", timed(stop, env))
            phase("warm restart", timed(start, env))
            phase("idempotent start", timed(start, env))
        finally:
            subprocess.run(stop, env=env, check=False, stdout=subprocess.DEVNULL)
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
