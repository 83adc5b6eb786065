"""The `gridwork` command line as an operator uses it, against the session's Neo4j."""

from __future__ import annotations

import asyncio
from pathlib import Path

import jwt
import pytest
from typer.testing import CliRunner

from graph.driver import Neo4jSettings, open_graph
from graph.maintenance import count_everything, delete_everything
from gridwork.cli import app
from tests.conftest import HAND_CITY
from tests.loaders.bundles import append, city_with

runner = CliRunner()


def _counts(settings: Neo4jSettings) -> tuple[int, int]:
    async def count() -> tuple[int, int]:
        graph = open_graph(settings)
        try:
            return await count_everything(graph)
        finally:
            await graph.close()

    return asyncio.run(count())


@pytest.fixture
def empty_neo4j(neo4j_settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch) -> Neo4jSettings:
    async def empty() -> None:
        graph = open_graph(neo4j_settings)
        try:
            await delete_everything(graph)
        finally:
            await graph.close()

    asyncio.run(empty())
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    return neo4j_settings


def test_load_prints_what_it_created_then_that_nothing_changed(empty_neo4j: Neo4jSettings) -> None:
    first = runner.invoke(app, ["load", str(HAND_CITY)])
    assert first.exit_code == 0, first.output
    assert "│ total" in first.output and "75 │" in first.output
    second = runner.invoke(app, ["load", str(HAND_CITY)])
    assert second.exit_code == 0
    assert "Nothing changed: the graph already held this bundle." in second.output
    assert _counts(empty_neo4j) == (32, 43)


def test_dry_run_writes_nothing(empty_neo4j: Neo4jSettings) -> None:
    result = runner.invoke(app, ["load", str(HAND_CITY), "--dry-run"])
    assert result.exit_code == 0 and "dry run: nothing was written" in result.output
    assert _counts(empty_neo4j) == (0, 0)


def test_a_bad_row_names_file_line_and_column_and_exits_non_zero(
    empty_neo4j: Neo4jSettings, tmp_path: Path
) -> None:
    bundle = city_with(tmp_path, Building=append("Building", "B3,南湖路5号楼,二十"))
    result = runner.invoke(app, ["load", str(bundle)])
    assert result.exit_code == 1
    assert (
        'Building.csv:4:3 (households): expected a whole number (plain digits), got "二十"' in result.output
    )
    assert "1 problem(s); nothing was written" in result.output
    assert _counts(empty_neo4j) == (0, 0)


def test_an_unreachable_neo4j_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    result = runner.invoke(app, ["load", str(HAND_CITY)])
    assert result.exit_code == 1
    assert "Neo4j at bolt://127.0.0.1:1 does not answer" in result.output


def test_token_signs_the_role_scope_and_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRIDWORK_SECRET", "cli-test-secret-0123456789-0123456789")
    result = runner.invoke(app, ["token", "--role", "AREA_ADMIN", "--scope", "C1"])
    assert result.exit_code == 0
    claims = jwt.decode(result.output.strip(), "cli-test-secret-0123456789-0123456789", algorithms=["HS256"])
    assert claims["role"] == "AREA_ADMIN" and claims["scope"] == "C1"
    refused = runner.invoke(app, ["token", "--role", "AREA_ADMIN"])
    assert refused.exit_code == 1 and "needs --scope" in refused.output


def test_token_needs_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRIDWORK_SECRET", raising=False)
    result = runner.invoke(app, ["token", "--role", "CITY_ADMIN"])
    assert result.exit_code == 1 and "GRIDWORK_SECRET is not set" in result.output
