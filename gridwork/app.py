"""The web application: GraphQL over HTTP (and GraphiQL) at /graphql, health, readiness and metrics.

`create_app` opens one Neo4j driver for the life of the process and closes it on shutdown. /graphql
follows the GraphQL-over-HTTP specification (both `application/json` and
`application/graphql-response+json`); every refusal is GraphQL-shaped JSON with a code, so GraphiQL
shows it as it is. What a request may ask is checked before it runs (limits, then the role's access
rule); when more requests arrive than the process can serve, the surplus gets a 503 at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import orjson
from graphql import GraphQLError
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.http.ides import get_graphql_ide_html

from graph import audit
from graph.constraints import ensure_constraints
from graph.driver import API, Graph, GraphUnavailable, open_graph
from gridwork import graphiql, logs
from gridwork.settings import Settings, secret_problem
from schema.context import make_context
from schema.errors import REQUEST_ID, ErrorCode, error_payload, log_internal
from schema.execution import GraphQLRequest, GraphQLResult, Outcome, run_graphql
from schema.limits import QueryLimits, before_parsing, check_variables, limit_rules
from schema.permissions import Authenticator, TokenError, Viewer, access_rule, authenticator

log = logging.getLogger("gridwork")
# Answers larger than this are sent gzip-compressed to clients that accept it.
COMPRESS_FROM_BYTES = 4096

JSON = "application/json"
GRAPHQL_JSON = "application/graphql-response+json"


class SettingsError(RuntimeError):
    """Settings the API cannot start with; the message is one line saying what to set."""


class Refusal(Exception):
    """A request refused before GraphQL runs: an HTTP status and a GraphQL-shaped error."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        extensions: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.extensions, self.headers = extensions, headers

    def response(self, media: str = JSON) -> Response:
        error = {"message": self.message, "extensions": {"code": self.code.value, **(self.extensions or {})}}
        return _json(orjson.dumps({"errors": [error]}), self.status, media, self.headers)


