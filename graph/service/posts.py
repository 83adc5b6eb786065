"""Posts to claim (认岗): a community's posts, who holds each, and claiming and leaving them.

A claim is decided under the post's lock, so two people taking its last slot at once get one winner
and one CONFLICT; each claim and leave that happens records an audit entry in its own transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from graph.audit import execute_audited
from graph.driver import Graph
from graph.reads import Node, fetch_shown, native, to_node
from graph.service.moves import Refusal, ServiceError
from graph.service.requests import optional_node
from graph.statements.service import posts as cypher


@dataclass(frozen=True)
class Holder:
    person: Node
    since: date


@dataclass(frozen=True)
class Post:
    node: Node
    community: Node | None
    areas: frozenset[str]
    holders: tuple[Holder, ...]

    @property
    def slots(self) -> int:
        return int(self.node.get("slots", 0))


def _post(found: Mapping[str, Any]) -> Post:
    return Post(
        node=to_node(found["post"]),
        community=optional_node(found["community"]),
        areas=frozenset(found["areas"]),
        holders=tuple(Holder(to_node(h["person"]), native(h["since"])) for h in found["holders"]),
    )


async def posts_by_id(graph: Graph, ids: Sequence[str], *, today: date) -> dict[str, Post]:
    records = await fetch_shown(graph, cypher.POSTS_BY_ID, ids=list(ids), today=today)
    posts = (_post(r["record"]) for r in records)
    return {post.node.id: post for post in posts}


async def posts_of_community(graph: Graph, community_id: str, *, today: date) -> list[Post]:
    records = await fetch_shown(graph, cypher.POSTS_OF_COMMUNITY, community=community_id, today=today)
    return [_post(r["record"]) for r in records]


async def claim_post(graph: Graph, post_id: str, person_id: str, *, today: date, by: str | None) -> None:
    """Claim a free slot of a post (认岗), or raise ServiceError: NOT_FOUND, or CONFLICT when full."""
    records = await execute_audited(
        graph,
        cypher.CLAIM_POST,
        wrote=lambda found: bool(found) and bool(found[0]["claimed"]),
        who=by,
        action="claimPost",
        target_ids=[post_id, person_id],
        post=post_id,
        person=person_id,
        today=today,
    )
    if not records:
        raise ServiceError(Refusal.NOT_FOUND, f"no post {post_id} or no person {person_id}")
    found = records[0]
    if found["claimed"]:
        return
    if found["holds"]:
        raise ServiceError(Refusal.CONFLICT, f"person {person_id} already holds post {post_id}")
    raise ServiceError(Refusal.CONFLICT, f"post {post_id} is full: all {found['slots']} slots are held")


async def leave_post(graph: Graph, post_id: str, person_id: str, *, today: date, by: str | None) -> None:
    """End a person's current claim on a post (it stays as history), or CONFLICT if they hold none."""
    records = await execute_audited(
        graph,
        cypher.LEAVE_POST,
        wrote=lambda found: found[0]["left"] > 0,
        who=by,
        action="leavePost",
        target_ids=[post_id, person_id],
        post=post_id,
        person=person_id,
        today=today,
        yesterday=today - timedelta(days=1),
    )
    if records[0]["left"] == 0:
        raise ServiceError(Refusal.CONFLICT, f"person {person_id} does not hold post {post_id}")
