"""A first load into an empty local database through Neo4j's bulk importer gives the graph a Bolt load
gives; a failed bulk import leaves the database empty and the server running.

These tests run `gridwork load` against a server of their own (the bulk path stops and restarts it),
not the session's.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.driver import Neo4jSettings, open_graph
from graph.imports import Write
from graph.maintenance import count_everything, delete_everything
from graph.model import Label, Rel
from gridwork.cli import app
from gridwork.neo4j_local import server
from loaders.bulk import BulkWriteFailed, BulkWriter, ImportRunRecord, column_types
from loaders.rowhash import HASH, LINE, row_hash
from loaders.rows import PersonRow, ResourceRow, ServiceRequestRow
from tests.conftest import HAND_CITY, SAMPLE_CITY

runner = CliRunner()
BULK = "written by Neo4j's bulk importer"
BOLT = "written by Bolt transactions"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[server.ServerStatus]:
    data_dir = tmp_path_factory.mktemp("bulk-neo4j")
    with server.running(data_dir) as status:
        yield status


@pytest.fixture
def local(own_server: server.ServerStatus, monkeypatch: pytest.MonkeyPatch) -> server.ServerStatus:
    """The module's own server, emptied, as the Neo4j of the settings."""
    _query(own_server, None)
    monkeypatch.setenv("NEO4J_URI", own_server.uri)
    return own_server


async def _query_async(status: server.ServerStatus, cypher: str | None) -> Any:
    graph = open_graph(Neo4jSettings(uri=status.uri))
    try:
        if cypher is None:
            await delete_everything(graph)
            return None
        if cypher == "count":
            return await count_everything(graph)
        async with graph.driver.session() as session:
            result = await session.run(cypher)
            return [record.data() async for record in result]
    finally:
        await graph.close()


def _query(status: server.ServerStatus, cypher: str | None) -> Any:
    return asyncio.run(_query_async(status, cypher))


def _load(status: server.ServerStatus, bundle: Path, *options: str) -> str:
    result = runner.invoke(app, ["load", str(bundle), "--data-dir", str(status.data_dir), *options])
    assert result.exit_code == 0, result.output
    return result.output


def _export(folder: Path) -> dict[str, bytes]:
    result = runner.invoke(app, ["export", str(folder), "--with-personal-data"])
    assert result.exit_code == 0, result.output
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_bulk_first_load_exports_the_same_bytes_as_a_bolt_load(
    local: server.ServerStatus, tmp_path: Path
) -> None:
    assert BULK in _load(local, SAMPLE_CITY)
    by_bulk = _export(tmp_path / "bulk")
    bulk_counts = _query(local, "count")
    # People in need carry their label either way (the planners find them by it); the sample city has some.
    in_need = "MATCH (p:InNeed) RETURN p.id AS id ORDER BY id"
    bulk_in_need = _query(local, in_need)
    assert bulk_in_need
    runs = _query(local, "MATCH (r:ImportRun) RETURN r.state AS state")
    assert runs == [{"state": "published"}]
    audit = _query(local, "MATCH (a:AuditEntry) RETURN a.action AS action, a.who AS who")
    assert len(audit) == 1 and audit[0]["action"] == "importBundle"
    assert audit[0]["who"].startswith("loader:")
    # Each row keeps the hash of the CSV line that wrote it and the fingerprint of its values (the bulk
    # writer works that out itself), as a Bolt load stores them.
    lines = "MATCH (n:Entity) RETURN n.id AS id, n._line AS line, n._hash AS hash ORDER BY id"
    bulk_lines = _query(local, lines)
    assert all(row["line"] is not None and row["hash"] is not None for row in bulk_lines)
    links = (
        "MATCH (a)-[r]->(b) WHERE r._run IS NOT NULL "
        "RETURN type(r) AS type, a.id AS a, b.id AS b, r._line AS line, r._hash AS hash "
        "ORDER BY type, a, b, line"
    )
    bulk_links = _query(local, links)
    assert all(row["line"] is not None and row["hash"] is not None for row in bulk_links)
    # The indexes were built after the import and are ready: a second load finds every row by id, and
    # knows most of them by their line alone.
    again = _load(local, SAMPLE_CITY)
    assert "Nothing changed" in again and "known by their line alone" in again

    _query(local, None)
    assert BOLT in _load(local, SAMPLE_CITY, "--no-bulk")
    assert _query(local, "count") == bulk_counts
    assert _query(local, in_need) == bulk_in_need
    assert _query(local, lines) == bulk_lines
    assert _query(local, links) == bulk_links
    assert _export(tmp_path / "bolt") == by_bulk


def test_a_load_onto_a_stored_graph_goes_through_bolt(local: server.ServerStatus) -> None:
    assert BULK in _load(local, HAND_CITY)
    later = _load(local, SAMPLE_CITY)
    assert BOLT in later


def test_a_failed_bulk_import_leaves_the_database_empty_and_neo4j_running(
    local: server.ServerStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server, "ADMIN_ENTRY_POINT", "org.neo4j.cli.NoSuchTool")
    result = runner.invoke(app, ["load", str(HAND_CITY), "--data-dir", str(local.data_dir)])
    assert result.exit_code == 1
    assert "the bulk import failed; the database is still empty and Neo4j runs again" in result.output
    assert server.status(local.data_dir).running
    assert _query(local, "count") == (0, 0)
    monkeypatch.undo()
    monkeypatch.setenv("NEO4J_URI", local.uri)
    assert BULK in _load(local, HAND_CITY), "the database is usable: the next first load works"
    assert _query(local, "count") == (32, 43)


