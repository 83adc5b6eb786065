"""Who gets in: bearer tokens (a shared secret, or an identity provider's keys), introspection, and
what a refused caller reads (GraphQL-shaped JSON that GraphiQL can show), against a real uvicorn."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from pydantic import SecretStr

from graph.driver import Neo4jSettings
from gridwork.app import SettingsError, create_app
from gridwork.settings import Settings
from schema.permissions import Role, issue_token
from tests.test_app import SECRET, graphql, served

INTROSPECTION = "{ __schema { queryType { name } } }"


@pytest.fixture(scope="module")
def api(neo4j_settings: Neo4jSettings) -> Iterator[str]:
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        yield url


def error_of(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"].startswith("application/json"), response.text
    errors: list[dict[str, Any]] = response.json()["errors"]
    assert len(errors) == 1
    return errors[0]


def test_without_a_token_nothing_but_health_answers(api: str) -> None:
    response = graphql(api, '{ person(id: "P10") { name } }')
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    error = error_of(response)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Authorization: Bearer <token>" in error["message"]
    assert httpx.get(f"{api}/healthz").status_code == 200
    assert httpx.get(f"{api}/graphql", headers={"Accept": "text/html"}).status_code == 200


def test_an_expired_token_says_what_to_do_in_json_graphiql_can_show(api: str) -> None:
    expired = issue_token(SECRET, Role.CITY_ADMIN, lifetime=timedelta(seconds=-10))
    response = graphql(api, "{ __typename }", expired)
    assert response.status_code == 401
    assert error_of(response) == {
        "message": "the token has expired: run `gridwork token` again",
        "extensions": {"code": "UNAUTHENTICATED"},
    }


def test_a_scope_that_is_not_a_string_is_refused_not_crashed_on(api: str) -> None:
    claims = {"role": "AREA_ADMIN", "scope": ["C1", "C2"], "exp": datetime.now(UTC) + timedelta(hours=1)}
    response = graphql(api, "{ __typename }", jwt.encode(claims, SECRET, algorithm="HS256"))
    assert response.status_code == 401
    assert error_of(response)["message"].startswith("the token's claims are not valid (scope:")


def test_a_token_without_a_role_or_with_an_unknown_one_is_refused(api: str) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    for claims in ({"exp": soon}, {"role": "MAYOR", "exp": soon}, {"role": "VOLUNTEER", "exp": soon}):
        response = graphql(api, "{ __typename }", jwt.encode(claims, SECRET, algorithm="HS256"))
        assert response.status_code == 401, claims
        assert error_of(response)["extensions"]["code"] == "UNAUTHENTICATED"


def test_introspection_needs_a_token_by_default(api: str) -> None:
    assert graphql(api, INTROSPECTION).status_code == 401
    admitted = graphql(api, INTROSPECTION, issue_token(SECRET, Role.ANALYST))
    assert admitted.json() == {"data": {"__schema": {"queryType": {"name": "Query"}}}}


def test_introspection_open_to_anyone_still_keeps_the_data_closed(neo4j_settings: Neo4jSettings) -> None:
    settings = Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), introspection="anyone")
    with served(settings) as url:
        schema = graphql(url, INTROSPECTION)
        data = graphql(url, '{ district(id: "D") { name } }')
        expired = issue_token(SECRET, Role.CITY_ADMIN, lifetime=timedelta(seconds=-10))
        schema_with_expired_token = graphql(url, INTROSPECTION, expired)
        data_with_expired_token = graphql(url, '{ district(id: "D") { name } }', expired)
    assert schema.status_code == 200 and schema.json()["data"]["__schema"]["queryType"]["name"] == "Query"
    assert data.status_code == 401 and error_of(data)["extensions"]["code"] == "UNAUTHENTICATED"
    assert schema_with_expired_token.status_code == 200, "GraphiQL keeps its schema the next morning"
    assert error_of(data_with_expired_token)["message"] == "the token has expired: run `gridwork token` again"


def test_introspection_can_be_turned_off(neo4j_settings: Neo4jSettings) -> None:
    settings = Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), introspection="off")
    with served(settings) as url:
        response = graphql(url, INTROSPECTION, issue_token(SECRET, Role.CITY_ADMIN))
    assert error_of(response)["extensions"]["code"] == "FORBIDDEN"
    assert "introspection is turned off" in error_of(response)["message"]


def ask(url: str, query: str, token: str, accept: str) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}", "Accept": accept}
    return httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30)


@pytest.mark.parametrize("accept", ["application/graphql-response+json", "application/json"])
def test_a_role_refused_a_field_gets_forbidden_for_that_field_and_the_rest_answered(
    api: str, accept: str
) -> None:
    # The specification's advice for authorization: decided while executing, so that what the caller
    # may see is still answered; `data` is present, so the status is 200 with either media type.
    volunteer = issue_token(SECRET, Role.VOLUNTEER, subject="P3")
    response = ask(api, '{ __typename finding(id: "F1") { id } }', volunteer, accept)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    body = response.json()
    assert body["data"] == {"__typename": "Query", "finding": None}
    (error,) = body["errors"]
    assert (error["extensions"], error["path"]) == ({"code": "FORBIDDEN"}, ["finding"])
    assert (
        error["message"]
        == "Query.finding is not open to VOLUNTEER; it is for ANALYST, AREA_ADMIN, CITY_ADMIN"
    )


def test_a_mutation_refused_to_a_role_writes_nothing_and_says_forbidden(api: str) -> None:
    analyst = issue_token(SECRET, Role.ANALYST)
    mutation = 'mutation { createNode(kind: BUILDING, id: "B-new", props: {name: "新楼"}) { __typename } }'
    response = ask(api, mutation, analyst, "application/graphql-response+json")
    assert response.status_code == 200
    assert response.json()["data"] is None, "createNode is non-null: its null reaches the top"
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["FORBIDDEN"]
    admin = issue_token(SECRET, Role.CITY_ADMIN)
    assert graphql(api, '{ building(id: "B-new") { name } }', admin).json() == {"data": {"building": None}}
    # The same mutation from a CITY_ADMIN writes: the refusal above was the role's, not the mutation's.
    assert "errors" not in ask(api, mutation, admin, "application/graphql-response+json").json()
    assert graphql(api, '{ building(id: "B-new") { name } }', admin).json() == {
        "data": {"building": {"name": "新楼"}}
    }


def test_introspection_turned_off_is_403_for_clients_of_the_specifications_media_type(
    neo4j_settings: Neo4jSettings,
) -> None:
    # Refused before it runs, and only for lack of permission: the specification asks for 401 or 403.
    settings = Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET), introspection="off")
    admin = issue_token(SECRET, Role.CITY_ADMIN)
    with served(settings) as url:
        response = ask(url, INTROSPECTION, admin, "application/graphql-response+json")
    assert response.status_code == 403 and "data" not in response.json()
    assert response.json()["errors"][0]["extensions"] == {"code": "FORBIDDEN"}


def test_the_server_refuses_to_start_without_a_good_secret(neo4j_settings: Neo4jSettings) -> None:
    with pytest.raises(SettingsError, match="GRIDWORK_SECRET is not set"):
        create_app(Settings(neo4j=neo4j_settings))
    with pytest.raises(SettingsError, match="GRIDWORK_SECRET has 5 characters"):
        create_app(Settings(neo4j=neo4j_settings, secret=SecretStr("short")))
    create_app(Settings(neo4j=neo4j_settings, secret=SecretStr("short"), dev=True))  # loudly, but it starts


# --- An identity provider: RS256 and ES256 keys published as a JWKS on loopback ----------------

ISSUER = "https://id.city.example/realms/gridwork"
AUDIENCE = "gridwork-api"


class Provider:
    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        keys = []
        for kid, key, alg in (("rsa-1", self.rsa, "RS256"), ("ec-1", self.ec, "ES256")):
            public = json.loads(
                jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key())  # type: ignore[arg-type]
                if alg == "RS256"
                else jwt.algorithms.ECAlgorithm.to_jwk(key.public_key())  # type: ignore[arg-type]
            )
            keys.append({**public, "kid": kid, "alg": alg, "use": "sig"})
        self.jwks = json.dumps({"keys": keys}).encode()

    def token(self, alg: str = "RS256", **overrides: Any) -> str:
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "官员-17",
            "role": "ANALYST",
            "exp": datetime.now(UTC) + timedelta(minutes=5),
            **overrides,
        }
        key, kid = (self.rsa, "rsa-1") if alg == "RS256" else (self.ec, "ec-1")
        return jwt.encode(claims, key, algorithm=alg, headers={"kid": kid})


@pytest.fixture(scope="module")
def provider() -> Iterator[tuple[Provider, str]]:
    keys = Provider()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(keys.jwks)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield keys, f"http://127.0.0.1:{server.server_address[1]}/certs"
    server.shutdown()


def test_tokens_of_an_identity_provider_are_checked_against_its_keys(
    neo4j_settings: Neo4jSettings, provider: tuple[Provider, str]
) -> None:
    keys, jwks_url = provider
    settings = Settings(neo4j=neo4j_settings, jwks_url=jwks_url, issuer=ISSUER, audience=AUDIENCE)
    with served(settings) as url:
        rsa_ok = graphql(url, "{ __typename }", keys.token("RS256"))
        ec_ok = graphql(url, "{ __typename }", keys.token("ES256"))
        wrong_audience = graphql(url, "{ __typename }", keys.token(aud="another-api"))
        wrong_issuer = graphql(url, "{ __typename }", keys.token(iss="https://evil.example"))
        shared_secret = graphql(url, "{ __typename }", issue_token(SECRET, Role.CITY_ADMIN))
    assert rsa_ok.json() == {"data": {"__typename": "Query"}}
    assert ec_ok.json() == {"data": {"__typename": "Query"}}
    for refused in (wrong_audience, wrong_issuer, shared_secret):
        assert refused.status_code == 401
        assert error_of(refused)["extensions"]["code"] == "UNAUTHENTICATED"
    assert "sign in again" in error_of(wrong_audience)["message"]
