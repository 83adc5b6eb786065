"""Domain writes with history: create, change and end nodes and relationships, one transaction each.

Each write checks what it touches inside its own write transaction, writes, and records a `Change`
(who, when, before and after) and an audit entry in that same transaction: all of it or nothing.
Properties arrive already validated (the caller checks them against the bundle's row models).
Ending never deletes: a relationship gets `until`, the last day it counts; a node gets `until` and its
lasting relationships end with it. A relationship whose start may hold only one current link of its
type (an area's parent, a building's compound, a person's home) moves: the old link ends the day
before the new one begins.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from neo4j import AsyncManagedTransaction

from graph import audit
from graph.driver import Graph, run
from graph.model import ENDPOINTS, REL_KEYS, Label, Rel
from graph.reads import Node, native, native_props, to_node
from graph.statements import NODES_BY_ID
from graph.statements.writes import (
    CREATE_NODE,
    CREATE_REL,
    CURRENT_OUT,
    END_NODE,
    HISTORY,
    PLACES,
    RELS_BETWEEN,
    UPDATE_NODE,
    UPDATE_REL,
)

# Labels whose nodes move through the service platform's own state machine, never through generic writes.
SERVICE_OWNED = frozenset(
    {
        Label.SERVICE_REQUEST,
        Label.EVENT,
        Label.POST,
        Label.SUPERVISION_GROUP,
        Label.FINDING,
        Label.TASK_LIST,
        Label.TASK_ITEM,
    }
)
WRITABLE_LABELS = frozenset(Label) - SERVICE_OWNED
WRITABLE_RELS = frozenset(
    rel
    for rel, pairs in ENDPOINTS.items()
    if any(a in WRITABLE_LABELS and b in WRITABLE_LABELS for a, b in pairs)
)
# Relationships that hold over a period (a post, a pairing, a membership, a place) and so can end;
# the others record something that happened (attended a session, ordered it) and never end.
LASTING_RELS = frozenset(
    {
        Rel.IN,
        Rel.PART_OF,
        Rel.PAIRED_WITH,
        Rel.MANAGES,
        Rel.REPRESENTS,
        Rel.ORGANISES,
        Rel.ACTIVE_IN,
        Rel.SERVES,
        Rel.LOCATED_IN,
        Rel.CUSTODIAN_OF,
        Rel.MEMBER_OF,
        Rel.LIVES_IN,
        Rel.REPORTED_TO,
        Rel.SECRETARY_OF,
        Rel.COMMISSIONER_OF,
        Rel.ADVISES,
        Rel.LEADS,
        Rel.VOLUNTEERS_FOR,
        Rel.PROPERTY_STAFF_FOR,
        Rel.HELPS,
        Rel.CENTRAL_HOUSEHOLD_OF,
        Rel.OVERSEES,
        Rel.WORKS_IN,
        Rel.SENT_TO,
        Rel.OFFERS,
        Rel.TEACHES,
    }
)
# Relationships of which a node holds one current at a time: creating another moves it.
SINGLE = frozenset({Rel.IN, Rel.PART_OF, Rel.LIVES_IN})


class WriteRefused(Exception):
    """A write that cannot be done; `argument` names the input at fault."""

    def __init__(self, argument: str, message: str) -> None:
        super().__init__(f"{argument}: {message}")
        self.argument = argument


class NotFound(WriteRefused):
    pass


class BadInput(WriteRefused):
    pass


class Conflict(WriteRefused):
    pass


@dataclass(frozen=True)
class Change:
    """One recorded write: who, when, what, and the properties before and after."""

    at: datetime
    by: str
    action: str
    subject: str
    other: str | None
    rel: str | None
    before: dict[str, Any]
    after: dict[str, Any]


def _json(props: Mapping[str, Any]) -> str:
    return json.dumps(dict(props), ensure_ascii=False, default=str, sort_keys=True)


async def _record(tx: AsyncManagedTransaction, who: str, action: str, ids: Sequence[str]) -> None:
    await audit.record_write(tx, who=who, action=action, target_ids=list(ids))


def _change(
    action: str,
    who: str,
    subject: str,
    *,
    other: str | None = None,
    rel: Rel | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "at": datetime.now(UTC),
        "by": who,
        "action": action,
        "subject": subject,
        "other": other,
        "rel": rel.value if rel is not None else None,
        "before": _json(before or {}),
        "after": _json(after or {}),
    }


async def _node(tx: AsyncManagedTransaction, node_id: str, argument: str) -> Node:
    found = (await run(tx, NODES_BY_ID, ids=[node_id]))[0]["found"]
    if not found:
        raise NotFound(argument, f"nothing has the id {node_id}")
    return to_node(found[0])


def _writable(node: Node, argument: str) -> None:
    if node.label not in WRITABLE_LABELS:
        raise BadInput(
            argument, f"{node.id} is a {node.label.value}: it changes only through its own mutations"
        )


def domain_props(node: Node) -> dict[str, Any]:
    """A node's properties of the domain: without its id and an import's bookkeeping (`_run` ...)."""
    return {k: v for k, v in node.props.items() if k != "id" and not k.startswith("_")}


# --- Nodes ----------------------------------------------------------------------------------------


async def create_node(
    graph: Graph, label: Label, node_id: str, props: Mapping[str, Any], *, who: str
) -> None:
    if label not in WRITABLE_LABELS:
        raise BadInput("label", f"{label.value} nodes change only through their own mutations")

    async def work(tx: AsyncManagedTransaction) -> None:
        found = (await run(tx, NODES_BY_ID, ids=[node_id]))[0]["found"]
        if found:
            raise Conflict("id", f"{node_id} is already the id of a {found[0]['label']}: ids are unique")
        change = _change("CREATE_NODE", who, node_id, after=props)
        await run(tx, CREATE_NODE[label], props=dict(props), **change)
        await _record(tx, who, "createNode", [node_id])

    await graph.write(work)


Validate = Callable[[Label, dict[str, Any]], dict[str, Any]]


async def update_node(
    graph: Graph, node_id: str, changes: Mapping[str, Any], *, who: str, validate: Validate
) -> Node:
    """Set (or, with None, remove) properties; `validate` checks the node's whole new set of them."""
    if "id" in changes:
        raise BadInput("props", "the id of a node never changes")

    async def work(tx: AsyncManagedTransaction) -> Node:
        node = await _node(tx, node_id, "id")
        _writable(node, "id")
        merged = {
            k: v for k, v in {**domain_props(node), **changes}.items() if v is not None and k != "until"
        }
        checked = validate(node.label, merged)
        props = {key: checked.get(key) for key in changes}
        before = {key: node.props.get(key) for key in changes}
        change = _change("UPDATE_NODE", who, node_id, before=before, after=props)
        await run(tx, UPDATE_NODE, props=props, **change)
        await _record(tx, who, "updateNode", [node_id])
        return await _node(tx, node_id, "id")

    return await graph.write(work)


