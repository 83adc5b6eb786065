"""The machine a benchmark ran on, named in its report: CPU, cores, memory, load and software versions."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from bench.side_by_side.operations import NEO4J_GRAPHQL_DIR


def _first(path: str, key: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def _node_version() -> str | None:
    try:
        done = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip().lstrip("v")


def _package_version(name: str) -> str | None:
    manifest = NEO4J_GRAPHQL_DIR / "node_modules" / name / "package.json"
    try:
        return str(json.loads(manifest.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def describe(neo4j_version: str | None = None) -> dict[str, Any]:
    memory_kb = _first("/proc/meminfo", "MemTotal")
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory_kb.split()[0]) / 1024**2, 1) if memory_kb else None,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "node": _node_version(),
        "neo4j": neo4j_version,
        "neo4j_graphql": _package_version("@neo4j/graphql"),
    }


def one_line(machine: dict[str, Any]) -> str:
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}; "
        f"Python {machine['python']}, Node.js {machine['node']}, Neo4j {machine['neo4j']}, "
        f"@neo4j/graphql {machine['neo4j_graphql']}"
    )
