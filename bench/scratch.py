"""A throw-away local Neo4j for a benchmark, so that no benchmark touches a database in use."""

from __future__ import annotations

import os
import platform
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.driver import Neo4jSettings
from gridwork.neo4j_local import server


def machine() -> str:
    return f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


@contextmanager
def scratch_neo4j() -> Iterator[Neo4jSettings]:
    """A local Neo4j on a free port with its data in a temporary folder, stopped and removed after."""
    with (
        tempfile.TemporaryDirectory(prefix="gridwork-bench-") as scratch,
        server.running(Path(scratch)) as status,
    ):
        yield Neo4jSettings(uri=status.uri, user=None, password=None)