async def end_node(graph: Graph, node_id: str, on: date, *, who: str) -> int:
    """End a node from `on` (its last day is the day before); returns how many links ended with it."""
    last = on - timedelta(days=1)

    async def work(tx: AsyncManagedTransaction) -> int:
        node = await _node(tx, node_id, "id")
        _writable(node, "id")
        if node.get("until") is not None:
            raise Conflict("id", f"{node_id} has already ended ({node.get('until')})")
        change = _change("END_NODE", who, node_id, before={}, after={"until": last})
        records = await run(tx, END_NODE, until=last, lasting=sorted(r.value for r in LASTING_RELS), **change)
        await _record(tx, who, "endNode", [node_id])
        return int(records[0]["ended"]) if records else 0

    return await graph.write(work)


# --- Relationships ------------------------------------------------------------------------------


def check_endpoints(rel: Rel, start: Label, end: Label) -> None:
    """BadInput naming `fromId` or `toId` when the two nodes cannot be joined by `rel`."""
    pairs = ENDPOINTS[rel]
    if (start, end) in pairs:
        return
    starts = sorted({a.value for a, _ in pairs})
    if start.value not in starts:
        raise BadInput("fromId", f"a {rel.value} starts at a {' or '.join(starts)}, not a {start.value}")
    ends = sorted({b.value for a, b in pairs if a == start})
    raise BadInput(
        "toId", f"a {rel.value} from a {start.value} ends at a {' or '.join(ends)}, not a {end.value}"
    )


def _is_current(props: Mapping[str, Any], today: date) -> bool:
    since, until = props.get("since"), props.get("until")
    return (since is None or since <= today) and (until is None or until >= today)


async def _ends(tx: AsyncManagedTransaction, rel: Rel, from_id: str, to_id: str) -> tuple[Node, Node]:
    if rel not in WRITABLE_RELS:
        raise BadInput("rel", f"{rel.value} links change only through the service platform's mutations")
    start = await _node(tx, from_id, "fromId")
    end = await _node(tx, to_id, "toId")
    check_endpoints(rel, start.label, end.label)
    _writable(start, "fromId")
    _writable(end, "toId")
    return start, end


async def _current_between(
    tx: AsyncManagedTransaction, rel: Rel, from_id: str, to_id: str, key: Mapping[str, Any], today: date
) -> tuple[str, dict[str, Any]] | None:
    records = await run(tx, RELS_BETWEEN[rel], fromId=from_id, toId=to_id, key=dict(key))
    for r in records:
        props = native_props(r["props"])
        if _is_current(props, today):
            return r["rid"], props
    return None


def _key(rel: Rel, props: Mapping[str, Any]) -> dict[str, Any]:
    missing = [k for k in REL_KEYS.get(rel, ()) if props.get(k) is None]
    if missing:
        raise BadInput("props", f"a {rel.value} needs {', '.join(missing)} to say which one")
    return {k: props[k] for k in REL_KEYS.get(rel, ())}


