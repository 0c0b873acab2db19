"""The request reader every transport uses first: bytes in, one JSON-RPC message out, or a JSON-RPC error.

It runs before any authentication, routing or SDK work, so a hostile body costs a bounded amount of CPU and memory
and is answered, never allowed to crash the server: a size cap, a nesting cap (Python's json parser recurses and a
few thousand `[` raise RecursionError), strict UTF-8, no lone surrogates (they cannot be encoded back to UTF-8, so
neither asyncpg nor a response could carry them), no NaN/Infinity (not JSON; a reply echoing them would be
unreadable), no batches (JSON-RPC batching left MCP with 2025-06-18 and the SDK does not serve it).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from typing import Any

PARSE_ERROR = -32700
INVALID_REQUEST = -32600

DEFAULT_MAX_BYTES = 4 * 2**20  # the SDK's own request body limit
DEFAULT_MAX_DEPTH = 32  # a tools/call is 3-4 deep; arguments of the generated schemas add 2 more at most
# Arrays and objects in one message, counted in C before it is parsed: 4 MB of [] took 2 s of parsing and walking
# before any token was checked. An argument array holds at most 1,000 elements (mcp.input_schema), so no tool call
# comes near it; a bracket inside a string counts too, which only a body of bracket-filled text would notice.
DEFAULT_MAX_CONTAINERS = 20_000
MAX_INT_DIGITS = 100  # the longest integer a message may hold (a bigint has 19 digits)

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclasses.dataclass
class BadMessage(Exception):
    """A message refused at the edge: a JSON-RPC error code, a reason, and the HTTP status to answer with."""

    code: int
    message: str
    status: int = 400

    def body(self, request_id: Any = None) -> bytes:
        return error_body(request_id, self.code, self.message)


@dataclasses.dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_containers: int = DEFAULT_MAX_CONTAINERS
    max_values: int = 100_000  # commas, counted before parsing (2 million numbers took 0.4 s to read)


def error_body(request_id: Any, code: int, message: str) -> bytes:
    error = {"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": message}}
    return json.dumps(error, separators=(",", ":")).encode()


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def _bounded_int(text: str) -> int:
    """Reading an integer costs time quadratic in its digits: a body of 900 integers of 4,000 digits took 71 ms of
    the event loop before any token check. No argument or id needs more than MAX_INT_DIGITS."""
    if len(text) - text.startswith("-") > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(text)} characters is over the limit of {MAX_INT_DIGITS} digits")
    return int(text)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _nests_deeper(value: Any, limit: int) -> bool:
    """Whether the parsed message has arrays or objects more than `limit` levels deep. Walked on the parsed value, in
    time linear in its size: scanning the text for brackets outside strings took time quadratic in a body of escaped
    quotes after an unclosed one (a 40 KB body held the event loop for 7 s)."""
    level: list[tuple[Any, int]] = [(value, 1)]
    while level:
        node, depth = level.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        level.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


DEFAULT_LIMITS = Limits()
# One decoder for every message: json.loads(text, parse_float=...) would build a new one each time. A Python callback
# reads each number (0.2-0.3 us): bounded by max_values. Choosing a C decoder with a regex for unusual numbers first
# cost more than it saved: 0.8 s for a 4 MB string of digit runs.
_DECODER = json.JSONDecoder(parse_float=_finite, parse_int=_bounded_int, parse_constant=_no_constant)


def read_message(raw: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The parsed message (a JSON object), or BadMessage saying why not."""
    if len(raw) > limits.max_bytes:
        # What arrived may be cut at the limit: the size read is not the message's.
        raise BadMessage(INVALID_REQUEST, f"message is over the {limits.max_bytes}-byte limit", 413)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise BadMessage(PARSE_ERROR, "message is not UTF-8") from None
    containers = text.count("[") + text.count("{")
    if containers > limits.max_containers:
        raise BadMessage(INVALID_REQUEST, f"message holds more than {limits.max_containers} arrays and objects")
    if text.count(",") > limits.max_values:  # the largest argument, a raw vector, holds 16,000
        raise BadMessage(INVALID_REQUEST, f"message holds more than {limits.max_values} values")
    too_deep = BadMessage(INVALID_REQUEST, f"message nests deeper than {limits.max_depth} levels")
    try:
        message = _DECODER.decode(text)  # the C parser: linear, and a RecursionError past ~1,000 levels
    except RecursionError:
        raise too_deep from None
    except ValueError as exc:
        raise BadMessage(PARSE_ERROR, f"invalid JSON: {str(exc)[:120]}") from None
    # Counting brackets is C-speed; only a message with more of them than the limit can nest that deep.
    if containers > limits.max_depth and _nests_deeper(message, limits.max_depth):
        raise too_deep
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(message, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise BadMessage(PARSE_ERROR, "message contains a lone UTF-16 surrogate") from None
    if isinstance(message, list):
        raise BadMessage(INVALID_REQUEST, "JSON-RPC batches are not supported; send one message at a time")
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
        raise BadMessage(INVALID_REQUEST, "not a JSON-RPC 2.0 message")
    if "method" in message and "id" in message and not valid_id(message["id"]):
        # Neither a request (MCP: a string or integer id) nor a notification (no id): left alone, it got no answer.
        raise BadMessage(INVALID_REQUEST, "a request's id is a string or an integer (a notification has none)")
    return message


def valid_id(request_id: Any) -> bool:
    """A JSON-RPC id MCP allows: a string or an integer (not a boolean, not a float, not null)."""
    return isinstance(request_id, int | str) and not isinstance(request_id, bool)


def request_id_of(message: Any) -> Any:
    """The id to answer with: the message's own when it is a valid JSON-RPC id, else null."""
    request_id = message.get("id") if isinstance(message, dict) else None
    return request_id if valid_id(request_id) else None


FRESH_META_KEY = "fresh"  # tools/call with "_meta": {"fresh": true} bypasses the result cache


def wants_fresh(meta: Any) -> bool:
    """The one reading of a tools/call's _meta the shim acts on."""
    return isinstance(meta, dict) and bool(meta.get(FRESH_META_KEY))


class InFlight:
    """Calls being answered by a fast path, by (session, request id), so notifications/cancelled can reach them."""

    def __init__(self):
        self.tasks: dict[tuple[Any, Any], Any] = {}
        self.cancelled: set[Any] = set()

    def add(self, key: tuple[Any, Any], task) -> bool:
        if key in self.tasks:
            return False  # a duplicate id is the SDK's to answer
        self.tasks[key] = task
        return True

    def done(self, key: tuple[Any, Any] | None, task) -> None:
        """The task is answered; key: what it was added as, None if it was not."""
        if key is not None and self.tasks.get(key) is task:
            del self.tasks[key]
        self.cancelled.discard(task)

    def cancel(self, task) -> None:
        """Cancel for the client: a notifications/cancelled, its hang-up or its session's end."""
        if task is not None and task not in self.cancelled:
            self.cancelled.add(task)
            task.cancel()

    def cancel_from(self, session: Any, message: dict) -> None:
        params = message.get("params")
        if isinstance(params, dict) and valid_id(params.get("requestId")):  # an array id is no key (nor an id)
            self.cancel(self.tasks.get((session, params["requestId"])))

    def cancel_session(self, session: Any) -> None:
        for (owner, _), task in list(self.tasks.items()):
            if owner == session:
                self.cancel(task)

    def by_client(self, task) -> bool:
        """Whether the task was cancelled by a notifications/cancelled (not by shutdown)."""
        return task in self.cancelled
