"""The root Query: one mixin class per domain, assembled here and nowhere else."""

from __future__ import annotations

import strawberry

from schema.queries.areas import AreaQueries
from schema.queries.audit import AuditQueries
from schema.queries.planning import PlanningQueries
from schema.queries.requests import RequestQueries


@strawberry.type
class Query(AreaQueries, AuditQueries, PlanningQueries, RequestQueries):
    pass
