"""Structured JSON logs and Prometheus metrics for tool calls."""

from __future__ import annotations

import collections
import json
import logging
import statistics
import sys
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LOG = logging.getLogger("mcp_shim")


def log(level: str, msg: str, **fields) -> None:
    """A JSON log line with these fields (level: debug, info, warning, error or exception)."""
    getattr(LOG, level)(msg, extra={"fields": fields})


def _line(created: float, level: str, msg: str, fields: dict) -> str:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(created % 1 * 1000):03d}Z"
    return json.dumps({"ts": stamp, "level": level, "msg": msg, **fields}, ensure_ascii=False, default=str)


def log_fields(level: int, msg: str, fields: dict) -> None:
    """LOG.log(level, msg, extra={"fields": fields}), the same JSON line, without the logging framework's
    per-record machinery when our own handler is installed: it is written once per tool call."""
    if not LOG.isEnabledFor(level):
        return
    handler = _JSON_HANDLER
    if handler is None or logging.getLogger().handlers != [handler] or LOG.handlers:
        LOG.log(level, msg, extra={"fields": fields})
        return
    handler.stream.write(_line(time.time(), logging.getLevelName(level).lower(), msg, fields) + "\n")
    handler.stream.flush()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, message and whatever the call site put in `extra={"fields": ...}`."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {})
        if record.exc_info:
            fields = {**fields, "exception": self.formatException(record.exc_info)}
        return _line(record.created, record.levelname.lower(), record.getMessage(), fields)


_JSON_HANDLER: logging.StreamHandler | None = None


