"""A bundle that updates many rows writes them in batches of its run, each journaling the values it
replaces (one ImportUndo node per transaction): undoing the run restores them, publishing drops the
journal, and neither leaves a node of it behind."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph import imports
from graph.driver import Graph
from graph.imports import open_runs, stored_rels
from graph.model import Rel
from loaders import importer
from loaders.bundle import read_bundle
from loaders.importer import UNCHANGED, UPDATED, import_bundle
from tests.conftest import HAND_CITY
from tests.loaders.bundles import bundle_of

pytestmark = pytest.mark.anyio

# Next month: P1's and P2's phones change, P10 needs nothing any more, and P3 stops helping P10.
PERSON = (
    "id,name,phone,partyMember,skills,needs\n"
    "P1,彭淑敏,13900000001,true,,\n"
    "P2,姜志刚,13900000002,false,REPAIR,\n"
    "P10,杜玉珍,13800000010,false,,\n"
)
HELPS = "from,to,since,until\nP3,P10,2025-03-01,2026-11-27\n"


@pytest.fixture
def in_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every update written in the run's batches, none in the publishing transaction."""
    monkeypatch.setattr(importer, "PUBLISH_UPDATES", 0)


async def _people(graph: Graph) -> dict[str, tuple[Any, ...]]:
    records = await graph.driver.execute_query(
        "MATCH (p:Person) WHERE p.id IN ['P1', 'P2', 'P10'] "
        "RETURN p.id AS id, p.phone AS phone, p.needs AS needs, p:InNeed AS inNeed"
    )
    return {r["id"]: (r["phone"], r["needs"], r["inNeed"]) for r in records.records}


async def _journals(graph: Graph) -> int:
    records = await graph.driver.execute_query("MATCH (u:ImportUndo) RETURN count(u) AS journals")
    return int(records.records[0]["journals"])


async def _helps(graph: Graph) -> list[object]:
    return [r.props.get("until") for r in (await stored_rels(graph, Rel.HELPS, ["P3"]))["P3"]]


async def test_a_run_that_fails_before_publishing_gets_every_replaced_value_back(
    graph: Graph, tmp_path: Path, in_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    before = await _people(graph)
    assert before == {
        "P1": ("13800000001", None, False),
        "P2": ("13800000002", None, False),
        "P10": ("13800000010", ["ELDERLY_ALONE", "LOW_INCOME"], True),
    }
    written: list[str] = []

    async def written_then_failing(graph: Graph, run_id: str, *args: Any) -> None:
        written.append(run_id)
        assert await _journals(graph) == 2, "the people in one transaction, the pairing in another"
        raise RuntimeError("Neo4j went away while publishing")

    monkeypatch.setattr(imports, "publish", written_then_failing)
    with pytest.raises(RuntimeError, match="while publishing"):
        await import_bundle(graph, read_bundle(bundle_of(tmp_path, Person=PERSON, HELPS=HELPS)))
    assert written, "the run wrote its batches before it failed"
    assert await _people(graph) == before, "phones, needs and the InNeed label are restored"
    assert await _helps(graph) == [None], "the pairing runs on, as before"
    assert await _journals(graph) == 0
    assert [(r.id, r.state) for r in await open_runs(graph)] == [(written[0], "undone")]


async def test_a_published_run_keeps_no_journal(graph: Graph, tmp_path: Path, in_batches: None) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    report = await import_bundle(graph, read_bundle(bundle_of(tmp_path, Person=PERSON, HELPS=HELPS)))
    assert report.counts["Person"] == {UPDATED: 3}
    assert report.counts["HELPS"] == {UPDATED: 1}
    assert await _people(graph) == {
        "P1": ("13900000001", None, False),
        "P2": ("13900000002", None, False),
        "P10": ("13800000010", None, False),
    }
    assert await _helps(graph) == [date(2026, 11, 27)]
    assert await _journals(graph) == 0, "the replaced phones do not linger"
    again = await import_bundle(graph, read_bundle(bundle_of(tmp_path, Person=PERSON, HELPS=HELPS)))
    assert again.counts["Person"] == {UNCHANGED: 3}


async def test_a_new_phone_leaves_a_resident_in_need(graph: Graph, tmp_path: Path, in_batches: None) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    phone = "id,name,phone,partyMember,skills,needs\nP10,杜玉珍,13900000010,false,,ELDERLY_ALONE;LOW_INCOME\n"
    report = await import_bundle(graph, read_bundle(bundle_of(tmp_path, Person=phone)))
    assert report.counts["Person"] == {UPDATED: 1}
    assert (await _people(graph))["P10"] == ("13900000010", ["ELDERLY_ALONE", "LOW_INCOME"], True)


async def test_a_batch_that_fails_beside_another_undoes_the_whole_run(
    graph: Graph, tmp_path: Path, in_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    before = await _people(graph)
    write_batch = imports.write_batch
    calls, at_once, most = 0, 0, 0

    async def second_fails(graph: Graph, run_id: str, writes: Any) -> None:
        nonlocal calls, at_once, most
        calls += 1
        at_once += 1
        most = max(most, at_once)
        try:
            if calls == 2:  # the pairing's batch, while the people's is being written
                raise RuntimeError("Neo4j refused the second batch")
            await write_batch(graph, run_id, writes)
        finally:
            at_once -= 1

    monkeypatch.setattr(imports, "write_batch", second_fails)
    with pytest.raises(RuntimeError, match="second batch"):
        await import_bundle(graph, read_bundle(bundle_of(tmp_path, Person=PERSON, HELPS=HELPS)))
    assert most == importer.IN_FLIGHT == 2, "two batches were written at once"
    assert await _people(graph) == before, "what the people's batch wrote is undone"
    assert await _helps(graph) == [None]
    assert await _journals(graph) == 0
    assert [r.state for r in await open_runs(graph)] == ["undone"]