def test_a_writer_that_cannot_write_leaves_the_database_empty_and_neo4j_running(
    local: server.ServerStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(self: BulkWriter, run: ImportRunRecord) -> None:
        raise BulkWriteFailed("writing the bulk importer's files failed: OSError: No space left on device")

    monkeypatch.setattr(BulkWriter, "finish", full_disk)
    result = runner.invoke(app, ["load", str(HAND_CITY), "--data-dir", str(local.data_dir)])
    assert result.exit_code == 1
    assert "No space left on device; the database is still empty and Neo4j runs again" in result.output
    assert server.status(local.data_dir).running
    assert _query(local, "count") == (0, 0)


def test_columns_get_the_importers_types_for_what_the_bolt_path_stores() -> None:
    # Bolt stores a Python int as a 64-bit Long and a float as a Double: `int` and `float` in the
    # importer are 32-bit, so they would change the stored values' types.
    assert column_types(PersonRow) == {
        "id": "string",
        "name": "string",
        "phone": "string",
        "partyMember": "boolean",
        "skills": "string[]",
        "needs": "string[]",
    }
    assert column_types(ResourceRow)["amount"] == "double"
    assert column_types(ResourceRow)["year"] == "long"
    assert column_types(ServiceRequestRow)["createdAt"] == "datetime"


RUN = ImportRunRecord(
    "run-1", "city", "host", 1, datetime(2026, 1, 31, 8, tzinfo=UTC), datetime(2026, 1, 31, 9, tzinfo=UTC)
)


def test_the_writer_process_writes_the_importers_files_as_it_is_given_them(tmp_path: Path) -> None:
    writer = BulkWriter(tmp_path, "run-1")
    try:
        person = {"name": "王芳", "partyMember": True, "needs": ["elderly", "disabled"]}
        writer.add(Write("create_nodes", Label.PERSON, [{"id": "P1", "props": person, HASH: 7, LINE: None}]))
        home = {"since": date(2026, 1, 31)}
        writer.add(
            Write("create_rels", Rel.LIVES_IN, [{"from": "P1", "to": "B1", "props": home, HASH: 8, LINE: 9}])
        )
        writer.add(Write("create_nodes", Label.PERSON, []))  # nothing planned in a batch: nothing sent
        # A fingerprint the planner leaves to the writer is the one the Bolt path stores.
        writer.add(Write("create_nodes", Label.PERSON, [{"id": "P2", "props": {}, HASH: None, LINE: 3}]))
        files = writer.finish(RUN)
    finally:
        writer.close()
    assert (files.rows, files.multiline) == (3, False)
    assert [p.name for p in files.nodes] == ["Person.nodes.csv", "ImportRun.nodes.csv"]
    assert [p.name for p in files.relationships] == ["LIVES_IN.relationships.csv"]
    people = (tmp_path / "Person.nodes.csv").read_text(encoding="utf-8").splitlines()
    assert people == [
        "id:ID,:LABEL,_run,_hash:long,_line:long,name:string,phone:string,partyMember:boolean,"
        "skills:string[],needs:string[]",
        # In need: the label the Bolt path sets; no line hash (not from a CSV line): an empty cell.
        "P1,Entity;Person;InNeed,run-1,7,,王芳,,true,,elderly;disabled",
        f"P2,Entity;Person,run-1,{row_hash({})},3,,,,,",
    ]
    homes = (tmp_path / "LIVES_IN.relationships.csv").read_text(encoding="utf-8").splitlines()
    assert homes[1] == "P1,B1,LIVES_IN,run-1,8,9,2026-01-31,"


def test_a_writer_that_fails_says_why_and_never_blocks_the_check(tmp_path: Path) -> None:
    writer = BulkWriter(tmp_path, "run-1")
    try:
        writer.add(Write("update_nodes", Label.PERSON, [{"id": "P1", "props": {}}]))
        # After its failure the writer still takes every batch (more than a pipe holds), so the
        # check that sends them runs on to its own end.
        row = {"id": "P2", "props": {"name": "李" * 1_000}, HASH: 1, LINE: 2}
        for _ in range(20):
            writer.add(Write("create_nodes", Label.PERSON, [row] * 100))
        with pytest.raises(BulkWriteFailed, match="a first load only creates; planned update_nodes"):
            writer.finish(RUN)
    finally:
        writer.close()


# A loader killed in the middle of its check, once its writer has begun the files.
KILLED_LOADER = """
import os, signal, sys, time
from pathlib import Path
from graph.imports import Write
from graph.model import Label
from loaders.bulk import BulkWriter
from loaders.rowhash import HASH, LINE

folder = Path(sys.argv[1])
writer = BulkWriter(folder, "run-1")
writer.add(Write("create_nodes", Label.PERSON, [{"id": "P1", "props": {}, HASH: None, LINE: None}]))
while not (folder / "Person.nodes.csv").exists():
    time.sleep(0.05)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_writer_of_a_killed_loader_removes_its_files_and_ends(tmp_path: Path) -> None:
    folder = tmp_path / "bulk"
    folder.mkdir()
    # Its output is kept: the killed loader's semaphore tracker says it cleans up what the loader left.
    loader = subprocess.run(
        [sys.executable, "-c", KILLED_LOADER, str(folder)], capture_output=True, timeout=60, check=False
    )
    assert loader.returncode == -9, loader.stderr
    deadline = time.monotonic() + 20
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not folder.exists(), "the writer left the killed loader's files behind"
