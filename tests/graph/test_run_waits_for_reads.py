"""An import run writes nothing while a read that looked up the hidden runs before it began is still
open: at read-committed isolation that read would otherwise meet the run's first batch and show it.

The read here is `coverageGaps` the way the API runs it (graph.reads.fetch_shown): the hidden runs
looked up first, then the planners' statement with that list, in one read transaction. plan_city's
community C1 has the gaps of C1_GAPS (tests/graph/test_planning.py); the run adds P9001, a resident in
need of B1 in C1 with no helper, which would be one more HELPER row if it were shown.
"""

from __future__ import annotations

import asyncio

import pytest

from graph import imports
from graph.driver import Graph, run
from graph.imports import Write, start_run, write_batch
from graph.policy import policy
from graph.reads import hidden_runs
from graph.statements.planning import COVERAGE_GAPS
from tests.conftest import TODAY, load
from tests.graph.test_planning import C1_GAPS, PLAN_CITY, gaps_of, rows

pytestmark = pytest.mark.anyio

NEW_RESIDENT = [
    Write(
        "create_nodes", "Person", [{"id": "P9001", "props": {"name": "新住户", "needs": ["ELDERLY_ALONE"]}}]
    ),
    Write("create_rels", "LIVES_IN", [{"from": "P9001", "to": "B1", "props": {}}]),
]


async def test_a_run_waits_for_the_reads_begun_before_it(graph: Graph) -> None:
    await load(graph, PLAN_CITY)

    async def new_run() -> None:
        await start_run(graph, "run-late", bundle="test", host="here", pid=1)
        await write_batch(graph, "run-late", NEW_RESIDENT)

    params = {"scope": "C1", "today": TODAY, "year": TODAY.year, "policy": policy().cypher_params()}
    async with graph.driver.session() as session:
        read = await session.begin_transaction()
        hidden = await hidden_runs(read)  # type: ignore[arg-type]
        assert hidden == []
        writer = asyncio.create_task(new_run())
        await asyncio.sleep(2.0)  # time enough to start a run and write a batch, had it not waited
        assert not writer.done(), "the run wrote while a read begun before it was still open"
        records = await run(read, COVERAGE_GAPS, hiddenRuns=hidden, **params)  # type: ignore[arg-type]
        assert "P9001" not in {gap["subjectId"] for gap in records[0]["gaps"]}
        await read.close()
    await asyncio.wait_for(writer, timeout=20)
    # Written now, and still hidden: the run is not published.
    assert rows(await gaps_of(graph, "C1")) == C1_GAPS
    assert [r.id for r in await imports.open_runs(graph)] == ["run-late"]