def setup_logging(level: str = "INFO") -> None:
    global _JSON_HANDLER
    handler = logging.StreamHandler(sys.stderr)  # stdout is the MCP channel on stdio
    handler.setFormatter(JsonFormatter())
    _JSON_HANDLER = handler
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("mcp", "uvicorn.access", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
LEAN_CALLS = "tools/call requests answered by the lean path (HTTP or stdio); the others by the SDK"
DROPPED = "HTTP connections dropped: late_request, unread_response, unsent_budget (shim/http_protocol.py)"
PICKS = "Connections handed to calls since start, by how: another role's makes PostgreSQL plan the tool again"
METRICS = {  # attribute: (kind, name, help, labels), in the order /metrics lists them
    "calls": (Counter, "mcp_tool_calls_total", "Tool calls by tool and outcome", ("tool", "outcome")),
    "errors": (Counter, "mcp_tool_errors_total", "Tool errors by code", ("code",)),
    "latency": (Histogram, "mcp_tool_call_seconds", "Tool call latency", ("tool",)),
    "pool_in_use": (Gauge, "mcp_db_pool_connections_in_use", "Connections running calls", ()),
    "pool_size": (Gauge, "mcp_db_pool_connections", "Pool connections open", ()),
    "pool_waiting": (Gauge, "mcp_db_pool_waiting_calls", "Calls waiting for a pool connection (saturation)", ()),
    "pool_picks": (Gauge, "mcp_db_pool_picks", PICKS, ("how",)),
    "tools": (Gauge, "mcp_tools_loaded", "Tools currently served", ()),
    "reloads": (Counter, "mcp_catalog_reloads_total", "Catalog reloads by outcome", ("outcome",)),
    "lean_calls": (Counter, "mcp_lean_calls_total", LEAN_CALLS, ()),
    "dropped_connections": (Counter, "mcp_http_connections_dropped_total", DROPPED, ("reason",)),
    "unsent_bytes": (Gauge, "mcp_http_unsent_bytes", "Bytes of answers waiting for their clients to read them", ()),
    "replica_calls": (Counter, "mcp_replica_calls_total", "Read-only calls sent to a replica", ("replica",)),
    "replica_fallbacks": (Counter, "mcp_replica_fallbacks_total", "Read-only calls sent to the primary", ("reason",)),
    "replica_usable": (Gauge, "mcp_replica_usable", "1 while a replica takes read-only calls", ("replica",)),
    "replica_lag": (Gauge, "mcp_replica_lag_seconds", "Replica lag behind the primary (-1: unknown)", ("replica",)),
    "cache_hits": (Counter, "mcp_cache_hits_total", "Result cache hits", ("tool",)),
    "cache_misses": (Counter, "mcp_cache_misses_total", "Result cache misses", ("tool",)),
    "cache_evictions": (Gauge, "mcp_cache_evictions", "Entries evicted to stay within bounds", ()),
    "cache_bytes": (Gauge, "mcp_cache_bytes", "Bytes held by the result cache", ()),
    "cache_entries": (Gauge, "mcp_cache_entries", "Entries in the result cache", ()),
    "job_runs": (Counter, "mcp_job_runs_total", "Scheduled database jobs run, by outcome", ("job", "outcome")),
    "job_latency": (Histogram, "mcp_job_seconds", "Scheduled database job duration", ("job",)),
    "job_last_ok": (Gauge, "mcp_job_last_success_timestamp_seconds", "When a job last succeeded (Unix time)", ("job",)),
    "job_result": (Gauge, "mcp_job_last_result", "A job's last numeric result (the fold: changes folded)", ("job",)),
}


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        for attribute, (kind, name, text, labels) in METRICS.items():
            extra = {"buckets": LATENCY_BUCKETS} if kind is Histogram else {}
            setattr(self, attribute, kind(name, text, labels, registry=self.registry, **extra))
        self._call_children: dict[tuple[str, str | None], tuple] = {}

    def observe_call(self, tool: str, seconds: float, error_code: str | None) -> None:
        # The labelled children, kept per (tool, code): labels() takes a lock and builds its key on every call.
        children = self._call_children.get((tool, error_code))
        if children is None:
            outcome = "error" if error_code else "ok"
            errors = self.errors.labels(error_code) if error_code else None
            children = self._call_children[tool, error_code] = (
                self.calls.labels(tool, outcome),
                self.latency.labels(tool),
                errors,
            )
        calls, latency, errors = children
        calls.inc()
        latency.observe(seconds)
        if errors is not None:
            errors.inc()

    def render(self, pool, cache=None, summary: PerformanceSummary | None = None, queue=None) -> bytes:
        """The registry's text; `queue` is the call queue (shim/connections.py CallQueue), when there is a pool."""
        if pool is not None:  # open connections include those the call queue keeps idle (shim/connections.py CallQueue)
            self.pool_size.set(pool.get_size())
        self.pool_in_use.set(queue.in_use if queue else 0)
        self.pool_waiting.set(queue.waiting if queue else 0)
        for how, count in (queue.choices if queue else {}).items():
            self.pool_picks.labels(how).set(count)
        if cache is not None:
            self.cache_evictions.set(cache.evictions)
            self.cache_bytes.set(cache.bytes)
            self.cache_entries.set(len(cache))
        text = generate_latest(self.registry)
        return text + (summary.prometheus().encode() if summary else b"")


class PerformanceSummary:
    """Per tool: count, mean, p50, p95, max and slow calls (the design document's QueryPerformanceMonitor).
    Percentiles come from the last `window` calls of each tool, so memory stays bounded."""

    def __init__(self, slow_ms: float = 1000, window: int = 2000):
        self.slow_ms = slow_ms
        self._recent: dict[str, collections.deque] = collections.defaultdict(lambda: collections.deque(maxlen=window))
        self._count: collections.Counter = collections.Counter()
        self._total: collections.Counter = collections.Counter()
        self._max: dict[str, float] = {}
        self._slow: collections.Counter = collections.Counter()

    def record(self, tool: str, seconds: float) -> bool:
        """Count a call; True when it was slow."""
        ms = seconds * 1000
        self._recent[tool].append(ms)
        self._count[tool] += 1
        self._total[tool] += ms
        self._max[tool] = max(self._max.get(tool, 0.0), ms)
        slow = ms >= self.slow_ms
        self._slow[tool] += slow
        return slow

    def summary(self) -> dict:
        out = {}
        for tool in sorted(self._count):
            recent = sorted(self._recent[tool])
            out[tool] = {
                "count": self._count[tool],
                "mean_ms": round(self._total[tool] / self._count[tool], 2),
                "p50_ms": round(statistics.median(recent), 2),
                "p95_ms": round(recent[min(len(recent) - 1, int(len(recent) * 0.95))], 2),
                "max_ms": round(self._max[tool], 2),
                "slow_calls": self._slow[tool],
            }
        return {"slow_threshold_ms": self.slow_ms, "tools": out}

    def prometheus(self) -> str:
        lines = []
        for stat in ("count", "mean_ms", "p50_ms", "p95_ms", "max_ms", "slow_calls"):
            lines.append(f"# TYPE mcp_tool_summary_{stat} gauge")
            for tool, values in self.summary()["tools"].items():
                lines.append(f'mcp_tool_summary_{stat}{{tool="{tool}"}} {values[stat]}')
        return "\n".join(lines) + "\n"
