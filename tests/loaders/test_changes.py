"""Next month's bundle: who moved, which pairing ended, who left; and an import killed half-way."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from graph.audit import audit_log
from graph.driver import Graph, Neo4jSettings, open_graph
from graph.imports import open_runs, stored_rels
from graph.maintenance import count_everything, count_stored
from graph.model import Rel, city_today
from graph.reads import nodes_by_id
from gridwork.neo4j_local import server
from loaders.bundle import BundleError, read_bundle
from loaders.bundle_out import export_bundle
from loaders.importer import CREATED, ENDED, REMOVED, UNCHANGED, UPDATED, import_bundle
from seeds.generator import generate
from tests.conftest import HAND_CITY
from tests.loaders.bundles import bundle_of

pytestmark = pytest.mark.anyio


async def links_from(graph: Graph, rel: Rel, source: str) -> dict[str, dict[str, object]]:
    found = await stored_rels(graph, rel, [source])
    return {r.target: {k: v for k, v in r.props.items() if not k.startswith("_")} for r in found[source]}


async def test_a_building_moves_to_another_grid_and_keeps_its_history(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    report = await import_bundle(
        graph, read_bundle(bundle_of(tmp_path, IN="from,to,since\nB1,G2,2026-11-01\n"))
    )
    assert report.counts["IN"] == {CREATED: 1, ENDED: 1}
    # The old link ends the day before the new one begins: exactly one current parent on any day.
    assert await links_from(graph, Rel.IN, "B1") == {
        "G1": {"until": date(2026, 10, 31)},
        "G2": {"since": date(2026, 11, 1)},
    }
    assert await count_everything(graph) == (32, 44)


async def test_a_person_moves_home_today(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    await import_bundle(graph, read_bundle(bundle_of(tmp_path, LIVES_IN="from,to\nP1,B2\n")))
    yesterday = city_today() - timedelta(days=1)
    assert await links_from(graph, Rel.LIVES_IN, "P1") == {"B1": {"until": yesterday}, "B2": {}}


async def test_a_row_with_until_ends_a_pairing(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    ending = bundle_of(tmp_path, HELPS="from,to,since,until\nP3,P10,2025-03-01,2026-11-27\n")
    report = await import_bundle(graph, read_bundle(ending))
    assert report.counts["HELPS"] == {UPDATED: 1}
    assert await links_from(graph, Rel.HELPS, "P3") == {
        "P10": {"since": date(2025, 3, 1), "until": date(2026, 11, 27)}
    }


async def test_a_renewed_pairing_is_a_new_relationship_beside_its_history(
    graph: Graph, tmp_path: Path
) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))  # P3 helps P10 since 2025-03-01
    renewed = bundle_of(tmp_path, HELPS="from,to,since,until\nP3,P10,2026-12-01,\n")
    report = await import_bundle(graph, read_bundle(renewed))
    assert report.counts["HELPS"] == {CREATED: 1}
    stored = await stored_rels(graph, Rel.HELPS, ["P3"])
    assert sorted(r.props["since"] for r in stored["P3"]) == [date(2025, 3, 1), date(2026, 12, 1)]


async def test_a_row_given_in_part_is_compared_in_full_by_the_next_load(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # Only id and name: the stored row keeps its phone, so the fingerprint of the whole row is
    # no longer known; the next full load must compare P1 property by property and set the name back.
    renamed = bundle_of(tmp_path, Person="id,name\nP1,改过的名字\n")
    assert (await import_bundle(graph, read_bundle(renamed))).counts["Person"] == {UPDATED: 1}
    again = await import_bundle(graph, read_bundle(HAND_CITY))
    assert again.counts["Person"] == {UPDATED: 1, UNCHANGED: 9}
    assert (await import_bundle(graph, read_bundle(HAND_CITY))).counts["Person"] == {UNCHANGED: 10}


async def test_a_published_import_is_in_the_audit_log_with_who_ran_it(graph: Graph, tmp_path: Path) -> None:
    started = datetime.now(UTC)
    await import_bundle(graph, read_bundle(HAND_CITY))
    entries = await audit_log(graph, start=started, end=datetime.now(UTC) + timedelta(minutes=1), first=10)
    assert [e.action for e in entries] == ["importBundle"]
    assert entries[0].who.startswith("loader:")
    assert entries[0].targets[:3] == ("D", "S", "C")  # the first nodes written, in bundle order
    assert entries[0].detail == "32 nodes created, updated or removed"


async def test_rows_are_removed_with_an_op_column(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    leaving = bundle_of(
        tmp_path, Person="id,name,op\nP9,,remove\n", VOLUNTEERS_FOR="from,to,op\nP2,B1,remove\n"
    )
    dry = await import_bundle(graph, read_bundle(leaving), dry_run=True)
    assert dry.counts["Person"] == {REMOVED: 1} and dry.counts["VOLUNTEERS_FOR"] == {REMOVED: 1}
    assert await count_everything(graph) == (32, 43), "a dry run shows what would change, and no more"
    await import_bundle(graph, read_bundle(leaving))
    # P9 goes with their two relationships (LIVES_IN B2, LEADS B2); P2 no longer volunteers for B1.
    assert await count_everything(graph) == (31, 40)
    assert "P9" not in await nodes_by_id(graph, ["P9"])


async def test_what_cannot_be_removed_is_refused_before_anything_is_written(
    graph: Graph, tmp_path: Path
) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    bundle = bundle_of(
        tmp_path,
        Person="id,name,op\nP99,,remove\n",
        Grid="id,name,op\nG1,,remove\n",
        Community="id,name,population\nC,南湖社区,1\n",
    )
    with pytest.raises(BundleError) as refused:
        await import_bundle(graph, read_bundle(bundle))
    assert sorted(str(p) for p in refused.value.problems) == [
        'Grid.csv:2: Grid "G1" still holds 1 current areas: move or remove them first',
        'Person.csv:2: no Person "P99" to remove in the database',
    ]
    assert (await nodes_by_id(graph, ["C"]))["C"].props["population"] == 5200


def _load_in_a_process(bundle: Path, settings: Neo4jSettings) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEO4J_URI": settings.uri}
    cli = Path(sys.executable).parent / "gridwork"
    return subprocess.Popen(
        [str(cli), "load", str(bundle)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


async def test_a_killed_import_leaves_nothing_visible_and_a_rerun_succeeds(
    graph: Graph, neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    written = generate(tmp_path / "city", persons=20_000, seed=3)
    loader = _load_in_a_process(tmp_path / "city", neo4j_settings)
    try:
        for _ in range(1200):  # until the run has begun writing and committed some of it
            if [r for r in await open_runs(graph) if r.state == "writing"] and (await count_stored(graph))[0]:
                break
            assert loader.poll() is None, loader.stderr.read() if loader.stderr else ""
            await asyncio.sleep(0.1)
        else:
            pytest.fail("the import never began writing")
        loader.send_signal(signal.SIGKILL)
        loader.wait()
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    stored = await count_stored(graph)
    assert stored[0] > 0, "the killed run had written something"
    assert await count_everything(graph) == (0, 0), "none of it is visible"
    await export_bundle(graph, tmp_path / "export")
    assert not list((tmp_path / "export").glob("*.csv")), "an export sees none of it either"

    report = await import_bundle(graph, read_bundle(tmp_path / "city"))
    assert report.total(CREATED) == sum(written.values())
    assert await count_everything(graph) == await count_stored(graph)
    assert [r for r in await open_runs(graph) if r.state == "writing"] == []


async def test_neo4j_going_down_mid_load_ends_with_one_clear_line(tmp_path: Path) -> None:
    """Its own Neo4j, killed while the loader writes: one line, no traceback, no minute of retries."""
    generate(tmp_path / "city", persons=20_000, seed=4)
    with server.running(tmp_path / "neo4j") as status:
        settings = Neo4jSettings(uri=status.uri)
        graph = open_graph(settings)
        loader = _load_in_a_process(tmp_path / "city", settings)
        try:
            for _ in range(1200):
                if [r for r in await open_runs(graph) if r.state == "writing"]:
                    break
                assert loader.poll() is None
                await asyncio.sleep(0.1)
            assert status.pid is not None
            os.kill(status.pid, signal.SIGKILL)
            crashed = time.monotonic()
            _, stderr = loader.communicate(timeout=180)
            waited = time.monotonic() - crashed
        finally:
            await graph.close()
            if loader.poll() is None:
                loader.kill()
    text = stderr.decode()
    lines = [line for line in text.splitlines() if line.strip()]
    assert loader.returncode == 1
    assert len(lines) == 1, text
    assert "does not answer" in lines[0] and "nothing of" in lines[0] and "is visible" in lines[0]
    assert waited < 60, f"{waited:.0f} s after the crash"
