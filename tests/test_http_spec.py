"""GraphQL over HTTP by the book: graphql-http's `serverAudits`, the specification's peer audit suite,
run with Node.js against a real uvicorn. Every MUST and SHOULD point must pass (MAY points are
reported, and pass today too)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from graph.driver import Neo4jSettings
from gridwork.settings import Settings
from tests.schema.test_roles import document, root_fields
from tests.test_app import SECRET, admin_token, served

AUDIT = Path(__file__).parent / "http_audit"


@pytest.fixture(scope="module")
def api(neo4j_settings: Neo4jSettings) -> Iterator[str]:
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        yield url


@pytest.fixture(scope="module")
def audit_suite() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.fail("Node.js 20 and npm are needed for the GraphQL-over-HTTP audit")
    if not (AUDIT / "node_modules" / "graphql-http").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AUDIT, check=True, capture_output=True)
    return AUDIT


def test_every_must_and_should_point_of_the_specification_passes(api: str, audit_suite: Path) -> None:
    run = subprocess.run(
        ["node", "audit.mjs", f"{api}/graphql", admin_token()],
        cwd=audit_suite,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    results: list[dict[str, Any]] = json.loads(run.stdout)
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    required = [r for r in results if r["name"].startswith(("MUST", "SHOULD"))]
    assert len(required) >= 36, "the suite had 13 MUST and 23 SHOULD points when this test was written"
    assert failed == []


def post(api: str, body: bytes, accept: str = "application/graphql-response+json") -> httpx.Response:
    headers = {
        "Authorization": f"Bearer {admin_token()}",
        "Content-Type": "application/json",
        "Accept": accept,
    }
    return httpx.post(f"{api}/graphql", content=body, headers=headers, timeout=30)


@pytest.mark.parametrize("body", [b"null", b"123", b'"hello"', b"[]", b"true"])
def test_a_body_that_is_not_a_json_object_is_bad_input_not_a_crash(api: str, body: bytes) -> None:
    response = post(api, body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_INPUT"


def test_two_operations_without_an_operation_name_run_neither(api: str) -> None:
    response = post(api, json.dumps({"query": "query A { __typename } query B { __typename }"}).encode())
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "BAD_INPUT"
    assert "operationName" in body["errors"][0]["message"]
    named = post(
        api,
        json.dumps(
            {"query": "query A { a: __typename } query B { __typename }", "operationName": "A"}
        ).encode(),
    )
    assert named.json() == {"data": {"a": "Query"}}


def test_a_mutation_over_get_is_405_with_allow_post(api: str) -> None:
    mutations = [(k, n, f) for k, n, f in root_fields() if k == "Mutation"]
    if not mutations:
        pytest.skip("the schema has no mutations yet")
    response = httpx.get(
        f"{api}/graphql",
        params={"query": document(*mutations[0])},
        headers={"Authorization": f"Bearer {admin_token()}", "Accept": "application/json"},
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_INPUT"


def test_a_client_that_accepts_no_json_gets_406(api: str) -> None:
    response = post(api, b'{"query": "{ __typename }"}', accept="text/plain")
    assert response.status_code == 406


def test_the_request_id_is_echoed_and_a_fresh_one_made_when_missing(api: str) -> None:
    mine = httpx.get(f"{api}/healthz", headers={"X-Request-ID": "client-42"})
    assert mine.headers["x-request-id"] == "client-42"
    fresh = httpx.get(f"{api}/healthz", headers={"X-Request-ID": "has spaces and\ttabs"})
    assert len(fresh.headers["x-request-id"]) == 32 and fresh.headers["x-request-id"] != "client-42"


def test_cors_admits_the_configured_frontend_only(neo4j_settings: Neo4jSettings) -> None:
    frontend = "https://planner.city.example"
    settings = Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), cors_origins=[frontend])
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    with served(settings) as url:
        allowed = httpx.options(f"{url}/graphql", headers={"Origin": frontend, **preflight})
        other = httpx.options(f"{url}/graphql", headers={"Origin": "https://elsewhere.example", **preflight})
    assert allowed.status_code == 200, "a frontend on another origin once got 405 on preflight"
    assert allowed.headers["access-control-allow-origin"] == frontend
    assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
    assert other.status_code == 400 and "access-control-allow-origin" not in other.headers


def test_metrics_answer_without_a_redirect_and_count_requests_by_outcome(api: str) -> None:
    post(api, b'{"query": "query Probe { __typename }", "operationName": "Probe"}')
    post(api, b'{"query": "{ nope }"}')
    response = httpx.get(f"{api}/metrics", headers={"Authorization": f"Bearer {admin_token()}"})
    assert response.status_code == 200 and not response.history
    text = response.text
    assert 'gridwork_graphql_seconds_count{operation="Probe",outcome="executed"}' in text
    assert 'gridwork_graphql_errors_total{code="BAD_INPUT"}' in text
    assert 'gridwork_http_requests_total{route="/graphql",status="200"}' in text
