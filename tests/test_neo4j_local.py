"""The local Neo4j: its configuration, and start/stop/status as a user sees them.

The session's server (conftest) already proves a cold start from Maven Central's jars; these tests
check what a second start, a taken port and a stopped server look like.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from gridwork.neo4j_local import server
from tests.conftest import SessionNeo4j


def test_the_configuration_binds_bolt_to_loopback_only(tmp_path: Path) -> None:
    conf = server.render_conf(tmp_path, 17999).splitlines()
    assert "server.bolt.listen_address=127.0.0.1:17999" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "server.http.enabled=false" in conf
    assert f"server.directories.data={tmp_path / 'data'}" in conf


def test_a_directory_without_a_server_is_not_running(tmp_path: Path) -> None:
    status = server.status(tmp_path)
    assert not status.running and status.pid is None
    assert server.stop(data_dir=tmp_path) is False


def test_nothing_speaks_bolt_on_a_closed_port() -> None:
    assert not server.bolt_answers(1)


def _local(neo4j_server: SessionNeo4j) -> tuple[int, Path]:
    if neo4j_server.data_dir is None:
        pytest.skip("the session's Neo4j is not a local one")
    return int(neo4j_server.settings.uri.rsplit(":", 1)[1]), neo4j_server.data_dir


def test_start_refuses_a_port_taken_by_another_server(neo4j_server: SessionNeo4j, tmp_path: Path) -> None:
    port, _ = _local(neo4j_server)
    with pytest.raises(server.LocalServerError, match="is taken by another Bolt server"):
        server.start(port=port, data_dir=tmp_path)


def test_status_reports_the_session_server_and_a_second_start_is_a_no_op(neo4j_server: SessionNeo4j) -> None:
    port, data_dir = _local(neo4j_server)
    status = server.status(data_dir)
    assert status.running and status.port == port and status.version == "5.26.30"
    again = server.start(port=port, data_dir=data_dir)
    assert again.running and again.pid == status.pid


def test_start_refuses_a_second_port_for_a_running_data_dir(neo4j_server: SessionNeo4j) -> None:
    port, data_dir = _local(neo4j_server)
    with pytest.raises(server.LocalServerError, match=f"already runs on port {port}"):
        server.start(port=port + 1, data_dir=data_dir)


def test_a_stale_pid_file_naming_another_process_is_not_a_running_server(tmp_path: Path) -> None:
    """Pids are reused: a pid file left by a crash must not make `start` wait on some other program."""
    (tmp_path / "gridwork.pid").write_text(str(os.getpid()))
    (tmp_path / "gridwork.port").write_text("7999")
    assert not server.status(tmp_path).running
    assert server.stop(data_dir=tmp_path) is False
    assert not (tmp_path / "gridwork.pid").exists()


def test_a_server_just_spawned_is_waited_for_until_it_answers_or_exits(tmp_path: Path) -> None:
    """Between fork and exec a new server's command line is still Python's; a busy machine once took
    that for a server that had exited, and a bulk load failed while Neo4j was starting fine. A child
    still running that has not answered yet is waited for; one that exits is reported at once."""
    (tmp_path / "logs").mkdir()
    running = subprocess.Popen(["sleep", "30"])  # alive, and not Neo4j by its command line
    try:
        with pytest.raises(server.LocalServerError, match="did not answer on port 1 within 1s"):
            server._wait_for_bolt(running.pid, 1, tmp_path, 1.0, spawned=running)
    finally:
        running.kill()
        running.wait()
    exited = subprocess.Popen(["true"])
    exited.wait()
    with pytest.raises(server.LocalServerError, match="exited while starting"):
        server._wait_for_bolt(exited.pid, 1, tmp_path, 10.0, spawned=exited)
