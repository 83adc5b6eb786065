"""Settings from the environment, typed, read once per process (API.md lists the names)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.driver import Neo4jSettings
from gridwork.graphiql import ASSET_DIR


class Settings(BaseSettings):
    """GRIDWORK_* for the API itself; NEO4J_* for the database, in `neo4j`."""

    model_config = SettingsConfigDict(env_prefix="GRIDWORK_", extra="ignore")

    # Signs and checks bearer tokens. No default: without it the API serves anonymous reads only.
    secret: SecretStr | None = None
    neo4j: Neo4jSettings = Field(default_factory=Neo4jSettings)
    # GraphiQL's files, fetched by `gridwork graphiql`; without them the page loads them from unpkg.
    graphiql_assets: Path = ASSET_DIR

    def secret_value(self) -> str | None:
        return self.secret.get_secret_value() if self.secret is not None else None
