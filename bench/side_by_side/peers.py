"""The two HTTP servers under test, each in a process of its own, started and always stopped.

Gridwork: `create_app` under uvicorn (gridwork_server.py). @neo4j/graphql: bench/neo4j-graphql/server.mjs on
Node.js, whose packages are installed from the committed lock file (`npm ci`) the first time.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.side_by_side.operations import NEO4J_GRAPHQL_DIR

ROOT = Path(__file__).parents[2]
READY_TIMEOUT = 180.0


class PeerError(RuntimeError):
    """A server under test could not be started; the message says which and ends with its log."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def node_missing() -> str | None:
    """Why @neo4j/graphql cannot run here, or None when `node` and `npm` are on the PATH."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not found on the PATH" if missing else None


def install_neo4j_graphql() -> None:
    """`npm ci` in bench/neo4j-graphql/ unless its node_modules were installed from the current lock file."""
    installed = NEO4J_GRAPHQL_DIR / "node_modules" / ".package-lock.json"  # npm writes it on install
    lock = NEO4J_GRAPHQL_DIR / "package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    done = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"],
        cwd=NEO4J_GRAPHQL_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise PeerError(f"npm ci in {NEO4J_GRAPHQL_DIR} failed:\n{done.stderr[-2000:]}")


@contextmanager
def gridwork_api(neo4j_uri: str, secret: str) -> Iterator[str]:
    """Gridwork's API on a free port; yields its /graphql URL."""
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "GRIDWORK_SECRET": secret}
    command = [sys.executable, "-m", "bench.side_by_side.gridwork_server", str(port)]
    with _process("gridwork", command, ROOT, env) as started:
        _wait_until_ready(started, f"http://127.0.0.1:{port}/healthz", None)
        yield f"http://127.0.0.1:{port}/graphql"


@contextmanager
def neo4j_graphql_api(neo4j_uri: str) -> Iterator[str]:
    """The @neo4j/graphql server on a free port; yields its /graphql URL."""
    install_neo4j_graphql()
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_uri, "PORT": str(port)}
    with _process("neo4j-graphql", ["node", "server.mjs"], NEO4J_GRAPHQL_DIR, env) as started:
        url = f"http://127.0.0.1:{port}/graphql"
        _wait_until_ready(started, url, {"query": "{ __typename }"})
        yield url


@dataclass(frozen=True)
class Started:
    name: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@contextmanager
def _process(name: str, command: list[str], cwd: Path, env: dict[str, str]) -> Iterator[Started]:
    with tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False) as log_file:
        log = Path(log_file.name)
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        yield Started(name, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)


def _wait_until_ready(started: Started, url: str, query: dict[str, str] | None) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if started.process.poll() is not None:
            raise PeerError(f"{started.name} exited with {started.process.returncode}:\n{started.log_tail()}")
        try:
            answer = httpx.post(url, json=query) if query else httpx.get(url)
            if answer.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise PeerError(
        f"{started.name} did not answer at {url} within {READY_TIMEOUT:.0f} s; its log ends:\n"
        f"{started.log_tail()}"
    )
