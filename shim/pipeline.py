"""One tool call, whoever asks: validate → cache → execute → result, timed, counted and logged.

Pipeline.call is the one entry: the SDK's tools/call handler, both fast paths (shim/lean_http.py, shim/lean_stdio.py)
and the tests call it, and it always returns a result (an error is a result with isError), never raises but for a
cancellation."""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any

from shim import cache as result_cache
from shim.calls import RawResult
from shim.catalog import ToolSpec
from shim.errors import CANCELLED, NAME_CHARS, ToolError, cap
from shim.observability import LOG, Metrics, PerformanceSummary, log, log_fields


class Pipeline:
    def __init__(self, database, cache, metrics: Metrics, slow_call_ms: int):
        self.database, self.cache, self.metrics = database, cache, metrics
        self.performance = PerformanceSummary(slow_call_ms)

    async def call(
        self,
        tool: ToolSpec,
        arguments: Any,
        identity: str | None,
        request_id: str,
        fresh=False,
        path="sdk",
        notify=None,
    ) -> RawResult:
        """One call, timed, counted and logged (`path`: which transport path answered it, "sdk" or "lean").
        `notify(level, fields)` also sends the call's log record to the client (logging/setLevel)."""
        started = time.perf_counter()
        code, outcome = None, "ok"
        record = None
        try:
            result = await self._result(tool, arguments, identity, request_id, fresh)
            if result.is_error:
                code, outcome = result.error_code, "error"
            return result
        except BaseException:
            outcome, code = "cancelled", CANCELLED
            raise
        finally:
            elapsed = time.perf_counter() - started
            self.metrics.observe_call(tool.name, elapsed, code)
            slow = self.performance.record(tool.name, elapsed)
            level = logging.WARNING if slow else logging.INFO
            if LOG.isEnabledFor(level) or notify is not None:
                fields = {
                    "request_id": cap(request_id, NAME_CHARS),  # a client's id may be any length: a log line not
                    "tool": tool.name,
                    "identity": identity,
                    "outcome": outcome,
                    "code": code,
                    "duration_ms": round(elapsed * 1000, 2),
                    "path": path,
                }
                if slow:  # a hash identifies repeated slow calls without writing the caller's arguments to the log
                    fields["call_hash"] = result_cache.cache_key(tool.name, arguments, "")[:16]
                message = "slow tool call" if slow else "tool call"
                if LOG.isEnabledFor(level):
                    log_fields(level, message, fields)
                record = ("warning" if slow else "info", {"message": message, **fields})
            if notify is not None and record is not None and outcome != "cancelled":
                with contextlib.suppress(Exception):  # a client that cannot take its log record still gets its result
                    await notify(*record)

    async def _result(self, tool: ToolSpec, arguments: Any, identity: str | None, request_id: str, fresh: bool):
        try:
            if not identity:
                raise ToolError(
                    "AUTHORIZATION_ERROR",
                    "no identity: the call was not run",
                    hint="over HTTP send a bearer token; over stdio start the server with --identity",
                )
            problem = tool.argument_error(arguments)
            if problem:
                raise problem
            if not tool.cache_ttl_s:
                return await self.database.executor.run(tool, arguments, identity)
            return await self._cached(tool, arguments, identity, fresh)
        except ToolError as exc:
            return RawResult.from_error(exc)
        except Exception:
            log("exception", "internal error in a tool call", request_id=request_id)
            return RawResult.from_error(ToolError("INTERNAL_ERROR", f"internal error; quote request id {request_id}"))

    async def _cached(self, tool: ToolSpec, arguments: Any, identity: str, fresh: bool) -> RawResult:
        """The cache sits after validation and identity: its key includes the identity, errors are never cached."""
        key = result_cache.cache_key(tool.name, arguments, identity)
        if not fresh:
            try:
                hit = await self.cache.get(key)
            except Exception as exc:  # a cache outage costs speed, never answers
                log("warning", "result cache unavailable", error=repr(exc))
                hit = None
            if hit is not None:
                self.metrics.cache_hits.labels(tool.name).inc()
                return RawResult.loads(hit)
        self.metrics.cache_misses.labels(tool.name).inc()
        clears = self.cache.clears
        result = await self.database.executor.run(tool, arguments, identity)
        if not result.is_error and self.cache.clears == clears:  # else the schema changed while it ran
            with contextlib.suppress(Exception):
                await self.cache.set(key, result.dumps(), tool.cache_ttl_s)
        return result
