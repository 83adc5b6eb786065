"""The root Query: one mixin class per domain, assembled here and nowhere else."""

from __future__ import annotations

import strawberry

from schema.queries.areas import AreaQueries
from schema.queries.audit import AuditQueries
from schema.queries.history import HistoryQueries
from schema.queries.lists import ListQueries
from schema.queries.planning import PlanningQueries
from schema.queries.practice import PracticeQueries
from schema.queries.requests import RequestQueries
from schema.queries.search import SearchQueries


@strawberry.type(
    description="What can be read (查询): areas, people, organisations, lists, search, planning, service "
    "work and history."
)
class Query(
    AreaQueries,
    AuditQueries,
    HistoryQueries,
    ListQueries,
    PlanningQueries,
    PracticeQueries,
    RequestQueries,
    SearchQueries,
):
    pass
