"""The operations the benchmark times, read from operations.toml: data, so that adding one is not code."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from graph.model import Label

HERE = Path(__file__).parent
OPERATIONS_FILE = HERE / "operations.toml"
NEO4J_GRAPHQL_DIR = HERE.parent / "neo4j-graphql"
SERVED_BY_FILE = NEO4J_GRAPHQL_DIR / "served_by.cypher"
SERVED_BY_MARK = "{{SERVED_BY}}"
# `{{CURRENT r}}`: the relationship named r counts today ("history" kept in the graph never counts).
CURRENT_MARK = re.compile(r"\{\{CURRENT (\w+)\}\}")
CURRENT = r"(\1.since IS NULL OR \1.since <= today) AND (\1.until IS NULL OR \1.until >= today)"

GRIDWORK = "gridwork"  # the HTTP API, answering on whichever path it picks (compiled where it can)
RESOLVERS = "gridwork-resolvers"  # the same schema on the resolver path, in-process, for comparison
FLOOR = "floor"
NEO4J_GRAPHQL = "neo4j-graphql"
PEERS = (FLOOR, NEO4J_GRAPHQL)
GRIDWORK_SYSTEMS = (GRIDWORK, RESOLVERS)  # every operation runs on both
# A variable `{ first = "Building" }` is the lowest id of that label in the city under test (ids differ
# between the sample city and generated ones).
FIRST = "first"
LABELS = frozenset(label.value for label in Label)


@dataclass(frozen=True)
class Operation:
    """One GraphQL query, its variables, and the hand-written Cypher giving the same `data`."""

    name: str
    query: str
    variables: dict[str, Any]
    floor: str
    ordered: frozenset[str]
    peers: tuple[str, ...]
    whole_district: bool = False  # held to issue 5's "whole district on 100,000 people under 1 s"

    def in_city(self, lowest_ids: Mapping[str, str]) -> Operation:
        """The operation with each `{ first = "Label" }` variable replaced by that label's lowest id."""
        bound = {}
        for key, value in self.variables.items():
            if isinstance(value, dict):
                label = value[FIRST]
                if label not in lowest_ids:
                    raise ValueError(f"{self.name}: ${key} wants the first {label}, and the city has none")
                value = lowest_ids[label]
            bound[key] = value
        return replace(self, variables=bound)


def served_by_cypher() -> str:
    """The shared servedBy Cypher, without its comment lines."""
    lines = SERVED_BY_FILE.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//"))


def load_operations(path: Path = OPERATIONS_FILE) -> list[Operation]:
    """Every operation of the file, checked: a missing key or an unknown peer names the operation."""
    tables = tomllib.loads(path.read_text(encoding="utf-8")).get("operation", [])
    served_by = served_by_cypher()
    operations = []
    for index, table in enumerate(tables, start=1):
        where = f"{path.name}, operation {index} ({table.get('name', 'no name')})"
        missing = [key for key in ("name", "query", "floor") if key not in table]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        peers = tuple(table.get("peers", PEERS))
        unknown = set(peers) - set(PEERS)
        if unknown:
            raise ValueError(f"{where}: unknown peers {sorted(unknown)}; known: {list(PEERS)}")
        variables = dict(table.get("variables", {}))
        for key, value in variables.items():
            if isinstance(value, dict) and (set(value) != {FIRST} or value[FIRST] not in LABELS):
                raise ValueError(f'{where}: ${key} must be a value or {{ {FIRST} = "<label>" }}, got {value}')
        operations.append(
            Operation(
                name=table["name"],
                query=table["query"],
                variables=variables,
                floor=CURRENT_MARK.sub(CURRENT, table["floor"].replace(SERVED_BY_MARK, served_by)),
                ordered=frozenset(table.get("ordered", ())),
                peers=peers,
                whole_district=bool(table.get("whole_district", False)),
            )
        )
    return operations
