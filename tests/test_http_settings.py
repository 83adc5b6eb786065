"""Settings checked before the API starts: each mistake an operator can make is one line saying what
to change (a wrong NEO4J_URI scheme once gave 104 lines of traceback, an unknown host 267, and a typo
in a variable's name was silently ignored)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pydantic import SecretStr

from graph.driver import Neo4jSettings
from gridwork.settings import Settings, check_for_serving, unknown_names

GOOD_SECRET = SecretStr("s" * 40)


def test_a_misspelt_variable_is_named_with_the_one_meant() -> None:
    problems = unknown_names({"GRIDWORK_SECERT": "x", "NEO4J_URL": "bolt://x", "PATH": "/bin"})
    assert problems.errors == [
        "GRIDWORK_SECERT is not a setting: did you mean GRIDWORK_SECRET?",
        "NEO4J_URL is not a setting: did you mean NEO4J_URI?",
    ]


def test_a_neo4j_installation_s_own_variables_are_only_mentioned() -> None:
    problems = unknown_names({"NEO4J_HOME": "/opt/neo4j", "GRIDWORK_LIMIT_DEPTH": "10"})
    assert problems.errors == [] and problems.warnings == ["NEO4J_HOME is not read by Gridwork (ignored)"]


def test_a_uri_with_the_wrong_scheme_or_an_unknown_host_is_one_line() -> None:
    http = check_for_serving(
        Settings(neo4j=Neo4jSettings(uri="http://localhost:7474"), secret=GOOD_SECRET), {}
    )
    assert http.errors == [
        "NEO4J_URI 'http://localhost:7474': the scheme must be one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, "
        "neo4j+ssc (e.g. bolt://host:7687)"
    ]
    nowhere = Settings(neo4j=Neo4jSettings(uri="neo4j+s://no-such-host.invalid"), secret=GOOD_SECRET)
    assert check_for_serving(nowhere, {}).errors == [
        "NEO4J_URI 'neo4j+s://no-such-host.invalid': the host 'no-such-host.invalid' is unknown (no such name in DNS)"
    ]


def test_a_missing_or_short_secret_stops_the_server_unless_in_development() -> None:
    local = Neo4jSettings(uri="bolt://127.0.0.1:7687")
    assert check_for_serving(Settings(neo4j=local), {}).errors == [
        "GRIDWORK_SECRET is not set: set it to 32 or more random characters, or set GRIDWORK_JWKS_URL "
        "(or GRIDWORK_DEV=true on a development machine)"
    ]
    dev = check_for_serving(Settings(neo4j=local, secret=SecretStr("short"), dev=True), {})
    assert dev.errors == [] and dev.warnings[0].startswith("DEVELOPMENT MODE (GRIDWORK_DEV)")
    provider = Settings(neo4j=local, jwks_url="https://id.example/certs")
    assert check_for_serving(provider, {}).errors == [
        "GRIDWORK_JWKS_URL needs GRIDWORK_ISSUER and GRIDWORK_AUDIENCE: tokens must name both"
    ]


def test_gridwork_serve_prints_one_line_per_problem_and_exits() -> None:
    env = {"PATH": "/usr/bin:/bin", "NEO4J_URI": "http://localhost:7474", "GRIDWORK_SECERT": "x" * 40}
    run = subprocess.run(
        [str(Path(sys.executable).with_name("gridwork")), "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert lines == [
        "error: GRIDWORK_SECERT is not a setting: did you mean GRIDWORK_SECRET?",
        "error: NEO4J_URI 'http://localhost:7474': the scheme must be one of bolt, bolt+s, bolt+ssc, neo4j, "
        "neo4j+s, neo4j+ssc (e.g. bolt://host:7687)",
        "error: GRIDWORK_SECRET is not set: set it to 32 or more random characters, or set GRIDWORK_JWKS_URL "
        "(or GRIDWORK_DEV=true on a development machine)",
    ]
