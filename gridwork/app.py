"""The web application: GraphQL (and GraphiQL) at /graphql, health, readiness and metrics.

`create_app` opens one Neo4j driver for the life of the process and closes it on shutdown.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from cross_web import HTTPException
from prometheus_client import make_asgi_app
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph.constraints import ensure_constraints
from graph.driver import Graph, GraphUnavailable, open_graph
from gridwork import graphiql
from gridwork.settings import Settings
from schema.context import Context, make_context
from schema.permissions import TokenError, viewer_from_header
from schema.root import SCHEMA

log = logging.getLogger("gridwork")


class GridworkGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI app with our typed context: the viewer from the bearer token, fresh loaders."""

    def __init__(self, graph: Graph, secret: str | None, ide_page: str | None) -> None:
        super().__init__(SCHEMA)
        self.graph = graph
        self.secret = secret
        self.ide_page = ide_page

    def encode_json(self, data: object) -> str:
        """UTF-8 JSON: names stay readable Chinese text in responses, not \\u escapes."""
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @property
    def graphql_ide_html(self) -> str:
        return self.ide_page if self.ide_page is not None else super().graphql_ide_html

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        try:
            viewer = viewer_from_header(request.headers.get("authorization"), self.secret)
        except TokenError as error:
            raise HTTPException(401, str(error)) from None
        return make_context(self.graph, viewer)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    graph = open_graph(settings.neo4j)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            await graph.ping()
            await ensure_constraints(graph)
        except GraphUnavailable as error:  # the API still starts; /readyz says why it is not ready
            log.warning("could not check constraints at start: %s", error)
        yield
        await graph.close()

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            await graph.ping()
        except GraphUnavailable as error:
            return JSONResponse({"status": "unavailable", "reason": str(error)}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": graph.uri})

    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Mount("/metrics", make_asgi_app()),
    ]
    ide_page = None
    if graphiql.available(settings.graphiql_assets):
        ide_page = graphiql.local_page()
        routes.append(Mount(graphiql.ROUTE, StaticFiles(directory=settings.graphiql_assets)))
    graphql = GridworkGraphQL(graph, settings.secret_value(), ide_page)
    routes.append(Route("/graphql", graphql, methods=["GET", "POST"]))
    return Starlette(routes=routes, lifespan=lifespan)
