"""Gridwork's API for the benchmark, in a process of its own: `create_app` served by uvicorn.

Run by the harness as `python -m bench.side_by_side.gridwork_server PORT`, with NEO4J_URI and
GRIDWORK_SECRET in its environment; access logs off, as a production server behind a proxy would run.
Every limit keeps its default but the statement timeout, raised so that each operation is answered and
timed (a loaded machine should give slow figures, not errors).
"""

from __future__ import annotations

import os
import sys

import uvicorn
from pydantic import SecretStr

from graph.driver import Neo4jSettings
from gridwork.app import create_app
from gridwork.settings import Limits, Settings

STATEMENT_SECONDS = 600.0


def main() -> None:
    port = int(sys.argv[1])
    settings = Settings(
        secret=SecretStr(os.environ["GRIDWORK_SECRET"]),
        neo4j=Neo4jSettings(uri=os.environ["NEO4J_URI"], user=None, password=None, database=None),
        limits=Limits(statement_seconds=STATEMENT_SECONDS),
    )
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
