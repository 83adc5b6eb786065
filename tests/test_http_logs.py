"""Logs never hold personal data: requests and failures carrying a resident's phone and needs leave
none of it in the log (issue 10 found wrong-type variables, GET query strings and failed query texts
there), while each request still leaves one line with its time, level and request id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import GraphQLError
from pydantic import SecretStr

from graph.driver import Neo4jSettings
from gridwork import app as app_module
from gridwork import logs
from gridwork.settings import Settings
from schema.errors import REQUEST_ID, error_payload
from tests.test_app import SECRET, admin_token, served

PHONE = "13912345678"
NEED = "ELDERLY_ALONE"


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    saved = logging.getLogger().handlers[:], logging.getLogger().level
    logs.configure("json", "INFO", stream=buffer)
    # This test's own client logs the URLs it asks for; the server's lines are what is checked.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        yield buffer
    finally:
        logging.getLogger().handlers[:], level = saved
        logging.getLogger().setLevel(level)
        logging.getLogger("uvicorn.access").disabled = False


def lines(buffer: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def test_requests_carrying_phones_and_needs_leave_none_in_the_log(
    neo4j_settings: Neo4jSettings, captured: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = {"Authorization": f"Bearer {admin_token()}"}
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        sent = [
            # variables of the wrong type carrying a phone and a need
            httpx.post(
                f"{url}/graphql",
                json={
                    "query": "query($id: ID!) { person(id: $id) { name } }",
                    "variables": {"id": {"phone": PHONE, "needs": [NEED]}},
                },
                headers=token,
            ),
            # a GET whose query string holds both
            httpx.get(
                f"{url}/graphql",
                params={
                    "query": f'{{ person(id: "{PHONE}") {{ name }} }}',
                    "variables": json.dumps({"n": NEED}),
                },
                headers=token,
            ),
            # a failed query whose text holds both
            httpx.post(
                f"{url}/graphql", json={"query": f'{{ person(id: "{PHONE}") {{ {NEED} }} }}'}, headers=token
            ),
            # without a token, with a bad token, with a body that is not JSON
            httpx.post(f"{url}/graphql", json={"query": f'{{ person(id: "{PHONE}") {{ name }} }}'}),
            httpx.post(
                f"{url}/graphql",
                json={"query": "{ __typename }"},
                headers={"Authorization": f"Bearer {PHONE}.{NEED}"},
            ),
            httpx.post(
                f"{url}/graphql",
                content=f'{{"query": "{PHONE} {NEED}',
                headers={**token, "Content-Type": "application/json"},
            ),
            # a path of its own choosing
            httpx.get(f"{url}/people/{PHONE}/{NEED}"),
        ]

        def broken(*_: Any, **__: Any) -> Any:
            raise RuntimeError(f"a bug that quotes its input: {PHONE} {NEED}")

        monkeypatch.setattr(app_module, "run_graphql", broken)
        internal = httpx.post(
            f"{url}/graphql", json={"query": "{ __typename }"}, headers={**token, "X-Request-ID": "bug-1"}
        )

    text = captured.getvalue()
    assert PHONE not in text and NEED not in text
    assert [r.status_code for r in sent] == [200, 200, 200, 401, 401, 400, 404]

    assert internal.status_code == 500
    error = internal.json()["errors"][0]
    assert error == {
        "message": "an unexpected error occurred (request bug-1)",
        "extensions": {"code": "INTERNAL", "requestId": "bug-1"},
    }
    assert "Traceback" not in internal.text and PHONE not in internal.text

    entries = lines(captured)
    access = [e for e in entries if e["logger"] == "gridwork.access"]
    assert len(access) == len(sent) + 1, "one line per request"
    assert all(e["time"] and e["level"] == "INFO" and e["request_id"] for e in access)
    assert {e["route"] for e in access} == {"/graphql", "other"}
    bug = [e for e in entries if e["request_id"] == "bug-1" and e["level"] == "ERROR"]
    assert bug and bug[0]["message"].startswith("unexpected RuntimeError"), "whoever fixes it learns where"


def test_an_internal_error_in_a_resolver_shows_the_request_id_not_its_insides(captured: io.StringIO) -> None:
    token = REQUEST_ID.set("req-7")
    try:
        payload = error_payload(GraphQLError("x", original_error=KeyError(PHONE)))
    finally:
        REQUEST_ID.reset(token)
    assert payload["message"] == "an unexpected error occurred (request req-7)"
    assert payload["extensions"] == {"code": "INTERNAL", "requestId": "req-7"}
    assert PHONE not in captured.getvalue() and "unexpected KeyError" in captured.getvalue()
