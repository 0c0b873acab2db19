"""Typed tool errors: what a client (often a language model) needs to correct itself, and nothing more.

A PostgreSQL error becomes a code chosen by its SQLSTATE, plus the server's message, detail and hint. No stack
trace, no SQL text, nothing of another request ever goes into a reply."""

from __future__ import annotations

import dataclasses
from typing import Any

import asyncpg

# Exact SQLSTATEs first, then the class (first two characters).
SQLSTATE_CODES = {
    "57014": "QUERY_TIMEOUT",  # query_canceled: statement_timeout (a client cancel is told apart by the caller)
    "25006": "READ_ONLY_VIOLATION",  # read_only_sql_transaction
    "42501": "AUTHORIZATION_ERROR",  # insufficient_privilege, including RLS WITH CHECK failures
    "P0002": "NOT_FOUND",  # no_data_found
    "22023": "VALIDATION_ERROR",  # invalid_parameter_value: how API functions reject bad arguments
    "57P01": "DATABASE_UNAVAILABLE",  # admin_shutdown
    "57P02": "DATABASE_UNAVAILABLE",  # crash_shutdown
    "57P03": "DATABASE_UNAVAILABLE",  # cannot_connect_now
    "40001": "RETRYABLE_CONFLICT",  # serialization_failure
    "40P01": "RETRYABLE_CONFLICT",  # deadlock_detected
}
SQLSTATE_CLASSES = {
    "22": "VALIDATION_ERROR",  # data exceptions: bad input syntax, out of range
    "23": "CONSTRAINT_VIOLATION",
    "28": "AUTHORIZATION_ERROR",
    "42": "QUERY_ERROR",  # syntax errors, unknown tables or columns
    "53": "RESOURCE_LIMIT",
    "54": "RESOURCE_LIMIT",
    "08": "DATABASE_UNAVAILABLE",
}


@dataclasses.dataclass
class ToolError(Exception):
    code: str
    message: str
    detail: str | None = None
    hint: str | None = None
    field: str | None = None
    sqlstate: str | None = None

    def payload(self) -> dict[str, Any]:
        body = {k: v for k, v in dataclasses.asdict(self).items() if v is not None}
        return {"error": body}


def code_for_sqlstate(sqlstate: str | None) -> str:
    if not sqlstate:
        return "DATABASE_ERROR"
    return SQLSTATE_CODES.get(sqlstate) or SQLSTATE_CLASSES.get(sqlstate[:2], "DATABASE_ERROR")


def from_postgres(exc: asyncpg.PostgresError) -> ToolError:
    sqlstate = getattr(exc, "sqlstate", None)
    return ToolError(
        code=code_for_sqlstate(sqlstate),
        message=str(getattr(exc, "message", None) or exc),
        detail=getattr(exc, "detail", None),
        hint=getattr(exc, "hint", None),
        sqlstate=sqlstate,
    )
