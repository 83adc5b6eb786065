"""Pages of the root lists: keyset pages with opaque cursors, and totals counted in the database."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.driver import Graph
from graph.reads import Node, fetch_shown, to_node
from graph.statements.lists import (
    ListOf,
    Order,
    batched_count_statement,
    batched_page_statement,
    count_statement,
    order_name,
    page_statement,
)


class BadCursor(ValueError):
    """An `after` cursor that this list, in this order, did not hand out."""


@dataclass(frozen=True)
class Page:
    """One page: each node with the cursor just after it, and whether more follow."""

    entries: list[tuple[Node, str]]
    has_next: bool


def encode_cursor(order: Order, key: list[Any]) -> str:
    """An opaque cursor: the order's name and the row's sort key, base64 of JSON."""
    raw = json.dumps({"o": order_name(order), "k": key}, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(order: Order, cursor: str) -> list[Any]:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise BadCursor("not a cursor handed out by this list") from None
    if not isinstance(decoded, dict) or decoded.get("o") != order_name(order):
        raise BadCursor("a cursor of another list or another order")
    key = decoded.get("k")
    if not isinstance(key, list) or len(key) != len(order) + 1:
        raise BadCursor("not a cursor handed out by this list")
    return key


def _params(of: ListOf, within: str | None, filters: Mapping[str, Any], today: date) -> dict[str, Any]:
    params: dict[str, Any] = {f.param: filters.get(f.param) for f in of.value.filters}
    unknown = set(filters) - set(params)
    if unknown:
        raise ValueError(f"{of.value.field} has no filter {', '.join(sorted(unknown))}")
    return {**params, "within": within, "today": today}


async def page(
    graph: Graph,
    of: ListOf,
    *,
    within: str | None,
    filters: Mapping[str, Any],
    order: Order,
    first: int,
    after: str | None,
    today: date,
) -> Page:
    """Up to `first` nodes after the cursor `after`, in `order` (then by id)."""
    key = decode_cursor(order, after) if after is not None else None
    statement = page_statement(of, order, within is not None)
    params = _params(of, within, filters, today)
    records = await fetch_shown(graph, statement, **params, after=key, limit=first + 1)
    entries = [(to_node(r), encode_cursor(order, list(r["key"]))) for r in records[:first]]
    return Page(entries=entries, has_next=len(records) > first)


async def count(
    graph: Graph, of: ListOf, *, within: str | None, filters: Mapping[str, Any], today: date
) -> int:
    """How many nodes the list holds with these filters, counted by the database."""
    records = await fetch_shown(
        graph, count_statement(of, within is not None), **_params(of, within, filters, today)
    )
    return int(records[0]["total"])


async def pages(
    graph: Graph,
    of: ListOf,
    withins: Sequence[str],
    *,
    filters: Mapping[str, Any],
    order: Order,
    first: int,
    after: str | None,
    today: date,
) -> dict[str, Page]:
    """The same page of a nested list under each of many parents (`withins`), in one statement."""
    key = decode_cursor(order, after) if after is not None else None
    params = {k: v for k, v in _params(of, None, filters, today).items() if k != "within"}
    statement = batched_page_statement(of, order)
    records = await fetch_shown(graph, statement, **params, withins=list(withins), after=key, limit=first + 1)
    rows: dict[str, list[Any]] = {within: [] for within in withins}
    for record in records:
        rows[record["within"]].append(record)
    return {
        within: Page(
            entries=[(to_node(r), encode_cursor(order, list(r["key"]))) for r in found[:first]],
            has_next=len(found) > first,
        )
        for within, found in rows.items()
    }


async def counts(
    graph: Graph, of: ListOf, withins: Sequence[str], *, filters: Mapping[str, Any], today: date
) -> dict[str, int]:
    """How many rows a nested list holds under each of many parents, in one statement."""
    params = {k: v for k, v in _params(of, None, filters, today).items() if k != "within"}
    records = await fetch_shown(graph, batched_count_statement(of), **params, withins=list(withins))
    found = {record["within"]: int(record["total"]) for record in records}
    return {within: found.get(within, 0) for within in withins}
