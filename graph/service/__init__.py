"""The service platform (365): requests and their moves, reports, posts to claim, and supervision.

One module per concern: `moves` (the state machines, pure), `requests`, `reports`, `posts` and
`supervision`. The names the GraphQL layer uses are gathered here, so that a resolver reads
`service.request(...)` whichever module holds it; code inside graph/ imports the module itself.
"""

from graph.service.moves import Move, Refusal, ServiceError
from graph.service.posts import Holder, Post, claim_post, leave_post, posts_by_id, posts_of_community
from graph.service.reports import (
    AreaMetrics,
    CompanyComplaints,
    Opportunity,
    UnitWhistles,
    WhistleReport,
    opportunities,
    property_complaints,
    service_metrics,
    whistle_reports,
)
from graph.service.requests import (
    Dispatch,
    Event,
    RaiseContext,
    Request,
    RequestPage,
    move_request,
    raise_context,
    raise_request,
    request,
    request_hours,
    requests_along,
    requests_by_id,
    requests_in_scope,
    sort_key,
)
from graph.service.supervision import (
    AreaTally,
    OverdueFinding,
    ResponsibleTally,
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
    "CompanyComplaints",
    "Dispatch",
    "Event",
    "Holder",
    "Move",
    "Opportunity",
    "OverdueFinding",
    "Post",
    "RaiseContext",
    "Refusal",
    "Request",
    "RequestPage",
    "ResponsibleTally",
    "ServiceError",
    "SupervisionReport",
    "TrackedWork",
    "UnitWhistles",
    "WhistleReport",
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
    "request_hours",
    "requests_along",
    "requests_by_id",
    "requests_in_scope",
    "service_metrics",
    "sort_key",
    "supervision_report",
    "tracked_work",
    "whistle_reports",
]
