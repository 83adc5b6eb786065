"""The service platform (365): requests and their moves, reports, posts to claim, and supervision.

One module per concern: `moves` (the state machines, pure), `requests`, `reports`, `posts` and
`supervision`. Only the names the GraphQL layer uses are gathered here, so that a resolver reads
`service.request(...)` beside its own field of the same name; everything else (the moves and their
refusals, records the GraphQL layer never names) is imported from the module that holds it, as code
inside graph/ and the tests do.
"""

from graph.service.posts import Post, claim_post, leave_post, posts_by_id, posts_of_community
from graph.service.reports import (
    AreaMetrics,
    UnitWhistles,
    opportunities,
    property_complaints,
    service_metrics,
    whistle_reports,
)
from graph.service.requests import (
    Event,
    Request,
    RequestPage,
    move_request,
    raise_context,
    raise_request,
    request,
    requests_along,
    requests_by_id,
    requests_in_scope,
    sort_key,
)
from graph.service.supervision import (
    AreaTally,
    OverdueFinding,
    SupervisionReport,
    TrackedWork,
    WorkTally,
    move_work,
    record_finding,
    supervision_report,
    tracked_work,
)

__all__ = [
    "AreaMetrics",
    "AreaTally",
    "Event",
    "OverdueFinding",
    "Post",
    "Request",
    "RequestPage",
    "SupervisionReport",
    "TrackedWork",
    "UnitWhistles",
    "WorkTally",
    "claim_post",
    "leave_post",
    "move_request",
    "move_work",
    "opportunities",
    "posts_by_id",
    "posts_of_community",
    "property_complaints",
    "raise_context",
    "raise_request",
    "record_finding",
    "request",
    "requests_along",
    "requests_by_id",
    "requests_in_scope",
    "service_metrics",
    "sort_key",
    "supervision_report",
    "tracked_work",
    "whistle_reports",
]