def _json(body: bytes, status: int, media: str, headers: Mapping[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type=f"{media}; charset=utf-8", headers=headers)


def response_media(accept: str | None) -> str | None:
    """The media type to answer with (the specification's own first), or None if the client takes neither."""
    if not accept:
        return JSON
    offered = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if GRAPHQL_JSON in offered:
        return GRAPHQL_JSON
    if offered & {JSON, "*/*", "application/*"}:
        return JSON
    return None


class Gate:
    """At most `concurrent` requests run; `queue` more wait up to `seconds`; the rest are refused."""

    def __init__(self, concurrent: int, queue: int, seconds: float) -> None:
        self.slots = asyncio.Semaphore(concurrent)
        self.queue = queue
        self.seconds = seconds
        self.waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.slots.locked():
            await self._wait()
        else:  # a free slot is taken at once (a wait of 0 s would refuse even that)
            await self.slots.acquire()
        try:
            yield
        finally:
            self.slots.release()

    async def _wait(self) -> None:
        if self.waiting >= self.queue:
            raise self._full()
        self.waiting += 1
        try:
            await asyncio.wait_for(self.slots.acquire(), self.seconds)
        except TimeoutError:
            raise self._full() from None
        finally:
            self.waiting -= 1

    def _full(self) -> Refusal:
        logs.SHED.inc()
        return Refusal(
            503,
            ErrorCode.UNAVAILABLE,
            "the server is busy: try again in a second",
            headers={"Retry-After": "1"},
        )


@dataclass
class GraphQLEndpoint:
    graph: Graph
    auth: Authenticator
    limits: QueryLimits
    settings: Settings
    gate: Gate
    ide_page: str

    async def handle(self, request: Request) -> Response:
        started = time.perf_counter()
        response = await self._answer(request)
        logs.GRAPHQL_SECONDS.labels(
            operation=getattr(request.state, "operation", "none"),
            outcome=getattr(request.state, "outcome", "none"),
        ).observe(time.perf_counter() - started)
        return response

    async def _answer(self, request: Request) -> Response:
        media = response_media(request.headers.get("accept"))
        if request.method == "GET" and "query" not in request.query_params and _wants_html(request):
            return HTMLResponse(self.ide_page)
        try:
            if media is None:
                raise Refusal(406, ErrorCode.BAD_INPUT, f"answers are {GRAPHQL_JSON} or {JSON}: accept one")
            graphql_request = await self._read(request)
            viewer = await self._viewer(request)
            refused = before_parsing(graphql_request.query, self.limits) or check_variables(
                graphql_request.query, graphql_request.variables, self.limits
            )
            if refused is not None:
                return self._request_error(request, refused, media)
            async with self.gate.slot():
                result = await self._run(graphql_request, viewer, request.method == "POST")
        except Refusal as refusal:
            request.state.outcome = f"refused:{refusal.code.value}"
            logs.GRAPHQL_ERRORS.labels(code=refusal.code.value).inc()
            return refusal.response(media or JSON)
        return self._respond(request, graphql_request, viewer, result, media)

    async def _read(self, request: Request) -> GraphQLRequest:
        if request.method == "GET":
            params: Mapping[str, Any] = {
                "query": request.query_params.get("query"),
                "operationName": request.query_params.get("operationName"),
                "variables": _json_param(request.query_params.get("variables"), "variables"),
                "extensions": _json_param(request.query_params.get("extensions"), "extensions"),
            }
        else:
            params = await self._body(request)
        return _graphql_request(params)

    async def _body(self, request: Request) -> Mapping[str, Any]:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != JSON:
            raise Refusal(415, ErrorCode.BAD_INPUT, f"send the request body as {JSON}")
        body = bytearray()
        try:
            async for chunk in request.stream():
                body += chunk
                if len(body) > self.limits_body:
                    raise Refusal(
                        413,
                        ErrorCode.TOO_COSTLY,
                        f"the request body is over the limit of {self.limits_body} bytes",
                        {"limit": self.limits_body},
                    )
        except ClientDisconnect:
            raise Refusal(400, ErrorCode.BAD_INPUT, "the client went away before the body ended") from None
        if not body:
            raise Refusal(400, ErrorCode.BAD_INPUT, 'the request body is empty: send {"query": "..."}')
        try:
            parsed = orjson.loads(bytes(body))
        except orjson.JSONDecodeError as error:
            raise Refusal(400, ErrorCode.BAD_INPUT, f"the request body is not JSON: {error}") from None
        if not isinstance(parsed, dict):
            raise Refusal(
                400, ErrorCode.BAD_INPUT, 'the request body must be a JSON object: {"query": "...", ...}'
            )
        return parsed

    @property
    def limits_body(self) -> int:
        return self.settings.limits.body_bytes

    async def _viewer(self, request: Request) -> Viewer | None:
        """The caller, or None for a request without a valid token (which may still introspect)."""
        header = request.headers.get("authorization")
        try:
            if self.auth.keys is not None:  # fetching the provider's keys (rarely) blocks: not on the loop
                return await run_in_threadpool(self.auth.viewer, header)
            return self.auth.viewer(header)
        except TokenError as error:
            if self.settings.introspection != "anyone":
                raise _unauthenticated(str(error)) from None
            request.state.token_problem = str(error)
            return None

    async def _run(self, request: GraphQLRequest, viewer: Viewer | None, posted: bool) -> GraphQLResult:
        rules = (
            *limit_rules(self.limits),
            access_rule(viewer.role if viewer else None, self.settings.introspection),
        )
        context = make_context(self.graph, viewer or Viewer())
        try:
            return await run_graphql(request, context, allow_mutations=posted, rules=rules, check_roles=True)
        except Exception as error:  # a bug of ours: the client gets the request id, the log the frames
            log_internal(error)
            raise Refusal(
                500,
                ErrorCode.INTERNAL,
                f"an unexpected error occurred (request {REQUEST_ID.get()})",
                {"requestId": REQUEST_ID.get()},
            ) from None

    def _request_error(self, request: Request, error: GraphQLError, media: str) -> Response:
        payload = error_payload(error)
        request.state.outcome = Outcome.REQUEST_ERROR.value
        logs.GRAPHQL_ERRORS.labels(code=payload["extensions"]["code"]).inc()
        body = orjson.dumps({"errors": [payload]})
        return _json(body, 400 if media == GRAPHQL_JSON else 200, media)

    def _respond(
        self, request: Request, sent: GraphQLRequest, viewer: Viewer | None, result: GraphQLResult, media: str
    ) -> Response:
        operation = logs.operation_label(sent.operation_name)
        request.state.operation = operation
        request.state.outcome = result.outcome.value
        codes, data_null = _error_codes(result.body)
        for code in codes:
            logs.GRAPHQL_ERRORS.labels(code=code).inc()
        if result.outcome is Outcome.NOT_ALLOWED:
            return Refusal(
                405, ErrorCode.BAD_INPUT, "a mutation is sent with POST, not GET", headers={"Allow": "POST"}
            ).response(media)
        if viewer is None and ErrorCode.UNAUTHENTICATED.value in codes:
            return _unauthenticated(request.state.token_problem).response(media)
        if result.outcome is Outcome.REQUEST_ERROR:
            return _json(result.body, _request_error_status(codes) if media == GRAPHQL_JSON else 200, media)
        if media == GRAPHQL_JSON and data_null and codes == {ErrorCode.UNAVAILABLE.value}:
            return _json(result.body, 503, media, {"Retry-After": "5"})
        return _json(result.body, 200, media)


def _request_error_status(codes: set[str]) -> int:
    """A request refused before it ran: 403 when only permission refused it (introspection turned off),
    as the specification asks of a client "not permitted to issue the request"; 400 otherwise."""
    return 403 if codes == {ErrorCode.FORBIDDEN.value} else 400


def _unauthenticated(message: str) -> Refusal:
    return Refusal(401, ErrorCode.UNAUTHENTICATED, message, headers={"WWW-Authenticate": "Bearer"})


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


def _json_param(text: str | None, name: str) -> Any:
    if text is None or text == "":
        return None
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        raise Refusal(400, ErrorCode.BAD_INPUT, f"the {name} parameter is not JSON") from None


def _graphql_request(params: Mapping[str, Any]) -> GraphQLRequest:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise Refusal(
            400, ErrorCode.BAD_INPUT, "the request has no query: send a GraphQL document in `query`"
        )
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise Refusal(400, ErrorCode.BAD_INPUT, "`variables` must be a JSON object (or null)")
    operation = params.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise Refusal(400, ErrorCode.BAD_INPUT, "`operationName` must be a string (or null)")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise Refusal(400, ErrorCode.BAD_INPUT, "`extensions` must be a JSON object (or null)")
    return GraphQLRequest(query=query, variables=variables, operation_name=operation)


def _error_codes(body: bytes) -> tuple[set[str], bool]:
    """The codes of a response's errors, and whether its data is null (errors are rare: read only then)."""
    if b'"errors"' not in body:
        return set(), False
    try:
        parsed = orjson.loads(body)
    except orjson.JSONDecodeError:
        return set(), False
    codes = {str((e.get("extensions") or {}).get("code")) for e in parsed.get("errors", [])}
    return codes, "data" in parsed and parsed["data"] is None


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    problem = secret_problem(settings)
    if problem is not None and not settings.dev:
        raise SettingsError(problem)
    graph = open_graph(settings.neo4j, replace(API, transaction_timeout=settings.limits.statement_seconds))
    auth = authenticator(
        settings.secret_value(),
        jwks_url=settings.jwks_url,
        issuer=settings.issuer,
        audience=settings.audience,
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            await graph.ping()
            await ensure_constraints(graph)
            await audit.ensure_index(graph)
        except GraphUnavailable as error:  # the API still starts; /readyz says it is not ready
            log.warning("could not check constraints at start: %s", error)
        try:
            yield
        finally:
            await graph.close()

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            await graph.ping()
        except GraphUnavailable as error:  # the reason names the database's address: for the log only
            log.warning("not ready: %s", error)
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    async def metrics(request: Request) -> Response:
        if not settings.metrics_public:
            try:
                auth.viewer(request.headers.get("authorization"))
            except TokenError as error:
                return _unauthenticated(str(error)).response()
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    limits = settings.limits
    endpoint = GraphQLEndpoint(
        graph=graph,
        auth=auth,
        limits=QueryLimits(
            document_bytes=limits.document_bytes,
            tokens=limits.tokens,
            depth=limits.depth,
            aliases=limits.aliases,
            ids=limits.ids,
            page_size=limits.page_size,
            cost=limits.cost,
        ),
        settings=settings,
        gate=Gate(limits.concurrent, limits.queue, limits.queue_seconds),
        ide_page=graphiql.local_page()
        if graphiql.available(settings.graphiql_assets)
        else get_graphql_ide_html(),
    )
    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        Route("/metrics/", metrics),
        Route("/graphql", endpoint.handle, methods=["GET", "POST"]),
    ]
    if graphiql.available(settings.graphiql_assets):
        routes.append(Mount(graphiql.ROUTE, StaticFiles(directory=settings.graphiql_assets)))
    middleware = [Middleware(logs.RequestContext)]
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept", "X-Request-ID"],
                expose_headers=["X-Request-ID"],
                max_age=600,
            )
        )
    # Large answers (a district's tree) shrink tenfold; a fast level, since the CPU is the API's own.
    middleware.append(Middleware(GZipMiddleware, minimum_size=COMPRESS_FROM_BYTES, compresslevel=3))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def app_from_environment() -> Starlette:
    """The app as `gridwork serve` runs it in each worker: settings from the environment, logs set up."""
    settings = Settings()
    logs.configure(settings.log_format, settings.log_level)
    return create_app(settings)
