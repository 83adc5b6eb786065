"""Posts' Cypher (认岗): a post with who holds it, a community's posts, claiming and leaving."""

from __future__ import annotations

from graph.driver import Statement
from graph.statements import current, forget_fingerprints, shown
from graph.statements.service.fragments import areas_above, node

_POST_RECORD = f"""
    {{
        post: {node("post")},
        community: {node("c")},
        areas: {areas_above("c")},
        holders: COLLECT {{
            MATCH (h:Person)-[cl:CLAIMED]->(post) WHERE {current("cl")}
            RETURN {{person: {node("h")}, since: cl.since}} ORDER BY cl.since, h.id
        }}
    }}
"""

POSTS_BY_ID = Statement(
    "service_posts_by_id",
    f"""
    UNWIND $ids AS id
    MATCH (post:Post {{id: id}}) WHERE {shown("post", "$hiddenRuns")}
    OPTIONAL MATCH (post)-[:POSTED_IN]->(c:Community)
    RETURN {_POST_RECORD} AS record
    """,
)

POSTS_OF_COMMUNITY = Statement(
    "service_posts_of_community",
    f"""
    MATCH (c:Community {{id: $community}})<-[:POSTED_IN]-(post:Post) WHERE {shown("post", "$hiddenRuns")}
    WITH c, post ORDER BY post.id
    RETURN {_POST_RECORD} AS record
    """,
)

# Claim a post: under the post's lock, refused when every slot is held or the person holds it already.
# A claim is keyed by its first day, so claiming again the day one left takes the same claim back.
CLAIM_POST = Statement(
    "service_claim_post",
    f"""
    MATCH (post:Post {{id: $post}})
    MATCH (p:Person {{id: $person}})
    SET post._LOCK_ = true
    REMOVE post._LOCK_
    WITH post, p,
         COUNT {{ (:Person)-[cl:CLAIMED]->(post) WHERE {current("cl")} }} AS held,
         EXISTS {{ (p)-[cl:CLAIMED]->(post) WHERE {current("cl")} }} AS holds
    WITH post, p, held, holds, NOT holds AND held < post.slots AS claims
    FOREACH (_ IN CASE WHEN claims THEN [1] ELSE [] END |
        MERGE (p)-[cl:CLAIMED {{since: $today}}]->(post)
        SET cl.until = null {forget_fingerprints("cl")}
    )
    RETURN claims AS claimed, holds, held, post.slots AS slots
    """,
)

# Leave a post: the claim ends yesterday, so it is history from today on (kept, never counted).
LEAVE_POST = Statement(
    "service_leave_post",
    f"""
    MATCH (p:Person {{id: $person}})-[cl:CLAIMED]->(post:Post {{id: $post}})
    WHERE {current("cl")}
    SET cl.until = $yesterday {forget_fingerprints("cl")}
    RETURN count(cl) AS left
    """,
)
