"""The audit log: a write records who, when and what in its own transaction (so a write rolled back
leaves no entry), and only a CITY_ADMIN reads the entries, oldest first, a page at a time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from neo4j import AsyncManagedTransaction
from pydantic import SecretStr

from graph.audit import record_write
from graph.driver import Graph, Neo4jSettings
from gridwork.settings import Settings
from schema.permissions import Role, issue_token
from tests.test_app import SECRET, graphql, served

LOG = """{ auditLog(from: "2026-11-01T00:00:00+08:00", to: "2026-12-01T00:00:00+08:00", first: 2%s) {
  entries { who action targets targetCount at } hasNextPage endCursor } }"""


@pytest.fixture(scope="module")
def api(neo4j_settings: Neo4jSettings) -> Iterator[str]:
    with served(Settings(neo4j=neo4j_settings, secret=SecretStr(SECRET))) as url:
        yield url


async def write(graph: Graph, who: str, action: str, targets: list[str], at: datetime) -> None:
    async def work(tx: AsyncManagedTransaction) -> None:
        await record_write(tx, who=who, action=action, target_ids=targets, at=at)

    await graph.write(work)


class RolledBack(Exception):
    pass


@pytest.mark.anyio
async def test_the_city_admin_pages_through_writes_oldest_first(api: str, graph: Graph) -> None:
    # Three writes in November (Beijing time), one in October: the October one is outside the period.
    await write(graph, "AREA_ADMIN:C1", "dispatchRequest", ["R2"], datetime(2026, 11, 20, 1, tzinfo=UTC))
    await write(graph, "CITY_ADMIN", "commitHelperPlan", ["P3", "P10"], datetime(2026, 11, 3, 2, tzinfo=UTC))
    await write(graph, "loader", "load", [f"P{i}" for i in range(250)], datetime(2026, 11, 25, 3, tzinfo=UTC))
    await write(graph, "CITY_ADMIN", "raiseRequest", ["R1"], datetime(2026, 10, 31, 15, tzinfo=UTC))

    async def refused(tx: AsyncManagedTransaction) -> None:
        await record_write(tx, who="CITY_ADMIN", action="closeRequest", target_ids=["R9"])
        raise RolledBack  # the write it describes failed: its entry must not remain

    with pytest.raises(RolledBack):
        await graph.write(refused)

    admin = issue_token(SECRET, Role.CITY_ADMIN)
    first = graphql(api, LOG % "", admin).json()["data"]["auditLog"]
    assert [(e["who"], e["action"], e["targets"]) for e in first["entries"]] == [
        ("CITY_ADMIN", "commitHelperPlan", ["P3", "P10"]),
        ("AREA_ADMIN:C1", "dispatchRequest", ["R2"]),
    ]
    assert first["hasNextPage"] is True
    second = graphql(api, LOG % f', after: "{first["endCursor"]}"', admin).json()["data"]["auditLog"]
    (load,) = second["entries"]
    assert (load["who"], load["targetCount"], len(load["targets"])) == ("loader", 250, 100), "ids kept: 100"
    assert second["hasNextPage"] is False

    for role, scope in ((Role.AREA_ADMIN, "C1"), (Role.ANALYST, None)):
        refused_page = graphql(api, LOG % "", issue_token(SECRET, role, scope=scope))
        assert refused_page.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
