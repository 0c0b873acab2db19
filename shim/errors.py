"""Typed tool errors: what a client (often a language model) needs to correct itself, and nothing more.

A PostgreSQL error becomes a code chosen by its SQLSTATE, plus the server's message, detail and hint. No stack
trace, no SQL text, nothing of another request ever goes into a reply.

Messages quote arguments (PostgreSQL's "invalid input syntax for type date: ...", jsonschema's "'...' is too long"),
so every text field of a reply is cut to FIELD_MAX_CHARS in payload(), the one place replies are made: a 3 MB
argument gets a short error (its start and end, and how long the text was), never an echo of itself."""

from __future__ import annotations

import dataclasses
from typing import Any

import asyncpg

# The longest text each field of a reply may carry (the cut marker included). Messages and details quote arguments;
# hints are mostly the package's own guidance (valid values, what to do instead: up to ~400 characters today);
# a field names an argument.
FIELD_MAX_CHARS = {"message": 500, "detail": 500, "hint": 1000, "field": 100}
MAX_FIELD_CHARS = 500  # any other text field
NAME_CHARS = FIELD_MAX_CHARS["field"]  # a name the caller sent (a tool, a prompt, an argument, an id), quoted back
TIMEOUT_HINT = "narrow the request (a shorter period, fewer rows)"
LOCK_HINT = "another transaction (a migration, a long write) holds what this call needs: try again shortly"

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
    "55P03": "RETRYABLE_CONFLICT",  # lock_not_available: lock_timeout (--lock-timeout-ms), not the call's own work
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

# Every code a reply may carry (README's error table lists exactly these; tests/docs checks both ways): the SQLSTATE
# mappings', the fallback and those the shim gives itself. A call the client cancelled has a code no reply carries:
# its log line and mcp_tool_errors_total{code} do.
ERROR_CODES = frozenset(
    {*SQLSTATE_CODES.values(), *SQLSTATE_CLASSES.values(), "DATABASE_ERROR", "SERVER_BUSY", "INTERNAL_ERROR"}
)
CANCELLED = "CANCELLED"


@dataclasses.dataclass
class ToolError(Exception):
    code: str
    message: str
    detail: str | None = None
    hint: str | None = None
    field: str | None = None
    sqlstate: str | None = None

    def payload(self) -> dict[str, Any]:
        body = {
            k: cap(v, FIELD_MAX_CHARS.get(k, MAX_FIELD_CHARS))
            for k, v in dataclasses.asdict(self).items()
            if v is not None
        }
        return {"error": body}


def cap(value: Any, limit: int = MAX_FIELD_CHARS) -> Any:
    """A string of at most `limit` characters. A longer one keeps its start and its end, which is where a message
    says what is wrong with the value it quotes ("'xxx...' is too long"), and says how long it was in between."""
    if not isinstance(value, str) or len(value) <= limit:
        return value
    cut = f" … ({len(value)} characters) … "
    tail = limit // 5
    head = max(limit - len(cut) - tail, 0)
    return value[:head] + cut + value[len(value) - tail :]


RETRY_HINT = "retry in a few seconds"


def code_for_sqlstate(sqlstate: str | None) -> str:
    if not sqlstate:
        return "DATABASE_ERROR"
    return SQLSTATE_CODES.get(sqlstate) or SQLSTATE_CLASSES.get(sqlstate[:2], "DATABASE_ERROR")


def from_postgres(exc: asyncpg.PostgresError) -> ToolError:
    """The tool error for a PostgreSQL error. `field` is the error's column: an API function names the argument it
    rejects that way (RAISE ... USING COLUMN = 'store_name'). A constraint of a domain (an argument's type, e.g. a
    range) refused the value: that is a bad argument, VALIDATION_ERROR, not a broken table constraint."""
    sqlstate = getattr(exc, "sqlstate", None)
    code = code_for_sqlstate(sqlstate)
    if code == "CONSTRAINT_VIOLATION" and _domain_violation(exc):
        code = "VALIDATION_ERROR"
    hint = getattr(exc, "hint", None)
    if code == "QUERY_TIMEOUT" and not hint:  # statement_timeout says only "canceling statement due to ..."
        hint = TIMEOUT_HINT
    if sqlstate == "55P03" and not hint:
        hint = LOCK_HINT
    if code == "DATABASE_UNAVAILABLE" and not hint:  # a shutdown or lost connection: the next attempt may well work
        hint = RETRY_HINT
    return ToolError(
        code=code,
        message=str(getattr(exc, "message", None) or exc),
        detail=getattr(exc, "detail", None),
        hint=hint,
        field=getattr(exc, "column_name", None) or None,
        sqlstate=sqlstate,
    )


def _domain_violation(exc: asyncpg.PostgresError) -> bool:
    """A CHECK or NOT NULL of a domain: PostgreSQL names the data type and no table (a table's constraint names the
    table). Which argument had the value it cannot say; the tool's JSON Schema, made from the same CHECKs, names it
    before the database is asked."""
    return bool(getattr(exc, "data_type_name", None)) and not getattr(exc, "table_name", None)
