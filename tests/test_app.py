"""The API over HTTP, served by uvicorn against the real Neo4j: health, readiness, tokens, metrics.

`served`, `graphql` and the tokens here are shared by the other tests/test_http_*.py modules.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from graph.driver import Graph, Neo4jSettings
from gridwork import graphiql
from gridwork.app import create_app
from gridwork.neo4j_local.server import free_port
from gridwork.settings import Settings
from schema.permissions import Role, issue_token

SECRET = "test-secret-for-gridwork-api-tests-0123456789"
BUILDING_QUERY = '{ building(id: "B1") { name residents { name phone needs } servedBy { role } } }'


def admin_token() -> str:
    return issue_token(SECRET, Role.CITY_ADMIN)


@contextmanager
def served(settings: Settings, **config: object) -> Iterator[str]:
    """The API served by uvicorn on a free port; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings),
            host="127.0.0.1",
            port=port,
            log_config=None,
            access_log=False,
            **config,  # type: ignore[arg-type]
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a loaded machine: constraints are checked first
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(neo4j_settings: Neo4jSettings) -> Iterator[str]:
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        yield url


def graphql(api: str, query: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{api}/graphql", json={"query": query}, headers=headers, timeout=30)


def test_healthz_says_the_process_is_up(api: str) -> None:
    response = httpx.get(f"{api}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_says_neo4j_answers(api: str) -> None:
    response = httpx.get(f"{api}/readyz")
    assert response.status_code == 200 and response.json() == {"status": "ready"}, "and no address"


def test_readyz_is_503_without_naming_the_database_when_neo4j_does_not_answer() -> None:
    nowhere = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}")
    with served(Settings(neo4j=nowhere, secret=SecretStr(SECRET))) as url:
        started = time.monotonic()
        response = httpx.get(f"{url}/readyz", timeout=30)
        waited = time.monotonic() - started
        healthy = httpx.get(f"{url}/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}, "an anonymous caller learns no internal address"
    assert waited < 2.5
    assert healthy.status_code == 200, "the process itself is up"


def test_graphiql_is_served_to_a_browser(api: str) -> None:
    response = httpx.get(f"{api}/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


@pytest.mark.anyio
async def test_personal_data_needs_a_token_whose_area_holds_the_resident(api: str, hand_city: Graph) -> None:
    anonymous = graphql(api, BUILDING_QUERY)
    assert anonymous.status_code == 401, "nobody without a token reads the graph"
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"

    analyst = graphql(api, BUILDING_QUERY, issue_token(SECRET, Role.ANALYST)).json()["data"]["building"]
    assert analyst["residents"] == [], "where people live is personal data"
    assert len(analyst["servedBy"]) == 20

    admin = graphql(api, BUILDING_QUERY, issue_token(SECRET, Role.CITY_ADMIN)).json()["data"]["building"]
    residents = {r["name"]: r for r in admin["residents"]}
    assert residents["杜玉珍"] == {
        "name": "杜玉珍",
        "phone": "13800000010",
        "needs": ["ELDERLY_ALONE", "LOW_INCOME"],
    }

    elsewhere = issue_token(SECRET, Role.AREA_ADMIN, scope="G2")
    assert graphql(api, BUILDING_QUERY, elsewhere).json()["data"]["building"]["residents"] == []
    inside = issue_token(SECRET, Role.AREA_ADMIN, scope="K")
    assert len(graphql(api, BUILDING_QUERY, inside).json()["data"]["building"]["residents"]) == 5


@pytest.mark.anyio
async def test_a_phone_outside_the_callers_area_is_masked(api: str, hand_city: Graph) -> None:
    query = '{ person(id: "P10") { name phone needs livesIn { id } } }'
    analyst = graphql(api, query, issue_token(SECRET, Role.ANALYST)).json()["data"]["person"]
    assert analyst == {"name": "杜玉珍", "phone": "138****0010", "needs": None, "livesIn": None}
    own = graphql(api, query, issue_token(SECRET, Role.VOLUNTEER, subject="P10")).json()["data"]["person"]
    assert own["phone"] == "13800000010" and own["livesIn"] == {"id": "B1"}
    helper = graphql(api, query, issue_token(SECRET, Role.VOLUNTEER, subject="P3")).json()["data"]["person"]
    assert helper["phone"] == "13800000010", "P3 helps P10 and must be able to reach her"
    neighbour = graphql(api, query, issue_token(SECRET, Role.VOLUNTEER, subject="P2")).json()["data"][
        "person"
    ]
    assert neighbour["phone"] == "138****0010" and neighbour["needs"] is None


def test_a_bad_token_is_refused_with_the_reason(api: str) -> None:
    response = graphql(api, "{ __typename }", "not-a-jwt")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/json"), "GraphiQL reads JSON"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert error["message"].startswith("the token is not valid")
    forged = issue_token("another-secret-of-sufficient-length-000000", Role.CITY_ADMIN)
    assert graphql(api, "{ __typename }", forged).status_code == 401


def test_metrics_count_the_cypher_statements_sent(api: str) -> None:
    graphql(api, '{ community(id: "C") { grids { buildings { name } } } }', admin_token())
    assert httpx.get(f"{api}/metrics").status_code == 401, "metrics need a token unless made public"
    metrics = httpx.get(f"{api}/metrics", headers={"Authorization": f"Bearer {admin_token()}"}).text
    assert "gridwork_cypher_queries_total{statement=" in metrics
    assert "gridwork_cypher_seconds_bucket{" in metrics


@pytest.mark.anyio
async def test_names_travel_as_readable_utf8(api: str, hand_city: Graph) -> None:
    response = graphql(api, '{ district(id: "D") { name } }', admin_token())
    assert response.json() == {"data": {"district": {"name": "和平区"}}}
    assert "和平区".encode() in response.content, "not as \\u escapes"


def test_graphiql_is_served_from_this_machine_once_its_files_are_fetched(
    neo4j_settings: Neo4jSettings, tmp_path: Path
) -> None:
    """Cities' intranets often cannot reach a CDN: with the files present, the page never asks one."""
    for asset in graphiql.assets():
        (tmp_path / asset.file_name).write_text(f"/* {asset.package} */", encoding="utf-8")
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), graphiql_assets=tmp_path)) as url:
        page = httpx.get(f"{url}/graphql", headers={"Accept": "text/html"}).text
        react = next(a for a in graphiql.assets() if a.package == "react")
        served_file = httpx.get(f"{url}{graphiql.ROUTE}/{react.file_name}")
    assert "unpkg.com" not in page
    assert f"{graphiql.ROUTE}/{react.file_name}" in page
    assert served_file.status_code == 200 and served_file.text == "/* react */"


@pytest.mark.anyio
async def test_a_large_answer_is_sent_compressed_to_a_client_that_accepts_it(
    api: str, hand_city: Graph
) -> None:
    links = "servedBy { role level via field person { id name } organisation { id name } }"
    query = "{ " + " ".join(f'b{i}: building(id: "B1") {{ {links} }}' for i in range(6)) + " }"
    headers = {"Authorization": f"Bearer {issue_token(SECRET, Role.CITY_ADMIN)}"}
    compressed = httpx.post(
        f"{api}/graphql", json={"query": query}, headers={**headers, "Accept-Encoding": "gzip"}, timeout=30
    )
    plain = httpx.post(
        f"{api}/graphql",
        json={"query": query},
        headers={**headers, "Accept-Encoding": "identity"},
        timeout=30,
    )
    assert compressed.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers and len(plain.content) > 4096
    assert compressed.json() == plain.json() and len(compressed.json()["data"]["b5"]["servedBy"]) == 20