async def create_link(
    graph: Graph, rel: Rel, from_id: str, to_id: str, props: Mapping[str, Any], *, who: str, since: date
) -> list[str]:
    """Start a relationship on `since`; for a single link (a parent, a home) end the current one the day
    before. Returns the ids of the nodes whose link ended (empty unless it moved)."""
    props = {**props, "since": since}
    # Among current links a start date tells none apart: a second current HELPS or CLAIMED between the
    # same two people is refused whatever its `since` (which keys a renewal only once the first ended).
    key = {k: v for k, v in _key(rel, props).items() if k != "since"}

    async def work(tx: AsyncManagedTransaction) -> list[str]:
        await _ends(tx, rel, from_id, to_id)
        existing = await _current_between(tx, rel, from_id, to_id, key, since)
        if existing is not None:
            raise Conflict(
                "toId", f"{from_id} -{rel.value}-> {to_id} already holds (since {existing[1].get('since')})"
            )
        moved: list[str] = []
        if rel in SINGLE:
            for r in await run(tx, CURRENT_OUT[rel], fromId=from_id, today=since):
                last = since - timedelta(days=1)
                change = _change(
                    "END_LINK",
                    who,
                    from_id,
                    other=r["to"],
                    rel=rel,
                    before={"until": native(r["props"].get("until"))},
                    after={"until": last},
                )
                await run(tx, UPDATE_REL, rid=r["rid"], props={"until": last}, **change)
                moved.append(r["to"])
        change = _change("CREATE_LINK", who, from_id, other=to_id, rel=rel, after=props)
        await run(tx, CREATE_REL[rel], fromId=from_id, toId=to_id, props=props, **change)
        await _record(tx, who, "createLink", [from_id, to_id, *moved])
        return moved

    return await graph.write(work)


async def update_link(
    graph: Graph,
    rel: Rel,
    from_id: str,
    to_id: str,
    key: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    who: str,
    today: date,
) -> dict[str, Any]:
    """Change the properties of the current relationship; returns them as they now are."""
    if set(changes) & set(REL_KEYS.get(rel, ())):
        raise BadInput(
            "props", f"{', '.join(REL_KEYS[rel])} says which {rel.value} it is: end it, start another"
        )

    async def work(tx: AsyncManagedTransaction) -> dict[str, Any]:
        await _ends(tx, rel, from_id, to_id)
        found = await _current_between(tx, rel, from_id, to_id, key, today)
        if found is None:
            raise NotFound("toId", f"no current {from_id} -{rel.value}-> {to_id}")
        rid, before = found
        change = _change(
            "UPDATE_LINK",
            who,
            from_id,
            other=to_id,
            rel=rel,
            before={k: before.get(k) for k in changes},
            after=changes,
        )
        await run(tx, UPDATE_REL, rid=rid, props=dict(changes), **change)
        await _record(tx, who, "updateLink", [from_id, to_id])
        return {k: v for k, v in {**before, **changes}.items() if v is not None}

    return await graph.write(work)


async def end_link(
    graph: Graph,
    rel: Rel,
    from_id: str,
    to_id: str,
    key: Mapping[str, Any],
    on: date,
    *,
    who: str,
    today: date,
) -> date:
    """End the current relationship from `on`: its last day, `until`, is the day before."""
    if rel not in LASTING_RELS:
        raise BadInput("rel", f"a {rel.value} records something that happened; it does not end")
    if on == date.min:  # its last day would be the day before the calendar begins
        raise BadInput("on", f"a relationship ends after {date.min.isoformat()}, got {on.isoformat()}")
    last = on - timedelta(days=1)

    async def work(tx: AsyncManagedTransaction) -> date:
        await _ends(tx, rel, from_id, to_id)
        found = await _current_between(tx, rel, from_id, to_id, key, today)
        if found is None:
            raise NotFound("toId", f"no current {from_id} -{rel.value}-> {to_id} to end")
        rid, before = found
        change = _change(
            "END_LINK",
            who,
            from_id,
            other=to_id,
            rel=rel,
            before={"until": before.get("until")},
            after={"until": last},
        )
        await run(tx, UPDATE_REL, rid=rid, props={"until": last}, **change)
        await _record(tx, who, "endLink", [from_id, to_id])
        return last

    return await graph.write(work)


# --- Where things are, and what happened ----------------------------------------------------------


@dataclass(frozen=True)
class Place:
    inside: bool  # in the subtree of the scope asked about
    placed: bool  # in any area at all


async def places(graph: Graph, scope: str, ids: Sequence[str], *, today: date) -> dict[str, Place]:
    records = await graph.fetch(PLACES, scope=scope, ids=list(ids), today=today)
    return {r["id"]: Place(bool(r["inside"]), bool(r["placed"])) for r in records}


async def history(graph: Graph, node_id: str, *, limit: int) -> list[Change]:
    """What was written about a node and its relationships, newest first."""
    records = await graph.fetch(HISTORY, id=node_id, limit=limit)
    return [
        Change(
            at=native(r["at"]),
            by=r["by"],
            action=r["action"],
            subject=r["subject"],
            other=r["other"],
            rel=r["rel"],
            before=json.loads(r["before"] or "{}"),
            after=json.loads(r["after"] or "{}"),
        )
        for r in records
    ]
