"""Structured JSON logs and Prometheus metrics for tool calls."""

from __future__ import annotations

import json
import logging
import sys
import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LOG = logging.getLogger("mcp_shim")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, message and whatever the call site put in `extra={"fields": ...}`."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "msg": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)  # stdout is the MCP channel on stdio
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("mcp", "uvicorn.access", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class Metrics:
    def __init__(self):
        self.registry = CollectorRegistry()
        self.calls = Counter(
            "mcp_tool_calls_total", "Tool calls by tool and outcome", ["tool", "outcome"], registry=self.registry
        )
        self.errors = Counter("mcp_tool_errors_total", "Tool errors by code", ["code"], registry=self.registry)
        self.latency = Histogram(
            "mcp_tool_call_seconds",
            "Tool call latency",
            ["tool"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.pool_in_use = Gauge(
            "mcp_db_pool_connections_in_use", "Pool connections checked out", registry=self.registry
        )
        self.pool_size = Gauge("mcp_db_pool_connections", "Pool connections open", registry=self.registry)
        self.tools = Gauge("mcp_tools_loaded", "Tools currently served", registry=self.registry)
        self.reloads = Counter(
            "mcp_catalog_reloads_total", "Catalog reloads by outcome", ["outcome"], registry=self.registry
        )

    def observe_call(self, tool: str, seconds: float, error_code: str | None) -> None:
        self.calls.labels(tool, "error" if error_code else "ok").inc()
        self.latency.labels(tool).observe(seconds)
        if error_code:
            self.errors.labels(error_code).inc()

    def render(self, pool) -> bytes:
        if pool is not None:
            size = pool.get_size()
            self.pool_size.set(size)
            self.pool_in_use.set(size - pool.get_idle_size())
        return generate_latest(self.registry)
