"""Logs and request metrics: one line per request, with time, level and request id; never personal data.

What a client sends (variables, query texts, query strings) can carry a resident's phone or needs, so
none of it is logged: the access line holds the method, the route, the status, the time taken, the
GraphQL operation's name and outcome, and the request id that the client also gets in X-Request-ID.
uvicorn's own access log (which prints query strings) is turned off in favour of this one.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import IO, Any, Literal

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from schema.errors import REQUEST_ID

access = logging.getLogger("gridwork.access")
LogFormat = Literal["text", "json"]

HTTP_REQUESTS = Counter(
    "gridwork_http_requests", "HTTP requests answered, by route and status", ["route", "status"]
)
HTTP_SECONDS = Histogram("gridwork_http_seconds", "Time to answer an HTTP request, by route", ["route"])
GRAPHQL_SECONDS = Histogram(
    "gridwork_graphql_seconds",
    "Time to answer a GraphQL request, by operation name and outcome",
    ["operation", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
GRAPHQL_ERRORS = Counter("gridwork_graphql_errors", "Errors in GraphQL responses, by code", ["code"])
SHED = Counter("gridwork_http_shed", "GraphQL requests refused with 503 because the server was full")

# A client's X-Request-ID is kept only if it is a plain token; anything else gets a fresh id.
REQUEST_ID_FORM = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Routes are labelled by their own names, not by the path a client sent (which could hold anything).
ROUTES = ("/graphql", "/healthz", "/readyz", "/metrics", "/graphiql-assets")
# Operation names are the client's words: only plain names become metric labels, and only so many.
OPERATION_FORM = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
MAX_OPERATIONS = 200
_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    if name is None:
        return "anonymous"
    if OPERATION_FORM.fullmatch(name) is None:
        return "other"
    if name not in _operations and len(_operations) >= MAX_OPERATIONS:
        return "other"
    _operations.add(name)
    return name


def route_of(path: str) -> str:
    for route in ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "other"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id and any `extra` fields."""

    PLAIN = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()) | {
        "message",
        "request_id",
        "color_message",  # uvicorn's message again, with terminal colours
    }

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in self.PLAIN})
        if record.exc_info and record.exc_info[0] is not None:
            entry["exception"] = record.exc_info[0].__name__  # the type only: messages may echo input
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")

    def formatException(self, ei: Any) -> str:
        return f"({ei[0].__name__})"  # the type only: an exception's message may echo a client's input


def configure(log_format: LogFormat = "text", level: str = "INFO", stream: IO[str] | None = None) -> None:
    """Every logger (ours, uvicorn's, the driver's) through one handler on stderr, in one format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if log_format == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # it prints query strings; ours does not
    logging.getLogger("neo4j").setLevel(logging.ERROR)  # its warnings repeat the statements' parameters


class RequestContext:
    """ASGI middleware: a request id for each request (echoed in X-Request-ID), the access line, metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        state = scope.setdefault("state", {})  # the endpoint notes the operation and outcome here
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_of(scope["path"])
            HTTP_REQUESTS.labels(route=route, status=str(status)).inc()
            HTTP_SECONDS.labels(route=route).observe(seconds)
            access.info(
                "%s %s %d %.1fms",
                scope["method"],
                route,
                status,
                seconds * 1000,
                extra={
                    "method": scope["method"],
                    "route": route,
                    "status": status,
                    "ms": round(seconds * 1000, 1),
                    "operation": state.get("operation"),
                    "outcome": state.get("outcome"),
                },
            )
            REQUEST_ID.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if REQUEST_ID_FORM.fullmatch(text) else None
    return None
