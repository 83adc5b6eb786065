"""Settings from the environment, typed, read once per process and checked before anything starts.

`Settings()` reads GRIDWORK_* (the API) and NEO4J_* (the database); `check_for_serving` turns each
mistake an operator can make into one line that says what to change, instead of a traceback later.
"""

from __future__ import annotations

import difflib
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graph.driver import Neo4jSettings
from gridwork.graphiql import ASSET_DIR
from schema.limits import QueryLimits

# The query limits' defaults have one home, schema/limits.py (why each is what it is: there).
QUERY = QueryLimits()

# A shorter HS256 secret can be guessed offline from one token (RFC 7518 asks for 256 bits).
MIN_SECRET_LENGTH = 32
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Names read elsewhere than these classes: the local server's folder, the policy file, the tests' Neo4j.
OTHER_NAMES = frozenset({"GRIDWORK_STATE_DIR", "GRIDWORK_POLICY", "GRIDWORK_TEST_NEO4J_URI"})


class Limits(BaseSettings):
    """What one GraphQL request may ask for, checked before anything runs (GRIDWORK_LIMIT_*)."""

    model_config = SettingsConfigDict(env_prefix="GRIDWORK_LIMIT_", extra="ignore")

    document_bytes: int = Field(default=QUERY.document_bytes, ge=64)  # a query's text, without variables
    body_bytes: int = Field(default=262_144, ge=1024)  # a whole request body
    tokens: int = Field(default=QUERY.tokens, ge=10)
    depth: int = Field(default=QUERY.depth, ge=2)
    aliases: int = Field(default=QUERY.aliases, ge=0)
    ids: int = Field(default=QUERY.ids, ge=1)  # items in one list argument or list variable
    page_size: int = Field(default=QUERY.page_size, ge=1)  # `first` and `limit`
    cost: int = Field(default=QUERY.cost, ge=10)  # fields weighed by the list sizes around them
    statement_seconds: float = Field(default=30.0, gt=0)  # Neo4j ends a transaction running longer
    concurrent: int = Field(default=16, ge=1)  # GraphQL requests running at once in one process
    queue: int = Field(default=64, ge=0)  # requests waiting for a slot; past that they get 503
    queue_seconds: float = Field(default=2.0, ge=0)  # how long one waits before a 503


class Settings(BaseSettings):
    """GRIDWORK_* for the API itself; NEO4J_* for the database, in `neo4j`."""

    model_config = SettingsConfigDict(env_prefix="GRIDWORK_", extra="ignore")

    # Signs and checks HS256 bearer tokens. No default: the API refuses to start without it (or a JWKS).
    secret: SecretStr | None = None
    # A development machine may run without a good secret; the server says so loudly at start.
    dev: bool = False
    # An identity provider's keys (RS256/ES256), with the issuer and audience its tokens must name.
    jwks_url: str | None = None
    issuer: str | None = None
    audience: str | None = None
    # Who may introspect the schema: anyone (GraphiQL without a token), authenticated callers, nobody.
    introspection: Literal["anyone", "authenticated", "off"] = "authenticated"
    # Origins of frontends served elsewhere that may call the API from a browser (comma-separated).
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # /metrics without a token, for a scraper on a network of its own; otherwise any valid token reads it.
    metrics_public: bool = False
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    limits: Limits = Field(default_factory=Limits)
    # GraphiQL's files, fetched by `gridwork graphiql`; without them the page loads them from unpkg.
    graphiql_assets: Path = ASSET_DIR

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    def secret_value(self) -> str | None:
        return self.secret.get_secret_value() if self.secret is not None else None


@dataclass(frozen=True)
class Problems:
    errors: list[str]  # the server must not start
    warnings: list[str]  # it starts, and says this first


def known_names() -> frozenset[str]:
    names = {f"GRIDWORK_{name.upper()}" for name in Settings.model_fields if name not in ("neo4j", "limits")}
    names |= {f"GRIDWORK_LIMIT_{name.upper()}" for name in Limits.model_fields}
    names |= {f"NEO4J_{name.upper()}" for name in Neo4jSettings.model_fields}
    return frozenset(names | OTHER_NAMES)


def unknown_names(environ: Mapping[str, str]) -> Problems:
    """GRIDWORK_*/NEO4J_* variables nobody reads: a typo would otherwise be ignored without a word."""
    known = known_names()
    errors, warnings = [], []
    for name in sorted(environ):
        if not name.startswith(("GRIDWORK_", "NEO4J_")) or name in known:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        if close:
            errors.append(f"{name} is not a setting: did you mean {close[0]}?")
        elif name.startswith("GRIDWORK_"):
            errors.append(f"{name} is not a setting; the settings are listed in README.md")
        else:  # NEO4J_HOME and the like belong to a Neo4j installed on the same machine
            warnings.append(f"{name} is not read by Gridwork (ignored)")
    return Problems(errors, warnings)


def neo4j_uri_problem(uri: str) -> str | None:
    """Why NEO4J_URI cannot work, in one line; None when it may (whether Neo4j answers is /readyz's)."""
    parts = urlsplit(uri)
    if parts.scheme not in NEO4J_SCHEMES:
        return (
            f"NEO4J_URI {uri!r}: the scheme must be one of {', '.join(NEO4J_SCHEMES)} (e.g. bolt://host:7687)"
        )
    if not parts.hostname:
        return f"NEO4J_URI {uri!r} names no host (e.g. bolt://127.0.0.1:7687)"
    try:
        socket.getaddrinfo(parts.hostname, parts.port or 7687)
    except (OSError, ValueError):
        return f"NEO4J_URI {uri!r}: the host {parts.hostname!r} is unknown (no such name in DNS)"
    return None


def secret_problem(settings: Settings) -> str | None:
    secret = settings.secret_value()
    if settings.jwks_url is not None:
        return None
    if secret is None:
        return "GRIDWORK_SECRET is not set: set it to 32 or more random characters, or set GRIDWORK_JWKS_URL"
    if len(secret) < MIN_SECRET_LENGTH:
        return f"GRIDWORK_SECRET has {len(secret)} characters: use {MIN_SECRET_LENGTH} or more random ones"
    return None


def check_for_serving(settings: Settings, environ: Mapping[str, str] | None = None) -> Problems:
    """Everything that would stop the API working, each as one line an operator can act on."""
    names = unknown_names(os.environ if environ is None else environ)
    errors, warnings = list(names.errors), list(names.warnings)
    uri = neo4j_uri_problem(settings.neo4j.uri)
    if uri is not None:
        errors.append(uri)
    secret = secret_problem(settings)
    if secret is not None and settings.dev:
        warnings.append(f"DEVELOPMENT MODE (GRIDWORK_DEV): {secret}; tokens are not safe here")
    elif secret is not None:
        errors.append(f"{secret} (or GRIDWORK_DEV=true on a development machine)")
    if settings.jwks_url is not None and (settings.issuer is None or settings.audience is None):
        errors.append("GRIDWORK_JWKS_URL needs GRIDWORK_ISSUER and GRIDWORK_AUDIENCE: tokens must name both")
    if "*" in settings.cors_origins:
        errors.append("GRIDWORK_CORS_ORIGINS may not be *: list the frontends' origins")
    return Problems(errors, warnings)
