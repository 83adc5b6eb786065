"""The API's error codes, carried in `errors[].extensions.code` (API.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from graphql import GraphQLError


class ErrorCode(StrEnum):
    NOT_FOUND = "NOT_FOUND"
    BAD_INPUT = "BAD_INPUT"
    FORBIDDEN = "FORBIDDEN"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    UNAVAILABLE = "UNAVAILABLE"
    TOO_COSTLY = "TOO_COSTLY"
    INTERNAL = "INTERNAL"


def api_error(code: ErrorCode, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code.value})


def error_payload(error: GraphQLError) -> dict[str, Any]:
    """An error as the response carries it: always with a code, never with a stack trace."""
    payload = error.formatted
    extensions = dict(payload.get("extensions") or {})
    if "code" not in extensions:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            extensions["code"] = ErrorCode.BAD_INPUT.value
        else:  # a bug of ours: say nothing of its insides
            extensions["code"] = ErrorCode.INTERNAL.value
            payload = {**payload, "message": "an unexpected error occurred"}
    return {**payload, "extensions": extensions}
